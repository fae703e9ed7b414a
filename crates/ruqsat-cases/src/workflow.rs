//! The case service: intake, the registry checks, the officer's decision, the supervisor's
//! signature, delivery and hand-over. Each step checks the caller, applies one transition of
//! the domain's lifecycle, records who, when and why, and writes the audit log.

use chrono::{DateTime, Datelike, Utc};
use ruqsat_contract::replay::registry_json;
use ruqsat_contract::{DecisionOutput, parse_application};
use ruqsat_domain::application::{Application, Finding};
use ruqsat_domain::case::{CaseAction, CaseState, EventReason};
use ruqsat_domain::codes::{self, Agent, CandidateState, Channel, GroundCode, Region};
use ruqsat_domain::decide::decide;
use ruqsat_domain::decision::{Decision, Outcome};
use ruqsat_i18n::Lang;
use ruqsat_store::{CaseRow, CaseUpdate, Created, IdempotencyKey, NewCase, NewEvent};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::CaseError;
use crate::Service;
use crate::actors::{Caller, Role};
use crate::records::{DECISION_VERSION, Decided, DecisionRecord, PermitRecord};

pub(crate) fn next(case: &CaseRow, action: CaseAction) -> Result<CaseState, CaseError> {
    case.state
        .apply(action)
        .map_err(|error| CaseError::Conflict(error.to_string()))
}

pub(crate) fn application_of(case: &CaseRow) -> Result<Application, CaseError> {
    parse_application(&case.application).map_err(|error| CaseError::unreadable(case.id, "application", error))
}

fn decision_json(decision: &Decision<'_>) -> Result<String, CaseError> {
    Ok(serde_json::to_string(&DecisionOutput::new(decision, Lang::En))
        .expect("invariant: a decision's output is plain data and serializes"))
}

/// Which channel a caller submits through.
fn channel_of(caller: &Caller) -> Result<Channel, CaseError> {
    match caller.role {
        Role::Integration(channel) => Ok(channel),
        Role::Operator => Ok(Channel::StateCorporation),
        Role::Officer | Role::Supervisor => Ok(Channel::Desk),
        Role::Auditor | Role::Administrator | Role::BorderService => {
            Err(CaseError::Forbidden("this role does not take applications".into()))
        }
    }
}

/// Takes an application: judges acceptance with the engine, stores the case durably, and
/// leaves the registry checks to the background worker.
pub async fn intake(
    state: &Service,
    caller: &Caller,
    body: &[u8],
    idempotency_key: Option<&str>,
) -> Result<(CaseRow, Created), CaseError> {
    let request: Value =
        serde_json::from_slice(body).map_err(|error| CaseError::invalid("body", format!("not valid JSON: {error}")))?;
    let channel = channel_of(caller)?;
    let region: Region = match (
        caller.region,
        request
            .get("region")
            .and_then(Value::as_str)
            .map(|region| region.trim().to_lowercase()),
    ) {
        (Some(own), Some(asked)) if own.as_str() != asked => {
            return Err(CaseError::invalid(
                "region",
                format!("an officer of {own} takes applications for {own} only"),
            ));
        }
        (Some(own), _) => own,
        (None, Some(asked)) if let Ok(region) = asked.parse::<Region>() => region,
        (None, Some(asked)) => {
            return Err(CaseError::invalid(
                "region",
                format!(
                    "unknown region {asked:?} (known: {})",
                    Region::ALL.iter().map(Region::as_str).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        (None, _) => {
            return Err(CaseError::invalid(
                "region",
                "required: the region whose police body handles the case",
            ));
        }
    };
    let application_value = request
        .get("application")
        .ok_or_else(|| CaseError::invalid("application", "required"))?;
    if !application_value.is_object() {
        return Err(CaseError::invalid("application", "must be a JSON object"));
    }
    for filled_by_us in ["registry", "findings", "decided_on"] {
        if application_value.get(filled_by_us).is_some() {
            return Err(CaseError::invalid(
                format!("application.{filled_by_us}"),
                "filled in by Ruqsat from the registries and the officer, not by the channel",
            ));
        }
    }
    check_texts(application_value, "application")?;
    let now = (state.clock)();
    let signature = match channel {
        Channel::Portal => Some(verify_signature(state, &request, application_value, now)?),
        Channel::Desk | Channel::StateCorporation => None,
    };
    // The receipt time: stamped by Ruqsat for the desk and the portal; the State Corporation's
    // own intake time is kept, but never one in the future (beyond five minutes of clock skew),
    // and one earlier than [`SUBMITTED_AT_WINDOW`] only with a reason, which the audit keeps (an
    // earlier time can turn a late application into an accepted one).
    let late_reason = request
        .get("late_reason")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|reason| !reason.is_empty());
    if let Some(reason) = late_reason
        && let Some(problem) = ruqsat_domain::text::problem(reason, ruqsat_domain::text::MAX_LINE)
    {
        return Err(CaseError::Invalid {
            field: "late_reason".into(),
            message: problem.message(),
            id: Some(problem.message_id()),
        });
    }
    let mut backdated = None;
    let mut application_value = application_value.clone();
    let stamped = state.law.local(now);
    match channel {
        Channel::Desk | Channel::Portal => {
            application_value["submitted_at"] = Value::String(stamped.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        }
        Channel::StateCorporation => {
            let given = application_value
                .get("submitted_at")
                .and_then(Value::as_str)
                .and_then(|text| DateTime::parse_from_rfc3339(text).ok());
            if given.is_some_and(|given| given.with_timezone(&Utc) > now + chrono::Duration::minutes(5)) {
                return Err(CaseError::invalid("application.submitted_at", "is in the future"));
            }
            if let Some(given) = given
                && given.with_timezone(&Utc) < now - SUBMITTED_AT_WINDOW
            {
                let Some(reason) = late_reason else {
                    return Err(CaseError::invalid(
                        "application.submitted_at",
                        format!(
                            "more than {} minutes before the server's clock: send late_reason (why the intake time is earlier), which is audited",
                            SUBMITTED_AT_WINDOW.num_minutes()
                        ),
                    ));
                };
                backdated = Some(format!("intake time {given} given with the reason: {reason}"));
            }
        }
    }
    let application_json = application_value.to_string();
    let application = parse_application(&application_json)
        .map_err(|error| CaseError::invalid(format!("application.{}", error.field), error.message))?;
    if application.channel != channel {
        return Err(CaseError::invalid(
            "application.channel",
            format!(
                "this caller submits through {channel}, the application says {}",
                application.channel
            ),
        ));
    }
    let decision = decide(&application, &state.law)
        .map_err(|error| CaseError::invalid("application.submitted_at", error.to_string()))?;
    let accepted = decision.outcome != Outcome::NotAccepted;
    let new = NewCase {
        service: application.request.service(),
        channel,
        region,
        state: if accepted {
            CaseState::Accepted
        } else {
            CaseState::NotAccepted
        },
        submitted_at: application.submitted_at.with_timezone(&Utc),
        due_at: decision.due_at.map(|due| due.with_timezone(&Utc)),
        passport_number: application.applicant.passport.number.clone(),
        iin: application.applicant.iin.map(|iin| iin.to_string()),
        application: application_json,
        proposal: Some(decision_json(&decision)?),
        actor: caller.login.clone(),
        notifications: Vec::new(),
        signature,
        reason: EventReason::Submitted {
            channel,
            not_accepted: decision.not_accepted_reasons.clone(),
        },
    };
    // Keys belong to the caller (not to the channel): one office's key never answers another's.
    let key = idempotency_key.map(|key| IdempotencyKey {
        channel: format!("{channel}:{}", caller.login),
        key: key.to_owned(),
        request_digest: Sha256::digest(body).iter().map(|byte| format!("{byte:02x}")).collect(),
    });
    let mut new = new;
    let due_text = decision.due_at.map(|due| due.format("%Y-%m-%d %H:%M").to_string());
    new.notifications = crate::notify::for_state(
        &application,
        ruqsat_store::NUMBER_PLACEHOLDER,
        if accepted {
            CaseState::Accepted
        } else {
            CaseState::NotAccepted
        },
        due_text.as_deref(),
    );
    let now = (state.clock)();
    let (case, created) = state.store.create_case(&new, key.as_ref(), now).await?;
    if created == Created::New {
        if let Some(detail) = &backdated {
            state
                .store
                .audit(&caller.login, "submitted_at_earlier", Some(case.id), detail, now)
                .await?;
        }
        state.work.notify_one();
    }
    Ok((case, created))
}

/// The applicant's electronic signature of a portal application (`signature`: a detached CMS,
/// base64, over the application in canonical JSON), verified against the installation's trust
/// anchors: the evidence kept with the case, or an error naming the field `signature`.
fn verify_signature(
    state: &Service,
    request: &Value,
    application: &Value,
    now: DateTime<Utc>,
) -> Result<ruqsat_store::ApplicationSignature, CaseError> {
    use base64::Engine as _;
    use ruqsat_documents::esign::{self, SignatureError};
    let refused = |error: SignatureError| CaseError::Invalid {
        field: "signature".into(),
        message: error.to_string(),
        id: Some(match error {
            SignatureError::Missing => "signature-missing",
            SignatureError::NotConfigured => "signature-unavailable",
            _ => "signature-invalid",
        }),
    };
    let text = match request.get("signature") {
        None | Some(Value::Null) => return Err(refused(SignatureError::Missing)),
        Some(Value::String(text)) => text.trim(),
        Some(_) => {
            return Err(CaseError::invalid(
                "signature",
                "must be a string (base64 of the CMS signature)",
            ));
        }
    };
    let der = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|error| CaseError::invalid("signature", format!("not base64: {error}")))?;
    let trust = state
        .signatures
        .trust
        .as_ref()
        .ok_or_else(|| refused(SignatureError::NotConfigured))?;
    let content = esign::canonical(application);
    let evidence = trust.verify(&content, &der, now).map_err(refused)?;
    // The signer is the applicant: the national authority names a person by IIN.
    let applicant_iin = application["applicant"]["iin"].as_str().map(str::trim);
    match (evidence.signer_iin.as_deref(), applicant_iin) {
        (Some(signer), Some(applicant)) if signer == applicant => {}
        (None, _) if state.signatures.without_iin => {}
        (signer, _) => {
            return Err(CaseError::refused(
                "signature",
                "signature-not-applicant",
                format!(
                    "the signature is not the applicant's: the certificate names IIN {}, the application {}",
                    signer.unwrap_or("none"),
                    applicant_iin.unwrap_or("none")
                ),
            ));
        }
    }
    Ok(ruqsat_store::ApplicationSignature {
        signature: base64::engine::general_purpose::STANDARD.encode(&der),
        content: String::from_utf8_lossy(&content).into_owned(),
        evidence: serde_json::to_string(&evidence)
            .map_err(|error| CaseError::invalid("signature", error.to_string()))?,
        verified_at: ruqsat_store::timestamp(now),
    })
}

/// The applicant's signature of a case's application as verified at intake, and when; `None`
/// when the application was not signed (the desk's and the State Corporation's).
pub async fn signature_of(
    state: &Service,
    case_id: i64,
) -> Result<Option<(ruqsat_documents::esign::Evidence, String)>, CaseError> {
    let Some(stored) = state.store.application_signature(case_id).await? else {
        return Ok(None);
    };
    let evidence = serde_json::from_str(&stored.evidence)
        .map_err(|error| CaseError::unreadable(case_id, "signature evidence", error))?;
    Ok(Some((evidence, stored.verified_at)))
}

/// Signs a portal application with the demo applicant's key (the demo portal stands in for the
/// applicant's signing tool): the base64 signature for the request's `signature`, or `None` when
/// this installation has no demo signer.
pub fn demo_signature(state: &Service, application: &Value) -> Result<Option<String>, CaseError> {
    use base64::Engine as _;
    let Some(signer) = &state.signatures.demo else {
        return Ok(None);
    };
    let content = ruqsat_documents::esign::canonical(application);
    let der = signer
        .sign(&content, (state.clock)())
        .map_err(|error| CaseError::invalid("signature", error.to_string()))?;
    Ok(Some(base64::engine::general_purpose::STANDARD.encode(der)))
}

/// Refuses control (other than line breaks and tabs), bidirectional and invisible characters in
/// a free text (an officer's reasoning), and more than `ruqsat_domain::text::MAX_TEXT` characters.
pub(crate) fn free_text(field: &str, text: &str) -> Result<(), CaseError> {
    match ruqsat_domain::text::problem_multiline(text, ruqsat_domain::text::MAX_TEXT) {
        Some(problem) => Err(CaseError::Invalid {
            field: field.to_owned(),
            message: problem.message(),
            id: Some(problem.message_id()),
        }),
        None => Ok(()),
    }
}

/// How much earlier than the server's clock a State Corporation's intake time may be without a
/// recorded reason (its system forwards an application soon after the operator took it).
pub const SUBMITTED_AT_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// The longest name part of an application (see `ruqsat_domain::text::MAX_NAME`).
const NAME_FIELDS: [&str; 3] = ["surname", "given_name", "patronymic"];

/// Refuses control, bidirectional and invisible characters in every text of the application,
/// and names longer than the permit prints, naming the field (`application.applicant.surname`,
/// `application.family[0].given_name`, ...).
fn check_texts(value: &Value, path: &str) -> Result<(), CaseError> {
    match value {
        Value::String(text) => {
            let name = NAME_FIELDS.iter().any(|field| path.ends_with(&format!(".{field}")));
            let max = if name {
                ruqsat_domain::text::MAX_NAME
            } else {
                ruqsat_domain::text::MAX_LINE
            };
            match ruqsat_domain::text::problem(text, max) {
                Some(problem) => Err(CaseError::Invalid {
                    field: path.to_owned(),
                    message: problem.message(),
                    id: Some(problem.message_id()),
                }),
                None => Ok(()),
            }
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(index, item)| check_texts(item, &format!("{path}[{index}]"))),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(key, item)| check_texts(item, &format!("{path}.{key}"))),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// Back-off before asking the registries again after `attempts` failed rounds.
fn backoff(attempts: i64) -> chrono::Duration {
    chrono::Duration::seconds(2_i64.saturating_pow(attempts.clamp(0, 8) as u32).min(300))
}

/// Runs the registry checks of a claimed case and records the engine's proposal, or leaves the
/// case pending (retried with back-off) when a registry did not answer.
pub async fn process(state: &Service, case: CaseRow) -> Result<CaseRow, CaseError> {
    let now = (state.clock)();
    // While the checks run the case stays leased; a process that dies leaves it to another one
    // when the lease ends (the worker also claims `checks_running` and `checks_done`).
    let case = match case.state {
        CaseState::ChecksDone => return propose(state, case, now).await,
        CaseState::Hearing => return crate::procedure::lapse_hearing(state, case).await,
        CaseState::ChecksRunning => case,
        CaseState::Submitted
        | CaseState::NotAccepted
        | CaseState::Accepted
        | CaseState::ChecksPending
        | CaseState::Proposed
        | CaseState::Objected
        | CaseState::AwaitingSignature
        | CaseState::PermitIssued
        | CaseState::RefusalIssued
        | CaseState::Delivered
        | CaseState::HandedOver
        | CaseState::Revoked => {
            let system = NewEvent {
                actor: Agent::System.as_str(),
                action: CaseAction::StartChecks.as_str(),
                reason: Some(&EventReason::AskingRegistries),
            };
            let running = CaseUpdate {
                retry_at: Some(now + CHECKS_LEASE),
                ..CaseUpdate::to(next(&case, CaseAction::StartChecks)?)
            };
            state
                .store
                .transition(case.id, case.version, &running, &system, now)
                .await?
        }
    };
    let mut application = application_of(&case)?;
    // As X-Road: the official the case is assigned to, else Ruqsat's worker acting for the
    // police body of the region; the case's number as the issue.
    let context = ruqsat_registries::QueryContext {
        user_id: case
            .assignee
            .clone()
            .unwrap_or_else(|| format!("ruqsat:checks/{}", case.region.as_str())),
        issue: case.number.clone(),
    };
    let (facts, queries) = ruqsat_registries::within(
        context.clone(),
        ruqsat_registries::gather(&state.registries, &application),
    )
    .await;
    let asked_at = ruqsat_store::timestamp((state.clock)());
    let rows: Vec<ruqsat_store::QueryRow> = queries
        .iter()
        .map(|query| ruqsat_store::QueryRow {
            at: asked_at.clone(),
            actor: Agent::System.as_str().into(),
            registry: query.registry.into(),
            purpose: query.purpose.into(),
            legal_basis: query.legal_basis.into(),
            answered: query.answered,
            digest: query.digest.clone(),
            millis: query.millis as i64,
            user_id: Some(context.user_id.clone()),
            issue: Some(context.issue.clone()),
        })
        .collect();
    state.store.record_queries(case.id, &rows).await?;
    application.registry = facts;
    let registry = registry_json(&application.registry).to_string();
    let decision = decide(&application, &state.law).map_err(|source| CaseError::Engine { case: case.id, source })?;
    let now = (state.clock)();
    if decision.outcome == Outcome::Pending {
        let reason = EventReason::Awaiting(decision.awaiting.clone());
        let update = CaseUpdate {
            registry: Some(registry),
            proposal: Some(decision_json(&decision)?),
            retry_at: Some(now + backoff(case.attempts)),
            ..CaseUpdate::to(next(&case, CaseAction::ChecksIncomplete)?)
        };
        let event = NewEvent {
            actor: Agent::System.as_str(),
            action: CaseAction::ChecksIncomplete.as_str(),
            reason: Some(&reason),
        };
        return Ok(state
            .store
            .transition(case.id, case.version, &update, &event, now)
            .await?);
    }
    let done = CaseUpdate {
        registry: Some(registry),
        retry_at: Some(now + CHECKS_LEASE),
        ..CaseUpdate::to(next(&case, CaseAction::ChecksComplete)?)
    };
    let event = NewEvent {
        actor: Agent::System.as_str(),
        action: CaseAction::ChecksComplete.as_str(),
        reason: Some(&EventReason::RegistriesAnswered),
    };
    let case = state
        .store
        .transition(case.id, case.version, &done, &event, now)
        .await?;
    record_proposal(state, case, &decision, now).await
}

/// How long a case is held by the process that runs its checks.
const CHECKS_LEASE: chrono::Duration = chrono::Duration::seconds(120);

/// The proposal of a case whose checks are done (after a crash between the two steps): the
/// engine again on the stored registry answers.
async fn propose(state: &Service, case: CaseRow, now: DateTime<Utc>) -> Result<CaseRow, CaseError> {
    let replay = crate::records::replay_input(&case)?;
    let application =
        parse_application(&replay).map_err(|error| CaseError::unreadable(case.id, "registry answers", error))?;
    let decision = decide(&application, &state.law).map_err(|source| CaseError::Engine { case: case.id, source })?;
    record_proposal(state, case, &decision, now).await
}

async fn record_proposal(
    state: &Service,
    case: CaseRow,
    decision: &Decision<'_>,
    now: DateTime<Utc>,
) -> Result<CaseRow, CaseError> {
    let proposal = CaseUpdate {
        proposal: Some(decision_json(decision)?),
        ..CaseUpdate::to(next(&case, CaseAction::Propose)?)
    };
    let reason = EventReason::Proposed {
        outcome: decision.outcome,
        edition: decision.edition.id.clone(),
    };
    let event = NewEvent {
        actor: Agent::Engine.as_str(),
        action: CaseAction::Propose.as_str(),
        reason: Some(&reason),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &proposal, &event, now)
        .await?)
}

/// A case the caller may see, or not found.
pub async fn visible_case(state: &Service, caller: &Caller, id: i64) -> Result<CaseRow, CaseError> {
    let case = state.store.case(id).await?.ok_or(CaseError::NotFound)?;
    let operator_case = caller.role != Role::Operator || case.channel == Channel::StateCorporation;
    if !caller.sees_region(case.region) || !operator_case {
        return Err(CaseError::NotFound);
    }
    Ok(case)
}

/// The officer's decision.
#[derive(Debug, Clone)]
pub struct OfficerDecision {
    /// `issue` or `refuse`.
    pub outcome: Outcome,
    /// The officer's reasoning: required to refuse and to depart from the engine's proposal.
    pub reason: Option<String>,
    /// Grounds the officer finds, with their reasoning.
    pub findings: Vec<Finding>,
    /// The officer's answer to the applicant's objection (required after one).
    pub answer: Option<String>,
}

/// The officer decides: confirms the engine's proposal or departs from it with a written reason.
/// Issuing gives the permit its number; refusing waits for the supervisor's signature.
pub async fn decide_case(
    state: &Service,
    caller: &Caller,
    id: i64,
    officer: OfficerDecision,
) -> Result<CaseRow, CaseError> {
    if caller.role != Role::Officer {
        return Err(CaseError::Forbidden("only an officer decides".into()));
    }
    let case = visible_case(state, caller, id).await?;
    let now = (state.clock)();
    let today = state.law.local_date(now);
    // The engine again, with the officer's findings and today's date: the proposal decided on.
    let replay = crate::records::replay_input_with(&case, &officer.findings, Some(today))?;
    let application = parse_application(&replay)
        .map_err(|error| CaseError::invalid(format!("findings ({})", error.field), error.message))?;
    let proposal = decide(&application, &state.law).map_err(|source| CaseError::Engine { case: case.id, source })?;
    let reason = officer
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|reason| !reason.is_empty());
    if let Some(reason) = reason {
        free_text("reason", reason)?;
    }
    let departs = proposal.outcome != officer.outcome;
    if departs && reason.is_none() {
        return Err(CaseError::refused(
            "reason",
            "error-reason-departs",
            format!(
                "the engine proposes {}; departing from it needs a written reason",
                proposal.outcome.as_str()
            ),
        ));
    }
    let (action, permit_number, permit) = match officer.outcome {
        Outcome::Issue => {
            let service: codes::Service = case.service;
            let number = ruqsat_domain::case::permit_number(service, today.year(), case.id);
            let permit = match (service, &proposal.permit) {
                (codes::Service::Trp, Some(validity)) => PermitRecord {
                    number: number.clone(),
                    valid_from: validity.valid_from,
                    valid_until: Some(validity.valid_until),
                },
                (codes::Service::Trp, None) => {
                    let period = application
                        .requested_period
                        .ok_or_else(|| CaseError::refused("outcome", "error-no-period", "no period to issue"))?;
                    PermitRecord {
                        number: number.clone(),
                        valid_from: period.from().max(today),
                        valid_until: Some(period.to().min(application.applicant.passport.expires_on)),
                    }
                }
                (codes::Service::Prp, _) => PermitRecord {
                    number: number.clone(),
                    valid_from: today,
                    valid_until: None,
                },
            };
            (CaseAction::DecideIssue, Some(number), Some(permit))
        }
        Outcome::Refuse => {
            if reason.is_none() {
                return Err(CaseError::refused(
                    "reason",
                    "error-reason-refusal",
                    "a refusal needs the officer's reasoned text",
                ));
            }
            (CaseAction::DecideRefuse, None, None)
        }
        Outcome::NotAccepted | Outcome::Pending => {
            return Err(CaseError::refused(
                "outcome",
                "error-outcome-choose",
                "the officer decides issue or refuse",
            ));
        }
    };
    // The hearing (APPK Art. 73; interpretation 60): a first refusal is preliminary and notified;
    // after an objection the officer answers it with the final decision.
    let earlier = DecisionRecord::read(&case)?;
    // The appeals of an annulled refusal stay with the case's new decision.
    let appeal = earlier.as_ref().and_then(|record| record.appeal.clone());
    let mut hearing = earlier.and_then(|record| record.hearing);
    let answer = officer
        .answer
        .as_deref()
        .map(str::trim)
        .filter(|answer| !answer.is_empty());
    if case.state == CaseState::Objected {
        let Some(answer) = answer else {
            return Err(CaseError::refused(
                "answer",
                "error-answer-objection",
                "the applicant objected: answer the objection in the decision",
            ));
        };
        free_text("answer", answer)?;
        if let Some(hearing) = hearing.as_mut() {
            hearing.answer = Some(answer.to_owned());
        }
    }
    let mut term = None;
    let mut due_at = None;
    let mut retry_at = None;
    let action = if action == CaseAction::DecideRefuse && case.state == CaseState::Proposed && hearing.is_none() {
        match crate::procedure::start_hearing(state, &case, today, now, reason.unwrap_or_default())? {
            Some(start) => {
                hearing = Some(start.hearing);
                term = Some(start.term.to_json());
                due_at = Some(start.due_at);
                retry_at = Some(start.lapses_at);
                CaseAction::NotifyHearing
            }
            None => action,
        }
    } else {
        action
    };
    let decision = DecisionRecord {
        version: DECISION_VERSION,
        outcome: match officer.outcome {
            Outcome::Issue => Decided::Issue,
            Outcome::Refuse | Outcome::NotAccepted | Outcome::Pending => Decided::Refuse,
        },
        officer: caller.login.clone(),
        decided_on: today,
        proposal: proposal.outcome.as_str().to_owned(),
        departs_from_proposal: departs,
        reason: reason.map(str::to_owned),
        grounds: proposal
            .grounds
            .iter()
            .map(|ground| ground.code.as_str().to_owned())
            .collect(),
        edition: proposal.edition.id.clone(),
        permit,
        replay: serde_json::from_str::<Value>(&replay)
            .map_err(|error| CaseError::unreadable(case.id, "application", error))?,
        supervisor: None,
        signed_on: None,
        appeal,
        hearing,
    };
    let next_state = next(&case, action)?;
    let notifications = match &decision.hearing {
        Some(hearing) if next_state == CaseState::Hearing => {
            let grounds = decision.grounds.join(", ");
            crate::notify::to_applicant(
                &application,
                "notify-hearing",
                &[
                    ("number", &case.number),
                    ("until", &hearing.until.to_string()),
                    ("grounds", if grounds.is_empty() { "-" } else { &grounds }),
                ],
            )
        }
        _ => crate::notify::for_state(&application, &case.number, next_state, None),
    };
    let update = CaseUpdate {
        notifications,
        proposal: Some(decision_json(&proposal)?),
        decision: Some(decision.to_json()),
        permit_number,
        term,
        due_at,
        retry_at,
        ..CaseUpdate::to(next_state)
    };
    let reason_text = match reason {
        Some(text) => EventReason::Stated(text.to_owned()),
        None => EventReason::ConfirmsProposal,
    };
    let event = NewEvent {
        actor: &caller.login,
        action: action.as_str(),
        reason: Some(&reason_text),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// The supervisor's second signature on a refusal (or its return to the officer).
pub async fn sign(
    state: &Service,
    caller: &Caller,
    id: i64,
    approve: bool,
    reason: Option<String>,
) -> Result<CaseRow, CaseError> {
    if caller.role != Role::Supervisor {
        return Err(CaseError::Forbidden("only a supervisor signs refusals".into()));
    }
    let case = visible_case(state, caller, id).await?;
    let now = (state.clock)();
    let today = state.law.local_date(now);
    let action = if approve {
        CaseAction::Sign
    } else {
        CaseAction::ReturnToOfficer
    };
    let Some(mut decision) = DecisionRecord::read(&case)? else {
        return Err(CaseError::Conflict(format!(
            "case {} has no decision to sign",
            case.number
        )));
    };
    if approve {
        decision.supervisor = Some(caller.login.clone());
        decision.signed_on = Some(today);
        // Counted from the signature until the act is delivered, then from the delivery.
        decision.appeal = Some(crate::procedure::appeal_from(state, case.id, today, false)?);
    } else if reason.as_deref().is_none_or(|reason| reason.trim().is_empty()) {
        return Err(CaseError::refused(
            "reason",
            "error-reason-return",
            "returning a refusal to the officer needs a reason",
        ));
    }
    let next_state = next(&case, action)?;
    let update = CaseUpdate {
        decision: Some(decision.to_json()),
        notifications: crate::notify::for_state(&application_of(&case)?, &case.number, next_state, None),
        ..CaseUpdate::to(next_state)
    };
    let reason = match reason {
        Some(text) => EventReason::Stated(text),
        None => EventReason::SecondSignature,
    };
    let event = NewEvent {
        actor: &caller.login,
        action: action.as_str(),
        reason: Some(&reason),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// Delivery through the channel: printed at the desk, sent to the State Corporation's system,
/// or placed in the applicant's personal cabinet on the portal.
pub async fn deliver(state: &Service, caller: &Caller, id: i64) -> Result<CaseRow, CaseError> {
    if !matches!(caller.role, Role::Officer | Role::Supervisor) {
        return Err(CaseError::Forbidden(
            "the result is delivered by the police body".into(),
        ));
    }
    let case = visible_case(state, caller, id).await?;
    let channel: Channel = case.channel;
    let now = (state.clock)();
    // The term to appeal a refusal runs from its delivery (interpretation 62).
    let mut decision = DecisionRecord::read(&case)?;
    if let Some(record) = decision.as_mut()
        && let Some(appeal) = record.appeal.as_mut()
    {
        let received = std::mem::take(&mut appeal.received);
        *appeal = crate::procedure::appeal_from(state, case.id, state.law.local_date(now), true)?;
        appeal.received = received;
    }
    let update = CaseUpdate {
        decision: decision.as_ref().map(DecisionRecord::to_json),
        // On the portal the result is in the personal cabinet, not waiting to be handed over.
        notifications: match channel {
            Channel::Portal => crate::notify::to_applicant(
                &application_of(&case)?,
                "notify-delivered-portal",
                &[("number", &case.number)],
            ),
            Channel::Desk | Channel::StateCorporation => {
                crate::notify::for_state(&application_of(&case)?, &case.number, CaseState::Delivered, None)
            }
        },
        ..CaseUpdate::to(next(&case, CaseAction::Deliver)?)
    };
    let event = NewEvent {
        actor: &caller.login,
        action: CaseAction::Deliver.as_str(),
        reason: Some(&EventReason::Delivered(channel)),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// How the person who takes the result is identified at hand-over (L98–L103 of the order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// The applicant's identity document, checked by the official (`false`: not checked).
    Document(bool),
    /// An electronic document from the digital documents service, read by the one-time code the
    /// applicant shows, and matched with the application.
    DigitalDocument {
        /// The code.
        code: String,
    },
    /// A representative acting on a document of authority issued under civil law.
    Representative {
        /// Their full name.
        name: String,
        /// Their identity document.
        document: String,
        /// The document of authority (power of attorney: number, date, notary).
        authority: String,
    },
}

/// The identity check of a hand-over: the reason the event records, or why it fails.
async fn identify(
    state: &Service,
    caller: &Caller,
    case: &CaseRow,
    identity: Identity,
) -> Result<EventReason, CaseError> {
    match identity {
        Identity::Document(true) => Ok(EventReason::IdentityChecked),
        Identity::Document(false) => Err(CaseError::refused(
            "identity_checked",
            "error-identity-unchecked",
            "the applicant's identity must be checked before hand-over",
        )),
        Identity::Representative {
            name,
            document,
            authority,
        } => {
            let (name, document, authority) = (name.trim(), document.trim(), authority.trim());
            for (field, value) in [
                ("representative_name", name),
                ("representative_document", document),
                ("representative_authority", authority),
            ] {
                if value.is_empty() {
                    return Err(CaseError::refused(
                        field,
                        "error-representative",
                        "a representative's name, identity document and document of authority are required",
                    ));
                }
                if let Some(problem) = ruqsat_domain::text::problem(value, ruqsat_domain::text::MAX_LINE) {
                    return Err(CaseError::Invalid {
                        field: field.into(),
                        message: problem.message(),
                        id: Some(problem.message_id()),
                    });
                }
            }
            Ok(EventReason::Representative {
                name: name.to_owned(),
                document: document.to_owned(),
                authority: authority.to_owned(),
            })
        }
        Identity::DigitalDocument { code } => {
            let now = (state.clock)();
            let started = std::time::Instant::now();
            let applicant = application_of(case)?.applicant;
            let same = |one: &str, other: &str| one.trim().eq_ignore_ascii_case(other.trim());
            // The code is used up only by the applicant's own document.
            let answer = state.digital_documents.take_if(&code, now, |document| {
                same(&document.number, &applicant.passport.number)
                    && same(&document.surname, &applicant.surname)
                    && document.birth_date == applicant.birth_date
            });
            // Only the applicant's own document is kept (its digest); another's is not.
            let digest: String = Sha256::digest(match &answer {
                Ok(document) => format!("{document:?}").into_bytes(),
                Err(error) => format!("{error:?}").into_bytes(),
            })
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
            // Logged as every query to another system: who asked, for which case, why.
            state
                .store
                .record_queries(
                    case.id,
                    &[ruqsat_store::QueryRow {
                        at: ruqsat_store::timestamp(now),
                        actor: caller.login.clone(),
                        registry: "digital_documents".into(),
                        purpose: "identity at hand-over".into(),
                        legal_basis: "rules992-p9_1-handover".into(),
                        answered: answer.is_ok(),
                        digest,
                        millis: started.elapsed().as_millis() as i64,
                        user_id: Some(caller.login.clone()),
                        issue: Some(case.number.clone()),
                    }],
                )
                .await?;
            let document = answer.map_err(|error| match error {
                ruqsat_registries::digital_documents::CodeError::NotTheirs => CaseError::refused(
                    "digital_code",
                    "error-digital-document-mismatch",
                    "the digital document is not the applicant's (number, surname or date of birth differ)",
                ),
                ruqsat_registries::digital_documents::CodeError::Invalid => {
                    CaseError::refused("digital_code", "error-digital-document-code", error.to_string())
                }
            })?;
            Ok(EventReason::DigitalDocumentMatched {
                document: document.number,
            })
        }
    }
}

/// The applicant shows their identity document from the digital documents service (in a demo the
/// status page stands in for eGov mobile): a one-time code for the document of the case's
/// applicant. `random` gives the digits.
pub fn share_digital_document(state: &Service, case: &CaseRow, random: u32) -> Result<String, CaseError> {
    let applicant = application_of(case)?.applicant;
    let document = ruqsat_registries::digital_documents::IdentityDocument {
        number: applicant.passport.number.clone(),
        surname: applicant.surname.clone(),
        given_name: applicant.given_name.clone(),
        birth_date: applicant.birth_date,
    };
    Ok(state.digital_documents.share(document, (state.clock)(), random))
}

/// Hand-over to the applicant after an identity check (desk: the officer; State Corporation:
/// its operator). On the portal the personal cabinet is the hand-over.
pub async fn hand_over(state: &Service, caller: &Caller, id: i64, identity: Identity) -> Result<CaseRow, CaseError> {
    // A channel's system sees the cases of its own channel only (the portal confirms the
    // hand-over in the personal cabinet); staff see their region's.
    let case = match caller.role {
        Role::Integration(channel) => {
            let case = state.store.case(id).await?.ok_or(CaseError::NotFound)?;
            if case.channel != channel {
                return Err(CaseError::NotFound);
            }
            case
        }
        _ => visible_case(state, caller, id).await?,
    };
    let channel: Channel = case.channel;
    let allowed = match channel {
        Channel::Desk => matches!(caller.role, Role::Officer | Role::Supervisor),
        Channel::StateCorporation => caller.role == Role::Operator,
        // On the portal the applicant takes the result from the personal cabinet, signed in with
        // the digital signature: the portal confirms it.
        Channel::Portal => caller.role == Role::Integration(Channel::Portal),
    };
    if !allowed {
        return Err(CaseError::Forbidden(format!(
            "a result of the {channel} channel is not handed over by this role"
        )));
    }
    // The state first: a code is not spent on a case that cannot be handed over.
    let handed_over = next(&case, CaseAction::HandOver)?;
    let reason = identify(state, caller, &case, identity).await?;
    let now = (state.clock)();
    let update = CaseUpdate {
        ..CaseUpdate::to(handed_over)
    };
    let event = NewEvent {
        actor: &caller.login,
        action: CaseAction::HandOver.as_str(),
        reason: Some(&reason),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// Parses a ground code of a finding.
pub fn parse_ground(field: &str, text: &str) -> Result<GroundCode, CaseError> {
    text.parse()
        .map_err(|error: ruqsat_domain::codes::UnknownCode| CaseError::invalid(field, error.to_string()))
}

/// What the officer decides on a revocation candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Revoke the permit (takes effect with the supervisor's signature).
    Revoke,
    /// No revocation: the finding does not hold.
    Dismiss,
}

/// The candidate `id` and its holder's case, if the caller's region holds the case.
async fn visible_candidate(
    state: &Service,
    caller: &Caller,
    id: i64,
) -> Result<(ruqsat_store::CandidateRow, CaseRow), CaseError> {
    let candidate = state.store.candidate(id).await?.ok_or(CaseError::NotFound)?;
    let case = visible_case(state, caller, candidate.case_id).await?;
    Ok((candidate, case))
}

/// The officer's review of a revocation candidate, with the reasoning (required either way).
pub async fn review_candidate(
    state: &Service,
    caller: &Caller,
    id: i64,
    review: Review,
    reason: &str,
) -> Result<(), CaseError> {
    if !matches!(caller.role, Role::Officer | Role::Supervisor) {
        return Err(CaseError::Forbidden(
            "candidates are reviewed by the police body".into(),
        ));
    }
    let (candidate, case) = visible_candidate(state, caller, id).await?;
    if candidate.state != CandidateState::Open {
        return Err(CaseError::Conflict(format!(
            "the candidate is {}, not open",
            candidate.state
        )));
    }
    let reason = reason.trim();
    free_text("reason", reason)?;
    if reason.is_empty() {
        return Err(CaseError::refused(
            "reason",
            "error-reason-review",
            "a review needs the officer's reasoning",
        ));
    }
    let new_state = match review {
        Review::Revoke => CandidateState::AwaitingSignature,
        Review::Dismiss => CandidateState::Dismissed,
    };
    let now = (state.clock)();
    let change = ruqsat_store::CandidateChange {
        state: new_state,
        officer: Some((caller.login.clone(), reason.to_owned())),
        supervisor: None,
    };
    let detail = format!(
        "candidate {} ({}) of case {}",
        candidate.id, candidate.ground, case.number
    );
    let audit = ruqsat_store::NewAudit {
        actor: &caller.login,
        action: if review == Review::Revoke {
            "propose_revocation"
        } else {
            "dismiss_candidate"
        },
        case_id: Some(case.id),
        detail: &detail,
    };
    state
        .store
        .change_candidate(candidate.id, candidate.version, &change, &audit, now)
        .await?;
    Ok(())
}

/// The supervisor signs a proposed revocation (the permit is revoked and the holder notified)
/// or returns it to the officer.
pub async fn sign_revocation(state: &Service, caller: &Caller, id: i64, approve: bool) -> Result<CaseRow, CaseError> {
    if caller.role != Role::Supervisor {
        return Err(CaseError::Forbidden("a revocation is signed by the supervisor".into()));
    }
    let (candidate, case) = visible_candidate(state, caller, id).await?;
    if candidate.state != CandidateState::AwaitingSignature {
        return Err(CaseError::Conflict(format!(
            "the candidate is {}, not awaiting a signature",
            candidate.state
        )));
    }
    if candidate.officer.as_deref() == Some(caller.login.as_str()) {
        return Err(CaseError::Forbidden("the second signature is another person's".into()));
    }
    let now = (state.clock)();
    if !approve {
        let change = ruqsat_store::CandidateChange {
            state: CandidateState::Open,
            officer: None,
            supervisor: None,
        };
        let detail = format!("candidate {} of case {}", candidate.id, case.number);
        let audit = ruqsat_store::NewAudit {
            actor: &caller.login,
            action: "return_revocation",
            case_id: Some(case.id),
            detail: &detail,
        };
        state
            .store
            .change_candidate(candidate.id, candidate.version, &change, &audit, now)
            .await?;
        return Ok(case);
    }
    let reason = EventReason::Revoked {
        ground: candidate
            .ground
            .parse::<GroundCode>()
            .map_err(|error| CaseError::unreadable(case.id, "revocation candidate's ground", error))?,
        reasoning: candidate.officer_reason.clone().ok_or_else(|| {
            CaseError::Conflict(format!(
                "candidate {} awaits a signature without the officer's reasoning",
                candidate.id
            ))
        })?,
    };
    // The revocation is notified the same day through the outbox: the term to appeal runs from
    // it (interpretation 62).
    let mut decision = DecisionRecord::read(&case)?;
    if let Some(record) = decision.as_mut() {
        record.appeal = Some(crate::procedure::appeal_from(
            state,
            case.id,
            state.law.local_date(now),
            true,
        )?);
    }
    // The permit's revocation and the candidate's signature are one change.
    let update = CaseUpdate {
        decision: decision.as_ref().map(DecisionRecord::to_json),
        notifications: crate::notify::for_state(&application_of(&case)?, &case.number, CaseState::Revoked, None),
        candidate: Some((
            candidate.id,
            candidate.version,
            ruqsat_store::CandidateChange {
                state: CandidateState::Revoked,
                officer: None,
                supervisor: Some(caller.login.clone()),
            },
        )),
        audit_detail: Some(format!("candidate {} ({})", candidate.id, candidate.ground)),
        ..CaseUpdate::to(next(&case, CaseAction::Revoke)?)
    };
    let event = NewEvent {
        actor: &caller.login,
        action: CaseAction::Revoke.as_str(),
        reason: Some(&reason),
    };
    let case = state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?;
    Ok(case)
}

/// Who works on a case, the staff workplace's assignment: an officer takes an open case of their
/// region that nobody has, or gives back their own; a supervisor gives any open case of the
/// region to an officer of the region, or to nobody. The change is audited (`assign`).
pub async fn assign(state: &Service, caller: &Caller, id: i64, assignee: Option<&str>) -> Result<CaseRow, CaseError> {
    let case = visible_case(state, caller, id).await?;
    if !case.state.is_open() {
        return Err(CaseError::Conflict(format!(
            "a {} case is no longer worked on",
            case.state
        )));
    }
    match caller.role {
        Role::Officer => {
            if assignee.is_some_and(|login| login != caller.login) {
                return Err(CaseError::Forbidden(
                    "an officer takes a case for themselves; a supervisor gives it to another".into(),
                ));
            }
            if let Some(holder) = case.assignee.as_deref().filter(|holder| *holder != caller.login) {
                return Err(CaseError::Conflict(format!(
                    "{holder} works on this case; ask the supervisor"
                )));
            }
        }
        Role::Supervisor => {
            if let Some(login) = assignee {
                let account = state.store.staff_by_login(login).await?;
                let fits = account.is_some_and(|account| {
                    account.disabled_at.is_none()
                        && account.staff.role == "officer"
                        && account.staff.region.as_deref() == Some(case.region.as_str())
                });
                if !fits {
                    return Err(CaseError::Invalid {
                        field: "assignee".into(),
                        message: format!("{login:?} is not an active officer of {}", case.region),
                        id: Some("invalid-assignee"),
                    });
                }
            }
        }
        _ => {
            return Err(CaseError::Forbidden(
                "only officers and supervisors assign cases".into(),
            ));
        }
    }
    let now = (state.clock)();
    state.store.assign(case.id, assignee, &caller.login, now).await?;
    state.store.case(case.id).await?.ok_or(CaseError::NotFound)
}

/// The active officers of `region`, by login: whom a supervisor may give a case to.
pub async fn officers_of(state: &Service, region: Region) -> Result<Vec<(String, String)>, CaseError> {
    let now = (state.clock)();
    Ok(state
        .store
        .list_staff(now)
        .await?
        .into_iter()
        .filter(|account| {
            account.disabled_at.is_none()
                && account.staff.role == "officer"
                && account.staff.region.as_deref() == Some(region.as_str())
        })
        .map(|account| (account.staff.login, account.staff.name))
        .collect())
}
