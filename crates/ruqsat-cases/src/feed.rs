//! The border service's crossings: stored once each (the feed is idempotent), with the audit of
//! the delivery. The parsing of the feed is `ruqsat_contract::crossings`; the HTTP route and the
//! `ruqsat crossings import` command call these.

use ruqsat_contract::crossings::CrossingRecord;
use ruqsat_domain::residence::Direction;
use ruqsat_store::CrossingRow;

use crate::actors::{Caller, Role};
use crate::{CaseError, Service};

/// Rows stored per batch.
const BATCH: usize = 10_000;

/// The stored form of a crossing of the feed.
pub fn crossing_row(record: CrossingRecord) -> CrossingRow {
    CrossingRow {
        crossing_id: record.crossing_id,
        iin: record.iin.map(|iin| iin.to_string()),
        passport: record.passport,
        direction: match record.direction {
            Direction::Entry => "entry",
            Direction::Exit => "exit",
        }
        .into(),
        at: local_time_text(record.at),
        checkpoint: record.checkpoint,
    }
}

/// `YYYY-MM-DDTHH:MM:SS`, as the register stores a crossing's time (the years 0000 to 9999 the
/// feed accepts); a million rows of an import are formatted without chrono's format strings.
fn local_time_text(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike as _, Timelike as _};
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Stores the crossings of one delivery of the feed (`rejected` rows were not taken) and
/// audits it; returns how many were new.
pub async fn store_crossings(
    service: &Service,
    caller: &Caller,
    rows: &[CrossingRow],
    rejected: usize,
) -> Result<u64, CaseError> {
    if caller.role != Role::BorderService {
        return Err(CaseError::Forbidden(
            "the crossings feed is sent by the border service's system".into(),
        ));
    }
    let now = (service.clock)();
    let mut added = 0;
    for chunk in rows.chunks(BATCH) {
        added += service.store.add_crossings(chunk, now).await?;
    }
    let detail = format!("{} crossings taken, {added} new, {rejected} rejected", rows.len());
    service
        .store
        .audit(&caller.login, "receive_crossings", None, &detail, now)
        .await?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    /// The register's form of a time is chrono's `%Y-%m-%dT%H:%M:%S`, at the ends of the years
    /// the feed accepts too.
    #[test]
    fn a_crossing_time_is_written_as_the_register_reads_it() {
        for text in [
            "0000-01-01T00:00:00",
            "0005-02-28T23:59:59",
            "2025-03-01T08:15:00",
            "9999-12-31T23:59:59",
        ] {
            let at = ruqsat_domain::residence::parse_local_time(text).unwrap();
            assert_eq!(super::local_time_text(at), text);
            assert_eq!(super::local_time_text(at), at.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
}
