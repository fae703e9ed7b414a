//! Tests of the simulator and of gathering: determinism, forced facts, outages, data minimisation.

use ruqsat_contract::{parse_application, shipped_law};
use ruqsat_domain::decide::decide;
use ruqsat_domain::decision::Outcome;

use super::*;
use crate::gather;

const TRP: &str = include_str!("../../../ruqsat-contract/tests/it/bases/trp.json");
const PRP: &str = include_str!("../../../ruqsat-contract/tests/it/bases/prp.json");

fn subject(passport: &str) -> Subject {
    Subject {
        surname: "TESTOV".into(),
        given_name: "DEMO".into(),
        birth_date: NaiveDate::from_ymd_opt(1990, 5, 1).unwrap(),
        citizenship: None,
        passport_number: passport.into(),
        iin: None,
    }
}

#[tokio::test]
async fn the_population_is_deterministic_and_mostly_clean() {
    let simulator = Simulator::new(SimulatorConfig::default());
    let mut wanted = 0;
    for index in 0..2000 {
        let passport = format!("FA{index:07}");
        let first = simulator.criminal_facts(&subject(&passport)).await.unwrap();
        let second = simulator.criminal_facts(&subject(&passport)).await.unwrap();
        assert_eq!(first, second);
        wanted += usize::from(first.wanted);
    }
    assert!(wanted < 20, "{wanted} wanted of 2000");
}

#[tokio::test]
async fn passport_markers_force_facts() {
    let simulator = Simulator::new(SimulatorConfig::default());
    assert!(simulator.criminal_facts(&subject("WANTED01")).await.unwrap().wanted);
    assert!(!simulator.fingerprints_registered(&subject("NOFP0001")).await.unwrap());
    assert!(simulator.expelled_on(&subject("EXPEL001")).await.unwrap().is_some());
}

#[tokio::test]
async fn an_outage_leaves_the_case_pending_and_recovery_completes_it() {
    let law = shipped_law().unwrap();
    let simulator = Simulator::new(SimulatorConfig::default());
    let mut application = parse_application(TRP).unwrap();
    simulator.set_down("border", true);
    let (facts, queries) = gather(&simulator, &application).await;
    assert_eq!(facts.border, None);
    assert!(
        queries
            .iter()
            .any(|query| query.registry == "border" && !query.answered)
    );
    application.registry = facts;
    assert_eq!(decide(&application, &law).unwrap().outcome, Outcome::Pending);

    simulator.set_down("border", false);
    let (facts, _) = gather(&simulator, &application).await;
    application.registry = facts;
    assert_ne!(decide(&application, &law).unwrap().outcome, Outcome::Pending);
}

#[tokio::test]
async fn a_trp_asks_only_the_registries_its_rules_need() {
    let simulator = Simulator::new(SimulatorConfig::default());
    let application = parse_application(TRP).unwrap();
    let (facts, queries) = gather(&simulator, &application).await;
    let asked: Vec<_> = queries.iter().map(|query| query.registry).collect();
    assert_eq!(asked, ["border", "criminal", "admin_offences", "iin", "fingerprints"]);
    assert!(facts.security_flags.is_none() && facts.duty_payment.is_none());
    assert!(
        queries
            .iter()
            .all(|query| query.digest.len() == 64 && !query.legal_basis.is_empty())
    );
}

#[tokio::test]
async fn a_prp_asks_the_security_citizenship_court_and_payment_records() {
    let payment = DutyPayment {
        amount_kzt: 15728,
        paid_on: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
    };
    let simulator = Simulator::new(SimulatorConfig {
        duty_payment: Some(payment),
        ..SimulatorConfig::default()
    });
    let application = parse_application(PRP).unwrap();
    let (facts, queries) = gather(&simulator, &application).await;
    assert_eq!(queries.len(), 11);
    assert_eq!(facts.duty_payment, Some(payment));
    assert!(facts.security_flags.is_some() && facts.marriage_annulled.is_some() && facts.expelled_on.is_some());
}
