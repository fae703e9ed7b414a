//! Tests of the report's arithmetic and its CSV.

use super::*;

#[test]
fn percentiles_are_by_the_nearest_rank() {
    let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
    assert_eq!(percentile(&values, 0.5), Some(5.0));
    assert_eq!(percentile(&values, 0.9), Some(9.0));
    assert_eq!(percentile(&[4.25], 0.9), Some(4.3));
    assert_eq!(percentile(&[], 0.5), None);
}

#[test]
fn the_csv_lists_every_count_and_the_terms() {
    let mut report = Report {
        cases: 3,
        ..Report::default()
    };
    report
        .counts
        .insert(("2026-11".into(), "service".into(), "trp".into()), 2);
    report
        .counts
        .insert(("2026-10".into(), "service".into(), "trp".into()), 1);
    report.sla.decided = 2;
    report.sla.within_term = 1;
    report.sla.within_term_percent = Some(50.0);
    let csv = report.to_csv();
    assert!(csv.starts_with("month,dimension,value,count\n2026-10,service,trp,1\n2026-11,service,trp,2\n"));
    assert!(csv.contains("sla,within_term_percent,,50\n") && csv.contains("sla,median_hours,,\n"));
    assert_eq!(report.total("service", "trp"), 3);
    assert_eq!(report.totals("service"), vec![("trp".to_owned(), 3)]);
}
