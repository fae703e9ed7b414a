//! The seal of a permit: an Ed25519 signature over the permit's canonical data, carried in the
//! QR code and in the PDF's metadata as `RQ2.<key id>.<data>.<signature>` (base64url).
//!
//! Every installation seals with keys of its own (`ruqsat-cli`'s `keys.rs` creates and rotates
//! them); a seal names the key that made it, so permits sealed before a rotation keep verifying
//! against the installation's published public keys (a [`Keyring`], JSON), offline. A demo
//! installation's keys have ids beginning with `demo-`: what they seal is a specimen, and says so.
//! Seals of the first version (`RQ1.<data>.<signature>`, without a key id) are checked against
//! every published key.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};

/// The prefix of a seal (version 2: with the key's id).
pub const PREFIX: &str = "RQ2.";

/// The beginning of the id of a demo key.
pub const DEMO_PREFIX: &str = "demo-";

/// Why a seal is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not a seal at all.
    #[error("not a Ruqsat seal")]
    Malformed,
    /// The seal names a key that is not among the published keys.
    #[error("the seal was made with key {0:?}, which is not among the installation's published keys")]
    UnknownKey(String),
    /// The signature does not match the data: forged or altered.
    #[error("the signature does not match the data: the permit was forged or altered")]
    BadSignature,
}

/// Signs permits with one key.
pub struct Sealer {
    key: SigningKey,
    id: String,
}

impl Sealer {
    /// A sealer of an installation from its 32-byte secret seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self::with_prefix(seed, "")
    }

    /// A sealer of a demo installation: its key id says `demo-`, and what it seals is a specimen.
    pub fn demo_from_seed(seed: [u8; 32]) -> Self {
        Self::with_prefix(seed, DEMO_PREFIX)
    }

    fn with_prefix(seed: [u8; 32], prefix: &str) -> Self {
        let key = SigningKey::from_bytes(&seed);
        let id = format!("{prefix}{}", key_id(&key.verifying_key().to_bytes()));
        Sealer { key, id }
    }

    /// The id of the key, named in every seal it makes.
    pub fn key_id(&self) -> &str {
        &self.id
    }

    /// Whether this is a demo key (its permits are specimens).
    pub fn is_demo(&self) -> bool {
        self.id.starts_with(DEMO_PREFIX)
    }

    /// The public key that verifies this sealer's seals.
    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            id: self.id.clone(),
            algorithm: "Ed25519".into(),
            public_key: URL_SAFE_NO_PAD.encode(self.key.verifying_key().to_bytes()),
            created_at: None,
        }
    }

    /// The seal of `data`.
    pub fn seal(&self, data: &str) -> String {
        let signature = self.key.sign(data.as_bytes());
        format!(
            "{PREFIX}{}.{}.{}",
            self.id,
            URL_SAFE_NO_PAD.encode(data),
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }
}

/// The id of a public key: the first six bytes of it, hexadecimal (the seal's signature is
/// checked with the whole key; the id only chooses it).
fn key_id(public_key: &[u8; 32]) -> String {
    public_key[..6].iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A published public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKey {
    /// The key's id, as named in seals.
    pub id: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, base64url without padding.
    pub public_key: String,
    /// When the key was created (RFC 3339), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

impl PublicKey {
    fn verifying_key(&self) -> Option<VerifyingKey> {
        if self.algorithm != "Ed25519" {
            return None;
        }
        let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(&self.public_key).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok()
    }
}

/// The public keys that verify an installation's seals: the current one and every earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyring {
    /// The keys, oldest first.
    pub keys: Vec<PublicKey>,
}

/// What an opened seal says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The sealed canonical data.
    pub data: String,
    /// The id of the key that made the seal.
    pub key_id: String,
}

impl Opened {
    /// Whether a demo key made the seal: a specimen, not a permit.
    pub fn is_demo(&self) -> bool {
        self.key_id.starts_with(DEMO_PREFIX)
    }
}

impl Keyring {
    /// A keyring of one key.
    pub fn of(key: PublicKey) -> Keyring {
        Keyring { keys: vec![key] }
    }

    /// Reads a keyring from its JSON (as published).
    pub fn from_json(text: &str) -> Result<Keyring, String> {
        let keyring: Keyring = serde_json::from_str(text).map_err(|error| error.to_string())?;
        if let Some(bad) = keyring.keys.iter().find(|key| key.verifying_key().is_none()) {
            return Err(format!("key {:?} is not an Ed25519 public key", bad.id));
        }
        Ok(keyring)
    }

    /// The keyring as JSON (pretty), for publication.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks a seal against the keys; returns the sealed data and the key that made it.
    pub fn open(&self, seal: &str) -> Result<Opened, SealError> {
        let seal = seal.trim();
        if let Some(rest) = seal.strip_prefix(PREFIX) {
            let (id, rest) = rest.split_once('.').ok_or(SealError::Malformed)?;
            let (data, signature) = decode(rest)?;
            let key = self
                .keys
                .iter()
                .find(|key| key.id == id)
                .ok_or_else(|| SealError::UnknownKey(id.chars().take(40).collect()))?;
            let verifying = key.verifying_key().ok_or(SealError::Malformed)?;
            verifying
                .verify(&data, &signature)
                .map_err(|_| SealError::BadSignature)?;
            let data = String::from_utf8(data).map_err(|_| SealError::Malformed)?;
            return Ok(Opened {
                data,
                key_id: key.id.clone(),
            });
        }
        Err(SealError::Malformed)
    }
}

/// The data and the signature of `<data>.<signature>`.
fn decode(rest: &str) -> Result<(Vec<u8>, Signature), SealError> {
    let (data, signature) = rest.split_once('.').ok_or(SealError::Malformed)?;
    let data = URL_SAFE_NO_PAD.decode(data).map_err(|_| SealError::Malformed)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| SealError::Malformed)?;
    let signature = Signature::from_slice(&signature).map_err(|_| SealError::Malformed)?;
    Ok((data, signature))
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
