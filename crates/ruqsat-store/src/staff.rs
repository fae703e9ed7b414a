//! Staff accounts and channel integrations, identified by API tokens (stored as SHA-256 digests).

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::{Store, StoreError, timestamp};

/// A staff member or a channel integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    /// Internal id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Role code.
    pub role: String,
    /// Region, for officers and supervisors.
    pub region: Option<String>,
}

impl Store {
    /// Adds an account (or replaces the one with the same login).
    pub async fn put_staff(&self, account: &StaffRow, token_hash: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM staff WHERE login = $1")
            .bind(&account.login)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO staff (login, name, role, region, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&account.login)
        .bind(&account.name)
        .bind(&account.role)
        .bind(&account.region)
        .bind(token_hash)
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account holding the token with this digest.
    pub async fn staff_by_token_hash(&self, token_hash: &str) -> Result<Option<StaffRow>, StoreError> {
        let row = sqlx::query("SELECT id, login, name, role, region FROM staff WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(StaffRow {
                id: row.try_get("id")?,
                login: row.try_get("login")?,
                name: row.try_get("name")?,
                role: row.try_get("role")?,
                region: row.try_get("region")?,
            })
        })
        .transpose()
    }
}
