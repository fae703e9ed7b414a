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

    /// Sets an account's password hash (argon2, PHC string).
    pub async fn set_password_hash(&self, login: &str, password_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE staff SET password_hash = $1 WHERE login = $2")
            .bind(password_hash)
            .bind(login)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// An account and its password hash, by login.
    pub async fn staff_by_login(&self, login: &str) -> Result<Option<(StaffRow, Option<String>)>, StoreError> {
        let row = sqlx::query("SELECT id, login, name, role, region, password_hash FROM staff WHERE login = $1")
            .bind(login)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| Ok((staff_row(&row)?, row.try_get("password_hash")?)))
            .transpose()
    }

    /// Opens a session for an account until `expires_at`.
    pub async fn create_session(
        &self,
        token_hash: &str,
        staff_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(staff_id)
            .bind(timestamp(now))
            .bind(timestamp(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The account of a session that has not expired.
    pub async fn staff_by_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<StaffRow>, StoreError> {
        let row = sqlx::query(
            "SELECT staff.id, staff.login, staff.name, staff.role, staff.region FROM sessions \
             JOIN staff ON staff.id = sessions.staff_id WHERE sessions.token_hash = $1 AND sessions.expires_at > $2",
        )
        .bind(token_hash)
        .bind(timestamp(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(staff_row).transpose()
    }

    /// Ends a session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
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
        row.as_ref().map(staff_row).transpose()
    }
}

fn staff_row(row: &sqlx::any::AnyRow) -> Result<StaffRow, StoreError> {
    Ok(StaffRow {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        name: row.try_get("name")?,
        role: row.try_get("role")?,
        region: row.try_get("region")?,
    })
}

/// When failed logins lock a key (an account or a client address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures within the window that lock the key.
    pub threshold: i64,
    /// The window in which failures are counted.
    pub window: chrono::Duration,
    /// How long a key stays locked.
    pub lock_for: chrono::Duration,
}

impl Store {
    /// Until when the latest-locked of `keys` is locked, if any is locked at `now`.
    pub async fn login_locked_until(
        &self,
        keys: &[&str],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let mut latest: Option<DateTime<Utc>> = None;
        for key in keys {
            let until: Option<Option<String>> =
                sqlx::query_scalar("SELECT locked_until FROM login_failures WHERE key = $1 AND locked_until > $2")
                    .bind(*key)
                    .bind(timestamp(now))
                    .fetch_optional(&self.pool)
                    .await?;
            if let Some(Some(until)) = until {
                let until = crate::parse_timestamp(&until)?;
                latest = Some(latest.map_or(until, |latest| latest.max(until)));
            }
        }
        Ok(latest)
    }

    /// Counts one failed login against `key`; returns until when the key is now locked, if this
    /// failure reached the policy's threshold within its window.
    pub async fn record_login_failure(
        &self,
        key: &str,
        policy: LockoutPolicy,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let failures: i64 = sqlx::query_scalar(
            "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
             failures = CASE WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.failures + 1 END, \
             window_start = CASE WHEN login_failures.window_start < $3 THEN $2 ELSE login_failures.window_start END \
             RETURNING CAST(failures AS BIGINT)",
        )
        .bind(key)
        .bind(timestamp(now))
        .bind(timestamp(now - policy.window))
        .fetch_one(&self.pool)
        .await?;
        if failures < policy.threshold {
            return Ok(None);
        }
        let until = now + policy.lock_for;
        sqlx::query("UPDATE login_failures SET locked_until = $1, failures = 0, window_start = $2 WHERE key = $3")
            .bind(timestamp(until))
            .bind(timestamp(now))
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(Some(until))
    }

    /// Forgets the failures of `key` (after a successful login).
    pub async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
