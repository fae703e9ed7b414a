//! Durability: a failed write on SQLite (a full disk) never leaves the store answering changes
//! it does not commit, and the daily sweep's claim is a lease that a crash gives up.

use chrono::{Duration, NaiveDate};
use ruqsat_domain::case::CaseState;
use ruqsat_store::testing::{audit_key, backends, fail_a_transaction_on_a_full_disk};
use ruqsat_store::{CaseUpdate, Store, StoreError, SweepClaim};

use super::{at, event, new_case};

/// A fresh directory for one test's SQLite file.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ruqsat-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The regression of the disk-full finding: after `SQLITE_FULL`, SQLite had rolled the
/// transaction back by itself while sqlx still counted it open; the next transaction became a
/// savepoint, a failed one (`ROLLBACK TO`) left a transaction open for good, and every later
/// "commit" only released a savepoint: answered, never written, and the numbers handed out again
/// after a restart. Now the connection is replaced and each later change is on disk.
#[tokio::test]
async fn after_a_full_disk_the_next_changes_are_committed_durably_and_no_number_repeats() {
    let dir = scratch("full");
    let url = format!("sqlite://{}", dir.join("full.db").display());
    let store = Store::connect(&url, audit_key()).await.unwrap();
    let (first, _) = store
        .create_case(&new_case("DF0000001", "almaty", 60), None, at(0))
        .await
        .unwrap();
    let mut acknowledged = vec![first.number.clone()];

    let full = fail_a_transaction_on_a_full_disk(&store).await.unwrap();
    match &full {
        StoreError::Database(sqlx::Error::Database(error)) => assert!(error.message().contains("full"), "{error}"),
        other => panic!("the write on a full file must fail with SQLITE_FULL: {other:?}"),
    }
    // A transaction that fails for another reason (a stale version) and is rolled back...
    let stale = store
        .transition(
            first.id,
            first.version + 7,
            &CaseUpdate::to(CaseState::ChecksPending),
            &event("check"),
            at(2),
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
    // ...and the changes after it: each is acknowledged only once it is committed.
    for serial in 3..8 {
        let (case, _) = store
            .create_case(&new_case(&format!("DF000000{serial}"), "almaty", 60), None, at(serial))
            .await
            .unwrap();
        acknowledged.push(case.number);
    }
    let moved = store
        .transition(
            first.id,
            first.version,
            &CaseUpdate::to(CaseState::ChecksPending),
            &event("check"),
            at(9),
        )
        .await
        .unwrap();
    store.close().await;

    // A restart: the file alone holds what was acknowledged.
    let reopened = Store::connect(&url, audit_key()).await.unwrap();
    for number in &acknowledged {
        assert!(
            reopened.case_by_number(number).await.unwrap().is_some(),
            "acknowledged case {number} is lost after the restart"
        );
    }
    let again = reopened.case(first.id).await.unwrap().unwrap();
    assert_eq!((again.state, again.version), (moved.state, moved.version));
    let (next, _) = reopened
        .create_case(&new_case("DF0000010", "almaty", 60), None, at(10))
        .await
        .unwrap();
    assert!(
        !acknowledged.contains(&next.number),
        "number {} handed out twice",
        next.number
    );
    let mut distinct = acknowledged.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        acknowledged.len(),
        "a number was handed out twice: {acknowledged:?}"
    );
    reopened.verify_audit(None).await.unwrap().unwrap();
    reopened.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A crashed sweep is claimed again once its lease has run out, never before; the claim taken
/// over is fenced out; a renewed claim holds; a finished day is never run again; concurrent
/// claims of one day give it to one process.
#[tokio::test]
async fn a_sweep_left_unfinished_is_claimed_again_after_its_lease_and_a_finished_day_never() {
    let lease = Duration::minutes(10);
    for store in backends().await {
        let day = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
        let first = store
            .claim_sweep(day, at(0), lease)
            .await
            .unwrap()
            .expect("the day's first claim");
        assert_eq!(first, SweepClaim { as_of: day, attempt: 1 });
        // The first process is sweeping (or has crashed: nobody can tell before the lease ends).
        assert_eq!(store.claim_sweep(day, at(9), lease).await.unwrap(), None);
        assert_eq!(store.claim_sweep(day, at(10), lease).await.unwrap(), None);
        // It crashed: after the lease, another process claims the day again.
        let second = store
            .claim_sweep(day, at(11), lease)
            .await
            .unwrap()
            .expect("claimed again after the lease");
        assert_eq!(second.attempt, 2);
        // The first claimant, were it alive after all, can neither renew nor finish.
        assert!(!store.renew_sweep(&first, at(12), lease).await.unwrap());
        assert!(!store.finish_sweep(&first, "{}", at(12)).await.unwrap());
        // A claim renewed by its heartbeat holds past its first lease.
        assert!(store.renew_sweep(&second, at(19), lease).await.unwrap());
        assert_eq!(store.claim_sweep(day, at(25), lease).await.unwrap(), None);
        assert!(store.finish_sweep(&second, "{\"holders\":0}", at(26)).await.unwrap());
        // A finished day is never run again, however late one asks.
        assert_eq!(store.claim_sweep(day, at(60), lease).await.unwrap(), None);
        assert_eq!(store.claim_sweep(day, at(60 * 23), lease).await.unwrap(), None);
        assert!(!store.renew_sweep(&second, at(61), lease).await.unwrap());

        // A failed sweep releases its claim: the next check claims the day at once.
        let next = day.succ_opt().unwrap();
        let failed = store.claim_sweep(next, at(0), lease).await.unwrap().unwrap();
        store.release_sweep(&failed, at(1)).await.unwrap();
        let retried = store.claim_sweep(next, at(2), lease).await.unwrap().unwrap();
        assert_eq!(retried.attempt, 2);

        // Four processes claiming one day at the same instant: one gets it.
        let third = next.succ_opt().unwrap();
        let (a, b, c, d) = tokio::join!(
            store.claim_sweep(third, at(0), lease),
            store.claim_sweep(third, at(0), lease),
            store.claim_sweep(third, at(0), lease),
            store.claim_sweep(third, at(0), lease),
        );
        let won = [a, b, c, d].into_iter().filter_map(Result::unwrap).count();
        assert_eq!(won, 1, "{:?}", store.backend());
    }
}
