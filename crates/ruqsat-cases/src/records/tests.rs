//! Stored decisions read back, old ones too; unreadable ones name the case.

use super::*;

fn case_with(decision: Option<&str>) -> CaseRow {
    CaseRow {
        id: 42,
        number: "TRP-00000042".into(),
        service: ruqsat_domain::codes::Service::Trp,
        channel: ruqsat_domain::codes::Channel::Desk,
        region: ruqsat_domain::codes::Region::Almaty,
        state: ruqsat_domain::case::CaseState::PermitIssued,
        submitted_at: "2026-03-02T05:00:00Z".parse().unwrap(),
        due_at: None,
        passport_number: "FA0000042".into(),
        iin: None,
        application: "{}".into(),
        registry: None,
        proposal: None,
        decision: decision.map(str::to_owned),
        permit_number: None,
        attempts: 0,
        version: 1,
        updated_at: "2026-03-02T05:00:00Z".parse().unwrap(),
        term: None,
        assignee: None,
    }
}

/// A decision as the version before records wrote it (no `version`, no signature fields).
const WRITTEN_BEFORE: &str = r#"{"outcome":"issue","officer":"officer.almaty","decided_on":"2026-03-03",
"proposal":"issue","departs_from_proposal":false,"reason":null,"grounds":[],"edition":"order-219",
"permit":{"number":"KZ-TRP-2026-0000042","valid_from":"2026-03-10","valid_until":"2027-03-09"},"replay":{}}"#;

#[test]
fn a_decision_written_before_versions_reads_and_writes_back_the_same() {
    let record = DecisionRecord::read(&case_with(Some(WRITTEN_BEFORE))).unwrap().unwrap();
    assert_eq!(record.version, 1);
    assert_eq!(record.outcome, Decided::Issue);
    let permit = record.permit.clone().unwrap();
    assert_eq!(permit.valid_until, Some("2027-03-09".parse().unwrap()));
    let again = DecisionRecord::read(&case_with(Some(&record.to_json())))
        .unwrap()
        .unwrap();
    assert_eq!(again, record);
    assert!(DecisionRecord::read(&case_with(None)).unwrap().is_none());
}

#[test]
fn an_unreadable_decision_is_an_error_naming_the_case() {
    for broken in [
        "not json",
        r#"{"outcome":"maybe"}"#,
        &WRITTEN_BEFORE.replace("2026-03-03", "yesterday"),
        &WRITTEN_BEFORE.replace(r#""grounds":[]"#, r#""grounds":["trp.99"]"#),
        &WRITTEN_BEFORE.replace(r#"{"outcome""#, r#"{"version":7,"outcome""#),
    ] {
        let error = DecisionRecord::read(&case_with(Some(broken))).unwrap_err().to_string();
        assert!(error.starts_with("case 42: the stored decision"), "{error}");
    }
    let error = DecisionRecord::require(&case_with(None)).unwrap_err().to_string();
    assert!(error.contains("case 42"), "{error}");
}
