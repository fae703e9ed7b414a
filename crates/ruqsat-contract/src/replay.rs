//! Writing what the service gathered back into the contract's JSON, so that a stored case can be
//! replayed with `ruqsat decide` exactly as it was decided (registry answers, findings, date).

use chrono::NaiveDate;
use ruqsat_domain::application::{Finding, RegistryFacts};
use serde_json::{Map, Value, json};

/// The `registry` block of the contract for these facts (unanswered registries left out).
pub fn registry_json(facts: &RegistryFacts) -> Value {
    let mut registry = Map::new();
    if let Some(found) = &facts.iin_found {
        registry.insert(
            "iin_found".into(),
            json!({ "applicant": found.applicant, "family": found.family }),
        );
    }
    if let Some(border) = facts.border {
        registry.insert("border".into(), json!({ "illegal_entry": border.illegal_entry }));
    }
    if let Some(criminal) = facts.criminal {
        registry.insert(
            "criminal".into(),
            json!({
                "wanted": criminal.wanted,
                "unexpunged_conviction": criminal.unexpunged_conviction,
                "unexecuted_obligations": criminal.unexecuted_obligations,
                "court_ban_on_service": criminal.court_ban_on_service,
                "released_from_prison_nonresident": criminal.released_from_prison_nonresident,
            }),
        );
    }
    if let Some(offences) = &facts.admin_offences {
        let offences: Vec<Value> = offences
            .iter()
            .map(|offence| json!({ "area": offence.area.as_str(), "on": offence.on.to_string() }))
            .collect();
        registry.insert("admin_offences".into(), Value::Array(offences));
    }
    if let Some(count) = facts.employer_domestic_trps {
        registry.insert("employer_domestic_trps".into(), json!(count));
    }
    if let Some(exists) = facts.prp_application_exists {
        registry.insert("prp_application_exists".into(), json!(exists));
    }
    if let Some(registered) = facts.fingerprints_registered {
        registry.insert("fingerprints_registered".into(), json!(registered));
    }
    if let Some(expelled) = facts.expelled_on {
        registry.insert(
            "expelled_on".into(),
            expelled.map_or(Value::Null, |date| json!(date.to_string())),
        );
    }
    if let Some(flags) = &facts.security_flags {
        let flags: Vec<&str> = flags.iter().map(|flag| flag.as_str()).collect();
        registry.insert("security_flags".into(), json!(flags));
    }
    for (name, answer) in [
        ("citizenship_lost_art21", facts.citizenship_lost_art21),
        ("citizenship_deprived_art20_1", facts.citizenship_deprived_art20_1),
        ("marriage_annulled", facts.marriage_annulled),
    ] {
        if let Some(answer) = answer {
            registry.insert(name.into(), json!(answer));
        }
    }
    if let Some(payment) = facts.duty_payment {
        registry.insert(
            "duty_payment".into(),
            json!({ "amount_kzt": payment.amount_kzt, "paid_on": payment.paid_on.to_string() }),
        );
    }
    Value::Object(registry)
}

/// The application JSON with the registry answers, the officer's findings and the decision date
/// written in: the exact input of the decision, for replay.
pub fn replay_json(
    application_json: &str,
    registry: &Value,
    findings: &[Finding],
    decided_on: Option<NaiveDate>,
) -> Result<String, serde_json::Error> {
    let mut value: Value = serde_json::from_str(application_json)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("registry".into(), registry.clone());
        let findings: Vec<Value> = findings
            .iter()
            .map(|finding| json!({ "ground": finding.ground.as_str(), "note": finding.note }))
            .collect();
        object.insert("findings".into(), Value::Array(findings));
        if let Some(date) = decided_on {
            object.insert("decided_on".into(), json!(date.to_string()));
        }
    }
    serde_json::to_string(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_application;

    #[test]
    fn registry_facts_round_trip_through_the_contract() {
        let base = include_str!("../tests/it/bases/prp.json");
        let application = parse_application(base).unwrap();
        let registry = registry_json(&application.registry);
        let replayed = replay_json(base, &registry, &[], None).unwrap();
        assert_eq!(parse_application(&replayed).unwrap().registry, application.registry);
    }
}
