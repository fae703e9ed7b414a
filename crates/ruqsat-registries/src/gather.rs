//! Asking the registries a case needs, concurrently, with a log line per query (as in X-Road:
//! who asked, for which case, why, on which legal basis, when, and a digest of the answer).

use std::fmt::Debug;
use std::time::Instant;

use ruqsat_domain::application::{Application, DutyPayment, IinFound, RegistryFacts};
use ruqsat_domain::decision::Registry;
use ruqsat_domain::registries::{
    Answer, BorderCrossings, CitizenshipRecords, CourtRecords, CriminalRecords, DutyPayments, FingerprintRegistry,
    IinRegistry, MigrationRecords, SecurityService, Subject,
};
use sha2::{Digest, Sha256};

/// Who asks and for which case, as X-Road messages say it (`userId`: the official, or the part of
/// Ruqsat acting for the police body; `issue`: the case's number): set around a case's queries
/// with [`within`], sent by the HTTP adapter as `X-Road-UserId` and `X-Road-Issue`, and kept in
/// the query log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryContext {
    /// The official (a login), or `ruqsat:…` for the system acting for the police body.
    pub user_id: String,
    /// The case (its application number).
    pub issue: String,
}

tokio::task_local! {
    static CONTEXT: QueryContext;
}

/// Runs `work` (a case's queries) with `context`.
pub async fn within<F: std::future::Future>(context: QueryContext, work: F) -> F::Output {
    CONTEXT.scope(context, work).await
}

/// The context of the queries being made, if any.
pub fn context() -> Option<QueryContext> {
    CONTEXT.try_with(Clone::clone).ok()
}

/// Every registry port, for the adapters that implement them all.
pub trait RegistryRead:
    BorderCrossings
    + CriminalRecords
    + IinRegistry
    + FingerprintRegistry
    + MigrationRecords
    + DutyPayments
    + SecurityService
    + CourtRecords
    + CitizenshipRecords
    + Sync
{
}

impl<T> RegistryRead for T where
    T: BorderCrossings
        + CriminalRecords
        + IinRegistry
        + FingerprintRegistry
        + MigrationRecords
        + DutyPayments
        + SecurityService
        + CourtRecords
        + CitizenshipRecords
        + Sync
{
}

/// One registry query, for the log and for the applicant's view of who was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Which registry (a stable name, e.g. `border`).
    pub registry: &'static str,
    /// Why it was asked (the check or ground).
    pub purpose: &'static str,
    /// The legal basis of the query, as a code (`rules992-p9_1-2`...), named in each language by
    /// the message `basis-CODE` of `ruqsat-i18n`.
    pub legal_basis: &'static str,
    /// Whether it answered.
    pub answered: bool,
    /// SHA-256 of the answer (hex), or of the error.
    pub digest: String,
    /// How long it took, in milliseconds.
    pub millis: u64,
}

fn record<T: Debug>(
    queries: &mut Vec<Query>,
    registry: &'static str,
    purpose: &'static str,
    legal_basis: &'static str,
    started: Instant,
    answer: &Answer<T>,
) {
    let digest = Sha256::digest(format!("{answer:?}").as_bytes());
    queries.push(Query {
        registry,
        purpose,
        legal_basis,
        answered: answer.is_ok(),
        digest: digest.iter().map(|byte| format!("{byte:02x}")).collect(),
        millis: started.elapsed().as_millis() as u64,
    });
}

/// The names under which queries are logged, one per registry asked (the status page names
/// them in the applicant's language).
pub const QUERIED_REGISTRIES: [&str; 12] = [
    "admin_offences",
    "border",
    "citizenship",
    "courts",
    "criminal",
    "domestic_work_trps",
    "duty_payments",
    "expulsions",
    "fingerprints",
    "iin",
    "prp_applications",
    "security",
];

/// Asks the registries this application needs, concurrently; what did not answer stays `None`
/// (the engine then says `pending`). Returns the facts and one log entry per query.
pub async fn gather<R: RegistryRead>(registries: &R, application: &Application) -> (RegistryFacts, Vec<Query>) {
    let applicant = Subject::of(&application.applicant);
    // What to ask is the law's (`ruqsat_domain::registries::needed`); this only executes it.
    let needed = ruqsat_domain::registries::needed(application);
    let domestic_employer = needed.domestic_employer;
    let prp_applicant = needed.asks(Registry::PrpApplications);
    let started = Instant::now();

    let iin_answers = async {
        let applicant_found = match application.applicant.iin {
            Some(iin) => registries.iin_registered(iin).await,
            None => Ok(false),
        };
        let mut family = Vec::with_capacity(application.family_members.len());
        for member in &application.family_members {
            family.push(match member.person.iin {
                Some(iin) => registries.iin_registered(iin).await,
                None => Ok(false),
            });
        }
        (applicant_found, family)
    };
    let (border, criminal, offences, (iin_applicant, iin_family), fingerprints) = tokio::join!(
        registries.border_facts(&applicant),
        registries.criminal_facts(&applicant),
        registries.admin_offences(&applicant),
        iin_answers,
        registries.fingerprints_registered(&applicant),
    );
    let (domestic, prp_application, expelled, security, lost, deprived, marriage, duty) = tokio::join!(
        async {
            match domestic_employer {
                Some(employer) => Some(registries.domestic_work_trps(employer).await),
                None => None,
            }
        },
        async {
            if prp_applicant {
                Some(registries.prp_application_exists(&applicant).await)
            } else {
                None
            }
        },
        async {
            if needed.asks(Registry::Expulsions) {
                Some(registries.expelled_on(&applicant).await)
            } else {
                None
            }
        },
        async {
            if needed.asks(Registry::Security) {
                Some(registries.security_flags(&applicant).await)
            } else {
                None
            }
        },
        async {
            if needed.asks(Registry::CitizenshipLost) {
                Some(registries.citizenship_lost_art21(&applicant).await)
            } else {
                None
            }
        },
        async {
            if needed.asks(Registry::CitizenshipDeprived) {
                Some(registries.citizenship_deprived_art20_1(&applicant).await)
            } else {
                None
            }
        },
        async {
            if needed.asks(Registry::Courts) {
                Some(registries.marriage_annulled(&applicant).await)
            } else {
                None
            }
        },
        async {
            if needed.asks(Registry::DutyPayments) {
                Some(registries.duty_payment(&applicant).await)
            } else {
                None
            }
        },
    );

    let mut queries = Vec::with_capacity(16);
    let mut facts = RegistryFacts::default();
    record(&mut queries, "border", "chk.2", "rules992-p9_1-2", started, &border);
    facts.border = border.ok();
    record(&mut queries, "criminal", "chk.3", "rules992-p9_1-3", started, &criminal);
    facts.criminal = criminal.ok();
    record(
        &mut queries,
        "admin_offences",
        "chk.3",
        "rules992-p9_1-3",
        started,
        &offences,
    );
    facts.admin_offences = offences.ok();
    let family_answers: Result<Vec<bool>, _> = iin_family.into_iter().collect();
    let iin_answer = iin_applicant.and_then(|applicant| family_answers.map(|family| IinFound { applicant, family }));
    record(&mut queries, "iin", "chk.4", "rules992-p9_1-4", started, &iin_answer);
    facts.iin_found = iin_answer.ok();
    record(
        &mut queries,
        "fingerprints",
        "chk.7",
        "rules992-p9_1-7",
        started,
        &fingerprints,
    );
    facts.fingerprints_registered = fingerprints.ok();
    if let Some(answer) = domestic {
        record(
            &mut queries,
            "domestic_work_trps",
            "chk.5",
            "migration-art43_2-p5",
            started,
            &answer,
        );
        facts.employer_domestic_trps = answer.ok();
    }
    if let Some(answer) = prp_application {
        record(
            &mut queries,
            "prp_applications",
            "chk.6",
            "rules992-p9_1-6",
            started,
            &answer,
        );
        facts.prp_application_exists = answer.ok();
    }
    if let Some(answer) = expelled {
        record(
            &mut queries,
            "expulsions",
            "art49.13",
            "migration-art49-13",
            started,
            &answer,
        );
        facts.expelled_on = answer.ok();
    }
    if let Some(answer) = security {
        record(
            &mut queries,
            "security",
            "art49.10, art49.18",
            "migration-art49-10-18",
            started,
            &answer,
        );
        facts.security_flags = answer.ok();
    }
    if let Some(answer) = lost {
        record(
            &mut queries,
            "citizenship",
            "art49.20",
            "migration-art49-20",
            started,
            &answer,
        );
        facts.citizenship_lost_art21 = answer.ok();
    }
    if let Some(answer) = deprived {
        record(
            &mut queries,
            "citizenship",
            "art49.21",
            "migration-art49-21",
            started,
            &answer,
        );
        facts.citizenship_deprived_art20_1 = answer.ok();
    }
    if let Some(answer) = marriage {
        record(
            &mut queries,
            "courts",
            "art49.16",
            "migration-art49-16",
            started,
            &answer,
        );
        facts.marriage_annulled = answer.ok();
    }
    if let Some(answer) = duty {
        record(
            &mut queries,
            "duty_payments",
            "state duty",
            "rules992-app3-6-tax",
            started,
            &answer,
        );
        // "No payment found" is an answer: nothing paid, on the submission date (underpaid).
        let submitted_on = application.submitted_at.date_naive();
        facts.duty_payment = answer.ok().map(|payment| {
            payment.unwrap_or(DutyPayment {
                amount_kzt: 0,
                paid_on: submitted_on,
            })
        });
    }
    (facts, queries)
}

/// Asks the registries what the monitoring of a PRP holder needs (convictions, administrative
/// offences, expulsions; Art. 49 p.1 sub. 9, 13, 17 of the Law on Population Migration),
/// concurrently; `None` unless all three answered (nothing is found on missing facts). Returns
/// one log entry per query.
pub async fn holder_facts<R: RegistryRead>(
    registries: &R,
    holder: &Subject,
) -> (Option<ruqsat_domain::holders::HolderFacts>, Vec<Query>) {
    let started = Instant::now();
    let (criminal, offences, expelled) = tokio::join!(
        registries.criminal_facts(holder),
        registries.admin_offences(holder),
        registries.expelled_on(holder),
    );
    const BASIS: &str = "migration-art49-p1";
    let mut queries = Vec::with_capacity(3);
    record(&mut queries, "criminal", "art49.9", BASIS, started, &criminal);
    record(&mut queries, "admin_offences", "art49.17", BASIS, started, &offences);
    record(&mut queries, "expulsions", "art49.13", BASIS, started, &expelled);
    let facts = match (criminal, offences, expelled) {
        (Ok(criminal), Ok(offences), Ok(expelled_on)) => Some(ruqsat_domain::holders::HolderFacts {
            criminal,
            offences,
            expelled_on,
        }),
        _ => None,
    };
    (facts, queries)
}
