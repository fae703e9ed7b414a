//! Unit tests of the engine's wiring; the legal tables live in `ruqsat-contract/tests/it/cases/`.

use super::*;
use crate::parameters::{Edition, ParameterEntry, ParameterName, ParameterValue, RuleSet};

#[test]
fn missing_edition_is_an_error_naming_the_submission() {
    let parameters = Parameters::new(
        Vec::<ParameterEntry>::new(),
        vec![Edition {
            id: "order-219".into(),
            in_force_from: "2024-03-24".parse().unwrap(),
            rule_set: RuleSet::Order219,
            source: "test".into(),
        }],
        Vec::new(),
    )
    .unwrap();
    let error = parameters.edition_on("2024-01-10".parse().unwrap()).unwrap_err();
    assert!(error.to_string().contains("2024-03-24"), "{error}");
    let error = parameters.terms_on("2025-01-10".parse().unwrap()).unwrap_err();
    assert!(matches!(error, ParameterError::Missing { .. }), "{error}");
    let _ = (ParameterName::ALL, ParameterValue::Unset);
}
