//! The signed HTTP calls of delivery by integration (`ruqsat_cases::deliveries`), as the Standard
//! Webhooks specification writes them, and `ruqsat channels serve`: a simulator of the receiving
//! systems (the State Corporation's, the portal's personal cabinet) for demos and tests.
//!
//! A call is a `POST` of a JSON body with `webhook-id` (also `Idempotency-Key`),
//! `webhook-timestamp` (Unix seconds) and `webhook-signature`: `v1,` and the base64 of
//! HMAC-SHA256 of `id.timestamp.body` with the receiver's shared secret.
//!
//! The simulator takes `POST /state_corporation/deliveries` and `POST /portal/deliveries`: it
//! checks the signature (401 otherwise) and the timestamp (within five minutes of its clock), keeps
//! each id once (`200 {"duplicate": true}` for a repeat: nothing received twice), appends what it
//! received to its file (read again at start, so that a restarted receiver still recognises
//! repeats), and lists it at `GET /received`.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The headers that sign `body` for a receiver with `secret`.
pub fn signature_headers(id: &str, timestamp: i64, body: &str, secret: &[u8]) -> [(&'static str, String); 4] {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret);
    let tag = ring::hmac::sign(&key, format!("{id}.{timestamp}.{body}").as_bytes());
    [
        ("webhook-id", id.to_owned()),
        ("webhook-timestamp", timestamp.to_string()),
        (
            "webhook-signature",
            format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(tag.as_ref())),
        ),
        ("idempotency-key", id.to_owned()),
    ]
}

/// Whether `signature` (the header: one or more space-separated `v1,...`) signs `body` with
/// `secret` (compared in constant time).
pub fn signature_valid(id: &str, timestamp: &str, body: &[u8], signature: &str, secret: &[u8]) -> bool {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret);
    let mut content = format!("{id}.{timestamp}.").into_bytes();
    content.extend_from_slice(body);
    signature.split(' ').any(|candidate| {
        candidate
            .strip_prefix("v1,")
            .and_then(|encoded| base64::engine::general_purpose::STANDARD.decode(encoded).ok())
            .is_some_and(|tag| ring::hmac::verify(&key, &content, &tag).is_ok())
    })
}

/// One delivery received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// `state_corporation` or `portal`.
    pub receiver: String,
    /// Its `webhook-id`.
    pub id: String,
    /// The body.
    pub body: Value,
}

/// The simulator's clock.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Default)]
struct Book {
    ids: HashSet<String>,
    received: Vec<Received>,
}

/// The receiving systems' simulator.
#[derive(Clone)]
pub struct ChannelsSimulator {
    book: Arc<Mutex<Book>>,
    secret: Arc<[u8]>,
    out: Option<Arc<std::path::Path>>,
    clock: Clock,
    lose_answers: Arc<AtomicUsize>,
}

impl std::fmt::Debug for ChannelsSimulator {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("ChannelsSimulator").finish_non_exhaustive()
    }
}

const RECEIVERS: [&str; 2] = ["state_corporation", "portal"];

impl ChannelsSimulator {
    /// A simulator verifying with `secret`, keeping what arrives in `out` (JSON lines, read again
    /// at start), with `clock` for the timestamps.
    pub fn new(secret: &[u8], out: Option<std::path::PathBuf>, clock: Clock) -> ChannelsSimulator {
        let mut book = Book::default();
        if let Some(path) = &out {
            for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
                if let Ok(received) = serde_json::from_str::<Received>(line)
                    && book.ids.insert(received.id.clone())
                {
                    book.received.push(received);
                }
            }
        }
        ChannelsSimulator {
            book: Arc::new(Mutex::new(book)),
            secret: Arc::from(secret),
            out: out.map(Arc::from),
            clock,
            lose_answers: Arc::default(),
        }
    }

    /// What was received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.book.lock().map(|book| book.received.clone()).unwrap_or_default()
    }

    /// The next `count` deliveries are kept but answered `503`, as when the answer is lost on the
    /// way back: the sender tries again, and the repeat must be recognised.
    pub fn lose_answers(&self, count: usize) {
        self.lose_answers.store(count, Ordering::Relaxed);
    }

    /// Its routes.
    pub fn router(self) -> Router {
        Router::new()
            .route("/{receiver}/deliveries", post(receive))
            .route("/received", get(list))
            .with_state(self)
    }
}

fn refuse(status: StatusCode, error: &str) -> Response {
    (status, Json(json!({ "error": error }))).into_response()
}

async fn receive(
    State(simulator): State<ChannelsSimulator>,
    Path(receiver): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !RECEIVERS.contains(&receiver.as_str()) {
        return refuse(StatusCode::NOT_FOUND, "no such receiver");
    }
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or("");
    let (id, timestamp, signature) = (
        header("webhook-id"),
        header("webhook-timestamp"),
        header("webhook-signature"),
    );
    if id.is_empty() || !signature_valid(id, timestamp, &body, signature, &simulator.secret) {
        return refuse(StatusCode::UNAUTHORIZED, "the signature does not verify");
    }
    let now = (simulator.clock)().timestamp();
    if timestamp.parse::<i64>().map_or(true, |at| (now - at).abs() > 300) {
        return refuse(StatusCode::UNAUTHORIZED, "the timestamp is not within five minutes");
    }
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "the body is not JSON");
    };
    let Ok(mut book) = simulator.book.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if book.ids.contains(id) {
        return (StatusCode::OK, Json(json!({ "id": id, "duplicate": true }))).into_response();
    }
    let received = Received {
        receiver,
        id: id.to_owned(),
        body: value,
    };
    if let Some(out) = &simulator.out {
        use std::io::Write as _;
        let line = serde_json::to_string(&received).unwrap_or_default();
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(out)
            .and_then(|mut file| writeln!(file, "{line}"));
        if written.is_err() {
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    book.ids.insert(id.to_owned());
    book.received.push(received);
    let lose = simulator
        .lose_answers
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(1))
        .is_ok();
    if lose {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "kept, but the answer is lost (simulated)",
        );
    }
    (StatusCode::OK, Json(json!({ "id": id }))).into_response()
}

async fn list(State(simulator): State<ChannelsSimulator>) -> Json<Vec<Received>> {
    Json(simulator.received())
}
