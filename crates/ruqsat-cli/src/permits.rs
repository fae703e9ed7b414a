//! `ruqsat permit sample` and `ruqsat permit verify`: permits as PDF and their seals.
//!
//! The seal key is a 32-byte secret seed, hex, in `RUQSAT_SEAL_KEY`; without it a demo key is
//! used (and said so): fine for demos, never for production.

use std::process::ExitCode;

use anyhow::Context;
use ruqsat_documents::permit::{PermitData, PermitKind, fields, render};
use ruqsat_documents::seal::{Sealer, find_in_pdf, open};

use crate::PermitCommand;

/// The sealer of this installation.
pub fn sealer() -> anyhow::Result<Sealer> {
    match std::env::var("RUQSAT_SEAL_KEY") {
        Ok(hex) => {
            let bytes: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|index| {
                    hex.get(index..index + 2)
                        .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
                .context("RUQSAT_SEAL_KEY must be 64 hexadecimal digits")?;
            let seed: [u8; 32] = bytes
                .try_into()
                .map_err(|_| anyhow::anyhow!("RUQSAT_SEAL_KEY must be 64 hexadecimal digits"))?;
            Ok(Sealer::from_seed(seed))
        }
        Err(_) => {
            eprintln!("note: RUQSAT_SEAL_KEY is not set; using the demo seal key (never in production)");
            Ok(Sealer::from_seed(*b"ruqsat-demo-seal-key-not-secret!"))
        }
    }
}

/// Runs a permit command.
pub fn run(law: &ruqsat_domain::decide::Law, command: PermitCommand) -> anyhow::Result<ExitCode> {
    let sealer = sealer()?;
    match command {
        PermitCommand::Sample { out } => {
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
            };
            let (pdf, _) = render(&data, &sealer, "http://127.0.0.1:8080/verify").context("rendering the permit")?;
            std::fs::write(&out, pdf).with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        PermitCommand::Verify { file, database } => {
            let pdf = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let Some(seal) = find_in_pdf(&pdf) else {
                eprintln!("error: {} carries no Ruqsat seal", file.display());
                return Ok(ExitCode::from(1));
            };
            match open(&seal, &sealer.public_key()) {
                Ok(data) => {
                    let number = fields(&data)
                        .into_iter()
                        .find(|(key, _)| key == "number")
                        .map(|(_, value)| value)
                        .unwrap_or_default();
                    println!("genuine: permit {number}, sealed by this installation's key");
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
