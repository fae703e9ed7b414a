//! Border crossings: stored once per crossing id (an import may be repeated), read per person.

use chrono::{DateTime, Utc};
use sqlx::Connection as _;
use sqlx::Row;

use crate::{Backend, Store, StoreError, timestamp, trusted};

/// A crossing as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossingRow {
    /// The border service's id.
    pub crossing_id: String,
    /// IIN, if the feed gave one.
    pub iin: Option<String>,
    /// Passport number, if the feed gave one.
    pub passport: Option<String>,
    /// `entry` or `exit`.
    pub direction: String,
    /// Kazakhstan local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Checkpoint.
    pub checkpoint: Option<String>,
}

/// Rows per INSERT statement (7 parameters each, well under both backends' limits).
const BATCH: usize = 500;

impl Store {
    /// Stores `rows` in one transaction, skipping crossing ids already stored, and marks the
    /// holders of the new ones (their presence is folded again); returns how many were new.
    pub async fn add_crossings(&self, rows: &[CrossingRow], now: DateTime<Utc>) -> Result<u64, StoreError> {
        let imported_at = timestamp(now);
        let mut transaction = self.pool.begin().await?;
        let mut added = 0;
        let mut iins = Vec::new();
        let mut passports = Vec::new();
        for chunk in rows.chunks(BATCH) {
            let values: Vec<String> = (0..chunk.len())
                .map(|index| {
                    let base = index * 7;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                        base + 1,
                        base + 2,
                        base + 3,
                        base + 4,
                        base + 5,
                        base + 6,
                        base + 7
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO crossings (crossing_id, iin, passport, direction, at, checkpoint, imported_at) VALUES {} \
                 ON CONFLICT (crossing_id) DO NOTHING RETURNING iin, passport",
                values.join(", ")
            );
            let mut query = sqlx::query(trusted(sql));
            for row in chunk {
                query = query
                    .bind(row.crossing_id.as_str())
                    .bind(row.iin.as_deref())
                    .bind(row.passport.as_deref())
                    .bind(row.direction.as_str())
                    .bind(row.at.as_str())
                    .bind(row.checkpoint.as_deref())
                    .bind(imported_at.as_str());
            }
            for row in query.fetch_all(&mut *transaction).await? {
                added += 1;
                iins.extend(row.try_get::<Option<String>, _>(0)?);
                passports.extend(row.try_get::<Option<String>, _>(1)?);
            }
        }
        iins.sort_unstable();
        iins.dedup();
        passports.sort_unstable();
        passports.dedup();
        crate::presence::mark(&mut transaction, &iins, &passports).await?;
        transaction.commit().await?;
        Ok(added)
    }

    /// A loader for a large import: on PostgreSQL, a connection of its own that streams each
    /// batch with `COPY` into a temporary table and moves the new rows in with one `INSERT …
    /// SELECT`; on SQLite, batched inserts.
    pub async fn crossing_loader(&self) -> Result<CrossingLoader, StoreError> {
        let connection = match self.backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let mut connection = sqlx::PgConnection::connect(&self.url).await?;
                sqlx::query(
                    "CREATE TEMPORARY TABLE crossings_load (crossing_id TEXT NOT NULL, iin TEXT, passport TEXT, \
                     direction TEXT NOT NULL, at TEXT NOT NULL, checkpoint TEXT, imported_at TEXT NOT NULL)",
                )
                .execute(&mut connection)
                .await?;
                Some(connection)
            }
        };
        Ok(CrossingLoader {
            store: self.clone(),
            connection,
            buffer: Vec::new(),
            initial: None,
        })
    }

    /// A loader for the first, large import into an empty table (a history of crossings), on
    /// PostgreSQL: `None` when the table holds a row (or on SQLite; then use
    /// [`Store::crossing_loader`]).
    ///
    /// One transaction holds the table exclusively (readers and other imports wait), drops its
    /// key and indexes, and copies the rows straight in; [`CrossingLoader::finish`] removes the
    /// duplicates of a crossing id (the first in the file stays), builds the key and indexes
    /// again from their definitions (a sort each, not an index entry per row), marks the
    /// holders who have crossings, and commits. Nothing is stored if any step fails: import the
    /// file again.
    pub async fn initial_crossing_loader(&self) -> Result<Option<CrossingLoader>, StoreError> {
        if self.backend != Backend::Postgres {
            return Ok(None);
        }
        // A table with rows is the common case (every later import): seen without a lock.
        let holds_rows: bool = sqlx::query("SELECT EXISTS (SELECT 1 FROM crossings)")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        if holds_rows {
            return Ok(None);
        }
        let mut connection = sqlx::PgConnection::connect(&self.url).await?;
        sqlx::query("BEGIN").execute(&mut connection).await?;
        sqlx::query("LOCK TABLE crossings IN ACCESS EXCLUSIVE MODE")
            .execute(&mut connection)
            .await?;
        // Empty still, now that no one else can write (another import may have begun meanwhile).
        let empty: bool = sqlx::query("SELECT NOT EXISTS (SELECT 1 FROM crossings)")
            .fetch_one(&mut connection)
            .await?
            .try_get(0)?;
        if !empty {
            sqlx::query("ROLLBACK").execute(&mut connection).await?;
            connection.close().await?;
            return Ok(None);
        }
        let key: (String, String) = sqlx::query_as(
            "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE conrelid = 'crossings'::regclass AND contype = 'p'",
        )
        .fetch_one(&mut connection)
        .await?;
        let indexes: Vec<(String, String)> = sqlx::query_as(
            "SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = current_schema() \
             AND tablename = 'crossings' AND indexname <> $1 ORDER BY indexname",
        )
        .bind(&key.0)
        .fetch_all(&mut connection)
        .await?;
        // Empty, but maybe with the space of rows deleted: start from a new file, so that the
        // rows lie in the file's order (the first of duplicates is the first in the table).
        for statement in [
            "TRUNCATE crossings".to_owned(),
            "SET LOCAL maintenance_work_mem = '512MB'".to_owned(),
            format!("ALTER TABLE crossings DROP CONSTRAINT {}", quote_identifier(&key.0)),
        ]
        .into_iter()
        .chain(
            indexes
                .iter()
                .map(|(name, _)| format!("DROP INDEX {}", quote_identifier(name))),
        ) {
            sqlx::query(trusted(statement)).execute(&mut connection).await?;
        }
        Ok(Some(CrossingLoader {
            store: self.clone(),
            connection: Some(connection),
            buffer: Vec::new(),
            initial: Some(InitialLoad {
                primary_key: format!(
                    "ALTER TABLE crossings ADD CONSTRAINT {} {}",
                    quote_identifier(&key.0),
                    key.1
                ),
                indexes: indexes.into_iter().map(|(_, definition)| definition).collect(),
            }),
        }))
    }

    /// The crossings of a person, by IIN or passport number, in time order.
    pub async fn crossings_of(
        &self,
        iin: Option<&str>,
        passport: Option<&str>,
    ) -> Result<Vec<CrossingRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT crossing_id, iin, passport, direction, at, checkpoint FROM crossings \
             WHERE ($1 IS NOT NULL AND iin = $1) OR ($2 IS NOT NULL AND passport = $2) ORDER BY at, crossing_id",
        )
        .bind(iin)
        .bind(passport)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CrossingRow {
                    crossing_id: row.try_get(0)?,
                    iin: row.try_get(1)?,
                    passport: row.try_get(2)?,
                    direction: row.try_get(3)?,
                    at: row.try_get(4)?,
                    checkpoint: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// How many crossings are stored.
    pub async fn crossing_count(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM crossings")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }
}

/// A bulk import of crossings (see [`Store::crossing_loader`] and
/// [`Store::initial_crossing_loader`]).
#[derive(Debug)]
pub struct CrossingLoader {
    store: Store,
    connection: Option<sqlx::PgConnection>,
    buffer: Vec<u8>,
    /// The initial load: the table's indexes to build again at the end (their definitions as
    /// PostgreSQL gave them), the rows copied straight into the table meanwhile.
    initial: Option<InitialLoad>,
}

/// What an initial load dropped, to make again in [`CrossingLoader::finish`].
#[derive(Debug)]
struct InitialLoad {
    /// `ALTER TABLE crossings ADD CONSTRAINT … PRIMARY KEY (…)`.
    primary_key: String,
    /// `CREATE INDEX …` of every other index.
    indexes: Vec<String>,
}

impl CrossingLoader {
    /// Stores `rows`, skipping crossing ids already stored; returns how many were new.
    pub async fn add(&mut self, rows: &[CrossingRow], now: DateTime<Utc>) -> Result<u64, StoreError> {
        let Some(connection) = self.connection.as_mut() else {
            return self.store.add_crossings(rows, now).await;
        };
        let imported_at = timestamp(now);
        self.buffer.clear();
        for row in rows {
            for (index, field) in [
                Some(row.crossing_id.as_str()),
                row.iin.as_deref(),
                row.passport.as_deref(),
                Some(row.direction.as_str()),
                Some(row.at.as_str()),
                row.checkpoint.as_deref(),
                Some(imported_at.as_str()),
            ]
            .into_iter()
            .enumerate()
            {
                if index > 0 {
                    self.buffer.push(b'\t');
                }
                copy_field(&mut self.buffer, field);
            }
            self.buffer.push(b'\n');
        }
        let table = if self.initial.is_some() {
            "crossings"
        } else {
            "crossings_load"
        };
        let mut copy = connection
            .copy_in_raw(&format!(
                "COPY {table} (crossing_id, iin, passport, direction, at, checkpoint, imported_at) FROM STDIN"
            ))
            .await?;
        copy.send(self.buffer.as_slice()).await?;
        let copied = copy.finish().await?;
        if self.initial.is_some() {
            // Duplicates are counted (and removed) when the load finishes.
            return Ok(copied);
        }
        // One statement: the new rows, and the marks of their holders' presence.
        let added: i64 = sqlx::query(
            "WITH added AS (INSERT INTO crossings (crossing_id, iin, passport, direction, at, checkpoint, imported_at) \
             SELECT crossing_id, iin, passport, direction, at, checkpoint, imported_at FROM crossings_load \
             ON CONFLICT (crossing_id) DO NOTHING RETURNING iin, passport), \
             marked AS (UPDATE holder_presence SET marks = marks + 1 WHERE case_id IN \
             (SELECT h.case_id FROM permit_holders h WHERE h.iin IN (SELECT iin FROM added WHERE iin IS NOT NULL) \
             UNION SELECT h.case_id FROM permit_holders h WHERE h.passport IN (SELECT passport FROM added WHERE passport IS NOT NULL)) \
             RETURNING 1) SELECT COUNT(*) FROM added",
        )
        .fetch_one(&mut *connection)
        .await?
        .try_get(0)?;
        let added = u64::try_from(added).unwrap_or(0);
        sqlx::query("TRUNCATE crossings_load").execute(&mut *connection).await?;
        Ok(added)
    }

    /// Closes the loader's connection; an initial load is completed first (see
    /// [`Store::initial_crossing_loader`]). Returns how many rows [`CrossingLoader::add`] counted
    /// that turned out to repeat a crossing id (always 0 but for an initial load).
    pub async fn finish(self) -> Result<u64, StoreError> {
        let Some(mut connection) = self.connection else {
            return Ok(0);
        };
        let mut duplicates = 0;
        if let Some(initial) = &self.initial {
            // The key first, in the hope of no duplicates; else they go, and the key is built.
            sqlx::query("SAVEPOINT primary_key").execute(&mut connection).await?;
            let built = sqlx::query(trusted(initial.primary_key.clone()))
                .execute(&mut connection)
                .await;
            if let Err(error) = built {
                let unique =
                    matches!(&error, sqlx::Error::Database(database) if database.code().as_deref() == Some("23505"));
                if !unique {
                    return Err(error.into());
                }
                sqlx::query("ROLLBACK TO SAVEPOINT primary_key")
                    .execute(&mut connection)
                    .await?;
                duplicates = sqlx::query(
                    "DELETE FROM crossings c USING (SELECT crossing_id, MIN(ctid) AS first FROM crossings \
                     GROUP BY crossing_id HAVING COUNT(*) > 1) d WHERE c.crossing_id = d.crossing_id AND c.ctid <> d.first",
                )
                .execute(&mut connection)
                .await?
                .rows_affected();
                sqlx::query(trusted(initial.primary_key.clone()))
                    .execute(&mut connection)
                    .await?;
            }
            for index in &initial.indexes {
                sqlx::query(trusted(index.clone())).execute(&mut connection).await?;
            }
            // Every crossing is new: every registered holder who has one is marked.
            sqlx::query(
                "UPDATE holder_presence SET marks = marks + 1 WHERE case_id IN (SELECT h.case_id FROM permit_holders h \
                 WHERE EXISTS (SELECT 1 FROM crossings c WHERE c.passport = h.passport) \
                 OR (h.iin IS NOT NULL AND EXISTS (SELECT 1 FROM crossings c WHERE c.iin = h.iin)))",
            )
            .execute(&mut connection)
            .await?;
            sqlx::query("COMMIT").execute(&mut connection).await?;
            sqlx::query("ANALYZE crossings").execute(&mut connection).await?;
        }
        connection.close().await?;
        Ok(duplicates)
    }
}

/// A PostgreSQL identifier, quoted.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// One field in PostgreSQL's COPY text format: `\N` for NULL, backslash escapes.
fn copy_field(out: &mut Vec<u8>, field: Option<&str>) {
    let Some(field) = field else {
        out.extend_from_slice(b"\\N");
        return;
    };
    for byte in field.bytes() {
        match byte {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            other => out.push(other),
        }
    }
}
