//! The officer's queue page with 10,000 open cases of the region in the database, measured
//! server-side through the whole router (session cookie, page context, the queue query of the
//! 500 cases due soonest, the counts of the whole queue, rendering). Target: under 100 ms.
//! Run: `cargo bench -p ruqsat-web --bench pages` (SQLite in a temporary file; set
//! `BENCH_DATABASE_URL` to a PostgreSQL database to measure there — it must be empty).

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::Request;
use chrono::{DateTime, Duration, TimeZone, Utc};
use ruqsat_cases::{demo, workflow};
use ruqsat_registries::{Simulator, SimulatorConfig};
use ruqsat_web::{AppState, api, router};
use tower::ServiceExt;

const OPEN_CASES: usize = 10_000;

/// A fixed "now" (a Tuesday in the published calendar), so that every run sees the same queue.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 6, 0, 0).unwrap()
}

fn main() {
    divan::main();
}

struct Fixture {
    runtime: tokio::runtime::Runtime,
    app: axum::Router,
    cookie: String,
}

fn fixture() -> Fixture {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, cookie) = runtime.block_on(async {
        let dir = std::env::temp_dir().join(format!("ruqsat-bench-pages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = std::env::var("BENCH_DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));
        let store = ruqsat_store::Store::connect(&url, ruqsat_store::testing::audit_key())
            .await
            .unwrap();
        let state = AppState::builder(
            store,
            Arc::new(ruqsat_contract::shipped_law().unwrap()),
            ruqsat_registries::AnyRegistries::Simulated(Arc::new(Simulator::new(SimulatorConfig::default()))),
            Arc::new(now),
            Arc::new(|| {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                format!(
                    "bench-token-{:016}",
                    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                )
            }),
            ruqsat_documents::seal::Sealer::from_seed([7; 32]),
        )
        .build();
        demo::accounts(&state).await.unwrap();
        let officer = ruqsat_web::auth::Caller {
            login: "officer.almaty".into(),
            role: ruqsat_web::auth::Role::Officer,
            region: Some(ruqsat_domain::codes::Region::Almaty),
        };
        let now = now();
        for index in 0..OPEN_CASES {
            // Spread over the last days: some overdue, some due today, most later.
            let at = now - Duration::minutes((index % 4_000) as i64);
            let application = demo::trp_application(index, state.law.local(at), "desk", &format!("FB{index:07}"));
            let body = serde_json::json!({ "region": "almaty", "application": application }).to_string();
            workflow::intake(&state, &officer, body.as_bytes(), None).await.unwrap();
        }
        let token = api::open_session(&state, "officer.almaty", "demo-officer-almaty", None, None)
            .await
            .unwrap()
            .token;
        (router(state), format!("ruqsat_session={token}"))
    });
    Fixture { runtime, app, cookie }
}

#[divan::bench(sample_count = 30)]
fn officer_queue_page_10000_open_cases(bencher: divan::Bencher) {
    let fixture = fixture();
    bencher.bench_local(|| {
        fixture.runtime.block_on(async {
            let request = Request::get("/officer")
                .header("cookie", &fixture.cookie)
                .body(Body::empty())
                .unwrap();
            let response = fixture.app.clone().oneshot(request).await.unwrap();
            assert!(response.status().is_success());
            to_bytes(response.into_body(), usize::MAX).await.unwrap().len()
        })
    });
}
