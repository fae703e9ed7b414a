//! The use cases against the application layer itself (no HTTP), on SQLite and PostgreSQL:
//! each change is one audited transaction, retries write nothing, stored data is read typed.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use ruqsat_cases::actors::{Caller, Role};
use ruqsat_cases::records::DecisionRecord;
use ruqsat_cases::workflow::{self, OfficerDecision};
use ruqsat_cases::{CaseError, Service, permits, testing, worker};
use ruqsat_domain::case::EventReason;
use ruqsat_domain::codes::Channel;
use ruqsat_domain::decision::Outcome;
use ruqsat_registries::AnyRegistries;
use ruqsat_store::Created;
use ruqsat_store::testing::backends;

/// The service on `store`, built as `ruqsat serve` builds it, with a fixed clock.
fn service(store: ruqsat_store::Store) -> Service {
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 3, 20, 5, 15, 0).unwrap();
    let law = ruqsat_contract::shipped_law().unwrap();
    let simulator = testing::registries_with_duty_paid(&law, chrono::NaiveDate::from_ymd_opt(2025, 3, 6).unwrap());
    Service::builder(
        store,
        Arc::new(law),
        AnyRegistries::Simulated(simulator),
        Arc::new(move || now),
        Arc::new(|| "a-fixed-test-token".into()),
        ruqsat_documents::seal::Sealer::from_seed([7; 32]),
    )
    .signatures(testing::signatures())
    .build()
}

fn caller(login: &str, role: Role, region: Option<&str>) -> Caller {
    Caller {
        login: login.into(),
        role,
        region: region.map(|code| code.parse().unwrap()),
    }
}

fn portal() -> Caller {
    caller("portal", Role::Integration(Channel::Portal), None)
}

fn officer() -> Caller {
    caller("officer.almaty", Role::Officer, Some("almaty"))
}

/// The portal's TRP application of a fake person, as the portal sends it.
fn portal_trp(passport: &str) -> Vec<u8> {
    testing::signed(testing::portal_trp(passport)).to_string().into_bytes()
}

#[tokio::test]
async fn every_step_of_a_case_is_one_audited_change_and_retries_write_nothing() {
    for store in backends().await {
        let service = service(store);
        let body = portal_trp("FA0000301");
        let (case, created) = workflow::intake(&service, &portal(), &body, Some("key-301"))
            .await
            .unwrap();
        assert_eq!(created, Created::New);
        let (again, created) = workflow::intake(&service, &portal(), &body, Some("key-301"))
            .await
            .unwrap();
        assert_eq!((created, again.id), (Created::Existing, case.id));
        assert_eq!(worker::drain(&service).await, 1);
        let decision = OfficerDecision {
            outcome: Outcome::Issue,
            reason: None,
            findings: Vec::new(),
            answer: None,
        };
        workflow::decide_case(&service, &officer(), case.id, decision)
            .await
            .unwrap();
        workflow::deliver(&service, &officer(), case.id).await.unwrap();
        workflow::hand_over(&service, &portal(), case.id, workflow::Identity::Document(true))
            .await
            .unwrap();

        let audited: Vec<(String, String)> = service
            .store
            .audit_for_case(case.id)
            .await
            .unwrap()
            .into_iter()
            .map(|entry| (entry.actor, entry.action))
            .collect();
        let expected = [
            ("portal", "submit"),
            ("system", "start_checks"),
            ("system", "checks_complete"),
            ("engine", "propose"),
            ("officer.almaty", "decide_issue"),
            ("officer.almaty", "deliver"),
            ("portal", "hand_over"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(actor, action)| ((*actor).to_owned(), (*action).to_owned()))
            .collect();
        assert_eq!(audited, expected);
        // One event per change, its reason as codes.
        let events = service.store.events(case.id).await.unwrap();
        assert_eq!(events.len(), expected.len());
        assert_eq!(
            events[0].reason,
            Some(EventReason::Submitted {
                channel: Channel::Portal,
                not_accepted: Vec::new()
            })
        );
        assert_eq!(events[5].reason, Some(EventReason::Delivered(Channel::Portal)));
        assert!(service.store.verify_audit(None).await.unwrap().is_ok());
    }
}

#[tokio::test]
async fn a_refusal_without_reasoning_is_refused_in_the_users_language() {
    for store in backends().await {
        let service = service(store);
        let (case, _) = workflow::intake(&service, &portal(), &portal_trp("FA0000302"), None)
            .await
            .unwrap();
        worker::drain(&service).await;
        let decision = OfficerDecision {
            outcome: Outcome::Refuse,
            reason: Some("   ".into()),
            findings: Vec::new(),
            answer: None,
        };
        let error = workflow::decide_case(&service, &officer(), case.id, decision)
            .await
            .unwrap_err();
        let CaseError::Invalid {
            field, id: Some(id), ..
        } = &error
        else {
            panic!("not a coded refusal: {error:?}");
        };
        assert_eq!(field, "reason");
        for lang in [ruqsat_i18n::Lang::Kk, ruqsat_i18n::Lang::Ru, ruqsat_i18n::Lang::En] {
            assert!(ruqsat_i18n::has_message(lang, id), "{id} in {lang:?}");
        }
        // Nothing changed: no event, no audit entry beyond the checks.
        let after = service.store.case(case.id).await.unwrap().unwrap();
        assert_eq!(after.state.as_str(), "proposed");
        assert!(after.decision.is_none());
    }
}

#[tokio::test]
async fn an_unreadable_stored_decision_is_an_error_naming_the_case_never_a_blank() {
    for store in backends().await {
        let service = service(store);
        let (case, _) = workflow::intake(&service, &portal(), &portal_trp("FA0000303"), None)
            .await
            .unwrap();
        worker::drain(&service).await;
        let decision = OfficerDecision {
            outcome: Outcome::Issue,
            reason: None,
            findings: Vec::new(),
            answer: None,
        };
        let issued = workflow::decide_case(&service, &officer(), case.id, decision)
            .await
            .unwrap();
        let record = DecisionRecord::require(&issued).unwrap();
        let number = record.permit.unwrap().number;
        let today = chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let standing = permits::standing_on(&service.store, today, &number).await.unwrap();
        assert_eq!(standing.status, permits::PermitState::Valid);
        service
            .store
            .execute_raw(&format!(
                "UPDATE cases SET decision = '{{\"outcome\":\"issue\"}}' WHERE id = {}",
                case.id
            ))
            .await
            .unwrap();
        let error = permits::standing_on(&service.store, today, &number).await.unwrap_err();
        assert!(
            matches!(error, CaseError::Unreadable { case: id, what: "decision", .. } if id == case.id),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with(&format!("case {}: the stored decision", case.id))
        );
    }
}

/// A draft that raises the MCI from 1 March 2025 and adds 26 March 2025 as a day off.
const DRAFT_PARAMETERS: &str = r#"
[[mci]]
amount_kzt = 4200
in_force_from = "2025-03-01"
source = "draft (test)"
"#;
const DRAFT_CALENDAR: &str = r#"
[[year]]
year = 2025
kurban_ait = "2025-06-06"
working_weekend_days = ["2025-01-05"]
transferred_days_off = ["2025-01-03", "2025-03-26"]
source = "draft (test)"
"#;

#[tokio::test]
async fn the_impact_of_a_draft_lists_exactly_the_cases_whose_fee_or_due_time_changes() {
    for store in backends().await {
        let service = service(store);
        let now = (service.clock)();
        // A TRP due on 26 March (after Nauryz): the new day off moves it to 27 March; it is free.
        let (trp, _) = workflow::intake(&service, &portal(), &portal_trp("FA0000401"), None)
            .await
            .unwrap();
        // A PRP whose duty was paid on 6 March: the new MCI raises its fee; due on 5 May.
        let prp_body = serde_json::json!({
            "region": "almaty",
            "application": ruqsat_cases::demo::prp_application(0, service.law.local(now), "TJIMPACT01"),
        })
        .to_string();
        let sc = caller("sc-system", Role::Integration(Channel::StateCorporation), None);
        let (prp, _) = workflow::intake(&service, &sc, prp_body.as_bytes(), None)
            .await
            .unwrap();
        // Not pending: an application not accepted is not assessed.
        let mut incomplete = testing::portal_trp("FA0000402");
        incomplete["application"]["documents"] = serde_json::json!([{"type": "application_form"}]);
        let incomplete = testing::signed(incomplete);
        let (rejected, _) = workflow::intake(&service, &portal(), incomplete.to_string().as_bytes(), None)
            .await
            .unwrap();
        assert_eq!(rejected.state.as_str(), "not_accepted");
        worker::drain(&service).await;

        let draft = ruqsat_contract::load_law(&[("draft", DRAFT_PARAMETERS)], &[("draft", DRAFT_CALENDAR)]).unwrap();
        let impact =
            ruqsat_cases::impact::assess(&service.store, service.law.clone(), std::sync::Arc::new(draft), None)
                .await
                .unwrap();
        assert_eq!(impact.assessed, 2);
        let rows: Vec<(&str, &str, &str, &str)> = impact
            .changes
            .iter()
            .map(|change| {
                (
                    change.number.as_str(),
                    change.what,
                    change.current.as_str(),
                    change.draft.as_str(),
                )
            })
            .collect();
        // The PRP's duty was paid on 6 March at the old MCI: under the draft the receipt is short
        // of the new fee, so the draft would not accept the package (and gives no due time).
        let mut expected = vec![
            (
                trp.number.as_str(),
                "due_at",
                "2025-03-26T18:30:00+05:00",
                "2025-03-27T18:30:00+05:00",
            ),
            (prp.number.as_str(), "fee_kzt", "15728", "16800"),
            (prp.number.as_str(), "outcome", "issue", "not_accepted"),
            (prp.number.as_str(), "invalid_documents", "", "state_duty_receipt"),
            (prp.number.as_str(), "due_at", "2025-05-05T18:30:00+05:00", ""),
        ];
        let mut rows_sorted = rows.clone();
        rows_sorted.sort();
        expected.sort();
        assert_eq!(rows_sorted, expected, "{}", impact.to_csv());
        assert!(impact.to_csv().starts_with("number,service,state,what,current,draft\n"));
        assert_eq!(impact.cases_changing("fee_kzt"), [prp.number.as_str()]);
        assert_eq!(
            impact.cases_changing("due_at"),
            [trp.number.as_str(), prp.number.as_str()]
        );
        // Nothing changed in the cases.
        let after = service.store.case(trp.id).await.unwrap().unwrap();
        assert_eq!(
            after.due_at.map(|due| service.law.local(due).to_rfc3339()).as_deref(),
            Some("2025-03-26T18:30:00+05:00")
        );
        // The law in force against itself: no change.
        let same = ruqsat_cases::impact::assess(&service.store, service.law.clone(), service.law.clone(), None)
            .await
            .unwrap();
        assert!(same.changes.is_empty());
    }
}

mod gateways;
