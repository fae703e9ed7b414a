//! Tests of anniversaries and ages at their boundaries.

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn check_age(birth: &str, on: &str, expected: i32) {
    assert_eq!(age_on(date(birth), date(on)), expected, "born {birth}, on {on}");
}

#[test]
fn age_changes_on_the_birthday() {
    check_age("2010-06-15", "2024-06-14", 13);
    check_age("2010-06-15", "2024-06-15", 14);
    check_age("2008-06-15", "2024-06-14", 15);
    check_age("2008-06-15", "2024-06-15", 16);
    check_age("2006-06-15", "2024-06-14", 17);
    check_age("2006-06-15", "2024-06-15", 18);
}

#[test]
fn leap_day_birthdays_fall_on_28_february() {
    check_age("2008-02-29", "2024-02-28", 15);
    check_age("2008-02-29", "2024-02-29", 16);
    check_age("2009-02-28", "2025-02-28", 16);
    check_age("2008-02-29", "2025-02-27", 16);
    check_age("2012-02-29", "2026-02-27", 13);
    check_age("2012-02-29", "2026-02-28", 14);
}

#[test]
fn periods_are_inclusive() {
    assert_eq!(end_of_years(date("2025-04-01"), 1), date("2026-03-31"));
    assert_eq!(end_of_years(date("2024-02-29"), 1), date("2025-02-28"));
    assert_eq!(end_of_years(date("2024-03-01"), 1), date("2025-02-28"));
    assert_eq!(end_of_years(date("2025-01-01"), 5), date("2029-12-31"));
    assert_eq!(end_of_days(date("2025-04-01"), 90), date("2025-06-29"));
    assert_eq!(days_between(date("2025-03-20"), date("2025-09-16")), 180);
}
