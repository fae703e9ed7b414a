//! Acceptance of the application (catalogue §4): channel, presence, late application, the
//! 16th birthday and the package of documents with their validity (chk.1).

use crate::application::{Categories, Document, Request};
use crate::codes::{AcceptanceCode, Category, Channel, CheckResult, DocumentType, Presence, Service, Subtype};
use crate::country::CountryCode;
use crate::dates::{add_days, age_on, birthday, days_between};
use crate::decision::{Explanation, InvalidDocument, InvalidReason, LateException, NotRequired, ReducedSet};
use crate::parameters::ChannelHours;

use super::{DecideError, Run};

/// What acceptance found.
pub(super) struct Accepted {
    pub(super) reasons: Vec<AcceptanceCode>,
    pub(super) missing: Vec<DocumentType>,
    pub(super) missing_one_of: Vec<&'static [DocumentType]>,
    pub(super) invalid: Vec<InvalidDocument>,
    pub(super) completeness: CheckResult,
}

/// A line of the document table: one document, or one of several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// This document.
    One(DocumentType),
    /// One of these documents.
    OneOf(&'static [DocumentType]),
    /// The first document, or the second in its place; reported missing as the first.
    OrInstead(DocumentType, DocumentType),
    /// This document from each of so many people (the consents of both parents); reported
    /// missing once for each one not submitted.
    Each(DocumentType, usize),
}

/// What decides the documents an application needs (Appendix 1-1 item 8; Appendix 3 item 8):
/// the service and subtype, and a few facts about the applicant and the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageFacts {
    /// The service and, for a TRP, its subtype.
    pub request: Request,
    /// The applicant's citizenship, if any.
    pub citizenship: Option<CountryCode>,
    /// The applicant's categories.
    pub categories: Categories,
    /// The applicant's age in full years on the submission date.
    pub age: i32,
    /// Whether the host owns the housing (TRP: no owner's consent then).
    pub host_owns_housing: bool,
}

/// The documents required for `facts`, with the explanations of what is not required and why.
/// The engine judges a package against these; the forms list them as the checklist.
pub fn required_documents(facts: &PackageFacts) -> (Vec<Requirement>, Vec<Explanation<'static>>) {
    let mut required = Vec::with_capacity(12);
    let mut explanations = Vec::new();
    match facts.request {
        Request::Trp(subtype) => trp_requirements(facts, subtype, &mut required, &mut explanations),
        Request::Prp => prp_requirements(facts, &mut required, &mut explanations),
    }
    (required, explanations)
}

/// The permits of the labour categories that need one (Appendix 1-1 item 8, subtype 2; the
/// order, L610–L619, L632–L640): the employer's permit to attract foreign labour, the
/// qualification certificate, the domestic-work permit, the secondment order, the journalist's
/// accreditation. Each belongs to a category of worker; the application does not state which,
/// so the document submitted shows it and any one of them is accepted (interpretation 48).
const LABOUR_PERMITS: &[DocumentType] = &[
    DocumentType::ForeignLabourPermit,
    DocumentType::QualificationCertificate,
    DocumentType::DomesticWorkPermit,
    DocumentType::SecondmentOrder,
    DocumentType::JournalistAccreditation,
];

/// Every labour document whose term may cap a labour TRP (the permits and the contracts).
pub(super) const LABOUR_DOCUMENTS: &[DocumentType] = &[
    DocumentType::ForeignLabourPermit,
    DocumentType::QualificationCertificate,
    DocumentType::DomesticWorkPermit,
    DocumentType::EaeuLabourContract,
    DocumentType::LabourContract,
    DocumentType::SecondmentOrder,
    DocumentType::JournalistAccreditation,
];

/// Categories that make a labour migrant need none of the permits (subtype 2, last parts).
const PERMIT_EXEMPT: &[Category] = &[
    Category::PermitExemptLabour,
    Category::AifcWorker,
    Category::AifcInvestmentResident,
];

/// The labour document a worker of a category brings (Appendix 1-1 item 8, subtype 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LabourBasis {
    /// A citizen of an EAEU state: the contract registered in the unified system of labour
    /// contracts, or the civil-law contract (the order, L620–L631). Under the Treaty on the
    /// EAEU (ratified) such a worker needs none of the permits, so the one-year term of
    /// L641–L660 applies too (interpretation 48).
    EaeuContract,
    /// A migrant who by law or ratified treaty needs none of the permits, or an AIFC worker: the
    /// employment or civil-law contract, which the TRP never outlasts (L641–L660, L661–L678).
    ExemptContract(Category),
    /// An AIFC investment resident: the AIFC administration's petition (L684–L702).
    AifcInvestmentResident,
    /// Any other worker: the permit of the worker's category (L610–L619, L632–L640).
    Permit,
}

impl LabourBasis {
    /// The basis of a labour TRP for an applicant of `citizenship` and `categories`.
    pub(super) fn of(citizenship: Option<CountryCode>, categories: Categories) -> Self {
        if categories.contains(Category::AifcInvestmentResident) {
            LabourBasis::AifcInvestmentResident
        } else if citizenship.is_some_and(|country| country.is_eaeu_partner()) {
            LabourBasis::EaeuContract
        } else {
            match categories.first_of(PERMIT_EXEMPT) {
                Some(category) => LabourBasis::ExemptContract(category),
                None => LabourBasis::Permit,
            }
        }
    }

    /// The contract the TRP may not outlast, when the basis is a contract.
    pub(super) fn contract(&self) -> Option<DocumentType> {
        match self {
            LabourBasis::EaeuContract => Some(DocumentType::EaeuLabourContract),
            LabourBasis::ExemptContract(_) => Some(DocumentType::LabourContract),
            LabourBasis::AifcInvestmentResident | LabourBasis::Permit => None,
        }
    }

    /// Whether the TRP is issued for one year, extendable yearly (L641–L702).
    pub(super) fn yearly(&self) -> bool {
        match self {
            LabourBasis::EaeuContract | LabourBasis::ExemptContract(_) | LabourBasis::AifcInvestmentResident => true,
            LabourBasis::Permit => false,
        }
    }
}

/// Whether `channel` accepts applications at the local time `at` (Appendix 1-1 item 7; Appendix 3
/// item 7; catalogue `acc.hours`), by the dated hours in force (`hours.*` in
/// `data/parameters.toml`; interpretation 46):
/// - the police desk: working days (the production calendar: days off and holidays excluded, a
///   working Saturday by transfer included), 09:00–17:30 except the lunch break 13:00–14:30
///   (the order, L485–L494: the working day is 09:00–18:30 with that break, applications are
///   taken until 17:30; interpretation: not during the break);
/// - the State Corporation: working days 09:00–18:00 without a break (L500–L505); a duty office
///   working days 09:00–20:00 and Saturdays 09:00–13:00 that are not public holidays
///   (L506–L514);
/// - the portal: any time (processed from the next working day).
///
/// Every bound is inclusive at the opening and exclusive at the closing minute.
pub fn within_hours(
    calendar: &crate::calendar::WorkingCalendar,
    hours: &ChannelHours,
    channel: Channel,
    duty: bool,
    at: chrono::NaiveDateTime,
) -> Result<bool, crate::calendar::CalendarError> {
    use chrono::{Datelike as _, Weekday};
    let time = at.time();
    let working = calendar.is_working_day(at.date())?;
    Ok(match channel {
        Channel::Portal => true,
        Channel::Desk => working && hours.desk.contains(time),
        Channel::StateCorporation if duty => {
            (working && hours.duty_office.contains(time))
                || (at.weekday() == Weekday::Sat
                    && !calendar.is_holiday(at.date())?
                    && hours.duty_office_saturday.contains(time))
        }
        Channel::StateCorporation => working && hours.state_corporation.contains(time),
    })
}

pub(super) fn evaluate(run: &mut Run<'_>) -> Result<Accepted, DecideError> {
    let application = run.application;
    let service = application.request.service();
    let mut reasons = Vec::new();

    // acc.channel: PRP is not offered on the portal (Appendix 3 item 2).
    if service == Service::Prp && application.channel == Channel::Portal {
        reasons.push(AcceptanceCode::Channel);
        run.explanation.push(Explanation::ChannelNotOffered {
            channel: application.channel,
            service,
        });
    }

    // acc.hours: the desk and the State Corporation accept applications only within their hours
    // (Appendix 1-1 item 7, order L479–L514; Appendix 3 item 7, L1020–L1050); the portal at any
    // time.
    let open = within_hours(
        run.law.calendar(),
        &run.terms.hours,
        application.channel,
        application.office_duty,
        run.local.naive_local(),
    )
    .map_err(|error| DecideError::Calendar {
        field: "submitted_at",
        error,
    })?;
    if !open {
        reasons.push(AcceptanceCode::Hours);
        run.explanation.push(Explanation::OutsideHours {
            channel: application.channel,
            duty: application.office_duty,
            at: run.local.naive_local(),
            hours: run.terms.hours,
        });
    }

    // acc.presence: Rules p.5 (TRP: the applicant, a trustee or the entity's representative);
    // Appendix 3 item 8 (PRP: in person, or the legal representative of a child or of a person
    // declared incapable). The portal is used with the applicant's digital signature.
    let age = age_on(application.applicant.birth_date, run.submitted_on);
    let presence_allowed = match (application.channel, application.presence) {
        (Channel::Portal, presence) => presence == Presence::ElectronicSignature,
        (Channel::Desk | Channel::StateCorporation, Presence::ElectronicSignature) => false,
        // PRP: children and persons declared incapable apply through their legal representatives.
        (Channel::Desk | Channel::StateCorporation, Presence::Applicant) => {
            service == Service::Trp || (age >= 18 && !application.declared_incapable)
        }
        (Channel::Desk | Channel::StateCorporation, Presence::LegalRepresentative) => {
            age < 18 || application.declared_incapable
        }
        (Channel::Desk | Channel::StateCorporation, Presence::Trustee | Presence::LegalEntityRepresentative) => {
            service == Service::Trp
        }
    };
    if !presence_allowed {
        reasons.push(AcceptanceCode::Presence);
        run.explanation.push(Explanation::PresenceNotAllowed {
            presence: application.presence,
            service,
        });
    }

    if let Request::Trp(_) = application.request {
        // The exceptions of acc.late (the order, L107–L117), the same for acc.age16. The ten
        // days of L112–L113 describe the offence for which the applicant was held liable under
        // Art. 517 ("not leaving within a period of no more than ten days after the term"), not
        // the time of the application: the exception holds for that liability whenever the
        // application comes (interpretation 51).
        let exception = if application.late_acceptance.downtime_act {
            Some(LateException::DowntimeAct)
        } else if application.late_acceptance.art517_liability {
            let maximum = run.terms.art517_max_overstay_days;
            match application.late_acceptance.art517_overstay_days {
                Some(overstay_days) if overstay_days > maximum => {
                    run.explanation.push(Explanation::Art517TooLong {
                        overstay_days: i64::from(overstay_days),
                        maximum,
                    });
                    None
                }
                Some(_) | None => Some(LateException::Art517),
            }
        } else {
            None
        };
        // acc.late: Rules p.9-1, last part. After the permitted stay, accepted only with a
        // downtime act or from persons held liable under Art. 517 of the Code of Administrative
        // Offences.
        if let Some(permitted_until) = application.stay_permitted_until
            && run.submitted_on > permitted_until
        {
            run.explanation.push(Explanation::StayExpired {
                permitted_until,
                exception,
            });
            if exception.is_none() {
                reasons.push(AcceptanceCode::Late);
            }
        }
        // acc.age16: Rules p.5, part 4. A migrant who turns 16 in Kazakhstan applies no later
        // than 10 calendar days after the 16th birthday. **Interpretation**: a later application
        // is accepted only under the exceptions of acc.late.
        if application.turned_16_in_kazakhstan && age >= 16 {
            let sixteenth = birthday(application.applicant.birth_date, 16);
            let deadline = add_days(sixteenth, run.terms.age16_application_days);
            let in_time = run.submitted_on <= deadline;
            run.explanation.push(Explanation::Age16 {
                birthday: sixteenth,
                deadline,
                in_time,
                exception: if in_time { None } else { exception },
            });
            if !in_time && exception.is_none() {
                reasons.push(AcceptanceCode::Age16);
            }
        }
    }

    let package = package(run, age)?;
    let completeness = if package.missing.is_empty() && package.invalid.is_empty() {
        CheckResult::Passed
    } else {
        reasons.push(AcceptanceCode::Complete);
        CheckResult::Failed
    };
    Ok(Accepted {
        reasons,
        missing: package.missing,
        missing_one_of: package.missing_one_of,
        invalid: package.invalid,
        completeness,
    })
}

struct Package {
    missing: Vec<DocumentType>,
    missing_one_of: Vec<&'static [DocumentType]>,
    invalid: Vec<InvalidDocument>,
}

/// acc.complete and chk.1: the documents required, then the validity of those submitted.
fn package(run: &mut Run<'_>, age: i32) -> Result<Package, DecideError> {
    let application = run.application;
    let facts = PackageFacts {
        request: application.request,
        citizenship: application.applicant.citizenship,
        categories: application.applicant.categories,
        age,
        host_owns_housing: application.host.as_ref().is_some_and(|host| host.owns_housing),
    };
    let (required, explanations) = required_documents(&facts);
    run.explanation.extend(explanations);

    let mut package = Package {
        missing: Vec::new(),
        missing_one_of: Vec::new(),
        invalid: Vec::new(),
    };
    for requirement in &required {
        let outcome = match requirement {
            Requirement::One(document_type) => accept(run, &[*document_type])?,
            Requirement::OrInstead(primary, instead) => accept(run, &[*primary, *instead])?,
            Requirement::OneOf(group) => accept(run, group)?,
            Requirement::Each(document_type, count) => accept_each(run, *document_type, *count)?,
        };
        match (outcome, requirement) {
            (Met::Yes, _) => {}
            (Met::Invalid(document_type, problems), _) => {
                for reason in problems.iter() {
                    let entry = InvalidDocument { document_type, reason };
                    package.invalid.push(entry);
                    run.explanation.push(Explanation::DocumentInvalid(entry));
                }
            }
            (Met::Missing, Requirement::One(document_type) | Requirement::OrInstead(document_type, _)) => {
                package.missing.push(*document_type);
                run.explanation.push(Explanation::DocumentMissing(*document_type));
            }
            (Met::Short(short), requirement) => {
                let document_type = match requirement {
                    Requirement::One(document_type)
                    | Requirement::OrInstead(document_type, _)
                    | Requirement::Each(document_type, _) => *document_type,
                    Requirement::OneOf(group) => group[0],
                };
                package.missing.extend(std::iter::repeat_n(document_type, short));
                run.explanation.push(Explanation::DocumentMissing(document_type));
            }
            (Met::Missing, Requirement::Each(document_type, count)) => {
                package.missing.extend(std::iter::repeat_n(*document_type, *count));
                run.explanation.push(Explanation::DocumentMissing(*document_type));
            }
            (Met::Missing, Requirement::OneOf(group)) => {
                package.missing.extend_from_slice(group);
                package.missing_one_of.push(group);
                run.explanation.push(Explanation::DocumentsMissingOneOf(group));
            }
        }
    }
    if package.missing.is_empty() && package.invalid.is_empty() {
        run.explanation.push(Explanation::PackageComplete {
            required: required.len(),
        });
    }
    Ok(package)
}

/// Whether a requirement is met by one of the documents submitted for it.
enum Met {
    /// An acceptable document was submitted.
    Yes,
    /// Documents were submitted but none is acceptable: the first one's problems.
    Invalid(DocumentType, Problems),
    /// Nothing was submitted.
    Missing,
    /// Fewer acceptable documents than required were submitted: how many are missing.
    Short(usize),
}

/// Up to four reasons a document is not acceptable (a small array: no allocation per document).
#[derive(Clone, Copy)]
struct Problems {
    reasons: [Option<InvalidReason>; 4],
}

impl Problems {
    fn push(&mut self, reason: InvalidReason) {
        if let Some(slot) = self.reasons.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(reason);
        }
    }

    fn is_empty(&self) -> bool {
        self.reasons[0].is_none()
    }

    fn iter(&self) -> impl Iterator<Item = InvalidReason> + '_ {
        self.reasons.iter().flatten().copied()
    }
}

/// A requirement is met when any document submitted for it is acceptable; a bad copy or a bad
/// alternative does not block a good one.
fn accept(run: &mut Run<'_>, types: &[DocumentType]) -> Result<Met, DecideError> {
    let application = run.application;
    let mut first_problems = None;
    for document in application
        .documents
        .iter()
        .filter(|document| types.contains(&document.document_type))
    {
        let problems = problems(run, document)?;
        if problems.is_empty() {
            if document.from_information_system {
                // acc.is_data (Rules p.5): the data came from an integrated information system.
                run.explanation
                    .push(Explanation::DocumentFromInformationSystem(document.document_type));
            }
            return Ok(Met::Yes);
        }
        first_problems.get_or_insert((document.document_type, problems));
    }
    Ok(match first_problems {
        Some((document_type, problems)) => Met::Invalid(document_type, problems),
        None => Met::Missing,
    })
}

/// A requirement of `count` documents of one type (one from each person): met when so many are
/// acceptable; otherwise the problems of a bad one, or how many are missing.
fn accept_each(run: &mut Run<'_>, document_type: DocumentType, count: usize) -> Result<Met, DecideError> {
    let application = run.application;
    let mut acceptable = 0;
    let mut first_problems = None;
    for document in application
        .documents
        .iter()
        .filter(|document| document.document_type == document_type)
    {
        let problems = problems(run, document)?;
        if problems.is_empty() {
            acceptable += 1;
        } else {
            first_problems.get_or_insert(problems);
        }
    }
    Ok(match (acceptable, first_problems) {
        (acceptable, _) if acceptable >= count => Met::Yes,
        (_, Some(problems)) => Met::Invalid(document_type, problems),
        (0, None) => Met::Missing,
        (acceptable, None) => Met::Short(count - acceptable),
    })
}

/// Appendix 1-1 item 8: the documents of every subtype, then those of the subtype.
fn trp_requirements(
    facts: &PackageFacts,
    subtype: Subtype,
    required: &mut Vec<Requirement>,
    explanation: &mut Vec<Explanation<'static>>,
) {
    let eaeu_citizen = facts.citizenship.is_some_and(|country| country.is_eaeu_partner());
    let categories = facts.categories;
    required.push(Requirement::One(DocumentType::ApplicationForm));
    required.push(Requirement::One(DocumentType::IdentityDocument));
    // Item 8.3: medical insurance, except for citizens of EAEU states.
    if eaeu_citizen {
        explanation.push(Explanation::DocumentNotRequired(
            DocumentType::MedicalInsurance,
            NotRequired::EaeuCitizen,
        ));
    } else {
        required.push(Requirement::One(DocumentType::MedicalInsurance));
    }
    // Item 8.4: the owner's notarized consent when the host does not own the housing.
    if facts.host_owns_housing {
        explanation.push(Explanation::DocumentNotRequired(
            DocumentType::HousingOwnerConsent,
            NotRequired::HostOwnsHousing,
        ));
    } else {
        required.push(Requirement::One(DocumentType::HousingOwnerConsent));
    }
    // Item 8.5: fingerprint registration (Government Decree No. 36 of 31.01.2018).
    required.push(Requirement::One(DocumentType::FingerprintCertificate));
    match subtype {
        Subtype::FamilyReunification => required.push(Requirement::One(DocumentType::FamilyRelationProof)),
        Subtype::Labour => {
            // Subtype 2: the document follows the worker's category (the order, L605–L702).
            match LabourBasis::of(facts.citizenship, categories) {
                LabourBasis::AifcInvestmentResident => {
                    explanation.push(Explanation::DocumentNotRequired(
                        DocumentType::ForeignLabourPermit,
                        NotRequired::PermitExempt(Category::AifcInvestmentResident),
                    ));
                    required.push(Requirement::One(DocumentType::AifcPetition));
                }
                // L620–L631: for EAEU citizens, the contract registered in the unified system.
                LabourBasis::EaeuContract => required.push(Requirement::One(DocumentType::EaeuLabourContract)),
                // L641–L660, L661–L678: no permit, but the TRP never outlasts the contract, so
                // the contract is the labour document.
                LabourBasis::ExemptContract(category) => {
                    explanation.push(Explanation::DocumentNotRequired(
                        DocumentType::ForeignLabourPermit,
                        NotRequired::PermitExempt(category),
                    ));
                    required.push(Requirement::One(DocumentType::LabourContract));
                }
                LabourBasis::Permit => required.push(Requirement::OneOf(LABOUR_PERMITS)),
            }
        }
        Subtype::Study => required.push(Requirement::One(DocumentType::StudyPetition)),
        Subtype::MedicalTreatment => required.push(Requirement::One(DocumentType::MedicalInstitutionDocuments)),
        Subtype::Missionary => required.push(Requirement::One(DocumentType::MissionaryCertificate)),
        Subtype::BusinessImmigrant => required.push(Requirement::One(DocumentType::BusinessImmigrantDocument)),
        Subtype::TraffickingVictim => required.push(Requirement::One(DocumentType::TraffickingPetition)),
        // Subtype 8: no document; the officer checks the PRP application in the IS (chk.6).
        Subtype::PrpApplicant => {}
    }
}

/// Appendix 3 item 8: the full set, or a reduced set for consular cases and minors.
fn prp_requirements(
    facts: &PackageFacts,
    required: &mut Vec<Requirement>,
    explanation: &mut Vec<Explanation<'static>>,
) {
    let categories = facts.categories;
    let age = facts.age;
    required.push(Requirement::One(DocumentType::PrpApplicationForm));
    required.push(Requirement::One(DocumentType::Passport));
    if categories.contains(Category::ConsularOtherCitizenship) {
        // Documents 1), 2), 8), 9) for a citizenship obtained through a mission in Kazakhstan.
        explanation.push(Explanation::Reduced(ReducedSet::Consular));
        required.push(Requirement::One(DocumentType::Photo));
        required.push(Requirement::One(DocumentType::StateDutyReceipt));
        return;
    }
    if categories.contains(Category::MinorWithParents) && age < 18 {
        // The order, L1239–L1265: documents 1), 2), 5), 6), 8), 9), the birth certificate or
        // another identity document of a child under 16, and the notarized consent of the
        // parent (of both parents) living outside Kazakhstan.
        explanation.push(Explanation::Reduced(ReducedSet::Minor(age)));
        // Documents 5) and 6) keep the conditions of their own text (L1143–L1158): the child's
        // consent from 14, the housing contract from an applicant who confirms solvency, as in
        // the full list (interpretation 49).
        if age >= 14 {
            required.push(Requirement::One(DocumentType::ChildConsent));
        }
        if categories.contains(Category::ConfirmsSolvency) {
            required.push(Requirement::One(DocumentType::HousingContract));
        }
        required.push(Requirement::One(DocumentType::Photo));
        required.push(Requirement::One(DocumentType::StateDutyReceipt));
        // "the birth certificate or another identity document of a child under 16" (L1255–L1260;
        // the catalogue names only the birth certificate): either is accepted.
        if age < 16 {
            required.push(Requirement::OrInstead(
                DocumentType::BirthCertificate,
                DocumentType::IdentityDocument,
            ));
        }
        // L1261–L1265: "from the other parent (from both parents)": both when the child applies
        // with neither parent and both live outside Kazakhstan (interpretation 50).
        if categories.contains(Category::ParentsAbroad) {
            required.push(Requirement::Each(DocumentType::OtherParentConsent, 2));
        } else if categories.contains(Category::ParentAbroad) {
            required.push(Requirement::One(DocumentType::OtherParentConsent));
        }
        return;
    }
    required.push(Requirement::One(DocumentType::SolvencyProof));
    // Document 4), except refugees and ethnic Kazakhs who are citizens of the PRC.
    if categories.contains(Category::Refugee) {
        explanation.push(Explanation::DocumentNotRequired(
            DocumentType::CriminalRecordCertificate,
            NotRequired::Refugee,
        ));
    } else if categories.contains(Category::EthnicKazakh) && facts.citizenship == Some(CountryCode::CHINA) {
        explanation.push(Explanation::DocumentNotRequired(
            DocumentType::CriminalRecordCertificate,
            NotRequired::ChinaEthnicKazakh,
        ));
    } else {
        required.push(Requirement::One(DocumentType::CriminalRecordCertificate));
    }
    if (14..18).contains(&age) {
        required.push(Requirement::One(DocumentType::ChildConsent));
    }
    if categories.contains(Category::ConfirmsSolvency) {
        required.push(Requirement::One(DocumentType::HousingContract));
    }
    required.push(Requirement::One(DocumentType::MedicalCertificate028));
    required.push(Requirement::One(DocumentType::Photo));
    required.push(Requirement::One(DocumentType::StateDutyReceipt));
    if categories.contains(Category::InDemandProfession) {
        required.push(Requirement::One(DocumentType::InDemandPetition));
    }
    required.push(Requirement::One(DocumentType::FingerprintCertificate));
}

/// Why a submitted document is not acceptable (acc.complete, Interpretation); empty when it is.
fn problems(run: &Run<'_>, document: &Document) -> Result<Problems, DecideError> {
    let mut problems = Problems { reasons: [None; 4] };
    let document_type = document.document_type;
    let terms = run.terms;
    // acc.is_data (Rules p.5): data taken from an integrated information system replaces the
    // paper document; no translation, legalization or issue date applies to it.
    let paper = !document.from_information_system;
    // Appendix 1-1 and 3, item 8, last parts: notarized translation (Law on Notariat Art. 80)
    // and legalization (Consular Charter p.60) unless a law or treaty provides otherwise.
    if paper && document.foreign_language && !document.notarized_translation {
        problems.push(InvalidReason::TranslationMissing);
    }
    if paper && document.foreign_official && !document.legalized && !document.legalization_exempt {
        problems.push(InvalidReason::LegalizationMissing);
    }
    // A document past its term is not accepted (acc.complete, Interpretation): the identity
    // document of a TRP, and any document whose term is stated.
    // A labour contract whose own term is not stated ends on `contract_ends_on` (the order,
    // L655–L660: a contract that has ended supports no TRP).
    let expired_on = if run.application.request != Request::Prp && document_type == DocumentType::IdentityDocument {
        Some(run.application.applicant.passport.expires_on)
    } else if matches!(
        document_type,
        DocumentType::EaeuLabourContract | DocumentType::LabourContract
    ) {
        document.valid_until.or(run.application.contract_ends_on)
    } else {
        document.valid_until
    };
    if let Some(expired_on) = expired_on.filter(|last_day| *last_day < run.submitted_on) {
        problems.push(InvalidReason::Expired { expired_on });
    }
    if run.application.request != Request::Prp {
        return Ok(problems);
    }
    // Appendix 3 item 8.2: valid more than 180 calendar days after the application date.
    if document_type == DocumentType::Passport {
        let expires_on = run.application.applicant.passport.expires_on;
        let days_left = days_between(run.submitted_on, expires_on);
        if days_left <= i64::from(terms.prp_passport_min_validity_days) {
            problems.push(InvalidReason::ExpiresTooSoon {
                expires_on,
                days_left,
                minimum: terms.prp_passport_min_validity_days,
            });
        }
    }
    // Appendix 3 item 8.6: housing and permanent registration for at least 180 calendar days
    // (counted from the application date, both ends included), when the contract's term is stated.
    if document_type == DocumentType::HousingContract
        && let Some(valid_until) = document.valid_until
    {
        let days = days_between(run.submitted_on, valid_until) + 1;
        if days >= 1 && days < i64::from(terms.prp_housing_min_days) {
            problems.push(InvalidReason::TooShort {
                valid_until,
                days,
                minimum: terms.prp_housing_min_days,
            });
        }
    }
    // Appendix 3 item 8, after 11): documents 3), 4), 7) no older than 180 calendar days.
    if paper
        && matches!(
            document_type,
            DocumentType::SolvencyProof | DocumentType::CriminalRecordCertificate | DocumentType::MedicalCertificate028
        )
    {
        match document.issued_on {
            None => problems.push(InvalidReason::IssueDateMissing),
            Some(issued_on) => {
                let age_days = days_between(issued_on, run.submitted_on);
                if age_days > i64::from(terms.prp_document_max_age_days) {
                    problems.push(InvalidReason::TooOld {
                        issued_on,
                        age_days,
                        maximum: terms.prp_document_max_age_days,
                    });
                }
            }
        }
    }
    // Appendix 3 item 6: 4 MCI at the MCI in force on the day of payment (Tax Code).
    if document_type == DocumentType::StateDutyReceipt
        && let Some(payment) = run.application.registry.duty_payment
    {
        let mci = run
            .law
            .parameters()
            .mci_on(payment.paid_on)
            .map_err(|error| DecideError::Parameter {
                field: "registry.duty_payment.paid_on",
                error,
            })?;
        let due_kzt = mci.amount_kzt.saturating_mul(u64::from(terms.prp_duty_mci));
        if payment.amount_kzt < due_kzt {
            problems.push(InvalidReason::Underpaid {
                paid_kzt: payment.amount_kzt,
                due_kzt,
                paid_on: payment.paid_on,
            });
        }
    }
    Ok(problems)
}
