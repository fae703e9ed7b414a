//! The applicant's data tracker (issue 14; after Estonia's Data Tracker): who read the
//! applicant's file and when. Registry queries are listed with their purpose and legal basis
//! (`Store::queries`); staff reads, from the audit log, by role and body, never by name.

use std::collections::HashMap;

use ruqsat_store::CaseRow;

use crate::{CaseError, Service};

/// The audit actions that are reads of an applicant's file.
pub const READS: [&str; 3] = ["read_case", "read_document", "print"];

/// The roles named to the applicant; any other reader is "staff".
pub const KNOWN_ROLES: [&str; 5] = ["officer", "supervisor", "operator", "auditor", "administrator"];

/// One read of the file by staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRead {
    /// When (UTC text, as stored).
    pub at: String,
    /// What: `read_case`, `read_document` or `print`.
    pub action: String,
    /// The reader's role (`officer`, `supervisor`, `auditor`, `operator`...).
    pub role: String,
    /// The reader's body: the police body's region, or none (the State Corporation, the
    /// ministry's auditors).
    pub region: Option<String>,
}

/// The staff reads of `case`, oldest first, by role and body.
pub async fn staff_reads(state: &Service, case: &CaseRow) -> Result<Vec<StaffRead>, CaseError> {
    let entries = state.store.audit_for_case(case.id).await?;
    let mut roles: HashMap<String, (String, Option<String>)> = HashMap::new();
    let mut reads = Vec::new();
    for entry in entries
        .into_iter()
        .filter(|entry| READS.contains(&entry.action.as_str()))
    {
        if !roles.contains_key(&entry.actor) {
            let found = state.store.staff_by_login(&entry.actor).await?;
            let role = found.map_or_else(
                || ("staff".to_owned(), None),
                |account| {
                    let role = if KNOWN_ROLES.contains(&account.staff.role.as_str()) {
                        account.staff.role
                    } else {
                        "staff".to_owned()
                    };
                    (role, account.staff.region)
                },
            );
            roles.insert(entry.actor.clone(), role);
        }
        let (role, region) = roles.get(&entry.actor).cloned().unwrap_or_default();
        reads.push(StaffRead {
            at: entry.at,
            action: entry.action,
            role,
            region,
        });
    }
    Ok(reads)
}
