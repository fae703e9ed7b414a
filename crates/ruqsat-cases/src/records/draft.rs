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
