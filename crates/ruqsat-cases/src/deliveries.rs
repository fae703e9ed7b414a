//! Delivery by integration: what the State Corporation's system and the portal's personal
//! cabinet are told about the cases that came through them (L94–L106 of the order: the result
//! goes to the State Corporation for hand-over, or to the personal cabinet).
//!
//! The store writes a delivery with every change of state of such a case, and one with the result
//! when the case is delivered, in the same transaction as the change (`ruqsat_store::deliveries`).
//! [`drain`] sends them as signed HTTP calls in the manner of the Standard Webhooks
//! specification: `POST` of a JSON body with the headers `webhook-id` (also `Idempotency-Key`:
//! the receiver recognises a repeat), `webhook-timestamp` (Unix seconds) and `webhook-signature`
//! (`v1,` and the base64 HMAC-SHA256, with the receiver's shared secret, of
//! `id.timestamp.body`). The body is composed at the first attempt and kept: every retry sends the
//! same bytes. A failure is retried with exponential back-off; after the last attempt the delivery
//! is dead, listed for the administrators (`/admin/deliveries`), who may send it again.

use std::time::Duration;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use ruqsat_store::DeliveryRow;
use serde_json::json;
use sha2::{Digest as _, Sha256};

use ruqsat_registries::channels::signature_headers;

use crate::actors::{Caller, Role};
use crate::{CaseError, Service};

/// One receiving system.
#[derive(Debug, Clone)]
pub struct Receiver {
    /// The address the deliveries are posted to.
    pub url: String,
    /// The shared secret of the signatures (bytes).
    pub secret: Vec<u8>,
}

impl Receiver {
    /// A receiver of `url` with the secret of a secret file's text: `whsec_` and base64 (as the
    /// Standard Webhooks write it), or the text itself.
    pub fn new(url: impl Into<String>, secret_text: &str) -> Receiver {
        let text = secret_text.trim();
        // `whsec_` with bad base64 gives no secret (refused at start), never the text itself.
        let secret = match text.strip_prefix("whsec_") {
            Some(encoded) => base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap_or_default(),
            None => text.as_bytes().to_vec(),
        };
        Receiver {
            url: url.into(),
            secret,
        }
    }
}

/// The receiving systems of an installation and the retry policy.
#[derive(Debug, Clone)]
pub struct Channels {
    /// The State Corporation's system.
    pub state_corporation: Option<Receiver>,
    /// The portal's personal cabinet.
    pub portal: Option<Receiver>,
    /// Attempts before a delivery is dead.
    pub max_attempts: i64,
    /// The wait after the first failure; doubled after each, at most an hour.
    pub first_retry: chrono::Duration,
    client: reqwest::Client,
}

impl Default for Channels {
    fn default() -> Self {
        Channels::new(None, None)
    }
}

impl Channels {
    /// The receivers (none: deliveries wait until one is configured).
    pub fn new(state_corporation: Option<Receiver>, portal: Option<Receiver>) -> Channels {
        Channels {
            state_corporation,
            portal,
            max_attempts: 10,
            first_retry: chrono::Duration::seconds(30),
            // No redirects: a signed result goes to the configured address only.
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .connect_timeout(Duration::from_secs(3))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_else(|_| reqwest::Client::new()),
        }
    }

    fn receiver(&self, name: &str) -> Option<&Receiver> {
        match name {
            "state_corporation" => self.state_corporation.as_ref(),
            "portal" => self.portal.as_ref(),
            _ => None,
        }
    }

    /// The receivers configured.
    pub fn configured(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.state_corporation.is_some() {
            names.push("state_corporation");
        }
        if self.portal.is_some() {
            names.push("portal");
        }
        names
    }

    /// When to try again after `attempts` failed ones; `None`: give up.
    fn retry_at(&self, attempts: i64, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if attempts >= self.max_attempts {
            return None;
        }
        let factor = 1i32 << attempts.clamp(1, 16).saturating_sub(1);
        Some(now + (self.first_retry * factor).min(chrono::Duration::hours(1)))
    }
}

/// The body of a delivery: the case's number and new state, and with the result its document
/// (the permit or the reasoned refusal, PDF in base64 with its SHA-256).
async fn compose(state: &Service, row: &DeliveryRow) -> Result<String, CaseError> {
    let case = state.store.case(row.case_id).await?.ok_or(CaseError::NotFound)?;
    let mut body = json!({
        "event": row.event_id,
        "kind": row.kind,
        "at": row.event_at,
        "case": {
            "number": case.number,
            "service": case.service.as_str(),
            "channel": case.channel.as_str(),
            "state": row.to_state,
        },
    });
    if row.kind == "result" {
        let (outcome, pdf) = match crate::documents::permit_pdf(state, &case).await? {
            Some(pdf) => ("permit", pdf),
            None => (
                "refusal",
                crate::documents::refusal_pdf(state, &case)
                    .await?
                    .ok_or_else(|| CaseError::Conflict(format!("case {} has no result to deliver", case.number)))?,
            ),
        };
        body["result"] = json!({
            "outcome": outcome,
            "permit_number": case.permit_number,
            "document": {
                "media_type": "application/pdf",
                "file_name": format!("{outcome}-{}.pdf", case.number),
                "sha256": Sha256::digest(&pdf).iter().map(|byte| format!("{byte:02x}")).collect::<String>(),
                "content_base64": base64::engine::general_purpose::STANDARD.encode(&pdf),
            },
        });
    }
    Ok(body.to_string())
}

/// Sends one delivery; `Err` names why it failed.
async fn send(state: &Service, receiver: &Receiver, row: &DeliveryRow, body: &str) -> Result<(), String> {
    let id = format!("ruqsat-delivery-{}", row.id);
    let timestamp = (state.clock)().timestamp();
    let mut request = state
        .channels
        .client
        .post(&receiver.url)
        .header("content-type", "application/json");
    for (name, value) in signature_headers(&id, timestamp, body, &receiver.secret) {
        request = request.header(name, value);
    }
    let response = request
        .body(body.to_owned())
        .send()
        .await
        .map_err(|error| format!("not reached: {error}"))?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let text = response.text().await.unwrap_or_default();
    let text: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
    Err(format!("answered {status}: {text}"))
}

/// The most deliveries one pass sends (the worker's other work is not held up longer).
const PER_PASS: usize = 200;

/// Failures in a row after which a receiver is left alone until the next pass (it is down: the
/// worker does not wait for its timeouts delivery after delivery).
const FAILURES_TO_PAUSE: usize = 3;

/// Sends the deliveries that are due to a configured receiver (at most [`PER_PASS`]); returns
/// how many were delivered.
pub async fn drain(state: &Service) -> usize {
    let mut receivers = state.channels.configured();
    let mut failures: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut delivered = 0;
    for _ in 0..PER_PASS {
        if receivers.is_empty() {
            break;
        }
        let now = (state.clock)();
        let row = match state
            .store
            .claim_delivery(&receivers, chrono::Duration::seconds(60), now)
            .await
        {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(error) => {
                tracing::error!(error = %error, "claiming a delivery failed");
                break;
            }
        };
        let Some(receiver) = state.channels.receiver(&row.receiver) else {
            continue;
        };
        let body = match &row.body {
            Some(body) => Ok(body.clone()),
            None => match compose(state, &row).await {
                Ok(body) => match state.store.set_delivery_body(row.id, &body).await {
                    // Another process may have composed it meanwhile: send what is kept.
                    Ok(()) => match state.store.delivery(row.id).await {
                        Ok(Some(kept)) => Ok(kept.body.unwrap_or(body)),
                        Ok(None) => Ok(body),
                        Err(error) => Err(error.to_string()),
                    },
                    Err(error) => Err(error.to_string()),
                },
                Err(error) => Err(format!("the body could not be composed: {error}")),
            },
        };
        let outcome = match body {
            Ok(body) => send(state, receiver, &row, &body).await,
            Err(error) => Err(error),
        };
        let now = (state.clock)();
        let recorded = match outcome {
            Ok(()) => {
                delivered += 1;
                failures.remove(&row.receiver);
                state.store.delivery_done(&row, now).await
            }
            Err(error) => {
                let count = failures.entry(row.receiver.clone()).or_default();
                *count += 1;
                if *count >= FAILURES_TO_PAUSE {
                    receivers.retain(|receiver| *receiver != row.receiver);
                }
                let retry_at = state.channels.retry_at(row.attempts, now);
                if retry_at.is_none() {
                    tracing::error!(delivery = row.id, case_id = row.case_id, receiver = %row.receiver, error = %error, "delivery failed for the last time: dead");
                } else {
                    tracing::warn!(delivery = row.id, case_id = row.case_id, receiver = %row.receiver, error = %error, "delivery failed; retried later");
                }
                state.store.delivery_failed(&row, &error, retry_at, now).await
            }
        };
        if let Err(error) = recorded {
            tracing::error!(delivery = row.id, error = %error, "recording a delivery's outcome failed; it is tried again after its lease");
        }
    }
    delivered
}

/// What the administrators see of the deliveries.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The receivers configured.
    pub configured: Vec<&'static str>,
    /// How many wait, per receiver.
    pub waiting: Vec<(String, i64)>,
    /// The dead ones (newest first, at most 200), with their case's number.
    pub dead: Vec<(DeliveryRow, String)>,
}

fn administrator(caller: &Caller) -> Result<(), CaseError> {
    match caller.role {
        Role::Administrator => Ok(()),
        _ => Err(CaseError::Forbidden("the deliveries are the administrators'".into())),
    }
}

/// The deliveries waiting and dead (administrators).
pub async fn overview(state: &Service, caller: &Caller) -> Result<Overview, CaseError> {
    administrator(caller)?;
    Ok(Overview {
        configured: state.channels.configured(),
        waiting: state.store.waiting_deliveries().await?,
        dead: state.store.dead_deliveries(200).await?,
    })
}

/// Sends a dead delivery again (administrators; audited).
pub async fn revive(state: &Service, caller: &Caller, id: i64) -> Result<(), CaseError> {
    administrator(caller)?;
    let row = state.store.delivery(id).await?.ok_or(CaseError::NotFound)?;
    let now = (state.clock)();
    if !state.store.revive_delivery(id, now).await? {
        return Err(CaseError::Conflict(format!("delivery {id} is not dead")));
    }
    state
        .store
        .audit(
            &caller.login,
            "revive_delivery",
            Some(row.case_id),
            &format!("delivery {id} to {} sent again", row.receiver),
            now,
        )
        .await?;
    state.work.notify_one();
    Ok(())
}
