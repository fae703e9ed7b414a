//! Tests of the art49.15 presence count at the 182/183-day boundary.

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn stay(from: &str, to: &str) -> Stay {
    Stay {
        entered_on: date(from),
        left_on: Some(date(to)),
    }
}

#[test]
fn exactly_183_days_is_enough_and_182_is_not() {
    // 1 January to 2 July 2025 is 183 days (both ends counted).
    let enough = [stay("2025-01-01", "2025-07-02")];
    assert_eq!(
        short_presence(date("2025-01-01"), &enough, date("2026-01-01"), 183),
        None
    );
    let short = [stay("2025-01-01", "2025-07-01")];
    let found = short_presence(date("2025-01-01"), &short, date("2026-01-01"), 183).unwrap();
    assert_eq!(found.days_present, 182);
    assert_eq!(found.period_to, date("2025-12-31"));
    assert!(found.period_complete);
}

#[test]
fn a_running_period_breaks_only_when_the_minimum_is_out_of_reach() {
    let issued = date("2025-01-01");
    let abroad = [stay("2025-01-01", "2025-01-10")];
    // On 1 March: 10 days present, 306 days left: still reachable.
    assert_eq!(short_presence(issued, &abroad, date("2025-03-01"), 183), None);
    // On 1 December: 10 days present, 30 left: out of reach.
    let found = short_presence(issued, &abroad, date("2025-12-01"), 183).unwrap();
    assert!(!found.period_complete);
}

#[test]
fn a_stay_still_running_counts_up_to_the_check_date() {
    let present = [Stay {
        entered_on: date("2024-06-01"),
        left_on: None,
    }];
    assert_eq!(
        short_presence(date("2024-06-01"), &present, date("2026-06-01"), 183),
        None
    );
}
