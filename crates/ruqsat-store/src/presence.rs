//! The holders' presence states (`holder_presence`): folded from each holder's crossings by the
//! sweep, marked by the import in the transaction that stores a crossing of the holder, folded
//! again only when marked. A mark raised while a state is being folded survives it: saving
//! subtracts only the marks that were seen.

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use crate::{Store, StoreError, timestamp, trusted};

/// A holder's stored state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceRow {
    /// The holder's case.
    pub case_id: i64,
    /// The state (JSON; empty until first folded).
    pub state: String,
    /// Crossings stored since it was folded.
    pub marks: i64,
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

impl Store {
    /// Gives every PRP holder without a state one to fold (marked), and returns every state.
    pub async fn presence_states(&self, now: DateTime<Utc>) -> Result<Vec<PresenceRow>, StoreError> {
        sqlx::query(
            "INSERT INTO holder_presence (case_id, state, marks, updated_at) \
             SELECT case_id, '', 1, $1 FROM permit_holders h WHERE service = 'prp' \
             AND NOT EXISTS (SELECT 1 FROM holder_presence p WHERE p.case_id = h.case_id)",
        )
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        let rows = sqlx::query("SELECT case_id, state, marks FROM holder_presence")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(PresenceRow {
                    case_id: row.try_get("case_id")?,
                    state: row.try_get("state")?,
                    marks: row.try_get("marks")?,
                })
            })
            .collect()
    }

    /// Saves a holder's state folded after `seen` marks (the marks raised since stay).
    pub async fn save_presence(
        &self,
        case_id: i64,
        state: &str,
        seen: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE holder_presence SET state = $1, marks = marks - $2, updated_at = $3 WHERE case_id = $4")
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
                 updated_at = excluded.updated_at",
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

    /// Marks every state to be folded again (after a change of how crossings are counted).
    pub async fn mark_all_presence(&self) -> Result<u64, StoreError> {
        Ok(sqlx::query("UPDATE holder_presence SET marks = marks + 1")
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
