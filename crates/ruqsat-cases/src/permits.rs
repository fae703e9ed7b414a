//! The register of permits as the public and the command line see it: whether a permit is valid
//! on a day.

use chrono::NaiveDate;
use ruqsat_domain::case::CaseState;
use ruqsat_domain::codes::Service as ServiceKind;
use ruqsat_store::Store;

use crate::CaseError;
use crate::records::DecisionRecord;

/// Where a permit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermitState {
    /// In force.
    Valid,
    /// Revoked.
    Revoked,
    /// Past its last day.
    Expired,
    /// Before its first day.
    NotYetValid,
    /// No such permit in the register.
    Unknown,
}

impl PermitState {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            PermitState::Valid => "valid",
            PermitState::Revoked => "revoked",
            PermitState::Expired => "expired",
            PermitState::NotYetValid => "not_yet_valid",
            PermitState::Unknown => "unknown",
        }
    }
}

/// A permit's standing on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitStanding {
    /// Where it stands.
    pub status: PermitState,
    /// TRP or PRP, when known.
    pub service: Option<ServiceKind>,
    /// First day, when known.
    pub valid_from: Option<NaiveDate>,
    /// Last day, when known (none for a PRP).
    pub valid_until: Option<NaiveDate>,
}

/// Whether permit `number` is valid, revoked, expired, not yet valid or unknown on `today`
/// (Kazakhstan date), by the register in `store`.
pub async fn standing_on(store: &Store, today: NaiveDate, number: &str) -> Result<PermitStanding, CaseError> {
    let unknown = PermitStanding {
        status: PermitState::Unknown,
        service: None,
        valid_from: None,
        valid_until: None,
    };
    let Some(case) = store.case_by_permit(number.trim()).await? else {
        return Ok(unknown);
    };
    let permit = DecisionRecord::require(&case)?
        .permit
        .ok_or_else(|| CaseError::unreadable(case.id, "decision's permit", crate::records::Absent))?;
    let service: ServiceKind = case.service;
    let status = if case.state == CaseState::Revoked {
        PermitState::Revoked
    } else if permit.valid_until.is_some_and(|until| until < today) {
        PermitState::Expired
    } else if permit.valid_from > today {
        PermitState::NotYetValid
    } else {
        PermitState::Valid
    };
    Ok(PermitStanding {
        status,
        service: Some(service),
        valid_from: Some(permit.valid_from),
        valid_until: permit.valid_until,
    })
}
