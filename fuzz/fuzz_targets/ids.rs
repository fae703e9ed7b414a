//! Fuzz target `ids`: the IIN and BIN parsers never panic, whatever they accept displays as the
//! same 12 digits it was parsed from, and the accessors of a parsed number never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ruqsat_domain::ids::{Bin, Iin, Sex};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(iin) = text.parse::<Iin>() {
        assert_eq!(
            iin.to_string(),
            text,
            "an IIN displays as the digits it was parsed from"
        );
        assert!(text.bytes().all(|byte| byte.is_ascii_digit()) && text.len() == 12);
        let birth_date = iin.birth_date();
        let sex = iin.sex();
        // The seventh digit encodes both the century and the sex (1, 3, 5 male; 2, 4, 6 female).
        let seventh = text.as_bytes()[6] - b'0';
        assert_eq!(sex == Sex::Male, seventh % 2 == 1);
        assert_eq!(birth_date.format("%y%m%d").to_string(), text[..6]);
        assert_eq!(text.parse::<Iin>(), Ok(iin), "parsing is deterministic");
    }
    if let Ok(bin) = text.parse::<Bin>() {
        assert_eq!(bin.to_string(), text, "a BIN displays as the digits it was parsed from");
        assert!(text.bytes().all(|byte| byte.is_ascii_digit()) && text.len() == 12);
        let (year, month) = bin.registered();
        assert!(year <= 99 && (1..=12).contains(&month));
        let _ = bin.entity_type();
    }
    // `Deserialize` goes through the same parsers (STYLE rule 7): a JSON string must agree.
    if let Ok(json) = serde_json::to_string(text) {
        let from_json: Result<Iin, _> = serde_json::from_str(&json);
        assert_eq!(from_json.is_ok(), text.parse::<Iin>().is_ok());
        let from_json: Result<Bin, _> = serde_json::from_str(&json);
        assert_eq!(from_json.is_ok(), text.parse::<Bin>().is_ok());
    }
});
