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

/// How an unfavourable act (a refusal, a revocation) can be appealed: stated with the
/// supervisor's signature, the last day counted from the delivery of the act (interpretation 62).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRecord {
    /// The last day of the term.
    pub until: NaiveDate,
    /// Where to (in English; the documents state it in the reader's language).
    pub how: String,
    /// The term in months.
    pub months: u32,
    /// The day the term is counted from: the delivery of the act (until then, its signature).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Whether `from` is the delivery (`false`: the signature, until the act is delivered).
    #[serde(default)]
    pub delivered: bool,
    /// The appeals received, with their outcomes.
    #[serde(default)]
    pub received: Vec<AppealEntry>,
}

/// An appeal received against the act of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealEntry {
    /// Where it was filed (an `AppealBody` code).
    pub body: String,
    /// The day it was filed.
    pub filed_on: NaiveDate,
    /// Who recorded it.
    pub recorded_by: String,
    /// Its outcome, once known.
    #[serde(default)]
    pub outcome: Option<AppealOutcome>,
}

/// The outcome of an appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealOutcome {
    /// Whether the act stands (`false`: annulled).
    pub upheld: bool,
    /// The day of the appeal body's decision.
    pub decided_on: NaiveDate,
    /// Its reference or summary, as typed.
    pub note: String,
}

/// The hearing before a refusal (APPK Art. 73; interpretation 60): the preliminary refusal
/// notified, the window, the objection and the officer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecord {
    /// The day the preliminary refusal was notified.
    pub notified_on: NaiveDate,
    /// The last day to object.
    pub until: NaiveDate,
    /// The officer's preliminary reasoning, as typed.
    pub preliminary_reason: String,
    /// The objection, if one came.
    #[serde(default)]
    pub objection: Option<ObjectionRecord>,
    /// Whether the window ended without an objection.
    #[serde(default)]
    pub lapsed: bool,
    /// The officer's answer to the objection, given with the final decision.
    #[serde(default)]
    pub answer: Option<String>,
}

/// The applicant's objection to a preliminary refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionRecord {
    /// When it was received (UTC).
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// Through which channel (`portal`, `desk`, `state_corporation`).
    pub channel: String,
    /// The objection, as typed.
    pub text: String,
    /// The documents attached (their SHA-256, as stored with the case).
    #[serde(default)]
    pub documents: Vec<String>,
}

/// The version of [`TermRecord`] written now.
pub const TERM_VERSION: u32 = 1;

/// The suspensions and extensions of a case's term (`cases.term`; interpretation 61).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TermRecord {
    /// The version of this shape.
    #[serde(default = "first_version")]
    pub version: u32,
    /// The changes, in the order made.
    pub changes: Vec<TermEntry>,
}

/// One change of the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermEntry {
    /// A `PauseReason` code.
    pub reason: String,
    /// Who made it (a staff login, or `system` for the hearing window).
    pub author: String,
    /// When (UTC).
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    /// A suspension's first day.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// A suspension's last day (moved earlier when the case resumes).
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// An extension's days.
    #[serde(default)]
    pub days: Option<u32>,
    /// The staff member's note, as typed.
    #[serde(default)]
    pub note: Option<String>,
}

impl TermEntry {
    /// As the engine's term change.
    pub fn change(&self) -> Option<ruqsat_domain::decide::TermChange> {
        match (self.from, self.until, self.days) {
            (Some(from), Some(until), _) => Some(ruqsat_domain::decide::TermChange::Suspension { from, until }),
            (_, _, Some(days)) => Some(ruqsat_domain::decide::TermChange::Extension { days }),
            _ => None,
        }
    }
}

impl TermRecord {
    /// The term changes of `case` (none when never changed).
    pub fn read(case: &CaseRow) -> Result<TermRecord, CaseError> {
        let Some(text) = case.term.as_deref() else {
            return Ok(TermRecord {
                version: TERM_VERSION,
                changes: Vec::new(),
            });
        };
        let record: TermRecord =
            serde_json::from_str(text).map_err(|error| CaseError::unreadable(case.id, "term", error))?;
        if record.version != TERM_VERSION {
            return Err(CaseError::unreadable(
                case.id,
                "term",
                std::io::Error::other(format!("version {} is not {TERM_VERSION}", record.version)),
            ));
        }
        Ok(record)
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("invariant: a term record is plain data")
    }

    /// As the engine's term changes.
    pub fn changes(&self) -> Vec<ruqsat_domain::decide::TermChange> {
        self.changes.iter().filter_map(TermEntry::change).collect()
    }
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
    /// The appeal, with the signature (of a refusal) or the revocation.
    #[serde(default)]
    pub appeal: Option<AppealRecord>,
    /// The hearing before the refusal, when one was held.
    #[serde(default)]
    pub hearing: Option<HearingRecord>,
}

fn first_version() -> u32 {
    1
}

/// The engine's latest proposal as stored (`cases.proposal`: the contract's decision output, in
/// English), read for what the service keeps of it: the outcome and what the applicant must
/// bring. Pages that explain a proposal replay the engine in the reader's language instead.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProposalRecord {
    /// `issue`, `refuse`, `not_accepted` or `pending`.
    pub outcome: String,
    /// Why it was not accepted (codes).
    #[serde(default)]
    pub not_accepted_reasons: Vec<String>,
    /// Documents missing (codes; every alternative of a group of which one is required too).
    #[serde(default)]
    pub missing_documents: Vec<String>,
    /// Groups of documents of which one is required and none was given (codes).
    #[serde(default)]
    pub missing_one_of: Vec<Vec<String>>,
    /// Documents not acceptable, each with its type, reason and facts.
    #[serde(default)]
    pub invalid_documents: Vec<serde_json::Map<String, Value>>,
}

impl ProposalRecord {
    /// What to bring, once each: the documents required on their own, then each group of which
    /// one is required (never every alternative as if all were).
    pub fn to_bring(&self) -> Vec<Vec<ruqsat_domain::codes::DocumentType>> {
        let parse = |codes: &[String]| -> Vec<ruqsat_domain::codes::DocumentType> {
            codes.iter().filter_map(|code| code.parse().ok()).collect()
        };
        let in_group = |code: &String| self.missing_one_of.iter().any(|group| group.contains(code));
        let mut lines: Vec<Vec<ruqsat_domain::codes::DocumentType>> = Vec::new();
        for code in self.missing_documents.iter().filter(|code| !in_group(code)) {
            lines.extend(
                parse(std::slice::from_ref(code))
                    .into_iter()
                    .map(|document| vec![document]),
            );
        }
        lines.extend(self.missing_one_of.iter().map(|group| parse(group)));
        lines
    }

    /// The proposal of `case`, if the engine made one.
    pub fn read(case: &CaseRow) -> Result<Option<ProposalRecord>, CaseError> {
        case.proposal
            .as_deref()
            .map(|text| serde_json::from_str(text).map_err(|error| CaseError::unreadable(case.id, "proposal", error)))
            .transpose()
    }
}

/// The stored JSON of a case as it is (for the API's case view, which shows the records as
/// stored): `Null` when absent, an error naming the case when unreadable.
pub fn as_stored(case: &CaseRow) -> Result<StoredJson, CaseError> {
    let parse = |what: &'static str, text: Option<&str>| -> Result<Value, CaseError> {
        text.map(|text| serde_json::from_str(text).map_err(|error| CaseError::unreadable(case.id, what, error)))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    Ok(StoredJson {
        application: parse("application", Some(&case.application))?,
        registry: parse("registry answers", case.registry.as_deref())?,
        proposal: parse("proposal", case.proposal.as_deref())?,
        decision: match DecisionRecord::read(case)? {
            Some(record) => serde_json::to_value(record).expect("invariant: a decision record is plain data"),
            None => Value::Null,
        },
    })
}

/// The stored JSON of a case, checked readable.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredJson {
    /// The application (the contract's JSON).
    pub application: Value,
    /// The registry answers.
    pub registry: Value,
    /// The engine's latest proposal.
    pub proposal: Value,
    /// The officer's decision ([`DecisionRecord`]).
    pub decision: Value,
}

/// The version of the evidence shapes written now.
pub const EVIDENCE_VERSION: u32 = 1;

/// The evidence of a revocation candidate, as stored (`revocation_candidates.evidence`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Evidence {
    /// art49.15: the period short of days, from the crossings.
    Presence(PresenceEvidence),
    /// art49.9, art49.13, art49.17: what a registry reported after the issue.
    Registry(RegistryEvidence),
}

/// The evidence of an art49.15 candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresenceEvidence {
    /// The version of this shape.
    #[serde(default = "first_version")]
    pub version: u32,
    /// The day of the sweep.
    pub as_of: NaiveDate,
    /// The permit's issue date.
    pub issued_on: NaiveDate,
    /// The minimum of days in force.
    pub min_days: u32,
    /// The period concerned.
    pub period: PeriodEvidence,
    /// Contradicting crossings seen (two entries, two exits).
    pub data_problems: usize,
}

/// A twelve-month period of a holder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodEvidence {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days known in Kazakhstan.
    pub days_present: i64,
    /// Days unknown (between contradicting crossings).
    pub days_unknown: i64,
    /// Whether the period has ended.
    pub complete: bool,
    /// The crossings in the period (ids).
    pub crossings: Vec<String>,
}

/// The evidence of a registry finding about a holder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryEvidence {
    /// The version of this shape.
    #[serde(default = "first_version")]
    pub version: u32,
    /// The day of the re-check.
    pub as_of: NaiveDate,
    /// The permit's issue date.
    pub issued_on: NaiveDate,
    /// What the registry reported.
    pub finding: String,
    /// SHA-256 of the registry answers.
    pub registry_answer_digests: Vec<String>,
}

impl Evidence {
    /// The evidence of candidate `candidate` of case `case`.
    pub fn read(case: i64, text: &str) -> Result<Evidence, CaseError> {
        let evidence: Evidence =
            serde_json::from_str(text).map_err(|error| CaseError::unreadable(case, "revocation evidence", error))?;
        let version = match &evidence {
            Evidence::Presence(presence) => presence.version,
            Evidence::Registry(registry) => registry.version,
        };
        if version != EVIDENCE_VERSION {
            return Err(CaseError::unreadable(
                case,
                "revocation evidence",
                std::io::Error::other(format!("version {version} is not {EVIDENCE_VERSION}")),
            ));
        }
        Ok(evidence)
    }

    /// The stored text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("invariant: evidence is plain data and serializes")
    }
}

/// The application of `case`, as the domain reads it.
pub fn application(case: &CaseRow) -> Result<ruqsat_domain::application::Application, CaseError> {
    ruqsat_contract::parse_application(&case.application)
        .map_err(|error| CaseError::unreadable(case.id, "application", error))
}

/// The applicant's name as typed (surname, given name), for the staff's lists; empty when the
/// stored application cannot be read (the case page then names the defect).
pub fn applicant_name(case: &CaseRow) -> String {
    let application: Value = serde_json::from_str(&case.application).unwrap_or_default();
    let applicant = &application["applicant"];
    [applicant["surname"].as_str(), applicant["given_name"].as_str()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The engine's input of `case` as stored (the application with the registry answers, no
/// findings), for a replay in the reader's language with `ruqsat_contract::decide_json`.
pub fn replay_input(case: &CaseRow) -> Result<String, CaseError> {
    replay_input_with(case, &[], None)
}

/// The engine's input of `case` with the officer's `findings` and the decision date.
pub fn replay_input_with(
    case: &CaseRow,
    findings: &[ruqsat_domain::application::Finding],
    decided_on: Option<NaiveDate>,
) -> Result<String, CaseError> {
    let registry: Value = match case.registry.as_deref() {
        Some(text) => {
            serde_json::from_str(text).map_err(|error| CaseError::unreadable(case.id, "registry answers", error))?
        }
        None => Value::Object(serde_json::Map::new()),
    };
    ruqsat_contract::replay::replay_json(&case.application, &registry, findings, decided_on)
        .map_err(|error| CaseError::unreadable(case.id, "application", error))
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

pub mod draft;

#[cfg(test)]
mod tests;
