//! The stored form of [`EventReason`]: one JSON object with a version and a code, its facts as
//! stable codes (never words in a language). Text of earlier versions reads as
//! [`EventReason::Legacy`]; anything else unreadable is an error naming the case.

use ruqsat_domain::case::EventReason;
use ruqsat_domain::codes::{AcceptanceCode, Channel, GroundCode};
use ruqsat_domain::decision::{Outcome, Registry};
use serde_json::{Value, json};

use crate::StoreError;

/// The version of the stored form.
const VERSION: u64 = 1;

/// The stored text of a reason.
pub fn encode(reason: &EventReason) -> String {
    let value = match reason {
        EventReason::Submitted { channel, not_accepted } => json!({
            "code": "submitted",
            "channel": channel.as_str(),
            "not_accepted": not_accepted.iter().map(AcceptanceCode::as_str).collect::<Vec<_>>(),
        }),
        EventReason::AskingRegistries => json!({ "code": "asking_registries" }),
        EventReason::Awaiting(registries) => json!({
            "code": "awaiting",
            "registries": registries.iter().map(Registry::field).collect::<Vec<_>>(),
        }),
        EventReason::RegistriesAnswered => json!({ "code": "registries_answered" }),
        EventReason::Proposed { outcome, edition } => json!({
            "code": "proposed", "outcome": outcome.as_str(), "edition": edition,
        }),
        EventReason::ConfirmsProposal => json!({ "code": "confirms_proposal" }),
        EventReason::Stated(text) => json!({ "code": "stated", "text": text }),
        EventReason::SecondSignature => json!({ "code": "second_signature" }),
        EventReason::Delivered(channel) => json!({ "code": "delivered", "channel": channel.as_str() }),
        EventReason::IdentityChecked => json!({ "code": "identity_checked" }),
        EventReason::DigitalDocumentMatched { document } => {
            json!({ "code": "digital_document_matched", "document": document })
        }
        EventReason::Representative {
            name,
            document,
            authority,
        } => json!({ "code": "representative", "name": name, "document": document, "authority": authority }),
        EventReason::Revoked { ground, reasoning } => json!({
            "code": "revoked", "ground": ground.as_str(), "reasoning": reasoning,
        }),
        EventReason::HearingNotified { until } => json!({ "code": "hearing_notified", "until": until.to_string() }),
        EventReason::Objected(channel) => json!({ "code": "objected", "channel": channel.as_str() }),
        EventReason::HearingLapsed { until } => json!({ "code": "hearing_lapsed", "until": until.to_string() }),
        EventReason::Suspended { reason, from, until } => json!({
            "code": "suspended", "reason": reason.as_str(), "from": from.to_string(), "until": until.to_string(),
        }),
        EventReason::Resumed { on } => json!({ "code": "resumed", "on": on.to_string() }),
        EventReason::Extended { reason, days } => {
            json!({ "code": "extended", "reason": reason.as_str(), "days": days })
        }
        EventReason::AppealReceived { body, filed_on } => json!({
            "code": "appeal_received", "body": body.as_str(), "filed_on": filed_on.to_string(),
        }),
        EventReason::AppealDecided { upheld } => json!({ "code": "appeal_decided", "upheld": upheld }),
        EventReason::Legacy(text) => return text.clone(),
    };
    let mut value = value;
    value["v"] = json!(VERSION);
    value.to_string()
}

/// The reason stored as `text` in an event of case `case_id`.
pub fn decode(case_id: i64, text: &str) -> Result<EventReason, StoreError> {
    if !text.starts_with('{') {
        return Ok(EventReason::Legacy(text.to_owned()));
    }
    let corrupt = |what: String| StoreError::Corrupt(format!("case {case_id}: event reason {text:?}: {what}"));
    let value: Value = serde_json::from_str(text).map_err(|error| corrupt(error.to_string()))?;
    if value["v"].as_u64() != Some(VERSION) {
        return Err(corrupt(format!("version {} is not {VERSION}", value["v"])));
    }
    let field = |name: &str| value[name].as_str().ok_or_else(|| corrupt(format!("{name} missing")));
    let channel = |name: &str| {
        field(name)?
            .parse::<Channel>()
            .map_err(|error| corrupt(error.to_string()))
    };
    let date = |name: &str| -> Result<chrono::NaiveDate, StoreError> {
        field(name)?
            .parse()
            .map_err(|error: chrono::ParseError| corrupt(format!("{name}: {error}")))
    };
    fn code_of<T: std::str::FromStr<Err = ruqsat_domain::codes::UnknownCode>>(
        value: &Value,
        name: &str,
        corrupt: &dyn Fn(String) -> StoreError,
    ) -> Result<T, StoreError> {
        value[name]
            .as_str()
            .ok_or_else(|| corrupt(format!("{name} missing")))?
            .parse()
            .map_err(|error: ruqsat_domain::codes::UnknownCode| corrupt(error.to_string()))
    }
    let list = |name: &str| -> Result<Vec<&str>, StoreError> {
        value[name]
            .as_array()
            .ok_or_else(|| corrupt(format!("{name} missing")))?
            .iter()
            .map(|item| item.as_str().ok_or_else(|| corrupt(format!("{name}: not a code"))))
            .collect()
    };
    Ok(match field("code")? {
        "submitted" => EventReason::Submitted {
            channel: channel("channel")?,
            not_accepted: list("not_accepted")?
                .into_iter()
                .map(|code| {
                    code.parse()
                        .map_err(|error: ruqsat_domain::codes::UnknownCode| corrupt(error.to_string()))
                })
                .collect::<Result<_, _>>()?,
        },
        "asking_registries" => EventReason::AskingRegistries,
        "awaiting" => EventReason::Awaiting(
            list("registries")?
                .into_iter()
                .map(|code| {
                    Registry::ALL
                        .into_iter()
                        .find(|registry| registry.field() == code)
                        .ok_or_else(|| corrupt(format!("unknown registry {code:?}")))
                })
                .collect::<Result<_, _>>()?,
        ),
        "registries_answered" => EventReason::RegistriesAnswered,
        "proposed" => EventReason::Proposed {
            outcome: {
                let code = field("outcome")?;
                Outcome::ALL
                    .into_iter()
                    .find(|outcome| outcome.as_str() == code)
                    .ok_or_else(|| corrupt(format!("unknown outcome {code:?}")))?
            },
            edition: field("edition")?.to_owned(),
        },
        "confirms_proposal" => EventReason::ConfirmsProposal,
        "stated" => EventReason::Stated(field("text")?.to_owned()),
        "second_signature" => EventReason::SecondSignature,
        "delivered" => EventReason::Delivered(channel("channel")?),
        "identity_checked" => EventReason::IdentityChecked,
        "digital_document_matched" => EventReason::DigitalDocumentMatched {
            document: field("document")?.to_owned(),
        },
        "representative" => EventReason::Representative {
            name: field("name")?.to_owned(),
            document: field("document")?.to_owned(),
            authority: field("authority")?.to_owned(),
        },
        "revoked" => EventReason::Revoked {
            ground: field("ground")?
                .parse::<GroundCode>()
                .map_err(|error| corrupt(error.to_string()))?,
            reasoning: field("reasoning")?.to_owned(),
        },
        "hearing_notified" => EventReason::HearingNotified { until: date("until")? },
        "objected" => EventReason::Objected(channel("channel")?),
        "hearing_lapsed" => EventReason::HearingLapsed { until: date("until")? },
        "suspended" => EventReason::Suspended {
            reason: code_of(&value, "reason", &corrupt)?,
            from: date("from")?,
            until: date("until")?,
        },
        "resumed" => EventReason::Resumed { on: date("on")? },
        "extended" => EventReason::Extended {
            reason: code_of(&value, "reason", &corrupt)?,
            days: value["days"]
                .as_u64()
                .and_then(|days| u32::try_from(days).ok())
                .ok_or_else(|| corrupt("days missing".into()))?,
        },
        "appeal_received" => EventReason::AppealReceived {
            body: code_of(&value, "body", &corrupt)?,
            filed_on: date("filed_on")?,
        },
        "appeal_decided" => EventReason::AppealDecided {
            upheld: value["upheld"]
                .as_bool()
                .ok_or_else(|| corrupt("upheld missing".into()))?,
        },
        other => return Err(corrupt(format!("unknown code {other:?}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_as_written() {
        let reasons = [
            EventReason::Submitted {
                channel: Channel::Portal,
                not_accepted: vec![AcceptanceCode::Complete, AcceptanceCode::Late],
            },
            EventReason::AskingRegistries,
            EventReason::Awaiting(Registry::ALL.to_vec()),
            EventReason::RegistriesAnswered,
            EventReason::Proposed {
                outcome: Outcome::Refuse,
                edition: "order-219".into(),
            },
            EventReason::ConfirmsProposal,
            EventReason::Stated("{\"v\":1} typed by an officer".into()),
            EventReason::SecondSignature,
            EventReason::Delivered(Channel::StateCorporation),
            EventReason::IdentityChecked,
            EventReason::DigitalDocumentMatched {
                document: "FA0000001".into(),
            },
            EventReason::Representative {
                name: "TESTOVA SAMPLE".into(),
                document: "N0000001".into(),
                authority: "power of attorney 1-23 of 2026-11-01".into(),
            },
            EventReason::Revoked {
                ground: GroundCode::Art49_15,
                reasoning: "abroad".into(),
            },
            EventReason::HearingNotified {
                until: "2026-03-04".parse().unwrap(),
            },
            EventReason::Objected(Channel::Portal),
            EventReason::HearingLapsed {
                until: "2026-03-04".parse().unwrap(),
            },
            EventReason::Suspended {
                reason: ruqsat_domain::codes::PauseReason::ApprovingBody,
                from: "2026-03-05".parse().unwrap(),
                until: "2026-03-12".parse().unwrap(),
            },
            EventReason::Resumed {
                on: "2026-03-09".parse().unwrap(),
            },
            EventReason::Extended {
                reason: ruqsat_domain::codes::PauseReason::MissingDocument,
                days: 5,
            },
            EventReason::AppealReceived {
                body: ruqsat_domain::codes::AppealBody::Court,
                filed_on: "2026-04-01".parse().unwrap(),
            },
            EventReason::AppealDecided { upheld: false },
            EventReason::Legacy("asking the registries".into()),
        ];
        for reason in reasons {
            assert_eq!(decode(7, &encode(&reason)).unwrap(), reason);
        }
    }

    #[test]
    fn an_unreadable_reason_names_the_case() {
        for text in [
            "{",
            "{\"v\":2,\"code\":\"stated\"}",
            "{\"v\":1,\"code\":\"nonsense\"}",
            "{\"v\":1,\"code\":\"delivered\",\"channel\":\"mail\"}",
        ] {
            let error = decode(42, text).unwrap_err().to_string();
            assert!(error.contains("case 42"), "{error}");
        }
    }
}
