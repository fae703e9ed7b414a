//! The register of permit holders and the bulk reads and writes of the sweep: the permits in
//! force, one pass over every stored crossing, and candidates recorded in batches.

use chrono::NaiveDate;
use futures_util::TryStreamExt as _;
use sqlx::Connection as _;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Backend, CaseRow, Store, StoreError, trusted};

/// One permit in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderRow {
    /// The case that issued the permit.
    pub case_id: i64,
    /// `trp` or `prp`.
    pub service: String,
    /// The TRP subtype (`trp.labour`...), if any.
    pub subtype: Option<String>,
    /// The holder's IIN, if any.
    pub iin: Option<String>,
    /// The holder's passport number.
    pub passport: String,
    /// The day the permit was issued (`YYYY-MM-DD`).
    pub issued_on: String,
    /// The last day of validity, if the permit has one.
    pub valid_to: Option<String>,
    /// The category exempting the holder from art49.15 and art49.17, if any.
    pub exempt: Option<String>,
}

/// A crossing as read by the sweep's one pass (borrowed from the read buffer).
#[derive(Debug, Clone, Copy)]
pub struct ScannedCrossing<'a> {
    /// The border service's id.
    pub crossing_id: &'a str,
    /// IIN, if the feed gave one.
    pub iin: Option<&'a str>,
    /// Passport number, if the feed gave one.
    pub passport: Option<&'a str>,
    /// `entry` or `exit`.
    pub direction: &'a str,
    /// Kazakhstan local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: &'a str,
}

/// A candidate found by a sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCandidate {
    /// The holder's case.
    pub case_id: i64,
    /// The ground (`art49.15`...).
    pub ground: String,
    /// First day of the period concerned (or the day of the finding for other grounds).
    pub period_from: NaiveDate,
    /// The evidence, JSON.
    pub evidence: String,
}

/// Rows per multi-row INSERT.
const BATCH: usize = 200;

pub(crate) const HOLDER_COLUMNS: &str =
    "h.case_id, h.service, h.subtype, h.iin, h.passport, h.issued_on, h.valid_to, h.exempt";

pub(crate) fn holder_row(row: &AnyRow) -> Result<HolderRow, StoreError> {
    Ok(HolderRow {
        case_id: row.try_get(0)?,
        service: row.try_get(1)?,
        subtype: row.try_get(2)?,
        iin: row.try_get(3)?,
        passport: row.try_get(4)?,
        issued_on: row.try_get(5)?,
        valid_to: row.try_get(6)?,
        exempt: row.try_get(7)?,
    })
}

/// `(…), (…)` with `columns` placeholders per row for `rows` rows.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let fields: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", fields.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Cases that issued a permit and are not in the register yet, by id after `after`.
    pub async fn unregistered_permits(&self, after: i64, limit: i64) -> Result<Vec<CaseRow>, StoreError> {
        let sql = format!(
            "SELECT {} FROM permits_to_register q JOIN cases c ON c.id = q.case_id \
             WHERE c.permit_number IS NOT NULL AND q.case_id > $1 \
             AND NOT EXISTS (SELECT 1 FROM permit_holders h WHERE h.case_id = c.id) ORDER BY q.case_id LIMIT $2",
            crate::cases::CASE_COLUMNS
                .split(", ")
                .map(|column| format!("c.{}", column.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rows = sqlx::query(trusted(sql))
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(crate::cases::case_row).collect()
    }

    /// Takes cases off the list of permits to register (`permits_to_register`): registered, or
    /// found to have issued no permit to register.
    pub async fn registered(&self, case_ids: &[i64]) -> Result<(), StoreError> {
        for chunk in case_ids.chunks(BATCH) {
            let list: Vec<String> = (1..=chunk.len()).map(|index| format!("${index}")).collect();
            let sql = format!("DELETE FROM permits_to_register WHERE case_id IN ({})", list.join(", "));
            let mut query = sqlx::query(trusted(sql));
            for id in chunk {
                query = query.bind(*id);
            }
            query.execute(&self.pool).await?;
        }
        Ok(())
    }

    /// The periods already recorded as candidates on `ground` of the holders `case_ids`:
    /// `(case_id, period_from)`.
    pub async fn candidate_periods(
        &self,
        ground: &str,
        case_ids: &[i64],
    ) -> Result<std::collections::HashSet<(i64, String)>, StoreError> {
        let mut found = std::collections::HashSet::new();
        for chunk in case_ids.chunks(BATCH) {
            let list: Vec<String> = (2..chunk.len() + 2).map(|index| format!("${index}")).collect();
            let sql = format!(
                "SELECT case_id, period_from FROM revocation_candidates WHERE ground = $1 AND case_id IN ({})",
                list.join(", ")
            );
            let mut query = sqlx::query(trusted(sql)).bind(ground);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(&self.pool).await? {
                found.insert((row.try_get(0)?, row.try_get(1)?));
            }
        }
        Ok(found)
    }

    /// Adds permits to the register (a case already there is left as it is), each PRP with a
    /// presence state to fold (`holder_presence`).
    pub async fn add_holders(&self, holders: &[HolderRow]) -> Result<u64, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let mut added = 0;
        for chunk in holders.chunks(BATCH) {
            let sql = format!(
                "INSERT INTO permit_holders (case_id, service, subtype, iin, passport, issued_on, valid_to, exempt) \
                 VALUES {} ON CONFLICT (case_id) DO NOTHING",
                placeholders(chunk.len(), 8)
            );
            let mut query = sqlx::query(trusted(sql));
            for holder in chunk {
                query = query
                    .bind(holder.case_id)
                    .bind(holder.service.as_str())
                    .bind(holder.subtype.as_deref())
                    .bind(holder.iin.as_deref())
                    .bind(holder.passport.as_str())
                    .bind(holder.issued_on.as_str())
                    .bind(holder.valid_to.as_deref())
                    .bind(holder.exempt.as_deref());
            }
            added += query.execute(&mut *transaction).await?.rows_affected();
        }
        // A PRP holder's presence state, to be folded at the next sweep.
        let prp: Vec<i64> = holders
            .iter()
            .filter(|holder| holder.service == "prp")
            .map(|holder| holder.case_id)
            .collect();
        crate::presence::add_states(&mut transaction, &prp).await?;
        transaction.commit().await?;
        Ok(added)
    }

    /// The permits of `service` in force (the case issued, delivered or handed over; not
    /// revoked), by case id.
    pub async fn holders_in_force(&self, service: &str) -> Result<Vec<HolderRow>, StoreError> {
        let sql = format!(
            "SELECT {HOLDER_COLUMNS} FROM permit_holders h JOIN cases c ON c.id = h.case_id \
             WHERE h.service = $1 AND c.state IN ('permit_issued', 'delivered', 'handed_over') ORDER BY h.case_id"
        );
        let rows = sqlx::query(trusted(sql)).bind(service).fetch_all(&self.pool).await?;
        rows.iter().map(holder_row).collect()
    }

    /// Calls `visit` with every stored crossing, in no particular order: one pass (PostgreSQL:
    /// `COPY … TO STDOUT` on a connection of its own; SQLite: one scan of the table).
    pub async fn scan_crossings(&self, mut visit: impl FnMut(ScannedCrossing<'_>)) -> Result<u64, StoreError> {
        const COLUMNS: &str = "crossing_id, iin, passport, direction, at";
        let mut count = 0;
        match self.backend {
            Backend::Postgres => {
                let mut connection = sqlx::PgConnection::connect(&self.url).await?;
                let mut stream = connection
                    .copy_out_raw(&format!("COPY crossings ({COLUMNS}) TO STDOUT"))
                    .await?;
                let mut pending: Vec<u8> = Vec::new();
                let mut failure = None;
                while let Some(chunk) = stream.try_next().await? {
                    let mut data: &[u8] = &chunk;
                    if !pending.is_empty() {
                        let Some(end) = data.iter().position(|byte| *byte == b'\n') else {
                            pending.extend_from_slice(data);
                            continue;
                        };
                        pending.extend_from_slice(&data[..=end]);
                        data = &data[end + 1..];
                        let line = std::mem::take(&mut pending);
                        count += copy_lines(&line, &mut visit, &mut failure);
                    }
                    let complete = data.iter().rposition(|byte| *byte == b'\n').map_or(0, |end| end + 1);
                    count += copy_lines(&data[..complete], &mut visit, &mut failure);
                    pending.extend_from_slice(&data[complete..]);
                }
                drop(stream);
                connection.close().await.ok();
                if let Some(problem) = failure {
                    return Err(StoreError::Corrupt(problem));
                }
            }
            Backend::Sqlite => {
                let mut rows = sqlx::query(trusted(format!("SELECT {COLUMNS} FROM crossings"))).fetch(&self.pool);
                while let Some(row) = rows.try_next().await? {
                    let id: String = row.try_get(0)?;
                    let iin: Option<String> = row.try_get(1)?;
                    let passport: Option<String> = row.try_get(2)?;
                    let direction: String = row.try_get(3)?;
                    let at: String = row.try_get(4)?;
                    visit(ScannedCrossing {
                        crossing_id: &id,
                        iin: iin.as_deref(),
                        passport: passport.as_deref(),
                        direction: &direction,
                        at: &at,
                    });
                    count += 1;
                }
            }
        }
        Ok(count)
    }

    /// Records candidates unless the same holder, ground and period already has one; returns how
    /// many were new.
    pub async fn add_candidates(&self, candidates: &[NewCandidate], found_on: NaiveDate) -> Result<u64, StoreError> {
        let found_on = found_on.to_string();
        let mut transaction = self.pool.begin().await?;
        let mut added = 0;
        for chunk in candidates.chunks(BATCH) {
            let sql = format!(
                "INSERT INTO revocation_candidates (case_id, ground, period_from, evidence, found_on) VALUES {} \
                 ON CONFLICT (case_id, ground, period_from) DO NOTHING",
                placeholders(chunk.len(), 5)
            );
            let mut query = sqlx::query(trusted(sql));
            for candidate in chunk {
                query = query
                    .bind(candidate.case_id)
                    .bind(candidate.ground.as_str())
                    .bind(candidate.period_from.to_string())
                    .bind(candidate.evidence.as_str())
                    .bind(found_on.as_str());
            }
            added += query.execute(&mut *transaction).await?.rows_affected();
        }
        transaction.commit().await?;
        Ok(added)
    }
}

/// Parses complete lines of PostgreSQL's COPY text format (tab-separated, `\N` for NULL,
/// backslash escapes within a field) and visits each; returns how many.
fn copy_lines(data: &[u8], visit: &mut impl FnMut(ScannedCrossing<'_>), failure: &mut Option<String>) -> u64 {
    let mut count = 0;
    for line in data.split(|byte| *byte == b'\n').filter(|line| !line.is_empty()) {
        let Ok(text) = std::str::from_utf8(line) else {
            failure.get_or_insert_with(|| "a crossing is not UTF-8".into());
            continue;
        };
        let mut fields = text.split('\t').map(|field| (field != "\\N").then(|| unescape(field)));
        let mut next = || fields.next().flatten();
        let (Some(crossing_id), iin, passport, Some(direction), Some(at)) = (next(), next(), next(), next(), next())
        else {
            failure.get_or_insert_with(|| format!("a crossing row has missing fields: {text:?}"));
            continue;
        };
        visit(ScannedCrossing {
            crossing_id: &crossing_id,
            iin: iin.as_deref(),
            passport: passport.as_deref(),
            direction: &direction,
            at: &at,
        });
        count += 1;
    }
    count
}

/// Undoes COPY's backslash escapes in one field (`\\`, `\t`, `\n`, `\r`).
fn unescape(field: &str) -> std::borrow::Cow<'_, str> {
    if !field.contains('\\') {
        return std::borrow::Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(char) = chars.next() {
        if char != '\\' {
            out.push(char);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    std::borrow::Cow::Owned(out)
}
