//! Security properties of the service: sign-in lock-out per account and per address, cookie
//! flags, the pages' Content-Security-Policy (and no inline script or style to need it), CSRF
//! on every form, and uploads refused by their content.

use std::net::SocketAddr;

use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{TestApp, portal_trp};
use ruqsat_web::router;

async fn sign_in(app: &TestApp, login: &str, password: &str, from: [u8; 4]) -> (StatusCode, Option<String>) {
    let mut request = Request::builder()
        .method("POST")
        .uri("/api/v1/sessions")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"login": login, "password": password}).to_string()))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((from, 40000))));
    let response = router(app.state.clone()).oneshot(request).await.unwrap();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|value| value.to_str().unwrap().to_owned());
    (response.status(), retry_after)
}

#[tokio::test]
async fn five_wrong_passwords_from_one_address_lock_that_address_out_of_that_account_only() {
    for store in ruqsat_store::testing::backends().await {
        let app = TestApp::new(store).await;
        for attempt in 1..=5 {
            let (status, _) = sign_in(&app, "officer.almaty", "wrong", [10, 0, 0, 1]).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        }
        // Locked from there: even the right password is refused, without looking at it.
        let (status, retry) = sign_in(&app, "officer.almaty", "demo-officer-almaty", [10, 0, 0, 1]).await;
        assert_eq!((status, retry.as_deref()), (StatusCode::TOO_MANY_REQUESTS, Some("900")));
        // The attacker's failures do not stop the officer signing in from another address.
        let (status, _) = sign_in(&app, "officer.almaty", "demo-officer-almaty", [10, 0, 0, 9]).await;
        assert_eq!(status, StatusCode::CREATED);
        // 14 minutes 59 seconds later still locked; at 15 minutes open again; the next lock of
        // that address on that account lasts twice as long.
        app.advance(15 * 60 - 1);
        let (status, retry) = sign_in(&app, "officer.almaty", "wrong", [10, 0, 0, 1]).await;
        assert_eq!((status, retry.as_deref()), (StatusCode::TOO_MANY_REQUESTS, Some("1")));
        app.advance(1);
        for _ in 0..5 {
            let (status, _) = sign_in(&app, "officer.almaty", "wrong", [10, 0, 0, 1]).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, retry) = sign_in(&app, "officer.almaty", "wrong", [10, 0, 0, 1]).await;
        assert_eq!(
            (status, retry.as_deref()),
            (StatusCode::TOO_MANY_REQUESTS, Some("1800"))
        );
        // An unknown login locks the same way (whether an account exists does not show).
        for _ in 0..5 {
            sign_in(&app, "nobody.here", "guess", [10, 0, 0, 1]).await;
        }
        let (status, _) = sign_in(&app, "nobody.here", "guess", [10, 0, 0, 1]).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        let entries = app.state.store.audit_entries().await.unwrap();
        assert!(
            entries
                .iter()
                .any(|entry| entry.action == "login_failed" && entry.actor == "officer.almaty")
        );
        assert!(
            entries.iter().all(|entry| entry.actor != "nobody.here"
                && !entry.detail.contains("wrong")
                && !entry.detail.contains("demo-officer")),
            "no password, and no login that names no account, in the audit log"
        );
    }
}

#[tokio::test]
async fn a_parallel_burst_gets_no_more_guesses_evaluated_than_the_limit() {
    for store in ruqsat_store::testing::backends().await {
        let app = std::sync::Arc::new(TestApp::new(store).await);
        let burst = (0..60).map(|_| {
            let app = app.clone();
            tokio::spawn(async move { sign_in(&app, "officer.almaty", "wrong", [10, 0, 0, 1]).await.0 })
        });
        let mut answers = Vec::new();
        for attempt in burst {
            answers.push(attempt.await.unwrap());
        }
        let evaluated = answers
            .iter()
            .filter(|status| **status == StatusCode::UNAUTHORIZED)
            .count();
        let refused = answers
            .iter()
            .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!((evaluated, refused), (5, 55), "{answers:?}");
        let failures = app
            .state
            .store
            .audit_entries()
            .await
            .unwrap()
            .iter()
            .filter(|entry| entry.action == "login_failed")
            .count();
        assert_eq!(failures, 5, "five passwords were checked");
        // The right password right after the burst is refused while locked.
        let (status, _) = sign_in(&app, "officer.almaty", "demo-officer-almaty", [10, 0, 0, 1]).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn failures_from_many_addresses_lock_the_account_for_a_while_or_until_an_administrator_unlocks_it() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let attack = |round: u8| {
        let app = &app;
        async move {
            for attempt in 0..50u8 {
                let (status, _) = sign_in(app, "officer_almaty", "wrong", [10, round, attempt, 1]).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
            }
        }
    };
    // An account with `_` in its login (the unlock must find its counters too).
    let console = ruqsat_cases::actors::Caller {
        login: "admin".into(),
        role: ruqsat_cases::actors::Role::Administrator,
        region: None,
    };
    let temporary = ruqsat_cases::accounts::add(
        &app.state,
        &console,
        ruqsat_cases::accounts::NewAccount {
            login: "officer_almaty".into(),
            name: "Test Officer".into(),
            role: "officer".into(),
            region: Some("almaty".into()),
        },
    )
    .await
    .unwrap()
    .unwrap();
    attack(1).await;
    let (status, retry) = sign_in(&app, "officer_almaty", &temporary, [10, 200, 0, 1]).await;
    assert_eq!(
        (status, retry.as_deref()),
        (StatusCode::TOO_MANY_REQUESTS, Some("3600")),
        "locked for everyone"
    );
    // An hour later open again; the next such lock lasts two.
    app.advance(3600);
    attack(2).await;
    let (_, retry) = sign_in(&app, "officer_almaty", &temporary, [10, 200, 0, 1]).await;
    assert_eq!(retry.as_deref(), Some("7200"));
    // An administrator lifts it at once, also the locks of each address.
    ruqsat_cases::accounts::unlock(&app.state, &console, "officer_almaty")
        .await
        .unwrap();
    let (status, _) = sign_in(&app, "officer_almaty", &temporary, [10, 2, 0, 1]).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the temporary password is checked: a new one is due"
    );
    // A login that is not ASCII names no account and opens no counters of its own.
    let (status, _) = sign_in(&app, "offİcer_almaty", &temporary, [10, 2, 0, 1]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_sign_ins_at_once_do_not_hold_up_health() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = std::sync::Arc::new(TestApp::new(store).await);
    // A hundred sign-ins, each from its own address, so that every password is checked.
    let sign_ins: Vec<_> = (0..100u8)
        .map(|index| {
            let app = app.clone();
            tokio::spawn(async move { sign_in(&app, &format!("user{index}"), "wrong", [10, 3, 0, index]).await })
        })
        .collect();
    let mut latencies = Vec::new();
    for _ in 0..21 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let started = std::time::Instant::now();
        let response = router(app.state.clone())
            .oneshot(Request::builder().uri("/health").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        latencies.push(started.elapsed());
    }
    let busy = sign_ins.iter().filter(|task| !task.is_finished()).count();
    for task in sign_ins {
        assert_eq!(task.await.unwrap().0, StatusCode::UNAUTHORIZED);
    }
    latencies.sort();
    assert!(busy > 0, "the sign-ins were still running while /health was asked");
    assert!(
        latencies[latencies.len() / 2] < std::time::Duration::from_millis(50),
        "median /health {:?} ({latencies:?})",
        latencies[latencies.len() / 2]
    );
}

#[tokio::test]
async fn thirty_failures_from_one_address_lock_that_address() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    // Password spraying: a few guesses on each of many accounts, never five on one.
    for attempt in 0..30 {
        let login = format!("user{}", attempt / 3);
        let (status, _) = sign_in(&app, &login, "Spring2025!", [192, 0, 2, 7]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let (status, _) = sign_in(&app, "officer.almaty", "demo-officer-almaty", [192, 0, 2, 7]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the address is locked");
    let (status, _) = sign_in(&app, "officer.almaty", "demo-officer-almaty", [192, 0, 2, 8]).await;
    assert_eq!(status, StatusCode::CREATED, "another address is not");
}

async fn page(app: &TestApp, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router(app.state.clone())
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let html = String::from_utf8_lossy(&to_bytes(response.into_body(), 10_000_000).await.unwrap()).into_owned();
    (status, headers, html)
}

#[tokio::test]
async fn cookies_are_http_only_same_site_and_secure_behind_https() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let mut app = TestApp::new(store).await;
    let (_, headers, _) = page(&app, "/login").await;
    let csrf = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(csrf.starts_with("ruqsat_csrf=") && csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"));
    assert!(
        !csrf.contains("Secure"),
        "plain HTTP (a developer's machine): no Secure flag"
    );
    app.state.public_url = std::sync::Arc::from("https://ruqsat.example.kz");
    let (_, headers, _) = page(&app, "/login").await;
    let csrf = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(csrf.ends_with("; Secure"), "{csrf}");
    let (_, headers, _) = page(&app, "/lang?lang=ru&back=/").await;
    let lang = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(lang.starts_with("lang=ru") && lang.ends_with("; Secure"), "{lang}");
}

#[tokio::test]
async fn pages_have_a_strict_csp_and_no_inline_script_or_style() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    for uri in ["/", "/login", "/status", "/verify", "/portal", "/portal/cabinet"] {
        let (status, headers, html) = page(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let csp = headers.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("style-src 'self'"),
            "{uri}: {csp}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{uri}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}");
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
        let lower = html.to_lowercase();
        for script in lower.split("<script").skip(1) {
            let tag = script.split('>').next().unwrap();
            assert!(tag.contains("src="), "{uri}: an inline script <script{tag}>");
        }
        assert!(!lower.contains("<style"), "{uri}: an inline style element");
        assert!(!lower.contains(" style=\""), "{uri}: an inline style attribute");
        for handler in [
            " onclick=",
            " onload=",
            " onsubmit=",
            " onchange=",
            " oninput=",
            "javascript:",
        ] {
            assert!(!lower.contains(handler), "{uri}: an inline handler {handler}");
        }
    }
}

#[tokio::test]
async fn every_form_post_without_its_csrf_token_is_refused() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let (status, submitted) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-portal"),
            Some(portal_trp("FA7000001")),
            Some("csrf-1"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = submitted["id"].as_i64().unwrap();
    let forms = [
        "/login".to_owned(),
        "/logout".to_owned(),
        "/portal/apply/start".to_owned(),
        "/portal/apply/about".to_owned(),
        "/portal/apply/documents".to_owned(),
        "/portal/resume".to_owned(),
        "/portal/cabinet".to_owned(),
        "/portal/cabinet/document".to_owned(),
        "/desk/apply/start".to_owned(),
        "/desk/apply/about".to_owned(),
        "/desk/apply/documents".to_owned(),
        format!("/officer/cases/{id}/decision"),
        format!("/officer/cases/{id}/signature"),
        format!("/officer/cases/{id}/delivery"),
        format!("/officer/cases/{id}/handover"),
        "/officer/revocations/1/review".to_owned(),
        "/officer/revocations/1/signature".to_owned(),
    ];
    for uri in forms {
        for csrf in ["", "csrf=forged-token-forged-token"] {
            let request = Request::builder()
                .method("POST")
                .uri(&uri)
                .header(header::COOKIE, "ruqsat_csrf=the-real-token-of-this-browser")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("{csrf}&outcome=issue&login=a&password=b")))
                .unwrap();
            let response = router(app.state.clone()).oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "POST {uri} with {csrf:?}");
        }
    }
}

async fn upload(app: &TestApp, id: i64, bytes: Vec<u8>) -> (StatusCode, Value) {
    let request = Request::builder()
        .method("POST")
        .uri(format!("/api/v1/cases/{id}/documents?type=passport"))
        .header(header::AUTHORIZATION, "Bearer demo-portal")
        .header(header::CONTENT_TYPE, "application/pdf")
        .body(Body::from(bytes))
        .unwrap();
    let response = router(app.state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 1_000_000).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn uploads_with_wrong_bytes_bombs_or_javascript_are_refused_with_a_clear_error() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let (_, submitted) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-portal"),
            Some(portal_trp("FA7000002")),
            Some("up-1"),
        )
        .await;
    let id = submitted["id"].as_i64().unwrap();
    // An executable named .pdf.
    let (status, error) = upload(&app, id, b"MZ\x90\x00 not a pdf at all".to_vec()).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type"))
    );
    // A PDF that runs JavaScript when opened.
    let script = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]);
    let (status, error) = upload(&app, id, script).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(error["message"].as_str().unwrap().contains("/JavaScript"), "{error}");
    // A PNG of 100,000 × 100,000 pixels in a few bytes.
    let mut bomb = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bomb.extend_from_slice(b"IHDR");
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let (status, error) = upload(&app, id, bomb).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large"))
    );
    assert!(error["message"].as_str().unwrap().contains("100000×100000"), "{error}");
    // Over 10 MiB.
    let mut oversize = b"%PDF-1.7\n".to_vec();
    oversize.resize(10 * 1024 * 1024 + 1, b' ');
    let (status, _) = upload(&app, id, oversize).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Nothing of it was stored; a plain PDF still is.
    let (status, _) = upload(
        &app,
        id,
        include_bytes!("../../src/uploads/fixtures/letter-ghostscript.pdf").to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.state.store.documents(id).await.unwrap().len(), 1);
}

/// A well-formed PDF of `objects` (numbered from 1, the first the catalog) with its xref table.
fn pdf(objects: &[&str]) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = bytes.len();
    bytes.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        bytes.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    bytes.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    bytes
}

/// The applicant's download of a case's result from the personal cabinet (the form of the page).
async fn cabinet_download(app: &TestApp, number: &str, document: &str) -> StatusCode {
    let csrf = "cabinet-test-token-0001";
    let body = format!("csrf={csrf}&number={number}&document={document}&which=permit");
    let request = Request::builder()
        .method("POST")
        .uri("/portal/cabinet/document")
        .header(header::COOKIE, format!("ruqsat_csrf={csrf}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    router(app.state.clone()).oneshot(request).await.unwrap().status()
}

#[tokio::test]
async fn the_cabinet_releases_only_a_portal_result_placed_there() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut cases = Vec::new();
    for (token, channel, passport) in [
        ("demo-portal", "portal", "FC0000001"),
        ("demo-sc-system", "state_corporation", "FC0000002"),
    ] {
        let mut request = portal_trp(passport);
        request["application"]["channel"] = json!(channel);
        let (status, submitted) = app
            .call("POST", "/api/v1/applications", Some(token), Some(request), None)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{submitted}");
        cases.push((
            submitted["id"].as_i64().unwrap(),
            submitted["number"].as_str().unwrap().to_owned(),
            passport,
        ));
    }
    ruqsat_cases::worker::drain(&app.state).await;
    for (id, number, passport) in &cases {
        let (status, decided) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/decision"),
                Some("demo-officer-almaty"),
                Some(json!({ "outcome": "issue" })),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{decided}");
        // Issued but not yet placed in the cabinet or handed over: nothing to download.
        assert_eq!(cabinet_download(&app, number, passport).await, StatusCode::NOT_FOUND);
        let (status, _) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/delivery"),
                Some("demo-officer-almaty"),
                None,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    // Placed in the cabinet: the portal applicant downloads the permit.
    assert_eq!(cabinet_download(&app, &cases[0].1, cases[0].2).await, StatusCode::OK);
    // Sent to the State Corporation: handed over in person, never downloaded.
    assert_eq!(
        cabinet_download(&app, &cases[1].1, cases[1].2).await,
        StatusCode::NOT_FOUND
    );
    // The operator's list of results to hand over names people: an audited read.
    let mut operator = super::pages::Browser::default();
    operator.send(&app, "GET", "/login", &[]).await;
    let csrf = operator.csrf();
    let (status, _, location) = operator
        .send(
            &app,
            "POST",
            "/login",
            &[("csrf", &csrf), ("login", "operator.sc"), ("password", "demo-operator")],
        )
        .await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/desk"));
    let (status, html, _) = operator.send(&app, "GET", "/desk", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&cases[1].1), "the result awaits hand-over");
    let audited =
        app.state.store.audit_entries().await.unwrap().into_iter().any(|entry| {
            entry.actor == "operator.sc" && entry.action == "read_desk" && entry.detail.contains(&cases[1].1)
        });
    assert!(audited, "the desk's list is an audited read");
}

#[tokio::test]
async fn an_officers_reasoning_may_not_hide_reversed_or_invisible_text() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let (status, submitted) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-portal"),
            Some(portal_trp("FD0000005")),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    ruqsat_cases::worker::drain(&app.state).await;
    let id = submitted["id"].as_i64().unwrap();
    let (status, error) = app
        .call(
            "POST",
            &format!("/api/v1/cases/{id}/decision"),
            Some("demo-officer-almaty"),
            Some(json!({"outcome": "refuse", "reason": "documents \u{202E}detaerced"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["field"], "reason");
}
