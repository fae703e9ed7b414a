//! Ports to the external registries the checks ask (Rules p.9-1; catalogue §5): one trait per
//! external system. Adapters (HTTP clients, simulators) live in `ruqsat-registries`.
//!
//! Each method answers one question about one subject; an error means the registry did not
//! answer (down, timed out): the case then stays pending and is asked again, never decided on
//! missing facts.

use std::future::Future;

use chrono::NaiveDate;

use crate::application::{AdminOffence, BorderFacts, CriminalFacts, DutyPayment, Person};
use crate::codes::SecurityFlag;
use crate::country::CountryCode;
use crate::ids::{Bin, Iin};

/// The person a registry is asked about: the identifying data of the passport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Surname as in the passport.
    pub surname: String,
    /// Given name.
    pub given_name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Citizenship (`None`: stateless).
    pub citizenship: Option<CountryCode>,
    /// Passport number.
    pub passport_number: String,
    /// IIN, if any.
    pub iin: Option<Iin>,
}

impl Subject {
    /// The subject for a person of an application.
    pub fn of(person: &Person) -> Self {
        Subject {
            surname: person.surname.clone(),
            given_name: person.given_name.clone(),
            birth_date: person.birth_date,
            citizenship: person.citizenship,
            passport_number: person.passport.number.clone(),
            iin: person.iin,
        }
    }
}

/// The employer a domestic-work check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Employer {
    /// An individual employer.
    Individual(Iin),
    /// A legal entity.
    LegalEntity(Bin),
}

/// A registry that did not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// The registry is unreachable or answered with a server error.
    #[error("{registry} is unavailable: {detail}")]
    Unavailable {
        /// Which registry.
        registry: &'static str,
        /// What happened.
        detail: String,
    },
    /// The registry did not answer in time.
    #[error("{registry} did not answer in time")]
    Timeout {
        /// Which registry.
        registry: &'static str,
    },
}

/// Result of a registry question.
pub type Answer<T> = Result<T, RegistryError>;

/// Border crossings, the "Berkut" IS (chk.2).
pub trait BorderCrossings {
    /// Whether the subject's last entry was illegal.
    fn border_facts(&self, subject: &Subject) -> impl Future<Output = Answer<BorderFacts>> + Send;
}

/// Criminal records and wanted lists of the internal affairs bodies and the Prosecutor
/// General's Committee on Legal Statistics (chk.3).
pub trait CriminalRecords {
    /// Criminal records, wanted status, unexecuted obligations.
    fn criminal_facts(&self, subject: &Subject) -> impl Future<Output = Answer<CriminalFacts>> + Send;
    /// Administrative offences for which the subject is held liable.
    fn admin_offences(&self, subject: &Subject) -> impl Future<Output = Answer<Vec<AdminOffence>>> + Send;
}

/// The IIN registry (chk.4).
pub trait IinRegistry {
    /// Whether the IIN is registered.
    fn iin_registered(&self, iin: Iin) -> impl Future<Output = Answer<bool>> + Send;
}

/// The fingerprint registry (chk.7).
pub trait FingerprintRegistry {
    /// Whether the subject passed fingerprint registration.
    fn fingerprints_registered(&self, subject: &Subject) -> impl Future<Output = Answer<bool>> + Send;
}

/// The migration police's own records (chk.5, chk.6, expulsions, permits).
pub trait MigrationRecords {
    /// Valid TRPs issued to the employer under contracts for domestic work.
    fn domestic_work_trps(&self, employer: Employer) -> impl Future<Output = Answer<u32>> + Send;
    /// Whether an application for a PRP exists for the subject.
    fn prp_application_exists(&self, subject: &Subject) -> impl Future<Output = Answer<bool>> + Send;
    /// Date of the subject's latest expulsion, if any.
    fn expelled_on(&self, subject: &Subject) -> impl Future<Output = Answer<Option<NaiveDate>>> + Send;
}

/// The unified system of labour contracts (EAEU workers).
pub trait LabourContracts {
    /// Whether a labour or civil-law contract of the subject is registered.
    fn contract_registered(&self, subject: &Subject) -> impl Future<Output = Answer<bool>> + Send;
}

/// State-duty payments.
pub trait DutyPayments {
    /// The subject's latest payment of the PRP state duty, if any.
    fn duty_payment(&self, subject: &Subject) -> impl Future<Output = Answer<Option<DutyPayment>>> + Send;
}

/// The national security bodies (art49.10, art49.18).
pub trait SecurityService {
    /// What the security bodies report about the subject (no reasons are given).
    fn security_flags(&self, subject: &Subject) -> impl Future<Output = Answer<Vec<SecurityFlag>>> + Send;
}

/// Court records (art49.16).
pub trait CourtRecords {
    /// Whether a court declared invalid the marriage with a citizen that was the basis for a permit.
    fn marriage_annulled(&self, subject: &Subject) -> impl Future<Output = Answer<bool>> + Send;
}

/// Citizenship records (art49.20, art49.21).
pub trait CitizenshipRecords {
    /// Whether the subject lost Kazakh citizenship under Art. 21 p.1 sub. 8 of the Law on Citizenship.
    fn citizenship_lost_art21(&self, subject: &Subject) -> impl Future<Output = Answer<bool>> + Send;
    /// Whether the subject was deprived of Kazakh citizenship under Art. 20-1.
    fn citizenship_deprived_art20_1(&self, subject: &Subject) -> impl Future<Output = Answer<bool>> + Send;
}

/// Which registries the rules of a case need (data minimisation: nothing else is asked). The
/// registry gateway (`ruqsat_registries::gather`) only executes this.
///
/// Every case: border crossings (chk.2), criminal records and administrative offences (chk.3),
/// the IIN registry (chk.4), fingerprints (chk.7). A labour TRP with a domestic-work permit: the
/// employer's domestic-work TRPs (chk.5, Law Art. 43-2 p.5). A TRP of subtype 8: the PRP
/// applications (chk.6). A PRP: expulsions (art49.13), national security (art49.10, art49.18),
/// citizenship (art49.20, art49.21), courts (art49.16) and the state duty (Appendix 3 item 6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed {
    /// The registries to ask, in the order of the checks.
    pub registries: Vec<crate::decision::Registry>,
    /// The employer whose domestic-work TRPs are counted (chk.5), when that check applies.
    pub domestic_employer: Option<Employer>,
}

impl Needed {
    /// Whether `registry` is asked.
    pub fn asks(&self, registry: crate::decision::Registry) -> bool {
        self.registries.contains(&registry)
    }
}

/// The registries the rules of `application` need.
pub fn needed(application: &crate::application::Application) -> Needed {
    use crate::application::{HostParty, Request};
    use crate::codes::{DocumentType, Subtype};
    use crate::decision::Registry;
    let mut registries = vec![
        Registry::Border,
        Registry::Criminal,
        Registry::AdminOffences,
        Registry::Iin,
        Registry::Fingerprints,
    ];
    let domestic_employer = match (application.request, &application.host) {
        (Request::Trp(Subtype::Labour), Some(host))
            if application
                .documents
                .iter()
                .any(|document| document.document_type == DocumentType::DomesticWorkPermit) =>
        {
            Some(match host.party {
                HostParty::Individual(iin) => Employer::Individual(iin),
                HostParty::LegalEntity(bin) => Employer::LegalEntity(bin),
            })
        }
        _ => None,
    };
    if domestic_employer.is_some() {
        registries.push(Registry::EmployerDomesticTrps);
    }
    match application.request {
        Request::Trp(Subtype::PrpApplicant) => registries.push(Registry::PrpApplications),
        Request::Trp(_) => {}
        Request::Prp => registries.extend([
            Registry::Expulsions,
            Registry::Security,
            Registry::CitizenshipLost,
            Registry::CitizenshipDeprived,
            Registry::Courts,
            Registry::DutyPayments,
        ]),
    }
    Needed {
        registries,
        domestic_employer,
    }
}
