//! Who acts: staff and channel integrations authenticate with a bearer token (stored as a
//! SHA-256 digest). Roles: officer and supervisor (of one region), State Corporation operator,
//! auditor, administrator, and the channel integrations `portal` and `state_corporation`.

use ruqsat_domain::codes::Channel;
use sha2::{Digest, Sha256};

use ruqsat_domain::codes::Region;

use crate::CaseError;

/// A role of a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A migration police officer of one region.
    Officer,
    /// A supervisor of one region (signs refusals).
    Supervisor,
    /// A State Corporation operator (intake and hand-over at the SC).
    Operator,
    /// Reads everything, changes nothing.
    Auditor,
    /// Administers the installation.
    Administrator,
    /// A channel's system (the portal or the State Corporation's IS).
    Integration(Channel),
    /// The border service's system (sends the feed of crossings).
    BorderService,
}

impl Role {
    /// Parses a stored role code.
    pub fn parse(code: &str) -> Option<Role> {
        Some(match code {
            "officer" => Role::Officer,
            "supervisor" => Role::Supervisor,
            "operator" => Role::Operator,
            "auditor" => Role::Auditor,
            "administrator" => Role::Administrator,
            "integration:portal" => Role::Integration(Channel::Portal),
            "integration:state_corporation" => Role::Integration(Channel::StateCorporation),
            "integration:border" => Role::BorderService,
            _ => return None,
        })
    }
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Login (recorded as the actor).
    pub login: String,
    /// Role.
    pub role: Role,
    /// Region, for officers and supervisors.
    pub region: Option<Region>,
}

impl Caller {
    /// The caller of a staff account: its role and region as stored (an unknown one is corrupt
    /// data of the installation, never a caller without a region).
    pub fn of_staff(login: String, role: &str, region: Option<&str>) -> Result<Caller, CaseError> {
        let role = Role::parse(role).ok_or_else(|| CaseError::Staff(format!("{login}: unknown role {role:?}")))?;
        let region = region
            .map(|code| {
                code.parse::<Region>()
                    .map_err(|error| CaseError::Staff(format!("{login}: {error}")))
            })
            .transpose()?;
        Ok(Caller { login, role, region })
    }

    /// The caller's region code, if any.
    pub fn region_code(&self) -> Option<&'static str> {
        self.region.map(|region| region.as_str())
    }

    /// Whether the caller may see cases of `region`.
    pub fn sees_region(&self, region: Region) -> bool {
        match self.role {
            Role::Officer | Role::Supervisor => self.region == Some(region),
            // The auditor reads everything; the operator works on State Corporation cases (checked
            // by the caller); the administrator manages the installation, not cases.
            Role::Auditor | Role::Operator => true,
            Role::Administrator => false,
            Role::Integration(_) | Role::BorderService => false,
        }
    }
}

/// The digest under which a token is stored.
pub fn token_digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// How long a staff session lasts.
pub const SESSION_HOURS: i64 = 8;

/// The argon2 hash (PHC string) of a password.
pub fn hash_password(password: &str) -> Result<String, CaseError> {
    use argon2::PasswordHasher as _;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| CaseError::Password(error.to_string()))
}

/// Whether `password` matches the argon2 hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::PasswordVerifier as _;
    argon2::password_hash::phc::PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// An argon2 hash of nothing in particular, verified against when a login is unknown, so that
/// the answer takes as long as for a wrong password.
pub static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("no such account").unwrap_or_default());
