//! Delivery by integration: the receiving system is killed during the deliveries and returns;
//! every delivery reaches it exactly once; one that keeps failing dies and is shown to the
//! administrators, who send it again.

use std::sync::Arc;

use axum::http::StatusCode;
use base64::Engine as _;
use ruqsat_cases::deliveries::{Channels, Receiver};
use ruqsat_cases::worker;
use ruqsat_registries::channels::ChannelsSimulator;
use ruqsat_store::testing::backends;
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::pages::Browser;
use crate::support::TestApp;

const SECRET: &str = "whsec_dGVzdC1zZWNyZXQtb2YtdGhlLWNoYW5uZWxz";

/// The simulated receiving systems on `address` (a real socket), keeping what they receive in
/// `out`, with the application's clock.
async fn receiving_systems(
    app: &TestApp,
    address: &str,
    out: &std::path::Path,
) -> (ChannelsSimulator, tokio::task::JoinHandle<()>) {
    let secret = Receiver::new("", SECRET).secret;
    let simulator = ChannelsSimulator::new(&secret, Some(out.to_path_buf()), app.state.clock.clone());
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    let router = simulator.clone().router();
    let server = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (simulator, server)
}

/// Submits through `token` and `channel` until the engine proposes to issue; the case id.
pub(super) async fn issuable(app: &TestApp, token: &str, channel: &str, serial: &mut u32) -> i64 {
    loop {
        *serial += 1;
        let mut body = ruqsat_cases::testing::portal_trp(&format!("FD8{serial:06}"));
        body["application"]["channel"] = json!(channel);
        let (status, submitted) = app
            .call("POST", "/api/v1/applications", Some(token), Some(body), None)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{submitted}");
        let id = submitted["id"].as_i64().unwrap();
        worker::drain(&app.state).await;
        let (_, view) = app
            .call("GET", &format!("/api/v1/cases/{id}"), Some("demo-auditor"), None, None)
            .await;
        if view["proposal"]["outcome"] == "issue" {
            return id;
        }
    }
}

pub(super) async fn issue_and_deliver(app: &TestApp, id: i64) {
    for (path, body) in [("decision", Some(json!({ "outcome": "issue" }))), ("delivery", None)] {
        let (status, answer) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/{path}"),
                Some("demo-officer-almaty"),
                body,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{path}: {answer}");
    }
}

#[tokio::test]
async fn deliveries_reach_the_receiver_exactly_once_after_it_returns_and_one_that_keeps_failing_dies_visibly() {
    for store in backends().await {
        let mut app = TestApp::new(store).await;
        let dir = std::env::temp_dir().join(format!(
            "ruqsat-deliveries-{}-{}",
            std::process::id(),
            if app.state.store.backend() == ruqsat_store::Backend::Postgres {
                "pg"
            } else {
                "sqlite"
            }
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("received.jsonl");
        std::fs::remove_file(&out).ok();
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = probe.local_addr().unwrap().to_string();
        drop(probe);
        let (first, server) = receiving_systems(&app, &address, &out).await;
        // The State Corporation's system receives; the cabinet's address is wrong (a
        // misconfiguration: every attempt fails).
        let mut channels = Channels::new(
            Some(Receiver::new(
                format!("http://{address}/state_corporation/deliveries"),
                SECRET,
            )),
            Some(Receiver::new(format!("http://{address}/nowhere/deliveries"), SECRET)),
        );
        channels.max_attempts = 3;
        channels.first_retry = chrono::Duration::seconds(10);
        app.state.channels = Arc::new(channels);

        let mut serial = 0;
        let sc_cases = [
            issuable(&app, "demo-sc-system", "state_corporation", &mut serial).await,
            issuable(&app, "demo-sc-system", "state_corporation", &mut serial).await,
        ];
        let portal_case = issuable(&app, "demo-portal", "portal", &mut serial).await;
        // Some changes of state reach the State Corporation while it is up.
        let early = ruqsat_cases::deliveries::drain(&app.state).await;
        assert!(early >= 2, "{early}");
        assert_eq!(first.received().len(), early);

        // The receiving system dies; the results are delivered meanwhile.
        server.abort();
        let _ = server.await;
        for id in sc_cases.into_iter().chain([portal_case]) {
            issue_and_deliver(&app, id).await;
        }
        assert_eq!(ruqsat_cases::deliveries::drain(&app.state).await, 0, "nobody answers");

        // It returns (its file read again) and loses the answer of the first delivery it
        // keeps: the sender tries that one again, and the repeat is recognised.
        let (second, _server) = receiving_systems(&app, &address, &out).await;
        second.lose_answers(1);
        // The worker's passes, a minute apart (a receiver failing three times in a row is left
        // alone until the next pass).
        let mut delivered = 0;
        for _ in 0..40 {
            app.advance(61);
            delivered += ruqsat_cases::deliveries::drain(&app.state).await;
        }
        assert!(delivered > 0);

        // Exactly once each, in the receiver's memory and in its file.
        let received = second.received();
        let mut ids: Vec<&str> = received.iter().map(|item| item.id.as_str()).collect();
        ids.sort_unstable();
        let total = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), total, "nothing received twice");
        assert_eq!(total, early + delivered);
        let lines = std::fs::read_to_string(&out).unwrap().lines().count();
        assert_eq!(lines, total);
        assert!(received.iter().all(|item| item.receiver == "state_corporation"));

        // Every delivery of the State Corporation's cases is delivered: each change of state,
        // and the results with the permit (a PDF whose digest is stated).
        for id in sc_cases {
            let rows = app.state.store.deliveries(id).await.unwrap();
            assert!(rows.iter().all(|row| row.delivered_at.is_some()), "{rows:?}");
            let result = rows.iter().find(|row| row.kind == "result").expect("the result");
            let body: Value = serde_json::from_str(result.body.as_deref().unwrap()).unwrap();
            assert_eq!(body["result"]["outcome"], "permit");
            let pdf = base64::engine::general_purpose::STANDARD
                .decode(body["result"]["document"]["content_base64"].as_str().unwrap())
                .unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            let digest: String = sha2::Sha256::digest(&pdf)
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect();
            assert_eq!(body["result"]["document"]["sha256"], digest);
            let at_receiver = received
                .iter()
                .filter(|item| item.body["kind"] == "result" && item.body["case"]["number"] == body["case"]["number"])
                .count();
            assert_eq!(at_receiver, 1, "the result of case {id} once");
        }

        // The cabinet's deliveries failed three times each: dead, on the administrators' page.
        let portal_rows = app.state.store.deliveries(portal_case).await.unwrap();
        assert!(!portal_rows.is_empty());
        assert!(
            portal_rows.iter().all(|row| row.dead_at.is_some() && row.attempts == 3),
            "{portal_rows:?}"
        );
        assert!(portal_rows[0].last_error.as_deref().unwrap().contains("404"));
        let mut admin = Browser::default();
        admin.sign_in_to(&app, "admin", "demo-admin").await;
        let (status, html, _) = admin.send(&app, "GET", "/admin/deliveries", &[]).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let case = app.state.store.case(portal_case).await.unwrap().unwrap();
        assert!(html.contains(&case.number), "{html}");
        assert!(html.contains(&format!(r#"data-delivery="{}""#, portal_rows[0].id)));
        // An officer does not see it.
        let mut officer = Browser::default();
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        let (status, _, _) = officer.send(&app, "GET", "/admin/deliveries", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Sent again once the address is right: it arrives.
        let mut channels = (*app.state.channels).clone();
        channels.portal = Some(Receiver::new(format!("http://{address}/portal/deliveries"), SECRET));
        app.state.channels = Arc::new(channels);
        let csrf = admin.csrf();
        let (status, html, _) = admin
            .send(
                &app,
                "POST",
                &format!("/admin/deliveries/{}/retry", portal_rows[0].id),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert_eq!(ruqsat_cases::deliveries::drain(&app.state).await, 1);
        assert!(second.received().iter().any(|item| item.receiver == "portal"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
