//! `ruqsat audit verify` against an attacker who administers the database but does not hold the
//! installation's audit key: every kind of rewrite is detected, and an anchor exported earlier
//! catches a chain replaced by an older copy of itself.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ruqsat_store::{AuditKey, Store};

use crate::cli::{ruqsat, text};

/// A folder of its own per test, removed at the end.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("ruqsat-audit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const KEY_HEX: &str = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

fn at(minute: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2025-03-20T05:{minute:02}:00Z"))
        .unwrap()
        .with_timezone(&Utc)
}

/// A database with five audit entries written with the installation's key, and the key file.
fn installation(folder: &Path) -> (String, PathBuf, Store, tokio::runtime::Runtime) {
    let url = format!("sqlite://{}", folder.join("audit.db").display());
    let key_file = folder.join("audit.key");
    std::fs::write(&key_file, format!("{KEY_HEX}\n")).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let store = runtime
        .block_on(Store::connect(&url, AuditKey::from_hex(KEY_HEX).unwrap()))
        .unwrap();
    for id in 1..=5 {
        runtime
            .block_on(store.audit("officer.almaty", "read_case", Some(id), "case viewed", at(id as u32)))
            .unwrap();
    }
    (url, key_file, store, runtime)
}

fn verify(url: &str, key_file: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let key = key_file.to_str().unwrap();
    let mut args = vec!["--audit-key-file", key, "audit", "verify", "--database", url];
    args.extend_from_slice(extra);
    let output = ruqsat(&args, None);
    (
        output.status.code(),
        format!("{}{}", text(&output.stdout), text(&output.stderr)),
    )
}

fn assert_tampered(url: &str, key_file: &Path, expected: &str) {
    let (code, said) = verify(url, key_file, &[]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains(expected), "expected {expected:?} in: {said}");
}

fn sql(runtime: &tokio::runtime::Runtime, store: &Store, statement: &str) {
    runtime.block_on(store.execute_raw(statement)).unwrap();
}

#[test]
fn an_intact_log_verifies_and_its_head_is_printed() {
    let folder = Folder::new("intact");
    let (url, key_file, _store, _runtime) = installation(&folder.0);
    let (code, said) = verify(&url, &key_file, &[]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("5 entries"), "{said}");
    let output = ruqsat(
        &[
            "--audit-key-file",
            key_file.to_str().unwrap(),
            "audit",
            "head",
            "--database",
            &url,
        ],
        None,
    );
    let head = text(&output.stdout);
    assert!(head.starts_with("5:") && head.trim().len() == 66, "{head}");
    let (code, said) = verify(&url, &key_file, &["--anchor", head.trim()]);
    assert_eq!(code, Some(0), "{said}");
    // Another key (another installation's, or a guess) does not verify this log.
    let other = folder.0.join("other.key");
    std::fs::write(&other, "11".repeat(32)).unwrap();
    assert_tampered(&url, &other, "entry 1 was altered");
}

#[test]
fn an_edited_field_is_detected() {
    let folder = Folder::new("edited");
    let (url, key_file, store, runtime) = installation(&folder.0);
    sql(
        &runtime,
        &store,
        "UPDATE audit_log SET actor = 'someone.else' WHERE seq = 2",
    );
    assert_tampered(&url, &key_file, "entry 2 was altered");
}

#[test]
fn a_moved_field_boundary_is_detected() {
    let folder = Folder::new("boundary");
    let (url, key_file, store, runtime) = installation(&folder.0);
    // The same bytes in the same order, one character moved from the actor to the action.
    sql(
        &runtime,
        &store,
        "UPDATE audit_log SET actor = 'officer.almat', action = 'yread_case' WHERE seq = 3",
    );
    assert_tampered(&url, &key_file, "entry 3 was altered");
}

#[test]
fn a_deleted_middle_entry_is_detected() {
    let folder = Folder::new("middle");
    let (url, key_file, store, runtime) = installation(&folder.0);
    sql(&runtime, &store, "DELETE FROM audit_log WHERE seq = 3");
    assert_tampered(&url, &key_file, "entry 3 does not follow");
    // Renumbering the rest to close the gap does not help: positions are under the key.
    sql(&runtime, &store, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
    assert_tampered(&url, &key_file, "entry 3 does not follow");
}

#[test]
fn a_truncated_tail_with_the_head_rewritten_is_detected() {
    let folder = Folder::new("tail");
    let (url, key_file, store, runtime) = installation(&folder.0);
    sql(&runtime, &store, "DELETE FROM audit_log WHERE seq > 3");
    // The head moved back to entry 3, its old seal kept...
    sql(
        &runtime,
        &store,
        "UPDATE audit_head SET seq = 3, last_hash = (SELECT hash FROM audit_log WHERE seq = 3)",
    );
    assert_tampered(&url, &key_file, "seal does not match");
    // ...or removed, as if the log were written before the key.
    sql(&runtime, &store, "UPDATE audit_head SET mac = NULL");
    assert_tampered(&url, &key_file, "not sealed");
    // A tampered chain is never extended: the service writes nothing more.
    let error = runtime
        .block_on(store.audit("officer.almaty", "read_case", Some(1), "case viewed", at(30)))
        .unwrap_err();
    assert!(matches!(error, ruqsat_store::StoreError::AuditHead), "{error}");
}

#[test]
fn a_chain_recomputed_without_the_key_is_detected() {
    let folder = Folder::new("recomputed");
    let (url, key_file, store, runtime) = installation(&folder.0);
    let entries = runtime.block_on(store.audit_entries()).unwrap();
    // The attacker rewrites entry 2 and recomputes everything after it with a key of their own.
    let forged = AuditKey::new(b"the attacker's key, not the installation's one").unwrap();
    let mut previous = entries[0].hash.clone();
    for entry in &entries[1..] {
        let actor = if entry.seq == 2 {
            "someone.else"
        } else {
            entry.actor.as_str()
        };
        let fields = ruqsat_store::audit::EntryFields {
            at: &entry.at,
            actor,
            action: &entry.action,
            case_id: entry.case_id,
            detail: &entry.detail,
        };
        let hash = forged.entry_mac(entry.seq, &previous, &fields);
        sql(
            &runtime,
            &store,
            &format!(
                "UPDATE audit_log SET actor = '{actor}', prev_hash = '{previous}', hash = '{hash}' WHERE seq = {}",
                entry.seq
            ),
        );
        previous = hash;
    }
    let seal = forged.head_mac(5, &previous);
    sql(
        &runtime,
        &store,
        &format!("UPDATE audit_head SET last_hash = '{previous}', mac = '{seal}'"),
    );
    assert_tampered(&url, &key_file, "entry 2 was altered");
    // Nor as entries of the old unkeyed format.
    sql(&runtime, &store, "UPDATE audit_log SET keyed = 0");
    assert_tampered(&url, &key_file, "entry 1 was altered");
}

#[test]
fn an_older_copy_of_the_whole_database_is_caught_by_the_anchor() {
    let folder = Folder::new("anchor");
    let (url, key_file, store, runtime) = installation(&folder.0);
    let backup = folder.0.join("backup.db");
    runtime
        .block_on(store.execute_raw(&format!("VACUUM INTO '{}'", backup.display())))
        .unwrap();
    runtime
        .block_on(store.audit("officer.almaty", "decide", Some(6), "case 6 decided", at(40)))
        .unwrap();
    let output = ruqsat(
        &[
            "--audit-key-file",
            key_file.to_str().unwrap(),
            "audit",
            "head",
            "--database",
            &url,
        ],
        None,
    );
    let anchor = text(&output.stdout).trim().to_owned();
    // The database administrator puts the older copy in its place.
    let restored = format!("sqlite://{}", backup.display());
    let (code, said) = verify(&restored, &key_file, &[]);
    assert_eq!(code, Some(0), "the older copy is consistent in itself: {said}");
    assert!(said.contains("5 entries"), "{said}");
    let (code, said) = verify(&restored, &key_file, &["--anchor", &anchor]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("is not in the chain"), "{said}");
}

#[test]
fn a_missing_key_never_becomes_a_new_one_for_a_written_log() {
    let folder = Folder::new("missing-key");
    let (url, key_file, store, runtime) = installation(&folder.0);
    drop(store);
    drop(runtime);
    std::fs::remove_file(&key_file).unwrap();
    let (code, said) = verify(&url, &key_file, &[]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("already has 5 entries"), "{said}");
    assert!(!key_file.exists(), "no new key was left behind");
}
