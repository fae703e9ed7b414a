//! Who is calling: staff and channel integrations authenticate with a bearer token (a session or
//! an integration's token with an end, stored as a SHA-256 digest); the roles and the caller are `ruqsat_cases::actors`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
pub use ruqsat_cases::actors::{Caller, DUMMY_HASH, Role, SESSION_HOURS, hash_password, token_digest, verify_password};

use crate::AppState;
use crate::error::ApiError;

/// The authenticated caller of an API route (an extractor: 401 without a valid token).
#[derive(Debug, Clone)]
pub struct Auth(pub Caller);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(ApiError::Unauthenticated)?;
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthenticated)?;
        let digest = token_digest(token.trim());
        // Every token is a session with an end: a person's sign-in, or an integration's token.
        let staff = state
            .store
            .staff_by_session(&digest, (state.clock)())
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        Ok(Auth(Caller::of_staff(
            staff.login,
            &staff.role,
            staff.region.as_deref(),
        )?))
    }
}
