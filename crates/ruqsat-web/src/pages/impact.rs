//! The supervisors' page on the impact of an amendment: a draft of parameters and/or calendar
//! (TOML, as the law files) is applied over the law in force, every pending case is decided under
//! both, and the cases that would change are listed (and downloadable as CSV). Nothing changes.

use axum::Form;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use maud::{Markup, html};
use ruqsat_cases::impact::{self, Impact};
use ruqsat_i18n::Arg;
use serde::Deserialize;

use super::{Page, PageResult, render};
use crate::AppState;
use crate::auth::Role;
use crate::error::ApiError;

/// The draft's fields.
#[derive(Debug, Deserialize, Default)]
pub struct DraftForm {
    csrf: Option<String>,
    parameters: Option<String>,
    calendar: Option<String>,
}

/// One assessment at a time per process.
static RUNNING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// The largest draft file accepted, in bytes.
const MAX_DRAFT: usize = 256 * 1024;

fn supervisor(page: &Page) -> Result<(), ApiError> {
    let caller = page.staff()?;
    if caller.role != Role::Supervisor {
        return Err(ApiError::Forbidden(
            "the impact of an amendment is assessed by a supervisor".into(),
        ));
    }
    Ok(())
}

/// The draft form.
pub async fn form(page: Page) -> PageResult {
    supervisor(&page)?;
    Ok(render(
        &page,
        &page.t("impact-title"),
        body(&page, &DraftForm::default(), None),
    ))
}

fn non_empty(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|text| !text.trim().is_empty())
}

async fn assess(state: &AppState, page: &Page, form: &DraftForm) -> Result<Impact, ApiError> {
    supervisor(page)?;
    for (field, text) in [("parameters", &form.parameters), ("calendar", &form.calendar)] {
        if text.as_ref().is_some_and(|text| text.len() > MAX_DRAFT) {
            return Err(ApiError::invalid(
                field,
                format!("a draft file has at most {MAX_DRAFT} bytes"),
            ));
        }
    }
    let parameters = non_empty(&form.parameters).map(|text| ("draft parameters", text));
    let calendar = non_empty(&form.calendar).map(|text| ("draft calendar", text));
    if parameters.is_none() && calendar.is_none() {
        return Err(ApiError::invalid(
            "parameters",
            "give the draft's parameters or calendar",
        ));
    }
    let draft = state.law_files.with_draft(parameters, calendar).map_err(|error| {
        let field = if error.to_string().starts_with("draft calendar") || error.to_string().starts_with("calendar") {
            "calendar"
        } else {
            "parameters"
        };
        ApiError::invalid(field, error.to_string())
    })?;
    // One assessment at a time in a process: each decides every pending case twice.
    let _running = RUNNING.try_acquire().map_err(|_| ApiError::TooManyRequests(5))?;
    let region = page.staff()?.region_code();
    let impact = impact::assess(&state.store, state.law.clone(), std::sync::Arc::new(draft), region).await?;
    let now = (state.clock)();
    let caller = page.staff()?;
    state
        .store
        .audit(
            &caller.login,
            "assess_impact",
            None,
            &impact::describe(&impact, now),
            now,
        )
        .await?;
    Ok(impact)
}

/// The impact of the draft, on the page.
pub async fn result(State(state): State<AppState>, page: Page, Form(form): Form<DraftForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let impact = assess(&state, &page, &form).await?;
    Ok(render(
        &page,
        &page.t("impact-title"),
        body(&page, &form, Some(&impact)),
    ))
}

/// The impact of the draft, as CSV.
pub async fn csv(State(state): State<AppState>, page: Page, Form(form): Form<DraftForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let impact = assess(&state, &page, &form).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"impact.csv\""),
        ],
        impact.to_csv(),
    )
        .into_response())
}

fn body(page: &Page, form: &DraftForm, impact: Option<&Impact>) -> Markup {
    html! {
        h1 { (page.t("impact-title")) }
        p { (page.t("impact-intro")) }
        form method="post" action="/officer/impact" class="stack" {
            (page.csrf_field())
            div class="field" {
                label for="f-draft-parameters" { (page.t("field-draft-parameters")) }
                textarea id="f-draft-parameters" name="parameters" rows="8" spellcheck="false" class="code" { (form.parameters.as_deref().unwrap_or_default()) }
            }
            div class="field" {
                label for="f-draft-calendar" { (page.t("field-draft-calendar")) }
                textarea id="f-draft-calendar" name="calendar" rows="6" spellcheck="false" class="code" { (form.calendar.as_deref().unwrap_or_default()) }
            }
            button type="submit" { (page.t("action-assess")) }
            " "
            button type="submit" formaction="/officer/impact.csv" class="secondary" { (page.t("action-export-csv")) }
        }
        @if let Some(impact) = impact {
            @let cases: std::collections::BTreeSet<&str> = impact.changes.iter().map(|change| change.number.as_str()).collect();
            p class="impact-summary" role="status" {
                (page.ta("impact-summary", &[("assessed", Arg::from(impact.assessed.to_string())), ("changed", Arg::from(cases.len().to_string()))]))
            }
            @if !impact.changes.is_empty() {
                div class="scroll" {
                    table class="impact" {
                        thead { tr { th { (page.t("col-number")) } th { (page.t("col-state")) } th { (page.t("col-what")) } th { (page.t("col-current")) } th { (page.t("col-draft")) } } }
                        tbody {
                            @for change in &impact.changes {
                                tr {
                                    td { (change.number) }
                                    td { (page.t(&format!("state-{}", change.state))) }
                                    td { (page.t(&format!("impact-what-{}", change.what))) }
                                    td { (change.current) }
                                    td { (change.draft) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
