//! Kazakh identification numbers: the IIN of a person and the BIN of a legal entity (catalogue §12).
//!
//! Both are 12 digits ending in a check digit. The parsers are the only way to build these
//! types, and `Deserialize` goes through them, so a value of type [`Iin`] or [`Bin`] is
//! always well formed.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// Why a string is not an IIN or a BIN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not exactly 12 characters.
    #[error("must have 12 digits, found {0} characters")]
    Length(usize),
    /// A character that is not an ASCII digit.
    #[error("must contain digits only, found {0:?}")]
    NotDigit(char),
    /// IIN digit 7 is 0, 7, 8 or 9: such numbers are never issued.
    #[error("century and sex digit {0} is never issued (allowed: 1 to 6)")]
    CenturyDigit(u8),
    /// The first six digits of an IIN are not a calendar date.
    #[error("digits 1 to 6 are not a birth date ({0})")]
    BirthDate(String),
    /// The BIN's month of registration is not 01 to 12.
    #[error("digits 3 and 4 are not a month of registration ({0:02})")]
    Month(u8),
    /// BIN digit 5 is not 4, 5 or 6.
    #[error("digit 5 (type of entity) must be 4, 5 or 6, found {0}")]
    EntityType(u8),
    /// BIN digit 6 is not 0, 1, 2 or 3.
    #[error("digit 6 (kind of unit) must be 0, 1, 2 or 3, found {0}")]
    UnitKind(u8),
    /// Both rounds of the check-digit algorithm gave 10: the number is never issued.
    #[error("no valid check digit exists for these first 11 digits (never issued)")]
    NeverIssued,
    /// The check digit does not match.
    #[error("check digit is {found}, expected {expected}")]
    CheckDigit {
        /// The twelfth digit as written.
        found: u8,
        /// The digit the algorithm gives.
        expected: u8,
    },
}

/// Sex as encoded in an IIN's seventh digit (odd: male, even: female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// Individual identification number: `YYMMDD C NNNN K` (catalogue §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

/// Business identification number: `YYMM T A NNNNN K` (catalogue §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bin([u8; 12]);

/// Kind of legal entity encoded in a BIN's fifth digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityType {
    /// 4: resident legal entity.
    Resident,
    /// 5: non-resident legal entity.
    NonResident,
    /// 6: joint individual entrepreneurship.
    JointEntrepreneurship,
}

impl Iin {
    /// The birth date encoded in the first seven digits.
    pub fn birth_date(&self) -> NaiveDate {
        iin_birth_date(&self.0).expect("invariant: a parsed IIN encodes a valid birth date")
    }

    /// The sex encoded in the seventh digit.
    pub fn sex(&self) -> Sex {
        if self.0[6] % 2 == 1 { Sex::Male } else { Sex::Female }
    }
}

impl Bin {
    /// The year (two digits) and month of registration.
    pub fn registered(&self) -> (u8, u8) {
        (self.0[0] * 10 + self.0[1], self.0[2] * 10 + self.0[3])
    }

    /// The kind of entity (digit 5).
    pub fn entity_type(&self) -> EntityType {
        match self.0[4] {
            4 => EntityType::Resident,
            5 => EntityType::NonResident,
            _ => EntityType::JointEntrepreneurship,
        }
    }
}

/// The check digit of the first 11 digits, or `None` when the number can never be issued.
///
/// Source: catalogue §12 (weights 1..11, then 3..11,1,2 when the first round gives 10).
pub fn check_digit(first_eleven: &[u8; 11]) -> Option<u8> {
    const FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    for weights in [FIRST, SECOND] {
        let sum: u32 = first_eleven.iter().zip(weights).map(|(d, w)| u32::from(*d) * w).sum();
        let rest = (sum % 11) as u8;
        if rest != 10 {
            return Some(rest);
        }
    }
    None
}

impl FromStr for Iin {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = twelve_digits(text)?;
        if !(1..=6).contains(&digits[6]) {
            return Err(IdError::CenturyDigit(digits[6]));
        }
        if iin_birth_date(&digits).is_none() {
            return Err(IdError::BirthDate(text[..6].to_owned()));
        }
        verify_check_digit(&digits)?;
        Ok(Iin(digits))
    }
}

impl FromStr for Bin {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = twelve_digits(text)?;
        let month = digits[2] * 10 + digits[3];
        if !(1..=12).contains(&month) {
            return Err(IdError::Month(month));
        }
        if !(4..=6).contains(&digits[4]) {
            return Err(IdError::EntityType(digits[4]));
        }
        if digits[5] > 3 {
            return Err(IdError::UnitKind(digits[5]));
        }
        verify_check_digit(&digits)?;
        Ok(Bin(digits))
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_digits(&self.0, formatter)
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_digits(&self.0, formatter)
    }
}

impl TryFrom<String> for Iin {
    type Error = IdError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl TryFrom<String> for Bin {
    type Error = IdError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl<'de> serde::Deserialize<'de> for Iin {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|error| serde::de::Error::custom(format!("not a valid IIN: {error}")))
    }
}

impl<'de> serde::Deserialize<'de> for Bin {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|error| serde::de::Error::custom(format!("not a valid BIN: {error}")))
    }
}

fn twelve_digits(text: &str) -> Result<[u8; 12], IdError> {
    let count = text.chars().count();
    if count != 12 {
        return Err(IdError::Length(count));
    }
    let mut digits = [0u8; 12];
    for (slot, character) in digits.iter_mut().zip(text.chars()) {
        *slot = character
            .to_digit(10)
            .filter(|_| character.is_ascii_digit())
            .ok_or(IdError::NotDigit(character))? as u8;
    }
    Ok(digits)
}

fn verify_check_digit(digits: &[u8; 12]) -> Result<(), IdError> {
    let mut first_eleven = [0u8; 11];
    first_eleven.copy_from_slice(&digits[..11]);
    let expected = check_digit(&first_eleven).ok_or(IdError::NeverIssued)?;
    if expected != digits[11] {
        return Err(IdError::CheckDigit {
            found: digits[11],
            expected,
        });
    }
    Ok(())
}

fn iin_birth_date(digits: &[u8; 12]) -> Option<NaiveDate> {
    let century = match digits[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let year = century + i32::from(digits[0] * 10 + digits[1]);
    let month = u32::from(digits[2] * 10 + digits[3]);
    let day = u32::from(digits[4] * 10 + digits[5]);
    NaiveDate::from_ymd_opt(year, month, day)
}

fn write_digits(digits: &[u8; 12], formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
    for digit in digits {
        write!(formatter, "{digit}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
