//! The administrative procedure on the pages: the hearing before a refusal (the applicant's
//! objection on the status page, the officer's view and answer), the term (suspend, resume,
//! extend, with the recomputed due time) and appeals (route, last day, received appeals and
//! their outcomes). The rules live in `ruqsat_cases::procedure`.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use chrono::NaiveDate;
use maud::{Markup, html};
use ruqsat_cases::procedure::{self, ObjectionBy, TermRequest};
use ruqsat_cases::records::{AppealRecord, DecisionRecord, HearingRecord, TermRecord};
use ruqsat_domain::case::CaseState;
use ruqsat_domain::codes::{AppealBody, PauseReason};
use ruqsat_i18n::Arg;
use serde::Deserialize;

use super::{Page, PageResult, local_time};
use crate::AppState;
use crate::auth::{Caller, Role};
use crate::error::ApiError;

/// The hearing as the applicant sees it on the status page: the preliminary refusal, its
/// grounds, the last day and the objection form (the number and the document again, hidden).
pub fn applicant_hearing(
    page: &Page,
    law: &ruqsat_domain::decide::Law,
    case: &ruqsat_store::CaseRow,
    document: &str,
    hearing: &HearingRecord,
    grounds: &[String],
) -> Markup {
    html! {
        section class="hearing" aria-labelledby="hearing-title" {
            h3 id="hearing-title" { (page.t("hearing-title")) }
            p { (page.t("hearing-intro")) }
            @if !grounds.is_empty() {
                h4 { (page.t("hearing-grounds")) }
                ul class="grounds" {
                    @for ground in grounds {
                        li { code { (ground) } " " (ground.parse().map(|code| ruqsat_i18n::ground_title(page.lang, code)).unwrap_or_default()) }
                    }
                }
            }
            h4 { (page.t("hearing-reason")) }
            blockquote lang="" { (hearing.preliminary_reason) }
            @if let Some(objection) = &hearing.objection {
                p class="objection-received" { (page.ta("objection-received", &[("at", Arg::from(local_time(law, objection.received_at)))])) }
            } @else if case.state == CaseState::Hearing {
                p { strong { (page.ta("hearing-until", &[("until", Arg::from(hearing.until.to_string()))])) } }
                p class="hint" { (page.t("hearing-lapse-note")) }
                form method="post" action="/status/objection" class="stack" {
                    (page.csrf_field())
                    input type="hidden" name="number" value=(case.number);
                    input type="hidden" name="document" value=(document);
                    div class="field" {
                        label for="f-objection" { (page.t("field-objection")) }
                        textarea id="f-objection" name="objection" rows="6" maxlength="4000" required aria-describedby="h-objection" {}
                        p class="hint" id="h-objection" { (page.t("field-objection-help")) }
                    }
                    button type="submit" { (page.t("action-object")) }
                }
            }
        }
    }
}

/// The appeal of an unfavourable act as the applicant sees it: the route and the last day.
pub fn applicant_appeal(page: &Page, appeal: &AppealRecord) -> Markup {
    html! {
        section class="appeal" {
            h3 { (page.t("appeal-title")) }
            p { (page.t("appeal-route")) }
            p { strong { (appeal_until(page, appeal)) } }
        }
    }
}

fn appeal_until(page: &Page, appeal: &AppealRecord) -> String {
    let id = if appeal.delivered {
        "appeal-until"
    } else {
        "appeal-until-provisional"
    };
    page.ta(id, &[("until", Arg::from(appeal.until.to_string()))])
}

/// The hearing, the term and the appeal on the officer's case page, with their forms.
pub fn staff_sections(
    page: &Page,
    state: &AppState,
    caller: &Caller,
    case: &ruqsat_store::CaseRow,
    decision: Option<&DecisionRecord>,
) -> Result<Markup, ruqsat_cases::CaseError> {
    let base = format!("/officer/cases/{}", case.id);
    let police = matches!(caller.role, Role::Officer | Role::Supervisor);
    let term = TermRecord::read(case)?;
    let (suspended, added) = procedure::term_days(state, case)?;
    let today = state.law.local_date((state.clock)());
    let hearing = decision.and_then(|decision| decision.hearing.as_ref());
    let appeal = decision.and_then(|decision| decision.appeal.as_ref());
    Ok(html! {
        @if let Some(hearing) = hearing {
            section class="hearing" {
                h2 { (page.t("case-hearing")) }
                @if hearing.lapsed {
                    p { (page.ta("case-hearing-lapsed", &[("until", Arg::from(hearing.until.to_string()))])) }
                } @else {
                    p { (page.ta("case-hearing-open", &[("notified", Arg::from(hearing.notified_on.to_string())), ("until", Arg::from(hearing.until.to_string()))])) }
                }
                @if let Some(objection) = &hearing.objection {
                    h3 { (page.t("case-objection")) }
                    p class="meta" { (local_time(&state.law, objection.received_at)) " · " (page.t(&format!("channel-{}", objection.channel))) }
                    blockquote class="objection" lang="" { (objection.text) }
                    @if let Some(answer) = &hearing.answer {
                        h3 { (page.t("field-answer")) }
                        blockquote class="answer" lang="" { (answer) }
                    }
                } @else if case.state == CaseState::Hearing && police {
                    details {
                        summary { (page.t("action-object")) }
                        form method="post" action={(base) "/objection"} class="stack" {
                            (page.csrf_field())
                            div class="field" {
                                label for="f-staff-objection" { (page.t("field-objection")) }
                                textarea id="f-staff-objection" name="objection" rows="4" maxlength="4000" required {}
                            }
                            button type="submit" { (page.t("action-object")) }
                        }
                    }
                }
            }
        }
        @if case.state.is_open() {
            section class="term" {
                h2 { (page.t("case-term")) }
                @if let Some(due) = case.due_at {
                    p { (page.ta("case-term-due", &[("due", Arg::from(local_time(&state.law, due)))])) }
                }
                @if term.changes.is_empty() {
                    p class="hint" { (page.t("term-none")) }
                } @else {
                    p class="suspension" { (page.ta("term-suspended-days", &[("days", Arg::from(suspended.to_string()))])) }
                    @if added > 0 { p { (page.ta("term-extension-days", &[("days", Arg::from(added.to_string()))])) } }
                    ul class="term-changes" {
                        @for entry in &term.changes {
                            li {
                                (page.t(&format!("pause-{}", entry.reason)))
                                @if let (Some(from), Some(until)) = (entry.from, entry.until) { ": " (from) " – " (until) }
                                @if let Some(days) = entry.days { ": +" (days) }
                                " · " (super::cases::actor_name(page, &entry.author))
                                @if let Some(note) = &entry.note { " · " span lang="" { (note) } }
                            }
                        }
                    }
                }
                @if police {
                    details {
                        summary { (page.t("action-suspend")) " / " (page.t("action-extend")) }
                        form method="post" action={(base) "/term"} class="stack" {
                            (page.csrf_field())
                            div class="field" {
                                label for="f-pause-reason" { (page.t("field-pause-reason")) }
                                select id="f-pause-reason" name="reason" {
                                    @for reason in PauseReason::ALL.iter().filter(|reason| **reason != PauseReason::Hearing) {
                                        option value=(reason.as_str()) { (page.t(&format!("pause-{}", reason.as_str()))) }
                                    }
                                }
                            }
                            div class="field" {
                                label for="f-from" { (page.t("field-from")) }
                                input type="date" id="f-from" name="from" value=(today);
                            }
                            div class="field" {
                                label for="f-until" { (page.t("field-until")) }
                                input type="date" id="f-until" name="until";
                            }
                            div class="field" {
                                label for="f-days" { (page.t("field-days")) }
                                input type="number" id="f-days" name="days" min="1" max="30" inputmode="numeric";
                            }
                            div class="field" {
                                label for="f-term-note" { (page.t("field-note")) }
                                input type="text" id="f-term-note" name="note" maxlength="300";
                            }
                            button type="submit" name="action" value="suspend" { (page.t("action-suspend")) }
                            " "
                            button type="submit" name="action" value="extend" class="secondary" { (page.t("action-extend")) }
                            " "
                            button type="submit" name="action" value="resume" class="secondary" formnovalidate { (page.t("action-resume")) }
                        }
                    }
                }
            }
        }
        @if let Some(appeal) = appeal {
            section class="appeal" {
                h2 { (page.t("appeal-title")) }
                p { (page.t("appeal-route")) }
                p { strong { (appeal_until(page, appeal)) } }
                @if !appeal.received.is_empty() {
                    h3 { (page.t("appeal-received")) }
                    ul class="appeals" {
                        @for entry in &appeal.received {
                            li {
                                (entry.filed_on) " · " (page.t(&format!("appeal-body-{}", entry.body))) " · "
                                @match &entry.outcome {
                                    Some(outcome) => {
                                        strong { (page.t(if outcome.upheld { "appeal-outcome-upheld" } else { "appeal-outcome-annulled" })) }
                                        " (" (outcome.decided_on) "): " (outcome.note)
                                    }
                                    None => { (page.t("appeal-outcome-pending")) }
                                }
                            }
                        }
                    }
                }
                @if police {
                    details {
                        summary { (page.t("action-record-appeal")) }
                        form method="post" action={(base) "/appeals"} class="stack" {
                            (page.csrf_field())
                            div class="field" {
                                label for="f-appeal-body" { (page.t("field-appeal-body")) }
                                select id="f-appeal-body" name="body" {
                                    @for body in AppealBody::ALL {
                                        option value=(body.as_str()) { (page.t(&format!("appeal-body-{}", body.as_str()))) }
                                    }
                                }
                            }
                            div class="field" {
                                label for="f-filed-on" { (page.t("field-filed-on")) }
                                input type="date" id="f-filed-on" name="filed_on" value=(today) required;
                            }
                            button type="submit" { (page.t("action-record-appeal")) }
                        }
                    }
                }
                @if caller.role == Role::Supervisor && appeal.received.iter().any(|entry| entry.outcome.is_none()) {
                    form method="post" action={(base) "/appeals/outcome"} class="stack" {
                        (page.csrf_field())
                        div class="field" {
                            label for="f-appeal-note" { (page.t("field-appeal-note")) }
                            input type="text" id="f-appeal-note" name="note" maxlength="300" required;
                        }
                        button type="submit" name="upheld" value="true" { (page.t("action-appeal-upheld")) }
                        " "
                        button type="submit" name="upheld" value="false" class="secondary" { (page.t("action-appeal-annulled")) }
                    }
                }
            }
        }
    })
}

/// The applicant's objection form on the status page.
#[derive(Debug, Deserialize)]
pub struct PublicObjectionForm {
    csrf: Option<String>,
    number: Option<String>,
    document: Option<String>,
    objection: Option<String>,
}

/// The applicant objects to a preliminary refusal (after the number and passport check); the
/// status page answers with the objection received.
pub async fn public_objection(
    State(state): State<AppState>,
    page: Page,
    Form(form): Form<PublicObjectionForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let number = form.number.unwrap_or_default();
    let document = form.document.unwrap_or_default();
    let case = crate::api::applicants_case(&state, &number, &document).await?;
    if case.state != CaseState::Hearing {
        return Err(ruqsat_cases::CaseError::refused(
            "objection",
            "error-objection-closed",
            "no preliminary decision of this application is open to objection",
        )
        .into());
    }
    procedure::object(
        &state,
        ObjectionBy::Applicant,
        case.id,
        form.objection.as_deref().unwrap_or_default(),
        Vec::new(),
    )
    .await?;
    super::public::status_after_objection(&state, &page, &number, &document).await
}

/// A staff member records an objection brought on paper.
#[derive(Debug, Deserialize)]
pub struct StaffObjectionForm {
    csrf: Option<String>,
    objection: Option<String>,
}

/// The desk records the applicant's objection brought to the police body.
pub async fn staff_objection(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<StaffObjectionForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    procedure::object(
        &state,
        ObjectionBy::Caller(&caller),
        id,
        form.objection.as_deref().unwrap_or_default(),
        Vec::new(),
    )
    .await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=objected")).into_response())
}

/// The term form.
#[derive(Debug, Deserialize)]
pub struct TermForm {
    csrf: Option<String>,
    action: Option<String>,
    reason: Option<String>,
    from: Option<String>,
    until: Option<String>,
    days: Option<String>,
    note: Option<String>,
}

fn date_field(field: &str, value: Option<&str>) -> Result<NaiveDate, ApiError> {
    value
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::invalid(field, "required"))?
        .parse()
        .map_err(|_| ApiError::invalid(field, "a date YYYY-MM-DD"))
}

fn pause_reason(value: Option<&str>) -> Result<PauseReason, ApiError> {
    value
        .unwrap_or_default()
        .parse()
        .map_err(|error: ruqsat_domain::codes::UnknownCode| ApiError::invalid("reason", error.to_string()))
}

/// Parses a term change from its fields (the page and the API).
pub fn term_request(
    action: &str,
    reason: Option<&str>,
    from: Option<&str>,
    until: Option<&str>,
    days: Option<u32>,
) -> Result<TermRequest, ApiError> {
    match action {
        "suspend" => Ok(TermRequest::Suspend {
            reason: pause_reason(reason)?,
            from: date_field("from", from)?,
            until: date_field("until", until)?,
        }),
        "resume" => Ok(TermRequest::Resume),
        "extend" => Ok(TermRequest::Extend {
            reason: pause_reason(reason)?,
            days: days.ok_or_else(|| ApiError::invalid("days", "required"))?,
        }),
        _ => Err(ApiError::invalid("action", "suspend, resume or extend")),
    }
}

/// The officer suspends, resumes or extends the term.
pub async fn term(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<TermForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let days = match form.days.as_deref().map(str::trim).filter(|days| !days.is_empty()) {
        Some(days) => Some(
            days.parse::<u32>()
                .map_err(|_| ApiError::invalid("days", "a whole number"))?,
        ),
        None => None,
    };
    let request = term_request(
        form.action.as_deref().unwrap_or_default(),
        form.reason.as_deref(),
        form.from.as_deref(),
        form.until.as_deref(),
        days,
    )?;
    procedure::change_term(&state, &caller, id, request, form.note).await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=term")).into_response())
}

/// The appeal form.
#[derive(Debug, Deserialize)]
pub struct AppealForm {
    csrf: Option<String>,
    body: Option<String>,
    filed_on: Option<String>,
}

/// An appeal received is recorded.
pub async fn appeal(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<AppealForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let body: AppealBody = form
        .body
        .as_deref()
        .unwrap_or_default()
        .parse()
        .map_err(|error: ruqsat_domain::codes::UnknownCode| ApiError::invalid("body", error.to_string()))?;
    let filed_on = date_field("filed_on", form.filed_on.as_deref())?;
    procedure::receive_appeal(&state, &caller, id, body, filed_on).await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=appeal")).into_response())
}

/// The appeal outcome form.
#[derive(Debug, Deserialize)]
pub struct AppealOutcomeForm {
    csrf: Option<String>,
    upheld: Option<String>,
    note: Option<String>,
}

/// The supervisor records the outcome of an appeal.
pub async fn appeal_outcome(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<AppealOutcomeForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let upheld = match form.upheld.as_deref() {
        Some("true") => true,
        Some("false") => false,
        _ => return Err(ApiError::invalid("upheld", "true or false").into()),
    };
    procedure::decide_appeal(&state, &caller, id, upheld, form.note.as_deref().unwrap_or_default()).await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=appeal")).into_response())
}
