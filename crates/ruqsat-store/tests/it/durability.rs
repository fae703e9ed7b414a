//! Durability: a failed write on SQLite (a full disk) never leaves the store answering changes
//! it does not commit.

use ruqsat_domain::case::CaseState;
use ruqsat_store::testing::{audit_key, fail_a_transaction_on_a_full_disk};
use ruqsat_store::{CaseUpdate, Store, StoreError};

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
