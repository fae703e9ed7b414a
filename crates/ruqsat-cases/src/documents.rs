//! The data of a case's documents (the permit, the reasoned refusal, the filled questionnaire),
//! assembled from the typed stored records; `ruqsat_documents` renders them as PDF.

use ruqsat_documents::permit::{PermitData, PermitKind};
use ruqsat_documents::questionnaire::{PersonRow, QuestionnaireData};
use ruqsat_documents::refusal::{Act, EnglishRefusal, RefusalData, RefusalGround};
use ruqsat_domain::application::{Address, Application, Person, Request};
use ruqsat_domain::codes::{GroundCode, SexCode};
use ruqsat_i18n::{Arg, Lang};
use ruqsat_store::CaseRow;

use crate::records::{Decided, DecisionRecord, Evidence, application};
use crate::{CaseError, Service};

/// The address in Kazakhstan as one line.
pub fn address_line(address: &Address) -> Option<String> {
    let parts: Vec<&str> = [
        &address.region,
        &address.city,
        &address.street,
        &address.house,
        &address.apartment,
    ]
    .into_iter()
    .filter_map(|part| part.as_deref().filter(|part| !part.is_empty()))
    .collect();
    if parts.is_empty() {
        return None;
    }
    let mut line = parts.join(", ");
    if let Some(code) = address.registration_code.as_deref().filter(|code| !code.is_empty()) {
        line.push_str(&format!(" ({code})"));
    }
    Some(line)
}

/// A person's full name.
pub fn full_name(person: &Person) -> String {
    [
        Some(&person.surname),
        Some(&person.given_name),
        person.patronymic.as_ref(),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(" ")
}

/// The police body of a region, in Kazakh and Russian.
pub fn issuing_body(region: ruqsat_domain::codes::Region) -> String {
    let name = |lang| ruqsat_i18n::text(lang, &format!("region-{}", region.as_str()), &[]);
    format!(
        "{} / {}",
        ruqsat_i18n::text(Lang::Kk, "issuing-body", &[("region", Arg::Text(name(Lang::Kk)))]),
        ruqsat_i18n::text(Lang::Ru, "issuing-body", &[("region", Arg::Text(name(Lang::Ru)))]),
    )
}

/// A message in Kazakh and in Russian.
fn both(id: &str) -> (String, String) {
    (
        ruqsat_i18n::text(Lang::Kk, id, &[]),
        ruqsat_i18n::text(Lang::Ru, id, &[]),
    )
}

/// The permit data of a case whose permit was issued; `None` when it issued none.
pub fn permit_data(case: &CaseRow) -> Result<Option<PermitData>, CaseError> {
    let Some(decision) = DecisionRecord::read(case)?.filter(|decision| decision.outcome == Decided::Issue) else {
        return Ok(None);
    };
    let (Some(permit), Some(number)) = (decision.permit, case.permit_number.clone()) else {
        return Ok(None);
    };
    let application = application(case)?;
    let applicant = &application.applicant;
    let purpose = match application.request {
        Request::Trp(subtype) => Some(both(&format!("subtype-{}", subtype.as_str()))),
        Request::Prp => None,
    };
    Ok(Some(PermitData {
        number,
        kind: match application.request {
            Request::Trp(_) => PermitKind::Trp,
            Request::Prp => PermitKind::Prp,
        },
        surname: applicant.surname.clone(),
        given_name: applicant.given_name.clone(),
        patronymic: applicant.patronymic.clone(),
        citizenship: applicant.citizenship.map(|country| country.to_string()),
        birth_date: applicant.birth_date.to_string(),
        passport: applicant.passport.number.clone(),
        address: application
            .questionnaire
            .address_in_kazakhstan
            .as_ref()
            .and_then(address_line),
        purpose,
        valid_from: permit.valid_from.to_string(),
        valid_until: permit.valid_until.map(|until| until.to_string()),
        issuing_body: issuing_body(case.region),
        issued_on: decision.decided_on.to_string(),
        iin: applicant.iin.map(|iin| iin.to_string()),
        photo: None,
        // An English copy for a holder who chose English (the Kazakh and Russian page is the permit).
        english: chose_english(&application).then(|| match application.request {
            Request::Trp(subtype) => Some(ruqsat_i18n::text(
                Lang::En,
                &format!("subtype-{}", subtype.as_str()),
                &[],
            )),
            Request::Prp => None,
        }),
    }))
}

/// Whether the applicant chose English for the notifications: their documents then carry an
/// English copy.
fn chose_english(application: &Application) -> bool {
    application.questionnaire.language.as_deref() == Some("en")
}

/// The holder's photograph for the permit: the last `photo` the case received as a JPEG or PNG
/// (a photograph sent as PDF is for the officer's eyes, not for the card).
pub async fn permit_photo(service: &Service, case: &CaseRow) -> Result<Option<Vec<u8>>, CaseError> {
    let photo = service
        .store
        .documents(case.id)
        .await?
        .into_iter()
        .rev()
        .find(|document| {
            document.document_type == ruqsat_domain::codes::DocumentType::Photo.as_str()
                && matches!(document.media_type.as_str(), "image/jpeg" | "image/png")
        });
    let Some(photo) = photo else {
        return Ok(None);
    };
    Ok(service
        .store
        .document_content(case.id, photo.id)
        .await?
        .map(|(_, content)| content))
}

/// Who signed an act, as the act says it: the official's name, position and login, in Kazakh
/// and Russian (the position from the role: an officer of the migration police, or the head of
/// its unit for a supervisor).
pub async fn signatory(service: &Service, login: &str) -> Result<String, CaseError> {
    let account = service.store.staff_by_login(login).await?;
    Ok(match account {
        Some(account) => {
            let position = match account.staff.role.as_str() {
                "supervisor" => "position-supervisor",
                _ => "position-officer",
            };
            let (kk, ru) = both(position);
            format!("{}, {kk} / {ru} ({login})", account.staff.name)
        }
        None => login.to_owned(),
    })
}

/// The reasoned refusal of a case; `None` when the case was not refused. `submitted_on` is the
/// Kazakhstan date of the submission; the officer and the supervisor are named as `signatory`
/// says them.
pub async fn refusal_data(
    service: &Service,
    case: &CaseRow,
    submitted_on: String,
) -> Result<Option<RefusalData>, CaseError> {
    let Some(decision) = DecisionRecord::read(case)?.filter(|decision| decision.outcome == Decided::Refuse) else {
        return Ok(None);
    };
    let application = application(case)?;
    let applicant = &application.applicant;
    // The facts of each ground, replayed from the decision's exact input, in Russian.
    let replayed = ruqsat_contract::decide_json(&decision.replay.to_string(), &service.law, Lang::Ru)
        .map_err(|error| CaseError::unreadable(case.id, "decision's input", error))?;
    let grounds = decision
        .ground_codes()
        .into_iter()
        .map(|code: GroundCode| RefusalGround {
            code: code.as_str().to_owned(),
            title_kk: ruqsat_i18n::ground_title(Lang::Kk, code),
            title_ru: ruqsat_i18n::ground_title(Lang::Ru, code),
            source: (
                ruqsat_i18n::ground_source(Lang::Kk, code),
                ruqsat_i18n::ground_source(Lang::Ru, code),
            ),
            facts: replayed
                .grounds
                .iter()
                .find(|ground| ground.code == code.as_str())
                .map(|ground| ground.explanation.clone())
                .unwrap_or_default(),
        })
        .collect();
    let until = decision
        .appeal
        .as_ref()
        .map(|appeal| appeal.until.to_string())
        .unwrap_or_default();
    let appeal_text = |lang| ruqsat_i18n::text(lang, "refusal-appeal", &[("until", Arg::Text(until.clone()))]);
    Ok(Some(RefusalData {
        act: Act::Refusal,
        case_number: case.number.clone(),
        service: case.service.as_str().to_owned(),
        issuing_body: issuing_body(case.region),
        applicant: full_name(applicant),
        birth_date: applicant.birth_date.to_string(),
        citizenship: applicant
            .citizenship
            .map_or_else(|| "—".into(), |country| country.to_string()),
        passport: applicant.passport.number.clone(),
        submitted_on,
        decided_on: decision.decided_on.to_string(),
        grounds,
        reasoning: decision.reason.clone().unwrap_or_else(|| "—".into()),
        officer: signatory(service, &decision.officer).await?,
        supervisor: match &decision.supervisor {
            Some(supervisor) => Some((
                signatory(service, supervisor).await?,
                decision.signed_on.map(|on| on.to_string()).unwrap_or_default(),
            )),
            None => None,
        },
        appeal: (appeal_text(Lang::Kk), appeal_text(Lang::Ru)),
        english: chose_english(&application).then(|| EnglishRefusal {
            grounds: decision
                .ground_codes()
                .into_iter()
                .map(|code: GroundCode| {
                    (
                        code.as_str().to_owned(),
                        ruqsat_i18n::ground_title(Lang::En, code),
                        ruqsat_i18n::ground_source(Lang::En, code),
                    )
                })
                .collect(),
            appeal: appeal_text(Lang::En),
        }),
    }))
}

/// The decision to revoke the PRP of a case (Art. 49 of the Law on migration), once the
/// supervisor signed it: the ground with its source, the evidence the sweep or the registry
/// found, the officer's reasoning, both signatories by name and position, and the appeal's term.
/// `None` when the case's permit was not revoked. `revoked_on` is the local day of the signature.
pub async fn revocation_data(
    service: &Service,
    case: &CaseRow,
    submitted_on: String,
    revoked_on: String,
) -> Result<Option<RefusalData>, CaseError> {
    if case.state != ruqsat_domain::case::CaseState::Revoked {
        return Ok(None);
    }
    let Some(candidate) = service
        .store
        .candidates(ruqsat_domain::codes::CandidateState::Revoked)
        .await?
        .into_iter()
        .find(|candidate| candidate.case_id == case.id)
    else {
        return Ok(None);
    };
    let decision = DecisionRecord::read(case)?;
    let application = application(case)?;
    let applicant = &application.applicant;
    let code: GroundCode = candidate
        .ground
        .parse()
        .map_err(|error| CaseError::unreadable(case.id, "revocation candidate's ground", error))?;
    // The facts, in Russian as the refusal's: the period and its days, or the registry's finding.
    let facts = match Evidence::read(case.id, &candidate.evidence)? {
        Evidence::Presence(presence) => format!(
            "Период {} — {}: в Республике Казахстан {} дн. при требуемых {}; неизвестно {} дн.; пересечения границы: {}",
            presence.period.from,
            presence.period.to,
            presence.period.days_present,
            presence.min_days,
            presence.period.days_unknown,
            presence.period.crossings.join(", ")
        ),
        Evidence::Registry(registry) => format!("{} ({})", registry.finding, registry.as_of),
    };
    let until = decision
        .as_ref()
        .and_then(|decision| decision.appeal.as_ref())
        .map(|appeal| appeal.until.to_string())
        .unwrap_or_default();
    let appeal_text = |lang| ruqsat_i18n::text(lang, "refusal-appeal", &[("until", Arg::Text(until.clone()))]);
    let officer = match &candidate.officer {
        Some(login) => signatory(service, login).await?,
        None => "—".to_owned(),
    };
    let supervisor = match &candidate.supervisor {
        Some(login) => Some((signatory(service, login).await?, revoked_on.clone())),
        None => None,
    };
    Ok(Some(RefusalData {
        act: Act::Revocation {
            permit_number: case.permit_number.clone().unwrap_or_default(),
            issued_on: decision
                .as_ref()
                .map(|decision| decision.decided_on.to_string())
                .unwrap_or_default(),
        },
        case_number: case.number.clone(),
        service: case.service.as_str().to_owned(),
        issuing_body: issuing_body(case.region),
        applicant: full_name(applicant),
        birth_date: applicant.birth_date.to_string(),
        citizenship: applicant
            .citizenship
            .map_or_else(|| "—".into(), |country| country.to_string()),
        passport: applicant.passport.number.clone(),
        submitted_on,
        decided_on: revoked_on,
        grounds: vec![RefusalGround {
            code: code.as_str().to_owned(),
            title_kk: ruqsat_i18n::ground_title(Lang::Kk, code),
            title_ru: ruqsat_i18n::ground_title(Lang::Ru, code),
            source: (
                ruqsat_i18n::ground_source(Lang::Kk, code),
                ruqsat_i18n::ground_source(Lang::Ru, code),
            ),
            facts,
        }],
        reasoning: candidate.officer_reason.clone().unwrap_or_else(|| "—".into()),
        officer,
        supervisor,
        appeal: (appeal_text(Lang::Kk), appeal_text(Lang::Ru)),
        english: chose_english(&application).then(|| EnglishRefusal {
            grounds: vec![(
                code.as_str().to_owned(),
                ruqsat_i18n::ground_title(Lang::En, code),
                ruqsat_i18n::ground_source(Lang::En, code),
            )],
            appeal: appeal_text(Lang::En),
        }),
    }))
}

fn person_row(person: &Person, relation: Option<String>) -> PersonRow {
    let document = [
        person
            .citizenship
            .map_or_else(|| "—".into(), |country| country.to_string()),
        person.passport.number.clone(),
        format!("{} — {}", person.passport.issued_on, person.passport.expires_on),
    ]
    .join(", ");
    PersonRow {
        name: full_name(person),
        citizenship_and_document: document,
        birth_date: person.birth_date.to_string(),
        birth_place: person.birth_place.clone().unwrap_or_default(),
        relation,
        nationality: person.nationality.clone().unwrap_or_default(),
        sex: match person.sex {
            SexCode::Male => "ер / муж.",
            SexCode::Female => "әйел / жен.",
        }
        .into(),
        residence: [
            person.residence_country.map(|country| country.to_string()),
            person.residence_address.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "),
        iin: person.iin.map(|iin| iin.to_string()).unwrap_or_default(),
    }
}

/// The host's name and number in one line.
pub fn host_line(application: &Application) -> String {
    let Some(host) = &application.host else {
        return String::new();
    };
    let id = match host.party {
        ruqsat_domain::application::HostParty::LegalEntity(bin) => format!("БСН/БИН {bin}"),
        ruqsat_domain::application::HostParty::Individual(iin) => format!("ЖСН/ИИН {iin}"),
    };
    [host.name.clone(), Some(id)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// The filled questionnaire of a case (Appendix 1). `received_on` is the Kazakhstan time of the
/// submission.
pub fn questionnaire_data(case: &CaseRow, received_on: String) -> Result<QuestionnaireData, CaseError> {
    let application = application(case)?;
    let family = application
        .family_members
        .iter()
        .map(|member| {
            let (kk, ru) = both(&format!("relation-{}", member.relation.as_str()));
            person_row(&member.person, Some(format!("{kk} / {ru}")))
        })
        .collect();
    Ok(QuestionnaireData {
        case_number: case.number.clone(),
        police_department: application
            .questionnaire
            .police_department
            .clone()
            .unwrap_or_else(|| issuing_body(case.region)),
        purpose: match application.request {
            Request::Trp(subtype) => both(&format!("subtype-{}", subtype.as_str())),
            Request::Prp => both("service-prp"),
        },
        applicant: person_row(&application.applicant, None),
        family,
        address: application
            .questionnaire
            .address_in_kazakhstan
            .as_ref()
            .and_then(address_line)
            .unwrap_or_default(),
        phones: application.questionnaire.mobile_phone.clone().unwrap_or_default(),
        period: application
            .requested_period
            .map(|period| (period.from().to_string(), period.to().to_string()))
            .unwrap_or_default(),
        host: host_line(&application),
        warning_signed: application.questionnaire.liability_warning_signed,
        consent_given: application.consent_to_restricted_data,
        received_on,
        channel: both(&format!("channel-{}", case.channel)),
    })
}

/// The permit of a case as PDF with its sealed QR code, its visible digital seal and the holder's
/// photograph; `None` when the case issued none.
pub async fn permit_pdf(service: &Service, case: &CaseRow) -> Result<Option<Vec<u8>>, CaseError> {
    let Some(mut data) = permit_data(case)? else {
        return Ok(None);
    };
    data.photo = permit_photo(service, case).await?;
    let verify_url = format!("{}/verify", service.public_url.trim_end_matches('/'));
    let today = service.law.local_date((service.clock)());
    let vds = service.vds.as_deref().map(|signer| (signer, today));
    ruqsat_documents::permit::render_sealed(&data, &service.sealer, vds, &verify_url)
        .map(|(pdf, _)| Some(pdf))
        .map_err(|error| CaseError::Document(error.to_string()))
}

/// The reasoned refusal of a case as PDF; `None` when it was not refused.
pub async fn refusal_pdf(service: &Service, case: &CaseRow) -> Result<Option<Vec<u8>>, CaseError> {
    let submitted_on = service.law.local_date(case.submitted_at).to_string();
    let Some(data) = refusal_data(service, case, submitted_on).await? else {
        return Ok(None);
    };
    ruqsat_documents::refusal::render(&data)
        .map(Some)
        .map_err(|error| CaseError::Document(error.to_string()))
}
