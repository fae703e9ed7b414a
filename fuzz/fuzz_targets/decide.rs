//! Fuzz target `decide`: structure-aware. Most inputs of the `application` target are not JSON or
//! not an application, so the decision engine behind the parser is reached rarely. Here the
//! fuzzer's bytes choose one of the project's example applications and change up to 24 of its
//! fields to values of the right shape (dates of years 0000 to 9999, instants with any offset,
//! every code of each vocabulary, flags, counts, IINs and BINs with a valid check digit, or the
//! field removed or null); the result is parsed, decided under the shipped law and rendered, and
//! nothing may panic.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use ruqsat_contract::{DecisionOutput, parse_application, shipped_law};
use ruqsat_domain::codes::{
    Category, Channel, DocumentType, GroundCode, IdentityDocumentKind, OffenceArea, Presence, Relation, SecurityFlag,
    Service, SexCode, Subtype,
};
use ruqsat_domain::decide::{Law, decide};
use ruqsat_domain::ids::check_digit;
use ruqsat_i18n::Lang;
use serde_json::{Map, Value};

/// Built once per process: the law is the same for every input (as in benches/decide.rs).
static LAW: LazyLock<Law> = LazyLock::new(|| shipped_law().expect("invariant: the shipped law loads"));

/// The starting points: the examples of the repository (obviously fake people).
static SEEDS: LazyLock<Vec<Value>> = LazyLock::new(|| {
    [
        include_str!("../../examples/trp-labour.json"),
        include_str!("../../examples/prp-refuse.json"),
        include_str!("../../examples/trp-portal-incomplete.json"),
        include_str!("../../crates/ruqsat-contract/tests/it/bases/prp.json"),
    ]
    .iter()
    .map(|text| serde_json::from_str(text).expect("invariant: the examples are JSON"))
    .collect()
});

/// What kind of value a field holds.
#[derive(Clone, Copy)]
enum Shape {
    Date,
    Instant,
    Flag,
    Count,
    Amount,
    Text,
    Iin,
    Bin,
    Code(fn() -> Vec<&'static str>),
    Codes(fn() -> Vec<&'static str>),
}

/// The fields changed, as paths: `[]` picks an element of the array (or appends a copy of one).
const FIELDS: &[(&str, Shape)] = &[
    ("service", Shape::Code(|| codes(Service::ALL, Service::as_str))),
    ("subtype", Shape::Code(|| codes(Subtype::ALL, Subtype::as_str))),
    ("channel", Shape::Code(|| codes(Channel::ALL, Channel::as_str))),
    ("presence", Shape::Code(|| codes(Presence::ALL, Presence::as_str))),
    ("submitted_at", Shape::Instant),
    ("decided_on", Shape::Date),
    ("applicant.birth_date", Shape::Date),
    ("applicant.sex", Shape::Code(|| codes(SexCode::ALL, SexCode::as_str))),
    ("applicant.citizenship", Shape::Code(countries)),
    ("applicant.residence_country", Shape::Code(countries)),
    ("applicant.iin", Shape::Iin),
    (
        "applicant.passport.kind",
        Shape::Code(|| codes(IdentityDocumentKind::ALL, IdentityDocumentKind::as_str)),
    ),
    ("applicant.passport.issued_on", Shape::Date),
    ("applicant.passport.expires_on", Shape::Date),
    (
        "applicant.categories",
        Shape::Codes(|| codes(Category::ALL, Category::as_str)),
    ),
    ("applicant.turned_16_in_kazakhstan", Shape::Flag),
    ("applicant.declared_incapable", Shape::Flag),
    ("family_members[].birth_date", Shape::Date),
    (
        "family_members[].relation",
        Shape::Code(|| codes(Relation::ALL, Relation::as_str)),
    ),
    ("family_members[].citizenship", Shape::Code(countries)),
    ("family_members[].iin", Shape::Iin),
    ("family_members[].passport.expires_on", Shape::Date),
    ("host.kind", Shape::Code(|| vec!["individual", "legal_entity"])),
    ("host.iin", Shape::Iin),
    ("host.bin", Shape::Bin),
    ("host.owns_housing", Shape::Flag),
    ("host.identity_document.valid_from", Shape::Date),
    ("host.identity_document.valid_until", Shape::Date),
    ("host.registration_certificate.date", Shape::Date),
    ("requested_period.from", Shape::Date),
    ("requested_period.to", Shape::Date),
    ("contract_ends_on", Shape::Date),
    ("aifc_residence_since", Shape::Date),
    ("principal_permit_valid_until", Shape::Date),
    ("stay_permitted_until", Shape::Date),
    (
        "documents[].type",
        Shape::Code(|| codes(DocumentType::ALL, DocumentType::as_str)),
    ),
    ("documents[].issued_on", Shape::Date),
    ("documents[].valid_until", Shape::Date),
    ("documents[].foreign_language", Shape::Flag),
    ("documents[].notarized_translation", Shape::Flag),
    ("documents[].foreign_official", Shape::Flag),
    ("documents[].legalized", Shape::Flag),
    ("documents[].legalization_exempt", Shape::Flag),
    ("documents[].from_information_system", Shape::Flag),
    ("documents[].bars_entry", Shape::Flag),
    ("consent_to_restricted_data", Shape::Flag),
    ("liability_warning_signed", Shape::Flag),
    ("late_acceptance.downtime_act", Shape::Flag),
    ("late_acceptance.art517_liability", Shape::Flag),
    ("registry.iin_found.applicant", Shape::Flag),
    ("registry.border.illegal_entry", Shape::Flag),
    ("registry.criminal.wanted", Shape::Flag),
    ("registry.criminal.unexpunged_conviction", Shape::Flag),
    ("registry.criminal.unexecuted_obligations", Shape::Flag),
    ("registry.criminal.court_ban_on_service", Shape::Flag),
    ("registry.criminal.released_from_prison_nonresident", Shape::Flag),
    (
        "registry.admin_offences[].area",
        Shape::Code(|| codes(OffenceArea::ALL, OffenceArea::as_str)),
    ),
    ("registry.admin_offences[].on", Shape::Date),
    ("registry.employer_domestic_trps", Shape::Count),
    ("registry.prp_application_exists", Shape::Flag),
    ("registry.fingerprints_registered", Shape::Flag),
    ("registry.expelled_on", Shape::Date),
    (
        "registry.security_flags",
        Shape::Codes(|| codes(SecurityFlag::ALL, SecurityFlag::as_str)),
    ),
    ("registry.citizenship_lost_art21", Shape::Flag),
    ("registry.citizenship_deprived_art20_1", Shape::Flag),
    ("registry.marriage_annulled", Shape::Flag),
    ("registry.duty_payment.amount_kzt", Shape::Amount),
    ("registry.duty_payment.paid_on", Shape::Date),
    (
        "findings[].ground",
        Shape::Code(|| codes(GroundCode::ALL, GroundCode::as_str)),
    ),
    ("findings[].note", Shape::Text),
    ("language", Shape::Code(|| vec!["kk", "ru", "en"])),
];

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok(application) = generate(&mut input) else {
        return;
    };
    let json = application.to_string();
    let Ok(application) = parse_application(&json) else {
        return;
    };
    // A missing parameter or calendar year for the date is an answer (`DecideError`), not a crash.
    let Ok(decision) = decide(&application, &LAW) else {
        return;
    };
    let lang = match data.first().map_or(0, |byte| byte % 3) {
        0 => Lang::En,
        1 => Lang::Ru,
        _ => Lang::Kk,
    };
    let output = DecisionOutput::new(&decision, lang);
    serde_json::to_string(&output).expect("invariant: a decision output serializes");
});

fn generate(input: &mut Unstructured<'_>) -> Result<Value> {
    let mut application = input.choose(&SEEDS)?.clone();
    for _ in 0..input.int_in_range(1..=24)? {
        if input.is_empty() {
            break;
        }
        let (path, shape) = *input.choose(FIELDS)?;
        let segments: Vec<&str> = path.split('.').collect();
        match input.int_in_range(0..=15u8)? {
            14 => remove(&mut application, &segments, input)?,
            15 => set(&mut application, &segments, Value::Null, input)?,
            _ => {
                let value = value(shape, input)?;
                set(&mut application, &segments, value, input)?;
            }
        }
    }
    // One registry answer per family member, as the contract requires, unless the fuzzer says not.
    if input.arbitrary::<bool>()? {
        let members = application["family_members"].as_array().map_or(0, Vec::len);
        if let Some(found) = application["registry"]["iin_found"].as_object_mut() {
            let mut family = Vec::with_capacity(members);
            for _ in 0..members {
                family.push(Value::Bool(input.arbitrary()?));
            }
            found.insert("family".into(), Value::Array(family));
        }
    }
    Ok(application)
}

/// A minimal valid element of the array `name`, for an application that has none.
fn element(name: &str) -> Value {
    match name {
        "documents" => serde_json::json!({"type": DocumentType::Passport.as_str()}),
        "findings" => serde_json::json!({"ground": GroundCode::ALL[0].as_str(), "note": "Reasoning of the officer"}),
        "admin_offences" => serde_json::json!({"area": OffenceArea::ALL[0].as_str(), "on": "2024-06-01"}),
        "family_members" => serde_json::json!({
            "surname": "TESTOVA", "given_name": "SAMPLE", "birth_date": "2012-02-02", "sex": "female",
            "citizenship": "UZB", "relation": "child",
            "passport": {"number": "FA0000002", "issued_on": "2020-01-01", "expires_on": "2030-01-01"}
        }),
        _ => Value::Object(Map::new()),
    }
}

fn codes<T>(all: &'static [T], as_str: fn(&T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(as_str).collect()
}

fn countries() -> Vec<&'static str> {
    vec![
        "UZB", "KAZ", "CHN", "RUS", "BLR", "ARM", "KGZ", "TJK", "DEU", "XXA", "uzb", "ZZ",
    ]
}

fn value(shape: Shape, input: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match shape {
        Shape::Date => Value::String(date(input)?),
        Shape::Instant => {
            let offset = match input.int_in_range(0..=3u8)? {
                0 => "Z".to_owned(),
                1 => "+05:00".to_owned(),
                _ => {
                    let sign = if input.arbitrary()? { '+' } else { '-' };
                    format!(
                        "{sign}{:02}:{:02}",
                        input.int_in_range(0..=23u8)?,
                        input.int_in_range(0..=59u8)?
                    )
                }
            };
            Value::String(format!(
                "{}T{:02}:{:02}:{:02}{offset}",
                date(input)?,
                input.int_in_range(0..=23u8)?,
                input.int_in_range(0..=59u8)?,
                input.int_in_range(0..=60u8)?,
            ))
        }
        Shape::Flag => Value::Bool(input.arbitrary()?),
        Shape::Count => Value::from(input.arbitrary::<u32>()?),
        Shape::Amount => Value::from(input.arbitrary::<u64>()?),
        Shape::Text => Value::String(input.arbitrary()?),
        Shape::Iin => Value::String(iin(input)?),
        Shape::Bin => Value::String(bin(input)?),
        Shape::Code(all) => Value::String((*input.choose(&all())?).to_owned()),
        Shape::Codes(all) => {
            let all = all();
            let mut chosen = Vec::new();
            for _ in 0..input.int_in_range(0..=4u8)? {
                chosen.push(Value::String((*input.choose(&all)?).to_owned()));
            }
            Value::Array(chosen)
        }
    })
}

/// A date as `YYYY-MM-DD`: mostly around the years the law covers, sometimes any year, sometimes
/// a day that does not exist.
fn date(input: &mut Unstructured<'_>) -> Result<String> {
    let year = match input.int_in_range(0..=3u8)? {
        0 => input.int_in_range(0..=9999u16)?,
        1 => input.int_in_range(1900..=2100u16)?,
        _ => input.int_in_range(2023..=2029u16)?,
    };
    let month = input.int_in_range(1..=12u8)?;
    let day = match input.int_in_range(0..=7u8)? {
        0 => input.int_in_range(29..=31u8)?,
        _ => input.int_in_range(1..=28u8)?,
    };
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// An IIN with a well-formed birth date and a valid check digit (or a near miss).
fn iin(input: &mut Unstructured<'_>) -> Result<String> {
    let mut digits = [0u8; 11];
    let year = input.int_in_range(0..=99u8)?;
    let month = input.int_in_range(1..=12u8)?;
    let day = input.int_in_range(1..=31u8)?;
    digits[..6].copy_from_slice(&[year / 10, year % 10, month / 10, month % 10, day / 10, day % 10]);
    digits[6] = input.int_in_range(0..=9u8)?;
    for digit in &mut digits[7..] {
        *digit = input.int_in_range(0..=9u8)?;
    }
    Ok(with_check_digit(digits))
}

/// A BIN with a plausible month, entity type and unit kind and a valid check digit.
fn bin(input: &mut Unstructured<'_>) -> Result<String> {
    let mut digits = [0u8; 11];
    let year = input.int_in_range(0..=99u8)?;
    let month = input.int_in_range(0..=13u8)?;
    digits[..4].copy_from_slice(&[year / 10, year % 10, month / 10, month % 10]);
    digits[4] = input.int_in_range(3..=7u8)?;
    digits[5] = input.int_in_range(0..=4u8)?;
    for digit in &mut digits[6..] {
        *digit = input.int_in_range(0..=9u8)?;
    }
    Ok(with_check_digit(digits))
}

fn with_check_digit(first_eleven: [u8; 11]) -> String {
    let check = check_digit(&first_eleven).unwrap_or(0);
    first_eleven
        .iter()
        .chain(std::iter::once(&check))
        .map(|digit| char::from(b'0' + digit))
        .collect()
}

/// Sets the field at `path`, creating the objects on the way.
fn set(root: &mut Value, path: &[&str], value: Value, input: &mut Unstructured<'_>) -> Result<()> {
    let Some(parent) = parent(root, path, input)? else {
        return Ok(());
    };
    let last = path[path.len() - 1];
    parent.insert(last.to_owned(), value);
    Ok(())
}

/// Removes the field at `path`, if it is there.
fn remove(root: &mut Value, path: &[&str], input: &mut Unstructured<'_>) -> Result<()> {
    if let Some(parent) = parent(root, path, input)? {
        parent.remove(path[path.len() - 1]);
    }
    Ok(())
}

/// The object that holds the last segment of `path`; `None` when a value on the way is not an
/// object or an array (the fuzzer put something else there).
fn parent<'a>(
    root: &'a mut Value,
    path: &[&str],
    input: &mut Unstructured<'_>,
) -> Result<Option<&'a mut Map<String, Value>>> {
    let mut current = root;
    for segment in &path[..path.len() - 1] {
        current = match segment.strip_suffix("[]") {
            Some(name) => {
                let Some(object) = current.as_object_mut() else {
                    return Ok(None);
                };
                let array = object.entry(name).or_insert_with(|| Value::Array(Vec::new()));
                let Some(elements) = array.as_array_mut() else {
                    return Ok(None);
                };
                // An existing element, or a copy of one appended (a minimal element if none).
                let index = input.choose_index(elements.len() + 1)?;
                if index == elements.len() {
                    let copy = match elements.first() {
                        Some(first) => first.clone(),
                        None => element(name),
                    };
                    elements.push(copy);
                }
                &mut elements[index]
            }
            None => {
                let Some(object) = current.as_object_mut() else {
                    return Ok(None);
                };
                let child = object.entry(*segment).or_insert_with(|| Value::Object(Map::new()));
                if child.is_null() {
                    *child = Value::Object(Map::new());
                }
                child
            }
        };
    }
    Ok(current.as_object_mut())
}
