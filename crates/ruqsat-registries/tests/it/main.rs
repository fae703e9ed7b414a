//! The HTTP adapter against the registry server on a real socket (port 0): the same answers as
//! the simulator, retries, and the circuit breaker.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use ruqsat_domain::registries::{
    BorderCrossings, CriminalRecords, IinRegistry, MigrationRecords, RegistryError, Subject,
};
use ruqsat_registries::{HttpConfig, HttpRegistries, QueryContext, Simulator, SimulatorConfig, server, within};

async fn serve() -> (Arc<Simulator>, String) {
    let simulator = Arc::new(Simulator::new(SimulatorConfig::default()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = server::router(simulator.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (simulator, format!("http://{address}"))
}

fn subject(passport: &str) -> Subject {
    Subject {
        surname: "TESTOV".into(),
        given_name: "DEMO".into(),
        birth_date: NaiveDate::from_ymd_opt(1990, 5, 1).unwrap(),
        citizenship: Some("UZB".parse().unwrap()),
        passport_number: passport.into(),
        iin: None,
    }
}

fn config(base: &str) -> HttpConfig {
    HttpConfig {
        timeout: Duration::from_millis(500),
        backoff: Duration::from_millis(1),
        failure_threshold: 2,
        open_for: Duration::from_secs(60),
        ..HttpConfig::new(base)
    }
}

/// Who asks, for which case (X-Road's `userId` and `issue`).
fn asking() -> QueryContext {
    QueryContext {
        user_id: "officer.almaty".into(),
        issue: "TRP-00000001".into(),
    }
}

#[tokio::test]
async fn a_query_without_who_asks_and_for_which_case_is_refused() {
    let (_simulator, base) = serve().await;
    let http = HttpRegistries::new(config(&base)).unwrap();
    let error = http.criminal_facts(&subject("FA0000001")).await.unwrap_err();
    assert!(error.to_string().contains("422"), "{error}");
    assert!(
        within(asking(), http.criminal_facts(&subject("FA0000001")))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_adapter_gives_the_simulators_answers() {
    within(asking(), the_simulators_answers()).await;
}

async fn the_simulators_answers() {
    let (simulator, base) = serve().await;
    let http = HttpRegistries::new(config(&base)).unwrap();
    for passport in ["FA0000001", "WANTED02", "EXPEL003", "OFFENCE4"] {
        let person = subject(passport);
        assert_eq!(
            http.criminal_facts(&person).await.unwrap(),
            simulator.criminal_facts(&person).await.unwrap()
        );
        assert_eq!(
            http.admin_offences(&person).await.unwrap(),
            simulator.admin_offences(&person).await.unwrap()
        );
        assert_eq!(
            http.expelled_on(&person).await.unwrap(),
            simulator.expelled_on(&person).await.unwrap()
        );
    }
    let iin = "900501300001".parse().unwrap();
    assert_eq!(
        http.iin_registered(iin).await.unwrap(),
        simulator.iin_registered(iin).await.unwrap()
    );
}

#[tokio::test]
async fn an_outage_is_retried_then_the_circuit_opens() {
    within(asking(), outage_then_open_circuit()).await;
}

async fn outage_then_open_circuit() {
    let (simulator, base) = serve().await;
    let http = HttpRegistries::new(config(&base)).unwrap();
    simulator.set_down("border", true);
    let before = simulator.query_count();
    let error = http.border_facts(&subject("FA0000005")).await.unwrap_err();
    assert!(
        matches!(error, RegistryError::Unavailable { registry: "border", .. }),
        "{error}"
    );
    assert_eq!(simulator.query_count() - before, 3, "three attempts");
    assert!(!http.circuit_open());
    http.border_facts(&subject("FA0000005")).await.unwrap_err();
    assert!(http.circuit_open(), "two failed questions open the circuit");
    simulator.set_down("border", false);
    let before = simulator.query_count();
    let error = http.border_facts(&subject("FA0000005")).await.unwrap_err();
    assert!(error.to_string().contains("circuit open"), "{error}");
    assert_eq!(
        simulator.query_count(),
        before,
        "an open circuit fails fast, without asking"
    );
}

#[tokio::test]
async fn an_unreachable_gateway_is_an_unavailable_registry() {
    let http = HttpRegistries::new(config("http://127.0.0.1:9")).unwrap();
    assert!(http.border_facts(&subject("FA0000006")).await.is_err());
}
