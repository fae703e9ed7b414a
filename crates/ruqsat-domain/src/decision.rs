//! What the engine answers: the outcome, the reasons, the checks, the dates and the
//! explanation, as structured values that name the facts (rendered into words by `ruqsat-i18n`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::codes::{
    AcceptanceCode, Category, Channel, CheckCode, CheckResult, DocumentType, GroundCode, Presence, Service,
};
use crate::parameters::Edition;

/// The outcome of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Issue the permit.
    Issue,
    /// Refuse, with the grounds.
    Refuse,
    /// The application is not accepted; the applicant is told what to bring.
    NotAccepted,
    /// A registry has not answered; nothing is decided yet.
    Pending,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 4] = [Outcome::Issue, Outcome::Refuse, Outcome::NotAccepted, Outcome::Pending];

    /// The stable code.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Issue => "issue",
            Outcome::Refuse => "refuse",
            Outcome::NotAccepted => "not_accepted",
            Outcome::Pending => "pending",
        }
    }
}

/// The engine's decision on one application.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision<'a> {
    /// The outcome.
    pub outcome: Outcome,
    /// The edition of the rules applied.
    pub edition: &'a Edition,
    /// Why the application is not accepted (empty otherwise).
    pub not_accepted_reasons: Vec<AcceptanceCode>,
    /// Documents required and not submitted (every alternative of a missing group is listed).
    pub missing_documents: Vec<DocumentType>,
    /// Groups of which one document is required and none was submitted.
    pub missing_one_of: Vec<&'static [DocumentType]>,
    /// Documents submitted but not acceptable.
    pub invalid_documents: Vec<InvalidDocument>,
    /// For a refusal, every ground that holds.
    pub grounds: Vec<Ground<'a>>,
    /// The seven checks.
    pub checks: [CheckOutcome; 7],
    /// Registries whose answer is awaited.
    pub awaiting: Vec<Registry>,
    /// When the result is due (`None` when not accepted).
    pub due_at: Option<DateTime<FixedOffset>>,
    /// The fee in tenge.
    pub fee_kzt: u64,
    /// For a TRP to issue: its validity.
    pub permit: Option<Validity>,
    /// For a TRP to issue: the validity of each family member's TRP, in order (`None` when the
    /// member's passport leaves no period).
    pub family_permits: Vec<Option<Validity>>,
    /// The reasoning, in the order it was applied.
    pub explanation: Vec<Explanation<'a>>,
}

/// A submitted document that is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidDocument {
    /// Which document.
    pub document_type: DocumentType,
    /// Why, with the facts.
    pub reason: InvalidReason,
}

/// Why a document is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidReason {
    /// The PRP passport is valid 180 days or less after the application date.
    ExpiresTooSoon {
        /// Last day of validity.
        expires_on: NaiveDate,
        /// Days of validity after the application date.
        days_left: i64,
        /// The minimum, exclusive.
        minimum: u32,
    },
    /// A PRP document was issued more than 180 days before the application date.
    TooOld {
        /// Issue date.
        issued_on: NaiveDate,
        /// Days between issue and application.
        age_days: i64,
        /// The maximum.
        maximum: u32,
    },
    /// The document's term ended before the application date.
    Expired {
        /// Last day of the term.
        expired_on: NaiveDate,
    },
    /// The PRP housing contract runs for fewer days than required.
    TooShort {
        /// Last day of the contract.
        valid_until: NaiveDate,
        /// Days from the application date to the end, both included.
        days: i64,
        /// The minimum.
        minimum: u32,
    },
    /// A PRP document whose age is checked carries no issue date.
    IssueDateMissing,
    /// A foreign-language document without notarized translation.
    TranslationMissing,
    /// A foreign official document without legalization.
    LegalizationMissing,
    /// The state duty paid is less than due.
    Underpaid {
        /// Amount paid.
        paid_kzt: u64,
        /// Amount due.
        due_kzt: u64,
        /// Date of payment.
        paid_on: NaiveDate,
    },
}

impl InvalidReason {
    /// The stable code of the reason.
    pub fn as_str(&self) -> &'static str {
        match self {
            InvalidReason::ExpiresTooSoon { .. } | InvalidReason::Expired { .. } | InvalidReason::TooShort { .. } => {
                "expires_too_soon"
            }
            InvalidReason::TooOld { .. } => "too_old",
            InvalidReason::IssueDateMissing => "issue_date_missing",
            InvalidReason::TranslationMissing => "translation_missing",
            InvalidReason::LegalizationMissing => "legalization_missing",
            InvalidReason::Underpaid { .. } => "underpaid",
        }
    }
}

/// A refusal ground that holds, with the facts that made it hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ground<'a> {
    /// The ground.
    pub code: GroundCode,
    /// The facts, at least one.
    pub facts: Vec<GroundFact<'a>>,
    /// Whether an officer's reasoned finding must be written before the refusal is signed
    /// (true when a registry fact raises the ground and no finding was given yet).
    pub finding_required: bool,
}

/// A fact that makes a ground hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroundFact<'a> {
    /// The officer's reasoned finding.
    Finding(&'a str),
    /// chk.2: the last entry was illegal.
    IllegalEntry,
    /// chk.3: the applicant is on a wanted list.
    Wanted,
    /// chk.3: unexecuted obligations for offences during a previous stay.
    UnexecutedObligations,
    /// chk.3: a court verdict bans the special right.
    CourtBan,
    /// chk.3: released from prison, lived abroad before conviction.
    ReleasedFromPrison,
    /// chk.3: unexpunged conviction.
    UnexpungedConviction,
    /// chk.3: administrative offences in migration law, counted.
    RepeatedViolations {
        /// Offences in migration law.
        count: usize,
        /// The threshold for "repeatedly".
        minimum: u32,
        /// Date of the latest.
        latest_on: NaiveDate,
    },
    /// chk.3: offences in migration, tax or labour law.
    AdminOffences {
        /// How many.
        count: usize,
        /// Date of the latest.
        latest_on: NaiveDate,
    },
    /// chk.4: an IIN stated in the application is not in the registry.
    IinNotFound {
        /// Family members whose IIN was not found (0 when only the applicant's).
        family: usize,
        /// Whether the applicant's IIN was not found.
        applicant: bool,
    },
    /// chk.5: the employer's domestic-work TRPs reach the limit.
    DomesticWorkLimit {
        /// Valid TRPs the employer holds.
        count: u32,
        /// The limit.
        limit: u32,
    },
    /// chk.6: no PRP application exists for a `prp_applicant` TRP.
    NoPrpApplication,
    /// chk.7: no fingerprint registration.
    NoFingerprints,
    /// Expelled within the years before the PRP would be issued.
    Expelled {
        /// Date of expulsion.
        on: NaiveDate,
        /// Last day of the period.
        until: NaiveDate,
    },
    /// The national security bodies report involvement in extremism or terrorism.
    Extremism,
    /// The national security bodies report a threat to national security.
    SecurityThreat,
    /// The 028/u certificate reports a disease that bars entry.
    BarringDisease,
    /// Lost Kazakh citizenship under Art. 21 p.1 sub. 8.
    CitizenshipLost,
    /// Deprived of Kazakh citizenship under Art. 20-1.
    CitizenshipDeprived,
    /// The marriage that was the basis was declared invalid.
    MarriageAnnulled,
    /// No consent to access restricted personal data.
    NoConsent,
    /// No period remains for the TRP: the passport expires before it would start.
    NoValidPeriod {
        /// First day the TRP could start.
        from: NaiveDate,
        /// Last day any cap allows.
        until: NaiveDate,
    },
}

/// The result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOutcome {
    /// Which check.
    pub code: CheckCode,
    /// Its result.
    pub result: CheckResult,
}

/// A registry whose answer is awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registry {
    /// IIN registry (`registry.iin_found`).
    Iin,
    /// Border crossings (`registry.border`).
    Border,
    /// Criminal records (`registry.criminal`).
    Criminal,
    /// Administrative offences (`registry.admin_offences`).
    AdminOffences,
    /// Migration police: domestic-work TRPs (`registry.employer_domestic_trps`).
    EmployerDomesticTrps,
    /// Migration police: PRP applications (`registry.prp_application_exists`).
    PrpApplications,
    /// Fingerprint registry (`registry.fingerprints_registered`).
    Fingerprints,
    /// Expulsion records (`registry.expelled_on`).
    Expulsions,
    /// National security bodies (`registry.security_flags`).
    Security,
    /// Citizenship records (`registry.citizenship_lost_art21`).
    CitizenshipLost,
    /// Citizenship records (`registry.citizenship_deprived_art20_1`).
    CitizenshipDeprived,
    /// Court records (`registry.marriage_annulled`).
    Courts,
    /// State-duty payments (`registry.duty_payment`).
    DutyPayments,
}

impl Registry {
    /// Every registry the engine may await.
    pub const ALL: [Registry; 13] = [
        Registry::Iin,
        Registry::Border,
        Registry::Criminal,
        Registry::AdminOffences,
        Registry::EmployerDomesticTrps,
        Registry::PrpApplications,
        Registry::Fingerprints,
        Registry::Expulsions,
        Registry::Security,
        Registry::CitizenshipLost,
        Registry::CitizenshipDeprived,
        Registry::Courts,
        Registry::DutyPayments,
    ];

    /// The input field the answer goes in.
    pub fn field(&self) -> &'static str {
        match self {
            Registry::Iin => "registry.iin_found",
            Registry::Border => "registry.border",
            Registry::Criminal => "registry.criminal",
            Registry::AdminOffences => "registry.admin_offences",
            Registry::EmployerDomesticTrps => "registry.employer_domestic_trps",
            Registry::PrpApplications => "registry.prp_application_exists",
            Registry::Fingerprints => "registry.fingerprints_registered",
            Registry::Expulsions => "registry.expelled_on",
            Registry::Security => "registry.security_flags",
            Registry::CitizenshipLost => "registry.citizenship_lost_art21",
            Registry::CitizenshipDeprived => "registry.citizenship_deprived_art20_1",
            Registry::Courts => "registry.marriage_annulled",
            Registry::DutyPayments => "registry.duty_payment",
        }
    }
}

/// The validity of a permit, and what limited its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day.
    pub valid_until: NaiveDate,
    /// What set the last day.
    pub limit: ValidityLimit,
}

/// What set the last day of a TRP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidityLimit {
    /// The requested period.
    Requested,
    /// The expiry of the passport.
    Passport,
    /// The end of the employment or civil-law contract.
    Contract,
    /// One year (labour TRP of a permit-exempt migrant, AIFC worker or investment resident).
    Years(u32),
    /// Five years in all for an AIFC investment resident, counted from this date.
    AifcTotal {
        /// First day of the first TRP as an investment resident.
        since: NaiveDate,
        /// The cap in years.
        years: u32,
    },
    /// The days needed to consider the PRP application, at most 90.
    PrpApplicantDays(u32),
    /// The term of the supporting document.
    SupportingDocument(DocumentType),
    /// The principal's TRP.
    Principal,
    /// A family member turns 16 during the TRP and must then apply on their own: the TRP runs
    /// to the last day of that application (the order, L56–L60; interpretation 52).
    OwnApplicationAt16 {
        /// The 16th birthday.
        birthday: NaiveDate,
    },
}

/// Why day 0 of the TRP term is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayZero {
    /// Submitted on a working day before the end of the day.
    SubmissionDay,
    /// Submitted on a working day at or after the end of the day: the next working day.
    AfterHours,
    /// Submitted on a day off: the next working day.
    DayOff,
}

/// Why an exception of acc.late applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateException {
    /// A downtime act of the State Corporation and the provider.
    DowntimeAct,
    /// Liability under Art. 517 of the Code of Administrative Offences.
    Art517,
}

/// Why a document the table lists is not required of this applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRequired {
    /// medical_insurance: the applicant is an EAEU citizen.
    EaeuCitizen,
    /// housing_owner_consent: the host owns the housing.
    HostOwnsHousing,
    /// criminal_record_certificate: refugee status.
    Refugee,
    /// criminal_record_certificate: ethnic Kazakh citizen of the PRC.
    ChinaEthnicKazakh,
    /// Labour permits: not required by law or treaty.
    PermitExempt(Category),
}

/// A reduced PRP package (Appendix 3 item 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReducedSet {
    /// Another citizenship obtained through a mission in Kazakhstan, with permanent registration.
    Consular,
    /// A child under 18 who came with a parent; the age on the application date.
    Minor(i32),
}

/// One step of the reasoning, with the facts it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explanation<'a> {
    /// The edition applied and the local time of submission.
    Edition {
        /// The edition.
        edition: &'a Edition,
        /// Local date of submission.
        submitted_on: NaiveDate,
        /// Local time of submission.
        local_time: NaiveTime,
        /// The channel.
        channel: Channel,
    },
    /// Submitted at the desk or the State Corporation outside the hours in which it accepts
    /// applications.
    OutsideHours {
        /// The channel.
        channel: Channel,
        /// Whether a State Corporation duty office took it.
        duty: bool,
        /// When, in Kazakhstan time.
        at: chrono::NaiveDateTime,
        /// The hours in force on the submission date.
        hours: crate::parameters::ChannelHours,
    },
    /// The channel does not offer the service.
    ChannelNotOffered {
        /// The channel.
        channel: Channel,
        /// The service.
        service: Service,
    },
    /// Who appeared may not submit this application.
    PresenceNotAllowed {
        /// Who appeared.
        presence: Presence,
        /// The service.
        service: Service,
    },
    /// The permitted stay had expired on submission.
    StayExpired {
        /// Last day of the permitted stay.
        permitted_until: NaiveDate,
        /// The exception that allows acceptance, if any.
        exception: Option<LateException>,
    },
    /// The applicant turned 16 in Kazakhstan.
    Age16 {
        /// The 16th birthday.
        birthday: NaiveDate,
        /// The last day to apply.
        deadline: NaiveDate,
        /// Whether the application came in time.
        in_time: bool,
        /// The exception that allows a late acceptance, if any.
        exception: Option<LateException>,
    },
    /// A reduced PRP package applies.
    Reduced(ReducedSet),
    /// A required document was not submitted.
    DocumentMissing(DocumentType),
    /// One of a group of documents is required and none was submitted.
    DocumentsMissingOneOf(&'static [DocumentType]),
    /// A document is not acceptable.
    DocumentInvalid(InvalidDocument),
    /// A document of the table is not required of this applicant.
    DocumentNotRequired(DocumentType, NotRequired),
    /// A document's data came from an integrated information system (acc.is_data).
    DocumentFromInformationSystem(DocumentType),
    /// The package is complete and acceptable.
    PackageComplete {
        /// Documents required.
        required: usize,
    },
    /// A check's result with its facts.
    Check(CheckOutcome, CheckFact),
    /// A ground holds (index into [`Decision::grounds`]).
    GroundHolds(usize),
    /// A ground would hold but the applicant's category exempts from it.
    Exempted {
        /// The ground.
        code: GroundCode,
        /// The exempting category.
        category: Category,
    },
    /// A registry's answer is awaited.
    Awaiting(Registry),
    /// The TRP term: day 0 and the due date.
    TrpDue {
        /// Day 0.
        day_zero: NaiveDate,
        /// Why.
        reason: DayZero,
        /// The due instant.
        due_at: DateTime<FixedOffset>,
        /// Working days of the term.
        working_days: u32,
    },
    /// The PRP term: the 45th day and the due date.
    PrpDue {
        /// Day 0 (the submission date).
        day_zero: NaiveDate,
        /// Day 0 plus the term.
        last_day: NaiveDate,
        /// The due instant (moved to the next working day when needed).
        due_at: DateTime<FixedOffset>,
        /// Calendar days of the term.
        calendar_days: u32,
    },
    /// The due date was computed on a provisional calendar (not yet published).
    ProvisionalCalendar(i32),
    /// The PRP fee.
    Fee {
        /// Amount due.
        fee_kzt: u64,
        /// MCI used.
        mci_kzt: u64,
        /// Multiplier.
        mci_count: u32,
        /// The date whose MCI is used.
        basis_on: NaiveDate,
        /// Whether `basis_on` is the payment date (else the submission date).
        paid: bool,
    },
    /// The TRP is free.
    FeeFree,
    /// The permit's validity.
    PermitValidity(Validity),
    /// A family member's TRP validity (index into the family).
    FamilyValidity(usize, Validity),
    /// A family member's passport expires before the TRP would start: no TRP for the member.
    FamilyNoPeriod {
        /// Index into the family.
        index: usize,
        /// The member's passport expiry.
        expires_on: NaiveDate,
    },
    /// Liability under Art. 517 opens late acceptance only for an offence of at most ten days
    /// of overstay; the applicant was held liable for a longer one.
    Art517TooLong {
        /// Days of overstay for which the applicant was held liable.
        overstay_days: i64,
        /// The maximum.
        maximum: u32,
    },
    /// A finding on a ground of the other service is ignored.
    FindingIgnored {
        /// The ground.
        code: GroundCode,
        /// The service of this application.
        service: Service,
    },
    /// The IIN's date part differs from the stated birth date (a note for the officer).
    IinBirthDateMismatch {
        /// Birth date encoded in the IIN.
        iin_date: NaiveDate,
        /// Birth date stated.
        birth_date: NaiveDate,
    },
    /// The outcome.
    Outcome(Outcome),
}

/// Facts a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFact {
    /// The check does not apply.
    NotApplicable,
    /// The registry has not answered.
    Pending,
    /// chk.1: the package, with counts.
    Package {
        /// Missing documents.
        missing: usize,
        /// Documents not acceptable.
        invalid: usize,
    },
    /// chk.2: border crossings.
    Border {
        /// The last entry was illegal.
        illegal_entry: bool,
        /// Expulsion date, when the records hold one and it matters.
        expelled_on: Option<NaiveDate>,
    },
    /// chk.3: records found (counts of flags and offences).
    Criminal {
        /// Flags set in the criminal answer.
        flags: u8,
        /// Administrative offences counted by the rules.
        offences: usize,
    },
    /// chk.4: IINs.
    Iin {
        /// Whether the applicant stated an IIN.
        applicant_stated: bool,
        /// Whether it was found (or `true` when none stated).
        applicant_found: bool,
        /// Family members whose IIN was not found.
        family_missing: usize,
        /// Family members.
        family_total: usize,
    },
    /// chk.5: the employer's domestic-work TRPs.
    DomesticWork {
        /// Valid TRPs the employer holds.
        count: u32,
        /// The limit, if set.
        limit: Option<u32>,
    },
    /// chk.6: whether a PRP application exists.
    PrpApplication(bool),
    /// chk.7: whether fingerprints are registered.
    Fingerprints(bool),
}
