//! The electronic queue (`ruqsat_cases::queue`): the applicant books a slot on the portal, sees
//! and cancels it, told each time in their language; seats are never over-booked, even in
//! parallel; the staff call the next applicant in turn; the dashboard measures the order's waits.
//! The tests' clock: Thursday 2025-03-20, 10:15 in Kazakhstan.

use axum::http::StatusCode;
use ruqsat_cases::queue::{self, BookingRequest};
use ruqsat_i18n::Lang;
use ruqsat_store::testing::backends;

use crate::deliveries::{issuable, issue_and_deliver};
use crate::pages::Browser;
use crate::support::TestApp;

fn ticket_of(html: &str) -> String {
    let (_, rest) = html.split_once(r#"data-ticket=""#).expect("a ticket on the page");
    rest.split_once('"').unwrap().0.to_owned()
}

fn reception(office: &str, slot: &str, document: &str) -> BookingRequest {
    BookingRequest {
        purpose: "prp_reception".into(),
        office: office.into(),
        day: "2025-03-20".into(),
        slot: slot.into(),
        document: document.into(),
        lang: Lang::Ru,
        ..BookingRequest::default()
    }
}

#[tokio::test]
async fn an_applicant_books_sees_and_cancels_a_slot_and_is_told_each_time_in_their_language() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let mut serial = 900;
        let id = issuable(&app, "demo-sc-system", "state_corporation", &mut serial).await;
        issue_and_deliver(&app, id).await;
        let case = app.state.store.case(id).await.unwrap().unwrap();

        let mut applicant = Browser::default();
        let (status, html, _) = applicant
            .send(
                &app,
                "GET",
                "/portal/queue?purpose=trp_handover&office=sc-almaty-1&day=2025-03-20",
                &[],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        // 10:15 now: the slots that began are not offered; the next is.
        assert!(!html.contains(r#"value="10:00""#), "{html}");
        assert!(html.contains(r#"value="10:20""#));
        assert!(
            html.contains(r#"value="17:40""#),
            "the State Corporation works until 18:00"
        );
        // Nauryz (21–25 March 2025) has no slots; a duty department's Saturday has, an
        // ordinary one's has not.
        assert!(!html.contains(r#"value="2025-03-21""#) && !html.contains(r#"value="2025-03-25""#));
        assert!(html.contains(r#"value="2025-03-26""#) && html.contains(r#"value="2025-03-29""#));
        let (_, ordinary, _) = applicant
            .send(
                &app,
                "GET",
                "/portal/queue?purpose=trp_handover&office=sc-almaty-2",
                &[],
            )
            .await;
        assert!(ordinary.contains(r#"value="2025-03-26""#) && !ordinary.contains(r#"value="2025-03-29""#));

        let csrf = applicant.csrf();
        let form = |slot: &'static str, office: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("purpose", "trp_handover".to_owned()),
                ("office", office.to_owned()),
                ("day", "2025-03-20".to_owned()),
                ("slot", slot.to_owned()),
                ("number", case.number.clone()),
                ("document", case.passport_number.clone()),
                ("phone", "87000000901".to_owned()),
            ]
        };
        // The result is handed over in the region of the application.
        let astana = form("10:20", "sc-astana-1");
        let pairs: Vec<(&str, &str)> = astana.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let (status, html, _) = applicant.send(&app, "POST", "/portal/queue/book", &pairs).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(&ruqsat_i18n::text(Lang::Kk, "equeue-error-region", &[])),
            "{html}"
        );
        // A time that is not a slot, or has passed, names the field.
        let past = form("09:00", "sc-almaty-1");
        let pairs: Vec<(&str, &str)> = past.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let (_, html, _) = applicant.send(&app, "POST", "/portal/queue/book", &pairs).await;
        assert!(html.contains(&ruqsat_i18n::text(Lang::Kk, "equeue-error-slot", &[])));

        let good = form("10:20", "sc-almaty-1");
        let pairs: Vec<(&str, &str)> = good.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let (status, html, _) = applicant.send(&app, "POST", "/portal/queue/book", &pairs).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let ticket = ticket_of(&html);
        assert!(ticket.starts_with('Q') && ticket.len() == 10, "{ticket}");
        // Once per person and purpose (another time too).
        let other = form("10:40", "sc-almaty-1");
        let other: Vec<(&str, &str)> = other.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let (_, again, _) = applicant.send(&app, "POST", "/portal/queue/book", &other).await;
        assert!(again.contains(&ruqsat_i18n::text(Lang::Kk, "equeue-error-already", &[])));

        // Told once, in Kazakh (the page's language), with the ticket.
        let told = app.state.store.notifications(id).await.unwrap();
        let booked: Vec<_> = told.iter().filter(|row| row.event_key.contains(":booked:")).collect();
        assert_eq!(booked.len(), 1, "{told:?}");
        assert_eq!(booked[0].medium, "sms");
        assert!(booked[0].message.contains(&ticket) && booked[0].message.contains("жазылдыңыз"));

        // Seen with the ticket and the document; not with another document.
        let csrf = applicant.csrf();
        let (_, html, _) = applicant
            .send(
                &app,
                "POST",
                "/portal/queue/booking",
                &[("csrf", &csrf), ("ticket", &ticket), ("document", "FA0000000")],
            )
            .await;
        assert!(html.contains(&ruqsat_i18n::text(Lang::Kk, "equeue-not-found", &[])));
        let (_, html, _) = applicant
            .send(
                &app,
                "POST",
                "/portal/queue/booking",
                &[
                    ("csrf", &csrf),
                    ("ticket", &ticket.to_lowercase()),
                    ("document", &case.passport_number),
                ],
            )
            .await;
        assert!(html.contains(r#"data-state="booked""#), "{html}");

        // Cancelled: the seat is free again, the applicant told.
        let taken = app.state.store.taken_seats("sc-almaty-1", "2025-03-20").await.unwrap();
        assert_eq!(taken, vec![("10:20".to_owned(), 1)]);
        let csrf = applicant.csrf();
        let (status, html, _) = applicant
            .send(
                &app,
                "POST",
                "/portal/queue/cancel",
                &[
                    ("csrf", &csrf),
                    ("ticket", &ticket),
                    ("document", &case.passport_number),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(r#"data-state="cancelled""#));
        assert!(
            app.state
                .store
                .taken_seats("sc-almaty-1", "2025-03-20")
                .await
                .unwrap()
                .is_empty()
        );
        let told = app.state.store.notifications(id).await.unwrap();
        assert_eq!(
            told.iter().filter(|row| row.event_key.contains(":cancelled:")).count(),
            1
        );
        // Twice: said so, and no second message.
        let (status, html, _) = applicant
            .send(
                &app,
                "POST",
                "/portal/queue/cancel",
                &[
                    ("csrf", &csrf),
                    ("ticket", &ticket),
                    ("document", &case.passport_number),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&ruqsat_i18n::text(Lang::Kk, "equeue-not-open", &[])));
        let told = app.state.store.notifications(id).await.unwrap();
        assert_eq!(
            told.iter().filter(|row| row.event_key.contains(":cancelled:")).count(),
            1
        );
        // Booking again after the cancellation works; the booking is found with the IIN too.
        let (_, html, _) = applicant.send(&app, "POST", "/portal/queue/book", &pairs).await;
        let again = ticket_of(&html);
        assert_ne!(again, ticket);
        if let Some(iin) = &case.iin {
            let found = queue::find(&app.state, &again, iin).await.unwrap();
            assert_eq!(found.ticket, again);
        }
    }
}

#[tokio::test]
async fn a_slot_is_never_over_booked_even_by_parallel_applicants() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        // sc-almaty-2 has two seats: eight applicants at once, two booked, six told it is full.
        let attempts = (0..8).map(|index| {
            let state = app.state.clone();
            tokio::spawn(async move {
                queue::book(&state, &reception("sc-almaty-2", "11:00", &format!("FAQ{index:05}"))).await
            })
        });
        let mut booked = 0;
        for attempt in attempts {
            match attempt.await.unwrap() {
                Ok(_) => booked += 1,
                Err(ruqsat_cases::CaseError::Invalid { field, id, .. }) => {
                    assert_eq!((field.as_str(), id), ("slot", Some("equeue-error-full")));
                }
                Err(other) => panic!("{other}"),
            }
        }
        assert_eq!(booked, 2);
        assert_eq!(
            app.state.store.taken_seats("sc-almaty-2", "2025-03-20").await.unwrap(),
            vec![("11:00".to_owned(), 2)]
        );
        // A booking of a day gone by expires: the person books again a week later.
        queue::book(&app.state, &reception("sc-almaty-2", "11:20", "FAX00001"))
            .await
            .unwrap();
        assert!(
            queue::book(&app.state, &reception("sc-almaty-2", "11:40", "FAX00001"))
                .await
                .is_err()
        );
        // Two open bookings per phone at most.
        let phone = |document: &str| BookingRequest {
            phone: "87000000555".into(),
            ..reception("sc-almaty-2", "12:00", document)
        };
        queue::book(&app.state, &phone("FAP00001")).await.unwrap();
        queue::book(&app.state, &phone("FAP00002")).await.unwrap();
        match queue::book(&app.state, &phone("FAP00003")).await {
            Err(ruqsat_cases::CaseError::Invalid { field, .. }) => assert_eq!(field, "phone"),
            other => panic!("{other:?}"),
        }
        // Bad input names the field.
        for (request, field) in [
            (reception("nowhere", "11:00", "FAQ00001"), "office"),
            (reception("desk-almaty", "11:00", "FAQ00001"), "office"),
            (reception("sc-almaty-2", "11:05", "FAQ00001"), "slot"),
            (reception("sc-almaty-2", "11:20", ""), "document"),
            (reception("sc-almaty-2", "11:20", "FAQ\u{7}0001"), "document"),
            (reception("sc-almaty-2", "11:20", "ФА000001"), "document"),
            (
                BookingRequest {
                    day: "2025-03-22".into(),
                    ..reception("sc-almaty-2", "11:20", "FAQ00001")
                },
                "day",
            ),
            (
                BookingRequest {
                    phone: "call me".into(),
                    ..reception("sc-almaty-2", "11:20", "FAQ00001")
                },
                "phone",
            ),
        ] {
            match queue::book(&app.state, &request).await {
                Err(ruqsat_cases::CaseError::Invalid { field: named, .. }) => assert_eq!(named, field, "{request:?}"),
                other => panic!("{request:?}: {other:?}"),
            }
        }
        app.advance(7 * 86_400);
        let week_later = BookingRequest {
            day: "2025-03-27".into(),
            ..reception("sc-almaty-2", "11:20", "FAX00001")
        };
        queue::book(&app.state, &week_later).await.unwrap();
        let expired = app.state.store.day_queue("sc-almaty-2", "2025-03-20").await.unwrap();
        assert!(expired.iter().any(|booking| booking.state == "expired"), "{expired:?}");
    }
}

#[tokio::test]
async fn staff_call_the_next_in_turn_and_the_dashboard_measures_the_orders_waits() {
    for store in backends().await {
        let app = TestApp::new(store).await;
        let first = queue::book(&app.state, &reception("sc-almaty-1", "10:20", "FAW00001"))
            .await
            .unwrap();
        let second = queue::book(&app.state, &reception("sc-almaty-1", "10:20", "FAW00002"))
            .await
            .unwrap();
        let later = queue::book(&app.state, &reception("sc-almaty-1", "10:40", "FAW00003"))
            .await
            .unwrap();
        assert_eq!((first.seat, second.seat), (0, 1));

        let mut operator = Browser::default();
        operator.sign_in_to(&app, "operator.sc", "demo-operator").await;
        let (status, html, _) = operator.send(&app, "GET", "/desk/queue?office=sc-almaty-1", &[]).await;
        assert_eq!(status, StatusCode::OK);
        for booking in [&first, &second, &later] {
            assert!(html.contains(&booking.ticket));
        }
        // 10:15: nobody is due yet, and nobody has come.
        let csrf = operator.csrf();
        let (_, html, _) = operator
            .send(
                &app,
                "POST",
                "/desk/queue/next",
                &[("csrf", &csrf), ("office", "sc-almaty-1")],
            )
            .await;
        assert!(!html.contains("flash called"), "{html}");
        // 10:20: the first of the earliest slot is called.
        app.advance(5 * 60);
        let csrf = operator.csrf();
        let (_, html, _) = operator
            .send(
                &app,
                "POST",
                "/desk/queue/next",
                &[("csrf", &csrf), ("office", "sc-almaty-1")],
            )
            .await;
        assert!(html.contains(&first.ticket) && html.contains("flash called"), "{html}");
        // Served 25 minutes later: longer than the order's 20.
        app.advance(25 * 60);
        let csrf = operator.csrf();
        let booking = first.id.to_string();
        let (status, _, location) = operator
            .send(
                &app,
                "POST",
                "/desk/queue/mark",
                &[
                    ("csrf", &csrf),
                    ("office", "sc-almaty-1"),
                    ("booking", &booking),
                    ("what", "served"),
                ],
            )
            .await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/desk/queue?office=sc-almaty-1")
        );
        // 11:00: the second of 10:20 (not the one of 10:40) waited 40 minutes.
        app.advance(15 * 60);
        let called = queue::call_next(&app.state, &staff("operator.sc"), "sc-almaty-1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(called.id, second.id);
        queue::mark(&app.state, &staff("operator.sc"), "sc-almaty-1", second.id, "served")
            .await
            .unwrap();
        // The one of 10:40 arrived at 11:05 (late): the wait counts from the arrival.
        app.advance(5 * 60);
        queue::mark(&app.state, &staff("operator.sc"), "sc-almaty-1", later.id, "arrived")
            .await
            .unwrap();
        app.advance(10 * 60);
        let called = queue::call_next(&app.state, &staff("operator.sc"), "sc-almaty-1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(called.id, later.id);
        // Named as another office's booking (the operator works both), it is refused.
        assert!(
            queue::mark(&app.state, &staff("operator.sc"), "sc-almaty-2", later.id, "no_show")
                .await
                .is_err()
        );
        queue::mark(&app.state, &staff("operator.sc"), "sc-almaty-1", later.id, "no_show")
            .await
            .unwrap();
        assert!(
            queue::call_next(&app.state, &staff("operator.sc"), "sc-almaty-1")
                .await
                .unwrap()
                .is_none()
        );
        // Closing twice is refused.
        assert!(
            queue::mark(&app.state, &staff("operator.sc"), "sc-almaty-1", later.id, "served")
                .await
                .is_err()
        );
        // Every call and close is in the audit log.
        let audited: Vec<String> = app
            .state
            .store
            .audit_entries()
            .await
            .unwrap()
            .into_iter()
            .filter(|entry| entry.action.starts_with("queue_"))
            .map(|entry| entry.action)
            .collect();
        assert_eq!(
            audited,
            [
                "queue_call",
                "queue_served",
                "queue_call",
                "queue_served",
                "queue_arrived",
                "queue_call",
                "queue_no_show"
            ]
        );

        let waits = queue::waits(&app.state, "2025-03-20", "2025-03-20").await.unwrap();
        assert_eq!(waits.len(), 1);
        let (office, waits) = &waits[0];
        assert_eq!(office.code, "sc-almaty-1");
        assert_eq!((waits.called, waits.waited_too_long, waits.longest_wait), (3, 1, 40));
        assert_eq!((waits.served, waits.served_too_long, waits.longest_service), (2, 1, 25));

        // The supervisor of Almaty sees it on the dashboard; Astana's officer cannot work it.
        let mut supervisor = Browser::default();
        supervisor
            .sign_in(&app, "supervisor.almaty", "demo-supervisor-almaty")
            .await;
        let (_, html, _) = supervisor
            .send(&app, "GET", "/officer/reports?from=2025-03-01&to=2025-03-31", &[])
            .await;
        assert!(html.contains(r#"data-office="sc-almaty-1""#), "{html}");
        let mut astana = Browser::default();
        astana.sign_in(&app, "officer.astana", "demo-officer-astana").await;
        let (status, _, _) = astana.send(&app, "GET", "/desk/queue?office=sc-almaty-1", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, html, _) = astana.send(&app, "GET", "/desk/queue", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("desk-astana") && !html.contains("sc-astana-1"));
        let (status, _, _) = supervisor.send(&app, "GET", "/desk/queue", &[]).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "supervisors read the waits on the dashboard"
        );
    }
}

fn staff(login: &str) -> ruqsat_cases::actors::Caller {
    let (_, _, role, region, _) = ruqsat_cases::demo::ACCOUNTS
        .iter()
        .find(|account| account.0 == login)
        .unwrap();
    ruqsat_cases::actors::Caller::of_staff(login.to_owned(), role, *region).unwrap()
}
