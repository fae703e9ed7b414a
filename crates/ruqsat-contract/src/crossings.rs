//! The border service's feed of crossings, read as a stream: CSV with a header, or JSON Lines.
//!
//! One crossing per row (CSV) or per line (JSON Lines), with these fields:
//!
//! | field | required | meaning |
//! |---|---|---|
//! | `crossing_id` | yes | the border service's id of the crossing (1–100 visible characters); a crossing seen twice is stored once |
//! | `iin` | one of `iin`, `passport` | the person's IIN (12 digits, check digit verified) |
//! | `passport` | one of `iin`, `passport` | the travel document's number (1–20 letters and digits; stored upper-case) |
//! | `direction` | yes | `entry` (into Kazakhstan) or `exit` |
//! | `at` | yes | when: RFC 3339 with an offset (`2025-03-01T08:15:00+05:00`), or `YYYY-MM-DDTHH:MM:SS` read as Kazakhstan time; in Kazakhstan time a year 0000 to 9999 and no leap second |
//! | `checkpoint` | no | the border checkpoint (free text, at most 200 characters) |
//!
//! CSV: the first line names the columns (any order; unknown columns are ignored); fields may
//! be quoted. Every bad row is reported with its line number and reason, never dropped silently.

pub mod generate;

use std::io::BufRead;

use chrono::{Datelike, FixedOffset, NaiveDateTime, Timelike};
use ruqsat_domain::ids::Iin;
use ruqsat_domain::residence::{Direction, parse_local_time};
use serde::Deserialize;

/// One crossing as the feed states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossingRecord {
    /// The border service's id.
    pub crossing_id: String,
    /// IIN, if given.
    pub iin: Option<Iin>,
    /// Passport number (upper-case), if given.
    pub passport: Option<String>,
    /// Entry or exit.
    pub direction: Direction,
    /// When, in Kazakhstan time.
    pub at: NaiveDateTime,
    /// The checkpoint.
    pub checkpoint: Option<String>,
}

/// A row that was not taken, with its line number (1 = the file's first line) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Line number in the file.
    pub line: u64,
    /// What is wrong, naming the field.
    pub reason: String,
}

/// The feed's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    /// CSV with a header line.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl FeedFormat {
    /// The format of a file by its name: `.jsonl`/`.ndjson` are JSON Lines, anything else CSV.
    pub fn of_file_name(name: &str) -> FeedFormat {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            FeedFormat::JsonLines
        } else {
            FeedFormat::Csv
        }
    }
}

/// Kazakhstan time (a dated parameter elsewhere; the feed's local times are read in it).
fn kazakhstan() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).expect("invariant: +05:00 is a valid offset")
}

/// The fields of one row, as text.
#[derive(Debug, Default, Deserialize)]
struct RawRow<'a> {
    #[serde(borrow, default)]
    crossing_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    iin: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    passport: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    direction: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    at: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    checkpoint: Option<std::borrow::Cow<'a, str>>,
}

fn non_empty(field: Option<&str>) -> Option<&str> {
    field.map(str::trim).filter(|text| !text.is_empty())
}

/// Checks one row's fields.
fn record(row: &RawRow<'_>) -> Result<CrossingRecord, String> {
    let crossing_id = non_empty(row.crossing_id.as_deref()).ok_or("crossing_id: required")?;
    if crossing_id.len() > 100 || crossing_id.chars().any(char::is_control) {
        return Err("crossing_id: at most 100 visible characters".into());
    }
    let iin = match non_empty(row.iin.as_deref()) {
        Some(text) => Some(text.parse::<Iin>().map_err(|error| format!("iin: {error}"))?),
        None => None,
    };
    let passport = match non_empty(row.passport.as_deref()) {
        Some(text) if text.len() <= 20 && text.chars().all(|character| character.is_ascii_alphanumeric()) => {
            Some(text.to_ascii_uppercase())
        }
        Some(_) => return Err("passport: 1 to 20 Latin letters and digits".into()),
        None => None,
    };
    if iin.is_none() && passport.is_none() {
        return Err("iin, passport: one of them is required".into());
    }
    let direction = match non_empty(row.direction.as_deref()) {
        Some("entry") => Direction::Entry,
        Some("exit") => Direction::Exit,
        Some(other) => return Err(format!("direction: {other:?} is neither entry nor exit")),
        None => return Err("direction: required".into()),
    };
    let at_text = non_empty(row.at.as_deref()).ok_or("at: required")?;
    // Exactly `YYYY-MM-DDTHH:MM:SS` (local time), with the sweep's own reader: chrono's `%Y`
    // would also take `-024` or `+12025`, which the register cannot store; else RFC 3339 with
    // its offset (no text is both: the local form has none).
    let at = parse_local_time(at_text).or_else(|| {
        chrono::DateTime::parse_from_rfc3339(at_text)
            .ok()
            .map(|instant| instant.with_timezone(&kazakhstan()).naive_local())
    });
    // The register stores `at` as `YYYY-MM-DDTHH:MM:SS` and the sweep reads it back with
    // `parse_local_time`: an instant that falls outside the years 0000 to 9999 in Kazakhstan
    // time, or on a leap second, would make the holder's case unreadable.
    let at = match at {
        Some(at) if (0..=9999).contains(&at.year()) && at.nanosecond() < 1_000_000_000 => at,
        _ => {
            return Err(format!(
                "at: {at_text:?} is not a date-time (2025-03-01T08:15:00+05:00 or 2025-03-01T08:15:00)"
            ));
        }
    };
    let checkpoint = non_empty(row.checkpoint.as_deref()).map(str::to_owned);
    if checkpoint.as_ref().is_some_and(|text| text.chars().count() > 200) {
        return Err("checkpoint: at most 200 characters".into());
    }
    Ok(CrossingRecord {
        crossing_id: crossing_id.to_owned(),
        iin,
        passport,
        direction,
        at,
        checkpoint,
    })
}

/// Reads the feed from `input`, calling `take` with each good crossing and `reject` with each bad
/// row; returns the number of lines read. An unreadable input (I/O) stops with the error.
pub fn read_feed(
    input: impl BufRead,
    format: FeedFormat,
    mut take: impl FnMut(CrossingRecord),
    mut reject: impl FnMut(Rejected),
) -> std::io::Result<u64> {
    match format {
        FeedFormat::JsonLines => {
            let mut lines = 0;
            // Lines as bytes: a line that is not UTF-8 is a rejected row, not the end of the feed.
            for (index, line) in input.split(b'\n').enumerate() {
                let line = line?;
                lines = index as u64 + 1;
                let Ok(line) = std::str::from_utf8(&line) else {
                    reject(Rejected {
                        line: lines,
                        reason: "not UTF-8 text".into(),
                    });
                    continue;
                };
                let line = line.strip_suffix('\r').unwrap_or(line);
                if line.trim().is_empty() {
                    continue;
                }
                let parsed: Result<RawRow<'_>, _> = serde_json::from_str(line);
                match parsed
                    .map_err(|error| format!("not a JSON object of a crossing: {error}"))
                    .and_then(|row| record(&row))
                {
                    Ok(crossing) => take(crossing),
                    Err(reason) => reject(Rejected { line: lines, reason }),
                }
            }
            Ok(lines)
        }
        FeedFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .trim(csv::Trim::All)
                .from_reader(input);
            let headers = match reader.byte_headers() {
                Ok(headers) => headers.clone(),
                Err(error) => {
                    reject(Rejected {
                        line: 1,
                        reason: format!("header: {error}"),
                    });
                    return Ok(1);
                }
            };
            let column = |name: &str| headers.iter().position(|header| header == name.as_bytes());
            let columns = [
                column("crossing_id"),
                column("iin"),
                column("passport"),
                column("direction"),
                column("at"),
                column("checkpoint"),
            ];
            let mut record_bytes = csv::ByteRecord::new();
            let mut last_line = 1;
            loop {
                match reader.read_byte_record(&mut record_bytes) {
                    Ok(false) => break,
                    Ok(true) => {
                        let line = record_bytes
                            .position()
                            .map_or(last_line + 1, |position| position.line());
                        last_line = line;
                        let field = |index: Option<usize>| -> Result<Option<std::borrow::Cow<'_, str>>, String> {
                            match index.and_then(|index| record_bytes.get(index)) {
                                Some(bytes) => std::str::from_utf8(bytes)
                                    .map(|text| Some(std::borrow::Cow::Borrowed(text)))
                                    .map_err(|_| "not UTF-8 text".to_owned()),
                                None => Ok(None),
                            }
                        };
                        let row = (|| -> Result<RawRow<'_>, String> {
                            Ok(RawRow {
                                crossing_id: field(columns[0])?,
                                iin: field(columns[1])?,
                                passport: field(columns[2])?,
                                direction: field(columns[3])?,
                                at: field(columns[4])?,
                                checkpoint: field(columns[5])?,
                            })
                        })();
                        match row.and_then(|row| record(&row)) {
                            Ok(crossing) => take(crossing),
                            Err(reason) => reject(Rejected { line, reason }),
                        }
                    }
                    Err(error) => {
                        let line = error.position().map_or(last_line + 1, |position| position.line());
                        last_line = line;
                        match error.kind() {
                            csv::ErrorKind::Io(_) => return Err(std::io::Error::other(error.to_string())),
                            _ => reject(Rejected {
                                line,
                                reason: format!("unreadable CSV row: {error}"),
                            }),
                        }
                    }
                }
            }
            Ok(last_line)
        }
    }
}

#[cfg(test)]
mod tests;
