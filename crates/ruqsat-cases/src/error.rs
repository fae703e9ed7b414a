//! What a use case answers when it cannot do what was asked, in the words of the domain. The
//! adapters choose how to show it (an HTTP status and a page in the user's language, an exit
//! code); the cause is kept.

use ruqsat_domain::decide::DecideError;
use ruqsat_store::StoreError;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The request names a wrong value: the field, and why.
    #[error("{field}: {message}")]
    Invalid {
        /// The field (a JSON path of the request or a form's field).
        field: String,
        /// What is wrong, and what would be right (English, for logs and the API).
        message: String,
        /// The message that says it in the user's language (`ruqsat-i18n`), when there is one.
        id: Option<&'static str>,
    },
    /// The caller's role may not do this.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// No such case (or not one the caller may see: existence does not leak).
    #[error("not found")]
    NotFound,
    /// The case is not in a state that allows this, or changed meanwhile.
    #[error("{0}")]
    Conflict(String),
    /// Data stored for a case cannot be read back: never shown as a blank.
    #[error("case {case}: the stored {what} cannot be read: {source}")]
    Unreadable {
        /// The case.
        case: i64,
        /// Which stored value (`application`, `registry answers`, `decision`, ...).
        what: &'static str,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The law has no data for a date the case needs (a parameter, the calendar).
    #[error("case {case}: the engine cannot decide: {source}")]
    Engine {
        /// The case.
        case: i64,
        /// What is missing.
        #[source]
        source: DecideError,
    },
    /// The daily sweep of holders could not finish.
    #[error("the sweep of permit holders failed: {0}")]
    Sweep(String),
    /// A staff account is stored with an unknown role or region.
    #[error("staff account {0}")]
    Staff(String),
    /// A document could not be rendered.
    #[error("the document could not be rendered: {0}")]
    Document(String),
    /// A password could not be hashed.
    #[error("hashing a password failed: {0}")]
    Password(String),
    /// The database failed, or refused a change (a lost update, a tampered audit log).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CaseError {
    /// Bad input on `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CaseError::Invalid {
            field: field.into(),
            message: message.into(),
            id: None,
        }
    }

    /// A form refused by a rule of the service: `id` names the message that says it in the
    /// user's language (`ruqsat-i18n`'s `pages.ftl`), `message` says it in English.
    pub fn refused(field: impl Into<String>, id: &'static str, message: impl Into<String>) -> Self {
        CaseError::Invalid {
            field: field.into(),
            message: message.into(),
            id: Some(id),
        }
    }

    /// Unreadable stored data of `case`.
    pub fn unreadable(case: i64, what: &'static str, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        CaseError::Unreadable {
            case,
            what,
            source: Box::new(source),
        }
    }
}
