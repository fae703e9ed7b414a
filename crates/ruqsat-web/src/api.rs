//! The routes, their request and response bodies, and the OpenAPI document generated from them.

use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use ruqsat_domain::application::Finding;
use ruqsat_domain::case::CaseState;
use ruqsat_domain::decision::Outcome;
use ruqsat_store::{CaseRow, Created};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Digest as _;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::AppState;
use crate::auth::{Auth, Role};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body as JsonBody, Params as Query, PathParams as Path};
use ruqsat_cases::records::{self, ProposalRecord};
use ruqsat_cases::workflow::{self, OfficerDecision, parse_ground};
use ruqsat_domain::decide::Law;

/// The routes of the API.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/api/v1/applications", post(submit))
        .route("/api/v1/sessions", post(login).delete(logout))
        .route("/api/v1/queue", get(queue))
        .route("/api/v1/cases/{id}", get(case_view))
        .route("/api/v1/cases/{id}/decision", post(decision))
        .route("/api/v1/cases/{id}/signature", post(signature))
        .route("/api/v1/cases/{id}/delivery", post(delivery))
        .route("/api/v1/cases/{id}/handover", post(handover))
        .route("/api/v1/cases/{id}/documents", post(upload_document))
        .route("/api/v1/cases/{id}/documents/{document}", get(download_document))
        .route("/api/v1/status", post(status))
        .route("/api/v1/status/objection", post(crate::procedure_api::public_objection))
        .route("/api/v1/cases/{id}/objection", post(crate::procedure_api::objection))
        .route(
            "/api/v1/cases/{id}/term",
            get(crate::procedure_api::term_of).post(crate::procedure_api::term),
        )
        .route("/api/v1/cases/{id}/appeals", post(crate::procedure_api::appeal))
        .route(
            "/api/v1/cases/{id}/appeals/outcome",
            post(crate::procedure_api::appeal_outcome),
        )
        .route("/api/v1/crossings", post(crate::feed::receive))
        .route("/api/v1/permits/{number}", get(verify_permit))
        .route("/api/v1/permit-keys", get(permit_keys))
        .route("/api/v1/permit-certificates", get(permit_certificates))
        .route("/api/openapi.json", get(openapi_json))
        .route("/api/docs", get(docs))
        .route("/health", get(health))
        .route("/metrics", get(metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// The OpenAPI 3 document of the API.
#[derive(OpenApi)]
#[openapi(
    info(title = "Ruqsat API", version = "1", description = "Temporary and permanent residence permits of Kazakhstan: intake, checks, decisions, status, verification."),
    paths(login, logout, submit, queue, case_view, decision, signature, delivery, handover, upload_document, download_document, status, verify_permit, permit_keys, permit_certificates, crate::feed::receive, health, metrics, openapi_json, docs,
        crate::procedure_api::objection, crate::procedure_api::public_objection, crate::procedure_api::term, crate::procedure_api::term_of,
        crate::procedure_api::appeal, crate::procedure_api::appeal_outcome),
    components(schemas(
        LoginRequest, SessionResponse, SubmitRequest, SubmitResponse, CaseSummary, CaseView, SignatureView, EventView, RepresentativeRequest, QueryView, DecisionRequest, FindingRequest,
        SignatureRequest, HandoverRequest, DocumentView, StatusQuery, StatusResponse, StatusEvent, RegistryAsked, PermitStatus, Health, ErrorBody,
        crate::feed::FeedReport, crate::feed::RejectedRow, HearingStatus, AppealStatus, StaffReadView,
        crate::procedure_api::ObjectionRequest, crate::procedure_api::PublicObjectionRequest, crate::procedure_api::StatusObjection,
        crate::procedure_api::TermChangeRequest, crate::procedure_api::TermView, crate::procedure_api::AppealRequest,
        crate::procedure_api::AppealOutcomeRequest, crate::procedure_api::AppealView
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            utoipa::openapi::security::SecurityScheme::Http(utoipa::openapi::security::Http::new(
                utoipa::openapi::security::HttpAuthScheme::Bearer,
            )),
        );
    }
}

/// A staff member's login.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Login.
    pub login: String,
    /// Password.
    pub password: String,
    /// A new password (at least 12 characters), when the password was reset by an administrator
    /// (the answer was 403 `password_change_required`).
    #[serde(default)]
    pub new_password: Option<String>,
}

/// A new session.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    /// Bearer token of the session (kept only as a digest on the server).
    pub token: String,
    /// When it expires (RFC 3339, UTC).
    pub expires_at: String,
    /// Role.
    pub role: String,
    /// Region, for officers and supervisors.
    pub region: Option<String>,
}

/// Open a staff session with login and password (argon2); use the token as a bearer token.
#[utoipa::path(post, path = "/api/v1/sessions", request_body = LoginRequest,
    responses((status = 201, description = "session opened", body = SessionResponse), (status = 401, description = "wrong login or password", body = ErrorBody), (status = 403, description = "the password was reset: sign in again with new_password", body = ErrorBody), (status = 429, description = "too many failed sign-ins: locked for a while (Retry-After); the password was not checked", body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Response, ApiError> {
    let address = client_address(&state, &headers, &extensions);
    let session = open_session(
        &state,
        &request.login,
        &request.password,
        request.new_password.as_deref(),
        address,
    )
    .await?;
    let response = SessionResponse {
        token: session.token,
        expires_at: ruqsat_store::timestamp(session.expires_at),
        role: session.staff.role,
        region: session.staff.region,
    };
    Ok((StatusCode::CREATED, Json(response)).into_response())
}

/// The client address of a request, when the server records it (`ruqsat serve` does).
///
/// Behind a reverse proxy every connection comes from the proxy: when the peer is one of the
/// installation's trusted proxies (`Service::trusted_proxies`), the client is the last address of
/// `X-Forwarded-For` that is not itself a trusted proxy (what the nearest proxy saw). From any
/// other peer the header is ignored: anyone can write one.
pub fn client_address(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
) -> Option<std::net::IpAddr> {
    let peer = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())?;
    if !state.trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let client = forwarded
        .iter()
        .rev()
        .map(|hop| hop.parse::<std::net::IpAddr>())
        .take_while(Result::is_ok)
        .filter_map(Result::ok)
        .find(|hop| !state.trusted_proxies.contains(hop));
    Some(client.unwrap_or(peer))
}

/// Checks a login and password and opens a session (`ruqsat_cases::accounts::sign_in`), with the
/// errors of the API: 401 wrong, 429 locked (with the seconds to wait), 403 when the password was
/// reset and a new one is needed, 422 when the new one is not acceptable.
pub async fn open_session(
    state: &AppState,
    login: &str,
    password: &str,
    new_password: Option<&str>,
    address: Option<std::net::IpAddr>,
) -> Result<ruqsat_cases::accounts::Session, ApiError> {
    use ruqsat_cases::accounts::SignInError;
    let now = (state.clock)();
    ruqsat_cases::accounts::sign_in(state, login, password, new_password, address)
        .await
        .map_err(|error| match error {
            SignInError::Wrong => ApiError::Unauthenticated,
            SignInError::Locked(until) => ApiError::TooManyRequests((until - now).num_seconds().max(1) as u64),
            SignInError::PasswordChangeRequired => ApiError::Forbidden(
                "password_change_required: the password was reset; send new_password with the temporary one".into(),
            ),
            SignInError::NewPassword(reason) => ApiError::Invalid {
                field: "new_password".into(),
                message: reason,
                id: Some("invalid-new-password"),
            },
            SignInError::Case(error) => error.into(),
        })
}

/// Close the caller's session.
#[utoipa::path(delete, path = "/api/v1/sessions", responses((status = 204, description = "session closed")), security(("bearer" = [])))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    if let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
    {
        state
            .store
            .delete_session(&crate::auth::token_digest(token.trim()))
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// An application submitted by a channel.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct SubmitRequest {
    /// Region of the police body that handles the case (an officer's own region by default).
    pub region: Option<String>,
    /// The application in the format of `ruqsat decide` (docs/CONTRACT.md), without
    /// `registry`, `findings` and `decided_on`, which Ruqsat fills in.
    #[schema(value_type = Object)]
    pub application: Value,
    /// The applicant's electronic signature of `application`, required from the portal: a
    /// detached CMS (PKCS#7) signature, base64 of its DER, over the application in canonical
    /// JSON (RFC 8785), verified against the installation's trust anchors (docs/SIGNATURES.md).
    pub signature: Option<String>,
}

/// The answer to a submission.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmitResponse {
    /// Internal id.
    pub id: i64,
    /// Application number (for the status lookup).
    pub number: String,
    /// State: `accepted` or `not_accepted`.
    pub state: String,
    /// When the result is due (RFC 3339), if accepted.
    pub due_at: Option<String>,
    /// `acc.*` codes when not accepted.
    pub not_accepted_reasons: Vec<String>,
    /// What to bring: documents missing.
    pub missing_documents: Vec<String>,
    /// Documents not acceptable, with the reason.
    #[schema(value_type = Vec<Object>)]
    pub invalid_documents: Vec<Value>,
    /// Whether this answer repeats an earlier submission with the same Idempotency-Key.
    pub replayed: bool,
}

/// A case in a queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummary {
    /// Internal id.
    pub id: i64,
    /// Application number.
    pub number: String,
    /// `trp` or `prp`.
    pub service: String,
    /// Channel.
    pub channel: String,
    /// Region.
    pub region: String,
    /// State.
    pub state: String,
    /// When the result is due (RFC 3339, Kazakhstan time).
    pub due_at: Option<String>,
    /// Past its due time.
    pub overdue: bool,
    /// Due today (Kazakhstan time).
    pub due_today: bool,
    /// The engine's proposed outcome, once the checks are done.
    pub proposal: Option<String>,
}

/// One transition of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// State after.
    pub state: String,
    /// Why.
    pub reason: Option<String>,
}

/// One registry query.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueryView {
    /// When.
    pub at: String,
    /// Registry.
    pub registry: String,
    /// Purpose.
    pub purpose: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Answered or not.
    pub answered: bool,
    /// SHA-256 of the answer.
    pub digest: String,
    /// Who asked, as sent to the registry (X-Road's `userId`).
    pub user_id: Option<String>,
    /// For which case, as sent (X-Road's `issue`).
    pub issue: Option<String>,
}

/// A case as an officer sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseView {
    /// Summary.
    pub case: CaseSummary,
    /// The application as submitted.
    #[schema(value_type = Object)]
    pub application: Value,
    /// The registry answers (contract format); null until every registry answered.
    #[schema(value_type = Option<Object>)]
    pub registry: Value,
    /// The engine's proposal: outcome, checks, grounds with sources, explanation; null before.
    #[schema(value_type = Option<Object>)]
    pub proposal: Value,
    /// The officer's decision, the supervisor's signature, the permit, the appeal; null before.
    #[schema(value_type = Option<Object>)]
    pub decision: Value,
    /// History.
    pub events: Vec<EventView>,
    /// Registry queries.
    pub queries: Vec<QueryView>,
    /// Uploaded documents (without their bytes).
    pub documents: Vec<DocumentView>,
    /// The applicant's electronic signature of a portal application as verified at intake; null
    /// for the desk's and the State Corporation's.
    pub signature: Option<SignatureView>,
}

/// The applicant's electronic signature as verified at intake (the evidence kept with the case).
#[derive(Debug, Serialize, ToSchema)]
pub struct SignatureView {
    /// The signer certificate's subject.
    pub signer: String,
    /// Its serial number (hexadecimal).
    pub serial: String,
    /// Its issuer.
    pub issuer: String,
    /// The end of its validity.
    pub valid_until: String,
    /// The signing time the signature states.
    pub signing_time: Option<String>,
    /// The chain to the trust anchor (subjects).
    pub chain: Vec<String>,
    /// How revocation was checked.
    pub revocation: String,
    /// SHA-256 of the canonical application signed.
    pub content_sha256: String,
    /// When Ruqsat verified it.
    pub verified_at: String,
}

/// An uploaded document.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentView {
    /// Id (for the download).
    pub id: i64,
    /// Document type code.
    pub document_type: String,
    /// Media type found in the content.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// When.
    pub uploaded_at: String,
    /// Who.
    pub uploaded_by: String,
}

/// The largest application body accepted, in bytes.
pub const MAX_APPLICATION_BYTES: usize = 2 * 1024 * 1024;

/// The largest document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// A ground the officer finds.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FindingRequest {
    /// Ground code, e.g. `art49.6` or `trp.9.1`.
    pub ground: String,
    /// The reasoning.
    pub note: String,
}

/// The officer's decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionRequest {
    /// `issue` or `refuse`.
    pub outcome: String,
    /// Reasoned text: required to refuse and to depart from the engine's proposal.
    pub reason: Option<String>,
    /// Grounds found by the officer.
    #[serde(default)]
    pub findings: Vec<FindingRequest>,
    /// The answer to the applicant's objection (required when the case is `objected`).
    pub answer: Option<String>,
}

/// The supervisor's signature.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SignatureRequest {
    /// `true` signs the refusal; `false` returns it to the officer (with a reason).
    pub approve: bool,
    /// Why it is returned.
    pub reason: Option<String>,
}

/// Hand-over to the applicant.
#[derive(Debug, Deserialize, ToSchema)]
pub struct HandoverRequest {
    /// How the person is identified: `document` (default: the identity document, checked as
    /// `identity_checked` says), `digital_document` (the one-time code of the digital documents
    /// service in `digital_code`) or `representative` (with `representative`).
    #[serde(default)]
    pub identity: Option<String>,
    /// The applicant's identity document was checked.
    #[serde(default)]
    pub identity_checked: bool,
    /// The one-time code the applicant shows from eGov mobile.
    #[serde(default)]
    pub digital_code: Option<String>,
    /// The representative and their authority.
    #[serde(default)]
    pub representative: Option<RepresentativeRequest>,
}

/// A representative at hand-over.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RepresentativeRequest {
    /// Full name.
    pub name: String,
    /// Identity document (number).
    pub document: String,
    /// Document of authority (power of attorney: number, date, notary).
    pub authority: String,
}

/// The identity of a hand-over from its fields (the API's and the form's).
pub fn identity_of(
    kind: Option<&str>,
    checked: bool,
    code: Option<String>,
    representative: Option<(String, String, String)>,
) -> Result<workflow::Identity, ApiError> {
    match kind.unwrap_or("document") {
        "document" => Ok(workflow::Identity::Document(checked)),
        "digital_document" | "digital" => Ok(workflow::Identity::DigitalDocument {
            code: code.unwrap_or_default(),
        }),
        "representative" => {
            let (name, document, authority) = representative.unwrap_or_default();
            Ok(workflow::Identity::Representative {
                name,
                document,
                authority,
            })
        }
        other => Err(ApiError::invalid(
            "identity",
            format!("{other:?}: use document, digital_document or representative"),
        )),
    }
}

/// The public status lookup (a POST body: the passport number stays out of addresses, logs and
/// the browser's history).
#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusQuery {
    /// Application number.
    pub number: String,
    /// The applicant's passport number or IIN.
    pub document: String,
}

/// A step of the status history.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusEvent {
    /// When.
    pub at: String,
    /// State reached.
    pub state: String,
}

/// A registry asked about the case (what Estonia's Data Tracker shows).
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistryAsked {
    /// Registry.
    pub registry: String,
    /// Why.
    pub purpose: String,
    /// Legal basis.
    pub legal_basis: String,
    /// When.
    pub at: String,
}

/// What the applicant and the contact centre see.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusResponse {
    /// Application number.
    pub number: String,
    /// `trp` or `prp`.
    pub service: String,
    /// State.
    pub state: String,
    /// When the result is due.
    pub due_at: Option<String>,
    /// History of states.
    pub history: Vec<StatusEvent>,
    /// Registries asked about the case, and when.
    pub registries_asked: Vec<RegistryAsked>,
    /// Days the term did not run (a suspension); the due time already counts them.
    pub suspended_days: u32,
    /// The preliminary refusal open to objection (state `hearing`), or the objection received.
    pub hearing: Option<HearingStatus>,
    /// How to appeal a refusal or a revocation, and the last day.
    pub appeal: Option<AppealStatus>,
    /// Who among the staff read the file and when, by role and body (never by name).
    pub read_by: Vec<StaffReadView>,
}

/// A read of the applicant's file by staff (the data tracker).
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffReadView {
    /// When (Kazakhstan time).
    pub at: String,
    /// `read_case`, `read_document` or `print`.
    pub action: String,
    /// The reader's role.
    pub role: String,
    /// The police body's region, when the reader belongs to one.
    pub region: Option<String>,
}

/// The preliminary refusal as the applicant sees it (APPK Art. 73).
#[derive(Debug, Serialize, ToSchema)]
pub struct HearingStatus {
    /// The grounds (codes).
    pub grounds: Vec<String>,
    /// The officer's preliminary reasoning.
    pub reasoning: String,
    /// The last day to object (Kazakhstan).
    pub object_until: String,
    /// When the objection was received, if it was.
    pub objection_received_at: Option<String>,
    /// Where to object: `POST /api/v1/status/objection`, the status page, or the police body.
    pub how: String,
}

/// How to appeal an unfavourable act.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealStatus {
    /// The route.
    pub route: String,
    /// The last day (Kazakhstan).
    pub until: String,
    /// Whether the term is counted from the delivery (`false`: from the signature, until the act
    /// is delivered).
    pub from_delivery: bool,
}

/// The answer of permit verification.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermitStatus {
    /// `valid`, `revoked`, `unknown`, or for a known permit outside its dates `expired` or
    /// `not_yet_valid`.
    pub status: String,
    /// `trp` or `prp`, when known.
    pub service: Option<String>,
    /// First day, when known.
    pub valid_from: Option<String>,
    /// Last day, when known (`null` for a PRP).
    pub valid_until: Option<String>,
}

/// Health of the service.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `degraded`.
    pub status: String,
    /// Whether the database takes a write (a small committed change).
    pub database: bool,
    /// Why the service is degraded (the detail is in the log, not on this public page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An instant in Kazakhstan time (RFC 3339 with the dated offset of the law).
pub fn local_text(law: &Law, at: chrono::DateTime<chrono::Utc>) -> String {
    law.local(at).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// An instant stored in UTC, shown in Kazakhstan time (the dated offset of the law).
pub fn kazakh_instant(law: &Law, stored: Option<&str>) -> Option<String> {
    let instant = chrono::DateTime::parse_from_rfc3339(stored?).ok()?;
    Some(
        law.local(instant.with_timezone(&chrono::Utc))
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

pub fn summary(law: &Law, case: &CaseRow, now: chrono::DateTime<chrono::Utc>) -> Result<CaseSummary, ApiError> {
    let due = case.due_at;
    let open = case.state.is_open();
    let proposal = ProposalRecord::read(case)?;
    Ok(CaseSummary {
        id: case.id,
        number: case.number.clone(),
        service: case.service.as_str().to_owned(),
        channel: case.channel.as_str().to_owned(),
        region: case.region.as_str().to_owned(),
        state: case.state.as_str().to_owned(),
        due_at: case.due_at.map(|due| local_text(law, due)),
        overdue: open && due.is_some_and(|due| due < now),
        due_today: open && due.is_some_and(|due| law.local_date(due) == law.local_date(now)),
        proposal: proposal.map(|proposal| proposal.outcome),
    })
}

/// Submit an application (desk officer, State Corporation operator or integration, portal).
#[utoipa::path(
    post, path = "/api/v1/applications", request_body = SubmitRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "the same key and body never create a second case")),
    responses(
        (status = 201, description = "stored durably", body = SubmitResponse),
        (status = 200, description = "repeat of an earlier submission with the same key", body = SubmitResponse),
        (status = 401, description = "no or an unknown token", body = ErrorBody), (status = 409, description = "not allowed in the case's state, or changed meanwhile", body = ErrorBody), (status = 422, description = "invalid input; the error names the field", body = ErrorBody)
    ),
    security(("bearer" = []))
)]
pub async fn submit(
    State(state): State<AppState>,
    Auth(caller): Auth,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let body = axum::body::to_bytes(body, MAX_APPLICATION_BYTES).await.map_err(|_| {
        ApiError::TooLarge(format!(
            "an application may have at most {MAX_APPLICATION_BYTES} bytes (documents are uploaded apart)"
        ))
    })?;
    let key = match headers.get("idempotency-key") {
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .filter(|key| !key.is_empty() && key.len() <= 200)
                .ok_or_else(|| ApiError::invalid("Idempotency-Key", "1 to 200 visible characters"))?,
        ),
        None => None,
    };
    let (case, created) = workflow::intake(&state, &caller, &body, key).await?;
    if created == Created::New {
        state.metrics.applications.fetch_add(1, Ordering::Relaxed);
    }
    let proposal = ProposalRecord::read(&case)?;
    let response = SubmitResponse {
        id: case.id,
        number: case.number.clone(),
        state: case.state.as_str().to_owned(),
        due_at: case.due_at.map(|due| local_text(&state.law, due)),
        not_accepted_reasons: proposal
            .as_ref()
            .map(|proposal| proposal.not_accepted_reasons.clone())
            .unwrap_or_default(),
        missing_documents: proposal
            .as_ref()
            .map(|proposal| proposal.missing_documents.clone())
            .unwrap_or_default(),
        invalid_documents: proposal
            .map(|proposal| proposal.invalid_documents.into_iter().map(Value::Object).collect())
            .unwrap_or_default(),
        replayed: created == Created::Existing,
    };
    let status = if created == Created::New {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(response)).into_response())
}

/// Parameters of the queue.
#[derive(Debug, Deserialize, IntoParams)]
pub struct QueueQuery {
    /// Region (auditors and administrators; officers always see their own).
    pub region: Option<String>,
    /// How many cases one answer holds, 1 to 500 (default 100).
    pub limit: Option<String>,
    /// Where the answer starts: the cursor of the `Link: <…>; rel="next"` header of the answer
    /// before (keyset paging: the due instant and id of its last case).
    pub after: Option<String>,
}

/// The most cases one answer of `GET /api/v1/queue` holds, and how many when not asked.
const QUEUE_LIMIT_MAX: i64 = 500;
const QUEUE_LIMIT_DEFAULT: i64 = 100;

/// Reads a queue cursor, `due~id` (the due instant in RFC 3339 and the case's id), as the
/// pages and the API's `Link` header write it.
pub fn queue_cursor(after: &str) -> Option<(chrono::DateTime<chrono::Utc>, i64)> {
    let (due, id) = after.split_once('~')?;
    Some((
        chrono::DateTime::parse_from_rfc3339(due)
            .ok()?
            .with_timezone(&chrono::Utc),
        id.parse().ok()?,
    ))
}

/// The cursor after `case` (see [`queue_cursor`]).
pub fn queue_cursor_of(case: &CaseRow) -> Option<String> {
    Some(format!("{}~{}", case.due_at?.to_rfc3339(), case.id))
}

/// The open cases of the caller's region, soonest due first, overdue flagged: a page at a time
/// (keyset paging), the next page's address in the `Link` header (RFC 8288, `rel="next"`).
#[utoipa::path(get, path = "/api/v1/queue", params(QueueQuery),
    responses((status = 200, description = "OK; a `Link` header with `rel=\"next\"` when more cases follow", body = Vec<CaseSummary>),
        (status = 401, description = "no or an unknown token", body = ErrorBody),
        (status = 422, description = "`limit` or `after` is not valid", body = ErrorBody)), security(("bearer" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Query(query): Query<QueueQuery>,
) -> Result<Response, ApiError> {
    // The operator works on the State Corporation's cases only; the administrator manages the
    // installation, not cases (as on the pages).
    let (region, channel) = match caller.role {
        Role::Officer | Role::Supervisor => (caller.region_code().map(str::to_owned), None),
        Role::Auditor => (query.region.clone(), None),
        Role::Operator => (
            query.region.clone(),
            Some(ruqsat_domain::codes::Channel::StateCorporation.as_str().to_owned()),
        ),
        Role::Administrator => return Err(ApiError::Forbidden("the administrator has no queue of cases".into())),
        Role::Integration(_) | Role::BorderService => {
            return Err(ApiError::Forbidden("integrations have no queue".into()));
        }
    };
    let limit = match query.limit.as_deref() {
        None => QUEUE_LIMIT_DEFAULT,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|limit| (1..=QUEUE_LIMIT_MAX).contains(limit))
            .ok_or_else(|| ApiError::invalid("limit", format!("a whole number from 1 to {QUEUE_LIMIT_MAX}")))?,
    };
    let after = match query.after.as_deref() {
        None => None,
        Some(text) => Some(queue_cursor(text).ok_or_else(|| {
            ApiError::invalid("after", "the cursor of a `Link: rel=\"next\"` header (due instant~id)")
        })?),
    };
    let open = CaseState::open_codes();
    let filter = ruqsat_store::QueueFilter {
        state: None,
        service: None,
        channel,
        search: None,
        assignee: None,
    };
    let mut cases = state
        .store
        .queue_page(region.as_deref(), &open, &filter, after, limit + 1)
        .await?;
    let more = cases.len() as i64 > limit;
    cases.truncate(limit as usize);
    let now = (state.clock)();
    let body = cases
        .iter()
        .map(|case| summary(&state.law, case, now))
        .collect::<Result<Vec<_>, _>>()?;
    let mut response = Json(body).into_response();
    if let Some(cursor) = more.then(|| cases.last().and_then(queue_cursor_of)).flatten() {
        let mut next: Vec<(&str, String)> = Vec::new();
        if matches!(caller.role, Role::Auditor | Role::Operator)
            && let Some(region) = &query.region
        {
            next.push(("region", region.clone()));
        }
        next.push(("limit", limit.to_string()));
        next.push(("after", cursor));
        let next = serde_urlencoded::to_string(&next).map_err(|error| ApiError::Internal(error.to_string()))?;
        let link = format!("</api/v1/queue?{next}>; rel=\"next\"");
        if let Ok(value) = header::HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(response)
}

/// A case with its checks, the engine's proposal, the decision and the history (audited read).
#[utoipa::path(get, path = "/api/v1/cases/{id}", params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "OK", body = CaseView), (status = 404, description = "not found", body = ErrorBody)), security(("bearer" = [])))]
pub async fn case_view(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
) -> Result<Json<CaseView>, ApiError> {
    if matches!(caller.role, Role::Integration(_)) {
        return Err(ApiError::Forbidden("integrations do not read cases".into()));
    }
    let case = workflow::visible_case(&state, &caller, id).await?;
    let now = (state.clock)();
    state
        .store
        .audit(
            &caller.login,
            "read_case",
            Some(case.id),
            &format!("case {} viewed", case.number),
            now,
        )
        .await?;
    let events = state.store.events(case.id).await?;
    let queries = state.store.queries(case.id).await?;
    let documents = state.store.documents(case.id).await?;
    let stored = records::as_stored(&case)?;
    let signature = workflow::signature_of(&state, case.id)
        .await?
        .map(|(evidence, verified_at)| SignatureView {
            signer: evidence.signer,
            serial: evidence.serial,
            issuer: evidence.issuer,
            valid_until: evidence.valid_until,
            signing_time: evidence.signing_time,
            chain: evidence.chain,
            revocation: evidence.revocation,
            content_sha256: evidence.content_sha256,
            verified_at,
        });
    Ok(Json(CaseView {
        signature,
        documents: documents
            .into_iter()
            .map(|document| DocumentView {
                id: document.id,
                document_type: document.document_type,
                media_type: document.media_type,
                size: document.size,
                sha256: document.sha256,
                uploaded_at: document.uploaded_at,
                uploaded_by: document.uploaded_by,
            })
            .collect(),
        case: summary(&state.law, &case, now)?,
        application: stored.application,
        registry: stored.registry,
        proposal: stored.proposal,
        decision: stored.decision,
        events: events
            .into_iter()
            .map(|event| EventView {
                at: event.at,
                actor: event.actor,
                action: event.action,
                state: event.to_state,
                reason: event
                    .reason
                    .as_ref()
                    .map(|reason| ruqsat_i18n::event_reason(ruqsat_i18n::Lang::En, reason)),
            })
            .collect(),
        queries: queries
            .into_iter()
            .map(|query| QueryView {
                at: query.at,
                registry: query.registry,
                purpose: query.purpose,
                legal_basis: ruqsat_i18n::legal_basis(ruqsat_i18n::Lang::En, &query.legal_basis),
                answered: query.answered,
                digest: query.digest,
                user_id: query.user_id,
                issue: query.issue,
            })
            .collect(),
    }))
}

/// The officer's decision: issue or refuse, confirming or (with a reason) departing from the proposal.
#[utoipa::path(post, path = "/api/v1/cases/{id}/decision", request_body = DecisionRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "OK", body = CaseSummary), (status = 409, description = "not allowed in the case's state, or changed meanwhile", body = ErrorBody), (status = 422, description = "invalid input; the error names the field", body = ErrorBody)), security(("bearer" = [])))]
pub async fn decision(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<DecisionRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    let outcome = match request.outcome.as_str() {
        "issue" => Outcome::Issue,
        "refuse" => Outcome::Refuse,
        other => return Err(ApiError::invalid("outcome", format!("{other:?}: use issue or refuse"))),
    };
    let mut findings = Vec::with_capacity(request.findings.len());
    for (index, finding) in request.findings.into_iter().enumerate() {
        let ground = parse_ground(&format!("findings[{index}].ground"), &finding.ground)?;
        if finding.note.trim().is_empty() {
            return Err(ApiError::invalid(
                format!("findings[{index}].note"),
                "a finding needs its reasoning",
            ));
        }
        findings.push(Finding {
            ground,
            note: finding.note,
        });
    }
    let case = workflow::decide_case(
        &state,
        &caller,
        id,
        OfficerDecision {
            outcome,
            reason: request.reason,
            findings,
            answer: request.answer,
        },
    )
    .await?;
    Ok(Json(summary(&state.law, &case, (state.clock)())?))
}

/// The supervisor's second signature on a refusal.
#[utoipa::path(post, path = "/api/v1/cases/{id}/signature", request_body = SignatureRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "OK", body = CaseSummary), (status = 403, description = "not allowed for this role", body = ErrorBody), (status = 409, description = "not allowed in the case's state, or changed meanwhile", body = ErrorBody)), security(("bearer" = [])))]
pub async fn signature(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<SignatureRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    let case = workflow::sign(&state, &caller, id, request.approve, request.reason).await?;
    Ok(Json(summary(&state.law, &case, (state.clock)())?))
}

/// Delivery of the result through the channel.
#[utoipa::path(post, path = "/api/v1/cases/{id}/delivery", params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "OK", body = CaseSummary), (status = 409, description = "not allowed in the case's state, or changed meanwhile", body = ErrorBody)), security(("bearer" = [])))]
pub async fn delivery(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
) -> Result<Json<CaseSummary>, ApiError> {
    let case = workflow::deliver(&state, &caller, id).await?;
    Ok(Json(summary(&state.law, &case, (state.clock)())?))
}

/// Hand-over to the applicant after an identity check.
#[utoipa::path(post, path = "/api/v1/cases/{id}/handover", request_body = HandoverRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "OK", body = CaseSummary), (status = 403, description = "not allowed for this role", body = ErrorBody), (status = 409, description = "not allowed in the case's state, or changed meanwhile", body = ErrorBody)), security(("bearer" = [])))]
pub async fn handover(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<HandoverRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    let identity = identity_of(
        request.identity.as_deref(),
        request.identity_checked,
        request.digital_code,
        request
            .representative
            .map(|person| (person.name, person.document, person.authority)),
    )?;
    let case = workflow::hand_over(&state, &caller, id, identity).await?;
    Ok(Json(summary(&state.law, &case, (state.clock)())?))
}

/// Parameters of an upload.
#[derive(Debug, Deserialize, IntoParams)]
pub struct UploadQuery {
    /// Document type code (catalogue §6, §8), e.g. `identity_document`.
    #[serde(rename = "type")]
    pub document_type: String,
}

/// Upload a document of a case: the raw bytes of a PDF, JPEG or PNG (at most 10 MiB), checked by
/// their content, kept with their SHA-256.
#[utoipa::path(post, path = "/api/v1/cases/{id}/documents", params(("id" = i64, Path, description = "case id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, description = "stored", body = DocumentView), (status = 404, description = "not found", body = ErrorBody),
        (status = 413, description = "larger than 10 MiB", body = ErrorBody), (status = 415, description = "not a PDF, JPEG or PNG", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn upload_document(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    Query(query): Query<UploadQuery>,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let document_type: ruqsat_domain::codes::DocumentType = query
        .document_type
        .parse()
        .map_err(|error: ruqsat_domain::codes::UnknownCode| ApiError::invalid("type", error.to_string()))?;
    let case = state.store.case(id).await?.ok_or(ApiError::NotFound)?;
    let allowed = match caller.role {
        Role::Integration(channel) => case.channel == channel,
        Role::Operator => case.channel == ruqsat_domain::codes::Channel::StateCorporation,
        Role::Officer | Role::Supervisor => caller.sees_region(case.region),
        Role::Auditor | Role::Administrator | Role::BorderService => false,
    };
    if !allowed {
        return Err(ApiError::NotFound);
    }
    let content = axum::body::to_bytes(body, MAX_DOCUMENT_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(format!("a document may have at most {MAX_DOCUMENT_BYTES} bytes")))?;
    if content.is_empty() {
        return Err(ApiError::invalid("body", "empty document"));
    }
    // Parsing a hostile file can take a while: off the async runtime.
    let (content, inspected) = crate::uploads::inspect_off_runtime(content.to_vec()).await?;
    let media_type = inspected.map_err(|rejection| match rejection {
        crate::uploads::Rejection::TooManyPixels { .. } | crate::uploads::Rejection::Bomb => {
            ApiError::TooLarge(rejection.to_string())
        }
        crate::uploads::Rejection::Damaged(_) | crate::uploads::Rejection::Unparseable(_) => {
            ApiError::invalid("body", rejection.to_string())
        }
        crate::uploads::Rejection::NotAccepted | crate::uploads::Rejection::ActiveContent(_) => {
            ApiError::UnsupportedMedia(rejection.to_string())
        }
    })?;
    let sha256: String = sha2::Sha256::digest(&content)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let now = (state.clock)();
    let new = ruqsat_store::NewDocument {
        document_type: document_type.as_str(),
        media_type,
        sha256: &sha256,
        content: &content,
        uploaded_by: &caller.login,
    };
    let document_id = state.store.add_document(case.id, &new, now).await?;
    let view = DocumentView {
        id: document_id,
        document_type: document_type.as_str().to_owned(),
        media_type: media_type.to_owned(),
        size: content.len() as i64,
        sha256,
        uploaded_at: ruqsat_store::timestamp(now),
        uploaded_by: caller.login.clone(),
    };
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// Download a document of a case (staff of the case's region; audited read).
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/{document}",
    params(("id" = i64, Path, description = "case id"), ("document" = i64, Path, description = "document id")),
    responses((status = 200, description = "the bytes", content_type = "application/octet-stream"), (status = 404, description = "not found", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn download_document(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path((id, document)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    if matches!(caller.role, Role::Integration(_)) {
        return Err(ApiError::Forbidden("integrations do not read documents".into()));
    }
    let case = workflow::visible_case(&state, &caller, id).await?;
    let (media_type, content) = state
        .store
        .document_content(case.id, document)
        .await?
        .ok_or(ApiError::NotFound)?;
    state
        .store
        .audit(
            &caller.login,
            "read_document",
            Some(case.id),
            &format!("document {document}"),
            (state.clock)(),
        )
        .await?;
    Ok(([(header::CONTENT_TYPE, media_type)], content).into_response())
}

/// The state an applicant sees, in plain outcome words (as USCIS's case status): the internal
/// steps are one "under consideration"; a decided case says "permit issued", "permit ready",
/// "permit handed over" or "refused" (`refused`: the case's decision is a refusal), never a
/// neutral "handed over" that reads as a permit.
pub fn public_state(state: &str, refused: bool) -> &'static str {
    match (state.parse::<CaseState>(), refused) {
        (Ok(CaseState::NotAccepted), _) => "not_accepted",
        (Ok(CaseState::RefusalIssued | CaseState::Delivered | CaseState::HandedOver), true) => "refused",
        (Ok(CaseState::PermitIssued), _) => "permit_issued",
        (Ok(CaseState::RefusalIssued), false) => "refused",
        (Ok(CaseState::Delivered), false) => "permit_ready",
        (Ok(CaseState::HandedOver), false) => "permit_handed_over",
        (Ok(CaseState::Revoked), _) => "revoked",
        (Ok(CaseState::Hearing), _) => "hearing",
        (Ok(CaseState::Objected), _) => "objection_received",
        (
            Ok(
                CaseState::Submitted
                | CaseState::Accepted
                | CaseState::ChecksRunning
                | CaseState::ChecksPending
                | CaseState::ChecksDone
                | CaseState::Proposed
                | CaseState::AwaitingSignature,
            )
            | Err(_),
            _,
        ) => "under_consideration",
    }
}

/// Whether the decision of `case` is a refusal.
pub fn refused(case: &CaseRow) -> Result<bool, ApiError> {
    Ok(records::DecisionRecord::read(case)?.is_some_and(|decision| decision.outcome == records::Decided::Refuse))
}

/// The status of an application, by its number and the applicant's passport number or IIN (no
/// login; nothing else about the case is revealed).
#[utoipa::path(post, path = "/api/v1/status", request_body = StatusQuery,
    responses((status = 200, description = "OK", body = StatusResponse), (status = 404, description = "not found", body = ErrorBody),
        (status = 429, description = "too many lookups from this address (Retry-After)", body = ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    JsonBody(query): JsonBody<StatusQuery>,
) -> Result<Json<StatusResponse>, ApiError> {
    state.metrics.status_lookups.fetch_add(1, Ordering::Relaxed);
    let case = applicants_case(&state, &query.number, &query.document).await?;
    let events = state.store.events(case.id).await?;
    let queries = state.store.queries(case.id).await?;
    let decision = records::DecisionRecord::read(&case)?;
    let (suspended_days, _) = ruqsat_cases::procedure::term_days(&state, &case)?;
    let hearing = decision
        .as_ref()
        .filter(|_| matches!(case.state, CaseState::Hearing | CaseState::Objected))
        .and_then(|decision| {
            decision.hearing.as_ref().map(|hearing| HearingStatus {
                grounds: decision.grounds.clone(),
                reasoning: hearing.preliminary_reason.clone(),
                object_until: hearing.until.to_string(),
                objection_received_at: hearing
                    .objection
                    .as_ref()
                    .map(|objection| local_text(&state.law, objection.received_at)),
                how: "POST /api/v1/status/objection with the number, the document and the text; or the status page; or at the police body".into(),
            })
        });
    let appeal = decision
        .as_ref()
        .filter(|_| {
            matches!(
                case.state,
                CaseState::RefusalIssued | CaseState::Delivered | CaseState::HandedOver | CaseState::Revoked
            )
        })
        .and_then(|decision| decision.appeal.as_ref())
        .map(|appeal| AppealStatus {
            route: appeal.how.clone(),
            until: appeal.until.to_string(),
            from_delivery: appeal.delivered,
        });
    let read_by = ruqsat_cases::tracker::staff_reads(&state, &case)
        .await?
        .into_iter()
        .map(|read| StaffReadView {
            at: kazakh_instant(&state.law, Some(&read.at)).unwrap_or(read.at),
            action: read.action,
            role: read.role,
            region: read.region,
        })
        .collect();
    let refusal = refused(&case)?;
    Ok(Json(StatusResponse {
        read_by,
        suspended_days,
        hearing,
        appeal,
        number: case.number,
        service: case.service.as_str().to_owned(),
        state: public_state(case.state.as_str(), refusal).into(),
        due_at: case.due_at.map(|due| local_text(&state.law, due)),
        history: {
            // Internal steps (checks, proposal, signatures) are not the applicant's business:
            // only the public states, each once, in Kazakhstan time.
            let mut history: Vec<StatusEvent> = Vec::new();
            for event in events {
                let public = public_state(&event.to_state, refusal);
                if history.last().is_none_or(|last| last.state != public) {
                    history.push(StatusEvent {
                        at: kazakh_instant(&state.law, Some(&event.at)).unwrap_or(event.at),
                        state: public.into(),
                    });
                }
            }
            history
        },
        registries_asked: queries
            .into_iter()
            .map(|query| RegistryAsked {
                registry: query.registry,
                purpose: query.purpose,
                legal_basis: ruqsat_i18n::legal_basis(ruqsat_i18n::Lang::En, &query.legal_basis),
                at: query.at,
            })
            .collect(),
    }))
}

/// The case of application `number` when `document` is its applicant's passport number or IIN;
/// otherwise not found (the same answer whether the number or the document is wrong).
pub async fn applicants_case(state: &AppState, number: &str, document: &str) -> Result<CaseRow, ApiError> {
    let case = state
        .store
        .case_by_number(number.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    let document = document.trim().to_ascii_uppercase();
    if document.is_empty()
        || (case.passport_number.to_ascii_uppercase() != document && case.iin.as_deref() != Some(document.as_str()))
    {
        return Err(ApiError::NotFound);
    }
    Ok(case)
}

/// Verification of a permit by its number (no login): valid, revoked or unknown.
#[utoipa::path(get, path = "/api/v1/permits/{number}", params(("number" = String, Path, description = "permit number")),
    responses((status = 200, description = "OK", body = PermitStatus)))]
pub async fn verify_permit(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<PermitStatus>, ApiError> {
    state.metrics.verifications.fetch_add(1, Ordering::Relaxed);
    Ok(Json(permit_status(&state, &number).await?))
}

/// The public keys that verify this installation's permit seals (Ed25519, base64url): the current
/// key and every earlier one, so that a permit can be verified offline, also after a rotation
/// (`ruqsat permit verify --public-keys FILE`).
#[utoipa::path(get, path = "/api/v1/permit-keys",
    responses((status = 200, description = "the published keys: {\"keys\": [{\"id\", \"algorithm\", \"public_key\", \"created_at\"}]}", body = Object)))]
pub async fn permit_keys(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        state.keyring.to_json(),
    )
        .into_response()
}

/// The certificates that verify the permits' ICAO visible digital seals (`docs/VDS.md`): the
/// installation's country signing CA and every seal signer it issued, as a PEM bundle, so that a
/// permit's DataMatrix is verified offline, also after a rotation (`ruqsat permit verify
/// --certificates FILE`).
#[utoipa::path(get, path = "/api/v1/permit-certificates",
    responses((status = 200, description = "the published certificates (PEM)", content_type = "application/pem-certificate-chain", body = String)))]
pub async fn permit_certificates(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pem-certificate-chain"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        state.vds_certificates.to_pem(),
    )
        .into_response()
}

/// Whether permit `number` is valid, revoked, expired, not yet valid or unknown, today.
pub async fn permit_status(state: &AppState, number: &str) -> Result<PermitStatus, ApiError> {
    let standing =
        ruqsat_cases::permits::standing_on(&state.store, state.law.local_date((state.clock)()), number).await?;
    Ok(PermitStatus {
        status: standing.status.as_str().into(),
        service: standing.service.map(|service| service.as_str().to_owned()),
        valid_from: standing.valid_from.map(|date| date.to_string()),
        valid_until: standing.valid_until.map(|date| date.to_string()),
    })
}

/// Health: the process runs and the database takes a write (one small committed change), so a
/// database that answers reads but cannot commit (a full disk) is reported, with 503.
#[utoipa::path(get, path = "/health", responses((status = 200, description = "OK", body = Health), (status = 503, description = "the database does not take writes", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Response {
    let checked = state.store.check_writable((state.clock)()).await;
    let (status, reason) = match &checked {
        Ok(()) => (StatusCode::OK, None),
        Err(error) => {
            tracing::error!(error = %error, "health: the database does not take writes");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Some("the database does not take writes".to_owned()),
            )
        }
    };
    (
        status,
        Json(Health {
            status: if checked.is_ok() { "ok" } else { "degraded" }.into(),
            database: checked.is_ok(),
            reason,
        }),
    )
        .into_response()
}

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus text exposition", content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> Result<Response, ApiError> {
    let mut text = String::new();
    let counters = [
        (
            "ruqsat_applications_total",
            "Applications submitted (new cases).",
            &state.metrics.applications,
        ),
        (
            "ruqsat_status_lookups_total",
            "Public status lookups.",
            &state.metrics.status_lookups,
        ),
        (
            "ruqsat_permit_verifications_total",
            "Permit verifications.",
            &state.metrics.verifications,
        ),
        (
            "ruqsat_cases_processed_total",
            "Cases processed by the background worker.",
            &state.metrics.processed,
        ),
    ];
    for (name, help, counter) in counters {
        text.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}\n",
            counter.load(Ordering::Relaxed)
        ));
    }
    text.push_str("# HELP ruqsat_cases Cases by state.\n# TYPE ruqsat_cases gauge\n");
    for (case_state, count) in state.store.count_by_state().await? {
        text.push_str(&format!("ruqsat_cases{{state=\"{case_state}\"}} {count}\n"));
    }
    text.push_str(&format!("# HELP ruqsat_registry_queries_total Registry queries asked.\n# TYPE ruqsat_registry_queries_total counter\nruqsat_registry_queries_total {}\n", state.registries.query_count()));
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response())
}

/// No such route: the JSON error for the API and for clients that ask for JSON, a page in the
/// reader's language for people.
async fn not_found(State(state): State<AppState>, uri: axum::http::Uri, headers: HeaderMap) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json") && !accept.contains("text/html"));
    if uri.path().starts_with("/api/") || wants_json {
        return ApiError::NotFound.into_response();
    }
    crate::pages::not_found_page(&state, &headers, uri.path())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// The OpenAPI document.
#[utoipa::path(get, path = "/api/openapi.json", responses((status = 200, description = "this OpenAPI 3 document", content_type = "application/json")))]
pub async fn openapi_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        ApiDoc::openapi().to_pretty_json().unwrap_or_default(),
    )
        .into_response()
}

/// A browsable page of the API, rendered from the OpenAPI document (no script, no internet).
#[utoipa::path(get, path = "/api/docs", responses((status = 200, description = "an HTML page", content_type = "text/html")))]
pub async fn docs() -> Html<String> {
    let document = ApiDoc::openapi();
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ruqsat API</title>\
         <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}\
         code{background:#eee;padding:0 .2rem}section{border-top:1px solid #ccc;padding:.5rem 0}</style></head><body>\
         <h1>Ruqsat API</h1><p>Machine-readable: <a href=\"/api/openapi.json\">/api/openapi.json</a> (OpenAPI 3).</p>",
    );
    for (path, item) in &document.paths.paths {
        let operations = [("GET", &item.get), ("POST", &item.post), ("DELETE", &item.delete)];
        for (method, operation) in operations {
            if let Some(operation) = operation {
                let summary = operation
                    .summary
                    .clone()
                    .or_else(|| operation.description.clone())
                    .unwrap_or_default();
                html.push_str(&format!(
                    "<section><h2><code>{method} {}</code></h2><p>{}</p></section>",
                    escape(path),
                    escape(&summary)
                ));
            }
        }
    }
    html.push_str("</body></html>");
    Html(html)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
