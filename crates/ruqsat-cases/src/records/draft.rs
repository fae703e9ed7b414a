//! What a portal draft keeps (`drafts.answers`, `drafts.problems`): the answers by form field and
//! the problems found in them, owned here and read only through these types.

use serde::{Deserialize, Serialize};

/// The answers of a draft: by form field (`applicant.surname`), and how many family members the
/// form shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftAnswers {
    /// The answers, by form field, in the order given.
    pub values: Vec<(String, String)>,
    /// Family member rows shown.
    #[serde(default)]
    pub family: usize,
}

impl DraftAnswers {
    /// The answers kept as `text`; a draft that cannot be read is an empty one (nothing in it was
    /// submitted).
    pub fn read(text: &str) -> DraftAnswers {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The answers as they are kept.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

/// One problem of a draft's answer: the step and form field, and the message id that says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftProblem {
    /// The step whose form has the field.
    pub step: String,
    /// The form field (`applicant.birth_date`, `file.identity_document`).
    pub field: String,
    /// The message id.
    pub id: String,
    /// The message's arguments.
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

impl DraftProblem {
    /// A problem of `field` on `step`, said by message `id`.
    pub fn new(step: &str, field: impl Into<String>, id: &str) -> DraftProblem {
        DraftProblem {
            step: step.to_owned(),
            field: field.into(),
            id: id.to_owned(),
            args: Vec::new(),
        }
    }

    /// The same with an argument of its message.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> DraftProblem {
        self.args.push((name.to_owned(), value.into()));
        self
    }

    /// The problems kept as `text` (none when there is no text or it cannot be read).
    pub fn read_all(text: Option<&str>) -> Vec<DraftProblem> {
        text.and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    }

    /// `problems` as they are kept.
    pub fn to_json(problems: &[DraftProblem]) -> String {
        serde_json::to_string(problems).unwrap_or_else(|_| "[]".into())
    }
}

/// The answers of a submitted application, as the form's fields name them
/// (`applicant.passport.number`, `family_members.0.surname`): to correct an application that
/// was not accepted and submit it again without typing it anew. The documents list, the
/// channel's own fields and the consents (signed again) are left out; `region` is the case's.
pub fn answers_of(case: &ruqsat_store::CaseRow) -> Result<DraftAnswers, crate::CaseError> {
    let application: serde_json::Value = serde_json::from_str(&case.application)
        .map_err(|error| crate::CaseError::unreadable(case.id, "application", error))?;
    let mut values = vec![("region".to_owned(), case.region.as_str().to_owned())];
    const LEFT_OUT: [&str; 10] = [
        "channel",
        "service",
        "submitted_at",
        "documents",
        "consent_to_restricted_data",
        "liability_warning_signed",
        "office",
        "late_acceptance",
        "presence",
        "registry",
    ];
    if let serde_json::Value::Object(fields) = &application {
        for (name, value) in fields {
            if !LEFT_OUT.contains(&name.as_str()) {
                flatten(name, value, &mut values);
            }
        }
    }
    let family = application["family_members"].as_array().map_or(0, Vec::len);
    Ok(DraftAnswers { values, family })
}

fn flatten(path: &str, value: &serde_json::Value, into: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (name, value) in fields {
                flatten(&format!("{path}.{name}"), value, into);
            }
        }
        // The categories repeat under one name; other lists are rows numbered from 0.
        serde_json::Value::Array(items) if path.ends_with("categories") => {
            for item in items {
                if let Some(text) = item.as_str() {
                    into.push((path.to_owned(), text.to_owned()));
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{path}.{index}"), item, into);
            }
        }
        serde_json::Value::String(text) => into.push((path.to_owned(), text.clone())),
        serde_json::Value::Bool(true) => into.push((path.to_owned(), "true".to_owned())),
        serde_json::Value::Number(number) => into.push((path.to_owned(), number.to_string())),
        serde_json::Value::Bool(false) | serde_json::Value::Null => {}
    }
}
