//! Civil-date arithmetic the rules need: anniversaries, ages and periods in days and years.
//!
//! **Interpretation (anniversaries).** A period of years that starts on 29 February ends on
//! 28 February in a year that has no 29 February (Civil Code: a term in years ends on the
//! corresponding day of the last month; if that month has no such day, on its last day): a
//! person born on 29 February has birthdays on 28 February in common years.

use chrono::{Datelike, Days, NaiveDate};

/// The same day and month `years` later, or the last day of February when it does not exist.
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .expect("invariant: the 28th exists in every month")
}

/// The day the person born on `birth_date` reaches `age` full years.
pub fn birthday(birth_date: NaiveDate, age: i32) -> NaiveDate {
    add_years(birth_date, age)
}

/// Full years of age on `on`.
pub fn age_on(birth_date: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth_date.year();
    if on < birthday(birth_date, age) {
        age -= 1;
    }
    age
}

/// `date` plus `days` calendar days.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .expect("invariant: dates of the rules are far from the end of time")
}

/// `date` minus `days` calendar days.
pub fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .expect("invariant: dates of the rules are far from the start of time")
}

/// Calendar days from `earlier` to `later` (negative when `later` is before).
pub fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    (later - earlier).num_days()
}

/// The last day of a period of `years` years that starts on `from` (inclusive): one year from
/// 1 April 2025 is 1 April 2025 to 31 March 2026.
pub fn end_of_years(from: NaiveDate, years: i32) -> NaiveDate {
    add_years(sub_days(from, 1), years)
}

/// The last day of a period of `days` calendar days that starts on `from` (inclusive).
pub fn end_of_days(from: NaiveDate, days: u32) -> NaiveDate {
    add_days(from, days.saturating_sub(1))
}

#[cfg(test)]
mod tests;
