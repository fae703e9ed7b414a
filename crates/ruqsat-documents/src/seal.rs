//! The seal of a permit: an Ed25519 signature over the permit's canonical data, carried in the
//! QR code and in the PDF's metadata as `RQ1.<data>.<signature>` (base64url).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

/// The prefix of a seal (version 1).
pub const PREFIX: &str = "RQ1.";

/// Why a seal is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not a seal at all.
    #[error("not a Ruqsat seal")]
    Malformed,
    /// The signature does not match the data: forged or altered.
    #[error("the signature does not match the data: the permit was forged or altered")]
    BadSignature,
}

/// Signs permits.
pub struct Sealer {
    key: SigningKey,
}

impl Sealer {
    /// A sealer from a 32-byte secret seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Sealer {
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// The public key that verifies this sealer's seals.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// The seal of `data`.
    pub fn seal(&self, data: &str) -> String {
        let signature = self.key.sign(data.as_bytes());
        format!(
            "{PREFIX}{}.{}",
            URL_SAFE_NO_PAD.encode(data),
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }
}

/// Checks a seal against the public key; returns the sealed data.
pub fn open(seal: &str, public_key: &[u8; 32]) -> Result<String, SealError> {
    let rest = seal.trim().strip_prefix(PREFIX).ok_or(SealError::Malformed)?;
    let (data, signature) = rest.split_once('.').ok_or(SealError::Malformed)?;
    let data = URL_SAFE_NO_PAD.decode(data).map_err(|_| SealError::Malformed)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| SealError::Malformed)?;
    let signature = Signature::from_slice(&signature).map_err(|_| SealError::Malformed)?;
    let key = VerifyingKey::from_bytes(public_key).map_err(|_| SealError::Malformed)?;
    key.verify(&data, &signature).map_err(|_| SealError::BadSignature)?;
    String::from_utf8(data).map_err(|_| SealError::Malformed)
}

/// Finds the seal in a PDF's bytes (it is written in the document's keywords).
pub fn find_in_pdf(pdf: &[u8]) -> Option<String> {
    let start = pdf
        .windows(PREFIX.len())
        .position(|window| window == PREFIX.as_bytes())?;
    let seal: Vec<u8> = pdf[start..]
        .iter()
        .copied()
        .take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_'))
        .collect();
    String::from_utf8(seal).ok()
}
