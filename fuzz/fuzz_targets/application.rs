//! Fuzz target `application`: any text given to `ruqsat decide` is either rejected with an
//! `InputError` or parsed, decided under the shipped law and rendered, and never panics.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use ruqsat_contract::{DecisionOutput, parse_application, shipped_law};
use ruqsat_domain::decide::{Law, decide};
use ruqsat_i18n::Lang;

/// Built once per process: the law is the same for every input (as in benches/decide.rs).
static LAW: LazyLock<Law> = LazyLock::new(|| shipped_law().expect("invariant: the shipped law loads"));

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(application) = parse_application(json) else {
        return;
    };
    // A missing parameter or calendar year for the date is an answer (`DecideError`), not a crash.
    let Ok(decision) = decide(&application, &LAW) else {
        return;
    };
    // The rendering is part of the contract's output; vary the language cheaply by input.
    let lang = match data.len() % 3 {
        0 => Lang::En,
        1 => Lang::Ru,
        _ => Lang::Kk,
    };
    let output = DecisionOutput::new(&decision, lang);
    serde_json::to_string(&output).expect("invariant: a decision output serializes");
});
