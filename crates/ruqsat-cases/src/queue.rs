//! The electronic queue (docs/QUEUE.md): the offices (`data/offices.toml`), the free slots of a
//! day by the channel's hours and the production calendar (`ruqsat_domain::queue`), bookings made
//! on the portal (a TRP's result handed over at the State Corporation; a PRP application received
//! at the place of registration), tickets taken at the door, the staff's calls, and the measures
//! of the order's longest waits (30 minutes to submit, 20 minutes to be served: Appendix 1-1
//! item 4 and Appendix 3 item 4), per office.
//!
//! No one is served out of turn: the law gives no priority here ("without accelerated service").

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use ruqsat_domain::case::{CaseAction, CaseState};
use ruqsat_domain::codes::{Channel, Region, Service as ServiceKind};
use ruqsat_i18n::{Lang, text};
use ruqsat_store::{Booked, BookingRow, NewBooking, Notification};
use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use crate::actors::{Caller, Role};
use crate::{CaseError, Service};

/// The offices shipped with this release (sample offices; an installation configures its own).
pub const SHIPPED_OFFICES: &str = include_str!("../../../data/offices.toml");

/// How many calendar days ahead a slot can be booked (interpretation 76).
pub const HORIZON_DAYS: i64 = 14;

/// The order's longest wait to submit the documents (Appendix 1-1 and 3, item 4): 30 minutes.
pub const LONGEST_WAIT_MINUTES: i64 = 30;

/// The order's longest service (Appendix 1-1 and 3, item 4): 20 minutes.
pub const LONGEST_SERVICE_MINUTES: i64 = 20;

/// A name in the three languages.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Names {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// An office with a queue.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Stable code.
    pub code: String,
    /// Its region.
    pub region: Region,
    /// `state_corporation` or `desk`.
    pub channel: Channel,
    /// A duty department of the State Corporation.
    #[serde(default)]
    pub duty: bool,
    /// Service windows serving the queue at once.
    pub seats: i64,
    /// Its name.
    pub name: Names,
    /// Its address.
    pub address: Names,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficesFile {
    office: Vec<Office>,
}

/// The offices of an installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offices(Vec<Office>);

impl Offices {
    /// Reads an offices file (`name` for errors): codes unique and short, channels with a queue,
    /// 1–50 seats, names and addresses in every language.
    pub fn parse(name: &str, content: &str) -> Result<Offices, String> {
        let file: OfficesFile = toml::from_str(content).map_err(|error| format!("{name}: {error}"))?;
        let mut codes = HashSet::new();
        for office in &file.office {
            let problem = if office.code.is_empty()
                || office.code.len() > 40
                || !office
                    .code
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
            {
                Some("a code of 1–40 lower-case letters, digits and '-'")
            } else if !codes.insert(office.code.clone()) {
                Some("a code used twice")
            } else if office.channel == Channel::Portal {
                Some("channel state_corporation or desk (the portal has no office)")
            } else if !(1..=50).contains(&office.seats) {
                Some("1 to 50 seats")
            } else if office.duty && office.channel != Channel::StateCorporation {
                Some("only a State Corporation department is a duty office")
            } else if [&office.name, &office.address].iter().any(|names| {
                [&names.kk, &names.ru, &names.en]
                    .iter()
                    .any(|text| text.trim().is_empty())
            }) {
                Some("a name and an address in kk, ru and en")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(format!("{name}: office {:?}: {problem}", office.code));
            }
        }
        Ok(Offices(file.office))
    }

    /// The shipped sample offices.
    pub fn shipped() -> Offices {
        Offices::parse("data/offices.toml", SHIPPED_OFFICES).expect("invariant: the shipped offices file is valid")
    }

    /// Every office.
    pub fn all(&self) -> &[Office] {
        &self.0
    }

    /// The office with `code`.
    pub fn get(&self, code: &str) -> Option<&Office> {
        self.0.iter().find(|office| office.code == code)
    }

    /// The offices whose queue `caller` works: an operator the State Corporation's (of any
    /// region), an officer the police desks of their region.
    pub fn of_staff(&self, caller: &Caller) -> Vec<&Office> {
        self.0.iter().filter(|office| works(caller, office)).collect()
    }
}

/// Whether `caller` works the queue of `office`.
pub fn works(caller: &Caller, office: &Office) -> bool {
    match caller.role {
        Role::Operator => office.channel == Channel::StateCorporation,
        Role::Officer => office.channel == Channel::Desk && caller.region == Some(office.region),
        _ => false,
    }
}

/// What a booking is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The hand-over of a TRP's result at the State Corporation (Appendix 1-1 item 7).
    TrpHandover,
    /// The reception of a PRP application at the place of registration (Appendix 3 item 7).
    PrpReception,
    /// A ticket taken at the office's door.
    WalkIn,
}

impl Purpose {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::TrpHandover => "trp_handover",
            Purpose::PrpReception => "prp_reception",
            Purpose::WalkIn => "walk_in",
        }
    }

    /// Parses a stored or submitted code.
    pub fn parse(code: &str) -> Option<Purpose> {
        Some(match code {
            "trp_handover" => Purpose::TrpHandover,
            "prp_reception" => Purpose::PrpReception,
            "walk_in" => Purpose::WalkIn,
            _ => return None,
        })
    }
}

/// A slot of a day with its free seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSlot {
    /// Its start (local time).
    pub start: NaiveTime,
    /// Seats still free.
    pub free: i64,
}

fn invalid(field: &str, id: &'static str, message: &str) -> CaseError {
    CaseError::refused(field, id, message)
}

/// The slots of `office` on `day` with their free seats; none that has begun (Kazakhstan time).
pub async fn free_slots(state: &Service, office: &Office, day: NaiveDate) -> Result<Vec<FreeSlot>, CaseError> {
    let now = state.law.local((state.clock)()).naive_local();
    let terms = state
        .law
        .parameters()
        .terms_on(day)
        .map_err(|error| CaseError::invalid("day", error.to_string()))?;
    let starts = ruqsat_domain::queue::slots(state.law.calendar(), &terms.hours, office.channel, office.duty, day)
        .map_err(|error| CaseError::invalid("day", error.to_string()))?;
    let taken: BTreeMap<String, i64> = state
        .store
        .taken_seats(&office.code, &day.to_string())
        .await?
        .into_iter()
        .collect();
    Ok(starts
        .into_iter()
        .filter(|start| day.and_time(*start) > now)
        .map(|start| FreeSlot {
            start,
            free: office.seats - taken.get(&start.format("%H:%M").to_string()).copied().unwrap_or(0),
        })
        .collect())
}

/// The days from today within the horizon on which `office` has slots.
pub fn open_days(state: &Service, office: &Office) -> Vec<NaiveDate> {
    let today = state.law.local_date((state.clock)());
    (0..=HORIZON_DAYS)
        .map(|offset| today + Duration::days(offset))
        .filter(|day| {
            state.law.parameters().terms_on(*day).ok().is_some_and(|terms| {
                ruqsat_domain::queue::slots(state.law.calendar(), &terms.hours, office.channel, office.duty, *day)
                    .is_ok_and(|slots| !slots.is_empty())
            })
        })
        .collect()
}

/// The digest a booking keeps of the applicant's identity document (upper-cased, trimmed): it
/// finds the booking again with the ticket and holds one open booking per person.
pub fn document_digest(document: &str) -> String {
    let normalised = document.trim().to_uppercase();
    let digest = Sha256::digest(format!("ruqsat-queue:{normalised}").as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A booking asked for on the portal.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    /// `trp_handover` or `prp_reception`.
    pub purpose: String,
    /// The office's code.
    pub office: String,
    /// The day (`YYYY-MM-DD`).
    pub day: String,
    /// The slot (`HH:MM`).
    pub slot: String,
    /// The case's number (a hand-over).
    pub number: String,
    /// The applicant's identity document (passport number, or IIN for a hand-over).
    pub document: String,
    /// A mobile phone to be told on.
    pub phone: String,
    /// An e-mail address to be told at.
    pub email: String,
    /// The applicant's language.
    pub lang: Lang,
}

impl Default for BookingRequest {
    fn default() -> Self {
        BookingRequest {
            purpose: String::new(),
            office: String::new(),
            day: String::new(),
            slot: String::new(),
            number: String::new(),
            document: String::new(),
            phone: String::new(),
            email: String::new(),
            lang: Lang::Kk,
        }
    }
}

/// Books a slot for an applicant; returns the booking (its ticket).
pub async fn book(state: &Service, request: &BookingRequest) -> Result<BookingRow, CaseError> {
    let purpose = Purpose::parse(&request.purpose)
        .filter(|purpose| *purpose != Purpose::WalkIn)
        .ok_or_else(|| invalid("purpose", "equeue-error-purpose", "choose what the visit is for"))?;
    let office = state
        .offices
        .get(&request.office)
        .filter(|office| office.channel == Channel::StateCorporation)
        .ok_or_else(|| {
            invalid(
                "office",
                "equeue-error-office",
                "choose an office of the State Corporation",
            )
        })?;
    let day: NaiveDate = request
        .day
        .parse()
        .map_err(|_| invalid("day", "equeue-error-day", "choose a day (YYYY-MM-DD)"))?;
    if !open_days(state, office).contains(&day) {
        return Err(invalid(
            "day",
            "equeue-error-day",
            "the office has no slots on that day",
        ));
    }
    let slot = NaiveTime::parse_from_str(&request.slot, "%H:%M")
        .map_err(|_| invalid("slot", "equeue-error-slot", "choose a time (HH:MM)"))?;
    let free = free_slots(state, office, day).await?;
    if !free.iter().any(|free| free.start == slot) {
        return Err(invalid(
            "slot",
            "equeue-error-slot",
            "that time is not a slot of the day",
        ));
    }
    // A passport's number or an IIN: 5 to 20 Latin letters and digits.
    let document = request.document.trim();
    if !(5..=20).contains(&document.len()) || !document.chars().all(|letter| letter.is_ascii_alphanumeric()) {
        return Err(invalid(
            "document",
            "equeue-error-document",
            "the number of your identity document (5 to 20 Latin letters and digits)",
        ));
    }
    let today = state.law.local_date((state.clock)()).to_string();
    // A hand-over needs the case and its applicant: the result must be waiting at the State
    // Corporation, in the office's region.
    let (case_id, document) = match purpose {
        Purpose::TrpHandover => {
            let case = state
                .store
                .case_by_number(request.number.trim())
                .await?
                .filter(|case| {
                    let document = document.to_ascii_uppercase();
                    case.passport_number.to_ascii_uppercase() == document || case.iin.as_deref() == Some(&document)
                })
                .ok_or_else(|| invalid("number", "equeue-error-case", "no case with this number and document"))?;
            if case.service != ServiceKind::Trp
                || case.channel != Channel::StateCorporation
                || case.state.apply(CaseAction::HandOver).is_err()
                || case.state == CaseState::HandedOver
            {
                return Err(invalid(
                    "number",
                    "equeue-error-not-ready",
                    "the result of this case is not waiting at the State Corporation",
                ));
            }
            if case.region != office.region {
                return Err(invalid(
                    "office",
                    "equeue-error-region",
                    "the result is handed over in the region of the application",
                ));
            }
            // One booking per case, whichever document (passport or IIN) was typed.
            (Some(case.id), case.passport_number.clone())
        }
        Purpose::PrpReception | Purpose::WalkIn => (None, document.to_owned()),
    };
    let (medium, recipient) = contact(request)?;
    // A phone or an address is told of two open bookings at most (no one fills an office's
    // days from one phone).
    if let Some(recipient) = &recipient
        && state.store.open_bookings_of(recipient, &today).await? >= 2
    {
        let field = if medium.as_deref() == Some("sms") {
            "phone"
        } else {
            "email"
        };
        return Err(invalid(
            field,
            "equeue-error-contact-limit",
            "this phone or address already has two open bookings",
        ));
    }
    let new = NewBooking {
        office: office.code.clone(),
        day: day.to_string(),
        slot: slot.format("%H:%M").to_string(),
        seats: office.seats,
        purpose: purpose.as_str().into(),
        case_id,
        document_digest: document_digest(&document),
        ticket: ticket(state, office),
        medium: medium.clone(),
        recipient: recipient.clone(),
        lang: request.lang.as_str().into(),
        arrived: false,
        today,
    };
    let notify = |booking: &BookingRow| message(state, booking, "equeue-notify-booked");
    match state.store.book(&new, notify, (state.clock)()).await? {
        Booked::Booked(booking) => {
            state.work.notify_one();
            Ok(*booking)
        }
        Booked::Full => Err(invalid("slot", "equeue-error-full", "every seat of that slot is taken")),
        Booked::AlreadyBooked(_) => Err(invalid(
            "document",
            "equeue-error-already",
            "you have a booking for this already: cancel it first",
        )),
    }
}

/// The phone or e-mail a booking is told on (one, the phone first); none is allowed.
fn contact(request: &BookingRequest) -> Result<(Option<String>, Option<String>), CaseError> {
    let phone = request.phone.trim();
    let email = request.email.trim();
    if !phone.is_empty() {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !(10..=15).contains(&digits)
            || phone.len() > 30
            || !phone
                .chars()
                .all(|letter| letter.is_ascii_digit() || " +-()".contains(letter))
        {
            return Err(invalid(
                "phone",
                "equeue-error-phone",
                "a phone number such as +7 700 000 0000",
            ));
        }
        return Ok((Some("sms".into()), Some(phone.to_owned())));
    }
    if !email.is_empty() {
        if email.len() > 200 || !email.contains('@') || email.chars().any(|letter| letter.is_control() || letter == ' ')
        {
            return Err(invalid(
                "email",
                "equeue-error-email",
                "an e-mail address such as name@example.com",
            ));
        }
        return Ok((Some("email".into()), Some(email.to_owned())));
    }
    Ok((None, None))
}

/// A ticket: the office's letter, then random letters and digits easy to read aloud (no 0/O, 1/I).
fn ticket(state: &Service, office: &Office) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let random = Sha256::digest((state.tokens)().as_bytes());
    let code: String = random
        .iter()
        .take(8)
        .map(|byte| LETTERS[usize::from(*byte) % LETTERS.len()] as char)
        .collect();
    let letter = match office.channel {
        Channel::Desk => 'D',
        _ => 'Q',
    };
    format!("{letter}{}-{}", &code[..4], &code[4..])
}

/// The notification of a booking (`id`: booked or cancelled) in its language.
fn message(state: &Service, booking: &BookingRow, id: &str) -> Vec<Notification> {
    let (Some(medium), Some(recipient)) = (&booking.medium, &booking.recipient) else {
        return Vec::new();
    };
    let lang: Lang = booking.lang.parse().unwrap_or(Lang::Ru);
    let office = state
        .offices
        .get(&booking.office)
        .map_or(booking.office.clone(), |office| {
            format!("{}, {}", office.name.get(lang), office.address.get(lang))
        });
    let message = text(
        lang,
        id,
        &[
            ("ticket", booking.ticket.as_str().into()),
            ("day", booking.day.as_str().into()),
            ("slot", booking.slot.as_str().into()),
            ("office", office.into()),
        ],
    );
    vec![Notification {
        medium: medium.clone(),
        recipient: recipient.clone(),
        message,
    }]
}

/// The applicant's booking by ticket and document.
pub async fn find(state: &Service, ticket: &str, document: &str) -> Result<BookingRow, CaseError> {
    let ticket = ticket.trim().to_ascii_uppercase();
    let document = document.trim().to_ascii_uppercase();
    if ticket.is_empty() || ticket.len() > 20 || document.is_empty() {
        return Err(CaseError::NotFound);
    }
    if let Some(booking) = state.store.booking(&ticket, &document_digest(&document)).await? {
        return Ok(booking);
    }
    // A hand-over is the case's: booked with the passport, found with the IIN too.
    let Some(booking) = state.store.booking_by_ticket(&ticket).await? else {
        return Err(CaseError::NotFound);
    };
    let case = match booking.case_id {
        Some(id) => state.store.case(id).await?,
        None => None,
    };
    if case.is_some_and(|case| case.iin.as_deref() == Some(document.as_str())) {
        Ok(booking)
    } else {
        Err(CaseError::NotFound)
    }
}

/// Cancels the applicant's booking (still booked), telling them as they asked.
pub async fn cancel(state: &Service, ticket: &str, document: &str) -> Result<BookingRow, CaseError> {
    let booking = find(state, ticket, document).await?;
    if booking.state != "booked" {
        return Err(CaseError::Conflict("the booking is no longer open".into()));
    }
    let notify = |booking: &BookingRow| message(state, booking, "equeue-notify-cancelled");
    let cancelled = state
        .store
        .cancel_booking(booking.id, notify, (state.clock)())
        .await?
        .ok_or_else(|| CaseError::Conflict("the booking is no longer open".into()))?;
    state.work.notify_one();
    Ok(cancelled)
}

/// The office `code` if `caller` works its queue.
pub fn staff_office<'a>(state: &'a Service, caller: &Caller, code: &str) -> Result<&'a Office, CaseError> {
    let office = state.offices.get(code).ok_or(CaseError::NotFound)?;
    if !works(caller, office) {
        return Err(CaseError::Forbidden("the queue of another office".into()));
    }
    Ok(office)
}

/// Gives a visitor at the door a ticket for the first slot of today with a free seat (from the
/// one under way): they are in the queue at once.
pub async fn walk_in(state: &Service, caller: &Caller, office: &str) -> Result<BookingRow, CaseError> {
    let office = staff_office(state, caller, office)?;
    let now = (state.clock)();
    let local = state.law.local(now).naive_local();
    let today = local.date();
    let terms = state
        .law
        .parameters()
        .terms_on(today)
        .map_err(|error| CaseError::invalid("day", error.to_string()))?;
    let starts = ruqsat_domain::queue::slots(state.law.calendar(), &terms.hours, office.channel, office.duty, today)
        .map_err(|error| CaseError::invalid("day", error.to_string()))?;
    let taken: BTreeMap<String, i64> = state
        .store
        .taken_seats(&office.code, &today.to_string())
        .await?
        .into_iter()
        .collect();
    let minutes = i64::from(ruqsat_domain::queue::SLOT_MINUTES);
    let slot = starts
        .into_iter()
        .filter(|start| today.and_time(*start) + Duration::minutes(minutes) > local)
        .find(|start| taken.get(&start.format("%H:%M").to_string()).copied().unwrap_or(0) < office.seats)
        .ok_or_else(|| invalid("office", "equeue-error-closed", "no free slot today"))?;
    let new = NewBooking {
        office: office.code.clone(),
        day: today.to_string(),
        slot: slot.format("%H:%M").to_string(),
        seats: office.seats,
        purpose: Purpose::WalkIn.as_str().into(),
        case_id: None,
        // A visitor's ticket is not a person's: one per ticket.
        document_digest: document_digest(&format!("walk-in:{}", (state.tokens)())),
        ticket: ticket(state, office),
        medium: None,
        recipient: None,
        lang: "kk".into(),
        arrived: true,
        today: today.to_string(),
    };
    match state.store.book(&new, |_| Vec::new(), now).await? {
        Booked::Booked(booking) => {
            audit(state, caller, "queue_walk_in", &booking).await?;
            Ok(*booking)
        }
        Booked::Full | Booked::AlreadyBooked(_) => Err(invalid("office", "equeue-error-full", "every seat is taken")),
    }
}

/// An audit entry of a staff action on a booking (its office, id and slot: no personal data).
async fn audit(state: &Service, caller: &Caller, action: &str, booking: &BookingRow) -> Result<(), CaseError> {
    let detail = format!(
        "office={} booking={} day={} slot={}",
        booking.office, booking.id, booking.day, booking.slot
    );
    state
        .store
        .audit(&caller.login, action, booking.case_id, &detail, (state.clock)())
        .await?;
    Ok(())
}

/// Calls the next applicant of today's queue of `office` to the caller's window.
pub async fn call_next(state: &Service, caller: &Caller, office: &str) -> Result<Option<BookingRow>, CaseError> {
    let office = staff_office(state, caller, office)?;
    let now = (state.clock)();
    let local = state.law.local(now);
    let called = state
        .store
        .call_next(
            &office.code,
            &local.date_naive().to_string(),
            &local.format("%H:%M").to_string(),
            &caller.login,
            now,
        )
        .await?;
    if let Some(booking) = &called {
        audit(state, caller, "queue_call", booking).await?;
    }
    Ok(called)
}

/// Records that a booking's applicant came, or closes a called booking (`served`, `no_show`).
pub async fn mark(state: &Service, caller: &Caller, office: &str, id: i64, what: &str) -> Result<(), CaseError> {
    let office = staff_office(state, caller, office)?;
    let now = (state.clock)();
    let done = match what {
        "arrived" => state.store.arrive(id, &office.code, now).await?,
        "served" | "no_show" => {
            state
                .store
                .finish_booking(id, &office.code, what, &caller.login, now)
                .await?
        }
        _ => return Err(CaseError::invalid("what", "arrived, served or no_show")),
    };
    if done {
        let booking = state.store.booking_by_id(id).await?.ok_or(CaseError::NotFound)?;
        audit(state, caller, &format!("queue_{what}"), &booking).await
    } else {
        Err(CaseError::Conflict("the booking changed meanwhile; reload".into()))
    }
}

/// The waits of one office over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waits {
    /// Applicants called.
    pub called: usize,
    /// Of them, called more than 30 minutes after they were due (the slot, or their arrival
    /// when they came later).
    pub waited_too_long: usize,
    /// The longest wait, in minutes.
    pub longest_wait: i64,
    /// Applicants served.
    pub served: usize,
    /// Of them, served in more than 20 minutes.
    pub served_too_long: usize,
    /// The longest service, in minutes.
    pub longest_service: i64,
}

impl Waits {
    /// The share of the called who waited too long (0.0 when none was called).
    pub fn wait_share(&self) -> f64 {
        share(self.waited_too_long, self.called)
    }

    /// The share of the served whose service took too long.
    pub fn service_share(&self) -> f64 {
        share(self.served_too_long, self.served)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// When the applicant of a booking was due: the slot's start (Kazakhstan time), or their
/// arrival when they came later.
fn due(state: &Service, booking: &BookingRow) -> Option<DateTime<Utc>> {
    let day: NaiveDate = booking.day.parse().ok()?;
    let slot = NaiveTime::parse_from_str(&booking.slot, "%H:%M").ok()?;
    let offset = state.law.parameters().utc_offset_on(day)?;
    let start = day
        .and_time(slot)
        .and_local_timezone(offset)
        .single()?
        .with_timezone(&Utc);
    let arrived = booking
        .arrived_at
        .as_deref()
        .and_then(|at| ruqsat_store::parse_timestamp(at).ok());
    Some(arrived.map_or(start, |arrived| arrived.max(start)))
}

/// The waits per office over the days `from..=until` (`YYYY-MM-DD`), in the offices' order.
pub async fn waits(state: &Service, from: &str, until: &str) -> Result<Vec<(Office, Waits)>, CaseError> {
    let bookings = state.store.called_bookings(from, until).await?;
    let mut by_office: BTreeMap<String, Waits> = BTreeMap::new();
    for booking in &bookings {
        let waits = by_office.entry(booking.office.clone()).or_default();
        let parse = |at: &Option<String>| at.as_deref().and_then(|at| ruqsat_store::parse_timestamp(at).ok());
        let (Some(called), Some(due)) = (parse(&booking.called_at), due(state, booking)) else {
            continue;
        };
        let wait = (called - due).num_minutes().max(0);
        waits.called += 1;
        waits.longest_wait = waits.longest_wait.max(wait);
        if wait > LONGEST_WAIT_MINUTES {
            waits.waited_too_long += 1;
        }
        if booking.state == "served"
            && let Some(finished) = parse(&booking.finished_at)
        {
            let service = (finished - called).num_minutes().max(0);
            waits.served += 1;
            waits.longest_service = waits.longest_service.max(service);
            if service > LONGEST_SERVICE_MINUTES {
                waits.served_too_long += 1;
            }
        }
    }
    Ok(state
        .offices
        .all()
        .iter()
        .filter_map(|office| by_office.remove(&office.code).map(|waits| (office.clone(), waits)))
        .collect())
}
