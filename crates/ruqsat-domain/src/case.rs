//! The life of a case, as an exhaustive state machine (issue 3, item 2).
//!
//! submitted → not accepted | accepted → checks running → (checks pending →) checks done →
//! proposed (by the engine) → decided by an officer: issue → permit issued, or refuse → awaiting
//! the supervisor's signature → refusal issued; then delivered by channel → handed over. An
//! issued permit can later be revoked. Every transition is recorded with who, when and why by the
//! caller; this module only says which transitions exist.
//!
//! Before a refusal the applicant is heard (Administrative Procedural and Process Code, Art. 73;
//! interpretation 60): the officer's refusal is first a preliminary one (`hearing`), the applicant
//! may object within a window (`objected`: the officer answers it in the final decision), and
//! without an objection the refusal proceeds to the supervisor when the window ends. The term of
//! an open case can be suspended, resumed or extended (interpretation 61) without changing its
//! state; an unfavourable act can be appealed, and an appeal's outcome is recorded on the case
//! (interpretation 62): a refusal annulled on appeal returns to the officer.

use crate::codes::vocabulary;

vocabulary! {
    /// Where a case stands.
    pub enum CaseState ("case state") {
        /// Received; acceptance not yet judged.
        Submitted = "submitted",
        /// Not accepted: the applicant is told what to bring (terminal).
        NotAccepted = "not_accepted",
        /// Accepted for consideration; the term runs.
        Accepted = "accepted",
        /// The registries are being asked.
        ChecksRunning = "checks_running",
        /// A registry did not answer; the checks are retried.
        ChecksPending = "checks_pending",
        /// Every registry answered.
        ChecksDone = "checks_done",
        /// The engine proposed a decision; an officer must decide.
        Proposed = "proposed",
        /// The officer's preliminary refusal was notified; the applicant may object until the
        /// window ends (APPK Art. 73).
        Hearing = "hearing",
        /// The applicant objected; the officer answers the objection in the final decision.
        Objected = "objected",
        /// The officer refused; the supervisor's second signature is awaited.
        AwaitingSignature = "awaiting_signature",
        /// The permit is issued (number and validity recorded).
        PermitIssued = "permit_issued",
        /// The reasoned refusal is issued.
        RefusalIssued = "refusal_issued",
        /// The result reached the channel (printed; sent to the State Corporation; placed in the
        /// personal cabinet).
        Delivered = "delivered",
        /// The result was handed over to the applicant (terminal, unless revoked).
        HandedOver = "handed_over",
        /// An issued permit was revoked (terminal).
        Revoked = "revoked",
    }
}

vocabulary! {
    /// What can happen to a case.
    pub enum CaseAction ("case action") {
        /// Acceptance judged positive.
        Accept = "accept",
        /// Acceptance judged negative.
        RejectPackage = "reject_package",
        /// The registries are asked.
        StartChecks = "start_checks",
        /// Some registry did not answer.
        ChecksIncomplete = "checks_incomplete",
        /// Every registry answered.
        ChecksComplete = "checks_complete",
        /// The engine's proposal is recorded.
        Propose = "propose",
        /// The officer decides to issue.
        DecideIssue = "decide_issue",
        /// The officer decides to refuse (needs the supervisor's signature).
        DecideRefuse = "decide_refuse",
        /// The officer's preliminary refusal is notified to the applicant, who may object.
        NotifyHearing = "notify_hearing",
        /// The applicant's objection to the preliminary refusal is received.
        Object = "object",
        /// The window to object ended without an objection: the refusal proceeds.
        LapseHearing = "lapse_hearing",
        /// The term is suspended (with a reason and dates).
        Suspend = "suspend",
        /// A suspension ends before its planned last day.
        Resume = "resume",
        /// The term is extended (with a reason and days).
        Extend = "extend",
        /// An appeal against a refusal or a revocation is received.
        ReceiveAppeal = "receive_appeal",
        /// The outcome of an appeal is recorded.
        DecideAppeal = "decide_appeal",
        /// A refusal annulled on appeal goes back to the officer.
        Reconsider = "reconsider",
        /// The supervisor signs the refusal.
        Sign = "sign",
        /// The supervisor sends the refusal back to the officer.
        ReturnToOfficer = "return_to_officer",
        /// The result is delivered through the channel.
        Deliver = "deliver",
        /// The result is handed over to the applicant.
        HandOver = "hand_over",
        /// An issued permit is revoked.
        Revoke = "revoke",
    }
}

/// A transition that does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a case in state {from} cannot {action}")]
pub struct InvalidTransition {
    /// The state.
    pub from: CaseState,
    /// The action refused.
    pub action: CaseAction,
}

/// What the result of a case is once decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseResult {
    /// A permit.
    Permit,
    /// A refusal.
    Refusal,
}

impl CaseState {
    /// The state after `action`, or the reason it cannot happen.
    pub fn apply(self, action: CaseAction) -> Result<CaseState, InvalidTransition> {
        use CaseAction as A;
        use CaseState as S;
        let next = match (self, action) {
            (S::Submitted, A::Accept) => S::Accepted,
            (S::Submitted, A::RejectPackage) => S::NotAccepted,
            (S::Accepted | S::ChecksPending, A::StartChecks) => S::ChecksRunning,
            (S::ChecksRunning, A::ChecksIncomplete) => S::ChecksPending,
            (S::ChecksRunning, A::ChecksComplete) => S::ChecksDone,
            (S::ChecksDone, A::Propose) => S::Proposed,
            (S::Proposed, A::DecideIssue) => S::PermitIssued,
            (S::Proposed | S::Objected, A::DecideRefuse) => S::AwaitingSignature,
            (S::Objected, A::DecideIssue) => S::PermitIssued,
            (S::Proposed, A::NotifyHearing) => S::Hearing,
            (S::Hearing, A::Object) => S::Objected,
            (S::Hearing, A::LapseHearing) => S::AwaitingSignature,
            (open, A::Suspend | A::Resume | A::Extend) if open.is_open() => open,
            (
                closed @ (S::RefusalIssued | S::Delivered | S::HandedOver | S::Revoked),
                A::ReceiveAppeal | A::DecideAppeal,
            ) => closed,
            (S::RefusalIssued | S::Delivered | S::HandedOver, A::Reconsider) => S::Proposed,
            (S::AwaitingSignature, A::Sign) => S::RefusalIssued,
            (S::AwaitingSignature, A::ReturnToOfficer) => S::Proposed,
            (S::PermitIssued | S::RefusalIssued, A::Deliver) => S::Delivered,
            (S::Delivered, A::HandOver) => S::HandedOver,
            (S::PermitIssued | S::Delivered | S::HandedOver, A::Revoke) => S::Revoked,
            (
                S::Submitted
                | S::NotAccepted
                | S::Accepted
                | S::ChecksRunning
                | S::ChecksPending
                | S::ChecksDone
                | S::Proposed
                | S::Hearing
                | S::Objected
                | S::AwaitingSignature
                | S::PermitIssued
                | S::RefusalIssued
                | S::Delivered
                | S::HandedOver
                | S::Revoked,
                A::Accept
                | A::RejectPackage
                | A::StartChecks
                | A::ChecksIncomplete
                | A::ChecksComplete
                | A::Propose
                | A::DecideIssue
                | A::DecideRefuse
                | A::Sign
                | A::ReturnToOfficer
                | A::Deliver
                | A::HandOver
                | A::Revoke
                | A::NotifyHearing
                | A::Object
                | A::LapseHearing
                | A::Suspend
                | A::Resume
                | A::Extend
                | A::ReceiveAppeal
                | A::DecideAppeal
                | A::Reconsider,
            ) => return Err(InvalidTransition { from: self, action }),
        };
        Ok(next)
    }

    /// Whether nothing more happens to the case.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            CaseState::NotAccepted | CaseState::HandedOver | CaseState::Revoked
        )
    }

    /// Whether the result is decided (a permit or a refusal exists).
    pub fn result(&self) -> Option<CaseResult> {
        match self {
            CaseState::PermitIssued | CaseState::Revoked => Some(CaseResult::Permit),
            CaseState::RefusalIssued => Some(CaseResult::Refusal),
            CaseState::Submitted
            | CaseState::NotAccepted
            | CaseState::Accepted
            | CaseState::ChecksRunning
            | CaseState::ChecksPending
            | CaseState::ChecksDone
            | CaseState::Proposed
            | CaseState::Hearing
            | CaseState::Objected
            | CaseState::AwaitingSignature
            | CaseState::Delivered
            | CaseState::HandedOver => None,
        }
    }

    /// The codes of the open states ([`CaseState::is_open`]), as the store's queries take them.
    pub fn open_codes() -> Vec<&'static str> {
        CaseState::ALL
            .iter()
            .filter(|state| state.is_open())
            .map(|state| state.as_str())
            .collect()
    }

    /// Whether the case is open work for an officer's queue (the term runs).
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            CaseState::Accepted
                | CaseState::ChecksRunning
                | CaseState::ChecksPending
                | CaseState::ChecksDone
                | CaseState::Proposed
                | CaseState::Hearing
                | CaseState::Objected
                | CaseState::AwaitingSignature
        )
    }
}

#[cfg(test)]
mod tests;

/// Why a case changed, as codes and facts: stored so, rendered in the reader's language. Staff
/// reasoning is the one free text, kept as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventReason {
    /// Submitted through a channel; accepted, or not accepted for these reasons.
    Submitted {
        /// The channel.
        channel: crate::codes::Channel,
        /// Why it was not accepted (empty: accepted).
        not_accepted: Vec<crate::codes::AcceptanceCode>,
    },
    /// The registries are being asked.
    AskingRegistries,
    /// These registries did not answer; they are asked again later.
    Awaiting(Vec<crate::decision::Registry>),
    /// Every registry answered.
    RegistriesAnswered,
    /// The engine proposes an outcome under an edition of the Rules.
    Proposed {
        /// The proposed outcome.
        outcome: crate::decision::Outcome,
        /// The edition's identifier.
        edition: String,
    },
    /// The officer confirms the engine's proposal.
    ConfirmsProposal,
    /// A staff member's reasoning, as typed.
    Stated(String),
    /// The supervisor's second signature.
    SecondSignature,
    /// Delivered through the case's channel.
    Delivered(crate::codes::Channel),
    /// Handed over after the identity check (the identity document shown).
    IdentityChecked,
    /// Handed over on the electronic document the digital documents service gave for the
    /// applicant's one-time code, matched with the application (L98–L103 of the order).
    DigitalDocumentMatched {
        /// The document's number, as the service gave it.
        document: String,
    },
    /// Handed over to a representative acting on a document of authority (civil law).
    Representative {
        /// The representative's name, as typed.
        name: String,
        /// The representative's identity document, as typed.
        document: String,
        /// The document of authority (a notarised power of attorney: number, date, notary), as
        /// typed.
        authority: String,
    },
    /// The permit is revoked on a ground, with the officer's reasoning.
    Revoked {
        /// The ground.
        ground: crate::codes::GroundCode,
        /// The officer's reasoning, as typed.
        reasoning: String,
    },
    /// The preliminary refusal is notified; the applicant may object until the last day.
    HearingNotified {
        /// The last day to object (Kazakhstan).
        until: chrono::NaiveDate,
    },
    /// The applicant's objection is received through a channel (its text is kept with the
    /// decision record).
    Objected(crate::codes::Channel),
    /// The window ended without an objection.
    HearingLapsed {
        /// The last day it was open.
        until: chrono::NaiveDate,
    },
    /// The term is suspended from one day to another (both included).
    Suspended {
        /// Why.
        reason: crate::codes::PauseReason,
        /// The first day.
        from: chrono::NaiveDate,
        /// The last day.
        until: chrono::NaiveDate,
    },
    /// A suspension ended early: its last day is now this one.
    Resumed {
        /// The new last day of the suspension.
        on: chrono::NaiveDate,
    },
    /// The term is extended by a number of days.
    Extended {
        /// Why.
        reason: crate::codes::PauseReason,
        /// Days added (calendar days for a PRP, working days for a TRP).
        days: u32,
    },
    /// An appeal is received.
    AppealReceived {
        /// Where it was filed.
        body: crate::codes::AppealBody,
        /// The day it was filed.
        filed_on: chrono::NaiveDate,
    },
    /// The outcome of an appeal.
    AppealDecided {
        /// Whether the act stands (`false`: annulled).
        upheld: bool,
    },
    /// Written by an earlier version as English text.
    Legacy(String),
}

/// The number of an application (`TRP-00000042`): the service and the case's sequence number.
/// Interpretation 40: sequential, as the register's numbering; the public status lookup needs
/// the passport number or IIN beside it.
pub fn application_number(service: crate::codes::Service, sequence: i64) -> String {
    format!("{}-{sequence:08}", service.as_str().to_ascii_uppercase())
}

/// The number of a permit (`KZ-TRP-2026-0000042`): the country, the service, the year of issue
/// and the case's sequence number.
pub fn permit_number(service: crate::codes::Service, issued_in: i32, sequence: i64) -> String {
    format!("KZ-{}-{issued_in}-{sequence:07}", service.as_str().to_ascii_uppercase())
}
