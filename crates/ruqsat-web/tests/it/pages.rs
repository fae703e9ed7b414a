//! The pages against SQLite and PostgreSQL alike: a staff session by the login form, the
//! region kept, every read audited, CSRF required on every action, the status page in kk, ru
//! and en, and a decision taken on the case page.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use ruqsat_store::testing::backends;
use tower::ServiceExt;

use super::{TestApp, portal_trp};
use ruqsat_cases::worker;
use ruqsat_web::router;

/// A browser: its cookies, kept between requests, and the bearer token it may present.
#[derive(Default)]
pub(super) struct Browser {
    pub(super) cookies: Vec<(String, String)>,
    pub(super) bearer: Option<&'static str>,
    /// The CSRF token of the forms on the last page (bound to the session once signed in).
    pub(super) form_csrf: Option<String>,
}

impl Browser {
    pub(super) async fn send(
        &mut self,
        app: &TestApp,
        method: &str,
        uri: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, String) {
        let cookie = self
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        let body: String = form
            .iter()
            .map(|(name, value)| format!("{name}={}", value.replace(' ', "+")))
            .collect::<Vec<_>>()
            .join("&");
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(token) = self.bearer {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let response = router(app.state.clone())
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let (pair, _) = value.to_str().unwrap().split_once(';').unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(existing, _)| existing != name);
            if !value.is_empty() {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|value| value.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let html = String::from_utf8_lossy(&to_bytes(response.into_body(), 10_000_000).await.unwrap()).into_owned();
        if let Some((_, rest)) = html.split_once(r#"name="csrf" value=""#) {
            self.form_csrf = rest.split_once('"').map(|(token, _)| token.to_owned());
        }
        (status, html, location)
    }

    pub(super) fn csrf(&self) -> String {
        if let Some(token) = &self.form_csrf {
            return token.clone();
        }
        self.cookies
            .iter()
            .find(|(name, _)| name == "ruqsat_csrf")
            .map(|(_, value)| value.clone())
            .expect("the first page sets the CSRF cookie")
    }

    pub(super) async fn sign_in(&mut self, app: &TestApp, login: &str, password: &str) {
        assert_eq!(self.sign_in_to(app, login, password).await, "/officer");
    }

    /// Signs in and opens the page the sign-in leads to; its address.
    pub(super) async fn sign_in_to(&mut self, app: &TestApp, login: &str, password: &str) -> String {
        let (status, _, _) = self.send(app, "GET", "/login", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let csrf = self.csrf();
        let (status, _, location) = self
            .send(
                app,
                "POST",
                "/login",
                &[("csrf", &csrf), ("login", login), ("password", password)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "signing in as {login}");
        // The forms of the session carry a token of their own: read it from the first page.
        self.form_csrf = None;
        let (status, _, _) = self.send(app, "GET", &location, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(self.form_csrf.is_some());
        location
    }
}

#[tokio::test]
async fn the_officer_decides_on_the_case_page_within_the_region_with_csrf_and_audit() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(portal_trp("FA0000301")),
                None,
            )
            .await;
        let id = submitted["id"].as_i64().unwrap();
        let number = submitted["number"].as_str().unwrap().to_owned();
        worker::drain(&app.state).await;

        // Without a session the workstation sends the browser to the login page.
        let mut anonymous = Browser::default();
        let (status, _, location) = anonymous.send(&app, "GET", "/officer", &[]).await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/login?next=/officer")
        );

        // Another region's officer: the case does not exist for them.
        let mut astana = Browser::default();
        astana.sign_in(&app, "officer.astana", "demo-officer-astana").await;
        let (status, _, _) = astana.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, queue, _) = astana.send(&app, "GET", "/officer", &[]).await;
        assert!(!queue.contains(&number));

        let mut almaty = Browser::default();
        almaty.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        let (_, queue, _) = almaty.send(&app, "GET", "/officer", &[]).await;
        assert!(queue.contains(&number), "the case is in the Almaty queue");
        let (status, page, _) = almaty.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("chk.7") && page.contains("name=\"outcome\""));
        let reads = app.state.store.audit_for_case(id).await.unwrap();
        assert!(
            reads
                .iter()
                .any(|entry| entry.actor == "officer.almaty" && entry.action == "read_case")
        );

        // An action without the form's token is refused and changes nothing.
        let decision = format!("/officer/cases/{id}/decision");
        let (status, _, _) = almaty.send(&app, "POST", &decision, &[("outcome", "issue")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.state.store.case(id).await.unwrap().unwrap().state.as_str(),
            "proposed"
        );

        let csrf = almaty.csrf();
        let (status, _, location) = almaty
            .send(&app, "POST", &decision, &[("csrf", &csrf), ("outcome", "issue")])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location, format!("/officer/cases/{id}?done=decided"));
        let case = app.state.store.case(id).await.unwrap().unwrap();
        assert_eq!(case.state.as_str(), "permit_issued");
        let (status, pdf, _) = almaty
            .send(&app, "GET", &format!("/officer/cases/{id}/print/permit"), &[])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(pdf.starts_with("%PDF-"));

        // The public status, in each language, shows the state and nothing of the person.
        for (lang, decided) in [
            ("kk", "Рұқсат берілді"),
            ("ru", "Разрешение выдано"),
            ("en", "Permit issued"),
        ] {
            let mut public = Browser::default();
            public.cookies.push(("lang".into(), lang.into()));
            public.send(&app, "GET", "/status", &[]).await;
            let csrf = public.csrf();
            let (status, html, _) = public
                .send(
                    &app,
                    "POST",
                    "/status",
                    &[("csrf", &csrf), ("number", &number), ("document", "fa0000301")],
                )
                .await;
            assert_eq!(status, StatusCode::OK);
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
            assert!(html.contains(decided), "{lang}: {decided}");
            assert!(!html.contains("TESTOV"), "no names on the public status");
        }
    }
}

#[tokio::test]
async fn a_holder_found_short_of_days_is_revoked_by_the_officer_and_the_supervisor() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let now = (app.state.clock)();
        let mut application = ruqsat_cases::demo::prp_application(0, app.state.law.local(now), "TJREVOKE01");
        application["mobile_phone"] = serde_json::json!("+7 700 000 0001");
        let body = serde_json::json!({ "region": "almaty", "application": application });
        let (status, submitted) = app
            .call("POST", "/api/v1/applications", Some("demo-sc-system"), Some(body), None)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{submitted}");
        assert_eq!(submitted["state"], "accepted", "{submitted}");
        let id = submitted["id"].as_i64().unwrap();
        worker::drain(&app.state).await;
        let (status, decided) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/decision"),
                Some("demo-officer-almaty"),
                Some(serde_json::json!({ "outcome": "issue" })),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{decided}");
        let case = app.state.store.case(id).await.unwrap().unwrap();
        let permit = case.permit_number.clone().unwrap();
        // The holder leaves two days after the issue and does not come back.
        let issued_on = app.state.law.local_date(now);
        let exit = ruqsat_store::CrossingRow {
            crossing_id: "rv-1".into(),
            iin: None,
            passport: Some("TJREVOKE01".into()),
            direction: "exit".into(),
            at: format!("{}T10:00:00", issued_on + chrono::Days::new(2)),
            checkpoint: None,
        };
        app.state.store.add_crossings(&[exit], now).await.unwrap();
        let as_of = issued_on + chrono::Days::new(300);
        let summary = ruqsat_cases::monitoring::sweep(&app.state.law, &app.state.store, as_of)
            .await
            .unwrap();
        assert_eq!((summary.holders, summary.new), (1, 1), "{summary:?}");
        let candidate = app
            .state
            .store
            .candidates(ruqsat_domain::codes::CandidateState::Open)
            .await
            .unwrap()
            .remove(0);

        let mut officer = Browser::default();
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        // The permit as printed, with its visible digital seal: checked on the verification
        // page (offline against the published certificates, then the register), valid today.
        let printed = raw_get(&app, &officer, &format!("/officer/cases/{id}/print/permit")).await;
        assert!(printed.starts_with(b"%PDF-"));
        let mut public = Browser::default();
        public.cookies.push(("lang".into(), "en".into()));
        public.send(&app, "GET", "/verify", &[]).await;
        let (status, checked) =
            super::apply::send_files_to(&app, &mut public, "/verify", &[("file", "permit.pdf", &printed)], &[]).await;
        assert_eq!(status, StatusCode::OK, "{checked}");
        assert!(
            checked.contains("ICAO digital seal is genuine") && checked.contains(r#"data-verdict="valid""#),
            "{checked}"
        );
        let (status, list, _) = officer.send(&app, "GET", "/officer/revocations", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            list.contains(&permit) && list.contains("rv-1") && list.contains("<strong>3</strong> / 183"),
            "{list}"
        );
        assert!(
            app.state
                .store
                .audit_entries()
                .await
                .unwrap()
                .iter()
                .any(|entry| entry.actor == "officer.almaty" && entry.action == "read_revocations"),
            "the list of holders is a read of personal data, audited"
        );
        let csrf = officer.csrf();
        let review = format!("/officer/revocations/{}/review", candidate.id);
        let (status, _, _) = officer
            .send(
                &app,
                "POST",
                &review,
                &[("csrf", &csrf), ("review", "revoke"), ("reason", "")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a review needs its reasoning");
        let (status, _, _) = officer
            .send(
                &app,
                "POST",
                &review,
                &[
                    ("csrf", &csrf),
                    ("review", "revoke"),
                    ("reason", "Abroad since two days after the issue."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let signature = format!("/officer/revocations/{}/signature", candidate.id);
        let (status, _, _) = officer
            .send(&app, "POST", &signature, &[("csrf", &csrf), ("approve", "true")])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "the officer does not sign");
        let (_, verified) = app
            .call("GET", &format!("/api/v1/permits/{permit}"), None, None, None)
            .await;
        assert_eq!(verified["status"], "valid", "not revoked before the signature");

        let mut supervisor = Browser::default();
        supervisor
            .sign_in(&app, "supervisor.almaty", "demo-supervisor-almaty")
            .await;
        let csrf = supervisor.csrf();
        let (status, _, _) = supervisor
            .send(&app, "POST", &signature, &[("csrf", &csrf), ("approve", "true")])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.state.store.case(id).await.unwrap().unwrap().state.as_str(),
            "revoked"
        );
        let (_, verified) = app
            .call("GET", &format!("/api/v1/permits/{permit}"), None, None, None)
            .await;
        assert_eq!(verified["status"], "revoked");
        // The seal is still genuine (it was), the register says revoked.
        let (_, checked) =
            super::apply::send_files_to(&app, &mut public, "/verify", &[("file", "permit.pdf", &printed)], &[]).await;
        assert!(
            checked.contains("ICAO digital seal is genuine") && checked.contains(r#"data-verdict="revoked""#),
            "{checked}"
        );
        // A text that only pretends to be a PDF, or nothing: said so, no 500.
        let (status, checked) = super::apply::send_files_to(
            &app,
            &mut public,
            "/verify",
            &[("file", "x.pdf", b"%PDF-1.7 nothing")],
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(checked.contains("No readable digital seal"), "{checked}");
        let notified = app.state.store.notifications(id).await.unwrap();
        assert!(
            notified.iter().any(|row| row.message.contains("аннулировано")),
            "{notified:?}"
        );
        // The signed revocation stays in the register of decisions, with its appeal's last day.
        let (_, html, _) = supervisor.send(&app, "GET", "/officer/revocations", &[]).await;
        let register = html
            .split_once("class=\"register\"")
            .map_or("", |(_, register)| register);
        assert!(register.contains(&permit) && register.contains("art49.15"), "{html}");
        // The decision to revoke is printed from the register and the case page (an audited read);
        // the revoked permit is no longer offered for printing.
        let act = format!("/officer/cases/{id}/print/revocation");
        assert!(register.contains(&act), "{register}");
        let (status, pdf, _) = supervisor.send(&app, "GET", &act, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(pdf.starts_with("%PDF-"));
        let (_, case_page, _) = supervisor.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
        assert!(
            case_page.contains(&act) && !case_page.contains("/print/permit"),
            "{case_page}"
        );
        let (status, _, _) = supervisor
            .send(
                &app,
                "GET",
                &format!("/officer/cases/{}/print/revocation", id + 1000),
                &[],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-supervisor-almaty"),
                None,
                None,
            )
            .await;
        assert!(view["decision"]["appeal"]["until"].is_string(), "{view}");
    }
}

#[tokio::test]
async fn the_daily_sweep_runs_once_per_day_whatever_the_number_of_processes() {
    for store in backends().await {
        let first = TestApp::new(store.clone()).await;
        // A second process on the same database: the same store, its own state.
        let second = ruqsat_web::AppState {
            store,
            ..first.state.clone()
        };
        let ran = ruqsat_cases::monitoring::sweep_if_due(&first.state).await.unwrap();
        assert!(ran.is_some());
        assert!(ruqsat_cases::monitoring::sweep_if_due(&second).await.unwrap().is_none());
        assert!(
            ruqsat_cases::monitoring::sweep_if_due(&first.state)
                .await
                .unwrap()
                .is_none()
        );
        // The next day (both processes share the clock here), one of them runs it again.
        first.advance(24 * 3600);
        assert!(ruqsat_cases::monitoring::sweep_if_due(&second).await.unwrap().is_some());
        assert!(
            ruqsat_cases::monitoring::sweep_if_due(&first.state)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_sweep_whose_process_crashed_is_run_again_the_same_day_once_its_lease_ends() {
    use ruqsat_cases::monitoring::{SWEEP_LEASE, sweep_if_due};
    for store in backends().await {
        let app = TestApp::new(store.clone()).await;
        let now = (app.state.clock)();
        let today = app.state.law.local_date(now);
        // Another process claimed today's sweep and crashed before finishing it.
        assert!(store.claim_sweep(today, now, SWEEP_LEASE).await.unwrap().is_some());
        assert!(
            sweep_if_due(&app.state).await.unwrap().is_none(),
            "taken over before the lease ends"
        );
        app.advance(9 * 60);
        assert!(
            sweep_if_due(&app.state).await.unwrap().is_none(),
            "taken over before the lease ends"
        );
        app.advance(2 * 60);
        assert!(
            sweep_if_due(&app.state).await.unwrap().is_some(),
            "not run again after the lease"
        );
        // Finished: never again that day.
        app.advance(60 * 60);
        assert!(
            sweep_if_due(&app.state).await.unwrap().is_none(),
            "a finished day run again"
        );
    }
}

#[tokio::test]
async fn the_dashboard_speaks_three_languages_and_its_csv_has_the_same_numbers() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        ruqsat_cases::demo::seed(&app.state).await.unwrap();
        let mut supervisor = Browser::default();
        supervisor
            .sign_in(&app, "supervisor.almaty", "demo-supervisor-almaty")
            .await;
        let period = "from=2024-03-24&to=2025-03-20";
        let mut page = String::new();
        for (lang, title) in [
            ("kk", "Статистика және мерзімдер"),
            ("ru", "Статистика и сроки"),
            ("en", "Statistics and legal terms"),
        ] {
            supervisor.cookies.retain(|(name, _)| name != "lang");
            supervisor.cookies.push(("lang".into(), lang.into()));
            let (status, html, _) = supervisor
                .send(&app, "GET", &format!("/officer/reports?{period}"), &[])
                .await;
            assert_eq!(status, StatusCode::OK, "{lang}");
            assert!(
                html.contains(&format!("<html lang=\"{lang}\"")) && html.contains(title),
                "{lang}"
            );
            assert!(html.matches("<svg").count() >= 4, "{lang}: charts");
            page = html;
        }
        let (status, csv, _) = supervisor
            .send(&app, "GET", &format!("/officer/reports.csv?{period}"), &[])
            .await;
        assert_eq!(status, StatusCode::OK);
        // Every total on the page is the sum of the CSV's monthly rows, and the other way round.
        let mut from_csv: std::collections::BTreeMap<(String, String), i64> = Default::default();
        let mut sla: std::collections::BTreeMap<String, String> = Default::default();
        for line in csv.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            if fields[0] == "sla" {
                sla.insert(fields[1].to_owned(), fields[3].to_owned());
            } else {
                *from_csv
                    .entry((fields[1].to_owned(), fields[2].to_owned()))
                    .or_default() += fields[3].parse::<i64>().unwrap();
            }
        }
        let mut from_page: std::collections::BTreeMap<(String, String), i64> = Default::default();
        for cell in page.split("data-dimension=\"").skip(1) {
            let dimension = cell.split('"').next().unwrap();
            let value = cell.split("data-value=\"").nth(1).unwrap().split('"').next().unwrap();
            let count = cell.split("data-count=\"").nth(1).unwrap().split('"').next().unwrap();
            from_page.insert((dimension.to_owned(), value.to_owned()), count.parse().unwrap());
        }
        assert!(from_page.len() >= 6, "{from_page:?}");
        assert_eq!(from_page, from_csv);
        assert!(sla["cases"].parse::<i64>().unwrap() > 0);
        for name in ["cases", "decided"] {
            assert!(page.contains(&format!("data-sla=\"{name}\">{}<", sla[name])), "{name}");
        }
        // An officer has no statistics; the supervisor's are of the region.
        let mut officer = Browser::default();
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        let (status, _, _) = officer.send(&app, "GET", "/officer/reports", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(!from_csv.contains_key(&("region".to_owned(), "astana".to_owned())));
    }
}

/// The temporary password shown once on the administrator's page.
fn temporary_password(html: &str) -> String {
    let (_, rest) = html
        .split_once(r#"<code class="secret">"#)
        .expect("a temporary password is shown");
    rest.split_once('<').unwrap().0.to_owned()
}

/// Signs in with a temporary password and chooses a new one; returns where the browser goes.
async fn first_sign_in(browser: &mut Browser, app: &TestApp, login: &str, temporary: &str) -> String {
    browser.send(app, "GET", "/login", &[]).await;
    let csrf = browser.csrf();
    let (status, html, _) = browser
        .send(
            app,
            "POST",
            "/login",
            &[("csrf", &csrf), ("login", login), ("password", temporary)],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a new password is asked for first");
    assert!(html.contains("new_password"));
    let csrf = browser.csrf();
    let (status, _, location) = browser
        .send(
            app,
            "POST",
            "/login",
            &[
                ("csrf", &csrf),
                ("login", login),
                ("password", temporary),
                ("new_password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signing in as {login}");
    browser.form_csrf = None;
    browser.send(app, "GET", &location, &[]).await;
    location
}

#[tokio::test]
async fn an_installation_is_administered_without_the_demo() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        // The first administrator, as `ruqsat staff add` creates it.
        let console = ruqsat_cases::actors::Caller {
            login: "cli:root".into(),
            role: ruqsat_cases::actors::Role::Administrator,
            region: None,
        };
        let temporary = ruqsat_cases::accounts::add(
            &app.state,
            &console,
            ruqsat_cases::accounts::NewAccount {
                login: "first.admin".into(),
                name: "Test Administrator".into(),
                role: "administrator".into(),
                region: None,
            },
        )
        .await
        .unwrap()
        .unwrap();
        let mut admin = Browser::default();
        assert_eq!(
            first_sign_in(&mut admin, &app, "first.admin", &temporary).await,
            "/admin/staff"
        );
        // The administrator creates an officer and a supervisor of Almaty.
        let mut passwords = Vec::new();
        for (login, role) in [("new.officer", "officer"), ("new.supervisor", "supervisor")] {
            let csrf = admin.csrf();
            let (status, html, _) = admin
                .send(
                    &app,
                    "POST",
                    "/admin/staff",
                    &[
                        ("csrf", &csrf),
                        ("login", login),
                        ("name", "Test Person"),
                        ("role", role),
                        ("region", "almaty"),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{html}");
            passwords.push(temporary_password(&html));
        }
        // A region for an operator, or none for an officer, is refused naming the field.
        let csrf = admin.csrf();
        let (status, _, _) = admin
            .send(
                &app,
                "POST",
                "/admin/staff",
                &[
                    ("csrf", &csrf),
                    ("login", "x.officer"),
                    ("name", "Test"),
                    ("role", "officer"),
                    ("region", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // Both sign in and work.
        let mut officer = Browser::default();
        assert_eq!(
            first_sign_in(&mut officer, &app, "new.officer", &passwords[0]).await,
            "/officer"
        );
        let (status, _, _) = officer.send(&app, "GET", "/officer", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let mut supervisor = Browser::default();
        assert_eq!(
            first_sign_in(&mut supervisor, &app, "new.supervisor", &passwords[1]).await,
            "/officer"
        );
        // Only an administrator reaches the page.
        let (status, _, _) = officer.send(&app, "GET", "/admin/staff", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The officer is disabled: the open session ends at once and no sign-in works.
        let csrf = admin.csrf();
        let (status, html, _) = admin
            .send(
                &app,
                "POST",
                "/admin/staff/disable",
                &[("csrf", &csrf), ("login", "new.officer")],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("new.officer"));
        let (status, _, location) = officer.send(&app, "GET", "/officer", &[]).await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/login?next=/officer")
        );
        let mut again = Browser::default();
        again.send(&app, "GET", "/login", &[]).await;
        let csrf = again.csrf();
        let (status, _, _) = again
            .send(
                &app,
                "POST",
                "/login",
                &[
                    ("csrf", &csrf),
                    ("login", "new.officer"),
                    ("password", "correct horse battery"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let actions: Vec<String> = app
            .state
            .store
            .audit_entries()
            .await
            .unwrap()
            .into_iter()
            .filter(|entry| entry.action.starts_with("staff_"))
            .map(|entry| format!("{} {}", entry.actor, entry.action))
            .collect();
        assert_eq!(
            actions,
            [
                "cli:root staff_add",
                "first.admin staff_add",
                "first.admin staff_add",
                "first.admin staff_disable"
            ]
        );
    }
}

/// The raw bytes of a GET by a signed-in browser (a PDF).
async fn raw_get(app: &TestApp, browser: &Browser, uri: &str) -> Vec<u8> {
    let cookie = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::builder()
        .uri(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = router(app.state.clone()).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    to_bytes(response.into_body(), 10_000_000).await.unwrap().to_vec()
}
