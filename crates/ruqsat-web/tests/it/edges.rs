//! The edges as an attacker meets them: the rate limit of public lookups, redirects that stay
//! on the site, control characters and NUL refused with 400 on both backends, invisible and
//! direction-changing characters refused in names, the headers of answers with personal data, the
//! CSRF token bound to the session, and an earlier intake time only with an audited reason.

use std::net::SocketAddr;

use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{TestApp, portal_trp};
use ruqsat_web::router;

async fn from(app: &TestApp, request: Request<Body>, address: [u8; 4]) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = request;
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((address, 40000))));
    let response = router(app.state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = String::from_utf8_lossy(&to_bytes(response.into_body(), 10_000_000).await.unwrap()).into_owned();
    (status, headers, body)
}

fn get(uri: &str) -> Request<Body> {
    Request::builder().uri(uri).body(Body::empty()).unwrap()
}

async fn memory_app() -> TestApp {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    TestApp::new(store).await
}

#[tokio::test]
async fn status_lookups_are_rate_limited_per_address() {
    let app = memory_app().await;
    let lookup = |serial: u32| {
        Request::builder()
            .method("POST")
            .uri("/api/v1/status")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({"number": format!("KZ-2025-{serial:07}"), "document": format!("FA{serial:07}")}).to_string(),
            ))
            .unwrap()
    };
    for serial in 0..ruqsat_cases::limits::PUBLIC_BURST {
        let (status, _, _) = from(&app, lookup(serial), [10, 9, 0, 1]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "guess {serial} is looked up");
    }
    let (status, headers, _) = from(&app, lookup(99), [10, 9, 0, 1]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "sequential guessing stops");
    assert!(headers.contains_key(header::RETRY_AFTER));
    let (status, _, _) = from(&app, get("/api/v1/permits/KZ-TRP-2025-0000001"), [10, 9, 0, 1]).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "verification by number shares the budget"
    );
    let (status, _, _) = from(&app, lookup(99), [10, 9, 0, 2]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another address is not limited");
    let (status, _, _) = from(&app, get("/health"), [10, 9, 0, 1]).await;
    assert_eq!(status, StatusCode::OK, "other routes are not limited");
}

#[tokio::test]
async fn redirects_stay_on_the_site_and_control_characters_answer_400() {
    let app = memory_app().await;
    for back in [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let uri = format!("/lang?lang=ru&back={}", back.replace('/', "%2F").replace('\\', "%5C"));
        let (status, headers, _) = from(&app, get(&uri), [10, 9, 1, 1]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{back}");
        assert_eq!(headers[header::LOCATION], "/", "{back}");
    }
    let (_, headers, _) = from(&app, get("/lang?lang=ru&back=%2Fstatus"), [10, 9, 1, 1]).await;
    assert_eq!(headers[header::LOCATION], "/status");
    // A tab or a line break that a browser would drop (`/\t/evil` becomes `//evil`), NUL: 400.
    for uri in [
        "/lang?lang=ru&back=%2F%09%2Fevil.example",
        "/lang?back=%2F%0D%0ASet-Cookie:x",
        "/verify?number=%00",
    ] {
        let (status, _, body) = from(&app, get(uri), [10, 9, 1, 1]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body.contains("\"field\":\"query\""), "{body}");
    }
    // The sign-in's `next`: anything but a local path goes to the staff member's page.
    let mut browser = super::pages::Browser::default();
    browser.send(&app, "GET", "/login", &[]).await;
    let csrf = browser.csrf();
    let (status, _, location) = browser
        .send(
            &app,
            "POST",
            "/login",
            &[
                ("csrf", &csrf),
                ("login", "officer.almaty"),
                ("password", "demo-officer-almaty"),
                ("next", "/\t/evil.example"),
            ],
        )
        .await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/officer"));
}

#[tokio::test]
async fn nul_answers_400_and_invisible_or_reversing_characters_in_names_are_refused() {
    for store in ruqsat_store::testing::backends().await {
        let app = TestApp::new(store).await;
        let submit = |surname: &str| {
            let mut application = portal_trp("FD0000001");
            application["application"]["applicant"]["surname"] = json!(surname);
            app.call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(application),
                None,
            )
        };
        let (status, error) = submit("TEST\u{0}OV").await;
        assert_eq!(
            (status, error["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("bad_request")),
            "{error}"
        );
        for (surname, problem) in [
            ("TEST\u{202E}VOT", "direction"),
            ("TE\u{200B}STOV", "invisible"),
            ("TEST\u{1b}[31mOV", "control"),
            (&"TESTOV".repeat(11) as &str, "at most 60"),
        ] {
            let (status, error) = submit(surname).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{surname:?}: {error}");
            assert_eq!(error["field"], "application.applicant.surname");
            assert!(error["message"].as_str().unwrap().contains(problem), "{error}");
        }
    }
}

#[tokio::test]
async fn answers_with_personal_data_are_not_cached_and_https_gets_hsts() {
    let mut app = memory_app().await;
    let (status, submitted) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-portal"),
            Some(portal_trp("FD0000003")),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    ruqsat_cases::worker::drain(&app.state).await;
    let id = submitted["id"].as_i64().unwrap();
    let request = Request::builder()
        .uri(format!("/api/v1/cases/{id}"))
        .header(header::AUTHORIZATION, "Bearer demo-officer-almaty")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = from(&app, request, [10, 9, 2, 1]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("criminal"), "the view carries the registry answers");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(
        !headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
        "plain HTTP: no HSTS"
    );
    app.state.public_url = std::sync::Arc::from("https://ruqsat.example.kz");
    let (_, headers, _) = from(&app, get("/health"), [10, 9, 2, 1]).await;
    assert!(
        headers[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

#[tokio::test]
async fn the_csrf_token_is_bound_to_the_session_and_changes_at_sign_in() {
    let app = memory_app().await;
    let mut browser = super::pages::Browser::default();
    browser.send(&app, "GET", "/login", &[]).await;
    let anonymous = browser.csrf();
    browser.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
    let bound = browser.csrf();
    assert_ne!(anonymous, bound, "a new token with the session");
    let cookie = browser
        .cookies
        .iter()
        .find(|(name, _)| name == "ruqsat_csrf")
        .map(|(_, value)| value.clone())
        .unwrap();
    assert_ne!(cookie, anonymous, "the anonymous token was rotated at sign-in");
    // The token from before the sign-in (planted by an attacker, say) does not act for the session.
    let (status, _, _) = browser.send(&app, "POST", "/logout", &[("csrf", &anonymous)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = browser.send(&app, "POST", "/logout", &[("csrf", &cookie)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nor does the cookie's");
    let (status, _, _) = browser.send(&app, "POST", "/logout", &[("csrf", &bound)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_earlier_intake_time_from_the_state_corporation_needs_an_audited_reason() {
    let app = memory_app().await;
    let now = (app.state.clock)();
    let earlier = app.state.law.local(now - chrono::Duration::hours(3));
    let submission = |reason: Option<&str>| {
        let mut request = portal_trp("FD0000004");
        request["application"]["channel"] = json!("state_corporation");
        request["application"]["submitted_at"] = json!(earlier.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        if let Some(reason) = reason {
            request["late_reason"] = json!(reason);
        }
        request
    };
    let (status, error) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-sc-system"),
            Some(submission(None)),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["field"], "application.submitted_at");
    let (status, created): (StatusCode, Value) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-sc-system"),
            Some(submission(Some(
                "the office's link was down; forwarded from the paper register",
            ))),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let audited = app.state.store.audit_entries().await.unwrap().into_iter().any(|entry| {
        entry.action == "submitted_at_earlier" && entry.actor == "sc-system" && entry.detail.contains("paper register")
    });
    assert!(audited, "the reason is in the audit log");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_budget_and_a_forged_header_counts_for_nothing() {
    let mut app = memory_app().await;
    app.state.trusted_proxies = std::sync::Arc::from(vec!["10.8.0.1".parse::<std::net::IpAddr>().unwrap()]);
    let lookup = |forwarded: &str| {
        Request::builder()
            .uri("/api/v1/permits/KZ-TRP-2025-0000001")
            .header("x-forwarded-for", forwarded)
            .body(Body::empty())
            .unwrap()
    };
    // Through the proxy: one client uses up its budget, the next client is not affected.
    for _ in 0..ruqsat_cases::limits::PUBLIC_BURST {
        let (status, _, _) = from(&app, lookup("203.0.113.5"), [10, 8, 0, 1]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _, _) = from(&app, lookup("203.0.113.5"), [10, 8, 0, 1]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // The client's own header before the proxy's entry changes nothing: the proxy appended the
    // address it saw, and that is the one counted.
    let (status, _, _) = from(&app, lookup("198.51.100.9, 203.0.113.5"), [10, 8, 0, 1]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _, _) = from(&app, lookup("203.0.113.6"), [10, 8, 0, 1]).await;
    assert_eq!(status, StatusCode::OK);
    // From a peer that is not a trusted proxy the header is ignored: the peer is counted.
    for _ in 0..ruqsat_cases::limits::PUBLIC_BURST {
        from(&app, lookup("203.0.113.7"), [10, 7, 0, 1]).await;
    }
    let (status, _, _) = from(&app, lookup("203.0.113.8"), [10, 7, 0, 1]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}
