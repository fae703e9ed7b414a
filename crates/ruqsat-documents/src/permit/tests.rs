//! Tests of the permit: it renders, its seal verifies, and an altered seal does not.

use super::*;
use crate::seal::{SealError, find_in_pdf, open};

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
    }
}

#[test]
fn a_permit_renders_and_its_seal_verifies() {
    let sealer = Sealer::from_seed([7; 32]);
    let (pdf, seal) = render(&data(), &sealer, "http://127.0.0.1:8080/verify").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(find_in_pdf(&pdf).as_deref(), Some(seal.as_str()));
    let opened = open(&seal, &sealer.public_key()).unwrap();
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
    let other = Sealer::from_seed([8; 32]).seal(&forged.canonical());
    let (other_data, _) = other.rsplit_once('.').unwrap();
    assert_eq!(
        open(&format!("{other_data}.{signature}"), &sealer.public_key()),
        Err(SealError::BadSignature)
    );
    assert_eq!(open(&other, &sealer.public_key()), Err(SealError::BadSignature));
    assert_eq!(open("not a seal", &sealer.public_key()), Err(SealError::Malformed));
}

#[test]
fn data_cannot_become_markup() {
    let mut tricky = data();
    tricky.surname = "TEST\"] #panic(\"x\") [".into();
    let sealer = Sealer::from_seed([7; 32]);
    assert!(render(&tricky, &sealer, "http://127.0.0.1/verify").is_ok());
}
