//! The certificates of the seal (ICAO Doc 9303-12 and -13): a country signing CA (CSCA) of the
//! installation issues the seal signers' certificates; a signer's subject is its country (`C`,
//! two letters) and a two-character common name (`CN`), which together are the signer named in
//! every seal (`KZRQ`), and its serial number is the certificate reference (capital hexadecimal,
//! at most three digits so that a seal fits a small DataMatrix). Signatures are ECDSA on P-256
//! with SHA-256.
//!
//! Verifying needs only the published certificates (a PEM bundle): the seal's signer certificate
//! is found by signer and reference, must be issued by a published CSCA, must have been valid on
//! the day the seal was signed (so permits sealed before a rotation keep verifying), and its key
//! must verify the signature over the seal's header and message. A demo installation's signer is
//! `KZDM` (see [`DEMO_SIGNER_NAME`]): what it seals is a specimen, and the verification says so.

use chrono::NaiveDate;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, SerialNumber,
};
use x509_parser::prelude::{FromDer as _, X509Certificate};

use super::permit::PermitSeal;
use super::{Seal, VdsError, assemble};

/// The common name of a demo installation's signer (`KZDM`).
pub const DEMO_SIGNER_NAME: &str = "DM";

/// Why certificates could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// A certificate or key could not be made.
    #[error("the certificate could not be made: {0}")]
    Make(String),
    /// A PEM text does not hold what it should.
    #[error("{0}")]
    Read(String),
}

fn make(error: impl std::fmt::Display) -> PkiError {
    PkiError::Make(error.to_string())
}

/// A certificate and its private key, both PEM.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The certificate (PEM).
    pub certificate: String,
    /// The private key (PKCS#8 PEM): a secret.
    pub key: String,
}

fn name(country: &str, common_name: &str, organization: Option<&str>) -> Result<DistinguishedName, PkiError> {
    let mut name = DistinguishedName::new();
    name.push(
        DnType::CountryName,
        DnValue::PrintableString(country.try_into().map_err(make)?),
    );
    if let Some(organization) = organization {
        name.push(DnType::OrganizationName, organization);
    }
    name.push(
        DnType::CommonName,
        DnValue::PrintableString(common_name.try_into().map_err(make)?),
    );
    Ok(name)
}

fn validity(params: &mut CertificateParams, from: NaiveDate, years: i32) -> Result<(), PkiError> {
    use chrono::Datelike as _;
    let until = from
        .with_year(from.year() + years)
        .unwrap_or(from + chrono::Duration::days(365 * i64::from(years)));
    params.not_before = rcgen::date_time_ymd(from.year(), from.month() as u8, from.day() as u8);
    params.not_after = rcgen::date_time_ymd(until.year(), until.month() as u8, until.day() as u8);
    Ok(())
}

/// A new country signing CA: `C=country, O=organization, CN=common_name`, valid `years` from
/// `from`.
pub fn create_authority(
    country: &str,
    organization: &str,
    common_name: &str,
    from: NaiveDate,
    years: i32,
) -> Result<Issued, PkiError> {
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(make)?;
    let mut params = CertificateParams::default();
    params.distinguished_name = name(country, common_name, Some(organization))?;
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.serial_number = Some(SerialNumber::from(1u64));
    validity(&mut params, from, years)?;
    let certificate = params.self_signed(&key).map_err(make)?;
    Ok(Issued {
        certificate: certificate.pem(),
        key: key.serialize_pem(),
    })
}

/// A new seal signer's certificate issued by `authority`: `C=country, CN=common_name` (two
/// characters), serial number `serial` (its reference, at most `0xFFF`), valid `years` from `from`.
pub fn issue_signer(
    authority: &Issued,
    country: &str,
    common_name: &str,
    serial: u16,
    from: NaiveDate,
    years: i32,
) -> Result<Issued, PkiError> {
    if !(1..=0xFFF).contains(&serial) {
        return Err(PkiError::Make(format!(
            "serial {serial} is not 1 to 0xFFF (three hexadecimal digits)"
        )));
    }
    if common_name.len() != 2
        || !common_name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Err(PkiError::Make(format!(
            "the signer's name {common_name:?} is not two capitals or digits"
        )));
    }
    let authority_key = KeyPair::from_pem(&authority.key).map_err(make)?;
    let issuer = Issuer::from_ca_cert_pem(&authority.certificate, authority_key).map_err(make)?;
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(make)?;
    let mut params = CertificateParams::default();
    params.distinguished_name = name(country, common_name, None)?;
    params.serial_number = Some(SerialNumber::from(u64::from(serial)));
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.use_authority_key_identifier_extension = true;
    validity(&mut params, from, years)?;
    let certificate = params.signed_by(&key, &issuer).map_err(make)?;
    Ok(Issued {
        certificate: certificate.pem(),
        key: key.serialize_pem(),
    })
}

/// The DER certificates of a PEM text.
fn ders(pem: &str) -> Result<Vec<Vec<u8>>, PkiError> {
    let mut found = Vec::new();
    for block in x509_parser::pem::Pem::iter_from_buffer(pem.as_bytes()) {
        let block = block.map_err(|error| PkiError::Read(format!("not PEM: {error}")))?;
        if block.label == "CERTIFICATE" {
            found.push(block.contents);
        }
    }
    Ok(found)
}

fn parse(der: &[u8]) -> Result<X509Certificate<'_>, PkiError> {
    X509Certificate::from_der(der)
        .map(|(_, certificate)| certificate)
        .map_err(|error| PkiError::Read(format!("not an X.509 certificate: {error}")))
}

/// A signer certificate's identity: signer (`C‖CN`) and reference (serial, capital hexadecimal).
fn identity(certificate: &X509Certificate<'_>) -> Option<(String, String)> {
    let subject = certificate.subject();
    let country = subject.iter_country().next()?.as_str().ok()?.to_owned();
    let common_name = subject.iter_common_name().next()?.as_str().ok()?.to_owned();
    Some((format!("{country}{common_name}"), format!("{:X}", certificate.serial)))
}

/// Seals permits with a signer's key and certificate.
pub struct VdsSigner {
    key: SigningKey,
    signer: String,
    reference: String,
    certificate: String,
}

impl std::fmt::Debug for VdsSigner {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("VdsSigner")
            .field("signer", &self.signer)
            .field("reference", &self.reference)
            .finish_non_exhaustive()
    }
}

impl VdsSigner {
    /// The signer of a certificate and its private key (both PEM).
    pub fn from_pem(issued: &Issued) -> Result<VdsSigner, PkiError> {
        // rcgen reads PEM leniently (line endings, a final newline); p256 takes the DER.
        let key = KeyPair::from_pem(&issued.key)
            .map_err(|error| PkiError::Read(format!("the signer's key is not a PKCS#8 PEM key: {error}")))
            .and_then(|pair| {
                SigningKey::from_pkcs8_der(&pair.serialize_der())
                    .map_err(|error| PkiError::Read(format!("the signer's key is not a P-256 key: {error}")))
            })?;
        let der = ders(&issued.certificate)?
            .into_iter()
            .next()
            .ok_or_else(|| PkiError::Read("no certificate in the signer's PEM".into()))?;
        let certificate = parse(&der)?;
        let (signer, reference) =
            identity(&certificate).ok_or_else(|| PkiError::Read("the signer certificate has no C or CN".into()))?;
        if signer.len() != 4 || reference.len() > 3 {
            return Err(PkiError::Read(format!(
                "the signer certificate {signer}{reference} is not a seal signer's (C and CN of two characters, serial of at most three hexadecimal digits)"
            )));
        }
        let public = VerifyingKey::from_sec1_bytes(&certificate.public_key().subject_public_key.data)
            .map_err(|_| PkiError::Read("the signer certificate's key is not P-256".into()))?;
        if public != *key.verifying_key() {
            return Err(PkiError::Read("the key is not the certificate's".into()));
        }
        Ok(VdsSigner {
            key,
            signer,
            reference,
            certificate: issued.certificate.clone(),
        })
    }

    /// The signer and certificate reference named in the seals (`KZRQ1`).
    pub fn key(&self) -> String {
        super::certificate_key(&self.signer, &self.reference)
    }

    /// Whether this is a demo installation's signer (its seals are specimens).
    pub fn is_demo(&self) -> bool {
        self.signer.ends_with(DEMO_SIGNER_NAME)
    }

    /// The signer's certificate (PEM), to publish.
    pub fn certificate(&self) -> &str {
        &self.certificate
    }

    /// The seal of a permit issued on `issued_on`, signed on `signed_on`.
    pub fn seal(&self, permit: &PermitSeal, issued_on: NaiveDate, signed_on: NaiveDate) -> Result<Vec<u8>, VdsError> {
        let header = permit.header(&self.signer, &self.reference, issued_on, signed_on);
        assemble(&header, &permit.features()?, |bytes| {
            let signature: Signature = self.key.sign(bytes);
            signature.to_bytes().to_vec()
        })
    }
}

/// A seal that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The seal.
    pub seal: Seal,
    /// The permit it states.
    pub permit: PermitSeal,
    /// The signer certificate's key (`KZRQ1`).
    pub certificate: String,
    /// Whether a demo installation's signer made it (a specimen).
    pub demo: bool,
}

/// The published certificates: country signing CAs and seal signers.
#[derive(Debug, Clone, Default)]
pub struct Certificates {
    authorities: Vec<Vec<u8>>,
    signers: Vec<Vec<u8>>,
}

impl Certificates {
    /// Reads a PEM bundle: self-signed CA certificates are authorities, the others signers.
    pub fn from_pem(pem: &str) -> Result<Certificates, PkiError> {
        let mut certificates = Certificates::default();
        for der in ders(pem)? {
            let certificate = parse(&der)?;
            let authority = certificate.is_ca() && certificate.subject() == certificate.issuer();
            if authority {
                certificates.authorities.push(der);
            } else {
                certificates.signers.push(der);
            }
        }
        Ok(certificates)
    }

    /// The bundle as PEM: the authorities, then the signers.
    pub fn to_pem(&self) -> String {
        self.authorities
            .iter()
            .chain(&self.signers)
            .map(|der| pem_of(der))
            .collect()
    }

    /// Adds the certificates of another bundle not yet here.
    pub fn extend(&mut self, other: Certificates) {
        for der in other.authorities {
            if !self.authorities.contains(&der) {
                self.authorities.push(der);
            }
        }
        for der in other.signers {
            if !self.signers.contains(&der) {
                self.signers.push(der);
            }
        }
    }

    /// Checks that the certificate (PEM) is issued by one of the authorities here.
    pub fn verify_issuer(&self, certificate: &str) -> Result<(), PkiError> {
        let der = ders(certificate)?
            .into_iter()
            .next()
            .ok_or_else(|| PkiError::Read("no certificate in the PEM".into()))?;
        let signer = parse(&der)?;
        if self.issued_here(&signer) {
            Ok(())
        } else {
            Err(PkiError::Read("the certificate is not issued by the given CA".into()))
        }
    }

    /// Whether one of the authorities here issued (and signed) `certificate`.
    fn issued_here(&self, certificate: &X509Certificate<'_>) -> bool {
        self.authorities
            .iter()
            .filter_map(|der| parse(der).ok())
            .any(|authority| {
                authority.subject() == certificate.issuer()
                    && certificate.verify_signature(Some(authority.public_key())).is_ok()
            })
    }

    /// How many signer certificates are published.
    pub fn signer_count(&self) -> usize {
        self.signers.len()
    }

    /// Verifies a seal offline: profile, signer certificate, its issuer, its validity on the
    /// signature's day, and the signature.
    pub fn verify(&self, bytes: &[u8]) -> Result<Verified, VdsError> {
        let seal = Seal::decode(bytes)?;
        let wanted = seal.header.certificate_key();
        let signer = self
            .signers
            .iter()
            .filter_map(|der| parse(der).ok())
            .find(|certificate| {
                identity(certificate)
                    .is_some_and(|(signer, reference)| super::certificate_key(&signer, &reference) == wanted)
            })
            .ok_or_else(|| VdsError::UnknownCertificate(wanted.clone()))?;
        if !self.issued_here(&signer) {
            return Err(VdsError::UntrustedCertificate(wanted));
        }
        let validity = signer.validity();
        let day = |time: &x509_parser::time::ASN1Time| {
            chrono::DateTime::from_timestamp(time.timestamp(), 0).map(|at| at.date_naive())
        };
        let valid = match (day(&validity.not_before), day(&validity.not_after)) {
            (Some(from), Some(until)) => (from..=until).contains(&seal.header.signed_on),
            _ => false,
        };
        if !valid {
            return Err(VdsError::ExpiredCertificate {
                certificate: wanted,
                signed_on: seal.header.signed_on,
            });
        }
        let key = VerifyingKey::from_sec1_bytes(&signer.public_key().subject_public_key.data)
            .map_err(|_| VdsError::UntrustedCertificate(wanted.clone()))?;
        let signature = Signature::from_slice(&seal.signature).map_err(|_| VdsError::BadSignature)?;
        key.verify(&seal.signed, &signature)
            .map_err(|_| VdsError::BadSignature)?;
        let permit = PermitSeal::read(&seal)?;
        let demo = seal.header.signer.ends_with(DEMO_SIGNER_NAME);
        Ok(Verified {
            seal,
            permit,
            certificate: wanted,
            demo,
        })
    }
}

/// A DER certificate as PEM.
/// A certificate (DER) as PEM.
pub(crate) fn pem_of(der: &[u8]) -> String {
    use base64::Engine as _;
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in text.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).unwrap_or_default());
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

/// A signer key as PKCS#8 PEM (for a key made elsewhere, for example in tests).
pub fn key_pem(key: &SigningKey) -> Result<String, PkiError> {
    key.to_pkcs8_pem(p256::pkcs8::LineEnding::LF)
        .map(|pem| pem.to_string())
        .map_err(make)
}
