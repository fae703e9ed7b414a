//! The applicant's electronic signature on a portal application: refused when missing or bad,
//! kept with the case when valid (a test authority made here; `support::test_signatures`).

use axum::http::StatusCode;
use base64::Engine as _;
use chrono::{Duration, TimeZone as _, Utc};
use ruqsat_documents::esign::{self, DemoSigner, TrustStore};
use ruqsat_store::testing::backends;
use serde_json::{Value, json};

use crate::support::TestApp;

fn signed_by(signer: &DemoSigner, application: &Value) -> String {
    let der = signer
        .sign(
            &esign::canonical(application),
            Utc.with_ymd_and_hms(2025, 3, 20, 5, 0, 0).unwrap(),
        )
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(der)
}

async fn refused(app: &TestApp, body: Value) -> String {
    let (status, answer) = app
        .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["field"], "signature", "{answer}");
    answer["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_portal_application_without_a_valid_signature_is_refused_naming_the_field() {
    let now = Utc.with_ymd_and_hms(2025, 3, 20, 5, 15, 0).unwrap();
    let stranger_authority = esign::create_authority("SOME OTHER CA", now - Duration::days(30), 5).unwrap();
    let stranger =
        esign::issue_person(&stranger_authority, "TESTOV DEMO", None, 9, now - Duration::days(30), 1).unwrap();
    let stranger = DemoSigner::from_pem(&stranger, &stranger_authority.certificate).unwrap();
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut body = ruqsat_cases::testing::portal_trp("FA0000701");
        body["signature"] = Value::Null;
        assert!(refused(&app, body.clone()).await.starts_with("required"));

        body["signature"] = json!("%%% not base64");
        assert!(refused(&app, body.clone()).await.contains("not base64"));
        body["signature"] = json!(base64::engine::general_purpose::STANDARD.encode(b"just some bytes"));
        assert!(refused(&app, body.clone()).await.contains("not a CMS"));
        body["signature"] = json!(7);
        assert!(refused(&app, body.clone()).await.contains("must be a string"));

        // Signed by a key whose authority this installation does not trust.
        body["signature"] = json!(signed_by(&stranger, &body["application"]));
        assert!(refused(&app, body.clone()).await.contains("not trusted"));

        // Signed, then changed: the surname is not what the applicant signed.
        let signer = ruqsat_cases::testing::signatures().demo.unwrap();
        body["signature"] = json!(signed_by(&signer, &body["application"]));
        body["application"]["applicant"]["surname"] = json!("OTHERNAME");
        assert!(refused(&app, body.clone()).await.contains("not over this application"));

        // Nothing was stored.
        let open = ruqsat_domain::case::CaseState::open_codes();
        let stored = app
            .state
            .store
            .open_case_of_passport("trp", "FA0000701", &open)
            .await
            .unwrap();
        assert!(stored.is_none(), "{stored:?}");
    }
}

#[tokio::test]
async fn a_signed_portal_application_keeps_its_signature_and_certificate_with_the_case() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut body = ruqsat_cases::testing::portal_trp("FA0000702");
        // Reordered keys and spacing are the same canonical application.
        let signer = ruqsat_cases::testing::signatures().demo.unwrap();
        body["signature"] = json!(signed_by(&signer, &body["application"]));
        let (status, answer) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-portal"),
                Some(body.clone()),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        let id = answer["id"].as_i64().unwrap();
        let stored = app.state.store.application_signature(id).await.unwrap().unwrap();
        let evidence: esign::Evidence = serde_json::from_str(&stored.evidence).unwrap();
        assert!(
            evidence.signer.contains(ruqsat_cases::demo::DEMO_SIGNER),
            "{evidence:?}"
        );
        assert!(evidence.certificate.contains("BEGIN CERTIFICATE"));
        assert_eq!(evidence.chain.len(), 2);
        assert_eq!(
            stored.content.as_bytes(),
            esign::canonical(&body["application"]).as_slice()
        );
        // The evidence stands alone: the stored signature verifies the stored content again.
        let trust: &TrustStore = app.state.signatures.trust.as_ref().unwrap();
        let der = base64::engine::general_purpose::STANDARD
            .decode(&stored.signature)
            .unwrap();
        assert_eq!(
            trust
                .verify(stored.content.as_bytes(), &der, (app.state.clock)())
                .unwrap(),
            evidence
        );

        // The officer sees who signed on the case.
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
        assert_eq!(view["signature"]["signer"], evidence.signer, "{view}");
        let mut officer = crate::pages::Browser::default();
        officer.sign_in(&app, "officer.almaty", "demo-officer-almaty").await;
        let (status, html, _) = officer.send(&app, "GET", &format!("/officer/cases/{id}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(ruqsat_cases::demo::DEMO_SIGNER),
            "the case page names the signer"
        );

        // The desk's application has no applicant's electronic signature, and needs none.
        let (status, desk) = app
            .call(
                "POST",
                "/api/v1/applications",
                Some("demo-officer-almaty"),
                Some(ruqsat_cases::testing::desk_trp("FA0000703")),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{desk}");
        let desk_id = desk["id"].as_i64().unwrap();
        assert!(app.state.store.application_signature(desk_id).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_real_authoritys_signature_must_be_the_applicants_own_by_iin() {
    let now = Utc.with_ymd_and_hms(2025, 3, 20, 5, 15, 0).unwrap();
    let authority = esign::create_authority("TEST NATIONAL CA", now - Duration::days(30), 5).unwrap();
    let person = esign::issue_person(
        &authority,
        "TESTOV DEMO",
        Some("900501300001"),
        77,
        now - Duration::days(30),
        1,
    )
    .unwrap();
    let signer = DemoSigner::from_pem(&person, &authority.certificate).unwrap();
    for store in backends().await {
        let mut app = TestApp::new(store).await;
        // An installation trusting a national authority: every certificate names its IIN.
        app.state.signatures = std::sync::Arc::new(ruqsat_cases::Signatures {
            trust: Some(TrustStore::new(&authority.certificate).unwrap()),
            demo: None,
            without_iin: false,
        });
        let mut body = ruqsat_cases::testing::portal_trp("FA0000704");
        for iin in [Value::Null, json!("880101300002")] {
            body["application"]["applicant"]["iin"] = iin;
            body["signature"] = json!(signed_by(&signer, &body["application"]));
            assert!(refused(&app, body.clone()).await.contains("not the applicant's"));
        }
        body["application"]["applicant"]["iin"] = json!("900501300001");
        body["signature"] = json!(signed_by(&signer, &body["application"]));
        let (status, answer) = app
            .call("POST", "/api/v1/applications", Some("demo-portal"), Some(body), None)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        // A certificate without an IIN is not a person's of this authority.
        let nameless = esign::issue_person(&authority, "NO IIN", None, 78, now - Duration::days(30), 1).unwrap();
        let nameless = DemoSigner::from_pem(&nameless, &authority.certificate).unwrap();
        let mut body = ruqsat_cases::testing::portal_trp("FA0000705");
        body["signature"] = json!(signed_by(&nameless, &body["application"]));
        assert!(refused(&app, body).await.contains("not the applicant's"));
    }
}
