//! The monitoring of permit holders: the art49.15 assessment of a PRP holder from the stored
//! border crossings, and the sweep of every holder that records revocation candidates (once per
//! holder, ground and period) with their evidence. Nothing is revoked here.

use chrono::{NaiveDate, NaiveDateTime};
use ruqsat_domain::application::Categories;
use ruqsat_domain::codes::Category;
use ruqsat_domain::decide::Law;
use ruqsat_domain::residence::{Assessment, Crossing, Direction, Verdict, assess};
use ruqsat_store::{CaseRow, Store};
use serde_json::Value;

use crate::error::ApiError;

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
    /// PRP holders assessed.
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
) -> Result<Option<HolderAssessment>, ApiError> {
    let decision: Value = serde_json::from_str(case.decision.as_deref().unwrap_or("null")).unwrap_or(Value::Null);
    let issued_on = decision["permit"]["valid_from"]
        .as_str()
        .and_then(|text| text.parse::<NaiveDate>().ok());
    let (true, Some(issued_on)) = (case.service == "prp" && decision["outcome"] == "issue", issued_on) else {
        return Ok(None);
    };
    let application: Value = serde_json::from_str(&case.application).unwrap_or(Value::Null);
    let mut categories = Categories::default();
    for code in application["applicant"]["categories"].as_array().into_iter().flatten() {
        if let Some(category) = code.as_str().and_then(|code| code.parse::<Category>().ok()) {
            categories.insert(category);
        }
    }
    let rows = store
        .crossings_of(case.iin.as_deref(), Some(case.passport_number.as_str()))
        .await?;
    let crossings: Vec<Crossing> = rows
        .iter()
        .filter_map(|row| {
            Some(Crossing {
                id: row.crossing_id.clone(),
                at: NaiveDateTime::parse_from_str(&row.at, "%Y-%m-%dT%H:%M:%S").ok()?,
                direction: if row.direction == "entry" {
                    Direction::Entry
                } else {
                    Direction::Exit
                },
            })
        })
        .collect();
    let min_days = law
        .parameters()
        .terms_on(as_of)
        .map_err(|error| ApiError::invalid("as_of", error.to_string()))?
        .holder_min_days;
    let assessment = assess(issued_on, categories, &crossings, as_of, min_days);
    Ok(Some(HolderAssessment {
        issued_on,
        min_days,
        crossings: crossings.len(),
        assessment,
    }))
}

/// Holders read per page by the sweep.
const SWEEP_PAGE: i64 = 1_000;

/// Sweeps every PRP holder on `as_of`: a holder short of days in a period becomes a revocation
/// candidate (once per period) with the evidence.
pub async fn sweep(law: &Law, store: &Store, as_of: NaiveDate) -> Result<SweepSummary, ApiError> {
    let mut summary = SweepSummary::default();
    let mut after = 0;
    loop {
        let page = store.prp_holders(after, SWEEP_PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for case in &page {
            let Some(holder) = assess_holder(law, store, case, as_of).await? else {
                continue;
            };
            summary.holders += 1;
            let assessment = &holder.assessment;
            if assessment.exempt.is_some() {
                summary.exempt += 1;
                continue;
            }
            if assessment
                .periods
                .iter()
                .any(|period| period.verdict == Verdict::Undetermined)
            {
                summary.undetermined += 1;
            }
            if let Some(period) = assessment.short_period() {
                let evidence = serde_json::json!({
                    "as_of": as_of.to_string(),
                    "issued_on": holder.issued_on.to_string(),
                    "min_days": holder.min_days,
                    "period": {
                        "from": period.from.to_string(),
                        "to": period.to.to_string(),
                        "days_present": period.days_present,
                        "days_unknown": period.days_unknown,
                        "complete": period.complete,
                        "crossings": period.crossings,
                    },
                    "data_problems": assessment.problems.len(),
                });
                if store
                    .add_candidate(case.id, "art49.15", period.from, &evidence.to_string(), as_of)
                    .await?
                {
                    summary.new += 1;
                } else {
                    summary.known += 1;
                }
            }
        }
    }
    Ok(summary)
}

/// Runs today's sweep if no process has run it yet (Kazakhstan date); returns its summary, or
/// `None` when it was already claimed. Every `ruqsat serve` calls this periodically: the
/// database makes exactly one of them run each day's sweep.
pub async fn sweep_if_due(state: &crate::AppState) -> Result<Option<SweepSummary>, ApiError> {
    let now = (state.clock)();
    let today = crate::workflow::kazakh_date(now);
    if !state.store.claim_sweep(today, now).await? {
        return Ok(None);
    }
    let summary = sweep(&state.law, &state.store, today).await?;
    let text = serde_json::json!({
        "holders": summary.holders,
        "new": summary.new,
        "known": summary.known,
        "undetermined": summary.undetermined,
        "exempt": summary.exempt,
    })
    .to_string();
    state.store.finish_sweep(today, &text, (state.clock)()).await?;
    tracing::info!(
        as_of = %today,
        holders = summary.holders,
        new = summary.new,
        undetermined = summary.undetermined,
        "sweep of permit holders done"
    );
    Ok(Some(summary))
}

/// How often a process looks whether today's sweep is due.
pub const SWEEP_CHECK: std::time::Duration = std::time::Duration::from_secs(600);

/// The daily sweep loop of a `ruqsat serve` process.
pub async fn run_daily(state: crate::AppState) {
    loop {
        if let Err(error) = sweep_if_due(&state).await {
            tracing::error!(error = %error, "the sweep of permit holders failed; tried again later");
        }
        tokio::time::sleep(SWEEP_CHECK).await;
    }
}
