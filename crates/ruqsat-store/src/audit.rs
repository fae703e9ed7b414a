//! The audit log: every read of personal data and every change, append-only and chained.
//!
//! Each entry's hash is an HMAC-SHA-256, keyed with the installation's secret ([`AuditKey`],
//! kept outside the database), over its position, the previous hash and its fields, each
//! length-prefixed (so no content can move a field boundary). The head records the position and
//! hash of the last entry under an HMAC of its own, so a truncated tail is detected too. Without
//! the key, a database administrator can neither edit, insert, delete, truncate nor recompute the
//! chain without [`verify_chain`] noticing; a replayed old head is caught by comparing with a head
//! exported earlier (`ruqsat audit head`, kept outside the database) through [`Anchor`].
//!
//! Entries written by versions before the key (`keyed = 0`, an unkeyed SHA-256 over fields
//! joined by newlines) are accepted only as a prefix of the chain: the first keyed entry covers
//! their last hash, and the head's HMAC covers the whole chain.
//!
//! Changes of cases append their entry inside the transaction of the change
//! ([`append_in`]), so a change is never committed without its audit entry.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};

use crate::{Backend, Store, StoreError, timestamp, trusted};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Domain separation of the entries' and the head's HMACs.
const ENTRY_CONTEXT: &[u8] = b"ruqsat audit entry v2";
const HEAD_CONTEXT: &[u8] = b"ruqsat audit head v2";

/// The installation's secret that keys the audit chain (at least 32 bytes). Its `Debug` never
/// shows it.
#[derive(Clone)]
pub struct AuditKey(Arc<[u8]>);

impl fmt::Debug for AuditKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("AuditKey(…)")
    }
}

impl AuditKey {
    /// The shortest key accepted, in bytes.
    pub const MIN_BYTES: usize = 32;

    /// A key from its bytes.
    pub fn new(bytes: &[u8]) -> Result<AuditKey, StoreError> {
        if bytes.len() < Self::MIN_BYTES {
            return Err(StoreError::AuditKey(format!(
                "the audit key has {} bytes; at least {} are needed",
                bytes.len(),
                Self::MIN_BYTES
            )));
        }
        Ok(AuditKey(bytes.into()))
    }

    /// A key from its hexadecimal text (as in a key file; surrounding white space ignored).
    pub fn from_hex(text: &str) -> Result<AuditKey, StoreError> {
        let text = text.trim();
        if !text.len().is_multiple_of(2) || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(StoreError::AuditKey(
                "the audit key file must hold the key in hexadecimal digits".into(),
            ));
        }
        let bytes: Vec<u8> = (0..text.len())
            .step_by(2)
            .map(|index| u8::from_str_radix(&text[index..index + 2], 16))
            .collect::<Result<_, _>>()
            .map_err(|error| StoreError::AuditKey(error.to_string()))?;
        AuditKey::new(&bytes)
    }

    /// The key in hexadecimal (for writing a new key file).
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    fn mac(&self, context: &[u8], fields: &[&[u8]]) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("invariant: HMAC takes any key length");
        for field in std::iter::once(context).chain(fields.iter().copied()) {
            mac.update(&(field.len() as u64).to_be_bytes());
            mac.update(field);
        }
        hex(&mac.finalize().into_bytes())
    }

    /// The keyed hash of an entry: its position, the previous hash and its fields.
    pub fn entry_mac(&self, seq: i64, prev_hash: &str, fields: &EntryFields<'_>) -> String {
        let case = fields.case_id.map(|id| id.to_string()).unwrap_or_default();
        self.mac(
            ENTRY_CONTEXT,
            &[
                &seq.to_be_bytes(),
                prev_hash.as_bytes(),
                fields.at.as_bytes(),
                fields.actor.as_bytes(),
                fields.action.as_bytes(),
                case.as_bytes(),
                fields.detail.as_bytes(),
            ],
        )
    }

    /// The keyed seal of the head: the position and hash of the last entry.
    pub fn head_mac(&self, seq: i64, last_hash: &str) -> String {
        self.mac(HEAD_CONTEXT, &[&seq.to_be_bytes(), last_hash.as_bytes()])
    }
}

fn entry_row(row: &sqlx::any::AnyRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: row.try_get("id")?,
        seq: row.try_get::<Option<i64>, _>("seq")?.unwrap_or_default(),
        keyed: row.try_get::<i64, _>("keyed")? != 0,
        at: row.try_get("at")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        case_id: row.try_get("case_id")?,
        detail: row.try_get("detail")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The fields of an entry that its hash covers (besides the position and the previous hash).
#[derive(Debug, Clone, Copy)]
pub struct EntryFields<'a> {
    /// When (UTC text).
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// What.
    pub action: &'a str,
    /// The case concerned.
    pub case_id: Option<i64>,
    /// Details (ids and codes, no personal data).
    pub detail: &'a str,
}

/// An entry to append.
#[derive(Debug, Clone, Copy)]
pub struct NewAudit<'a> {
    /// Who (a staff login, a channel's system, `system` or `engine`).
    pub actor: &'a str,
    /// What (`read_case`, `decide`, ...).
    pub action: &'a str,
    /// The case concerned, if any.
    pub case_id: Option<i64>,
    /// Details (no personal data: ids and codes).
    pub detail: &'a str,
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Whether its hash is keyed (every entry written by this version).
    pub keyed: bool,
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

impl AuditEntry {
    fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            at: &self.at,
            actor: &self.actor,
            action: &self.action,
            case_id: self.case_id,
            detail: &self.detail,
        }
    }
}

/// The head of the chain as stored: the last entry's position and hash, sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// How many entries the chain has.
    pub seq: i64,
    /// The last entry's hash ([`GENESIS`] when empty).
    pub last_hash: String,
    /// The HMAC over both; `None` only for a chain never written by a keyed version.
    pub mac: Option<String>,
}

impl fmt::Display for AuditHead {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}:{}", self.seq, self.last_hash)
    }
}

/// A head exported earlier and kept outside the database (`SEQ:HASH`): the chain must still hold
/// that entry at that position, so a whole chain replaced by an older copy is detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The position.
    pub seq: i64,
    /// The entry's hash at that position.
    pub hash: String,
}

impl std::str::FromStr for Anchor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (seq, hash) = text
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("an anchor is SEQ:HASH as `ruqsat audit head` prints it, not {text:?}"))?;
        let seq: i64 = seq
            .parse()
            .map_err(|_| format!("the anchor's position {seq:?} is not a number"))?;
        if hash.len() != 64 || !hash.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(format!("the anchor's hash {hash:?} is not 64 hexadecimal digits"));
        }
        Ok(Anchor {
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    /// An entry's content does not match its hash (edited, or hashed without the key).
    #[error("audit entry {seq} was altered (its hash does not match its content and the installation's key)")]
    Altered {
        /// The entry's position.
        seq: i64,
    },
    /// An entry does not follow the previous one (deleted, inserted or reordered).
    #[error("audit entry {seq} does not follow the previous entry (an entry was removed, inserted or moved)")]
    Broken {
        /// The entry's position.
        seq: i64,
    },
    /// An unkeyed entry after a keyed one: only entries of earlier versions may be unkeyed.
    #[error("audit entry {seq} is unkeyed although keyed entries precede it")]
    Unkeyed {
        /// The entry's position.
        seq: i64,
    },
    /// The head does not name the last entry, or its seal does not match.
    #[error("the audit head does not match the chain: {0}")]
    Head(String),
    /// The anchored entry is not in the chain as exported.
    #[error("the anchored head {0} is not in the chain (the chain was replaced or truncated)")]
    Anchor(String),
}

/// The unkeyed hash of entries written before the key (checked only for the chain's prefix).
fn legacy_hash(entry: &AuditEntry) -> String {
    let case = entry.case_id.map(|id| id.to_string()).unwrap_or_default();
    let text = format!(
        "{}\n{}\n{}\n{}\n{case}\n{}",
        entry.prev_hash, entry.at, entry.actor, entry.action, entry.detail
    );
    hex(&Sha256::digest(text.as_bytes()))
}

/// Checks a whole log (in order of position) against its head and, if given, an anchor.
/// Returns the number of entries.
pub fn verify_chain(
    key: &AuditKey,
    entries: &[AuditEntry],
    head: &AuditHead,
    anchor: Option<&Anchor>,
) -> Result<usize, AuditError> {
    let mut previous = GENESIS.to_owned();
    let mut keyed_seen = false;
    for (index, entry) in entries.iter().enumerate() {
        let expected_seq = index as i64 + 1;
        if entry.seq != expected_seq || entry.prev_hash != previous {
            return Err(AuditError::Broken { seq: expected_seq });
        }
        let expected = if entry.keyed {
            keyed_seen = true;
            key.entry_mac(entry.seq, &entry.prev_hash, &entry.fields())
        } else if keyed_seen {
            return Err(AuditError::Unkeyed { seq: entry.seq });
        } else {
            legacy_hash(entry)
        };
        if expected != entry.hash {
            return Err(AuditError::Altered { seq: entry.seq });
        }
        previous = entry.hash.clone();
    }
    let count = entries.len() as i64;
    if head.seq != count || head.last_hash != previous {
        return Err(AuditError::Head(format!(
            "it names entry {} but the chain has {count} (entries were removed or added)",
            head.seq
        )));
    }
    match &head.mac {
        Some(mac) if *mac == key.head_mac(head.seq, &head.last_hash) => {}
        Some(_) => {
            return Err(AuditError::Head(
                "its seal does not match the installation's key".into(),
            ));
        }
        None if count == 0 => {}
        None => return Err(AuditError::Head("it is not sealed with the installation's key".into())),
    }
    if let Some(anchor) = anchor {
        let held = usize::try_from(anchor.seq - 1)
            .ok()
            .and_then(|index| entries.get(index))
            .is_some_and(|entry| entry.hash == anchor.hash);
        if !held {
            return Err(AuditError::Anchor(format!("{}:{}", anchor.seq, anchor.hash)));
        }
    }
    Ok(entries.len())
}

/// Appends an entry inside `tx`, serialized through the head (concurrent writers on one
/// PostgreSQL keep one chain). The head must carry this installation's seal: a chain tampered
/// with is never extended (the change it belongs to fails instead).
pub(crate) async fn append_in(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    key: &AuditKey,
    entry: &NewAudit<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let row = sqlx::query(trusted(format!(
        "SELECT seq, last_hash, mac FROM audit_head WHERE id = 1{lock}"
    )))
    .fetch_one(&mut **tx)
    .await?;
    let head = AuditHead {
        seq: row.try_get("seq")?,
        last_hash: row.try_get("last_hash")?,
        mac: row.try_get("mac")?,
    };
    let sealed = match &head.mac {
        Some(mac) => *mac == key.head_mac(head.seq, &head.last_hash),
        None => head.seq == 0,
    };
    if !sealed {
        return Err(StoreError::AuditHead);
    }
    let at = timestamp(now);
    let seq = head.seq + 1;
    let fields = EntryFields {
        at: &at,
        actor: entry.actor,
        action: entry.action,
        case_id: entry.case_id,
        detail: entry.detail,
    };
    let hash = key.entry_mac(seq, &head.last_hash, &fields);
    sqlx::query(
        "INSERT INTO audit_log (seq, keyed, at, actor, action, case_id, detail, prev_hash, hash) \
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(&at)
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.case_id)
    .bind(entry.detail)
    .bind(&head.last_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET seq = $1, last_hash = $2, mac = $3 WHERE id = 1")
        .bind(seq)
        .bind(&hash)
        .bind(key.head_mac(seq, &hash))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What an auditor looks for in the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Who.
    pub actor: Option<String>,
    /// What.
    pub action: Option<String>,
    /// About which case.
    pub case_id: Option<i64>,
}

impl Store {
    /// Appends an entry to the audit log in a transaction of its own (reads of personal data,
    /// sign-ins; changes of cases write theirs with the change).
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        case_id: Option<i64>,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let entry = NewAudit {
            actor,
            action,
            case_id,
            detail,
        };
        append_in(&mut tx, self.backend, &self.audit_key, &entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The head as stored.
    pub async fn audit_head(&self) -> Result<AuditHead, StoreError> {
        let row = sqlx::query("SELECT seq, last_hash, mac FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(AuditHead {
            seq: row.try_get("seq")?,
            last_hash: row.try_get("last_hash")?,
            mac: row.try_get("mac")?,
        })
    }

    /// Seals the head of a chain written by a version before the key, once its unkeyed entries
    /// were verified (`ruqsat audit seal`); a head already sealed is left as it is.
    pub async fn seal_legacy_audit(&self) -> Result<AuditHead, StoreError> {
        let head = self.audit_head().await?;
        if head.mac.is_none() {
            let entries = self.audit_entries().await?;
            let unsealed = AuditHead {
                mac: Some(self.audit_key.head_mac(head.seq, &head.last_hash)),
                ..head.clone()
            };
            verify_chain(&self.audit_key, &entries, &unsealed, None)
                .map_err(|error| StoreError::Corrupt(error.to_string()))?;
            sqlx::query("UPDATE audit_head SET mac = $1 WHERE id = 1 AND seq = $2 AND mac IS NULL")
                .bind(&unsealed.mac)
                .bind(head.seq)
                .execute(&self.pool)
                .await?;
        }
        self.audit_head().await
    }

    /// Checks the whole log with this store's key (and an anchor exported earlier, if given).
    pub async fn verify_audit(&self, anchor: Option<&Anchor>) -> Result<Result<usize, AuditError>, StoreError> {
        // The head first: an entry appended between the two reads makes the chain longer than
        // the head, which is then read again (a few times, for a busy service).
        let mut attempts = 0;
        loop {
            attempts += 1;
            let head = self.audit_head().await?;
            let entries = self.audit_entries().await?;
            let raced = entries.len() as i64 > head.seq;
            let result = verify_chain(&self.audit_key, &entries, &head, anchor);
            if !raced || attempts == 4 {
                return Ok(result);
            }
        }
    }

    /// The whole audit log, oldest first.
    pub async fn audit_entries(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, seq, keyed, at, actor, action, case_id, detail, prev_hash, hash FROM audit_log ORDER BY seq",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(entry_row).collect()
    }

    /// One page of the audit log, newest first: entries before position `before` (all when
    /// `None`), of `actor`, `action` and `case_id` when given, at most `limit`.
    pub async fn audit_search(
        &self,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, seq, keyed, at, actor, action, case_id, detail, prev_hash, hash FROM audit_log \
             WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action = $2) AND ($3 IS NULL OR case_id = $3) \
             AND ($4 IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5",
        )
        .bind(filter.actor.as_deref())
        .bind(filter.action.as_deref())
        .bind(filter.case_id)
        .bind(before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(entry_row).collect()
    }

    /// The audit entries about one case, oldest first.
    pub async fn audit_for_case(&self, case_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, seq, keyed, at, actor, action, case_id, detail, prev_hash, hash FROM audit_log \
             WHERE case_id = $1 ORDER BY seq",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(entry_row).collect()
    }

    /// Runs raw SQL (administration and tamper tests only).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query(trusted(sql.to_owned()))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
