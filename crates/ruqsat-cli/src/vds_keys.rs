//! The certificates and keys of the permit's visible digital seal (ICAO 9303-13,
//! `docs/VDS.md`), in the sub-directory `vds/` of the seal key directory (`keys.rs`):
//!
//! - `csca.pem`, `csca.key`: the installation's country signing CA (a test or demo installation
//!   creates it; a real one keeps the CA's key offline and imports its signers);
//! - `signer-<REF>.pem`, `signer-<REF>.key`: a seal signer's certificate and key (mode 0600);
//! - `current-signer`: the reference of the signer in use;
//! - `certificates.pem`: the published bundle, the CSCA and every signer ever used (served at
//!   `/api/v1/permit-certificates`; all that `ruqsat permit verify` needs, offline).
//!
//! An empty directory gets a CSCA and a first signer on first use (a demo's signer is `KZDM`, its
//! seals specimens). `ruqsat permit keys rotate` issues the next signer when the CSCA's key is
//! here; `ruqsat permit keys import-vds` takes a signer issued elsewhere.

use std::path::{Path, PathBuf};

use anyhow::Context;
use ruqsat_documents::vds::pki::{self, Certificates, Issued, VdsSigner};

/// The published bundle's file name.
pub const BUNDLE: &str = "certificates.pem";

/// The country of the certificates.
const COUNTRY: &str = "KZ";

fn today() -> chrono::NaiveDate {
    (crate::serve::clock())().date_naive()
}

fn signer_name(demo: bool) -> &'static str {
    if demo { pki::DEMO_SIGNER_NAME } else { "RQ" }
}

/// The first day of new certificates made on `today`: a demo's from a year before (a demo may
/// run with its clock set back, `--clock-start`, and its permits are specimens).
fn valid_from(today: chrono::NaiveDate, demo: bool) -> chrono::NaiveDate {
    if demo {
        today - chrono::Duration::days(366)
    } else {
        today
    }
}

fn new_authority(demo: bool, today: chrono::NaiveDate) -> anyhow::Result<Issued> {
    let (organization, name) = if demo {
        ("Ruqsat demo installation", "Ruqsat DEMO CSCA")
    } else {
        ("Ruqsat installation", "Ruqsat CSCA")
    };
    pki::create_authority(COUNTRY, organization, name, valid_from(today, demo), 15)
        .context("creating the country signing CA")
}

/// The signer and the published certificates of the key directory `dir` (created on first use),
/// or of this process only (`None`: a database in memory), today by the real clock.
pub fn load(dir: Option<&Path>, demo: bool) -> anyhow::Result<(VdsSigner, Certificates)> {
    load_on(dir, demo, today())
}

/// The same, `today` by the service's clock (which a demo may set back).
pub fn load_on(dir: Option<&Path>, demo: bool, today: chrono::NaiveDate) -> anyhow::Result<(VdsSigner, Certificates)> {
    let Some(dir) = dir else {
        let authority = new_authority(demo, today)?;
        let issued = pki::issue_signer(&authority, COUNTRY, signer_name(demo), 1, valid_from(today, demo), 3)?;
        let signer = VdsSigner::from_pem(&issued)?;
        let certificates = Certificates::from_pem(&format!("{}{}", authority.certificate, issued.certificate))?;
        return Ok((signer, certificates));
    };
    let dir = dir.join("vds");
    crate::keys::create_dir(&dir)?;
    let current = dir.join("current-signer");
    if !current.exists() {
        let authority = authority(&dir, demo, today)?;
        let issued = pki::issue_signer(&authority, COUNTRY, signer_name(demo), 1, valid_from(today, demo), 3)?;
        store_signer(&dir, "1", &issued)?;
        publish(&dir, &[&authority.certificate, &issued.certificate])?;
        match crate::keys::create_new(&current, "1") {
            Ok(()) => eprintln!(
                "Created the visible digital seal's CA and signer KZ{}1 in {} (publish {BUNDLE}).",
                signer_name(demo),
                dir.display()
            ),
            // Another process made the first signer at the same time: use theirs.
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error).with_context(|| format!("writing {}", current.display())),
        }
    }
    let reference = read(&current)?.trim().to_owned();
    let signer = read_signer(&dir, &reference)?;
    if signer.is_demo() != demo {
        anyhow::bail!(
            "the seal signer {} in {} is {}: a demo seals with a demo signer (KZ{}), a real installation with its own",
            signer.key(),
            dir.display(),
            if signer.is_demo() {
                "a demo's"
            } else {
                "a real installation's"
            },
            pki::DEMO_SIGNER_NAME
        );
    }
    let certificates = publish(&dir, &[signer.certificate()])?;
    Ok((signer, certificates))
}

/// The current signer of the key directory `dir` (created on first use, as a real
/// installation's when new), whatever it is.
pub fn current(dir: &Path) -> anyhow::Result<VdsSigner> {
    let vds = dir.join("vds");
    let reference = match read(&vds.join("current-signer")) {
        Ok(reference) => reference.trim().to_owned(),
        Err(_) => return Ok(load(Some(dir), false)?.0),
    };
    read_signer(&vds, &reference)
}

/// Issues the next signer of `dir` with its CSCA and makes it current; returns it.
pub fn rotate(dir: &Path, demo: bool) -> anyhow::Result<VdsSigner> {
    let dir = dir.join("vds");
    crate::keys::create_dir(&dir)?;
    let authority = authority(&dir, demo, today())?;
    let next = signer_references(&dir)?.into_iter().max().unwrap_or(0) + 1;
    let issued = pki::issue_signer(
        &authority,
        COUNTRY,
        signer_name(demo),
        next,
        valid_from(today(), demo),
        3,
    )?;
    let reference = format!("{next:X}");
    store_signer(&dir, &reference, &issued)?;
    publish(&dir, &[&authority.certificate, &issued.certificate])?;
    make_current(&dir, &reference)?;
    VdsSigner::from_pem(&issued).map_err(Into::into)
}

/// Takes a signer issued elsewhere (its certificate, its key, the CSCA's certificate) into `dir`
/// and makes it current.
pub fn import(dir: &Path, certificate: &Path, key: &Path, authority: &Path) -> anyhow::Result<VdsSigner> {
    let dir = dir.join("vds");
    crate::keys::create_dir(&dir)?;
    let issued = Issued {
        certificate: read(certificate)?,
        key: read(key)?,
    };
    let signer = VdsSigner::from_pem(&issued)?;
    let authority_pem = read(authority)?;
    let bundle = Certificates::from_pem(&format!("{authority_pem}{}", issued.certificate))?;
    let reference = signer.key().get(4..).unwrap_or_default().to_owned();
    bundle
        .verify_issuer(signer.certificate())
        .with_context(|| format!("{} is not issued by {}", certificate.display(), authority.display()))?;
    store_signer(&dir, &reference, &issued)?;
    publish(&dir, &[&authority_pem, &issued.certificate])?;
    make_current(&dir, &reference)?;
    Ok(signer)
}

/// The published certificates of `dir` (`--seal-keys`), for `permit verify`.
pub fn published(dir: &Path) -> anyhow::Result<Certificates> {
    let path = dir.join("vds").join(BUNDLE);
    Certificates::from_pem(&read(&path)?).map_err(Into::into)
}

/// The CSCA of `dir`, created when there is none.
fn authority(dir: &Path, demo: bool, today: chrono::NaiveDate) -> anyhow::Result<Issued> {
    let certificate = dir.join("csca.pem");
    let key = dir.join("csca.key");
    if !certificate.exists() {
        let authority = new_authority(demo, today)?;
        match crate::keys::write_secret(&key, &authority.key) {
            Ok(()) => std::fs::write(&certificate, &authority.certificate)
                .with_context(|| format!("writing {}", certificate.display()))?,
            // Another process is creating it: use theirs once written.
            Err(_) if key.exists() => std::thread::sleep(std::time::Duration::from_millis(200)),
            Err(error) => return Err(error),
        }
    }
    if !key.exists() {
        anyhow::bail!(
            "{} has the CA's certificate but not its key: signers are issued where the CA's key is, then imported \
             (`ruqsat permit keys import-vds`)",
            dir.display()
        );
    }
    Ok(Issued {
        certificate: read(&certificate)?,
        key: read(&key)?,
    })
}

fn store_signer(dir: &Path, reference: &str, issued: &Issued) -> anyhow::Result<()> {
    let key = dir.join(format!("signer-{reference}.key"));
    if !key.exists() {
        crate::keys::write_secret(&key, &issued.key)?;
    }
    let certificate = dir.join(format!("signer-{reference}.pem"));
    std::fs::write(&certificate, &issued.certificate).with_context(|| format!("writing {}", certificate.display()))
}

fn read_signer(dir: &Path, reference: &str) -> anyhow::Result<VdsSigner> {
    if reference.is_empty() || !reference.chars().all(|c| c.is_ascii_hexdigit()) {
        anyhow::bail!("{} names no signer", dir.join("current-signer").display());
    }
    let issued = Issued {
        certificate: read(&dir.join(format!("signer-{reference}.pem")))?,
        key: read(&dir.join(format!("signer-{reference}.key")))?,
    };
    VdsSigner::from_pem(&issued).with_context(|| format!("reading the seal signer {reference} in {}", dir.display()))
}

/// The references (serials) of the signers in `dir`.
fn signer_references(dir: &Path) -> anyhow::Result<Vec<u16>> {
    let mut references = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(reference) = name.strip_prefix("signer-").and_then(|rest| rest.strip_suffix(".pem"))
            && let Ok(serial) = u16::from_str_radix(reference, 16)
        {
            references.push(serial);
        }
    }
    Ok(references)
}

/// Adds `certificates` (PEM) to the published bundle of `dir`; returns the bundle.
fn publish(dir: &Path, certificates: &[&str]) -> anyhow::Result<Certificates> {
    let path = dir.join(BUNDLE);
    let mut bundle = if path.exists() {
        Certificates::from_pem(&read(&path)?)?
    } else {
        Certificates::default()
    };
    let before = bundle.to_pem();
    for pem in certificates {
        bundle.extend(Certificates::from_pem(pem)?);
    }
    if bundle.to_pem() != before {
        let temporary: PathBuf = dir.join(format!("{BUNDLE}.{}", std::process::id()));
        std::fs::write(&temporary, bundle.to_pem()).with_context(|| format!("writing {}", temporary.display()))?;
        std::fs::rename(&temporary, &path).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(bundle)
}

fn make_current(dir: &Path, reference: &str) -> anyhow::Result<()> {
    let current = dir.join("current-signer");
    let temporary = dir.join("current-signer.new");
    let _ = std::fs::remove_file(&temporary);
    crate::keys::create_new(&temporary, reference).with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, &current).with_context(|| format!("writing {}", current.display()))
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
