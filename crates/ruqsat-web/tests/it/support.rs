//! The fixture of the web suites: the whole application on a store, built through the same
//! builder as `ruqsat serve` (`ruqsat_cases::Service::builder`), with a clock tests can move.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use chrono::{DateTime, TimeZone, Utc};
use ruqsat_cases::demo;
use ruqsat_registries::Simulator;
use ruqsat_web::{AppState, router};
use serde_json::Value;
use tower::ServiceExt;

/// An application and a clock that tests can move.
pub struct TestApp {
    pub state: AppState,
    pub registries: Arc<Simulator>,
    pub seconds: Arc<AtomicI64>,
}

impl TestApp {
    pub async fn new(store: ruqsat_store::Store) -> TestApp {
        let seconds = Arc::new(AtomicI64::new(0));
        let start: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 3, 20, 5, 15, 0).unwrap();
        let offset = seconds.clone();
        // The state duty of a PRP (4 MCI) paid two weeks before the fixed "now".
        let law = ruqsat_contract::shipped_law().unwrap();
        let registries = ruqsat_cases::testing::registries_with_duty_paid(
            &law,
            chrono::NaiveDate::from_ymd_opt(2025, 3, 6).unwrap(),
        );
        let state = AppState::builder(
            store,
            Arc::new(law),
            ruqsat_registries::AnyRegistries::Simulated(registries.clone()),
            Arc::new(move || start + chrono::Duration::seconds(offset.load(Ordering::Relaxed))),
            Arc::new(|| {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                format!("test-session-{:08}", NEXT.fetch_add(1, Ordering::Relaxed))
            }),
            ruqsat_documents::seal::Sealer::from_seed([7; 32]),
        )
        .public_url("http://ruqsat.test")
        .vds(test_vds().0, test_vds().1)
        .signatures(ruqsat_cases::testing::signatures())
        .demo(true)
        .build();
        demo::accounts(&state).await.unwrap();
        TestApp {
            state,
            registries,
            seconds,
        }
    }

    pub fn advance(&self, seconds: i64) {
        self.seconds.fetch_add(seconds, Ordering::Relaxed);
    }

    pub async fn call(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
        key: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        // The portal's applications are signed by the applicant (the demo applicant's key here);
        // a test of an unsigned one sends `"signature": null`.
        let body = match body {
            Some(mut body)
                if method == "POST"
                    && uri == "/api/v1/applications"
                    && token == Some("demo-portal")
                    && body.get("signature").is_none()
                    && body.get("application").is_some() =>
            {
                if let Some(signature) =
                    ruqsat_cases::workflow::demo_signature(&self.state, &body["application"]).unwrap()
                {
                    body["signature"] = Value::String(signature);
                }
                Some(body)
            }
            body => body,
        };
        let body = body.map_or_else(Body::empty, |body| Body::from(body.to_string()));
        let response = router(self.state.clone())
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = to_bytes(response.into_body(), 10_000_000).await.unwrap();
        let value =
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, value)
    }
}

/// The visible digital seal's signer and published certificates of the tests: a CA and a
/// signer made once per test process (valid from 2024, before the tests' clock).
pub fn test_vds() -> (
    ruqsat_documents::vds::pki::VdsSigner,
    ruqsat_documents::vds::pki::Certificates,
) {
    use ruqsat_documents::vds::pki;
    static ISSUED: std::sync::LazyLock<(pki::Issued, pki::Issued)> = std::sync::LazyLock::new(|| {
        let from = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let authority = pki::create_authority("KZ", "Ruqsat tests", "Ruqsat test CSCA", from, 15).unwrap();
        let signer = pki::issue_signer(&authority, "KZ", "RQ", 1, from, 5).unwrap();
        (authority, signer)
    });
    let (authority, signer) = &*ISSUED;
    (
        pki::VdsSigner::from_pem(signer).unwrap(),
        pki::Certificates::from_pem(&format!("{}{}", authority.certificate, signer.certificate)).unwrap(),
    )
}
