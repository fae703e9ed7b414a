//! The shipped calendar against the public reference: the Python package `holidays` (country
//! KZ), whose `is_working_day` was exported once to `fixtures/holidays_kz.json`.

use std::collections::BTreeMap;

use ruqsat_contract::shipped_law;
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    days_off: BTreeMap<String, Vec<String>>,
}

#[test]
fn calendar_agrees_with_the_holidays_package_day_for_day() {
    let reference: Reference = serde_json::from_str(include_str!("fixtures/holidays_kz.json")).unwrap();
    let law = shipped_law().unwrap();
    for year in [2024, 2025, 2026] {
        let expected = &reference.days_off[&year.to_string()];
        let actual: Vec<String> = law
            .calendar()
            .days_off(year)
            .unwrap()
            .iter()
            .map(|day| day.to_string())
            .collect();
        let missing: Vec<_> = expected.iter().filter(|day| !actual.contains(day)).collect();
        let extra: Vec<_> = actual.iter().filter(|day| !expected.contains(day)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{year}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn years_without_data_are_errors() {
    let law = shipped_law().unwrap();
    for year in [2023, 2027, 2030] {
        let error = law.calendar().days_off(year).unwrap_err();
        assert!(error.to_string().contains(&year.to_string()), "{error}");
    }
}

fn check_day(day: &str, working: bool) {
    let law = shipped_law().unwrap();
    assert_eq!(
        law.calendar().is_working_day(day.parse().unwrap()).unwrap(),
        working,
        "{day}"
    );
}

#[test]
fn boundaries_of_the_rules() {
    // Holidays on a weekend move; 7 January and Kurban Ait do not.
    check_day("2025-03-24", false);
    check_day("2025-03-25", false);
    check_day("2026-03-09", false);
    check_day("2026-03-25", false);
    check_day("2024-06-17", true);
    check_day("2024-01-08", true);
    // Transfers by decree.
    check_day("2024-05-04", true);
    check_day("2024-05-08", false);
    check_day("2025-01-05", true);
    check_day("2025-01-03", false);
    // 30 August up to 2025 only (2025-08-30 is a Saturday: moved to Monday 1 September).
    check_day("2025-09-01", false);
    check_day("2024-08-30", false);
    check_day("2026-08-31", true);
}
