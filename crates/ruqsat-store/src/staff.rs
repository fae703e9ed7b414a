//! Staff accounts and channel integrations; their sessions and tokens (stored as SHA-256
//! digests, each with an end); failed sign-ins counted atomically with the attempt.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::{Store, StoreError, parse_timestamp, timestamp};

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

/// An account as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    /// The account.
    pub staff: StaffRow,
    /// The argon2 hash of its password, if it has one.
    pub password_hash: Option<String>,
    /// When it was disabled (it can no longer sign in or act).
    pub disabled_at: Option<DateTime<Utc>>,
    /// Whether its password was reset: the user sets a new one at the next sign-in.
    pub password_change_due: bool,
    /// Until when its sign-in is locked for everyone (after failures from many addresses), if so.
    pub locked_until: Option<DateTime<Utc>>,
}

/// What a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A person signed in (hours).
    Session,
    /// A channel integration's token (days, issued by an administrator).
    Integration,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Session => "session",
            SessionKind::Integration => "integration",
        }
    }
}

/// An account with the lock of its login from every address (`account_key`: logins are ASCII,
/// so SQL's `lower` and Rust's agree), in one query.
const ACCOUNT_SELECT: &str = "SELECT staff.id, staff.login, staff.name, staff.role, staff.region, staff.password_hash, \
     staff.disabled_at, staff.password_change_due, login_failures.locked_until FROM staff \
     LEFT JOIN login_failures ON login_failures.key = 'login:' || lower(staff.login)";

impl Store {
    /// Adds an account (or replaces the one with the same login, ending its sessions): the demo.
    pub async fn put_staff(&self, account: &StaffRow, now: DateTime<Utc>) -> Result<i64, StoreError> {
        sqlx::query("DELETE FROM staff WHERE login = $1")
            .bind(&account.login)
            .execute(&self.pool)
            .await?;
        self.add_staff(account, None, false, now).await
    }

    /// Adds a new account; a login already taken is [`StoreError::LoginTaken`].
    pub async fn add_staff(
        &self,
        account: &StaffRow,
        password_hash: Option<&str>,
        password_change_due: bool,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM staff WHERE lower(login) = lower($1)")
            .bind(&account.login)
            .fetch_optional(&self.pool)
            .await?;
        if taken.is_some() {
            return Err(StoreError::LoginTaken(account.login.clone()));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO staff (login, name, role, region, token_hash, created_at, password_hash, password_change_due) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&account.login)
        .bind(&account.name)
        .bind(&account.role)
        .bind(&account.region)
        // Accounts hold no token of their own: tokens are sessions with an end.
        .bind(format!("none:{}", account.login))
        .bind(timestamp(now))
        .bind(password_hash)
        .bind(password_change_due.then(|| timestamp(now)))
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Sets an account's password hash (argon2, PHC string); `change_due` asks the user to set a
    /// new one at the next sign-in (a reset).
    pub async fn set_password_hash(
        &self,
        login: &str,
        password_hash: &str,
        change_due: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query("UPDATE staff SET password_hash = $1, password_change_due = $2 WHERE login = $3")
            .bind(password_hash)
            .bind(change_due.map(timestamp))
            .bind(login)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Disables an account (ending its sessions and tokens) or enables it again.
    pub async fn set_disabled(&self, login: &str, disabled: Option<DateTime<Utc>>) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let result = sqlx::query("UPDATE staff SET disabled_at = $1 WHERE login = $2")
            .bind(disabled.map(timestamp))
            .bind(login)
            .execute(&mut *tx)
            .await?;
        if disabled.is_some() {
            sqlx::query("DELETE FROM sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = $1)")
                .bind(login)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(result.rows_affected() == 1)
    }

    /// Changes an account's role and region, ending its sessions and tokens (an integration's
    /// token must not act in another role).
    pub async fn set_role(&self, login: &str, role: &str, region: Option<&str>) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let result = sqlx::query("UPDATE staff SET role = $1, region = $2 WHERE login = $3")
            .bind(role)
            .bind(region)
            .bind(login)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = $1)")
            .bind(login)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(result.rows_affected() == 1)
    }

    /// An account by login (as typed: any case).
    pub async fn staff_by_login(&self, login: &str) -> Result<Option<StaffAccount>, StoreError> {
        let row = sqlx::query(crate::trusted(format!(
            "{ACCOUNT_SELECT} WHERE lower(staff.login) = lower($1)"
        )))
        .bind(login)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(staff_account).transpose()
    }

    /// Every account, by login (a lock shown only while it lasts).
    pub async fn list_staff(&self, now: DateTime<Utc>) -> Result<Vec<StaffAccount>, StoreError> {
        let rows = sqlx::query(crate::trusted(format!("{ACCOUNT_SELECT} ORDER BY staff.login")))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let mut account = staff_account(row)?;
                account.locked_until = account.locked_until.filter(|until| *until > now);
                Ok(account)
            })
            .collect()
    }

    /// Opens a session (or an integration's token) for an account until `expires_at`; expired
    /// sessions of every account are deleted on the way (retention: nothing outlives its end).
    pub async fn create_session(
        &self,
        token_hash: &str,
        staff_id: i64,
        (kind, label): (SessionKind, Option<&str>),
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.delete_expired_sessions(now).await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, staff_id, created_at, expires_at, kind, label) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(staff_id)
        .bind(timestamp(now))
        .bind(timestamp(expires_at))
        .bind(kind.as_str())
        .bind(label)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Deletes the sessions that ended before `now`, and the counts of failed sign-ins (they name
    /// a login and an address) older than a day and not locking anything; returns how many
    /// sessions.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(timestamp(now))
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "DELETE FROM login_failures WHERE window_start < $1 AND (locked_until IS NULL OR locked_until <= $2)",
        )
        .bind(timestamp(now - chrono::Duration::days(1)))
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected())
    }

    /// The enabled account of a session or token that has not ended.
    pub async fn staff_by_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<StaffRow>, StoreError> {
        let row = sqlx::query(
            "SELECT staff.id, staff.login, staff.name, staff.role, staff.region FROM sessions \
             JOIN staff ON staff.id = sessions.staff_id \
             WHERE sessions.token_hash = $1 AND sessions.expires_at > $2 AND staff.disabled_at IS NULL",
        )
        .bind(token_hash)
        .bind(timestamp(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(staff_row).transpose()
    }

    /// Ends every session and token of an account.
    pub async fn end_sessions(&self, login: &str) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = $1)")
            .bind(login)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }

    /// Ends a session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
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

fn staff_account(row: &sqlx::any::AnyRow) -> Result<StaffAccount, StoreError> {
    let disabled_at: Option<String> = row.try_get("disabled_at")?;
    let change_due: Option<String> = row.try_get("password_change_due")?;
    let locked_until: Option<String> = row.try_get("locked_until")?;
    Ok(StaffAccount {
        staff: staff_row(row)?,
        password_hash: row.try_get("password_hash")?,
        disabled_at: disabled_at.map(|at| parse_timestamp(&at)).transpose()?,
        password_change_due: change_due.is_some(),
        locked_until: locked_until.map(|until| parse_timestamp(&until)).transpose()?,
    })
}

/// The key under which the failures of an account from every address are counted.
pub fn account_key(login: &str) -> String {
    format!("login:{}", login.to_lowercase())
}

/// When failed sign-ins lock a key (an account from one address, an address, an account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Attempts within the window that are evaluated; the next one locks the key.
    pub threshold: i64,
    /// The window in which failures are counted.
    pub window: chrono::Duration,
    /// How long the first lock lasts; each further lock of the key lasts twice as long as the one
    /// before, up to a day. `None`: locked until an administrator unlocks it.
    pub lock_for: Option<chrono::Duration>,
}

impl LockoutPolicy {
    /// Until when the `locks`-th lock (1 for the first) from `now` lasts.
    fn lock_until(&self, locks: i64, now: DateTime<Utc>) -> DateTime<Utc> {
        match self.lock_for {
            Some(first) => {
                let doublings = u32::try_from((locks - 1).clamp(0, 16)).unwrap_or(16);
                now + (first * 2i32.pow(doublings)).min(chrono::Duration::days(1))
            }
            // Far enough to mean "until unlocked", and still a valid timestamp on both backends.
            None => now + chrono::Duration::days(365 * 100),
        }
    }
}

impl Store {
    /// Counts a sign-in attempt against every key *before* its password is checked, in one
    /// atomic statement per key, from the most particular key to the most general: an attempt
    /// refused by one key is not counted against the next ones (so that an attacker locked out
    /// of an account from one address never reaches the account's own limit from there): of a burst of parallel attempts no more than the policy's
    /// threshold are evaluated, and the attempt that goes over it locks the key. Returns `Err`
    /// with the end of the lock when any key is locked (the attempt is then not evaluated).
    /// After a correct password, [`Store::release_login_attempt`] takes the attempt back.
    pub async fn reserve_login_attempt(
        &self,
        keys: &[(&str, LockoutPolicy)],
        now: DateTime<Utc>,
    ) -> Result<Result<(), DateTime<Utc>>, StoreError> {
        let mut locked: Option<DateTime<Utc>> = None;
        for (key, policy) in keys {
            let row = sqlx::query(
                "INSERT INTO login_failures (key, failures, window_start, locks) VALUES ($1, 1, $2, 0) \
                 ON CONFLICT (key) DO UPDATE SET \
                 failures = CASE WHEN login_failures.locked_until > $2 THEN login_failures.failures \
                    WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.failures + 1 END, \
                 window_start = CASE WHEN login_failures.locked_until > $2 THEN login_failures.window_start \
                    WHEN login_failures.window_start < $3 THEN $2 ELSE login_failures.window_start END \
                 RETURNING CAST(failures AS BIGINT) AS failures, locked_until, CAST(locks AS BIGINT) AS locks",
            )
            .bind(*key)
            .bind(timestamp(now))
            .bind(timestamp(now - policy.window))
            .fetch_one(&self.pool)
            .await?;
            let failures: i64 = row.try_get("failures")?;
            let locks: i64 = row.try_get("locks")?;
            let until: Option<String> = row.try_get("locked_until")?;
            let until = until.map(|until| parse_timestamp(&until)).transpose()?;
            if let Some(until) = until.filter(|until| *until > now) {
                locked = Some(until);
                break;
            }
            if failures > policy.threshold {
                let until = policy.lock_until(locks + 1, now);
                // Only the attempt that finds the key unlocked locks it (and counts the lock).
                sqlx::query(
                    "UPDATE login_failures SET locked_until = $1, locks = locks + 1, failures = 0, window_start = $2 \
                     WHERE key = $3 AND (locked_until IS NULL OR locked_until <= $2)",
                )
                .bind(timestamp(until))
                .bind(timestamp(now))
                .bind(*key)
                .execute(&self.pool)
                .await?;
                locked = Some(until);
                break;
            }
        }
        Ok(match locked {
            Some(until) => Err(until),
            None => Ok(()),
        })
    }

    /// Takes back a reserved attempt whose password was right: the keys in `forget` lose their
    /// failures (and their history of locks), the others count one failure less.
    pub async fn release_login_attempt(&self, forget: &[&str], uncount: &[&str]) -> Result<(), StoreError> {
        for key in forget {
            sqlx::query("DELETE FROM login_failures WHERE key = $1")
                .bind(*key)
                .execute(&self.pool)
                .await?;
        }
        for key in uncount {
            sqlx::query("UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0")
                .bind(*key)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Unlocks an account: forgets its failures from every address; returns whether any were
    /// recorded.
    pub async fn unlock_login(&self, login: &str) -> Result<bool, StoreError> {
        let login = login.to_lowercase();
        let pairs = format!("pair:{login}|");
        let result = sqlx::query("DELETE FROM login_failures WHERE key = $1 OR substr(key, 1, length($2)) = $2")
            .bind(account_key(&login))
            .bind(pairs)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() > 0)
    }
}
