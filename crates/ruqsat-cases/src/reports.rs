//! Statistics and SLA reports for supervisors: counts by month and by service, subtype, channel,
//! region, outcome and refusal ground; the share of cases decided within their legal term, the
//! median and 90th-percentile time to decision, and the cases overdue now. One computation
//! feeds the dashboard, its CSV export and `ruqsat report`, so they cannot disagree.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use ruqsat_domain::case::CaseState;
use ruqsat_domain::decide::Law;
use ruqsat_store::Store;
use serde::Serialize;

use ruqsat_domain::application::Request;

use crate::CaseError;
use crate::records::{Decided, DecisionRecord};

/// The dimensions counted, in the order shown.
pub const DIMENSIONS: [&str; 6] = ["service", "subtype", "channel", "region", "outcome", "ground"];

/// Counts and terms of the cases submitted in a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// First day (Kazakhstan date).
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// The region the report is limited to, if any.
    pub region: Option<String>,
    /// Cases submitted.
    pub cases: i64,
    /// Counts by (month `YYYY-MM`, dimension, value).
    pub counts: BTreeMap<(String, String, String), i64>,
    /// The legal terms.
    pub sla: Sla,
}

/// How the service kept its legal terms (TRP one working day, PRP 45 calendar days).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sla {
    /// Cases decided (permit issued, or refusal signed).
    pub decided: i64,
    /// Of which decided by their due time.
    pub within_term: i64,
    /// Share decided within the term, in percent (one decimal), when any was decided.
    pub within_term_percent: Option<f64>,
    /// Median hours from submission to decision.
    pub median_hours: Option<f64>,
    /// 90th-percentile hours from submission to decision.
    pub p90_hours: Option<f64>,
    /// Open cases past their due time now (of the region, or all).
    pub overdue_now: i64,
    /// Cases whose term was suspended (the hearing window included) or extended.
    pub suspended_cases: i64,
    /// Days the terms did not run, counted apart (calendar days of PRPs, working days of TRPs):
    /// the due times above already include them.
    pub suspended_days: i64,
    /// Days added to the terms by extensions.
    pub extension_days: i64,
}

impl Report {
    /// The total of `dimension` = `value` over the months.
    pub fn total(&self, dimension: &str, value: &str) -> i64 {
        self.counts
            .iter()
            .filter(|((_, name, given), _)| name == dimension && given == value)
            .map(|(_, count)| count)
            .sum()
    }

    /// The values of `dimension` with their totals, largest first.
    pub fn totals(&self, dimension: &str) -> Vec<(String, i64)> {
        let mut totals: BTreeMap<String, i64> = BTreeMap::new();
        for ((_, name, value), count) in &self.counts {
            if name == dimension {
                *totals.entry(value.clone()).or_default() += count;
            }
        }
        let mut totals: Vec<(String, i64)> = totals.into_iter().collect();
        totals.sort_by(|left, right| right.1.cmp(&left.1).then_with(|| left.0.cmp(&right.0)));
        totals
    }

    /// The report as CSV: `month,dimension,value,count` rows, then the SLA figures as
    /// `sla,name,,value` rows.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("month,dimension,value,count\n");
        for ((month, dimension, value), count) in &self.counts {
            csv.push_str(&format!("{month},{dimension},{value},{count}\n"));
        }
        let optional = |value: Option<f64>| value.map(|value| value.to_string()).unwrap_or_default();
        for (name, value) in [
            ("cases", self.cases.to_string()),
            ("decided", self.sla.decided.to_string()),
            ("within_term", self.sla.within_term.to_string()),
            ("within_term_percent", optional(self.sla.within_term_percent)),
            ("median_hours", optional(self.sla.median_hours)),
            ("p90_hours", optional(self.sla.p90_hours)),
            ("overdue_now", self.sla.overdue_now.to_string()),
            ("suspended_cases", self.sla.suspended_cases.to_string()),
            ("suspended_days", self.sla.suspended_days.to_string()),
            ("extension_days", self.sla.extension_days.to_string()),
        ] {
            csv.push_str(&format!("sla,{name},,{value}\n"));
        }
        csv
    }
}

fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|instant| instant.with_timezone(&Utc))
}

/// The value at `share` (0..1) of sorted `values`, by the nearest rank.
fn percentile(values: &[f64], share: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let rank = ((share * values.len() as f64).ceil() as usize).clamp(1, values.len());
    Some((values[rank - 1] * 10.0).round() / 10.0)
}

/// Builds the report of the cases submitted from `from` to `to` (Kazakhstan dates, both
/// included), limited to `region` when given, as of `now`.
pub async fn build(
    law: &Law,
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    region: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Report, CaseError> {
    let start = |date: NaiveDate| {
        let offset = law
            .parameters()
            .utc_offset_on(date)
            .expect("invariant: the law in force has the offset of Kazakhstan time");
        date.and_hms_opt(0, 0, 0)
            .expect("invariant: midnight exists")
            .and_local_timezone(offset)
            .single()
            .expect("invariant: a fixed offset is unambiguous")
            .with_timezone(&Utc)
    };
    let rows = store
        .report_cases(start(from), start(to + chrono::Days::new(1)))
        .await?;
    let mut report = Report {
        from: from.to_string(),
        to: to.to_string(),
        region: region.map(str::to_owned),
        ..Report::default()
    };
    let mut hours = Vec::new();
    for (case, decided_at) in rows {
        if region.is_some_and(|region| region != case.region.as_str()) {
            continue;
        }
        report.cases += 1;
        let submitted = case.submitted_at;
        let month = law.local(submitted).format("%Y-%m").to_string();
        let application = ruqsat_contract::parse_application(&case.application)
            .map_err(|error| CaseError::unreadable(case.id, "application", error))?;
        let decision = DecisionRecord::read(&case)?;
        let state = case.state;
        let outcome = match (state, &decision) {
            (CaseState::NotAccepted, _) => "not_accepted",
            (CaseState::Revoked, _) => "revoked",
            (state, _) if state.is_open() => "open",
            (_, Some(decision)) => decision.outcome.as_str(),
            (_, None) => "open",
        };
        let mut count = |dimension: &str, value: &str| {
            *report
                .counts
                .entry((month.clone(), dimension.to_owned(), value.to_owned()))
                .or_default() += 1;
        };
        count("service", case.service.as_str());
        if let Request::Trp(subtype) = application.request {
            count("subtype", subtype.as_str());
        }
        count("channel", case.channel.as_str());
        count("region", case.region.as_str());
        count("outcome", outcome);
        if let Some(decision) = decision.filter(|decision| decision.outcome == Decided::Refuse) {
            for ground in &decision.grounds {
                count("ground", ground);
            }
        }
        let (suspended, extended) = crate::procedure::term_days_under(law, &case)?;
        if suspended > 0 || extended > 0 {
            report.sla.suspended_cases += 1;
            report.sla.suspended_days += i64::from(suspended);
            report.sla.extension_days += i64::from(extended);
        }
        if let Some(decided) = decided_at.as_deref().and_then(instant) {
            report.sla.decided += 1;
            if case.due_at.is_some_and(|due| decided <= due) {
                report.sla.within_term += 1;
            }
            hours.push((decided - submitted).num_minutes() as f64 / 60.0);
        }
    }
    hours.sort_by(f64::total_cmp);
    report.sla.median_hours = percentile(&hours, 0.5);
    report.sla.p90_hours = percentile(&hours, 0.9);
    if report.sla.decided > 0 {
        let share = report.sla.within_term as f64 * 100.0 / report.sla.decided as f64;
        report.sla.within_term_percent = Some((share * 10.0).round() / 10.0);
    }
    let open = CaseState::open_codes();
    report.sla.overdue_now = store.queue_counts(region, &open, now).await?.1;
    Ok(report)
}

#[cfg(test)]
mod tests;
