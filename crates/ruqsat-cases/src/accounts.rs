//! Staff accounts of a real installation: sign-in (atomic lock-outs, temporary, that an
//! administrator can lift), password resets, unlocking, disabling, roles,
//! integration tokens. Every change is audited; the command line (`ruqsat staff`) and the
//! administrator's pages call the same functions.
//!
//! Sign-in attempts are counted *before* the password is checked, per account and client address
//! (5 per 15 minutes, then locked for 15 minutes, doubling with every further lock up to a day),
//! per address (30 per 15 minutes, likewise) and per account from everywhere (50 per day, then
//! locked for an hour, doubling up to a day, or until an administrator unlocks it). The counters
//! are taken from the most particular, and an attempt refused by one is not counted on the next:
//! an attacker's failures from one address do not stop the officer signing in from another, and
//! no burst gets more guesses evaluated than the limits. Behind a reverse proxy the client
//! address is read from `X-Forwarded-For` only when the proxy is configured as trusted
//! (`Service::trusted_proxies`); otherwise every client shares the proxy's counters. Password hashing runs on blocking threads, a bounded number at once, never
//! on the async runtime that answers other requests.

use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Duration, Utc};
use ruqsat_domain::codes::Region;
use ruqsat_domain::text::{MAX_NAME, problem};
use ruqsat_store::{LockoutPolicy, SessionKind, StaffAccount, StaffRow, StoreError, account_key};
use tokio::sync::Semaphore;

use crate::actors::{Caller, DUMMY_HASH, Role, SESSION_HOURS, hash_password, token_digest, verify_password};
use crate::{CaseError, Service};

/// Attempts of one account from one client address.
pub const PAIR_LOCKOUT: LockoutPolicy = LockoutPolicy {
    threshold: 5,
    window: Duration::minutes(15),
    lock_for: Some(Duration::minutes(15)),
};

/// Attempts from one client address on any account (password spraying).
pub const ADDRESS_LOCKOUT: LockoutPolicy = LockoutPolicy {
    threshold: 30,
    window: Duration::minutes(15),
    lock_for: Some(Duration::minutes(15)),
};

/// Attempts on one account from every address together: an attack from many addresses locks the
/// account for an hour, doubling with every further lock up to a day; an administrator can lift
/// it at once (`ruqsat staff unlock`, `/admin/staff`). Never for good: that would let anyone
/// with a few addresses keep a named officer out for as long as they like.
pub const ACCOUNT_LOCKOUT: LockoutPolicy = LockoutPolicy {
    threshold: 50,
    window: Duration::hours(24),
    lock_for: Some(Duration::hours(1)),
};

/// The shortest password a user may choose.
pub const MIN_PASSWORD: usize = 12;

/// How long an integration's token lasts unless the administrator says otherwise.
pub const INTEGRATION_TOKEN_DAYS: i64 = 90;

/// Password checks at once: one core stays free for everything else.
static HASHING: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    Arc::new(Semaphore::new(cores.saturating_sub(1).max(1)))
});

/// Runs an argon2 computation on a blocking thread, a bounded number at once.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, CaseError> {
    // The permit goes with the work: a client that disconnects drops this future, not the
    // computation, which keeps its permit until it ends (the bound holds for what really runs).
    let permit = Arc::clone(&HASHING)
        .acquire_owned()
        .await
        .map_err(|_| CaseError::Password("the hashing pool is closed".into()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|error| CaseError::Password(error.to_string()))
}

/// Whether `password` matches `hash`, off the async runtime.
pub async fn check_password(password: &str, hash: &str) -> Result<bool, CaseError> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    hashing(move || verify_password(&password, &hash)).await
}

/// The argon2 hash of `password`, off the async runtime.
pub async fn new_password_hash(password: &str) -> Result<String, CaseError> {
    let password = password.to_owned();
    hashing(move || hash_password(&password)).await?
}

/// A new session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The bearer token (the server keeps its digest only).
    pub token: String,
    /// When it ends.
    pub expires_at: DateTime<Utc>,
    /// The account.
    pub staff: StaffRow,
}

/// Why a sign-in did not open a session.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Wrong login or password, or a disabled account (the same answer for all).
    #[error("wrong login or password")]
    Wrong,
    /// Too many failures: locked until then (the password was not checked).
    #[error("too many failed sign-ins; locked until {0}")]
    Locked(DateTime<Utc>),
    /// The password was reset: the user must choose a new one (with the password given).
    #[error("the password was reset: choose a new one")]
    PasswordChangeRequired,
    /// The new password is not acceptable.
    #[error("new_password: {0}")]
    NewPassword(String),
    /// Something else failed.
    #[error(transparent)]
    Case(#[from] CaseError),
}

impl From<StoreError> for SignInError {
    fn from(error: StoreError) -> Self {
        SignInError::Case(error.into())
    }
}

/// Checks a login and password and opens a session; `new_password` sets a new password when the
/// old one was reset (or is rejected with the reason). The typed login is never logged: the audit
/// names the account only when one exists.
pub async fn sign_in(
    service: &Service,
    login: &str,
    password: &str,
    new_password: Option<&str>,
    address: Option<std::net::IpAddr>,
) -> Result<Session, SignInError> {
    let login = login.trim();
    // Logins are ASCII (`add` makes them so): anything else names no account, and would only
    // open counters of its own (`İ` lowercases differently in Rust and in PostgreSQL).
    if login.is_empty() || !login.is_ascii() || problem(login, 64).is_some() || password.len() > 1024 {
        return Err(SignInError::Wrong);
    }
    let now = (service.clock)();
    let lowered = login.to_lowercase();
    let address = address.map_or_else(|| "unknown".to_owned(), |address| address.to_string());
    let pair_key = format!("pair:{lowered}|{address}");
    let address_key = format!("addr:{address}");
    let account_key = account_key(&lowered);
    let keys = [
        (pair_key.as_str(), PAIR_LOCKOUT),
        (address_key.as_str(), ADDRESS_LOCKOUT),
        (account_key.as_str(), ACCOUNT_LOCKOUT),
    ];
    if let Err(until) = service.store.reserve_login_attempt(&keys, now).await? {
        // Visible to the operators, without what was typed (it may be anything, a password too).
        tracing::warn!(locked_until = %until, "sign-in locked after repeated failures");
        return Err(SignInError::Locked(until));
    }
    let account = service.store.staff_by_login(login).await?;
    // The same work for an unknown login, a disabled account and a wrong password.
    let hash = account
        .as_ref()
        .and_then(|account| account.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let verified = check_password(password, &hash).await?;
    let account = match account {
        Some(account)
            if verified
                && account.password_hash.is_some()
                && account.disabled_at.is_none()
                && !account.staff.role.starts_with("integration:") =>
        {
            account
        }
        other => {
            if let Some(account) = other {
                service
                    .store
                    .audit(
                        &account.staff.login,
                        "login_failed",
                        None,
                        "password not accepted, or the account is disabled",
                        now,
                    )
                    .await?;
            }
            return Err(SignInError::Wrong);
        }
    };
    service
        .store
        .release_login_attempt(&[&pair_key], &[&address_key, &account_key])
        .await?;
    if account.password_change_due {
        let Some(new_password) = new_password.filter(|new| !new.is_empty()) else {
            return Err(SignInError::PasswordChangeRequired);
        };
        if let Some(reason) = weak_password(new_password, password) {
            return Err(SignInError::NewPassword(reason));
        }
        let hash = new_password_hash(new_password).await?;
        service
            .store
            .set_password_hash(&account.staff.login, &hash, None)
            .await?;
        service
            .store
            .audit(
                &account.staff.login,
                "password_changed",
                None,
                "a new password after a reset",
                now,
            )
            .await?;
    }
    let token = (service.tokens)();
    let expires_at = now + Duration::hours(SESSION_HOURS);
    service
        .store
        .create_session(
            &token_digest(&token),
            account.staff.id,
            (SessionKind::Session, None),
            now,
            expires_at,
        )
        .await?;
    service
        .store
        .audit(&account.staff.login, "login", None, "session opened", now)
        .await?;
    Ok(Session {
        token,
        expires_at,
        staff: account.staff,
    })
}

/// Why a new password is not acceptable, if it is not.
fn weak_password(new: &str, old: &str) -> Option<String> {
    if new.chars().count() < MIN_PASSWORD {
        return Some(format!("at least {MIN_PASSWORD} characters"));
    }
    if new == old {
        return Some("must differ from the temporary password".into());
    }
    if new.len() > 1024 || new.chars().any(char::is_control) {
        return Some("no control characters, at most 1024 bytes".into());
    }
    None
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Login: 3 to 64 of `a-z 0-9 . _ -`.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Role code (`officer`, `supervisor`, `operator`, `auditor`, `administrator`,
    /// `integration:portal`, `integration:state_corporation`, `integration:border`).
    pub role: String,
    /// Region code, for officers and supervisors (and only for them).
    pub region: Option<String>,
}

fn only_administrators(caller: &Caller) -> Result<(), CaseError> {
    if caller.role == Role::Administrator {
        Ok(())
    } else {
        Err(CaseError::Forbidden(
            "only an administrator manages staff accounts".into(),
        ))
    }
}

fn invalid(field: &str, message: impl Into<String>, id: &'static str) -> CaseError {
    CaseError::Invalid {
        field: field.into(),
        message: message.into(),
        id: Some(id),
    }
}

/// The role and region as stored, checked: a region for officers and supervisors only.
fn role_and_region(role: &str, region: Option<&str>) -> Result<(String, Option<String>), CaseError> {
    let parsed = Role::parse(role).ok_or_else(|| invalid("role", format!("unknown role {role:?}"), "invalid-role"))?;
    let region = region.map(str::trim).filter(|region| !region.is_empty());
    match (parsed, region) {
        (Role::Officer | Role::Supervisor, Some(region)) => {
            let region: Region = region
                .parse()
                .map_err(|_| invalid("region", format!("unknown region {region:?}"), "invalid-region"))?;
            Ok((role.to_owned(), Some(region.as_str().to_owned())))
        }
        (Role::Officer | Role::Supervisor, None) => Err(invalid(
            "region",
            "officers and supervisors work in one region",
            "invalid-required",
        )),
        (_, Some(_)) => Err(invalid(
            "region",
            "only officers and supervisors have a region",
            "invalid-region",
        )),
        (_, None) => Ok((role.to_owned(), None)),
    }
}

/// A temporary password (the user replaces it at the first sign-in).
fn temporary_password(service: &Service) -> String {
    let token = (service.tokens)();
    token.chars().filter(char::is_ascii_alphanumeric).take(20).collect()
}

/// Creates an account; returns its temporary password (people) to hand over once. Integration
/// accounts get no password: issue them a token ([`issue_token`]).
pub async fn add(service: &Service, caller: &Caller, account: NewAccount) -> Result<Option<String>, CaseError> {
    only_administrators(caller)?;
    let login = account.login.trim().to_lowercase();
    if !(3..=64).contains(&login.len())
        || !login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(invalid("login", "3 to 64 of a-z, 0-9, '.', '_', '-'", "invalid-login"));
    }
    let name = account.name.trim();
    if name.is_empty() {
        return Err(invalid("name", "required", "invalid-required"));
    }
    if let Some(problem) = problem(name, MAX_NAME * 2) {
        return Err(invalid("name", problem.message(), problem.message_id()));
    }
    let (role, region) = role_and_region(&account.role, account.region.as_deref())?;
    let now = (service.clock)();
    let person = !role.starts_with("integration:");
    let password = person.then(|| temporary_password(service));
    let hash = match &password {
        Some(password) => Some(new_password_hash(password).await?),
        None => None,
    };
    let row = StaffRow {
        id: 0,
        login: login.clone(),
        name: name.to_owned(),
        role: role.clone(),
        region: region.clone(),
    };
    service.store.add_staff(&row, hash.as_deref(), person, now).await?;
    service
        .store
        .audit(
            &caller.login,
            "staff_add",
            None,
            &format!(
                "account {login}: role {role}, region {}",
                region.as_deref().unwrap_or("-")
            ),
            now,
        )
        .await?;
    Ok(password)
}

async fn existing(service: &Service, login: &str) -> Result<StaffAccount, CaseError> {
    service
        .store
        .staff_by_login(login.trim())
        .await?
        .ok_or(CaseError::NotFound)
}

/// Resets a person's password: returns a temporary one, which the user replaces at the next
/// sign-in; the account's sessions end and its lock is lifted.
pub async fn reset_password(service: &Service, caller: &Caller, login: &str) -> Result<String, CaseError> {
    only_administrators(caller)?;
    let account = existing(service, login).await?;
    if account.staff.role.starts_with("integration:") {
        return Err(invalid(
            "login",
            "an integration has tokens, not a password",
            "invalid-login",
        ));
    }
    let now = (service.clock)();
    let password = temporary_password(service);
    let hash = new_password_hash(&password).await?;
    let login = account.staff.login.as_str();
    service.store.set_password_hash(login, &hash, Some(now)).await?;
    service.store.end_sessions(login).await?;
    service.store.unlock_login(login).await?;
    service
        .store
        .audit(
            &caller.login,
            "staff_reset",
            None,
            &format!("account {login}: password reset"),
            now,
        )
        .await?;
    Ok(password)
}

/// Lifts every sign-in lock of an account.
pub async fn unlock(service: &Service, caller: &Caller, login: &str) -> Result<(), CaseError> {
    only_administrators(caller)?;
    let account = existing(service, login).await?;
    let now = (service.clock)();
    service.store.unlock_login(&account.staff.login).await?;
    service
        .store
        .audit(
            &caller.login,
            "staff_unlock",
            None,
            &format!("account {}: unlocked", account.staff.login),
            now,
        )
        .await
        .map_err(Into::into)
}

/// Disables an account (its sessions and tokens end at once) or enables it again.
pub async fn set_disabled(service: &Service, caller: &Caller, login: &str, disabled: bool) -> Result<(), CaseError> {
    only_administrators(caller)?;
    let account = existing(service, login).await?;
    if disabled && account.staff.login == caller.login {
        return Err(invalid(
            "login",
            "an administrator cannot disable their own account",
            "invalid-login",
        ));
    }
    let now = (service.clock)();
    service
        .store
        .set_disabled(&account.staff.login, disabled.then_some(now))
        .await?;
    let (action, detail) = if disabled {
        ("staff_disable", "disabled")
    } else {
        ("staff_enable", "enabled")
    };
    service
        .store
        .audit(
            &caller.login,
            action,
            None,
            &format!("account {}: {detail}", account.staff.login),
            now,
        )
        .await
        .map_err(Into::into)
}

/// Changes an account's role and region; its sessions and tokens end (a token of one integration
/// must not act as another).
pub async fn set_role(
    service: &Service,
    caller: &Caller,
    login: &str,
    role: &str,
    region: Option<&str>,
) -> Result<(), CaseError> {
    only_administrators(caller)?;
    let account = existing(service, login).await?;
    let (role, region) = role_and_region(role, region)?;
    if account.staff.login == caller.login && role != "administrator" {
        return Err(invalid(
            "role",
            "an administrator cannot take their own role away",
            "invalid-role",
        ));
    }
    if role.starts_with("integration:") != account.staff.role.starts_with("integration:") {
        return Err(invalid(
            "role",
            "a person stays a person and an integration an integration",
            "invalid-role",
        ));
    }
    let now = (service.clock)();
    service
        .store
        .set_role(&account.staff.login, &role, region.as_deref())
        .await?;
    service
        .store
        .audit(
            &caller.login,
            "staff_role",
            None,
            &format!(
                "account {}: role {role}, region {}",
                account.staff.login,
                region.as_deref().unwrap_or("-")
            ),
            now,
        )
        .await
        .map_err(Into::into)
}

/// Issues a token to an integration account for `days` days; returns it (shown once).
pub async fn issue_token(service: &Service, caller: &Caller, login: &str, days: i64) -> Result<String, CaseError> {
    only_administrators(caller)?;
    let account = existing(service, login).await?;
    if !account.staff.role.starts_with("integration:") {
        return Err(invalid(
            "login",
            "people sign in with their password; tokens are for integrations",
            "invalid-login",
        ));
    }
    if !(1..=366).contains(&days) {
        return Err(invalid("days", "1 to 366 days", "invalid-days"));
    }
    let now = (service.clock)();
    let token = (service.tokens)();
    service
        .store
        .create_session(
            &token_digest(&token),
            account.staff.id,
            (SessionKind::Integration, Some("issued by an administrator")),
            now,
            now + Duration::days(days),
        )
        .await?;
    service
        .store
        .audit(
            &caller.login,
            "staff_token",
            None,
            &format!("account {}: token for {days} days", account.staff.login),
            now,
        )
        .await?;
    Ok(token)
}

/// Every account (administrators only).
pub async fn list(service: &Service, caller: &Caller) -> Result<Vec<StaffAccount>, CaseError> {
    only_administrators(caller)?;
    Ok(service.store.list_staff((service.clock)()).await?)
}
