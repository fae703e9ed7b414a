//! The decision engine against GoRules zen-engine (issue 6): the TRP document checklist and the
//! refusal grounds of Appendix 1-1 items 8-9, decided by both for the same generated applications.
//!
//! Generates `CASES` TRP applications from `SEED` (subtypes, citizenships, categories, missing
//! and stray documents, registry answers), prepares each engine's input in advance (Ruqsat: the
//! parsed application; zen: a `Variable` of the facts `trp-decision.json` reads), checks that the
//! answers agree (outcome, set of ground codes, set of missing documents; exits 1 listing the
//! first disagreements otherwise), then times each engine deciding them all on this thread, best
//! of `ROUNDS`. Prints `key value` lines for `bench/peers/decisions.sh`.

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::time::{Duration, Instant};

use ruqsat_contract::{load_law, parse_application};
use ruqsat_domain::decide::decide;
use ruqsat_domain::decision::Outcome;
use ruqsat_domain::ids::check_digit;
use serde_json::{Value, json};
use zen_engine::model::DecisionContent;
use zen_engine::{DecisionEngine, Variable};

const MODEL: &str = include_str!("../../trp-decision.json");

/// The installation's limit of domestic-work TRPs per employer (Law Art. 43-2 p.5, catalogue
/// §13: not confirmed, shipped unset); the zen model's chk.5 row says `>= 3` too.
const DOMESTIC_LIMIT: &str = r#"
[[parameter]]
name = "chk5.domestic_work_trp_limit"
value = 3
in_force_from = "2024-03-24"
source = "benchmark setting"
"#;

const SUBTYPES: [(&str, Option<&str>); 8] = [
    ("family_reunification", Some("family_relation_proof")),
    ("labour", None),
    ("study", Some("study_petition")),
    ("medical_treatment", Some("medical_institution_documents")),
    ("missionary", Some("missionary_certificate")),
    ("business_immigrant", Some("business_immigrant_document")),
    ("trafficking_victim", Some("trafficking_petition")),
    ("prp_applicant", None),
];
const LABOUR_DOCUMENTS: [&str; 6] = [
    "foreign_labour_permit",
    "qualification_certificate",
    "domestic_work_permit",
    "eaeu_labour_contract",
    "secondment_order",
    "journalist_accreditation",
];
const CITIZENSHIPS: [&str; 8] = ["UZB", "CHN", "TUR", "IND", "RUS", "KGZ", "ARM", "BLR"];

fn main() {
    let cases: usize = setting("CASES", 100_000);
    let seed: u64 = setting("SEED", 6);
    let rounds: usize = setting("ROUNDS", 3);

    eprintln!("decisions: generating {cases} TRP applications (seed {seed})");
    let mut random = Random(seed);
    let generated: Vec<Case> = (0..cases).map(|serial| Case::generate(&mut random, serial)).collect();
    let law = load_law(&[("bench override", DOMESTIC_LIMIT)], &[]).expect("the shipped law loads");
    let applications: Vec<_> = generated
        .iter()
        .map(|case| parse_application(&case.contract_json()).expect("a generated application parses"))
        .collect();
    let zen_inputs: Vec<Value> = generated.iter().map(Case::zen_input).collect();

    let model: DecisionContent = serde_json::from_str(MODEL).expect("trp-decision.json is a JDM graph");
    let mut zen = DecisionEngine::default()
        .create_decision(model.into())
        .expect("trp-decision.json is a graph");
    zen.compile();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime starts");

    eprintln!("decisions: comparing the answers");
    let mut disagreements = Vec::new();
    let mut outcomes = [0usize; 3];
    let mut raised: BTreeMap<String, usize> = BTreeMap::new();
    for (index, (application, input)) in applications.iter().zip(&zen_inputs).enumerate() {
        let decision = decide(application, &law).expect("the law covers the generated dates");
        let ours = Answer {
            outcome: decision.outcome.as_str().to_owned(),
            grounds: decision
                .grounds
                .iter()
                .map(|ground| ground.code.as_str().to_owned())
                .collect(),
            missing: decision
                .missing_documents
                .iter()
                .map(|document| document.as_str().to_owned())
                .collect(),
        };
        let response = runtime.block_on(zen.evaluate(input.clone().into()));
        let theirs = Answer::from_zen(&response.expect("zen evaluates the model").result.to_value());
        for code in ours.grounds.iter().chain(&ours.missing) {
            *raised.entry(code.clone()).or_default() += 1;
        }
        match decision.outcome {
            Outcome::Issue => outcomes[0] += 1,
            Outcome::Refuse => outcomes[1] += 1,
            Outcome::NotAccepted | Outcome::Pending => outcomes[2] += 1,
        }
        if ours != theirs {
            disagreements.push(format!(
                "case {index}: ruqsat {ours:?}, zen {theirs:?}\n  input {input}"
            ));
        }
    }
    if !disagreements.is_empty() {
        eprintln!(
            "decisions: the engines disagree on {} of {cases} cases; the first:",
            disagreements.len()
        );
        for line in disagreements.iter().take(5) {
            eprintln!("{line}");
        }
        std::process::exit(1);
    }
    eprintln!(
        "decisions: all {cases} agree (issue {}, refuse {}, not accepted {}); grounds and missing documents: {raised:?}",
        outcomes[0], outcomes[1], outcomes[2]
    );

    let mut ruqsat_best = Duration::MAX;
    let mut zen_best = Duration::MAX;
    for round in 1..=rounds {
        let started = Instant::now();
        for application in &applications {
            let decision = decide(black_box(application), &law).expect("decided above");
            black_box(decision.outcome);
        }
        let ruqsat_elapsed = started.elapsed();

        // Inputs converted before the clock starts: zen consumes its `Variable`.
        let inputs: Vec<Variable> = zen_inputs.iter().map(|input| input.clone().into()).collect();
        let started = Instant::now();
        runtime.block_on(async {
            for input in inputs {
                let response = zen.evaluate(input).await.expect("evaluated above");
                black_box(response.result);
            }
        });
        let zen_elapsed = started.elapsed();
        eprintln!(
            "decisions: round {round}: ruqsat {:.1} ms, zen {:.1} ms",
            ruqsat_elapsed.as_secs_f64() * 1e3,
            zen_elapsed.as_secs_f64() * 1e3
        );
        ruqsat_best = ruqsat_best.min(ruqsat_elapsed);
        zen_best = zen_best.min(zen_elapsed);
    }
    println!("cases {cases}");
    println!("seed {seed}");
    println!("rounds {rounds}");
    println!("issue {}", outcomes[0]);
    println!("refuse {}", outcomes[1]);
    println!("not_accepted {}", outcomes[2]);
    println!("ruqsat_per_second {:.0}", cases as f64 / ruqsat_best.as_secs_f64());
    println!("zen_per_second {:.0}", cases as f64 / zen_best.as_secs_f64());
}

/// What both engines must agree on.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    outcome: String,
    grounds: BTreeSet<String>,
    missing: BTreeSet<String>,
}

impl Answer {
    fn from_zen(result: &Value) -> Answer {
        let strings = |key: &str| -> BTreeSet<String> {
            result[key]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        Answer {
            outcome: result["outcome"].as_str().unwrap_or("(none)").to_owned(),
            grounds: strings("grounds"),
            missing: strings("missingDocuments"),
        }
    }
}

/// One generated TRP application: the facts both engines decide on.
struct Case {
    serial: usize,
    subtype: &'static str,
    citizenship: &'static str,
    categories: Vec<&'static str>,
    host_owns_housing: bool,
    documents: Vec<&'static str>,
    consent: bool,
    /// The applicant's IIN, if stated, and whether the registry found it.
    applicant_iin: Option<(String, bool)>,
    /// Family members: birth date, IIN if stated and whether found.
    family: Vec<(String, Option<(String, bool)>)>,
    illegal_entry: bool,
    wanted: bool,
    unexecuted_obligations: bool,
    court_ban: bool,
    employer_domestic_trps: u32,
    prp_application_exists: bool,
    fingerprints_registered: bool,
}

impl Case {
    /// Mostly complete, clean applications; each document is missing and each adverse registry
    /// answer occurs with a few per cent, so that every outcome and ground occurs.
    fn generate(random: &mut Random, serial: usize) -> Case {
        let (subtype, subtype_document) = SUBTYPES[random.below(SUBTYPES.len())];
        let citizenship = CITIZENSHIPS[random.below(CITIZENSHIPS.len())];
        let mut categories = Vec::new();
        let mut documents = Vec::new();
        for document in ["application_form", "identity_document", "fingerprint_certificate"] {
            if random.chance(97) {
                documents.push(document);
            }
        }
        if random.chance(90) {
            documents.push("medical_insurance");
        }
        let host_owns_housing = random.chance(50);
        if random.chance(if host_owns_housing { 30 } else { 96 }) {
            documents.push("housing_owner_consent");
        }
        if let Some(document) = subtype_document
            && random.chance(95)
        {
            documents.push(document);
        }
        if subtype == "labour" {
            match random.below(20) {
                0 | 1 => categories.push("permit_exempt_labour"),
                2 => categories.push("aifc_worker"),
                3 => {
                    categories.push("aifc_investment_resident");
                    if random.chance(85) {
                        documents.push("aifc_petition");
                    }
                }
                _ => {}
            }
            if random.chance(95) {
                documents.push(LABOUR_DOCUMENTS[random.below(LABOUR_DOCUMENTS.len())]);
            }
        }
        // A document of another subtype now and then: it must not count for this one.
        if random.chance(5) {
            documents.push(["study_petition", "missionary_certificate", "foreign_labour_permit"][random.below(3)]);
        }
        let applicant_iin = random
            .chance(70)
            .then(|| (iin(1990, 5, 1, 3, serial), random.chance(97)));
        let family = (0..random.below(3))
            .map(|member| {
                let birth_date = format!("20{:02}-02-02", 10 + member);
                let stated = random
                    .chance(50)
                    .then(|| (iin(2010 + member, 2, 2, 6, serial), random.chance(95)));
                (birth_date, stated)
            })
            .collect();
        Case {
            serial,
            subtype,
            citizenship,
            categories,
            host_owns_housing,
            documents,
            consent: random.chance(98),
            applicant_iin,
            family,
            illegal_entry: random.chance(2),
            wanted: random.chance(2),
            unexecuted_obligations: random.chance(2),
            court_ban: random.chance(2),
            employer_domestic_trps: random.below(5) as u32,
            prp_application_exists: random.chance(85),
            fingerprints_registered: random.chance(97),
        }
    }

    /// The application as the JSON of `ruqsat decide` (docs/CONTRACT.md).
    fn contract_json(&self) -> String {
        let family: Vec<Value> = self
            .family
            .iter()
            .enumerate()
            .map(|(index, (birth_date, iin))| {
                json!({
                    "surname": "TESTOVA", "given_name": format!("CHILD{index}"), "birth_date": birth_date,
                    "sex": "female", "citizenship": self.citizenship, "relation": "child",
                    "iin": iin.as_ref().map(|(number, _)| number),
                    "passport": {"number": format!("FB{:07}", self.serial * 3 + index), "issued_on": "2021-01-01", "expires_on": "2031-01-01"}
                })
            })
            .collect();
        let family_found: Vec<bool> = self
            .family
            .iter()
            .map(|(_, iin)| iin.as_ref().is_none_or(|(_, found)| *found))
            .collect();
        let documents: Vec<Value> = self
            .documents
            .iter()
            .map(|document| json!({"type": document}))
            .collect();
        json!({
            "service": "trp", "subtype": self.subtype, "channel": "desk",
            "submitted_at": "2025-03-20T10:15:00+05:00",
            "applicant": {
                "surname": "TESTOV", "given_name": format!("DEMO{}", self.serial), "patronymic": null,
                "birth_date": "1990-05-01", "sex": "male", "citizenship": self.citizenship,
                "iin": self.applicant_iin.as_ref().map(|(number, _)| number),
                "passport": {"number": format!("FA{:07}", self.serial), "issued_on": "2020-01-01", "expires_on": "2030-01-01"},
                "categories": self.categories
            },
            "family_members": family,
            "host": {"kind": "legal_entity", "bin": "200140000014", "owns_housing": self.host_owns_housing},
            "requested_period": {"from": "2025-04-01", "to": "2026-03-31"},
            "documents": documents,
            "consent_to_restricted_data": self.consent,
            "stay_permitted_until": "2025-04-15",
            "registry": {
                "iin_found": {"applicant": self.applicant_iin.as_ref().is_none_or(|(_, found)| *found), "family": family_found},
                "border": {"illegal_entry": self.illegal_entry},
                "criminal": {"wanted": self.wanted, "unexpunged_conviction": false,
                             "unexecuted_obligations": self.unexecuted_obligations,
                             "court_ban_on_service": self.court_ban, "released_from_prison_nonresident": false},
                "admin_offences": [],
                "employer_domestic_trps": self.employer_domestic_trps,
                "prp_application_exists": self.prp_application_exists,
                "fingerprints_registered": self.fingerprints_registered,
                "expelled_on": null,
                "security_flags": []
            },
            "findings": []
        })
        .to_string()
    }

    /// The facts `trp-decision.json` reads.
    fn zen_input(&self) -> Value {
        let iin = |stated: &Option<(String, bool)>| match stated {
            Some((_, found)) => json!({"iinStated": true, "iinFound": found}),
            None => json!({"iinStated": false, "iinFound": false}),
        };
        json!({
            "subtype": self.subtype,
            "citizenship": self.citizenship,
            "categories": self.categories,
            "hostOwnsHousing": self.host_owns_housing,
            "documents": self.documents,
            "consentToRestrictedData": self.consent,
            "applicant": iin(&self.applicant_iin),
            "family": self.family.iter().map(|(_, stated)| iin(stated)).collect::<Vec<_>>(),
            "registry": {
                "illegalEntry": self.illegal_entry,
                "wanted": self.wanted,
                "unexecutedObligations": self.unexecuted_obligations,
                "courtBan": self.court_ban,
                "employerDomesticTrps": self.employer_domestic_trps,
                "prpApplicationExists": self.prp_application_exists,
                "fingerprintsRegistered": self.fingerprints_registered
            }
        })
    }
}

/// A valid IIN for a birth date (century-and-sex digit `century`), the serial taken from `serial`:
/// serials whose check digit cannot be computed are skipped, as they are never issued.
fn iin(year: usize, month: u32, day: u32, century: u8, serial: usize) -> String {
    let mut digits = [0u8; 11];
    let date = format!("{:02}{month:02}{day:02}", year % 100);
    for (slot, byte) in digits.iter_mut().zip(date.bytes()) {
        *slot = byte - b'0';
    }
    digits[6] = century;
    for candidate in serial.. {
        let number = candidate % 10_000;
        for (position, slot) in digits[7..].iter_mut().enumerate() {
            *slot = (number / 10usize.pow(3 - position as u32) % 10) as u8;
        }
        if let Some(check) = check_digit(&digits) {
            return digits
                .iter()
                .chain([&check])
                .map(|digit| char::from(b'0' + digit))
                .collect();
        }
    }
    unreachable!("some serial has a check digit")
}

/// SplitMix64: a small seeded generator, so that a run is reproducible from its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a valid value")),
        Err(_) => default,
    }
}
