//! What art49.15 needs of a holder, kept as the crossings arrive ([`Presence`]): per
//! twelve-month period the days known present and the days unknown up to the last crossing, and
//! where the holder is since it (inside since a day, or abroad). The day's verdicts then need no
//! crossing: [`Presence::periods`] extends the last known side of the border to the day of the
//! check. Folding a holder's crossings in time order gives exactly what [`super::assess`] counts
//! from all of them (the property tests of `residence/tests.rs` compare both); a crossing that
//! arrives out of order is refused ([`OutOfOrder`]), and the holder is folded again from all
//! their crossings.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Direction, Span, Verdict, between};
use crate::dates::{add_years, days_between, sub_days};

/// The incremental state of one holder's presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// The day the PRP was issued (the periods run from it).
    pub issued_on: NaiveDate,
    /// The last crossing folded in: its time, the border service's id and its direction.
    pub last: Option<(NaiveDateTime, String, Direction)>,
    /// In Kazakhstan since this day (`None`: abroad) after the last crossing.
    pub inside_since: Option<NaiveDate>,
    /// The last day counted as present in the periods (the days present are counted once).
    pub counted_until: Option<NaiveDate>,
    /// Per period from the issue date (index 0 is the first year): the days present and the days
    /// unknown up to the last crossing.
    pub periods: Vec<[i64; 2]>,
    /// Contradictions in the crossings so far.
    pub problems: u32,
    /// Crossings folded in.
    pub crossings: u32,
}

/// A crossing earlier than (or, at the same instant, ordered before) the last one folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfOrder;

/// A period's count on the day of a check, without its crossings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodCount {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days present up to the day of the check.
    pub days_present: i64,
    /// Days unknown up to the day of the check.
    pub days_unknown: i64,
    /// Whether the period has ended.
    pub complete: bool,
    /// The verdict.
    pub verdict: Verdict,
}

impl Presence {
    /// A holder without crossings: in Kazakhstan since the issue date.
    pub fn new(issued_on: NaiveDate) -> Presence {
        Presence {
            issued_on,
            last: None,
            inside_since: Some(issued_on),
            counted_until: None,
            periods: Vec::new(),
            problems: 0,
            crossings: 0,
        }
    }

    /// The state of a holder with `crossings` (any order), as [`super::assess`] orders them.
    pub fn of<'a>(
        issued_on: NaiveDate,
        crossings: impl IntoIterator<Item = (NaiveDateTime, &'a str, Direction)>,
    ) -> Presence {
        let mut ordered: Vec<(NaiveDateTime, &str, Direction)> = crossings.into_iter().collect();
        ordered.sort_by(|left, right| left.0.cmp(&right.0).then_with(|| left.1.cmp(right.1)));
        let mut presence = Presence::new(issued_on);
        for (at, id, direction) in ordered {
            // In order by construction.
            let _ = presence.push(at, id, direction);
        }
        presence
    }

    /// Folds in the next crossing; refused when it is not after the last one.
    pub fn push(&mut self, at: NaiveDateTime, id: &str, direction: Direction) -> Result<(), OutOfOrder> {
        if let Some((last_at, last_id, _)) = &self.last
            && (at, id) < (*last_at, last_id.as_str())
        {
            return Err(OutOfOrder);
        }
        let day = at.date();
        let last_day = self.last.as_ref().map(|(at, _, _)| at.date());
        if day < self.issued_on {
            // Before the issue: only where the holder is on the issue date.
            self.inside_since = match direction {
                Direction::Entry => Some(self.issued_on),
                Direction::Exit => None,
            };
        } else {
            match (direction, self.inside_since) {
                (Direction::Exit, Some(since)) => {
                    self.present(Span { from: since, to: day });
                    self.inside_since = None;
                }
                (Direction::Entry, None) => self.inside_since = Some(day),
                (Direction::Entry, Some(since)) => {
                    self.present(Span { from: since, to: since });
                    if let Some(gap) = between(since, day) {
                        self.unknown(gap);
                    }
                    self.problems += 1;
                    self.inside_since = Some(day);
                }
                (Direction::Exit, None) => {
                    let previous_exit = last_day.unwrap_or(self.issued_on);
                    self.present(Span { from: day, to: day });
                    if let Some(gap) = between(previous_exit, day) {
                        self.unknown(gap);
                    }
                    self.problems += 1;
                }
            }
        }
        self.last = Some((at, id.to_owned(), direction));
        self.crossings += 1;
        Ok(())
    }

    /// The days of `span` not counted yet, counted present.
    fn present(&mut self, span: Span) {
        let from = match self.counted_until.and_then(|until| until.succ_opt()) {
            Some(next) => span.from.max(next),
            None => span.from,
        };
        if from <= span.to {
            self.count(Span { from, to: span.to }, 0);
        }
        self.counted_until = Some(self.counted_until.map_or(span.to, |until| until.max(span.to)));
    }

    /// The days of `span` counted unknown (never days present: the gaps lie between crossings).
    fn unknown(&mut self, span: Span) {
        self.count(span, 1);
    }

    fn count(&mut self, span: Span, which: usize) {
        let mut index = 0;
        loop {
            let (from, to) = period(self.issued_on, index);
            if from > span.to {
                return;
            }
            let overlap_from = span.from.max(from);
            let overlap_to = span.to.min(to);
            if overlap_from <= overlap_to {
                let position = index as usize;
                if self.periods.len() <= position {
                    self.periods.resize(position + 1, [0, 0]);
                }
                self.periods[position][which] += days_between(overlap_from, overlap_to) + 1;
            }
            index += 1;
        }
    }

    /// The periods begun by `as_of` with their counts and verdicts against `min_days`, as
    /// [`super::assess`] gives them; `None` when a crossing folded in is later than `as_of` (then
    /// only the crossings can say).
    pub fn periods(&self, as_of: NaiveDate, min_days: u32) -> Option<Vec<PeriodCount>> {
        if self.last.as_ref().is_some_and(|(at, _, _)| at.date() > as_of) {
            return None;
        }
        // Where the holder is since the last crossing, up to the day of the check.
        let tail = self.inside_since.and_then(|since| {
            let from = match self.counted_until.and_then(|until| until.succ_opt()) {
                Some(next) => since.max(next),
                None => since,
            };
            (from <= as_of).then_some(Span { from, to: as_of })
        });
        let mut counts = Vec::new();
        let mut index = 0;
        loop {
            let (from, to) = period(self.issued_on, index);
            if from > as_of {
                break;
            }
            let counted_to = to.min(as_of);
            let [closed_present, days_unknown] = self.periods.get(index as usize).copied().unwrap_or([0, 0]);
            let tail_days = tail.map_or(0, |tail| {
                let overlap_from = tail.from.max(from);
                let overlap_to = tail.to.min(counted_to);
                if overlap_from <= overlap_to {
                    days_between(overlap_from, overlap_to) + 1
                } else {
                    0
                }
            });
            let days_present = closed_present + tail_days;
            let complete = as_of >= to;
            let remaining = days_between(counted_to, to);
            counts.push(PeriodCount {
                from,
                to,
                days_present,
                days_unknown,
                complete,
                verdict: super::verdict(days_present, days_unknown, remaining, min_days),
            });
            index += 1;
        }
        Some(counts)
    }
}

/// How far ahead [`Presence::next_change`] looks: past it, the holder is judged again anyway.
pub const HORIZON_DAYS: u64 = 800;

/// What a day's sweep takes from a holder's periods: the first short period (a candidate) and
/// whether a period is undetermined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// The first day of the first short period.
    pub short_from: Option<NaiveDate>,
    /// Whether a period is undetermined for data problems.
    pub undetermined: bool,
}

impl Presence {
    /// The flags on `day` (`None` as [`Presence::periods`]).
    pub fn flags(&self, day: NaiveDate, min_days: u32) -> Option<Flags> {
        let periods = self.periods(day, min_days)?;
        Some(Flags {
            short_from: periods
                .iter()
                .find(|period| period.verdict == Verdict::Short)
                .map(|period| period.from),
            undetermined: periods.iter().any(|period| period.verdict == Verdict::Undetermined),
        })
    }

    /// The first day after `as_of` on which, without another crossing, the flags can differ
    /// from those of `as_of` (at the latest [`HORIZON_DAYS`] ahead): until then the holder need
    /// not be judged again. The days where a count crosses a threshold: abroad, the day a
    /// period's minimum goes out of reach counting its unknown days or not (a period begun abroad
    /// included). In Kazakhstan a period's days present and remaining add up to the same every
    /// day: no period becomes short or undetermined, and one that is stays so.
    pub fn next_change(&self, as_of: NaiveDate, min_days: u32) -> NaiveDate {
        let horizon = as_of + chrono::Days::new(HORIZON_DAYS);
        let Some(today) = self.flags(as_of, min_days) else {
            return as_of.succ_opt().unwrap_or(as_of);
        };
        let minimum = i64::from(min_days);
        let mut days = Vec::new();
        let mut index = 0;
        loop {
            let (from, to) = period(self.issued_on, index);
            if from > horizon {
                break;
            }
            let [present, unknown] = self.periods.get(index as usize).copied().unwrap_or([0, 0]);
            if self.inside_since.is_none() {
                for missing in [minimum - present - unknown, minimum - present] {
                    if let Ok(missing) = u64::try_from(missing - 1) {
                        days.extend(to.checked_sub_days(chrono::Days::new(missing)));
                    }
                }
            }
            index += 1;
        }
        days.retain(|day| *day > as_of && *day <= horizon);
        days.sort_unstable();
        days.dedup();
        days.into_iter()
            .find(|day| self.flags(*day, min_days) != Some(today))
            .unwrap_or(horizon)
    }
}

/// The `index`-th twelve-month period from the issue date.
fn period(issued_on: NaiveDate, index: i32) -> (NaiveDate, NaiveDate) {
    (
        add_years(issued_on, index),
        sub_days(add_years(issued_on, index + 1), 1),
    )
}
