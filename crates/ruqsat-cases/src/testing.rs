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
