//! The impact of an amendment: every pending case decided under the law as it stands and under a
//! draft (other parameters, another calendar), and the differences that matter to the applicant
//! and to the service: outcome, grounds, documents, due time, fee, validity. Nothing is written.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use ruqsat_contract::parse_application;
use ruqsat_domain::case::CaseState;
use ruqsat_domain::decide::{Law, changed_due_time, decide};
use ruqsat_domain::decision::Decision;
use ruqsat_store::{CaseRow, Store};

use crate::CaseError;
use crate::records::{TermRecord, replay_input};

/// What changes for one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The case's number.
    pub number: String,
    /// `trp` or `prp`.
    pub service: String,
    /// Its state now.
    pub state: String,
    /// What changes: `outcome`, `grounds`, `missing_documents`, `invalid_documents`, `due_at`,
    /// `fee_kzt`, `valid_until`, or `error` (the draft cannot decide the case).
    pub what: &'static str,
    /// Under the law in force.
    pub current: String,
    /// Under the draft.
    pub draft: String,
}

/// The impact of a draft on the pending cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Pending cases assessed.
    pub assessed: usize,
    /// The changes, by case then field.
    pub changes: Vec<Change>,
}

impl Impact {
    /// The numbers of the cases with a change of `what`.
    pub fn cases_changing(&self, what: &str) -> Vec<&str> {
        let mut numbers: Vec<&str> = self
            .changes
            .iter()
            .filter(|change| change.what == what)
            .map(|change| change.number.as_str())
            .collect();
        numbers.dedup();
        numbers
    }

    /// As CSV: `number,service,state,what,current,draft`.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("number,service,state,what,current,draft\n");
        for change in &self.changes {
            csv.push_str(&format!(
                "{},{},{},{},{},{}\n",
                cell(&change.number),
                cell(&change.service),
                cell(&change.state),
                change.what,
                cell(&change.current),
                cell(&change.draft)
            ));
        }
        csv
    }
}

/// A CSV cell: quoted when it holds a separator, a quote or a line break; a leading formula
/// character is neutralised (a spreadsheet opens these files).
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The most pending cases one assessment reads.
pub const MAX_CASES: i64 = 1_000_000;

/// Decides every pending case (of `region`, or all) under `current` and under `draft` and lists
/// what differs; the engine runs off the async runtime.
pub async fn assess(
    store: &Store,
    current: Arc<Law>,
    draft: Arc<Law>,
    region: Option<&str>,
) -> Result<Impact, CaseError> {
    let open = CaseState::open_codes();
    let cases = store.queue(region, None, &open, MAX_CASES).await?;
    tokio::task::spawn_blocking(move || {
        let mut impact = Impact::default();
        for case in &cases {
            impact.assessed += 1;
            impact.changes.extend(compare(case, &current, &draft));
        }
        impact
    })
    .await
    .map_err(|error| CaseError::Conflict(format!("the assessment stopped: {error}")))
}

/// What differs for `case` between the two laws; a case that cannot be decided is one `error`
/// row, never the end of the assessment.
pub fn compare(case: &CaseRow, current: &Law, draft: &Law) -> Vec<Change> {
    compare_or_fail(case, current, draft).unwrap_or_else(|error| {
        vec![Change {
            number: case.number.clone(),
            service: case.service.as_str().into(),
            state: case.state.as_str().into(),
            what: "error",
            current: error.to_string(),
            draft: "-".into(),
        }]
    })
}

fn compare_or_fail(case: &CaseRow, current: &Law, draft: &Law) -> Result<Vec<Change>, CaseError> {
    let replay = replay_input(case)?;
    let application =
        parse_application(&replay).map_err(|error| CaseError::unreadable(case.id, "application", error))?;
    let term = TermRecord::read(case)?;
    let change = |what: &'static str, current: String, draft: String| Change {
        number: case.number.clone(),
        service: case.service.as_str().into(),
        state: case.state.as_str().into(),
        what,
        current,
        draft,
    };
    let before = decide(&application, current).map_err(|source| CaseError::Engine { case: case.id, source })?;
    let after = match decide(&application, draft) {
        Ok(decision) => decision,
        Err(error) => return Ok(vec![change("error", "-".into(), error.to_string())]),
    };
    let mut changes = Vec::new();
    let mut differ = |what: &'static str, left: String, right: String| {
        if left != right {
            changes.push(change(what, left, right));
        }
    };
    differ("outcome", before.outcome.as_str().into(), after.outcome.as_str().into());
    differ("grounds", grounds(&before), grounds(&after));
    differ("missing_documents", missing(&before), missing(&after));
    differ("invalid_documents", invalid(&before), invalid(&after));
    differ(
        "due_at",
        due(case, current, &term, &before)?,
        due(case, draft, &term, &after).unwrap_or_else(|error| error.to_string()),
    );
    differ("fee_kzt", before.fee_kzt.to_string(), after.fee_kzt.to_string());
    differ("valid_until", validity(&before), validity(&after));
    Ok(changes)
}

fn grounds(decision: &Decision<'_>) -> String {
    let codes: Vec<&str> = decision.grounds.iter().map(|ground| ground.code.as_str()).collect();
    codes.join(" ")
}

fn missing(decision: &Decision<'_>) -> String {
    let mut codes: Vec<String> = decision
        .missing_documents
        .iter()
        .map(|document| document.as_str().to_owned())
        .collect();
    for alternatives in &decision.missing_one_of {
        let names: Vec<&str> = alternatives.iter().map(|document| document.as_str()).collect();
        codes.push(format!("one of {}", names.join("/")));
    }
    codes.join(" ")
}

fn invalid(decision: &Decision<'_>) -> String {
    let codes: Vec<&str> = decision
        .invalid_documents
        .iter()
        .map(|document| document.document_type.as_str())
        .collect();
    codes.join(" ")
}

fn validity(decision: &Decision<'_>) -> String {
    decision
        .permit
        .as_ref()
        .map(|validity| format!("{}..{}", validity.valid_from, validity.valid_until))
        .unwrap_or_default()
}

/// The due time of `case` under `law`, after its term's changes (Kazakhstan time).
fn due(case: &CaseRow, law: &Law, term: &TermRecord, decision: &Decision<'_>) -> Result<String, CaseError> {
    if term.changes.is_empty() {
        return Ok(decision.due_at.map(|due| due.to_rfc3339()).unwrap_or_default());
    }
    let submitted = law.local(case.submitted_at);
    changed_due_time(law, case.service, submitted, &term.changes())
        .map(|changed| changed.due_at.to_rfc3339())
        .map_err(|source| CaseError::Engine { case: case.id, source })
}

/// The instant an assessment is made (for the audit entry's detail).
pub fn describe(impact: &Impact, at: DateTime<Utc>) -> String {
    let cases: std::collections::BTreeSet<&str> = impact.changes.iter().map(|change| change.number.as_str()).collect();
    format!(
        "impact of a draft at {}: {} pending cases assessed, {} would change",
        ruqsat_store::timestamp(at),
        impact.assessed,
        cases.len()
    )
}
