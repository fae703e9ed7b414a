//! Ruqsat's HTTP API (axum): intake through the three channels, officer work, the public status
//! lookup and permit verification, health and metrics, and the OpenAPI document.
//!
//! An adapter: routes parse the request and authorise the caller, call one use case of
//! `ruqsat-cases`, and render its answer. `router(state)` builds the whole application without a
//! socket (tests use `oneshot`); `ruqsat-cli` binds it.

pub mod api;
pub mod auth;
pub mod edges;
pub mod error;
pub mod extract;
pub mod feed;
pub mod pages;
pub mod procedure_api;
pub mod uploads;

use axum::Router;
pub use ruqsat_cases::{Clock, Metrics, Service as AppState, TokenSource};

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    pages::routes(state.clone())
        .merge(api::routes())
        .with_state(state.clone())
        .layer(axum::middleware::from_fn(edges::refuse_control_characters))
        .layer(axum::middleware::from_fn_with_state(state.clone(), edges::rate_limit))
        .layer(axum::middleware::from_fn_with_state(state, edges::response_headers))
        // The last line of defence: a panic in a handler (a defect) answers 500 with the usual
        // error body instead of closing the connection; the detail goes to the log only.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
}

/// The OpenAPI 3 document of the HTTP API, as pretty JSON.
pub fn openapi_json() -> String {
    use utoipa::OpenApi as _;
    api::ApiDoc::openapi()
        .to_pretty_json()
        .expect("invariant: the OpenAPI document serializes")
}

fn panicked(detail: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let detail = detail
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| detail.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_default();
    axum::response::IntoResponse::into_response(error::ApiError::Internal(format!("a handler panicked: {detail}")))
}
