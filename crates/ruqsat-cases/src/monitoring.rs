//! The monitoring of permit holders: the art49.15 assessment of a PRP holder from the stored
//! border crossings, and the sweep of every holder that records revocation candidates (once per
//! holder, ground and period) with their evidence. Nothing is revoked here.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use ruqsat_contract::parse_application;
use ruqsat_domain::application::{Categories, Request};
use ruqsat_domain::decide::Law;
use ruqsat_domain::residence::{Assessment, Crossing, Direction, EXEMPT_15_17, Verdict, assess, parse_local_time};
use ruqsat_store::{CaseRow, HolderRow, NewCandidate, Store};
use serde_json::Value;

use crate::CaseError;
use crate::records::{
    Decided, DecisionRecord, EVIDENCE_VERSION, Evidence, PeriodEvidence, PresenceEvidence, RegistryEvidence,
};

/// A holder's assessment and what it rests on.
#[derive(Debug, Clone)]
pub struct HolderAssessment {
    /// The PRP's issue date.
    pub issued_on: NaiveDate,
    /// The minimum in force on the day of the check.
    pub min_days: u32,
    /// Crossings on record.
    pub crossings: usize,
    /// The assessment.
    pub assessment: Assessment,
}

/// What a sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepSummary {
    /// PRP holders assessed (the daily sweep: those with new crossings or due).
    pub holders: u64,
    /// New candidates recorded.
    pub new: u64,
    /// Candidates found again (already recorded).
    pub known: u64,
    /// Holders with a period undetermined for data problems.
    pub undetermined: u64,
    /// Holders exempt from art49.15.
    pub exempt: u64,
}

/// The art49.15 assessment of the holder of `case` on `as_of`; `None` when the case is not an
/// issued PRP.
pub async fn assess_holder(
    law: &Law,
    store: &Store,
    case: &CaseRow,
    as_of: NaiveDate,
) -> Result<Option<HolderAssessment>, CaseError> {
    let Some(holder) = holder_of(case)?.filter(|holder| holder.service == "prp") else {
        return Ok(None);
    };
    let Ok(issued_on) = holder.issued_on.parse::<NaiveDate>() else {
        return Ok(None);
    };
    let categories = parse_application(&case.application)
        .map_err(|error| CaseError::unreadable(case.id, "application", error))?
        .applicant
        .categories;
    let rows = store
        .crossings_of(case.iin.as_deref(), Some(case.passport_number.as_str()))
        .await?;
    let crossings: Vec<Crossing> = rows
        .iter()
        .filter_map(|row| {
            Some(Crossing {
                id: row.crossing_id.clone(),
                at: parse_local_time(&row.at)?,
                direction: direction_of(&row.direction)?,
            })
        })
        .collect();
    let min_days = law
        .parameters()
        .terms_on(as_of)
        .map_err(|error| CaseError::invalid("as_of", error.to_string()))?
        .holder_min_days;
    let assessment = assess(issued_on, categories, &crossings, as_of, min_days);
    Ok(Some(HolderAssessment {
        issued_on,
        min_days,
        crossings: crossings.len(),
        assessment,
    }))
}

/// Cases read per page when the register of permits is brought up to date.
const REGISTER_PAGE: i64 = 1_000;

/// The register row of the permit issued by `case`, if it issued one; unreadable stored data is
/// an error naming the case.
pub fn holder_of(case: &CaseRow) -> Result<Option<HolderRow>, CaseError> {
    let Some(decision) = DecisionRecord::read(case)? else {
        return Ok(None);
    };
    let Some(permit) = decision.permit.filter(|_| decision.outcome == Decided::Issue) else {
        return Ok(None);
    };
    let application =
        parse_application(&case.application).map_err(|error| CaseError::unreadable(case.id, "application", error))?;
    let exempt = application.applicant.categories.first_of(EXEMPT_15_17);
    Ok(Some(HolderRow {
        case_id: case.id,
        service: case.service.as_str().to_owned(),
        subtype: match application.request {
            Request::Trp(subtype) => Some(subtype.as_str().to_owned()),
            Request::Prp => None,
        },
        iin: case.iin.clone(),
        passport: case.passport_number.clone(),
        issued_on: permit.valid_from.to_string(),
        valid_to: permit.valid_until.map(|until| until.to_string()),
        exempt: exempt.map(|category| category.to_string()),
    }))
}

/// Adds the permits issued since the last sweep to the register (the short list of permits
/// given a number, not every case); returns how many.
pub async fn register_permits(store: &Store) -> Result<u64, CaseError> {
    let mut added = 0;
    let mut after = 0;
    loop {
        let page = store.unregistered_permits(after, REGISTER_PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut holders: Vec<HolderRow> = Vec::with_capacity(page.len());
        let mut done: Vec<i64> = Vec::with_capacity(page.len());
        for case in &page {
            match holder_of(case) {
                Ok(holder) => {
                    holders.extend(holder);
                    done.push(case.id);
                }
                // Never a blank row: the case stays out of the register (and on the list, tried
                // again at the next sweep), and the log says why.
                Err(error) => tracing::error!(case_id = case.id, error = %error, "a permit is not registered"),
            }
        }
        added += store.add_holders(&holders).await?;
        store.registered(&done).await?;
    }
    Ok(added)
}

/// Sweeps every PRP holder on `as_of`: a holder short of days in a period becomes a revocation
/// candidate (once per period) with the evidence. Incremental: the holders' presence states
/// ([`presence_candidates`]); [`sweep_full`] recomputes from every crossing.
pub async fn sweep(law: &Law, store: &Store, as_of: NaiveDate) -> Result<SweepSummary, CaseError> {
    register_permits(store).await?;
    sweep_presence(law, store, None, as_of).await
}

/// [`sweep`] from every stored crossing (`ruqsat sweep --full`): one pass over the crossings,
/// each matched to its holder (by IIN, else passport) and kept compactly (time, direction, an
/// index into one arena of ids); the holders are then assessed in parallel.
pub async fn sweep_full(law: &Law, store: &Store, as_of: NaiveDate) -> Result<SweepSummary, CaseError> {
    sweep_presence(law, store, Some(in_force(store).await?), as_of).await
}

/// The art49.15 candidates of every PRP holder in force on `as_of` and what the sweep saw, from
/// the presence states (`full`: from every crossing), without recording them.
pub async fn presence_candidates(
    law: &Law,
    store: &Store,
    as_of: NaiveDate,
    full: bool,
) -> Result<(SweepSummary, Vec<NewCandidate>), CaseError> {
    presence_candidates_folding(law, store, as_of, full, FOLD_BY_SCAN).await
}

/// [`presence_candidates`], the holders to fold read in one pass over the crossings when more
/// than `by_scan_above` (per holder otherwise).
pub async fn presence_candidates_folding(
    law: &Law,
    store: &Store,
    as_of: NaiveDate,
    full: bool,
    by_scan_above: usize,
) -> Result<(SweepSummary, Vec<NewCandidate>), CaseError> {
    let holders = in_force(store).await?;
    let min_days = min_days_on(law, as_of)?;
    if full {
        full_candidates(store, holders, as_of, min_days).await
    } else {
        incremental_candidates(store, &holders, as_of, min_days, by_scan_above).await
    }
}

fn min_days_on(law: &Law, as_of: NaiveDate) -> Result<u32, CaseError> {
    Ok(law
        .parameters()
        .terms_on(as_of)
        .map_err(|error| CaseError::invalid("as_of", error.to_string()))?
        .holder_min_days)
}

/// Holders whose state is folded again at once.
const FOLDS_AT_ONCE: usize = 16;

/// The states of the holders by case: the state (`None`: never folded or unreadable) and the
/// marks seen.
type States = HashMap<i64, (Option<ruqsat_domain::residence::presence::Presence>, i64)>;

/// The candidates from the presence states of every holder in force: the marked (or new)
/// holders are folded again from their crossings (and only they), everyone is judged from the
/// state, and the holders found short get their evidence from their crossings, as
/// [`full_candidates`] gives it.
async fn incremental_candidates(
    store: &Store,
    holders: &[HolderRow],
    as_of: NaiveDate,
    min_days: u32,
    by_scan_above: usize,
) -> Result<(SweepSummary, Vec<NewCandidate>), CaseError> {
    // The states are stamped with the day of the check that folded them.
    let now = as_of.and_time(chrono::NaiveTime::MIN).and_utc();
    let mut states: States = store
        .presence_states(now)
        .await?
        .into_iter()
        .map(|row| (row.case_id, (serde_json::from_str(&row.state).ok(), row.marks)))
        .collect();
    fold_stale(store, holders, &mut states, now, by_scan_above).await?;
    judge(store, holders, &states, as_of, min_days, false).await
}

/// The day's sweep from the presence states: only the holders with new crossings (folded
/// again), without a state, or due (their verdicts can have changed since they were last
/// judged) are judged; each gets the next day it is due (`Presence::next_change`).
async fn daily_candidates(
    store: &Store,
    as_of: NaiveDate,
    min_days: u32,
) -> Result<(SweepSummary, Vec<NewCandidate>), CaseError> {
    use ruqsat_domain::residence::presence::HORIZON_DAYS;
    let now = as_of.and_time(chrono::NaiveTime::MIN).and_utc();
    // After the full recomputation, everyone once (the minimum may have changed).
    let rejudge = store.rejudge_requested().await?;
    let due = store.presence_due(&as_of.to_string(), rejudge.is_some()).await?;
    let mut holders = Vec::with_capacity(due.len());
    let mut states: States = HashMap::with_capacity(due.len());
    for (holder, row) in due {
        states.insert(holder.case_id, (serde_json::from_str(&row.state).ok(), row.marks));
        holders.push(holder);
    }
    fold_stale(store, &holders, &mut states, now, FOLD_BY_SCAN).await?;
    let judged = judge(store, &holders, &states, as_of, min_days, true).await?;
    let horizon = as_of + chrono::Days::new(HORIZON_DAYS);
    let next: Vec<(i64, String)> = holders
        .iter()
        .map(|holder| {
            let day = match states.get(&holder.case_id) {
                Some((Some(presence), _)) if holder.exempt.is_none() => presence.next_change(as_of, min_days),
                _ => horizon,
            };
            (holder.case_id, day.to_string())
        })
        .collect();
    store.set_presence_due(&next, now).await?;
    if let Some(requested_at) = rejudge {
        store.rejudged(&requested_at).await?;
    }
    Ok(judged)
}

/// Folds again the holders of `states` marked since (or never folded, or unreadable): per
/// holder, or in one pass over the crossings when more than `by_scan_above`. The marks seen are
/// cleared after the fold (the crossings are read after them); a mark raised meanwhile stays for
/// the next sweep.
async fn fold_stale(
    store: &Store,
    holders: &[HolderRow],
    states: &mut States,
    now: chrono::DateTime<chrono::Utc>,
    by_scan_above: usize,
) -> Result<(), CaseError> {
    let stale: Vec<(HolderRow, i64)> = holders
        .iter()
        .filter(|holder| holder.exempt.is_none())
        .filter_map(|holder| match states.get(&holder.case_id) {
            Some((Some(_), 0)) => None,
            Some((_, marks)) => Some((holder.clone(), *marks)),
            None => Some((holder.clone(), 0)),
        })
        .collect();
    if stale.len() > by_scan_above {
        // Many (the first sweep, a parameter changed): one pass over the crossings.
        for (case_id, presence) in fold_by_scan(store, &stale, now).await? {
            states.insert(case_id, (Some(presence), 0));
        }
        return Ok(());
    }
    if stale.len() > FOLD_ONE_BY_ONE {
        // A day's feed: the crossings of every marked holder in one query.
        let (marked, unmarked): (Vec<_>, Vec<_>) = stale.into_iter().partition(|(_, marks)| *marks > 0);
        for (case_id, presence) in fold_marked(store, &marked, now).await? {
            states.insert(case_id, (Some(presence), 0));
        }
        return fold_each(store, unmarked, states, now).await;
    }
    fold_each(store, stale, states, now).await
}

/// Above this many holders to fold, the marked are read in one query (one by one below).
const FOLD_ONE_BY_ONE: usize = 16;

/// Folds the `marked` holders from one query of their crossings and saves the states.
async fn fold_marked(
    store: &Store,
    marked: &[(HolderRow, i64)],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, ruqsat_domain::residence::presence::Presence)>, CaseError> {
    let mut by_case: HashMap<i64, Vec<HeldCrossing>> = HashMap::with_capacity(marked.len());
    for (case_id, id, direction, at) in store.crossings_of_marked().await? {
        if let (Some(at), Some(direction)) = (parse_local_time(&at), direction_of(&direction)) {
            by_case.entry(case_id).or_default().push((at, id, direction));
        }
    }
    let grouped: Vec<_> = marked
        .iter()
        .map(|(holder, marks)| (holder, *marks, by_case.remove(&holder.case_id).unwrap_or_default()))
        .collect();
    save_folded(store, grouped, now).await
}

/// A crossing as a fold takes it: time, the border service's id, direction.
type HeldCrossing = (NaiveDateTime, String, Direction);

/// Folds each holder's crossings (any order) into their presence state and saves the states
/// in batches, clearing the marks seen: `(holder, marks seen, crossings)`.
async fn save_folded(
    store: &Store,
    grouped: Vec<(&HolderRow, i64, Vec<HeldCrossing>)>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, ruqsat_domain::residence::presence::Presence)>, CaseError> {
    use ruqsat_domain::residence::presence::Presence;
    let mut folded = Vec::with_capacity(grouped.len());
    let mut rows = Vec::with_capacity(grouped.len());
    for (holder, marks, crossings) in grouped {
        let Ok(issued_on) = holder.issued_on.parse::<NaiveDate>() else {
            continue;
        };
        let presence = Presence::of(
            issued_on,
            crossings
                .iter()
                .map(|(at, id, direction)| (*at, id.as_str(), *direction)),
        );
        let json = serde_json::to_string(&presence)
            .map_err(|error| CaseError::Sweep(format!("a presence state cannot be written: {error}")))?;
        rows.push((holder.case_id, json, marks));
        folded.push((holder.case_id, presence));
    }
    store.save_presences(&rows, now).await?;
    Ok(folded)
}

/// Folds each of `stale` from their own crossings, a few at once.
async fn fold_each(
    store: &Store,
    stale: Vec<(HolderRow, i64)>,
    states: &mut States,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), CaseError> {
    use futures_util::StreamExt as _;
    let folded: Vec<Result<_, CaseError>> = futures_util::stream::iter(stale)
        .map(|(holder, marks)| {
            let store = store.clone();
            async move { fold(&store, &holder, marks, now).await }
        })
        .buffer_unordered(FOLDS_AT_ONCE)
        .collect()
        .await;
    for result in folded {
        let (case_id, presence) = result?;
        states.insert(case_id, (presence, 0));
    }
    Ok(())
}

/// Above this many holders to fold, the crossings are read in one pass instead of per holder.
const FOLD_BY_SCAN: usize = 100_000;

/// Folds the presence of the `stale` holders from one pass over the stored crossings (matched
/// as [`full_candidates`] matches them) and saves the states (clearing the marks seen).
async fn fold_by_scan(
    store: &Store,
    stale: &[(HolderRow, i64)],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, ruqsat_domain::residence::presence::Presence)>, CaseError> {
    let mut by_iin: HashMap<&str, usize> = HashMap::with_capacity(stale.len());
    let mut by_passport: HashMap<&str, usize> = HashMap::with_capacity(stale.len());
    for (index, (holder, _)) in stale.iter().enumerate() {
        if let Some(iin) = holder.iin.as_deref() {
            by_iin.insert(iin, index);
        }
        by_passport.insert(holder.passport.as_str(), index);
    }
    let mut crossings: Vec<Vec<HeldCrossing>> = vec![Vec::new(); stale.len()];
    store
        .scan_crossings(|crossing| {
            let (Some(at), Some(direction)) = (parse_local_time(crossing.at), direction_of(crossing.direction)) else {
                return;
            };
            let by_id = crossing.iin.and_then(|iin| by_iin.get(iin)).copied();
            let by_document = crossing
                .passport
                .and_then(|passport| by_passport.get(passport))
                .copied();
            let mut matched = [by_id, by_document];
            if matched[0] == matched[1] {
                matched[1] = None;
            }
            for index in matched.into_iter().flatten() {
                crossings[index].push((at, crossing.crossing_id.to_owned(), direction));
            }
        })
        .await?;
    let grouped: Vec<_> = stale
        .iter()
        .zip(crossings)
        .map(|((holder, marks), crossings)| (holder, *marks, crossings))
        .collect();
    save_folded(store, grouped, now).await
}

/// Folds a holder's crossings into their presence state and saves it (clearing `marks`).
async fn fold(
    store: &Store,
    holder: &HolderRow,
    marks: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(i64, Option<ruqsat_domain::residence::presence::Presence>), CaseError> {
    use ruqsat_domain::residence::presence::Presence;
    let Ok(issued_on) = holder.issued_on.parse::<NaiveDate>() else {
        return Ok((holder.case_id, None));
    };
    let crossings = crossings_of_holder(store, holder).await?;
    let presence = Presence::of(
        issued_on,
        crossings
            .iter()
            .map(|crossing| (crossing.at, crossing.id.as_str(), crossing.direction)),
    );
    let json = serde_json::to_string(&presence)
        .map_err(|error| CaseError::Sweep(format!("a presence state cannot be written: {error}")))?;
    store.save_presence(holder.case_id, &json, marks, now).await?;
    Ok((holder.case_id, Some(presence)))
}

/// Judges every holder from their presence state; the holders found short get their evidence
/// from their crossings. With `skip_recorded` (the daily sweep), a holder whose first short
/// period is already a recorded candidate is counted as known without reading their crossings
/// again (its evidence was recorded then; `add_candidates` would keep the old one anyway).
async fn judge(
    store: &Store,
    holders: &[HolderRow],
    states: &HashMap<i64, (Option<ruqsat_domain::residence::presence::Presence>, i64)>,
    as_of: NaiveDate,
    min_days: u32,
    skip_recorded: bool,
) -> Result<(SweepSummary, Vec<NewCandidate>), CaseError> {
    let mut summary = SweepSummary::default();
    // The holders found short, with the start of their first short period by the state (`None`:
    // a crossing after the day of the check, only the crossings can say).
    let mut short: Vec<(&HolderRow, Option<NaiveDate>)> = Vec::new();
    for holder in holders {
        summary.holders += 1;
        if holder.exempt.is_some() {
            summary.exempt += 1;
            continue;
        }
        let Some((Some(presence), _)) = states.get(&holder.case_id) else {
            continue;
        };
        // Without a crossing since the issue the holder never left: never short.
        if presence.crossings == 0 {
            continue;
        }
        match presence.periods(as_of, min_days) {
            Some(periods) => {
                if periods.iter().any(|period| period.verdict == Verdict::Undetermined) {
                    summary.undetermined += 1;
                }
                if let Some(first) = periods.iter().find(|period| period.verdict == Verdict::Short) {
                    short.push((holder, Some(first.from)));
                }
            }
            None => short.push((holder, None)),
        }
    }
    let recorded = if skip_recorded {
        let ids: Vec<i64> = short
            .iter()
            .filter(|(_, from)| from.is_some())
            .map(|(holder, _)| holder.case_id)
            .collect();
        store.candidate_periods("art49.15", &ids).await?
    } else {
        Default::default()
    };
    let mut candidates = Vec::new();
    for (holder, from) in short {
        if let Some(from) = from
            && recorded.contains(&(holder.case_id, from.to_string()))
        {
            summary.known += 1;
            continue;
        }
        let Ok(issued_on) = holder.issued_on.parse::<NaiveDate>() else {
            continue;
        };
        let crossings = crossings_of_holder(store, holder).await?;
        let assessment = assess(issued_on, Categories::default(), &crossings, as_of, min_days);
        if let Some(period) = assessment.short_period() {
            candidates.push(NewCandidate {
                case_id: holder.case_id,
                ground: "art49.15".into(),
                period_from: period.from,
                evidence: evidence(
                    as_of,
                    issued_on,
                    min_days,
                    period,
                    period.crossings.iter().map(String::as_str),
                    assessment.problems.len(),
                ),
            });
        }
    }
    Ok((summary, candidates))
}

/// A holder's crossings (by IIN or passport), as the sweep reads them.
async fn crossings_of_holder(store: &Store, holder: &HolderRow) -> Result<Vec<Crossing>, CaseError> {
    let rows = store
        .crossings_of(holder.iin.as_deref(), Some(holder.passport.as_str()))
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some(Crossing {
                id: row.crossing_id.clone(),
                at: parse_local_time(&row.at)?,
                direction: direction_of(&row.direction)?,
            })
        })
        .collect())
}

/// The PRPs in force, the register first brought up to date.
async fn in_force(store: &Store) -> Result<std::sync::Arc<Vec<HolderRow>>, CaseError> {
    register_permits(store).await?;
    Ok(std::sync::Arc::new(store.holders_in_force("prp").await?))
}

/// [`sweep`] of the given holders (`full`: from every crossing), the candidates recorded.
async fn sweep_presence(
    law: &Law,
    store: &Store,
    full: Option<std::sync::Arc<Vec<HolderRow>>>,
    as_of: NaiveDate,
) -> Result<SweepSummary, CaseError> {
    let min_days = min_days_on(law, as_of)?;
    let (mut summary, candidates) = match full {
        Some(holders) => {
            // The next daily sweep judges everyone again from the states: the minimum may have
            // changed, and with it the days from which verdicts can change.
            store
                .clear_presence_due(as_of.and_time(chrono::NaiveTime::MIN).and_utc())
                .await?;
            full_candidates(store, holders, as_of, min_days).await?
        }
        None => daily_candidates(store, as_of, min_days).await?,
    };
    summary.new = store.add_candidates(&candidates, as_of).await?;
    // Found again: recorded now as before, or skipped by the daily judging as recorded.
    summary.known += candidates.len() as u64 - summary.new;
    Ok(summary)
}

/// The candidates from every stored crossing.
async fn full_candidates(
    store: &Store,
    holders: std::sync::Arc<Vec<HolderRow>>,
    as_of: NaiveDate,
    min_days: u32,
) -> Result<(SweepSummary, Vec<NewCandidate>), CaseError> {
    let mut by_iin: HashMap<&str, u32> = HashMap::with_capacity(holders.len());
    let mut by_passport: HashMap<&str, u32> = HashMap::with_capacity(holders.len());
    for (index, holder) in holders.iter().enumerate() {
        let index = u32::try_from(index).map_err(|_| CaseError::Sweep("more than 4 billion holders".into()))?;
        if let Some(iin) = holder.iin.as_deref() {
            by_iin.insert(iin, index);
        }
        by_passport.insert(holder.passport.as_str(), index);
    }
    let mut found = Found::default();
    store
        .scan_crossings(|crossing| {
            let by_id = crossing.iin.and_then(|iin| by_iin.get(iin));
            let by_document = crossing.passport.and_then(|passport| by_passport.get(passport));
            let (Some(at), Some(direction)) = (parse_local_time(crossing.at), direction_of(crossing.direction)) else {
                return;
            };
            let mut matched = [by_id.copied(), by_document.copied()];
            if matched[0] == matched[1] {
                matched[1] = None;
            }
            for holder in matched.into_iter().flatten() {
                found.add(holder, at, direction, crossing.crossing_id);
            }
        })
        .await?;
    drop((by_iin, by_passport));
    tokio::task::spawn_blocking(move || assess_all(&holders, found, as_of, min_days))
        .await
        .map_err(|error| CaseError::Sweep(format!("the assessment failed: {error}")))
}

/// The crossings matched to holders: compact, with their ids in one arena.
#[derive(Default)]
struct Found {
    /// (holder, crossing) in the order read.
    matched: Vec<(u32, Crossing<u32>)>,
    /// The crossing ids, one after another.
    ids: String,
    /// Where each id ends in `ids`.
    id_ends: Vec<usize>,
}

impl Found {
    fn add(&mut self, holder: u32, at: NaiveDateTime, direction: Direction, id: &str) {
        let Ok(index) = u32::try_from(self.id_ends.len()) else {
            return;
        };
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len());
        self.matched.push((
            holder,
            Crossing {
                id: index,
                at,
                direction,
            },
        ));
    }

    fn id(&self, index: u32) -> &str {
        let index = index as usize;
        let start = if index == 0 { 0 } else { self.id_ends[index - 1] };
        &self.ids[start..self.id_ends[index]]
    }
}

/// Assesses every holder (in parallel) and builds the candidates with their evidence.
fn assess_all(
    holders: &[HolderRow],
    found: Found,
    as_of: NaiveDate,
    min_days: u32,
) -> (SweepSummary, Vec<NewCandidate>) {
    use rayon::prelude::*;
    // Group the crossings by holder (a counting sort: one pass to count, one to place).
    let mut starts = vec![0usize; holders.len() + 1];
    for (holder, _) in &found.matched {
        starts[*holder as usize + 1] += 1;
    }
    for index in 1..starts.len() {
        starts[index] += starts[index - 1];
    }
    let mut next = starts.clone();
    let placeholder = Crossing {
        id: 0,
        at: NaiveDateTime::MIN,
        direction: Direction::Entry,
    };
    let mut grouped = vec![placeholder; found.matched.len()];
    for (holder, crossing) in &found.matched {
        let slot = &mut next[*holder as usize];
        grouped[*slot] = crossing.clone();
        *slot += 1;
    }
    let outcomes: Vec<(SweepSummary, Option<NewCandidate>)> = holders
        .par_iter()
        .enumerate()
        .map(|(index, holder)| {
            let mut summary = SweepSummary {
                holders: 1,
                ..SweepSummary::default()
            };
            if holder.exempt.is_some() {
                summary.exempt = 1;
                return (summary, None);
            }
            // In time order, crossings of the same instant by the border service's id (as
            // `ruqsat sweep --holder` and the evidence order them), not by the order of the scan;
            // the assessment sees them numbered in that order.
            let mut ordered: Vec<&Crossing<u32>> = grouped[starts[index]..starts[index + 1]].iter().collect();
            ordered.sort_by(|left, right| {
                left.at
                    .cmp(&right.at)
                    .then_with(|| found.id(left.id).cmp(found.id(right.id)))
            });
            let crossings: Vec<Crossing<u32>> = ordered
                .iter()
                .enumerate()
                .map(|(position, crossing)| Crossing {
                    id: position as u32,
                    at: crossing.at,
                    direction: crossing.direction,
                })
                .collect();
            // Without a crossing since the issue the holder never left: never short.
            let Ok(issued_on) = holder.issued_on.parse::<NaiveDate>() else {
                return (summary, None);
            };
            if crossings.is_empty() {
                return (summary, None);
            }
            let assessment = assess(issued_on, Categories::default(), &crossings, as_of, min_days);
            if assessment
                .periods
                .iter()
                .any(|period| period.verdict == Verdict::Undetermined)
            {
                summary.undetermined = 1;
            }
            let candidate = assessment.short_period().map(|period| NewCandidate {
                case_id: holder.case_id,
                ground: "art49.15".into(),
                period_from: period.from,
                evidence: evidence(
                    as_of,
                    issued_on,
                    min_days,
                    period,
                    period
                        .crossings
                        .iter()
                        .map(|position| found.id(ordered[*position as usize].id)),
                    assessment.problems.len(),
                ),
            });
            (summary, candidate)
        })
        .collect();
    let mut summary = SweepSummary::default();
    let mut candidates = Vec::new();
    for (outcome, candidate) in outcomes {
        summary.holders += outcome.holders;
        summary.exempt += outcome.exempt;
        summary.undetermined += outcome.undetermined;
        candidates.extend(candidate);
    }
    (summary, candidates)
}

/// The evidence of an art49.15 candidate (JSON): the period, the days counted, the crossings.
fn evidence<'a, I>(
    as_of: NaiveDate,
    issued_on: NaiveDate,
    min_days: u32,
    period: &ruqsat_domain::residence::Period<I>,
    crossings: impl Iterator<Item = &'a str>,
    data_problems: usize,
) -> String {
    Evidence::Presence(PresenceEvidence {
        version: EVIDENCE_VERSION,
        as_of,
        issued_on,
        min_days,
        period: PeriodEvidence {
            from: period.from,
            to: period.to,
            days_present: period.days_present,
            days_unknown: period.days_unknown,
            complete: period.complete,
            crossings: crossings.map(str::to_owned).collect(),
        },
        data_problems,
    })
    .to_json()
}

fn direction_of(text: &str) -> Option<Direction> {
    match text {
        "entry" => Some(Direction::Entry),
        "exit" => Some(Direction::Exit),
        _ => None,
    }
}

/// Days over which the holders' registry re-checks are spread: a holder is asked about on the
/// day whose number (days since the common era) has the holder's case id as remainder, so each
/// holder is re-checked once in this many days and each day carries its share.
pub const REGISTRY_ROTATION: i64 = 30;

/// Registry re-checks run at once.
const REGISTRY_CONCURRENCY: usize = 8;

/// What the registry part of a sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegistrySummary {
    /// Holders whose turn it was.
    pub checked: u64,
    /// New candidates.
    pub new: u64,
    /// Candidates found again.
    pub known: u64,
    /// Holders for whom a registry did not answer (asked again at their next turn).
    pub unanswered: u64,
}

/// Re-checks today's share of PRP holders in the registries (convictions, offences,
/// expulsions; `ruqsat_domain::holders`) and records the findings as candidates. Every query is
/// logged against the holder's case.
pub async fn sweep_registries(
    store: &Store,
    registries: &ruqsat_registries::AnyRegistries,
    as_of: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<RegistrySummary, CaseError> {
    recheck(store, registries, &in_force(store).await?, as_of, now).await
}

/// Who asks the registries in the daily re-checks (`X-Road-UserId`).
const MONITORING_USER: &str = "ruqsat:monitoring";

/// [`sweep_registries`] of the given holders (today's share of them).
async fn recheck(
    store: &Store,
    registries: &ruqsat_registries::AnyRegistries,
    holders: &[HolderRow],
    as_of: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<RegistrySummary, CaseError> {
    use chrono::Datelike as _;
    use futures_util::StreamExt as _;
    let turn = i64::from(as_of.num_days_from_ce()).rem_euclid(REGISTRY_ROTATION);
    let holders: Vec<HolderRow> = holders
        .iter()
        .filter(|holder| holder.case_id.rem_euclid(REGISTRY_ROTATION) == turn)
        .cloned()
        .collect();
    let mut summary = RegistrySummary::default();
    let mut candidates = Vec::new();
    let asked_at = ruqsat_store::timestamp(now);
    let mut answers = futures_util::stream::iter(holders)
        .map(|holder| async move {
            let Some(case) = store.case(holder.case_id).await? else {
                return Ok::<_, CaseError>(None);
            };
            let application = match ruqsat_contract::parse_application(&case.application) {
                Ok(application) => application,
                Err(error) => {
                    // One unreadable case does not stop the others' re-checks.
                    tracing::error!(case = case.id, error = %error, "a holder's application cannot be read; not re-checked");
                    return Ok(Some((holder, None, Vec::new(), case.number)));
                }
            };
            let subject = ruqsat_domain::registries::Subject::of(&application.applicant);
            // As X-Road: the monitoring acting for the police body, for the holder's case.
            let context = ruqsat_registries::QueryContext {
                user_id: MONITORING_USER.into(),
                issue: case.number.clone(),
            };
            let (facts, queries) =
                ruqsat_registries::within(context, ruqsat_registries::holder_facts(registries, &subject)).await;
            Ok(Some((holder, facts, queries, case.number)))
        })
        .buffer_unordered(REGISTRY_CONCURRENCY);
    while let Some(answer) = answers.next().await {
        let Some((holder, facts, queries, number)) = answer? else {
            continue;
        };
        summary.checked += 1;
        let rows: Vec<ruqsat_store::QueryRow> = queries
            .iter()
            .map(|query| ruqsat_store::QueryRow {
                at: asked_at.clone(),
                actor: "system:monitoring".into(),
                registry: query.registry.into(),
                purpose: query.purpose.into(),
                legal_basis: query.legal_basis.into(),
                answered: query.answered,
                digest: query.digest.clone(),
                millis: query.millis as i64,
                user_id: Some(MONITORING_USER.into()),
                issue: Some(number.clone()),
            })
            .collect();
        if !rows.is_empty() {
            store.record_queries(holder.case_id, &rows).await?;
        }
        let (Some(facts), Ok(issued_on)) = (facts, holder.issued_on.parse::<NaiveDate>()) else {
            summary.unanswered += 1;
            continue;
        };
        for finding in ruqsat_domain::holders::registry_findings(issued_on, holder.exempt.is_some(), &facts) {
            candidates.push(NewCandidate {
                case_id: holder.case_id,
                ground: finding.ground.into(),
                period_from: finding.since,
                evidence: Evidence::Registry(RegistryEvidence {
                    version: EVIDENCE_VERSION,
                    as_of,
                    issued_on,
                    finding: finding.detail.to_string(),
                    registry_answer_digests: queries.iter().map(|query| query.digest.clone()).collect(),
                })
                .to_json(),
            });
        }
    }
    drop(answers);
    summary.new = store.add_candidates(&candidates, as_of).await?;
    // Found again: recorded now as before, or skipped by the daily judging as recorded.
    summary.known += candidates.len() as u64 - summary.new;
    Ok(summary)
}

/// Days before the end of a TRP's validity from which its holder is reminded.
pub const EXPIRY_REMINDER_DAYS: u32 = 30;

/// Reminds the holders of TRPs that end within [`EXPIRY_REMINDER_DAYS`] (once per permit and
/// end date; labour TRPs with the yearly extension); returns how many were reminded now.
pub async fn remind_expiring(
    store: &Store,
    as_of: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, CaseError> {
    let mut reminded = 0;
    for holder in store.holders_in_force("trp").await? {
        let Some(valid_to) = holder.valid_to.as_deref().and_then(|day| day.parse::<NaiveDate>().ok()) else {
            continue;
        };
        if !ruqsat_domain::holders::expiry_reminder_due(valid_to, as_of, EXPIRY_REMINDER_DAYS) {
            continue;
        }
        let Some(case) = store.case(holder.case_id).await? else {
            continue;
        };
        let Ok(application) = ruqsat_contract::parse_application(&case.application) else {
            continue;
        };
        let id = if holder.subtype.as_deref() == Some("labour") {
            "notify-expiring-labour"
        } else {
            "notify-expiring"
        };
        let until = valid_to.to_string();
        let notifications = crate::notify::to_applicant(
            &application,
            id,
            &[
                ("permit", case.permit_number.as_deref().unwrap_or("-")),
                ("number", &case.number),
                ("until", &until),
            ],
        );
        if store
            .notify_once(case.id, &format!("expiry:{until}"), &notifications, now)
            .await?
        {
            reminded += 1;
        }
    }
    Ok(reminded)
}

/// What a day's sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DailySummary {
    /// Presence (art49.15).
    pub presence: SweepSummary,
    /// Registry re-checks (art49.9, art49.13, art49.17).
    pub registries: RegistrySummary,
    /// TRP holders reminded of the end of their permit.
    pub reminded: u64,
    /// How long each part took, in milliseconds (presence, registries, reminders).
    pub millis: [u64; 3],
}

impl DailySummary {
    /// The summary as JSON (kept with the sweep's run).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "holders": self.presence.holders,
            "new": self.presence.new,
            "known": self.presence.known,
            "undetermined": self.presence.undetermined,
            "exempt": self.presence.exempt,
            "registry_checked": self.registries.checked,
            "registry_new": self.registries.new,
            "registry_known": self.registries.known,
            "registry_unanswered": self.registries.unanswered,
            "reminded": self.reminded,
            "millis": self.millis,
        })
    }
}

/// The whole sweep of a day: presence of every PRP holder, today's share of registry
/// re-checks, and the reminders of TRPs about to end.
pub async fn sweep_day(
    law: &Law,
    store: &Store,
    registries: &ruqsat_registries::AnyRegistries,
    as_of: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<DailySummary, CaseError> {
    sweep_day_with(law, store, registries, as_of, now, false).await
}

/// [`sweep_day`], the presence from every crossing when `full` (`ruqsat sweep --full`: after a
/// change of how presence is counted).
pub async fn sweep_day_with(
    law: &Law,
    store: &Store,
    registries: &ruqsat_registries::AnyRegistries,
    as_of: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    full: bool,
) -> Result<DailySummary, CaseError> {
    let started = std::time::Instant::now();
    // The daily presence reads only the holders to judge; the full one, and the registry
    // re-checks, the register of every holder in force.
    let (presence, holders) = if full {
        let holders = in_force(store).await?;
        (
            sweep_presence(law, store, Some(holders.clone()), as_of).await?,
            Some(holders),
        )
    } else {
        register_permits(store).await?;
        (sweep_presence(law, store, None, as_of).await?, None)
    };
    let presence_done = started.elapsed();
    let holders = match holders {
        Some(holders) => holders,
        None => std::sync::Arc::new(store.holders_in_force("prp").await?),
    };
    let checks = recheck(store, registries, &holders, as_of, now).await?;
    let checks_done = started.elapsed();
    let reminded = remind_expiring(store, as_of, now).await?;
    let millis = |duration: std::time::Duration| u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
    Ok(DailySummary {
        presence,
        registries: checks,
        reminded,
        millis: [
            millis(presence_done),
            millis(checks_done - presence_done),
            millis(started.elapsed() - checks_done),
        ],
    })
}

/// How long a claim of a day's sweep holds without being renewed: a process that crashed
/// mid-sweep leaves the day to the next process that checks after this (the sweep is
/// idempotent: candidates are recorded once per holder, ground and period, reminders once per
/// permit and end date).
pub const SWEEP_LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// How often a running sweep renews its claim: well within [`SWEEP_LEASE`], so that a sweep
/// longer than the lease is never taken over while it runs.
const SWEEP_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs today's sweep if no process has run it yet (Kazakhstan date); returns its summary, or
/// `None` when it is finished or another process is running it. Every `ruqsat serve` calls this
/// periodically: the database makes exactly one of them run each day's sweep at a time, and a
/// sweep whose process crashed (its claim's lease ran out) or failed (its claim released) is
/// run again by the next check of any process.
pub async fn sweep_if_due(state: &crate::Service) -> Result<Option<DailySummary>, CaseError> {
    let now = (state.clock)();
    let today = state.law.local_date(now);
    let Some(claim) = state.store.claim_sweep(today, now, SWEEP_LEASE).await? else {
        return Ok(None);
    };
    let work = std::pin::pin!(sweep_day(&state.law, &state.store, &state.registries, today, now));
    // The heartbeat ends only when the claim is lost (taken over, or the database failed):
    // then the sweep stops rather than run beside the process that took the day over.
    let heartbeat = std::pin::pin!(async {
        loop {
            tokio::time::sleep(SWEEP_HEARTBEAT).await;
            match state.store.renew_sweep(&claim, (state.clock)(), SWEEP_LEASE).await {
                Ok(true) => {}
                Ok(false) => {
                    return CaseError::Sweep(format!(
                        "the claim of the sweep of {today} was taken over (attempt {}); stopped",
                        claim.attempt
                    ));
                }
                Err(error) => return CaseError::from(error),
            }
        }
    });
    let outcome = match futures_util::future::select(work, heartbeat).await {
        futures_util::future::Either::Left((summary, _)) => summary,
        futures_util::future::Either::Right((lost, _)) => Err(lost),
    };
    let summary = match outcome {
        Ok(summary) => summary,
        Err(error) => {
            // Released now rather than at the lease's end: the next check retries the day. A
            // failure to release leaves the lease to run out.
            if let Err(release) = state.store.release_sweep(&claim, (state.clock)()).await {
                tracing::error!(error = %release, "the failed sweep's claim was not released");
            }
            return Err(error);
        }
    };
    if !state
        .store
        .finish_sweep(&claim, &summary.to_json().to_string(), (state.clock)())
        .await?
    {
        return Err(CaseError::Sweep(format!(
            "the sweep of {today} was taken over before it finished (attempt {})",
            claim.attempt
        )));
    }
    tracing::info!(
        as_of = %today,
        attempt = claim.attempt,
        holders = summary.presence.holders,
        new = summary.presence.new,
        undetermined = summary.presence.undetermined,
        registry_checked = summary.registries.checked,
        registry_new = summary.registries.new,
        reminded = summary.reminded,
        "sweep of permit holders done"
    );
    Ok(Some(summary))
}

/// How often a process looks whether today's sweep is due.
pub const SWEEP_CHECK: std::time::Duration = std::time::Duration::from_secs(600);

/// The daily sweep loop of a `ruqsat serve` process.
pub async fn run_daily(state: crate::Service) {
    loop {
        if let Err(error) = sweep_if_due(&state).await {
            tracing::error!(error = %error, "the sweep of permit holders failed; tried again later");
        }
        tokio::time::sleep(SWEEP_CHECK).await;
    }
}
