//! The storage contract: one suite, run against SQLite (always) and PostgreSQL (when
//! `TEST_DATABASE_URL` is set; under `CI=true` a missing PostgreSQL is a failure, not a skip).

use chrono::{DateTime, Duration, TimeZone, Utc};
use ruqsat_domain::case::{CaseState, EventReason};
use ruqsat_domain::codes::Channel;
use ruqsat_store::{
    AuditError, CaseUpdate, Created, IdempotencyKey, NewCase, NewEvent, QueryRow, SessionKind, StaffRow, StoreError,
};

use ruqsat_store::testing::backends;

mod durability;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 20, 5, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn new_case(passport: &str, region: &str, due_minutes: i64) -> NewCase {
    NewCase {
        service: "trp".parse().unwrap(),
        channel: "desk".parse().unwrap(),
        region: region.parse().unwrap(),
        state: CaseState::Accepted,
        submitted_at: at(0),
        due_at: Some(at(due_minutes)),
        passport_number: passport.into(),
        iin: None,
        application: "{\"service\":\"trp\"}".into(),
        proposal: None,
        actor: "officer.almaty".into(),
        reason: EventReason::Submitted {
            channel: Channel::Desk,
            not_accepted: Vec::new(),
        },
        notifications: vec![ruqsat_store::Notification {
            medium: "sms".into(),
            recipient: "+7 700 000 0000".into(),
            message: "accepted".into(),
        }],
        signature: None,
    }
}

fn event(action: &str) -> NewEvent<'_> {
    NewEvent {
        actor: "system",
        action,
        reason: Some(&EventReason::AskingRegistries),
    }
}

#[tokio::test]
async fn a_case_is_stored_with_its_history() {
    for store in backends().await {
        let (case, created) = store
            .create_case(&new_case("FA0000001", "almaty", 60), None, at(0))
            .await
            .unwrap();
        assert_eq!(created, Created::New);
        assert_eq!(case.number, format!("TRP-{:08}", case.id));
        assert_eq!(store.case_by_number(&case.number).await.unwrap().unwrap().id, case.id);
        let update = CaseUpdate {
            ..CaseUpdate::to(ruqsat_domain::case::CaseState::ChecksRunning)
        };
        let moved = store
            .transition(case.id, case.version, &update, &event("start_checks"), at(1))
            .await
            .unwrap();
        assert_eq!(moved.state, CaseState::ChecksRunning);
        let events = store.events(case.id).await.unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].from_state.as_deref(), Some("accepted"));
        assert_eq!(events[1].action, "start_checks");
    }
}

#[tokio::test]
async fn a_stale_version_is_a_conflict() {
    for store in backends().await {
        let (case, _) = store
            .create_case(&new_case("FA0000002", "almaty", 60), None, at(0))
            .await
            .unwrap();
        let update = CaseUpdate {
            ..CaseUpdate::to(ruqsat_domain::case::CaseState::ChecksRunning)
        };
        store
            .transition(case.id, case.version, &update, &event("start_checks"), at(1))
            .await
            .unwrap();
        let again = store
            .transition(case.id, case.version, &update, &event("start_checks"), at(2))
            .await;
        assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    }
}

#[tokio::test]
async fn an_idempotency_key_creates_one_case() {
    for store in backends().await {
        let key = IdempotencyKey {
            channel: "portal".parse().unwrap(),
            key: "abc-1".into(),
            request_digest: "d1".into(),
        };
        let (first, created) = store
            .create_case(&new_case("FA0000003", "almaty", 60), Some(&key), at(0))
            .await
            .unwrap();
        assert_eq!(created, Created::New);
        let (second, created) = store
            .create_case(&new_case("FA0000003", "almaty", 60), Some(&key), at(1))
            .await
            .unwrap();
        assert_eq!((second.id, created), (first.id, Created::Existing));
        let other = IdempotencyKey {
            request_digest: "d2".into(),
            ..key.clone()
        };
        let reused = store
            .create_case(&new_case("FA0000003", "almaty", 60), Some(&other), at(2))
            .await;
        assert!(matches!(reused, Err(StoreError::IdempotencyMismatch)), "{reused:?}");
        let same_key_other_channel = IdempotencyKey {
            channel: "state_corporation".parse().unwrap(),
            ..key
        };
        let (third, created) = store
            .create_case(
                &new_case("FA0000003", "almaty", 60),
                Some(&same_key_other_channel),
                at(3),
            )
            .await
            .unwrap();
        assert_eq!(created, Created::New);
        assert_ne!(third.id, first.id);
    }
}

#[tokio::test]
async fn work_is_claimed_once_until_the_lease_ends() {
    for store in backends().await {
        let (case, _) = store
            .create_case(&new_case("FA0000004", "almaty", 60), None, at(0))
            .await
            .unwrap();
        let lease = Duration::seconds(30);
        let claimed = store.claim_work(&["accepted"], lease, at(0)).await.unwrap().unwrap();
        assert_eq!(claimed.id, case.id);
        assert!(store.claim_work(&["accepted"], lease, at(0)).await.unwrap().is_none());
        let after_lease = at(0) + Duration::seconds(31);
        assert_eq!(
            store
                .claim_work(&["accepted"], lease, after_lease)
                .await
                .unwrap()
                .unwrap()
                .id,
            case.id
        );
    }
}

#[tokio::test]
async fn the_queue_is_by_region_and_due_time() {
    for store in backends().await {
        store
            .create_case(&new_case("FA0000005", "almaty", 300), None, at(0))
            .await
            .unwrap();
        store
            .create_case(&new_case("FA0000006", "almaty", 100), None, at(0))
            .await
            .unwrap();
        store
            .create_case(&new_case("FA0000007", "astana", 50), None, at(0))
            .await
            .unwrap();
        let queue = store.queue(Some("almaty"), None, &["accepted"], 10).await.unwrap();
        let passports: Vec<_> = queue.iter().map(|case| case.passport_number.as_str()).collect();
        assert_eq!(passports, ["FA0000006", "FA0000005"]);
        assert_eq!(store.queue(None, None, &["accepted"], 10).await.unwrap().len(), 3);
    }
}

#[tokio::test]
async fn registry_queries_are_kept_per_case() {
    for store in backends().await {
        let (case, _) = store
            .create_case(&new_case("FA0000008", "almaty", 60), None, at(0))
            .await
            .unwrap();
        let query = QueryRow {
            at: "2025-03-20T05:00:01Z".into(),
            actor: "system".into(),
            registry: "border".into(),
            purpose: "chk.2".into(),
            legal_basis: "Rules No. 992 p.9-1 sub. 2".into(),
            answered: true,
            digest: "ab".repeat(32),
            millis: 3,
            user_id: Some("officer.almaty".into()),
            issue: Some("TRP-00000001".into()),
        };
        store
            .record_queries(
                case.id,
                &[
                    query.clone(),
                    QueryRow {
                        answered: false,
                        ..query.clone()
                    },
                ],
            )
            .await
            .unwrap();
        let stored = store.queries(case.id).await.unwrap();
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0], query);
        assert!(!stored[1].answered);
    }
}

#[tokio::test]
async fn staff_are_found_by_session_until_it_ends_or_the_account_is_disabled() {
    for store in backends().await {
        let account = StaffRow {
            id: 0,
            login: "officer.almaty".into(),
            name: "Demo Officer".into(),
            role: "officer".into(),
            region: Some("almaty".into()),
        };
        let id = store.put_staff(&account, at(0)).await.unwrap();
        store
            .create_session("digest-1", id, (SessionKind::Session, None), at(0), at(10))
            .await
            .unwrap();
        let found = store.staff_by_session("digest-1", at(5)).await.unwrap().unwrap();
        assert_eq!(
            (found.login.as_str(), found.region.as_deref()),
            ("officer.almaty", Some("almaty"))
        );
        assert!(store.staff_by_session("digest-2", at(5)).await.unwrap().is_none());
        assert!(
            store.staff_by_session("digest-1", at(10)).await.unwrap().is_none(),
            "ended"
        );
        // Expired sessions are deleted when the next one opens.
        store
            .create_session("digest-3", id, (SessionKind::Session, None), at(20), at(30))
            .await
            .unwrap();
        assert_eq!(store.delete_expired_sessions(at(20)).await.unwrap(), 0);
        assert!(matches!(
            store.add_staff(&account, None, false, at(0)).await,
            Err(StoreError::LoginTaken(_))
        ));
        assert!(store.set_disabled("officer.almaty", Some(at(21))).await.unwrap());
        assert!(
            store.staff_by_session("digest-3", at(22)).await.unwrap().is_none(),
            "disabled"
        );
        let listed = store.list_staff(at(22)).await.unwrap();
        assert_eq!(listed[0].disabled_at, Some(at(21)));
    }
}

#[tokio::test]
async fn a_burst_of_sign_in_attempts_gets_no_more_evaluated_than_the_limit() {
    let policy = ruqsat_store::LockoutPolicy {
        threshold: 5,
        window: chrono::Duration::minutes(15),
        lock_for: Some(chrono::Duration::minutes(15)),
    };
    for store in backends().await {
        let attempts = (0..40).map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .reserve_login_attempt(&[("pair:x|1", policy)], at(0))
                    .await
                    .unwrap()
            })
        });
        let mut evaluated = 0;
        for attempt in attempts {
            if attempt.await.unwrap().is_ok() {
                evaluated += 1;
            }
        }
        assert_eq!(evaluated, 5, "exactly the threshold is evaluated");
        // Locked for 15 minutes; the next lock lasts twice as long.
        let locked = store
            .reserve_login_attempt(&[("pair:x|1", policy)], at(1))
            .await
            .unwrap();
        assert_eq!(locked, Err(at(0) + chrono::Duration::minutes(15)));
        let later = at(0) + chrono::Duration::minutes(16);
        for _ in 0..5 {
            assert!(
                store
                    .reserve_login_attempt(&[("pair:x|1", policy)], later)
                    .await
                    .unwrap()
                    .is_ok()
            );
        }
        assert_eq!(
            store
                .reserve_login_attempt(&[("pair:x|1", policy)], later)
                .await
                .unwrap(),
            Err(later + chrono::Duration::minutes(30))
        );
        // Another key is not affected; unlocking forgets the account's keys.
        assert!(
            store
                .reserve_login_attempt(&[("pair:x|2", policy)], later)
                .await
                .unwrap()
                .is_ok()
        );
        assert!(store.unlock_login("x").await.unwrap());
        assert!(
            store
                .reserve_login_attempt(&[("pair:x|1", policy)], later)
                .await
                .unwrap()
                .is_ok()
        );
    }
}

#[tokio::test]
async fn the_audit_chain_detects_tampering() {
    for store in backends().await {
        for index in 0..3 {
            store
                .audit("officer.almaty", "read_case", Some(index), "case view", at(index))
                .await
                .unwrap();
        }
        assert_eq!(store.verify_audit(None).await.unwrap(), Ok(3));

        store
            .execute_raw("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 2")
            .await
            .unwrap();
        assert_eq!(
            store.verify_audit(None).await.unwrap(),
            Err(AuditError::Altered { seq: 2 })
        );

        store
            .execute_raw("UPDATE audit_log SET detail = 'case view' WHERE seq = 2")
            .await
            .unwrap();
        store.execute_raw("DELETE FROM audit_log WHERE seq = 2").await.unwrap();
        assert_eq!(
            store.verify_audit(None).await.unwrap(),
            Err(AuditError::Broken { seq: 2 })
        );
    }
}

#[tokio::test]
async fn every_change_of_a_case_is_audited_in_its_own_transaction() {
    for store in backends().await {
        let (case, created) = store
            .create_case(&new_case("FA0000011", "almaty", 60), None, at(0))
            .await
            .unwrap();
        assert_eq!(created, Created::New);
        let update = CaseUpdate {
            ..CaseUpdate::to(ruqsat_domain::case::CaseState::ChecksRunning)
        };
        let event = NewEvent {
            actor: "system",
            action: "start_checks",
            reason: None,
        };
        store
            .transition(case.id, case.version, &update, &event, at(1))
            .await
            .unwrap();
        // A lost update changes nothing, the audit log included.
        let stale = store.transition(case.id, case.version, &update, &event, at(2)).await;
        assert!(matches!(stale, Err(StoreError::Conflict)));
        let entries = store.audit_for_case(case.id).await.unwrap();
        let actions: Vec<(&str, &str)> = entries
            .iter()
            .map(|entry| (entry.actor.as_str(), entry.action.as_str()))
            .collect();
        assert_eq!(actions, [("officer.almaty", "submit"), ("system", "start_checks")]);
        assert!(
            entries[1].detail.ends_with("accepted → checks_running"),
            "{}",
            entries[1].detail
        );
        // With the head no longer sealed by this key, a change fails whole: no event, no state.
        store.execute_raw("UPDATE audit_head SET mac = 'forged'").await.unwrap();
        let current = store.case(case.id).await.unwrap().unwrap();
        let refused = store.transition(case.id, current.version, &update, &event, at(3)).await;
        assert!(matches!(refused, Err(StoreError::AuditHead)), "{refused:?}");
        let after = store.case(case.id).await.unwrap().unwrap();
        assert_eq!(
            (after.version, after.state.as_str()),
            (current.version, "checks_running")
        );
        assert_eq!(store.events(case.id).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn notifications_are_written_with_the_change_and_sent_once() {
    for store in backends().await {
        let (case, _) = store
            .create_case(&new_case("FA0000009", "almaty", 60), None, at(0))
            .await
            .unwrap();
        let lease = Duration::seconds(30);
        let claimed = store.claim_notification(lease, at(0)).await.unwrap().unwrap();
        assert_eq!(
            (claimed.case_id, claimed.event_key.clone()),
            (Some(case.id), format!("{}:0:sms", case.id))
        );
        assert!(
            store.claim_notification(lease, at(0)).await.unwrap().is_none(),
            "claimed once while leased"
        );
        store.mark_sent(claimed.id, at(1)).await.unwrap();
        assert!(
            store.claim_notification(lease, at(10)).await.unwrap().is_none(),
            "sent: never again"
        );
        let email = ruqsat_store::Notification {
            medium: "email".into(),
            recipient: "test@example.invalid".into(),
            message: "m".into(),
        };
        let update = CaseUpdate {
            notifications: vec![email],
            ..CaseUpdate::to(ruqsat_domain::case::CaseState::ChecksRunning)
        };
        store
            .transition(case.id, case.version, &update, &event("start_checks"), at(2))
            .await
            .unwrap();
        let all = store.notifications(case.id).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].event_key, format!("{}:1:email", case.id));
    }
}

fn crossing(id: &str, passport: &str, direction: &str, at: &str) -> ruqsat_store::CrossingRow {
    ruqsat_store::CrossingRow {
        crossing_id: id.into(),
        iin: None,
        passport: Some(passport.into()),
        direction: direction.into(),
        at: at.into(),
        checkpoint: Some("Khorgos".into()),
    }
}

#[tokio::test]
async fn a_crossing_imported_twice_is_stored_once() {
    for store in backends().await {
        let batch: Vec<_> = (0..1_200)
            .map(|index| {
                crossing(
                    &format!("c{index}"),
                    "FA1",
                    ["entry", "exit"][index % 2],
                    &format!("2025-01-01T00:{:02}:00", index % 60),
                )
            })
            .collect();
        assert_eq!(store.add_crossings(&batch, at(0)).await.unwrap(), 1_200);
        assert_eq!(store.add_crossings(&batch[..700], at(1)).await.unwrap(), 0);
        let mixed = vec![
            crossing("c5", "FA1", "exit", "2025-01-01T00:05:00"),
            crossing("new", "FA2", "entry", "2025-02-01T10:00:00"),
        ];
        assert_eq!(store.add_crossings(&mixed, at(2)).await.unwrap(), 1);
        assert_eq!(store.crossing_count().await.unwrap(), 1_201);
        let second = store.crossings_of(None, Some("FA2")).await.unwrap();
        assert_eq!(second, vec![crossing("new", "FA2", "entry", "2025-02-01T10:00:00")]);
        assert_eq!(store.crossings_of(Some("900501300001"), None).await.unwrap(), vec![]);
    }
}

#[tokio::test]
async fn prp_holders_are_listed_and_a_candidate_is_recorded_once() {
    for store in backends().await {
        let mut prp = new_case("TJ0000001", "almaty", 60);
        prp.service = "prp".parse().unwrap();
        prp.state = CaseState::HandedOver;
        let (holder, _) = store.create_case(&prp, None, at(0)).await.unwrap();
        store
            .create_case(&new_case("FA0000009", "almaty", 60), None, at(0))
            .await
            .unwrap();
        let holders = store.prp_holders(0, 10).await.unwrap();
        assert_eq!(holders.iter().map(|case| case.id).collect::<Vec<_>>(), vec![holder.id]);
        assert!(store.prp_holders(holder.id, 10).await.unwrap().is_empty());
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert!(
            store
                .add_candidate(holder.id, "art49.15", day, "{\"days_present\":3}", day)
                .await
                .unwrap()
        );
        assert!(
            !store
                .add_candidate(holder.id, "art49.15", day, "{}", day)
                .await
                .unwrap()
        );
        let open = store
            .candidates(ruqsat_domain::codes::CandidateState::Open)
            .await
            .unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(
            (open[0].case_id, open[0].evidence.as_str()),
            (holder.id, "{\"days_present\":3}")
        );
    }
}

#[tokio::test]
async fn a_bulk_import_is_idempotent_and_one_pass_reads_every_crossing_back() {
    for store in backends().await {
        let mut batch: Vec<_> = (0..3_000)
            .map(|index| {
                crossing(
                    &format!("bulk{index}"),
                    &format!("FB{}", index % 7),
                    ["exit", "entry"][index % 2],
                    &format!("2025-03-{:02}T10:00:00", 1 + index % 28),
                )
            })
            .collect();
        // Characters COPY's text format escapes, and a field left empty (NULL).
        batch.push(ruqsat_store::CrossingRow {
            crossing_id: "odd\tid\\with\nescapes".into(),
            iin: Some("900501300001".into()),
            passport: None,
            direction: "entry".into(),
            at: "2025-04-01T08:00:00".into(),
            checkpoint: None,
        });
        let mut loader = store.crossing_loader().await.unwrap();
        assert_eq!(loader.add(&batch, at(0)).await.unwrap(), 3_001);
        assert_eq!(loader.add(&batch[..1_000], at(1)).await.unwrap(), 0);
        loader.finish().await.unwrap();
        let mut seen = Vec::new();
        let count = store
            .scan_crossings(|row| {
                seen.push((
                    row.crossing_id.to_owned(),
                    row.iin.map(str::to_owned),
                    row.passport.map(str::to_owned),
                    row.direction.to_owned(),
                    row.at.to_owned(),
                ))
            })
            .await
            .unwrap();
        assert_eq!((count, seen.len()), (3_001, 3_001));
        seen.sort();
        let odd = seen.iter().find(|row| row.0.starts_with("odd")).unwrap();
        assert_eq!(
            odd,
            &(
                "odd\tid\\with\nescapes".to_owned(),
                Some("900501300001".to_owned()),
                None,
                "entry".to_owned(),
                "2025-04-01T08:00:00".to_owned()
            )
        );
        let first = seen.iter().find(|row| row.0 == "bulk0").unwrap();
        assert_eq!((first.2.as_deref(), first.3.as_str()), (Some("FB0"), "exit"));
    }
}

/// The first import into an empty table (PostgreSQL): the rows copied in, the duplicates of a
/// crossing id removed (the first in the file stays), the key and indexes built again (a crossing
/// sent again is still refused), the registered holders with crossings marked; once the table
/// holds rows, or on SQLite, there is no initial load.
#[tokio::test]
async fn the_initial_load_builds_the_indexes_once_and_keeps_the_first_of_duplicates() {
    for store in backends().await {
        let sqlite = store.backend() == ruqsat_store::Backend::Sqlite;
        let mut prp = new_case("TJ0000009", "almaty", 60);
        prp.service = "prp".parse().unwrap();
        prp.state = "handed_over".parse().unwrap();
        let (holder, _) = store.create_case(&prp, None, at(0)).await.unwrap();
        let (other, _) = store
            .create_case(
                &NewCase {
                    passport_number: "TJ0000010".into(),
                    ..prp.clone()
                },
                None,
                at(0),
            )
            .await
            .unwrap();
        let register = |case: &ruqsat_store::CaseRow| ruqsat_store::HolderRow {
            case_id: case.id,
            service: "prp".parse().unwrap(),
            subtype: None,
            iin: None,
            passport: case.passport_number.clone(),
            issued_on: "2025-01-10".into(),
            valid_to: None,
            exempt: None,
        };
        store.add_holders(&[register(&holder), register(&other)]).await.unwrap();
        let marks_of = |states: Vec<ruqsat_store::PresenceRow>| -> std::collections::HashMap<i64, i64> {
            states.iter().map(|state| (state.case_id, state.marks)).collect()
        };
        let marks_before = marks_of(store.presence_states(at(0)).await.unwrap());
        let Some(mut loader) = store.initial_crossing_loader().await.unwrap() else {
            assert!(sqlite, "PostgreSQL with an empty table has an initial load");
            continue;
        };
        assert!(!sqlite);
        let first = vec![
            crossing("i1", "TJ0000009", "exit", "2025-03-01T10:00:00"),
            crossing("dup", "TJ0000009", "entry", "2025-03-05T10:00:00"),
            crossing("i2", "FX0000001", "exit", "2025-03-02T10:00:00"),
        ];
        let second = vec![
            // The same id again, contradicting: the first in the file stays.
            crossing("dup", "TJ0000009", "exit", "2025-03-06T10:00:00"),
            crossing("i1", "TJ0000009", "exit", "2025-03-01T10:00:00"),
            crossing("i3", "TJ0000009", "entry", "2025-03-09T10:00:00"),
        ];
        assert_eq!(loader.add(&first, at(1)).await.unwrap(), 3);
        assert_eq!(loader.add(&second, at(1)).await.unwrap(), 3);
        // Meanwhile, the table is the load's alone: no second initial load.
        assert_eq!(loader.finish().await.unwrap(), 2, "two rows repeated an id");
        assert_eq!(store.crossing_count().await.unwrap(), 4);
        let held = store.crossings_of(None, Some("TJ0000009")).await.unwrap();
        let ids: Vec<(&str, &str)> = held
            .iter()
            .map(|row| (row.crossing_id.as_str(), row.direction.as_str()))
            .collect();
        assert_eq!(ids, vec![("i1", "exit"), ("dup", "entry"), ("i3", "entry")]);
        // The key is back: a crossing sent again is not stored twice.
        assert_eq!(store.add_crossings(&second, at(2)).await.unwrap(), 0);
        assert!(store.initial_crossing_loader().await.unwrap().is_none());
        // The holder with crossings is marked, the other not.
        let marks = marks_of(store.presence_states(at(3)).await.unwrap());
        assert_eq!(marks.len(), marks_before.len());
        assert!(marks[&holder.id] > marks_before[&holder.id], "{marks:?}");
        assert_eq!(marks[&other.id], marks_before[&other.id], "{marks:?}");
    }
}

#[tokio::test]
async fn the_register_holds_issued_permits_and_lists_those_in_force() {
    for store in backends().await {
        let mut issued = Vec::new();
        for (passport, state) in [
            ("TJ0000001", "handed_over"),
            ("TJ0000002", "revoked"),
            ("TJ0000003", "delivered"),
        ] {
            let mut prp = new_case(passport, "almaty", 60);
            prp.service = "prp".parse().unwrap();
            prp.state = state.parse().unwrap();
            let (case, _) = store.create_case(&prp, None, at(0)).await.unwrap();
            issued.push(case);
        }
        let holders: Vec<_> = issued
            .iter()
            .map(|case| ruqsat_store::HolderRow {
                case_id: case.id,
                service: "prp".parse().unwrap(),
                subtype: None,
                iin: None,
                passport: case.passport_number.clone(),
                issued_on: "2025-01-10".into(),
                valid_to: None,
                exempt: None,
            })
            .collect();
        assert_eq!(store.add_holders(&holders).await.unwrap(), 3);
        assert_eq!(store.add_holders(&holders[..1]).await.unwrap(), 0);
        let in_force = store.holders_in_force("prp").await.unwrap();
        assert_eq!(
            in_force
                .iter()
                .map(|holder| holder.passport.as_str())
                .collect::<Vec<_>>(),
            vec!["TJ0000001", "TJ0000003"]
        );
        assert!(store.holders_in_force("trp").await.unwrap().is_empty());
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let candidate = |case_id| ruqsat_store::NewCandidate {
            case_id,
            ground: "art49.15".into(),
            period_from: day,
            evidence: "{}".into(),
        };
        let found = vec![candidate(issued[0].id), candidate(issued[2].id)];
        assert_eq!(store.add_candidates(&found, day).await.unwrap(), 2);
        assert_eq!(store.add_candidates(&found, day).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn a_draft_keeps_its_files_within_limits_and_hands_them_to_its_case_once() {
    use ruqsat_store::{DraftLimits, NewDraftDocument};
    let limits = DraftLimits { files: 2, bytes: 10 };
    for store in backends().await {
        let key = format!("draft-{}", store.backend() as u8);
        store
            .create_draft(&key, "portal", "trp", "{\"a\":1}", at(0))
            .await
            .unwrap();
        assert!(store.save_draft(&key, "{\"a\":2}", Some("[]"), at(1)).await.unwrap());
        assert!(!store.save_draft("no-such-draft", "{}", None, at(1)).await.unwrap());
        let file = |document_type, content| NewDraftDocument {
            document_type,
            file_name: "scan.pdf",
            media_type: "application/pdf",
            sha256: "00",
            content,
        };
        let first = store
            .add_draft_document(&key, &file("identity_document", b"12345"), limits, at(2))
            .await
            .unwrap();
        assert!(first.is_some());
        // Six more bytes would make eleven: over the limit of bytes.
        assert_eq!(
            store
                .add_draft_document(&key, &file("photo", b"123456"), limits, at(2))
                .await
                .unwrap(),
            None
        );
        let second = store
            .add_draft_document(&key, &file("photo", b"12345"), limits, at(2))
            .await
            .unwrap();
        assert!(second.is_some());
        // A third file passes the limit of files.
        assert_eq!(
            store
                .add_draft_document(&key, &file("photo", b""), limits, at(2))
                .await
                .unwrap(),
            None
        );
        assert!(store.remove_draft_document(&key, second.unwrap()).await.unwrap());
        let listed = store.draft_documents(&key).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].document_type, "identity_document");

        let (case, _) = store
            .create_case(&new_case("FADRAFT01", "almaty", 60), None, at(3))
            .await
            .unwrap();
        assert_eq!(store.finish_draft(&key, case.id, "portal-web", at(4)).await.unwrap(), 1);
        assert_eq!(
            store.finish_draft(&key, case.id, "portal-web", at(4)).await.unwrap(),
            0,
            "once"
        );
        let moved = store.documents(case.id).await.unwrap();
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].uploaded_by, "portal-web");
        let draft = store.draft(&key).await.unwrap().unwrap();
        assert_eq!(draft.case_id, Some(case.id));
        assert_eq!(draft.answers, "{}", "the answers leave the draft with the submission");
        assert!(store.draft_documents(&key).await.unwrap().is_empty());
        assert!(
            !store.save_draft(&key, "{}", None, at(5)).await.unwrap(),
            "a submitted draft is closed"
        );
        assert_eq!(
            store
                .add_draft_document(&key, &file("photo", b"1"), limits, at(5))
                .await
                .unwrap(),
            None
        );

        // The same passport has an open TRP: a second one is a duplicate.
        let open = store
            .open_case_of_passport("trp", "FADRAFT01", &["accepted"])
            .await
            .unwrap();
        assert_eq!(open, Some((case.id, case.number.clone())));
        assert_eq!(
            store
                .open_case_of_passport("prp", "FADRAFT01", &["accepted"])
                .await
                .unwrap(),
            None
        );

        assert_eq!(store.purge_drafts(at(6)).await.unwrap(), 1);
        assert_eq!(store.draft(&key).await.unwrap(), None);
    }
}
