//! The audit log: every read of personal data and every change, append-only and hash-chained
//! (each entry's hash covers the previous hash), so that a changed or deleted entry is detected.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{Backend, Store, StoreError, timestamp, trusted};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the log.
    pub id: i64,
    /// When (UTC text).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What (`read_case`, `decide`, ...).
    pub action: String,
    /// The case concerned, if any.
    pub case_id: Option<i64>,
    /// Details (no personal data: ids and codes).
    pub detail: String,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// Hash of this entry.
    pub hash: String,
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    /// An entry's content does not match its hash.
    #[error("audit entry {id} was altered (its hash does not match its content)")]
    Altered {
        /// The entry.
        id: i64,
    },
    /// An entry does not follow the previous one (deleted, inserted or reordered).
    #[error("audit entry {id} does not follow the previous entry (an entry was removed or inserted)")]
    Broken {
        /// The entry.
        id: i64,
    },
}

/// The hash of an entry's content chained to the previous hash.
pub fn entry_hash(prev_hash: &str, at: &str, actor: &str, action: &str, case_id: Option<i64>, detail: &str) -> String {
    let case = case_id.map(|id| id.to_string()).unwrap_or_default();
    let digest = Sha256::digest(format!("{prev_hash}\n{at}\n{actor}\n{action}\n{case}\n{detail}").as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Checks a whole log, oldest first.
pub fn verify_chain(entries: &[AuditEntry]) -> Result<usize, AuditError> {
    let mut previous = GENESIS.to_owned();
    for entry in entries {
        if entry.prev_hash != previous {
            return Err(AuditError::Broken { id: entry.id });
        }
        let expected = entry_hash(
            &entry.prev_hash,
            &entry.at,
            &entry.actor,
            &entry.action,
            entry.case_id,
            &entry.detail,
        );
        if expected != entry.hash {
            return Err(AuditError::Altered { id: entry.id });
        }
        previous = entry.hash.clone();
    }
    Ok(entries.len())
}

impl Store {
    /// Appends an entry to the audit log (serialized through the chain head, so concurrent
    /// writers on one PostgreSQL keep one chain).
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        case_id: Option<i64>,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let head = sqlx::query(trusted(format!("SELECT last_hash FROM audit_head WHERE id = 1{lock}")))
            .fetch_one(&mut *tx)
            .await?;
        let prev_hash: String = head.try_get("last_hash")?;
        let at = timestamp(now);
        let hash = entry_hash(&prev_hash, &at, actor, action, case_id, detail);
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, case_id, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&at)
        .bind(actor)
        .bind(action)
        .bind(case_id)
        .bind(detail)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The hash the chain head records (the last entry's hash).
    pub async fn audit_head(&self) -> Result<String, StoreError> {
        let row = sqlx::query("SELECT last_hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("last_hash")?)
    }

    /// The whole audit log, oldest first.
    pub async fn audit_entries(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let rows =
            sqlx::query("SELECT id, at, actor, action, case_id, detail, prev_hash, hash FROM audit_log ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    case_id: row.try_get("case_id")?,
                    detail: row.try_get("detail")?,
                    prev_hash: row.try_get("prev_hash")?,
                    hash: row.try_get("hash")?,
                })
            })
            .collect()
    }

    /// The audit entries about one case, oldest first.
    pub async fn audit_for_case(&self, case_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(self
            .audit_entries()
            .await?
            .into_iter()
            .filter(|entry| entry.case_id == Some(case_id))
            .collect())
    }

    /// Runs raw SQL (administration and tamper tests only).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query(trusted(sql.to_owned()))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
