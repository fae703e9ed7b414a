//! An application as the engine sees it: the applicant, the family, the host, the package of
//! documents, what the registries answered and the officer's reasoned findings.
//!
//! These types hold parsed values only (see `ruqsat-contract` for the JSON form). Fields whose
//! every value is valid are public; the few with invariants are built by constructors.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::codes::{
    Category, Channel, DocumentType, GroundCode, IdentityDocumentKind, OffenceArea, Presence, Relation, SecurityFlag,
    Service, SexCode, Subtype,
};
use crate::country::CountryCode;
use crate::ids::{Bin, Iin};

/// What is asked for: a TRP of a subtype, or a PRP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// A temporary residence permit for the purpose of the subtype.
    Trp(Subtype),
    /// A permanent residence permit.
    Prp,
}

impl Request {
    /// The service requested.
    pub fn service(&self) -> Service {
        match self {
            Request::Trp(_) => Service::Trp,
            Request::Prp => Service::Prp,
        }
    }
}

/// A complete application with the facts gathered for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    /// The service and, for a TRP, its subtype.
    pub request: Request,
    /// The channel it came through.
    pub channel: Channel,
    /// Whether a State Corporation duty office took it (longer hours, Saturday mornings).
    pub office_duty: bool,
    /// Who appeared to submit it.
    pub presence: Presence,
    /// When the package was submitted (any offset; the engine works in Kazakhstan time).
    pub submitted_at: DateTime<FixedOffset>,
    /// The date of the decision, when the caller makes it (the service passes today's date);
    /// used where the law counts to the moment of issue (art49.13).
    pub decided_on: Option<NaiveDate>,
    /// The foreigner or stateless person applying.
    pub applicant: Person,
    /// Whether the applicant turned 16 in Kazakhstan (for acc.age16).
    pub turned_16_in_kazakhstan: bool,
    /// Whether a court has declared the applicant incapable (for acc.presence).
    pub declared_incapable: bool,
    /// Accompanying family members.
    pub family_members: Vec<FamilyMember>,
    /// The host party (Appendix 1), if stated.
    pub host: Option<Host>,
    /// The period requested for a TRP.
    pub requested_period: Option<Period>,
    /// Last day of the employment or civil-law contract (labour TRPs).
    pub contract_ends_on: Option<NaiveDate>,
    /// First day of the applicant's TRPs as an AIFC investment resident (five-year cap).
    pub aifc_residence_since: Option<NaiveDate>,
    /// Last day of the principal's TRP when the applicant is a family member applying alone.
    pub principal_permit_valid_until: Option<NaiveDate>,
    /// The documents submitted.
    pub documents: Vec<Document>,
    /// Consent to access restricted personal data (Law on Personal Data Art. 8; trp.9.4).
    pub consent_to_restricted_data: bool,
    /// Last day of the permitted stay (acc.late).
    pub stay_permitted_until: Option<NaiveDate>,
    /// Exceptions that allow acceptance after the permitted stay (acc.late).
    pub late_acceptance: LateAcceptance,
    /// What the registries answered.
    pub registry: RegistryFacts,
    /// Grounds that the officer found, each with its reasoning.
    pub findings: Vec<Finding>,
    /// Remaining questionnaire data that no rule reads (Appendix 1).
    pub questionnaire: Questionnaire,
}

/// A foreigner or stateless person as in the passport (Appendix 1 columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Surname, strictly as in the passport.
    pub surname: String,
    /// Given name.
    pub given_name: String,
    /// Patronymic, if any.
    pub patronymic: Option<String>,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: SexCode,
    /// Citizenship; `None` for a stateless person.
    pub citizenship: Option<CountryCode>,
    /// IIN, if one was assigned.
    pub iin: Option<Iin>,
    /// The passport or stateless person's document.
    pub passport: Passport,
    /// Categories that change documents or grounds.
    pub categories: Categories,
    /// Place of birth.
    pub birth_place: Option<String>,
    /// Nationality (ethnicity) as stated.
    pub nationality: Option<String>,
    /// Country of permanent residence.
    pub residence_country: Option<CountryCode>,
    /// Address of permanent residence abroad.
    pub residence_address: Option<String>,
}

impl Person {
    /// Whether the person is a citizen of an EAEU member other than Kazakhstan.
    pub fn is_eaeu_citizen(&self) -> bool {
        self.citizenship.is_some_and(|country| country.is_eaeu_partner())
    }
}

/// An accompanying family member.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyMember {
    /// The person.
    pub person: Person,
    /// Degree of kinship with the migrant.
    pub relation: Relation,
}

/// A passport or stateless person's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passport {
    /// Kind of document.
    pub kind: IdentityDocumentKind,
    /// Document number.
    pub number: String,
    /// Issue date.
    pub issued_on: NaiveDate,
    /// Last day of validity.
    pub expires_on: NaiveDate,
}

/// A set of [`Category`] values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Categories(u32);

impl Categories {
    /// Whether the set holds `category`.
    pub fn contains(&self, category: Category) -> bool {
        self.0 & Self::bit(category) != 0
    }

    /// The first category of `candidates` in the set.
    pub fn first_of(&self, candidates: &[Category]) -> Option<Category> {
        candidates.iter().copied().find(|category| self.contains(*category))
    }

    /// Adds a category.
    pub fn insert(&mut self, category: Category) {
        self.0 |= Self::bit(category);
    }

    /// The categories in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = Category> + '_ {
        Category::ALL
            .iter()
            .copied()
            .filter(|category| self.contains(*category))
    }

    fn bit(category: Category) -> u32 {
        1 << (category as u32)
    }
}

impl FromIterator<Category> for Categories {
    fn from_iter<T: IntoIterator<Item = Category>>(iter: T) -> Self {
        let mut categories = Categories::default();
        for category in iter {
            categories.insert(category);
        }
        categories
    }
}

/// The host party (Appendix 1, "information about the host party").
#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    /// An individual or a legal entity.
    pub party: HostParty,
    /// Whether the host owns the housing provided (housing_owner_consent otherwise).
    pub owns_housing: bool,
    /// Name of the host (person's full name or entity's name).
    pub name: Option<String>,
    /// An individual host's identity document (number and validity), as on the questionnaire.
    pub identity_document: Option<HostIdentityDocument>,
    /// A legal-entity host's registration certificate (name, number, date).
    pub registration_certificate: Option<RegistrationCertificate>,
}

/// The identity document of an individual host (Appendix 1, host party).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostIdentityDocument {
    /// Number.
    pub number: String,
    /// First day of validity.
    pub valid_from: Option<NaiveDate>,
    /// Last day of validity.
    pub valid_until: Option<NaiveDate>,
}

/// The registration certificate of a legal-entity host (Appendix 1, host party).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationCertificate {
    /// Name of the entity as registered.
    pub name: String,
    /// Certificate number.
    pub number: Option<String>,
    /// Date of registration.
    pub date: Option<NaiveDate>,
}

/// Who the host is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostParty {
    /// An individual identified by IIN.
    Individual(Iin),
    /// A legal entity identified by BIN.
    LegalEntity(Bin),
}

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    // Invariant: from <= to.
    from: NaiveDate,
    to: NaiveDate,
}

/// A period whose end is before its start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ends on {to}, before it starts on {from}")]
pub struct PeriodError {
    /// Start given.
    pub from: NaiveDate,
    /// End given.
    pub to: NaiveDate,
}

impl Period {
    /// A period from `from` to `to`, both included.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, PeriodError> {
        if to < from {
            return Err(PeriodError { from, to });
        }
        Ok(Period { from, to })
    }

    /// First day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// Last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }
}

/// A document of the package with the facts that make it acceptable or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Which document.
    pub document_type: DocumentType,
    /// Issue date, when it matters (PRP documents 3, 4, 7 must be recent).
    pub issued_on: Option<NaiveDate>,
    /// Last day of the document's term (study period, permit, accreditation...).
    pub valid_until: Option<NaiveDate>,
    /// Written in a language other than Kazakh or Russian.
    pub foreign_language: bool,
    /// Comes with a notarized translation into Kazakh or Russian (Law on Notariat Art. 80).
    pub notarized_translation: bool,
    /// Issued by or with the participation of a foreign authority.
    pub foreign_official: bool,
    /// Legalized or apostilled (Consular Charter p.60).
    pub legalized: bool,
    /// A law or ratified treaty waives legalization for this document.
    pub legalization_exempt: bool,
    /// Its data came from an integrated information system instead of paper (acc.is_data).
    pub from_information_system: bool,
    /// For medical_certificate_028: the certificate reports a disease that bars entry.
    pub bars_entry: bool,
}

impl Document {
    /// A paper document of `document_type` with no dates and no flags.
    pub fn new(document_type: DocumentType) -> Self {
        Document {
            document_type,
            issued_on: None,
            valid_until: None,
            foreign_language: false,
            notarized_translation: false,
            foreign_official: false,
            legalized: false,
            legalization_exempt: false,
            from_information_system: false,
            bars_entry: false,
        }
    }
}

/// Exceptions of acc.late (Rules p.9-1, last part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LateAcceptance {
    /// The applicant applied in time but an information-system failure made the term pass,
    /// recorded in a downtime act signed by the State Corporation and the provider.
    pub downtime_act: bool,
    /// The applicant was held liable under Art. 517 of the Code of Administrative Offences for
    /// not leaving within ten days after the term expired.
    pub art517_liability: bool,
    /// The days of overstay for which the applicant was held liable under Art. 517, when the
    /// decision states them: the exception holds only for an offence of at most ten days (the
    /// order, L112–L116; interpretation 51). `None`: the caller's `art517_liability` stands for
    /// liability for the offence the text describes.
    pub art517_overstay_days: Option<u32>,
}

/// What the registries answered; `None` means the registry has not answered yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistryFacts {
    /// IIN registry (chk.4).
    pub iin_found: Option<IinFound>,
    /// Border crossings, "Berkut" (chk.2).
    pub border: Option<BorderFacts>,
    /// Criminal records and wanted lists (chk.3).
    pub criminal: Option<CriminalFacts>,
    /// Administrative offences (chk.3; art49.5, art49.17).
    pub admin_offences: Option<Vec<AdminOffence>>,
    /// Valid domestic-work TRPs of the employer (chk.5).
    pub employer_domestic_trps: Option<u32>,
    /// Whether a PRP application exists (chk.6).
    pub prp_application_exists: Option<bool>,
    /// Whether fingerprint registration was passed (chk.7).
    pub fingerprints_registered: Option<bool>,
    /// Date of an expulsion; `Some(None)` when the records hold none (art49.13).
    pub expelled_on: Option<Option<NaiveDate>>,
    /// What the national security bodies reported (art49.10, art49.18).
    pub security_flags: Option<Vec<SecurityFlag>>,
    /// Lost Kazakh citizenship under Art. 21 p.1 sub. 8 of the Law on Citizenship (art49.20).
    pub citizenship_lost_art21: Option<bool>,
    /// Deprived of Kazakh citizenship under Art. 20-1 (art49.21).
    pub citizenship_deprived_art20_1: Option<bool>,
    /// A court declared invalid the marriage with a citizen that was the basis for the permit (art49.16).
    pub marriage_annulled: Option<bool>,
    /// The state-duty payment found (PRP).
    pub duty_payment: Option<DutyPayment>,
}

/// Answer of the IIN registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IinFound {
    /// Whether the applicant's IIN is registered.
    pub applicant: bool,
    /// The same for each family member, in order.
    pub family: Vec<bool>,
}

/// Answer of the border-crossing system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BorderFacts {
    /// The last entry was illegal.
    pub illegal_entry: bool,
}

/// Answer of the criminal-records and wanted-list databases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CriminalFacts {
    /// On a wanted list.
    pub wanted: bool,
    /// Has an unexpunged or outstanding conviction.
    pub unexpunged_conviction: bool,
    /// Unexecuted obligations for offences during a previous stay.
    pub unexecuted_obligations: bool,
    /// A court verdict deprives the person of a special right related to the service.
    pub court_ban_on_service: bool,
    /// Released from prison and lived permanently outside Kazakhstan before the conviction.
    pub released_from_prison_nonresident: bool,
}

/// An administrative offence on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdminOffence {
    /// Area of law.
    pub area: OffenceArea,
    /// Date of the decision holding the person liable.
    pub on: NaiveDate,
}

/// A state-duty payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DutyPayment {
    /// Amount paid, in tenge.
    pub amount_kzt: u64,
    /// Date of payment.
    pub paid_on: NaiveDate,
}

/// A ground found by the officer, with the reasoning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The ground.
    pub ground: GroundCode,
    /// The officer's reasoning, in the officer's words.
    pub note: String,
}

/// Questionnaire data kept with the application but read by no rule (Appendix 1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Questionnaire {
    /// The police department of the city or region the questionnaire is addressed to.
    pub police_department: Option<String>,
    /// Full name of the legal entity's representative who applies, if any.
    pub representative: Option<String>,
    /// The applicant signed the warning of liability under Art. 518 of the Code of
    /// Administrative Offences.
    pub liability_warning_signed: bool,
    /// Address of residence in Kazakhstan.
    pub address_in_kazakhstan: Option<Address>,
    /// Home phone.
    pub home_phone: Option<String>,
    /// Mobile phone (SMS notifications).
    pub mobile_phone: Option<String>,
    /// E-mail address (e-mail notifications).
    pub email: Option<String>,
    /// Language of notifications (`kk`, `ru` or `en`).
    pub language: Option<String>,
}

/// An address in Kazakhstan with its address registration code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    /// Region.
    pub region: Option<String>,
    /// City.
    pub city: Option<String>,
    /// District.
    pub district: Option<String>,
    /// Locality.
    pub locality: Option<String>,
    /// Street.
    pub street: Option<String>,
    /// House number.
    pub house: Option<String>,
    /// Block.
    pub block: Option<String>,
    /// Apartment.
    pub apartment: Option<String>,
    /// Address registration code confirming the address.
    pub registration_code: Option<String>,
}
