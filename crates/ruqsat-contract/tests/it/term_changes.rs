//! The due time after suspensions and extensions (interpretation 61), against the shipped
//! calendar: with no change it is the plain due time; a PRP's suspended calendar days move its
//! last day whatever holidays they hold; a TRP's suspended working days do not count.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ruqsat_contract::shipped_law;
use ruqsat_domain::codes::Service;
use ruqsat_domain::decide::{TermChange, changed_due_time, due_time};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn without_changes_the_term_is_the_plain_one_at_every_hour_of_three_years() {
    let law = shipped_law().unwrap();
    let mut instant = at("2024-03-25T00:10:00+05:00");
    let end = at("2026-11-01T00:00:00+05:00");
    while instant < end {
        for service in [Service::Trp, Service::Prp] {
            let (plain, _) = due_time(&law, service, instant).unwrap();
            let changed = changed_due_time(&law, service, instant, &[]).unwrap();
            assert_eq!(
                (changed.due_at, changed.suspended_days),
                (plain, 0),
                "{service} at {instant}"
            );
        }
        instant += chrono::Duration::minutes(7 * 60 + 13);
    }
}

#[test]
fn a_prp_suspended_over_nauryz_counts_calendar_days_and_ends_on_a_working_day() {
    let law = shipped_law().unwrap();
    // Submitted Thursday 20 March 2025: 45 days end on Sunday 4 May, due Monday 5 May.
    let submitted = at("2025-03-20T10:15:00+05:00");
    let plain = changed_due_time(&law, Service::Prp, submitted, &[]).unwrap();
    assert_eq!(plain.due_at, at("2025-05-05T18:30:00+05:00"));
    // 20–26 March: day zero is not counted; 21–26 March (Nauryz and its transfers) are six days.
    let suspended = [TermChange::Suspension {
        from: day("2025-03-20"),
        until: day("2025-03-26"),
    }];
    let changed = changed_due_time(&law, Service::Prp, submitted, &suspended).unwrap();
    assert_eq!(
        (changed.due_at, changed.suspended_days),
        (at("2025-05-12T18:30:00+05:00"), 6)
    );
    // One day less: the last day is Friday 9 May, Victory Day, so Monday 12 May again.
    let shorter = [TermChange::Suspension {
        from: day("2025-03-21"),
        until: day("2025-03-25"),
    }];
    let changed = changed_due_time(&law, Service::Prp, submitted, &shorter).unwrap();
    assert_eq!(
        (changed.due_at, changed.suspended_days),
        (at("2025-05-12T18:30:00+05:00"), 5)
    );
    // A suspension after the due day changes nothing; an extension of 3 days: 7 May is a
    // holiday (Defender of the Fatherland Day), so Thursday 8 May.
    let late = [TermChange::Suspension {
        from: day("2025-05-06"),
        until: day("2025-05-20"),
    }];
    assert_eq!(
        changed_due_time(&law, Service::Prp, submitted, &late).unwrap().due_at,
        plain.due_at
    );
    let extended = [TermChange::Extension { days: 3 }];
    assert_eq!(
        changed_due_time(&law, Service::Prp, submitted, &extended)
            .unwrap()
            .due_at,
        at("2025-05-08T18:30:00+05:00")
    );
}

#[test]
fn a_trp_suspended_for_a_working_day_is_due_a_working_day_later() {
    let law = shipped_law().unwrap();
    // Tuesday 15 April 2025 at 10:00: due Wednesday 16 April.
    let submitted = at("2025-04-15T10:00:00+05:00");
    let plain = changed_due_time(&law, Service::Trp, submitted, &[]).unwrap();
    assert_eq!(plain.due_at, at("2025-04-16T18:30:00+05:00"));
    // The hearing's window, 15–17 April: Wednesday and Thursday do not count; due Friday.
    let hearing = [TermChange::Suspension {
        from: day("2025-04-15"),
        until: day("2025-04-17"),
    }];
    let changed = changed_due_time(&law, Service::Trp, submitted, &hearing).unwrap();
    assert_eq!(
        (changed.due_at, changed.suspended_days),
        (at("2025-04-18T18:30:00+05:00"), 2)
    );
    // Over a weekend only: no working day suspended, nothing moves.
    let weekend = [TermChange::Suspension {
        from: day("2025-04-19"),
        until: day("2025-04-20"),
    }];
    assert_eq!(
        changed_due_time(&law, Service::Trp, submitted, &weekend)
            .unwrap()
            .due_at,
        plain.due_at
    );
}
