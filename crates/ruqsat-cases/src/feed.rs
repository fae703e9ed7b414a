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
        at: record.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        checkpoint: record.checkpoint,
    }
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
