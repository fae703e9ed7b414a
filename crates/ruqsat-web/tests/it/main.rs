//! The API test suite, run without a socket (`oneshot`) against SQLite and PostgreSQL alike.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use ruqsat_cases::worker;
use ruqsat_store::testing::backends;
use ruqsat_web::router;
use serde_json::{Value, json};
use support::TestApp;
use tower::ServiceExt;

/// The portal's TRP application of a fake person.
fn portal_trp(passport: &str) -> Value {
    ruqsat_cases::testing::portal_trp(passport)
}

#[tokio::test]
async fn an_application_goes_from_the_portal_to_an_issued_permit() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (status, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FA0000101")),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{submitted}");
        assert_eq!(submitted["state"], "accepted");
        assert_eq!(submitted["due_at"], "2025-03-26T18:30:00+05:00");
        let id = submitted["id"].as_i64().unwrap();
        let number = submitted["number"].as_str().unwrap().to_owned();

        assert_eq!(worker::drain(&app.state).await, 1);
        let (status, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!(view["case"]["state"], "proposed");
        assert_eq!(view["proposal"]["outcome"], "issue");
        assert_eq!(view["proposal"]["checks"].as_array().unwrap().len(), 7);
        assert!(view["queries"].as_array().unwrap().len() >= 5);
        // Each query carried who asked and for which case, as X-Road does.
        for query in view["queries"].as_array().unwrap() {
            assert_eq!(query["issue"], number.as_str(), "{query}");
            assert_eq!(query["user_id"], "ruqsat:checks/almaty", "{query}");
        }

        let decision = json!({ "outcome": "issue" });
        let (status, decided) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/decision"),
                Some("demo-officer-almaty"),
                Some(decision),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{decided}");
        assert_eq!(decided["state"], "permit_issued");
        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        let permit = view["decision"]["permit"].clone();
        assert_eq!(permit["valid_from"], "2025-04-01");
        assert_eq!(permit["valid_until"], "2026-01-31");
        assert_eq!(
            view["decision"]["replay"]["registry"]["border"]["illegal_entry"], false,
            "the decision keeps its facts"
        );

        let permit_number = permit["number"].as_str().unwrap();
        let verify = format!("/api/v1/permits/{permit_number}");
        let (_, verified) = app.call("GET", &verify, None, None, None).await;
        assert_eq!(verified["status"], "not_yet_valid", "valid from 1 April");
        app.advance(15 * 86_400);
        let (_, verified) = app.call("GET", &verify, None, None, None).await;
        assert_eq!(verified["status"], "valid");
        app.advance(320 * 86_400);
        let (_, verified) = app.call("GET", &verify, None, None, None).await;
        assert_eq!(verified["status"], "expired");
        let (_, unknown) = app
            .call("GET", "/api/v1/permits/KZ-TRP-2025-9999999", None, None, None)
            .await;
        assert_eq!(unknown["status"], "unknown");

        let (status, delivered) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/delivery"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        assert_eq!(
            (status, delivered["state"].as_str()),
            (StatusCode::OK, Some("delivered"))
        );

        let (status, lookup) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "FA0000101"})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{lookup}");
        assert_eq!(lookup["state"], "permit_ready");
        let states: Vec<&str> = lookup["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|step| step["state"].as_str().unwrap())
            .collect();
        assert_eq!(states, ["under_consideration", "permit_issued", "permit_ready"]);
        assert!(
            lookup["registries_asked"]
                .as_array()
                .unwrap()
                .iter()
                .any(|asked| asked["registry"] == "border")
        );
        assert!(lookup.get("application").is_none(), "nothing else is revealed");
        let (status, _) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "FA9999999"})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_retried_submission_with_the_same_key_creates_one_case() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let body = portal_trp("FA0000102");
        let (first_status, first) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(body.clone()),
                Some("key-1"),
            )
            .await;
        let (second_status, second) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(body.clone()),
                Some("key-1"),
            )
            .await;
        assert_eq!((first_status, second_status), (StatusCode::CREATED, StatusCode::OK));
        assert_eq!(first["id"], second["id"]);
        assert_eq!(second["replayed"], true);
        let mut other = body;
        other["application"]["applicant"]["passport"]["number"] = json!("FA0000103");
        let (status, error) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(other),
                Some("key-1"),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{error}");
        let counts = app.state.store.count_by_state().await.unwrap();
        assert_eq!(counts.iter().map(|(_, count)| count).sum::<i64>(), 1);
    }
}

#[tokio::test]
async fn a_registry_outage_leaves_the_case_pending_until_it_recovers() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FA0000104")),
                None,
            )
            .await;
        let id = submitted["id"].as_i64().unwrap();
        app.registries.set_down("border", true);
        worker::drain(&app.state).await;
        let case = app.state.store.case(id).await.unwrap().unwrap();
        assert_eq!(case.state.as_str(), "checks_pending");
        let proposal: Value = serde_json::from_str(case.proposal.as_deref().unwrap()).unwrap();
        assert_eq!(proposal["outcome"], "pending");
        assert_eq!(proposal["awaiting"], json!(["registry.border"]));

        app.registries.set_down("border", false);
        assert_eq!(worker::drain(&app.state).await, 0, "not before the back-off");
        app.advance(120);
        assert_eq!(worker::drain(&app.state).await, 1);
        assert_eq!(
            app.state.store.case(id).await.unwrap().unwrap().state.as_str(),
            "proposed"
        );
        let events: Vec<String> = app
            .state
            .store
            .events(id)
            .await
            .unwrap()
            .into_iter()
            .map(|event| event.action)
            .collect();
        assert_eq!(
            events,
            [
                "submit",
                "start_checks",
                "checks_incomplete",
                "start_checks",
                "checks_complete",
                "propose"
            ]
        );
    }
}

#[tokio::test]
async fn an_officer_sees_only_the_region_and_every_read_is_audited() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FA0000105")),
                None,
            )
            .await;
        let id = submitted["id"].as_i64().unwrap();
        let (status, _) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-officer-astana"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, queue) = app
            .call("GET", "/api/v1/queue", Some("demo-officer-astana"), None, None)
            .await;
        assert_eq!(queue, json!([]));
        for _ in 0..2 {
            let (status, _) = app
                .call(
                    "GET",
                    &format!("/api/v1/cases/{id}"),
                    Some("demo-officer-almaty"),
                    None,
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::OK);
        }
        let (status, _) = app
            .call("GET", &format!("/api/v1/cases/{id}"), Some("demo-auditor"), None, None)
            .await;
        assert_eq!(status, StatusCode::OK);
        let entries = app.state.store.audit_entries().await.unwrap();
        let reads: Vec<&str> = entries
            .iter()
            .filter(|entry| entry.action == "read_case" && entry.case_id == Some(id))
            .map(|entry| entry.actor.as_str())
            .collect();
        assert_eq!(reads, ["officer.almaty", "officer.almaty", "auditor"]);
        assert_eq!(app.state.store.verify_audit(None).await.unwrap(), Ok(entries.len()));
        let (status, error) = app.call("GET", "/api/v1/queue", None, None, None).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
        );
    }
}

/// The API's queue a page at a time: following the `Link` headers gives every open case once,
/// soonest due first (ties by id), as one large answer does; a bad `limit` or `after` is a 422
/// naming it.
#[tokio::test]
async fn the_api_queue_pages_with_a_cursor_in_the_link_header() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        for index in 0..7 {
            let (status, _) = app
                .call(
                    "POST",
                    "/api/v1/applications",
                    Some("demo-portal"),
                    Some(portal_trp(&format!("FA00002{index:02}"))),
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::CREATED);
            // Pairs submitted at the same instant share their due time: the id breaks the tie.
            if index % 2 == 1 {
                app.advance(3_600);
            }
        }
        let get = |uri: String| {
            let router = router(app.state.clone());
            async move {
                let request = Request::builder()
                    .uri(&uri)
                    .header("authorization", "Bearer demo-auditor")
                    .body(Body::empty())
                    .unwrap();
                let response = router.oneshot(request).await.unwrap();
                let status = response.status();
                let link = response
                    .headers()
                    .get("link")
                    .map(|value| value.to_str().unwrap().to_owned());
                let body: Value =
                    serde_json::from_slice(&to_bytes(response.into_body(), 10_000_000).await.unwrap()).unwrap();
                (status, link, body)
            }
        };
        let (status, link, whole) = get("/api/v1/queue?limit=500".into()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(link, None, "everything fits: no next page");
        let whole: Vec<i64> = whole
            .as_array()
            .unwrap()
            .iter()
            .map(|case| case["id"].as_i64().unwrap())
            .collect();
        assert!(whole.len() >= 7, "{whole:?}");
        let mut paged = Vec::new();
        let mut uri = "/api/v1/queue?limit=2".to_owned();
        let mut pages = 0;
        loop {
            let (status, link, page) = get(uri.clone()).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {page}");
            let page = page.as_array().unwrap();
            assert!(page.len() <= 2);
            paged.extend(page.iter().map(|case| case["id"].as_i64().unwrap()));
            pages += 1;
            let Some(link) = link else { break };
            assert!(link.ends_with(">; rel=\"next\""), "{link}");
            uri = link.trim_start_matches('<').split_once('>').unwrap().0.to_owned();
            assert!(pages < 20, "the pages do not end");
        }
        assert_eq!(paged, whole, "the pages in turn are the whole queue, each case once");
        assert_eq!(pages, whole.len().div_ceil(2));
        for bad in ["limit=0", "limit=501", "limit=ten"] {
            let (status, _, error) = get(format!("/api/v1/queue?{bad}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert_eq!(error["field"], "limit", "{bad}: {error}");
        }
        let (status, _, error) = get("/api/v1/queue?after=yesterday".into()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["field"], "after", "{error}");
    }
}

#[tokio::test]
async fn a_refusal_needs_a_reason_and_the_supervisor() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FAWANTED06")),
                None,
            )
            .await;
        let id = submitted["id"].as_i64().unwrap();
        worker::drain(&app.state).await;
        let uri = format!("/api/v1/cases/{id}/decision");
        let (status, error) = app
            .call(
                "POST",
                &uri,
                Some("demo-officer-almaty"),
                Some(json!({"outcome": "issue"})),
                None,
            )
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
            "{error}"
        );
        let (status, error) = app
            .call(
                "POST",
                &uri,
                Some("demo-officer-almaty"),
                Some(json!({"outcome": "refuse"})),
                None,
            )
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
        );
        let refusal =
            json!({"outcome": "refuse", "reason": "On the wanted list of the internal affairs bodies, record 12."});
        let (status, decided) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(refusal), None)
            .await;
        // The refusal is preliminary: the applicant is heard (APPK Art. 73) for two working days
        // after Nauryz, during which the term does not run.
        assert_eq!(
            (status, decided["state"].as_str(), decided["due_at"].as_str()),
            (StatusCode::OK, Some("hearing"), Some("2025-03-28T18:30:00+05:00")),
            "{decided}"
        );
        let number = submitted["number"].as_str().unwrap();
        let (_, lookup) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "FAWANTED06"})),
                None,
            )
            .await;
        assert_eq!(lookup["state"], "hearing", "{lookup}");
        assert_eq!(lookup["hearing"]["object_until"], "2025-03-27");
        assert_eq!(lookup["hearing"]["grounds"], json!(["trp.9.2"]));
        assert_eq!(lookup["suspended_days"], 2);
        // Still open on the last day; without an objection the refusal proceeds the day after.
        app.advance(7 * 86_400);
        worker::drain(&app.state).await;
        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        assert_eq!(view["case"]["state"], "hearing");
        app.advance(86_400);
        // The day after the window no objection is taken, even before the worker moves the case.
        let (status, _) = app
            .call(
                "POST",
                "/api/v1/status/objection",
                None,
                Some(json!({"number": number, "document": "FAWANTED06", "text": "Too late?"})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "the window has ended");
        worker::drain(&app.state).await;
        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        assert_eq!(view["case"]["state"], "awaiting_signature", "{view}");
        assert_eq!(view["decision"]["hearing"]["lapsed"], true);
        let sign = format!("/api/v1/cases/{id}/signature");
        let (status, _) = app
            .call(
                "POST",
                &sign,
                Some("demo-officer-almaty"),
                Some(json!({"approve": true})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, signed) = app
            .call(
                "POST",
                &sign,
                Some("demo-supervisor-almaty"),
                Some(json!({"approve": true})),
                None,
            )
            .await;
        assert_eq!(
            (status, signed["state"].as_str()),
            (StatusCode::OK, Some("refusal_issued"))
        );
        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-supervisor-almaty"),
                None,
                None,
            )
            .await;
        // Counted from the signature until the refusal is delivered, then from the delivery.
        assert_eq!(view["decision"]["appeal"]["until"], "2025-06-28");
        assert_eq!(view["decision"]["appeal"]["delivered"], false);
        assert_eq!(view["decision"]["grounds"], json!(["trp.9.2"]));
        app.advance(4 * 86_400);
        let (status, delivered) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/delivery"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{delivered}");
        let (_, lookup) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "FAWANTED06"})),
                None,
            )
            .await;
        assert_eq!(lookup["appeal"]["until"], "2025-07-01", "{lookup}");
        // A refusal never reads as a permit: every decided step says "refused".
        assert_eq!(lookup["state"], "refused");
        let states: Vec<&str> = lookup["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|step| step["state"].as_str().unwrap())
            .collect();
        assert_eq!(
            states,
            ["under_consideration", "hearing", "under_consideration", "refused"]
        );
        assert_eq!(lookup["appeal"]["from_delivery"], true);
    }
}

#[tokio::test]
async fn bad_input_is_a_clear_error_naming_the_field() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut body = portal_trp("FA0000107");
        body["application"]["applicant"]["iin"] = json!("900501300002");
        let (status, error) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["code"], "invalid_input");
        assert_eq!(error["field"], "application.applicant.iin");
        let mut body = portal_trp("FA0000108");
        body["application"]["registry"] = json!({});
        let (_, error) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        assert_eq!(error["field"], "application.registry");
        let (_, error) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-officer-almaty"),
                Some(portal_trp("FA0000109")),
                None,
            )
            .await;
        assert_eq!(
            error["field"], "application.channel",
            "an officer takes desk applications"
        );
        // Found by schemathesis: an application that is not an object once closed the connection
        // (a panic) instead of answering.
        for application in [json!(false), json!("m"), json!(1924), json!([]), json!(null)] {
            let (status, error) = app
                .call(
                    "POST",
                    "/api/v1/applications",
                    Some("demo-officer-almaty"),
                    Some(json!({"application": application, "region": false})),
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{application}");
            assert_eq!(error["field"], "application", "{application}: {error}");
        }
        let request = Request::builder()
            .method("POST")
            .uri("/api/v1/applications")
            .header("authorization", "Bearer demo-portal")
            .body(Body::from("{not json"))
            .unwrap();
        let response = router(app.state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn a_package_that_is_not_complete_is_not_accepted_and_says_what_to_bring() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut body = portal_trp("FA0000110");
        body["application"]["documents"] = json!([{"type": "application_form"}, {"type": "identity_document"}]);
        let (status, submitted) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(submitted["state"], "not_accepted");
        assert_eq!(submitted["not_accepted_reasons"], json!(["acc.complete"]));
        assert!(
            submitted["missing_documents"]
                .as_array()
                .unwrap()
                .contains(&json!("fingerprint_certificate"))
        );
        assert_eq!(worker::drain(&app.state).await, 0);
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (status, document) = app.call("GET", "/api/openapi.json", None, None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(document["openapi"].as_str().unwrap().starts_with("3."));
        let paths = document["paths"].as_object().unwrap();
        for path in [
            "/api/v1/applications",
            "/api/v1/queue",
            "/api/v1/cases/{id}",
            "/api/v1/cases/{id}/decision",
            "/api/v1/cases/{id}/signature",
            "/api/v1/cases/{id}/delivery",
            "/api/v1/cases/{id}/handover",
            "/api/v1/status",
            "/api/v1/permits/{number}",
            "/health",
            "/metrics",
            "/api/openapi.json",
            "/api/docs",
            "/api/v1/sessions",
            "/api/v1/cases/{id}/documents",
            "/api/v1/cases/{id}/documents/{document}",
        ] {
            assert!(paths.contains_key(path), "{path} is not described");
        }
        let (status, page) = app.call("GET", "/api/docs", None, None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.as_str().unwrap().contains("/api/v1/status"));
        let (status, metrics) = app.call("GET", "/metrics", None, None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(metrics.as_str().unwrap().contains("ruqsat_applications_total"));
    }
}

#[tokio::test]
async fn the_applicant_is_notified_once_per_event() {
    for store in backends().await {
        let mut app = TestApp::new(store).await;
        let directory = std::env::temp_dir().join(format!(
            "ruqsat-notify-{}-{}",
            std::process::id(),
            app.state.store.backend() as u8
        ));
        std::fs::create_dir_all(&directory).unwrap();
        let file = directory.join("notifications.jsonl");
        let _ = std::fs::remove_file(&file);
        app.state.sender = Arc::new(ruqsat_cases::notify::Sender::file(file.clone()));
        let mut body = portal_trp("FA0000111");
        body["application"]["email"] = json!("test.applicant@example.invalid");
        body["application"]["language"] = json!("kk");
        let (_, submitted) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        let number = submitted["number"].as_str().unwrap().to_owned();
        assert_eq!(ruqsat_cases::notify::drain(&app.state).await, 2, "an SMS and an e-mail");
        let lines = std::fs::read_to_string(&file).unwrap();
        assert_eq!(lines.lines().count(), 2);
        assert!(lines.contains(&format!("{number} өтініші қабылданды")), "{lines}");

        // A crash after sending but before marking: the sender refuses the second delivery.
        app.state
            .store
            .execute_raw("UPDATE outbox SET sent_at = NULL, lease_until = NULL")
            .await
            .unwrap();
        assert_eq!(ruqsat_cases::notify::drain(&app.state).await, 0);
        assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);
        std::fs::remove_dir_all(&directory).unwrap();
    }
}

#[tokio::test]
async fn documents_are_checked_by_their_content_and_kept_with_their_digest() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FA0000112")),
                None,
            )
            .await;
        let id = submitted["id"].as_i64().unwrap();
        let upload = |content: Vec<u8>, token: &'static str| {
            let request = Request::builder()
                .method("POST")
                .uri(format!("/api/v1/cases/{id}/documents?type=identity_document"))
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/pdf")
                .body(Body::from(content))
                .unwrap();
            router(app.state.clone()).oneshot(request)
        };
        let pdf = include_bytes!("../../src/uploads/fixtures/letter-ghostscript.pdf").to_vec();
        let response = upload(pdf.clone(), "demo-portal").await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let stored: Value = serde_json::from_slice(&to_bytes(response.into_body(), 100_000).await.unwrap()).unwrap();
        assert_eq!(stored["media_type"], "application/pdf");
        assert_eq!(stored["sha256"].as_str().unwrap().len(), 64);

        let executable = b"MZ\x90\x00 this is not a PDF whatever its name says".to_vec();
        assert_eq!(
            upload(executable, "demo-portal").await.unwrap().status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let mut huge = b"%PDF-".to_vec();
        huge.resize(ruqsat_web::api::MAX_DOCUMENT_BYTES + 1, b' ');
        assert_eq!(
            upload(huge, "demo-portal").await.unwrap().status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        assert_eq!(
            upload(pdf.clone(), "demo-sc-system").await.unwrap().status(),
            StatusCode::NOT_FOUND,
            "another channel's case"
        );

        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        let document_id = view["documents"][0]["id"].as_i64().unwrap();
        assert_eq!(view["documents"].as_array().unwrap().len(), 1);
        let request = Request::builder()
            .uri(format!("/api/v1/cases/{id}/documents/{document_id}"))
            .header("authorization", "Bearer demo-officer-almaty")
            .body(Body::empty())
            .unwrap();
        let response = router(app.state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(to_bytes(response.into_body(), 100_000).await.unwrap().to_vec(), pdf);
    }
}

#[tokio::test]
async fn staff_log_in_with_a_password_and_the_session_ends_on_logout() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let wrong = json!({"login": "officer.almaty", "password": "not-the-password"});
        let (status, _) = app.call("POST", "/api/v1/sessions", None, Some(wrong), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let unknown = json!({"login": "nobody", "password": "x"});
        let (status, _) = app.call("POST", "/api/v1/sessions", None, Some(unknown), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let integration = json!({"login": "portal", "password": "demo-portal"});
        let (status, _) = app
            .call("POST", "/api/v1/sessions", None, Some(integration), None)
            .await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "integrations use their API token only"
        );

        let right = json!({"login": "officer.almaty", "password": "demo-officer-almaty"});
        let (status, session) = app.call("POST", "/api/v1/sessions", None, Some(right), None).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        let token = session["token"].as_str().unwrap().to_owned();
        let (status, _) = app.call("GET", "/api/v1/queue", Some(&token), None, None).await;
        assert_eq!(status, StatusCode::OK);
        app.advance(crate::SESSION_SECONDS + 1);
        let (status, _) = app.call("GET", "/api/v1/queue", Some(&token), None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "expired");

        let right = json!({"login": "supervisor.almaty", "password": "demo-supervisor-almaty"});
        let (_, session) = app.call("POST", "/api/v1/sessions", None, Some(right), None).await;
        let token = session["token"].as_str().unwrap().to_owned();
        let (status, _) = app.call("DELETE", "/api/v1/sessions", Some(&token), None, None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = app.call("GET", "/api/v1/queue", Some(&token), None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "logged out");
    }
}

const SESSION_SECONDS: i64 = ruqsat_web::auth::SESSION_HOURS * 3600;

#[tokio::test]
async fn malformed_requests_get_json_errors_never_a_500() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let cases = [
            (
                "POST",
                "/api/v1/cases/1/decision",
                Some("demo-officer-almaty"),
                "{\"outcome\": ",
            ),
            (
                "POST",
                "/api/v1/cases/1/decision",
                Some("demo-officer-almaty"),
                "{\"verdict\": \"issue\"}",
            ),
            ("POST", "/api/v1/status", None, ""),
            ("POST", "/api/v1/status", None, "{\"number\": \"1\"}"),
            ("GET", "/api/v1/cases/abc", Some("demo-officer-almaty"), ""),
            ("POST", "/api/v1/sessions", None, "[]"),
        ];
        for (method, uri, token, body) in cases {
            let mut request = Request::builder()
                .method(method)
                .uri(uri)
                .header("content-type", "application/json");
            if let Some(token) = token {
                request = request.header("authorization", format!("Bearer {token}"));
            }
            let response = router(app.state.clone())
                .oneshot(request.body(Body::from(body)).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let bytes = to_bytes(response.into_body(), 100_000).await.unwrap();
            let error: Value =
                serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("{method} {uri}: not JSON: {bytes:?}"));
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{method} {uri}: {error}");
            assert_eq!(error["code"], "invalid_input", "{method} {uri}");
            assert!(error["field"].is_string() && error["message"].is_string(), "{error}");
        }
    }
}

#[tokio::test]
async fn a_case_left_by_a_dead_process_is_taken_up_again() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FA0000113")),
                None,
            )
            .await;
        let id = submitted["id"].as_i64().unwrap();
        // A process claims the case, starts the checks and dies.
        let now = (app.state.clock)();
        let claimed = app
            .state
            .store
            .claim_work(&worker::WORK_STATES, chrono::Duration::seconds(60), now)
            .await
            .unwrap()
            .unwrap();
        let running = ruqsat_store::CaseUpdate {
            retry_at: Some(now + chrono::Duration::seconds(120)),
            ..ruqsat_store::CaseUpdate::to(ruqsat_domain::case::CaseState::ChecksRunning)
        };
        let event = ruqsat_store::NewEvent {
            actor: "system",
            action: "start_checks",
            reason: None,
        };
        app.state
            .store
            .transition(claimed.id, claimed.version, &running, &event, now)
            .await
            .unwrap();
        assert_eq!(worker::drain(&app.state).await, 0, "leased by the dead process");
        app.advance(121);
        assert_eq!(worker::drain(&app.state).await, 1);
        assert_eq!(
            app.state.store.case(id).await.unwrap().unwrap().state.as_str(),
            "proposed"
        );
    }
}

#[tokio::test]
async fn keys_regions_and_operators_are_kept_apart() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut body = portal_trp("FA0000114");
        body["region"] = json!("Nowhere");
        let (status, error) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("region"))
        );
        let mut body = portal_trp("FA0000115");
        body["region"] = json!(" Almaty ");
        let (status, first) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(body.clone()),
                Some("k"),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{first}");
        // The State Corporation's system uses the same key: a different caller, a different key.
        body["application"]["channel"] = json!("state_corporation");
        let (status, other) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-sc-system"),
                Some(body),
                Some("k"),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{other}");
        assert_ne!(first["id"], other["id"]);
        // The operator reads State Corporation cases only; the administrator reads none.
        let portal_case = first["id"].as_i64().unwrap();
        let sc_case = other["id"].as_i64().unwrap();
        let (status, _) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{portal_case}"),
                Some("demo-operator"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{sc_case}"),
                Some("demo-operator"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{sc_case}"),
                Some("demo-admin"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

mod access;
mod apply;
mod deliveries;
mod edges;
mod handover;
mod monitoring;
mod pages;
mod procedure;
mod queue;
mod security;
mod signatures;
mod support;
