//! The Kazakhstan production calendar (five-day week), built from dated data (`data/calendar.toml`).
//!
//! The rules are data ([`CalendarRules`]): holidays with the years they apply, whether a holiday
//! that falls on a weekend moves to the next working day, the first day of Kurban Ait by year and
//! the days moved by decree. [`WorkingCalendar`] turns them into one bit per day for every year
//! that has data. A year without data is an error, never a guess.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::dates::add_days;

/// A public holiday or Labour-Code day off that recurs on the same date every year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedHoliday {
    /// Short name, e.g. `nauryz`.
    pub name: String,
    /// Month (1–12).
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// First year it is a day off, if limited.
    pub from_year: Option<i32>,
    /// Last year it is a day off, if limited.
    pub until_year: Option<i32>,
    /// Whether the day off moves to the next free working day when it falls on a weekend
    /// (Law "On holidays" Art. 5; not 7 January).
    pub moves_from_weekend: bool,
    /// Legal source.
    pub source: String,
}

/// What is known of one year: the first day of Kurban Ait and the days moved by decree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearData {
    /// The year.
    pub year: i32,
    /// First day of Kurban Ait (a day off that never moves); `None` while not published.
    pub kurban_ait: Option<NaiveDate>,
    /// Whether the year is provisional: the fixed holidays of the law only, Kurban Ait and the
    /// transfers by decree not yet published. Due dates may use it (and say so); the published
    /// calendar (`days_off`) refuses it.
    pub provisional: bool,
    /// Weekend days made working days by a transfer.
    pub working_weekend_days: Vec<NaiveDate>,
    /// Weekdays made days off by a transfer.
    pub transferred_days_off: Vec<NaiveDate>,
    /// Legal sources of the year's data (decrees, orders).
    pub source: String,
}

/// The calendar rules as data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CalendarRules {
    /// Holidays that recur on fixed dates.
    pub holidays: Vec<FixedHoliday>,
    /// Years for which the calendar is known.
    pub years: Vec<YearData>,
}

/// Why a calendar cannot be built or a date cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The year is only provisional: its calendar is not published yet.
    #[error(
        "the working calendar of {year} is not published yet (provisional: Kurban Ait and the transfers are unknown)"
    )]
    Provisional {
        /// The year asked for.
        year: i32,
    },
    /// The calendar has no data for the year.
    #[error("the working calendar has no data for {year} (known years: {known})")]
    NoData {
        /// The year asked for.
        year: i32,
        /// The years the calendar knows, e.g. "2024–2026".
        known: String,
    },
    /// A date in the year's data lies in another year, or a transfer contradicts the week.
    #[error("calendar data for {year} is inconsistent: {problem}")]
    Inconsistent {
        /// The year of the data.
        year: i32,
        /// What is wrong.
        problem: String,
    },
}

/// Working days of the five-day week, by year.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    // Invariant: one entry per year with data; bit `ordinal0` set = day off.
    years: BTreeMap<i32, [u64; 6]>,
    // The public holidays themselves (also on a weekend), by year.
    holidays: BTreeMap<i32, [u64; 6]>,
    // Invariant: years of `years` that are provisional.
    provisional: std::collections::BTreeSet<i32>,
}

impl WorkingCalendar {
    /// Builds the calendar of every year that has data.
    pub fn new(rules: &CalendarRules) -> Result<Self, CalendarError> {
        let mut years = BTreeMap::new();
        let mut holidays = BTreeMap::new();
        let mut provisional = std::collections::BTreeSet::new();
        for data in &rules.years {
            years.insert(data.year, year_bits(rules, data)?);
            let mut bits = [0u64; 6];
            for (date, _) in holidays_of(rules, data)? {
                set(&mut bits, date);
            }
            holidays.insert(data.year, bits);
            if data.provisional {
                provisional.insert(data.year);
            }
        }
        Ok(WorkingCalendar {
            years,
            holidays,
            provisional,
        })
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let bits = self.year(date.year())?;
        let ordinal = date.ordinal0() as usize;
        Ok(bits[ordinal / 64] & (1 << (ordinal % 64)) == 0)
    }

    /// Whether `date` is a public holiday itself (whatever the day of the week; a day off given
    /// in its place is not).
    pub fn is_holiday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.year(date.year())?;
        let bits = self.holidays.get(&date.year()).copied().unwrap_or([0; 6]);
        let ordinal = date.ordinal0() as usize;
        Ok(bits[ordinal / 64] & (1 << (ordinal % 64)) != 0)
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = add_days(date, 1);
        while !self.is_working_day(day)? {
            day = add_days(day, 1);
        }
        Ok(day)
    }

    /// `date` itself when it is a working day, otherwise the next working day.
    pub fn this_or_next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        if self.is_working_day(date)? {
            Ok(date)
        } else {
            self.next_working_day(date)
        }
    }

    /// Whether `year` is only provisional.
    pub fn is_provisional(&self, year: i32) -> bool {
        self.provisional.contains(&year)
    }

    /// Every date of `year` that is not a working day, weekends included, ascending (only for a
    /// published year).
    pub fn days_off(&self, year: i32) -> Result<Vec<NaiveDate>, CalendarError> {
        if self.is_provisional(year) {
            return Err(CalendarError::Provisional { year });
        }
        let bits = self.year(year)?;
        let mut days = Vec::with_capacity(128);
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).expect("invariant: 1 January exists");
        while day.year() == year {
            let ordinal = day.ordinal0() as usize;
            if bits[ordinal / 64] & (1 << (ordinal % 64)) != 0 {
                days.push(day);
            }
            day = add_days(day, 1);
        }
        Ok(days)
    }

    /// The years that have data.
    pub fn known_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years
            .keys()
            .copied()
            .filter(|year| !self.provisional.contains(year))
    }

    fn year(&self, year: i32) -> Result<&[u64; 6], CalendarError> {
        self.years.get(&year).ok_or_else(|| CalendarError::NoData {
            year,
            known: self.known_description(),
        })
    }

    fn known_description(&self) -> String {
        match (self.years.keys().next(), self.years.keys().next_back()) {
            (Some(first), Some(last)) if first == last => first.to_string(),
            (Some(first), Some(last)) if (last - first) as usize + 1 == self.years.len() => {
                format!("{first}–{last}")
            }
            (Some(_), Some(_)) => self.years.keys().map(i32::to_string).collect::<Vec<_>>().join(", "),
            _ => "none".to_owned(),
        }
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn set(bits: &mut [u64; 6], date: NaiveDate) {
    let ordinal = date.ordinal0() as usize;
    bits[ordinal / 64] |= 1 << (ordinal % 64);
}

fn clear(bits: &mut [u64; 6], date: NaiveDate) {
    let ordinal = date.ordinal0() as usize;
    bits[ordinal / 64] &= !(1 << (ordinal % 64));
}

fn is_set(bits: &[u64; 6], date: NaiveDate) -> bool {
    let ordinal = date.ordinal0() as usize;
    bits[ordinal / 64] & (1 << (ordinal % 64)) != 0
}

/// The days off of one year: weekends, holidays, holidays moved from weekends, then transfers.
/// The public holidays in force in the year of `data`, with whether each moves from a weekend;
/// Kurban Ait never moves.
fn holidays_of(rules: &CalendarRules, data: &YearData) -> Result<Vec<(NaiveDate, bool)>, CalendarError> {
    let year = data.year;
    let inconsistent = |problem: String| CalendarError::Inconsistent { year, problem };
    let mut holidays: Vec<(NaiveDate, bool)> = Vec::new();
    for holiday in &rules.holidays {
        let in_force =
            holiday.from_year.is_none_or(|from| year >= from) && holiday.until_year.is_none_or(|until| year <= until);
        if !in_force {
            continue;
        }
        let date = NaiveDate::from_ymd_opt(year, holiday.month, holiday.day).ok_or_else(|| {
            inconsistent(format!(
                "holiday {} has no date {}-{}",
                holiday.name, holiday.month, holiday.day
            ))
        })?;
        holidays.push((date, holiday.moves_from_weekend));
    }
    match data.kurban_ait {
        Some(kurban_ait) if kurban_ait.year() != year => {
            return Err(inconsistent(format!("Kurban Ait {kurban_ait} is not in {year}")));
        }
        Some(kurban_ait) => holidays.push((kurban_ait, false)),
        None if data.provisional => {}
        None => {
            return Err(inconsistent(
                "Kurban Ait is missing (mark the year provisional until it is published)".into(),
            ));
        }
    }
    holidays.sort();
    Ok(holidays)
}

fn year_bits(rules: &CalendarRules, data: &YearData) -> Result<[u64; 6], CalendarError> {
    let year = data.year;
    let inconsistent = |problem: String| CalendarError::Inconsistent { year, problem };
    let mut bits = [0u64; 6];
    let mut day = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| inconsistent("no such year".into()))?;
    while day.year() == year {
        if is_weekend(day) {
            set(&mut bits, day);
        }
        day = add_days(day, 1);
    }

    // Holidays in force this year, in date order; Kurban Ait never moves.
    let holidays = holidays_of(rules, data)?;
    for (date, _) in &holidays {
        set(&mut bits, *date);
    }

    // Law "On holidays" Art. 5: a holiday on a weekend gives the next free working day off;
    // several such holidays each take the next free one (22–23 March 2025 gave 24–25 March).
    for (date, moves) in &holidays {
        if !moves || !is_weekend(*date) {
            continue;
        }
        let mut candidate = add_days(*date, 1);
        while candidate.year() == year && is_set(&bits, candidate) {
            candidate = add_days(candidate, 1);
        }
        if candidate.year() != year {
            return Err(inconsistent(format!(
                "the holiday of {date} would move into the next year"
            )));
        }
        set(&mut bits, candidate);
    }

    // Transfers by decree (Labour Code Art. 85 p.3).
    for date in &data.working_weekend_days {
        if date.year() != year || !is_weekend(*date) {
            return Err(inconsistent(format!("{date} is not a weekend day of {year}")));
        }
        clear(&mut bits, *date);
    }
    for date in &data.transferred_days_off {
        if date.year() != year || is_weekend(*date) {
            return Err(inconsistent(format!("{date} is not a weekday of {year}")));
        }
        set(&mut bits, *date);
    }
    Ok(bits)
}

#[cfg(test)]
mod tests;
