//! Notifications through real protocols: e-mail to a local SMTP server (Python's aiosmtpd,
//! writing a maildir) and SMS to the simulated HTTP gateway; exactly one message per event, in
//! the applicant's language, also when the outbox is drained again.

use std::sync::Arc;

use base64::Engine as _;
use ruqsat_cases::gateways::{SmsConfig, SmsGateway, Smtp, SmtpConfig};
use ruqsat_cases::notify::{self, Sender};
use ruqsat_cases::{testing, workflow};

use super::{portal, service};

/// A free port on the loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// aiosmtpd on `port`, writing what it receives into the maildir `dir`; `None` (with a note)
/// when Python has no aiosmtpd outside CI.
fn smtp_server(port: u16, dir: &std::path::Path) -> Option<std::process::Child> {
    let available = std::process::Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|status| status.success());
    if !available {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "aiosmtpd is required under CI=true (python3 -m pip install aiosmtpd)"
        );
        eprintln!("note: aiosmtpd is not installed; the SMTP test is skipped");
        return None;
    }
    let mut child = std::process::Command::new("python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 runs");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(child);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("aiosmtpd did not listen on {port}");
}

/// The decoded bodies of the e-mails in the maildir `dir`.
fn mailbox(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut mails = Vec::new();
    for entry in std::fs::read_dir(dir.join("new")).into_iter().flatten() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").or_else(|| text.split_once("\n\n")).unwrap();
        let to = head
            .lines()
            .find_map(|line| line.strip_prefix("To: "))
            .unwrap_or_default()
            .to_owned();
        let encoded: String = body.split_whitespace().collect();
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap();
        mails.push((to, String::from_utf8(decoded).unwrap()));
    }
    mails
}

#[tokio::test]
async fn email_and_sms_go_out_once_per_event_in_the_applicants_language() {
    let dir = std::env::temp_dir().join(format!("ruqsat-maildir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let smtp_port = free_port();
    let Some(mut smtp_server) = smtp_server(smtp_port, &dir) else {
        return;
    };
    for store in ruqsat_store::testing::backends().await {
        // The simulated SMS gateway of this installation, wanting a token.
        let simulator = ruqsat_registries::sms::SmsSimulator::new(Some("sms-test-token".into()), None);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sms_address = listener.local_addr().unwrap();
        let router = simulator.clone().router();
        tokio::spawn(async move { axum::serve(listener, router).await });
        let mut service = service(store);
        let email = Smtp::new(
            &SmtpConfig {
                host: "127.0.0.1".into(),
                port: Some(smtp_port),
                security: Some("none".into()),
                from: "Ruqsat <noreply@ruqsat.test>".into(),
                username: None,
                password_file: None,
            },
            None,
        )
        .unwrap();
        let sms = SmsGateway::new(
            &SmsConfig {
                url: format!("http://{sms_address}/messages"),
                token_file: None,
            },
            Some("sms-test-token".into()),
        )
        .unwrap();
        service.sender = Arc::new(Sender::Gateways(Box::new(notify::Gateways {
            email: Some(email),
            sms: Some(sms),
            other: Sender::Log,
        })));
        // Each installation's mails apart: the maildir emptied (the server adds new files).
        for entry in std::fs::read_dir(dir.join("new")).into_iter().flatten() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        let before_mail = mailbox(&dir).len();
        let before_sms = simulator.messages().len();
        let mut application = testing::portal_trp(&format!("FA00009{}", before_sms % 10));
        application["application"]["mobile_phone"] = "+7 701 000 0001".into();
        application["application"]["email"] = "applicant@example.kz".into();
        application["application"]["language"] = "kk".into();
        let body = testing::signed(application).to_string().into_bytes();
        let (case, _) = workflow::intake(&service, &portal(), &body, None).await.unwrap();
        let sent = notify::drain(&service).await;
        assert!(sent >= 2, "an e-mail and an SMS at least: {sent}");
        // Drained again: nothing more.
        assert_eq!(notify::drain(&service).await, 0);
        let rows = service.store.notifications(case.id).await.unwrap();
        let emails: Vec<_> = rows.iter().filter(|row| row.medium == "email").collect();
        let texts: Vec<_> = rows.iter().filter(|row| row.medium == "sms").collect();
        assert!(rows.iter().all(|row| row.sent_at.is_some()), "every event marked sent");
        // The SMTP server received exactly one e-mail per event, in Kazakh.
        let mails = mailbox(&dir);
        assert_eq!(mails.len() - before_mail, emails.len(), "{mails:?}");
        for row in &emails {
            assert_eq!(
                mails.iter().filter(|(_, text)| *text == row.message).count(),
                1,
                "{}",
                row.message
            );
            assert!(row.message.contains("өтініш"), "in Kazakh: {}", row.message);
        }
        assert!(mails.iter().all(|(to, _)| to.contains("applicant@example.kz")));
        // The gateway received exactly one SMS per event, in Kazakh, to the phone given.
        let received = simulator.messages();
        assert_eq!(received.len() - before_sms, texts.len());
        for row in &texts {
            let matching: Vec<_> = received.iter().filter(|message| message.text == row.message).collect();
            assert_eq!(matching.len(), 1, "{}", row.message);
            assert_eq!(matching[0].to, "+7 701 000 0001");
            assert_eq!(matching[0].reference.as_deref(), Some(row.event_key.as_str()));
        }
        // A retry of an event already delivered (an answer lost on the way) sends nothing more.
        let gateway = SmsGateway::new(
            &SmsConfig {
                url: format!("http://{sms_address}/messages"),
                token_file: None,
            },
            Some("sms-test-token".into()),
        )
        .unwrap();
        assert_eq!(gateway.send(texts[0]).await, Ok(false));
        assert_eq!(simulator.messages().len(), received.len());
        // Without the token the gateway refuses: a failure, retried after the lease.
        let stranger = SmsGateway::new(
            &SmsConfig {
                url: format!("http://{sms_address}/messages"),
                token_file: None,
            },
            None,
        )
        .unwrap();
        assert!(stranger.send(texts[0]).await.is_err());
    }
    smtp_server.kill().ok();
    smtp_server.wait().ok();
    let _ = std::fs::remove_dir_all(&dir);
}
