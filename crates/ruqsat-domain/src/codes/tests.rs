//! Tests of the code vocabularies: spelling round trips and unknown codes.

use super::*;

#[test]
fn every_code_round_trips() {
    for code in GroundCode::ALL {
        assert_eq!(code.as_str().parse::<GroundCode>().unwrap(), *code);
        assert!(!code.source().is_empty());
    }
    for code in DocumentType::ALL {
        assert_eq!(code.as_str().parse::<DocumentType>().unwrap(), *code);
    }
    for code in Category::ALL {
        assert_eq!(code.as_str().parse::<Category>().unwrap(), *code);
    }
}

#[test]
fn catalogue_counts() {
    assert_eq!(Subtype::ALL.len(), 8);
    assert_eq!(CheckCode::ALL.len(), 7);
    assert_eq!(
        GroundCode::ALL
            .iter()
            .filter(|code| code.as_str().starts_with("art49."))
            .count(),
        21
    );
    assert_eq!(
        GroundCode::ALL
            .iter()
            .filter(|code| code.service() == Service::Trp)
            .count(),
        4
    );
}

#[test]
fn unknown_code_lists_the_allowed_ones() {
    let error = "labor".parse::<Subtype>().unwrap_err();
    assert_eq!(error.found, "labor");
    assert!(error.to_string().contains("labour"), "{error}");
}
