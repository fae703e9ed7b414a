//! Monitoring of permit holders from the command line: `ruqsat crossings import` (the border
//! service's feed into the database) and `ruqsat sweep --holder` (the art49.15 computation for
//! one PRP holder, readable by an officer).

use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use ruqsat_contract::crossings::generate::Options;
use ruqsat_contract::crossings::{FeedFormat, Rejected, read_feed};
use ruqsat_domain::decide::Law;
use ruqsat_domain::residence::{DataProblem, Verdict};
use ruqsat_store::CrossingRow;

/// Rows stored per transaction.
const IMPORT_BATCH: usize = 50_000;

/// Imports a feed file; bad rows go to `rejects` (CSV: line, reason). Exit 0 when every row was
/// taken, 3 when some were rejected (all good rows are stored either way).
pub fn import(database: &str, file: &Path, rejects: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let format = FeedFormat::of_file_name(&file.to_string_lossy());
    let opened = std::fs::File::open(file).with_context(|| format!("reading {}", file.display()))?;
    let size = opened.metadata().map(|metadata| metadata.len()).unwrap_or(0);
    let progress = indicatif::ProgressBar::new(size).with_style(
        indicatif::ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} [{bar:30}] {msg}")
            .expect("invariant: a valid template")
            .progress_chars("=> "),
    );
    let reader = BufReader::with_capacity(1 << 20, progress.wrap_read(opened));
    let rejects_path = rejects.unwrap_or_else(|| {
        let mut name = file.as_os_str().to_owned();
        name.push(".rejects.csv");
        PathBuf::from(name)
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let store = runtime.block_on(crate::store::open(database))?;
    let clock = crate::serve::clock();
    let loader = std::cell::RefCell::new(
        runtime
            .block_on(store.crossing_loader())
            .context("preparing the import")?,
    );
    let mut batch: Vec<CrossingRow> = Vec::with_capacity(IMPORT_BATCH);
    let (mut taken, mut added) = (0u64, 0u64);
    let rejected = std::cell::Cell::new(0u64);
    let failure: std::cell::RefCell<Option<anyhow::Error>> = std::cell::RefCell::new(None);
    let mut reject_file: Option<std::io::BufWriter<std::fs::File>> = None;
    let flush = |batch: &mut Vec<CrossingRow>, added: &mut u64| {
        if batch.is_empty() || failure.borrow().is_some() {
            return;
        }
        match runtime.block_on(loader.borrow_mut().add(batch, clock())) {
            Ok(count) => *added += count,
            Err(error) => *failure.borrow_mut() = Some(anyhow::Error::new(error).context("storing crossings")),
        }
        batch.clear();
    };
    let lines = read_feed(
        reader,
        format,
        |record| {
            taken += 1;
            batch.push(ruqsat_cases::feed::crossing_row(record));
            if batch.len() >= IMPORT_BATCH {
                flush(&mut batch, &mut added);
                progress.set_message(format!("{taken} taken, {} rejected", rejected.get()));
            }
        },
        |Rejected { line, reason }| {
            rejected.set(rejected.get() + 1);
            if reject_file.is_none() {
                match std::fs::File::create(&rejects_path) {
                    Ok(created) => {
                        let mut writer = std::io::BufWriter::new(created);
                        let _ = writeln!(writer, "line,reason");
                        reject_file = Some(writer);
                    }
                    Err(error) => {
                        failure
                            .borrow_mut()
                            .get_or_insert(anyhow::anyhow!("writing {}: {error}", rejects_path.display()));
                    }
                }
            }
            if let Some(writer) = reject_file.as_mut() {
                let _ = writeln!(writer, "{line},\"{}\"", reason.replace('"', "\"\""));
            }
        },
    )
    .with_context(|| format!("reading {}", file.display()))?;
    flush(&mut batch, &mut added);
    runtime
        .block_on(loader.into_inner().finish())
        .context("finishing the import")?;
    progress.finish_and_clear();
    if let Some(mut writer) = reject_file {
        writer
            .flush()
            .with_context(|| format!("writing {}", rejects_path.display()))?;
    }
    let rejected = rejected.get();
    if let Some(error) = failure.into_inner() {
        return Err(error);
    }
    println!(
        "{}: {lines} lines, {taken} crossings taken ({added} new, {} already stored), {rejected} rejected",
        file.display(),
        taken - added
    );
    if rejected > 0 {
        println!("rejected rows, with their line and reason: {}", rejects_path.display());
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// Sweeps every PRP holder on `as_of` (presence, today's share of registry re-checks) and
/// reminds the holders of TRPs about to end; prints what it found.
pub fn sweep_all(
    law: Law,
    database: &str,
    registries: Option<String>,
    as_of: NaiveDate,
    full: bool,
) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let store = crate::store::open(database).await?;
        let clock = crate::serve::clock();
        let registries = match registries {
            Some(url) => ruqsat_registries::AnyRegistries::Http(std::sync::Arc::new(
                ruqsat_registries::HttpRegistries::new(ruqsat_registries::HttpConfig::new(url))
                    .map_err(|error| anyhow::anyhow!("{error}"))
                    .context("creating the registry HTTP client")?,
            )),
            None => {
                ruqsat_registries::AnyRegistries::Simulated(std::sync::Arc::new(crate::serve::simulator(&law, &clock)))
            }
        };
        let summary = ruqsat_cases::monitoring::sweep_day_with(&law, &store, &registries, as_of, clock(), full).await?;
        let presence = summary.presence;
        println!(
            "sweep of {as_of}: {} PRP holders judged ({}), {} new art49.15 candidates ({} already found), \
             {} with data problems to resolve, {} exempt",
            presence.holders,
            if full {
                "all, from every crossing"
            } else {
                "those with new crossings or due; the others cannot have changed"
            },
            presence.new,
            presence.known,
            presence.undetermined,
            presence.exempt
        );
        let checks = summary.registries;
        println!(
            "registry re-checks (art49.9, art49.13, art49.17; one holder in {} a day): {} holders, \
             {} new candidates ({} already found), {} not answered (asked again at their next turn)",
            ruqsat_cases::monitoring::REGISTRY_ROTATION,
            checks.checked,
            checks.new,
            checks.known,
            checks.unanswered
        );
        println!("TRP holders reminded of the end of their permit: {}", summary.reminded);
        let [presence_ms, registries_ms, reminders_ms] = summary.millis;
        println!(
            "took: presence {:.2} s, registry re-checks {:.2} s, reminders {:.2} s",
            presence_ms as f64 / 1000.0,
            registries_ms as f64 / 1000.0,
            reminders_ms as f64 / 1000.0
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// Prints the art49.15 computation for one PRP holder (the case id of the issued permit).
pub fn sweep_holder(law: &Law, database: &str, case_id: i64, as_of: NaiveDate) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let store = crate::store::open(database).await?;
        let Some(case) = store.case(case_id).await.context("reading the case")? else {
            eprintln!("error: no case {case_id}");
            return Ok(ExitCode::from(2));
        };
        let holder = ruqsat_cases::monitoring::assess_holder(law, &store, &case, as_of)
            .await
            ?;
        let Some(ruqsat_cases::monitoring::HolderAssessment { issued_on, min_days, crossings, assessment }) = holder else {
            eprintln!("error: case {} is not an issued PRP", case.number);
            return Ok(ExitCode::from(2));
        };
        println!("Holder: case {} (permit {}), PRP issued on {issued_on}", case.number, case.permit_number.as_deref().unwrap_or("-"));
        println!("Checked on {as_of}; minimum {min_days} days in each twelve-month period from the issue date (art49.15).");
        println!("Crossings on record: {crossings}");
        if let Some(category) = assessment.exempt {
            println!("Exempt (Appendix 3 item 9): {category}. art49.15 does not apply.");
        }
        println!();
        println!("{:<12} {:<12} {:>8} {:>8} {:<9} {:<13} crossings", "from", "to", "present", "unknown", "ended", "verdict");
        for period in &assessment.periods {
            let verdict = match period.verdict {
                Verdict::Enough => "enough",
                Verdict::Short => "SHORT",
                Verdict::Open => "open",
                Verdict::Undetermined => "undetermined",
            };
            println!(
                "{:<12} {:<12} {:>8} {:>8} {:<9} {:<13} {}",
                period.from.to_string(),
                period.to.to_string(),
                period.days_present,
                period.days_unknown,
                if period.complete { "yes" } else { "no" },
                verdict,
                period.crossings.join(" ")
            );
        }
        for problem in &assessment.problems {
            match problem {
                DataProblem::MissingExit { entry, next_entry } => println!(
                    "data problem: entry {} is followed by entry {next_entry} without an exit; the days between are unknown",
                    entry.as_deref().unwrap_or("(presence on the issue date)")
                ),
                DataProblem::MissingEntry { exit, next_exit } => println!(
                    "data problem: exit {} is followed by exit {next_exit} without an entry; the days between are unknown",
                    exit.as_deref().unwrap_or("(none since the issue date)")
                ),
            }
        }
        println!();
        match assessment.short_period() {
            Some(period) => println!(
                "Finding: revocation candidate under art49.15: {} days present from {} to {} (fewer than {min_days}).",
                period.days_present, period.from, period.to
            ),
            None => println!("Finding: no ground under art49.15 on {as_of}."),
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Writes a seeded feed of fake crossings (and, if asked, the fake holders) with
/// [`ruqsat_contract::crossings::generate`].
pub fn generate(options: &Options, out: &Path, holders_out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let create = |path: &Path| -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
        let file = std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?;
        Ok(std::io::BufWriter::with_capacity(1 << 20, file))
    };
    let mut feed = create(out)?;
    let mut holders = holders_out.map(create).transpose()?;
    let written = ruqsat_contract::crossings::generate::generate(
        options,
        &mut feed,
        holders.as_mut().map(|writer| writer as &mut dyn std::io::Write),
    )
    .and_then(|written| feed.flush().map(|()| written))
    .with_context(|| format!("writing {}", out.display()))?;
    if let (Some(mut writer), Some(path)) = (holders, holders_out) {
        writer.flush().with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {} fake holders to {}", options.holders, path.display());
    }
    println!(
        "wrote {written} crossings of {} fake holders to {} (seed {})",
        options.holders,
        out.display(),
        options.seed
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints the statistics of the cases submitted from `from` to `to` as CSV or JSON.
pub fn report(
    law: &Law,
    database: &str,
    from: NaiveDate,
    to: NaiveDate,
    region: Option<&str>,
    format: &str,
) -> anyhow::Result<ExitCode> {
    if from > to {
        eprintln!("error: --to: the period ends before it starts");
        return Ok(ExitCode::from(2));
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let store = crate::store::open(database).await?;
        let report = ruqsat_cases::reports::build(law, &store, from, to, region, (crate::serve::clock())()).await?;
        if format == "json" {
            let counts: Vec<serde_json::Value> = report
                .counts
                .iter()
                .map(|((month, dimension, value), count)| {
                    serde_json::json!({ "month": month, "dimension": dimension, "value": value, "count": count })
                })
                .collect();
            let json = serde_json::json!({
                "from": report.from, "to": report.to, "region": report.region, "cases": report.cases,
                "counts": counts, "sla": report.sla,
            });
            println!("{}", serde_json::to_string_pretty(&json).context("writing JSON")?);
        } else {
            print!("{}", report.to_csv());
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `ruqsat impact`: the pending cases whose outcome, grounds, documents, due time, fee or
/// validity would change under the draft, as CSV on standard output; a summary on standard error.
pub fn impact(current: Law, draft: Law, database: &str) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let store = crate::store::open(database).await?;
        let impact =
            ruqsat_cases::impact::assess(&store, std::sync::Arc::new(current), std::sync::Arc::new(draft), None)
                .await?;
        print!("{}", impact.to_csv());
        eprintln!("{}", ruqsat_cases::impact::describe(&impact, (crate::serve::clock())()));
        Ok(ExitCode::SUCCESS)
    })
}
