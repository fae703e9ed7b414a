//! Statistics and SLA reports for supervisors: counts by month and by service, subtype, channel,
//! region, outcome and refusal ground; the share of cases decided within their legal term, the
//! median and 90th-percentile time to decision, and the cases overdue now. One computation
//! feeds the dashboard, its CSV export and `ruqsat report`, so they cannot disagree.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use ruqsat_domain::case::CaseState;
use ruqsat_store::Store;
use serde::Serialize;
use serde_json::Value;

use crate::error::ApiError;

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
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    region: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Report, ApiError> {
    let offset = chrono::FixedOffset::east_opt(5 * 3600).expect("invariant: +05:00 is valid");
    let start = |date: NaiveDate| {
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
        if region.is_some_and(|region| region != case.region) {
            continue;
        }
        report.cases += 1;
        let Some(submitted) = instant(&case.submitted_at) else {
            continue;
        };
        let month = submitted.with_timezone(&offset).format("%Y-%m").to_string();
        let application: Value = serde_json::from_str(&case.application).unwrap_or(Value::Null);
        let decision: Value = serde_json::from_str(case.decision.as_deref().unwrap_or("null")).unwrap_or(Value::Null);
        let outcome = match case.state.parse::<CaseState>() {
            Ok(CaseState::NotAccepted) => "not_accepted",
            Ok(CaseState::Revoked) => "revoked",
            Ok(state) if state.is_open() => "open",
            Ok(_) => decision["outcome"].as_str().unwrap_or("open"),
            Err(_) => "open",
        };
        let mut count = |dimension: &str, value: &str| {
            *report
                .counts
                .entry((month.clone(), dimension.to_owned(), value.to_owned()))
                .or_default() += 1;
        };
        count("service", &case.service);
        if let Some(subtype) = application["subtype"].as_str() {
            count("subtype", subtype);
        }
        count("channel", &case.channel);
        count("region", &case.region);
        count("outcome", outcome);
        if decision["outcome"] == "refuse" {
            for ground in decision["grounds"].as_array().into_iter().flatten() {
                if let Some(ground) = ground.as_str() {
                    count("ground", ground);
                }
            }
        }
        if let Some(decided) = decided_at.as_deref().and_then(instant) {
            report.sla.decided += 1;
            if case
                .due_at
                .as_deref()
                .and_then(instant)
                .is_some_and(|due| decided <= due)
            {
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
    let open: Vec<&str> = CaseState::ALL
        .iter()
        .filter(|state| state.is_open())
        .map(|state| state.as_str())
        .collect();
    report.sla.overdue_now = store.queue_counts(region, &open, now).await?.1;
    Ok(report)
}

/// A bar chart of `bars` (label, value) as SVG, drawn with plotters; labels are already in the
/// reader's language.
pub fn bar_chart(title: &str, bars: &[(String, i64)]) -> String {
    use plotters::prelude::*;
    register_font();
    let height = 60 + 26 * bars.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
        let top = bars.iter().map(|(_, value)| *value).max().unwrap_or(0).max(1) as u32;
        let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
            root.fill(&WHITE)?;
            let labels: Vec<String> = bars.iter().map(|(label, _)| label.clone()).collect();
            let mut chart = ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 16))
                .margin(8)
                .x_label_area_size(24)
                .y_label_area_size(230)
                .build_cartesian_2d(
                    0u32..top + top / 10 + 1,
                    (0u32..bars.len().max(1) as u32).into_segmented(),
                )?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(bars.len().max(1))
                .y_label_formatter(&|segment| match segment {
                    SegmentValue::CenterOf(index) => labels.get(*index as usize).cloned().unwrap_or_default(),
                    SegmentValue::Exact(_) | SegmentValue::Last => String::new(),
                })
                .label_style(("sans-serif", 12))
                .draw()?;
            chart.draw_series(
                Histogram::horizontal(&chart)
                    .style(RGBColor(0, 80, 122).filled())
                    .margin(4)
                    .data(
                        bars.iter()
                            .enumerate()
                            .map(|(index, (_, value))| (index as u32, *value as u32)),
                    ),
            )?;
            root.present()?;
            Ok(())
        })();
        if let Err(error) = drawn {
            tracing::warn!(error = %error, "a chart could not be drawn");
        }
    }
    svg
}

/// Registers the font the charts measure their text with (once).
fn register_font() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(|| {
        let font: &'static [u8] = include_bytes!("../fonts/DejaVuSans.ttf");
        if plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, font).is_err() {
            tracing::warn!("the chart font could not be registered");
        }
    });
}

#[cfg(test)]
mod tests;
