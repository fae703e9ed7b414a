//! Tests of the catalogues: the same messages in every language, and a text for every code.

use std::collections::BTreeSet;

use ruqsat_domain::codes::{Category, CheckCode, DocumentType, GroundCode};

use super::*;

fn message_ids(lang: Lang) -> BTreeSet<String> {
    let mut source = String::new();
    for file in ["decide.ftl", "pages.ftl"] {
        let path = format!("{}/locales/{}/{file}", env!("CARGO_MANIFEST_DIR"), lang.as_str());
        source.push_str(&std::fs::read_to_string(&path).unwrap());
        source.push('\n');
    }
    source
        .lines()
        .filter(|line| line.starts_with(|character: char| character.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[test]
fn every_language_has_every_message() {
    let english = message_ids(Lang::En);
    assert!(english.len() > 200, "{} messages", english.len());
    for lang in [Lang::Kk, Lang::Ru] {
        let ids = message_ids(lang);
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            lang.as_str()
        );
        for id in &english {
            // Fluent drops a message it cannot parse: check that each one loaded. A message with
            // variables reports formatting errors without arguments, which proves it loaded.
            let no_args: Option<&HashMap<String, FluentValue>> = None;
            match LOCALES.lookup_single_language(lang.id(), id, no_args) {
                Ok(_) => {}
                Err(error) => assert!(
                    error.to_string().starts_with("Fluent errors"),
                    "{}: {id}: {error}",
                    lang.as_str()
                ),
            }
        }
    }
}

#[test]
fn every_code_has_a_text_in_every_language() {
    for lang in Lang::ALL {
        for code in GroundCode::ALL {
            assert!(
                has_message(lang, &id_of("ground", code.as_str())),
                "{} {code}",
                lang.as_str()
            );
            assert!(
                !ground_source(lang, *code).contains("Unknown"),
                "{} {code}",
                lang.as_str()
            );
        }
        for document in DocumentType::ALL {
            assert!(
                has_message(lang, &format!("document-{document}")),
                "{} {document}",
                lang.as_str()
            );
        }
        for check in CheckCode::ALL {
            assert!(
                has_message(lang, &id_of("check", check.as_str())),
                "{} {check}",
                lang.as_str()
            );
        }
        for category in Category::ALL {
            assert!(
                has_message(lang, &format!("category-{category}")),
                "{} {category}",
                lang.as_str()
            );
        }
    }
}

#[test]
fn english_sources_are_the_domain_citations() {
    for code in GroundCode::ALL {
        assert_eq!(ground_source(Lang::En, *code), code.source(), "{code}");
    }
}

#[test]
fn kazakh_letters_survive() {
    let title = ground_title(Lang::Kk, GroundCode::Art49_12);
    assert!(
        title.chars().any(|character| "әғқңөұүһі".contains(character)),
        "{title}"
    );
}

#[test]
fn dates_and_amounts_follow_the_language() {
    let day = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    assert_eq!(date(Lang::En, day), "2025-03-20");
    assert_eq!(date(Lang::Ru, day), "20.03.2025");
    assert_eq!(amount(17_300), "17\u{a0}300");
    assert_eq!(amount(300), "300");
    assert_eq!(amount(1_234_567), "1\u{a0}234\u{a0}567");
}

#[test]
fn every_country_code_has_a_name_in_each_language_and_lists_sort_by_that_language() {
    for lang in Lang::ALL {
        let list = countries(lang);
        assert_eq!(list.len(), 249, "{lang:?}");
        for (code, name) in &list {
            assert!(code.parse::<ruqsat_domain::country::CountryCode>().is_ok(), "{code}");
            assert!(!name.is_empty());
            if lang != Lang::En {
                assert!(
                    !name.chars().any(|letter| letter.is_ascii_alphabetic()),
                    "{lang:?} {code}: {name}"
                );
            }
        }
    }
    assert_eq!(country_name(Lang::Kk, "UZB"), Some("Өзбекстан"));
    assert_eq!(country_name(Lang::Ru, "KGZ"), Some("Кыргызстан"));
    assert_eq!(country_name(Lang::En, "DEU"), Some("Germany"));
    assert_eq!(country_name(Lang::En, "ZZZ"), None);
    // Kazakh order: Әзірбайжан comes after every А- name and before Б-.
    let kk = countries(Lang::Kk);
    let at = |code: &str| kk.iter().position(|(known, _)| *known == code).expect("listed");
    assert!(at("AZE") > at("AUS"), "{:?}", &kk[..5]);
    assert!(at("AZE") < at("BEL"));
    let en = countries(Lang::En);
    assert_eq!(en.first().map(|(code, _)| *code), Some("AFG"));
}
