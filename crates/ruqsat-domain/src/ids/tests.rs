//! Tests of the IIN and BIN parsers: the catalogue's examples, each rejection, and properties.

use proptest::prelude::*;

use super::*;

fn check_iin(text: &str, expected: Result<(), IdError>) {
    assert_eq!(text.parse::<Iin>().map(|_| ()), expected, "IIN {text}");
}

fn check_bin(text: &str, expected: Result<(), IdError>) {
    assert_eq!(text.parse::<Bin>().map(|_| ()), expected, "BIN {text}");
}

#[test]
fn catalogue_examples_pass() {
    check_iin("791028302728", Ok(()));
    check_iin("061211600012", Ok(()));
    check_bin("940140000385", Ok(()));
    check_bin("990140004654", Ok(()));
}

#[test]
fn iin_rejections_name_the_problem() {
    check_iin("79102830272", Err(IdError::Length(11)));
    check_iin("7910283027289", Err(IdError::Length(13)));
    check_iin("79102830272X", Err(IdError::NotDigit('X')));
    check_iin("７９1028302728", Err(IdError::NotDigit('７')));
    check_iin("791028002728", Err(IdError::CenturyDigit(0)));
    check_iin("791028702728", Err(IdError::CenturyDigit(7)));
    check_iin("790230302728", Err(IdError::BirthDate("790230".into())));
    check_iin("791028302729", Err(IdError::CheckDigit { found: 9, expected: 8 }));
}

#[test]
fn iin_decodes_birth_date_and_sex() {
    let iin: Iin = "061211600012".parse().unwrap();
    assert_eq!(iin.birth_date(), NaiveDate::from_ymd_opt(2006, 12, 11).unwrap());
    assert_eq!(iin.sex(), Sex::Female);
    let iin: Iin = "791028302728".parse().unwrap();
    assert_eq!(iin.birth_date(), NaiveDate::from_ymd_opt(1979, 10, 28).unwrap());
    assert_eq!(iin.sex(), Sex::Male);
}

#[test]
fn bin_rejections_name_the_problem() {
    check_bin("941340000385", Err(IdError::Month(13)));
    check_bin("940170000385", Err(IdError::EntityType(7)));
    check_bin("940144000385", Err(IdError::UnitKind(4)));
    check_bin("940140000386", Err(IdError::CheckDigit { found: 6, expected: 5 }));
}

#[test]
fn never_issued_numbers_are_rejected() {
    // Search the first eleven digits for which both rounds give 10.
    let mut found = None;
    for serial in 0..10_000u32 {
        let text = format!("9001013{serial:04}");
        let mut digits = [0u8; 11];
        for (slot, character) in digits.iter_mut().zip(text.chars()) {
            *slot = character.to_digit(10).unwrap() as u8;
        }
        if check_digit(&digits).is_none() {
            found = Some(text);
            break;
        }
    }
    let first_eleven = found.expect("some serial is never issued");
    check_iin(&format!("{first_eleven}0"), Err(IdError::NeverIssued));
}

fn with_check_digit(first_eleven: [u8; 11]) -> Option<String> {
    let check = check_digit(&first_eleven)?;
    Some(
        first_eleven
            .iter()
            .chain(std::iter::once(&check))
            .map(|d| char::from(b'0' + d))
            .collect(),
    )
}

prop_compose! {
    fn any_iin()(date in 0i64..73_000, century_sex in 1u8..=6, serial in 0u16..10_000) -> Option<String> {
        let base = match century_sex { 1 | 2 => 1800, 3 | 4 => 1900, _ => 2000 };
        let first = NaiveDate::from_ymd_opt(base, 1, 1).unwrap();
        let birth = first + chrono::Days::new((date % 36_500) as u64);
        if birth.format("%Y").to_string()[..2] != first.format("%Y").to_string()[..2] { return None; }
        let text = format!("{}{century_sex}{serial:04}", birth.format("%y%m%d"));
        let mut digits = [0u8; 11];
        for (slot, character) in digits.iter_mut().zip(text.chars()) { *slot = character.to_digit(10).unwrap() as u8; }
        with_check_digit(digits)
    }
}

prop_compose! {
    fn any_bin()(year in 0u8..100, month in 1u8..=12, entity in 4u8..=6, unit in 0u8..=3, serial in 0u32..100_000) -> Option<String> {
        let text = format!("{year:02}{month:02}{entity}{unit}{serial:05}");
        let mut digits = [0u8; 11];
        for (slot, character) in digits.iter_mut().zip(text.chars()) { *slot = character.to_digit(10).unwrap() as u8; }
        with_check_digit(digits)
    }
}

proptest! {
    #[test]
    fn iin_round_trips(text in any_iin()) {
        if let Some(text) = text {
            let iin: Iin = text.parse().unwrap();
            prop_assert_eq!(iin.to_string(), text);
        }
    }

    #[test]
    fn iin_with_another_check_digit_is_rejected(text in any_iin(), other in 0u8..10) {
        if let Some(text) = text {
            let actual = text.as_bytes()[11] - b'0';
            prop_assume!(other != actual);
            let changed = format!("{}{other}", &text[..11]);
            let is_check_digit_error = matches!(changed.parse::<Iin>(), Err(IdError::CheckDigit { .. }));
            prop_assert!(is_check_digit_error);
        }
    }

    #[test]
    fn bin_round_trips(text in any_bin()) {
        if let Some(text) = text {
            let bin: Bin = text.parse().unwrap();
            prop_assert_eq!(bin.to_string(), text);
        }
    }

    #[test]
    fn bin_with_another_check_digit_is_rejected(text in any_bin(), other in 0u8..10) {
        if let Some(text) = text {
            let actual = text.as_bytes()[11] - b'0';
            prop_assume!(other != actual);
            let changed = format!("{}{other}", &text[..11]);
            let is_check_digit_error = matches!(changed.parse::<Bin>(), Err(IdError::CheckDigit { .. }));
            prop_assert!(is_check_digit_error);
        }
    }

    #[test]
    fn parsers_never_panic(text in "\\PC{0,16}") {
        let _ = text.parse::<Iin>();
        let _ = text.parse::<Bin>();
    }
}
