//! Tests of the permit: it renders, its seal verifies, and an altered seal does not.

use super::*;
use crate::seal::{Keyring, SealError, find_in_pdf};

pub(crate) fn data() -> PermitData {
    PermitData {
        number: "KZ-TRP-2025-0000042".into(),
        kind: PermitKind::Trp,
        surname: "TESTOV".into(),
        given_name: "DEMO".into(),
        patronymic: None,
        citizenship: Some("UZB".into()),
        birth_date: "1990-05-01".into(),
        passport: "FA0000001".into(),
        address: Some("Алматы қ., Example көшесі, 1".into()),
        purpose: Some(("еңбек қызметі".into(), "трудовая деятельность".into())),
        valid_from: "2025-04-01".into(),
        valid_until: Some("2026-01-31".into()),
        issuing_body: "Алматы қаласы Полиция департаменті".into(),
        issued_on: "2025-03-21".into(),
        iin: None,
        photo: None,
        english: None,
    }
}

#[test]
fn a_permit_renders_and_its_seal_verifies() {
    let sealer = Sealer::from_seed([7; 32]);
    let (pdf, seal) = render(&data(), &sealer, "http://127.0.0.1:8080/verify").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(find_in_pdf(&pdf).as_deref(), Some(seal.as_str()));
    let opened = Keyring::of(sealer.public_key()).open(&seal).unwrap().data;
    assert_eq!(opened, data().canonical());
    assert!(fields(&opened).contains(&("number".to_owned(), "KZ-TRP-2025-0000042".to_owned())));
}

#[test]
fn an_altered_or_foreign_seal_is_rejected() {
    let sealer = Sealer::from_seed([7; 32]);
    let seal = sealer.seal(&data().canonical());
    let mut forged = data();
    forged.valid_until = Some("2030-12-31".into());
    let (_, signature) = seal.rsplit_once('.').unwrap();
    let other_sealer = Sealer::from_seed([8; 32]);
    let other = other_sealer.seal(&forged.canonical());
    let keyring = Keyring::of(sealer.public_key());
    // The forged data with the genuine signature, under the genuine key's id.
    let forged_data = other.split('.').nth(2).unwrap();
    assert_eq!(
        keyring.open(&format!("RQ2.{}.{forged_data}.{signature}", sealer.key_id())),
        Err(SealError::BadSignature)
    );
    // Another installation's seal names a key this one does not publish, and relabelled with
    // this installation's key id it does not verify.
    assert_eq!(
        keyring.open(&other),
        Err(SealError::UnknownKey(other_sealer.key_id().to_owned()))
    );
    let relabelled = other.replacen(other_sealer.key_id(), sealer.key_id(), 1);
    assert_eq!(keyring.open(&relabelled), Err(SealError::BadSignature));
    assert_eq!(keyring.open("not a seal"), Err(SealError::Malformed));
    assert_eq!(keyring.open("RQ2.only"), Err(SealError::Malformed));
}

#[test]
fn data_cannot_become_markup() {
    let mut tricky = data();
    tricky.surname = "TEST\"] #panic(\"x\") [".into();
    let sealer = Sealer::from_seed([7; 32]);
    assert!(render(&tricky, &sealer, "http://127.0.0.1/verify").is_ok());
}

#[test]
fn a_seal_made_before_a_rotation_verifies_after_it_and_a_first_version_seal_never() {
    let old = Sealer::from_seed([7; 32]);
    let new = Sealer::from_seed([9; 32]);
    let before = old.seal(&data().canonical());
    let keyring = Keyring {
        keys: vec![old.public_key(), new.public_key()],
    };
    let published = Keyring::from_json(&keyring.to_json()).unwrap();
    assert_eq!(published.open(&before).unwrap().key_id, old.key_id());
    assert_eq!(published.open(&new.seal("x")).unwrap().key_id, new.key_id());
    // A first-version seal (the pilot's, with its one built-in key) verifies nowhere, even when
    // its signature is good.
    let v1 = before.replacen(&format!("RQ2.{}.", old.key_id()), "RQ1.", 1);
    assert_eq!(published.open(&v1), Err(SealError::Malformed));
    assert!(Keyring::from_json(r#"{"keys":[{"id":"x","algorithm":"Ed25519","public_key":"AAAA"}]}"#).is_err());
}

#[test]
fn a_demo_key_seals_a_marked_specimen() {
    let demo = Sealer::demo_from_seed([7; 32]);
    assert!(demo.is_demo() && demo.key_id().starts_with("demo-"));
    assert!(!Sealer::from_seed([7; 32]).is_demo());
    let (pdf, seal) = render(&data(), &demo, "http://127.0.0.1/verify").unwrap();
    assert!(Keyring::of(demo.public_key()).open(&seal).unwrap().is_demo());
    let (plain, _) = render(&data(), &Sealer::from_seed([7; 32]), "http://127.0.0.1/verify").unwrap();
    assert!(pdf.len() > plain.len(), "the specimen mark adds text to the page");
}
