//! The administrative procedure through the API: the applicant's objection to a preliminary
//! refusal (by a channel's system, by staff, or by the applicant with the number and passport),
//! changes of the term, and appeals. The rules live in `ruqsat_cases::procedure`.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use ruqsat_cases::procedure::{self, ObjectionBy};
use ruqsat_cases::records::{DecisionRecord, TermRecord};
use ruqsat_domain::case::CaseState;
use ruqsat_domain::codes::AppealBody;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{CaseSummary, applicants_case, summary};
use crate::auth::Auth;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body as JsonBody, PathParams as Path};

/// An objection to a preliminary refusal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ObjectionRequest {
    /// What is wrong in the preliminary decision (at most 4000 characters).
    pub text: String,
    /// Documents of the case (their SHA-256, uploaded first to `/api/v1/cases/{id}/documents`).
    #[serde(default)]
    pub documents: Vec<String>,
}

/// The applicant's own objection (no login: the application number and the passport or IIN).
#[derive(Debug, Deserialize, ToSchema)]
pub struct PublicObjectionRequest {
    /// Application number.
    pub number: String,
    /// Passport number or IIN.
    pub document: String,
    /// What is wrong in the preliminary decision.
    pub text: String,
}

/// The objection of a case in `hearing`, brought by a channel's system or recorded by staff.
#[utoipa::path(post, path = "/api/v1/cases/{id}/objection", request_body = ObjectionRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "recorded: the case is `objected`", body = CaseSummary), (status = 404, description = "not found", body = ErrorBody),
        (status = 409, description = "no preliminary refusal open to objection", body = ErrorBody), (status = 422, description = "invalid input; the error names the field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn objection(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<ObjectionRequest>,
) -> Result<Json<CaseSummary>, ApiError> {
    // Who may object on the case is checked first, then the documents (`procedure::object`).
    let case = procedure::object(
        &state,
        ObjectionBy::Caller(&caller),
        id,
        &request.text,
        request.documents,
    )
    .await?;
    Ok(Json(summary(&state.law, &case, (state.clock)())?))
}

/// The applicant objects to the preliminary refusal of their application.
#[utoipa::path(post, path = "/api/v1/status/objection", request_body = PublicObjectionRequest,
    responses((status = 200, description = "recorded", body = StatusObjection), (status = 404, description = "not found", body = ErrorBody),
        (status = 409, description = "no preliminary refusal open to objection", body = ErrorBody), (status = 422, description = "invalid input", body = ErrorBody),
        (status = 429, description = "too many lookups from this address (Retry-After)", body = ErrorBody)))]
pub async fn public_objection(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<PublicObjectionRequest>,
) -> Result<Json<StatusObjection>, ApiError> {
    let case = applicants_case(&state, &request.number, &request.document).await?;
    if case.state != CaseState::Hearing {
        return Err(ApiError::Conflict(
            "no preliminary decision of this application is open to objection".into(),
        ));
    }
    let case = procedure::object(&state, ObjectionBy::Applicant, case.id, &request.text, Vec::new()).await?;
    Ok(Json(StatusObjection {
        number: case.number,
        state: crate::api::public_state(case.state.as_str(), false).into(),
    }))
}

/// The answer to the applicant's objection.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusObjection {
    /// Application number.
    pub number: String,
    /// The public state (`objection_received`).
    pub state: String,
}

/// A change of the term.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TermChangeRequest {
    /// `suspend`, `resume` (end the current suspension today) or `extend`.
    pub action: String,
    /// A reason code: `approving_body`, `missing_document`, `registry_unavailable`.
    pub reason: Option<String>,
    /// A suspension's first day (YYYY-MM-DD, Kazakhstan).
    pub from: Option<String>,
    /// A suspension's last day.
    pub until: Option<String>,
    /// An extension's days (calendar days for a PRP, working days for a TRP).
    pub days: Option<u32>,
    /// A note.
    pub note: Option<String>,
}

/// The term of a case: its due time, the days that did not run, the changes.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermView {
    /// The case.
    pub case: CaseSummary,
    /// Days the term did not run (calendar days for a PRP, working days for a TRP).
    pub suspended_days: u32,
    /// Days added by extensions.
    pub extension_days: u32,
    /// The changes, as stored.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
}

/// Suspends, resumes or extends the term of an open case; the due time is recomputed.
#[utoipa::path(post, path = "/api/v1/cases/{id}/term", request_body = TermChangeRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "changed", body = TermView), (status = 404, description = "not found", body = ErrorBody),
        (status = 409, description = "the case is not open", body = ErrorBody), (status = 422, description = "invalid input; the error names the field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn term(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<TermChangeRequest>,
) -> Result<Json<TermView>, ApiError> {
    let change = crate::pages::procedure::term_request(
        &request.action,
        request.reason.as_deref(),
        request.from.as_deref(),
        request.until.as_deref(),
        request.days,
    )?;
    let case = procedure::change_term(&state, &caller, id, change, request.note).await?;
    term_view(&state, &case)
}

/// The term of a case (staff of its region).
#[utoipa::path(get, path = "/api/v1/cases/{id}/term", params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "OK", body = TermView), (status = 404, description = "not found", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn term_of(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
) -> Result<Json<TermView>, ApiError> {
    if matches!(caller.role, crate::auth::Role::Integration(_)) {
        return Err(ApiError::Forbidden("integrations do not read cases".into()));
    }
    let case = ruqsat_cases::workflow::visible_case(&state, &caller, id).await?;
    term_view(&state, &case)
}

fn term_view(state: &AppState, case: &ruqsat_store::CaseRow) -> Result<Json<TermView>, ApiError> {
    let (suspended_days, extension_days) = procedure::term_days(state, case)?;
    let term = TermRecord::read(case)?;
    Ok(Json(TermView {
        case: summary(&state.law, case, (state.clock)())?,
        suspended_days,
        extension_days,
        changes: serde_json::to_value(&term.changes).unwrap_or_default(),
    }))
}

/// An appeal received.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AppealRequest {
    /// `higher_body`, `quality_body` or `court`.
    pub body: String,
    /// The day it was filed (YYYY-MM-DD).
    pub filed_on: String,
}

/// The outcome of the appeal awaiting one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AppealOutcomeRequest {
    /// Whether the act stands (`false`: annulled; an annulled refusal goes back to the officer).
    pub upheld: bool,
    /// The appeal body's decision (number and date, or a summary).
    pub note: String,
}

/// The appeal of a case: route, last day, appeals received.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealView {
    /// The case.
    pub case: CaseSummary,
    /// The appeal record (route, months, last day, from, received appeals with outcomes).
    #[schema(value_type = Object)]
    pub appeal: serde_json::Value,
}

/// Records an appeal received against the refusal or revocation of a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/appeals", request_body = AppealRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "recorded", body = AppealView), (status = 404, description = "not found", body = ErrorBody),
        (status = 409, description = "no act to appeal", body = ErrorBody), (status = 422, description = "invalid input", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn appeal(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<AppealRequest>,
) -> Result<Json<AppealView>, ApiError> {
    let body: AppealBody = request
        .body
        .parse()
        .map_err(|error: ruqsat_domain::codes::UnknownCode| ApiError::invalid("body", error.to_string()))?;
    let filed_on: NaiveDate = request
        .filed_on
        .trim()
        .parse()
        .map_err(|_| ApiError::invalid("filed_on", "a date YYYY-MM-DD"))?;
    let case = procedure::receive_appeal(&state, &caller, id, body, filed_on).await?;
    appeal_view(&state, &case)
}

/// Records the outcome of the appeal awaiting one (the supervisor).
#[utoipa::path(post, path = "/api/v1/cases/{id}/appeals/outcome", request_body = AppealOutcomeRequest, params(("id" = i64, Path, description = "case id")),
    responses((status = 200, description = "recorded", body = AppealView), (status = 404, description = "not found", body = ErrorBody),
        (status = 409, description = "no appeal awaits an outcome", body = ErrorBody), (status = 422, description = "invalid input", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn appeal_outcome(
    State(state): State<AppState>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<AppealOutcomeRequest>,
) -> Result<Json<AppealView>, ApiError> {
    let case = procedure::decide_appeal(&state, &caller, id, request.upheld, &request.note).await?;
    appeal_view(&state, &case)
}

fn appeal_view(state: &AppState, case: &ruqsat_store::CaseRow) -> Result<Json<AppealView>, ApiError> {
    let appeal = DecisionRecord::read(case)?.and_then(|decision| decision.appeal);
    Ok(Json(AppealView {
        case: summary(&state.law, case, (state.clock)())?,
        appeal: serde_json::to_value(appeal).unwrap_or_default(),
    }))
}
