//! The background worker: claims accepted or pending cases through the database (so several
//! `ruqsat serve` processes share the work), asks the registries, records the proposal.

use std::sync::atomic::Ordering;
use std::time::Duration;

use ruqsat_domain::case::CaseState;

use crate::Service;
use crate::workflow::process;

/// States whose cases wait for the background: the registry checks, and the end of a hearing's
/// window (claimed once its lease, set to the end of the window, has passed).
pub const WORK_STATES: [&str; 5] = [
    CaseState::Accepted.as_str(),
    CaseState::ChecksPending.as_str(),
    CaseState::ChecksRunning.as_str(),
    CaseState::ChecksDone.as_str(),
    CaseState::Hearing.as_str(),
];

/// Processes every case that is ready now; returns how many were processed.
pub async fn drain(state: &Service) -> usize {
    let mut processed = 0;
    loop {
        let now = (state.clock)();
        let claimed = match state
            .store
            .claim_work(&WORK_STATES, chrono::Duration::seconds(60), now)
            .await
        {
            Ok(Some(case)) => case,
            Ok(None) => return processed,
            Err(error) => {
                tracing::error!(error = %error, "claiming work failed");
                return processed;
            }
        };
        let case_id = claimed.id;
        match process(state, claimed).await {
            Ok(case) => {
                processed += 1;
                state.metrics.processed.fetch_add(1, Ordering::Relaxed);
                tracing::info!(case_id, state = %case.state, "case processed");
            }
            Err(error) => {
                tracing::warn!(case_id, error = %error, "processing failed; the lease will expire and it is retried")
            }
        }
    }
}

/// Runs forever: drains the work and the notifications, then waits for new work or a second.
pub async fn run(state: Service) {
    loop {
        drain(&state).await;
        crate::notify::drain(&state).await;
        tokio::select! {
            () = state.work.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}
