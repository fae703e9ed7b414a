//! Deliveries to the channels' systems: written with the event they announce (one transaction,
//! like the notifications), claimed by the worker under a lease, sent, and marked delivered, or
//! retried later, or dead after the last attempt.

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use crate::{Backend, Store, StoreError, timestamp, trusted};

/// The receivers: the channels whose systems are told about their cases.
pub const RECEIVERS: [&str; 2] = ["state_corporation", "portal"];

/// A delivery with the event it announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    /// Position (the receiver's idempotency key with the event).
    pub id: i64,
    /// `state_corporation` or `portal`.
    pub receiver: String,
    /// The event announced.
    pub event_id: i64,
    /// Its case.
    pub case_id: i64,
    /// `status` (a change of state) or `result` (the result, when delivered).
    pub kind: String,
    /// The body as first sent (JSON), once composed.
    pub body: Option<String>,
    /// Attempts so far (this one included, once claimed).
    pub attempts: i64,
    /// When it was delivered.
    pub delivered_at: Option<String>,
    /// When it was given up.
    pub dead_at: Option<String>,
    /// The last failure.
    pub last_error: Option<String>,
    /// When the event happened (UTC text).
    pub event_at: String,
    /// The state the event led to.
    pub to_state: String,
    /// The lease under which it was claimed (its outcome is recorded only under it).
    pub lease_until: Option<String>,
}

/// Queues the deliveries of an event of `case_id` (inside its transaction): a change of state to
/// the system of the channel the case came through, and the result once it is `delivered`.
pub(crate) async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    event_id: i64,
    from_state: Option<&str>,
    to_state: &str,
    at: &str,
) -> Result<(), StoreError> {
    if from_state == Some(to_state) {
        return Ok(());
    }
    let kind = if to_state == "delivered" { "result" } else { "status" };
    sqlx::query(
        "INSERT INTO deliveries (receiver, event_id, case_id, kind, next_attempt_at, created_at) \
         SELECT channel, $1, id, $2, $3, $3 FROM cases WHERE id = $4 AND channel IN ('state_corporation', 'portal')",
    )
    .bind(event_id)
    .bind(kind)
    .bind(at)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const COLUMNS: &str = "d.id, d.receiver, d.event_id, d.case_id, d.kind, d.body, d.attempts, d.delivered_at, d.dead_at, \
                       d.last_error, e.at AS event_at, e.to_state, d.lease_until";

fn delivery_row(row: &sqlx::any::AnyRow) -> Result<DeliveryRow, StoreError> {
    Ok(DeliveryRow {
        id: row.try_get("id")?,
        receiver: row.try_get("receiver")?,
        event_id: row.try_get("event_id")?,
        case_id: row.try_get("case_id")?,
        kind: row.try_get("kind")?,
        body: row.try_get("body")?,
        attempts: row.try_get("attempts")?,
        delivered_at: row.try_get("delivered_at")?,
        dead_at: row.try_get("dead_at")?,
        last_error: row.try_get("last_error")?,
        event_at: row.try_get("event_at")?,
        to_state: row.try_get("to_state")?,
        lease_until: row.try_get("lease_until")?,
    })
}

impl Store {
    /// Claims one delivery due for one of `receivers` for `lease`, counting the attempt.
    pub async fn claim_delivery(
        &self,
        receivers: &[&str],
        lease: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<DeliveryRow>, StoreError> {
        let receivers: Vec<&str> = receivers
            .iter()
            .copied()
            .filter(|receiver| RECEIVERS.contains(receiver))
            .collect();
        if receivers.is_empty() {
            return Ok(None);
        }
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        // The receivers are constants of this module (filtered above), never input.
        let list = receivers
            .iter()
            .map(|receiver| format!("'{receiver}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "UPDATE deliveries SET lease_until = $1, attempts = attempts + 1 WHERE id = (SELECT id FROM deliveries \
             WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $2 \
             AND (lease_until IS NULL OR lease_until < $2) AND receiver IN ({list}) ORDER BY id LIMIT 1{lock}) RETURNING id"
        );
        let claimed = sqlx::query(trusted(sql))
            .bind(timestamp(now + lease))
            .bind(timestamp(now))
            .fetch_optional(&self.pool)
            .await?;
        match claimed {
            Some(row) => self.delivery(row.try_get("id")?).await,
            None => Ok(None),
        }
    }

    /// A delivery with its event.
    pub async fn delivery(&self, id: i64) -> Result<Option<DeliveryRow>, StoreError> {
        let row = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM deliveries d JOIN case_events e ON e.id = d.event_id WHERE d.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(delivery_row).transpose()
    }

    /// Keeps the body of a delivery as first composed (retries send it again byte for byte).
    pub async fn set_delivery_body(&self, id: i64, body: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE deliveries SET body = $1 WHERE id = $2 AND body IS NULL")
            .bind(body)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks a delivery delivered (under the lease `row` was claimed with: a process whose lease
    /// ran out records nothing).
    pub async fn delivery_done(&self, row: &DeliveryRow, now: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE deliveries SET delivered_at = $1, lease_until = NULL, last_error = NULL \
             WHERE id = $2 AND lease_until = $3 AND delivered_at IS NULL",
        )
        .bind(timestamp(now))
        .bind(row.id)
        .bind(&row.lease_until)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up (dead) when `None`.
    pub async fn delivery_failed(
        &self,
        row: &DeliveryRow,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match retry_at {
            Some(at) => {
                sqlx::query(
                    "UPDATE deliveries SET next_attempt_at = $1, lease_until = NULL, last_error = $2 \
                     WHERE id = $3 AND lease_until = $4 AND delivered_at IS NULL",
                )
                .bind(timestamp(at))
                .bind(error)
                .bind(row.id)
                .bind(&row.lease_until)
                .execute(&self.pool)
                .await?
            }
            None => {
                sqlx::query(
                    "UPDATE deliveries SET dead_at = $1, lease_until = NULL, last_error = $2 \
                     WHERE id = $3 AND lease_until = $4 AND delivered_at IS NULL",
                )
                .bind(timestamp(now))
                .bind(error)
                .bind(row.id)
                .bind(&row.lease_until)
                .execute(&self.pool)
                .await?
            }
        };
        Ok(())
    }

    /// The dead deliveries, newest first (at most `limit`).
    pub async fn dead_deliveries(&self, limit: i64) -> Result<Vec<(DeliveryRow, String)>, StoreError> {
        let rows = sqlx::query(trusted(format!(
            "SELECT {COLUMNS}, c.number FROM deliveries d JOIN case_events e ON e.id = d.event_id \
             JOIN cases c ON c.id = d.case_id WHERE d.dead_at IS NOT NULL ORDER BY d.dead_at DESC, d.id DESC LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((delivery_row(row)?, row.try_get("number")?)))
            .collect()
    }

    /// How many deliveries wait (not delivered, not dead), per receiver.
    pub async fn waiting_deliveries(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT receiver, COUNT(*) AS waiting FROM deliveries WHERE delivered_at IS NULL AND dead_at IS NULL \
             GROUP BY receiver ORDER BY receiver",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("receiver")?, row.try_get("waiting")?)))
            .collect()
    }

    /// Sends a dead delivery again (an administrator's decision): due now, attempts from zero.
    /// Returns whether it was dead.
    pub async fn revive_delivery(&self, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE deliveries SET dead_at = NULL, attempts = 0, next_attempt_at = $1, lease_until = NULL \
             WHERE id = $2 AND dead_at IS NOT NULL",
        )
        .bind(timestamp(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(changed.rows_affected() == 1)
    }

    /// The deliveries of a case, oldest first.
    pub async fn deliveries(&self, case_id: i64) -> Result<Vec<DeliveryRow>, StoreError> {
        let rows = sqlx::query(trusted(format!(
            "SELECT {COLUMNS} FROM deliveries d JOIN case_events e ON e.id = d.event_id WHERE d.case_id = $1 ORDER BY d.id"
        )))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(delivery_row).collect()
    }
}
