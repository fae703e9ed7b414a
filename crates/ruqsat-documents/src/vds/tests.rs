//! Tests of the visible digital seal: C40, dates and headers against the vectors of ICAO Doc
//! 9303-13, BSI TR-03137 and independent implementations (tsenger/vdstools, li0ard/vds); the
//! structure of the residence permit seal published in TR-03137 (Annex E); a P-256 seal over
//! the same bytes; and the permit's seal signed and verified with certificates made here.

use super::pki::{Certificates, VdsSigner, create_authority, issue_signer};
use super::*;

fn hex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
        .collect()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn c40_matches_the_published_vectors() {
    for (text, bytes) in [
        // ICAO 9303-13 appendix C, li0ard/vds tests/utils.test.ts.
        ("XK<CD", "EB0466A9"),
        ("XKCD", "EB11FE45"),
        // vdstools DataEncoderCommonTest.
        ("DETS32", "6D32C91F"),
        // ICAO 9303-13 2.3.1 and BSI TR-03137 3.2.3.
        ("VISA01", "DE515826"),
        ("BSI01", "62D719C9"),
        ("D<<", "6ABC"),
        ("UTO", "D9C5"),
        ("UFO001979", "D79519A65306"),
    ] {
        assert_eq!(c40::encode(text).unwrap(), hex(bytes), "{text}");
        assert_eq!(
            c40::decode(&hex(bytes)).unwrap().trim_end(),
            text.replace('<', " ").trim_end(),
            "{bytes}"
        );
    }
    // The 72 characters of a TD2 MRZ are 48 bytes (TR-03137 Annex E).
    let mrz = "ATD<<RESIDORCE<<ROLAND<<<<<<<<<<<<<<6525845096USA7008038M2201018<<<<<<06";
    assert_eq!(
        c40::encode(mrz).unwrap(),
        hex("5cba135875976ec066d417b59e8c6abc133c133c133c133c3fef3a2938ee43f1593d1ae52dbb26751fe64b7c133c136b")
    );
    assert!(matches!(c40::encode("abc"), Err(VdsError::NotC40(_))));
    assert!(matches!(c40::encode("КЗ"), Err(VdsError::NotC40(_))));
    assert!(c40::decode(&[0x00, 0x00]).is_err() && c40::decode(&[0xFF, 0xFF]).is_err() && c40::decode(&[1]).is_err());
}

#[test]
fn dates_are_mmddyyyy_in_three_bytes() {
    for (day, bytes) in [
        ("1957-03-25", "319EF5"),
        ("1979-10-09", "99FDCB"),
        ("2024-09-27", "8D7AD8"),
        ("2020-01-01", "0F7134"),
        ("2020-01-13", "1145F4"),
    ] {
        assert_eq!(date_bytes(date(day)).unwrap().to_vec(), hex(bytes), "{day}");
        assert_eq!(date_from(&hex(bytes)).unwrap(), date(day));
    }
    // 13/45/2020 is no date.
    assert!(date_from(&(13_452_020u32.to_be_bytes()[1..])).is_err());
}

#[test]
fn headers_match_vdstools() {
    // VdsHeaderCommonTest: D<<, DETS, reference 32, 2024-09-27 twice, residence permit.
    let header = Header {
        country: "D".into(),
        signer: "DETS".into(),
        certificate: "32".into(),
        issued_on: date("2024-09-27"),
        signed_on: date("2024-09-27"),
        feature_reference: 0xFB,
        category: 0x06,
    };
    assert_eq!(header.encode().unwrap(), hex("dc036abc6d32c8a72cb18d7ad88d7ad8fb06"));
    let long = Header {
        certificate: "5022026".into(),
        issued_on: date("2026-02-05"),
        signed_on: date("2026-02-05"),
        feature_reference: 0xF9,
        category: 0x0C,
        ..header
    };
    assert_eq!(
        long.encode().unwrap(),
        hex("dc036abc6d32c8ac38e72627fe371f4fba1f4fbaf90c")
    );
}

/// BSI TR-03137 part 1, Annex E: the residence permit's seal (brainpoolP256r1, signer DETS27).
const ANNEX_E: &str = "dc036abc6d32c8a727390f71341145f4fb0602305cba135875976ec066d417b59e8c6abc
    133c133c133c133c3fef3a2938ee43f1593d1ae52dbb26751fe64b7c133c136b0306d795
    19a65306ff40158cf5b0bb7fbda099e8e7c94abefc9677b2e71e9885f5cd9057a8bfcf93
    0a6046bcf897650af8f9b0343c034d2f64ce081f95fbf3d01292d1f8165ece27d327";

#[test]
fn the_published_residence_permit_seal_reads_as_published() {
    let bytes = hex(ANNEX_E);
    assert_eq!(bytes.len(), 142, "one 44×44 DataMatrix");
    let seal = Seal::decode(&bytes).unwrap();
    assert_eq!(seal.version, VERSION_4);
    assert_eq!(seal.header.country, "D");
    assert_eq!(
        (seal.header.signer.as_str(), seal.header.certificate.as_str()),
        ("DETS", "27")
    );
    assert_eq!(seal.header.certificate_key(), "DETS27");
    assert_eq!(
        (seal.header.issued_on, seal.header.signed_on),
        (date("2020-01-01"), date("2020-01-13"))
    );
    assert_eq!((seal.header.feature_reference, seal.header.category), (0xFB, 0x06));
    assert_eq!(
        c40::decode(seal.feature(0x02).unwrap()).unwrap().replace(' ', "<"),
        "ATD<<RESIDORCE<<ROLAND<<<<<<<<<<<<<<6525845096USA7008038M2201018<<<<<<06"
    );
    assert_eq!(c40::decode(seal.feature(0x03).unwrap()).unwrap(), "UFO001979");
    assert_eq!(seal.signature.len(), 64);
    assert_eq!(seal.signed, bytes[..76]);
    // Encoding the header read gives the same bytes back.
    assert_eq!(
        Header {
            country: "D<<".into(),
            ..seal.header.clone()
        }
        .encode()
        .unwrap(),
        bytes[..18]
    );
    // Not our profile: read as a seal, refused as a permit.
    assert!(permit::PermitSeal::read(&seal).is_err());
    // Cut anywhere, it is an error, never a panic.
    for end in 0..bytes.len() {
        assert!(Seal::decode(&bytes[..end]).is_err(), "cut at {end}");
    }
}

#[test]
fn a_p256_signature_over_the_published_bytes_verifies() {
    use p256::ecdsa::signature::{Signer as _, Verifier as _};
    // RFC 6979 A.2.5's P-256 key signs the first 76 bytes of Annex E deterministically; Python's
    // `cryptography` verified this signature independently.
    let key =
        p256::ecdsa::SigningKey::from_slice(&hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"))
            .unwrap();
    let signed = &hex(ANNEX_E)[..76];
    let expected = hex("5e69baf9791267aeb543122e3896ec2129455941f5daf0b4cf0613b958dd7e1a
         4e96c3ccaf39e8b03f7e8e9b97eb4d7a39ff6a2fd7d8c56c8566b36066673839");
    let signature: p256::ecdsa::Signature = key.sign(signed);
    assert_eq!(signature.to_bytes().to_vec(), expected);
    let header = Seal::decode(&hex(ANNEX_E)).unwrap().header;
    let features = Seal::decode(&hex(ANNEX_E)).unwrap().features;
    let sealed = assemble(&header_with_country(header), &features, |bytes| {
        let signature: p256::ecdsa::Signature = key.sign(bytes);
        signature.to_bytes().to_vec()
    })
    .unwrap();
    assert_eq!(sealed[..76], *signed);
    assert_eq!(sealed[76..78], [0xFF, 0x40]);
    let read = Seal::decode(&sealed).unwrap();
    let verifying = key.verifying_key();
    verifying
        .verify(
            &read.signed,
            &p256::ecdsa::Signature::from_slice(&read.signature).unwrap(),
        )
        .unwrap();
}

fn header_with_country(header: Header) -> Header {
    Header {
        country: "D<<".into(),
        ..header
    }
}

fn permit() -> permit::PermitSeal {
    permit::PermitSeal {
        number: "KZ-PRP-2026-000042".into(),
        kind: "prp".into(),
        name: permit::mrz_name("Testova-Sample", &["Demo Anna"]),
        document: "FA0000001".into(),
        nationality: "UZB".into(),
        birth_date: date("1990-05-01"),
        valid_from: date("2026-11-27"),
        valid_until: None,
        iin: Some("900501400001".into()),
    }
}

#[test]
fn a_permit_sealed_with_a_certificate_of_the_installation_verifies_offline() {
    let today = date("2026-11-27");
    let authority = create_authority("KZ", "Ruqsat test", "Ruqsat test CSCA", today, 15).unwrap();
    let issued = issue_signer(&authority, "KZ", "RQ", 0x1A, today, 3).unwrap();
    let signer = VdsSigner::from_pem(&issued).unwrap();
    assert_eq!(signer.key(), "KZRQ1A");
    assert!(!signer.is_demo());
    let bytes = signer.seal(&permit(), today, today).unwrap();
    // The published bundle is all a verifier needs.
    let published = Certificates::from_pem(&format!("{}{}", authority.certificate, issued.certificate)).unwrap();
    let verified = published.verify(&bytes).unwrap();
    assert_eq!(verified.permit, permit());
    assert_eq!(verified.permit.name, "TESTOVA<SAMPLE<<DEMO<ANNA");
    assert_eq!(verified.certificate, "KZRQ1A");
    assert_eq!(verified.seal.header.country, "KAZ");
    // Every changed byte is detected: as a bad signature, or as unreadable.
    for at in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        assert!(published.verify(&changed).is_err(), "byte {at} changed and still valid");
    }
    // Round trip through PEM.
    let again = Certificates::from_pem(&published.to_pem()).unwrap();
    assert!(again.verify(&bytes).is_ok());
    // Without the signer's certificate: unknown; issued by another CA: untrusted.
    let only_authority = Certificates::from_pem(&authority.certificate).unwrap();
    assert!(matches!(only_authority.verify(&bytes), Err(VdsError::UnknownCertificate(key)) if key == "KZRQ1A"));
    let stranger = create_authority("KZ", "Someone else", "Other CSCA", today, 15).unwrap();
    let foreign = Certificates::from_pem(&format!("{}{}", stranger.certificate, issued.certificate)).unwrap();
    assert!(matches!(foreign.verify(&bytes), Err(VdsError::UntrustedCertificate(_))));
    // Signed after the certificate's validity: refused, but a seal made while it was valid
    // still verifies after it expired (rotation keeps old permits valid).
    let late = signer.seal(&permit(), today, date("2030-01-01")).unwrap();
    assert!(matches!(
        published.verify(&late),
        Err(VdsError::ExpiredCertificate { .. })
    ));
    // A rotated signer (another serial) verifies alongside.
    let next = issue_signer(&authority, "KZ", "RQ", 0x1B, today, 3).unwrap();
    let mut both = published.clone();
    both.extend(Certificates::from_pem(&next.certificate).unwrap());
    let newer = VdsSigner::from_pem(&next)
        .unwrap()
        .seal(&permit(), today, today)
        .unwrap();
    assert!(both.verify(&newer).is_ok() && both.verify(&bytes).is_ok());
    assert_eq!(both.signer_count(), 2);
}

#[test]
fn names_c40_cannot_write_go_as_utf8_and_a_demo_signer_says_so() {
    let today = date("2026-11-27");
    let authority = create_authority("KZ", "Ruqsat demo", "Ruqsat DEMO CSCA", today, 15).unwrap();
    let issued = issue_signer(&authority, "KZ", pki::DEMO_SIGNER_NAME, 1, today, 3).unwrap();
    let signer = VdsSigner::from_pem(&issued).unwrap();
    assert!(signer.is_demo());
    // As read back from a file (a newline more, Windows line endings): the same signer.
    let written = pki::Issued {
        certificate: issued.certificate.replace('\n', "\r\n"),
        key: format!("{}\n", issued.key.replace('\n', "\r\n")),
    };
    assert_eq!(VdsSigner::from_pem(&written).unwrap().key(), signer.key());
    assert!(
        VdsSigner::from_pem(&pki::Issued {
            certificate: issued.certificate.clone(),
            key: "nonsense".into()
        })
        .is_err()
    );
    let mut cyrillic = permit();
    cyrillic.name = permit::mrz_name("Әлиева", &["Гүлнұр"]);
    cyrillic.valid_until = Some(date("2027-11-26"));
    cyrillic.iin = None;
    let bytes = signer.seal(&cyrillic, today, today).unwrap();
    let published = Certificates::from_pem(&format!("{}{}", authority.certificate, issued.certificate)).unwrap();
    let verified = published.verify(&bytes).unwrap();
    assert_eq!(verified.permit.name, "ӘЛИЕВА<<ГҮЛНҰР");
    assert_eq!(verified.permit.valid_until, Some(date("2027-11-26")));
    assert!(verified.demo);
    // Bad inputs are errors, not panics.
    assert!(issue_signer(&authority, "KZ", "rq", 1, today, 3).is_err());
    assert!(issue_signer(&authority, "KZ", "RQ", 0x1000, today, 3).is_err());
    let mut wrong = permit();
    wrong.kind = "visa".into();
    assert!(signer.seal(&wrong, today, today).is_err());
}
