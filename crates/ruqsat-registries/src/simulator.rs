//! An in-process simulator of every registry, for tests, demos and load tests.
//!
//! The population is deterministic: the answer about a person is derived from a hash of the
//! seed, the registry and the passport number, with realistic rates (most people are clean).
//! Passport numbers may force an answer, for demos and tests: a number containing `WANTED`,
//! `ILLEGAL`, `NOFP` (no fingerprints), `EXPEL`, `CONVICT`, `OFFENCE`, `SECURITY` or `NOPRP`
//! (no PRP application) gets that fact. Registries can be taken down (all queries fail) and a
//! failure rate and a latency can be set.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use ruqsat_domain::application::{AdminOffence, BorderFacts, CriminalFacts, DutyPayment};
use ruqsat_domain::codes::{OffenceArea, SecurityFlag};
use ruqsat_domain::ids::Iin;
use ruqsat_domain::registries::{
    Answer, BorderCrossings, CitizenshipRecords, CourtRecords, CriminalRecords, DutyPayments, Employer,
    FingerprintRegistry, IinRegistry, LabourContracts, MigrationRecords, RegistryError, SecurityService, Subject,
};
use sha2::{Digest, Sha256};

/// How the simulator behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatorConfig {
    /// Seed of the population.
    pub seed: u64,
    /// Delay before every answer.
    pub latency: Duration,
    /// Share of queries that fail at once (0.0 to 1.0), spread over the queries by a hash of
    /// their counter (deterministic, but never a burst of consecutive failures by design).
    pub failure_rate: f64,
    /// Share of queries that hang for [`SimulatorConfig::hang`] and then fail as timed out
    /// (a client with a shorter timeout gives up first).
    pub timeout_rate: f64,
    /// How long a hanging query hangs.
    pub hang: Duration,
    /// The PRP state duty the simulated payments carry, and their date.
    pub duty_payment: Option<DutyPayment>,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        SimulatorConfig {
            seed: 2024,
            latency: Duration::ZERO,
            failure_rate: 0.0,
            timeout_rate: 0.0,
            hang: Duration::from_secs(5),
            duty_payment: None,
        }
    }
}

/// Every registry, simulated.
#[derive(Debug)]
pub struct Simulator {
    config: SimulatorConfig,
    // Invariant: names of registries that are down (every query fails).
    down: Mutex<HashSet<&'static str>>,
    queries: AtomicU64,
}

/// Names of the simulated registries.
pub const REGISTRIES: [&str; 10] = [
    "border",
    "criminal",
    "iin",
    "fingerprints",
    "migration",
    "labour_contracts",
    "duty_payments",
    "security",
    "courts",
    "citizenship",
];

impl Simulator {
    /// A simulator with `config`.
    pub fn new(config: SimulatorConfig) -> Self {
        Simulator {
            config,
            down: Mutex::new(HashSet::new()),
            queries: AtomicU64::new(0),
        }
    }

    /// Takes a registry down (`true`) or brings it back (`false`).
    pub fn set_down(&self, registry: &'static str, down: bool) {
        let mut set = self
            .down
            .lock()
            .expect("invariant: the lock is never poisoned (no panics inside)");
        if down {
            set.insert(registry);
        } else {
            set.remove(registry);
        }
    }

    /// How many queries were answered or refused so far.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    async fn answer<T>(&self, registry: &'static str, compute: impl FnOnce() -> T) -> Answer<T> {
        let count = self.queries.fetch_add(1, Ordering::Relaxed);
        if !self.config.latency.is_zero() {
            tokio::time::sleep(self.config.latency).await;
        }
        let down = self
            .down
            .lock()
            .expect("invariant: the lock is never poisoned (no panics inside)")
            .contains(registry);
        if down {
            return Err(RegistryError::Unavailable {
                registry,
                detail: "simulated outage".to_owned(),
            });
        }
        if self.config.failure_rate > 0.0 || self.config.timeout_rate > 0.0 {
            let slot = (spread(count ^ self.config.seed) % 1000) as f64 / 1000.0;
            if slot < self.config.failure_rate {
                return Err(RegistryError::Unavailable {
                    registry,
                    detail: "simulated failure".to_owned(),
                });
            }
            if slot < self.config.failure_rate + self.config.timeout_rate {
                tokio::time::sleep(self.config.hang).await;
                return Err(RegistryError::Timeout { registry });
            }
        }
        Ok(compute())
    }

    /// A number in 0..10_000 for this person and question: the same every time.
    fn draw(&self, question: &str, key: &str) -> u32 {
        let digest = Sha256::digest(format!("{}:{question}:{key}", self.config.seed).as_bytes());
        u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 10_000
    }

    fn has(&self, subject: &Subject, marker: &str, question: &str, per_ten_thousand: u32) -> bool {
        subject.passport_number.to_ascii_uppercase().contains(marker)
            || self.draw(question, &subject.passport_number) < per_ten_thousand
    }
}

/// SplitMix64: spreads a counter over 64 bits.
fn spread(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl BorderCrossings for Simulator {
    async fn border_facts(&self, subject: &Subject) -> Answer<BorderFacts> {
        self.answer("border", || BorderFacts {
            illegal_entry: self.has(subject, "ILLEGAL", "illegal_entry", 50),
        })
        .await
    }
}

impl CriminalRecords for Simulator {
    async fn criminal_facts(&self, subject: &Subject) -> Answer<CriminalFacts> {
        self.answer("criminal", || CriminalFacts {
            wanted: self.has(subject, "WANTED", "wanted", 30),
            unexpunged_conviction: self.has(subject, "CONVICT", "conviction", 60),
            unexecuted_obligations: self.has(subject, "UNEXECUTED", "obligations", 30),
            court_ban_on_service: self.has(subject, "COURTBAN", "court_ban", 10),
            released_from_prison_nonresident: self.has(subject, "RELEASED", "released", 10),
        })
        .await
    }

    async fn admin_offences(&self, subject: &Subject) -> Answer<Vec<AdminOffence>> {
        self.answer("criminal", || {
            if self.has(subject, "OFFENCE", "offence", 200) {
                let on = NaiveDate::from_ymd_opt(2024, 6, 1).expect("invariant: a valid date");
                vec![AdminOffence {
                    area: OffenceArea::Migration,
                    on,
                }]
            } else {
                Vec::new()
            }
        })
        .await
    }
}

impl IinRegistry for Simulator {
    async fn iin_registered(&self, iin: Iin) -> Answer<bool> {
        let key = iin.to_string();
        self.answer("iin", || self.draw("iin", &key) >= 20).await
    }
}

impl FingerprintRegistry for Simulator {
    async fn fingerprints_registered(&self, subject: &Subject) -> Answer<bool> {
        self.answer("fingerprints", || !self.has(subject, "NOFP", "no_fingerprints", 100))
            .await
    }
}

impl MigrationRecords for Simulator {
    async fn domestic_work_trps(&self, employer: Employer) -> Answer<u32> {
        let key = match employer {
            Employer::Individual(iin) => iin.to_string(),
            Employer::LegalEntity(bin) => bin.to_string(),
        };
        self.answer("migration", || self.draw("domestic_work_trps", &key) % 4)
            .await
    }

    async fn prp_application_exists(&self, subject: &Subject) -> Answer<bool> {
        self.answer("migration", || {
            !subject.passport_number.to_ascii_uppercase().contains("NOPRP")
        })
        .await
    }

    async fn expelled_on(&self, subject: &Subject) -> Answer<Option<NaiveDate>> {
        self.answer("migration", || {
            self.has(subject, "EXPEL", "expelled", 40)
                .then(|| NaiveDate::from_ymd_opt(2023, 3, 1).expect("invariant: a valid date"))
        })
        .await
    }
}

impl LabourContracts for Simulator {
    async fn contract_registered(&self, subject: &Subject) -> Answer<bool> {
        self.answer("labour_contracts", || {
            !self.has(subject, "NOCONTRACT", "no_contract", 300)
        })
        .await
    }
}

impl DutyPayments for Simulator {
    async fn duty_payment(&self, subject: &Subject) -> Answer<Option<DutyPayment>> {
        self.answer("duty_payments", || {
            if subject.passport_number.to_ascii_uppercase().contains("UNPAID") {
                None
            } else {
                self.config.duty_payment
            }
        })
        .await
    }
}

impl SecurityService for Simulator {
    async fn security_flags(&self, subject: &Subject) -> Answer<Vec<SecurityFlag>> {
        self.answer("security", || {
            if self.has(subject, "SECURITY", "security", 5) {
                vec![SecurityFlag::NationalSecurityThreat]
            } else {
                Vec::new()
            }
        })
        .await
    }
}

impl CourtRecords for Simulator {
    async fn marriage_annulled(&self, subject: &Subject) -> Answer<bool> {
        self.answer("courts", || self.has(subject, "ANNULLED", "marriage", 5))
            .await
    }
}

impl CitizenshipRecords for Simulator {
    async fn citizenship_lost_art21(&self, subject: &Subject) -> Answer<bool> {
        self.answer("citizenship", || self.has(subject, "LOST", "lost", 5))
            .await
    }

    async fn citizenship_deprived_art20_1(&self, subject: &Subject) -> Answer<bool> {
        self.answer("citizenship", || self.has(subject, "DEPRIVED", "deprived", 2))
            .await
    }
}

#[cfg(test)]
mod tests;
