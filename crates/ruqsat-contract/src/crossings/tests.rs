//! Tests of the crossing feed: every good row taken, every bad row reported with its line.

use super::*;

fn read(text: &str, format: FeedFormat) -> (Vec<CrossingRecord>, Vec<Rejected>) {
    let mut taken = Vec::new();
    let mut rejected = Vec::new();
    read_feed(
        text.as_bytes(),
        format,
        |crossing| taken.push(crossing),
        |row| rejected.push(row),
    )
    .unwrap();
    (taken, rejected)
}

const CSV: &str = "\
crossing_id,iin,passport,direction,at,checkpoint
c1,,fa0000001,entry,2025-03-01T08:15:00+05:00,Khorgos
c2,900501300001,,exit,2025-03-10T23:30:00,\"Almaty airport, terminal 1\"
c3,,FA0000001,sideways,2025-03-11T10:00:00,Khorgos
c4,,,entry,2025-03-11T10:00:00,Khorgos
c5,,FA0000001,entry,11.03.2025,Khorgos
c6,900501300002,,entry,2025-03-11T10:00:00,Khorgos

c7,,FA0000001,exit,2025-03-12T02:00:00Z,Khorgos
";

#[test]
fn csv_rows_are_taken_or_reported_with_their_line() {
    let (taken, rejected) = read(CSV, FeedFormat::Csv);
    let ids: Vec<&str> = taken.iter().map(|crossing| crossing.crossing_id.as_str()).collect();
    assert_eq!(ids, ["c1", "c2", "c7"]);
    assert_eq!(taken[0].passport.as_deref(), Some("FA0000001"));
    assert_eq!(taken[1].checkpoint.as_deref(), Some("Almaty airport, terminal 1"));
    assert_eq!(taken[1].direction, Direction::Exit);
    // 02:00 UTC is 07:00 in Kazakhstan.
    assert_eq!(taken[2].at.to_string(), "2025-03-12 07:00:00");
    let lines: Vec<(u64, &str)> = rejected
        .iter()
        .map(|row| (row.line, row.reason.split(':').next().unwrap()))
        .collect();
    assert_eq!(lines, [(4, "direction"), (5, "iin, passport"), (6, "at"), (7, "iin")]);
}

#[test]
fn json_lines_are_taken_or_reported_with_their_line() {
    let text = "\
{\"crossing_id\":\"j1\",\"passport\":\"FA1\",\"direction\":\"entry\",\"at\":\"2025-03-01T08:15:00+05:00\"}
not json
{\"crossing_id\":\"j2\",\"passport\":\"FA1\",\"direction\":\"exit\"}

{\"crossing_id\":\"j3\",\"iin\":\"900501300001\",\"direction\":\"exit\",\"at\":\"2025-03-02T08:15:00\",\"checkpoint\":\"Ақтау порты\"}
";
    let (taken, rejected) = read(text, FeedFormat::JsonLines);
    let ids: Vec<&str> = taken.iter().map(|crossing| crossing.crossing_id.as_str()).collect();
    assert_eq!(ids, ["j1", "j3"]);
    assert_eq!(taken[1].checkpoint.as_deref(), Some("Ақтау порты"));
    let lines: Vec<u64> = rejected.iter().map(|row| row.line).collect();
    assert_eq!(lines, [2, 3]);
    assert!(rejected[1].reason.starts_with("at: required"));
}

#[test]
fn a_json_line_that_is_not_utf8_is_one_rejected_row_not_the_end_of_the_feed() {
    // Found by fuzzing: one bad byte once stopped the whole import with an I/O error.
    let mut bytes =
        b"{\"crossing_id\":\"u1\",\"passport\":\"FA1\",\"direction\":\"entry\",\"at\":\"2025-03-01T08:15:00\"}\r\n"
            .to_vec();
    bytes.extend_from_slice(b"{\"crossing_id\":\"u2\",\"passport\":\"FA\xff\"}\n");
    bytes.extend_from_slice(
        b"{\"crossing_id\":\"u3\",\"passport\":\"FA1\",\"direction\":\"exit\",\"at\":\"2025-03-02T08:15:00\"}",
    );
    let mut taken = Vec::new();
    let mut rejected = Vec::new();
    let lines = read_feed(
        bytes.as_slice(),
        FeedFormat::JsonLines,
        |crossing| taken.push(crossing.crossing_id),
        |row| rejected.push((row.line, row.reason)),
    )
    .unwrap();
    assert_eq!(lines, 3);
    assert_eq!(taken, ["u1", "u3"]);
    assert_eq!(rejected, [(2, "not UTF-8 text".to_owned())]);
}

#[test]
fn the_format_follows_the_file_name() {
    assert_eq!(FeedFormat::of_file_name("feed.JSONL"), FeedFormat::JsonLines);
    assert_eq!(FeedFormat::of_file_name("feed.ndjson"), FeedFormat::JsonLines);
    assert_eq!(FeedFormat::of_file_name("feed.csv"), FeedFormat::Csv);
}

/// `at` as one JSON Lines row: `Some(local time)` when taken, `None` when rejected for `at`.
fn check_at(at: &str, expected: Option<&str>) {
    let line = format!("{{\"crossing_id\":\"t1\",\"passport\":\"FA1\",\"direction\":\"entry\",\"at\":{at:?}}}\n");
    let (taken, rejected) = read(&line, FeedFormat::JsonLines);
    let taken: Vec<String> = taken.iter().map(|crossing| crossing.at.to_string()).collect();
    match expected {
        Some(local) => assert_eq!(taken, [local], "{at}: {rejected:?}"),
        None => assert!(
            taken.is_empty() && rejected.len() == 1 && rejected[0].reason.starts_with("at: "),
            "{at} should be rejected for at: taken {taken:?}, rejected {rejected:?}"
        ),
    }
}

/// Found by the `crossings` fuzz target (fuzz/regressions/crossings/): chrono's `%Y` took `-024`
/// as a year, and the register would have stored `-0024-04-03T07:00:00`, which the sweep's
/// `parse_local_time` cannot read. Whatever is taken must be storable and read back.
#[test]
fn at_is_taken_only_when_the_register_can_store_it() {
    // The fuzzer's input, minimized.
    let (taken, rejected) = read(
        "at,direction,passport,crossing_id,ek\"x\n-024-04-03T07:00:00,exit,00it,G\n",
        FeedFormat::Csv,
    );
    assert_eq!(taken, []);
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].reason.starts_with("at: "), "{rejected:?}");

    check_at("-024-04-03T07:00:00", None);
    check_at("+12025-03-01T08:15:00", None);
    check_at("25-03-01T08:15:00", None);
    check_at("2025-3-1T08:15:00", None);
    check_at("2025-03-01T08:15:60", None);
    // Year 10000 and year -1 in Kazakhstan time.
    check_at("9999-12-31T23:00:00-01:00", None);
    check_at("0000-01-01T00:00:00+06:00", None);
    // A 60th second (chrono takes one at the end of any minute).
    check_at("2016-12-31T23:59:60Z", None);
    check_at("2016-12-31T18:59:60+00:00", None);

    check_at("2025-03-01T08:15:00", Some("2025-03-01 08:15:00"));
    check_at("0000-01-01T00:00:00", Some("0000-01-01 00:00:00"));
    check_at("9999-12-31T18:59:59Z", Some("9999-12-31 23:59:59"));
    check_at("2025-03-01T08:15:00.5+05:00", Some("2025-03-01 08:15:00.500"));
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "\u{0}\u{1}\u{2}",
        "crossing_id\n\"unterminated",
        "a,b\n1,2,3,4\n",
        "{\"crossing_id\": 5}\n",
    ] {
        read(text, FeedFormat::Csv);
        read(text, FeedFormat::JsonLines);
    }
}
