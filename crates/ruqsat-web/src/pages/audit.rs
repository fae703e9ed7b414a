//! The auditor's page of the audit log: filters (who, what, which application), pages of 100
//! entries newest first, and the verification of the chain with the installation's key.

use axum::extract::{Query, State};
use maud::html;
use ruqsat_cases::auditing;
use ruqsat_i18n::Arg;
use ruqsat_store::AuditFilter;
use serde::Deserialize;

use super::{Page, PageResult, given, kazakh_time, render};
use crate::AppState;

/// The filters of the page.
#[derive(Debug, Deserialize, Default)]
pub struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    number: Option<String>,
    before: Option<i64>,
    verify: Option<String>,
}

/// The audit log page.
pub async fn log(State(state): State<AppState>, page: Page, Query(query): Query<AuditQuery>) -> PageResult {
    let caller = page.staff()?.clone();
    let filter = AuditFilter {
        actor: given(&query.actor),
        action: given(&query.action),
        case_id: None,
    };
    let number = given(&query.number);
    let verified = if query.verify.is_some() {
        Some(auditing::verify(&state, &caller).await?)
    } else {
        None
    };
    let log = auditing::page(&state, &caller, filter, number.as_deref(), query.before).await?;
    let filters = super::filter_query(&[
        ("actor", &query.actor),
        ("action", &query.action),
        ("number", &query.number),
    ]);
    let body = html! {
        h1 { (page.t("audit-title")) }
        p { (page.t("audit-intro")) }
        form method="get" action="/audit" class="filters" {
            div class="field" { label for="f-actor" { (page.t("audit-actor")) } input type="text" id="f-actor" name="actor" value=(query.actor.as_deref().unwrap_or_default()) autocomplete="off"; }
            div class="field" { label for="f-action" { (page.t("audit-action")) } input type="text" id="f-action" name="action" value=(query.action.as_deref().unwrap_or_default()) autocomplete="off"; }
            div class="field" { label for="f-number" { (page.t("field-number")) } input type="text" id="f-number" name="number" value=(query.number.as_deref().unwrap_or_default()) autocomplete="off"; }
            button type="submit" { (page.t("action-show")) }
            " "
            button type="submit" name="verify" value="1" class="secondary" { (page.t("audit-verify")) }
        }
        @match &verified {
            Some(Ok(count)) => { p class="flash" role="status" { (page.ta("audit-verified", &[("count", Arg::from(count.to_string()))])) } }
            Some(Err(problem)) => { p class="error" role="alert" { (page.t("audit-broken")) " " code { (problem) } } }
            None => {}
        }
        @if log.entries.is_empty() {
            p { (page.t("audit-none")) }
        } @else {
            div class="scroll" {
                table class="audit" {
                    thead { tr { th { "#" } th { (page.t("col-when")) } th { (page.t("audit-actor")) } th { (page.t("audit-action")) } th { (page.t("audit-detail")) } } }
                    // The details are the technical log's own words (English), marked as such.
                    tbody {
                        @for entry in &log.entries {
                            tr { td { (entry.seq) } td { (kazakh_time(&state.law, &entry.at)) } td { @if matches!(entry.actor.as_str(), "system" | "engine" | "applicant") { (super::cases::actor_name(&page, &entry.actor)) " " small { code { (entry.actor) } } } @else { span translate="no" { (entry.actor) } } } td { code { (entry.action) } } td lang="en" { (entry.detail) } }
                        }
                    }
                }
            }
        }
        @if let Some(older) = log.older {
            p { a class="button secondary" href={"/audit?before=" (older) (filters)} { (page.t("audit-older")) } }
        }
    };
    Ok(render(&page, &page.t("audit-title"), body))
}
