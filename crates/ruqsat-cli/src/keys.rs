//! The keys that seal permits: one directory per installation.
//!
//! Where it is:
//! - `--seal-keys DIR` (or `RUQSAT_SEAL_KEYS`);
//! - otherwise, for a SQLite file, `FILE.seal-keys/` beside it;
//! - for SQLite in memory, a key of this process only;
//! - PostgreSQL needs the option: several `ruqsat serve` processes share one directory (or copies
//!   of it), and a production installation chooses where its secrets live.
//!
//! What it holds:
//! - `ID.seed`: the Ed25519 secret seed of key `ID` (64 hexadecimal digits, mode 0600);
//! - `current`: the id of the key that seals new permits;
//! - `public-keys.json`: every public key the installation ever sealed with (a
//!   `ruqsat_documents::seal::Keyring`), published at `/api/v1/permit-keys`; it is all that
//!   `ruqsat permit verify --public-keys` needs, offline.
//!
//! An empty directory gets a new random key on first use (a directory we create gets mode 0700;
//! one open to others is warned about). A rotation
//! (`ruqsat permit keys rotate`) adds a key and makes it current; the old seeds may then be
//! removed, the public keys stay published, and permits sealed before keep verifying. There is
//! no built-in key: a demo installation (`serve --demo`) generates a key of its own whose id says
//! `demo-`, and every page and permit of it says it is a demo; a real installation refuses to
//! start with a demo key, and a demo with a real one.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context;
use ruqsat_documents::seal::{Keyring, Sealer};

/// The `--seal-keys` option, set once by `main`.
static KEY_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Records the `--seal-keys` option.
pub fn set_key_dir(path: Option<PathBuf>) {
    let _ = KEY_DIR.set(path);
}

/// The `--seal-keys` directory, if given.
pub fn configured_dir() -> Option<PathBuf> {
    KEY_DIR.get().cloned().flatten()
}

/// The name of the published public keys in the key directory.
pub const PUBLIC_KEYS: &str = "public-keys.json";

/// Where the seal keys of `database` are, or `None` for a key of this process only.
pub fn key_dir(database: &str) -> anyhow::Result<Option<PathBuf>> {
    if let Some(Some(path)) = KEY_DIR.get() {
        return Ok(Some(path.clone()));
    }
    if let Some(path) = database
        .strip_prefix("sqlite://")
        .or_else(|| database.strip_prefix("sqlite:"))
    {
        if path.contains(":memory:") {
            return Ok(None);
        }
        let file = path.split('?').next().unwrap_or(path);
        return Ok(Some(PathBuf::from(format!("{file}.seal-keys"))));
    }
    anyhow::bail!(
        "sealing permits needs the installation's seal keys: --seal-keys DIR or RUQSAT_SEAL_KEYS \
         (an empty DIR gets a new random key; every `ruqsat serve` of the installation uses the same keys)"
    )
}

/// Which key a command may seal with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// A real installation: a demo key is refused.
    Real,
    /// A demo installation: a real key is refused (a demo never seals fake people with it).
    Demo,
    /// Whatever key is current (`permit sample --installation-key`, said so on the terminal).
    Any,
}

/// The sealer and the published keys of an installation; a new key is a demo key for a demo.
pub fn load(database: &str, demo: bool) -> anyhow::Result<(Sealer, Keyring)> {
    let sealer = match key_dir(database)? {
        Some(dir) => return load_dir(&dir, if demo { KeyUse::Demo } else { KeyUse::Real }),
        None => new_sealer(demo).1,
    };
    let keyring = Keyring::of(sealer.public_key());
    Ok((sealer, keyring))
}

/// The sealer and keyring of the directory `dir` (created with a new key when empty).
pub fn load_dir(dir: &Path, usage: KeyUse) -> anyhow::Result<(Sealer, Keyring)> {
    let demo = usage == KeyUse::Demo;
    create_dir(dir)?;
    warn_if_open(dir);
    let current = dir.join("current");
    let id = match std::fs::read_to_string(&current) {
        Ok(id) => id.trim().to_owned(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let (seed, sealer) = new_sealer(demo);
            write_secret(&dir.join(format!("{}.seed", sealer.key_id())), &hex(&seed))?;
            match create_new(&current, sealer.key_id()) {
                Ok(()) => eprintln!(
                    "Created the seal key {} in {} (keep the directory safe; publish {PUBLIC_KEYS}).",
                    sealer.key_id(),
                    dir.display()
                ),
                // Another process created the first key at the same time: use theirs.
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    let _ = std::fs::remove_file(dir.join(format!("{}.seed", sealer.key_id())));
                }
                Err(error) => return Err(error).with_context(|| format!("writing {}", current.display())),
            }
            std::fs::read_to_string(&current)
                .with_context(|| format!("reading {}", current.display()))?
                .trim()
                .to_owned()
        }
        Err(error) => return Err(error).with_context(|| format!("reading {}", current.display())),
    };
    let sealer = read_sealer(dir, &id)?;
    if usage == KeyUse::Demo && !sealer.is_demo() {
        anyhow::bail!(
            "the current seal key {id} in {} is a real installation's key: a demo seals its fake people with a demo \
             key of its own (another database, or another --seal-keys directory)",
            dir.display()
        );
    }
    if sealer.is_demo() && usage == KeyUse::Real {
        anyhow::bail!(
            "the current seal key {id} in {} is a demo key: a real installation seals with a key of its own \
             (`ruqsat permit keys rotate --seal-keys {}`), or start with --demo",
            dir.display(),
            dir.display()
        );
    }
    let keyring = publish(dir, &sealer)?;
    Ok((sealer, keyring))
}

/// Adds a new key to `dir` and makes it current; returns it. Earlier keys stay published.
pub fn rotate(dir: &Path, demo: bool) -> anyhow::Result<Sealer> {
    create_dir(dir)?;
    let (seed, sealer) = new_sealer(demo);
    write_secret(&dir.join(format!("{}.seed", sealer.key_id())), &hex(&seed))?;
    publish(dir, &sealer)?;
    let current = dir.join("current");
    let temporary = dir.join("current.new");
    let _ = std::fs::remove_file(&temporary);
    create_new(&temporary, sealer.key_id()).with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, &current).with_context(|| format!("writing {}", current.display()))?;
    Ok(sealer)
}

/// The published keys of `dir`.
pub fn read_keyring(path: &Path) -> anyhow::Result<Keyring> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Keyring::from_json(&text).map_err(|error| anyhow::anyhow!("reading {}: {error}", path.display()))
}

/// Makes sure the published keys of `dir` hold `sealer`'s key; returns them.
fn publish(dir: &Path, sealer: &Sealer) -> anyhow::Result<Keyring> {
    let path = dir.join(PUBLIC_KEYS);
    let mut keyring = if path.exists() {
        read_keyring(&path)?
    } else {
        Keyring::default()
    };
    if keyring.keys.iter().any(|key| key.id == sealer.key_id()) {
        return Ok(keyring);
    }
    let mut key = sealer.public_key();
    key.created_at = Some(ruqsat_store::timestamp((crate::serve::clock())()));
    keyring.keys.push(key);
    let temporary = dir.join(format!("{PUBLIC_KEYS}.{}", std::process::id()));
    std::fs::write(&temporary, keyring.to_json()).with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(keyring)
}

fn read_sealer(dir: &Path, id: &str) -> anyhow::Result<Sealer> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        anyhow::bail!("{} names no key", dir.join("current").display());
    }
    let path = dir.join(format!("{id}.seed"));
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading the seal key {}", path.display()))?;
    let seed: [u8; 32] = unhex(text.trim())
        .and_then(|bytes| bytes.try_into().ok())
        .with_context(|| format!("{} must hold 64 hexadecimal digits", path.display()))?;
    let sealer = if id.starts_with(ruqsat_documents::seal::DEMO_PREFIX) {
        Sealer::demo_from_seed(seed)
    } else {
        Sealer::from_seed(seed)
    };
    if sealer.key_id() != id {
        anyhow::bail!("the seal key {} is not the key {id}", path.display());
    }
    Ok(sealer)
}

/// A new random seed and its sealer.
fn new_sealer(demo: bool) -> ([u8; 32], Sealer) {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).expect("invariant: the operating system provides randomness");
    let sealer = if demo {
        Sealer::demo_from_seed(seed)
    } else {
        Sealer::from_seed(seed)
    };
    (seed, sealer)
}

/// Warns when others than the owner may read the key directory (it was not made by us).
fn warn_if_open(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(metadata) = std::fs::metadata(dir)
            && metadata.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "warning: the seal key directory {} is open to other users (mode {:o}): chmod 700 it",
                dir.display(),
                metadata.permissions().mode() & 0o777
            );
        }
    }
}

pub(crate) fn create_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("creating the seal key directory {}", dir.display()))
}

/// Writes a secret file readable by its owner only.
pub(crate) fn write_secret(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating the seal key {}", path.display()))?;
    writeln!(file, "{text}")
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing the seal key {}", path.display()))
}

pub(crate) fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|index| {
            text.get(index..index + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect()
}
