//! The ICAO Visible Digital Seal (ICAO Doc 9303 part 13, "VDS"): a signed binary structure
//! printed as a DataMatrix, which border guards' readers already understand.
//!
//! A seal is a header (magic `0xDC`, the version, the issuing country, the signer and the
//! reference of its certificate, the issue and signature dates, the document's feature
//! definition reference and type category), a message zone of typed features (tag, DER length,
//! value) and a signature zone (`0xFF`, DER length, the raw ECDSA `r‖s`) over every byte before
//! it. Ruqsat writes version 4 (byte `0x03`) and reads versions 3 and 4; the permit's own profile
//! is in [`permit`] and in `docs/VDS.md`. Certificates and their lookup are in [`pki`].
//!
//! Text fields are C40-encoded ([`c40`]): capitals, digits and space, three characters in two
//! bytes; `<` is written as a space.

use chrono::{Datelike, NaiveDate};

pub mod c40;
pub mod permit;
pub mod pki;

/// The first byte of every seal.
pub const MAGIC: u8 = 0xDC;
/// The version byte of version 4 (the one written).
pub const VERSION_4: u8 = 0x03;
/// The version byte of version 3 (read).
pub const VERSION_3: u8 = 0x02;
/// The tag of the signature zone.
pub const SIGNATURE_TAG: u8 = 0xFF;

/// Why bytes are not a valid seal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VdsError {
    /// Not a VDS, or cut short, or a field that cannot be read.
    #[error("not a readable visible digital seal: {0}")]
    Format(String),
    /// A text cannot be written in C40 (only capitals, digits, space and `<`).
    #[error("{0:?} cannot be written in C40")]
    NotC40(String),
    /// The seal names a signer certificate that is not among the published ones.
    #[error("the seal names signer certificate {0}, which is not among the published certificates")]
    UnknownCertificate(String),
    /// The signer certificate is not issued by a published country signing CA.
    #[error("the signer certificate {0} is not issued by a published country signing CA")]
    UntrustedCertificate(String),
    /// The seal was signed outside the signer certificate's validity.
    #[error("the seal was signed on {signed_on}, outside the validity of certificate {certificate}")]
    ExpiredCertificate {
        /// The certificate's reference.
        certificate: String,
        /// The seal's signature date.
        signed_on: NaiveDate,
    },
    /// The signature does not match the data: forged or altered.
    #[error("the signature does not match the data: the document was forged or altered")]
    BadSignature,
}

fn format_error(what: impl Into<String>) -> VdsError {
    VdsError::Format(what.into())
}

/// The header of a seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The issuing country (ICAO three-letter code, `KAZ`).
    pub country: String,
    /// The signer: the certificate's country (two letters) and common name (two characters).
    pub signer: String,
    /// The reference of the signer's certificate: its serial number in capital hexadecimal.
    pub certificate: String,
    /// The day the document was issued.
    pub issued_on: NaiveDate,
    /// The day the seal was signed.
    pub signed_on: NaiveDate,
    /// The document's feature definition reference (the profile).
    pub feature_reference: u8,
    /// The document's type category (odd: ICAO's; even: national).
    pub category: u8,
}

impl Header {
    /// The header's bytes (version 4).
    pub fn encode(&self) -> Result<Vec<u8>, VdsError> {
        if self.signer.chars().count() != 4 {
            return Err(format_error(format!(
                "the signer {:?} is not four characters",
                self.signer
            )));
        }
        if self.certificate.is_empty()
            || self.certificate.len() > 0xFF
            || !self
                .certificate
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        {
            return Err(format_error(format!(
                "the certificate reference {:?} is not capital hexadecimal",
                self.certificate
            )));
        }
        let mut bytes = vec![MAGIC, VERSION_4];
        let country = c40::encode(&format!("{:<<3}", self.country))?;
        if country.len() != 2 {
            return Err(format_error(format!(
                "the country {:?} is not three letters",
                self.country
            )));
        }
        bytes.extend(country);
        bytes.extend(c40::encode(&format!(
            "{}{:02X}{}",
            self.signer,
            self.certificate.len(),
            self.certificate
        ))?);
        bytes.extend(date_bytes(self.issued_on)?);
        bytes.extend(date_bytes(self.signed_on)?);
        bytes.push(self.feature_reference);
        bytes.push(self.category);
        Ok(bytes)
    }

    /// The key that finds the signer's certificate: signer and reference without leading zeros
    /// (`KZRQ1`).
    pub fn certificate_key(&self) -> String {
        certificate_key(&self.signer, &self.certificate)
    }
}

/// The lookup key of a signer certificate: `C‖CN‖serial` (capital hexadecimal, no leading zero).
pub fn certificate_key(signer: &str, reference: &str) -> String {
    let serial = reference.trim_start_matches('0');
    format!(
        "{}{}",
        signer.to_ascii_uppercase(),
        if serial.is_empty() { "0" } else { serial }
    )
    .to_ascii_uppercase()
}

/// A seal read from its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The version byte read (`0x02` or `0x03`).
    pub version: u8,
    /// The header.
    pub header: Header,
    /// The features, in their order: tag and value.
    pub features: Vec<(u8, Vec<u8>)>,
    /// The signature (raw `r‖s`).
    pub signature: Vec<u8>,
    /// The bytes the signature covers (header and message zone, as read).
    pub signed: Vec<u8>,
}

impl Seal {
    /// Reads a seal; every length is checked against the bytes there are.
    pub fn decode(bytes: &[u8]) -> Result<Seal, VdsError> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(1)? != [MAGIC] {
            return Err(format_error("it does not begin with 0xDC"));
        }
        let version = reader.take(1)?[0];
        if version != VERSION_3 && version != VERSION_4 {
            return Err(format_error(format!("version byte {version:#04x} is not 0x02 or 0x03")));
        }
        let country = c40::decode(reader.take(2)?)?.trim_end().to_owned();
        let (signer, certificate) = if version == VERSION_3 {
            let text = c40::decode(reader.take(6)?)?;
            if text.len() != 9 {
                return Err(format_error(
                    "the signer and certificate reference are not nine characters",
                ));
            }
            (text[..4].to_owned(), text[4..].to_owned())
        } else {
            let text = c40::decode(reader.take(4)?)?;
            if text.len() != 6 {
                return Err(format_error(
                    "the signer and the reference's length are not six characters",
                ));
            }
            let length = usize::from_str_radix(&text[4..], 16)
                .map_err(|_| format_error(format!("the reference's length {:?} is not hexadecimal", &text[4..])))?;
            if length == 0 {
                return Err(format_error("the certificate reference is empty"));
            }
            let reference = c40::decode(reader.take(length.div_ceil(3) * 2)?)?;
            if reference.len() != length {
                return Err(format_error("the certificate reference is not as long as announced"));
            }
            (text[..4].to_owned(), reference)
        };
        let issued_on = date_from(reader.take(3)?)?;
        let signed_on = date_from(reader.take(3)?)?;
        let feature_reference = reader.take(1)?[0];
        let category = reader.take(1)?[0];
        let mut features = Vec::new();
        let mut signature = None;
        let mut signed_len = reader.at;
        while reader.at < bytes.len() {
            let start = reader.at;
            let tag = reader.take(1)?[0];
            let length = if version == VERSION_3 && tag != SIGNATURE_TAG {
                usize::from(reader.take(1)?[0])
            } else {
                reader.der_length()?
            };
            let value = reader.take(length)?.to_vec();
            if tag == SIGNATURE_TAG {
                signed_len = start;
                signature = Some(value);
                if reader.at != bytes.len() {
                    return Err(format_error("bytes follow the signature"));
                }
                break;
            }
            features.push((tag, value));
        }
        let signature = signature.ok_or_else(|| format_error("there is no signature zone"))?;
        Ok(Seal {
            version,
            header: Header {
                country,
                signer,
                certificate,
                issued_on,
                signed_on,
                feature_reference,
                category,
            },
            features,
            signature,
            signed: bytes[..signed_len].to_vec(),
        })
    }

    /// The value of the first feature with `tag`.
    pub fn feature(&self, tag: u8) -> Option<&[u8]> {
        self.features
            .iter()
            .find(|(found, _)| *found == tag)
            .map(|(_, value)| value.as_slice())
    }
}

/// The bytes of a seal: `header`, the features, and the signature `sign` makes over them.
pub fn assemble(
    header: &Header,
    features: &[(u8, Vec<u8>)],
    sign: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Result<Vec<u8>, VdsError> {
    let mut bytes = header.encode()?;
    for (tag, value) in features {
        if *tag == SIGNATURE_TAG {
            return Err(format_error("tag 0xFF is the signature's"));
        }
        bytes.push(*tag);
        bytes.extend(der_length(value.len()));
        bytes.extend(value);
    }
    let signature = sign(&bytes);
    bytes.push(SIGNATURE_TAG);
    bytes.extend(der_length(signature.len()));
    bytes.extend(signature);
    Ok(bytes)
}

/// The seal in the DataMatrix of an image (PNG or JPEG: a scan or a photograph of a permit),
/// read by rxing (a port of ZXing); the image's size is bounded before it is decoded.
pub fn read_image(bytes: &[u8]) -> Result<Vec<u8>, VdsError> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| format_error("not an image"))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let picture = reader
        .decode()
        .map_err(|error| format_error(format!("not a PNG or JPEG image that can be read: {error}")))?;
    let found = rxing::helpers::detect_in_image(picture, Some(rxing::BarcodeFormat::DATA_MATRIX))
        .map_err(|_| format_error("no DataMatrix was found in the image"))?;
    if let Some(rxing::RXingResultMetadataValue::ByteSegments(segments)) = found
        .getRXingResultMetadata()
        .get(&rxing::RXingResultMetadataType::BYTE_SEGMENTS)
    {
        return Ok(segments.concat());
    }
    // Base256 text is ISO-8859-1: one character per byte.
    Ok(found.getText().chars().map(|c| c as u32 as u8).collect())
}

/// A DER (X.690) definite length.
pub fn der_length(length: usize) -> Vec<u8> {
    if length < 0x80 {
        return vec![length as u8];
    }
    let bytes: Vec<u8> = length.to_be_bytes().into_iter().skip_while(|byte| *byte == 0).collect();
    let mut encoded = vec![0x80 | bytes.len() as u8];
    encoded.extend(bytes);
    encoded
}

/// A date as the seal writes it: `MMDDYYYY` as a number, in three bytes (big-endian).
pub fn date_bytes(date: NaiveDate) -> Result<[u8; 3], VdsError> {
    let year = u32::try_from(date.year())
        .ok()
        .filter(|year| *year <= 9999)
        .ok_or_else(|| format_error(format!("the year of {date} does not fit a seal")))?;
    let number = date.month() * 1_000_000 + date.day() * 10_000 + year;
    let [_, a, b, c] = number.to_be_bytes();
    Ok([a, b, c])
}

/// The date of three bytes.
pub fn date_from(bytes: &[u8]) -> Result<NaiveDate, VdsError> {
    let [a, b, c] = bytes else {
        return Err(format_error("a date is three bytes"));
    };
    let number = u32::from_be_bytes([0, *a, *b, *c]);
    let (month, day, year) = (number / 1_000_000, number % 1_000_000 / 10_000, number % 10_000);
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| format_error(format!("{number:08} is not a date (MMDDYYYY)")))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Result<&'a [u8], VdsError> {
        let end = self
            .at
            .checked_add(count)
            .filter(|end| *end <= self.bytes.len())
            .ok_or_else(|| format_error(format!("cut short at byte {}", self.at)))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn der_length(&mut self) -> Result<usize, VdsError> {
        let first = self.take(1)?[0];
        if first < 0x80 {
            return Ok(usize::from(first));
        }
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 {
            return Err(format_error(format!("length form {first:#04x} is not supported")));
        }
        Ok(self
            .take(count)?
            .iter()
            .fold(0usize, |length, byte| (length << 8) | usize::from(*byte)))
    }
}

#[cfg(test)]
mod tests;
