//! The validity of a TRP to be issued (catalogue §6, "TRP validity").

use chrono::NaiveDate;

use crate::application::Request;
use crate::codes::{Category, DocumentType, GroundCode, Subtype};
use crate::dates::{add_days, birthday, end_of_days, end_of_years};
use crate::decision::{Explanation, GroundFact, Validity, ValidityLimit};
use crate::parameters::Terms;

use super::acceptance::LabourBasis;
use super::{Basis, Run};

/// Documents whose term caps a TRP of their subtype (**Unconfirmed**: governed by the
/// `trp.cap_by_supporting_document` parameter).
fn supporting_documents(subtype: Subtype) -> &'static [DocumentType] {
    match subtype {
        Subtype::FamilyReunification => &[DocumentType::FamilyRelationProof],
        Subtype::Labour => super::acceptance::LABOUR_DOCUMENTS,
        Subtype::Study => &[DocumentType::StudyPetition],
        Subtype::MedicalTreatment => &[DocumentType::MedicalInstitutionDocuments],
        Subtype::Missionary => &[DocumentType::MissionaryCertificate],
        Subtype::BusinessImmigrant => &[DocumentType::BusinessImmigrantDocument],
        Subtype::TraffickingVictim => &[DocumentType::TraffickingPetition],
        Subtype::PrpApplicant => &[],
    }
}

/// The principal's TRP and each family member's; a ground (trp.9.2) when no period remains.
pub(super) fn trp_validity(run: &mut Run<'_>) -> (Option<Validity>, Vec<Option<Validity>>) {
    let application = run.application;
    let Request::Trp(subtype) = application.request else {
        return (None, Vec::new());
    };
    let terms = run.terms;
    let categories = application.applicant.categories;

    // Never before the submission, never longer than requested nor beyond the passport.
    let valid_from = application
        .requested_period
        .map_or(run.submitted_on, |period| period.from().max(run.submitted_on));
    let mut limits: Vec<(NaiveDate, ValidityLimit)> = Vec::with_capacity(8);
    if let Some(period) = application.requested_period {
        limits.push((period.to(), ValidityLimit::Requested));
    }
    limits.push((application.applicant.passport.expires_on, ValidityLimit::Passport));
    if subtype == Subtype::Labour {
        let basis = LabourBasis::of(application.applicant.citizenship, categories);
        // Subtype 2: never beyond the employment or civil-law contract (interpretation 13). For
        // a worker whose labour document is the contract (EAEU citizens, permit-exempt migrants,
        // AIFC workers), its last day is `contract_ends_on`, else the contract's stated term
        // (the order, L655–L660, L673–L678: "not beyond the term of the contract").
        let contract_document_ends_on = basis.contract().and_then(|contract| {
            application
                .documents
                .iter()
                .filter(|document| document.document_type == contract)
                .filter_map(|document| document.valid_until)
                .max()
        });
        if let Some(ends_on) = application.contract_ends_on.or(contract_document_ends_on) {
            limits.push((ends_on, ValidityLimit::Contract));
        }
        // One year, extendable yearly, for the workers who need no permit (EAEU citizens by the
        // Treaty on the EAEU, permit-exempt migrants, AIFC workers) and investment residents
        // (L641–L660, L661–L678, L684–L695; interpretation 48).
        if basis.yearly() {
            let years = terms.labour_trp_years;
            limits.push((end_of_years(valid_from, years as i32), ValidityLimit::Years(years)));
        }
        if categories.contains(Category::AifcInvestmentResident) {
            let since = application.aifc_residence_since.unwrap_or(valid_from);
            let years = terms.aifc_max_years;
            limits.push((
                end_of_years(since, years as i32),
                ValidityLimit::AifcTotal { since, years },
            ));
        }
    }
    // Subtype 8: the time needed to consider the PRP application, at most 90 days (Law Art. 7).
    if subtype == Subtype::PrpApplicant {
        let days = terms.prp_applicant_trp_max_days;
        limits.push((end_of_days(valid_from, days), ValidityLimit::PrpApplicantDays(days)));
    }
    if terms.cap_by_supporting_document {
        for document in &application.documents {
            if let Some(valid_until) = document.valid_until
                && supporting_documents(subtype).contains(&document.document_type)
            {
                limits.push((valid_until, ValidityLimit::SupportingDocument(document.document_type)));
            }
        }
    }
    // A family member's TRP never ends after the principal's.
    if let Some(until) = application.principal_permit_valid_until {
        limits.push((until, ValidityLimit::Principal));
        // A family member applying alone who turns 16 during the TRP applies on their own then.
        if let Some(limit) = age16_limit(application.applicant.birth_date, valid_from, terms) {
            limits.push(limit);
        }
    }
    let (valid_until, limit) = limits
        .iter()
        .copied()
        .fold(limits[0], |best, next| if next.0 < best.0 { next } else { best });
    if valid_until < valid_from {
        run.ground(
            GroundCode::Trp9_2,
            GroundFact::NoValidPeriod {
                from: valid_from,
                until: valid_until,
            },
            Basis::Automatic,
        );
        return (None, Vec::new());
    }
    let permit = Validity {
        valid_from,
        valid_until,
        limit,
    };
    run.explanation.push(Explanation::PermitValidity(permit));

    let mut family = Vec::with_capacity(application.family_members.len());
    for (index, member) in application.family_members.iter().enumerate() {
        let (mut until, mut limit) = if member.person.passport.expires_on < valid_until {
            (member.person.passport.expires_on, ValidityLimit::Passport)
        } else {
            (valid_until, ValidityLimit::Principal)
        };
        if let Some((age16_until, age16_limit)) = age16_limit(member.person.birth_date, valid_from, terms)
            && age16_until < until
        {
            (until, limit) = (age16_until, age16_limit);
        }
        // A member whose passport ends before the TRP would start gets none; the principal's
        // TRP is not affected.
        if until < valid_from {
            run.explanation.push(Explanation::FamilyNoPeriod {
                index,
                expires_on: until,
            });
            family.push(None);
            continue;
        }
        let validity = Validity {
            valid_from,
            valid_until: until,
            limit,
        };
        run.explanation.push(Explanation::FamilyValidity(index, validity));
        family.push(Some(validity));
    }
    (Some(permit), family)
}

/// The order, L56–L60: a migrant who turns 16 in Kazakhstan applies for a TRP of their own no
/// later than ten calendar days after the 16th birthday (`trp.age16_application_days`). A family
/// member's TRP that would run past that therefore ends on the last day of the own application,
/// so that the member stays lawfully until then and not beyond (interpretation 52). `None` when
/// the member is 16 before the TRP starts.
fn age16_limit(birth_date: NaiveDate, valid_from: NaiveDate, terms: &Terms) -> Option<(NaiveDate, ValidityLimit)> {
    let sixteenth = birthday(birth_date, 16);
    if sixteenth < valid_from {
        return None;
    }
    Some((
        add_days(sixteenth, terms.age16_application_days),
        ValidityLimit::OwnApplicationAt16 { birthday: sixteenth },
    ))
}
