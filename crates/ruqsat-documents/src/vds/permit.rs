//! Ruqsat's document profile for a residence permit in a visible digital seal, modelled on the
//! German residence-permit profile (BSI TR-03137 part 1: feature reference `0xFB`, category
//! `0x06`, the MRZ and the passport number), written down in `docs/VDS.md`.
//!
//! Header: version 4, issuing country `KAZ`, feature definition reference [`FEATURE_REFERENCE`]
//! (`0x01`, the first version of this profile), document type category [`CATEGORY`] (`0x06`, even:
//! a national document, residence permits as in the German profile). Features (tag, type):
//!
//! | tag | feature | type |
//! |---|---|---|
//! | `0x01` | permit number (`-` written `<`) | C40 |
//! | `0x02` | permit type: `0x01` TRP, `0x02` PRP | one byte |
//! | `0x03` | holder's name, MRZ style (`SURNAME<<GIVEN<NAMES`) | C40 |
//! | `0x04` | holder's name, when C40 cannot write it | UTF-8 |
//! | `0x05` | travel document number | C40 |
//! | `0x06` | travel document number, when C40 cannot write it | UTF-8 |
//! | `0x07` | nationality (ICAO code; `XXA` stateless) | C40 |
//! | `0x08` | date of birth | date |
//! | `0x09` | first day of validity | date |
//! | `0x0A` | last day of validity (absent: permanent) | date |
//! | `0x0B` | IIN, once assigned | C40 |
//!
//! Unknown tags are kept and do not make a seal invalid (ICAO 9303-13).

use chrono::NaiveDate;

use super::{Header, Seal, VdsError, c40, date_bytes, date_from};

/// The profile's feature definition reference (its first version).
pub const FEATURE_REFERENCE: u8 = 0x01;
/// The document type category: a national residence permit.
pub const CATEGORY: u8 = 0x06;
/// The issuing country.
pub const COUNTRY: &str = "KAZ";

const NUMBER: u8 = 0x01;
const KIND: u8 = 0x02;
const NAME: u8 = 0x03;
const NAME_UTF8: u8 = 0x04;
const DOCUMENT: u8 = 0x05;
const DOCUMENT_UTF8: u8 = 0x06;
const NATIONALITY: u8 = 0x07;
const BIRTH: u8 = 0x08;
const VALID_FROM: u8 = 0x09;
const VALID_UNTIL: u8 = 0x0A;
const IIN: u8 = 0x0B;

/// What the seal of a permit states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitSeal {
    /// The permit's number.
    pub number: String,
    /// `trp` or `prp`.
    pub kind: String,
    /// The holder's name, MRZ style (`SURNAME<<GIVEN<NAMES`) or as written.
    pub name: String,
    /// The travel document's number.
    pub document: String,
    /// The nationality (ICAO code), `XXA` for a stateless person.
    pub nationality: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// Last day of validity (`None`: permanent).
    pub valid_until: Option<NaiveDate>,
    /// The IIN, once assigned.
    pub iin: Option<String>,
}

/// A name as the MRZ writes it: capitals, parts joined by `<`, surname and given names by `<<`.
pub fn mrz_name(surname: &str, given_names: &[&str]) -> String {
    let part = |text: &str| {
        text.trim()
            .to_uppercase()
            .replace('\'', "")
            .split([' ', '-'])
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join("<")
    };
    let given: Vec<String> = given_names
        .iter()
        .map(|name| part(name))
        .filter(|name| !name.is_empty())
        .collect();
    format!("{}<<{}", part(surname), given.join("<"))
}

fn text_feature(features: &mut Vec<(u8, Vec<u8>)>, c40_tag: u8, utf8_tag: u8, text: &str) -> Result<(), VdsError> {
    if c40::fits(text) {
        features.push((c40_tag, c40::encode(text)?));
    } else {
        features.push((utf8_tag, text.as_bytes().to_vec()));
    }
    Ok(())
}

impl PermitSeal {
    /// The features of the message zone.
    pub fn features(&self) -> Result<Vec<(u8, Vec<u8>)>, VdsError> {
        let mut features = vec![(NUMBER, c40::encode(&self.number.replace('-', "<"))?)];
        features.push((
            KIND,
            vec![match self.kind.as_str() {
                "trp" => 0x01,
                "prp" => 0x02,
                other => return Err(VdsError::Format(format!("{other:?} is not a permit type"))),
            }],
        ));
        text_feature(&mut features, NAME, NAME_UTF8, &self.name)?;
        text_feature(&mut features, DOCUMENT, DOCUMENT_UTF8, &self.document)?;
        features.push((NATIONALITY, c40::encode(&self.nationality)?));
        features.push((BIRTH, date_bytes(self.birth_date)?.to_vec()));
        features.push((VALID_FROM, date_bytes(self.valid_from)?.to_vec()));
        if let Some(until) = self.valid_until {
            features.push((VALID_UNTIL, date_bytes(until)?.to_vec()));
        }
        if let Some(iin) = &self.iin {
            features.push((IIN, c40::encode(iin)?));
        }
        Ok(features)
    }

    /// The header of this permit's seal, signed by `signer` with certificate `certificate` on
    /// `signed_on`.
    pub fn header(&self, signer: &str, certificate: &str, issued_on: NaiveDate, signed_on: NaiveDate) -> Header {
        Header {
            country: COUNTRY.into(),
            signer: signer.into(),
            certificate: certificate.into(),
            issued_on,
            signed_on,
            feature_reference: FEATURE_REFERENCE,
            category: CATEGORY,
        }
    }

    /// The permit a seal states (its profile checked).
    pub fn read(seal: &Seal) -> Result<PermitSeal, VdsError> {
        let header = &seal.header;
        if (header.feature_reference, header.category) != (FEATURE_REFERENCE, CATEGORY) {
            return Err(VdsError::Format(format!(
                "profile {:#04x}/{:#04x} is not Ruqsat's residence permit ({FEATURE_REFERENCE:#04x}/{CATEGORY:#04x})",
                header.feature_reference, header.category
            )));
        }
        let missing = |what: &str| VdsError::Format(format!("the seal has no {what}"));
        let text = |c40_tag: u8, utf8_tag: u8, what: &str| -> Result<String, VdsError> {
            if let Some(value) = seal.feature(c40_tag) {
                return c40::decode(value);
            }
            let value = seal.feature(utf8_tag).ok_or_else(|| missing(what))?;
            String::from_utf8(value.to_vec()).map_err(|_| VdsError::Format(format!("the {what} is not UTF-8")))
        };
        let date = |tag: u8, what: &str| date_from(seal.feature(tag).ok_or_else(|| missing(what))?);
        Ok(PermitSeal {
            number: c40::decode(seal.feature(NUMBER).ok_or_else(|| missing("permit number"))?)?.replace(' ', "-"),
            kind: match seal.feature(KIND) {
                Some([0x01]) => "trp".into(),
                Some([0x02]) => "prp".into(),
                _ => return Err(missing("permit type")),
            },
            name: text(NAME, NAME_UTF8, "name")?.replace(' ', "<"),
            document: text(DOCUMENT, DOCUMENT_UTF8, "travel document number")?,
            nationality: c40::decode(seal.feature(NATIONALITY).ok_or_else(|| missing("nationality"))?)?,
            birth_date: date(BIRTH, "date of birth")?,
            valid_from: date(VALID_FROM, "first day of validity")?,
            valid_until: seal.feature(VALID_UNTIL).map(date_from).transpose()?,
            iin: seal.feature(IIN).map(c40::decode).transpose()?,
        })
    }
}
