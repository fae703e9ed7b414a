//! The supervisors' dashboard: counts by dimension with SVG charts, the legal terms kept, the
//! overdue cases, and the CSV export of the same numbers.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use maud::{PreEscaped, html};
use ruqsat_i18n::Lang;
use serde::Deserialize;

use super::{Page, PageResult, render};
use crate::AppState;
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use ruqsat_cases::reports::{DIMENSIONS, Report, build};

use super::charts::bar_chart;

/// The period asked for.
#[derive(Debug, Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

/// The region a caller's statistics are limited to (`None`: every region).
fn scope(caller: &Caller) -> Result<Option<String>, ApiError> {
    match caller.role {
        Role::Supervisor => Ok(caller.region_code().map(str::to_owned)),
        Role::Auditor | Role::Administrator => Ok(None),
        Role::Officer | Role::Operator | Role::Integration(_) | Role::BorderService => Err(ApiError::Forbidden(
            "statistics are for supervisors and auditors".into(),
        )),
    }
}

async fn report_for(state: &AppState, page: &Page, period: &Period) -> Result<Report, ApiError> {
    let caller = page.staff()?.clone();
    let region = scope(&caller)?;
    let today = state.law.local_date((state.clock)());
    let parse = |field: &str, text: &Option<String>, default: NaiveDate| match text.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<NaiveDate>()
            .map_err(|_| ApiError::invalid(field, "a date YYYY-MM-DD")),
    };
    let from = parse("from", &period.from, today - chrono::Days::new(364))?;
    let to = parse("to", &period.to, today)?;
    if from > to {
        return Err(ApiError::invalid("to", "the period ends before it starts"));
    }
    Ok(build(&state.law, &state.store, from, to, region.as_deref(), (state.clock)()).await?)
}

/// The name of a counted value in the page's language.
pub fn value_label(lang: Lang, dimension: &str, value: &str) -> String {
    let text = |id: &str| ruqsat_i18n::text(lang, id, &[]);
    match dimension {
        "ground" => value
            .parse::<ruqsat_domain::codes::GroundCode>()
            .map(|ground| format!("{value} {}", ruqsat_i18n::ground_title(lang, ground)))
            .unwrap_or_else(|_| value.to_owned()),
        "outcome" if value == "open" || value == "revoked" => text(&format!("report-outcome-{value}")),
        "outcome" => text(&format!("outcome-{value}")),
        other => text(&format!("{other}-{value}")),
    }
}

/// A chart label of at most 38 characters (the table beside it has the whole text).
fn short(label: &str) -> String {
    if label.chars().count() <= 38 {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(37).collect();
    cut.push('…');
    cut
}

/// The dashboard.
pub async fn dashboard(State(state): State<AppState>, page: Page, Query(period): Query<Period>) -> PageResult {
    let report = report_for(&state, &page, &period).await?;
    let optional = |value: Option<f64>| value.map(|value| value.to_string()).unwrap_or_else(|| "—".into());
    let query = format!("from={}&to={}", report.from, report.to);
    let waits = super::equeue::waits_section(&state, &page, &report.from, &report.to).await?;
    let body = html! {
        h1 { (page.t("dashboard-title")) @if let Some(region) = &report.region { " · " (page.t(&format!("region-{region}"))) } }
        form method="get" action="/officer/reports" class="inline-form" {
            label for="f-from" { (page.t("field-period-from")) } " " input id="f-from" name="from" type="date" value=(report.from); " "
            label for="f-to" { (page.t("field-period-to")) } " " input id="f-to" name="to" type="date" value=(report.to); " "
            button type="submit" { (page.t("action-show")) } " "
            a class="button secondary" href={"/officer/reports.csv?" (query)} { (page.t("action-export-csv")) }
        }
        h2 { (page.t("dashboard-terms")) }
        dl class="sla" {
            dt { (page.t("sla-cases")) } dd data-sla="cases" { (report.cases) }
            dt { (page.t("sla-decided")) } dd data-sla="decided" { (report.sla.decided) }
            dt { (page.t("sla-within-term")) } dd data-sla="within_term" { (report.sla.within_term) " (" (optional(report.sla.within_term_percent)) " %)" }
            dt { (page.t("sla-median")) } dd data-sla="median_hours" { (optional(report.sla.median_hours)) }
            dt { (page.t("sla-p90")) } dd data-sla="p90_hours" { (optional(report.sla.p90_hours)) }
            dt { (page.t("sla-overdue")) } dd data-sla="overdue_now" { (report.sla.overdue_now) }
            dt { (page.t("sla-suspended-cases")) } dd data-sla="suspended_cases" { (report.sla.suspended_cases) }
            dt { (page.t("sla-suspended-days")) } dd data-sla="suspended_days" { (report.sla.suspended_days) }
            dt { (page.t("sla-extension-days")) } dd data-sla="extension_days" { (report.sla.extension_days) }
        }
        (waits)
        @for dimension in DIMENSIONS {
            @let totals = report.totals(dimension);
            section class="dimension" {
                h2 { (page.t(&format!("dimension-{dimension}"))) }
                @if totals.is_empty() { p { (page.t("queue-empty")) } } @else {
                    @let bars: Vec<(String, i64)> = totals.iter().map(|(value, count)| (short(&value_label(page.lang, dimension, value)), *count)).collect();
                    figure class="chart" { (PreEscaped(bar_chart(&page.t(&format!("dimension-{dimension}")), &bars))) }
                    table {
                        thead { tr { th { (page.t("col-value")) } th { (page.t("col-count")) } } }
                        tbody {
                            @for (value, count) in &totals {
                                tr { td { (value_label(page.lang, dimension, value)) } td data-dimension=(dimension) data-value=(value) data-count=(count) { (count) } }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(render(&page, &page.t("dashboard-title"), body))
}

/// The same numbers as CSV.
pub async fn export(State(state): State<AppState>, page: Page, Query(period): Query<Period>) -> PageResult {
    let report = report_for(&state, &page, &period).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"ruqsat-report-{}-{}.csv\"",
                    report.from, report.to
                ),
            ),
        ],
        report.to_csv(),
    )
        .into_response())
}
