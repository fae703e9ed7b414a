//! Tests of the form-to-application mapping.

use super::*;

fn values(pairs: &[(&str, &str)]) -> Values {
    Values(
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect(),
    )
}

#[test]
fn dotted_names_become_the_application_json() {
    let form = values(&[
        ("csrf", "secret"),
        ("region", "almaty"),
        ("subtype", "labour"),
        ("applicant.surname", " TESTOV "),
        ("applicant.citizenship", "uzb"),
        ("applicant.passport.number", "fa0000001"),
        ("documents", "application_form"),
        ("documents", "identity_document"),
        ("family_members.0.surname", "TESTOVA"),
        ("family_members.1.given_name", ""),
        ("host.name", "EXAMPLE LLP"),
        ("consent_to_restricted_data", "true"),
        ("applicant.patronymic", ""),
    ]);
    let json = application_json(&form, "portal");
    assert_eq!(json["channel"], "portal");
    assert_eq!(json["subtype"], "labour");
    assert_eq!(json["applicant"]["surname"], "TESTOV");
    assert_eq!(json["applicant"]["citizenship"], "UZB");
    assert_eq!(json["applicant"]["passport"]["number"], "FA0000001");
    assert!(json["applicant"].get("patronymic").is_none());
    assert_eq!(
        json["documents"],
        json!([{"type": "application_form"}, {"type": "identity_document"}])
    );
    assert_eq!(json["family_members"], json!([{"surname": "TESTOVA"}]));
    assert_eq!(json["host"], json!({"name": "EXAMPLE LLP", "owns_housing": false}));
    assert_eq!(json["consent_to_restricted_data"], true);
    assert!(json.get("csrf").is_none() && json.get("region").is_none());
}

#[test]
fn an_empty_host_is_no_host() {
    let json = application_json(&values(&[("host.kind", "")]), "desk");
    assert!(json.get("host").is_none());
}

#[test]
fn contract_paths_name_form_fields() {
    assert_eq!(
        form_field("application.applicant.passport.number"),
        "applicant.passport.number"
    );
    assert_eq!(
        form_field("family_members[0].birth_date"),
        "family_members.0.birth_date"
    );
    assert_eq!(form_field("documents"), "documents");
}
