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

#[test]
fn the_documents_required_follow_the_service_subtype_and_applicant() {
    use crate::application::{Categories, Request};
    use crate::codes::{Category, DocumentType, Subtype};
    use crate::country::CountryCode;
    use crate::decide::{PackageFacts, Requirement, required_documents};
    let facts = |request, citizenship: &str, age, categories: &[Category]| {
        let mut set = Categories::default();
        for category in categories {
            set.insert(*category);
        }
        PackageFacts {
            request,
            citizenship: Some(citizenship.parse::<CountryCode>().unwrap()),
            categories: set,
            age,
            host_owns_housing: false,
        }
    };
    let labour = |citizenship| required_documents(&facts(Request::Trp(Subtype::Labour), citizenship, 30, &[])).0;
    let uzbek = labour("UZB");
    assert!(uzbek.contains(&Requirement::One(DocumentType::MedicalInsurance)));
    assert!(
        uzbek
            .iter()
            .any(|line| matches!(line, Requirement::OneOf(group) if group.len() == 5))
    );
    // A citizen of the EAEU needs no medical insurance and brings the registered contract.
    let russian = labour("RUS");
    assert!(!russian.contains(&Requirement::One(DocumentType::MedicalInsurance)));
    assert!(russian.contains(&Requirement::One(DocumentType::EaeuLabourContract)));
    assert!(!russian.iter().any(|line| matches!(line, Requirement::OneOf(_))));
    // A minor under 16 with the parents: the birth certificate or another identity document.
    let (minor, explanations) = required_documents(&facts(Request::Prp, "UZB", 10, &[Category::MinorWithParents]));
    assert!(minor.contains(&Requirement::OrInstead(
        DocumentType::BirthCertificate,
        DocumentType::IdentityDocument
    )));
    assert!(!minor.contains(&Requirement::One(DocumentType::SolvencyProof)));
    assert!(!explanations.is_empty(), "the reduced set is explained");
}
