//! Ruqsat's HTTP API (axum): intake through the three channels, officer work, the public status
//! lookup and permit verification, health and metrics, and the OpenAPI document.
//!
//! `router(state)` builds the whole application without a socket (tests use `oneshot`);
//! `ruqsat-cli` binds it and starts the background [`worker`].

pub mod api;
pub mod auth;
pub mod demo;
pub mod error;
pub mod extract;
pub mod feed;
pub mod monitoring;
pub mod notify;
pub mod pages;
pub mod reports;
pub mod uploads;
pub mod worker;
pub mod workflow;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use axum::Router;
use chrono::{DateTime, Utc};
use ruqsat_domain::decide::Law;
use ruqsat_registries::AnyRegistries;
use ruqsat_store::Store;
use tokio::sync::Notify;

/// The clock: the only source of "now" in the service (tests pass a fixed one).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The source of new secret tokens (sessions): random in the binary, predictable in tests.
pub type TokenSource = Arc<dyn Fn() -> String + Send + Sync>;

/// Everything a request needs.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The law in force (parameters, editions, calendar).
    pub law: Arc<Law>,
    /// The registries: the in-process simulator, or the HTTP adapter to a registry gateway.
    pub registries: AnyRegistries,
    /// The clock.
    pub clock: Clock,
    /// Wakes the background worker when work arrives.
    pub work: Arc<Notify>,
    /// Request counters for the metrics endpoint.
    pub metrics: Arc<Metrics>,
    /// Where notifications to applicants go.
    pub sender: Arc<notify::Sender>,
    /// New session tokens.
    pub tokens: TokenSource,
    /// The key that seals permits (the QR code's signature).
    pub sealer: Arc<ruqsat_documents::seal::Sealer>,
    /// The address at which the public reaches this service (the QR code points there).
    pub public_url: Arc<str>,
}

/// Counters exported on `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Applications submitted (new cases).
    pub applications: AtomicU64,
    /// Status lookups.
    pub status_lookups: AtomicU64,
    /// Permit verifications.
    pub verifications: AtomicU64,
    /// Cases processed by the worker.
    pub processed: AtomicU64,
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    pages::routes(state.clone())
        .merge(api::routes())
        .with_state(state)
        // The last line of defence: a panic in a handler (a defect) answers 500 with the usual
        // error body instead of closing the connection; the detail goes to the log only.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
}

fn panicked(detail: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let detail = detail
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| detail.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_default();
    axum::response::IntoResponse::into_response(error::ApiError::Internal(format!("a handler panicked: {detail}")))
}
