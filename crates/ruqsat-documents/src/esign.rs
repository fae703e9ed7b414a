//! The applicant's electronic digital signature (EDS) on a portal application.
//!
//! On the portal the applicant signs the application with their key (the order: the application
//! is "certified by the electronic digital signature" of the service recipient). What is signed is
//! the application object as the portal sends it, in its canonical JSON form (RFC 8785, JCS), so
//! that a proxy re-serialising the JSON does not break the signature. The signature is a detached
//! CMS `SignedData` (RFC 5652, "PKCS#7"), the format the national certification authority's
//! signing tools produce, with exactly one signer and the signed attributes `contentType`
//! (`id-data`) and `messageDigest` (SHA-256 of the canonical application); `signingTime` is kept
//! when present.
//!
//! [`TrustStore::verify`] checks, in order: the structure, the digest, the signer's signature
//! (ECDSA P-256 or P-384 with SHA-256/384, RSA PKCS#1 v1.5 with SHA-256; the national GOST
//! algorithms are not implemented: such a signature is refused naming its algorithm), the chain
//! from the signer's certificate through the certificates in the CMS or the configured
//! intermediates to a configured trust anchor (each signature, each validity period at the time of
//! verification, issuers marked as CAs, the signer's key usage allowing signatures), and, where
//! certificate revocation lists are configured, that no certificate of the chain is revoked and
//! the list is current. What it found is the [`Evidence`] kept with the case.
//!
//! [`DemoSigner`] signs with a key and certificate of a demo or test authority: the demo portal
//! stands in for the applicant's signing tool with it, and the tests sign with it.

use chrono::{DateTime, Utc};
use cms::cert::IssuerAndSerialNumber;
use cms::cert::x509::Certificate as CmsCertificate;
use cms::cert::x509::attr::Attribute;
use cms::cert::x509::der::asn1::{ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use cms::cert::x509::der::{Any, Decode as _, Encode as _};
use cms::cert::x509::spki::AlgorithmIdentifierOwned;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use p256::ecdsa::SigningKey;
use p256::ecdsa::signature::Signer as _;
use p256::pkcs8::DecodePrivateKey as _;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, SerialNumber,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use x509_parser::prelude::{FromDer as _, X509Certificate};
use x509_parser::revocation_list::CertificateRevocationList;

pub use crate::vds::pki::Issued;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SECP256R1: &str = "1.2.840.10045.3.1.7";
const SECP384R1: &str = "1.3.132.0.34";

/// The longest chain followed from the signer to an anchor.
const MAX_CHAIN: usize = 6;

/// The largest signature read (a person's certificate chain is a few kilobytes).
pub const MAX_SIGNATURE_BYTES: usize = 64 * 1024;

/// The most certificates a signature may carry (a chain of a few): more is refused before any is
/// verified, so that a crafted signature cannot make the verification expensive.
const MAX_INCLUDED: usize = 8;

/// Why a signature is not accepted; the text names what is wrong, for the applicant's system.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No signature came with the application.
    #[error(
        "required: the applicant's electronic signature (a detached CMS signature, base64, over the application in canonical JSON, RFC 8785)"
    )]
    Missing,
    /// The signature is not a CMS `SignedData` this service reads.
    #[error("not a CMS SignedData signature: {0}")]
    Malformed(String),
    /// The signature is over other content than this application.
    #[error(
        "the signature is not over this application (its message digest differs): was the application changed after signing?"
    )]
    OtherContent,
    /// The signature value does not verify with the signer's key.
    #[error("the signature does not verify with the signer's certificate")]
    BadSignature,
    /// An algorithm this service does not verify.
    #[error("the signature algorithm {0} is not supported (ECDSA P-256/P-384 and RSA with SHA-256 are)")]
    Algorithm(String),
    /// The certificate chain does not reach a trust anchor, or a certificate is not valid.
    #[error("the signer's certificate is not trusted: {0}")]
    Untrusted(String),
    /// A certificate of the chain is revoked, or its revocation status is unknown.
    #[error("the signer's certificate: {0}")]
    Revocation(String),
    /// No trust anchors are configured: nothing can be verified.
    #[error("signatures cannot be verified here: no trust anchors are configured ([signatures] in the configuration)")]
    NotConfigured,
}

fn malformed(what: impl std::fmt::Display) -> SignatureError {
    SignatureError::Malformed(what.to_string())
}

/// What the verification found, kept with the case as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// `cms-detached`.
    pub format: String,
    /// SHA-256 (hexadecimal) of the canonical application that was signed.
    pub content_sha256: String,
    /// The signer certificate's subject (RFC 4514).
    pub signer: String,
    /// The signer certificate's serial number (hexadecimal).
    pub serial: String,
    /// The signer certificate's issuer.
    pub issuer: String,
    /// The signer certificate's validity (RFC 3339).
    pub valid_from: String,
    /// The end of that validity.
    pub valid_until: String,
    /// The signing time the signature states, if any (RFC 3339).
    pub signing_time: Option<String>,
    /// The signature algorithm (its OID).
    pub algorithm: String,
    /// The chain from the signer to the anchor (subjects).
    pub chain: Vec<String>,
    /// How revocation was checked: the lists consulted, or that none is configured.
    pub revocation: String,
    /// The signer's certificate (PEM), so the evidence stands alone.
    pub certificate: String,
    /// The signer's IIN, from the certificate's subject (`serialNumber=IIN…`, as the national
    /// authority names a person), if it has one.
    #[serde(default)]
    pub signer_iin: Option<String>,
}

/// The canonical form of an application (RFC 8785): what the applicant signs.
pub fn canonical(application: &serde_json::Value) -> Vec<u8> {
    // Serialising a `Value` cannot fail (its keys are strings, its numbers finite).
    serde_json_canonicalizer::to_vec(application).unwrap_or_default()
}

/// The trust anchors, intermediate certificates and revocation lists of an installation.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Vec<u8>>,
    intermediates: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
}

/// The DER blocks labelled `label` of a PEM text (or the text itself when it is DER).
fn pem_blocks(text: &[u8], label: &str) -> Result<Vec<Vec<u8>>, SignatureError> {
    if text.first() == Some(&0x30) {
        return Ok(vec![text.to_vec()]);
    }
    let mut found = Vec::new();
    for block in x509_parser::pem::Pem::iter_from_buffer(text) {
        let block = block.map_err(|error| SignatureError::Untrusted(format!("not PEM: {error}")))?;
        if block.label == label {
            found.push(block.contents);
        }
    }
    Ok(found)
}

impl TrustStore {
    /// A store of the anchors (PEM certificates, the national certification authority's root).
    pub fn new(anchors_pem: &str) -> Result<TrustStore, SignatureError> {
        let anchors = pem_blocks(anchors_pem.as_bytes(), "CERTIFICATE")?;
        if anchors.is_empty() {
            return Err(SignatureError::Untrusted("no certificate in the trust anchors".into()));
        }
        for der in &anchors {
            parse(der)?;
        }
        Ok(TrustStore {
            anchors,
            ..TrustStore::default()
        })
    }

    /// Adds intermediate certificates (PEM) that signatures may leave out.
    pub fn with_intermediates(mut self, pem: &str) -> Result<TrustStore, SignatureError> {
        for der in pem_blocks(pem.as_bytes(), "CERTIFICATE")? {
            parse(&der)?;
            self.intermediates.push(der);
        }
        Ok(self)
    }

    /// Adds a certificate revocation list (PEM `X509 CRL` or DER); from then on every certificate
    /// of a chain whose issuer has a list is checked against it.
    pub fn with_crl(mut self, text: &[u8]) -> Result<TrustStore, SignatureError> {
        let found = pem_blocks(text, "X509 CRL")?;
        if found.is_empty() {
            return Err(SignatureError::Revocation("no revocation list in the file".into()));
        }
        for der in found {
            CertificateRevocationList::from_der(&der)
                .map_err(|error| SignatureError::Revocation(format!("not a revocation list: {error}")))?;
            self.crls.push(der);
        }
        Ok(self)
    }

    /// How many revocation lists are configured.
    pub fn crl_count(&self) -> usize {
        self.crls.len()
    }

    /// Verifies `signature` (a detached CMS, DER) over `content` at `now`.
    pub fn verify(&self, content: &[u8], signature: &[u8], now: DateTime<Utc>) -> Result<Evidence, SignatureError> {
        if signature.len() > MAX_SIGNATURE_BYTES {
            return Err(malformed(format!("larger than {MAX_SIGNATURE_BYTES} bytes")));
        }
        let info = ContentInfo::from_der(signature).map_err(malformed)?;
        if info.content_type != ID_SIGNED_DATA {
            return Err(malformed(format!(
                "content type {} is not signedData",
                info.content_type
            )));
        }
        let signed: SignedData = info.content.decode_as().map_err(malformed)?;
        if signed.encap_content_info.econtent_type != ID_DATA {
            return Err(malformed("the signed content is not of type id-data"));
        }
        if let Some(attached) = &signed.encap_content_info.econtent {
            // An attached signature is accepted when it holds exactly this application.
            let bytes = attached.decode_as::<OctetString>().map_err(malformed)?;
            if bytes.as_bytes() != content {
                return Err(SignatureError::OtherContent);
            }
        }
        let signer_info = match signed.signer_infos.0.as_slice() {
            [one] => one,
            [] => return Err(malformed("no signer")),
            _ => return Err(malformed("more than one signer (one applicant signs)")),
        };
        let hash = match signer_info.digest_alg.oid {
            id if id == ID_SHA256 => Hash::Sha256,
            id if id == ID_SHA384 => Hash::Sha384,
            other => return Err(SignatureError::Algorithm(other.to_string())),
        };
        let attributes = signer_info
            .signed_attrs
            .as_ref()
            .ok_or_else(|| malformed("no signed attributes (contentType and messageDigest are required)"))?;
        let content_type = attribute(attributes, ID_CONTENT_TYPE)?
            .ok_or_else(|| malformed("no contentType attribute"))?
            .decode_as::<ObjectIdentifier>()
            .map_err(malformed)?;
        if content_type != ID_DATA {
            return Err(malformed("the contentType attribute is not id-data"));
        }
        let digest = attribute(attributes, ID_MESSAGE_DIGEST)?
            .ok_or_else(|| malformed("no messageDigest attribute"))?
            .decode_as::<OctetString>()
            .map_err(malformed)?;
        if digest.as_bytes() != hash.digest(content).as_slice() {
            return Err(SignatureError::OtherContent);
        }
        let signing_time = attribute(attributes, ID_SIGNING_TIME)?
            .and_then(|time| time.decode_as::<UtcTime>().ok())
            .and_then(|time| DateTime::<Utc>::from_timestamp(time.to_unix_duration().as_secs() as i64, 0))
            .map(|time| time.to_rfc3339());

        let included: Vec<Vec<u8>> = signed
            .certificates
            .iter()
            .flat_map(|set| set.0.iter())
            .filter_map(|choice| match choice {
                cms::cert::CertificateChoices::Certificate(certificate) => certificate.to_der().ok(),
                cms::cert::CertificateChoices::Other(_) => None,
            })
            .collect();
        if included.len() > MAX_INCLUDED {
            return Err(malformed(format!("more than {MAX_INCLUDED} certificates")));
        }
        let signer_der = included
            .iter()
            .chain(&self.intermediates)
            .find(|der| parse(der).is_ok_and(|certificate| identifies(&signer_info.sid, &certificate)))
            .ok_or_else(|| malformed("the signer's certificate is not in the signature"))?
            .clone();
        let signer = parse(&signer_der)?;
        let signed_attributes = attributes.to_der().map_err(malformed)?;
        verify_value(
            &signer,
            &signer_info.signature_algorithm.oid,
            hash,
            &signed_attributes,
            signer_info.signature.as_bytes(),
        )?;
        if let Some(usage) = signer.key_usage().ok().flatten()
            && !(usage.value.digital_signature() || usage.value.non_repudiation())
        {
            return Err(SignatureError::Untrusted(
                "the certificate's key usage does not allow signatures".into(),
            ));
        }
        let chain = self.chain(&signer_der, &included, now)?;
        let revocation = self.revocation(&chain, now)?;
        Ok(Evidence {
            format: "cms-detached".into(),
            content_sha256: hex(&Sha256::digest(content)),
            signer: signer.subject().to_string(),
            serial: hex(signer.raw_serial()),
            issuer: signer.issuer().to_string(),
            valid_from: time_text(signer.validity().not_before.timestamp()),
            valid_until: time_text(signer.validity().not_after.timestamp()),
            signing_time,
            algorithm: signer_info.signature_algorithm.oid.to_string(),
            chain: chain
                .iter()
                .filter_map(|der| parse(der).ok().map(|certificate| certificate.subject().to_string()))
                .collect(),
            revocation,
            certificate: crate::vds::pki::pem_of(&signer_der),
            signer_iin: signer
                .subject()
                .iter_by_oid(&x509_parser::oid_registry::OID_X509_SERIALNUMBER)
                .filter_map(|attribute| attribute.as_str().ok())
                .find_map(|text| text.strip_prefix("IIN"))
                .map(str::to_owned),
        })
    }

    /// The chain from the signer (first) to an anchor (last), each link verified.
    fn chain(&self, signer: &[u8], included: &[Vec<u8>], now: DateTime<Utc>) -> Result<Vec<Vec<u8>>, SignatureError> {
        let mut chain = vec![signer.to_vec()];
        loop {
            let current_der = chain.last().cloned().unwrap_or_default();
            let current = parse(&current_der)?;
            valid_at(&current, now)?;
            if self.anchors.contains(&current_der) {
                return Ok(chain);
            }
            if chain.len() > MAX_CHAIN {
                return Err(SignatureError::Untrusted("the chain is too long".into()));
            }
            let issuer_der = self
                .anchors
                .iter()
                .chain(&self.intermediates)
                .chain(included)
                .find(|candidate| {
                    parse(candidate).is_ok_and(|issuer| {
                        issuer.subject().as_raw() == current.issuer().as_raw()
                            && current.verify_signature(Some(issuer.public_key())).is_ok()
                    })
                })
                .ok_or_else(|| {
                    SignatureError::Untrusted(format!(
                        "no trusted issuer of {} (issued by {})",
                        current.subject(),
                        current.issuer()
                    ))
                })?
                .clone();
            if chain.contains(&issuer_der) {
                if self.anchors.contains(&issuer_der) {
                    return Ok(chain);
                }
                return Err(SignatureError::Untrusted("the chain loops without an anchor".into()));
            }
            let issuer = parse(&issuer_der)?;
            let is_ca = issuer
                .basic_constraints()
                .ok()
                .flatten()
                .is_some_and(|constraints| constraints.value.ca);
            if !is_ca && !self.anchors.contains(&issuer_der) {
                return Err(SignatureError::Untrusted(format!(
                    "{} is not a certification authority",
                    issuer.subject()
                )));
            }
            chain.push(issuer_der);
        }
    }

    /// Checks every certificate of `chain` whose issuer has a configured list.
    fn revocation(&self, chain: &[Vec<u8>], now: DateTime<Utc>) -> Result<String, SignatureError> {
        if self.crls.is_empty() {
            return Ok("no revocation lists configured".into());
        }
        let mut consulted = Vec::new();
        for pair in chain.windows(2) {
            let (certificate, issuer) = (parse(&pair[0])?, parse(&pair[1])?);
            for der in &self.crls {
                let Ok((_, list)) = CertificateRevocationList::from_der(der) else {
                    continue;
                };
                if list.issuer().as_raw() != issuer.subject().as_raw() {
                    continue;
                }
                list.verify_signature(issuer.public_key()).map_err(|_| {
                    SignatureError::Revocation(format!("the revocation list of {} does not verify", issuer.subject()))
                })?;
                if let Some(next) = list.next_update()
                    && next.timestamp() < now.timestamp()
                {
                    return Err(SignatureError::Revocation(format!(
                        "the revocation list of {} is out of date (next update was {}): the revocation status is unknown",
                        issuer.subject(),
                        time_text(next.timestamp())
                    )));
                }
                if list
                    .iter_revoked_certificates()
                    .any(|revoked| revoked.raw_serial() == certificate.raw_serial())
                {
                    return Err(SignatureError::Revocation(format!(
                        "{} (serial {}) is revoked",
                        certificate.subject(),
                        hex(certificate.raw_serial())
                    )));
                }
                consulted.push(format!(
                    "{} at {}",
                    list.issuer(),
                    time_text(list.last_update().timestamp())
                ));
            }
        }
        if consulted.is_empty() {
            return Ok("no revocation list of the chain's issuers configured".into());
        }
        Ok(format!(
            "not revoked according to the lists of {}",
            consulted.join("; ")
        ))
    }
}

#[derive(Debug, Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
}

impl Hash {
    fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(bytes).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
        }
    }
}

/// The single value of the attribute `oid`, if present.
fn attribute(attributes: &SetOfVec<Attribute>, oid: ObjectIdentifier) -> Result<Option<&Any>, SignatureError> {
    let mut found = attributes.iter().filter(|attribute| attribute.oid == oid);
    let Some(first) = found.next() else {
        return Ok(None);
    };
    if found.next().is_some() || first.values.len() != 1 {
        return Err(malformed(format!(
            "the attribute {oid} must appear once with one value"
        )));
    }
    Ok(first.values.iter().next())
}

/// Verifies a signature value with the certificate's key by `algorithm` (ring).
fn verify_value(
    certificate: &X509Certificate<'_>,
    algorithm: &ObjectIdentifier,
    hash: Hash,
    message: &[u8],
    value: &[u8],
) -> Result<(), SignatureError> {
    let key = certificate.public_key();
    let key_algorithm = key.algorithm.algorithm.to_id_string();
    let curve = key
        .algorithm
        .parameters
        .as_ref()
        .and_then(|parameters| parameters.as_oid().ok())
        .map(|oid| oid.to_id_string());
    let ecdsa = *algorithm == ECDSA_WITH_SHA256 || *algorithm == ECDSA_WITH_SHA384 || *algorithm == ID_EC_PUBLIC_KEY;
    let rsa = *algorithm == SHA256_WITH_RSA || *algorithm == RSA_ENCRYPTION;
    let verifier: &'static dyn ring::signature::VerificationAlgorithm =
        match (ecdsa, rsa, key_algorithm.as_str(), curve.as_deref(), hash) {
            (true, _, "1.2.840.10045.2.1", Some(SECP256R1), Hash::Sha256) => &ring::signature::ECDSA_P256_SHA256_ASN1,
            (true, _, "1.2.840.10045.2.1", Some(SECP256R1), Hash::Sha384) => &ring::signature::ECDSA_P256_SHA384_ASN1,
            (true, _, "1.2.840.10045.2.1", Some(SECP384R1), Hash::Sha256) => &ring::signature::ECDSA_P384_SHA256_ASN1,
            (true, _, "1.2.840.10045.2.1", Some(SECP384R1), Hash::Sha384) => &ring::signature::ECDSA_P384_SHA384_ASN1,
            (_, true, "1.2.840.113549.1.1.1", _, Hash::Sha256) => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            _ => {
                return Err(SignatureError::Algorithm(format!(
                    "{algorithm} with a key of {key_algorithm}{}",
                    curve.map(|curve| format!(" ({curve})")).unwrap_or_default()
                )));
            }
        };
    ring::signature::UnparsedPublicKey::new(verifier, &key.subject_public_key.data)
        .verify(message, value)
        .map_err(|_| SignatureError::BadSignature)
}

/// Whether `certificate` is the one `sid` names.
fn identifies(sid: &SignerIdentifier, certificate: &X509Certificate<'_>) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(named) => {
            named
                .issuer
                .to_der()
                .is_ok_and(|issuer| issuer == certificate.issuer().as_raw())
                && strip_zeros(named.serial_number.as_bytes()) == strip_zeros(certificate.raw_serial())
        }
        SignerIdentifier::SubjectKeyIdentifier(identifier) => certificate.extensions().iter().any(|extension| {
            matches!(
                extension.parsed_extension(),
                x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(own)
                    if own.0 == identifier.0.as_bytes()
            )
        }),
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|byte| *byte != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

fn valid_at(certificate: &X509Certificate<'_>, now: DateTime<Utc>) -> Result<(), SignatureError> {
    let validity = certificate.validity();
    let at = now.timestamp();
    if at < validity.not_before.timestamp() || at > validity.not_after.timestamp() {
        return Err(SignatureError::Untrusted(format!(
            "{} is valid from {} to {}, not now",
            certificate.subject(),
            time_text(validity.not_before.timestamp()),
            time_text(validity.not_after.timestamp())
        )));
    }
    Ok(())
}

fn parse(der: &[u8]) -> Result<X509Certificate<'_>, SignatureError> {
    X509Certificate::from_der(der)
        .map(|(_, certificate)| certificate)
        .map_err(|error| malformed(format!("a certificate is not X.509: {error}")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn time_text(seconds: i64) -> String {
    DateTime::<Utc>::from_timestamp(seconds, 0)
        .map(|time| time.to_rfc3339())
        .unwrap_or_default()
}

/// A key and certificate that sign applications: a demo or test authority's person.
#[derive(Clone)]
pub struct DemoSigner {
    key: SigningKey,
    certificate: Vec<u8>,
    chain: Vec<Vec<u8>>,
}

impl std::fmt::Debug for DemoSigner {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("DemoSigner").finish_non_exhaustive()
    }
}

fn make(error: impl std::fmt::Display) -> SignatureError {
    SignatureError::Malformed(format!("the certificate could not be made: {error}"))
}

/// A new certification authority (self-signed, P-256) named `common_name`, valid from `from`
/// for `years`: the root of a test or demo installation.
pub fn create_authority(common_name: &str, from: DateTime<Utc>, years: i64) -> Result<Issued, SignatureError> {
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(make)?;
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::CountryName, "KZ");
    name.push(
        DnType::OrganizationName,
        "DEMO certification authority (not the national one)",
    );
    name.push(DnType::CommonName, common_name);
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.serial_number = Some(SerialNumber::from(1u64));
    period(&mut params, from, years);
    let certificate = params.self_signed(&key).map_err(make)?;
    Ok(Issued {
        certificate: certificate.pem(),
        key: key.serialize_pem(),
    })
}

fn period(params: &mut CertificateParams, from: DateTime<Utc>, years: i64) {
    let until = from + chrono::Duration::days(365 * years);
    let at = |time: DateTime<Utc>| {
        rcgen::date_time_ymd(
            chrono::Datelike::year(&time),
            chrono::Datelike::month(&time) as u8,
            chrono::Datelike::day(&time) as u8,
        )
    };
    params.not_before = at(from - chrono::Duration::days(1));
    params.not_after = at(until);
}

/// A person's signing certificate issued by `authority`, the way the national authority names a
/// person: `CN=SURNAME GIVEN`, `serialNumber=IIN…` when the person has an IIN; serial `serial`.
pub fn issue_person(
    authority: &Issued,
    full_name: &str,
    iin: Option<&str>,
    serial: u64,
    from: DateTime<Utc>,
    years: i64,
) -> Result<Issued, SignatureError> {
    let authority_key = KeyPair::from_pem(&authority.key).map_err(make)?;
    let issuer = Issuer::from_ca_cert_pem(&authority.certificate, authority_key).map_err(make)?;
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(make)?;
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::CountryName, "KZ");
    name.push(DnType::CommonName, full_name);
    if let Some(iin) = iin {
        name.push(DnType::CustomDnType(vec![2, 5, 4, 5]), format!("IIN{iin}"));
    }
    params.distinguished_name = name;
    params.serial_number = Some(SerialNumber::from(serial));
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment];
    params.use_authority_key_identifier_extension = true;
    period(&mut params, from, years);
    let certificate = params.signed_by(&key, &issuer).map_err(make)?;
    Ok(Issued {
        certificate: certificate.pem(),
        key: key.serialize_pem(),
    })
}

/// A revocation list of `authority` revoking `serials`, current from `from` for `days`.
pub fn revocation_list(
    authority: &Issued,
    serials: &[u64],
    from: DateTime<Utc>,
    days: i64,
) -> Result<String, SignatureError> {
    let authority_key = KeyPair::from_pem(&authority.key).map_err(make)?;
    let issuer = Issuer::from_ca_cert_pem(&authority.certificate, authority_key).map_err(make)?;
    let at = |time: DateTime<Utc>| {
        rcgen::date_time_ymd(
            chrono::Datelike::year(&time),
            chrono::Datelike::month(&time) as u8,
            chrono::Datelike::day(&time) as u8,
        )
    };
    let params = rcgen::CertificateRevocationListParams {
        this_update: at(from - chrono::Duration::days(1)),
        next_update: at(from + chrono::Duration::days(days)),
        crl_number: SerialNumber::from(1u64),
        issuing_distribution_point: None,
        revoked_certs: serials
            .iter()
            .map(|serial| rcgen::RevokedCertParams {
                serial_number: SerialNumber::from(*serial),
                revocation_time: at(from - chrono::Duration::days(1)),
                reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                invalidity_date: None,
            })
            .collect(),
        key_identifier_method: rcgen::KeyIdMethod::Sha256,
    };
    let list = params.signed_by(&issuer).map_err(make)?;
    list.pem().map_err(make)
}

impl DemoSigner {
    /// The signer of `issued` (a person's certificate and key, PEM), with the certificates of
    /// its chain (PEM) included in every signature.
    pub fn from_pem(issued: &Issued, chain_pem: &str) -> Result<DemoSigner, SignatureError> {
        let pair = KeyPair::from_pem(&issued.key).map_err(|error| malformed(format!("the key: {error}")))?;
        let key = SigningKey::from_pkcs8_der(&pair.serialize_der())
            .map_err(|error| malformed(format!("the key is not P-256: {error}")))?;
        let certificate = pem_blocks(issued.certificate.as_bytes(), "CERTIFICATE")?
            .into_iter()
            .next()
            .ok_or_else(|| malformed("no certificate"))?;
        Ok(DemoSigner {
            key,
            certificate,
            chain: pem_blocks(chain_pem.as_bytes(), "CERTIFICATE")?,
        })
    }

    /// A detached CMS signature (DER) over `content`, signed at `now`.
    pub fn sign(&self, content: &[u8], now: DateTime<Utc>) -> Result<Vec<u8>, SignatureError> {
        let certificate = CmsCertificate::from_der(&self.certificate).map_err(malformed)?;
        let value = |any: Result<Any, _>| any.map_err(malformed);
        let one = |value: Any| SetOfVec::try_from(vec![value]).map_err(malformed);
        let seconds = u64::try_from(now.timestamp()).map_err(malformed)?;
        let attributes = SetOfVec::try_from(vec![
            Attribute {
                oid: ID_CONTENT_TYPE,
                values: one(value(Any::encode_from(&ID_DATA))?)?,
            },
            Attribute {
                oid: ID_SIGNING_TIME,
                values: one(value(Any::encode_from(
                    &UtcTime::from_unix_duration(std::time::Duration::from_secs(seconds)).map_err(malformed)?,
                ))?)?,
            },
            Attribute {
                oid: ID_MESSAGE_DIGEST,
                values: one(value(Any::encode_from(
                    &OctetString::new(Sha256::digest(content).to_vec()).map_err(malformed)?,
                ))?)?,
            },
        ])
        .map_err(malformed)?;
        let signature: p256::ecdsa::Signature = self.key.sign(&attributes.to_der().map_err(malformed)?);
        let sha256 = AlgorithmIdentifierOwned {
            oid: ID_SHA256,
            parameters: None,
        };
        let signer_info = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: certificate.tbs_certificate().issuer().clone(),
                serial_number: certificate.tbs_certificate().serial_number().clone(),
            }),
            digest_alg: sha256.clone(),
            signed_attrs: Some(attributes),
            signature_algorithm: AlgorithmIdentifierOwned {
                oid: ECDSA_WITH_SHA256,
                parameters: None,
            },
            signature: OctetString::new(signature.to_der().as_bytes().to_vec()).map_err(malformed)?,
            unsigned_attrs: None,
        };
        let mut certificates = vec![cms::cert::CertificateChoices::Certificate(certificate)];
        for der in &self.chain {
            certificates.push(cms::cert::CertificateChoices::Certificate(
                CmsCertificate::from_der(der).map_err(malformed)?,
            ));
        }
        let signed = SignedData {
            version: CmsVersion::V1,
            digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(malformed)?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: ID_DATA,
                econtent: None,
            },
            certificates: Some(CertificateSet(SetOfVec::try_from(certificates).map_err(malformed)?)),
            crls: None,
            signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(malformed)?),
        };
        ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&signed).map_err(malformed)?,
        }
        .to_der()
        .map_err(malformed)
    }
}

#[cfg(test)]
mod tests;
