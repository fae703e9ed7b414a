//! The gateways that carry notifications to applicants: an SMTP server for e-mail (lettre) and
//! an HTTP SMS gateway (a JSON POST with the event's key as `Idempotency-Key`, so that a retry
//! after a lost answer is not a second message; `ruqsat sms-gateway serve` simulates one).
//!
//! A notification is sent once per event: the outbox hands it to one process at a time (a
//! lease), marks it sent after the gateway accepted it, and tries again after the lease when the
//! gateway failed.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};
use ruqsat_store::OutboxRow;

/// How long a gateway may take to answer.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What an SMTP server needs (the configuration file's `[smtp]`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// The server's host name.
    pub host: String,
    /// Its port. [default: 587 for `starttls`, 465 for `tls`, 25 for `none`]
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (the default), `tls`, or `none` (a relay on the same machine only).
    #[serde(default)]
    pub security: Option<String>,
    /// The sender's address (`Ruqsat <noreply@example.kz>`).
    pub from: String,
    /// The user name, if the server wants one.
    #[serde(default)]
    pub username: Option<String>,
    /// The file holding the password (never the password itself in the configuration).
    #[serde(default)]
    pub password_file: Option<std::path::PathBuf>,
}

/// An SMTP server that sends the e-mails.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Smtp")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl Smtp {
    /// The server of `config`; `password` read from its file by the caller.
    pub fn new(config: &SmtpConfig, password: Option<String>) -> Result<Smtp, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|error| format!("smtp.from {:?}: {error}", config.from))?;
        let security = config.security.as_deref().unwrap_or("starttls");
        let builder = match security {
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                .map_err(|error| format!("smtp.host: {error}"))?
                .port(config.port.unwrap_or(587)),
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|error| format!("smtp.host: {error}"))?
                .port(config.port.unwrap_or(465)),
            "none" => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host).port(config.port.unwrap_or(25))
            }
            other => return Err(format!("smtp.security {other:?}: use starttls, tls or none")),
        };
        let builder = match (&config.username, password) {
            (Some(user), Some(password)) => builder.credentials(Credentials::new(user.clone(), password)),
            (Some(_), None) => return Err("smtp.username needs smtp.password_file".into()),
            _ => builder,
        };
        Ok(Smtp {
            transport: builder.timeout(Some(TIMEOUT)).build(),
            from,
        })
    }

    /// Sends one e-mail: plain text in UTF-8, its subject the message's first sentence, its
    /// Message-ID the event's key (a duplicate is recognisable).
    pub async fn send(&self, row: &OutboxRow) -> Result<bool, String> {
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|error| format!("the recipient's address: {error}"))?;
        let subject: String = row
            .message
            .split(['.', '!', '?', '\n'])
            .next()
            .unwrap_or("Ruqsat")
            .chars()
            .take(78)
            .collect();
        let id: String = row
            .event_key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                    c
                } else {
                    '.'
                }
            })
            .collect();
        // Plain text in UTF-8, base64 (Kazakh and Russian letters travel intact everywhere).
        let body = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::Base64)
            .body(row.message.clone());
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{id}@ruqsat>")))
            .singlepart(body)
            .map_err(|error| format!("the e-mail: {error}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| true)
            .map_err(|error| format!("the SMTP server: {error}"))
    }
}

/// What an HTTP SMS gateway needs (the configuration file's `[sms]`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    /// The address messages are posted to.
    pub url: String,
    /// The file holding the bearer token, if the gateway wants one.
    #[serde(default)]
    pub token_file: Option<std::path::PathBuf>,
}

/// An HTTP SMS gateway: `POST url` with `{"to", "text", "reference"}`, `Idempotency-Key` the
/// event's key; `201` sent, `200` already sent (a retry), anything else a failure.
#[derive(Debug)]
pub struct SmsGateway {
    client: reqwest::Client,
    url: String,
    token: Option<String>,
}

impl SmsGateway {
    /// The gateway of `config`; `token` read from its file by the caller.
    pub fn new(config: &SmsConfig, token: Option<String>) -> Result<SmsGateway, String> {
        if !(config.url.starts_with("http://") || config.url.starts_with("https://")) {
            return Err(format!("sms.url {:?} is not an http(s) address", config.url));
        }
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .map_err(|error| format!("the SMS gateway's client: {error}"))?;
        Ok(SmsGateway {
            client,
            url: config.url.clone(),
            token,
        })
    }

    /// Sends one SMS.
    pub async fn send(&self, row: &OutboxRow) -> Result<bool, String> {
        let mut request = self
            .client
            .post(&self.url)
            .header("Idempotency-Key", &row.event_key)
            .json(&serde_json::json!({ "to": row.recipient, "text": row.message, "reference": row.event_key }));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .await
            .map_err(|error| format!("the SMS gateway: {error}"))?;
        match response.status().as_u16() {
            201 => Ok(true),
            200 => Ok(false),
            status => Err(format!("the SMS gateway answered {status}")),
        }
    }
}
