//! The law files: the shipped copies load, and an installation's override changes a value
//! without a new release.

use ruqsat_contract::{load_law, shipped_law};
use ruqsat_domain::parameters::ParameterName;

fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

#[test]
fn shipped_files_load_and_resolve() {
    let law = shipped_law().unwrap();
    let terms = law.parameters().terms_on(date("2025-03-20")).unwrap();
    assert_eq!(terms.trp_term_working_days, 1);
    assert_eq!(terms.prp_term_calendar_days, 45);
    assert_eq!(terms.domestic_work_trp_limit, None);
    assert_eq!(law.parameters().mci_on(date("2026-05-01")).unwrap().amount_kzt, 4325);
    assert!(law.parameters().mci_on(date("2027-01-01")).is_err());
    assert!(law.parameters().edition_on(date("2024-03-23")).is_err());
    assert_eq!(law.parameters().edition_on(date("2024-03-24")).unwrap().id, "order-219");
    for entry in law.parameters().entries() {
        assert!(!entry.source.is_empty(), "{} has no source", entry.name);
    }
    assert_eq!(ParameterName::ALL.len(), law.parameters().entries().len());
}

#[test]
fn an_override_sets_a_dated_value() {
    let overlay = r#"
[[parameter]]
name = "chk5.domestic_work_trp_limit"
value = 3
in_force_from = "2026-01-01"
source = "test: limit set by the installation"

[[mci]]
amount_kzt = 4500
in_force_from = "2027-01-01"
source = "test"
"#;
    let law = load_law(&[("overlay.toml", overlay)], &[]).unwrap();
    assert_eq!(
        law.parameters()
            .terms_on(date("2025-12-31"))
            .unwrap()
            .domestic_work_trp_limit,
        None
    );
    assert_eq!(
        law.parameters()
            .terms_on(date("2026-01-01"))
            .unwrap()
            .domestic_work_trp_limit,
        Some(3)
    );
    assert_eq!(law.parameters().mci_on(date("2027-02-01")).unwrap().amount_kzt, 4500);
}

#[test]
fn an_override_adds_a_calendar_year() {
    let overlay = r#"
[[year]]
year = 2027
kurban_ait = "2027-05-16"
source = "test: published data"
"#;
    let law = load_law(&[], &[("calendar.toml", overlay)]).unwrap();
    assert!(
        !law.calendar().is_working_day(date("2027-03-15")).unwrap(),
        "Constitution Day from 2027"
    );
    assert!(
        law.calendar().is_working_day(date("2027-05-17")).unwrap(),
        "Kurban Ait on a Sunday does not move"
    );
}

#[test]
fn bad_files_are_rejected_with_the_place() {
    let error = load_law(
        &[(
            "bad.toml",
            "[[parameter]]\nname = \"no.such\"\nvalue = 1\nin_force_from = \"2025-01-01\"\nsource = \"x\"\n",
        )],
        &[],
    )
    .unwrap_err();
    assert!(error.to_string().contains("no.such"), "{error}");
    let error = load_law(
        &[],
        &[(
            "bad.toml",
            "[[year]]\nyear = 2027\nkurban_ait = \"2027-02-30\"\nsource = \"x\"\n",
        )],
    )
    .unwrap_err();
    assert!(error.to_string().contains("2027"), "{error}");
}

#[test]
fn local_time_follows_the_dated_offset() {
    let overlay = r#"
[[parameter]]
name = "time.utc_offset_minutes"
value = 360
in_force_from = "2030-01-01"
source = "test: a made-up change of the time zone"
"#;
    let law = load_law(&[("offset.toml", overlay)], &[]).unwrap();
    let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap().to_utc();
    // 19:30 UTC is the next day in Kazakhstan either way; the offset is the one of its date.
    assert_eq!(
        law.local(at("2029-06-01T19:30:00Z")).to_rfc3339(),
        "2029-06-02T00:30:00+05:00"
    );
    assert_eq!(
        law.local(at("2030-06-01T19:30:00Z")).to_rfc3339(),
        "2030-06-02T01:30:00+06:00"
    );
    assert_eq!(law.local_date(at("2030-06-01T18:30:00Z")), date("2030-06-02"));
    assert_eq!(law.local_date(at("2029-06-01T18:30:00Z")), date("2029-06-01"));
}
