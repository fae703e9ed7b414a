//! The JSON output of `ruqsat decide` (`docs/CONTRACT.md`), rendered in one language.

use ruqsat_domain::decision::{Decision, Validity};
use ruqsat_i18n::Lang;
use serde::Serialize;

/// A decision as the contract prints it. Field names are the contract; fields after
/// `explanation` are additions the contract allows.
#[derive(Debug, Serialize)]
pub struct DecisionOutput {
    /// `issue`, `refuse`, `not_accepted` or `pending`.
    pub outcome: &'static str,
    /// `acc.*` codes.
    pub not_accepted_reasons: Vec<&'static str>,
    /// Document codes required and not submitted.
    pub missing_documents: Vec<&'static str>,
    /// Documents submitted but not acceptable.
    pub invalid_documents: Vec<InvalidDocumentOutput>,
    /// Every ground that holds, for a refusal.
    pub grounds: Vec<GroundOutput>,
    /// `chk.1`–`chk.7`.
    pub checks: Vec<CheckOutput>,
    /// When the result is due, RFC 3339 with the Kazakhstan offset.
    pub due_at: Option<String>,
    /// The fee in tenge.
    pub fee_kzt: u64,
    /// For a TRP to issue, its validity.
    pub permit: Option<PermitOutput>,
    /// The reasoning in plain words, in the order it was applied.
    pub explanation: Vec<String>,
    /// Groups of documents of which one is required and none was submitted.
    pub missing_one_of: Vec<Vec<&'static str>>,
    /// Input fields whose registry answer is awaited (outcome `pending`).
    pub awaiting: Vec<&'static str>,
    /// For a TRP to issue, each family member's TRP, in order.
    pub family_permits: Vec<Option<PermitOutput>>,
    /// The edition of the rules applied.
    pub edition: EditionOutput,
    /// The language of the texts.
    pub lang: &'static str,
}

/// A document that is not acceptable.
#[derive(Debug, Serialize)]
pub struct InvalidDocumentOutput {
    /// Document code.
    #[serde(rename = "type")]
    pub document_type: &'static str,
    /// `expires_too_soon`, `too_old`, `issue_date_missing`, `translation_missing`,
    /// `legalization_missing` or `underpaid`.
    pub reason: &'static str,
}

/// A ground of refusal.
#[derive(Debug, Serialize)]
pub struct GroundOutput {
    /// Ground code.
    pub code: &'static str,
    /// The paragraph it comes from.
    pub source: String,
    /// The facts that made it hold, in plain words.
    pub explanation: String,
    /// What the ground says.
    pub title: String,
    /// Whether an officer's reasoned finding must still be written before signing.
    pub finding_required: bool,
}

/// A check and its result.
#[derive(Debug, Serialize)]
pub struct CheckOutput {
    /// `chk.1`–`chk.7`.
    pub code: &'static str,
    /// `passed`, `failed`, `not_applicable` or `pending`.
    pub result: &'static str,
}

/// Validity of a permit.
#[derive(Debug, Serialize)]
pub struct PermitOutput {
    /// First day.
    pub valid_from: String,
    /// Last day.
    pub valid_until: String,
}

/// The edition applied.
#[derive(Debug, Serialize)]
pub struct EditionOutput {
    /// Identifier.
    pub id: String,
    /// Date of entry into force.
    pub in_force_from: String,
}

impl DecisionOutput {
    /// Renders a decision in `lang`.
    pub fn new(decision: &Decision<'_>, lang: Lang) -> Self {
        let permit = |validity: &Validity| PermitOutput {
            valid_from: validity.valid_from.to_string(),
            valid_until: validity.valid_until.to_string(),
        };
        DecisionOutput {
            outcome: decision.outcome.as_str(),
            not_accepted_reasons: decision.not_accepted_reasons.iter().map(|code| code.as_str()).collect(),
            missing_documents: decision.missing_documents.iter().map(|code| code.as_str()).collect(),
            invalid_documents: decision
                .invalid_documents
                .iter()
                .map(|invalid| InvalidDocumentOutput {
                    document_type: invalid.document_type.as_str(),
                    reason: invalid.reason.as_str(),
                })
                .collect(),
            grounds: decision
                .grounds
                .iter()
                .map(|ground| GroundOutput {
                    code: ground.code.as_str(),
                    source: ruqsat_i18n::ground_source(lang, ground.code),
                    explanation: ruqsat_i18n::ground_explanation(lang, ground),
                    title: ruqsat_i18n::ground_title(lang, ground.code),
                    finding_required: ground.finding_required,
                })
                .collect(),
            checks: decision
                .checks
                .iter()
                .map(|check| CheckOutput {
                    code: check.code.as_str(),
                    result: check.result.as_str(),
                })
                .collect(),
            due_at: decision
                .due_at
                .map(|due| due.format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
            fee_kzt: decision.fee_kzt,
            permit: decision.permit.as_ref().map(permit),
            explanation: ruqsat_i18n::explanation(lang, decision),
            missing_one_of: decision
                .missing_one_of
                .iter()
                .map(|group| group.iter().map(|code| code.as_str()).collect())
                .collect(),
            awaiting: decision.awaiting.iter().map(|registry| registry.field()).collect(),
            family_permits: decision
                .family_permits
                .iter()
                .map(|validity| validity.as_ref().map(permit))
                .collect(),
            edition: EditionOutput {
                id: decision.edition.id.clone(),
                in_force_from: decision.edition.in_force_from.to_string(),
            },
            lang: lang.as_str(),
        }
    }
}
