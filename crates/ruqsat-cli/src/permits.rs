//! `ruqsat permit sample`, `ruqsat permit verify` and `ruqsat permit keys`: permits as PDF,
//! their seals, and the installation's seal keys (see `keys.rs`).

use std::process::ExitCode;

use anyhow::Context;
use ruqsat_documents::permit::{PermitData, PermitKind, fields, find_vds_in_pdf, render_sealed};
use ruqsat_documents::seal::{Keyring, Sealer, find_in_pdf};

use crate::{KeysCommand, PermitCommand};

/// The sealer of `permit sample`: a new demo key of this run (the specimen verifies nowhere), or
/// with `installation_key` the current key of `--seal-keys DIR` (to check an installation's
/// verification end to end; said so on the terminal).
fn sample_sealer(installation_key: bool) -> anyhow::Result<Sealer> {
    match (installation_key, crate::keys::configured_dir()) {
        (true, Some(dir)) => {
            let sealer = crate::keys::load_dir(&dir, crate::keys::KeyUse::Any)?.0;
            eprintln!(
                "note: the sample of a fake person is sealed with the installation's key {}",
                sealer.key_id()
            );
            Ok(sealer)
        }
        (true, None) => anyhow::bail!("--installation-key needs --seal-keys DIR"),
        (false, _) => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).expect("invariant: the operating system provides randomness");
            Ok(Sealer::demo_from_seed(seed))
        }
    }
}

/// The published keys that `permit verify` checks against: `--public-keys FILE`, or those of
/// the installation (`--seal-keys DIR`, or the key directory of `--database`).
fn verifying_keys(public_keys: Option<&std::path::Path>, database: Option<&str>) -> anyhow::Result<Keyring> {
    if let Some(path) = public_keys {
        return crate::keys::read_keyring(path);
    }
    let dir = match crate::keys::configured_dir() {
        Some(dir) => dir,
        None => match database {
            Some(database) => crate::keys::key_dir(database)?
                .context("a database in memory has no published keys: use --public-keys FILE")?,
            None => anyhow::bail!(
                "which keys? --public-keys FILE (the installation's published {}, e.g. from /api/v1/permit-keys), \
                 --seal-keys DIR or --database",
                crate::keys::PUBLIC_KEYS
            ),
        },
    };
    crate::keys::read_keyring(&dir.join(crate::keys::PUBLIC_KEYS))
}

/// Runs a permit command.
pub fn run(law: &ruqsat_domain::decide::Law, command: PermitCommand) -> anyhow::Result<ExitCode> {
    match command {
        PermitCommand::Sample { out, installation_key } => {
            let sealer = sample_sealer(installation_key)?;
            // The visible digital seal: the installation's current signer, or a demo signer of
            // this run (its seal verifies nowhere).
            let vds = match (installation_key, crate::keys::configured_dir()) {
                (true, Some(dir)) => crate::vds_keys::current(&dir)?,
                _ => crate::vds_keys::load(None, true)?.0,
            };
            let data = PermitData {
                number: "KZ-TRP-2025-0000042".into(),
                kind: PermitKind::Trp,
                surname: "TESTOV".into(),
                given_name: "DEMO".into(),
                patronymic: None,
                citizenship: Some("UZB".into()),
                birth_date: "1990-05-01".into(),
                passport: "FA0000001".into(),
                address: Some("Алматы қ., Example көшесі, 1 үй, 2 пәтер".into()),
                purpose: Some(("еңбек қызметі".into(), "трудовая деятельность".into())),
                valid_from: "2025-04-01".into(),
                valid_until: Some("2026-01-31".into()),
                issuing_body: "Алматы қаласы Полиция департаменті / Департамент полиции города Алматы".into(),
                issued_on: "2025-03-21".into(),
                iin: None,
                photo: None,
                english: None,
            };
            let (pdf, _) = render_sealed(
                &data,
                &sealer,
                Some((&vds, law.local_date((crate::serve::clock())()))),
                "http://127.0.0.1:8080/verify",
            )
            .context("rendering the permit")?;
            std::fs::write(&out, pdf).with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        PermitCommand::Keys { command } => keys(command),
        PermitCommand::Verify {
            file,
            database,
            public_keys,
            certificates,
        } => verify(law, &file, database, public_keys.as_deref(), certificates.as_deref()),
    }
}

/// The certificates that `permit verify` checks a visible digital seal against: `--certificates
/// FILE`, or those of the installation (`--seal-keys DIR`, or the key directory of `--database`);
/// `None` when there are none to be had.
fn verifying_certificates(
    certificates: Option<&std::path::Path>,
    database: Option<&str>,
) -> anyhow::Result<Option<ruqsat_documents::vds::pki::Certificates>> {
    if let Some(path) = certificates {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(Some(
            ruqsat_documents::vds::pki::Certificates::from_pem(&text)
                .with_context(|| format!("reading {}", path.display()))?,
        ));
    }
    let dir = match (crate::keys::configured_dir(), database) {
        (Some(dir), _) => Some(dir),
        (None, Some(database)) => crate::keys::key_dir(database)?,
        (None, None) => None,
    };
    match dir {
        Some(dir) if dir.join("vds").join(crate::vds_keys::BUNDLE).exists() => {
            crate::vds_keys::published(&dir).map(Some)
        }
        _ => Ok(None),
    }
}

/// `permit verify`: the seals of a permit PDF (its QR seal and its visible digital seal), of an
/// image of a permit (its DataMatrix) or of a seal's bytes; then, with a database, the register.
fn verify(
    law: &ruqsat_domain::decide::Law,
    file: &std::path::Path,
    database: Option<String>,
    public_keys: Option<&std::path::Path>,
    certificates: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let content = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let (qr, visible) = if content.starts_with(b"%PDF-") {
        (find_in_pdf(&content), find_vds_in_pdf(&content))
    } else if content.first() == Some(&ruqsat_documents::vds::MAGIC) {
        (None, Some(content.clone()))
    } else {
        match ruqsat_documents::vds::read_image(&content) {
            Ok(bytes) => (None, Some(bytes)),
            Err(error) => {
                eprintln!("error: {}: {error}", file.display());
                return Ok(ExitCode::from(1));
            }
        }
    };
    if qr.is_none() && visible.is_none() {
        eprintln!("error: {} carries no Ruqsat seal", file.display());
        return Ok(ExitCode::from(1));
    }
    let mut number = None;
    let mut specimen = false;
    if let Some(seal) = qr {
        let keyring = verifying_keys(public_keys, database.as_deref())?;
        match keyring.open(&seal) {
            Ok(opened) => {
                let sealed = fields(&opened.data)
                    .into_iter()
                    .find(|(key, _)| key == "number")
                    .map(|(_, value)| value)
                    .unwrap_or_default();
                if opened.is_demo() {
                    println!(
                        "specimen: permit {sealed}, sealed by the demo key {} (not a permit)",
                        opened.key_id
                    );
                    specimen = true;
                } else {
                    println!(
                        "genuine: permit {sealed}, sealed by the installation's key {}",
                        opened.key_id
                    );
                }
                number = Some(sealed);
            }
            Err(error) => {
                eprintln!("error: {}: {error}", file.display());
                return Ok(ExitCode::from(1));
            }
        }
    }
    if let Some(bytes) = visible {
        match verifying_certificates(certificates, database.as_deref())? {
            Some(published) => match published.verify(&bytes) {
                Ok(verified) => {
                    let sealed = verified.permit.number.clone();
                    if number.as_ref().is_some_and(|number| *number != sealed) {
                        eprintln!(
                            "error: {}: the visible digital seal is of permit {sealed}, the QR seal of another",
                            file.display()
                        );
                        return Ok(ExitCode::from(1));
                    }
                    println!(
                        "{}: ICAO visible digital seal of permit {sealed} ({}, valid from {}), signed by {} on {}",
                        if verified.demo { "specimen" } else { "genuine" },
                        verified.permit.name,
                        verified.permit.valid_from,
                        verified.certificate,
                        verified.seal.header.signed_on
                    );
                    specimen |= verified.demo;
                    number = Some(sealed);
                }
                Err(error) => {
                    eprintln!("error: {}: visible digital seal: {error}", file.display());
                    return Ok(ExitCode::from(1));
                }
            },
            None => println!(
                "visible digital seal: not checked (give the installation's certificates: --certificates FILE, \
                 from /api/v1/permit-certificates)"
            ),
        }
    }
    if specimen {
        return Ok(ExitCode::from(3));
    }
    let (Some(database), Some(number)) = (database, number) else {
        return Ok(ExitCode::SUCCESS);
    };
    let status = register_status(law, &database, &number)?;
    println!("register: permit {number} is {status}");
    Ok(if status == "valid" {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// The status of permit `number` today in the register at `database`.
fn register_status(law: &ruqsat_domain::decide::Law, database: &str, number: &str) -> anyhow::Result<String> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let store = crate::store::open(database).await?;
        let today = law.local_date((crate::serve::clock())());
        let standing = ruqsat_cases::permits::standing_on(&store, today, number).await?;
        Ok(standing.status.as_str().to_owned())
    })
}

/// `ruqsat permit keys rotate|list`.
fn keys(command: KeysCommand) -> anyhow::Result<ExitCode> {
    let dir = |database: Option<String>| -> anyhow::Result<std::path::PathBuf> {
        match crate::keys::configured_dir() {
            Some(dir) => Ok(dir),
            None => crate::keys::key_dir(database.as_deref().unwrap_or("sqlite://ruqsat.db"))?
                .context("a database in memory has no seal keys"),
        }
    };
    match command {
        KeysCommand::Rotate { database, demo } => {
            let dir = dir(database)?;
            let sealer = crate::keys::rotate(&dir, demo)?;
            println!(
                "new seal key {} in {}; earlier keys stay published in {} (restart every `ruqsat serve` to seal with it)",
                sealer.key_id(),
                dir.display(),
                crate::keys::PUBLIC_KEYS
            );
            if dir.join("vds").join("csca.key").exists() {
                let signer = crate::vds_keys::rotate(&dir, demo)?;
                println!(
                    "new signer {} of the visible digital seal; earlier certificates stay published in vds/{}",
                    signer.key(),
                    crate::vds_keys::BUNDLE
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::ImportVds {
            database,
            certificate,
            key,
            csca,
        } => {
            let dir = dir(database)?;
            let signer = crate::vds_keys::import(&dir, &certificate, &key, &csca)?;
            println!(
                "the signer {} of the visible digital seal is current in {} (restart every `ruqsat serve` to seal with it)",
                signer.key(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::List { database } => {
            let dir = dir(database)?;
            println!(
                "{}",
                crate::keys::read_keyring(&dir.join(crate::keys::PUBLIC_KEYS))?.to_json()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
