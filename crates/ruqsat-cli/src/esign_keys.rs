//! The verification of applicants' electronic signatures (`[signatures]` of the configuration:
//! the national certification authority's root certificates, intermediates and revocation lists)
//! and a demo's own authority and demo applicant key, kept in `<seal keys>/esign-demo/` so that
//! every `ruqsat serve` of a demo installation and `ruqsat application sign` use the same.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use ruqsat_cases::Signatures;
use ruqsat_documents::esign::{DemoSigner, Issued, TrustStore};

/// `[signatures]` of the configuration file.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignaturesConfig {
    /// The trust anchors (PEM): the root certificates of the certification authority whose
    /// signatures portal applications carry.
    pub trust_anchors: PathBuf,
    /// Intermediate certificates (PEM) that signatures may leave out.
    pub intermediates: Option<PathBuf>,
    /// Certificate revocation lists (PEM or DER), refreshed by the installation; a list past its
    /// next update makes its certificates' signatures refused (their status is unknown).
    #[serde(default)]
    pub crls: Vec<PathBuf>,
}

const DEMO_DIR: &str = "esign-demo";

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// The demo authority and applicant key of `dir` (`<seal keys>`), made on first use; in memory
/// when there is no key directory.
fn demo_keys(dir: Option<&Path>, now: DateTime<Utc>) -> anyhow::Result<(Issued, Issued)> {
    let Some(dir) = dir else {
        return Ok(ruqsat_cases::demo::signature_keys(now)?);
    };
    let home = dir.join(DEMO_DIR);
    if !home.join("applicant.pem").exists() {
        // Made in a directory of its own and renamed: two processes starting together end with
        // one set of keys.
        crate::keys::create_dir(dir)?;
        let fresh = dir.join(format!("{DEMO_DIR}.{}", std::process::id()));
        crate::keys::create_dir(&fresh)?;
        let (authority, person) = ruqsat_cases::demo::signature_keys(now)?;
        for (name, text) in [
            ("ca.pem", &authority.certificate),
            ("ca.key", &authority.key),
            ("applicant.pem", &person.certificate),
            ("applicant.key", &person.key),
        ] {
            std::fs::write(fresh.join(name), text).with_context(|| format!("writing {}", fresh.display()))?;
        }
        if std::fs::rename(&fresh, &home).is_ok() {
            eprintln!(
                "Created the demo signature authority and the demo applicant's key in {} (a demo's, never trusted by a real installation).",
                home.display()
            );
        } else {
            std::fs::remove_dir_all(&fresh).ok();
        }
    }
    let issued = |name: &str| -> anyhow::Result<Issued> {
        Ok(Issued {
            certificate: read(&home.join(format!("{name}.pem")))?,
            key: read(&home.join(format!("{name}.key")))?,
        })
    };
    Ok((issued("ca")?, issued("applicant")?))
}

/// The signatures of an installation: the configured anchors, and in a demo also the demo
/// authority with the demo applicant's key.
pub fn load(
    config: Option<&SignaturesConfig>,
    key_dir: Option<&Path>,
    demo: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Signatures> {
    let mut anchors = String::new();
    let mut demo_signer = None;
    if demo {
        let (authority, person) = demo_keys(key_dir, now)?;
        anchors.push_str(&authority.certificate);
        demo_signer = Some(
            DemoSigner::from_pem(&person, &authority.certificate)
                .map_err(|error| anyhow::anyhow!("the demo applicant's key: {error}"))?,
        );
    }
    if let Some(config) = config {
        anchors.push_str(&read(&config.trust_anchors)?);
    }
    if anchors.is_empty() {
        return Ok(Signatures::default());
    }
    let mut trust =
        TrustStore::new(&anchors).map_err(|error| anyhow::anyhow!("[signatures] trust_anchors: {error}"))?;
    if let Some(config) = config {
        if let Some(path) = &config.intermediates {
            trust = trust
                .with_intermediates(&read(path)?)
                .map_err(|error| anyhow::anyhow!("[signatures] intermediates {}: {error}", path.display()))?;
        }
        for path in &config.crls {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            trust = trust
                .with_crl(&bytes)
                .map_err(|error| anyhow::anyhow!("[signatures] crls {}: {error}", path.display()))?;
        }
    }
    Ok(Signatures {
        trust: Some(trust),
        without_iin: demo_signer.is_some(),
        demo: demo_signer,
    })
}

/// `ruqsat application sign`: the request of `file` (JSON with `application`) with the demo
/// applicant's signature of its application, printed.
pub fn sign(database: &str, file: &str) -> anyhow::Result<std::process::ExitCode> {
    let text = if file == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        read(Path::new(file))?
    };
    let mut request: serde_json::Value = serde_json::from_str(&text).with_context(|| format!("{file} is not JSON"))?;
    let application = request
        .get("application")
        .filter(|application| application.is_object())
        .with_context(|| format!("{file} has no \"application\" object"))?;
    let dir = crate::keys::key_dir(database)?;
    let now = crate::serve::clock()();
    let (authority, person) = demo_keys(dir.as_deref(), now)?;
    let signer = DemoSigner::from_pem(&person, &authority.certificate).map_err(|error| anyhow::anyhow!("{error}"))?;
    let content = ruqsat_documents::esign::canonical(application);
    let der = signer.sign(&content, now).map_err(|error| anyhow::anyhow!("{error}"))?;
    use base64::Engine as _;
    request["signature"] = serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(der));
    println!("{request}");
    Ok(std::process::ExitCode::SUCCESS)
}
