//! The owner types of the JSON kept in the database for a case. Each has a version and is read
//! only through its `read` function: an unreadable stored value is an error naming the case
//! ([`CaseError::Unreadable`]), never a blank.
//!
//! - [`DecisionRecord`]: the officer's decision (`cases.decision`), with the permit it issued,
//!   the supervisor's signature, the appeal and the exact input to replay it with `ruqsat decide`.
//! - The application (`cases.application`) is the contract's JSON of `ruqsat_contract`, read
//!   through `ruqsat_contract::parse_application`; the proposal (`cases.proposal`) is the
//!   contract's `DecisionOutput`.

use chrono::NaiveDate;
use ruqsat_domain::codes::GroundCode;
use ruqsat_domain::decision::Outcome;
use ruqsat_store::CaseRow;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::CaseError;

/// The version of [`DecisionRecord`] written now.
pub const DECISION_VERSION: u32 = 1;

/// What the officer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    /// Issue the permit.
    Issue,
    /// Refuse (with the supervisor's second signature).
    Refuse,
}

impl Decided {
    /// The stable code (`issue`, `refuse`).
    pub fn as_str(self) -> &'static str {
        self.outcome().as_str()
    }

    /// As the engine's outcome.
    pub fn outcome(self) -> Outcome {
        match self {
            Decided::Issue => Outcome::Issue,
            Decided::Refuse => Outcome::Refuse,
        }
    }
}

/// The permit an issue gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermitRecord {
    /// The permit's number.
    pub number: String,
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day (`None` for a PRP: permanent).
    pub valid_until: Option<NaiveDate>,
}

/// How a refusal can be appealed, stated with the supervisor's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRecord {
    /// The last day of the term.
    pub until: NaiveDate,
    /// Where to (in English; the documents state it in the reader's language).
    pub how: String,
    /// The term in months.
    pub months: u32,
}

/// The officer's decision on a case, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// The version of this shape (absent in records written before versions: 1).
    #[serde(default = "first_version")]
    pub version: u32,
    /// Issue or refuse.
    pub outcome: Decided,
    /// The officer's login.
    pub officer: String,
    /// The date of the decision (Kazakhstan).
    pub decided_on: NaiveDate,
    /// What the engine proposed (`issue`, `refuse`).
    pub proposal: String,
    /// Whether the officer departed from the proposal.
    pub departs_from_proposal: bool,
    /// The officer's reasoning, as typed.
    pub reason: Option<String>,
    /// The grounds of the engine's proposal (codes).
    pub grounds: Vec<String>,
    /// The edition of the Rules applied.
    pub edition: String,
    /// The permit, for an issue.
    pub permit: Option<PermitRecord>,
    /// The exact input of the decision (the contract's application JSON), for `ruqsat decide`.
    pub replay: Value,
    /// The supervisor who signed a refusal.
    #[serde(default)]
    pub supervisor: Option<String>,
    /// The day of the signature.
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    /// The appeal, with the signature.
    #[serde(default)]
    pub appeal: Option<AppealRecord>,
}

fn first_version() -> u32 {
    1
}

/// A value that should be stored and is not.
#[derive(Debug, thiserror::Error)]
#[error("absent")]
pub struct Absent;

impl DecisionRecord {
    /// The decision of `case`, if the officer decided.
    pub fn read(case: &CaseRow) -> Result<Option<DecisionRecord>, CaseError> {
        let Some(text) = case.decision.as_deref() else {
            return Ok(None);
        };
        let record: DecisionRecord =
            serde_json::from_str(text).map_err(|error| CaseError::unreadable(case.id, "decision", error))?;
        if record.version != DECISION_VERSION {
            return Err(CaseError::unreadable(
                case.id,
                "decision",
                std::io::Error::other(format!("version {} is not {DECISION_VERSION}", record.version)),
            ));
        }
        for ground in &record.grounds {
            ground
                .parse::<GroundCode>()
                .map_err(|error| CaseError::unreadable(case.id, "decision's grounds", error))?;
        }
        Ok(Some(record))
    }

    /// The decision of `case`, which must have one.
    pub fn require(case: &CaseRow) -> Result<DecisionRecord, CaseError> {
        DecisionRecord::read(case)?.ok_or_else(|| CaseError::unreadable(case.id, "decision", Absent))
    }

    /// The grounds as codes (checked by [`DecisionRecord::read`]).
    pub fn ground_codes(&self) -> Vec<GroundCode> {
        self.grounds.iter().filter_map(|ground| ground.parse().ok()).collect()
    }

    /// The stored text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("invariant: a decision record is plain data and serializes")
    }
}

#[cfg(test)]
mod tests;
