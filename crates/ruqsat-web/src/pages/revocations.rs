//! The officer's revocation candidates (from the sweep of permit holders): each with its
//! evidence (the period, the days counted, the crossings used), the officer's review (revoke or
//! dismiss, with the reasoning) and the supervisor's signature.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use maud::html;
use serde::Deserialize;

use super::{Page, PageResult, flash, render};
use crate::AppState;
use crate::auth::Role;
use crate::error::ApiError;
use ruqsat_cases::records::{self, Evidence};
use ruqsat_cases::workflow::{self, Review};
use ruqsat_domain::codes::CandidateState;

/// Parameters of the list.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    done: Option<String>,
}

/// The open candidates and those awaiting the signature, of the caller's region.
pub async fn list(State(state): State<AppState>, page: Page, Query(query): Query<ListQuery>) -> PageResult {
    let caller = page.staff()?.clone();
    if !matches!(caller.role, Role::Officer | Role::Supervisor | Role::Auditor) {
        return Err(ApiError::Forbidden("revocations".into()).into());
    }
    let mut rows = Vec::new();
    for candidate_state in [CandidateState::Open, CandidateState::AwaitingSignature] {
        for candidate in state.store.candidates(candidate_state).await? {
            let Some(case) = state.store.case(candidate.case_id).await? else {
                continue;
            };
            if caller.sees_region(case.region) {
                rows.push((candidate, case));
            }
        }
    }
    // The register of decisions taken: revocations signed and candidates dismissed.
    let mut decided = Vec::new();
    for candidate_state in [CandidateState::Revoked, CandidateState::Dismissed] {
        for candidate in state.store.candidates(candidate_state).await? {
            let Some(case) = state.store.case(candidate.case_id).await? else {
                continue;
            };
            if caller.sees_region(case.region) {
                decided.push((candidate, case));
            }
        }
    }
    // The list shows holders' names and evidence: a staff read of personal data, audited.
    if !rows.is_empty() {
        let numbers: Vec<&str> = rows.iter().map(|(_, case)| case.number.as_str()).collect();
        state
            .store
            .audit(
                &caller.login,
                "read_revocations",
                None,
                &format!("revocation candidates listed: {}", numbers.join(", ")),
                (state.clock)(),
            )
            .await?;
    }
    let body = html! {
        (flash(&page, query.done.as_deref()))
        h1 { (page.t("revocations-title")) }
        p { (page.t("revocations-intro")) }
        @if rows.is_empty() { p { (page.t("queue-empty")) } }
        @for (candidate, case) in &rows {
            @let evidence = Evidence::read(case.id, &candidate.evidence)?;
            @let application = records::application(case)?;
            section class="candidate" {
                h2 {
                    code { (candidate.ground) } " · " (case.permit_number.clone().unwrap_or_default()) " · "
                    (application.applicant.surname) " " (application.applicant.given_name)
                }
                p { strong { (page.t(&format!("candidate-state-{}", candidate.state))) } }
                dl {
                    @match &evidence {
                        Evidence::Presence(presence) => {
                            dt { (page.t("evidence-period")) } dd { (presence.period.from) " — " (presence.period.to) }
                            dt { (page.t("evidence-days")) } dd { strong { (presence.period.days_present) } " / " (presence.min_days) }
                            dt { (page.t("evidence-unknown")) } dd { (presence.period.days_unknown) }
                            dt { (page.t("evidence-crossings")) } dd {
                                @for crossing in &presence.period.crossings { code { (crossing) } " " }
                            }
                        }
                        Evidence::Registry(registry) => {
                            // The registry's finding is recorded in English; other pages name the
                            // ground it raises in their language.
                            dt { (page.t("evidence-finding")) }
                            @if page.lang == ruqsat_i18n::Lang::En { dd { (registry.finding) } }
                            @else if let Ok(ground) = candidate.ground.parse::<ruqsat_domain::codes::GroundCode>() {
                                dd { (ruqsat_i18n::ground_title(page.lang, ground)) " (" (registry.as_of) ")" }
                            }
                        }
                    }
                    dt { (page.t("evidence-found")) } dd { (candidate.found_on) }
                }
                @if let Some(reason) = &candidate.officer_reason {
                    blockquote { (reason) " — " (candidate.officer.clone().unwrap_or_default()) }
                }
                @if candidate.state == CandidateState::Open && matches!(caller.role, Role::Officer | Role::Supervisor) {
                    form method="post" action={"/officer/revocations/" (candidate.id) "/review"} class="stack" {
                        (page.csrf_field())
                        div class="field" {
                            label for={"f-reason-" (candidate.id)} { (page.t("field-reason")) }
                            textarea id={"f-reason-" (candidate.id)} name="reason" rows="3" required data-msg-required=(page.t("invalid-required")) {}
                            p class="error" id={"err-f-reason-" (candidate.id)} {}
                        }
                        div {
                            button type="submit" name="review" value="revoke" { (page.t("action-propose-revocation")) } " "
                            button type="submit" name="review" value="dismiss" class="secondary" { (page.t("action-dismiss")) }
                        }
                    }
                }
                @if candidate.state == CandidateState::AwaitingSignature && caller.role == Role::Supervisor {
                    form method="post" action={"/officer/revocations/" (candidate.id) "/signature"} {
                        (page.csrf_field())
                        button type="submit" name="approve" value="true" { (page.t("action-sign-revocation")) } " "
                        button type="submit" name="approve" value="false" class="secondary" { (page.t("action-return")) }
                    }
                }
                p { a href={"/officer/cases/" (case.id)} { (page.t("revocations-open-case")) } }
            }
        }
        h2 { (page.t("revocations-register")) }
        @if decided.is_empty() {
            p { (page.t("queue-empty")) }
        } @else {
            div class="scroll" {
                table class="register" {
                    thead { tr {
                        th { (page.t("col-permit-number")) } th { (page.t("col-ground")) } th { (page.t("col-state")) }
                        th { (page.t("col-who")) } th { (page.t("col-reason")) } th { (page.t("col-act")) }
                    } }
                    tbody {
                        @for (candidate, case) in &decided {
                            tr {
                                td { a href={"/officer/cases/" (case.id)} { (case.permit_number.clone().unwrap_or_default()) } }
                                td { code { (candidate.ground) } }
                                td { (page.t(&format!("candidate-state-{}", candidate.state))) }
                                td { (candidate.officer.clone().unwrap_or_default()) @if let Some(supervisor) = &candidate.supervisor { " / " (supervisor) } }
                                td lang="" { (candidate.officer_reason.clone().unwrap_or_default()) }
                                td { @if candidate.state == CandidateState::Revoked {
                                    a href={"/officer/cases/" (case.id) "/print/revocation"} { (page.t("revocations-act")) }
                                } }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(render(&page, &page.t("revocations-title"), body))
}

/// The review form's fields.
#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    csrf: Option<String>,
    review: Option<String>,
    reason: Option<String>,
}

/// The officer reviews a candidate.
pub async fn review(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let review = match form.review.as_deref() {
        Some("revoke") => Review::Revoke,
        Some("dismiss") => Review::Dismiss,
        _ => return Err(ApiError::invalid("review", "revoke or dismiss").into()),
    };
    workflow::review_candidate(&state, &caller, id, review, form.reason.as_deref().unwrap_or_default()).await?;
    Ok(Redirect::to("/officer/revocations?done=decided").into_response())
}

/// The signature form's fields.
#[derive(Debug, Deserialize)]
pub struct SignForm {
    csrf: Option<String>,
    approve: Option<String>,
}

/// The supervisor signs (the permit is revoked) or returns the proposal.
pub async fn sign(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<SignForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    workflow::sign_revocation(&state, &caller, id, form.approve.as_deref() == Some("true")).await?;
    Ok(Redirect::to("/officer/revocations?done=signed").into_response())
}
