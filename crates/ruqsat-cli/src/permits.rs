//! `ruqsat permit sample`, `ruqsat permit verify` and `ruqsat permit keys`: permits as PDF,
//! their seals, and the installation's seal keys (see `keys.rs`).

use std::process::ExitCode;

use anyhow::Context;
use ruqsat_documents::permit::{PermitData, PermitKind, fields, render};
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
            let (pdf, _) = render(&data, &sealer, "http://127.0.0.1:8080/verify").context("rendering the permit")?;
            std::fs::write(&out, pdf).with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        PermitCommand::Keys { command } => keys(command),
        PermitCommand::Verify {
            file,
            database,
            public_keys,
        } => {
            let keyring = verifying_keys(public_keys.as_deref(), database.as_deref())?;
            let pdf = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let Some(seal) = find_in_pdf(&pdf) else {
                eprintln!("error: {} carries no Ruqsat seal", file.display());
                return Ok(ExitCode::from(1));
            };
            match keyring.open(&seal) {
                Ok(opened) => {
                    let number = fields(&opened.data)
                        .into_iter()
                        .find(|(key, _)| key == "number")
                        .map(|(_, value)| value)
                        .unwrap_or_default();
                    if opened.is_demo() {
                        println!(
                            "specimen: permit {number}, sealed by the demo key {} (not a permit)",
                            opened.key_id
                        );
                        return Ok(ExitCode::from(3));
                    }
                    println!(
                        "genuine: permit {number}, sealed by the installation's key {}",
                        opened.key_id
                    );
                    let Some(database) = database else {
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
                Err(error) => {
                    eprintln!("error: {}: {error}", file.display());
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
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
