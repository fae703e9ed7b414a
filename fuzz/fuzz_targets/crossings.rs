//! Fuzz target `crossings`: the border service's feed, read as CSV and as JSON Lines from the
//! same bytes, never panics; every line is either taken or rejected with a line number in range;
//! and every crossing taken can be stored and read back: the import stores `at` as
//! `YYYY-MM-DDTHH:MM:SS` (ruqsat-web's feed) and the holder sweep reads it with
//! `residence::parse_local_time`, so a crossing the sweep cannot read must be rejected here.

#![no_main]

use chrono::Timelike;
use libfuzzer_sys::fuzz_target;
use ruqsat_contract::crossings::{FeedFormat, read_feed};
use ruqsat_domain::residence::parse_local_time;

fuzz_target!(|data: &[u8]| {
    for format in [FeedFormat::Csv, FeedFormat::JsonLines] {
        let mut last_rejected_line = 0;
        let lines = read_feed(
            data,
            format,
            |crossing| {
                assert!(crossing.iin.is_some() || crossing.passport.is_some());
                let stored = crossing.at.format("%Y-%m-%dT%H:%M:%S").to_string();
                let whole_seconds = crossing.at.with_nanosecond(0).expect("invariant: 0 ns is valid");
                assert_eq!(
                    parse_local_time(&stored),
                    Some(whole_seconds),
                    "a crossing taken from the feed ({:?}) is stored as {stored:?} and read back",
                    crossing.at
                );
            },
            |rejected| {
                assert!(rejected.line >= 1, "line numbers start at 1");
                last_rejected_line = last_rejected_line.max(rejected.line);
            },
        );
        // An error is an answer, not a crash: from memory the only one is invalid UTF-8 in JSON
        // Lines, which `BufRead::lines` reports as `InvalidData`.
        if let Ok(lines) = lines {
            assert!(last_rejected_line <= lines.max(1), "a rejected line is within the feed");
        }
    }
});
