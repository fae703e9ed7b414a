//! The HTTP/JSON adapter of the registries: each question a `POST` to the registry gateway, with
//! a timeout, retries with exponential back-off, and a circuit breaker that fails fast after
//! repeated failures (so that an outage costs nothing but a pending case).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ruqsat_domain::application::{AdminOffence, BorderFacts, CriminalFacts, DutyPayment};
use ruqsat_domain::codes::SecurityFlag;
use ruqsat_domain::ids::Iin;
use ruqsat_domain::registries::{
    Answer, BorderCrossings, CitizenshipRecords, CourtRecords, CriminalRecords, DutyPayments, Employer,
    FingerprintRegistry, IinRegistry, LabourContracts, MigrationRecords, RegistryError, SecurityService, Subject,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::wire::{
    BorderWire, Count, CriminalWire, EmployerWire, Flag, FlagsWire, IinWire, MaybeDate, OffenceWire, PaymentWire,
    SubjectWire, flags_from_wire, offences_from_wire, payment_from_wire,
};

/// How the adapter behaves.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Base URL of the registry gateway, e.g. `http://127.0.0.1:8090`.
    pub base_url: String,
    /// Timeout of one request.
    pub timeout: Duration,
    /// Attempts per question (1 = no retry).
    pub attempts: u32,
    /// Back-off before the first retry; doubled each time.
    pub backoff: Duration,
    /// Consecutive failures that open the circuit.
    pub failure_threshold: u32,
    /// How long the circuit stays open.
    pub open_for: Duration,
}

impl HttpConfig {
    /// Sensible defaults for a gateway at `base_url`.
    pub fn new(base_url: impl Into<String>) -> Self {
        HttpConfig {
            base_url: base_url.into(),
            timeout: Duration::from_secs(2),
            attempts: 3,
            backoff: Duration::from_millis(50),
            failure_threshold: 5,
            open_for: Duration::from_secs(30),
        }
    }
}

#[derive(Debug, Default)]
struct Breaker {
    // Invariant: consecutive failures since the last success.
    failures: u32,
    open_until: Option<Instant>,
}

/// The registries over HTTP.
#[derive(Debug)]
pub struct HttpRegistries {
    config: HttpConfig,
    client: reqwest::Client,
    breaker: Mutex<Breaker>,
}

impl HttpRegistries {
    /// An adapter with `config`.
    pub fn new(config: HttpConfig) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|error| error.to_string())?;
        Ok(HttpRegistries {
            config,
            client,
            breaker: Mutex::new(Breaker::default()),
        })
    }

    /// Whether the circuit is open now (questions fail fast).
    pub fn circuit_open(&self) -> bool {
        let breaker = self
            .breaker
            .lock()
            .expect("invariant: the lock is never poisoned (no panics inside)");
        breaker.open_until.is_some_and(|until| Instant::now() < until)
    }

    fn record(&self, success: bool) {
        let mut breaker = self
            .breaker
            .lock()
            .expect("invariant: the lock is never poisoned (no panics inside)");
        if success {
            *breaker = Breaker::default();
        } else {
            breaker.failures += 1;
            if breaker.failures >= self.config.failure_threshold {
                breaker.open_until = Some(Instant::now() + self.config.open_for);
                tracing::warn!(failures = breaker.failures, "registry circuit opened");
            }
        }
    }

    async fn ask<Q: Serialize + Sync, A: DeserializeOwned>(
        &self,
        registry: &'static str,
        question: &str,
        body: &Q,
    ) -> Answer<A> {
        if self.circuit_open() {
            return Err(RegistryError::Unavailable {
                registry,
                detail: "circuit open after repeated failures".into(),
            });
        }
        let url = format!("{}/v1/{question}", self.config.base_url.trim_end_matches('/'));
        let mut delay = self.config.backoff;
        let mut last = RegistryError::Timeout { registry };
        for attempt in 0..self.config.attempts.max(1) {
            if attempt > 0 {
                tokio::time::sleep(delay).await;
                delay *= 2;
            }
            let mut request = self.client.post(&url).json(body);
            // As X-Road: who asks, for which case (never absent: see `crate::within`).
            if let Some(context) = crate::context() {
                request = request
                    .header("X-Road-UserId", context.user_id)
                    .header("X-Road-Issue", context.issue);
            }
            match request.send().await {
                Ok(response) if response.status().is_success() => match response.json::<A>().await {
                    Ok(answer) => {
                        self.record(true);
                        return Ok(answer);
                    }
                    Err(error) => {
                        last = RegistryError::Unavailable {
                            registry,
                            detail: format!("unreadable answer: {error}"),
                        }
                    }
                },
                Ok(response) => {
                    last = RegistryError::Unavailable {
                        registry,
                        detail: format!("HTTP {}", response.status()),
                    }
                }
                Err(error) if error.is_timeout() => last = RegistryError::Timeout { registry },
                Err(error) => {
                    last = RegistryError::Unavailable {
                        registry,
                        detail: error.to_string(),
                    }
                }
            }
        }
        self.record(false);
        Err(last)
    }

    async fn ask_subject<A: DeserializeOwned>(
        &self,
        registry: &'static str,
        question: &str,
        subject: &Subject,
    ) -> Answer<A> {
        self.ask(registry, question, &SubjectWire::from_subject(subject)).await
    }
}

fn unreadable(registry: &'static str, detail: String) -> RegistryError {
    RegistryError::Unavailable { registry, detail }
}

impl BorderCrossings for HttpRegistries {
    async fn border_facts(&self, subject: &Subject) -> Answer<BorderFacts> {
        self.ask_subject::<BorderWire>("border", "border_facts", subject)
            .await
            .map(BorderFacts::from)
    }
}

impl CriminalRecords for HttpRegistries {
    async fn criminal_facts(&self, subject: &Subject) -> Answer<CriminalFacts> {
        self.ask_subject::<CriminalWire>("criminal", "criminal_facts", subject)
            .await
            .map(CriminalFacts::from)
    }

    async fn admin_offences(&self, subject: &Subject) -> Answer<Vec<AdminOffence>> {
        let wire = self
            .ask_subject::<Vec<OffenceWire>>("criminal", "admin_offences", subject)
            .await?;
        offences_from_wire(wire).map_err(|detail| unreadable("criminal", detail))
    }
}

impl IinRegistry for HttpRegistries {
    async fn iin_registered(&self, iin: Iin) -> Answer<bool> {
        self.ask::<_, Flag>("iin", "iin_registered", &IinWire { iin: iin.to_string() })
            .await
            .map(|flag| flag.answer)
    }
}

impl FingerprintRegistry for HttpRegistries {
    async fn fingerprints_registered(&self, subject: &Subject) -> Answer<bool> {
        self.ask_subject::<Flag>("fingerprints", "fingerprints_registered", subject)
            .await
            .map(|flag| flag.answer)
    }
}

impl MigrationRecords for HttpRegistries {
    async fn domestic_work_trps(&self, employer: Employer) -> Answer<u32> {
        self.ask::<_, Count>(
            "migration",
            "domestic_work_trps",
            &EmployerWire::from_employer(employer),
        )
        .await
        .map(|count| count.count)
    }

    async fn prp_application_exists(&self, subject: &Subject) -> Answer<bool> {
        self.ask_subject::<Flag>("migration", "prp_application_exists", subject)
            .await
            .map(|flag| flag.answer)
    }

    async fn expelled_on(&self, subject: &Subject) -> Answer<Option<NaiveDate>> {
        self.ask_subject::<MaybeDate>("migration", "expelled_on", subject)
            .await
            .map(|answer| answer.date)
    }
}

impl LabourContracts for HttpRegistries {
    async fn contract_registered(&self, subject: &Subject) -> Answer<bool> {
        self.ask_subject::<Flag>("labour_contracts", "contract_registered", subject)
            .await
            .map(|flag| flag.answer)
    }
}

impl DutyPayments for HttpRegistries {
    async fn duty_payment(&self, subject: &Subject) -> Answer<Option<DutyPayment>> {
        self.ask_subject::<PaymentWire>("duty_payments", "duty_payment", subject)
            .await
            .map(payment_from_wire)
    }
}

impl SecurityService for HttpRegistries {
    async fn security_flags(&self, subject: &Subject) -> Answer<Vec<SecurityFlag>> {
        let wire = self
            .ask_subject::<FlagsWire>("security", "security_flags", subject)
            .await?;
        flags_from_wire(wire).map_err(|detail| unreadable("security", detail))
    }
}

impl CourtRecords for HttpRegistries {
    async fn marriage_annulled(&self, subject: &Subject) -> Answer<bool> {
        self.ask_subject::<Flag>("courts", "marriage_annulled", subject)
            .await
            .map(|flag| flag.answer)
    }
}

impl CitizenshipRecords for HttpRegistries {
    async fn citizenship_lost_art21(&self, subject: &Subject) -> Answer<bool> {
        self.ask_subject::<Flag>("citizenship", "citizenship_lost_art21", subject)
            .await
            .map(|flag| flag.answer)
    }

    async fn citizenship_deprived_art20_1(&self, subject: &Subject) -> Answer<bool> {
        self.ask_subject::<Flag>("citizenship", "citizenship_deprived_art20_1", subject)
            .await
            .map(|flag| flag.answer)
    }
}
