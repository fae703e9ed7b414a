//! Country codes (ISO 3166-1 alpha-3) and the groups of states the rules name.

use std::fmt;
use std::str::FromStr;

/// The ISO 3166-1 alpha-3 codes, sorted (generated once from the public `pycountry` data).
const ALPHA3: &str = include_str!("alpha3.txt");

/// An ISO 3166-1 alpha-3 country code such as `UZB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 3]);

/// Why a string is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountryCodeError {
    /// Not three capital Latin letters.
    #[error("must be three capital letters (ISO 3166-1 alpha-3), found {0:?}")]
    Shape(String),
    /// Three letters, but not an assigned code.
    #[error("{0:?} is not an ISO 3166-1 alpha-3 country code")]
    Unknown(String),
}

/// Members of the Eurasian Economic Union other than Kazakhstan (catalogue: "EAEU citizenship
/// (ARM, BLR, KGZ, RUS) is derived from it").
const EAEU_PARTNERS: [&str; 4] = ["ARM", "BLR", "KGZ", "RUS"];

impl CountryCode {
    /// Kazakhstan.
    pub const KAZAKHSTAN: CountryCode = CountryCode(*b"KAZ");
    /// The People's Republic of China (for the ethnic-Kazakh exemption of PRP document 4).
    pub const CHINA: CountryCode = CountryCode(*b"CHN");

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("invariant: a country code is ASCII")
    }

    /// Whether the country is a member of the Eurasian Economic Union other than Kazakhstan.
    pub fn is_eaeu_partner(&self) -> bool {
        EAEU_PARTNERS.contains(&self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = CountryCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(CountryCodeError::Shape(text.to_owned()));
        }
        if !ALPHA3.split_ascii_whitespace().any(|code| code == text) {
            return Err(CountryCodeError::Unknown(text.to_owned()));
        }
        Ok(CountryCode([bytes[0], bytes[1], bytes[2]]))
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
