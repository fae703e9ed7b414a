//! The installation's permit seal keys: no built-in key, rotation, offline verification.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cli::{ruqsat, text};

/// A fresh empty folder for one installation.
fn folder(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("ruqsat-keys-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

/// Starts `ruqsat serve` (no demo, no configured key) on a SQLite file in `folder` until it
/// listens, then stops it; returns its key directory.
fn start_installation(folder: &Path) -> PathBuf {
    let database = format!("sqlite://{}", folder.join("ruqsat.db").display());
    let mut server = Command::new(env!("CARGO_BIN_EXE_ruqsat"))
        .args([
            "serve",
            "--no-worker",
            "--database",
            &database,
            "--listen",
            "127.0.0.1:0",
        ])
        .current_dir(folder)
        .env_remove("RUQSAT_SEAL_KEYS")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    let mut listening = false;
    for line in stdout.lines() {
        if line.unwrap().starts_with("Ruqsat listens") {
            listening = true;
            break;
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(listening, "serve started in {}", folder.display());
    folder.join("ruqsat.db.seal-keys")
}

/// A sample permit sealed with the current key of the installation whose keys are `keys`.
fn sample(keys: &Path, out: &Path) {
    let output = ruqsat(
        &[
            "--seal-keys",
            keys.to_str().unwrap(),
            "permit",
            "sample",
            "--installation-key",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}

/// `permit verify` of `pdf` against the public keys in `public_keys` only: exit code, stdout,
/// stderr.
fn verify(pdf: &Path, public_keys: &Path) -> (Option<i32>, String, String) {
    let output = ruqsat(
        &[
            "permit",
            "verify",
            pdf.to_str().unwrap(),
            "--public-keys",
            public_keys.to_str().unwrap(),
        ],
        None,
    );
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

#[test]
fn two_installations_seal_with_their_own_keys_and_a_rotation_keeps_old_permits_verifying() {
    let (a, b) = (folder("a"), folder("b"));
    let (keys_a, keys_b) = (start_installation(&a), start_installation(&b));
    let (public_a, public_b) = (keys_a.join("public-keys.json"), keys_b.join("public-keys.json"));
    assert_ne!(
        std::fs::read_to_string(&public_a).unwrap(),
        std::fs::read_to_string(&public_b).unwrap()
    );
    #[cfg(unix)]
    for entry in std::fs::read_dir(&keys_a).unwrap() {
        use std::os::unix::fs::PermissionsExt as _;
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|extension| extension == "seed") {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is readable by its owner only", path.display());
        }
    }

    // A demo never seals its fake people with a real installation's key.
    let output = ruqsat(
        &[
            "serve",
            "--demo",
            "--no-worker",
            "--database",
            &format!("sqlite://{}", a.join("ruqsat.db").display()),
            "--listen",
            "127.0.0.1:0",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("real installation's key"),
        "{}",
        text(&output.stderr)
    );

    // A permit of installation A verifies with A's published keys, not with B's.
    let permit = a.join("permit.pdf");
    sample(&keys_a, &permit);
    let (code, stdout, stderr) = verify(&permit, &public_a);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("genuine: permit KZ-TRP-2025-0000042"), "{stdout}");
    let (code, _, stderr) = verify(&permit, &public_b);
    assert_eq!(code, Some(1), "a permit of A does not verify at B");
    assert!(
        stderr.contains("not among the installation's published keys"),
        "{stderr}"
    );

    // After a rotation, A seals with a new key and the permit sealed before still verifies,
    // offline, with nothing but the published file (copied elsewhere).
    let output = ruqsat(
        &["--seal-keys", keys_a.to_str().unwrap(), "permit", "keys", "rotate"],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let after = a.join("after.pdf");
    sample(&keys_a, &after);
    let offline = folder("offline").join("published.json");
    std::fs::copy(&public_a, &offline).unwrap();
    let (code, before_out, stderr) = verify(&permit, &offline);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, after_out, stderr) = verify(&after, &offline);
    assert_eq!(code, Some(0), "{stderr}");
    let key = |out: &str| {
        out.lines()
            .next()
            .unwrap()
            .trim()
            .rsplit(' ')
            .next()
            .unwrap()
            .to_owned()
    };
    assert_ne!(key(&before_out), key(&after_out), "the rotation changed the key");
    // Without the certificates the visible digital seal is not checked, and says so.
    assert!(before_out.contains("visible digital seal: not checked"), "{before_out}");

    // The visible digital seals, offline with the published certificates only (copied
    // elsewhere): the rotation issued the next signer, and both permits verify.
    let certificates = offline.parent().unwrap().join("certificates.pem");
    std::fs::copy(keys_a.join("vds").join("certificates.pem"), &certificates).unwrap();
    let with_certificates = |pdf: &Path| {
        let output = ruqsat(
            &[
                "permit",
                "verify",
                pdf.to_str().unwrap(),
                "--public-keys",
                offline.to_str().unwrap(),
                "--certificates",
                certificates.to_str().unwrap(),
            ],
            None,
        );
        (output.status.code(), text(&output.stdout), text(&output.stderr))
    };
    let (code, out, stderr) = with_certificates(&permit);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        out.contains("genuine: ICAO visible digital seal of permit KZ-TRP-2025-0000042")
            && out.contains("signed by KZRQ1"),
        "{out}"
    );
    let (code, out, stderr) = with_certificates(&after);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.contains("signed by KZRQ2"), "{out}");
    // B's certificates do not verify A's seal.
    let (code, _, stderr) = {
        let output = ruqsat(
            &[
                "permit",
                "verify",
                permit.to_str().unwrap(),
                "--public-keys",
                public_a.to_str().unwrap(),
                "--certificates",
                keys_b.join("vds").join("certificates.pem").to_str().unwrap(),
            ],
            None,
        );
        (output.status.code(), text(&output.stdout), text(&output.stderr))
    };
    // (B's first signer is also KZRQ1: found, and its key does not match A's signature.)
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("visible digital seal") && stderr.contains("does not match"),
        "{stderr}"
    );

    // An altered seal does not verify.
    let mut bytes = std::fs::read(&after).unwrap();
    let start = bytes.windows(4).position(|window| window == b"RQ2.").unwrap() + 30;
    bytes[start] = if bytes[start] == b'A' { b'B' } else { b'A' };
    let tampered = a.join("tampered.pdf");
    std::fs::write(&tampered, bytes).unwrap();
    let (code, _, stderr) = verify(&tampered, &offline);
    assert_eq!(code, Some(1), "{stderr}");

    for directory in [&a, &b, &offline.parent().unwrap().to_path_buf()] {
        std::fs::remove_dir_all(directory).unwrap();
    }
}

#[test]
fn a_real_installation_refuses_a_demo_key_and_a_demo_permit_is_a_specimen() {
    let c = folder("c");
    let keys = c.join("ruqsat.db.seal-keys");
    let output = ruqsat(
        &[
            "--seal-keys",
            keys.to_str().unwrap(),
            "permit",
            "keys",
            "rotate",
            "--demo",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let database = format!("sqlite://{}", c.join("ruqsat.db").display());
    let output = ruqsat(
        &[
            "serve",
            "--no-worker",
            "--database",
            &database,
            "--listen",
            "127.0.0.1:0",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("is a demo key"),
        "{}",
        text(&output.stderr)
    );

    let permit = c.join("specimen.pdf");
    sample(&keys, &permit);
    let (code, stdout, _) = verify(&permit, &keys.join("public-keys.json"));
    assert_eq!(code, Some(3), "a specimen is not a permit");
    assert!(stdout.contains("specimen"), "{stdout}");
    std::fs::remove_dir_all(&c).unwrap();
}

#[test]
fn staff_are_administered_from_the_command_line() {
    let d = folder("staff");
    let database = format!("sqlite://{}", d.join("ruqsat.db").display());
    let staff = |args: &[&str]| {
        let mut all = vec!["staff", "--database", database.as_str()];
        all.extend_from_slice(args);
        ruqsat(&all, None)
    };
    let output = staff(&["add", "first.admin", "--name", "Test Admin", "--role", "administrator"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("temporary password: "));
    let output = staff(&["add", "officer.one", "--name", "Test Officer", "--role", "officer"]);
    assert_eq!(output.status.code(), Some(2), "an officer needs a region");
    assert!(text(&output.stderr).contains("region"), "{}", text(&output.stderr));
    let output = staff(&[
        "add",
        "officer.one",
        "--name",
        "Test Officer",
        "--role",
        "officer",
        "--region",
        "almaty",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let output = staff(&["add", "portal.gw", "--name", "Portal", "--role", "integration:portal"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let output = staff(&["token", "portal.gw", "--days", "30"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).trim().len(), 64, "a random token");
    let output = staff(&["token", "officer.one"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "people sign in; tokens are for integrations"
    );
    for command in [
        &["reset", "officer.one"][..],
        &["unlock", "officer.one"],
        &["disable", "officer.one"],
    ] {
        let output = staff(command);
        assert_eq!(output.status.code(), Some(0), "{command:?}: {}", text(&output.stderr));
    }
    let output = staff(&["list"]);
    let listing = text(&output.stdout);
    assert!(
        listing
            .lines()
            .any(|line| line.starts_with("officer.one") && line.contains("disabled")),
        "{listing}"
    );
    let output = staff(&["disable", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
    let output = ruqsat(&["audit", "verify", "--database", &database], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    std::fs::remove_dir_all(&d).unwrap();
}
