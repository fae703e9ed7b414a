//! Tests of the country-code parser and the EAEU group.

use super::*;

fn check(text: &str, expected: Result<&str, CountryCodeError>) {
    assert_eq!(
        text.parse::<CountryCode>().as_ref().map(CountryCode::as_str),
        expected.as_deref()
    );
}

#[test]
fn parses_assigned_codes_only() {
    check("UZB", Ok("UZB"));
    check("KAZ", Ok("KAZ"));
    check("uzb", Err(CountryCodeError::Shape("uzb".into())));
    check("UZ", Err(CountryCodeError::Shape("UZ".into())));
    check("XXX", Err(CountryCodeError::Unknown("XXX".into())));
}

#[test]
fn eaeu_partners() {
    for code in ["ARM", "BLR", "KGZ", "RUS"] {
        assert!(code.parse::<CountryCode>().unwrap().is_eaeu_partner(), "{code}");
    }
    for code in ["KAZ", "UZB", "CHN", "TJK"] {
        assert!(!code.parse::<CountryCode>().unwrap().is_eaeu_partner(), "{code}");
    }
}
