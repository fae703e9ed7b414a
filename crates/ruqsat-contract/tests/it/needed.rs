//! Which registries a case needs is the domain's (`ruqsat_domain::registries::needed`): the TRP
//! base asks the five of every case, the PRP base also the six of a PRP, and a labour TRP with
//! a domestic-work permit the employer's domestic-work TRPs.

use ruqsat_contract::parse_application;

#[test]
fn the_registries_a_case_needs_are_the_laws() {
    use ruqsat_domain::decision::Registry;
    let needed = |json: &str| ruqsat_domain::registries::needed(&parse_application(json).unwrap()).registries;
    let trp = needed(include_str!("bases/trp.json"));
    assert_eq!(
        trp,
        [
            Registry::Border,
            Registry::Criminal,
            Registry::AdminOffences,
            Registry::Iin,
            Registry::Fingerprints
        ]
    );
    let prp = needed(include_str!("bases/prp.json"));
    assert!(prp.starts_with(&trp) && prp.contains(&Registry::DutyPayments) && prp.len() == 11);
    let mut labour: serde_json::Value = serde_json::from_str(include_str!("bases/trp.json")).unwrap();
    labour["subtype"] = "labour".into();
    labour["documents"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"type": "domestic_work_permit", "issued_on": "2025-01-10"}));
    assert!(needed(&labour.to_string()).contains(&Registry::EmployerDomesticTrps));
}
