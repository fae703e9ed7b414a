//! The border service's feed of crossings through the API (`POST /api/v1/crossings`): the same
//! format and rules as `ruqsat crossings import` (`ruqsat_contract::crossings`), for the border
//! service's system (role `integration:border`).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Json, http::header};
use ruqsat_contract::crossings::{FeedFormat, Rejected, read_feed};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{Auth, Role};
use crate::error::ApiError;

/// Largest feed accepted in one request; larger feeds are sent in parts (each part is
/// idempotent: a crossing sent twice is stored once).
pub const MAX_FEED_BYTES: usize = 32 * 1024 * 1024;

/// A row of the feed that was not taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct RejectedRow {
    /// Line number in the body (1 = the first line, the CSV header included).
    pub line: u64,
    /// Why.
    pub reason: String,
}

/// What was done with a feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedReport {
    /// Lines read.
    pub lines: u64,
    /// Crossings taken (valid rows).
    pub taken: u64,
    /// Of those, stored now (the rest were already stored).
    pub added: u64,
    /// Every row not taken, with its line and reason.
    pub rejected: Vec<RejectedRow>,
}

/// Send border crossings (CSV with a header, `text/csv`; or JSON Lines, `application/x-ndjson`),
/// at most 32 MiB per request. Each valid crossing is stored once however often it is sent; each
/// bad row is reported with its line and reason, and the good rows are stored all the same.
#[utoipa::path(post, path = "/api/v1/crossings",
    request_body(content = String, content_type = "text/csv", description = "the feed: CSV with a header, or JSON Lines with Content-Type application/x-ndjson"),
    responses((status = 200, description = "stored; rejected rows listed", body = FeedReport),
        (status = 403, description = "not the border service", body = crate::error::ErrorBody),
        (status = 413, description = "larger than 32 MiB", body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn receive(
    State(state): State<AppState>,
    Auth(caller): Auth,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Json<FeedReport>, ApiError> {
    if caller.role != Role::BorderService {
        return Err(ApiError::Forbidden(
            "the crossings feed is sent by the border service's system".into(),
        ));
    }
    let format = match headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()) {
        Some(kind) if kind.starts_with("application/x-ndjson") || kind.starts_with("application/jsonl") => {
            FeedFormat::JsonLines
        }
        Some(kind) if kind.starts_with("text/csv") => FeedFormat::Csv,
        _ => {
            return Err(ApiError::UnsupportedMedia(
                "send the feed as text/csv (with a header) or application/x-ndjson".into(),
            ));
        }
    };
    let content = axum::body::to_bytes(body, MAX_FEED_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(format!("a feed may have at most {MAX_FEED_BYTES} bytes per request")))?;
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let lines = read_feed(
        content.as_ref(),
        format,
        |record| rows.push(ruqsat_cases::feed::crossing_row(record)),
        |Rejected { line, reason }| rejected.push(RejectedRow { line, reason }),
    )
    .map_err(|error| ApiError::invalid("body", error.to_string()))?;
    let added = ruqsat_cases::feed::store_crossings(&state, &caller, &rows, rejected.len()).await?;
    Ok(Json(FeedReport {
        lines,
        taken: rows.len() as u64,
        added,
        rejected,
    }))
}
