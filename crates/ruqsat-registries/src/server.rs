//! `ruqsat registries serve`: the simulator behind the registry HTTP interface, for demos and
//! load tests across processes (and as the counterpart of the HTTP adapter's tests).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use ruqsat_domain::registries::{
    Answer, BorderCrossings, CitizenshipRecords, CourtRecords, CriminalRecords, DutyPayments, FingerprintRegistry,
    IinRegistry, LabourContracts, MigrationRecords, SecurityService,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::simulator::{REGISTRIES, Simulator};
use crate::wire::{
    BorderWire, Count, CriminalWire, EmployerWire, Flag, IinWire, MaybeDate, SubjectWire, flags_to_wire,
    offences_to_wire, payment_to_wire,
};

fn answer<T: Serialize>(result: Answer<T>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "error": error.to_string() })),
        )
            .into_response(),
    }
}

fn bad_request(message: String) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "error": message }))).into_response()
}

/// A route whose question is a subject: `$body` answers it with `simulator` and `subject` bound.
macro_rules! subject_route {
    ($name:ident, |$simulator:ident, $subject:ident| $body:expr) => {
        async fn $name(State($simulator): State<Arc<Simulator>>, Json(wire): Json<SubjectWire>) -> Response {
            match wire.into_subject() {
                Ok($subject) => answer($body),
                Err(message) => bad_request(message),
            }
        }
    };
}

subject_route!(border_facts, |simulator, subject| simulator
    .border_facts(&subject)
    .await
    .map(BorderWire::from));
subject_route!(criminal_facts, |simulator, subject| simulator
    .criminal_facts(&subject)
    .await
    .map(CriminalWire::from));
subject_route!(admin_offences, |simulator, subject| simulator
    .admin_offences(&subject)
    .await
    .map(|offences| offences_to_wire(&offences)));
subject_route!(fingerprints_registered, |simulator, subject| simulator
    .fingerprints_registered(&subject)
    .await
    .map(|answer| Flag { answer }));
subject_route!(prp_application_exists, |simulator, subject| simulator
    .prp_application_exists(&subject)
    .await
    .map(|answer| Flag { answer }));
subject_route!(expelled_on, |simulator, subject| simulator
    .expelled_on(&subject)
    .await
    .map(|date| MaybeDate { date }));
subject_route!(contract_registered, |simulator, subject| simulator
    .contract_registered(&subject)
    .await
    .map(|answer| Flag { answer }));
subject_route!(duty_payment, |simulator, subject| simulator
    .duty_payment(&subject)
    .await
    .map(payment_to_wire));
subject_route!(security_flags, |simulator, subject| simulator
    .security_flags(&subject)
    .await
    .map(|flags| flags_to_wire(&flags)));
subject_route!(marriage_annulled, |simulator, subject| simulator
    .marriage_annulled(&subject)
    .await
    .map(|answer| Flag { answer }));
subject_route!(citizenship_lost_art21, |simulator, subject| simulator
    .citizenship_lost_art21(&subject)
    .await
    .map(|answer| Flag { answer }));
subject_route!(citizenship_deprived_art20_1, |simulator, subject| simulator
    .citizenship_deprived_art20_1(&subject)
    .await
    .map(|answer| Flag { answer }));

async fn iin_registered(State(simulator): State<Arc<Simulator>>, Json(question): Json<IinWire>) -> Response {
    match question.iin.parse() {
        Ok(iin) => answer(simulator.iin_registered(iin).await.map(|answer| Flag { answer })),
        Err(error) => bad_request(format!("iin: {error}")),
    }
}

async fn domestic_work_trps(State(simulator): State<Arc<Simulator>>, Json(question): Json<EmployerWire>) -> Response {
    match question.into_employer() {
        Ok(employer) => answer(
            simulator
                .domestic_work_trps(employer)
                .await
                .map(|count| Count { count }),
        ),
        Err(message) => bad_request(message),
    }
}

/// Takes a simulated registry down or brings it back (demos and tests).
#[derive(Debug, Deserialize)]
struct Outage {
    registry: String,
    down: bool,
}

async fn outage(State(simulator): State<Arc<Simulator>>, Json(outage): Json<Outage>) -> Response {
    match REGISTRIES.iter().find(|name| **name == outage.registry) {
        Some(name) => {
            simulator.set_down(name, outage.down);
            StatusCode::NO_CONTENT.into_response()
        }
        None => bad_request(format!(
            "unknown registry {:?} (known: {})",
            outage.registry,
            REGISTRIES.join(", ")
        )),
    }
}

/// Every query names who asks and for which case (`X-Road-UserId`, `X-Road-Issue`), as on
/// X-Road; it is refused otherwise, and logged with both.
async fn identified(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let header = |headers: &axum::http::HeaderMap, name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    };
    let (user, issue) = (
        header(request.headers(), "x-road-userid"),
        header(request.headers(), "x-road-issue"),
    );
    let (Some(user), Some(issue)) = (user, issue) else {
        return bad_request("X-Road-UserId and X-Road-Issue are required: who asks, for which case".into());
    };
    tracing::info!(path = %request.uri().path(), user = %user, issue = %issue, "registry query");
    next.run(request).await
}

/// The registry HTTP interface over a simulator.
pub fn router(simulator: Arc<Simulator>) -> Router {
    let queries = Router::new()
        .route("/v1/border_facts", post(border_facts))
        .route("/v1/criminal_facts", post(criminal_facts))
        .route("/v1/admin_offences", post(admin_offences))
        .route("/v1/iin_registered", post(iin_registered))
        .route("/v1/fingerprints_registered", post(fingerprints_registered))
        .route("/v1/domestic_work_trps", post(domestic_work_trps))
        .route("/v1/prp_application_exists", post(prp_application_exists))
        .route("/v1/expelled_on", post(expelled_on))
        .route("/v1/contract_registered", post(contract_registered))
        .route("/v1/duty_payment", post(duty_payment))
        .route("/v1/security_flags", post(security_flags))
        .route("/v1/marriage_annulled", post(marriage_annulled))
        .route("/v1/citizenship_lost_art21", post(citizenship_lost_art21))
        .route("/v1/citizenship_deprived_art20_1", post(citizenship_deprived_art20_1))
        .route_layer(axum::middleware::from_fn(identified));
    queries.route("/v1/admin/outage", post(outage)).with_state(simulator)
}
