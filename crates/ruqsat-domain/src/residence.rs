//! Presence of a PRP holder in Kazakhstan, for art49.15 (revocation when the holder lived in
//! Kazakhstan fewer than 183 calendar days in a twelve-month period counted from the issue date).
//!
//! **Interpretation.** The twelve-month periods run back to back from the issue date
//! (issue date to the day before its first anniversary, and so on). The day of entry and the
//! day of exit both count as days present. A period still running breaks the rule as soon as
//! even staying every remaining day could not reach the minimum.

use chrono::NaiveDate;

use crate::dates::{add_years, days_between, sub_days};

/// A stay in Kazakhstan between two border crossings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stay {
    /// Day of entry.
    pub entered_on: NaiveDate,
    /// Day of exit; `None` while the person is in Kazakhstan.
    pub left_on: Option<NaiveDate>,
}

/// A twelve-month period in which the holder was present too little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortPresence {
    /// First day of the period.
    pub period_from: NaiveDate,
    /// Last day of the period.
    pub period_to: NaiveDate,
    /// Days present in the period up to the date of the check.
    pub days_present: i64,
    /// Whether the period has ended.
    pub period_complete: bool,
}

/// The first twelve-month period since `issued_on` in which the holder was, or can no longer
/// avoid being, present fewer than `min_days` days, as known on `as_of`.
pub fn short_presence(issued_on: NaiveDate, stays: &[Stay], as_of: NaiveDate, min_days: u32) -> Option<ShortPresence> {
    let mut years = 0;
    loop {
        let period_from = add_years(issued_on, years);
        if period_from > as_of {
            return None;
        }
        let period_to = sub_days(add_years(issued_on, years + 1), 1);
        let counted_to = period_to.min(as_of);
        let days_present: i64 = stays
            .iter()
            .map(|stay| {
                let start = stay.entered_on.max(period_from);
                let end = stay.left_on.unwrap_or(as_of).min(counted_to);
                (days_between(start, end) + 1).max(0)
            })
            .sum();
        let remaining = days_between(counted_to, period_to);
        if days_present + remaining < i64::from(min_days) {
            return Some(ShortPresence {
                period_from,
                period_to,
                days_present,
                period_complete: as_of >= period_to,
            });
        }
        years += 1;
    }
}

#[cfg(test)]
mod tests;
