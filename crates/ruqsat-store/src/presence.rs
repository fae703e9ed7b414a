//! The holders' presence states (`holder_presence`): folded from each holder's crossings by the
//! sweep, marked by the import in the transaction that stores a crossing of the holder, folded
//! again only when marked. A mark raised while a state is being folded survives it: saving
//! subtracts only the marks that were seen.

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use crate::holders::{HOLDER_COLUMNS, holder_row};
use crate::{HolderRow, Store, StoreError, timestamp, trusted};

/// A holder's stored state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceRow {
    /// The holder's case.
    pub case_id: i64,
    /// The state (JSON; empty until first folded).
    pub state: String,
    /// Crossings stored since it was folded.
    pub marks: i64,
    /// The day from which its verdicts can change without a new crossing (`YYYY-MM-DD`).
    pub due_on: Option<String>,
}

fn presence_row(row: &sqlx::any::AnyRow) -> Result<PresenceRow, StoreError> {
    Ok(PresenceRow {
        case_id: row.try_get("case_id")?,
        state: row.try_get("state")?,
        marks: row.try_get("marks")?,
        due_on: row.try_get("due_on")?,
    })
}

/// Keys per statement when marking holders.
const KEYS: usize = 400;

/// States per statement when many are saved.
const SAVE_BATCH: usize = 400;

/// Marks the holders with an IIN in `iins` or a passport in `passports` (inside the import's
/// transaction).
pub(crate) async fn mark(
    tx: &mut Transaction<'_, Any>,
    iins: &[String],
    passports: &[String],
) -> Result<(), StoreError> {
    for (column, keys) in [("iin", iins), ("passport", passports)] {
        for chunk in keys.chunks(KEYS) {
            let list: Vec<String> = (1..=chunk.len()).map(|index| format!("${index}")).collect();
            // The column is one of two constants; the keys are bound.
            let sql = format!(
                "UPDATE holder_presence SET marks = marks + 1 WHERE case_id IN \
                 (SELECT case_id FROM permit_holders WHERE {column} IN ({}))",
                list.join(", ")
            );
            let mut query = sqlx::query(trusted(sql));
            for key in chunk {
                query = query.bind(key.as_str());
            }
            query.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Presence states to fold for the holders `case_ids` (inside the transaction that registers
/// them); a holder that has one keeps it.
pub(crate) async fn add_states(tx: &mut Transaction<'_, Any>, case_ids: &[i64]) -> Result<(), StoreError> {
    for chunk in case_ids.chunks(SAVE_BATCH) {
        let values: Vec<String> = (1..=chunk.len())
            .map(|index| format!("(${index}, '', 1, '')"))
            .collect();
        let sql = format!(
            "INSERT INTO holder_presence (case_id, state, marks, updated_at) VALUES {} ON CONFLICT (case_id) DO NOTHING",
            values.join(", ")
        );
        let mut query = sqlx::query(trusted(sql));
        for case_id in chunk {
            query = query.bind(*case_id);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

impl Store {
    /// Gives every PRP holder without a state one to fold (marked): the holders registered
    /// before the states existed, or written to the register by hand (a benchmark).
    async fn add_missing_presence(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(
            // EXCEPT, not NOT EXISTS: an anti-join over the table being filled can be planned as
            // a scan per row (minutes for a million holders).
            "INSERT INTO holder_presence (case_id, state, marks, updated_at) \
             SELECT case_id, '', 1, $1 FROM (SELECT case_id FROM permit_holders WHERE service = 'prp' \
             EXCEPT SELECT case_id FROM holder_presence) missing",
        )
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every holder's state (those without one get one to fold, marked).
    pub async fn presence_states(&self, now: DateTime<Utc>) -> Result<Vec<PresenceRow>, StoreError> {
        self.add_missing_presence(now).await?;
        let rows = sqlx::query("SELECT case_id, state, marks, due_on FROM holder_presence")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(presence_row).collect()
    }

    /// The PRP holders in force to judge on `as_of` (`YYYY-MM-DD`) with their states: those
    /// with crossings stored since their state was folded, without a state, or due.
    /// With `everyone`, every holder in force (after the full recomputation).
    pub async fn presence_due(&self, as_of: &str, everyone: bool) -> Result<Vec<(HolderRow, PresenceRow)>, StoreError> {
        // The register gives each new holder a state (`add_holders`); a holder written to the
        // register by hand gets one at the next judging of everyone (`presence_states`,
        // `clear_presence_due`), not here: this path reads the day's few, never the whole register.
        let sql = format!(
            "SELECT {HOLDER_COLUMNS}, p.state, p.marks, p.due_on FROM holder_presence p \
             JOIN permit_holders h ON h.case_id = p.case_id JOIN cases c ON c.id = h.case_id \
             WHERE h.service = 'prp' AND c.state IN ('permit_issued', 'delivered', 'handed_over') \
             AND ($2 = 1 OR p.marks > 0 OR p.due_on IS NULL OR p.due_on <= $1) ORDER BY h.case_id"
        );
        let rows = sqlx::query(trusted(sql))
            .bind(as_of)
            .bind(i64::from(everyone))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((holder_row(row)?, presence_row(row)?)))
            .collect()
    }

    /// Sets the days from which holders are judged again: `(case_id, due_on)`.
    pub async fn set_presence_due(&self, due: &[(i64, String)], now: DateTime<Utc>) -> Result<(), StoreError> {
        let at = timestamp(now);
        let mut transaction = self.pool.begin().await?;
        for chunk in due.chunks(SAVE_BATCH) {
            let values: Vec<String> = (0..chunk.len())
                .map(|index| format!("(${}, '', 0, ${}, ${})", index * 3 + 1, index * 3 + 2, index * 3 + 3))
                .collect();
            // Every holder judged has a row: the update path of the upsert, the due day only.
            let sql = format!(
                "INSERT INTO holder_presence (case_id, state, marks, due_on, updated_at) VALUES {} ON CONFLICT (case_id) \
                 DO UPDATE SET due_on = excluded.due_on",
                values.join(", ")
            );
            let mut query = sqlx::query(trusted(sql));
            for (case_id, due_on) in chunk {
                query = query.bind(*case_id).bind(due_on.as_str()).bind(at.as_str());
            }
            query.execute(&mut *transaction).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Saves a holder's state folded after `seen` marks (the marks raised since stay); a new
    /// state is judged at the next sweep (its due day is cleared).
    pub async fn save_presence(
        &self,
        case_id: i64,
        state: &str,
        seen: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE holder_presence SET state = $1, marks = marks - $2, due_on = NULL, updated_at = $3 WHERE case_id = $4")
            .bind(state)
            .bind(seen)
            .bind(timestamp(now))
            .bind(case_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Saves many states at once: `(case_id, state, seen marks)`.
    pub async fn save_presences(&self, states: &[(i64, String, i64)], now: DateTime<Utc>) -> Result<(), StoreError> {
        let at = timestamp(now);
        let mut transaction = self.pool.begin().await?;
        for chunk in states.chunks(SAVE_BATCH) {
            let values: Vec<String> = (0..chunk.len())
                .map(|index| {
                    format!(
                        "(${}, ${}, ${}, ${})",
                        index * 4 + 1,
                        index * 4 + 2,
                        index * 4 + 3,
                        index * 4 + 4
                    )
                })
                .collect();
            // Every holder has a row (`presence_states` made it): the update path of the upsert.
            let sql = format!(
                "INSERT INTO holder_presence (case_id, state, marks, updated_at) VALUES {} ON CONFLICT (case_id) \
                 DO UPDATE SET state = excluded.state, marks = holder_presence.marks - excluded.marks, \
                 due_on = NULL, updated_at = excluded.updated_at",
                values.join(", ")
            );
            let mut query = sqlx::query(trusted(sql));
            for (case_id, state, seen) in chunk {
                query = query.bind(*case_id).bind(state.as_str()).bind(*seen).bind(at.as_str());
            }
            query.execute(&mut *transaction).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// The crossings of every holder marked now (matched by passport or IIN), in no order:
    /// `(case_id, crossing_id, direction, at)`. One query, by the crossings' indexes.
    pub async fn crossings_of_marked(&self) -> Result<Vec<(i64, String, String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT h.case_id, c.crossing_id, c.direction, c.at FROM holder_presence p \
             JOIN permit_holders h ON h.case_id = p.case_id \
             JOIN crossings c ON c.passport = h.passport OR (h.iin IS NOT NULL AND c.iin = h.iin) \
             WHERE p.marks > 0",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?)))
            .collect()
    }

    /// Has every holder judged at the next daily sweep (after the full recomputation: a changed
    /// `art49_15.min_days` moves the days from which verdicts can change): one row asks for it
    /// ([`Store::rejudge_requested`]). Holders without a state (written to the register by
    /// hand) get one.
    pub async fn clear_presence_due(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM permit_holders WHERE service = 'prp') - (SELECT COUNT(*) FROM holder_presence)",
        )
        .fetch_one(&self.pool)
        .await?;
        if row.try_get::<i64, _>(0)? > 0 {
            self.add_missing_presence(now).await?;
        }
        sqlx::query(
            "INSERT INTO presence_rejudge (id, requested_at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET requested_at = excluded.requested_at",
        )
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether every holder is to be judged at this daily sweep: the instant the full
    /// recomputation asked for it, to give back to [`Store::rejudged`] once done.
    pub async fn rejudge_requested(&self) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT requested_at FROM presence_rejudge WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    /// Every holder was judged for the request of `requested_at` (a later request stays).
    pub async fn rejudged(&self, requested_at: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM presence_rejudge WHERE id = 1 AND requested_at = $1")
            .bind(requested_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
