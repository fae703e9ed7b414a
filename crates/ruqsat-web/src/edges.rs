//! What every request and response passes through, before any route: the rate limit of the
//! public lookups, the refusal of control characters in addresses and of NUL in bodies, and the
//! headers that keep answers with personal data out of caches and out of plain HTTP.

use std::net::{IpAddr, Ipv4Addr};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::{ApiError, ErrorBody};

/// 400 `bad_request` naming `field`: bytes no route accepts (the request is malformed, not an
/// application that is wrong).
fn bad_request(field: &str, message: &str) -> Response {
    (
        axum::http::StatusCode::BAD_REQUEST,
        axum::Json(ErrorBody {
            code: "bad_request",
            message: message.to_owned(),
            field: Some(field.to_owned()),
        }),
    )
        .into_response()
}

/// Whether a request is a public lookup of personal data (rate-limited).
fn is_public_lookup(method: &Method, path: &str, query: Option<&str>) -> bool {
    match path {
        "/status"
        | "/status/objection"
        | "/status/digital-document"
        | "/portal/cabinet"
        | "/portal/queue/book"
        | "/portal/queue/booking"
        | "/portal/queue/cancel" => method == Method::POST,
        // The verification page's form is not a lookup; a number, a seal or a file checked is.
        "/verify" => {
            method == Method::POST || query.is_some_and(|query| query.contains("number=") || query.contains("seal="))
        }
        "/api/v1/status" | "/api/v1/status/objection" | "/portal/cabinet/document" => true,
        _ => path.starts_with("/api/v1/permits/"),
    }
}

/// The rate limit of the public lookups (`ruqsat_cases::limits`): 429 with `Retry-After`.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_public_lookup(request.method(), request.uri().path(), request.uri().query()) {
        let address = crate::api::client_address(&state, request.headers(), request.extensions())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        if let Err(wait) = state.lookups.check(address) {
            return ApiError::TooManyRequests(wait.as_secs().max(1)).into_response();
        }
    }
    next.run(request).await
}

/// Refuses control characters in the address (path and query, decoded) and NUL in JSON and form
/// bodies with 400 `bad_request` naming where: no database sees them (PostgreSQL refuses NUL in text and would
/// answer 500), no log line or redirect carries them.
pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let decoded = |text: &str| percent_decoded(text).iter().any(|&byte| byte < 0x20 || byte == 0x7f);
    if decoded(uri.path()) {
        return bad_request("path", "control characters are not allowed in the address");
    }
    if uri.query().is_some_and(decoded) {
        return bad_request("query", "control characters are not allowed in the address");
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // The media type without parameters; JSON as axum's extractor takes it (`application/json`
    // or any `application/...+json`).
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let json = essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"));
    let form = essence == "application/x-www-form-urlencoded";
    // Read no more than the route takes: the crossing feed is large, everything else small.
    let limit = if uri.path() == "/api/v1/crossings" {
        crate::feed::MAX_FEED_BYTES
    } else {
        crate::api::MAX_APPLICATION_BYTES
    };
    if !json && !form {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return ApiError::TooLarge(format!("a request body here may have at most {limit} bytes")).into_response();
    };
    let nul = if json {
        // A raw NUL is not JSON at all; the escape `\u0000` is (and becomes a NUL in a string).
        bytes.contains(&0) || contains_ignore_case(&bytes, b"\\u0000")
    } else {
        bytes.contains(&0) || contains_ignore_case(&bytes, b"%00")
    };
    if nul {
        return bad_request("body", "NUL characters are not allowed");
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

/// `text` with `%xx` escapes decoded, as bytes (a malformed escape stays as it is).
fn percent_decoded(text: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(text).collect()
}

/// Headers of every answer: `nosniff`; `no-store` unless the route chose its caching (answers
/// with personal data must never sit in a shared or browser cache); HSTS when the public address
/// is HTTPS.
pub async fn response_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.public_url.starts_with("https://") {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_lookups_are_recognised() {
        assert!(is_public_lookup(&Method::POST, "/status", None));
        assert!(!is_public_lookup(&Method::GET, "/status", None));
        assert!(is_public_lookup(&Method::GET, "/api/v1/permits/KZ-1", None));
        assert!(is_public_lookup(&Method::POST, "/api/v1/status", None));
        assert!(!is_public_lookup(&Method::GET, "/officer", None));
        // The verification: its form is free, a number, a seal or a file checked counts.
        assert!(!is_public_lookup(&Method::GET, "/verify", None));
        assert!(is_public_lookup(&Method::GET, "/verify", Some("number=KZ-1")));
        assert!(is_public_lookup(&Method::GET, "/verify", Some("seal=RQ2.x")));
        assert!(is_public_lookup(&Method::POST, "/verify", Some("csrf=t")));
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(percent_decoded("a%00b+%2F"), b"a\0b+/".to_vec());
        assert_eq!(percent_decoded("%zz%4"), b"%zz%4".to_vec());
    }
}
