//! The electronic queue's bookings: a seat (a service window) of one slot of one office's day,
//! held until cancelled; called, then served or not shown, by the staff of the office. The
//! unique indexes hold the invariants under concurrency: one booking per seat, one open booking
//! per person and purpose. A booking's notifications are written in its transaction.

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use crate::{Backend, Notification, Store, StoreError, timestamp, trusted};

/// A booking asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBooking {
    /// The office's code.
    pub office: String,
    /// The day (`YYYY-MM-DD`, the office's local date).
    pub day: String,
    /// The slot's start (`HH:MM`, local time).
    pub slot: String,
    /// The office's seats: the booking takes the first free one.
    pub seats: i64,
    /// `trp_handover`, `prp_reception` or `walk_in`.
    pub purpose: String,
    /// The case whose result is handed over.
    pub case_id: Option<i64>,
    /// The digest of the applicant's identity document.
    pub document_digest: String,
    /// The ticket (random, shown to the applicant).
    pub ticket: String,
    /// `sms` or `email`, where the applicant wants to be told.
    pub medium: Option<String>,
    /// The phone number or address.
    pub recipient: Option<String>,
    /// The applicant's language.
    pub lang: String,
    /// Whether the applicant is at the office already (a walk-in's ticket).
    pub arrived: bool,
    /// Today (`YYYY-MM-DD`, local): the person's bookings of earlier days still open expire.
    pub today: String,
}

/// A booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRow {
    /// Position.
    pub id: i64,
    /// The office's code.
    pub office: String,
    /// The day (`YYYY-MM-DD`).
    pub day: String,
    /// The slot's start (`HH:MM`).
    pub slot: String,
    /// The seat (0-based).
    pub seat: i64,
    /// What for.
    pub purpose: String,
    /// The case, for a hand-over.
    pub case_id: Option<i64>,
    /// The ticket.
    pub ticket: String,
    /// How the applicant is told.
    pub medium: Option<String>,
    /// Where.
    pub recipient: Option<String>,
    /// The applicant's language.
    pub lang: String,
    /// `booked`, `called`, `served`, `no_show`, `cancelled` or `expired` (a day passed uncalled).
    pub state: String,
    /// When it was booked (UTC text).
    pub booked_at: String,
    /// When the applicant was seen at the office.
    pub arrived_at: Option<String>,
    /// When called to a window.
    pub called_at: Option<String>,
    /// By whom.
    pub called_by: Option<String>,
    /// When served or marked not shown.
    pub finished_at: Option<String>,
    /// By whom.
    pub finished_by: Option<String>,
    /// When cancelled.
    pub cancelled_at: Option<String>,
}

/// The outcome of a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booked {
    /// Booked.
    Booked(Box<BookingRow>),
    /// Every seat of the slot is taken.
    Full,
    /// The person has an open booking for the same purpose (its ticket).
    AlreadyBooked(String),
}

const COLUMNS: &str = "id, office, day, slot, seat, purpose, case_id, ticket, medium, recipient, lang, state, booked_at, \
                       arrived_at, called_at, called_by, finished_at, finished_by, cancelled_at";

fn booking_row(row: &sqlx::any::AnyRow) -> Result<BookingRow, StoreError> {
    Ok(BookingRow {
        id: row.try_get("id")?,
        office: row.try_get("office")?,
        day: row.try_get("day")?,
        slot: row.try_get("slot")?,
        seat: row.try_get("seat")?,
        purpose: row.try_get("purpose")?,
        case_id: row.try_get("case_id")?,
        ticket: row.try_get("ticket")?,
        medium: row.try_get("medium")?,
        recipient: row.try_get("recipient")?,
        lang: row.try_get("lang")?,
        state: row.try_get("state")?,
        booked_at: row.try_get("booked_at")?,
        arrived_at: row.try_get("arrived_at")?,
        called_at: row.try_get("called_at")?,
        called_by: row.try_get("called_by")?,
        finished_at: row.try_get("finished_at")?,
        finished_by: row.try_get("finished_by")?,
        cancelled_at: row.try_get("cancelled_at")?,
    })
}

/// Writes a booking's notifications (`what`: booked, cancelled) in its transaction.
async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    booking: &BookingRow,
    what: &str,
    notifications: &[Notification],
    at: &str,
) -> Result<(), StoreError> {
    for notification in notifications {
        sqlx::query(
            "INSERT INTO outbox (case_id, event_key, medium, recipient, message, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (event_key) DO NOTHING",
        )
        .bind(booking.case_id)
        .bind(format!("queue:{}:{what}:{}", booking.id, notification.medium))
        .bind(&notification.medium)
        .bind(&notification.recipient)
        .bind(&notification.message)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
    /// Books the first free seat of the slot, with its notifications (`notify` composes them
    /// from the booking, ticket and all).
    pub async fn book(
        &self,
        new: &NewBooking,
        notify: impl Fn(&BookingRow) -> Vec<Notification>,
        now: DateTime<Utc>,
    ) -> Result<Booked, StoreError> {
        let at = timestamp(now);
        let arrived = new.arrived.then(|| at.clone());
        // A booking of a day gone by, never called, holds nothing any more.
        sqlx::query(
            "UPDATE queue_bookings SET state = 'expired' WHERE document_digest = $1 AND purpose = $2 AND state = 'booked' AND day < $3",
        )
        .bind(&new.document_digest)
        .bind(&new.purpose)
        .bind(&new.today)
        .execute(&self.pool)
        .await?;
        for seat in 0..new.seats.max(0) {
            let mut tx = self.pool.begin().await?;
            let inserted = sqlx::query(trusted(format!(
                "INSERT INTO queue_bookings (office, day, slot, seat, purpose, case_id, document_digest, ticket, medium, \
                 recipient, lang, booked_at, arrived_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 RETURNING {COLUMNS}"
            )))
            .bind(&new.office)
            .bind(&new.day)
            .bind(&new.slot)
            .bind(seat)
            .bind(&new.purpose)
            .bind(new.case_id)
            .bind(&new.document_digest)
            .bind(&new.ticket)
            .bind(&new.medium)
            .bind(&new.recipient)
            .bind(&new.lang)
            .bind(&at)
            .bind(&arrived)
            .fetch_one(&mut *tx)
            .await;
            match inserted {
                Ok(row) => {
                    let booking = booking_row(&row)?;
                    enqueue(&mut tx, &booking, "booked", &notify(&booking), &at).await?;
                    tx.commit().await?;
                    return Ok(Booked::Booked(Box::new(booking)));
                }
                Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                    tx.rollback().await?;
                    if let Some(ticket) = self.open_booking(&new.document_digest, &new.purpose).await? {
                        return Ok(Booked::AlreadyBooked(ticket));
                    }
                }
                Err(error) => return Err(error.into()),
            }
        }
        Ok(Booked::Full)
    }

    /// How many open bookings are told to `recipient` (a phone or an address).
    pub async fn open_bookings_of(&self, recipient: &str, today: &str) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS open FROM queue_bookings WHERE recipient = $1 AND state = 'booked' AND day >= $2",
        )
        .bind(recipient)
        .bind(today)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("open")?)
    }

    /// The ticket of the person's open booking for `purpose`, if any.
    pub async fn open_booking(&self, document_digest: &str, purpose: &str) -> Result<Option<String>, StoreError> {
        let ticket = sqlx::query(
            "SELECT ticket FROM queue_bookings WHERE document_digest = $1 AND purpose = $2 AND state = 'booked'",
        )
        .bind(document_digest)
        .bind(purpose)
        .fetch_optional(&self.pool)
        .await?;
        Ok(ticket.map(|row| row.try_get("ticket")).transpose()?)
    }

    /// The booking with `ticket` made with the identity document of `document_digest`.
    pub async fn booking(&self, ticket: &str, document_digest: &str) -> Result<Option<BookingRow>, StoreError> {
        let row = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM queue_bookings WHERE ticket = $1 AND document_digest = $2"
        )))
        .bind(ticket)
        .bind(document_digest)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(booking_row).transpose()
    }

    /// A booking by its position.
    pub async fn booking_by_id(&self, id: i64) -> Result<Option<BookingRow>, StoreError> {
        let row = sqlx::query(trusted(format!("SELECT {COLUMNS} FROM queue_bookings WHERE id = $1")))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(booking_row).transpose()
    }

    /// The booking with `ticket`, whoever made it (the caller checks the applicant).
    pub async fn booking_by_ticket(&self, ticket: &str) -> Result<Option<BookingRow>, StoreError> {
        let row = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM queue_bookings WHERE ticket = $1"
        )))
        .bind(ticket)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(booking_row).transpose()
    }

    /// Cancels an open booking (the applicant's, found by ticket and document), with its
    /// notifications.
    pub async fn cancel_booking(
        &self,
        id: i64,
        notify: impl Fn(&BookingRow) -> Vec<Notification>,
        now: DateTime<Utc>,
    ) -> Result<Option<BookingRow>, StoreError> {
        let at = timestamp(now);
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(trusted(format!(
            "UPDATE queue_bookings SET state = 'cancelled', cancelled_at = $1 \
             WHERE id = $2 AND state = 'booked' RETURNING {COLUMNS}"
        )))
        .bind(&at)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let booking = booking_row(&row)?;
        enqueue(&mut tx, &booking, "cancelled", &notify(&booking), &at).await?;
        tx.commit().await?;
        Ok(Some(booking))
    }

    /// How many seats of each slot of an office's day are taken: `(slot, taken)`.
    pub async fn taken_seats(&self, office: &str, day: &str) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT slot, COUNT(*) AS taken FROM queue_bookings WHERE office = $1 AND day = $2 AND state <> 'cancelled' \
             GROUP BY slot ORDER BY slot",
        )
        .bind(office)
        .bind(day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("slot")?, row.try_get("taken")?)))
            .collect()
    }

    /// An office's queue of a day, in the order of the slots (cancelled bookings last).
    pub async fn day_queue(&self, office: &str, day: &str) -> Result<Vec<BookingRow>, StoreError> {
        let rows = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM queue_bookings WHERE office = $1 AND day = $2 \
             ORDER BY CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END, slot, seat"
        )))
        .bind(office)
        .bind(day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(booking_row).collect()
    }

    /// Records that the applicant of a booking is at the office.
    pub async fn arrive(&self, id: i64, office: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE queue_bookings SET arrived_at = $1 WHERE id = $2 AND office = $3 AND state = 'booked' AND arrived_at IS NULL",
        )
        .bind(timestamp(now))
        .bind(id)
        .bind(office)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Calls the next applicant of an office's day to `by`'s window: the earliest slot (then
    /// seat) still booked of those who are at the office or whose time (`time`, `HH:MM` local)
    /// has come; no one is called out of turn.
    pub async fn call_next(
        &self,
        office: &str,
        day: &str,
        time: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<BookingRow>, StoreError> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let row = sqlx::query(trusted(format!(
            "UPDATE queue_bookings SET state = 'called', called_at = $1, called_by = $2 WHERE id = (SELECT id FROM queue_bookings \
             WHERE office = $3 AND day = $4 AND state = 'booked' AND (arrived_at IS NOT NULL OR slot <= $5) \
             ORDER BY slot, seat LIMIT 1{lock}) AND state = 'booked' RETURNING {COLUMNS}"
        )))
        .bind(timestamp(now))
        .bind(by)
        .bind(office)
        .bind(day)
        .bind(time)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(booking_row).transpose()
    }

    /// Closes a called booking of `office`: `served` or `no_show`.
    pub async fn finish_booking(
        &self,
        id: i64,
        office: &str,
        outcome: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        if !matches!(outcome, "served" | "no_show") {
            return Ok(false);
        }
        let changed = sqlx::query(
            "UPDATE queue_bookings SET state = $1, finished_at = $2, finished_by = $3 WHERE id = $4 AND office = $5 AND state = 'called'",
        )
        .bind(outcome)
        .bind(timestamp(now))
        .bind(by)
        .bind(id)
        .bind(office)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// The bookings of the days `from..=until` (`YYYY-MM-DD`) that were called (for the
    /// measures of the waits).
    pub async fn called_bookings(&self, from: &str, until: &str) -> Result<Vec<BookingRow>, StoreError> {
        let rows = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM queue_bookings WHERE day >= $1 AND day <= $2 AND called_at IS NOT NULL ORDER BY office, day, slot"
        )))
        .bind(from)
        .bind(until)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(booking_row).collect()
    }
}
