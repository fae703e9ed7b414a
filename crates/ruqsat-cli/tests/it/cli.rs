//! The command line as a user meets it: exit codes, stdout and stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn ruqsat(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ruqsat"))
        .args(args)
        .current_dir(repository())
        .env_remove("RUQSAT_PARAMETERS")
        .env_remove("RUQSAT_CALENDAR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// The audit key `ruqsat` created beside a SQLite database.
fn installation_key(database: &str) -> ruqsat_store::AuditKey {
    let file = database.trim_start_matches("sqlite://");
    ruqsat_store::AuditKey::from_hex(&std::fs::read_to_string(format!("{file}.audit-key")).unwrap()).unwrap()
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(repository().join("examples").join(name)).unwrap()
}

fn check_rejected(json: &str, field: &str) {
    let output = ruqsat(&["decide", "-"], Some(json));
    assert_eq!(output.status.code(), Some(2), "stderr: {}", text(&output.stderr));
    assert!(
        output.stdout.is_empty(),
        "no decision is printed: {}",
        text(&output.stdout)
    );
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with(&format!("error: {field}:")), "{stderr}");
}

#[test]
fn decide_prints_the_contract_fields() {
    let output = ruqsat(&["decide", "examples/trp-labour.json"], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let decision: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for field in [
        "outcome",
        "not_accepted_reasons",
        "missing_documents",
        "invalid_documents",
        "grounds",
        "checks",
        "due_at",
        "fee_kzt",
        "permit",
        "explanation",
    ] {
        assert!(decision.get(field).is_some(), "missing {field}");
    }
    assert_eq!(decision["outcome"], "issue");
    assert_eq!(decision["due_at"], "2025-03-26T18:30:00+05:00");
    assert_eq!(
        decision["permit"],
        serde_json::json!({"valid_from": "2025-04-01", "valid_until": "2026-01-31"})
    );
    let checks: Vec<_> = decision["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|check| check["code"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["chk.1", "chk.2", "chk.3", "chk.4", "chk.5", "chk.6", "chk.7"]);
}

#[test]
fn decide_reads_standard_input_and_speaks_kazakh() {
    let output = ruqsat(&["decide", "--lang", "kk", "-"], Some(&example("prp-refuse.json")));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let decision: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(decision["outcome"], "refuse");
    let grounds: Vec<_> = decision["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ground| ground["code"].as_str().unwrap())
        .collect();
    assert_eq!(grounds, ["art49.13", "art49.17"]);
    let explanation = decision["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect::<String>();
    assert!(explanation.contains("шығарып жіберілген"), "{explanation}");
    assert!(decision["grounds"][0]["source"].as_str().unwrap().contains("49-бап"));
}

#[test]
fn decide_rejects_unreadable_input_naming_the_field() {
    let base = example("trp-labour.json");
    check_rejected(&base.replace("\"900501300001\"", "\"900501300002\""), "applicant.iin");
    check_rejected(
        &base.replace("\"1990-05-01\"", "\"1990-02-30\""),
        "applicant.birth_date",
    );
    check_rejected(&base.replace("\"labour\"", "\"labor\""), "subtype");
    check_rejected(
        &base.replace("\"foreign_labour_permit\"", "\"work_visa\""),
        "documents[5].type",
    );
    check_rejected("this is not JSON", "input");
    check_rejected("", "input");
}

#[test]
fn decide_of_a_missing_file_is_an_input_error() {
    let output = ruqsat(&["decide", "no/such/file.json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no/such/file.json"));
}

#[test]
fn decide_rejects_an_unknown_language() {
    let output = ruqsat(&["decide", "--lang", "de", "examples/trp-labour.json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("kk, ru, en"), "{}", text(&output.stderr));
}

#[test]
fn calendar_prints_the_days_off() {
    let output = ruqsat(&["calendar", "2025"], None);
    assert_eq!(output.status.code(), Some(0));
    let calendar: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(calendar["year"], 2025);
    let days = calendar["days_off"].as_array().unwrap();
    assert_eq!(
        &days[..5],
        &["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-07"].map(serde_json::Value::from)
    );
    assert!(
        days.windows(2).all(|pair| pair[0].as_str() < pair[1].as_str()),
        "ascending"
    );
    assert!(
        text(&output.stdout).starts_with("{\"year\":2025,\"days_off\":["),
        "the contract's field order"
    );
}

#[test]
fn calendar_of_a_year_without_data_exits_2() {
    for year in ["2027", "2023"] {
        let output = ruqsat(&["calendar", year], None);
        assert_eq!(output.status.code(), Some(2), "{year}");
        assert!(output.stdout.is_empty());
        assert!(text(&output.stderr).contains(year));
    }
}

#[test]
fn an_installation_file_overrides_a_parameter() {
    let directory = std::env::temp_dir().join(format!("ruqsat-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let overlay = directory.join("parameters.toml");
    std::fs::write(
        &overlay,
        "[[parameter]]\nname = \"prp.term_calendar_days\"\nvalue = 30\nin_force_from = \"2026-01-01\"\nsource = \"test\"\n",
    )
    .unwrap();
    let output = ruqsat(
        &[
            "--parameters",
            overlay.to_str().unwrap(),
            "decide",
            "examples/prp-refuse.json",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let decision: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(decision["due_at"], "2026-03-12T18:30:00+05:00");
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn help_and_demo_work_for_a_new_user() {
    let output = ruqsat(&["--help"], None);
    assert_eq!(output.status.code(), Some(0));
    let help = text(&output.stdout);
    for word in ["decide", "calendar", "demo", "Exit codes"] {
        assert!(help.contains(word), "{help}");
    }
    let output = ruqsat(&["demo"], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let demo = text(&output.stdout);
    assert!(demo.contains("examples/trp-labour.json: issue"), "{demo}");
    assert!(demo.contains("examples/prp-refuse.json: refuse"), "{demo}");
    assert!(
        demo.contains("examples/trp-portal-incomplete.json: not_accepted"),
        "{demo}"
    );
}

#[test]
fn the_openapi_document_is_printed() {
    let output = ruqsat(&["openapi"], None);
    assert_eq!(output.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
}

#[test]
fn a_configuration_file_is_read_and_checked() {
    let directory = std::env::temp_dir().join(format!("ruqsat-config-test-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let config = directory.join("ruqsat.toml");
    std::fs::write(&config, "listen = \"127.0.0.1:8080\"\nunknown_key = 1\n").unwrap();
    let output = ruqsat(&["serve", "--config", config.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("unknown_key"), "{}", text(&output.stderr));
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn crossings_import_reports_bad_rows_and_stores_good_ones_once() {
    let dir = std::env::temp_dir().join(format!("ruqsat-crossings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("feed.csv");
    std::fs::write(
        &feed,
        "crossing_id,iin,passport,direction,at,checkpoint\n\
         c1,,TJ0000001,exit,2026-01-05T08:15:00+05:00,Khorgos\n\
         c2,,TJ0000001,entry,not a time,Khorgos\n\
         c3,,TJ0000001,entry,2026-02-05T08:15:00,Khorgos\n\
         c4,,,exit,2026-03-05T08:15:00,Khorgos\n",
    )
    .unwrap();
    let database = format!("sqlite://{}", dir.join("crossings.db").display());
    let feed_arg = feed.to_str().unwrap();
    for (round, new) in [(1, 2), (2, 0)] {
        let output = ruqsat(&["crossings", "import", feed_arg, "--database", &database], None);
        assert_eq!(output.status.code(), Some(3), "round {round}: {}", text(&output.stderr));
        let stdout = text(&output.stdout);
        assert!(
            stdout.contains(&format!(
                "2 crossings taken ({new} new, {} already stored), 2 rejected",
                2 - new
            )),
            "round {round}: {stdout}"
        );
        let rejects = std::fs::read_to_string(dir.join("feed.csv.rejects.csv")).unwrap();
        let lines: Vec<&str> = rejects.lines().map(|line| line.split(',').next().unwrap()).collect();
        assert_eq!(lines, ["line", "3", "5"], "{rejects}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_generated_feed_is_the_same_for_the_same_seed_and_imports_cleanly() {
    let dir = std::env::temp_dir().join(format!("ruqsat-generate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (first, second, other) = (dir.join("a.csv"), dir.join("b.csv"), dir.join("c.jsonl"));
    for (path, seed) in [(&first, "7"), (&second, "7"), (&other, "8")] {
        let output = ruqsat(
            &[
                "crossings",
                "generate",
                "--out",
                path.to_str().unwrap(),
                "--holders",
                "50",
                "--per-holder",
                "6",
                "--seed",
                seed,
            ],
            None,
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    let database = format!("sqlite://{}", dir.join("generated.db").display());
    for path in [&first, &other] {
        let output = ruqsat(
            &["crossings", "import", path.to_str().unwrap(), "--database", &database],
            None,
        );
        assert!(output.status.success(), "{}", text(&output.stdout));
        assert!(text(&output.stdout).contains("300 crossings taken (300 new, 0 already stored), 0 rejected"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A feed of several batches (the rows are checked on one thread while the batch before is
/// stored): every good row stored once, a bad row in the middle rejected with its line, a row
/// sent twice in the file counted as already stored.
#[test]
fn a_feed_of_several_batches_is_stored_whole_with_its_rejects_by_line() {
    let dir = std::env::temp_dir().join(format!("ruqsat-batches-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let generated = dir.join("generated.csv");
    let output = ruqsat(
        &[
            "crossings",
            "generate",
            "--out",
            generated.to_str().unwrap(),
            "--holders",
            "12000",
            "--per-holder",
            "10",
            "--seed",
            "3",
        ],
        None,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let text_feed = std::fs::read_to_string(&generated).unwrap();
    let mut lines: Vec<&str> = text_feed.lines().collect();
    assert_eq!(lines.len(), 120_001);
    let first_row = lines[1].to_owned();
    // Line 70,001 of the file: past the first batch of 50,000.
    lines.insert(70_000, "bad,,TJ0000001,sideways,2026-01-05T08:15:00,Khorgos");
    lines.push(&first_row);
    let feed = dir.join("feed.csv");
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    let database = format!("sqlite://{}", dir.join("batches.db").display());
    let output = ruqsat(
        &["crossings", "import", feed.to_str().unwrap(), "--database", &database],
        None,
    );
    assert_eq!(output.status.code(), Some(3), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("120001 crossings taken (120000 new, 1 already stored), 1 rejected"),
        "{}",
        text(&output.stdout)
    );
    let rejects = std::fs::read_to_string(dir.join("feed.csv.rejects.csv")).unwrap();
    let rejected: Vec<&str> = rejects.lines().map(|line| line.split(',').next().unwrap()).collect();
    assert_eq!(rejected, ["line", "70001"], "{rejects}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Starts `ruqsat serve --demo` on `database` until it has seeded the demo cases, then stops it.
fn seed_demo(database: &str) {
    use std::io::BufRead as _;
    let mut server = Command::new(env!("CARGO_BIN_EXE_ruqsat"))
        .args(["serve", "--demo", "--database", database, "--listen", "127.0.0.1:0"])
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    for line in stdout.lines() {
        if line.unwrap().starts_with("Ruqsat listens") {
            break;
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn the_sweep_finds_a_holder_abroad_too_long_once_with_the_evidence() {
    let dir = std::env::temp_dir().join(format!("ruqsat-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database = format!("sqlite://{}", dir.join("sweep.db").display());
    seed_demo(&database);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let holders = runtime.block_on(async {
        let store = ruqsat_store::Store::connect(&database, installation_key(&database))
            .await
            .unwrap();
        store.prp_holders(0, 100).await.unwrap()
    });
    assert!(!holders.is_empty(), "the demo has PRP holders");
    let holder = &holders[0];
    let decision: serde_json::Value = serde_json::from_str(holder.decision.as_deref().unwrap()).unwrap();
    let issued_on: chrono::NaiveDate = decision["permit"]["valid_from"].as_str().unwrap().parse().unwrap();
    // The holder leaves two days after the issue and does not come back.
    let feed = dir.join("feed.csv");
    std::fs::write(
        &feed,
        format!(
            "crossing_id,passport,direction,at\nsweep-1,{},exit,{}T10:00:00\n",
            holder.passport_number,
            issued_on + chrono::Days::new(2)
        ),
    )
    .unwrap();
    let output = ruqsat(
        &["crossings", "import", feed.to_str().unwrap(), "--database", &database],
        None,
    );
    assert!(output.status.success(), "{}", text(&output.stdout));
    let as_of = (issued_on + chrono::Days::new(300)).to_string();
    // The first sweep finds the holder (the demo's absent holder was found at seeding); the
    // second finds nothing new.
    let mut reports = Vec::new();
    for _ in 0..2 {
        let output = ruqsat(&["sweep", "--as-of", &as_of, "--database", &database], None);
        assert!(output.status.success(), "{}", text(&output.stderr));
        reports.push(text(&output.stdout));
    }
    assert!(!reports[0].contains(" 0 new art49.15"), "{}", reports[0]);
    assert!(reports[1].contains(" 0 new art49.15"), "{}", reports[1]);
    let id = holder.id.to_string();
    let output = ruqsat(
        &["sweep", "--holder", &id, "--as-of", &as_of, "--database", &database],
        None,
    );
    let report = text(&output.stdout);
    assert!(report.contains("SHORT") && report.contains("sweep-1"), "{report}");
    assert!(
        report.contains("Finding: revocation candidate under art49.15: 3 days present"),
        "{report}"
    );
    let candidates = runtime.block_on(async {
        let store = ruqsat_store::Store::connect(&database, installation_key(&database))
            .await
            .unwrap();
        store
            .candidates(ruqsat_domain::codes::CandidateState::Open)
            .await
            .unwrap()
    });
    let mine: Vec<_> = candidates
        .iter()
        .filter(|candidate| candidate.case_id == holder.id)
        .collect();
    assert_eq!(mine.len(), 1, "{candidates:?}");
    assert!(mine[0].evidence.contains("\"days_present\":3"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn impact_on_the_demo_lists_exactly_the_cases_whose_fee_or_due_time_a_draft_changes() {
    use std::collections::BTreeSet;
    let dir = std::env::temp_dir().join(format!("ruqsat-impact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database = format!("sqlite://{}", dir.join("impact.db").display());
    seed_demo(&database);
    let open_states = [
        "accepted",
        "checks_running",
        "checks_pending",
        "checks_done",
        "proposed",
        "hearing",
        "objected",
        "awaiting_signature",
    ];
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let open = runtime.block_on(async {
        let store = ruqsat_store::Store::connect(&database, installation_key(&database))
            .await
            .unwrap();
        store.queue(None, None, &open_states, 10_000).await.unwrap()
    });
    let offset = chrono::FixedOffset::east_opt(5 * 3600).unwrap();
    let due_day = |case: &ruqsat_store::CaseRow| case.due_at.map(|due| due.with_timezone(&offset).date_naive());
    // The new day off: the last due day of the open TRPs. A TRP whose day zero is that day would
    // be due later still, so it touches exactly the TRPs due that day; the PRPs are due weeks later.
    let trps: Vec<_> = open.iter().filter(|case| case.service.as_str() == "trp").collect();
    let holiday = trps
        .iter()
        .filter_map(|case| due_day(case))
        .max()
        .expect("the demo has open TRPs");
    // The new MCI from 30 days ago: every PRP's duty (paid 15 days ago in the simulator) is
    // judged at it, and the receipt of 4 old MCI falls short.
    // The demo's latest submission is about now (the demo ran on the real clock).
    let today = open
        .iter()
        .map(|case| case.submitted_at.with_timezone(&offset).date_naive())
        .max()
        .unwrap();
    let parameters = dir.join("draft-parameters.toml");
    std::fs::write(
        &parameters,
        format!(
            "[[mci]]\namount_kzt = 5000\nin_force_from = \"{}\"\nsource = \"draft (test)\"\n",
            today - chrono::Duration::days(30)
        ),
    )
    .unwrap();
    let calendar = dir.join("draft-calendar.toml");
    std::fs::write(
        &calendar,
        format!(
            "[[holiday]]\nname = \"draft_day\"\ndate = \"{}\"\nfrom_year = {}\nmoves = false\nsource = \"draft (test)\"\n",
            holiday.format("%m-%d"),
            holiday.format("%Y")
        ),
    )
    .unwrap();
    let output = ruqsat(
        &[
            "impact",
            "--database",
            &database,
            "--parameters",
            parameters.to_str().unwrap(),
            "--calendar",
            calendar.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("number,service,state,what,current,draft"));
    let changed = |what: &str| -> BTreeSet<String> {
        csv.lines()
            .skip(1)
            .filter(|line| line.split(',').nth(3) == Some(what))
            .map(|line| line.split(',').next().unwrap().to_owned())
            .collect()
    };
    let prps: BTreeSet<String> = open
        .iter()
        .filter(|case| case.service.as_str() == "prp")
        .map(|case| case.number.clone())
        .collect();
    let trps_due_that_day: BTreeSet<String> = trps
        .iter()
        .filter(|case| due_day(case) == Some(holiday))
        .map(|case| case.number.clone())
        .collect();
    assert!(!prps.is_empty() && !trps_due_that_day.is_empty());
    assert_eq!(changed("fee_kzt"), prps, "{csv}");
    let due: BTreeSet<String> = prps.union(&trps_due_that_day).cloned().collect();
    assert_eq!(changed("due_at"), due, "{csv}");
    assert!(text(&output.stderr).contains("pending cases assessed"));
    // The draft alone, without the installation's files: the same law gives no change.
    let same = ruqsat(&["impact", "--database", &database], None);
    assert_eq!(text(&same.stdout), "number,service,state,what,current,draft\n");
    std::fs::remove_dir_all(&dir).ok();
}
