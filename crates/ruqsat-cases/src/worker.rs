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

/// How long an application being written (a draft) is kept after it was last saved; then it is
/// deleted with its files (the data are the applicant's, kept no longer than needed).
pub const DRAFT_KEEP_DAYS: i64 = 30;

/// Deletes the drafts not saved for [`DRAFT_KEEP_DAYS`]; returns how many.
pub async fn purge_drafts(state: &Service) -> u64 {
    let before = (state.clock)() - chrono::Duration::days(DRAFT_KEEP_DAYS);
    match state.store.purge_drafts(before).await {
        Ok(purged) => {
            if purged > 0 {
                tracing::info!(purged, "old drafts deleted");
            }
            purged
        }
        Err(error) => {
            tracing::warn!(error = %error, "deleting old drafts failed; tried again later");
            0
        }
    }
}

/// Runs forever: drains the work, the notifications and the deliveries, then waits for new work or a second;
/// once an hour it deletes old drafts.
pub async fn run(state: Service) {
    let mut purged_at: Option<std::time::Instant> = None;
    loop {
        drain(&state).await;
        crate::notify::drain(&state).await;
        crate::deliveries::drain(&state).await;
        if purged_at.is_none_or(|at| at.elapsed() > Duration::from_secs(3600)) {
            purge_drafts(&state).await;
            purged_at = Some(std::time::Instant::now());
        }
        tokio::select! {
            () = state.work.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}
