//! The documents of a case as PDF: the permit (sealed QR code), the reasoned refusal and the
//! filled questionnaire, built from the stored application and decision.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use ruqsat_documents::permit::{PermitData, PermitKind};
use ruqsat_documents::questionnaire::{PersonRow, QuestionnaireData};
use ruqsat_documents::refusal::{RefusalData, RefusalGround};
use ruqsat_i18n::{Arg, Lang};
use ruqsat_store::CaseRow;
use serde_json::Value;

use crate::AppState;
use crate::api::parse_json;
use crate::error::ApiError;

/// How the browser treats a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown (to print).
    Inline,
    /// Saved (the applicant's download).
    Attachment,
}

/// A PDF response.
pub fn pdf_response(pdf: Vec<u8>, file_name: &str, disposition: Disposition) -> Response {
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let disposition = format!("{kind}; filename=\"{}\"", file_name.replace(['"', '\r', '\n'], ""));
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn optional(value: &Value) -> Option<String> {
    value.as_str().filter(|text| !text.is_empty()).map(str::to_owned)
}

/// The address in Kazakhstan as one line.
pub fn address_line(address: &Value) -> Option<String> {
    let parts: Vec<String> = ["region", "city", "street", "house", "apartment"]
        .iter()
        .filter_map(|key| optional(&address[*key]))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut line = parts.join(", ");
    if let Some(code) = optional(&address["registration_code"]) {
        line.push_str(&format!(" ({code})"));
    }
    Some(line)
}

/// The police body of a region, in Kazakh and Russian.
pub fn issuing_body(region: &str) -> String {
    let name = |lang| ruqsat_i18n::text(lang, &format!("region-{region}"), &[]);
    format!(
        "{} / {}",
        ruqsat_i18n::text(Lang::Kk, "issuing-body", &[("region", Arg::Text(name(Lang::Kk)))]),
        ruqsat_i18n::text(Lang::Ru, "issuing-body", &[("region", Arg::Text(name(Lang::Ru)))]),
    )
}

/// The permit data of a case whose permit was issued.
pub fn permit_data(case: &CaseRow) -> Result<PermitData, ApiError> {
    let application = parse_json(Some(&case.application));
    let decision = parse_json(case.decision.as_deref());
    let permit = &decision["permit"];
    let number = case.permit_number.clone().ok_or(ApiError::NotFound)?;
    let applicant = &application["applicant"];
    let purpose = optional(&application["subtype"]).map(|subtype| {
        (
            ruqsat_i18n::text(Lang::Kk, &format!("subtype-{subtype}"), &[]),
            ruqsat_i18n::text(Lang::Ru, &format!("subtype-{subtype}"), &[]),
        )
    });
    Ok(PermitData {
        number,
        kind: if case.service == "prp" {
            PermitKind::Prp
        } else {
            PermitKind::Trp
        },
        surname: text(&applicant["surname"]),
        given_name: text(&applicant["given_name"]),
        patronymic: optional(&applicant["patronymic"]),
        citizenship: optional(&applicant["citizenship"]),
        birth_date: text(&applicant["birth_date"]),
        passport: text(&applicant["passport"]["number"]),
        address: address_line(&application["address_in_kazakhstan"]),
        purpose,
        valid_from: text(&permit["valid_from"]),
        valid_until: optional(&permit["valid_until"]),
        issuing_body: issuing_body(&case.region),
        issued_on: text(&decision["decided_on"]),
    })
}

/// The permit of a case as PDF with its sealed QR code.
pub fn permit_pdf(state: &AppState, case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    if parse_json(case.decision.as_deref())["outcome"] != "issue" {
        return Err(ApiError::NotFound);
    }
    let data = permit_data(case)?;
    let verify_url = format!("{}/verify", state.public_url.trim_end_matches('/'));
    ruqsat_documents::permit::render(&data, &state.sealer, &verify_url)
        .map(|(pdf, _)| pdf)
        .map_err(|error| ApiError::Internal(error.to_string()))
}

/// The reasoned refusal of a case as PDF.
pub fn refusal_pdf(state: &AppState, case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    let decision = parse_json(case.decision.as_deref());
    if decision["outcome"] != "refuse" {
        return Err(ApiError::NotFound);
    }
    let application = parse_json(Some(&case.application));
    let applicant = &application["applicant"];
    // The facts of each ground, replayed from the decision's exact input, in Russian.
    let replay = decision["replay"].to_string();
    let replayed = ruqsat_contract::decide_json(&replay, &state.law, Lang::Ru).ok();
    let mut grounds = Vec::new();
    for code in decision["grounds"].as_array().into_iter().flatten() {
        let Some(code) = code.as_str() else { continue };
        let Ok(parsed) = code.parse::<ruqsat_domain::codes::GroundCode>() else {
            continue;
        };
        let facts = replayed
            .as_ref()
            .and_then(|output| output.grounds.iter().find(|ground| ground.code == code))
            .map(|ground| ground.explanation.clone())
            .unwrap_or_default();
        grounds.push(RefusalGround {
            code: code.to_owned(),
            title_kk: ruqsat_i18n::ground_title(Lang::Kk, parsed),
            title_ru: ruqsat_i18n::ground_title(Lang::Ru, parsed),
            source: (
                ruqsat_i18n::ground_source(Lang::Kk, parsed),
                ruqsat_i18n::ground_source(Lang::Ru, parsed),
            ),
            facts,
        });
    }
    let appeal = &decision["appeal"];
    let until = text(&appeal["until"]);
    let appeal_text = |lang| ruqsat_i18n::text(lang, "refusal-appeal", &[("until", Arg::Text(until.clone()))]);
    let name = [
        &applicant["surname"],
        &applicant["given_name"],
        &applicant["patronymic"],
    ]
    .iter()
    .filter_map(|part| optional(part))
    .collect::<Vec<_>>()
    .join(" ");
    let data = RefusalData {
        case_number: case.number.clone(),
        service: case.service.clone(),
        issuing_body: issuing_body(&case.region),
        applicant: name,
        birth_date: text(&applicant["birth_date"]),
        citizenship: optional(&applicant["citizenship"]).unwrap_or_else(|| "—".into()),
        passport: text(&applicant["passport"]["number"]),
        submitted_on: super::kazakh_time(&case.submitted_at)
            .get(..10)
            .unwrap_or_default()
            .to_owned(),
        decided_on: text(&decision["decided_on"]),
        grounds,
        reasoning: optional(&decision["reason"]).unwrap_or_else(|| "—".into()),
        officer: text(&decision["officer"]),
        supervisor: optional(&decision["supervisor"]).map(|supervisor| (supervisor, text(&decision["signed_on"]))),
        appeal: (appeal_text(Lang::Kk), appeal_text(Lang::Ru)),
    };
    ruqsat_documents::refusal::render(&data).map_err(|error| ApiError::Internal(error.to_string()))
}

fn person(value: &Value, relation: Option<String>) -> PersonRow {
    let name = [&value["surname"], &value["given_name"], &value["patronymic"]]
        .iter()
        .filter_map(|part| optional(part))
        .collect::<Vec<_>>()
        .join(" ");
    let passport = &value["passport"];
    let document = [
        optional(&value["citizenship"]).unwrap_or_else(|| "—".into()),
        text(&passport["number"]),
        format!("{} — {}", text(&passport["issued_on"]), text(&passport["expires_on"])),
    ]
    .join(", ");
    let sex = match value["sex"].as_str() {
        Some("male") => "ер / муж.",
        Some("female") => "әйел / жен.",
        _ => "",
    };
    PersonRow {
        name,
        citizenship_and_document: document,
        birth_date: text(&value["birth_date"]),
        birth_place: text(&value["birth_place"]),
        relation,
        nationality: text(&value["nationality"]),
        sex: sex.into(),
        residence: [
            optional(&value["residence_country"]),
            optional(&value["residence_address"]),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "),
        iin: text(&value["iin"]),
    }
}

/// The filled questionnaire of a TRP case as PDF.
pub fn questionnaire_pdf(case: &CaseRow) -> Result<Vec<u8>, ApiError> {
    let application = parse_json(Some(&case.application));
    let subtype = text(&application["subtype"]);
    let both = |id: &str| {
        (
            ruqsat_i18n::text(Lang::Kk, id, &[]),
            ruqsat_i18n::text(Lang::Ru, id, &[]),
        )
    };
    let host = &application["host"];
    let host_line = [
        optional(&host["name"]),
        optional(&host["bin"]).map(|bin| format!("БСН/БИН {bin}")),
        optional(&host["iin"]).map(|iin| format!("ЖСН/ИИН {iin}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let family = application["family_members"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|member| {
            let relation = optional(&member["relation"]).map(|relation| {
                let (kk, ru) = both(&format!("relation-{relation}"));
                format!("{kk} / {ru}")
            });
            person(member, relation)
        })
        .collect();
    let data = QuestionnaireData {
        case_number: case.number.clone(),
        police_department: optional(&application["police_department"]).unwrap_or_else(|| issuing_body(&case.region)),
        purpose: if subtype.is_empty() {
            both("service-prp")
        } else {
            both(&format!("subtype-{subtype}"))
        },
        applicant: person(&application["applicant"], None),
        family,
        address: address_line(&application["address_in_kazakhstan"]).unwrap_or_default(),
        phones: text(&application["mobile_phone"]),
        period: (
            text(&application["requested_period"]["from"]),
            text(&application["requested_period"]["to"]),
        ),
        host: host_line,
        warning_signed: application["liability_warning_signed"] == true,
        consent_given: application["consent_to_restricted_data"] == true,
        received_on: super::kazakh_time(&case.submitted_at),
        channel: both(&format!("channel-{}", case.channel)),
    };
    ruqsat_documents::questionnaire::render(&data).map_err(|error| ApiError::Internal(error.to_string()))
}
