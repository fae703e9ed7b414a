//! The digital documents service, simulated: a person shows an identity document from the
//! service in the eGov mobile application, which gives them a one-time code; the official enters
//! the code and the service returns the document (L98–L103 of the order: the result is handed
//! over on an identity document or "an electronic document from the digital documents service").
//!
//! A code is six digits, valid for five minutes, and good for one reading; a wrong code, an old
//! one or one already read is refused the same way (nothing tells a guesser which). In a demo the
//! applicant's status page stands in for the mobile application (`share`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An identity document as the service gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityDocument {
    /// The document's number.
    pub number: String,
    /// The holder's surname (Latin, as in the document).
    pub surname: String,
    /// The holder's given name.
    pub given_name: String,
    /// The holder's date of birth.
    pub birth_date: chrono::NaiveDate,
}

/// Why a code gave no document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Unknown, expired or already used (not told apart).
    #[error("the code is not valid (wrong, older than five minutes, or already used)")]
    Invalid,
    /// A valid code of another person's document: the code stays theirs (not used up).
    #[error("the document is not the expected person's")]
    NotTheirs,
}

/// How long a code lasts.
pub const CODE_LIFETIME: chrono::Duration = chrono::Duration::minutes(5);

/// The codes given and not yet read: the document and when the code was given.
type Codes = HashMap<String, (IdentityDocument, DateTime<Utc>)>;

/// The simulated service.
#[derive(Debug, Clone, Default)]
pub struct DigitalDocuments {
    codes: Arc<Mutex<Codes>>,
}

impl DigitalDocuments {
    /// The person shows `document` at `now`: a one-time code for it. `random` gives the digits
    /// (the caller's source of randomness).
    pub fn share(&self, document: IdentityDocument, now: DateTime<Utc>, random: u32) -> String {
        let Ok(mut codes) = self.codes.lock() else {
            return String::new();
        };
        codes.retain(|_, (_, issued)| now - *issued <= CODE_LIFETIME);
        // A simulator: at most a hundred thousand live codes (the oldest make room).
        while codes.len() >= 100_000 {
            let Some(oldest) = codes
                .iter()
                .min_by_key(|(_, (_, issued))| *issued)
                .map(|(code, _)| code.clone())
            else {
                break;
            };
            codes.remove(&oldest);
        }
        let mut value = random % 1_000_000;
        let mut code = format!("{value:06}");
        while codes.contains_key(&code) {
            value = (value + 1) % 1_000_000;
            code = format!("{value:06}");
        }
        codes.insert(code.clone(), (document, now));
        code
    }

    /// The document behind `code` at `now`; the code is used up.
    pub fn take(&self, code: &str, now: DateTime<Utc>) -> Result<IdentityDocument, CodeError> {
        self.take_if(code, now, |_| true)
    }

    /// The document behind `code` at `now` if it is the one `expected` accepts; only then is the
    /// code used up (a mistyped code of someone else's does not spend theirs).
    pub fn take_if(
        &self,
        code: &str,
        now: DateTime<Utc>,
        expected: impl Fn(&IdentityDocument) -> bool,
    ) -> Result<IdentityDocument, CodeError> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let mut codes = self.codes.lock().map_err(|_| CodeError::Invalid)?;
        match codes.get(&code) {
            Some((document, issued)) if now - *issued <= CODE_LIFETIME && now >= *issued => {
                if !expected(document) {
                    return Err(CodeError::NotTheirs);
                }
            }
            _ => return Err(CodeError::Invalid),
        }
        codes
            .remove(&code)
            .map(|(document, _)| document)
            .ok_or(CodeError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> IdentityDocument {
        IdentityDocument {
            number: "FA0000001".into(),
            surname: "TESTOV".into(),
            given_name: "DEMO".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1990, 5, 1).unwrap(),
        }
    }

    #[test]
    fn a_code_gives_its_document_once_within_five_minutes() {
        let service = DigitalDocuments::default();
        let now = DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let code = service.share(document(), now, 4242);
        assert_eq!(code, "004242");
        assert_eq!(
            service.take("004 242", now + chrono::Duration::minutes(4)),
            Ok(document())
        );
        assert_eq!(service.take(&code, now), Err(CodeError::Invalid), "used up");
        let late = service.share(document(), now, 7);
        assert_eq!(
            service.take(&late, now + chrono::Duration::minutes(5) + chrono::Duration::seconds(1)),
            Err(CodeError::Invalid)
        );
        assert_eq!(service.take("123456", now), Err(CodeError::Invalid));
        // Two codes at once are different.
        let (one, two) = (service.share(document(), now, 9), service.share(document(), now, 9));
        assert_ne!(one, two);
    }
}
