//! Opening the database with the installation's audit key.
//!
//! The key that seals the audit chain lives outside the database, so that whoever administers
//! the database cannot rewrite the log unnoticed. Where it is:
//! - `--audit-key-file FILE` (or `RUQSAT_AUDIT_KEY_FILE`): 32 random bytes in hexadecimal;
//! - otherwise, for a SQLite file, `FILE.audit-key` beside it;
//! - for SQLite in memory, a new key for the process;
//! - PostgreSQL needs the option: a production installation chooses where its secret lives.
//!
//! A missing key file is created (mode 0600) only while the audit log is still empty: a log
//! with entries and no key is an error, never a new key.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context;
use ruqsat_store::{AuditKey, Store};

/// The `--audit-key-file` option, set once by `main`.
static KEY_FILE: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Records the `--audit-key-file` option.
pub fn set_key_file(path: Option<PathBuf>) {
    let _ = KEY_FILE.set(path);
}

/// Where the audit key of `database` is, or `None` for a key of this process only.
pub fn key_path(database: &str) -> anyhow::Result<Option<PathBuf>> {
    if let Some(Some(path)) = KEY_FILE.get() {
        return Ok(Some(path.clone()));
    }
    if let Some(path) = database
        .strip_prefix("sqlite://")
        .or_else(|| database.strip_prefix("sqlite:"))
    {
        if path.contains(":memory:") {
            return Ok(None);
        }
        let file = path.split('?').next().unwrap_or(path);
        return Ok(Some(PathBuf::from(format!("{file}.audit-key"))));
    }
    anyhow::bail!(
        "the audit log on {} needs the installation's audit key: --audit-key-file FILE or RUQSAT_AUDIT_KEY_FILE \
         (a new FILE is created with a random key while the log is empty; keep it outside the database's backups)",
        redact(database)
    )
}

/// The database URL without a password, for messages.
fn redact(database: &str) -> String {
    match (database.find("://"), database.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…@{}", &database[..scheme], &database[at + 1..]),
        _ => database.to_owned(),
    }
}

fn random_key() -> AuditKey {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("invariant: the operating system provides randomness");
    AuditKey::new(&bytes).expect("invariant: 32 bytes are enough")
}

/// Reads the key at `path`, or creates it; `true` when it was created now.
fn read_or_create(path: &Path) -> anyhow::Result<(AuditKey, bool)> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((
            AuditKey::from_hex(&text).with_context(|| format!("reading the audit key {}", path.display()))?,
            false,
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let key = random_key();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(path) {
                Ok(mut file) => {
                    writeln!(file, "{}", key.to_hex())
                        .and_then(|()| file.sync_all())
                        .with_context(|| format!("writing the audit key {}", path.display()))?;
                    Ok((key, true))
                }
                // Another process created it first: use theirs.
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => read_or_create(path),
                Err(error) => Err(error).with_context(|| format!("creating the audit key {}", path.display())),
            }
        }
        Err(error) => Err(error).with_context(|| format!("reading the audit key {}", path.display())),
    }
}

/// Opens `database` with its audit key.
pub async fn open(database: &str) -> anyhow::Result<Store> {
    let (key, created) = match key_path(database)? {
        Some(path) => {
            let (key, created) = read_or_create(&path)?;
            (key, created.then_some(path))
        }
        None => (random_key(), None),
    };
    let store = Store::connect(database, key)
        .await
        .with_context(|| format!("opening the database {}", redact(database)))?;
    if let Some(path) = created {
        let head = store.audit_head().await.context("reading the audit head")?;
        if head.seq > 0 {
            let _ = std::fs::remove_file(&path);
            anyhow::bail!(
                "the audit key {} is missing but the audit log already has {} entries: restore the installation's key \
                 (a new key would make the whole log unverifiable)",
                path.display(),
                head.seq
            );
        }
        eprintln!(
            "Created the audit key {} (keep it safe and outside the database's backups).",
            path.display()
        );
    }
    Ok(store)
}
