//! Pages without a staff login: the home page, the language switch, the status lookup, permit
//! verification (the QR code's target), the staff login, and the applicant's personal cabinet.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use ruqsat_documents::permit::fields;
use ruqsat_documents::seal::SealError;
use ruqsat_domain::case::CaseState;
use ruqsat_i18n::{Arg, Lang};
use serde::Deserialize;

use super::{Page, PageError, PageResult, kazakh_time, local_time, render};
use crate::AppState;
use crate::api::{self, applicants_case, permit_status, public_state};
use crate::auth::{Role, token_digest};
use crate::error::ApiError;
use crate::pages::printing;

/// The home page: what one can do here.
pub async fn home(page: Page) -> Response {
    let body = html! {
        h1 { (page.t("home-title")) }
        p class="lead" { (page.t("app-tagline")) }
        div class="cards" {
            a class="card" href="/portal" { h2 { (page.t("nav-portal")) } p { (page.t("home-portal")) } }
            a class="card" href="/status" { h2 { (page.t("nav-status")) } p { (page.t("home-status")) } }
            a class="card" href="/portal/queue" { h2 { (page.t("equeue-title")) } p { (page.t("home-equeue")) } }
            a class="card" href="/verify" { h2 { (page.t("nav-verify")) } p { (page.t("home-verify")) } }
            a class="card" href="/login" { h2 { (page.t("home-staff")) } p { (page.t("home-staff-text")) } }
        }
    };
    render(&page, &page.t("home-title"), body)
}

/// Parameters of the language switch.
#[derive(Debug, Deserialize)]
pub struct LanguageChoice {
    lang: String,
    back: Option<String>,
}

/// Sets the language cookie and goes back to the page (a local path only).
pub async fn switch_language(page: Page, Query(choice): Query<LanguageChoice>) -> Response {
    let lang: Lang = choice.lang.parse().unwrap_or(Lang::Kk);
    let back = choice
        .back
        .as_deref()
        .and_then(super::local_path)
        .unwrap_or("/")
        .to_owned();
    let mut response = Redirect::to(&back).into_response();
    page.set_cookie(
        &mut response,
        &format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.as_str()),
    );
    response
}

/// The fields of the status lookup (a POST form: no passport number in addresses or history).
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    csrf: Option<String>,
    number: Option<String>,
    document: Option<String>,
}

/// The status lookup form.
pub async fn status_form(page: Page) -> PageResult {
    status_page(&page, "", "", html! {})
}

/// The status lookup: by application number plus passport number or IIN; shows the public
/// state, its history and which registries were asked about the case, nothing else.
pub async fn status(State(state): State<AppState>, page: Page, Form(form): Form<StatusForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let number = form.number.unwrap_or_default();
    let document = form.document.unwrap_or_default();
    let mut result = html! {};
    if !number.is_empty() || !document.is_empty() {
        state
            .metrics
            .status_lookups
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        result = match applicants_case(&state, &number, &document).await {
            Ok(case) => status_card(&state, &page, &case, &document, false).await?,
            Err(ApiError::NotFound) => html! { p class="error" role="alert" { (page.t("status-not-found")) } },
            Err(error) => return Err(error.into()),
        };
    }
    status_page(&page, &number, &document, result)
}

/// The applicant shows their identity document from the digital documents service as a
/// one-time code (a demo's stand-in for eGov mobile): the status with the code.
pub async fn digital_document(State(state): State<AppState>, page: Page, Form(form): Form<StatusForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    if !state.demo {
        return Err(ApiError::NotFound.into());
    }
    let number = form.number.unwrap_or_default();
    let document = form.document.unwrap_or_default();
    let case = applicants_case(&state, &number, &document).await?;
    use sha2::Digest as _;
    let random = sha2::Sha256::digest((state.tokens)().as_bytes());
    let random = u32::from_be_bytes([random[0], random[1], random[2], random[3]]);
    let code = ruqsat_cases::workflow::share_digital_document(&state, &case, random)?;
    let card = status_card(&state, &page, &case, &document, false).await?;
    let result = html! {
        p class="flash digital-code" role="status" { (page.ta("digital-share-code", &[("code", Arg::from(code.as_str()))])) }
        (card)
    };
    status_page(&page, &number, &document, result)
}

/// The status page after the applicant's objection: the case as it stands now, with the note
/// that the objection is received (POST-redirect is not used: the lookup needs the document).
pub async fn status_after_objection(state: &AppState, page: &Page, number: &str, document: &str) -> PageResult {
    let case = applicants_case(state, number, document).await?;
    let card = status_card(state, page, &case, document, false).await?;
    let result = html! {
        p class="flash" role="status" { (page.t("objection-sent")) }
        (card)
    };
    status_page(page, number, document, result)
}

fn status_page(page: &Page, number: &str, document: &str, result: Markup) -> PageResult {
    let body = html! {
        h1 { (page.t("status-title")) }
        p { (page.t("status-intro")) }
        form method="post" action="/status" class="stack" {
            (page.csrf_field())
            (field_input(page, "number", "field-number", number, "required", None))
            (field_input(page, "document", "field-document", document, "required", None))
            button type="submit" { (page.t("action-lookup")) }
        }
        (result)
    };
    Ok(render(page, &page.t("status-title"), body))
}

/// The public state of a case, its history and the registries asked; `cabinet` adds the
/// decision's documents for download.
async fn status_card(
    state: &AppState,
    page: &Page,
    case: &ruqsat_store::CaseRow,
    document: &str,
    cabinet: bool,
) -> Result<Markup, PageError> {
    let events = state.store.events(case.id).await?;
    let queries = state.store.queries(case.id).await?;
    let refusal = crate::api::refused(case)?;
    let mut history: Vec<(String, &'static str)> = Vec::new();
    for event in &events {
        let public = public_state(&event.to_state, refusal);
        if history.last().is_none_or(|(_, last)| *last != public) {
            history.push((kazakh_time(&state.law, &event.at), public));
        }
    }
    let current = public_state(case.state.as_str(), refusal);
    let decision = ruqsat_cases::records::DecisionRecord::read(case)?;
    let (suspended, _) = ruqsat_cases::procedure::term_days(state, case)?;
    let reads = ruqsat_cases::tracker::staff_reads(state, case).await?;
    let notifications = state.store.notifications(case.id).await?;
    let written_in = ruqsat_cases::notify::language_of(&ruqsat_cases::records::application(case)?);
    // How the case was decided, in the reader's language: for a case not accepted, the facts
    // behind each reason (the date the stay ended, the documents looked at).
    let explanation = if case.state == CaseState::NotAccepted {
        ruqsat_contract::decide_json(&ruqsat_cases::records::replay_input(case)?, &state.law, page.lang)
            .map(|output| output.explanation)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(html! {
        section class="result" aria-live="polite" {
            h2 { (page.ta("status-case", &[("number", Arg::from(case.number.as_str()))])) }
            p class={"state state-" (current)} { (page.t(&format!("public-state-{current}"))) }
            @if case.state == CaseState::NotAccepted {
                // Why, in words: each reason, and each document to bring by its name.
                @if let Some(proposal) = ruqsat_cases::records::ProposalRecord::read(case)? {
                    ul class="reasons" {
                        @for reason in &proposal.not_accepted_reasons {
                            li { (page.t(&format!("acceptance-{}", reason.trim_start_matches("acc.")))) }
                        }
                        @for line in proposal.to_bring() {
                            li { (super::intake::to_bring_line(page, &line)) }
                        }
                    }
                }
            }
            @if !explanation.is_empty() {
                details class="explanation" {
                    summary { (page.t("case-explanation")) }
                    ol { @for line in &explanation { li { (super::coded_line(line)) } } }
                }
            }
            p class="next" { (page.t(&format!("public-next-{current}"))) }
            @if state.demo
                && case.channel == ruqsat_domain::codes::Channel::StateCorporation
                && matches!(case.state, CaseState::PermitIssued | CaseState::RefusalIssued | CaseState::Delivered)
            {
                // eGov mobile's "digital documents", simulated: the code the operator enters.
                section class="digital-share" {
                    h3 { (page.t("digital-share-title")) }
                    p { (page.t("digital-share-intro")) }
                    form method="post" action="/status/digital-document" class="inline" {
                        (page.csrf_field())
                        input type="hidden" name="number" value=(case.number);
                        input type="hidden" name="document" value=(document);
                        button type="submit" { (page.t("action-digital-share")) }
                    }
                }
            }
            p class="holder" {
                (page.t("status-held-by")) " "
                @match case.channel {
                    ruqsat_domain::codes::Channel::StateCorporation => { (page.t("status-held-by-sc")) ", " }
                    _ => {}
                }
                (page.t("tracker-body-police")) " — " (page.t(&format!("region-{}", case.region.as_str())))
            }
            @if let Some(due) = &case.due_at {
                @if case.state.is_open() {
                    p class="due" { (page.t("status-due")) " " strong { (local_time(&state.law, *due)) } }
                    @if suspended > 0 {
                        p class="suspension" { (page.ta("term-suspended-days", &[("days", Arg::from(suspended.to_string()))])) }
                    }
                }
            }
            @if let Some(hearing) = decision.as_ref().and_then(|decision| decision.hearing.as_ref()) {
                @if matches!(case.state, CaseState::Hearing | CaseState::Objected) {
                    (super::procedure::applicant_hearing(page, &state.law, case, document, hearing, &decision.as_ref().map(|decision| decision.grounds.clone()).unwrap_or_default()))
                }
            }
            @if let Some(appeal) = decision.as_ref().and_then(|decision| decision.appeal.as_ref()) {
                @if matches!(case.state, CaseState::RefusalIssued | CaseState::Delivered | CaseState::HandedOver | CaseState::Revoked) {
                    (super::procedure::applicant_appeal(page, appeal))
                }
            }
            h3 { (page.t("status-history")) }
            ol class="history" {
                @for (at, public) in &history {
                    li { time { (at) } " — " (page.t(&format!("public-state-{public}"))) }
                }
            }
            h3 { (page.t("status-notifications")) }
            @if notifications.is_empty() {
                p { (page.t("status-notifications-none")) }
            } @else {
                ul class="notifications" {
                    @for notification in &notifications {
                        li {
                            (page.t(&format!("medium-{}", notification.medium))) " " (masked(&notification.recipient)) ": "
                            // The text as sent, in the language the applicant chose.
                            q lang=(written_in.as_str()) { (notification.message) }
                            " — "
                            @match &notification.sent_at {
                                Some(at) => (page.ta("status-notification-sent", &[("at", Arg::from(kazakh_time(&state.law, at)))])),
                                None => (page.t("status-notification-pending")),
                            }
                        }
                    }
                }
            }
            @if cabinet { (cabinet_documents(page, case, document)?) }
            h3 { (page.t("tracker-title")) }
            p class="hint" { (page.t("tracker-intro")) }
            @if reads.is_empty() {
                p { (page.t("tracker-none")) }
            } @else {
                table class="tracker" {
                    thead { tr { th { (page.t("col-when")) } th { (page.t("tracker-col-what")) } th { (page.t("tracker-col-who")) } } }
                    tbody {
                        @for read in &reads {
                            tr {
                                td { (kazakh_time(&state.law, &read.at)) }
                                td { (page.t(&format!("tracker-action-{}", read.action))) }
                                td {
                                    (page.t(&format!("admin-role-{}", read.role)))
                                    @if let Some(region) = &read.region { ", " (page.t("tracker-body-police")) " — " (page.t(&format!("region-{region}"))) }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (page.t("status-registries")) }
            p class="hint" { (page.t("status-registries-intro")) }
            @if queries.is_empty() {
                p { (page.t("status-registries-none")) }
            } @else {
                table {
                    thead { tr { th { (page.t("col-when")) } th { (page.t("col-registry")) } th { (page.t("col-basis")) } } }
                    tbody {
                        @for query in &queries {
                            tr { td { (kazakh_time(&state.law, &query.at)) } td { (page.t(&format!("registry-{}", query.registry))) } td { (ruqsat_i18n::legal_basis(page.lang, &query.legal_basis)) } }
                        }
                    }
                }
            }
        }
    })
}

/// A phone number or an e-mail address as the status page shows it: enough to recognise, not
/// to read off (`+7 *** *** **00`, `n***@example.kz`).
fn masked(recipient: &str) -> String {
    match recipient.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => {
            let digits: Vec<char> = recipient.chars().filter(char::is_ascii_digit).collect();
            let last: String = digits[digits.len().saturating_sub(2)..].iter().collect();
            format!("*** {last}")
        }
    }
}

/// Whether the result of a case was placed in the applicant's personal cabinet: only a portal
/// case, once delivered there (L94–L106 of the order's procedure as `docs/INTERPRETATIONS.md`
/// records). A desk or State Corporation result is handed over in person after the identity
/// check, never downloaded by whoever knows the number and the passport number.
fn placed_in_cabinet(case: &ruqsat_store::CaseRow) -> bool {
    case.channel == ruqsat_domain::codes::Channel::Portal
        && matches!(case.state, CaseState::Delivered | CaseState::HandedOver)
}

fn cabinet_documents(
    page: &Page,
    case: &ruqsat_store::CaseRow,
    document: &str,
) -> Result<Markup, ruqsat_cases::CaseError> {
    let decision = ruqsat_cases::records::DecisionRecord::read(case)?;
    let outcome = decision.map_or("", |decision| decision.outcome.as_str());
    let released = placed_in_cabinet(case);
    Ok(html! {
        h3 { (page.t("cabinet-documents")) }
        @if released && outcome == "issue" && case.permit_number.is_some() {
            (download_form(page, case, document, "permit", "cabinet-download-permit"))
        } @else if released && outcome == "refuse" {
            (download_form(page, case, document, "refusal", "cabinet-download-refusal"))
        } @else {
            p { (page.t("cabinet-no-documents")) }
        }
    })
}

/// The form that downloads a document of the cabinet: the number and the document the applicant
/// typed (a passport number or an IIN), never more than they gave.
fn download_form(page: &Page, case: &ruqsat_store::CaseRow, document: &str, which: &str, label: &str) -> Markup {
    html! {
        form method="post" action="/portal/cabinet/document" {
            (page.csrf_field())
            input type="hidden" name="number" value=(case.number);
            input type="hidden" name="document" value=(document);
            input type="hidden" name="which" value=(which);
            button type="submit" { (page.t(label)) }
        }
    }
}

/// A labelled text input with its hint and its error slot (filled by the script as the user
/// types, or by the server).
pub fn field_input(page: &Page, name: &str, label: &str, value: &str, rules: &str, error: Option<&str>) -> Markup {
    let id = format!("f-{}", name.replace('.', "-"));
    let required = rules.contains("required");
    html! {
        div class={"field" @if error.is_some() { " invalid" }} {
            label for=(id) { (page.t(label)) @if required { " " span class="req" aria-hidden="true" { "*" } } }
            input id=(id) name=(name) value=(value) required[required]
                aria-invalid=[error.map(|_| "true")] aria-describedby={"err-" (id)}
                data-msg-required=(page.t("invalid-required"));
            p class="error" id={"err-" (id)} aria-live="polite" { @if let Some(error) = error { (error) } }
        }
    }
}

/// Parameters of verification: the QR code's seal, or a typed permit number.
#[derive(Debug, Deserialize)]
pub struct VerifyQuery {
    seal: Option<String>,
    number: Option<String>,
}

/// Permit verification: the seal from the QR code is checked against this installation's key
/// (a forged or altered permit fails), and the permit's state today is read from the register.
pub async fn verify(State(state): State<AppState>, page: Page, Query(query): Query<VerifyQuery>) -> PageResult {
    let mut result = html! {};
    let mut number = query.number.clone().unwrap_or_default();
    if let Some(seal) = query.seal.as_deref().filter(|seal| !seal.is_empty()) {
        match state.keyring.open(seal) {
            Ok(opened) => {
                let fields = fields(&opened.data);
                let value = |key: &str| {
                    fields
                        .iter()
                        .find(|(name, _)| name == key)
                        .map(|(_, value)| value.clone())
                        .unwrap_or_default()
                };
                number = value("number");
                let register = permit_status(&state, &number).await?;
                result = html! {
                    section class="result" {
                        @if opened.is_demo() {
                            p class="error" role="alert" { (page.t("verify-seal-demo")) }
                        } @else {
                            p class="ok" role="status" { (page.t("verify-seal-ok")) }
                        }
                        (verdict(&page, &register.status))
                        dl {
                            dt { (page.t("col-permit-number")) } dd { (number) }
                            dt { (page.t("label-name")) } dd { (value("surname")) " " (value("given_name")) " " (value("patronymic")) }
                            dt { (page.t("label-birth-date")) } dd { (value("birth_date")) }
                            dt { (page.t("label-citizenship")) } dd { (value("citizenship")) }
                            dt { (page.t("verify-validity")) } dd { (value("valid_from")) " — " (value("valid_until")) }
                        }
                    }
                };
            }
            Err(SealError::BadSignature | SealError::Malformed | SealError::UnknownKey(_)) => {
                result =
                    html! { section class="result" { p class="error" role="alert" { (page.t("verify-seal-bad")) } } };
            }
        }
    } else if !number.trim().is_empty() {
        state
            .metrics
            .verifications
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let register = permit_status(&state, &number).await?;
        result = html! {
            section class="result" {
                (verdict(&page, &register.status))
                @if let Some(from) = &register.valid_from {
                    dl {
                        dt { (page.t("verify-validity")) }
                        dd { (from) " — " (register.valid_until.clone().unwrap_or_else(|| page.t("verify-permanent"))) }
                    }
                }
            }
        };
    }
    Ok(render(
        &page,
        &page.t("verify-title"),
        verify_body(&page, &number, result),
    ))
}

/// The verification page: the number form, the file form (the digital seal), and a result.
fn verify_body(page: &Page, number: &str, result: Markup) -> Markup {
    html! {
        h1 { (page.t("verify-title")) }
        p { (page.t("verify-intro")) }
        form method="get" action="/verify" class="stack" {
            (field_input(page, "number", "col-permit-number", number, "required", None))
            button type="submit" { (page.t("action-verify")) }
        }
        form method="post" action={"/verify?csrf=" (page.csrf)} enctype="multipart/form-data" class="stack" {
            div class="field" {
                label for="f-seal-file" { (page.t("verify-file")) }
                p class="hint" id="h-seal-file" { (page.t("verify-file-hint")) }
                input id="f-seal-file" name="file" type="file" required aria-describedby="h-seal-file"
                    accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";
            }
            button type="submit" { (page.t("action-verify-file")) }
        }
        (result)
    }
}

/// The largest file the verification reads (a phone's photograph of a permit).
pub const MAX_VERIFY_FILE_BYTES: usize = 12 * 1024 * 1024;

/// The token of the file form (a multipart body: the token travels in the address).
#[derive(Debug, Deserialize)]
pub struct VerifyFileQuery {
    csrf: Option<String>,
}

/// Permit verification by its ICAO visible digital seal (`docs/VDS.md`): the DataMatrix of a
/// photograph or scan of the permit, or the seal in its PDF, checked offline against the
/// certificates this installation publishes; then the permit's state today in the register.
pub async fn verify_file(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<VerifyFileQuery>,
    mut multipart: axum::extract::Multipart,
) -> PageResult {
    use ruqsat_documents::vds::VdsError;
    page.check_csrf(query.csrf.as_deref())?;
    let mut content = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|error| ApiError::invalid("file", error.body_text()))?
    {
        if field.name() == Some("file") {
            content = field
                .bytes()
                .await
                .map_err(|error| ApiError::invalid("file", error.body_text()))?
                .to_vec();
        }
    }
    let failed = |id: &str| html! { section class="result" { p class="error" role="alert" { (page.t(id)) } } };
    let result = if content.is_empty() {
        failed("verify-file-missing")
    } else {
        state
            .metrics
            .verifications
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Reading an image is work for a processor: off the request threads.
        let certificates = state.vds_certificates.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let bytes = if content.starts_with(b"%PDF-") {
                ruqsat_documents::permit::find_vds_in_pdf(&content)
                    .ok_or_else(|| VdsError::Format("no digital seal in the PDF".into()))?
            } else {
                ruqsat_documents::vds::read_image(&content)?
            };
            certificates.verify(&bytes)
        })
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?;
        match outcome {
            Ok(verified) => {
                let register = permit_status(&state, &verified.permit.number).await?;
                let permit = &verified.permit;
                html! {
                    section class="result" {
                        @if verified.demo {
                            p class="error" role="alert" { (page.t("verify-vds-demo")) }
                        } @else {
                            p class="ok" role="status" {
                                (page.ta("verify-vds-ok", &[
                                    ("certificate", Arg::from(verified.certificate.as_str())),
                                    ("date", Arg::from(verified.seal.header.signed_on.to_string())),
                                ]))
                            }
                        }
                        (verdict(&page, &register.status))
                        dl {
                            dt { (page.t("col-permit-number")) } dd { (permit.number) }
                            dt { (page.t("label-name")) } dd translate="no" { (permit.name) }
                            dt { (page.t("label-passport")) } dd { (permit.document) }
                            dt { (page.t("label-birth-date")) } dd { (permit.birth_date) }
                            dt { (page.t("label-citizenship")) } dd { (permit.nationality) }
                            dt { (page.t("verify-validity")) }
                            dd { (permit.valid_from) " — " (permit.valid_until.map_or_else(|| page.t("verify-permanent"), |until| until.to_string())) }
                        }
                    }
                }
            }
            Err(VdsError::BadSignature) => failed("verify-seal-bad"),
            Err(
                VdsError::UnknownCertificate(_)
                | VdsError::UntrustedCertificate(_)
                | VdsError::ExpiredCertificate { .. },
            ) => failed("verify-vds-untrusted"),
            Err(VdsError::Format(_) | VdsError::NotC40(_)) => failed("verify-vds-unreadable"),
        }
    };
    Ok(render(&page, &page.t("verify-title"), verify_body(&page, "", result)))
}

fn verdict(page: &Page, status: &str) -> Markup {
    let class = if status == "valid" { "verdict ok" } else { "verdict bad" };
    html! { p class=(class) role="status" data-verdict=(status) { strong { (page.t(&format!("verify-{status}"))) } } }
}

/// Parameters of the login page.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// The staff login form.
pub async fn login_form(page: Page, Query(query): Query<LoginQuery>) -> Response {
    let next = query.next.as_deref().and_then(super::local_path);
    render(&page, &page.t("login-title"), login_body(&page, next, "", None, false))
}

/// The login form; with `change`, the form that sets a new password after a reset.
fn login_body(page: &Page, next: Option<&str>, login: &str, error: Option<&str>, change: bool) -> Markup {
    html! {
        h1 { (page.t(if change { "password-change-title" } else { "login-title" })) }
        @if let Some(error) = error { p class="error" role="alert" id="login-error" tabindex="-1" { (error) } }
        @if change { p { (page.t("password-change-intro")) } }
        form method="post" action="/login" class="stack narrow" {
            (page.csrf_field())
            input type="hidden" name="next" value=(next.unwrap_or(""));
            div class="field" {
                label for="f-login" { (page.t("field-login")) }
                input id="f-login" name="login" value=(login) autocomplete="username" required maxlength="64" data-msg-required=(page.t("invalid-required"));
                p class="error" id="err-f-login" {}
            }
            div class="field" {
                label for="f-password" { (page.t(if change { "field-temporary-password" } else { "field-password" })) }
                input id="f-password" name="password" type="password" autocomplete="current-password" required data-msg-required=(page.t("invalid-required"));
                p class="error" id="err-f-password" {}
            }
            @if change {
                div class="field" {
                    label for="f-new-password" { (page.t("field-new-password")) }
                    input id="f-new-password" name="new_password" type="password" autocomplete="new-password" required minlength="12" data-msg-required=(page.t("invalid-required"));
                    p class="error" id="err-f-new-password" {}
                }
            }
            button type="submit" { (page.t("action-login")) }
        }
        @if page.demo { p class="hint" { (page.t("login-demo-hint")) } }
    }
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: Option<String>,
    login: String,
    password: String,
    new_password: Option<String>,
    next: Option<String>,
}

/// Opens a staff session in a cookie (HttpOnly, SameSite) and goes to the staff member's page
/// (or the local page asked for before the login). A new CSRF token comes with the session.
pub async fn login(
    State(state): State<AppState>,
    page: Page,
    headers: axum::http::HeaderMap,
    extensions: axum::http::Extensions,
    Form(form): Form<LoginForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let address = api::client_address(&state, &headers, &extensions);
    let next = form.next.as_deref().and_then(super::local_path);
    // What is shown back: the login as typed only when it is printable (it may be anything).
    let typed = if ruqsat_domain::text::problem(&form.login, 64).is_none() {
        form.login.as_str()
    } else {
        ""
    };
    let again = |status: axum::http::StatusCode, message: String, change: bool| {
        let body = login_body(&page, next, typed, Some(&message), change);
        (status, super::layout(&page, &page.t("login-title"), body)).into_response()
    };
    match api::open_session(
        &state,
        &form.login,
        &form.password,
        form.new_password.as_deref(),
        address,
    )
    .await
    {
        Ok(session) => {
            let home = match Role::parse(&session.staff.role) {
                Some(Role::Operator) => "/desk",
                Some(Role::Administrator) => "/admin/staff",
                _ => "/officer",
            };
            let mut response = Redirect::to(next.unwrap_or(home)).into_response();
            page.set_cookie(
                &mut response,
                &format!(
                    "ruqsat_session={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
                    session.token,
                    crate::auth::SESSION_HOURS * 3600
                ),
            );
            super::rotate_csrf(&state, &page, &mut response);
            Ok(response)
        }
        Err(ApiError::Unauthenticated) => Ok(again(
            axum::http::StatusCode::UNAUTHORIZED,
            page.t("login-failed"),
            false,
        )),
        Err(ApiError::Forbidden(_)) => Ok(again(
            axum::http::StatusCode::FORBIDDEN,
            page.t("password-change-required"),
            true,
        )),
        Err(ApiError::Invalid { .. }) => Ok(again(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            page.t("invalid-new-password"),
            true,
        )),
        Err(ApiError::TooManyRequests(seconds)) => {
            let mut response = again(
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                page.t("error-too-many-logins"),
                false,
            );
            response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
            Ok(response)
        }
        Err(error) => Err(error.into()),
    }
}

/// The logout form's fields.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

/// Closes the session.
pub async fn logout(
    State(state): State<AppState>,
    page: Page,
    headers: axum::http::HeaderMap,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    if let Some(token) = super::Cookies::parse(&headers).get("ruqsat_session") {
        state.store.delete_session(&token_digest(token)).await?;
    }
    let mut response = Redirect::to("/").into_response();
    page.set_cookie(
        &mut response,
        "ruqsat_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
    );
    Ok(response)
}

/// The cabinet's sign-in: the portal identifies the applicant (simulated here by the
/// application number and the passport number or IIN).
pub async fn cabinet_form(page: Page) -> Response {
    render(&page, &page.t("cabinet-title"), cabinet_sign_in(&page, "", "", None))
}

fn cabinet_sign_in(page: &Page, number: &str, document: &str, error: Option<&str>) -> Markup {
    html! {
        h1 { (page.t("cabinet-title")) }
        p { (page.t("cabinet-intro")) }
        @if let Some(error) = error { p class="error" role="alert" { (error) } }
        form method="post" action="/portal/cabinet" class="stack" {
            (page.csrf_field())
            (field_input(page, "number", "field-number", number, "required", None))
            (field_input(page, "document", "field-document", document, "required", None))
            button type="submit" { (page.t("action-open-cabinet")) }
        }
    }
}

/// The cabinet's fields.
#[derive(Debug, Deserialize)]
pub struct CabinetForm {
    csrf: Option<String>,
    number: String,
    document: String,
    which: Option<String>,
}

/// The personal cabinet: the status history and the result to download.
pub async fn cabinet(State(state): State<AppState>, page: Page, Form(form): Form<CabinetForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let body = match applicants_case(&state, &form.number, &form.document).await {
        Ok(case) => {
            let card = status_card(&state, &page, &case, &form.document, true).await?;
            html! { h1 { (page.t("cabinet-title")) } (card) }
        }
        Err(ApiError::NotFound) => {
            cabinet_sign_in(&page, &form.number, &form.document, Some(&page.t("status-not-found")))
        }
        Err(error) => return Err(error.into()),
    };
    Ok(render(&page, &page.t("cabinet-title"), body))
}

/// The permit or the refusal as PDF, for the applicant (the same identification as the
/// cabinet's).
pub async fn cabinet_document(State(state): State<AppState>, page: Page, Form(form): Form<CabinetForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    let case = applicants_case(&state, &form.number, &form.document).await?;
    let which = form.which.as_deref().unwrap_or("permit");
    if !placed_in_cabinet(&case) {
        return Err(ApiError::NotFound.into());
    }
    let pdf = match which {
        "permit" => printing::permit_pdf(&state, &case).await?,
        "refusal" => printing::refusal_pdf(&state, &case).await?,
        _ => return Err(ApiError::invalid("which", "permit or refusal").into()),
    };
    state
        .store
        .audit(
            ruqsat_domain::codes::Agent::Applicant.as_str(),
            "download_document",
            Some(case.id),
            &format!("{which} of case {} downloaded by the applicant", case.number),
            (state.clock)(),
        )
        .await?;
    Ok(printing::pdf_response(
        pdf,
        &format!("{}-{which}.pdf", case.number),
        printing::Disposition::Attachment,
    ))
}

/// The accessibility statement: the standard the pages follow, how they are tested, what is
/// known not to conform yet, and whom to tell.
pub async fn accessibility(page: Page) -> PageResult {
    let body = html! {
        h1 { (page.t("accessibility-title")) }
        p { (page.t("accessibility-standard")) }
        p { (page.t("accessibility-tested")) }
        h2 { (page.t("accessibility-known-title")) }
        p { (page.t("accessibility-known")) }
        h2 { (page.t("accessibility-contact-title")) }
        p { (page.t("accessibility-contact")) }
    };
    Ok(render(&page, &page.t("accessibility-title"), body))
}

/// The privacy notice: who processes the applicant's data, why, on which legal basis, who else
/// sees it, how long it is kept, and the applicant's rights (the data tracker on the status page).
pub async fn privacy(page: Page) -> PageResult {
    let body = html! {
        h1 { (page.t("privacy-title")) }
        p { (page.t("privacy-controller")) }
        p { (page.t("privacy-purpose")) }
        p { (page.t("privacy-registries")) }
        p { (page.t("privacy-tracker")) }
        p { (page.t("privacy-rights")) }
    };
    Ok(render(&page, &page.t("privacy-title"), body))
}
