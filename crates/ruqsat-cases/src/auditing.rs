//! The auditor's view of the audit log: pages of entries with filters, newest first, and the
//! verification of the whole chain with the installation's key. Reading the log is itself an
//! audited read.

use ruqsat_store::{AuditEntry, AuditFilter};

use crate::actors::{Caller, Role};
use crate::{CaseError, Service};

/// Entries on one page.
pub const PAGE: i64 = 100;

/// One page of the log.
#[derive(Debug, Clone)]
pub struct LogPage {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// The position to ask for the next (older) page, when there is one.
    pub older: Option<i64>,
}

/// Who may read the log: auditors and administrators.
fn may_read(caller: &Caller) -> Result<(), CaseError> {
    match caller.role {
        Role::Auditor | Role::Administrator => Ok(()),
        _ => Err(CaseError::Forbidden("the audit log is read by auditors".into())),
    }
}

/// A page of the log for `caller`, with `filter` (a case named by its number), before
/// position `before`.
pub async fn page(
    state: &Service,
    caller: &Caller,
    filter: AuditFilter,
    case_number: Option<&str>,
    before: Option<i64>,
) -> Result<LogPage, CaseError> {
    may_read(caller)?;
    let mut filter = filter;
    if let Some(number) = case_number.map(str::trim).filter(|number| !number.is_empty()) {
        match state.store.case_by_number(number).await? {
            Some(case) => filter.case_id = Some(case.id),
            None => {
                return Ok(LogPage {
                    entries: Vec::new(),
                    older: None,
                });
            }
        }
    }
    let mut entries = state.store.audit_search(&filter, before, PAGE + 1).await?;
    let older = (entries.len() as i64 > PAGE).then(|| {
        entries.truncate(PAGE as usize);
        entries.last().map(|entry| entry.seq)
    });
    let now = (state.clock)();
    state
        .store
        .audit(&caller.login, "read_audit", None, "audit log page", now)
        .await?;
    Ok(LogPage {
        entries,
        older: older.flatten(),
    })
}

/// Verifies the whole chain: `Ok(entries)` when intact, the first break otherwise.
pub async fn verify(state: &Service, caller: &Caller) -> Result<Result<usize, String>, CaseError> {
    may_read(caller)?;
    Ok(state.store.verify_audit(None).await?.map_err(|error| error.to_string()))
}
