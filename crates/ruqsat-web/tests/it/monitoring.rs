//! The sweep's registry re-checks (art49.9, art49.13, art49.17) and the TRP expiry reminders.

use chrono::{Datelike as _, NaiveDate};
use ruqsat_store::testing::backends;
use serde_json::json;

use super::{TestApp, portal_trp};

/// A case in `state` for `passport` (the portal's TRP application as its questionnaire), in the
/// register as a holder of `service` issued on `issued_on`.
async fn holder(
    app: &TestApp,
    passport: &str,
    service: &str,
    subtype: Option<&str>,
    issued_on: &str,
    valid_to: Option<&str>,
) -> i64 {
    let mut application = portal_trp(passport)["application"].clone();
    application["mobile_phone"] = json!("+7 700 000 0001");
    application["language"] = json!("en");
    let new = ruqsat_store::NewCase {
        service: service.parse().unwrap(),
        channel: "desk".parse().unwrap(),
        region: ruqsat_domain::codes::Region::Almaty,
        state: ruqsat_domain::case::CaseState::HandedOver,
        submitted_at: (app.state.clock)(),
        due_at: None,
        passport_number: passport.into(),
        iin: None,
        application: application.to_string(),
        proposal: None,
        actor: "test".into(),
        reason: ruqsat_domain::case::EventReason::Stated("a holder for the sweep".into()),
        notifications: Vec::new(),
        signature: None,
    };
    let (case, _) = app
        .state
        .store
        .create_case(&new, None, (app.state.clock)())
        .await
        .unwrap();
    let row = ruqsat_store::HolderRow {
        case_id: case.id,
        service: service.parse().unwrap(),
        subtype: subtype.map(str::to_owned),
        iin: None,
        passport: passport.into(),
        issued_on: issued_on.into(),
        valid_to: valid_to.map(str::to_owned),
        exempt: None,
    };
    assert_eq!(app.state.store.add_holders(&[row]).await.unwrap(), 1);
    case.id
}

/// The first day from `from` on which `case_id` has its turn of registry re-checks.
fn turn_of(case_id: i64, from: NaiveDate) -> NaiveDate {
    (0..ruqsat_cases::monitoring::REGISTRY_ROTATION as u64)
        .map(|days| from + chrono::Days::new(days))
        .find(|day| {
            i64::from(day.num_days_from_ce()).rem_euclid(ruqsat_cases::monitoring::REGISTRY_ROTATION)
                == case_id.rem_euclid(ruqsat_cases::monitoring::REGISTRY_ROTATION)
        })
        .unwrap()
}

#[tokio::test]
async fn later_convictions_expulsions_and_offences_become_candidates_once_with_the_queries_logged() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        // The simulator reports a conviction, an expulsion on 2023-03-01 and a migration offence
        // on 2024-06-01 for this passport; the PRP was issued before both dates.
        let flagged = holder(&app, "CONVICTEXPELOFFENCE", "prp", None, "2023-01-01", None).await;
        // Issued after the expulsion and the offence: only the (undated) conviction is found.
        let later = holder(&app, "CONVICTEXPELOFFENCX", "prp", None, "2024-07-01", None).await;
        let now = (app.state.clock)();
        let as_of = turn_of(flagged, NaiveDate::from_ymd_opt(2025, 3, 20).unwrap());
        let summary = ruqsat_cases::monitoring::sweep_registries(&app.state.store, &app.state.registries, as_of, now)
            .await
            .unwrap();
        let expected_checked = if later.rem_euclid(30) == flagged.rem_euclid(30) {
            2
        } else {
            1
        };
        assert_eq!(
            (summary.checked, summary.unanswered),
            (expected_checked, 0),
            "{summary:?}"
        );
        let open = app
            .state
            .store
            .candidates(ruqsat_domain::codes::CandidateState::Open)
            .await
            .unwrap();
        let mut grounds: Vec<(&str, &str)> = open
            .iter()
            .filter(|candidate| candidate.case_id == flagged)
            .map(|candidate| (candidate.ground.as_str(), candidate.period_from.as_str()))
            .collect();
        grounds.sort();
        assert_eq!(
            grounds,
            vec![
                ("art49.13", "2023-03-01"),
                ("art49.17", "2024-06-01"),
                ("art49.9", "2023-01-01")
            ]
        );
        let evidence: serde_json::Value = serde_json::from_str(&open[0].evidence).unwrap();
        assert_eq!(evidence["registry_answer_digests"].as_array().unwrap().len(), 3);
        let logged = app.state.store.queries(flagged).await.unwrap();
        assert_eq!(
            logged.iter().map(|query| query.purpose.as_str()).collect::<Vec<_>>(),
            vec!["art49.9", "art49.17", "art49.13"]
        );
        assert!(logged.iter().all(|query| query.actor == "system:monitoring"));
        // Found again the next time round: known, not new.
        let again = ruqsat_cases::monitoring::sweep_registries(&app.state.store, &app.state.registries, as_of, now)
            .await
            .unwrap();
        assert_eq!((again.new, again.known >= 3), (0, true), "{again:?}");
        // A registry that does not answer: nothing is found on missing facts.
        app.registries.set_down("criminal", true);
        let down = ruqsat_cases::monitoring::sweep_registries(&app.state.store, &app.state.registries, as_of, now)
            .await
            .unwrap();
        assert_eq!((down.unanswered, down.new), (down.checked, 0), "{down:?}");
    }
}

#[tokio::test]
async fn trp_holders_are_reminded_once_from_thirty_days_before_the_end() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let labour = holder(
            &app,
            "FA0000301",
            "trp",
            Some("labour"),
            "2025-01-10",
            Some("2025-12-31"),
        )
        .await;
        let study = holder(
            &app,
            "FA0000302",
            "trp",
            Some("study"),
            "2025-01-10",
            Some("2026-02-15"),
        )
        .await;
        let now = (app.state.clock)();
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        assert_eq!(
            ruqsat_cases::monitoring::remind_expiring(&app.state.store, day("2025-11-30"), now)
                .await
                .unwrap(),
            0,
            "31 days before: not yet"
        );
        assert_eq!(
            ruqsat_cases::monitoring::remind_expiring(&app.state.store, day("2025-12-01"), now)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            ruqsat_cases::monitoring::remind_expiring(&app.state.store, day("2025-12-02"), now)
                .await
                .unwrap(),
            0,
            "once per permit"
        );
        let sent = app.state.store.notifications(labour).await.unwrap();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(
            sent[0].message.contains("2025-12-31") && sent[0].message.contains("extended each year"),
            "{}",
            sent[0].message
        );
        assert!(app.state.store.notifications(study).await.unwrap().is_empty());
    }
}

/// Sends `body` as the crossings feed with `content_type` and `token`.
async fn send_feed(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: &str,
) -> (axum::http::StatusCode, serde_json::Value) {
    use tower::ServiceExt as _;
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/crossings")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap();
    let response = ruqsat_web::router(app.state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

#[tokio::test]
async fn the_border_service_sends_the_feed_through_the_api_and_bad_rows_are_reported_by_line() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let csv = "crossing_id,iin,passport,direction,at,checkpoint\n\
                   api-1,,FA0000401,exit,2025-03-01T08:15:00,Khorgos\n\
                   api-2,,FA0000401,sideways,2025-03-02T08:15:00,Khorgos\n\
                   api-3,,FA0000401,entry,2025-03-09T21:00:00+05:00,\n";
        let (status, report) = send_feed(&app, "demo-border", "text/csv", csv).await;
        assert_eq!(status, axum::http::StatusCode::OK, "{report}");
        assert_eq!(
            (report["taken"].as_u64(), report["added"].as_u64()),
            (Some(2), Some(2)),
            "{report}"
        );
        assert_eq!(report["rejected"][0]["line"], 3, "{report}");
        assert!(
            report["rejected"][0]["reason"].as_str().unwrap().contains("direction"),
            "{report}"
        );
        // Sent again (a retry), with one more crossing as JSON Lines: stored once.
        let lines = "{\"crossing_id\":\"api-1\",\"passport\":\"FA0000401\",\"direction\":\"exit\",\"at\":\"2025-03-01T08:15:00\"}\n\
                     {\"crossing_id\":\"api-4\",\"passport\":\"FA0000401\",\"direction\":\"exit\",\"at\":\"2025-04-01T08:15:00\"}\n";
        let (status, report) = send_feed(&app, "demo-border", "application/x-ndjson", lines).await;
        assert_eq!(status, axum::http::StatusCode::OK, "{report}");
        assert_eq!(
            (report["taken"].as_u64(), report["added"].as_u64()),
            (Some(2), Some(1)),
            "{report}"
        );
        let stored = app.state.store.crossings_of(None, Some("FA0000401")).await.unwrap();
        assert_eq!(
            stored.iter().map(|row| row.crossing_id.as_str()).collect::<Vec<_>>(),
            vec!["api-1", "api-3", "api-4"]
        );
        // Only the border service sends it, in a format it names.
        let (status, _) = send_feed(&app, "demo-portal", "text/csv", csv).await;
        assert_eq!(status, axum::http::StatusCode::FORBIDDEN);
        let (status, _) = send_feed(&app, "demo-border", "application/json", "{}").await;
        assert_eq!(status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}

#[tokio::test]
async fn crossings_of_the_same_instant_are_ordered_by_their_id_in_the_sweep_as_for_one_holder() {
    // Found by comparing the sweep with DuckDB's: the sweep ordered an exit and an entry of the
    // same second as the database returned them, `ruqsat sweep --holder` by their ids.
    for store in backends().await {
        let app = TestApp::new(store).await;
        let case_id = holder(&app, "FA6000001", "prp", None, "2025-01-01", Some("2035-01-01")).await;
        let crossing = |id: &str, direction: &str, at: &str| ruqsat_store::CrossingRow {
            crossing_id: id.into(),
            iin: None,
            passport: Some("FA6000001".into()),
            direction: direction.into(),
            at: at.into(),
            checkpoint: None,
        };
        // Stored in this order; by id, "a" (the entry) comes before "b" (the exit): in on
        // 1 June for that day only, 6 days present in the year — short. In storage order, two
        // exits in a row (a data problem) would leave the year undetermined.
        let rows = [
            crossing("c-exit", "exit", "2025-01-05T10:00:00"),
            crossing("b-exit", "exit", "2025-06-01T10:00:00"),
            crossing("a-entry", "entry", "2025-06-01T10:00:00"),
        ];
        app.state.store.add_crossings(&rows, (app.state.clock)()).await.unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        // One holder as `ruqsat sweep --holder` assesses it: crossings with their ids.
        let crossings: Vec<ruqsat_domain::residence::Crossing> = rows
            .iter()
            .map(|row| ruqsat_domain::residence::Crossing {
                id: row.crossing_id.clone(),
                at: ruqsat_domain::residence::parse_local_time(&row.at).unwrap(),
                direction: if row.direction == "exit" {
                    ruqsat_domain::residence::Direction::Exit
                } else {
                    ruqsat_domain::residence::Direction::Entry
                },
            })
            .collect();
        let issued_on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let one = ruqsat_domain::residence::assess(issued_on, Default::default(), &crossings, as_of, 183);
        assert!(one.short_period().is_some(), "one holder: short");
        ruqsat_cases::monitoring::sweep(&app.state.law, &app.state.store, as_of)
            .await
            .unwrap();
        let open = app
            .state
            .store
            .candidates(ruqsat_domain::codes::CandidateState::Open)
            .await
            .unwrap();
        assert_eq!(open.len(), 1, "the sweep agrees: a candidate");
        assert_eq!(open[0].case_id, case_id);
    }
}

/// A generator of fake crossings (xorshift: the same data on every run).
struct Feed(u64);

impl Feed {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// Forty PRP holders issued in 2023–2024 and their crossings to 1 June 2025, in two feeds: the
/// first (before 2025) and the second (what arrives late, what is sent again, the rest).
async fn generated(
    app: &TestApp,
) -> (
    Vec<i64>,
    Vec<ruqsat_store::CrossingRow>,
    Vec<ruqsat_store::CrossingRow>,
    NaiveDate,
    NaiveDate,
) {
    let mut feed = Feed(0x9E37_79B9_7F4A_7C15);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let cut = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut first = Vec::new();
    let mut second = Vec::new();
    let mut holders = Vec::new();
    for index in 0..40u64 {
        let passport = format!("FAPRES{index:04}");
        let issued_on = start + chrono::Days::new((index * 11) % 500);
        holders.push(holder(app, &passport, "prp", None, &issued_on.to_string(), Some("2035-01-01")).await);
        // Away for longer spells the higher the index: some holders short, some not.
        let mut day = issued_on + chrono::Days::new(feed.next(60));
        let mut exit = true;
        let mut serial = 0;
        while day < end {
            // Now and then a crossing the other way is missing (two exits, two entries).
            if feed.next(10) == 0 {
                exit = !exit;
            }
            serial += 1;
            let row = ruqsat_store::CrossingRow {
                crossing_id: format!("P{index:04}-{serial:03}"),
                iin: None,
                passport: Some(passport.clone()),
                direction: if exit { "exit" } else { "entry" }.into(),
                at: format!("{day}T{:02}:00:00", feed.next(24)),
                checkpoint: None,
            };
            // Another crossing at the same instant the other way, now and then.
            let twin = (feed.next(25) == 0).then(|| {
                serial += 1;
                let mut twin = row.clone();
                twin.crossing_id = format!("P{index:04}-{serial:03}");
                twin.direction = if exit { "entry" } else { "exit" }.into();
                twin
            });
            // Before the cut the first feed, except the crossings that arrive late.
            for row in std::iter::once(row).chain(twin) {
                if day < cut && feed.next(7) != 0 {
                    first.push(row.clone());
                    // Some sent again in the second feed (the same id).
                    if feed.next(12) == 0 {
                        second.push(row);
                    }
                } else {
                    second.push(row);
                }
            }
            let away = if exit {
                5 + feed.next(20 + index * 6)
            } else {
                5 + feed.next(90)
            };
            day = day + chrono::Days::new(away);
            exit = !exit;
        }
    }
    (holders, first, second, cut, end)
}

#[tokio::test]
async fn the_incremental_sweep_flags_the_holders_a_full_recomputation_flags_with_late_duplicate_and_contradictory_crossings()
 {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (holders, first, second, cut, end) = generated(&app).await;
        let now = (app.state.clock)();
        app.state.store.add_crossings(&first, now).await.unwrap();
        // `by_scan_above`: the first time every holder is folded from one pass over the
        // crossings, then only the marked, each from their own crossings.
        let compare = |as_of: NaiveDate, by_scan_above: usize| {
            let app = &app;
            async move {
                let (incremental_summary, mut incremental) = ruqsat_cases::monitoring::presence_candidates_folding(
                    &app.state.law,
                    &app.state.store,
                    as_of,
                    false,
                    by_scan_above,
                )
                .await
                .unwrap();
                let (full_summary, mut full) =
                    ruqsat_cases::monitoring::presence_candidates(&app.state.law, &app.state.store, as_of, true)
                        .await
                        .unwrap();
                incremental.sort_by_key(|candidate| candidate.case_id);
                full.sort_by_key(|candidate| candidate.case_id);
                assert_eq!(incremental, full, "as of {as_of}");
                assert_eq!(incremental_summary, full_summary, "as of {as_of}");
                full.len()
            }
        };
        let flagged_first = compare(cut, 0).await;
        // Every state folded: nothing marked.
        let states = app.state.store.presence_states(now).await.unwrap();
        assert_eq!(states.len(), holders.len());
        assert!(states.iter().all(|state| state.marks == 0 && !state.state.is_empty()));
        // The second feed (late crossings, crossings sent again, new ones) through the bulk
        // loader: it marks exactly the holders that got a new crossing.
        let mut loader = app.state.store.crossing_loader().await.unwrap();
        let added = loader.add(&second, now).await.unwrap();
        loader.finish().await.unwrap();
        assert!(
            added < second.len() as u64,
            "the crossings sent again are not stored twice"
        );
        let touched: std::collections::BTreeSet<String> = second
            .iter()
            .filter(|row| !first.iter().any(|old| old.crossing_id == row.crossing_id))
            .filter_map(|row| row.passport.clone())
            .collect();
        let marked = app
            .state
            .store
            .presence_states(now)
            .await
            .unwrap()
            .iter()
            .filter(|state| state.marks > 0)
            .count();
        assert_eq!(marked, touched.len());
        let flagged_end = compare(end, usize::MAX).await;
        assert!(
            flagged_first > 0 && flagged_end > flagged_first && flagged_end < holders.len(),
            "{flagged_first} then {flagged_end} of {}",
            holders.len()
        );
        // The day's sweep records them; the next day, without new crossings, nothing is folded.
        let summary = ruqsat_cases::monitoring::sweep(&app.state.law, &app.state.store, end)
            .await
            .unwrap();
        assert_eq!(summary.new as usize, flagged_end);
        assert!(
            app.state
                .store
                .presence_states(now)
                .await
                .unwrap()
                .iter()
                .all(|state| state.marks == 0)
        );
    }
}

#[tokio::test]
async fn the_daily_sweep_judges_only_the_holders_whose_verdict_can_change_and_records_what_judging_everyone_would() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (holders, first, second, cut, end) = generated(&app).await;
        let now = (app.state.clock)();
        app.state.store.add_crossings(&first, now).await.unwrap();
        // Every fifth day from the cut to the end, the crossings of the days since arrive; those
        // before the cut (late, or sent again) arrive on 1 March.
        let late_on = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let mut expected = std::collections::BTreeSet::new();
        let mut judged = Vec::new();
        let mut day = cut;
        let mut waiting = second;
        while day <= end {
            let (arrived, later): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|row| {
                let on: NaiveDate = row.at[..10].parse().unwrap();
                if on < cut { day >= late_on } else { on <= day }
            });
            waiting = later;
            app.state.store.add_crossings(&arrived, now).await.unwrap();
            // What judging every holder from the crossings finds on that day...
            let (_, everyone) =
                ruqsat_cases::monitoring::presence_candidates(&app.state.law, &app.state.store, day, true)
                    .await
                    .unwrap();
            expected.extend(
                everyone
                    .iter()
                    .map(|candidate| (candidate.case_id, candidate.period_from)),
            );
            // ... the day's sweep records, judging only the holders due or with new crossings.
            let summary = ruqsat_cases::monitoring::sweep(&app.state.law, &app.state.store, day)
                .await
                .unwrap();
            judged.push(summary.holders);
            day = day + chrono::Days::new(5);
        }
        let recorded: std::collections::BTreeSet<(i64, NaiveDate)> = app
            .state
            .store
            .candidates(ruqsat_domain::codes::CandidateState::Open)
            .await
            .unwrap()
            .iter()
            .filter(|candidate| candidate.ground == "art49.15")
            .map(|candidate| (candidate.case_id, candidate.period_from.parse().unwrap()))
            .collect();
        assert_eq!(recorded, expected);
        assert!(!expected.is_empty());
        // The first day judges everyone; the days after, on average fewer than half of them
        // (those who crossed since, or whose period runs out abroad).
        assert!(waiting.is_empty());
        assert_eq!(judged[0] as usize, holders.len());
        let after: u64 = judged[1..].iter().sum();
        assert!(
            (after as usize) * 2 < (judged.len() - 1) * holders.len(),
            "holders judged per day: {judged:?}"
        );
        // After the full recomputation (a changed minimum), the next day's sweep judges everyone.
        ruqsat_cases::monitoring::sweep_full(&app.state.law, &app.state.store, end)
            .await
            .unwrap();
        let summary = ruqsat_cases::monitoring::sweep(&app.state.law, &app.state.store, end)
            .await
            .unwrap();
        assert_eq!(summary.holders as usize, holders.len());
        // Once: the day after, only those whose verdict can change again.
        let summary = ruqsat_cases::monitoring::sweep(&app.state.law, &app.state.store, end + chrono::Days::new(1))
            .await
            .unwrap();
        assert!((summary.holders as usize) < holders.len(), "{summary:?}");
    }
}
