//! The pages speak kk, ru and en: every message id the pages use, literally or built from a
//! code, exists in every language's own catalogue (no fallback, no untranslated key).

use ruqsat_domain::case::CaseState;
use ruqsat_domain::codes::{Channel, CheckCode, DocumentType, Relation, Subtype};
use ruqsat_i18n::{Lang, has_message};

const SOURCES: [&str; 8] = [
    include_str!("dashboard.rs"),
    include_str!("revocations.rs"),
    include_str!("../pages.rs"),
    include_str!("public.rs"),
    include_str!("cases.rs"),
    include_str!("intake.rs"),
    include_str!("printing.rs"),
    include_str!("../../static/ruqsat.js"),
];

/// String literals of the page sources that look like message ids (`word-word`).
fn literal_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for source in SOURCES {
        for (index, piece) in source.split('"').enumerate() {
            let looks_like_id = index % 2 == 1
                && piece.contains('-')
                && piece.starts_with(|character: char| character.is_ascii_lowercase())
                && piece.chars().all(|character| {
                    character.is_ascii_lowercase() || character.is_ascii_digit() || "-_".contains(character)
                });
            if looks_like_id {
                ids.push(piece.to_owned());
            }
        }
    }
    ids
}

/// Literals that look like ids but are CSS classes, HTML ids and attributes, or header values.
const NOT_MESSAGES: [&str; 32] = [
    // The purposes of input of the HTML standard (autocomplete).
    "one-time-code",
    // A class of the status page.
    "digital-share",
    "family-name",
    "given-name",
    "additional-name",
    "address-level1",
    "address-level2",
    "address-line1",
    "receipt-sheet",
    "screen-only",
    "inline-form",
    "failure-detail",
    "due-today",
    "error-summary",
    "one-of",
    "lang-select",
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cache-control",
    "check-",
    "same-origin",
    "no-store",
    "utf-8",
    "current-password",
    "new-password",
    "login-error",
    "demo-banner-note",
    "permit-number",
    "portal-web",
    "case-number",
];

/// Prefixes of HTML ids and attributes (`f-` inputs, `err-` and `h-` their messages and hints).
const NOT_MESSAGE_PREFIXES: [&str; 4] = ["f-", "err-", "h-", "aria-"];

fn is_message(id: &str) -> bool {
    !NOT_MESSAGES.contains(&id) && !NOT_MESSAGE_PREFIXES.iter().any(|prefix| id.starts_with(prefix))
}

/// Ids the pages build from codes (`state-{code}`, `region-{code}`...).
fn built_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for state in CaseState::ALL {
        ids.push(format!("state-{}", state.as_str()));
        for refused in [false, true] {
            ids.push(format!(
                "public-state-{}",
                crate::api::public_state(state.as_str(), refused)
            ));
            ids.push(format!(
                "public-next-{}",
                crate::api::public_state(state.as_str(), refused)
            ));
        }
    }
    for subtype in Subtype::ALL {
        ids.push(format!("subtype-{}", subtype.as_str()));
        ids.push(format!("subtype-{}-help", subtype.as_str()));
    }
    for region in ruqsat_domain::codes::Region::ALL {
        ids.push(format!("region-{}", region.as_str()));
    }
    for relation in Relation::ALL {
        ids.push(format!("relation-{}", relation.as_str()));
    }
    for channel in Channel::ALL {
        ids.push(format!("channel-{}", channel.as_str()));
        ids.push(format!("action-deliver-{}", channel.as_str()));
    }
    for check in CheckCode::ALL {
        ids.push(format!("check-source-{}", check.as_str().replace('.', "-")));
    }
    for document in DocumentType::ALL {
        ids.push(format!("document-{}", document.as_str()));
    }
    for status in ["valid", "revoked", "expired", "not_yet_valid", "unknown"] {
        ids.push(format!("verify-{status}"));
    }
    for result in ["passed", "failed", "not_applicable", "pending"] {
        ids.push(format!("result-{result}"));
    }
    for outcome in ["issue", "refuse", "not_accepted", "pending"] {
        ids.push(format!("outcome-{outcome}"));
    }
    for dimension in ruqsat_cases::reports::DIMENSIONS {
        ids.push(format!("dimension-{dimension}"));
    }
    for outcome in ["open", "revoked"] {
        ids.push(format!("report-outcome-{outcome}"));
    }
    for candidate_state in ["open", "awaiting_signature", "revoked", "dismissed"] {
        ids.push(format!("candidate-state-{candidate_state}"));
    }
    for service in ["trp", "prp"] {
        ids.push(format!("service-{service}"));
    }
    for registry in ruqsat_registries::gather::QUERIED_REGISTRIES {
        ids.push(format!("registry-{registry}"));
    }
    for code in ruqsat_domain::codes::AcceptanceCode::ALL {
        if let Some(id) = code.as_str().strip_prefix("acc.") {
            ids.push(format!("acceptance-{id}"));
        }
    }
    for action in ruqsat_cases::tracker::READS {
        ids.push(format!("tracker-action-{action}"));
    }
    for role in ruqsat_cases::tracker::KNOWN_ROLES.iter().chain(&["staff"]) {
        ids.push(format!("admin-role-{role}"));
    }
    for reason in ruqsat_domain::codes::PauseReason::ALL {
        ids.push(format!("pause-{}", reason.as_str()));
    }
    for body in ruqsat_domain::codes::AppealBody::ALL {
        ids.push(format!("appeal-body-{}", body.as_str()));
    }
    for receiver in ruqsat_store::deliveries::RECEIVERS {
        ids.push(format!("receiver-{receiver}"));
    }
    for kind in ["status", "result"] {
        ids.push(format!("delivery-kind-{kind}"));
    }
    for purpose in ["trp_handover", "prp_reception", "walk_in"] {
        ids.push(format!("equeue-purpose-{purpose}"));
    }
    for state in ["booked", "called", "served", "no_show", "cancelled", "expired"] {
        ids.push(format!("equeue-state-{state}"));
    }
    for what in ["arrived", "served", "no_show"] {
        ids.push(format!("equeue-mark-{what}"));
    }
    for what in [
        "outcome",
        "grounds",
        "missing_documents",
        "invalid_documents",
        "due_at",
        "fee_kzt",
        "valid_until",
        "error",
    ] {
        ids.push(format!("impact-what-{what}"));
    }
    ids
}

#[test]
fn every_message_the_pages_use_exists_in_every_language() {
    let literals = literal_ids();
    assert!(
        literals.len() > 150,
        "only {} ids found: is the scan broken?",
        literals.len()
    );
    let mut missing = Vec::new();
    for id in literals.iter().filter(|id| is_message(id)).chain(built_ids().iter()) {
        for lang in Lang::ALL {
            if !has_message(lang, id) {
                missing.push(format!("{}: {id}", lang.as_str()));
            }
        }
    }
    assert!(missing.is_empty(), "messages missing: {missing:#?}");
}

#[test]
fn the_catalogues_codes_in_an_explanation_are_shown_as_codes() {
    let line = super::coded_line("chk.2 (border): no record (registry.border). Decided 2025-03-20, edition order-219.")
        .into_string();
    assert_eq!(
        line,
        "<code>chk.2</code> (border): no record (<code>registry.border</code>). Decided 2025-03-20, edition order-219."
    );
    // Words ending in letters of more than one byte, and punctuation alone.
    assert_eq!(
        super::coded_line("Заявление (ru) — «ок».").into_string(),
        "Заявление (ru) — «ок»."
    );
    assert_eq!(super::coded_line("( ) .").into_string(), "( ) .");
}
