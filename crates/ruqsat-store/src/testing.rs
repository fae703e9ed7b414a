//! For test suites of this and other crates: every backend to run a suite against.
//!
//! SQLite in memory always; PostgreSQL when `TEST_DATABASE_URL` is set, in a fresh database per
//! call; under `CI=true` a missing PostgreSQL is a failure, never a silent skip.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::Store;

static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The audit key of test stores (a fixed, obviously fake secret).
pub fn audit_key() -> crate::AuditKey {
    crate::AuditKey::new(b"ruqsat test audit key: not a secret of any installation").expect("invariant: long enough")
}

/// The stores to test against.
pub async fn backends() -> Vec<Store> {
    let mut stores = vec![
        Store::connect("sqlite::memory:", audit_key())
            .await
            .expect("SQLite in memory"),
    ];
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) => {
            // The administrative connection is not migrated: the database it names may hold
            // another version's schema (another checkout's tests); only the fresh one is ours.
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(&url)
                .await
                .expect("TEST_DATABASE_URL must reach PostgreSQL");
            let name = format!(
                "ruqsat_test_{}_{}",
                std::process::id(),
                DATABASES.fetch_add(1, Ordering::Relaxed)
            );
            sqlx::query(crate::trusted(format!("DROP DATABASE IF EXISTS {name}")))
                .execute(&admin)
                .await
                .expect("dropping an old test database");
            sqlx::query(crate::trusted(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .expect("creating a test database");
            admin.close().await;
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            stores.push(
                Store::connect(&format!("{base}/{name}"), audit_key())
                    .await
                    .expect("the fresh test database"),
            );
        }
        Err(_) if std::env::var("CI").is_ok_and(|value| value == "true") => {
            panic!("CI=true: TEST_DATABASE_URL must point at PostgreSQL (the suites never skip it in CI)")
        }
        Err(_) => {}
    }
    stores
}

/// Fails one transaction of `store` (SQLite) as a full disk does, and gives its connection
/// back to the pool as the store's code does on an error (the transaction dropped); returns the
/// error.
///
/// The write needs a new page of a file capped at its size (`PRAGMA max_page_count`, on the
/// store's one connection) and uses no statement journal (one row, no index, no trigger), so
/// SQLite answers `SQLITE_FULL` and rolls the whole transaction back by itself, as it does when
/// a commit finds the disk full; the cap is lifted before the connection goes back.
pub async fn fail_a_transaction_on_a_full_disk(store: &Store) -> Result<crate::StoreError, crate::StoreError> {
    use sqlx::Row as _;
    let mut tx = store.pool.begin().await?;
    let pages: i64 = sqlx::query("PRAGMA page_count").fetch_one(&mut *tx).await?.try_get(0)?;
    sqlx::query(crate::trusted(format!("PRAGMA max_page_count = {pages}")))
        .execute(&mut *tx)
        .await?;
    let failed = sqlx::query("INSERT INTO health_probe (id, checked_at) VALUES (2, $1)")
        .bind("x".repeat(1 << 20))
        .execute(&mut *tx)
        .await;
    sqlx::query("PRAGMA max_page_count = 1073741823")
        .execute(&mut *tx)
        .await?;
    drop(tx);
    match failed {
        Ok(_) => Err(crate::StoreError::Corrupt(
            "the write on a capped file did not fail".into(),
        )),
        Err(error) => Ok(error.into()),
    }
}
