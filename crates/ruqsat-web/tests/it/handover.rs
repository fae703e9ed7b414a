//! Hand-over at the State Corporation on an electronic document of the digital documents service
//! (the applicant's one-time code), or to a representative with a document of authority.

use axum::http::StatusCode;
use ruqsat_store::testing::backends;
use serde_json::{Value, json};

use crate::deliveries::{issuable, issue_and_deliver};
use crate::pages::Browser;
use crate::support::TestApp;

/// The applicant looks the case up and shows their digital document: the code on the page.
async fn code_of(app: &TestApp, number: &str, passport: &str) -> String {
    let mut applicant = Browser::default();
    applicant.send(app, "GET", "/status", &[]).await;
    let csrf = applicant.csrf();
    let (status, html, _) = applicant
        .send(
            app,
            "POST",
            "/status",
            &[("csrf", &csrf), ("number", number), ("document", passport)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("/status/digital-document"),
        "the demo offers the code: {html}"
    );
    let csrf = applicant.csrf();
    let (status, html, _) = applicant
        .send(
            app,
            "POST",
            "/status/digital-document",
            &[("csrf", &csrf), ("number", number), ("document", passport)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let (_, after) = html.split_once("digital-code").expect("the code is shown");
    after.chars().skip_while(|c| !c.is_ascii_digit()).take(6).collect()
}

async fn hand_over(app: &TestApp, id: i64, body: Value) -> (StatusCode, Value) {
    app.call(
        "POST",
        &format!("/api/v1/cases/{id}/handover"),
        Some("demo-operator"),
        Some(body),
        None,
    )
    .await
}

#[tokio::test]
async fn the_operator_hands_over_on_the_applicants_digital_document_or_to_a_representative() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut serial = 500;
        let id = issuable(&app, "demo-sc-system", "state_corporation", &mut serial).await;
        issue_and_deliver(&app, id).await;
        let other = issuable(&app, "demo-sc-system", "state_corporation", &mut serial).await;
        issue_and_deliver(&app, other).await;
        let case = app.state.store.case(id).await.unwrap().unwrap();
        let other_case = app.state.store.case(other).await.unwrap().unwrap();

        // A wrong code, then another person's document, are refused naming the field.
        let (status, answer) = hand_over(
            &app,
            id,
            json!({"identity": "digital_document", "digital_code": "000000"}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["field"], "digital_code");
        let stranger = code_of(&app, &other_case.number, &other_case.passport_number).await;
        let (status, answer) = hand_over(
            &app,
            id,
            json!({"identity": "digital_document", "digital_code": stranger}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert!(
            answer["message"].as_str().unwrap().contains("not the applicant's"),
            "{answer}"
        );

        // The applicant's own code: handed over, the match recorded, the query logged.
        let code = code_of(&app, &case.number, &case.passport_number).await;
        assert_eq!(code.len(), 6, "{code}");
        let (status, answer) = hand_over(&app, id, json!({"identity": "digital_document", "digital_code": code})).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(answer["state"], "handed_over");
        let events = app.state.store.events(id).await.unwrap();
        assert_eq!(
            events.last().unwrap().reason,
            Some(ruqsat_domain::case::EventReason::DigitalDocumentMatched {
                document: case.passport_number.clone()
            })
        );
        let queries = app.state.store.queries(id).await.unwrap();
        let read = queries
            .iter()
            .filter(|query| query.registry == "digital_documents")
            .collect::<Vec<_>>();
        assert_eq!(read.len(), 3, "every reading is logged: {read:?}");
        assert!(
            read.iter()
                .all(|query| query.issue.as_deref() == Some(case.number.as_str())
                    && query.user_id.as_deref() == Some("operator.sc"))
        );
        // The code is used up.
        let (status, _) = hand_over(
            &app,
            other,
            json!({"identity": "digital_document", "digital_code": code}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // A representative needs a document of authority.
        let (status, answer) = hand_over(
            &app,
            other,
            json!({"identity": "representative", "representative": {"name": "TESTOVA SAMPLE", "document": "N0000001", "authority": " "}}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["field"], "representative_authority");
        let (status, answer) = hand_over(
            &app,
            other,
            json!({"identity": "representative", "representative": {"name": "TESTOVA SAMPLE", "document": "N0000001", "authority": "power of attorney 1-23 of 2025-03-01, notary TESTNOTARY"}}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let events = app.state.store.events(other).await.unwrap();
        assert!(matches!(
            &events.last().unwrap().reason,
            Some(ruqsat_domain::case::EventReason::Representative { authority, .. }) if authority.contains("1-23")
        ));
    }
}
