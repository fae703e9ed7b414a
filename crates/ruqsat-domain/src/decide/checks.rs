//! The seven checks (Rules p.9-1; catalogue §5), the other registry answers a PRP needs, the
//! officer's findings, and the grounds they raise (catalogue §7, §9), with the exemptions.

use crate::application::Request;
use crate::codes::{Category, CheckCode, CheckResult, DocumentType, GroundCode, OffenceArea, SecurityFlag, Subtype};
use crate::dates::add_years;
use crate::decision::{CheckFact, CheckOutcome, Explanation, GroundFact, Registry};

use super::{Basis, Run};
use crate::parameters::RuleSet;
use crate::residence::EXEMPT_15_17;

/// Categories exempt from confirming solvency (Law Art. 49 p.1 sub. 4).
const EXEMPT_4: &[Category] = &[
    Category::EthnicKazakh,
    Category::EthnicKazakhFamily,
    Category::FormerCompatriot,
    Category::BornInKazakhstan,
    Category::FormerCitizen,
    Category::SimplifiedCitizenshipTreaty,
    Category::FamilyOfExempt,
    Category::InDemandProfession,
];

pub(super) fn evaluate(run: &mut Run<'_>, completeness: CheckResult) -> [CheckOutcome; 7] {
    let application = run.application;
    let missing = run
        .explanation
        .iter()
        .filter(|step| {
            matches!(
                step,
                Explanation::DocumentMissing(_) | Explanation::DocumentsMissingOneOf(_)
            )
        })
        .count();
    let invalid = run
        .explanation
        .iter()
        .filter(|step| matches!(step, Explanation::DocumentInvalid(_)))
        .count();
    let chk1 = run.check(
        CheckCode::Completeness,
        completeness,
        CheckFact::Package { missing, invalid },
    );
    let checks = match application.request {
        Request::Trp(subtype) => trp_checks(run, subtype, chk1),
        Request::Prp => prp_checks(run, chk1),
    };
    findings(run);
    checks
}

/// Checks of a TRP application and the grounds of Appendix 1-1 item 9
/// (**Interpretation (checks to grounds)**, catalogue §7).
fn trp_checks(run: &mut Run<'_>, subtype: Subtype, chk1: CheckOutcome) -> [CheckOutcome; 7] {
    let registry = &run.application.registry;

    // chk.2: border crossings. An illegal entry does not meet the requirements of NLA
    // (trp.9.2) and needs the officer's reasoned finding.
    let chk2 = match registry.border {
        None => pending(run, CheckCode::Border, Registry::Border),
        Some(border) => {
            if border.illegal_entry {
                run.ground(GroundCode::Trp9_2, GroundFact::IllegalEntry, Basis::NeedsFinding);
            }
            let result = failed_if(border.illegal_entry);
            run.check(
                CheckCode::Border,
                result,
                CheckFact::Border {
                    illegal_entry: border.illegal_entry,
                    expelled_on: None,
                },
            )
        }
    };

    // chk.3: wanted, or unexecuted obligations: trp.9.2 with a reasoned finding; a court ban on
    // the special right: trp.9.3.
    let chk3 = match registry.criminal {
        None => pending(run, CheckCode::Criminal, Registry::Criminal),
        Some(criminal) => {
            if criminal.wanted {
                run.ground(GroundCode::Trp9_2, GroundFact::Wanted, Basis::NeedsFinding);
            }
            if criminal.unexecuted_obligations {
                run.ground(
                    GroundCode::Trp9_2,
                    GroundFact::UnexecutedObligations,
                    Basis::NeedsFinding,
                );
            }
            if criminal.court_ban_on_service {
                run.ground(GroundCode::Trp9_3, GroundFact::CourtBan, Basis::Automatic);
            }
            let flags = u8::from(criminal.wanted)
                + u8::from(criminal.unexecuted_obligations)
                + u8::from(criminal.court_ban_on_service);
            run.check(
                CheckCode::Criminal,
                failed_if(flags > 0),
                CheckFact::Criminal { flags, offences: 0 },
            )
        }
    };

    let chk4 = iin_check(run, GroundCode::Trp9_1);

    // chk.5: the employer's valid domestic-work TRPs (Law Art. 43-2 p.5), for a labour TRP to
    // work for individuals. With no limit set, the count is reported for the officer to judge.
    let domestic_work = subtype == Subtype::Labour
        && run
            .application
            .documents
            .iter()
            .any(|document| document.document_type == DocumentType::DomesticWorkPermit);
    let chk5 = if !domestic_work {
        not_applicable(run, CheckCode::EmployerDomesticTrps)
    } else {
        match registry.employer_domestic_trps {
            None => pending(run, CheckCode::EmployerDomesticTrps, Registry::EmployerDomesticTrps),
            Some(count) => {
                let limit = run.terms.domestic_work_trp_limit;
                let over = limit.is_some_and(|limit| count >= limit);
                if let (true, Some(limit)) = (over, limit) {
                    run.ground(
                        GroundCode::Trp9_2,
                        GroundFact::DomesticWorkLimit { count, limit },
                        Basis::Automatic,
                    );
                }
                run.check(
                    CheckCode::EmployerDomesticTrps,
                    failed_if(over),
                    CheckFact::DomesticWork { count, limit },
                )
            }
        }
    };

    // chk.6: for subtype 8, a PRP application must exist (trp.9.2 otherwise).
    let chk6 = if subtype != Subtype::PrpApplicant {
        not_applicable(run, CheckCode::PrpApplication)
    } else {
        match registry.prp_application_exists {
            None => pending(run, CheckCode::PrpApplication, Registry::PrpApplications),
            Some(exists) => {
                if !exists {
                    run.ground(GroundCode::Trp9_2, GroundFact::NoPrpApplication, Basis::Automatic);
                }
                run.check(
                    CheckCode::PrpApplication,
                    failed_if(!exists),
                    CheckFact::PrpApplication(exists),
                )
            }
        }
    };

    // chk.7: fingerprint registration is required by Government Decree No. 36 (trp.9.2).
    let chk7 = match registry.fingerprints_registered {
        None => pending(run, CheckCode::Fingerprints, Registry::Fingerprints),
        Some(registered) => {
            if !registered {
                run.ground(GroundCode::Trp9_2, GroundFact::NoFingerprints, Basis::Automatic);
            }
            run.check(
                CheckCode::Fingerprints,
                failed_if(!registered),
                CheckFact::Fingerprints(registered),
            )
        }
    };

    trp_9_4(run);
    [chk1, chk2, chk3, chk4, chk5, chk6, chk7]
}

/// trp.9.4: no consent to access restricted personal data (Appendix 1-1 item 9 subitem 4; Law on
/// Personal Data Art. 8), by edition of the Rules.
fn trp_9_4(run: &mut Run<'_>) {
    match run.rules() {
        RuleSet::Order219 => {
            if !run.application.consent_to_restricted_data {
                run.ground(GroundCode::Trp9_4, GroundFact::NoConsent, Basis::Automatic);
            }
        }
        // The made-up amendment of the tests drops this ground.
        #[cfg(feature = "test-edition")]
        RuleSet::TestAmendment => {}
    }
}

/// Checks of a PRP application and the grounds of Art. 49 of the Law on Population Migration.
fn prp_checks(run: &mut Run<'_>, chk1: CheckOutcome) -> [CheckOutcome; 7] {
    let application = run.application;
    let registry = &application.registry;
    let categories = application.applicant.categories;
    let terms = run.terms;

    // chk.2: illegal entry (art49.1); expulsion within five years (art49.13), counted to the
    // submission date (**Interpretation**: the five years end on the anniversary, inclusive).
    let chk2 = match (registry.border, registry.expelled_on) {
        (None, _) | (_, None) => {
            let outcome = run.check(CheckCode::Border, CheckResult::Pending, CheckFact::Pending);
            if registry.border.is_none() {
                run.awaiting(Registry::Border);
            }
            if registry.expelled_on.is_none() {
                run.awaiting(Registry::Expulsions);
            }
            outcome
        }
        (Some(border), Some(expelled_on)) => {
            if border.illegal_entry {
                run.ground(GroundCode::Art49_1, GroundFact::IllegalEntry, Basis::Automatic);
            }
            let mut expelled = None;
            if let Some(on) = expelled_on {
                let until = add_years(on, terms.expulsion_years as i32);
                // **Interpretation**: "before the PRP would be issued" is measured on the date of
                // the decision when the caller gives it, else on the submission date.
                let reference = application.decided_on.unwrap_or(run.submitted_on);
                if reference <= until {
                    run.ground(
                        GroundCode::Art49_13,
                        GroundFact::Expelled { on, until },
                        Basis::Automatic,
                    );
                    expelled = Some(on);
                }
            }
            let result = failed_if(border.illegal_entry || expelled.is_some());
            run.check(
                CheckCode::Border,
                result,
                CheckFact::Border {
                    illegal_entry: border.illegal_entry,
                    expelled_on: expelled,
                },
            )
        }
    };

    // chk.3: criminal records and administrative offences.
    let chk3 = match (registry.criminal, &registry.admin_offences) {
        (None, _) | (_, None) => {
            let outcome = run.check(CheckCode::Criminal, CheckResult::Pending, CheckFact::Pending);
            if registry.criminal.is_none() {
                run.awaiting(Registry::Criminal);
            }
            if registry.admin_offences.is_none() {
                run.awaiting(Registry::AdminOffences);
            }
            outcome
        }
        (Some(criminal), Some(offences)) => {
            let mut raised =
                criminal.wanted || criminal.released_from_prison_nonresident || criminal.unexpunged_conviction;
            // art49.1, second part: prosecuted for a crime; a wanted status needs a finding.
            if criminal.wanted {
                run.ground(GroundCode::Art49_1, GroundFact::Wanted, Basis::NeedsFinding);
            }
            if criminal.released_from_prison_nonresident {
                run.ground(GroundCode::Art49_2, GroundFact::ReleasedFromPrison, Basis::Automatic);
            }
            if criminal.unexpunged_conviction {
                run.ground(GroundCode::Art49_9, GroundFact::UnexpungedConviction, Basis::Automatic);
            }
            // art49.5: "repeatedly" = at least `repeated_violations` offences in migration law.
            let migration: Vec<_> = offences
                .iter()
                .filter(|offence| offence.area == OffenceArea::Migration)
                .collect();
            if let Some(latest) = migration.iter().map(|offence| offence.on).max()
                && migration.len() >= terms.repeated_violations as usize
            {
                let fact = GroundFact::RepeatedViolations {
                    count: migration.len(),
                    minimum: terms.repeated_violations,
                    latest_on: latest,
                };
                run.ground(GroundCode::Art49_5, fact, Basis::Automatic);
                raised = true;
            }
            // art49.17: liable for offences in migration, tax or labour law, with exemptions.
            let relevant = offences.iter().filter(|offence| offence.area != OffenceArea::Other);
            let count = relevant.clone().count();
            if let Some(latest_on) = relevant.map(|offence| offence.on).max() {
                match categories.first_of(EXEMPT_15_17) {
                    Some(category) => run.explanation.push(Explanation::Exempted {
                        code: GroundCode::Art49_17,
                        category,
                    }),
                    None => {
                        run.ground(
                            GroundCode::Art49_17,
                            GroundFact::AdminOffences { count, latest_on },
                            Basis::Automatic,
                        );
                        raised = true;
                    }
                }
            }
            let flags = u8::from(criminal.wanted)
                + u8::from(criminal.released_from_prison_nonresident)
                + u8::from(criminal.unexpunged_conviction);
            run.check(
                CheckCode::Criminal,
                failed_if(raised),
                CheckFact::Criminal { flags, offences: count },
            )
        }
    };

    let chk4 = iin_check(run, GroundCode::Prp9_1_1);
    let chk5 = not_applicable(run, CheckCode::EmployerDomesticTrps);
    let chk6 = not_applicable(run, CheckCode::PrpApplication);

    // chk.7 and art49.12: fingerprint registration.
    let chk7 = match registry.fingerprints_registered {
        None => pending(run, CheckCode::Fingerprints, Registry::Fingerprints),
        Some(registered) => {
            if !registered {
                run.ground(GroundCode::Art49_12, GroundFact::NoFingerprints, Basis::Automatic);
            }
            run.check(
                CheckCode::Fingerprints,
                failed_if(!registered),
                CheckFact::Fingerprints(registered),
            )
        }
    };

    // art49.10 and art49.18: national security bodies (no reasons are given for art49.10).
    match &registry.security_flags {
        None => run.awaiting(Registry::Security),
        Some(flags) => {
            if flags.contains(&SecurityFlag::ExtremismTerrorism) {
                run.ground(GroundCode::Art49_10, GroundFact::Extremism, Basis::Automatic);
            }
            if flags.contains(&SecurityFlag::NationalSecurityThreat) {
                run.ground(GroundCode::Art49_18, GroundFact::SecurityThreat, Basis::Automatic);
            }
        }
    }
    // art49.20, art49.21: citizenship records; art49.16: court records.
    let record_grounds = [
        (
            registry.citizenship_lost_art21,
            Registry::CitizenshipLost,
            GroundCode::Art49_20,
            GroundFact::CitizenshipLost,
        ),
        (
            registry.citizenship_deprived_art20_1,
            Registry::CitizenshipDeprived,
            GroundCode::Art49_21,
            GroundFact::CitizenshipDeprived,
        ),
        (
            registry.marriage_annulled,
            Registry::Courts,
            GroundCode::Art49_16,
            GroundFact::MarriageAnnulled,
        ),
    ];
    for (answer, registry_name, code, fact) in record_grounds {
        match answer {
            None => run.awaiting(registry_name),
            Some(true) => run.ground(code, fact, Basis::Automatic),
            Some(false) => {}
        }
    }
    // art49.19: the 028/u certificate reports a disease that bars entry.
    if application
        .documents
        .iter()
        .any(|document| document.document_type == DocumentType::MedicalCertificate028 && document.bars_entry)
    {
        run.ground(GroundCode::Art49_19, GroundFact::BarringDisease, Basis::Automatic);
    }
    // The state duty must be confirmed by the payment registry (Appendix 3 item 6).
    if registry.duty_payment.is_none() {
        run.awaiting(Registry::DutyPayments);
    }
    [chk1, chk2, chk3, chk4, chk5, chk6, chk7]
}

/// chk.4: the IINs stated in the application must be in the registry; a missing one makes the
/// data unreliable (`ground`), which needs the officer's reasoned finding. A person with no IIN
/// gets one on issue.
fn iin_check(run: &mut Run<'_>, ground: GroundCode) -> CheckOutcome {
    let application = run.application;
    let Some(found) = &application.registry.iin_found else {
        return pending(run, CheckCode::Iin, Registry::Iin);
    };
    let applicant_stated = application.applicant.iin.is_some();
    let applicant_missing = applicant_stated && !found.applicant;
    let family_missing = application
        .family_members
        .iter()
        .zip(found.family.iter().copied().chain(std::iter::repeat(false)))
        .filter(|(member, found)| member.person.iin.is_some() && !found)
        .count();
    let failed = applicant_missing || family_missing > 0;
    if failed {
        run.ground(
            ground,
            GroundFact::IinNotFound {
                family: family_missing,
                applicant: applicant_missing,
            },
            Basis::NeedsFinding,
        );
    }
    let fact = CheckFact::Iin {
        applicant_stated,
        applicant_found: !applicant_missing,
        family_missing,
        family_total: application.family_members.len(),
    };
    run.check(CheckCode::Iin, failed_if(failed), fact)
}

/// The officer's reasoned findings, with the exemptions of art49.4, art49.15 and art49.17.
fn findings(run: &mut Run<'_>) {
    let categories = run.application.applicant.categories;
    let service = run.application.request.service();
    for finding in &run.application.findings {
        if finding.ground.service() != service {
            run.explanation.push(Explanation::FindingIgnored {
                code: finding.ground,
                service,
            });
            continue;
        }
        let exemptions: &[Category] = if finding.ground == GroundCode::Art49_4 {
            EXEMPT_4
        } else if matches!(finding.ground, GroundCode::Art49_15 | GroundCode::Art49_17) {
            EXEMPT_15_17
        } else {
            &[]
        };
        match categories.first_of(exemptions) {
            Some(category) => run.explanation.push(Explanation::Exempted {
                code: finding.ground,
                category,
            }),
            None => run.ground(finding.ground, GroundFact::Finding(&finding.note), Basis::Automatic),
        }
    }
}

fn failed_if(condition: bool) -> CheckResult {
    if condition {
        CheckResult::Failed
    } else {
        CheckResult::Passed
    }
}

fn pending(run: &mut Run<'_>, code: CheckCode, registry: Registry) -> CheckOutcome {
    let outcome = run.check(code, CheckResult::Pending, CheckFact::Pending);
    run.awaiting(registry);
    outcome
}

fn not_applicable(run: &mut Run<'_>, code: CheckCode) -> CheckOutcome {
    run.check(code, CheckResult::NotApplicable, CheckFact::NotApplicable)
}
