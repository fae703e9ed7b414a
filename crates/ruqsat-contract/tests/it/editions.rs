//! The seam of editions: a made-up amendment (`editions/test-amendment.toml`, rule set
//! `test-amendment`) changes one rule (`trp.9.4`) from a date; the same application is decided by
//! the text in force on each side of that date.

use ruqsat_contract::{load_law, parse_application};
use ruqsat_domain::codes::GroundCode;
use ruqsat_domain::decide::decide;
use ruqsat_domain::decision::Outcome;

const AMENDMENT: &str = include_str!("editions/test-amendment.toml");

/// The labour example moved to 2026, submitted on `day`, with or without the consent.
fn application(day: &str, consent: bool) -> String {
    let mut json: serde_json::Value =
        serde_json::from_str(include_str!("../../../../examples/trp-labour.json")).unwrap();
    json["submitted_at"] = format!("{day}T10:15:00+05:00").into();
    json["requested_period"] = serde_json::json!({"from": "2026-06-10", "to": "2027-06-09"});
    json["contract_ends_on"] = "2027-01-31".into();
    json["stay_permitted_until"] = "2026-06-15".into();
    json["consent_to_restricted_data"] = consent.into();
    for document in json["documents"].as_array_mut().unwrap() {
        if document.get("issued_on").is_some() {
            document["issued_on"] = "2026-05-01".into();
        }
        if document.get("valid_until").is_some() {
            document["valid_until"] = "2027-04-30".into();
        }
    }
    json.to_string()
}

fn decided(day: &str, consent: bool) -> (Outcome, String, Vec<GroundCode>) {
    let law = load_law(&[("test-amendment.toml", AMENDMENT)], &[]).unwrap();
    let application = parse_application(&application(day, consent)).unwrap();
    let decision = decide(&application, &law).unwrap();
    let grounds = decision.grounds.iter().map(|ground| ground.code).collect();
    (decision.outcome, decision.edition.id.clone(), grounds)
}

#[test]
fn the_test_edition_decides_by_the_text_in_force_on_the_submission_date() {
    // With the consent, nothing changes across the date.
    assert_eq!(decided("2026-05-29", true).0, Outcome::Issue);
    assert_eq!(decided("2026-06-02", true).0, Outcome::Issue);
    // Without it: refused under Order No. 219 the last day before the amendment...
    assert_eq!(
        decided("2026-05-29", false),
        (Outcome::Refuse, "order-219".to_owned(), vec![GroundCode::Trp9_4])
    );
    // ...issued under the amendment from its first day (Kazakhstan time decides the day).
    assert_eq!(
        decided("2026-06-01", false),
        (Outcome::Issue, "test-amendment".to_owned(), vec![])
    );
}

#[test]
fn the_shipped_law_knows_no_test_edition() {
    let law = ruqsat_contract::shipped_law().unwrap();
    let application = parse_application(&application("2026-06-02", false)).unwrap();
    let decision = decide(&application, &law).unwrap();
    assert_eq!(
        (decision.outcome, decision.edition.id.as_str()),
        (Outcome::Refuse, "order-219")
    );
}
