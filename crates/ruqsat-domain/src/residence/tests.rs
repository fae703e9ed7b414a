//! art49.15 as a table: the 182/183-day boundary, a period ending on the day of the check,
//! entry and exit on the same day, an exempt holder, crossings missing an exit or an entry, and
//! a running period whose minimum is out of reach.

use super::*;
use crate::application::Categories;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Crossings written `E 2025-01-01` (entry) or `X 2025-07-02 18:00` (exit); ids c1, c2...
fn crossings(lines: &[&str]) -> Vec<Crossing> {
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let mut parts = line.split_whitespace();
            let direction = match parts.next().unwrap() {
                "E" => Direction::Entry,
                "X" => Direction::Exit,
                other => panic!("direction {other}"),
            };
            let day = parts.next().unwrap();
            let time = parts.next().unwrap_or("12:00");
            Crossing {
                id: format!("c{}", index + 1),
                at: NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M").unwrap(),
                direction,
            }
        })
        .collect()
}

/// One row: issue date, crossings, day of the check, categories → the first period's verdict,
/// days present and days unknown, and whether the holder is a candidate.
struct Row<'a> {
    name: &'a str,
    issued_on: &'a str,
    crossings: &'a [&'a str],
    as_of: &'a str,
    categories: &'a [Category],
    verdict: Verdict,
    days_present: i64,
    days_unknown: i64,
    candidate: bool,
}

fn check(row: &Row<'_>) {
    let mut categories = Categories::default();
    for category in row.categories {
        categories.insert(*category);
    }
    let assessment = assess(
        date(row.issued_on),
        categories,
        &crossings(row.crossings),
        date(row.as_of),
        183,
    );
    let first = &assessment.periods[0];
    assert_eq!(
        (
            first.verdict,
            first.days_present,
            first.days_unknown,
            assessment.short_period().is_some()
        ),
        (row.verdict, row.days_present, row.days_unknown, row.candidate),
        "{}: {assessment:#?}",
        row.name
    );
}

#[test]
fn art49_15_table() {
    let rows = [
        Row {
            name: "183 days present (1 January to 2 July, both ends counted): enough",
            issued_on: "2025-01-01",
            crossings: &["X 2025-07-02"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Enough,
            days_present: 183,
            days_unknown: 0,
            candidate: false,
        },
        Row {
            name: "182 days present: short, a candidate",
            issued_on: "2025-01-01",
            crossings: &["X 2025-07-01"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Short,
            days_present: 182,
            days_unknown: 0,
            candidate: true,
        },
        Row {
            name: "the period ends on the day of the check: judged that day",
            issued_on: "2025-01-01",
            crossings: &["X 2025-07-01"],
            as_of: "2025-12-31",
            categories: &[],
            verdict: Verdict::Short,
            days_present: 182,
            days_unknown: 0,
            candidate: true,
        },
        Row {
            name: "the day before the period ends, 182 days and one day left: still open",
            issued_on: "2025-01-01",
            crossings: &["X 2025-07-01"],
            as_of: "2025-12-30",
            categories: &[],
            verdict: Verdict::Open,
            days_present: 182,
            days_unknown: 0,
            candidate: false,
        },
        Row {
            name: "exit and entry on the same day count that day once",
            issued_on: "2025-01-01",
            crossings: &["X 2025-03-01 08:00", "E 2025-03-01 20:00", "X 2025-07-01"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Short,
            days_present: 182,
            days_unknown: 0,
            candidate: true,
        },
        Row {
            name: "entry and exit on the same day: one day present",
            issued_on: "2025-01-01",
            crossings: &["X 2025-01-01 09:00", "E 2025-05-05 07:00", "X 2025-05-05 22:00"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Short,
            days_present: 2,
            days_unknown: 0,
            candidate: true,
        },
        Row {
            name: "an ethnic Kazakh is exempt (Appendix 3 item 9)",
            issued_on: "2025-01-01",
            crossings: &["X 2025-01-10"],
            as_of: "2026-01-15",
            categories: &[Category::EthnicKazakh],
            verdict: Verdict::Short,
            days_present: 10,
            days_unknown: 0,
            candidate: false,
        },
        Row {
            name: "a missing exit: the days between two entries are unknown, not flagged",
            issued_on: "2025-01-01",
            crossings: &["X 2025-02-01", "E 2025-03-01", "E 2025-12-01", "X 2025-12-10"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Undetermined,
            days_present: 32 + 1 + 10,
            days_unknown: 274,
            candidate: false,
        },
        Row {
            name: "a missing exit cannot save a period short even with every unknown day",
            issued_on: "2025-01-01",
            crossings: &["X 2025-01-20", "E 2025-11-01", "E 2025-11-20", "X 2025-11-25"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Short,
            days_present: 20 + 1 + 6,
            days_unknown: 18,
            candidate: true,
        },
        Row {
            name: "a missing entry (two exits): reported, the days between unknown",
            issued_on: "2025-01-01",
            crossings: &["X 2025-02-01", "X 2025-11-01"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Undetermined,
            days_present: 32 + 1,
            days_unknown: 272,
            candidate: false,
        },
        Row {
            name: "a running period: out of reach before it ends makes a candidate early",
            issued_on: "2025-01-01",
            crossings: &["X 2025-01-10"],
            as_of: "2025-12-01",
            categories: &[],
            verdict: Verdict::Short,
            days_present: 10,
            days_unknown: 0,
            candidate: true,
        },
        Row {
            name: "a running period still within reach is open",
            issued_on: "2025-01-01",
            crossings: &["X 2025-01-10"],
            as_of: "2025-03-01",
            categories: &[],
            verdict: Verdict::Open,
            days_present: 10,
            days_unknown: 0,
            candidate: false,
        },
        Row {
            name: "abroad on the issue date by an exit before it, back after a month",
            issued_on: "2025-01-01",
            crossings: &["X 2024-12-20", "E 2025-02-01"],
            as_of: "2026-01-15",
            categories: &[],
            verdict: Verdict::Enough,
            days_present: 334,
            days_unknown: 0,
            candidate: false,
        },
    ];
    for row in &rows {
        check(row);
    }
}

#[test]
fn later_periods_are_judged_each_with_its_evidence() {
    let assessment = assess(
        date("2024-03-01"),
        Categories::default(),
        &crossings(&["X 2025-03-10", "E 2025-04-01", "X 2025-05-01"]),
        date("2026-03-05"),
        183,
    );
    let verdicts: Vec<Verdict> = assessment.periods.iter().map(|period| period.verdict).collect();
    assert_eq!(verdicts, [Verdict::Enough, Verdict::Short, Verdict::Open]);
    let second = &assessment.periods[1];
    assert_eq!((second.from, second.to), (date("2025-03-01"), date("2026-02-28")));
    assert_eq!(second.days_present, 10 + 31);
    assert_eq!(second.crossings, ["c1", "c2", "c3"]);
    assert!(assessment.problems.is_empty());
    assert_eq!(
        assessment.short_period().map(|period| period.from),
        Some(date("2025-03-01"))
    );
}

#[test]
fn problems_name_the_crossings() {
    let assessment = assess(
        date("2025-01-01"),
        Categories::default(),
        &crossings(&["E 2025-02-01", "X 2025-03-01", "X 2025-04-01"]),
        date("2025-06-01"),
        183,
    );
    assert_eq!(
        assessment.problems,
        [
            DataProblem::MissingExit {
                entry: None,
                next_entry: "c1".into()
            },
            DataProblem::MissingEntry {
                exit: Some("c2".into()),
                next_exit: "c3".into()
            },
        ]
    );
}

#[test]
fn stored_times_are_read_exactly_and_malformed_ones_refused() {
    let parsed = parse_local_time("2026-02-28T23:59:07").unwrap();
    assert_eq!(
        parsed,
        NaiveDateTime::parse_from_str("2026-02-28T23:59:07", "%Y-%m-%dT%H:%M:%S").unwrap()
    );
    for bad in [
        "2026-02-29T10:00:00",
        "2026-02-28 10:00:00",
        "2026-02-28T24:00:00",
        "2026-2-28T10:00:00",
        "2026-02-28T10:00:0x",
        "",
    ] {
        assert_eq!(parse_local_time(bad), None, "{bad}");
    }
}

mod incremental {
    //! [`presence::Presence`], folded crossing by crossing, counts and judges every period as
    //! [`assess`] does from all the crossings: on generated holders with crossings before the
    //! issue, on the same day, at the same instant (duplicates of time), and contradicting each
    //! other (two entries, two exits), on the day of the last crossing and later.

    use proptest::prelude::*;

    use super::super::presence::{OutOfOrder, Presence};
    use super::*;

    fn generated() -> impl Strategy<Value = (NaiveDate, Vec<(i64, u32, bool)>, i64, u32)> {
        (
            0i64..1500,
            prop::collection::vec((-400i64..1500, 0u32..4, any::<bool>()), 0..40),
            0i64..400,
            100u32..250,
        )
            .prop_map(|(issued, crossings, after, min_days)| {
                (
                    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(issued as u64),
                    crossings,
                    after,
                    min_days,
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn folding_the_crossings_judges_every_period_as_assessing_them_all((issued_on, raw, after, min_days) in generated()) {
            let crossings: Vec<Crossing> = raw
                .iter()
                .enumerate()
                .map(|(index, (offset, hour, entry))| Crossing {
                    // Ids in an order of their own: at the same instant the id decides.
                    id: format!("x{:03}", (index * 7919) % 1000),
                    at: (issued_on + chrono::Duration::days(*offset)).and_hms_opt(6 * hour, 0, 0).unwrap(),
                    direction: if *entry { Direction::Entry } else { Direction::Exit },
                })
                .collect();
            let last = crossings.iter().map(|crossing| crossing.at.date()).max().unwrap_or(issued_on);
            let as_of = last.max(issued_on) + chrono::Duration::days(after);
            let folded = Presence::of(issued_on, crossings.iter().map(|crossing| (crossing.at, crossing.id.as_str(), crossing.direction)));
            let counted = folded.periods(as_of, min_days).unwrap();
            let assessed = assess(issued_on, Categories::default(), &crossings, as_of, min_days);
            prop_assert_eq!(counted.len(), assessed.periods.len());
            for (count, period) in counted.iter().zip(&assessed.periods) {
                prop_assert_eq!(
                    (count.from, count.to, count.days_present, count.days_unknown, count.complete, count.verdict),
                    (period.from, period.to, period.days_present, period.days_unknown, period.complete, period.verdict)
                );
            }
            prop_assert_eq!(folded.problems as usize, assessed.problems.len());
            // Through JSON (as stored) the same.
            let stored: Presence = serde_json::from_str(&serde_json::to_string(&folded).unwrap()).unwrap();
            prop_assert_eq!(stored, folded);
        }
    }

    #[test]
    fn a_crossing_out_of_order_is_refused_and_one_before_the_check_cannot_be_judged_without_the_crossings() {
        let issued_on = date("2024-01-10");
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        let mut presence = Presence::new(issued_on);
        presence.push(at("2024-03-01 10:00"), "c2", Direction::Exit).unwrap();
        assert_eq!(
            presence.push(at("2024-02-01 10:00"), "c1", Direction::Entry),
            Err(OutOfOrder)
        );
        // The same instant: the id orders.
        assert_eq!(
            presence.push(at("2024-03-01 10:00"), "c1", Direction::Entry),
            Err(OutOfOrder)
        );
        presence.push(at("2024-03-01 10:00"), "c3", Direction::Entry).unwrap();
        assert!(presence.periods(date("2024-02-28"), 183).is_none());
        let periods = presence.periods(date("2024-03-01"), 183).unwrap();
        // 10 January to 1 March, both counted: 52 days.
        assert_eq!(periods[0].days_present, 52);
    }
}

mod next_change {
    //! [`presence::Presence::next_change`]: on no day before it do the flags (the first short
    //! period, an undetermined one) differ from the day of the check, without a new crossing.

    use proptest::prelude::*;

    use super::super::presence::Presence;
    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn no_flag_changes_before_the_next_change(
            issued in 0i64..1500,
            raw in prop::collection::vec((-400i64..1500, 0u32..4, any::<bool>()), 0..30),
            after in 0i64..500,
            min_days in 100u32..250,
        ) {
            let issued_on = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(issued as u64);
            let crossings: Vec<(NaiveDateTime, String, Direction)> = raw
                .iter()
                .enumerate()
                .map(|(index, (offset, hour, entry))| (
                    (issued_on + chrono::Duration::days(*offset)).and_hms_opt(6 * hour, 0, 0).unwrap(),
                    format!("x{index:03}"),
                    if *entry { Direction::Entry } else { Direction::Exit },
                ))
                .collect();
            let presence = Presence::of(issued_on, crossings.iter().map(|(at, id, direction)| (*at, id.as_str(), *direction)));
            let last = crossings.iter().map(|crossing| crossing.0.date()).max().unwrap_or(issued_on);
            let as_of = last.max(issued_on) + chrono::Duration::days(after);
            let today = presence.flags(as_of, min_days).unwrap();
            let next = presence.next_change(as_of, min_days);
            prop_assert!(next > as_of);
            let mut day = as_of.succ_opt().unwrap();
            while day < next {
                prop_assert_eq!(presence.flags(day, min_days).unwrap(), today, "on {} (next change {})", day, next);
                day = day.succ_opt().unwrap();
            }
        }
    }
}
