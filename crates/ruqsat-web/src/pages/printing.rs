//! The documents of a case as PDF: the permit (sealed QR code), the reasoned refusal, the
//! decision to revoke and the filled questionnaire, assembled by `ruqsat_cases::documents` from the typed records.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use ruqsat_cases::documents;
use ruqsat_store::CaseRow;

use crate::AppState;
use crate::error::ApiError;

/// How the browser treats a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown (to print).
    Inline,
    /// Saved (the applicant's download).
    Attachment,
}

/// A PDF response.
pub fn pdf_response(pdf: Vec<u8>, file_name: &str, disposition: Disposition) -> Response {
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let disposition = format!("{kind}; filename=\"{}\"", file_name.replace(['"', '\r', '\n'], ""));
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response()
}

/// The permit of a case as PDF with its sealed QR code, its visible digital seal and the holder's
/// photograph (not found when it issued none).
pub async fn permit_pdf(state: &AppState, case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    documents::permit_pdf(state, case).await?.ok_or(ApiError::NotFound)
}

/// The reasoned refusal of a case as PDF (not found when it was not refused).
pub async fn refusal_pdf(state: &AppState, case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    documents::refusal_pdf(state, case).await?.ok_or(ApiError::NotFound)
}

/// The decision to revoke the permit of a case as PDF (not found when it was not revoked).
pub async fn revocation_pdf(state: &AppState, case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    let submitted_on = state.law.local_date(case.submitted_at).to_string();
    let events = state.store.events(case.id).await?;
    let revoked_at = events
        .iter()
        .rev()
        .find(|event| event.action == ruqsat_domain::case::CaseAction::Revoke.as_str())
        .ok_or(ApiError::NotFound)?;
    let revoked_on = super::kazakh_time(&state.law, &revoked_at.at);
    let revoked_on = revoked_on.get(..10).unwrap_or(&revoked_on).to_owned();
    let data = documents::revocation_data(state, case, submitted_on, revoked_on)
        .await?
        .ok_or(ApiError::NotFound)?;
    ruqsat_documents::refusal::render(&data).map_err(|error| ApiError::Internal(error.to_string()))
}

/// The filled questionnaire of a case as PDF.
pub fn questionnaire_pdf(state: &AppState, case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    let data = documents::questionnaire_data(case, super::local_time(&state.law, case.submitted_at))?;
    ruqsat_documents::questionnaire::render(&data).map_err(|error| ApiError::Internal(error.to_string()))
}
