//! The electronic queue's pages (`ruqsat_cases::queue`): the applicant books a slot on the portal
//! (what for, the office, the day, the time), sees the booking with its ticket and cancels it;
//! the staff of an office see the day's queue, give tickets at the door, call the next applicant
//! and close each visit. The pages work without JavaScript: choosing is a GET form (no personal
//! data in addresses), booking, finding and cancelling are POST forms.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::NaiveDate;
use maud::{Markup, html};
use ruqsat_cases::CaseError;
use ruqsat_cases::queue::{self, BookingRequest, Office, Purpose};
use ruqsat_i18n::Arg;
use ruqsat_store::BookingRow;
use serde::Deserialize;

use super::public::field_input;
use super::{Page, PageError, PageResult, kazakh_time, render};
use crate::AppState;
use crate::error::ApiError;

/// What the applicant chose so far (GET: no personal data).
#[derive(Debug, Default, Deserialize)]
pub struct Choice {
    purpose: Option<String>,
    office: Option<String>,
    day: Option<String>,
}

/// The booking form.
#[derive(Debug, Default, Deserialize)]
pub struct BookForm {
    csrf: Option<String>,
    purpose: Option<String>,
    office: Option<String>,
    day: Option<String>,
    slot: Option<String>,
    number: Option<String>,
    document: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

/// A booking named by its ticket and the applicant's document.
#[derive(Debug, Default, Deserialize)]
pub struct TicketForm {
    csrf: Option<String>,
    ticket: Option<String>,
    document: Option<String>,
}

fn purposes() -> [Purpose; 2] {
    [Purpose::TrpHandover, Purpose::PrpReception]
}

/// The office's name and address in the page's language.
fn office_line(page: &Page, office: &Office) -> String {
    format!("{}, {}", office.name.get(page.lang), office.address.get(page.lang))
}

/// The portal's booking page: the choices, then the free slots and the applicant's details.
pub async fn book_form(State(state): State<AppState>, page: Page, Query(choice): Query<Choice>) -> PageResult {
    let form = BookForm {
        purpose: choice.purpose,
        office: choice.office,
        day: choice.day,
        ..BookForm::default()
    };
    book_page(&state, &page, &form, None).await
}

async fn book_page(state: &AppState, page: &Page, form: &BookForm, error: Option<(String, String)>) -> PageResult {
    let purpose = form.purpose.as_deref().and_then(Purpose::parse);
    let office = form
        .office
        .as_deref()
        .and_then(|code| state.offices.get(code))
        .filter(|office| office.channel == ruqsat_domain::codes::Channel::StateCorporation);
    let days = office.map(|office| queue::open_days(state, office)).unwrap_or_default();
    let day = form
        .day
        .as_deref()
        .and_then(|day| day.parse::<NaiveDate>().ok())
        .filter(|day| days.contains(day));
    let slots = match (office, day) {
        (Some(office), Some(day)) => queue::free_slots(state, office, day).await?,
        _ => Vec::new(),
    };
    let error_on = |field: &str| {
        error
            .as_ref()
            .filter(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
    };
    let value = |value: &Option<String>| value.clone().unwrap_or_default();
    let sc_offices: Vec<&Office> = state
        .offices
        .all()
        .iter()
        .filter(|office| office.channel == ruqsat_domain::codes::Channel::StateCorporation)
        .collect();
    let body = html! {
        h1 { (page.t("equeue-title")) }
        p { (page.t("equeue-intro")) }
        p { a href="/portal/queue/booking" { (page.t("equeue-find-link")) } }
        @if let Some((field, message)) = &error {
            @if !["slot", "number", "document", "phone", "email"].contains(&field.as_str()) {
                p class="error" role="alert" { (message) }
            }
        }
        form method="get" action="/portal/queue" class="stack" {
            fieldset {
                legend { (page.t("equeue-purpose")) }
                @for choice in purposes() {
                    label class="choice" {
                        input type="radio" name="purpose" value=(choice.as_str()) required checked[purpose == Some(choice)];
                        " " (page.t(&format!("equeue-purpose-{}", choice.as_str())))
                    }
                }
            }
            div class="field" {
                label for="f-office" { (page.t("equeue-office")) }
                select id="f-office" name="office" required {
                    option value="" { "—" }
                    @for candidate in &sc_offices {
                        option value=(candidate.code) selected[office.is_some_and(|office| office.code == candidate.code)] {
                            (office_line(page, candidate))
                        }
                    }
                }
            }
            @if office.is_some() {
                div class="field" {
                    label for="f-day" { (page.t("equeue-day")) }
                    select id="f-day" name="day" required {
                        option value="" { "—" }
                        @for candidate in &days {
                            option value=(candidate) selected[day == Some(*candidate)] { (candidate) }
                        }
                    }
                }
            }
            button type="submit" class="secondary" { (page.t("equeue-show-slots")) }
        }
        @if let (Some(office), Some(day), Some(purpose)) = (office, day, purpose) {
            h2 { (page.ta("equeue-slots-of", &[("day", Arg::from(day.to_string())), ("office", Arg::from(office.name.get(page.lang)))])) }
            @if slots.iter().all(|slot| slot.free <= 0) {
                p { (page.t("equeue-no-slots")) }
            } @else {
                form method="post" action="/portal/queue/book" class="stack" {
                    (page.csrf_field())
                    input type="hidden" name="purpose" value=(purpose.as_str());
                    input type="hidden" name="office" value=(office.code);
                    input type="hidden" name="day" value=(day);
                    fieldset class="slots" {
                        legend { (page.t("equeue-slot")) }
                        @if let Some(message) = error_on("slot") { p class="error" role="alert" { (message) } }
                        div class="slot-grid" {
                            @for slot in &slots {
                                @let start = slot.start.format("%H:%M").to_string();
                                label class={"choice slot" @if slot.free <= 0 { " full" }} {
                                    input type="radio" name="slot" value=(start) required disabled[slot.free <= 0]
                                        checked[form.slot.as_deref() == Some(start.as_str())];
                                    " " (start) " "
                                    small { (page.ta("equeue-free", &[("count", Arg::from(slot.free.max(0)))])) }
                                }
                            }
                        }
                    }
                    @if purpose == Purpose::TrpHandover {
                        (field_input(page, "number", "field-number", &value(&form.number), "required", error_on("number")))
                    }
                    (field_input(page, "document", "field-document", &value(&form.document), "required", error_on("document")))
                    p class="hint" { (page.t("equeue-contact-hint")) }
                    (field_input(page, "phone", "equeue-phone", &value(&form.phone), "", error_on("phone")))
                    (field_input(page, "email", "equeue-email", &value(&form.email), "", error_on("email")))
                    button type="submit" { (page.t("equeue-book")) }
                }
            }
        }
    };
    Ok(render(page, &page.t("equeue-title"), body))
}

/// Books the chosen slot; the booking page with its ticket, or the form with the error.
pub async fn book(State(state): State<AppState>, page: Page, Form(form): Form<BookForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let request = BookingRequest {
        purpose: text(&form.purpose),
        office: text(&form.office),
        day: text(&form.day),
        slot: text(&form.slot),
        number: text(&form.number),
        document: text(&form.document),
        phone: text(&form.phone),
        email: text(&form.email),
        lang: page.lang,
    };
    match queue::book(&state, &request).await {
        Ok(booking) => {
            let note = html! { p class="flash" role="status" { (page.t("equeue-booked")) } };
            booking_page(&state, &page, &booking, &request.document, Some(note))
        }
        Err(CaseError::Invalid { field, message, id }) => {
            let message = id.map_or(message, |id| page.t(id));
            book_page(&state, &page, &form, Some((field, message))).await
        }
        Err(error) => Err(error.into()),
    }
}

/// The form that finds a booking by its ticket.
pub async fn find_form(page: Page) -> PageResult {
    find_page(&page, "", "", None)
}

fn find_page(page: &Page, ticket: &str, document: &str, result: Option<Markup>) -> PageResult {
    let body = html! {
        h1 { (page.t("equeue-find-title")) }
        form method="post" action="/portal/queue/booking" class="stack" {
            (page.csrf_field())
            (field_input(page, "ticket", "equeue-ticket", ticket, "required", None))
            (field_input(page, "document", "field-document", document, "required", None))
            button type="submit" { (page.t("equeue-find")) }
        }
        @if let Some(result) = result { (result) }
        p { a href="/portal/queue" { (page.t("equeue-book-link")) } }
    };
    Ok(render(page, &page.t("equeue-find-title"), body))
}

/// Shows the booking with `ticket` made with `document`.
pub async fn find(State(state): State<AppState>, page: Page, Form(form): Form<TicketForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let ticket = form.ticket.unwrap_or_default();
    let document = form.document.unwrap_or_default();
    match queue::find(&state, &ticket, &document).await {
        Ok(booking) => booking_page(&state, &page, &booking, &document, None),
        Err(CaseError::NotFound) => {
            let missing = html! { p class="error" role="alert" { (page.t("equeue-not-found")) } };
            find_page(&page, &ticket, &document, Some(missing))
        }
        Err(error) => Err(error.into()),
    }
}

/// Cancels the booking.
pub async fn cancel(State(state): State<AppState>, page: Page, Form(form): Form<TicketForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let ticket = form.ticket.unwrap_or_default();
    let document = form.document.unwrap_or_default();
    match queue::cancel(&state, &ticket, &document).await {
        Ok(booking) => {
            let note = html! { p class="flash" role="status" { (page.t("equeue-cancelled")) } };
            booking_page(&state, &page, &booking, &document, Some(note))
        }
        Err(CaseError::NotFound) => {
            let missing = html! { p class="error" role="alert" { (page.t("equeue-not-found")) } };
            find_page(&page, &ticket, &document, Some(missing))
        }
        Err(CaseError::Conflict(_)) => {
            let booking = queue::find(&state, &ticket, &document).await?;
            let note = html! { p class="error" role="alert" { (page.t("equeue-not-open")) } };
            booking_page(&state, &page, &booking, &document, Some(note))
        }
        Err(error) => Err(error.into()),
    }
}

/// A booking as the applicant sees it, with the cancel button while it is open.
fn booking_page(
    state: &AppState,
    page: &Page,
    booking: &BookingRow,
    document: &str,
    note: Option<Markup>,
) -> PageResult {
    let office = state.offices.get(&booking.office);
    let body = html! {
        h1 { (page.t("equeue-booking-title")) }
        @if let Some(note) = note { (note) }
        dl class="booking" {
            dt { (page.t("equeue-ticket")) } dd class="ticket" translate="no" data-ticket=(booking.ticket) { (booking.ticket) }
            dt { (page.t("equeue-state")) } dd data-state=(booking.state) { (page.t(&format!("equeue-state-{}", booking.state))) }
            dt { (page.t("equeue-purpose")) } dd { (page.t(&format!("equeue-purpose-{}", booking.purpose))) }
            dt { (page.t("equeue-office")) } dd { @if let Some(office) = office { (office_line(page, office)) } @else { (booking.office) } }
            dt { (page.t("equeue-day")) } dd { (booking.day) }
            dt { (page.t("equeue-slot")) } dd { (booking.slot) }
        }
        @if booking.state == "booked" {
            p { (page.t("equeue-bring")) }
            form method="post" action="/portal/queue/cancel" {
                (page.csrf_field())
                input type="hidden" name="ticket" value=(booking.ticket);
                input type="hidden" name="document" value=(document);
                button type="submit" class="danger" { (page.t("equeue-cancel")) }
            }
        }
        p { a href="/portal/queue" { (page.t("equeue-book-link")) } }
    };
    Ok(render(page, &page.t("equeue-booking-title"), body))
}

/// The office a staff page works (`office` asked, else the caller's first).
#[derive(Debug, Default, Deserialize)]
pub struct OfficeChoice {
    office: Option<String>,
}

/// A staff action on the queue.
#[derive(Debug, Default, Deserialize)]
pub struct StaffForm {
    csrf: Option<String>,
    office: Option<String>,
    booking: Option<String>,
    what: Option<String>,
}

fn staff_offices<'a>(state: &'a AppState, page: &Page) -> Result<Vec<&'a Office>, ApiError> {
    let caller = page.staff()?;
    let offices = state.offices.of_staff(caller);
    if offices.is_empty() {
        return Err(ApiError::Forbidden(
            "the electronic queue is worked by the State Corporation's operators and the desks' officers".into(),
        ));
    }
    Ok(offices)
}

/// Today's queue of an office.
pub async fn staff_queue(State(state): State<AppState>, page: Page, Query(choice): Query<OfficeChoice>) -> PageResult {
    staff_page(&state, &page, choice.office.as_deref(), None).await
}

async fn staff_page(state: &AppState, page: &Page, office: Option<&str>, note: Option<Markup>) -> PageResult {
    let offices = staff_offices(state, page)?;
    let office = match office {
        Some(code) => *offices
            .iter()
            .find(|office| office.code == code)
            .ok_or(ApiError::NotFound)?,
        None => offices[0],
    };
    let today = state.law.local_date((state.clock)());
    let bookings = state.store.day_queue(&office.code, &today.to_string()).await?;
    let waiting = bookings.iter().filter(|booking| booking.state == "booked").count();
    let time = |at: &Option<String>| at.as_deref().map(|at| kazakh_time(&state.law, at)).unwrap_or_default();
    let body = html! {
        h1 { (page.t("equeue-staff-title")) }
        form method="get" action="/desk/queue" class="inline-form" {
            label for="f-office" { (page.t("equeue-office")) } " "
            select id="f-office" name="office" data-autosubmit="" {
                @for candidate in &offices {
                    option value=(candidate.code) selected[candidate.code == office.code] { (candidate.name.get(page.lang)) }
                }
            }
            " " button type="submit" class="secondary" { (page.t("action-show")) }
        }
        @if let Some(note) = note { (note) }
        p { (page.ta("equeue-waiting", &[("count", Arg::from(waiting as i64)), ("day", Arg::from(today.to_string()))])) }
        div class="actions" {
            form method="post" action="/desk/queue/next" class="inline" {
                (page.csrf_field())
                input type="hidden" name="office" value=(office.code);
                button type="submit" { (page.t("equeue-call-next")) }
            }
            " "
            form method="post" action="/desk/queue/walk-in" class="inline" {
                (page.csrf_field())
                input type="hidden" name="office" value=(office.code);
                button type="submit" class="secondary" { (page.t("equeue-walk-in")) }
            }
        }
        @if bookings.is_empty() {
            p { (page.t("equeue-empty")) }
        } @else {
            div class="table-wrap" {
                table class="equeue" {
                    thead { tr {
                        th { (page.t("equeue-slot")) } th { (page.t("equeue-ticket")) } th { (page.t("equeue-purpose")) }
                        th { (page.t("equeue-state")) } th { (page.t("equeue-arrived")) } th { (page.t("equeue-called")) } th { (page.t("equeue-actions")) }
                    } }
                    tbody {
                        @for booking in &bookings {
                            tr data-ticket=(booking.ticket) data-state=(booking.state) {
                                td data-label=(page.t("equeue-slot")) { (booking.slot) }
                                td data-label=(page.t("equeue-ticket")) translate="no" { (booking.ticket) }
                                td data-label=(page.t("equeue-purpose")) { (page.t(&format!("equeue-purpose-{}", booking.purpose))) }
                                td data-label=(page.t("equeue-state")) { (page.t(&format!("equeue-state-{}", booking.state))) }
                                td data-label=(page.t("equeue-arrived")) { (time(&booking.arrived_at)) }
                                td data-label=(page.t("equeue-called")) { (time(&booking.called_at)) @if let Some(by) = &booking.called_by { " · " span translate="no" { (by) } } }
                                td data-label=(page.t("equeue-actions")) {
                                    @let actions: &[&str] = match (booking.state.as_str(), booking.arrived_at.is_some()) {
                                        ("booked", false) => &["arrived"],
                                        ("called", _) => &["served", "no_show"],
                                        _ => &[],
                                    };
                                    @for what in actions {
                                        form method="post" action="/desk/queue/mark" class="inline" {
                                            (page.csrf_field())
                                            input type="hidden" name="office" value=(office.code);
                                            input type="hidden" name="booking" value=(booking.id);
                                            input type="hidden" name="what" value=(what);
                                            button type="submit" class="secondary small" { (page.t(&format!("equeue-mark-{what}"))) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(render(page, &page.t("equeue-staff-title"), body))
}

/// Calls the next applicant.
pub async fn call_next(State(state): State<AppState>, page: Page, Form(form): Form<StaffForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let office = form.office.unwrap_or_default();
    let called = queue::call_next(&state, &caller, &office).await?;
    let note = match called {
        Some(booking) => html! {
            p class="flash called" role="status" {
                (page.ta("equeue-now-called", &[("ticket", Arg::from(booking.ticket.as_str())), ("slot", Arg::from(booking.slot.as_str()))]))
            }
        },
        None => html! { p class="flash" role="status" { (page.t("equeue-nobody")) } },
    };
    staff_page(&state, &page, Some(&office), Some(note)).await
}

/// Gives a visitor at the door a ticket.
pub async fn walk_in(State(state): State<AppState>, page: Page, Form(form): Form<StaffForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let office = form.office.unwrap_or_default();
    let booking = queue::walk_in(&state, &caller, &office).await?;
    let note = html! {
        p class="flash" role="status" {
            (page.ta("equeue-walk-in-ticket", &[("ticket", Arg::from(booking.ticket.as_str())), ("slot", Arg::from(booking.slot.as_str()))]))
        }
    };
    staff_page(&state, &page, Some(&office), Some(note)).await
}

/// Records an arrival, a service or an absence; back to the queue.
pub async fn mark(State(state): State<AppState>, page: Page, Form(form): Form<StaffForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let office = form.office.unwrap_or_default();
    let booking = form
        .booking
        .as_deref()
        .and_then(|id| id.trim().parse::<i64>().ok())
        .ok_or_else(|| ApiError::invalid("booking", "which booking (a number)"))?;
    let what = form.what.unwrap_or_default();
    queue::mark(&state, &caller, &office, booking, &what).await?;
    Ok(Redirect::to(&format!("/desk/queue?office={}", urlencoding(&office))).into_response())
}

/// An office code in an address (codes are `[a-z0-9-]`: anything else is dropped).
fn urlencoding(code: &str) -> String {
    code.chars()
        .filter(|letter| letter.is_ascii_alphanumeric() || *letter == '-')
        .collect()
}

/// The waits per office on the supervisors' dashboard (the order's 30 and 20 minutes).
pub async fn waits_section(state: &AppState, page: &Page, from: &str, to: &str) -> Result<Markup, PageError> {
    let caller = page.staff()?;
    let waits = queue::waits(state, from, to).await?;
    let region = caller.region;
    let percent = |share: f64| format!("{:.0} %", share * 100.0);
    Ok(html! {
        section class="equeue-waits" {
            h2 { (page.t("equeue-waits-title")) }
            p { (page.t("equeue-waits-intro")) }
            @let rows: Vec<_> = waits.iter().filter(|(office, _)| region.is_none_or(|region| office.region == region)).collect();
            @if rows.is_empty() { p { (page.t("equeue-waits-none")) } } @else {
                div class="table-wrap" {
                    table {
                        thead { tr {
                            th { (page.t("equeue-office")) } th { (page.t("equeue-called-count")) } th { (page.t("equeue-waited-too-long")) }
                            th { (page.t("equeue-longest-wait")) } th { (page.t("equeue-served-count")) } th { (page.t("equeue-served-too-long")) }
                            th { (page.t("equeue-longest-service")) }
                        } }
                        tbody {
                            @for (office, waits) in rows {
                                tr data-office=(office.code) {
                                    td { (office.name.get(page.lang)) }
                                    td { (waits.called) }
                                    td data-share="wait" class=[(waits.waited_too_long > 0).then_some("late")] { (waits.waited_too_long) " (" (percent(waits.wait_share())) ")" }
                                    td data-longest="wait" { (waits.longest_wait) " " (page.t("equeue-minutes")) }
                                    td { (waits.served) }
                                    td data-share="service" class=[(waits.served_too_long > 0).then_some("late")] { (waits.served_too_long) " (" (percent(waits.service_share())) ")" }
                                    td data-longest="service" { (waits.longest_service) " " (page.t("equeue-minutes")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}
