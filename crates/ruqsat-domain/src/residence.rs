//! Presence of a PRP holder in Kazakhstan, for `art49.15` (Law on Population Migration, Art. 49
//! p.1 sub. 15: revocation when the holder lived in Kazakhstan fewer than 183 calendar days in a
//! twelve-month period counted from the day the PRP was issued), computed from border crossings.
//!
//! **Interpretation** (docs/INTERPRETATIONS.md; the minimum is the dated parameter `art49_15.min_days`):
//! - The twelve-month periods run back to back from the issue date: the issue date to the day
//!   before its first anniversary, and so on.
//! - A calendar day on which the person was in Kazakhstan at any moment counts once as a day
//!   present: the day of entry and the day of exit both count, and a day with an exit and an
//!   entry counts once.
//! - The holder is taken to be in Kazakhstan on the issue date when no crossing before it says
//!   otherwise (a PRP is issued in Kazakhstan).
//! - A period is judged once it has ended, or earlier once the minimum can no longer be reached
//!   even by staying every remaining day.
//! - Crossings that contradict each other (two entries without an exit between, two exits
//!   without an entry) are data problems: the days between them are unknown, never guessed. A
//!   period is judged short only if it is short even counting every unknown day as present;
//!   otherwise it is "undetermined" and reported, not flagged.
//! - The exemptions of Appendix 3 item 9 (ethnic Kazakhs and the others of `EXEMPT_15_17`)
//!   apply: an exempt holder is never a candidate.

use chrono::{NaiveDate, NaiveDateTime};

pub mod presence;

use crate::application::Categories;
use crate::codes::Category;
use crate::dates::{add_years, days_between, sub_days};

/// Categories exempt from art49.15 and art49.17 (Appendix 3 item 9, last part).
pub const EXEMPT_15_17: &[Category] = &[
    Category::EthnicKazakh,
    Category::EthnicKazakhFamily,
    Category::StatelessNoDocuments,
    Category::Ussr1974Passport,
    Category::MarriedWomenConvention,
];

/// Which way a person crossed the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Into Kazakhstan.
    Entry,
    /// Out of Kazakhstan.
    Exit,
}

/// One border crossing, in Kazakhstan time. `I` identifies the crossing in the evidence: the
/// border service's id, or a compact index where millions are assessed at once (the sweep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossing<I = String> {
    /// The border service's id of the crossing.
    pub id: I,
    /// When, in Kazakhstan time.
    pub at: NaiveDateTime,
    /// Entry or exit.
    pub direction: Direction,
}

/// Parses a crossing's time as stored, `YYYY-MM-DDTHH:MM:SS` (Kazakhstan time); a fixed-format
/// reader, as the sweep reads millions.
pub fn parse_local_time(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 19
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || bytes[10] != b'T'
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |value, byte| {
            byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)?;
    date.and_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?)
}

/// Crossings that contradict each other: the days between are unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataProblem<I = String> {
    /// An entry followed by another entry: the exit between them is missing.
    MissingExit {
        /// The first entry (`None`: the presence assumed on the issue date).
        entry: Option<I>,
        /// The next entry.
        next_entry: I,
    },
    /// An exit followed by another exit: the entry between them is missing.
    MissingEntry {
        /// The first exit (`None`: none since the issue date).
        exit: Option<I>,
        /// The next exit.
        next_exit: I,
    },
}

/// What is known of one twelve-month period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The minimum is reached.
    Enough,
    /// Fewer days than the minimum, the period having ended, or the minimum out of reach.
    Short,
    /// The period is running and the minimum can still be reached.
    Open,
    /// Short on the known days, but unknown days (data problems) could make up the difference.
    Undetermined,
}

/// One twelve-month period counted from the issue date, with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period<I = String> {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days present known from the crossings, up to the day of the check.
    pub days_present: i64,
    /// Days of the period (up to the day of the check) on which presence is unknown.
    pub days_unknown: i64,
    /// Whether the period has ended on the day of the check.
    pub complete: bool,
    /// The verdict.
    pub verdict: Verdict,
    /// The crossings that fall in the period, in order (the evidence).
    pub crossings: Vec<I>,
}

/// The art49.15 assessment of one holder on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment<I = String> {
    /// The exemption that applies, if any (then no period is judged).
    pub exempt: Option<Category>,
    /// Every period begun by the day of the check.
    pub periods: Vec<Period<I>>,
    /// Contradictions in the crossings.
    pub problems: Vec<DataProblem<I>>,
}

impl<I> Assessment<I> {
    /// The first period that makes the holder a revocation candidate, if any.
    pub fn short_period(&self) -> Option<&Period<I>> {
        if self.exempt.is_some() {
            return None;
        }
        self.periods.iter().find(|period| period.verdict == Verdict::Short)
    }
}

/// A run of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    from: NaiveDate,
    to: NaiveDate,
}

/// Assesses the presence of a holder whose PRP was issued on `issued_on`, with the holder's
/// `crossings` (any order), as known on `as_of`, against a minimum of `min_days`.
pub fn assess<I: Clone + Ord>(
    issued_on: NaiveDate,
    categories: Categories,
    crossings: &[Crossing<I>],
    as_of: NaiveDate,
    min_days: u32,
) -> Assessment<I> {
    let mut ordered: Vec<&Crossing<I>> = crossings.iter().collect();
    ordered.sort_by(|left, right| left.at.cmp(&right.at).then_with(|| left.id.cmp(&right.id)));
    let (present, unknown, problems) = spans(issued_on, &ordered, as_of);
    let exempt = categories.first_of(EXEMPT_15_17);
    let mut periods = Vec::new();
    let mut years = 0;
    loop {
        let from = add_years(issued_on, years);
        if from > as_of {
            break;
        }
        let to = sub_days(add_years(issued_on, years + 1), 1);
        let counted_to = to.min(as_of);
        let window = Span { from, to: counted_to };
        let days_present = days_in(&present, window);
        let days_unknown = days_in(&unknown, window);
        let complete = as_of >= to;
        let remaining = days_between(counted_to, to);
        let verdict = verdict(days_present, days_unknown, remaining, min_days);
        let crossings = ordered
            .iter()
            .filter(|crossing| (from..=to).contains(&crossing.at.date()))
            .map(|crossing| crossing.id.clone())
            .collect();
        periods.push(Period {
            from,
            to,
            days_present,
            days_unknown,
            complete,
            verdict,
            crossings,
        });
        years += 1;
    }
    Assessment {
        exempt,
        periods,
        problems,
    }
}

/// The verdict on a period with `days_present` and `days_unknown` up to the day of the check and
/// `remaining` days after it.
fn verdict(days_present: i64, days_unknown: i64, remaining: i64, min_days: u32) -> Verdict {
    let minimum = i64::from(min_days);
    if days_present >= minimum {
        Verdict::Enough
    } else if days_present + days_unknown + remaining < minimum {
        Verdict::Short
    } else if days_unknown > 0 && days_present + remaining < minimum {
        Verdict::Undetermined
    } else {
        Verdict::Open
    }
}

/// The days present and the days unknown, as merged spans up to `as_of`, and the problems.
fn spans<I: Clone>(
    issued_on: NaiveDate,
    ordered: &[&Crossing<I>],
    as_of: NaiveDate,
) -> (Vec<Span>, Vec<Span>, Vec<DataProblem<I>>) {
    let mut present = Vec::new();
    let mut unknown = Vec::new();
    let mut problems = Vec::new();
    // Where the holder is at the issue date: the last crossing before it says; without one,
    // in Kazakhstan (a PRP is issued here).
    let before = ordered.iter().rev().find(|crossing| crossing.at.date() < issued_on);
    let mut inside_since: Option<NaiveDate> = match before.map(|crossing| crossing.direction) {
        Some(Direction::Entry) | None => Some(issued_on),
        Some(Direction::Exit) => None,
    };
    let mut last: Option<&Crossing<I>> = before.copied();
    for crossing in ordered.iter().filter(|crossing| crossing.at.date() >= issued_on) {
        let day = crossing.at.date();
        match (crossing.direction, inside_since) {
            (Direction::Exit, Some(since)) => {
                present.push(Span { from: since, to: day });
                inside_since = None;
            }
            (Direction::Entry, None) => inside_since = Some(day),
            (Direction::Entry, Some(since)) => {
                // Two entries: present on the first entry's day and from the second on; the
                // days between are unknown.
                present.push(Span { from: since, to: since });
                if let Some(gap) = between(since, day) {
                    unknown.push(gap);
                }
                problems.push(DataProblem::MissingExit {
                    entry: last.map(|crossing| crossing.id.clone()),
                    next_entry: crossing.id.clone(),
                });
                inside_since = Some(day);
            }
            (Direction::Exit, None) => {
                // Two exits: present on the second exit's day; the days between are unknown.
                let previous_exit = last.map(|crossing| crossing.at.date()).unwrap_or(issued_on);
                present.push(Span { from: day, to: day });
                if let Some(gap) = between(previous_exit, day) {
                    unknown.push(gap);
                }
                problems.push(DataProblem::MissingEntry {
                    exit: last.map(|crossing| crossing.id.clone()),
                    next_exit: crossing.id.clone(),
                });
            }
        }
        last = Some(crossing);
    }
    if let Some(since) = inside_since
        && since <= as_of
    {
        present.push(Span { from: since, to: as_of });
    }
    let present = merge(present);
    // A day known to be a day present is not unknown.
    let unknown = subtract(merge(unknown), &present);
    (present, unknown, problems)
}

/// The days strictly between two days, if any.
fn between(earlier: NaiveDate, later: NaiveDate) -> Option<Span> {
    let from = earlier.succ_opt()?;
    let to = later.pred_opt()?;
    (from <= to).then_some(Span { from, to })
}

/// Sorted, non-overlapping, non-adjacent spans covering the same days.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|span| span.from);
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.from <= last.to.succ_opt().unwrap_or(last.to) => last.to = last.to.max(span.to),
            _ => merged.push(span),
        }
    }
    merged
}

/// The days of `spans` not in `minus` (both merged).
fn subtract(spans: Vec<Span>, minus: &[Span]) -> Vec<Span> {
    let mut result = Vec::new();
    for span in spans {
        let mut pieces = vec![span];
        for cut in minus {
            pieces = pieces
                .into_iter()
                .flat_map(|piece| {
                    if cut.to < piece.from || cut.from > piece.to {
                        return vec![piece];
                    }
                    let mut kept = Vec::new();
                    if let Some(before) = cut.from.pred_opt().filter(|end| *end >= piece.from) {
                        kept.push(Span {
                            from: piece.from,
                            to: before,
                        });
                    }
                    if let Some(after) = cut.to.succ_opt().filter(|start| *start <= piece.to) {
                        kept.push(Span {
                            from: after,
                            to: piece.to,
                        });
                    }
                    kept
                })
                .collect();
        }
        result.extend(pieces);
    }
    result
}

/// How many days of merged `spans` fall in `window`.
fn days_in(spans: &[Span], window: Span) -> i64 {
    spans
        .iter()
        .map(|span| {
            let from = span.from.max(window.from);
            let to = span.to.min(window.to);
            if from > to { 0 } else { days_between(from, to) + 1 }
        })
        .sum()
}

#[cfg(test)]
mod tests;
