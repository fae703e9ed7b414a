//! Ruqsat's application layer: the use cases of the service, between the adapters (the HTTP
//! router of `ruqsat-web`, the `ruqsat` command) and the domain.
//!
//! - [`workflow`]: intake, the registry checks and the engine's proposal, the officer's decision,
//!   the supervisor's signature, delivery, hand-over, revocation of a holder's permit;
//! - [`worker`]: the background checks; [`notify`]: the outbox to applicants;
//! - [`monitoring`]: the daily sweep of permit holders and registry re-checks;
//!   [`feed`]: the border service's crossings; [`reports`]: statistics and legal terms;
//! - [`demo`]: the demo accounts and fake cases; [`actors`]: who acts (roles, staff credentials);
//! - [`Service`]: everything a use case needs, built once ([`Service::builder`]) by `serve`, the
//!   tests and the benchmarks alike.
//!
//! Every change of a case goes through `ruqsat_store::Store::transition` (or `create_case`):
//! the new state, its event with a structured reason, the audit entry and the notifications in one
//! transaction. Errors are [`CaseError`]: worded for the domain, keeping their causes; the
//! adapters decide how to show them.
//!
//! Adding a use case: a function here taking `&Service` and the [`actors::Caller`], checking the
//! caller's role and region first, applying one transition through the store, returning the new
//! row or a [`CaseError`]; then a route in `ruqsat-web` that parses, calls it and renders.
//! Adding a registry: its port in `ruqsat_domain::registries`, its question in
//! `ruqsat_registries::gather` (what the rules need), its simulator, and its name in every locale.
//! Adding an edition of the Rules: see `ruqsat_domain::parameters::RuleSet`.

pub mod accounts;
pub mod actors;
pub mod auditing;
pub mod deliveries;
pub mod demo;
pub mod documents;
pub mod error;
pub mod feed;
pub mod gateways;
pub mod impact;
pub mod limits;
pub mod monitoring;
pub mod notify;
pub mod permits;
pub mod procedure;
pub mod queue;
pub mod records;
pub mod reports;
#[cfg(feature = "testing")]
pub mod testing;
pub mod tracker;
pub mod worker;
pub mod workflow;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use chrono::{DateTime, Utc};
use ruqsat_domain::decide::Law;
use ruqsat_registries::AnyRegistries;
use ruqsat_store::Store;
use tokio::sync::Notify;

pub use error::CaseError;

/// The clock: the only source of "now" in the service (tests pass a fixed one).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The source of new secret tokens (sessions): random in the binary, predictable in tests.
pub type TokenSource = Arc<dyn Fn() -> String + Send + Sync>;

/// Everything a use case needs.
#[derive(Clone)]
pub struct Service {
    /// The database.
    pub store: Store,
    /// The law in force (parameters, editions, calendar).
    pub law: Arc<Law>,
    /// The registries: the in-process simulator, or the HTTP adapter to a registry gateway.
    pub registries: AnyRegistries,
    /// The clock.
    pub clock: Clock,
    /// Wakes the background worker when work arrives.
    pub work: Arc<Notify>,
    /// Request counters for the metrics endpoint.
    pub metrics: Arc<Metrics>,
    /// Where notifications to applicants go.
    pub sender: Arc<notify::Sender>,
    /// New session tokens.
    pub tokens: TokenSource,
    /// The key that seals permits (the QR code's signature).
    pub sealer: Arc<ruqsat_documents::seal::Sealer>,
    /// The public keys that verify this installation's seals, the current one and every earlier
    /// one (published at `/api/v1/permit-keys`).
    pub keyring: Arc<ruqsat_documents::seal::Keyring>,
    /// The signer of the permits' ICAO visible digital seal (the DataMatrix), when configured.
    pub vds: Option<Arc<ruqsat_documents::vds::pki::VdsSigner>>,
    /// The certificates that verify the visible digital seals: the country signing CA and every
    /// signer (published at `/api/v1/permit-certificates`).
    pub vds_certificates: Arc<ruqsat_documents::vds::pki::Certificates>,
    /// How the applicants' electronic signatures of portal applications are verified (and, in a
    /// demo, made).
    pub signatures: Arc<Signatures>,
    /// The channels' systems that hear of their cases (`deliveries`).
    pub channels: Arc<deliveries::Channels>,
    /// The digital documents service (simulated): identity at hand-over by a one-time code.
    pub digital_documents: ruqsat_registries::digital_documents::DigitalDocuments,
    /// A demonstration installation: the applicant's side of the simulated services is offered
    /// on the public pages (the digital document's code).
    pub demo: bool,
    /// The address at which the public reaches this service (the QR code points there).
    pub public_url: Arc<str>,
    /// The rate limit of lookups of personal data per client address on the public routes.
    pub lookups: Arc<limits::PublicLimiter>,
    /// The reverse proxies whose `X-Forwarded-For` names the client (sign-in counters and rate
    /// limits per client address); none by default.
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// The installation's law files over the shipped ones (name, content), parameters then
    /// calendar: a draft amendment is assessed on top of them (`impact`).
    pub law_files: Arc<LawFiles>,
    /// The offices of the electronic queue (`queue`).
    pub offices: Arc<queue::Offices>,
}

/// The verification of applicants' electronic signatures (`ruqsat_documents::esign`): the trust
/// anchors, intermediates and revocation lists of the national certification authority, and in a
/// demo the demo applicant's key, with which the demo portal signs for the applicant.
#[derive(Debug, Default)]
pub struct Signatures {
    /// What verifies signatures; `None`: portal applications are refused (nothing can be verified).
    pub trust: Option<ruqsat_documents::esign::TrustStore>,
    /// The demo portal's signer (the applicant's signing tool in a demo).
    pub demo: Option<ruqsat_documents::esign::DemoSigner>,
    /// Whether a certificate without an IIN may sign (a demo's or a test's authority): the
    /// national authority names every person by IIN, which must be the applicant's.
    pub without_iin: bool,
}

/// The installation's override files of the law (name and content of each).
#[derive(Debug, Clone, Default)]
pub struct LawFiles {
    /// Parameter files.
    pub parameters: Vec<(String, String)>,
    /// Calendar files.
    pub calendar: Vec<(String, String)>,
}

impl LawFiles {
    /// The law of these files with `draft_parameters` and `draft_calendar` (name, content) over
    /// them.
    pub fn with_draft(
        &self,
        draft_parameters: Option<(&str, &str)>,
        draft_calendar: Option<(&str, &str)>,
    ) -> Result<Law, ruqsat_contract::LawFileError> {
        let pairs = |files: &[(String, String)], draft: Option<(&str, &str)>| -> Vec<(String, String)> {
            let mut pairs = files.to_vec();
            pairs.extend(draft.map(|(name, text)| (name.to_owned(), text.to_owned())));
            pairs
        };
        let parameters = pairs(&self.parameters, draft_parameters);
        let calendar = pairs(&self.calendar, draft_calendar);
        let parameters: Vec<(&str, &str)> = parameters
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        let calendar: Vec<(&str, &str)> = calendar
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        ruqsat_contract::load_law(&parameters, &calendar)
    }
}

/// Counters exported on `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Applications submitted (new cases).
    pub applications: AtomicU64,
    /// Status lookups.
    pub status_lookups: AtomicU64,
    /// Permit verifications.
    pub verifications: AtomicU64,
    /// Cases processed by the worker.
    pub processed: AtomicU64,
}

/// Builds a [`Service`] from what only the binary (or a test) can give: the store, the law, the
/// registries, the clock, the source of session tokens and the permits' seal. Where
/// notifications go and the public address have defaults (the log; the default listen address).
pub struct ServiceBuilder {
    service: Service,
}

impl Service {
    /// Starts building a service.
    pub fn builder(
        store: Store,
        law: Arc<Law>,
        registries: AnyRegistries,
        clock: Clock,
        tokens: TokenSource,
        sealer: ruqsat_documents::seal::Sealer,
    ) -> ServiceBuilder {
        ServiceBuilder {
            service: Service {
                store,
                law,
                registries,
                clock,
                work: Arc::new(Notify::new()),
                metrics: Arc::new(Metrics::default()),
                sender: Arc::new(notify::Sender::Log),
                tokens,
                keyring: Arc::new(ruqsat_documents::seal::Keyring::of(sealer.public_key())),
                sealer: Arc::new(sealer),
                vds: None,
                vds_certificates: Arc::new(ruqsat_documents::vds::pki::Certificates::default()),
                signatures: Arc::new(Signatures::default()),
                channels: Arc::new(deliveries::Channels::default()),
                digital_documents: ruqsat_registries::digital_documents::DigitalDocuments::default(),
                demo: false,
                public_url: Arc::from("http://127.0.0.1:8080"),
                lookups: Arc::new(limits::PublicLimiter::new(20)),
                trusted_proxies: Arc::from(Vec::new()),
                law_files: Arc::new(LawFiles::default()),
                offices: Arc::new(queue::Offices::shipped()),
            },
        }
    }
}

impl ServiceBuilder {
    /// A demonstration installation (the applicant's side of the simulated services is offered).
    pub fn demo(mut self, demo: bool) -> Self {
        self.service.demo = demo;
        self
    }

    /// The channels' systems that hear of their cases.
    pub fn channels(mut self, channels: deliveries::Channels) -> Self {
        self.service.channels = Arc::new(channels);
        self
    }

    /// How applicants' signatures are verified (and, in a demo, made).
    pub fn signatures(mut self, signatures: Signatures) -> Self {
        self.service.signatures = Arc::new(signatures);
        self
    }

    /// Where notifications go.
    pub fn sender(mut self, sender: notify::Sender) -> Self {
        self.service.sender = Arc::new(sender);
        self
    }

    /// The signer of the visible digital seal and the published certificates (which must
    /// verify its seals).
    pub fn vds(
        mut self,
        signer: ruqsat_documents::vds::pki::VdsSigner,
        certificates: ruqsat_documents::vds::pki::Certificates,
    ) -> Self {
        self.service.vds = Some(Arc::new(signer));
        self.service.vds_certificates = Arc::new(certificates);
        self
    }

    /// The published public keys (after a rotation: every earlier key too). Must contain the
    /// sealer's key.
    pub fn keyring(mut self, keyring: ruqsat_documents::seal::Keyring) -> Self {
        self.service.keyring = Arc::new(keyring);
        self
    }

    /// Lookups of personal data per client address and minute on the public routes, after a
    /// burst of [`limits::PUBLIC_BURST`] (20 by default; 0: no limit, for a load test or behind
    /// a proxy that limits).
    pub fn public_lookups_per_minute(mut self, per_minute: u32) -> Self {
        self.service.lookups = Arc::new(limits::PublicLimiter::new(per_minute));
        self
    }

    /// The reverse proxies in front of the service, whose `X-Forwarded-For` is believed.
    pub fn trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> Self {
        self.service.trusted_proxies = Arc::from(proxies);
        self
    }

    /// The public address of the service (the permits' QR code points there).
    pub fn public_url(mut self, url: &str) -> Self {
        self.service.public_url = Arc::from(url);
        self
    }

    /// The installation's law files (the law in force was loaded from them).
    pub fn law_files(mut self, files: LawFiles) -> Self {
        self.service.law_files = Arc::new(files);
        self
    }

    /// The offices of the electronic queue (the shipped sample offices by default).
    pub fn offices(mut self, offices: queue::Offices) -> Self {
        self.service.offices = Arc::new(offices);
        self
    }

    /// The service.
    pub fn build(self) -> Service {
        self.service
    }
}
