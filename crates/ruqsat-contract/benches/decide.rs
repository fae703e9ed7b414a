//! Benchmark of the decision engine (issue 2 target: at least 1,000,000 decisions per second
//! per core): a parsed application in, a decision with its structured explanation out. Also
//! measured: rendering the explanation into English words, and the whole JSON contract.
//!
//! Run: `cargo bench -p ruqsat-contract --bench decide` (see bench/README.md).

use divan::{Bencher, black_box};
use ruqsat_contract::{DecisionOutput, parse_application, shipped_law};
use ruqsat_domain::decide::decide;
use ruqsat_i18n::Lang;

const TRP: &str = include_str!("../tests/it/bases/trp.json");
const PRP: &str = include_str!("../tests/it/bases/prp.json");
const PRP_REFUSE: &str = include_str!("../../../examples/prp-refuse.json");

fn main() {
    divan::main();
}

/// The benchmarked cases by name: a complete labour TRP issued, a clean PRP issued, a PRP
/// refused on two grounds.
fn case(name: &str) -> &'static str {
    match name {
        "trp_issue" => TRP,
        "prp_issue" => PRP,
        "prp_refuse" => PRP_REFUSE,
        other => panic!("no benchmark case {other}"),
    }
}

#[divan::bench(args = ["trp_issue", "prp_issue", "prp_refuse"])]
fn decide_parsed(bencher: Bencher, name: &str) {
    let json = case(name);
    let law = shipped_law().unwrap();
    let application = parse_application(json).unwrap();
    bencher.bench_local(|| {
        let decision = decide(black_box(&application), &law).unwrap();
        black_box(decision.explanation.len())
    });
}

#[divan::bench(args = ["trp_issue", "prp_refuse"])]
fn decide_and_render_english(bencher: Bencher, name: &str) {
    let json = case(name);
    let law = shipped_law().unwrap();
    let application = parse_application(json).unwrap();
    bencher.bench_local(|| {
        let decision = decide(black_box(&application), &law).unwrap();
        black_box(DecisionOutput::new(&decision, Lang::En))
    });
}

#[divan::bench(args = ["trp_issue", "prp_refuse"])]
fn json_in_json_out(bencher: Bencher, name: &str) {
    let json = case(name);
    let law = shipped_law().unwrap();
    bencher.bench_local(|| {
        let application = parse_application(black_box(json)).unwrap();
        let decision = decide(&application, &law).unwrap();
        black_box(serde_json::to_string(&DecisionOutput::new(&decision, Lang::En)).unwrap())
    });
}
