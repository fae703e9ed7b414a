//! `ruqsat`: the one binary of Ruqsat. It wires configuration (the law files) to the engine and
//! exposes `decide`, `calendar` and `demo` on the command line.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use ruqsat_contract::{ContractError, DecisionOutput, decide_json, parse_application};
use ruqsat_domain::decide::Law;
use ruqsat_i18n::Lang;

mod esign_keys;
mod keys;
mod monitoring;
mod permits;
mod serve;
mod staff;
mod store;
mod vds_keys;

/// Ruqsat decides applications for Kazakhstan's temporary (TRP) and permanent (PRP) residence
/// permits under Rules No. 992 as amended by Order No. 219, explains every decision, and knows
/// the Kazakh working calendar.
#[derive(Parser)]
#[command(name = "ruqsat", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    /// Extra parameter file that overrides or adds dated parameters (MCI, terms, limits, editions).
    #[arg(long, global = true, env = "RUQSAT_PARAMETERS", value_name = "FILE")]
    parameters: Option<PathBuf>,
    /// Extra calendar file that overrides or adds years, holidays and transfers.
    #[arg(long, global = true, env = "RUQSAT_CALENDAR", value_name = "FILE")]
    calendar: Option<PathBuf>,
    /// The installation's secret that keys the audit chain (hexadecimal). [default: FILE.audit-key
    /// beside a SQLite database; required for PostgreSQL]
    #[arg(long, global = true, env = "RUQSAT_AUDIT_KEY_FILE", value_name = "FILE")]
    audit_key_file: Option<PathBuf>,
    /// The directory of the installation's permit seal keys (see docs/CONFIGURATION.md).
    /// [default: FILE.seal-keys beside a SQLite database; required for PostgreSQL]
    #[arg(long, global = true, env = "RUQSAT_SEAL_KEYS", value_name = "DIR")]
    seal_keys: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

const AFTER_HELP: &str = "Examples:
  ruqsat decide examples/trp-labour.json             decide a case, print the decision as JSON
  ruqsat decide --lang kk - < examples/prp-refuse.json  the same in Kazakh, reading stdin
  ruqsat calendar 2025                                days off of 2025 (weekends included)
  ruqsat demo                                         decide the bundled examples and explain them
  ruqsat serve --demo                                 run the service with SQLite, demo accounts and cases
  ruqsat audit verify                                 check the audit log's keyed chain
  ruqsat audit head                                   print the chain's head, to keep outside the database

Exit codes: 0 a decision (or calendar) was printed; 2 the input could not be read as an
application, or the law has no data for its dates (the message names the field).";

#[derive(Subcommand)]
enum Command {
    /// Decide one application (JSON, see docs/CONTRACT.md) and print the decision as JSON.
    Decide {
        /// The application file, or `-` for standard input.
        file: String,
        /// Language of the explanations: kk, ru or en.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Print every day off of a year (weekends and holidays) as JSON.
    Calendar {
        /// The year, e.g. 2025.
        year: i32,
    },
    /// Run the service: HTTP API, background checks, simulated registries, migrations.
    Serve(ServeArgs),
    /// The simulated registries as an HTTP server (for demos and load tests across processes).
    Registries {
        #[command(subcommand)]
        command: RegistriesCommand,
    },
    /// A simulated HTTP SMS gateway (for demos and the tests of the notifications).
    SmsGateway {
        #[command(subcommand)]
        command: SmsGatewayCommand,
    },
    /// Portal applications: sign one with the demo applicant's key (a demo installation's
    /// stand-in for the applicant's signing tool).
    Application {
        #[command(subcommand)]
        command: ApplicationCommand,
    },
    /// Simulated receiving systems of the channels (the State Corporation's, the portal's
    /// personal cabinet), for demos and the tests of delivery by integration.
    Channels {
        #[command(subcommand)]
        command: ChannelsCommand,
    },
    /// Permits as PDF: a sample, and the verification of a permit's seal.
    Permit {
        #[command(subcommand)]
        command: PermitCommand,
    },
    /// Staff accounts of the installation: add, list, reset a password, unlock, disable, enable,
    /// change a role, issue an integration's token (every change audited).
    Staff {
        /// The database (sqlite:FILE or postgres://...). [default: sqlite://ruqsat.db]
        #[arg(long, env = "DATABASE_URL", global = true, default_value = "sqlite://ruqsat.db")]
        database: String,
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Border crossings of permit holders (the border service's feed).
    Crossings {
        #[command(subcommand)]
        command: CrossingsCommand,
    },
    /// The monitoring of permit holders (art49.15 and the other grounds of revocation).
    Sweep {
        /// Print the art49.15 computation for one PRP holder (the case id of the issued permit)
        /// instead of sweeping every holder.
        #[arg(long, value_name = "CASE_ID")]
        holder: Option<i64>,
        /// Recompute every holder's presence from all the stored crossings instead of the
        /// presence states kept as crossings arrive (after a change of how presence is counted).
        #[arg(long)]
        full: bool,
        /// The day of the check (YYYY-MM-DD). [default: today in Kazakhstan]
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        /// The registry gateway for the re-checks of convictions, offences and expulsions.
        /// [default: the in-process simulator]
        #[arg(long, env = "RUQSAT_REGISTRIES", value_name = "URL")]
        registries: Option<String>,
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
    /// Statistics and legal terms of the cases submitted in a period (the dashboard's numbers).
    Report {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last day, included (YYYY-MM-DD).
        #[arg(long)]
        to: chrono::NaiveDate,
        /// csv or json.
        #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
        format: String,
        /// Only this region (e.g. almaty).
        #[arg(long)]
        region: Option<String>,
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
    /// The impact of an amendment: decide every pending case under the law in force and under a
    /// draft given by --parameters and/or --calendar (on top of the installation's files of
    /// RUQSAT_PARAMETERS and RUQSAT_CALENDAR), and print as CSV the cases whose outcome,
    /// grounds, documents, due time, fee or validity would change. Nothing is changed.
    Impact {
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
    /// Print the OpenAPI 3 document of the HTTP API.
    Openapi,
    /// Decide the bundled example applications and print their explanations.
    Demo {
        /// Language of the explanations: kk, ru or en.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
}

#[derive(Subcommand)]
enum ApplicationCommand {
    /// Print the request of FILE (JSON with "region" and "application", as POST
    /// /api/v1/applications takes it) with "signature": a detached CMS signature of the
    /// application by the demo applicant, whose authority a demo installation trusts.
    Sign {
        /// The request file, or `-` for standard input.
        file: String,
        /// The database of the demo installation (its seal key directory holds the demo keys).
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Configuration file (TOML, keys as the long options with `_`); the command line and the
    /// environment win over it. See docs/CONFIGURATION.md.
    #[arg(long, env = "RUQSAT_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database: sqlite:FILE (created and migrated on first start) or postgres://... [default: sqlite://ruqsat.db]
    #[arg(long, env = "DATABASE_URL")]
    database: Option<String>,
    /// Address to listen on. [default: 127.0.0.1:8080]
    #[arg(long, env = "RUQSAT_LISTEN")]
    listen: Option<String>,
    /// The address at which the public reaches the service; permits' QR codes point to
    /// PUBLIC_URL/verify. [default: http:// and the listen address]
    #[arg(long, env = "RUQSAT_PUBLIC_URL")]
    public_url: Option<String>,
    /// Create demo accounts (tokens printed) and, in an empty database, a few dozen fake cases.
    #[arg(long)]
    demo: bool,
    /// Do not run the background worker in this process (an intake-only node; another
    /// `ruqsat serve` on the same PostgreSQL does the checks and notifications).
    #[arg(long)]
    no_worker: bool,
    /// File the notifications to applicants are written to (JSON lines), instead of SMS and
    /// e-mail. [default: ruqsat-notifications.jsonl]
    #[arg(long, env = "RUQSAT_NOTIFICATIONS_FILE")]
    notifications: Option<String>,
    /// Base URL of a registry gateway (e.g. `ruqsat registries serve`); in-process simulator if unset.
    #[arg(long, env = "RUQSAT_REGISTRIES_URL")]
    registries: Option<String>,
    /// Latency of every simulated registry answer, in milliseconds. [default: 0]
    #[arg(long, env = "RUQSAT_REGISTRY_LATENCY_MS")]
    registry_latency_ms: Option<u64>,
    /// Share of simulated registry queries that fail (0.0 to 1.0). [default: 0]
    #[arg(long, env = "RUQSAT_REGISTRY_FAILURE_RATE")]
    registry_failure_rate: Option<f64>,
    /// Lookups of personal data per client address and minute on the public routes (status,
    /// cabinet, verification by number), after a burst of 20; 0 turns the limit off (a load
    /// test, or a proxy in front that limits). [default: 20]
    #[arg(long, env = "RUQSAT_PUBLIC_LOOKUPS_PER_MINUTE")]
    public_lookups_per_minute: Option<u32>,
    /// The reverse proxies in front of the service (IP addresses, comma-separated): from them,
    /// the client's address is read from X-Forwarded-For (sign-in lock-outs and rate limits per
    /// client). [default: none; the header is ignored]
    #[arg(long, env = "RUQSAT_TRUSTED_PROXIES", value_name = "IP,...")]
    trusted_proxies: Option<String>,
    /// Start the service's clock at this instant (RFC 3339) and let it run: for tests, trainings
    /// and demos that must happen within office hours. Never in production. [default: the real
    /// clock]
    #[arg(long, env = "RUQSAT_CLOCK_START", value_name = "INSTANT")]
    clock_start: Option<String>,
}

#[derive(Subcommand)]
enum ChannelsCommand {
    /// Serve them: `POST /state_corporation/deliveries` and `POST /portal/deliveries` (signed:
    /// `webhook-id`, `webhook-timestamp`, `webhook-signature`), `GET /received`.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8093")]
        listen: String,
        /// A file holding the shared secret of the signatures (`whsec_` and base64, or text).
        #[arg(long, value_name = "FILE")]
        secret_file: PathBuf,
        /// Where the deliveries received are appended (JSON lines; read again at start, so that
        /// repeats are recognised after a restart). [default: kept in memory]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum SmsGatewayCommand {
    /// Serve it: `POST /messages` (an `Idempotency-Key` required), `GET /messages`.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8092")]
        listen: String,
        /// A file holding the bearer token senders must present. [default: none wanted]
        #[arg(long, value_name = "FILE")]
        token_file: Option<PathBuf>,
        /// Where the messages received are appended (JSON lines). [default: kept in memory]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum RegistriesCommand {
    /// Serve the simulated registries over HTTP.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8090")]
        listen: String,
        /// Seed of the fake population.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// Latency of every answer, in milliseconds.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// Share of questions that fail (0.0 to 1.0).
        #[arg(long, default_value_t = 0.0)]
        failure_rate: f64,
        /// Share of questions that hang for 5 seconds and then fail (0.0 to 1.0): the client's
        /// timeout (2 seconds) runs out first.
        #[arg(long, default_value_t = 0.0)]
        timeout_rate: f64,
    },
}

#[derive(Subcommand)]
enum PermitCommand {
    /// Render a sample permit of a fake person, sealed with a demo key of this run (a specimen),
    /// or with `--installation-key` the current key of `--seal-keys DIR`.
    Sample {
        /// Where to write the PDF.
        #[arg(long, default_value = "sample-permit.pdf")]
        out: PathBuf,
        /// Seal with the installation's current key (to test its verification end to end).
        #[arg(long)]
        installation_key: bool,
    },
    /// Check the seals of a permit PDF (the QR seal and the ICAO visible digital seal), of an
    /// image of a permit (PNG or JPEG: its DataMatrix) or of a seal's bytes: exit 0 when genuine,
    /// 1 when forged or altered, 3 for a specimen; with a database, also its status in the
    /// register: exit 3 when genuine but revoked, expired or unknown there.
    Verify {
        /// The permit PDF, an image of it, or a seal's bytes.
        file: PathBuf,
        /// The register to consult (sqlite:FILE or postgres://...). [default: the seal only]
        #[arg(long, env = "DATABASE_URL")]
        database: Option<String>,
        /// The installation's published public keys (`public-keys.json`, or the answer of
        /// /api/v1/permit-keys): enough to verify offline. [default: those of --seal-keys DIR or
        /// of the database's key directory]
        #[arg(long, value_name = "FILE")]
        public_keys: Option<PathBuf>,
        /// The installation's published certificates of the ICAO visible digital seal (PEM, the
        /// answer of /api/v1/permit-certificates): enough to verify the DataMatrix offline.
        /// [default: those of --seal-keys DIR or of the database's key directory]
        #[arg(long, value_name = "FILE")]
        certificates: Option<PathBuf>,
    },
    /// The installation's seal keys: rotate, list the published ones.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create an account; a person's temporary password is printed once (they choose their own
    /// at the first sign-in); an integration gets tokens (`staff token`).
    Add {
        /// Login: 3 to 64 of a-z, 0-9, '.', '_', '-'.
        login: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// officer, supervisor, operator, auditor, administrator, integration:portal,
        /// integration:state_corporation or integration:border.
        #[arg(long)]
        role: String,
        /// Region code, for officers and supervisors.
        #[arg(long)]
        region: Option<String>,
    },
    /// List the accounts with their role, region and state.
    List,
    /// Reset a person's password: a temporary one is printed; their sessions end.
    Reset {
        /// Login.
        login: String,
    },
    /// Lift every sign-in lock of an account.
    Unlock {
        /// Login.
        login: String,
    },
    /// Disable an account: it can no longer sign in or act; its sessions and tokens end at once.
    Disable {
        /// Login.
        login: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// Login.
        login: String,
    },
    /// Change an account's role (and region); its sessions end.
    Role {
        /// Login.
        login: String,
        /// The new role.
        role: String,
        /// Region code, for officers and supervisors.
        #[arg(long)]
        region: Option<String>,
    },
    /// Issue a token to an integration account (printed once).
    Token {
        /// Login of the integration.
        login: String,
        /// Days until it ends (1 to 366).
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Create a new seal key and make it current, and issue the next signer of the visible
    /// digital seal when the CA's key is in the directory; earlier keys and certificates stay
    /// published (permits sealed with them keep verifying).
    Rotate {
        /// The database whose key directory to use (when --seal-keys is not given).
        #[arg(long, env = "DATABASE_URL")]
        database: Option<String>,
        /// A demo key (its permits say they are specimens).
        #[arg(long)]
        demo: bool,
    },
    /// Take a signer of the visible digital seal issued by the installation's own CA (kept
    /// elsewhere) and make it current; the CA's certificate is published with it.
    ImportVds {
        /// The database whose key directory to use (when --seal-keys is not given).
        #[arg(long, env = "DATABASE_URL")]
        database: Option<String>,
        /// The signer's certificate (PEM; subject C=KZ and a two-character CN, serial of at
        /// most three hexadecimal digits).
        #[arg(long, value_name = "FILE")]
        certificate: PathBuf,
        /// The signer's private key (PKCS#8 PEM, ECDSA P-256).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The country signing CA's certificate (PEM).
        #[arg(long, value_name = "FILE")]
        csca: PathBuf,
    },
    /// Print the published public keys (JSON).
    List {
        /// The database whose key directory to use (when --seal-keys is not given).
        #[arg(long, env = "DATABASE_URL")]
        database: Option<String>,
    },
}

#[derive(Subcommand)]
enum CrossingsCommand {
    /// Write a seeded feed of fake crossings (for demos and benchmarks; the same seed gives the
    /// same file): each fake holder `GEN0000000`... leaves and comes back in turn, one in twenty
    /// staying abroad most of the time (crates/ruqsat-contract/src/crossings/generate.rs).
    Generate {
        /// Where to write (`.jsonl` for JSON Lines, CSV otherwise).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Also write the fake holders (CSV: passport, PRP issue date).
        #[arg(long, value_name = "FILE")]
        holders_out: Option<PathBuf>,
        /// Fake holders.
        #[arg(long, default_value_t = 1_000)]
        holders: u64,
        /// Crossings per holder.
        #[arg(long, default_value_t = 10)]
        per_holder: u64,
        /// The seed.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// The first day a fake PRP may have been issued (issue days spread over a year).
        #[arg(long, default_value = "2023-01-01")]
        from: chrono::NaiveDate,
        /// Days after the issue over which a holder's crossings spread.
        #[arg(long, default_value_t = 730)]
        span_days: u64,
    },
    /// Import a feed file (CSV with a header, or JSON Lines for `.jsonl`; the format is in
    /// `crates/ruqsat-contract/src/crossings.rs`). A crossing id seen twice is stored once; bad
    /// rows go to a reject file with their line and reason (exit 3 when there are any).
    Import {
        /// The feed file.
        file: PathBuf,
        /// Where rejected rows are written. [default: FILE.rejects.csv]
        #[arg(long, value_name = "FILE")]
        rejects: Option<PathBuf>,
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the keyed chain of the audit log and its head; exit 1 and name the entry when it was
    /// tampered with.
    Verify {
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
        /// A head printed earlier by `ruqsat audit head` (SEQ:HASH) and kept outside the
        /// database: the chain must still hold it (detects a chain replaced by an older copy).
        #[arg(long, value_name = "SEQ:HASH")]
        anchor: Option<ruqsat_store::Anchor>,
    },
    /// Print the head of the chain (SEQ:HASH), to be kept outside the database (anchoring).
    Head {
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
    /// Once, after an upgrade: verify a log written before the key and seal its head with it.
    Seal {
        /// Database: sqlite:FILE or postgres://...
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ruqsat.db")]
        database: String,
    },
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    text.parse()
        .map_err(|error: ruqsat_i18n::UnknownLang| error.to_string())
}

/// The bundled examples, by name.
const EXAMPLES: [(&str, &str); 3] = [
    (
        "examples/trp-labour.json",
        include_str!("../../../examples/trp-labour.json"),
    ),
    (
        "examples/prp-refuse.json",
        include_str!("../../../examples/prp-refuse.json"),
    ),
    (
        "examples/trp-portal-incomplete.json",
        include_str!("../../../examples/trp-portal-incomplete.json"),
    ),
];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    store::set_key_file(cli.audit_key_file.clone());
    keys::set_key_dir(cli.seal_keys.clone());
    let law = law(cli.parameters.as_deref(), cli.calendar.as_deref())?;
    match cli.command {
        Command::Decide { file, lang } => decide(&law, &file, lang),
        Command::Calendar { year } => calendar(&law, year),
        Command::Demo { lang } => demo(&law, lang),
        Command::Serve(args) => {
            let files = law_files(
                &cli.parameters.iter().cloned().collect::<Vec<_>>(),
                &cli.calendar.iter().cloned().collect::<Vec<_>>(),
            )?;
            serve::run(law, files, args)
        }
        Command::Openapi => {
            println!("{}", ruqsat_web::openapi_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { command } => match command {
            AuditCommand::Verify { database, anchor } => serve::audit(&database, serve::AuditTask::Verify(anchor)),
            AuditCommand::Head { database } => serve::audit(&database, serve::AuditTask::Head),
            AuditCommand::Seal { database } => serve::audit(&database, serve::AuditTask::Seal),
        },
        Command::Permit { command } => permits::run(&law, command),
        Command::Application {
            command: ApplicationCommand::Sign { file, database },
        } => esign_keys::sign(&database, &file),
        Command::Staff { database, command } => staff::run(law, &database, command),
        Command::Report {
            from,
            to,
            format,
            region,
            database,
        } => monitoring::report(&law, &database, from, to, region.as_deref(), &format),
        Command::Impact { database } => {
            // The law in force: the installation's files only; the draft adds the command line's.
            let installed = |name: &str| std::env::var_os(name).map(PathBuf::from);
            let (parameters, calendar) = (installed("RUQSAT_PARAMETERS"), installed("RUQSAT_CALENDAR"));
            let current = self::law(parameters.as_deref(), calendar.as_deref())?;
            let draft_files = |installed: Option<PathBuf>, given: Option<PathBuf>| -> Vec<PathBuf> {
                let mut files: Vec<PathBuf> = installed.clone().into_iter().collect();
                files.extend(given.filter(|given| Some(given) != installed.as_ref()));
                files
            };
            let draft = laws(
                &draft_files(parameters, cli.parameters.clone()),
                &draft_files(calendar, cli.calendar.clone()),
            )?;
            monitoring::impact(current, draft, &database)
        }
        Command::Crossings {
            command:
                CrossingsCommand::Import {
                    file,
                    rejects,
                    database,
                },
        } => monitoring::import(&database, &file, rejects),
        Command::Crossings {
            command:
                CrossingsCommand::Generate {
                    out,
                    holders_out,
                    holders,
                    per_holder,
                    seed,
                    from,
                    span_days,
                },
        } => monitoring::generate(
            &ruqsat_contract::crossings::generate::Options {
                holders,
                per_holder,
                seed,
                from,
                span_days,
                json_lines: ruqsat_contract::crossings::FeedFormat::of_file_name(&out.to_string_lossy())
                    == ruqsat_contract::crossings::FeedFormat::JsonLines,
            },
            &out,
            holders_out.as_deref(),
        ),
        Command::Sweep {
            holder,
            full,
            as_of,
            registries,
            database,
        } => {
            let today = law.local_date((serve::clock())());
            match holder {
                Some(holder) => monitoring::sweep_holder(&law, &database, holder, as_of.unwrap_or(today)),
                None => monitoring::sweep_all(law, &database, registries, as_of.unwrap_or(today), full),
            }
        }
        Command::Registries {
            command:
                RegistriesCommand::Serve {
                    listen,
                    seed,
                    latency_ms,
                    failure_rate,
                    timeout_rate,
                },
        } => serve::registries_serve(&law, &listen, seed, latency_ms, (failure_rate, timeout_rate)),
        Command::SmsGateway {
            command:
                SmsGatewayCommand::Serve {
                    listen,
                    token_file,
                    out,
                },
        } => serve::sms_gateway_serve(&listen, token_file.as_deref(), out),
        Command::Channels {
            command:
                ChannelsCommand::Serve {
                    listen,
                    secret_file,
                    out,
                },
        } => serve::channels_serve(&listen, &secret_file, out),
    }
}

/// The installation's override files of the law, read (name and content), in order.
fn law_files(parameters: &[PathBuf], calendar: &[PathBuf]) -> anyhow::Result<ruqsat_cases::LawFiles> {
    let read = |path: &PathBuf| -> anyhow::Result<(String, String)> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Ok((path.display().to_string(), text))
    };
    Ok(ruqsat_cases::LawFiles {
        parameters: parameters.iter().map(read).collect::<anyhow::Result<_>>()?,
        calendar: calendar.iter().map(read).collect::<anyhow::Result<_>>()?,
    })
}

/// The law with several override files of each kind, in order.
fn laws(parameters: &[PathBuf], calendar: &[PathBuf]) -> anyhow::Result<Law> {
    law_files(parameters, calendar)?
        .with_draft(None, None)
        .context("loading the law files")
}

fn law(parameters: Option<&Path>, calendar: Option<&Path>) -> anyhow::Result<Law> {
    let owned = |path: Option<&Path>| -> Vec<PathBuf> { path.map(Path::to_path_buf).into_iter().collect() };
    laws(&owned(parameters), &owned(calendar))
}

fn decide(law: &Law, file: &str, lang: Lang) -> anyhow::Result<ExitCode> {
    let json = if file == "-" {
        let mut json = String::new();
        std::io::stdin().read_to_string(&mut json).map(|_| json)
    } else {
        std::fs::read_to_string(file)
    };
    let json = match json {
        Ok(json) => json,
        Err(error) => {
            let source = if file == "-" { "standard input" } else { file };
            eprintln!("error: input: cannot read {source}: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    match decide_json(&json, law, lang) {
        Ok(output) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&output).context("writing the decision")?
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("error: {error}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The output of `ruqsat calendar`, fields in the contract's order.
#[derive(serde::Serialize)]
struct CalendarOutput {
    year: i32,
    days_off: Vec<String>,
}

fn calendar(law: &Law, year: i32) -> anyhow::Result<ExitCode> {
    match law.calendar().days_off(year) {
        Ok(days) => {
            let days_off: Vec<String> = days.iter().map(|day| day.to_string()).collect();
            let calendar = CalendarOutput { year, days_off };
            println!("{}", serde_json::to_string(&calendar).context("writing the calendar")?);
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("error: year: {error}");
            Ok(ExitCode::from(2))
        }
    }
}

fn demo(law: &Law, lang: Lang) -> anyhow::Result<ExitCode> {
    println!("Ruqsat: the legal core of Kazakhstan's residence-permit service.");
    println!("Deciding the bundled example applications (fake people) under the law in force.\n");
    for (name, json) in EXAMPLES {
        let application = parse_application(json).with_context(|| format!("reading {name}"))?;
        let decision = ruqsat_domain::decide::decide(&application, law)
            .map_err(ContractError::from)
            .with_context(|| format!("deciding {name}"))?;
        let output = DecisionOutput::new(&decision, lang);
        println!("== {name}: {} ==", output.outcome);
        for line in &output.explanation {
            println!("  - {line}");
        }
        println!();
    }
    let years: Vec<String> = law.calendar().known_years().map(|year| year.to_string()).collect();
    println!(
        "Working calendar known for: {}. Try `ruqsat calendar 2025`.",
        years.join(", ")
    );
    println!("Decide your own case: `cargo run -- decide FILE.json` (see docs/CONTRACT.md); `cargo run -- --help`.");
    Ok(ExitCode::SUCCESS)
}
