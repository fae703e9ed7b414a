//! Notifications to applicants: the texts (in the applicant's language) written into the outbox
//! with each change, and the senders that deliver them (a file or the log by default; e-mail
//! through SMTP and SMS through an HTTP gateway when configured, `crate::gateways`). A sender refuses an event key it has already delivered, so that
//! a retry after a crash never reaches the applicant twice.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use ruqsat_domain::application::Application;
use ruqsat_domain::case::CaseState;
use ruqsat_i18n::{Lang, text};
use ruqsat_store::{Notification, OutboxRow};

use crate::Service;

/// Where notifications go.
#[derive(Debug)]
pub enum Sender {
    /// Appended as JSON lines to a file (the default for demos).
    File {
        /// The file.
        path: PathBuf,
        /// Event keys already written (loaded from the file on first use).
        sent: Mutex<Option<HashSet<String>>>,
    },
    /// Only logged (the case and event, never the recipient or the text).
    Log,
    /// E-mail through an SMTP server and SMS through an HTTP gateway; a medium without its
    /// gateway goes to `other`.
    Gateways(Box<Gateways>),
}

/// The gateways of [`Sender::Gateways`].
#[derive(Debug)]
pub struct Gateways {
    /// The SMTP server, if configured.
    pub email: Option<crate::gateways::Smtp>,
    /// The SMS gateway, if configured.
    pub sms: Option<crate::gateways::SmsGateway>,
    /// Where the rest goes (a file or the log).
    pub other: Sender,
}

impl Sender {
    /// A file sender.
    pub fn file(path: PathBuf) -> Self {
        Sender::File {
            path,
            sent: Mutex::new(None),
        }
    }

    /// Delivers one notification; `Ok(true)` when delivered now, `Ok(false)` when it already was.
    pub async fn send(&self, row: &OutboxRow) -> Result<bool, String> {
        match self {
            Sender::Gateways(gateways) => match (row.medium.as_str(), &gateways.email, &gateways.sms) {
                ("email", Some(smtp), _) => smtp.send(row).await,
                ("sms", _, Some(gateway)) => gateway.send(row).await,
                _ => gateways.other.send_here(row),
            },
            _ => self.send_here(row),
        }
    }

    /// Delivers one notification to a file or the log.
    fn send_here(&self, row: &OutboxRow) -> Result<bool, String> {
        match self {
            Sender::Gateways(_) => Err("gateways within gateways".into()),
            Sender::Log => {
                tracing::info!(case_id = row.case_id, event = %row.event_key, medium = %row.medium, "notification sent");
                Ok(true)
            }
            Sender::File { path, sent } => {
                let mut guard = sent.lock().map_err(|_| "notification file lock poisoned".to_owned())?;
                let keys = guard.get_or_insert_with(|| {
                    std::fs::read_to_string(path)
                        .unwrap_or_default()
                        .lines()
                        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                        .filter_map(|value| value["event_key"].as_str().map(str::to_owned))
                        .collect()
                });
                if keys.contains(&row.event_key) {
                    return Ok(false);
                }
                let line = serde_json::json!({
                    "event_key": row.event_key, "case_id": row.case_id, "medium": row.medium,
                    "recipient": row.recipient, "message": row.message,
                });
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|error| format!("opening {}: {error}", path.display()))?;
                writeln!(file, "{line}").map_err(|error| format!("writing {}: {error}", path.display()))?;
                keys.insert(row.event_key.clone());
                Ok(true)
            }
        }
    }
}

/// The notifications announcing that a case reached `state`, in the applicant's language, to
/// the phone and the e-mail given in the application.
pub fn for_state(application: &Application, number: &str, state: CaseState, due: Option<&str>) -> Vec<Notification> {
    let id = match state {
        CaseState::Accepted => "notify-accepted",
        CaseState::NotAccepted => "notify-not_accepted",
        CaseState::PermitIssued => "notify-permit_issued",
        CaseState::RefusalIssued => "notify-refusal_issued",
        CaseState::Delivered => "notify-delivered",
        CaseState::Revoked => "notify-revoked",
        CaseState::Submitted
        | CaseState::ChecksRunning
        | CaseState::ChecksPending
        | CaseState::ChecksDone
        | CaseState::Proposed
        | CaseState::AwaitingSignature
        // The hearing and the objection have their own notifications (`procedure`).
        | CaseState::Hearing
        | CaseState::Objected
        | CaseState::HandedOver => return Vec::new(),
    };
    to_applicant(application, id, &[("number", number), ("due", due.unwrap_or("-"))])
}

/// The language the applicant is written to in: the one they chose, Russian otherwise.
pub fn language_of(application: &Application) -> Lang {
    application
        .questionnaire
        .language
        .as_deref()
        .and_then(|code| code.parse().ok())
        .unwrap_or(Lang::Ru)
}

/// The message `id` of the `decide` catalogue with `args`, in the applicant's language, by SMS
/// and e-mail as the applicant gave them.
pub fn to_applicant(application: &Application, id: &str, args: &[(&'static str, &str)]) -> Vec<Notification> {
    let lang = language_of(application);
    let args: Vec<(&'static str, ruqsat_i18n::Arg)> =
        args.iter().map(|(name, value)| (*name, (*value).into())).collect();
    let message = text(lang, id, &args);
    let mut notifications = Vec::new();
    if let Some(phone) = application
        .questionnaire
        .mobile_phone
        .as_deref()
        .filter(|phone| !phone.trim().is_empty())
    {
        notifications.push(Notification {
            medium: "sms".into(),
            recipient: phone.to_owned(),
            message: message.clone(),
        });
    }
    if let Some(email) = application
        .questionnaire
        .email
        .as_deref()
        .filter(|email| email.contains('@'))
    {
        notifications.push(Notification {
            medium: "email".into(),
            recipient: email.to_owned(),
            message,
        });
    }
    notifications
}

/// Sends every notification that is due; returns how many were delivered now.
pub async fn drain(state: &Service) -> usize {
    let mut delivered = 0;
    loop {
        let now = (state.clock)();
        let row = match state.store.claim_notification(chrono::Duration::seconds(60), now).await {
            Ok(Some(row)) => row,
            Ok(None) => return delivered,
            Err(error) => {
                tracing::error!(error = %error, "claiming a notification failed");
                return delivered;
            }
        };
        match state.sender.send(&row).await {
            Ok(sent_now) => {
                delivered += usize::from(sent_now);
                if let Err(error) = state.store.mark_sent(row.id, (state.clock)()).await {
                    tracing::error!(event = %row.event_key, error = %error, "marking a notification sent failed; the sender will refuse a second delivery");
                }
            }
            Err(error) => {
                tracing::warn!(event = %row.event_key, error = %error, "sending failed; retried after the lease")
            }
        }
    }
}
