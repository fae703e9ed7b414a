//! For the test suites of this and the adapter crates (feature `testing`, never in the product's
//! build): the simulated registries of a fixed day and the portal's application of a fake person.

use std::sync::Arc;

use chrono::NaiveDate;
use ruqsat_domain::decide::Law;
use ruqsat_registries::{Simulator, SimulatorConfig};
use serde_json::{Value, json};

/// The simulated registries, reporting the state duty of a PRP (4 MCI) paid on `paid_on`.
pub fn registries_with_duty_paid(law: &Law, paid_on: NaiveDate) -> Arc<Simulator> {
    let duty_payment = law
        .parameters()
        .mci_on(paid_on)
        .ok()
        .map(|mci| ruqsat_domain::application::DutyPayment {
            amount_kzt: mci.amount_kzt * 4,
            paid_on,
        });
    Arc::new(Simulator::new(SimulatorConfig {
        duty_payment,
        ..SimulatorConfig::default()
    }))
}

/// The portal's TRP application (the legal tables' base, without what Ruqsat fills in) of a
/// fake person with passport `passport`, for the region of Almaty.
pub fn portal_trp(passport: &str) -> Value {
    let mut application: Value = serde_json::from_str(include_str!("../../ruqsat-contract/tests/it/bases/trp.json"))
        .expect("invariant: the legal tables' base is JSON");
    if let Some(object) = application.as_object_mut() {
        object.remove("registry");
        object.remove("findings");
        object.insert("channel".into(), json!("portal"));
    }
    application["applicant"]["passport"]["number"] = json!(passport);
    application["applicant"]["iin"] = Value::Null;
    json!({ "region": "almaty", "application": application })
}

/// The same application taken at the desk (no applicant's electronic signature).
pub fn desk_trp(passport: &str) -> Value {
    let mut request = portal_trp(passport);
    request["application"]["channel"] = json!("desk");
    request
}

/// The signatures of the tests: a demo authority and the demo applicant's key, made once per test
/// process (valid from a year before the tests' clock, 2025-03-20).
pub fn signatures() -> crate::Signatures {
    static KEYS: std::sync::LazyLock<(ruqsat_documents::esign::Issued, ruqsat_documents::esign::Issued)> =
        std::sync::LazyLock::new(|| {
            let at = chrono::DateTime::parse_from_rfc3339("2025-03-20T05:15:00Z")
                .expect("invariant: a valid instant")
                .with_timezone(&chrono::Utc);
            crate::demo::signature_keys(at).expect("invariant: test keys are made")
        });
    crate::demo::signatures(&KEYS.0, &KEYS.1).expect("invariant: test keys are read")
}

/// `request` with the demo applicant's signature of its application (the portal's).
pub fn signed(mut request: Value) -> Value {
    use base64::Engine as _;
    let signer = signatures().demo.expect("invariant: the tests have a demo signer");
    let content = ruqsat_documents::esign::canonical(&request["application"]);
    let at = chrono::DateTime::parse_from_rfc3339("2025-03-20T05:00:00Z")
        .expect("invariant: a valid instant")
        .with_timezone(&chrono::Utc);
    let der = signer.sign(&content, at).expect("invariant: the test key signs");
    request["signature"] = json!(base64::engine::general_purpose::STANDARD.encode(der));
    request
}
