//! The notification outbox: messages to applicants written with the change they announce, then
//! claimed and sent by a background loop; each carries a unique event key, so that a sender can
//! refuse a second delivery of the same event.

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use crate::{Backend, Store, StoreError, timestamp, trusted};

/// A notification to send with a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// `sms` or `email`.
    pub medium: String,
    /// Phone number or e-mail address.
    pub recipient: String,
    /// The text.
    pub message: String,
}

/// A notification waiting or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Position.
    pub id: i64,
    /// The case (none for a queue booking's notification).
    pub case_id: Option<i64>,
    /// Unique key of the event (case, version, medium).
    pub event_key: String,
    /// `sms` or `email`.
    pub medium: String,
    /// Phone number or e-mail address.
    pub recipient: String,
    /// The text.
    pub message: String,
    /// Attempts so far.
    pub attempts: i64,
    /// When it was sent (UTC text).
    pub sent_at: Option<String>,
}

pub(crate) async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    version: i64,
    notifications: &[Notification],
    at: &str,
) -> Result<(), StoreError> {
    for notification in notifications {
        let key = format!("{case_id}:{version}:{}", notification.medium);
        sqlx::query(
            "INSERT INTO outbox (case_id, event_key, medium, recipient, message, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(case_id)
        .bind(&key)
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
    /// Queues notifications of an event outside a case's transitions (a reminder): `key` names
    /// the event, so that it is queued once however often it is found. Returns whether it is new.
    pub async fn notify_once(
        &self,
        case_id: i64,
        key: &str,
        notifications: &[Notification],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let at = timestamp(now);
        let mut added = 0;
        let mut transaction = self.pool.begin().await?;
        for notification in notifications {
            added += sqlx::query(
                "INSERT INTO outbox (case_id, event_key, medium, recipient, message, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_key) DO NOTHING",
            )
            .bind(case_id)
            .bind(format!("{case_id}:{key}:{}", notification.medium))
            .bind(&notification.medium)
            .bind(&notification.recipient)
            .bind(&notification.message)
            .bind(&at)
            .execute(&mut *transaction)
            .await?
            .rows_affected();
        }
        transaction.commit().await?;
        Ok(added > 0)
    }
}

fn outbox_row(row: &sqlx::any::AnyRow) -> Result<OutboxRow, StoreError> {
    Ok(OutboxRow {
        id: row.try_get("id")?,
        case_id: row.try_get("case_id")?,
        event_key: row.try_get("event_key")?,
        medium: row.try_get("medium")?,
        recipient: row.try_get("recipient")?,
        message: row.try_get("message")?,
        attempts: row.try_get("attempts")?,
        sent_at: row.try_get("sent_at")?,
    })
}

const COLUMNS: &str = "id, case_id, event_key, medium, recipient, message, attempts, sent_at";

impl Store {
    /// Claims one unsent notification for `lease`.
    pub async fn claim_notification(
        &self,
        lease: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<OutboxRow>, StoreError> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 WHERE id = (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < $2) ORDER BY id LIMIT 1{lock}) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(trusted(sql))
            .bind(timestamp(now + lease))
            .bind(timestamp(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(outbox_row).transpose()
    }

    /// Marks a notification sent.
    pub async fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET sent_at = $1, lease_until = NULL WHERE id = $2")
            .bind(timestamp(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The notifications of a case, oldest first.
    pub async fn notifications(&self, case_id: i64) -> Result<Vec<OutboxRow>, StoreError> {
        let rows = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM outbox WHERE case_id = $1 ORDER BY id"
        )))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(outbox_row).collect()
    }
}
