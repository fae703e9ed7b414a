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
///
/// Two stages run at once: a thread reads and checks the rows and writes the rejects, handing
/// batches of [`IMPORT_BATCH`] rows over a channel of [`BATCHES_IN_FLIGHT`]; the async side
/// stores each batch while the next is being read. Into an empty table (the first import of a
/// history) the rows go in one transaction and the indexes are built at the end
/// (`Store::initial_crossing_loader`); else each batch is a transaction of its own
/// (`Store::crossing_loader`). A failure to store stops the import with its error: the batches
/// stored before it stay stored (none of an initial load), and importing the file again skips
/// them by their crossing ids.
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
    // Into an empty table (the first import, a history), the initial load: the table's indexes
    // built once at the end; else batch by batch into the indexed table.
    let mut loader = runtime
        .block_on(async {
            match store.initial_crossing_loader().await? {
                Some(initial) => Ok(initial),
                None => store.crossing_loader().await,
            }
        })
        .context("preparing the import")?;
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<CrossingRow>>(BATCHES_IN_FLIGHT);
    let (read, stored) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| read_batches(reader, format, &rejects_path, &progress, sender));
        let stored = runtime.block_on(async {
            let mut added = 0u64;
            while let Some(batch) = receiver.recv().await {
                added += loader.add(&batch, clock()).await.context("storing crossings")?;
            }
            anyhow::Ok(added)
        });
        // A failed store drops the receiver: the reading thread's next hand-over fails and it stops.
        drop(receiver);
        let read = reading
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the thread reading the feed stopped")));
        (read, stored)
    });
    // A failed store has ended the transaction's use: the loader is dropped, not finished (an
    // initial load is then rolled back whole).
    let added = match stored {
        Ok(copied) => {
            progress.set_message("building the indexes");
            let duplicates = runtime.block_on(loader.finish()).context("finishing the import")?;
            copied - duplicates
        }
        Err(error) => {
            progress.finish_and_clear();
            return Err(error);
        }
    };
    progress.finish_and_clear();
    let Read { lines, taken, rejected } = read.with_context(|| format!("reading {}", file.display()))?;
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

/// Batches read and waiting to be stored, beyond the one being stored.
const BATCHES_IN_FLIGHT: usize = 2;

/// What the reading stage of [`import`] saw.
struct Read {
    lines: u64,
    taken: u64,
    rejected: u64,
}

/// The reading stage of [`import`]: checks every row, writes the rejects (CSV: line, reason) and
/// sends the good rows in batches; stops sending when the storing stage has stopped.
fn read_batches(
    reader: impl std::io::BufRead,
    format: FeedFormat,
    rejects_path: &Path,
    progress: &indicatif::ProgressBar,
    sender: tokio::sync::mpsc::Sender<Vec<CrossingRow>>,
) -> anyhow::Result<Read> {
    let mut batch: Vec<CrossingRow> = Vec::with_capacity(IMPORT_BATCH);
    let mut taken = 0u64;
    // Shared by the two callbacks: how many rows were rejected, and whether batches still go.
    let rejected = std::cell::Cell::new(0u64);
    let open = std::cell::Cell::new(true);
    let mut reject_file: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut failure: Option<anyhow::Error> = None;
    let lines = read_feed(
        reader,
        format,
        |record| {
            taken += 1;
            if !open.get() {
                return;
            }
            batch.push(ruqsat_cases::feed::crossing_row(record));
            if batch.len() >= IMPORT_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                open.set(sender.blocking_send(full).is_ok());
                progress.set_message(format!("{taken} taken, {} rejected", rejected.get()));
            }
        },
        |Rejected { line, reason }| {
            rejected.set(rejected.get() + 1);
            if reject_file.is_none() && failure.is_none() {
                match std::fs::File::create(rejects_path) {
                    Ok(created) => {
                        let mut writer = std::io::BufWriter::new(created);
                        let _ = writeln!(writer, "line,reason");
                        reject_file = Some(writer);
                    }
                    Err(error) => {
                        failure = Some(anyhow::anyhow!("writing {}: {error}", rejects_path.display()));
                        // Rows whose rejection cannot be reported are not stored either.
                        open.set(false);
                    }
                }
            }
            if let Some(writer) = reject_file.as_mut() {
                let _ = writeln!(writer, "{line},\"{}\"", reason.replace('"', "\"\""));
            }
        },
    )?;
    if open.get() && !batch.is_empty() {
        let _ = sender.blocking_send(batch);
    }
    drop(sender);
    if let Some(mut writer) = reject_file {
        writer
            .flush()
            .with_context(|| format!("writing {}", rejects_path.display()))?;
    }
    if let Some(error) = failure {
        return Err(error);
    }
    Ok(Read {
        lines,
        taken,
        rejected: rejected.get(),
    })
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
