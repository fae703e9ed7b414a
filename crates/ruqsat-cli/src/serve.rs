//! `ruqsat serve` and `ruqsat audit verify`: the wiring of configuration, the database, the
//! clock, the simulated registries, the HTTP server and the background worker.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use ruqsat_cases::{Clock, Service};
use ruqsat_domain::application::DutyPayment;
use ruqsat_domain::decide::Law;
use ruqsat_registries::{Simulator, SimulatorConfig};

use crate::ServeArgs;

/// The real clock (the one place that reads it).
pub fn clock() -> Clock {
    #[expect(clippy::disallowed_methods, reason = "the binary wires the real clock")]
    let now = || Utc::now();
    Arc::new(now)
}

/// A clock that starts at `start` and runs at the real pace: for tests, trainings and demos that
/// must happen at a given hour (the desk and the State Corporation take applications only within
/// their hours, `acc.hours`), whatever the hour of the machine.
fn clock_from(start: chrono::DateTime<Utc>) -> Clock {
    let real = clock();
    let began = real();
    Arc::new(move || start + (real() - began))
}

/// A new secret token: 32 random bytes from the operating system, hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("invariant: the operating system provides randomness");
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The payment the simulated duty registry reports: the state duty in force (4 MCI), paid a
/// little over two weeks ago.
/// The in-process registry simulator with default latency and failures (the sweep's re-checks).
pub fn simulator(law: &Law, clock: &Clock) -> Simulator {
    Simulator::new(SimulatorConfig {
        duty_payment: simulated_duty_payment(law, clock),
        ..SimulatorConfig::default()
    })
}

fn simulated_duty_payment(law: &Law, clock: &Clock) -> Option<DutyPayment> {
    let today = law.local_date(clock());
    let paid_on = today - chrono::Duration::days(15);
    law.parameters().mci_on(paid_on).ok().map(|mci| DutyPayment {
        amount_kzt: mci.amount_kzt * 4,
        paid_on,
    })
}

/// The settings of `ruqsat serve`, resolved: command line and environment, then the
/// configuration file, then the defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    database: String,
    listen: String,
    public_url: Option<String>,
    demo: bool,
    no_worker: bool,
    notifications: String,
    registries: Option<String>,
    registry_latency_ms: u64,
    registry_failure_rate: f64,
    public_lookups_per_minute: u32,
    trusted_proxies: Vec<std::net::IpAddr>,
    clock_start: Option<chrono::DateTime<Utc>>,
    smtp: Option<ruqsat_cases::gateways::SmtpConfig>,
    sms: Option<ruqsat_cases::gateways::SmsConfig>,
    signatures: Option<crate::esign_keys::SignaturesConfig>,
    channels: Option<ChannelsConfig>,
    offices: Option<std::path::PathBuf>,
}

/// The electronic queue (`[queue]`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueConfig {
    /// The installation's offices file (the format of `data/offices.toml`).
    offices: Option<std::path::PathBuf>,
}

/// The configuration file: every key optional.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    database: Option<String>,
    listen: Option<String>,
    public_url: Option<String>,
    demo: Option<bool>,
    no_worker: Option<bool>,
    notifications: Option<String>,
    registries: Option<String>,
    registry_latency_ms: Option<u64>,
    registry_failure_rate: Option<f64>,
    public_lookups_per_minute: Option<u32>,
    trusted_proxies: Option<Vec<String>>,
    clock_start: Option<String>,
    /// E-mail through this SMTP server (`[smtp]`).
    smtp: Option<ruqsat_cases::gateways::SmtpConfig>,
    /// SMS through this HTTP gateway (`[sms]`).
    sms: Option<ruqsat_cases::gateways::SmsConfig>,
    /// The verification of applicants' electronic signatures (`[signatures]`).
    signatures: Option<crate::esign_keys::SignaturesConfig>,
    /// The receiving systems of delivery by integration (`[channels]`).
    channels: Option<ChannelsConfig>,
    /// The electronic queue (`[queue]`).
    queue: Option<QueueConfig>,
}

fn settings(args: ServeArgs) -> anyhow::Result<Settings> {
    let file: ConfigFile = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            toml::from_str(&text).with_context(|| format!("reading {}", path.display()))?
        }
        None => ConfigFile::default(),
    };
    Ok(Settings {
        database: args
            .database
            .or(file.database)
            .unwrap_or_else(|| "sqlite://ruqsat.db".into()),
        listen: args.listen.or(file.listen).unwrap_or_else(|| "127.0.0.1:8080".into()),
        public_url: args.public_url.or(file.public_url),
        demo: args.demo || file.demo.unwrap_or(false),
        no_worker: args.no_worker || file.no_worker.unwrap_or(false),
        notifications: args
            .notifications
            .or(file.notifications)
            .unwrap_or_else(|| "ruqsat-notifications.jsonl".into()),
        registries: args.registries.or(file.registries),
        registry_latency_ms: args.registry_latency_ms.or(file.registry_latency_ms).unwrap_or(0),
        registry_failure_rate: args.registry_failure_rate.or(file.registry_failure_rate).unwrap_or(0.0),
        public_lookups_per_minute: args
            .public_lookups_per_minute
            .or(file.public_lookups_per_minute)
            .unwrap_or(20),
        trusted_proxies: args
            .trusted_proxies
            .map(|list| list.split(',').map(|item| item.trim().to_owned()).collect::<Vec<_>>())
            .or(file.trusted_proxies)
            .unwrap_or_default()
            .iter()
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse()
                    .with_context(|| format!("trusted_proxies: {item:?} is not an IP address"))
            })
            .collect::<anyhow::Result<_>>()?,
        clock_start: args
            .clock_start
            .or(file.clock_start)
            .map(|text| {
                chrono::DateTime::parse_from_rfc3339(&text)
                    .map(|start| start.with_timezone(&Utc))
                    .with_context(|| format!("clock_start: {text:?} is not an RFC 3339 instant"))
            })
            .transpose()?,
        smtp: file.smtp,
        sms: file.sms,
        signatures: file.signatures,
        channels: file.channels,
        offices: file.queue.and_then(|queue| queue.offices),
    })
}

/// Runs the service until interrupted.
pub fn run(law: Law, law_files: ruqsat_cases::LawFiles, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let args = settings(args)?;
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(serve(law, law_files, args))
}

async fn serve(law: Law, law_files: ruqsat_cases::LawFiles, args: Settings) -> anyhow::Result<ExitCode> {
    let store = crate::store::open(&args.database).await?;
    let clock = match args.clock_start {
        Some(start) => {
            println!("The clock starts at {start} (--clock-start) and runs from there.");
            clock_from(start)
        }
        None => clock(),
    };
    let duty_payment = simulated_duty_payment(&law, &clock);
    let simulator = Simulator::new(SimulatorConfig {
        latency: Duration::from_millis(args.registry_latency_ms),
        failure_rate: args.registry_failure_rate.clamp(0.0, 1.0),
        duty_payment,
        ..SimulatorConfig::default()
    });
    let registries = match &args.registries {
        Some(url) => ruqsat_registries::AnyRegistries::Http(Arc::new(
            ruqsat_registries::HttpRegistries::new(ruqsat_registries::HttpConfig::new(url.clone()))
                .map_err(|error| anyhow::anyhow!("{error}"))
                .context("creating the registry HTTP client")?,
        )),
        None => ruqsat_registries::AnyRegistries::Simulated(Arc::new(simulator)),
    };
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.listen));
    let (sealer, keyring) = crate::keys::load(&args.database, args.demo)?;
    let key_dir = crate::keys::key_dir(&args.database)?;
    let (vds_signer, vds_certificates) =
        crate::vds_keys::load_on(key_dir.as_deref(), args.demo, law.local_date(clock()))?;
    let signatures = crate::esign_keys::load(args.signatures.as_ref(), key_dir.as_deref(), args.demo, clock())?;
    if signatures.trust.is_none() {
        eprintln!(
            "warning: no [signatures] trust_anchors are configured: portal applications are refused (their signatures cannot be verified)"
        );
    }
    let deliveries_out = std::path::Path::new(&args.notifications)
        .with_file_name("ruqsat-deliveries.jsonl")
        .to_string_lossy()
        .into_owned();
    let channels = channels(args.channels.as_ref(), args.demo, &deliveries_out, &clock).await?;
    let offices = match &args.offices {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            ruqsat_cases::queue::Offices::parse(&path.display().to_string(), &text)
                .map_err(|error| anyhow::anyhow!(error))?
        }
        None => ruqsat_cases::queue::Offices::shipped(),
    };
    let state = Service::builder(store, Arc::new(law), registries, clock, Arc::new(random_token), sealer)
        .offices(offices)
        .keyring(keyring)
        .vds(vds_signer, vds_certificates)
        .signatures(signatures)
        .channels(channels)
        .demo(args.demo)
        .sender(sender(
            args.notifications.clone(),
            args.smtp.as_ref(),
            args.sms.as_ref(),
        )?)
        .public_url(&public_url)
        .public_lookups_per_minute(args.public_lookups_per_minute)
        .trusted_proxies(args.trusted_proxies.clone())
        .law_files(law_files)
        .build();
    if args.demo {
        ruqsat_cases::demo::accounts(&state)
            .await
            .context("creating demo accounts")?;
        let empty = state.store.count_by_state().await.context("counting cases")?.is_empty();
        if empty {
            let seeded = ruqsat_cases::demo::seed(&state).await.context("seeding demo cases")?;
            println!("Seeded {seeded} fake cases.");
        }
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("listening on {}", args.listen))?;
    let address = listener.local_addr().context("reading the bound address")?;
    if !args.no_worker {
        // The demo's waiting cases are processed before the banner (for ten seconds at most; a
        // case cut short is taken up again when its lease ends), so that the banner is the last
        // thing a new user sees on the terminal, not buried under the worker's log.
        if args.demo {
            let _ = tokio::time::timeout(Duration::from_secs(10), ruqsat_cases::worker::drain(&state)).await;
        }
        tokio::spawn(ruqsat_cases::worker::run(state.clone()));
        tokio::spawn(ruqsat_cases::monitoring::run_daily(state.clone()));
    }
    println!("Ruqsat listens on http://{address} (database {}).", args.database);
    println!(
        "  Pages: http://{address}/ (portal /portal, officer /officer, State Corporation desk /desk, status /status, verification /verify)"
    );
    println!(
        "  API page: http://{address}/api/docs   OpenAPI: http://{address}/api/openapi.json   health: http://{address}/health"
    );
    if args.demo {
        println!("Demo accounts (Authorization: Bearer TOKEN):");
        for (login, name, role, region, token) in ruqsat_cases::demo::ACCOUNTS {
            println!("  {token:<24} {login:<18} {role:<30} {} {name}", region.unwrap_or("-"));
        }
        println!(
            "Staff can also log in: POST /api/v1/sessions {{\"login\":\"officer.almaty\",\"password\":\"demo-officer-almaty\"}} (demo passwords = tokens)."
        );
    }
    // Graceful shutdown on SIGTERM or Ctrl-C: stop accepting, finish the requests in flight. A
    // case the worker had claimed is taken up again when its lease expires (by any process).
    axum::serve(
        listener,
        ruqsat_web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving HTTP")?;
    println!("Ruqsat stopped: every request in flight was answered.");
    Ok(ExitCode::SUCCESS)
}

/// Resolves on SIGTERM (the service manager's stop) or Ctrl-C.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(error = %error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    println!("Ruqsat stops: finishing the requests in flight.");
}

/// What `ruqsat audit` does.
#[derive(Debug, Clone)]
pub enum AuditTask {
    /// Check the whole chain (and an anchor exported earlier).
    Verify(Option<ruqsat_store::Anchor>),
    /// Print the head (`SEQ:HASH`) to keep outside the database.
    Head,
    /// Seal the head of a log written before the key, once verified.
    Seal,
}

/// `ruqsat audit verify|head|seal`.
pub fn audit(database: &str, task: AuditTask) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        if let Some(path) = database
            .strip_prefix("sqlite://")
            .or_else(|| database.strip_prefix("sqlite:"))
            && !path.contains(":memory:")
            && !std::path::Path::new(path.split('?').next().unwrap_or(path)).exists()
        {
            eprintln!("error: no database at {path}");
            return Ok(ExitCode::from(1));
        }
        let store = crate::store::open(database).await?;
        match task {
            AuditTask::Head => {
                let head = store.audit_head().await.context("reading the audit head")?;
                println!("{head}");
                Ok(ExitCode::SUCCESS)
            }
            AuditTask::Seal => {
                let head = store
                    .seal_legacy_audit()
                    .await
                    .context("sealing the audit log written before the key")?;
                println!("audit head sealed: {head}");
                Ok(ExitCode::SUCCESS)
            }
            AuditTask::Verify(anchor) => match store
                .verify_audit(anchor.as_ref())
                .await
                .context("reading the audit log")?
            {
                Ok(count) => {
                    println!("audit log intact: {count} entries, chain and head verified with the installation's key");
                    Ok(ExitCode::SUCCESS)
                }
                Err(error) => {
                    eprintln!("error: audit log tampered: {error}");
                    Ok(ExitCode::from(1))
                }
            },
        }
    })
}

/// `ruqsat registries serve`: the simulated registries behind their HTTP interface.
/// `ruqsat sms-gateway serve`: the simulated SMS gateway over HTTP.
pub fn sms_gateway_serve(
    listen: &str,
    token_file: Option<&std::path::Path>,
    out: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let token = token_file.map(read_secret).transpose()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        println!(
            "The simulated SMS gateway listens on http://{}/messages (POST with an Idempotency-Key; GET lists).",
            listener.local_addr()?
        );
        axum::serve(listener, ruqsat_registries::sms::SmsSimulator::new(token, out).router())
            .await
            .context("serving HTTP")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// A secret kept in a file (a password, a token): its first line.
/// `ruqsat channels serve`: the simulated receiving systems.
pub fn channels_serve(
    listen: &str,
    secret_file: &std::path::Path,
    out: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let secret = ruqsat_cases::deliveries::Receiver::new("", &read_secret(secret_file)?).secret;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        let address = listener.local_addr()?;
        println!(
            "The simulated receiving systems listen on http://{address}/state_corporation/deliveries and http://{address}/portal/deliveries (GET /received lists)."
        );
        let simulator = ruqsat_registries::channels::ChannelsSimulator::new(&secret, out, clock());
        axum::serve(listener, simulator.router())
            .await
            .context("serving HTTP")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// `[channels]` of the configuration file: the receiving systems.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelsConfig {
    /// The State Corporation's system.
    state_corporation: Option<ReceiverConfig>,
    /// The portal's personal cabinet.
    portal: Option<ReceiverConfig>,
    /// Attempts before a delivery is given up (dead). [default: 10]
    max_attempts: Option<i64>,
}

/// One receiving system.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ReceiverConfig {
    /// The address deliveries are posted to.
    url: String,
    /// The file holding the shared secret of the signatures.
    secret_file: std::path::PathBuf,
}

/// The receivers of the configuration; in a demo without them, the simulated receiving systems
/// started in this process on a loopback port, writing what they receive to `out`.
async fn channels(
    config: Option<&ChannelsConfig>,
    demo: bool,
    out: &str,
    clock: &Clock,
) -> anyhow::Result<ruqsat_cases::deliveries::Channels> {
    use ruqsat_cases::deliveries::{Channels, Receiver};
    let receiver = |config: &Option<ReceiverConfig>| -> anyhow::Result<Option<Receiver>> {
        config
            .as_ref()
            .map(|config| {
                let receiver = Receiver::new(config.url.clone(), &read_secret(&config.secret_file)?);
                if receiver.secret.len() < 16 {
                    anyhow::bail!(
                        "[channels] {}: the secret is shorter than 16 bytes (or `whsec_` with bad base64)",
                        config.secret_file.display()
                    );
                }
                Ok(receiver)
            })
            .transpose()
    };
    let mut channels = match config {
        Some(config) => {
            let mut channels = Channels::new(receiver(&config.state_corporation)?, receiver(&config.portal)?);
            if let Some(attempts) = config.max_attempts {
                channels.max_attempts = attempts.max(1);
            }
            channels
        }
        None => Channels::default(),
    };
    if demo && config.is_none() {
        let secret = random_token();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("listening for the simulated receiving systems")?;
        let address = listener.local_addr()?;
        let simulator =
            ruqsat_registries::channels::ChannelsSimulator::new(secret.as_bytes(), Some(out.into()), clock.clone());
        tokio::spawn(async move { axum::serve(listener, simulator.router()).await });
        channels.state_corporation = Some(Receiver::new(
            format!("http://{address}/state_corporation/deliveries"),
            &secret,
        ));
        channels.portal = Some(Receiver::new(format!("http://{address}/portal/deliveries"), &secret));
        println!("The channels' systems are simulated at http://{address} (what they receive: {out}).");
    }
    Ok(channels)
}

fn read_secret(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text.lines().next().unwrap_or_default().trim().to_owned())
}

/// Where the notifications go: the SMTP server and the SMS gateway of the configuration file,
/// the rest (and everything without them) to the file.
fn sender(
    file: String,
    smtp: Option<&ruqsat_cases::gateways::SmtpConfig>,
    sms: Option<&ruqsat_cases::gateways::SmsConfig>,
) -> anyhow::Result<ruqsat_cases::notify::Sender> {
    let other = ruqsat_cases::notify::Sender::file(file.into());
    if smtp.is_none() && sms.is_none() {
        return Ok(other);
    }
    let email = smtp
        .map(|config| {
            let password = config.password_file.as_deref().map(read_secret).transpose()?;
            ruqsat_cases::gateways::Smtp::new(config, password).map_err(anyhow::Error::msg)
        })
        .transpose()?;
    let sms = sms
        .map(|config| {
            let token = config.token_file.as_deref().map(read_secret).transpose()?;
            ruqsat_cases::gateways::SmsGateway::new(config, token).map_err(anyhow::Error::msg)
        })
        .transpose()?;
    Ok(ruqsat_cases::notify::Sender::Gateways(Box::new(
        ruqsat_cases::notify::Gateways { email, sms, other },
    )))
}

pub fn registries_serve(
    law: &Law,
    listen: &str,
    seed: u64,
    latency_ms: u64,
    (failure_rate, timeout_rate): (f64, f64),
) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let simulator = Arc::new(Simulator::new(SimulatorConfig {
            seed,
            latency: Duration::from_millis(latency_ms),
            failure_rate: failure_rate.clamp(0.0, 1.0),
            timeout_rate: timeout_rate.clamp(0.0, 1.0),
            duty_payment: simulated_duty_payment(law, &clock()),
            ..SimulatorConfig::default()
        }));
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        println!(
            "Simulated registries listen on http://{} (POST /v1/<question>; /v1/admin/outage).",
            listener.local_addr()?
        );
        axum::serve(listener, ruqsat_registries::server::router(simulator))
            .await
            .context("serving HTTP")?;
        Ok(ExitCode::SUCCESS)
    })
}
