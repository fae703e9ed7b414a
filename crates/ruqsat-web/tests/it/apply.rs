//! The portal's application in steps: a draft on the server, every error of a step at once in
//! the reader's language, family members added and removed, files uploaded and checked, the
//! submission once (POST-redirect-GET), a duplicate caught, a draft resumed by its reference.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use ruqsat_store::testing::backends;
use ruqsat_web::router;
use tower::ServiceExt;

use super::pages::Browser;
use super::support::TestApp;

/// A real PDF written by Ghostscript (the uploads' own fixture).
const LETTER: &[u8] = include_bytes!("../../src/uploads/fixtures/letter-ghostscript.pdf");

/// Sends the portal's documents step as a browser does.
async fn send_files(
    app: &TestApp,
    browser: &mut Browser,
    files: &[(&str, &str, &[u8])],
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    send_files_to(app, browser, "/portal/apply/documents", files, fields).await
}

/// Sends a documents step as a browser does: `multipart/form-data`, the token in the address;
/// returns the status and where it redirects to (or the page's text).
pub(super) async fn send_files_to(
    app: &TestApp,
    browser: &mut Browser,
    path: &str,
    files: &[(&str, &str, &[u8])],
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let boundary = "----ruqsat-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (name, file_name, content) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let cookie = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::builder()
        .method("POST")
        .uri(format!("{path}?csrf={}", browser.csrf()))
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let response = router(app.state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = to_bytes(response.into_body(), 1_000_000).await.unwrap();
    // A redirect: where to; a page: its text.
    if location.is_empty() {
        (status, String::from_utf8_lossy(&body).into_owned())
    } else {
        (status, location)
    }
}

/// Where the draft with `reference` is kept (the digest of the reference, as the portal keeps it).
fn draft_key(reference: &str) -> String {
    ruqsat_web::auth::token_digest(&format!("draft:{reference}"))
}

/// The texts of the error summary's items.
fn summary(html: &str) -> Vec<String> {
    let Some((_, rest)) = html.split_once("class=\"error-summary\"") else {
        return Vec::new();
    };
    let block = rest.split("</div>").next().unwrap_or_default();
    block
        .split("<li>")
        .skip(1)
        .map(|item| {
            let item = item.split("</li>").next().unwrap_or_default();
            let mut text = String::new();
            let mut inside = false;
            for letter in item.chars() {
                match letter {
                    '<' => inside = true,
                    '>' => inside = false,
                    _ if !inside => text.push(letter),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

async fn post(app: &TestApp, browser: &mut Browser, step: &str, fields: &[(&str, &str)]) -> String {
    let csrf = browser.csrf();
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let (status, _, location) = browser.send(app, "POST", &format!("/portal/apply/{step}"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "POST {step}: every POST redirects");
    location
}

const ABOUT: [(&str, &str); 14] = [
    ("subtype", "labour"),
    ("region", "almaty"),
    ("applicant.surname", "TESTOVA"),
    ("applicant.given_name", "STEPANIDA"),
    ("applicant.birth_date", "1990-04-01"),
    ("applicant.sex", "female"),
    ("applicant.citizenship", "UZB"),
    ("applicant.passport.number", "FS0000001"),
    ("applicant.passport.issued_on", "2020-01-10"),
    ("applicant.passport.expires_on", "2030-01-09"),
    ("mobile_phone", "%2B998 90 000 0000"),
    ("email", "stepanida@example.test"),
    ("language", "en"),
    ("action", "next"),
];

#[tokio::test]
async fn an_application_in_steps_reports_every_error_at_once_keeps_every_answer_and_is_submitted_once() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut applicant = Browser::default();
        applicant.cookies.push(("lang".into(), "ru".into()));
        applicant.send(&app, "GET", "/portal", &[]).await;
        let csrf = applicant.csrf();
        let (status, _, location) = applicant
            .send(
                &app,
                "POST",
                "/portal/apply/start",
                &[("csrf", &csrf), ("subtype", "labour")],
            )
            .await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/portal/apply/about")
        );
        let reference = applicant
            .cookies
            .iter()
            .find(|(name, _)| name == "ruqsat_draft")
            .map(|(_, value)| value.clone())
            .expect("the draft's reference is kept in a cookie");
        assert_eq!(reference.len(), 19, "{reference}");

        // Every implausible value of the first step, in one submission: every error at once,
        // in Russian, next to its field; what was typed stays.
        let location = post(
            &app,
            &mut applicant,
            "about",
            &[
                ("subtype", "labour"),
                ("applicant.surname", "TESTOVA"),
                ("applicant.given_name", ""),
                ("applicant.birth_date", "2030-01-01"),
                ("applicant.sex", "female"),
                ("applicant.citizenship", "ZZZ"),
                ("applicant.passport.number", "FS-0000001"),
                ("applicant.passport.issued_on", "2025-04-20"),
                ("applicant.passport.expires_on", "2025-04-20"),
                ("mobile_phone", "abc"),
                ("email", "name@nowhere"),
                ("action", "next"),
            ],
        )
        .await;
        assert_eq!(
            location, "/portal/apply/about#problems",
            "an error keeps the applicant on the step"
        );
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/about", &[]).await;
        let errors = summary(&html);
        for expected in [
            "Регион",
            "Имя",
            "Эта дата ещё не наступила",
            "Выберите страну из списка",
            "латинских букв или цифр",
            "Дата окончания срока действия должна быть позже даты выдачи",
            "международном формате",
            "Адрес электронной почты",
        ] {
            assert!(
                errors.iter().any(|error| error.contains(expected)),
                "{expected:?} not in {errors:#?}"
            );
        }
        assert!(errors.len() >= 9, "{errors:#?}");
        assert!(html.contains(r#"value="abc""#), "what was typed is kept");
        assert!(html.contains(&reference), "the reference is shown on every step");
        // The passport's issue date is in the future: said, not taken for a case.
        assert!(
            errors
                .iter()
                .any(|error| error.contains("Дата выдачи") || error.contains("выдачи"))
        );

        // A person born in 1890: more than 120 years old.
        let mut old = ABOUT.to_vec();
        old[4] = ("applicant.birth_date", "1890-04-01");
        post(&app, &mut applicant, "about", &old).await;
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/about", &[]).await;
        assert!(
            summary(&html).iter().any(|error| error.contains("120")),
            "{:?}",
            summary(&html)
        );

        // Corrected: the next step.
        assert_eq!(
            post(&app, &mut applicant, "about", &ABOUT).await,
            "/portal/apply/family"
        );

        // Two family members added, the first removed: the second moves up with its answers.
        post(&app, &mut applicant, "family", &[("action", "add_member")]).await;
        post(
            &app,
            &mut applicant,
            "family",
            &[("family_members.0.surname", "FIRSTOV"), ("action", "add_member")],
        )
        .await;
        let member = |row: usize, surname: &'static str| -> Vec<(String, String)> {
            [
                ("surname", surname),
                ("given_name", "CHILD"),
                ("birth_date", "2015-06-01"),
                ("sex", "male"),
                ("relation", "child"),
                ("citizenship", "UZB"),
                ("passport.number", "FS0000009"),
                ("passport.issued_on", "2021-01-01"),
                ("passport.expires_on", "2031-01-01"),
            ]
            .iter()
            .map(|(field, value)| (format!("family_members.{row}.{field}"), (*value).to_owned()))
            .collect()
        };
        let mut rows = member(0, "FIRSTOV");
        rows.extend(member(1, "SECONDOV"));
        rows.push(("action".into(), "remove_member:0".into()));
        let fields: Vec<(&str, &str)> = rows
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        post(&app, &mut applicant, "family", &fields).await;
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/family", &[]).await;
        assert!(
            html.contains("SECONDOV") && !html.contains("FIRSTOV"),
            "the second member moved up"
        );
        assert!(!html.contains("name=\"family_members.1.surname\""));
        assert_eq!(
            post(
                &app,
                &mut applicant,
                "family",
                &[("family_members.0.surname", "SECONDOV"), ("action", "next")]
            )
            .await,
            "/portal/apply/family#problems",
            "a member with a name only needs the other answers"
        );
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/family", &[]).await;
        assert!(
            summary(&html).iter().any(|error| error.starts_with("Член семьи 1")),
            "{:?}",
            summary(&html)
        );
        let mut rows = member(0, "SECONDOV");
        rows.push(("action".into(), "next".into()));
        let fields: Vec<(&str, &str)> = rows
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        assert_eq!(
            post(&app, &mut applicant, "family", &fields).await,
            "/portal/apply/stay"
        );

        // The period ends before it starts.
        let stay = |to: &'static str| {
            vec![
                ("requested_period.from", "2025-03-21"),
                ("requested_period.to", to),
                ("contract_ends_on", "2026-03-20"),
                ("host.kind", "legal_entity"),
                ("host.name", "TOO Test Employer"),
                ("host.bin", "200140000014"),
                ("action", "next"),
            ]
        };
        assert_eq!(
            post(&app, &mut applicant, "stay", &stay("2025-03-01")).await,
            "/portal/apply/stay#problems"
        );
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/stay", &[]).await;
        assert!(
            summary(&html).iter().any(|error| error.contains("Конец срока")),
            "{:?}",
            summary(&html)
        );
        post(&app, &mut applicant, "stay", &stay("2026-03-20")).await;

        // Documents: one forged file (a text named .pdf) is refused by name; missing ones are
        // listed by name.
        let (status, location) = send_files(
            &app,
            &mut applicant,
            &[("file.identity_document", "passport.pdf", b"this is not a PDF at all")],
            &[("action", "next")],
        )
        .await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/portal/apply/documents#problems")
        );
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/documents", &[]).await;
        let errors = summary(&html);
        assert!(
            errors
                .iter()
                .any(|error| error.contains("passport.pdf") && error.contains("не файл PDF")),
            "{errors:#?}"
        );
        assert!(
            errors.iter().any(|error| error.contains("Загрузите фотографию")),
            "{errors:#?}"
        );
        // Every document of the list has its file input: upload a real PDF for each.
        let inputs: Vec<String> = html
            .split("name=\"file.")
            .skip(1)
            .filter_map(|rest| rest.split_once('"').map(|(code, _)| format!("file.{code}")))
            .collect();
        assert!(
            inputs.contains(&"file.identity_document".to_owned()) && inputs.contains(&"file.photo".to_owned()),
            "{inputs:?}"
        );
        let files: Vec<(&str, &str, &[u8])> = inputs.iter().map(|name| (name.as_str(), "scan.pdf", LETTER)).collect();
        // Files sent without the form's token (another site's form) are refused before they are read.
        let mut forger = Browser {
            cookies: applicant.cookies.clone(),
            form_csrf: Some("forged-token-forged-token".into()),
            ..Browser::default()
        };
        let (status, _) = send_files(&app, &mut forger, &files, &[("action", "next")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            app.state
                .store
                .draft_documents(&draft_key(&reference))
                .await
                .unwrap()
                .is_empty()
        );
        let (status, location) = send_files(&app, &mut applicant, &files, &[("action", "next")]).await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/portal/apply/check")
        );
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/check", &[]).await;
        assert!(
            html.contains("Узбекистан"),
            "the country by its name in the page's language"
        );
        assert!(summary(&html).is_empty(), "{:?}", summary(&html));

        // The declaration without its ticks: three errors.
        assert_eq!(
            post(&app, &mut applicant, "declaration", &[("action", "submit")]).await,
            "/portal/apply/declaration#problems"
        );
        let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/declaration", &[]).await;
        assert_eq!(summary(&html).len(), 3, "{:?}", summary(&html));
        let signed = [
            ("consent_to_restricted_data", "true"),
            ("liability_warning_signed", "true"),
            ("sign", "true"),
            ("action", "submit"),
        ];
        assert_eq!(
            post(&app, &mut applicant, "declaration", &signed).await,
            "/portal/apply/done"
        );
        let (status, receipt, _) = applicant.send(&app, "GET", "/portal/apply/done", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let number = receipt
            .split("id=\"case-number\">")
            .nth(1)
            .and_then(|rest| rest.split_once('<'))
            .map(|(number, _)| number.to_owned())
            .expect("the receipt shows the number");
        // Reloading the receipt sends nothing again; the draft is closed.
        let (_, again, _) = applicant.send(&app, "GET", "/portal/apply/done", &[]).await;
        assert!(again.contains(&number));
        assert_eq!(
            post(&app, &mut applicant, "declaration", &signed).await,
            "/portal/apply/done"
        );
        let case = app
            .state
            .store
            .case_by_number(&number)
            .await
            .unwrap()
            .expect("the case");
        let application: serde_json::Value = serde_json::from_str(&case.application).unwrap();
        assert_eq!(application["family_members"].as_array().map(Vec::len), Some(1));
        assert_eq!(application["family_members"][0]["surname"], "SECONDOV");
        assert_eq!(application["mobile_phone"], "+998 90 000 0000");
        let stored = app.state.store.documents(case.id).await.unwrap();
        assert_eq!(stored.len(), inputs.len(), "every file went with the case");
        assert!(stored.iter().any(|document| document.document_type == "photo"));

        // The same passport again, while the first case is open: caught on the declaration.
        let mut second = Browser::default();
        second.cookies.push(("lang".into(), "en".into()));
        second.send(&app, "GET", "/portal", &[]).await;
        let csrf = second.csrf();
        second
            .send(
                &app,
                "POST",
                "/portal/apply/start",
                &[("csrf", &csrf), ("subtype", "labour")],
            )
            .await;
        post(&app, &mut second, "about", &ABOUT).await;
        post(&app, &mut second, "stay", &stay("2026-03-20")).await;
        send_files(&app, &mut second, &files, &[("action", "next")]).await;
        assert_eq!(
            post(&app, &mut second, "declaration", &signed).await,
            "/portal/apply/declaration#problems"
        );
        let (_, html, _) = second.send(&app, "GET", "/portal/apply/declaration", &[]).await;
        assert!(
            html.contains(&format!("under way: {number}")),
            "the duplicate names the open case"
        );

        // A closed browser: the draft comes back by its reference, typed loosely.
        let reference = second
            .cookies
            .iter()
            .find(|(name, _)| name == "ruqsat_draft")
            .map(|(_, value)| value.clone())
            .unwrap();
        let mut elsewhere = Browser::default();
        elsewhere.send(&app, "GET", "/portal", &[]).await;
        let csrf = elsewhere.csrf();
        let (status, html, _) = elsewhere
            .send(
                &app,
                "POST",
                "/portal/resume",
                &[("csrf", &csrf), ("reference", "0000-0000-0000-0000")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("error-summary"));
        let typed = reference.replace('-', " ").to_lowercase();
        let (status, _, location) = elsewhere
            .send(
                &app,
                "POST",
                "/portal/resume",
                &[("csrf", &csrf), ("reference", &typed)],
            )
            .await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/portal/apply/check")
        );
        let (_, html, _) = elsewhere.send(&app, "GET", "/portal/apply/about", &[]).await;
        assert!(html.contains("STEPANIDA"), "the answers came back");
    }
}

#[tokio::test]
async fn the_desk_writes_a_prp_in_the_same_steps_with_documents_on_paper_and_scanned() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut officer = Browser::default();
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        officer.send(&app, "GET", "/desk", &[]).await;
        let csrf = officer.csrf();
        let (status, _, location) = officer
            .send(
                &app,
                "POST",
                "/desk/apply/start",
                &[("csrf", &csrf), ("service", "prp")],
            )
            .await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/desk/apply/about")
        );
        let (_, html, _) = officer.send(&app, "GET", "/desk/apply/about", &[]).await;
        assert!(html.contains("applicant.categories"), "a PRP asks for the categories");
        assert!(!html.contains("name=\"region\""), "the officer's region is not asked");
        let desk = |step: &'static str| format!("/desk/apply/{step}");
        let mut about: Vec<(&str, &str)> = ABOUT
            .iter()
            .filter(|(name, _)| !matches!(*name, "subtype" | "region"))
            .copied()
            .collect();
        about.push(("applicant.categories", "ethnic_kazakh"));
        let csrf = officer.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(about);
        let (_, _, location) = officer.send(&app, "POST", &desk("about"), &form).await;
        assert_eq!(location, "/desk/apply/family");
        let (_, _, location) = officer
            .send(
                &app,
                "POST",
                &desk("stay"),
                &[
                    ("csrf", &csrf),
                    ("address_in_kazakhstan.city", "Алматы"),
                    ("action", "next"),
                ],
            )
            .await;
        assert_eq!(
            location, "/desk/apply/documents",
            "a PRP asks for no period and no host"
        );
        // Every document of the list received on paper; the dated ones need their issue date.
        let (_, html, _) = officer.send(&app, "GET", &desk("documents"), &[]).await;
        let papers: Vec<String> = html
            .split("name=\"paper.")
            .skip(1)
            .filter_map(|rest| rest.split_once('"').map(|(code, _)| format!("paper.{code}")))
            .collect();
        assert!(
            papers.contains(&"paper.criminal_record_certificate".to_owned()),
            "{papers:?}"
        );
        let mut fields: Vec<(&str, &str)> = papers.iter().map(|name| (name.as_str(), "true")).collect();
        fields.push(("action", "next"));
        let (_, location) = send_files_to(&app, &mut officer, "/desk/apply/documents", &[], &fields).await;
        assert_eq!(location, "/desk/apply/documents#problems");
        let (_, html, _) = officer.send(&app, "GET", &desk("documents"), &[]).await;
        assert!(
            summary(&html).iter().any(|error| error.contains("Берілген күні")),
            "{:?}",
            summary(&html)
        );
        fields.pop();
        for dated in [
            "issued.criminal_record_certificate",
            "issued.medical_certificate_028",
            "issued.solvency_proof",
        ] {
            fields.push((dated, "2025-03-01"));
        }
        fields.push(("action", "next"));
        let (_, location) = send_files_to(
            &app,
            &mut officer,
            "/desk/apply/documents",
            &[("file.passport", "passport.pdf", LETTER)],
            &fields,
        )
        .await;
        assert_eq!(location, "/desk/apply/check");
        let (_, _, location) = officer
            .send(
                &app,
                "POST",
                &desk("declaration"),
                &[
                    ("csrf", &csrf),
                    ("consent_to_restricted_data", "true"),
                    ("liability_warning_signed", "true"),
                    ("action", "submit"),
                ],
            )
            .await;
        assert_eq!(location, "/desk/apply/done", "the desk needs no electronic signature");
        let (_, receipt, _) = officer.send(&app, "GET", &desk("done"), &[]).await;
        let number = receipt
            .split("id=\"case-number\">")
            .nth(1)
            .and_then(|rest| rest.split_once('<'))
            .map(|(number, _)| number.to_owned())
            .expect("the receipt shows the number");
        let case = app.state.store.case_by_number(&number).await.unwrap().unwrap();
        assert_eq!(case.channel.as_str(), "desk");
        assert_eq!(case.service.as_str(), "prp");
        let application: serde_json::Value = serde_json::from_str(&case.application).unwrap();
        let documents = application["documents"].as_array().unwrap();
        assert!(
            documents
                .iter()
                .any(|document| document["type"] == "criminal_record_certificate"
                    && document["issued_on"] == "2025-03-01")
        );
        assert!(application.get("paper").is_none() && application.get("issued").is_none());
        assert_eq!(
            app.state.store.documents(case.id).await.unwrap().len(),
            1,
            "the scan went with the case"
        );

        // Another officer's draft is not opened with a copied cookie; an auditor has no desk.
        let mut other = Browser::default();
        other.sign_in(&app, "supervisor.almaty", "demo-supervisor-almaty").await;
        other.cookies.extend(
            officer
                .cookies
                .iter()
                .filter(|(name, _)| name == "ruqsat_desk_draft")
                .cloned(),
        );
        let (status, _, _) = other.send(&app, "GET", &desk("about"), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_status_page_explains_a_refusal_to_accept_and_lists_the_notifications_sent() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut late = super::portal_trp("FA0700001");
    late["application"]["stay_permitted_until"] = serde_json::json!("2025-03-01");
    let (status, submitted) = app
        .call("POST", "/api/v1/applications", Some("demo-portal"), Some(late), None)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{submitted}");
    assert_eq!(submitted["state"], "not_accepted");
    let number = submitted["number"].as_str().unwrap().to_owned();
    ruqsat_cases::notify::drain(&app.state).await;
    let mut applicant = Browser::default();
    applicant.send(&app, "GET", "/lang?lang=ru&back=/", &[]).await;
    applicant.send(&app, "GET", "/status", &[]).await;
    let csrf = applicant.csrf();
    let (_, html, _) = applicant
        .send(
            &app,
            "POST",
            "/status",
            &[("csrf", &csrf), ("number", &number), ("document", "FA0700001")],
        )
        .await;
    // The reason in words, then the facts behind it: the day the permitted stay ended.
    assert!(html.contains("class=\"explanation\""), "{html}");
    assert!(
        html.contains("2025-03-01") || html.contains("01.03.2025"),
        "the explanation names the day the stay ended: {}",
        html.split("class=\"explanation\"")
            .nth(1)
            .unwrap_or_default()
            .split("</details>")
            .next()
            .unwrap_or_default()
    );
    // The notifications sent, the recipient masked, the text in the applicant's language.
    assert!(html.contains("Отправленные уведомления"), "{html}");
    assert!(html.contains("SMS на номер *** 00"), "{html}");
    assert!(html.contains("отправлено"), "{html}");
    assert!(!html.contains("700 000 0000"), "the full number is not shown");
}

#[tokio::test]
async fn an_application_not_accepted_is_corrected_and_submitted_again_without_typing_it_anew() {
    let store = ruqsat_store::Store::connect("sqlite::memory:", ruqsat_store::testing::audit_key())
        .await
        .unwrap();
    let app = TestApp::new(store).await;
    let mut applicant = Browser::default();
    applicant.send(&app, "GET", "/lang?lang=en&back=/", &[]).await;
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
    post(&app, &mut applicant, "about", &ABOUT).await;
    // The permitted stay ended before the application: not accepted (acc.late).
    let stay = [
        ("requested_period.from", "2025-03-21"),
        ("requested_period.to", "2026-03-20"),
        ("contract_ends_on", "2026-03-20"),
        ("stay_permitted_until", "2025-03-01"),
        ("host.kind", "legal_entity"),
        ("host.name", "TOO Test Employer"),
        ("host.bin", "200140000014"),
        ("action", "next"),
    ];
    assert_eq!(
        post(&app, &mut applicant, "stay", &stay).await,
        "/portal/apply/documents"
    );
    let (_, html, _) = applicant.send(&app, "GET", "/portal/apply/documents", &[]).await;
    let inputs: Vec<String> = html
        .split("name=\"file.")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(code, _)| format!("file.{code}")))
        .collect();
    let files: Vec<(&str, &str, &[u8])> = inputs.iter().map(|name| (name.as_str(), "scan.pdf", LETTER)).collect();
    send_files(&app, &mut applicant, &files, &[("action", "next")]).await;
    let signed = [
        ("consent_to_restricted_data", "true"),
        ("liability_warning_signed", "true"),
        ("sign", "true"),
        ("action", "submit"),
    ];
    assert_eq!(
        post(&app, &mut applicant, "declaration", &signed).await,
        "/portal/apply/done"
    );
    let (_, receipt, _) = applicant.send(&app, "GET", "/portal/apply/done", &[]).await;
    assert!(receipt.contains("late application"), "{receipt}");
    assert!(receipt.contains("Correct it and submit again"));

    // Again: the answers and the documents are there; the consents are to be given again.
    let csrf = applicant.csrf();
    let (status, _, location) = applicant
        .send(&app, "POST", "/portal/apply/again", &[("csrf", &csrf)])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, "/portal/apply/check")
    );
    let (_, check, _) = applicant.send(&app, "GET", "/portal/apply/check", &[]).await;
    assert!(
        check.contains("STEPANIDA") && check.contains("TOO Test Employer"),
        "{check}"
    );
    assert!(
        summary(&check).is_empty(),
        "nothing to correct but what made it late: {:?}",
        summary(&check)
    );
    assert!(check.matches("<dd>").count() > 10, "every answer is on the check page");
    let (_, stay_page, _) = applicant.send(&app, "GET", "/portal/apply/stay", &[]).await;
    assert!(
        stay_page.contains("value=\"2025-03-01\""),
        "the permitted stay as given"
    );
    let mut corrected = stay.to_vec();
    corrected[3] = ("stay_permitted_until", "");
    assert_eq!(
        post(&app, &mut applicant, "stay", &corrected).await,
        "/portal/apply/documents"
    );
    let (_, declaration, _) = applicant.send(&app, "GET", "/portal/apply/declaration", &[]).await;
    assert!(!declaration.contains("checked"), "the consents are signed again");
    assert_eq!(
        post(&app, &mut applicant, "declaration", &signed).await,
        "/portal/apply/done"
    );
    let (_, receipt, _) = applicant.send(&app, "GET", "/portal/apply/done", &[]).await;
    assert!(receipt.contains("The application is received"), "{receipt}");
    let number = receipt
        .split("id=\"case-number\">")
        .nth(1)
        .and_then(|rest| rest.split_once('<'))
        .map(|(number, _)| number.to_owned())
        .unwrap();
    let case = app.state.store.case_by_number(&number).await.unwrap().unwrap();
    assert_eq!(
        app.state.store.documents(case.id).await.unwrap().len(),
        inputs.len(),
        "the documents came along"
    );
}
