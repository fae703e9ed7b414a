//! The one error type of the HTTP layer. Every error is JSON with a stable `code`, a `message`
//! and, for bad input, the `field`; internal errors are logged once and answered with a generic
//! 500 that reveals nothing.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ruqsat_cases::CaseError;
use ruqsat_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error answered to a client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the input is not a valid application or request; names the field.
    #[error("{field}: {message}")]
    Invalid {
        /// The field, as a path.
        field: String,
        /// What is wrong (English).
        message: String,
        /// The message saying it in the user's language, when there is one (pages use it).
        id: Option<&'static str>,
    },
    /// 401: no or an unknown token.
    #[error("authentication required")]
    Unauthenticated,
    /// 403: the caller's role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// 404: nothing here (also for a case of another region, so that existence does not leak).
    #[error("not found")]
    NotFound,
    /// 405: the path exists, the method does not.
    #[error("this method is not allowed on this path (see /api/docs)")]
    MethodNotAllowed,
    /// 413: the body is larger than allowed.
    #[error("{0}")]
    TooLarge(String),
    /// 415: the content is not of an accepted kind (checked by its bytes, not its name).
    #[error("{0}")]
    UnsupportedMedia(String),
    /// 409: the case is not in a state that allows this, or changed meanwhile.
    #[error("{0}")]
    Conflict(String),
    /// 429: too many failed sign-ins, or lookups from this address; try again after this many
    /// seconds.
    #[error("too many attempts from here; try again in {0} seconds")]
    TooManyRequests(u64),
    /// 500: a failure of ours; the detail goes to the log only.
    #[error("internal error")]
    Internal(String),
}

/// The JSON body of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable code: `bad_request` (control characters or NUL), `invalid_input`, `unauthenticated`, `forbidden`, `not_found`, `conflict`, `too_large`,
    /// `unsupported_media_type`, `method_not_allowed`, `too_many_requests`, `internal`.
    pub code: &'static str,
    /// What is wrong, in words.
    pub message: String,
    /// The field concerned, for `invalid_input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    /// Bad input on `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Invalid {
            field: field.into(),
            message: message.into(),
            id: None,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict => {
                ApiError::Conflict("the case was changed meanwhile; reload it and try again".into())
            }
            StoreError::LoginTaken(login) => ApiError::Invalid {
                field: "login".into(),
                message: format!("the login {login:?} is taken"),
                id: Some("invalid-login-taken"),
            },
            StoreError::IdempotencyMismatch => {
                ApiError::Conflict("the Idempotency-Key was already used for a different request".into())
            }
            StoreError::Url(_)
            | StoreError::Corrupt(_)
            | StoreError::Database(_)
            | StoreError::Migrate(_)
            | StoreError::AuditKey(_)
            | StoreError::AuditHead => ApiError::Internal(error.to_string()),
        }
    }
}

impl From<CaseError> for ApiError {
    fn from(error: CaseError) -> Self {
        match error {
            CaseError::Invalid { field, message, id } => ApiError::Invalid { field, message, id },
            CaseError::Forbidden(reason) => ApiError::Forbidden(reason),
            CaseError::NotFound => ApiError::NotFound,
            CaseError::Conflict(reason) => ApiError::Conflict(reason),
            CaseError::Store(error) => error.into(),
            CaseError::Unreadable { .. }
            | CaseError::Engine { .. }
            | CaseError::Sweep(_)
            | CaseError::Password(_)
            | CaseError::Document(_)
            | CaseError::Staff(_) => ApiError::Internal(error.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, field) = match &self {
            ApiError::Invalid { field, .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", Some(field.clone())),
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated", None),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", None),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found", None),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict", None),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large", None),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", None),
            ApiError::UnsupportedMedia(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", None),
            ApiError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests", None),
            ApiError::Internal(detail) => {
                tracing::error!(detail = ?detail, "internal error answered with 500");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", None)
            }
        };
        let message = match &self {
            ApiError::Invalid { message, .. } => message.clone(),
            ApiError::Unauthenticated
            | ApiError::Forbidden(_)
            | ApiError::NotFound
            | ApiError::Conflict(_)
            | ApiError::TooLarge(_)
            | ApiError::MethodNotAllowed
            | ApiError::UnsupportedMedia(_)
            | ApiError::TooManyRequests(_)
            | ApiError::Internal(_) => self.to_string(),
        };
        let mut response = (status, Json(ErrorBody { code, message, field })).into_response();
        if let ApiError::TooManyRequests(seconds) = self {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}
