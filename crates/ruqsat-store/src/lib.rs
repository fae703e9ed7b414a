//! Ruqsat's storage on SQLite (the embedded default) or PostgreSQL (production), through sqlx's
//! `Any` driver with runtime-checked, portable SQL (`$1` placeholders, `RETURNING`, text
//! timestamps in UTC). Each backend has its own append-only migrations under `migrations/`.
//!
//! Adding a query: write it once in portable SQL; where the backends differ (row locking), branch
//! on [`Backend`] next to the query. Constraint violations are translated where they happen.

pub mod audit;
pub mod candidates;
pub mod cases;
pub mod crossings;
pub mod deliveries;
pub mod documents;
pub mod drafts;
pub mod holders;
pub mod outbox;
pub mod presence;
pub mod queue;
pub mod reasons;
pub mod staff;
#[cfg(feature = "testing")]
pub mod testing;

use std::str::FromStr;
use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

pub use audit::{Anchor, AuditEntry, AuditError, AuditFilter, AuditHead, AuditKey, NewAudit, verify_chain};
pub use candidates::{CandidateChange, CandidateRow, SweepClaim};
pub use cases::{
    ApplicationSignature, CaseRow, CaseUpdate, Created, EventRow, IdempotencyKey, NewCase, NewEvent, QueryRow,
    QueueFilter,
};
pub use crossings::{CrossingLoader, CrossingRow};
pub use deliveries::DeliveryRow;
pub use documents::{DocumentMeta, NewDocument};
pub use drafts::{DraftDocument, DraftLimits, DraftRow, NewDraftDocument};
pub use holders::{HolderRow, NewCandidate, ScannedCrossing};
pub use outbox::{Notification, OutboxRow};
pub use presence::PresenceRow;
pub use queue::{Booked, BookingRow, NewBooking};
pub use staff::{LockoutPolicy, SessionKind, StaffAccount, StaffRow, account_key};

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite (a file, or memory for tests).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no supported database.
    #[error("unsupported database URL {0:?} (use sqlite:… or postgres://…)")]
    Url(String),
    /// The case changed since it was read (optimistic locking).
    #[error("the case was changed by someone else; reload and try again")]
    Conflict,
    /// A login is taken by another account.
    #[error("the login {0:?} is taken")]
    LoginTaken(String),
    /// An idempotency key was reused for a different request.
    #[error("the Idempotency-Key was already used for a different request")]
    IdempotencyMismatch,
    /// Stored data could not be read back.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The audit key is unusable.
    #[error("audit key: {0}")]
    AuditKey(String),
    /// The audit chain's head is not sealed with this installation's key: the log was tampered
    /// with, or written by a version before the key (`ruqsat audit seal`), or another key is in use.
    #[error(
        "the audit log's head is not sealed with this installation's key (tampered with, or another key): nothing more is written; run `ruqsat audit verify`"
    )]
    AuditHead,
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// The store: a connection pool and its backend.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The database's URL, for the bulk paths that need a connection of their own (COPY).
    url: std::sync::Arc<str>,
    /// The installation's secret that keys the audit chain.
    audit_key: AuditKey,
}

impl Store {
    /// Connects to `url`, creating a SQLite file if needed, and applies the migrations; audit
    /// entries are keyed with `audit_key`.
    pub async fn connect(url: &str, audit_key: AuditKey) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, url, options) = if url.starts_with("sqlite:") {
            let memory = url.contains(":memory:");
            let url = if memory || url.contains("mode=") {
                url.to_owned()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            // One connection: SQLite has one writer, and an in-memory database is per connection.
            // Every connection the pool opens (a replacement too) gets the same settings, and a
            // connection given back inside a transaction is closed, never handed out again.
            let options = AnyPoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .after_connect(|connection, _| Box::pin(sqlite::configure(connection)))
                .after_release(|connection, _| Box::pin(sqlite::outside_transaction(connection)));
            (Backend::Sqlite, url, options)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10));
            (Backend::Postgres, url.to_owned(), options)
        } else {
            return Err(StoreError::Url(url.to_owned()));
        };
        let pool = options.connect(&url).await?;
        let store = Store {
            pool,
            backend,
            url: url.as_str().into(),
            audit_key,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database takes a write: one small committed change of the health row, the
    /// path every acknowledged change takes (a database that answers reads but cannot commit,
    /// such as SQLite on a full disk, is not healthy). Cheap: one row, one statement.
    pub async fn check_writable(&self, now: chrono::DateTime<chrono::Utc>) -> Result<(), StoreError> {
        let changed = sqlx::query("UPDATE health_probe SET checked_at = $1 WHERE id = 1")
            .bind(timestamp(now))
            .execute(&self.pool)
            .await?;
        if changed.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Corrupt("the health row is missing".into()))
        }
    }

    /// Closes the pool: every connection, after the work in flight (tests reopen a file).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl FromStr for Backend {
    type Err = StoreError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Url(url.to_owned()))
        }
    }
}

/// The settings and checks of SQLite connections.
mod sqlite {
    use sqlx::{AnyConnection, Connection as _};

    /// The settings of every SQLite connection, set when the pool opens it (a connection that
    /// replaces a discarded one gets the same):
    /// - `foreign_keys`: the schema's references are enforced (per connection in SQLite);
    /// - `journal_mode = WAL`: readers of other processes (`ruqsat audit verify`) do not block
    ///   the writer (kept in the file; an in-memory database answers `memory`);
    /// - `synchronous = FULL`: each commit is synced to disk before it returns, so a change the
    ///   API acknowledged survives a power loss (`NORMAL` in WAL mode may lose the last commits).
    pub(super) async fn configure(connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&mut *connection)
            .await?;
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&mut *connection)
            .await?;
        sqlx::query("PRAGMA synchronous = FULL")
            .execute(&mut *connection)
            .await?;
        Ok(())
    }

    /// Whether a connection given back to the pool is really outside any transaction, both in
    /// SQLite (autocommit) and in sqlx's count of nested transactions; `false` closes it.
    ///
    /// Why: after `SQLITE_FULL` (or an I/O error) SQLite may roll the whole transaction back by
    /// itself; sqlx's `ROLLBACK` then fails and its count stays at one, so the next `begin`
    /// becomes a `SAVEPOINT`, whose failure (`ROLLBACK TO`) leaves a transaction open that
    /// no later commit ends: every change after that is answered but never committed. The one
    /// pooled connection must be replaced instead. The probe (`BEGIN` then `ROLLBACK`, no I/O)
    /// runs after any rollback a dropped transaction queued on the connection.
    pub(super) async fn outside_transaction(connection: &mut AnyConnection) -> Result<bool, sqlx::Error> {
        if sqlx::query("BEGIN").execute(&mut *connection).await.is_err() {
            // "cannot start a transaction within a transaction": SQLite is still in one.
            return Ok(false);
        }
        sqlx::query("ROLLBACK").execute(&mut *connection).await?;
        Ok(!connection.is_in_transaction())
    }
}

/// In a notification of a new case, replaced by the application number once it is assigned.
pub const NUMBER_PLACEHOLDER: &str = "\u{1}NUMBER\u{1}";

/// A timestamp as stored: RFC 3339 in UTC with seconds, sortable as text.
pub fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Reads a timestamp written by [`timestamp`].
pub fn parse_timestamp(text: &str) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.fZ")
        .map(|at| at.and_utc())
        .map_err(|error| StoreError::Corrupt(format!("timestamp {text:?}: {error}")))
}

/// SQL text built only from this crate's constants and placeholders (never from input), which
/// sqlx 0.9 asks us to vouch for.
pub(crate) fn trusted(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}
