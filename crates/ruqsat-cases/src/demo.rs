//! Demo data for `ruqsat serve --demo`: demo accounts with printed tokens, and a few dozen fake
//! cases (obviously fake people) in the states a case goes through.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use ruqsat_domain::decision::Outcome;
use ruqsat_store::{SessionKind, StaffRow};
use serde_json::{Value, json};

use crate::CaseError;
use crate::Service;
use crate::actors::{Caller, Role, token_digest};
use crate::worker::drain;
use crate::workflow::{self, OfficerDecision};

/// A demo account: login, name, role code, region, token.
pub const ACCOUNTS: [(&str, &str, &str, Option<&str>, &str); 9] = [
    (
        "officer.almaty",
        "Demo Officer (Almaty)",
        "officer",
        Some("almaty"),
        "demo-officer-almaty",
    ),
    (
        "officer.astana",
        "Demo Officer (Astana)",
        "officer",
        Some("astana"),
        "demo-officer-astana",
    ),
    (
        "supervisor.almaty",
        "Demo Supervisor (Almaty)",
        "supervisor",
        Some("almaty"),
        "demo-supervisor-almaty",
    ),
    (
        "operator.sc",
        "Demo State Corporation Operator",
        "operator",
        None,
        "demo-operator",
    ),
    ("auditor", "Demo Auditor", "auditor", None, "demo-auditor"),
    ("admin", "Demo Administrator", "administrator", None, "demo-admin"),
    (
        "portal",
        "e-gov portal (integration)",
        "integration:portal",
        None,
        "demo-portal",
    ),
    (
        "sc-system",
        "State Corporation IS (integration)",
        "integration:state_corporation",
        None,
        "demo-sc-system",
    ),
    (
        "border-feed",
        "Border service (crossings feed)",
        "integration:border",
        None,
        "demo-border",
    ),
];

/// How long the demo tokens last (each start of `serve --demo` issues them again).
pub const DEMO_TOKEN_DAYS: i64 = 366;

/// Creates the demo accounts and issues their printed tokens (sessions that end after
/// [`DEMO_TOKEN_DAYS`]; a real installation has no such tokens: people sign in, integrations get
/// tokens from an administrator).
pub async fn accounts(state: &Service) -> Result<(), CaseError> {
    let now = (state.clock)();
    for (login, name, role, region, token) in ACCOUNTS {
        let account = StaffRow {
            id: 0,
            login: login.into(),
            name: name.into(),
            role: role.into(),
            region: region.map(str::to_owned),
        };
        let id = state.store.put_staff(&account, now).await?;
        let kind = if role.starts_with("integration:") {
            SessionKind::Integration
        } else {
            // Demo only: the password is the same as the token.
            state
                .store
                .set_password_hash(login, &crate::accounts::new_password_hash(token).await?, None)
                .await?;
            SessionKind::Session
        };
        state
            .store
            .create_session(
                &token_digest(token),
                id,
                (kind, Some("demo token")),
                now,
                now + Duration::days(DEMO_TOKEN_DAYS),
            )
            .await?;
    }
    Ok(())
}

fn caller(login: &str) -> Caller {
    let (login, _, role, region, _) = ACCOUNTS
        .iter()
        .copied()
        .find(|account| account.0 == login)
        .expect("invariant: a demo login");
    Caller {
        login: login.into(),
        role: Role::parse(role).expect("invariant: demo roles parse"),
        region: region.map(|code| code.parse().expect("invariant: demo regions parse")),
    }
}

/// A fake TRP application for labour submitted at `at` through `channel`.
pub fn trp_application(index: usize, at: DateTime<FixedOffset>, channel: &str, passport: &str) -> Value {
    let today = at.date_naive();
    let from = today + Duration::days(10);
    let to = from + Duration::days(364);
    json!({
        "service": "trp", "subtype": "labour", "channel": channel,
        "submitted_at": at.to_rfc3339(),
        "applicant": {
            "surname": format!("TESTOV{index}"), "given_name": "DEMO", "birth_date": "1990-05-01", "sex": "male",
            "citizenship": "UZB", "passport": {"number": passport, "issued_on": "2020-01-01", "expires_on": "2030-01-01"}
        },
        "host": {"kind": "legal_entity", "bin": "200140000014", "owns_housing": true, "name": "EXAMPLE TRADING LLP"},
        "requested_period": {"from": from.to_string(), "to": to.to_string()},
        "contract_ends_on": to.to_string(),
        "documents": [
            {"type": "application_form"}, {"type": "identity_document"}, {"type": "medical_insurance"},
            {"type": "fingerprint_certificate"}, {"type": "foreign_labour_permit", "valid_until": to.to_string()}
        ],
        "consent_to_restricted_data": true,
        "liability_warning_signed": true,
        "mobile_phone": format!("+7 700 000 {index:04}"),
        "email": format!("test.applicant{index}@example.invalid"),
        "language": (["kk", "ru", "en"][index % 3])
    })
}

/// A fake PRP application submitted at `at` at the State Corporation.
pub fn prp_application(index: usize, at: DateTime<FixedOffset>, passport: &str) -> Value {
    let today = at.date_naive();
    let recent = (today - Duration::days(20)).to_string();
    json!({
        "service": "prp", "channel": "state_corporation",
        "submitted_at": at.to_rfc3339(),
        "applicant": {
            "surname": format!("EXAMPLOVA{index}"), "given_name": "TESTA", "birth_date": "1985-07-15", "sex": "female",
            "citizenship": "TJK", "passport": {"number": passport, "issued_on": "2022-06-01", "expires_on": "2032-06-01"},
            "categories": ["confirms_solvency"]
        },
        "documents": [
            {"type": "prp_application_form"}, {"type": "passport"}, {"type": "solvency_proof", "issued_on": recent},
            {"type": "criminal_record_certificate", "issued_on": recent}, {"type": "housing_contract"},
            {"type": "medical_certificate_028", "issued_on": recent}, {"type": "photo"}, {"type": "state_duty_receipt"},
            {"type": "fingerprint_certificate"}
        ]
    })
}

/// The latest instant at or before `at` (Kazakhstan time) at which `channel` takes applications
/// (`acc.hours`): the demo's fake people come when the office is open.
pub fn open_at(state: &Service, channel: &str, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let channel: ruqsat_domain::codes::Channel = channel.parse().unwrap_or(ruqsat_domain::codes::Channel::Portal);
    let mut candidate = at;
    // Half-hour steps back: at most a long holiday away (two weeks).
    for _ in 0..(14 * 48) {
        // The hours in force on the day (dated parameters); a day without terms counts as open.
        let open = state
            .law
            .parameters()
            .terms_on(candidate.date_naive())
            .map_or(Ok(true), |terms| {
                ruqsat_domain::decide::within_hours(
                    state.law.calendar(),
                    &terms.hours,
                    channel,
                    false,
                    candidate.naive_local(),
                )
            })
            .unwrap_or(true);
        if open {
            return candidate;
        }
        candidate -= Duration::minutes(30);
    }
    at
}

async fn submit(state: &Service, by: &str, region: &str, application: Value) -> Result<i64, CaseError> {
    // The demo's cases are spread over the past weeks: their intake times are earlier than the
    // clock, which an integration may send only with a reason (audited).
    let mut body = json!({
        "region": region,
        "application": application,
        "late_reason": "demo data: a fake case dated in the past",
    });
    if by == "portal"
        && let Some(signature) = workflow::demo_signature(state, &body["application"])?
    {
        body["signature"] = json!(signature);
    }
    let body = body.to_string();
    let (case, _) = workflow::intake(state, &caller(by), body.as_bytes(), None).await?;
    Ok(case.id)
}

/// Seeds fake cases in various states; returns how many.
pub async fn seed(state: &Service) -> Result<usize, CaseError> {
    let now = (state.clock)();
    let mut ids = Vec::new();
    // TRPs at the desk and on the portal, today and in the past days, in two regions.
    for index in 0..24 {
        let at = now - Duration::hours(3 * index as i64);
        let (by, channel, region) = match index % 4 {
            0 => ("officer.almaty", "desk", "almaty"),
            1 => ("portal", "portal", "almaty"),
            2 => ("officer.astana", "desk", "astana"),
            _ => ("sc-system", "state_corporation", "almaty"),
        };
        let passport = match index {
            5 => "FAWANTED05".to_owned(),
            9 => "FANOFP0009".to_owned(),
            _ => format!("FA{index:07}"),
        };
        ids.push(
            submit(
                state,
                by,
                region,
                trp_application(index, open_at(state, channel, state.law.local(at)), channel, &passport),
            )
            .await?,
        );
    }
    // An incomplete package: not accepted.
    let mut incomplete = trp_application(90, state.law.local(now), "portal", "FA0000090");
    incomplete["documents"] = json!([{"type": "application_form"}]);
    submit(state, "portal", "almaty", incomplete).await?;
    // PRPs submitted two weeks ago (their 45-day term stays within the published calendar).
    for index in 0..6 {
        let at = now - Duration::days(14) - Duration::hours(index as i64);
        let passport = if index == 3 {
            "TJEXPEL0003".to_owned()
        } else {
            format!("TJ{index:07}")
        };
        ids.push(
            submit(
                state,
                "sc-system",
                "almaty",
                prp_application(
                    index,
                    open_at(state, "state_corporation", state.law.local(at)),
                    &passport,
                ),
            )
            .await?,
        );
    }
    drain(state).await;
    // Move some cases on: decided, heard, signed, delivered, handed over.
    let mut signed = 0;
    for (position, id) in ids.iter().enumerate() {
        let Some(case) = state.store.case(*id).await? else {
            continue;
        };
        if case.state != ruqsat_domain::case::CaseState::Proposed || position % 3 == 2 {
            continue;
        }
        let proposal: Value = serde_json::from_str(case.proposal.as_deref().unwrap_or("{}")).unwrap_or(Value::Null);
        let officer = if case.region == ruqsat_domain::codes::Region::Astana {
            "officer.astana"
        } else {
            "officer.almaty"
        };
        let refuse = proposal["outcome"] != "issue";
        let decision = OfficerDecision {
            outcome: if refuse { Outcome::Refuse } else { Outcome::Issue },
            reason: refuse.then(|| "The registry facts are confirmed by the case materials.".to_owned()),
            findings: Vec::new(),
            answer: None,
        };
        let case = match workflow::decide_case(state, &caller(officer), *id, decision).await {
            Ok(case) => case,
            Err(error) => {
                tracing::warn!(case_id = id, error = %error, "demo: the case is left for an officer");
                continue;
            }
        };
        // The first refusals of Almaty go through the whole hearing: the applicant objects, the
        // officer answers and refuses, the supervisor signs; the others wait in the hearing.
        if refuse
            && case.region == ruqsat_domain::codes::Region::Almaty
            && case.state == ruqsat_domain::case::CaseState::Hearing
            && signed < 2
        {
            crate::procedure::object(
                state,
                crate::procedure::ObjectionBy::Applicant,
                *id,
                "I do not agree: the registry record is about another person with a similar name.",
                Vec::new(),
            )
            .await?;
            let answer = OfficerDecision {
                outcome: Outcome::Refuse,
                reason: Some("The registry facts are confirmed by the case materials.".to_owned()),
                findings: Vec::new(),
                answer: Some(
                    "The record matches the applicant's passport number and date of birth, not only the name."
                        .to_owned(),
                ),
            };
            workflow::decide_case(state, &caller(officer), *id, answer).await?;
            workflow::sign(state, &caller("supervisor.almaty"), *id, true, None).await?;
            signed += 1;
        }
        if position % 2 == 0 && case.channel == ruqsat_domain::codes::Channel::Desk && !refuse {
            workflow::deliver(state, &caller(officer), *id).await?;
            workflow::hand_over(state, &caller(officer), *id, workflow::Identity::Document(true)).await?;
        }
    }
    let mut holders = 0;
    // Passports the simulator (its default seed) finds clean: TJABSENT003 has an offence.
    for (number, passport, language) in [
        (1, "TJABSENT001", "ru"),
        (2, "TJABSENT002", "kk"),
        (3, "TJABSENT004", "en"),
    ] {
        holders += usize::from(seed_absent_holder(state, number, passport, language).await?);
    }
    seed_queue(state).await?;
    Ok(ids.len() + 1 + holders)
}

/// Three PRP receptions booked at the first free times of a State Corporation department in
/// Almaty, so that its day's queue is not empty (fake documents, no contact).
async fn seed_queue(state: &Service) -> Result<(), CaseError> {
    let Some(office) = state.offices.get("sc-almaty-1").cloned() else {
        return Ok(());
    };
    for day in crate::queue::open_days(state, &office) {
        let slots = crate::queue::free_slots(state, &office, day).await?;
        let Some(slot) = slots.iter().find(|slot| slot.free >= 3) else {
            continue;
        };
        for index in 1..=3 {
            let request = crate::queue::BookingRequest {
                purpose: "prp_reception".into(),
                office: office.code.clone(),
                day: day.to_string(),
                slot: slot.start.format("%H:%M").to_string(),
                document: format!("FAQUEUE0{index}"),
                ..crate::queue::BookingRequest::default()
            };
            crate::queue::book(state, &request).await?;
        }
        return Ok(());
    }
    Ok(())
}

/// A PRP holder whose permit was issued about 400 days ago and who left two days later and has
/// not come back: the sweep run here makes them an art49.15 revocation candidate, shown on the
/// officer's revocations page. Three of them (`demo-absent-1`..`3`, questionnaires in Russian,
/// Kazakh and English), one for each language of the revocation's journey. Returns whether it
/// was seeded.
async fn seed_absent_holder(state: &Service, number: usize, passport: &str, language: &str) -> Result<bool, CaseError> {
    let now = (state.clock)();
    let then = now - Duration::days(400);
    // The same service, with its clock 400 days back, takes and decides the application.
    let mut past = state.clone();
    past.clock = std::sync::Arc::new(move || then);
    let mut application = prp_application(
        100 - number,
        open_at(state, "state_corporation", state.law.local(then)),
        passport,
    );
    application["language"] = json!(language);
    let id = match submit(&past, "sc-system", "almaty", application).await {
        Ok(id) => id,
        Err(error) => {
            // Before the edition in force (a clock far in the past): no such holder then.
            tracing::warn!(error = %error, "demo: no absent holder");
            return Ok(false);
        }
    };
    drain(&past).await;
    let decision = OfficerDecision {
        outcome: Outcome::Issue,
        reason: None,
        findings: Vec::new(),
        answer: None,
    };
    if let Err(error) = workflow::decide_case(&past, &caller("officer.almaty"), id, decision).await {
        tracing::warn!(case_id = id, error = %error, "demo: the absent holder was not issued");
        return Ok(false);
    }
    let left_on = state.law.local_date(then) + Duration::days(2);
    let exit = ruqsat_store::CrossingRow {
        crossing_id: format!("demo-absent-{number}"),
        iin: None,
        passport: Some(passport.to_owned()),
        direction: "exit".into(),
        at: format!("{left_on}T09:40:00"),
        checkpoint: Some("Almaty airport".into()),
    };
    state.store.add_crossings(&[exit], now).await?;
    crate::monitoring::sweep(&state.law, &state.store, state.law.local_date(now)).await?;
    Ok(true)
}

/// The name in the demo applicant's signing certificate.
pub const DEMO_SIGNER: &str = "DEMO APPLICANT (specimen key)";

/// A demo certification authority and the demo applicant's signing key, made at `from` (valid a
/// year before it and three after): the certificates and keys (PEM) of `ruqsat serve --demo` and
/// of the tests.
pub fn signature_keys(
    from: DateTime<Utc>,
) -> Result<(ruqsat_documents::esign::Issued, ruqsat_documents::esign::Issued), CaseError> {
    use ruqsat_documents::esign;
    let start = from - Duration::days(366);
    let made = |error: esign::SignatureError| CaseError::invalid("signature", error.to_string());
    let authority = esign::create_authority("DEMO ROOT CA (not the national one)", start, 5).map_err(made)?;
    let person = esign::issue_person(&authority, DEMO_SIGNER, None, 1, start, 4).map_err(made)?;
    Ok((authority, person))
}

/// The signatures of a demo installation: its authority is the only trust anchor, and the demo
/// applicant's key signs for the demo portal.
pub fn signatures(
    authority: &ruqsat_documents::esign::Issued,
    person: &ruqsat_documents::esign::Issued,
) -> Result<crate::Signatures, CaseError> {
    use ruqsat_documents::esign;
    let made = |error: esign::SignatureError| CaseError::invalid("signature", error.to_string());
    Ok(crate::Signatures {
        trust: Some(esign::TrustStore::new(&authority.certificate).map_err(made)?),
        demo: Some(esign::DemoSigner::from_pem(person, &authority.certificate).map_err(made)?),
        // The demo applicant signs for every fake applicant: its certificate names no IIN.
        without_iin: true,
    })
}
