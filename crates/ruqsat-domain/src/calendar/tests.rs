//! Tests of the calendar construction on small hand-made rules (the shipped data is tested
//! against the `holidays` reference in `ruqsat-contract`).

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn holiday(name: &str, month: u32, day: u32, moves: bool) -> FixedHoliday {
    FixedHoliday {
        name: name.into(),
        month,
        day,
        from_year: None,
        until_year: None,
        moves_from_weekend: moves,
        source: "test".into(),
    }
}

fn rules_2025() -> CalendarRules {
    CalendarRules {
        holidays: vec![
            holiday("nauryz", 3, 21, true),
            holiday("nauryz", 3, 22, true),
            holiday("nauryz", 3, 23, true),
            holiday("orthodox_christmas", 1, 7, false),
        ],
        years: vec![YearData {
            year: 2025,
            kurban_ait: Some(date("2025-06-06")),
            provisional: false,
            working_weekend_days: vec![date("2025-01-05")],
            transferred_days_off: vec![date("2025-01-03")],
            source: "test".into(),
        }],
    }
}

#[test]
fn weekend_holidays_each_take_the_next_free_working_day() {
    let calendar = WorkingCalendar::new(&rules_2025()).unwrap();
    for (day, working) in [
        ("2025-03-20", true),
        ("2025-03-21", false),
        ("2025-03-24", false),
        ("2025-03-25", false),
        ("2025-03-26", true),
        ("2025-06-06", false),
        ("2025-01-03", false),
        ("2025-01-05", true),
        ("2025-01-07", false),
    ] {
        assert_eq!(calendar.is_working_day(date(day)).unwrap(), working, "{day}");
    }
    assert_eq!(
        calendar.next_working_day(date("2025-03-20")).unwrap(),
        date("2025-03-26")
    );
}

#[test]
fn a_year_without_data_is_an_error() {
    let calendar = WorkingCalendar::new(&rules_2025()).unwrap();
    let error = calendar.is_working_day(date("2027-01-04")).unwrap_err();
    assert_eq!(
        error,
        CalendarError::NoData {
            year: 2027,
            known: "2025".into()
        }
    );
    assert!(calendar.days_off(2024).is_err());
}

#[test]
fn transfers_must_fit_the_week() {
    let mut rules = rules_2025();
    rules.years[0].working_weekend_days = vec![date("2025-01-06")];
    assert!(matches!(
        WorkingCalendar::new(&rules),
        Err(CalendarError::Inconsistent { year: 2025, .. })
    ));
}
