//! The administrative procedure end to end, on SQLite and PostgreSQL alike: a PRP's term
//! suspended across a holiday (the due time recomputed on the case page, the status page and the
//! API; the suspended days in the report), and a refusal heard on an objection and answered.

use axum::http::StatusCode;
use ruqsat_cases::worker;
use ruqsat_store::testing::backends;
use serde_json::json;

use super::TestApp;
use super::pages::Browser;

#[tokio::test]
async fn a_prp_suspended_across_nauryz_is_due_later_everywhere_and_the_report_counts_the_days_apart() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let now = (app.state.clock)();
        // Submitted on Thursday 20 March 2025 at 10:15: 45 calendar days end on Sunday 4 May, so
        // the result is due on Monday 5 May.
        let application = ruqsat_cases::demo::prp_application(0, app.state.law.local(now), "TJSUSPEND1");
        let body = json!({ "region": "almaty", "application": application });
        let (status, submitted) = app
            .call("POST", "/api/v1/applications", Some("demo-sc-system"), Some(body), None)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{submitted}");
        assert_eq!(submitted["due_at"], "2025-05-05T18:30:00+05:00");
        let id = submitted["id"].as_i64().unwrap();
        let number = submitted["number"].as_str().unwrap().to_owned();
        worker::drain(&app.state).await;

        // Waiting for the approving body from 20 to 26 March, over Nauryz (21–25 March): six
        // calendar days after the submission do not count, whatever holidays they hold; the
        // last day becomes Saturday 10 May, so the result is due on Monday 12 May.
        let uri = format!("/api/v1/cases/{id}/term");
        let suspend = json!({"action": "suspend", "reason": "approving_body", "from": "2025-03-20", "until": "2025-03-26",
            "note": "Request to the national security bodies, letter 12 (test)."});
        let (status, term) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(suspend), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{term}");
        assert_eq!(term["case"]["due_at"], "2025-05-12T18:30:00+05:00", "{term}");
        assert_eq!(term["suspended_days"], 6);
        assert_eq!(term["changes"][0]["author"], "officer.almaty");
        let (_, again) = app.call("GET", &uri, Some("demo-supervisor-almaty"), None, None).await;
        assert_eq!(
            (again["suspended_days"].as_u64(), again["case"]["due_at"].as_str()),
            (Some(6), Some("2025-05-12T18:30:00+05:00"))
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
        assert_eq!(view["case"]["due_at"], "2025-05-12T18:30:00+05:00");
        assert!(
            view["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|event| event["action"] == "suspend"),
            "the suspension is an event: {view}"
        );

        // Bad dates name their field; a closed case's term cannot change.
        let backwards =
            json!({"action": "suspend", "reason": "approving_body", "from": "2025-03-26", "until": "2025-03-20"});
        let (status, error) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(backwards), None)
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("until")),
            "{error}"
        );
        // A passed day is not suspended by an officer; the hearing's reason is the system's own.
        let backdated =
            json!({"action": "suspend", "reason": "approving_body", "from": "2025-03-19", "until": "2025-03-21"});
        let (status, error) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(backdated), None)
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("from")),
            "{error}"
        );
        let reserved = json!({"action": "extend", "reason": "hearing", "days": 2});
        let (status, error) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(reserved), None)
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
            "{error}"
        );
        let unknown = json!({"action": "suspend", "reason": "lunch", "from": "2025-03-20", "until": "2025-03-21"});
        let (status, error) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(unknown), None)
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
            "{error}"
        );

        // The status page and the status API.
        let (_, lookup) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "TJSUSPEND1"})),
                None,
            )
            .await;
        assert_eq!(
            (lookup["due_at"].as_str(), lookup["suspended_days"].as_u64()),
            (Some("2025-05-12T18:30:00+05:00"), Some(6)),
            "{lookup}"
        );
        let mut applicant = Browser::default();
        applicant.send(&app, "GET", "/lang?lang=en&back=/status", &[]).await;
        applicant.send(&app, "GET", "/status", &[]).await;
        let csrf = applicant.csrf();
        let (status, html, _) = applicant
            .send(
                &app,
                "POST",
                "/status",
                &[("csrf", &csrf), ("number", &number), ("document", "TJSUSPEND1")],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let result = html
            .split_once("<section class=\"result\"")
            .map_or("", |(_, result)| result);
        assert!(result.contains("2025-05-12 18:30"), "{html}");
        assert!(html.contains("Days the term did not run: 6"), "{html}");

        // The case page.
        let mut officer = Browser::default();
        officer.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        let (status, html, _) = officer.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Due: 2025-05-12 18:30"), "{html}");
        assert!(html.contains("Days the term did not run: 6"));
        assert!(html.contains("waiting for the approving body"));

        // The data tracker: the officer's reads (the API's case view, the case page) by role and
        // body, never by name; the registries asked with their legal basis.
        let (_, lookup) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "TJSUSPEND1"})),
                None,
            )
            .await;
        let reads = lookup["read_by"].as_array().unwrap();
        assert!(reads.len() >= 2, "{lookup}");
        assert!(
            reads
                .iter()
                .all(|read| read["role"] == "officer" && read["region"] == "almaty"),
            "{lookup}"
        );
        assert!(
            !lookup.to_string().contains("officer.almaty"),
            "no login is shown: {lookup}"
        );
        assert!(!lookup["registries_asked"].as_array().unwrap().is_empty());
        let (_, html, _) = applicant
            .send(
                &app,
                "POST",
                "/status",
                &[
                    ("csrf", &applicant.csrf()),
                    ("number", &number),
                    ("document", "TJSUSPEND1"),
                ],
            )
            .await;
        assert!(
            html.contains("Who read your file") && html.contains("opened the application"),
            "{html}"
        );
        assert!(html.contains("Officer, migration police — Almaty city"), "{html}");

        // The report counts the suspended days apart.
        let report = ruqsat_cases::reports::build(
            &app.state.law,
            &app.state.store,
            "2025-03-01".parse().unwrap(),
            "2025-03-31".parse().unwrap(),
            Some("almaty"),
            (app.state.clock)(),
        )
        .await
        .unwrap();
        assert_eq!((report.sla.suspended_cases, report.sla.suspended_days), (1, 6));
        assert!(report.to_csv().contains("sla,suspended_days,,6"));

        // Ended early: the suspension's last day becomes today (20 March, day zero), so no day
        // after the submission was suspended and the term is back to 5 May.
        let (status, resumed) = app
            .call(
                "POST",
                &uri,
                Some("demo-officer-almaty"),
                Some(json!({"action": "resume"})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{resumed}");
        assert_eq!(
            (resumed["case"]["due_at"].as_str(), resumed["suspended_days"].as_u64()),
            (Some("2025-05-05T18:30:00+05:00"), Some(0))
        );
        // An extension of ten days: 14 May (a Wednesday).
        let extend = json!({"action": "extend", "reason": "missing_document", "days": 10});
        let (_, extended) = app
            .call("POST", &uri, Some("demo-officer-almaty"), Some(extend), None)
            .await;
        assert_eq!(extended["case"]["due_at"], "2025-05-14T18:30:00+05:00", "{extended}");
    }
}

#[tokio::test]
async fn an_objection_is_heard_and_the_officer_must_answer_it() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut body = super::portal_trp("FAWANTED07");
        body["application"]["mobile_phone"] = json!("+7 700 000 0007");
        let (_, submitted) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        let id = submitted["id"].as_i64().unwrap();
        let number = submitted["number"].as_str().unwrap().to_owned();
        worker::drain(&app.state).await;
        let decision = format!("/api/v1/cases/{id}/decision");
        let refusal = json!({"outcome": "refuse", "reason": "On the wanted list, record 12 (test)."});
        let (_, decided) = app
            .call(
                "POST",
                &decision,
                Some("demo-officer-almaty"),
                Some(refusal.clone()),
                None,
            )
            .await;
        assert_eq!(decided["state"], "hearing", "{decided}");
        // The notification says so, in the applicant's language, with the last day.
        let outbox = app.state.store.notifications(id).await.unwrap();
        assert!(
            outbox.iter().any(|row| row.message.contains("2025-03-27")),
            "{outbox:?}"
        );

        // An empty objection names its field; a wrong passport learns nothing.
        let objection = "/api/v1/status/objection";
        let (status, error) = app
            .call(
                "POST",
                objection,
                None,
                Some(json!({"number": number, "document": "FAWANTED07", "text": "  "})),
                None,
            )
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("objection")),
            "{error}"
        );
        let (status, _) = app
            .call(
                "POST",
                objection,
                None,
                Some(json!({"number": number, "document": "XX0000000", "text": "Not me."})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // The applicant objects on the status page.
        let mut applicant = Browser::default();
        applicant.send(&app, "GET", "/lang?lang=ru&back=/status", &[]).await;
        applicant.send(&app, "GET", "/status", &[]).await;
        let csrf = applicant.csrf();
        let (_, html, _) = applicant
            .send(
                &app,
                "POST",
                "/status",
                &[("csrf", &csrf), ("number", &number), ("document", "FAWANTED07")],
            )
            .await;
        assert!(html.contains("Предварительное решение"), "{html}");
        assert!(html.contains("action=\"/status/objection\""));
        let csrf = applicant.csrf();
        let (status, html, _) = applicant
            .send(
                &app,
                "POST",
                "/status/objection",
                &[
                    ("csrf", &csrf),
                    ("number", &number),
                    ("document", "FAWANTED07"),
                    ("objection", "The record is about my namesake."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("Ваше возражение получено"), "{html}");
        // Once objected, a second objection is refused.
        let (status, _) = app
            .call(
                "POST",
                objection,
                None,
                Some(json!({"number": number, "document": "FAWANTED07", "text": "Again."})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);

        // The officer must answer the objection to refuse.
        let (status, error) = app
            .call("POST", &decision, Some("demo-officer-almaty"), Some(refusal), None)
            .await;
        assert_eq!(
            (status, error["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("answer")),
            "{error}"
        );
        let answered = json!({"outcome": "refuse", "reason": "On the wanted list, record 12 (test).",
            "answer": "The record names the applicant's passport number, not only the name."});
        let (_, decided) = app
            .call("POST", &decision, Some("demo-officer-almaty"), Some(answered), None)
            .await;
        assert_eq!(decided["state"], "awaiting_signature", "{decided}");
        let (_, view) = app
            .call(
                "GET",
                &format!("/api/v1/cases/{id}"),
                Some("demo-supervisor-almaty"),
                None,
                None,
            )
            .await;
        let hearing = &view["decision"]["hearing"];
        assert_eq!(hearing["objection"]["text"], "The record is about my namesake.");
        assert_eq!(hearing["objection"]["channel"], "portal");
        assert_eq!(
            hearing["answer"],
            "The record names the applicant's passport number, not only the name."
        );
        let (_, signed) = app
            .call(
                "POST",
                &format!("/api/v1/cases/{id}/signature"),
                Some("demo-supervisor-almaty"),
                Some(json!({"approve": true})),
                None,
            )
            .await;
        assert_eq!(signed["state"], "refusal_issued");

        // An appeal to the court is recorded; the refusal is annulled and goes back to the officer.
        let appeals = format!("/api/v1/cases/{id}/appeals");
        let (status, appeal) = app
            .call(
                "POST",
                &appeals,
                Some("demo-officer-almaty"),
                Some(json!({"body": "court", "filed_on": "2025-03-20"})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{appeal}");
        assert_eq!(appeal["appeal"]["received"][0]["body"], "court");
        let (status, _) = app
            .call(
                "POST",
                &format!("{appeals}/outcome"),
                Some("demo-officer-almaty"),
                Some(json!({"upheld": false, "note": "x"})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "the supervisor records the outcome");
        let (status, outcome) = app
            .call(
                "POST",
                &format!("{appeals}/outcome"),
                Some("demo-supervisor-almaty"),
                Some(json!({"upheld": false, "note": "Decision 2-123/2025 of the court (test)."})),
                None,
            )
            .await;
        assert_eq!(
            (status, outcome["case"]["state"].as_str()),
            (StatusCode::OK, Some("proposed")),
            "{outcome}"
        );
        assert_eq!(outcome["appeal"]["received"][0]["outcome"]["upheld"], false);
    }
}

#[tokio::test]
async fn a_supervisor_sees_the_impact_of_a_draft_on_the_pending_cases_and_nothing_changes() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(super::portal_trp("FA0000501")),
                None,
            )
            .await;
        let number = submitted["number"].as_str().unwrap().to_owned();
        assert_eq!(submitted["due_at"], "2025-03-26T18:30:00+05:00");
        worker::drain(&app.state).await;
        let mut supervisor = Browser::default();
        supervisor.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
        supervisor
            .sign_in(&app, "supervisor.almaty", "demo-supervisor-almaty")
            .await;
        let (status, html, _) = supervisor.send(&app, "GET", "/officer/impact", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Impact of an amendment"));
        // A draft calendar making 26 March 2025 a day off (form-encoded by hand: = and newlines).
        let draft = "[[year]]\nyear = 2025\nkurban_ait = \"2025-06-06\"\nworking_weekend_days = [\"2025-01-05\"]\n\
                     transferred_days_off = [\"2025-01-03\", \"2025-03-26\"]\nsource = \"draft (test)\"\n";
        let encoded: String = draft
            .bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (byte as char).to_string(),
                _ => format!("%{byte:02X}"),
            })
            .collect();
        let csrf = supervisor.csrf();
        let (status, html, _) = supervisor
            .send(
                &app,
                "POST",
                "/officer/impact",
                &[("csrf", &csrf), ("calendar", &encoded)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("1 pending cases assessed; 1 would change."), "{html}");
        assert!(html.contains(&number) && html.contains("2025-03-27T18:30:00+05:00"));
        let csrf = supervisor.csrf();
        let (status, csv, _) = supervisor
            .send(
                &app,
                "POST",
                "/officer/impact.csv",
                &[("csrf", &csrf), ("calendar", &encoded)],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            csv,
            format!(
                "number,service,state,what,current,draft\n{number},trp,proposed,due_at,2025-03-26T18:30:00+05:00,2025-03-27T18:30:00+05:00\n"
            )
        );
        // A broken draft names its field; nothing was changed by any of it.
        let csrf = supervisor.csrf();
        let (status, _, _) = supervisor
            .send(
                &app,
                "POST",
                "/officer/impact",
                &[("csrf", &csrf), ("parameters", "not%3D%3Dtoml")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, lookup) = app
            .call(
                "POST",
                "/api/v1/status",
                None,
                Some(json!({"number": number, "document": "FA0000501"})),
                None,
            )
            .await;
        assert_eq!(lookup["due_at"], "2025-03-26T18:30:00+05:00");
    }
}

#[tokio::test]
async fn implausible_data_is_a_field_error_and_never_a_case() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        // The test clock's today is 20 March 2025.
        let cases: [(&str, serde_json::Value, &str); 7] = [
            (
                "applicant.birth_date",
                json!("2025-06-01"),
                "a birth date in the future",
            ),
            ("applicant.birth_date", json!("1890-01-01"), "born in 1890"),
            (
                "applicant.passport.issued_on",
                json!("2025-04-20"),
                "a passport issued next month",
            ),
            (
                "applicant.passport.expires_on",
                json!("2019-01-01"),
                "a passport that expired before its issue",
            ),
            ("mobile_phone", json!("abc"), "a phone number of letters"),
            (
                "mobile_phone",
                json!("8 700 000 00 00"),
                "a phone number without the country",
            ),
            ("email", json!("nobody@"), "an e-mail address without a domain"),
        ];
        for (index, (field, value, what)) in cases.into_iter().enumerate() {
            let mut body = super::portal_trp(&format!("FA00006{index:02}"));
            let target = field
                .split('.')
                .fold(&mut body["application"], |object, key| &mut object[key]);
            *target = value;
            let (status, error) = app
                .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
                .await;
            assert_eq!(
                (status, error["field"].as_str()),
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some(format!("application.{field}").as_str())
                ),
                "{what}: {error}"
            );
        }
        // None of them became a case.
        let (_, queue) = app.call("GET", "/api/v1/queue", Some("demo-auditor"), None, None).await;
        assert_eq!(queue.as_array().map(Vec::len), Some(0), "{queue}");
    }
}

#[tokio::test]
async fn an_unknown_address_is_a_page_in_the_readers_language_and_json_for_the_api() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut reader = Browser::default();
    reader.send(&app, "GET", "/lang?lang=ru&back=/", &[]).await;
    let (status, html, _) = reader.send(&app, "GET", "/no/such/page", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"ru\""),
        "{html}"
    );
    assert!(html.contains("По этому адресу страницы нет"), "{html}");
    let (status, error) = app.call("GET", "/api/v1/nothing", None, None, None).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn a_rejected_applicant_reads_why_in_words_and_a_portal_result_is_not_handed_over() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut body = super::portal_trp("FA0000701");
    body["application"]["documents"] = json!([{"type": "application_form"}]);
    let (_, submitted) = app
        .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
        .await;
    assert_eq!(submitted["state"], "not_accepted", "{submitted}");
    let number = submitted["number"].as_str().unwrap().to_owned();
    let mut applicant = Browser::default();
    applicant.send(&app, "GET", "/lang?lang=en&back=/status", &[]).await;
    applicant.send(&app, "GET", "/status", &[]).await;
    let csrf = applicant.csrf();
    let (_, html, _) = applicant
        .send(
            &app,
            "POST",
            "/status",
            &[("csrf", &csrf), ("number", &number), ("document", "FA0000701")],
        )
        .await;
    let result = html
        .split_once("<section class=\"result\"")
        .map_or("", |(_, result)| result);
    assert!(result.contains("incomplete package of documents"), "{result}");
    assert!(result.contains("Missing: copy of the identity document"), "{result}");
    // The labour permits are alternatives: one line "one of", not each as if all were required
    // (in the list of reasons; the engine's explanation below it says the same in its words).
    let reasons = result
        .split_once("<ul class=\"reasons\">")
        .and_then(|(_, rest)| rest.split_once("</ul>"))
        .map_or("", |(reasons, _)| reasons);
    assert_eq!(reasons.matches("Missing, one of:").count(), 1, "{result}");
    assert_eq!(
        reasons.matches("permit to attract foreign labour").count(),
        1,
        "{result}"
    );
    assert!(!result.contains("acc.complete"), "no raw code: {result}");

    // A portal result placed in the cabinet: the SMS says so, the case page offers no hand-over.
    let mut body = super::portal_trp("FA0000702");
    body["application"]["mobile_phone"] = json!("+7 700 000 0702");
    let (_, submitted) = app
        .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
        .await;
    let id = submitted["id"].as_i64().unwrap();
    worker::drain(&app.state).await;
    let decision = json!({"outcome": "issue"});
    app.call(
        "POST",
        &format!("/api/v1/cases/{id}/decision"),
        Some("demo-officer-almaty"),
        Some(decision),
        None,
    )
    .await;
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
    let outbox = app.state.store.notifications(id).await.unwrap();
    let last = outbox.last().unwrap();
    assert!(last.message.contains("личном кабинете"), "{}", last.message);
    let mut officer = Browser::default();
    officer.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
    officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
    let (_, html, _) = officer.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
    assert!(!html.contains("/handover"), "no hand-over of a portal result");
    assert!(html.contains("Passport issued / valid until") && html.contains("Period of stay asked for"));
}

#[tokio::test]
async fn the_auditor_reads_the_log_by_case_and_verifies_the_chain() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let (_, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(super::portal_trp("FA0000801")),
                None,
            )
            .await;
        let number = submitted["number"].as_str().unwrap().to_owned();
        worker::drain(&app.state).await;
        let mut auditor = Browser::default();
        auditor.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
        let (status, _, _) = auditor.send(&app, "GET", "/login", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let csrf = auditor.csrf();
        auditor
            .send(
                &app,
                "POST",
                "/login",
                &[("csrf", &csrf), ("login", "auditor"), ("password", "demo-auditor")],
            )
            .await;
        let (status, html, _) = auditor.send(&app, "GET", &format!("/audit?number={number}"), &[]).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("submit") && html.contains(&number), "{html}");
        let (_, html, _) = auditor.send(&app, "GET", "/audit?verify=1", &[]).await;
        assert!(html.contains("The chain is intact"), "{html}");
        // An entry changed outside the service is found.
        app.state
            .store
            .execute_raw("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 1")
            .await
            .unwrap();
        let (_, html, _) = auditor.send(&app, "GET", "/audit?verify=1", &[]).await;
        assert!(html.contains("The chain is broken"), "{html}");
    }
}

#[tokio::test]
async fn the_queue_names_the_applicants_searches_filters_and_pages() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    for index in 0..103 {
        let (status, submitted) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(super::portal_trp(&format!("FA09{index:05}"))),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{submitted}");
    }
    let mut officer = Browser::default();
    officer.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
    officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
    let (_, first, _) = officer.send(&app, "GET", "/officer", &[]).await;
    let rows = |html: &str| html.matches("<a href=\"/officer/cases/").count();
    assert_eq!(rows(&first), 100);
    assert!(first.contains("TESTOV"), "the applicant's name is in the queue");
    let next = first
        .split_once("href=\"/officer?after=")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(after, _)| after.replace("&amp;", "&"))
        .expect("a next page");
    let (_, second, _) = officer.send(&app, "GET", &format!("/officer?after={next}"), &[]).await;
    assert_eq!(rows(&second), 3, "{second}");
    assert!(!second.contains("Next page"));
    // By passport number, case-insensitively; by state.
    let (_, found, _) = officer.send(&app, "GET", "/officer?q=fa0900042", &[]).await;
    assert_eq!(rows(&found), 1, "{found}");
    let (_, none, _) = officer
        .send(&app, "GET", "/officer?state=awaiting_signature", &[])
        .await;
    assert_eq!(rows(&none), 0);
}

#[tokio::test]
async fn the_desk_prints_a_receipt_of_the_documents_received() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut body = super::portal_trp("FA0000901");
    body["application"]["channel"] = json!("desk");
    let (status, submitted) = app
        .call(
            "POST",
            "/api/v1/applications",
            Some("demo-officer-almaty"),
            Some(body),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{submitted}");
    let id = submitted["id"].as_i64().unwrap();
    let mut officer = Browser::default();
    officer.send(&app, "GET", "/lang?lang=ru&back=/", &[]).await;
    officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
    let (_, case_page, _) = officer.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
    assert!(case_page.contains(&format!("/officer/cases/{id}/receipt")));
    let (status, html, _) = officer
        .send(&app, "GET", &format!("/officer/cases/{id}/receipt"), &[])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Расписка о приёме документов"), "{html}");
    assert!(html.contains(submitted["number"].as_str().unwrap()) && html.contains("officer.almaty"));
    assert!(html.contains("<ol><li>"), "the documents received are listed: {html}");
}

#[tokio::test]
async fn the_portal_names_the_purpose_of_the_applicants_own_fields_and_the_desk_does_not() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut applicant = Browser::default();
    applicant.send(&app, "GET", "/portal", &[]).await;
    let csrf = applicant.csrf();
    applicant
        .send(
            &app,
            "POST",
            "/portal/apply/start",
            &[("csrf", &csrf), ("subtype", "labour")],
        )
        .await;
    let (_, mut html, _) = applicant.send(&app, "GET", "/portal/apply/about", &[]).await;
    // A family member is other people's data.
    let csrf = applicant.csrf();
    applicant
        .send(
            &app,
            "POST",
            "/portal/apply/family",
            &[("csrf", &csrf), ("action", "add_member")],
        )
        .await;
    html.push_str(&applicant.send(&app, "GET", "/portal/apply/family", &[]).await.1);
    for (field, purpose) in [
        ("applicant.surname", "family-name"),
        ("applicant.birth_date", "bday"),
        ("mobile_phone", "tel"),
        ("email", "email"),
        ("family_members.0.surname", "off"),
    ] {
        let tag = html
            .split(&format!("name=\"{field}\""))
            .nth(1)
            .and_then(|rest| rest.split_once('>'))
            .map(|(tag, _)| tag)
            .unwrap_or_default();
        assert!(tag.contains(&format!("autocomplete=\"{purpose}\"")), "{field}: {tag}");
    }
    let mut officer = Browser::default();
    officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
    officer.send(&app, "GET", "/desk", &[]).await;
    let csrf = officer.csrf();
    officer
        .send(
            &app,
            "POST",
            "/desk/apply/start",
            &[("csrf", &csrf), ("service", "trp")],
        )
        .await;
    let (_, html, _) = officer.send(&app, "GET", "/desk/apply/about", &[]).await;
    assert!(html.contains("name=\"applicant.surname\""), "{html}");
    assert!(
        !html.contains("autocomplete=\"family-name\""),
        "staff type other people's data"
    );
}

#[tokio::test]
async fn an_officer_takes_a_case_a_supervisor_gives_it_and_the_queue_shows_whose_it_is() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut ids = Vec::new();
        for passport in ["FA0800001", "FA0800002"] {
            let (status, submitted) = app
                .call(
                    "POST",
                    "/api/v1/applications",
                    Some("demo-portal"),
                    Some(super::portal_trp(passport)),
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{submitted}");
            ids.push(submitted["id"].as_i64().unwrap());
        }
        let mut officer = Browser::default();
        officer.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        let case = format!("/officer/cases/{}", ids[0]);
        let (_, html, _) = officer.send(&app, "GET", &case, &[]).await;
        assert!(html.contains("Take this case"), "{html}");
        let csrf = officer.csrf();
        let (status, _, location) = officer
            .send(
                &app,
                "POST",
                &format!("{case}/assignment"),
                &[("csrf", &csrf), ("assignee", "officer.almaty")],
            )
            .await;
        assert_eq!(
            (status, location),
            (StatusCode::SEE_OTHER, format!("{case}?done=assigned"))
        );
        // "Assigned to me" lists that case only; the queue names the officer.
        let (_, mine, _) = officer.send(&app, "GET", "/officer?mine=1", &[]).await;
        assert_eq!(mine.matches("<a href=\"/officer/cases/").count(), 1, "{mine}");
        assert!(mine.contains("officer.almaty"));
        // An officer does not give a case to another; a supervisor does, only to an officer of the region.
        let (status, _, _) = officer
            .send(
                &app,
                "POST",
                &format!("{case}/assignment"),
                &[("csrf", &csrf), ("assignee", "supervisor.almaty")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let mut supervisor = Browser::default();
        supervisor.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
        supervisor
            .sign_in(&app, "supervisor.almaty", "demo-supervisor-almaty")
            .await;
        let (_, html, _) = supervisor.send(&app, "GET", &case, &[]).await;
        assert!(
            html.contains("<option value=\"officer.almaty\" translate=\"no\" selected"),
            "{html}"
        );
        let csrf = supervisor.csrf();
        let (status, _, _) = supervisor
            .send(
                &app,
                "POST",
                &format!("{case}/assignment"),
                &[("csrf", &csrf), ("assignee", "officer.astana")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "another region's officer");
        let (status, _, _) = supervisor
            .send(
                &app,
                "POST",
                &format!("{case}/assignment"),
                &[("csrf", &csrf), ("assignee", "")],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let stored = app.state.store.case(ids[0]).await.unwrap().unwrap();
        assert_eq!(stored.assignee, None);
        let (_, mine, _) = officer.send(&app, "GET", "/officer?mine=1", &[]).await;
        assert_eq!(mine.matches("<a href=\"/officer/cases/").count(), 0);
        // Both changes are in the audit log, by whom.
        let entries = app
            .state
            .store
            .audit_search(&ruqsat_store::AuditFilter::default(), None, 100)
            .await
            .unwrap();
        let assignments: Vec<_> = entries.iter().filter(|entry| entry.action == "assign").collect();
        assert_eq!(assignments.len(), 2, "{assignments:?}");
        assert!(
            assignments
                .iter()
                .any(|entry| entry.actor == "supervisor.almaty" && entry.detail == "unassigned")
        );
    }
}
