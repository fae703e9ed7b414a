//! The officer workstation (queue by due time, the case page with the checks and the engine's
//! proposal, decide / sign / issue / print / hand over) and the State Corporation desk's list
//! of results to hand over.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use maud::{Markup, html};
use ruqsat_cases::documents;
use ruqsat_cases::records::{self, DecisionRecord};
use ruqsat_domain::application::{Finding, HostParty, Person, Request};
use ruqsat_domain::case::CaseState;
use ruqsat_domain::codes::{Channel, GroundCode, Service};
use ruqsat_domain::decision::Outcome;
use ruqsat_i18n::Arg;
use ruqsat_store::QueueFilter;
use serde::Deserialize;

use super::{Page, PageResult, flash, given, kazakh_time, printing, render};
use crate::AppState;
use crate::api::{self, CaseSummary};
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use ruqsat_cases::workflow::{self, OfficerDecision};

/// Parameters of the queue: filters, a search, and the page after a case (keyset paging).
#[derive(Debug, Deserialize, Default)]
pub struct QueueQuery {
    done: Option<String>,
    state: Option<String>,
    service: Option<String>,
    q: Option<String>,
    after: Option<String>,
    /// `1`: the cases assigned to the reader.
    mine: Option<String>,
}

/// The most cases a queue page shows.
pub const QUEUE_PAGE: i64 = 100;

/// The queue of the officer's region, soonest due first: overdue in red, due today in amber;
/// filtered by state and service, searched by application number, passport number or IIN,
/// a page at a time.
pub async fn queue(State(state): State<AppState>, page: Page, Query(query): Query<QueueQuery>) -> PageResult {
    let caller = page.staff()?.clone();
    let region = match caller.role {
        Role::Officer | Role::Supervisor => caller.region_code(),
        Role::Auditor => None,
        Role::Operator => return Ok(Redirect::to("/desk").into_response()),
        Role::Administrator | Role::Integration(_) | Role::BorderService => {
            return Err(ApiError::Forbidden("no queue".into()).into());
        }
    };
    let open = CaseState::open_codes();
    let filter = QueueFilter {
        state: given(&query.state).filter(|wanted| open.contains(&wanted.as_str())),
        service: given(&query.service).filter(|wanted| ["trp", "prp"].contains(&wanted.as_str())),
        channel: None,
        search: given(&query.q).map(|search| search.to_uppercase()),
        assignee: given(&query.mine).map(|_| caller.login.clone()),
    };
    // `after` is the last case of the previous page: its due instant and id.
    let after = given(&query.after).and_then(|after| api::queue_cursor(&after));
    let now = (state.clock)();
    let cases = state
        .store
        .queue_page(region, &open, &filter, after, QUEUE_PAGE + 1)
        .await?;
    let more = cases.len() as i64 > QUEUE_PAGE;
    let cases = &cases[..cases.len().min(QUEUE_PAGE as usize)];
    let (total, overdue) = state.store.queue_counts(region, &open, now).await?;
    let rows: Vec<QueueRow> = cases
        .iter()
        .map(|case| {
            Ok(QueueRow {
                summary: api::summary(&state.law, case, now)?,
                name: records::applicant_name(case),
                assignee: case.assignee.clone(),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let next = more.then(|| cases.last()).flatten().and_then(api::queue_cursor_of);
    let counts = QueueCounts { total, overdue };
    let view = QueueView {
        filter: &filter,
        next: next.as_deref(),
        supervisor: caller.role == Role::Supervisor,
        officer: caller.role == Role::Officer,
    };
    Ok(render(
        &page,
        &page.t("queue-title"),
        queue_body(&page, region, &rows, counts, query.done.as_deref(), &view),
    ))
}

/// One line of the queue.
#[derive(Debug)]
pub struct QueueRow {
    /// The case.
    pub summary: CaseSummary,
    /// The applicant's name.
    pub name: String,
    /// Who works on it.
    pub assignee: Option<String>,
}

/// The size of the whole queue, of which the page shows the cases due soonest.
#[derive(Debug, Clone, Copy)]
pub struct QueueCounts {
    /// Open cases.
    pub total: i64,
    /// Of which past their due time.
    pub overdue: i64,
}

/// The filters of the queue as shown, and the link to the next page.
#[derive(Debug, Clone, Copy)]
pub struct QueueView<'a> {
    /// The filter applied.
    pub filter: &'a QueueFilter,
    /// The `after` of the next page, when there is one.
    pub next: Option<&'a str>,
    /// Whether the reader signs refusals (the "awaiting my signature" link).
    pub supervisor: bool,
    /// Whether the reader is an officer (the "assigned to me" filter).
    pub officer: bool,
}

/// The queue's content (apart from the IO).
pub fn queue_body(
    page: &Page,
    region: Option<&str>,
    cases: &[QueueRow],
    counts: QueueCounts,
    done: Option<&str>,
    view: &QueueView<'_>,
) -> Markup {
    let filters = super::filter_query(&[
        ("state", &view.filter.state),
        ("service", &view.filter.service),
        ("q", &view.filter.search),
        ("mine", &view.filter.assignee.as_ref().map(|_| "1".to_owned())),
    ]);
    html! {
        (flash(page, done))
        h1 { (page.t("queue-title")) @if let Some(region) = region { " · " (page.t(&format!("region-{region}"))) } }
        p { (page.ta("queue-count", &[("count", Arg::Number(counts.total)), ("overdue", Arg::Number(counts.overdue))])) }
        @if view.supervisor {
            p { a href="/officer?state=awaiting_signature" { (page.t("queue-awaiting-my-signature")) } }
        }
        form method="get" action="/officer" class="filters" role="search" {
            div class="field" {
                label for="f-q" { (page.t("queue-search")) }
                input type="search" id="f-q" name="q" value=(view.filter.search.as_deref().unwrap_or_default()) autocomplete="off";
            }
            div class="field" {
                label for="f-state" { (page.t("col-state")) }
                select id="f-state" name="state" {
                    option value="" { (page.t("queue-any")) }
                    @for state in CaseState::ALL.iter().filter(|state| state.is_open()) {
                        option value=(state.as_str()) selected[view.filter.state.as_deref() == Some(state.as_str())] { (page.t(&format!("state-{}", state.as_str()))) }
                    }
                }
            }
            div class="field" {
                label for="f-service" { (page.t("col-service")) }
                select id="f-service" name="service" {
                    option value="" { (page.t("queue-any")) }
                    @for service in ["trp", "prp"] {
                        option value=(service) selected[view.filter.service.as_deref() == Some(service)] { (page.t(&format!("service-{service}"))) }
                    }
                }
            }
            @if view.officer {
                label class="check" { input type="checkbox" name="mine" value="1" checked[view.filter.assignee.is_some()]; " " (page.t("queue-assigned-to-me")) }
            }
            button type="submit" { (page.t("action-show")) }
        }
        @if cases.is_empty() {
            p { (page.t("queue-empty")) }
        } @else {
            div class="scroll" {
                table class="queue" {
                    thead { tr {
                        th scope="col" { (page.t("col-number")) } th scope="col" { (page.t("label-name")) }
                        th scope="col" { (page.t("col-service")) }
                        th scope="col" { (page.t("col-channel")) } th scope="col" { (page.t("col-state")) }
                        th scope="col" { (page.t("col-due")) } th scope="col" { (page.t("col-proposal")) }
                        th scope="col" { (page.t("col-assignee")) }
                    } }
                    tbody {
                        @for QueueRow { summary: case, name, assignee } in cases {
                            tr class={ @if case.overdue { "overdue" } @else if case.due_today { "due-today" } } {
                                td { a href={"/officer/cases/" (case.id)} { (case.number) } }
                                td { (name) }
                                td { (page.t(&format!("service-{}", case.service))) }
                                td { (page.t(&format!("channel-{}", case.channel))) }
                                td { (page.t(&format!("state-{}", case.state))) }
                                td {
                                    @if let Some(due) = &case.due_at { (due.get(..16).unwrap_or(due).replace('T', " ")) }
                                    @if case.overdue { " " span class="badge red" { (page.t("queue-overdue")) } }
                                    @else if case.due_today { " " span class="badge amber" { (page.t("queue-due-today")) } }
                                }
                                td class="proposal" { @if let Some(outcome) = &case.proposal { (page.t(&format!("outcome-{outcome}"))) } }
                                td { (assignee.as_deref().unwrap_or("—")) }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(next) = view.next {
            p { a class="button secondary" href={"/officer?after=" (percent_encoding::utf8_percent_encode(next, percent_encoding::NON_ALPHANUMERIC)) (filters)} { (page.t("queue-next")) } }
        }
    }
}

/// Parameters of the case page.
#[derive(Debug, Deserialize)]
pub struct CaseQuery {
    done: Option<String>,
}

/// The case page: applicant, family, host, documents, the seven checks with their results and
/// sources, the engine's proposal with its grounds explained in the page's language, the
/// decision and its actions, the history and the registry queries (an audited read).
pub async fn case_page(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Query(query): Query<CaseQuery>,
) -> PageResult {
    let caller = page.staff()?.clone();
    if matches!(caller.role, Role::Administrator | Role::Integration(_)) {
        return Err(ApiError::NotFound.into());
    }
    let case = workflow::visible_case(&state, &caller, id).await?;
    let now = (state.clock)();
    state
        .store
        .audit(
            &caller.login,
            "read_case",
            Some(case.id),
            &format!("case {} viewed", case.number),
            now,
        )
        .await?;
    let events = state.store.events(case.id).await?;
    let queries = state.store.queries(case.id).await?;
    let signature = workflow::signature_of(&state, case.id).await?;
    let documents = state.store.documents(case.id).await?;
    let application = records::application(&case)?;
    let decision = DecisionRecord::read(&case)?;
    // The proposal in the page's language: the engine replayed on the stored input.
    let proposal = ruqsat_contract::decide_json(&records::replay_input(&case)?, &state.law, page.lang).ok();
    let summary = api::summary(&state.law, &case, now)?;
    let applicant = &application.applicant;
    let case_state: Option<CaseState> = Some(case.state);
    // Whom a supervisor may give the case to.
    let officers = if page.user.as_ref().is_some_and(|user| user.role == Role::Supervisor) && case.state.is_open() {
        workflow::officers_of(&state, case.region).await?
    } else {
        Vec::new()
    };
    let body = html! {
        (flash(&page, query.done.as_deref()))
        p { a href="/officer" { "← " (page.t("nav-queue")) } }
        h1 { (page.ta("case-title", &[("number", Arg::from(case.number.as_str()))])) }
        p class="meta" {
            span class={"state state-" (case.state)} { (page.t(&format!("state-{}", case.state))) }
            " · " (page.t(&format!("service-{}", case.service)))
            " · " (page.t(&format!("channel-{}", case.channel)))
            @if let Some(due) = &summary.due_at { " · " (page.t("col-due")) ": " (due.get(..16).unwrap_or(due).replace('T', " ")) }
            @if summary.overdue { " " span class="badge red" { (page.t("queue-overdue")) } }
        }
        (assignment(&page, &case, &officers))
        div class="columns" {
            section {
                h2 { (page.t("case-applicant")) }
                (person(&page, applicant))
                @if let Request::Trp(subtype) = application.request {
                    dl { dt { (page.t("field-subtype")) } dd { (page.t(&format!("subtype-{}", subtype.as_str()))) } }
                }
                dl class="contacts" {
                    @if let Some(period) = application.requested_period {
                        dt { (page.t("label-requested-period")) } dd { (period.from()) " – " (period.to()) }
                    }
                    @if let Some(until) = application.contract_ends_on { dt { (page.t("field-contract-ends")) } dd { (until) } }
                    @if let Some(until) = application.stay_permitted_until { dt { (page.t("field-stay-until")) } dd { (until) } }
                    @if let Some(phone) = &application.questionnaire.mobile_phone { dt { (page.t("label-phone")) } dd { (phone) } }
                    @if let Some(email) = &application.questionnaire.email { dt { (page.t("label-email")) } dd { (email) } }
                    @if let Some(language) = &application.questionnaire.language {
                        dt { (page.t("label-language")) }
                        @match language.parse::<ruqsat_i18n::Lang>() {
                            Ok(lang) => dd lang=(lang.as_str()) { (super::language_name(lang)) },
                            Err(_) => dd { (language) },
                        }
                    }
                }
                @if let Some(address) = application.questionnaire.address_in_kazakhstan.as_ref().and_then(documents::address_line) {
                    dl { dt { (page.t("section-address")) } dd { (address) } }
                }
                h2 { (page.t("case-family")) }
                @if application.family_members.is_empty() { p { (page.t("case-none")) } }
                @for member in &application.family_members {
                    (person(&page, &member.person))
                    p { (page.t("field-relation")) ": " (page.t(&format!("relation-{}", member.relation.as_str()))) }
                }
                h2 { (page.t("case-host")) }
                @if let Some(host) = &application.host {
                    dl {
                        dt { (page.t("field-host-name")) } dd { (host.name.as_deref().unwrap_or("—")) }
                        dt { (page.t("field-host-kind")) } dd { (page.t(match host.party { HostParty::LegalEntity(_) => "host-legal_entity", HostParty::Individual(_) => "host-individual" })) }
                        dt { (page.t("field-host-id")) } dd { (match host.party { HostParty::LegalEntity(bin) => bin.to_string(), HostParty::Individual(iin) => iin.to_string() }) }
                        dt { (page.t("field-host-owns-housing")) } dd { (page.t(if host.owns_housing { "answer-yes" } else { "answer-no" })) }
                    }
                } @else { p { (page.t("case-none")) } }
                h2 { (page.t("case-documents")) }
                ul class="documents" {
                    @for document in &application.documents {
                        li { (page.t(&format!("document-{}", document.document_type.as_str()))) }
                    }
                }
                @if !documents.is_empty() {
                    h3 { (page.t("case-uploads")) }
                    div class="previews" {
                        @for document in &documents {
                            figure {
                                @let href = format!("/officer/cases/{}/documents/{}", case.id, document.id);
                                @if document.media_type.starts_with("image/") {
                                    a href=(href) { img src=(href) alt=(page.t(&format!("document-{}", document.document_type))) loading="lazy"; }
                                } @else {
                                    a href=(href) class="pdf" { "PDF" }
                                }
                                figcaption { (page.t(&format!("document-{}", document.document_type))) br; small { "SHA-256 " (document.sha256.get(..12).unwrap_or_default()) "…" } }
                            }
                        }
                    }
                }
            }
            section {
                h2 { (page.t("case-checks")) }
                @if let Some(proposal) = &proposal {
                    table {
                        thead { tr { th { (page.t("col-check")) } th { (page.t("col-result")) } th { (page.t("col-source")) } } }
                        tbody {
                            @for check in &proposal.checks {
                                tr class={"check-" (check.result)} {
                                    td { code { (check.code) } " " (check_name(&page, check.code)) }
                                    td { (page.t(&format!("result-{}", check.result))) }
                                    td { (page.t(&format!("check-source-{}", check.code.replace('.', "-")))) }
                                }
                            }
                        }
                    }
                    h2 { (page.t("case-proposal")) }
                    p class={"proposal outcome-" (proposal.outcome)} { strong { (page.t(&format!("outcome-{}", proposal.outcome))) } }
                    @if !proposal.grounds.is_empty() {
                        h3 { (page.t("case-grounds")) }
                        ul class="grounds" {
                            @for ground in &proposal.grounds {
                                li { code { (ground.code) } " " strong { (ground.title) } br; (ground.explanation) br; small { (ground.source) } }
                            }
                        }
                    }
                    details {
                        summary { (page.t("case-explanation")) }
                        ol { @for line in &proposal.explanation { li { (super::coded_line(line)) } } }
                        p class="hint" { (page.t("case-edition")) ": " (proposal.edition.id) }
                    }
                } @else {
                    p { (page.t("case-no-proposal")) }
                }
                (actions(&page, &caller, &case, case_state, decision.as_ref(), proposal.as_ref().map(|proposal| proposal.outcome)))
                (super::procedure::staff_sections(&page, &state, &caller, &case, decision.as_ref())?)
            }
        }
        h2 { (page.t("case-history")) }
        table class="history" {
            thead { tr { th { (page.t("col-when")) } th { (page.t("col-who")) } th { (page.t("col-state")) } th { (page.t("col-reason")) } } }
            tbody { @for event in &events { tr {
                td { (kazakh_time(&state.law, &event.at)) } td { (actor_name(&page, &event.actor)) }
                td { (page.t(&format!("state-{}", event.to_state))) } td {
                    @match &event.reason {
                        // What a person typed is shown as typed, its language unknown (lang="").
                        Some(ruqsat_domain::case::EventReason::Stated(typed) | ruqsat_domain::case::EventReason::Legacy(typed)) => span lang="" { (typed) },
                        Some(reason) => (ruqsat_i18n::event_reason(page.lang, reason)),
                        None => {},
                    }
                }
            } } }
        }
        @if let Some((evidence, verified_at)) = &signature {
            h2 { (page.t("case-signature")) }
            dl class="signature" {
                // The certificate's names are as the authority wrote them (not translated).
                dt { (page.t("signature-signer")) } dd lang="" { (evidence.signer) }
                dt { (page.t("signature-certificate")) } dd lang="" { (evidence.serial) " — " (evidence.issuer) }
                dt { (page.t("signature-verified")) } dd { (kazakh_time(&state.law, verified_at)) }
                dt { (page.t("signature-revocation")) } dd lang="" { (evidence.revocation) }
            }
        }
        h2 { (page.t("case-registry-queries")) }
        div class="scroll" {
            table class="queries" {
                thead { tr { th { (page.t("col-when")) } th { (page.t("col-registry")) } th { (page.t("col-basis")) } th { (page.t("col-asked-by")) } th { (page.t("col-answered")) } } }
                tbody { @for query in &queries { tr {
                    td { (kazakh_time(&state.law, &query.at)) } td { (page.t(&format!("registry-{}", query.registry))) }
                    td { (ruqsat_i18n::legal_basis(page.lang, &query.legal_basis)) }
                    td { code { (query.user_id.as_deref().unwrap_or("—")) } }
                    td { @if query.answered { "✓" } @else { "—" } }
                } } }
            }
        }
    };
    Ok(render(&page, &case.number, body))
}

fn check_name(page: &Page, code: &str) -> String {
    code.parse::<ruqsat_domain::codes::CheckCode>()
        .map(|check| ruqsat_i18n::check_name(page.lang, check))
        .unwrap_or_default()
}

fn person(page: &Page, person: &Person) -> Markup {
    html! {
        dl class="person" {
            dt { (page.t("label-name")) } dd { (documents::full_name(person)) }
            dt { (page.t("label-birth-date")) } dd { (person.birth_date) }
            dt { (page.t("field-sex")) } dd { (page.t(&format!("sex-{}", person.sex.as_str()))) }
            dt { (page.t("label-citizenship")) }
            dd {
                @match person.citizenship {
                    // The country by its name in the reader's language, and its code for the registries.
                    Some(country) => { (ruqsat_i18n::country_name(page.lang, &country.to_string()).unwrap_or_default()) " " small { code { (country) } } },
                    None => (page.t("citizenship-none")),
                }
            }
            dt { (page.t("label-passport")) } dd { (person.passport.number) }
            dt { (page.t("label-passport-validity")) } dd { (person.passport.issued_on) " – " (person.passport.expires_on) }
            @if let Some(iin) = person.iin { dt { (page.t("label-iin")) } dd { (iin) } }
            @if let Some(place) = &person.birth_place { dt { (page.t("field-birth-place")) } dd { (place) } }
            @if let Some(nationality) = &person.nationality { dt { (page.t("field-nationality")) } dd { (nationality) } }
            @if let Some(address) = &person.residence_address { dt { (page.t("field-residence-abroad")) } dd { (address) } }
        }
    }
}

/// The actions the caller may take on the case in its state.
fn actions(
    page: &Page,
    caller: &Caller,
    case: &ruqsat_store::CaseRow,
    state: Option<CaseState>,
    decision: Option<&DecisionRecord>,
    proposal: Option<&str>,
) -> Markup {
    let base = format!("/officer/cases/{}", case.id);
    let officer = matches!(caller.role, Role::Officer | Role::Supervisor);
    let outcome = decision.map(|decision| decision.outcome.as_str());
    html! {
        section class="actions" aria-label=(page.t("case-actions")) {
            h2 { (page.t("case-decision")) }
            @if let Some(decision) = decision {
                p { strong { (page.t(&format!("outcome-{}", decision.outcome.as_str()))) } " — " (decision.officer) ", " (decision.decided_on) }
                @if let Some(reason) = &decision.reason { blockquote lang="" { (reason) } }
                @if let Some(number) = &case.permit_number { p { (page.t("col-permit-number")) ": " strong class="permit-number" { (number) } } }
                @if let Some(appeal) = &decision.appeal { p { (page.ta("case-appeal", &[("until", Arg::from(appeal.until.to_string()))])) } }
            }
            @match state {
                Some(CaseState::Proposed | CaseState::Objected) if officer => {
                    form method="post" action={(base) "/decision"} class="stack" {
                        (page.csrf_field())
                        @if state == Some(CaseState::Objected) {
                            div class="field" {
                                label for="f-answer" { (page.t("field-answer")) }
                                textarea id="f-answer" name="answer" rows="4" required aria-describedby="h-answer" {}
                                p class="hint" id="h-answer" { (page.t("field-answer-help")) }
                            }
                        }
                        fieldset {
                            legend { (page.t("field-outcome")) }
                            label { input type="radio" name="outcome" value="issue" checked[proposal == Some("issue")] required; " " (page.t("action-issue")) }
                            label { input type="radio" name="outcome" value="refuse" checked[proposal == Some("refuse")]; " " (page.t("action-refuse")) }
                        }
                        div class="field" {
                            label for="f-reason" { (page.t("field-reason")) }
                            textarea id="f-reason" name="reason" rows="3" aria-describedby="h-reason" {}
                            p class="hint" id="h-reason" { (page.t("field-reason-help")) }
                        }
                        div class="field" {
                            label for="f-ground" { (page.t("field-ground")) }
                            select id="f-ground" name="finding_ground" {
                                option value="" { "—" }
                                @for ground in GroundCode::ALL {
                                    @if ground.as_str().starts_with(if case.service == Service::Trp { "trp." } else { "a" }) || (case.service == Service::Prp && ground.as_str().starts_with("prp.")) {
                                        option value=(ground.as_str()) { (ground.as_str()) " " (ruqsat_i18n::ground_title(page.lang, *ground)) }
                                    }
                                }
                            }
                        }
                        div class="field" {
                            label for="f-note" { (page.t("field-finding-note")) }
                            textarea id="f-note" name="finding_note" rows="2" {}
                        }
                        button type="submit" { (page.t("action-decide")) }
                    }
                }
                Some(CaseState::AwaitingSignature) if caller.role == Role::Supervisor => {
                    form method="post" action={(base) "/signature"} class="stack" {
                        (page.csrf_field())
                        p { (page.t("case-signature-needed")) }
                        div class="field" {
                            label for="f-sign-reason" { (page.t("field-sign-reason")) }
                            textarea id="f-sign-reason" name="reason" rows="2" {}
                        }
                        button type="submit" name="approve" value="true" { (page.t("action-sign")) }
                        " "
                        button type="submit" name="approve" value="false" class="secondary" { (page.t("action-return")) }
                    }
                }
                Some(CaseState::AwaitingSignature) => { p { (page.t("case-awaiting-signature")) } }
                Some(CaseState::PermitIssued | CaseState::RefusalIssued) if officer => {
                    form method="post" action={(base) "/delivery"} {
                        (page.csrf_field())
                        button type="submit" { (page.t(&format!("action-deliver-{}", case.channel))) }
                    }
                }
                // The desk hands over at the desk; the State Corporation's operator at its office;
                // a portal result is taken from the personal cabinet.
                Some(CaseState::Delivered) if officer && case.channel == Channel::Desk => {
                    (handover_form(page, &format!("{base}/handover")))
                }
                _ => {}
            }
            @if outcome.is_some() {
                p class="print" {
                    @if outcome == Some("issue") && case.state != CaseState::Revoked { a class="button" href={(base) "/print/permit"} { (page.t("action-print-permit")) } " " }
                    @if outcome == Some("refuse") && decision.is_some_and(|decision| decision.supervisor.is_some()) { a class="button" href={(base) "/print/refusal"} { (page.t("action-print-refusal")) } " " }
                    @if case.state == CaseState::Revoked { a class="button" href={(base) "/print/revocation"} { (page.t("action-print-revocation")) } " " }
                }
            }
            @if case.service == Service::Trp {
                p { a href={(base) "/print/questionnaire"} { (page.t("action-print-questionnaire")) } }
            }
            @if case.channel != Channel::Portal {
                p { a href={(base) "/receipt"} { (page.t("action-print-receipt")) } }
            }
        }
    }
}

/// The hand-over form: the person taking the result is identified by their identity document
/// (ticked as checked), by an electronic document of the digital documents service (its one-time
/// code), or as a representative with a document of authority.
pub fn handover_form(page: &Page, action: &str) -> Markup {
    // Several forms on one page (the desk's list): ids of their own.
    let suffix: String = action.chars().filter(char::is_ascii_digit).collect();
    let id = |name: &str| format!("h{suffix}-{name}");
    let text = |name: &str, label: &str| {
        html! {
            div class="field" {
                label for=(id(name)) { (page.t(label)) }
                input id=(id(name)) name=(name) autocomplete="off";
            }
        }
    };
    html! {
        form method="post" action=(action) class="stack handover" {
            (page.csrf_field())
            fieldset {
                legend { (page.t("field-identity")) }
                label { input type="radio" name="identity" value="document" checked; " " (page.t("identity-document")) }
                label { input type="checkbox" name="identity_checked" value="true"; " " (page.t("field-identity-checked")) }
                label { input type="radio" name="identity" value="digital"; " " (page.t("identity-digital")) }
                div class="field" {
                    label for=(id("digital_code")) { (page.t("field-digital-code")) }
                    input id=(id("digital_code")) name="digital_code" inputmode="numeric" autocomplete="one-time-code" maxlength="7";
                }
                label { input type="radio" name="identity" value="representative"; " " (page.t("identity-representative")) }
                (text("representative_name", "field-representative-name"))
                (text("representative_document", "field-representative-document"))
                (text("representative_authority", "field-representative-authority"))
            }
            button type="submit" { (page.t("action-handover")) }
        }
    }
}

/// The decision form's fields.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    csrf: Option<String>,
    outcome: Option<String>,
    reason: Option<String>,
    finding_ground: Option<String>,
    finding_note: Option<String>,
    answer: Option<String>,
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned()).filter(|text| !text.is_empty())
}

/// The officer decides.
pub async fn decide(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let outcome = match form.outcome.as_deref() {
        Some("issue") => Outcome::Issue,
        Some("refuse") => Outcome::Refuse,
        _ => return Err(ApiError::invalid("outcome", "issue or refuse").into()),
    };
    let mut findings = Vec::new();
    if let Some(ground) = non_empty(form.finding_ground) {
        let ground = workflow::parse_ground("finding_ground", &ground)?;
        let note = non_empty(form.finding_note)
            .ok_or_else(|| ApiError::invalid("finding_note", "a finding needs its reasoning"))?;
        findings.push(Finding { ground, note });
    }
    workflow::decide_case(
        &state,
        &caller,
        id,
        OfficerDecision {
            outcome,
            reason: non_empty(form.reason),
            findings,
            answer: non_empty(form.answer),
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=decided")).into_response())
}

/// The signature form's fields.
#[derive(Debug, Deserialize)]
pub struct SignatureForm {
    csrf: Option<String>,
    approve: Option<String>,
    reason: Option<String>,
}

/// The supervisor signs a refusal or returns it.
pub async fn sign(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<SignatureForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let approve = form.approve.as_deref() == Some("true");
    workflow::sign(&state, &caller, id, approve, non_empty(form.reason)).await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=signed")).into_response())
}

/// A form with only the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    csrf: Option<String>,
}

/// The result is delivered through the channel.
pub async fn deliver(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    workflow::deliver(&state, &caller, id).await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=delivered")).into_response())
}

/// The assignment form's fields.
#[derive(Debug, Deserialize)]
pub struct AssignmentForm {
    csrf: Option<String>,
    /// The officer's login; empty: nobody.
    #[serde(default)]
    assignee: String,
}

/// Who works on the case: an officer takes it or gives it back, a supervisor gives it.
pub async fn assign(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<AssignmentForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let assignee = Some(form.assignee.trim()).filter(|login| !login.is_empty());
    workflow::assign(&state, &caller, id, assignee).await?;
    Ok(Redirect::to(&format!("/officer/cases/{id}?done=assigned")).into_response())
}

/// The hand-over form's fields.
#[derive(Debug, Deserialize)]
pub struct HandoverForm {
    csrf: Option<String>,
    identity: Option<String>,
    identity_checked: Option<String>,
    digital_code: Option<String>,
    representative_name: Option<String>,
    representative_document: Option<String>,
    representative_authority: Option<String>,
}

/// The result is handed over after the identity check (officer at the desk, operator at the
/// State Corporation).
pub async fn hand_over(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<HandoverForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let caller = page.staff()?.clone();
    let identity = crate::api::identity_of(
        form.identity.as_deref(),
        form.identity_checked.as_deref() == Some("true"),
        form.digital_code,
        Some((
            form.representative_name.unwrap_or_default(),
            form.representative_document.unwrap_or_default(),
            form.representative_authority.unwrap_or_default(),
        )),
    )?;
    workflow::hand_over(&state, &caller, id, identity).await?;
    let back = if caller.role == Role::Operator {
        "/desk?done=handed_over".to_owned()
    } else {
        format!("/officer/cases/{id}?done=handed_over")
    };
    Ok(Redirect::to(&back).into_response())
}

/// A document of the case (audited read), for the preview.
pub async fn document(State(state): State<AppState>, page: Page, Path((id, document)): Path<(i64, i64)>) -> PageResult {
    let caller = page.staff()?.clone();
    let case = workflow::visible_case(&state, &caller, id).await?;
    let (media_type, content) = state
        .store
        .document_content(case.id, document)
        .await?
        .ok_or(ApiError::NotFound)?;
    state
        .store
        .audit(
            &caller.login,
            "read_document",
            Some(case.id),
            &format!("document {document}"),
            (state.clock)(),
        )
        .await?;
    Ok(([(header::CONTENT_TYPE, media_type)], content).into_response())
}

/// Prints the permit, the refusal, the revocation or the questionnaire of a case (PDF; an audited read).
pub async fn print(State(state): State<AppState>, page: Page, Path((id, which)): Path<(i64, String)>) -> PageResult {
    let caller = page.staff()?.clone();
    let case = workflow::visible_case(&state, &caller, id).await?;
    let pdf = match which.as_str() {
        "permit" => printing::permit_pdf(&state, &case).await?,
        "refusal" => printing::refusal_pdf(&state, &case).await?,
        "revocation" => printing::revocation_pdf(&state, &case).await?,
        "questionnaire" => printing::questionnaire_pdf(&state, &case)?,
        _ => return Err(ApiError::NotFound.into()),
    };
    state
        .store
        .audit(
            &caller.login,
            "print",
            Some(case.id),
            &format!("{which} of case {} printed", case.number),
            (state.clock)(),
        )
        .await?;
    Ok(printing::pdf_response(
        pdf,
        &format!("{}-{which}.pdf", case.number),
        printing::Disposition::Inline,
    ))
}

/// The receipt of the documents received (расписка), to print and give to the applicant at the
/// desk or the State Corporation: what was received, when, by whom, and when the result is due.
pub async fn receipt(State(state): State<AppState>, page: Page, Path(id): Path<i64>) -> PageResult {
    let caller = page.staff()?.clone();
    if !matches!(caller.role, Role::Officer | Role::Supervisor | Role::Operator) {
        return Err(ApiError::Forbidden("receipts are printed by the desk".into()).into());
    }
    let case = workflow::visible_case(&state, &caller, id).await?;
    let application = records::application(&case)?;
    state
        .store
        .audit(
            &caller.login,
            "print",
            Some(case.id),
            &format!("receipt of case {} printed", case.number),
            (state.clock)(),
        )
        .await?;
    let body = html! {
        article class="receipt-sheet" {
            h1 { (page.t("receipt-print-title")) }
            dl {
                dt { (page.t("col-number")) } dd { strong { (case.number) } }
                dt { (page.t("receipt-received-at")) } dd { (super::local_time(&state.law, case.submitted_at)) }
                dt { (page.t("col-service")) } dd { (page.t(&format!("service-{}", case.service))) }
                dt { (page.t("col-channel")) } dd { (page.t(&format!("channel-{}", case.channel))) }
                dt { (page.t("label-name")) } dd { (documents::full_name(&application.applicant)) }
                dt { (page.t("label-passport")) } dd { (application.applicant.passport.number) }
                dt { (page.t("status-held-by")) } dd { (page.t("tracker-body-police")) " — " (page.t(&format!("region-{}", case.region.as_str()))) }
                @if let Some(due) = case.due_at { dt { (page.t("status-due")) } dd { (super::local_time(&state.law, due)) } }
                dt { (page.t("receipt-received-by")) } dd { (caller.login) }
            }
            h2 { (page.t("case-documents")) }
            ol { @for document in &application.documents { li { (ruqsat_i18n::document_name(page.lang, document.document_type)) } } }
            p { (page.t("receipt-print-note")) }
            p class="screen-only" { a href={"/officer/cases/" (case.id)} { "← " (case.number) } }
        }
    };
    Ok(render(&page, &page.t("receipt-print-title"), body))
}

/// Parameters of the desk page.
#[derive(Debug, Deserialize)]
pub struct DeskQuery {
    done: Option<String>,
}

/// The State Corporation desk: new application, and the results received from the police to
/// hand over after an identity check.
pub async fn desk(State(state): State<AppState>, page: Page, Query(query): Query<DeskQuery>) -> PageResult {
    let caller = page.staff()?.clone();
    if !matches!(caller.role, Role::Operator | Role::Officer) {
        return Err(ApiError::Forbidden("desk".into()).into());
    }
    let channel = if caller.role == Role::Operator {
        "state_corporation"
    } else {
        "desk"
    };
    let region = if caller.role == Role::Operator {
        None
    } else {
        caller.region_code()
    };
    let ready = state
        .store
        .queue(region, Some(channel), &["delivered"], QUEUE_PAGE)
        .await?;
    // The list shows names and passport numbers: a staff read of personal data, audited.
    if !ready.is_empty() {
        let numbers: Vec<&str> = ready.iter().map(|case| case.number.as_str()).collect();
        state
            .store
            .audit(
                &caller.login,
                "read_desk",
                None,
                &format!("results ready for hand-over listed: {}", numbers.join(", ")),
                (state.clock)(),
            )
            .await?;
    }
    let body = html! {
        (flash(&page, query.done.as_deref()))
        h1 { (page.t(if caller.role == Role::Operator { "desk-title" } else { "desk-title-police" })) }
        form method="post" action="/desk/apply/start" class="actions" {
            (page.csrf_field())
            button type="submit" name="service" value="trp" { (page.t("desk-new-trp")) }
            " "
            button type="submit" name="service" value="prp" class="secondary" { (page.t("desk-new-prp")) }
        }
        (super::apply::resume_form(&page, super::apply::Flow::Desk, None, ""))
        h2 { (page.t("desk-ready")) }
        @if ready.is_empty() { p { (page.t("queue-empty")) } }
        @else {
            table {
                thead { tr { th { (page.t("col-number")) } th { (page.t("label-name")) } th { (page.t("label-passport")) } th { (page.t("col-outcome")) } th { (page.t("action-handover")) } } }
                tbody {
                    @for case in &ready {
                        @let application = records::application(case)?;
                        @let decision = DecisionRecord::read(case)?;
                        tr {
                            td { (case.number) }
                            td { (application.applicant.surname) " " (application.applicant.given_name) }
                            td { (case.passport_number) }
                            td { (page.t(&format!("outcome-{}", decision.map_or("pending", |decision| decision.outcome.as_str())))) }
                            td { (handover_form(&page, &format!("/officer/cases/{}/handover", case.id))) }
                        }
                    }
                }
            }
        }
    };
    Ok(render(&page, &page.t("desk-title"), body))
}

/// Who did a step of a case: a staff login as it is; Ruqsat's own actors (the background
/// `system` and the decision `engine`) and the `applicant` in the reader's language.
pub fn actor_name(page: &Page, actor: &str) -> String {
    match actor {
        "system" | "engine" | "applicant" => page.t(&format!("actor-{actor}")),
        _ => actor.to_owned(),
    }
}

/// Who works on the case, and the form that changes it: an officer takes an open case nobody
/// has, or gives back their own; a supervisor gives it to an officer of the region.
fn assignment(page: &Page, case: &ruqsat_store::CaseRow, officers: &[(String, String)]) -> Markup {
    let Some(user) = page.user.as_ref() else {
        return html! {};
    };
    let action = format!("/officer/cases/{}/assignment", case.id);
    let open = case.state.is_open();
    html! {
        div class="assignment" {
            p {
                (page.t("col-assignee")) ": "
                strong { @match &case.assignee { Some(login) => (login), None => (page.t("assignee-none")) } }
            }
            @if open && user.role == Role::Officer {
                @if case.assignee.is_none() {
                    form method="post" action=(action) class="inline" {
                        (page.csrf_field())
                        input type="hidden" name="assignee" value=(user.login);
                        button type="submit" class="secondary" { (page.t("action-take-case")) }
                    }
                } @else if case.assignee.as_deref() == Some(user.login.as_str()) {
                    form method="post" action=(action) class="inline" {
                        (page.csrf_field())
                        input type="hidden" name="assignee" value="";
                        button type="submit" class="secondary" { (page.t("action-release-case")) }
                    }
                }
            }
            @if open && user.role == Role::Supervisor {
                form method="post" action=(action) class="filters" {
                    (page.csrf_field())
                    div class="field" {
                        label for="f-assignee" { (page.t("col-assignee")) }
                        select id="f-assignee" name="assignee" {
                            option value="" { (page.t("assignee-none")) }
                            @for (login, name) in officers {
                                // A person's name is not translated (HTML's translate="no").
                                option value=(login) translate="no" selected[case.assignee.as_deref() == Some(login.as_str())] { (name) " (" (login) ")" }
                            }
                        }
                    }
                    button type="submit" class="secondary" { (page.t("action-assign")) }
                }
            }
        }
    }
}
