//! The decision engine: a pure function from an application and the law in force to a decision.
//!
//! Order of reasoning (each step adds to the explanation): the edition in force; acceptance
//! (channel, presence, late application, the 16th birthday, the package); the seven checks and
//! the other registry answers; the grounds, with the exemptions; the due time; the fee; the
//! validity of the permit; the outcome. See `docs/CONTRACT.md`.
//!
//! Adding a rule: find the step it belongs to (`acceptance`, `checks`, `validity`), write it as a
//! small block that names its catalogue code and source in a comment, push the facts it used as
//! an [`Explanation`] or [`GroundFact`], add the message to every locale of `ruqsat-i18n`, and add
//! a row to the provision's table in `crates/ruqsat-contract/tests/it/cases/`.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::application::Application;
use crate::calendar::{CalendarError, WorkingCalendar};
use crate::codes::{CheckCode, CheckResult, GroundCode};
use crate::decision::{CheckOutcome, Decision, Explanation, Ground, GroundFact, Outcome, Registry};
use crate::parameters::{Edition, ParameterError, Parameters, RuleSet, Terms};

mod acceptance;

pub use acceptance::{PackageFacts, Requirement, required_documents, within_hours};
pub use deadline::{ChangedTerm, TermChange, changed_due_time, due_time};
mod checks;
mod deadline;
mod validity;

/// The law in force: dated parameters, editions and the working calendar.
#[derive(Debug, Clone)]
pub struct Law {
    parameters: Parameters,
    calendar: WorkingCalendar,
}

impl Law {
    /// Bundles parameters and calendar.
    pub fn new(parameters: Parameters, calendar: WorkingCalendar) -> Self {
        Law { parameters, calendar }
    }

    /// The dated parameters.
    pub fn parameters(&self) -> &Parameters {
        &self.parameters
    }

    /// The working calendar.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    /// Kazakhstan time of an instant, by the dated offset (`time.utc_offset_minutes`, read on the
    /// instant's UTC date).
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        let offset = self
            .parameters
            .utc_offset_on(at.date_naive())
            .expect("invariant: the law in force has the offset of Kazakhstan time (data/parameters.toml)");
        at.with_timezone(&offset)
    }

    /// Kazakhstan's civil date of an instant.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }
}

/// Why no decision can be made: the law has no data for a date the application needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecideError {
    /// A parameter, edition or MCI is missing for a date.
    #[error("{field}: {error}")]
    Parameter {
        /// The input field whose date needs the data.
        field: &'static str,
        /// What is missing.
        error: ParameterError,
    },
    /// The working calendar has no data for a year the due time needs.
    #[error("{field}: {error}")]
    Calendar {
        /// The input field whose date needs the data.
        field: &'static str,
        /// What is missing.
        error: CalendarError,
    },
}

/// Decides an application under the law in force on its submission date.
pub fn decide<'a>(application: &'a Application, law: &'a Law) -> Result<Decision<'a>, DecideError> {
    let parameter_error = |error| DecideError::Parameter {
        field: "submitted_at",
        error,
    };
    let utc_date = application.submitted_at.naive_utc().date();
    let offset_minutes = law
        .parameters
        .terms_on(utc_date)
        .map_err(parameter_error)?
        .utc_offset_minutes;
    let offset = FixedOffset::east_opt(offset_minutes * 60).expect("invariant: the offset parameter is range-checked");
    let local = application.submitted_at.with_timezone(&offset);
    let submitted_on = local.date_naive();
    let edition = law.parameters.edition_on(submitted_on).map_err(parameter_error)?;
    let terms = law.parameters.terms_on(submitted_on).map_err(parameter_error)?;

    let mut run = Run {
        application,
        law,
        edition,
        terms,
        local,
        submitted_on,
        explanation: Vec::with_capacity(24),
        grounds: Vec::new(),
        awaiting: Vec::new(),
    };
    run.explanation.push(Explanation::Edition {
        edition,
        submitted_on,
        local_time: local.time(),
        channel: application.channel,
    });
    if let Some(iin) = application.applicant.iin
        && iin.birth_date() != application.applicant.birth_date
    {
        run.explanation.push(Explanation::IinBirthDateMismatch {
            iin_date: iin.birth_date(),
            birth_date: application.applicant.birth_date,
        });
    }

    let accepted = acceptance::evaluate(&mut run)?;
    let checks = checks::evaluate(&mut run, accepted.completeness);
    let fee_kzt = deadline::fee(&mut run)?;

    let mut outcome = if !accepted.reasons.is_empty() {
        Outcome::NotAccepted
    } else if !run.awaiting.is_empty() {
        Outcome::Pending
    } else if !run.grounds.is_empty() {
        Outcome::Refuse
    } else {
        Outcome::Issue
    };
    let due_at = match outcome {
        Outcome::NotAccepted => None,
        Outcome::Issue | Outcome::Refuse | Outcome::Pending => Some(deadline::due_at(&mut run)?),
    };
    let (permit, family_permits) = match outcome {
        Outcome::Issue => validity::trp_validity(&mut run),
        Outcome::Refuse | Outcome::NotAccepted | Outcome::Pending => (None, Vec::new()),
    };
    if outcome == Outcome::Issue && !run.grounds.is_empty() {
        outcome = Outcome::Refuse;
    }
    let grounds = match outcome {
        Outcome::Refuse => {
            run.grounds.sort_by_key(|ground| ground.code);
            for index in 0..run.grounds.len() {
                run.explanation.push(Explanation::GroundHolds(index));
            }
            std::mem::take(&mut run.grounds)
        }
        Outcome::Issue | Outcome::NotAccepted | Outcome::Pending => Vec::new(),
    };
    run.explanation.push(Explanation::Outcome(outcome));

    Ok(Decision {
        outcome,
        edition,
        not_accepted_reasons: accepted.reasons,
        missing_documents: accepted.missing,
        missing_one_of: accepted.missing_one_of,
        invalid_documents: accepted.invalid,
        grounds,
        checks,
        awaiting: run.awaiting,
        due_at,
        fee_kzt,
        permit,
        family_permits,
        explanation: run.explanation,
    })
}

/// The state of one evaluation: inputs, the law in force and what has been found so far.
struct Run<'a> {
    application: &'a Application,
    law: &'a Law,
    /// The edition of the Rules in force on the submission date: rules whose text changes
    /// between editions dispatch on [`Run::rules`].
    edition: &'a Edition,
    terms: &'a Terms,
    local: DateTime<FixedOffset>,
    submitted_on: NaiveDate,
    explanation: Vec<Explanation<'a>>,
    grounds: Vec<Ground<'a>>,
    awaiting: Vec<Registry>,
}

/// How a registry fact raises a ground.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Basis {
    /// The fact is enough (for example a court verdict, a missing consent).
    Automatic,
    /// The fact must be backed by the officer's reasoned finding before the refusal is signed.
    NeedsFinding,
}

impl<'a> Run<'a> {
    /// Records that `code` holds because of `fact`; one entry per code, facts accumulate.
    fn ground(&mut self, code: GroundCode, fact: GroundFact<'a>, basis: Basis) {
        let finding_required =
            basis == Basis::NeedsFinding && !self.application.findings.iter().any(|finding| finding.ground == code);
        match self.grounds.iter_mut().find(|ground| ground.code == code) {
            Some(ground) => {
                ground.facts.push(fact);
                ground.finding_required |= finding_required;
            }
            None => self.grounds.push(Ground {
                code,
                facts: vec![fact],
                finding_required,
            }),
        }
    }

    /// Records a check's result with its facts.
    fn check(&mut self, code: CheckCode, result: CheckResult, fact: crate::decision::CheckFact) -> CheckOutcome {
        let outcome = CheckOutcome { code, result };
        self.explanation.push(Explanation::Check(outcome, fact));
        outcome
    }

    /// Records that a registry's answer is awaited.
    fn awaiting(&mut self, registry: Registry) {
        self.awaiting.push(registry);
        self.explanation.push(Explanation::Awaiting(registry));
    }

    /// The texts of the Rules in force for this application.
    fn rules(&self) -> RuleSet {
        self.edition.rule_set
    }
}

#[cfg(test)]
mod tests;
