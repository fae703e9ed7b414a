//! `ruqsat sms-gateway serve`: a simulated HTTP SMS gateway, the counterpart of
//! `ruqsat_cases::gateways::SmsGateway` in demos and tests. `POST /messages` with
//! `{"to", "text", "reference"}` and an `Idempotency-Key` answers `201` for a new message and `200`
//! for a key already received (nothing sent twice); `GET /messages` lists what arrived. A token,
//! when given, is required as `Authorization: Bearer`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// One message received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsMessage {
    /// The phone number.
    pub to: String,
    /// The text.
    pub text: String,
    /// The sender's reference (the event's key).
    #[serde(default)]
    pub reference: Option<String>,
}

#[derive(Debug, Default)]
struct Received {
    keys: HashSet<String>,
    messages: Vec<SmsMessage>,
}

/// The simulator's state: what arrived, and the token it wants.
#[derive(Debug, Clone, Default)]
pub struct SmsSimulator {
    received: Arc<Mutex<Received>>,
    token: Option<Arc<str>>,
    out: Option<Arc<std::path::Path>>,
}

impl SmsSimulator {
    /// A simulator wanting `token` (if any), appending what arrives to `out` (JSON lines).
    pub fn new(token: Option<String>, out: Option<std::path::PathBuf>) -> SmsSimulator {
        SmsSimulator {
            received: Arc::default(),
            token: token.map(Arc::from),
            out: out.map(Arc::from),
        }
    }

    /// The messages received so far.
    pub fn messages(&self) -> Vec<SmsMessage> {
        self.received
            .lock()
            .map(|received| received.messages.clone())
            .unwrap_or_default()
    }

    /// Its routes.
    pub fn router(self) -> Router {
        Router::new()
            .route("/messages", post(receive).get(list))
            .with_state(self)
    }
}

async fn receive(State(simulator): State<SmsSimulator>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    if let Some(token) = &simulator.token {
        let given = headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        if given != Some(token) {
            return (
                StatusCode::UNAUTHORIZED,
                Json(json!({ "error": "a bearer token is required" })),
            )
                .into_response();
        }
    }
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .filter(|key| !key.is_empty())
        .map(str::to_owned)
    else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": "Idempotency-Key is required" })),
        )
            .into_response();
    };
    let message: SmsMessage = match serde_json::from_slice(&body) {
        Ok(message) => message,
        Err(error) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "error": error.to_string() })),
            )
                .into_response();
        }
    };
    if message.to.trim().is_empty() || message.text.is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": "to and text are required" })),
        )
            .into_response();
    }
    let Ok(mut received) = simulator.received.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if !received.keys.insert(key.clone()) {
        return (StatusCode::OK, Json(json!({ "id": key, "duplicate": true }))).into_response();
    }
    if let Some(out) = &simulator.out {
        use std::io::Write as _;
        let line = serde_json::to_string(&message).unwrap_or_default();
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(out)
            .and_then(|mut file| writeln!(file, "{line}"));
        if written.is_err() {
            received.keys.remove(&key);
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    received.messages.push(message);
    (StatusCode::CREATED, Json(json!({ "id": key }))).into_response()
}

async fn list(State(simulator): State<SmsSimulator>) -> Json<Vec<SmsMessage>> {
    Json(simulator.messages())
}
