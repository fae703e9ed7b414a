//! The access matrix: every API route and staff page × every kind of caller, with the expected
//! answer, allowed (`A`) or denied (`D`). Denied means 401, 403 or 404 (a case of another region
//! or channel is "not found", so that its existence does not leak), or, on a page, the way to the
//! login form; allowed means anything else, and every allowed write must succeed (2xx or 303).
//!
//! Each write runs on a case of its own in the state the action needs, so that no row depends on
//! another. The applicant is someone without a token who knows the case number and the passport
//! number; the anonymous caller knows neither.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::pages::Browser;
use super::{TestApp, portal_trp};
use ruqsat_cases::worker;
use ruqsat_web::router;

/// Who calls, in the order of the matrix's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Applicant,
    OfficerA,
    OfficerB,
    Operator,
    Supervisor,
    Auditor,
    Administrator,
    Portal,
    StateCorporationSystem,
    BorderService,
}

const COLUMNS: [Who; 11] = [
    Who::Anonymous,
    Who::Applicant,
    Who::OfficerA,
    Who::OfficerB,
    Who::Operator,
    Who::Supervisor,
    Who::Auditor,
    Who::Administrator,
    Who::Portal,
    Who::StateCorporationSystem,
    Who::BorderService,
];

impl Who {
    /// The bearer token (demo accounts; staff log in to pages with the same word as password).
    fn token(self) -> Option<&'static str> {
        match self {
            Who::Anonymous | Who::Applicant => None,
            Who::OfficerA => Some("demo-officer-almaty"),
            Who::OfficerB => Some("demo-officer-astana"),
            Who::Operator => Some("demo-operator"),
            Who::Supervisor => Some("demo-supervisor-almaty"),
            Who::Auditor => Some("demo-auditor"),
            Who::Administrator => Some("demo-admin"),
            Who::Portal => Some("demo-portal"),
            Who::StateCorporationSystem => Some("demo-sc-system"),
            Who::BorderService => Some("demo-border"),
        }
    }

    /// The staff login of a person who signs in to the pages.
    fn login(self) -> Option<&'static str> {
        match self {
            Who::OfficerA => Some("officer.almaty"),
            Who::OfficerB => Some("officer.astana"),
            Who::Operator => Some("operator.sc"),
            Who::Supervisor => Some("supervisor.almaty"),
            Who::Auditor => Some("auditor"),
            Who::Administrator => Some("admin"),
            _ => None,
        }
    }
}

/// A case made for one row: its id, number, the applicant's passport, the permit number.
#[derive(Debug, Clone, Default)]
struct Fixture {
    id: i64,
    number: String,
    passport: String,
    permit: String,
    document: i64,
}

/// The state a row's case must be in.
#[derive(Debug, Clone, Copy)]
enum Needs {
    Proposed,
    Hearing,
    AwaitingSignature,
    Issued,
    Delivered,
    DeskDelivered,
}

async fn fixture(app: &TestApp, needs: Needs, serial: &mut u32) -> Fixture {
    // The simulated registries know some passport numbers as wanted and so on: take the next
    // number until the engine proposes to issue, so that every state can be reached.
    let (id, submitted, passport) = loop {
        *serial += 1;
        let passport = format!("FA9{serial:06}");
        let (token, body) = match needs {
            Needs::DeskDelivered => ("demo-officer-almaty", {
                let mut body = portal_trp(&passport);
                body["application"]["channel"] = json!("desk");
                body
            }),
            _ => ("demo-portal", portal_trp(&passport)),
        };
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
            break (id, submitted, passport);
        }
    };
    let mut fixture = Fixture {
        id,
        number: submitted["number"].as_str().unwrap().to_owned(),
        passport,
        ..Fixture::default()
    };
    let pdf = include_bytes!("../../src/uploads/fixtures/letter-ghostscript.pdf").to_vec();
    let (status, document) = raw(
        app,
        "POST",
        &format!("/api/v1/cases/{id}/documents?type=passport"),
        Some("demo-officer-almaty"),
        "application/octet-stream",
        pdf,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{document}");
    fixture.document = document["id"].as_i64().unwrap();
    let decision = match needs {
        Needs::Proposed => return fixture,
        Needs::Hearing | Needs::AwaitingSignature => {
            json!({"outcome": "refuse", "reason": "On the wanted list, record 12 (test)."})
        }
        Needs::Issued | Needs::Delivered | Needs::DeskDelivered => json!({"outcome": "issue"}),
    };
    let uri = format!("/api/v1/cases/{id}/decision");
    let (status, decided) = app
        .call("POST", &uri, Some("demo-officer-almaty"), Some(decision), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    if matches!(needs, Needs::Hearing) {
        assert_eq!(decided["state"], "hearing", "{decided}");
        return fixture;
    }
    if matches!(needs, Needs::AwaitingSignature) {
        // The refusal is preliminary (the hearing): the applicant objects through the portal,
        // the officer answers and refuses.
        let (status, objected) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/objection"),
                Some("demo-portal"),
                Some(json!({"text": "The record is about another person (test)."})),
                None,
            )
            .await;
        assert_eq!(
            (status, objected["state"].as_str()),
            (StatusCode::OK, Some("objected")),
            "{objected}"
        );
        let answered = json!({"outcome": "refuse", "reason": "On the wanted list, record 12 (test).",
            "answer": "The record names the applicant's passport (test)."});
        let (status, decided) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(answered), None)
            .await;
        assert_eq!(
            (status, decided["state"].as_str()),
            (StatusCode::OK, Some("awaiting_signature")),
            "{decided}"
        );
    }
    if matches!(needs, Needs::Issued | Needs::Delivered | Needs::DeskDelivered) {
        let (_, view) = app
            .call("GET", &format!("/api/v1/cases/{id}"), Some("demo-auditor"), None, None)
            .await;
        fixture.permit = view["decision"]["permit"]["number"].as_str().unwrap().to_owned();
    }
    if matches!(needs, Needs::Delivered | Needs::DeskDelivered) {
        let uri = format!("/api/v1/cases/{id}/delivery");
        let (status, delivered) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(json!({})), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{delivered}");
    }
    fixture
}

async fn raw(
    app: &TestApp,
    method: &str,
    uri: &str,
    token: Option<&str>,
    kind: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, kind);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = router(app.state.clone())
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 10_000_000).await.unwrap();
    let value =
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, value)
}

/// One API row: method, path template (`{id}`, `{number}`, `{document}`, `{permit}`, `{passport}`
/// are filled from the row's case), the case it needs, the body, and the expected answers.
struct ApiRow {
    method: &'static str,
    path: &'static str,
    needs: Option<Needs>,
    body: fn() -> Option<Value>,
    expected: &'static str,
}

fn fill(path: &str, fixture: &Fixture, who: Who) -> String {
    // The anonymous caller does not know the applicant's passport number.
    let passport = if who == Who::Anonymous {
        "XX0000000"
    } else {
        &fixture.passport
    };
    path.replace("{id}", &fixture.id.to_string())
        .replace("{number}", &fixture.number)
        .replace("{document}", &fixture.document.to_string())
        .replace("{permit}", &fixture.permit)
        .replace("{passport}", passport)
}

fn none() -> Option<Value> {
    None
}

#[rustfmt::skip]
fn api_rows() -> Vec<ApiRow> {
    let row = |method, path, needs, body: fn() -> Option<Value>, expected| ApiRow { method, path, needs, body, expected };
    use Needs::*;
    vec![
        //   method  path                                              case                     body                                                   anon appl offA offB oper supv audt admn prtl scis bord
        row("POST", "/api/v1/applications",                            None,                    || Some(portal_trp("FA8000001")),                     "D    D    A    D    A    A    D    D    A    A    D"),
        row("GET",  "/api/v1/queue",                                   None,                    none,                                                  "D    D    A    A    A    A    A    D    D    D    D"),
        row("GET",  "/api/v1/queue?region=astana",                     None,                    none,                                                  "D    D    A    A    A    A    A    D    D    D    D"),
        row("GET",  "/api/v1/cases/{id}",                              Some(Proposed),          none,                                                  "D    D    A    D    D    A    A    D    D    D    D"),
        row("POST", "/api/v1/cases/{id}/decision",                     Some(Proposed),          || Some(json!({"outcome": "issue"})),                  "D    D    A    D    D    D    D    D    D    D    D"),
        row("POST", "/api/v1/cases/{id}/signature",                    Some(AwaitingSignature), || Some(json!({"approve": true})),                     "D    D    D    D    D    A    D    D    D    D    D"),
        row("POST", "/api/v1/cases/{id}/delivery",                     Some(Issued),            || Some(json!({})),                                    "D    D    A    D    D    A    D    D    D    D    D"),
        row("POST", "/api/v1/cases/{id}/handover",                     Some(Delivered),         || Some(json!({"identity_checked": true})),            "D    D    D    D    D    D    D    D    A    D    D"),
        row("POST", "/api/v1/cases/{id}/handover",                     Some(DeskDelivered),     || Some(json!({"identity_checked": true})),            "D    D    A    D    D    A    D    D    D    D    D"),
        row("GET",  "/api/v1/cases/{id}/documents/{document}",         Some(Proposed),          none,                                                  "D    D    A    D    D    A    A    D    D    D    D"),
        row("POST", "/api/v1/status",                                  Some(Proposed),          || Some(json!({"number": "{number}", "document": "{passport}"})), "D A A A A A A A A A A"),
        row("POST", "/api/v1/status/objection",                        Some(Hearing),           || Some(json!({"number": "{number}", "document": "{passport}", "text": "Not me (test)."})), "D A A A A A A A A A A"),
        row("POST", "/api/v1/cases/{id}/objection",                    Some(Hearing),           || Some(json!({"text": "Not me (test)."})),            "D    D    A    D    D    A    D    D    A    D    D"),
        row("POST", "/api/v1/cases/{id}/term",                         Some(Proposed),          || Some(json!({"action": "extend", "reason": "missing_document", "days": 2})), "D D A D D A D D D D D"),
        row("GET",  "/api/v1/cases/{id}/term",                         Some(Proposed),          none,                                                  "D    D    A    D    D    A    A    D    D    D    D"),
        row("GET",  "/api/v1/permits/{permit}",                        Some(Issued),            none,                                                  "A    A    A    A    A    A    A    A    A    A    A"),
        row("POST", "/api/v1/crossings",                               None,                    || Some(Value::String("crossing_id,passport,direction,at\n".into())), "D D D D D D D D D D A"),
        row("GET",  "/api/openapi.json",                               None,                    none,                                                  "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/api/docs",                                       None,                    none,                                                  "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/health",                                         None,                    none,                                                  "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/metrics",                                        None,                    none,                                                  "A    A    A    A    A    A    A    A    A    A    A"),
        // Closing a session is harmless for anyone: it closes the caller's own session only.
        row("DELETE", "/api/v1/sessions",                              None,                    none,                                                  "A    A    A    A    A    A    A    A    A    A    A"),
    ]
}

fn expected(row: &str) -> Vec<bool> {
    let cells: Vec<bool> = row.split_whitespace().map(|cell| cell == "A").collect();
    assert_eq!(
        cells.len(),
        COLUMNS.len(),
        "a matrix row has {} cells: {row}",
        COLUMNS.len()
    );
    cells
}

fn denied(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    )
}

#[tokio::test]
async fn every_api_route_answers_each_role_as_the_matrix_says() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let mut app = TestApp::new(store).await;
    // The matrix asks the public routes many times from one address: their rate limit is
    // tested on its own (edges.rs).
    app.state.lookups = std::sync::Arc::new(ruqsat_cases::limits::PublicLimiter::new(0));
    let mut serial = 0;
    let mut wrong = Vec::new();
    for row in api_rows() {
        for (who, allow) in COLUMNS.into_iter().zip(expected(row.expected)) {
            let fixture = match row.needs {
                Some(needs) => fixture(&app, needs, &mut serial).await,
                None => Fixture::default(),
            };
            let uri = fill(row.path, &fixture, who);
            let (status, answer) = match (row.method, (row.body)()) {
                ("POST", Some(Value::String(text))) => {
                    raw(&app, "POST", &uri, who.token(), "text/csv", text.into_bytes()).await
                }
                (method, body) => {
                    // Placeholders in a body are filled like the path's.
                    let body = body
                        .map(|body| serde_json::from_str::<Value>(&fill(&body.to_string(), &fixture, who)).unwrap());
                    let body = body.map(|mut body| {
                        if row.path == "/api/v1/applications" {
                            serial += 1;
                            body["application"]["applicant"]["passport"]["number"] = json!(format!("FA8{serial:06}"));
                            // Each caller submits through its own channel.
                            body["application"]["channel"] = json!(match who {
                                Who::Operator | Who::StateCorporationSystem => "state_corporation",
                                Who::OfficerA | Who::OfficerB | Who::Supervisor => "desk",
                                _ => "portal",
                            });
                        }
                        body
                    });
                    let key = format!("matrix-{serial}-{who:?}");
                    let key = (row.path == "/api/v1/applications").then_some(key.as_str());
                    app.call(method, &uri, who.token(), body, key).await
                }
            };
            // An officer submitting for another region is refused on the field `region` (422).
            let other_region = status == StatusCode::UNPROCESSABLE_ENTITY && answer["field"] == "region";
            let ok = if allow {
                status.is_success() || status == StatusCode::SEE_OTHER
            } else {
                denied(status) || other_region
            };
            if !ok {
                wrong.push(format!(
                    "{} {} as {who:?}: expected {}, got {status} {answer}",
                    row.method,
                    row.path,
                    if allow { "allowed" } else { "denied" }
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the access matrix does not hold:\n{}",
        wrong.join("\n")
    );
}

/// One page row: method, path, the case it needs, the form fields (besides `csrf`), expected.
struct PageRow {
    method: &'static str,
    path: &'static str,
    needs: Option<Needs>,
    form: &'static [(&'static str, &'static str)],
    expected: &'static str,
}

#[rustfmt::skip]
fn page_rows() -> Vec<PageRow> {
    let row = |method, path, needs, form, expected| PageRow { method, path, needs, form, expected };
    use Needs::*;
    vec![
        //   method  path                                          case                     form                     anon appl offA offB oper supv audt admn prtl scis bord
        row("GET",  "/",                                           None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/verify",                                     None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/portal/apply?service=trp",                   None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/portal/cabinet",                             None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/portal",                                     None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/login",                                      None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/static/ruqsat.css",                          None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/static/ruqsat.js",                           None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/accessibility",                              None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/privacy",                                    None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("GET",  "/favicon.ico",                                None,                    &[],                     "A    A    A    A    A    A    A    A    A    A    A"),
        row("POST", "/status",                                     Some(Proposed),          &[("number", "{number}"), ("document", "{passport}")], "D A A A A A A A A A A"),
        row("GET",  "/officer",                                    None,                    &[],                     "D    D    A    A    A    A    A    D    D    D    D"),
        row("GET",  "/officer/cases/{id}",                         Some(Proposed),          &[],                     "D    D    A    D    D    A    A    D    D    D    D"),
        row("POST", "/officer/cases/{id}/decision",                Some(Proposed),          &[("outcome", "issue")], "D    D    A    D    D    D    D    D    D    D    D"),
        row("POST", "/officer/cases/{id}/signature",               Some(AwaitingSignature), &[("approve", "true")],  "D    D    D    D    D    A    D    D    D    D    D"),
        row("GET",  "/officer/cases/{id}/documents/{document}",    Some(Proposed),          &[],                     "D    D    A    D    D    A    A    D    D    D    D"),
        row("POST", "/officer/cases/{id}/delivery",                Some(Issued),            &[],                     "D    D    A    D    D    A    D    D    D    D    D"),
        row("POST", "/officer/cases/{id}/handover",                Some(DeskDelivered),     &[("identity_checked", "true")], "D D A D D A D D D D D"),
        row("GET",  "/officer/cases/{id}/print/permit",            Some(Issued),            &[],                     "D    D    A    D    D    A    A    D    D    D    D"),
        row("GET",  "/officer/revocations",                        None,                    &[],                     "D    D    A    A    D    A    A    D    D    D    D"),
        row("GET",  "/officer/reports",                            None,                    &[],                     "D    D    D    D    D    A    A    A    D    D    D"),
        row("GET",  "/officer/reports.csv",                        None,                    &[],                     "D    D    D    D    D    A    A    A    D    D    D"),
        row("POST", "/status/objection",                           Some(Hearing),           &[("number", "{number}"), ("document", "{passport}"), ("objection", "Not+me+(test).")], "D A A A A A A A A A A"),
        row("POST", "/officer/cases/{id}/objection",               Some(Hearing),           &[("objection", "Not+me+(test).")], "D D A D D A D D D D D"),
        row("POST", "/officer/cases/{id}/term",                    Some(Proposed),          &[("action", "extend"), ("reason", "missing_document"), ("days", "2")], "D D A D D A D D D D D"),
        row("GET",  "/officer/impact",                             None,                    &[],                     "D    D    D    D    D    A    D    D    D    D    D"),
        row("GET",  "/officer/cases/{id}/receipt",                 Some(Proposed),          &[],                     "D    D    A    D    D    A    D    D    D    D    D"),
        row("GET",  "/audit",                                      None,                    &[],                     "D    D    D    D    D    D    A    A    D    D    D"),
        row("GET",  "/desk",                                       None,                    &[],                     "D    D    A    A    A    D    D    D    D    D    D"),
        row("POST", "/desk/apply/start",                           None,                    &[],                     "D    D    A    A    A    D    D    D    D    D    D"),
    ]
}

/// A browser of `who`: staff sign in through the login form; integrations present their token.
async fn arrive(app: &TestApp, who: Who) -> Browser {
    let mut browser = Browser {
        bearer: if who.login().is_none() { who.token() } else { None },
        ..Browser::default()
    };
    let (status, _, _) = browser.send(app, "GET", "/login", &[]).await;
    assert_eq!(status, StatusCode::OK);
    if let (Some(login), Some(password)) = (who.login(), who.token()) {
        let csrf = browser.csrf();
        let (status, _, _) = browser
            .send(
                app,
                "POST",
                "/login",
                &[("csrf", &csrf), ("login", login), ("password", password)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "signing in as {who:?}");
        // The session's forms carry a token bound to it: read it from a page.
        browser.form_csrf = None;
        browser.send(app, "GET", "/", &[]).await;
    }
    browser
}

#[tokio::test]
async fn every_staff_page_answers_each_role_as_the_matrix_says() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let mut app = TestApp::new(store).await;
    // The matrix asks the public routes many times from one address: their rate limit is
    // tested on its own (edges.rs).
    app.state.lookups = std::sync::Arc::new(ruqsat_cases::limits::PublicLimiter::new(0));
    let mut serial = 0;
    let mut wrong = Vec::new();
    for row in page_rows() {
        for (who, allow) in COLUMNS.into_iter().zip(expected(row.expected)) {
            let fixture = match row.needs {
                Some(needs) => fixture(&app, needs, &mut serial).await,
                None => Fixture::default(),
            };
            let mut visitor = arrive(&app, who).await;
            let uri = fill(row.path, &fixture, who);
            let csrf = visitor.csrf();
            let filled: Vec<(&str, String)> = row
                .form
                .iter()
                .map(|(name, value)| (*name, fill(value, &fixture, who)))
                .collect();
            let mut form: Vec<(&str, &str)> = filled.iter().map(|(name, value)| (*name, value.as_str())).collect();
            if row.method == "POST" {
                form.push(("csrf", &csrf));
            }
            let (status, html, location) = visitor.send(&app, row.method, &uri, &form).await;
            let to_login = status == StatusCode::SEE_OTHER && location.starts_with("/login");
            // The public status page answers 200 to everyone; without the passport it finds nothing.
            let found_nothing = row.path.starts_with("/status") && html.contains("class=\"error\" role=\"alert\"");
            let was_denied = denied(status) || to_login || found_nothing;
            let ok = if allow {
                !was_denied && (status.is_success() || status == StatusCode::SEE_OTHER)
            } else {
                was_denied
            };
            if !ok {
                wrong.push(format!(
                    "{} {} as {who:?}: expected {}, got {status} {location}",
                    row.method,
                    row.path,
                    if allow { "allowed" } else { "denied" }
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the page access matrix does not hold:\n{}",
        wrong.join("\n")
    );
}
