//! The portal's application in steps, as GOV.UK and egov.kz users expect: about you, family
//! members (any number), stay and host, documents (uploaded), check your answers, declaration
//! and signature.
//!
//! - **Drafts on the server.** Every step is saved in the database under the SHA-256 of the
//!   applicant's draft reference (`ruqsat_store::drafts`); the reference is in a cookie and shown
//!   on every step, so a closed browser, another device or a language switch loses nothing.
//! - **Every error at once.** Each step is checked on the server ([`problems_of`]): all its
//!   problems are kept with the draft and shown next to their fields and in a summary that takes
//!   the focus, in the page's language (message ids, not English text).
//! - **POST-redirect-GET.** Every POST answers with a redirect; reloading a page never sends
//!   anything again, and the submitted application's receipt is a page of its own.
//! - **Uploads** pass the same checks as the API's (`crate::uploads`) and move to the case with
//!   the submission, in one transaction.

use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::{Markup, html};
use ruqsat_domain::codes::{Category, DocumentType, Region, Relation, Subtype};
use ruqsat_i18n::{Arg, Lang};
use serde::Deserialize;
use serde_json::json;
use sha2::Digest;

use super::intake::{self, Mode, Values};
use super::{Cookies, Page, PageResult, render};
use crate::AppState;
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use ruqsat_cases::workflow;

/// The cookie that holds the applicant's draft reference.
const COOKIE: &str = "ruqsat_draft";

/// How long a draft is kept after it was last saved (also the cookie's life).
pub const KEEP_DAYS: i64 = ruqsat_cases::worker::DRAFT_KEEP_DAYS;

/// How much one draft may hold: the files of a whole package with room for a few re-scans.
pub const LIMITS: ruqsat_store::DraftLimits = ruqsat_store::DraftLimits {
    files: 30,
    bytes: 60 * 1024 * 1024,
};

/// Most bytes of one upload request (several files at once).
pub const MAX_UPLOAD_REQUEST_BYTES: usize = 40 * 1024 * 1024;

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The purpose, the region, the applicant and the contacts.
    About,
    /// Family members who apply with the applicant.
    Family,
    /// The address, the period and the host.
    Stay,
    /// The documents, uploaded.
    Documents,
    /// Every answer, to check.
    Check,
    /// Consents and the signature.
    Declaration,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 6] = [
        Step::About,
        Step::Family,
        Step::Stay,
        Step::Documents,
        Step::Check,
        Step::Declaration,
    ];

    /// The step's part of the address.
    pub fn slug(self) -> &'static str {
        match self {
            Step::About => "about",
            Step::Family => "family",
            Step::Stay => "stay",
            Step::Documents => "documents",
            Step::Check => "check",
            Step::Declaration => "declaration",
        }
    }

    fn parse(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.slug() == slug)
    }

    fn number(self) -> usize {
        Step::ALL.iter().position(|step| *step == self).unwrap_or(0) + 1
    }

    fn next(self) -> Step {
        Step::ALL.get(self.number()).copied().unwrap_or(Step::Declaration)
    }

    fn previous(self) -> Option<Step> {
        self.number()
            .checked_sub(2)
            .and_then(|index| Step::ALL.get(index).copied())
    }

    /// Whether the form field `name` is answered on this step.
    fn owns(self, name: &str) -> bool {
        match self {
            Step::About => {
                name.starts_with("applicant.")
                    || matches!(name, "subtype" | "region" | "mobile_phone" | "email" | "language")
            }
            Step::Family => name.starts_with("family_members."),
            Step::Stay => {
                name.starts_with("address_in_kazakhstan.")
                    || name.starts_with("requested_period.")
                    || name.starts_with("host.")
                    || matches!(name, "contract_ends_on" | "stay_permitted_until")
            }
            Step::Documents => name.starts_with("paper.") || name.starts_with("issued."),
            Step::Check => false,
            Step::Declaration => matches!(name, "consent_to_restricted_data" | "liability_warning_signed" | "sign"),
        }
    }
}

use ruqsat_cases::records::draft::{DraftAnswers as Answers, DraftProblem as Problem};

/// Most family members on one application (a large family fits; a runaway form does not).
const MAX_FAMILY: usize = 12;

/// A problem of `field` on `step`, said by message `id`.
fn found_in(step: Step, field: impl Into<String>, id: &str) -> Problem {
    Problem::new(step.slug(), field, id)
}

/// What a problem says, in the reader's language.
trait Said {
    /// The message in `page`'s language.
    fn message(&self, page: &Page) -> String;
}

impl Said for Problem {
    fn message(&self, page: &Page) -> String {
        let args: Vec<(&'static str, Arg)> = self
            .args
            .iter()
            .filter_map(|(name, value)| {
                let name: &'static str = match name.as_str() {
                    "document" => "document",
                    "documents" => "documents",
                    "file" => "file",
                    "number" => "number",
                    "detail" => "detail",
                    _ => return None,
                };
                // A document's name is given by its code and said in the reader's language.
                let value = match name {
                    "document" => value
                        .parse::<DocumentType>()
                        .map(|document| ruqsat_i18n::document_name(page.lang, document))
                        .unwrap_or_else(|_| value.clone()),
                    "documents" => value
                        .split(',')
                        .filter_map(|code| code.parse::<DocumentType>().ok())
                        .map(|document| ruqsat_i18n::document_name(page.lang, document))
                        .collect::<Vec<_>>()
                        .join("; "),
                    _ => value.clone(),
                };
                Some((name, Arg::Text(value)))
            })
            .collect();
        page.ta(&self.id, &args)
    }
}

/// A new draft reference: 16 letters and digits of Crockford's base 32 (80 random bits, no
/// letters that read alike), in groups of four: `7KQ2-M9TX-4HRA-C0VW`.
fn new_reference(state: &AppState) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random = sha2::Sha256::digest((state.tokens)().as_bytes());
    let mut bits: u128 = 0;
    for byte in random.iter().take(10) {
        bits = (bits << 8) | u128::from(*byte);
    }
    let letters: Vec<char> = (0..16)
        .map(|index| char::from(ALPHABET[((bits >> (5 * (15 - index))) & 31) as usize]))
        .collect();
    letters
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The reference as typed, in its canonical form (capitals, groups of four), if it can be one:
/// spaces and hyphens are ignored, and letters that read alike are read as base 32 does.
fn canonical_reference(typed: &str) -> Option<String> {
    let letters: String = typed
        .chars()
        .filter(|letter| !matches!(letter, ' ' | '-'))
        .map(|letter| match letter.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    let valid = letters.len() == 16
        && letters
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (byte.is_ascii_uppercase() && !b"ILOU".contains(&byte)));
    valid.then(|| {
        letters
            .as_bytes()
            .chunks(4)
            .map(|group| String::from_utf8_lossy(group).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    })
}

/// Where a draft is kept: the digest of its reference.
fn key_of(reference: &str) -> String {
    crate::auth::token_digest(&format!("draft:{reference}"))
}

/// Who writes the application: the applicant on the portal (TRP only, signed electronically), or
/// a desk officer or a State Corporation operator for the applicant in front of them (TRP and
/// PRP; the applicant signs the paper form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// The portal.
    Portal,
    /// The desk of the police or of the State Corporation.
    Desk,
}

impl Flow {
    /// The address of the steps.
    fn base(self) -> &'static str {
        match self {
            Flow::Portal => "/portal/apply",
            Flow::Desk => "/desk/apply",
        }
    }

    /// Where a draft begins.
    fn home(self) -> &'static str {
        match self {
            Flow::Portal => "/portal",
            Flow::Desk => "/desk",
        }
    }

    fn cookie(self) -> &'static str {
        match self {
            Flow::Portal => COOKIE,
            Flow::Desk => "ruqsat_desk_draft",
        }
    }

    fn mode(self) -> Mode {
        match self {
            Flow::Portal => Mode::Portal,
            Flow::Desk => Mode::Staff,
        }
    }

    /// Whose drafts the page's user may open: the portal's, or a staff member's own (officers
    /// and operators only).
    fn owner(self, page: &Page) -> Result<String, ApiError> {
        match self {
            Flow::Portal => Ok("portal".to_owned()),
            Flow::Desk => {
                let caller = page.staff()?;
                if !matches!(caller.role, Role::Operator | Role::Officer) {
                    return Err(ApiError::Forbidden("intake".into()));
                }
                Ok(caller.login.clone())
            }
        }
    }
}

/// A draft, as the cookie names it.
struct Draft {
    flow: Flow,
    reference: String,
    key: String,
    service: String,
    answers: Answers,
    problems: Vec<Problem>,
    case_id: Option<i64>,
}

impl Draft {
    fn values(&self) -> Values {
        Values(self.answers.values.clone())
    }

    fn step_problems(&self, step: Step) -> Vec<&Problem> {
        self.problems
            .iter()
            .filter(|problem| problem.step == step.slug())
            .collect()
    }

    fn path(&self, step: Step) -> String {
        step_path(self.flow, step)
    }

    fn prp(&self) -> bool {
        self.service == "prp"
    }
}

async fn load(state: &AppState, flow: Flow, owner: &str, reference: &str) -> Result<Option<Draft>, ApiError> {
    let key = key_of(reference);
    let Some(row) = state.store.draft(&key).await? else {
        return Ok(None);
    };
    // Another's draft is as if it did not exist.
    if row.owner != owner {
        return Ok(None);
    }
    let answers = Answers::read(&row.answers);
    let problems = Problem::read_all(row.problems.as_deref());
    Ok(Some(Draft {
        flow,
        reference: reference.to_owned(),
        key,
        service: row.service,
        answers,
        problems,
        case_id: row.case_id,
    }))
}

/// The draft the browser's cookie names, if it exists and is the user's.
async fn from_cookie(
    state: &AppState,
    flow: Flow,
    page: &Page,
    headers: &HeaderMap,
) -> Result<Option<Draft>, ApiError> {
    let owner = flow.owner(page)?;
    let cookies = Cookies::parse(headers);
    match cookies.get(flow.cookie()).and_then(canonical_reference) {
        Some(reference) => load(state, flow, &owner, &reference).await,
        None => Ok(None),
    }
}

async fn save(state: &AppState, draft: &Draft) -> Result<(), ApiError> {
    let answers = draft.answers.to_json();
    let problems = Problem::to_json(&draft.problems);
    state
        .store
        .save_draft(&draft.key, &answers, Some(&problems), (state.clock)())
        .await?;
    Ok(())
}

fn cookie_for(page: &Page, flow: Flow, response: &mut Response, reference: &str) {
    page.set_cookie(
        response,
        &format!(
            "{}={reference}; Path={}; Max-Age={}; HttpOnly; SameSite=Lax",
            flow.cookie(),
            flow.home(),
            KEEP_DAYS * 24 * 3600
        ),
    );
}

fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

fn step_path(flow: Flow, step: Step) -> String {
    format!("{}/{}", flow.base(), step.slug())
}

/// Form of the first step and of the resumption.
#[derive(Debug, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    subtype: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    reference: String,
}

/// Starts a draft for the purpose chosen on the portal's first page, and goes to its first step.
pub async fn start(state: State<AppState>, page: Page, form: Form<StartForm>) -> PageResult {
    start_in(Flow::Portal, state, page, form).await
}

/// Starts a draft at the desk (TRP or PRP).
pub async fn desk_start(state: State<AppState>, page: Page, form: Form<StartForm>) -> PageResult {
    start_in(Flow::Desk, state, page, form).await
}

async fn start_in(flow: Flow, State(state): State<AppState>, page: Page, Form(form): Form<StartForm>) -> PageResult {
    let owner = flow.owner(&page)?;
    let service = if flow == Flow::Desk && form.service == "prp" {
        "prp"
    } else {
        "trp"
    };
    let mut values = vec![("language".to_owned(), page.lang.as_str().to_owned())];
    if service == "trp" {
        let subtype: Subtype = form.subtype.parse().unwrap_or(Subtype::Labour);
        values.push(("subtype".into(), subtype.as_str().into()));
    }
    let answers = Answers { values, family: 0 };
    let reference = new_reference(&state);
    state
        .store
        .create_draft(
            &key_of(&reference),
            &owner,
            service,
            &answers.to_json(),
            (state.clock)(),
        )
        .await?;
    let mut response = see_other(&step_path(flow, Step::About));
    cookie_for(&page, flow, &mut response, &reference);
    Ok(response)
}

/// Continues a saved draft by its reference (typed on the portal's first page).
pub async fn resume(state: State<AppState>, page: Page, form: Form<StartForm>) -> PageResult {
    resume_in(Flow::Portal, state, page, form).await
}

/// Continues one's own saved draft at the desk.
pub async fn desk_resume(state: State<AppState>, page: Page, form: Form<StartForm>) -> PageResult {
    resume_in(Flow::Desk, state, page, form).await
}

async fn resume_in(flow: Flow, State(state): State<AppState>, page: Page, Form(form): Form<StartForm>) -> PageResult {
    let owner = flow.owner(&page)?;
    let found = match canonical_reference(&form.reference) {
        Some(reference) => load(&state, flow, &owner, &reference).await?,
        None => None,
    };
    let Some(draft) = found else {
        let error = page.t("invalid-draft-reference");
        let (title, body) = match flow {
            Flow::Portal => (
                page.t("portal-title"),
                super::intake::portal_start_body(&page, Some(&error), &form.reference),
            ),
            Flow::Desk => (
                page.t("nav-desk"),
                resume_form(&page, flow, Some(&error), &form.reference),
            ),
        };
        return Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            super::layout(&page, &title, body),
        )
            .into_response());
    };
    let target = if draft.case_id.is_some() {
        format!("{}/done", flow.base())
    } else {
        draft.path(Step::Check)
    };
    let mut response = see_other(&target);
    cookie_for(&page, flow, &mut response, &draft.reference);
    Ok(response)
}

/// The form that brings a saved draft back by its reference; `error` when the last one did not.
pub fn resume_form(page: &Page, flow: Flow, error: Option<&str>, typed: &str) -> Markup {
    let action = match flow {
        Flow::Portal => "/portal/resume",
        Flow::Desk => "/desk/resume",
    };
    html! {
        @if let Some(error) = error {
            div class="error-summary" role="alert" tabindex="-1" {
                p { strong { (page.t("form-has-errors")) } }
                p { a href="#f-reference" { (page.t("field-draft-reference")) } ": " (error) }
            }
        }
        section class="resume" {
            h2 { (page.t("draft-resume-title")) }
            form method="post" action=(action) class="stack" {
                (page.csrf_field())
                div class={"field" @if error.is_some() { " invalid" }} {
                    label for="f-reference" { (page.t("field-draft-reference")) }
                    input id="f-reference" name="reference" type="text" value=(typed) autocomplete="off" spellcheck="false"
                        autocapitalize="characters" aria-invalid=[error.map(|_| "true")] aria-describedby="err-f-reference";
                    p class="error" id="err-f-reference" { @if let Some(error) = error { (error) } }
                }
                button type="submit" class="secondary" { (page.t("action-continue-draft")) }
            }
        }
    }
}

/// `/portal/apply`: the draft's first step or its receipt, or the portal's first page.
pub async fn current(State(state): State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    Ok(match from_cookie(&state, Flow::Portal, &page, &headers).await? {
        Some(draft) if draft.case_id.is_some() => see_other("/portal/apply/done"),
        Some(draft) => see_other(&draft.path(Step::About)),
        None => see_other("/portal"),
    })
}

/// A step of the portal's draft.
pub async fn show(state: State<AppState>, page: Page, headers: HeaderMap, slug: Path<String>) -> PageResult {
    show_in(Flow::Portal, state, page, headers, slug).await
}

/// A step of the desk's draft.
pub async fn desk_show(state: State<AppState>, page: Page, headers: HeaderMap, slug: Path<String>) -> PageResult {
    show_in(Flow::Desk, state, page, headers, slug).await
}

async fn show_in(
    flow: Flow,
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> PageResult {
    let step = Step::parse(&slug).ok_or(ApiError::NotFound)?;
    let Some(draft) = from_cookie(&state, flow, &page, &headers).await? else {
        return Ok(see_other(flow.home()));
    };
    if draft.case_id.is_some() {
        return Ok(see_other(&format!("{}/done", flow.base())));
    }
    let files = state.store.draft_documents(&draft.key).await?;
    let body = step_page(&state, &page, step, &draft, &files);
    let title = format!(
        "{} — {}",
        page.t(&format!("step-{}", step.slug())),
        page.t(match flow {
            Flow::Portal => "portal-title",
            Flow::Desk => "nav-desk",
        })
    );
    Ok(render(&page, &title, body))
}

/// The answers of a portal step, sent.
pub async fn answer(
    state: State<AppState>,
    page: Page,
    headers: HeaderMap,
    slug: Path<String>,
    fields: Form<Vec<(String, String)>>,
) -> PageResult {
    answer_in(Flow::Portal, state, page, headers, slug, fields).await
}

/// The answers of a desk step, sent.
pub async fn desk_answer(
    state: State<AppState>,
    page: Page,
    headers: HeaderMap,
    slug: Path<String>,
    fields: Form<Vec<(String, String)>>,
) -> PageResult {
    answer_in(Flow::Desk, state, page, headers, slug, fields).await
}

async fn answer_in(
    flow: Flow,
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let step = Step::parse(&slug).ok_or(ApiError::NotFound)?;
    let Some(mut draft) = from_cookie(&state, flow, &page, &headers).await? else {
        return Ok(see_other(flow.home()));
    };
    if draft.case_id.is_some() {
        return Ok(see_other(&format!("{}/done", flow.base())));
    }
    let sent = Values(fields);
    let action = sent.get("action").to_owned();
    // The step's answers replace what the draft had for them; the rest stays.
    draft.answers.values.retain(|(name, _)| !step.owns(name));
    for (name, value) in &sent.0 {
        if step.owns(name) {
            draft.answers.values.push((name.clone(), value.trim().to_owned()));
        }
    }
    if step == Step::Family {
        draft.answers.family = draft
            .answers
            .family
            .max(family_rows(&draft.answers.values))
            .min(MAX_FAMILY);
        if action == "add_member" && draft.answers.family < MAX_FAMILY {
            draft.answers.family += 1;
        }
        if let Some(index) = action
            .strip_prefix("remove_member:")
            .and_then(|index| index.parse::<usize>().ok())
        {
            remove_member(&mut draft.answers, index);
        }
    }
    if step == Step::Declaration && action == "submit" {
        return submit(&state, &page, draft).await;
    }
    finish_step(&state, &page, draft, step, &action, sent.get("switch_lang"), Vec::new()).await
}

/// After a step's answers are in the draft: checks the step when the applicant goes on, keeps
/// its problems, and sends the browser where the action leads.
async fn finish_step(
    state: &AppState,
    page: &Page,
    mut draft: Draft,
    step: Step,
    action: &str,
    switch_lang: &str,
    refused: Vec<Problem>,
) -> PageResult {
    let today = state.law.local((state.clock)()).date_naive();
    let files = state.store.draft_documents(&draft.key).await?;
    draft.problems.retain(|problem| problem.step != step.slug());
    draft.problems.extend(refused);
    let going_on = action == "next";
    if going_on {
        let context = Context::of(&draft, page);
        draft
            .problems
            .extend(problems_of(state, &context, step, &draft.values(), &files, today));
    }
    // Problems found by the check page or a submission stay until their step is sent again.
    save(state, &draft).await?;
    let target = match action {
        "next" if draft.step_problems(step).is_empty() => draft.path(step.next()),
        _ if !draft.step_problems(step).is_empty() && action != "lang" => format!("{}#problems", draft.path(step)),
        "back" => draft.path(step.previous().unwrap_or(step)),
        "save" => format!("{}/saved", draft.flow.base()),
        "lang" => {
            let lang: Lang = switch_lang.parse().unwrap_or(page.lang);
            format!("/lang?lang={}&back={}", lang.as_str(), draft.path(step))
        }
        _ => draft.path(step),
    };
    Ok(see_other(&target))
}

/// How many family members the answers name (the highest row index with an answer, plus one).
fn family_rows(values: &[(String, String)]) -> usize {
    values
        .iter()
        .filter_map(|(name, _)| {
            name.strip_prefix("family_members.")?
                .split('.')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .map(|index| index + 1)
        .max()
        .unwrap_or(0)
}

/// Removes family member `index`; those after it move up one row.
fn remove_member(answers: &mut Answers, index: usize) {
    let mut kept = Vec::new();
    for (name, value) in answers.values.drain(..) {
        let row = name
            .strip_prefix("family_members.")
            .and_then(|rest| rest.split_once('.'))
            .and_then(|(row, field)| row.parse::<usize>().ok().map(|row| (row, field.to_owned())));
        match row {
            Some((row, _)) if row == index => {}
            Some((row, field)) if row > index => kept.push((format!("family_members.{}.{field}", row - 1), value)),
            _ => kept.push((name, value)),
        }
    }
    answers.values = kept;
    answers.family = answers.family.saturating_sub(1);
}

/// The documents step, sent: files to keep (each checked as the API checks uploads), files to
/// remove, and where to go.
pub async fn upload(state: State<AppState>, page: Page, headers: HeaderMap, multipart: Multipart) -> PageResult {
    upload_in(Flow::Portal, state, page, headers, multipart).await
}

/// The desk's documents step, sent (files, and the documents received on paper).
pub async fn desk_upload(state: State<AppState>, page: Page, headers: HeaderMap, multipart: Multipart) -> PageResult {
    upload_in(Flow::Desk, state, page, headers, multipart).await
}

async fn upload_in(
    flow: Flow,
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> PageResult {
    let Some(mut draft) = from_cookie(&state, flow, &page, &headers).await? else {
        return Ok(see_other(flow.home()));
    };
    if draft.case_id.is_some() {
        return Ok(see_other(&format!("{}/done", flow.base())));
    }
    // The documents received on paper (the desk) are this step's answers: what is sent replaces
    // what was kept.
    draft.answers.values.retain(|(name, _)| !Step::Documents.owns(name));
    let mut action = String::from("upload");
    let mut switch_lang = String::new();
    let mut rejected = Vec::new();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|error| ApiError::invalid("form", error.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(code) = name.strip_prefix("file.") {
            let Ok(document_type) = code.parse::<DocumentType>() else {
                continue;
            };
            let file_name = clean_file_name(field.file_name().unwrap_or_default());
            let mut content = Vec::new();
            let mut too_large = false;
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|error| ApiError::invalid("form", error.body_text()))?
            {
                if content.len() + chunk.len() > crate::api::MAX_DOCUMENT_BYTES {
                    too_large = true;
                    content.clear();
                } else if !too_large {
                    content.extend_from_slice(&chunk);
                }
            }
            if file_name.is_empty() && content.is_empty() && !too_large {
                continue; // a file input left empty
            }
            let problem = |id: &str| found_in(Step::Documents, name.clone(), id).with("file", file_name.clone());
            if too_large {
                rejected.push(problem("upload-too-large"));
                continue;
            }
            if content.is_empty() {
                rejected.push(problem("upload-damaged"));
                continue;
            }
            let (content, inspected) = crate::uploads::inspect_off_runtime(content).await?;
            let media_type = match inspected {
                Ok(media_type) => media_type,
                Err(rejection) => {
                    rejected.push(problem(upload_message(&rejection)));
                    continue;
                }
            };
            let sha256: String = sha2::Sha256::digest(&content)
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect();
            let new = ruqsat_store::NewDraftDocument {
                document_type: document_type.as_str(),
                file_name: &file_name,
                media_type,
                sha256: &sha256,
                content: &content,
            };
            if state
                .store
                .add_draft_document(&draft.key, &new, LIMITS, (state.clock)())
                .await?
                .is_none()
            {
                rejected.push(problem("upload-limit"));
            }
        } else {
            let value = field
                .text()
                .await
                .map_err(|error| ApiError::invalid("form", error.body_text()))?;
            match name.as_str() {
                "action" => action = value,
                "switch_lang" => switch_lang = value,
                _ if flow == Flow::Desk && Step::Documents.owns(&name) => draft.answers.values.push((name, value)),
                "remove" => {
                    if let Ok(id) = value.parse::<i64>() {
                        state.store.remove_draft_document(&draft.key, id).await?;
                    }
                }
                _ => {}
            }
        }
    }
    // The files refused are problems of this step, whatever the action: shown on it.
    let response = finish_step(&state, &page, draft, Step::Documents, &action, &switch_lang, rejected).await?;
    Ok(response)
}

/// The message that says why an upload was refused.
fn upload_message(rejection: &crate::uploads::Rejection) -> &'static str {
    use crate::uploads::Rejection;
    match rejection {
        Rejection::NotAccepted => "upload-not-accepted",
        Rejection::ActiveContent(_) => "upload-active-content",
        Rejection::TooManyPixels { .. } | Rejection::Bomb => "upload-too-large",
        Rejection::Damaged(_) | Rejection::Unparseable(_) => "upload-damaged",
    }
}

/// A file's name as shown back: its last part, printable, at most 80 characters.
/// A file's name as the applicant gave it (their text, in no known language), or for a file
/// taken over from an earlier application (no name kept), said so in the page's language.
fn file_label(page: &Page, name: &str) -> Markup {
    if name.is_empty() {
        html! { (page.t("draft-file-earlier")) }
    } else {
        html! { span lang="" { (name) } }
    }
}

/// The same as plain text (for an accessible name).
fn file_name_text(page: &Page, name: &str) -> String {
    if name.is_empty() {
        page.t("draft-file-earlier")
    } else {
        name.to_owned()
    }
}

fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    last.chars()
        .filter(|letter| !letter.is_control() && ruqsat_domain::text::problem(&letter.to_string(), 1).is_none())
        .take(80)
        .collect()
}

/// What the checks of a step depend on besides the answers.
pub struct Context {
    flow: Flow,
    prp: bool,
    /// The region is the staff member's own: not asked.
    region_fixed: bool,
}

impl Context {
    fn of(draft: &Draft, page: &Page) -> Context {
        Context {
            flow: draft.flow,
            prp: draft.prp(),
            region_fixed: draft.flow == Flow::Desk && page.user.as_ref().is_some_and(|user| user.region.is_some()),
        }
    }

    fn service(&self) -> &'static str {
        if self.prp { "prp" } else { "trp" }
    }
}

/// PRP documents accepted only if issued within 180 days: their issue date is asked (Rules
/// No. 992, Appendix 3, items 3), 4), 7); the contract refuses them without it).
const DATED: [DocumentType; 3] = [
    DocumentType::SolvencyProof,
    DocumentType::CriminalRecordCertificate,
    DocumentType::MedicalCertificate028,
];

/// Whether the package has `document`: the form itself, a file, or (at the desk) the paper.
fn has_document(values: &Values, files: &[ruqsat_store::DraftDocument], document: DocumentType) -> bool {
    filled_here(document)
        || files.iter().any(|file| file.document_type == document.as_str())
        || values.get(&format!("paper.{}", document.as_str())) == "true"
}

/// Every problem of the answers of `step` (all at once, not the first).
pub fn problems_of(
    state: &AppState,
    context: &Context,
    step: Step,
    values: &Values,
    files: &[ruqsat_store::DraftDocument],
    today: NaiveDate,
) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut add = |problem: Problem| found.push(problem);
    match step {
        Step::About => {
            if !context.prp && values.get("subtype").parse::<Subtype>().is_err() {
                add(found_in(step, "subtype", "invalid-required"));
            }
            if !context.region_fixed && values.get("region").parse::<Region>().is_err() {
                add(found_in(step, "region", "invalid-required"));
            }
            person(step, "applicant", values, today, true, &mut add);
            for (field, max) in [
                ("applicant.birth_place", ruqsat_domain::text::MAX_LINE),
                ("applicant.nationality", ruqsat_domain::text::MAX_LINE),
                ("applicant.residence_address", ruqsat_domain::text::MAX_LINE),
            ] {
                text(step, field, values.get(field), max, false, &mut add);
            }
            let iin = values.get("applicant.iin");
            if !iin.is_empty() && iin.parse::<ruqsat_domain::ids::Iin>().is_err() {
                add(found_in(step, "applicant.iin", "invalid-iin"));
            }
            let phone = values.get("mobile_phone");
            if !phone.is_empty() && ruqsat_contract::input::plausible_phone("mobile_phone", phone).is_err() {
                add(found_in(step, "mobile_phone", "invalid-phone"));
            }
            let email = values.get("email");
            if !email.is_empty() && ruqsat_contract::input::plausible_email("email", email).is_err() {
                add(found_in(step, "email", "invalid-email"));
            }
        }
        Step::Family => {
            for row in 0..family_rows(&values.0) {
                let prefix = format!("family_members.{row}");
                let blank = values
                    .0
                    .iter()
                    .filter(|(name, _)| name.starts_with(&format!("{prefix}.")))
                    .all(|(_, value)| value.is_empty());
                if blank {
                    continue; // an empty row is ignored, as if removed
                }
                person(step, &prefix, values, today, false, &mut add);
                if values.get(&format!("{prefix}.relation")).parse::<Relation>().is_err() {
                    add(found_in(step, format!("{prefix}.relation"), "invalid-required"));
                }
            }
        }
        Step::Stay => {
            for field in [
                "address_in_kazakhstan.region",
                "address_in_kazakhstan.city",
                "address_in_kazakhstan.street",
                "address_in_kazakhstan.house",
                "address_in_kazakhstan.apartment",
                "address_in_kazakhstan.registration_code",
                "host.name",
            ] {
                text(
                    step,
                    field,
                    values.get(field),
                    ruqsat_domain::text::MAX_LINE,
                    false,
                    &mut add,
                );
            }
            // A TRP is asked for a period (Appendix 1); a PRP is permanent.
            let from = date(step, "requested_period.from", values, !context.prp, &mut add);
            let to = date(step, "requested_period.to", values, !context.prp, &mut add);
            if let (Some(from), Some(to)) = (from, to)
                && to <= from
            {
                add(found_in(step, "requested_period.to", "invalid-period-order"));
            }
            date(step, "contract_ends_on", values, false, &mut add);
            date(step, "stay_permitted_until", values, false, &mut add);
            for (field, id) in [("host.bin", "invalid-bin"), ("host.iin", "invalid-iin")] {
                let given = values.get(field);
                let valid = match field {
                    "host.bin" => given.parse::<ruqsat_domain::ids::Bin>().is_ok(),
                    _ => given.parse::<ruqsat_domain::ids::Iin>().is_ok(),
                };
                if !given.is_empty() && !valid {
                    add(found_in(step, field, id));
                }
            }
        }
        Step::Documents => {
            let list = intake::checklist(state, values, context.service());
            let has = |document: &DocumentType| has_document(values, files, *document);
            for document in &list.required {
                if !has(document) {
                    add(
                        found_in(step, format!("file.{}", document.as_str()), "invalid-document-missing")
                            .with("document", document.as_str()),
                    );
                }
            }
            for group in &list.one_of {
                if !group.iter().any(has)
                    && let Some(first) = group.first()
                {
                    let codes: Vec<&str> = group.iter().map(|document| document.as_str()).collect();
                    add(
                        found_in(step, format!("file.{}", first.as_str()), "invalid-document-one-of")
                            .with("documents", codes.join(",")),
                    );
                }
            }
            if context.prp {
                for document in DATED {
                    if has(&document)
                        && let Some(issued) =
                            date(step, &format!("issued.{}", document.as_str()), values, true, &mut add)
                        && issued > today
                    {
                        add(found_in(
                            step,
                            format!("issued.{}", document.as_str()),
                            "invalid-date-future",
                        ));
                    }
                }
            }
            // The desk photographs the applicant; the portal asks for a photograph (interpretation 63).
            if context.flow == Flow::Portal
                && !files
                    .iter()
                    .any(|file| file.document_type == DocumentType::Photo.as_str())
            {
                add(found_in(step, "file.photo", "invalid-photo-missing"));
            }
        }
        Step::Check => {}
        Step::Declaration => {
            if values.get("consent_to_restricted_data") != "true" {
                add(found_in(step, "consent_to_restricted_data", "invalid-consent"));
            }
            if values.get("liability_warning_signed") != "true" {
                add(found_in(step, "liability_warning_signed", "invalid-warning"));
            }
            // The portal's applicant signs electronically; at the desk the paper form is signed.
            if context.flow == Flow::Portal && values.get("sign") != "true" {
                add(found_in(step, "sign", "invalid-sign"));
            }
        }
    }
    found
}

/// Documents the portal's form itself is: the application form is what the applicant fills in.
fn filled_here(document: DocumentType) -> bool {
    matches!(
        document,
        DocumentType::ApplicationForm | DocumentType::PrpApplicationForm
    )
}

/// The problems of a person's answers under `prefix` (the applicant or a family member): the
/// names, the dates (a birth not in the future and at most 120 years ago, a passport issued
/// after the birth and not in the future, expiring after its issue), sex, citizenship, passport.
fn person(step: Step, prefix: &str, values: &Values, today: NaiveDate, applicant: bool, add: &mut impl FnMut(Problem)) {
    let field = |name: &str| format!("{prefix}.{name}");
    for name in ["surname", "given_name"] {
        text(
            step,
            &field(name),
            values.get(&field(name)),
            ruqsat_domain::text::MAX_NAME,
            true,
            add,
        );
    }
    if applicant {
        text(
            step,
            &field("patronymic"),
            values.get(&field("patronymic")),
            ruqsat_domain::text::MAX_NAME,
            false,
            add,
        );
    }
    let born = date(step, &field("birth_date"), values, true, add);
    if let Some(born) = born {
        if born > today {
            add(found_in(step, field("birth_date"), "invalid-date-future"));
        } else if ruqsat_domain::dates::age_on(born, today) > ruqsat_contract::input::MAX_AGE_YEARS {
            add(found_in(step, field("birth_date"), "invalid-birth-too-old"));
        }
    }
    if values.get(&field("sex")).is_empty() {
        add(found_in(step, field("sex"), "invalid-required"));
    }
    let citizenship = values.get(&field("citizenship"));
    if !citizenship.is_empty() && citizenship.parse::<ruqsat_domain::country::CountryCode>().is_err() {
        add(found_in(step, field("citizenship"), "invalid-country"));
    }
    let number = values.get(&field("passport.number"));
    if number.is_empty() {
        add(found_in(step, field("passport.number"), "invalid-required"));
    } else if number.len() > 20 || !number.chars().all(|letter| letter.is_ascii_alphanumeric()) {
        add(found_in(step, field("passport.number"), "invalid-passport-number"));
    }
    let issued = date(step, &field("passport.issued_on"), values, true, add);
    let expires = date(step, &field("passport.expires_on"), values, true, add);
    if let Some(issued) = issued {
        if issued > today {
            add(found_in(step, field("passport.issued_on"), "invalid-date-future"));
        } else if born.is_some_and(|born| born <= today && issued < born) {
            add(found_in(
                step,
                field("passport.issued_on"),
                "invalid-issued-before-birth",
            ));
        }
        if expires.is_some_and(|expires| expires <= issued) {
            add(found_in(
                step,
                field("passport.expires_on"),
                "invalid-expires-before-issue",
            ));
        }
    }
}

/// A date answer: `None` when empty (a problem if required) or not a date (a problem).
fn date(step: Step, name: &str, values: &Values, required: bool, add: &mut impl FnMut(Problem)) -> Option<NaiveDate> {
    let given = values.get(name);
    if given.is_empty() {
        if required {
            add(found_in(step, name, "invalid-required"));
        }
        return None;
    }
    match NaiveDate::parse_from_str(given, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            add(found_in(step, name, "invalid-date"));
            None
        }
    }
}

/// A one-line text answer: required, printable (no control, direction or invisible characters)
/// and at most `max` characters.
fn text(step: Step, name: &str, given: &str, max: usize, required: bool, add: &mut impl FnMut(Problem)) {
    if given.is_empty() {
        if required {
            add(found_in(step, name, "invalid-required"));
        }
        return;
    }
    if let Some(problem) = ruqsat_domain::text::problem(given, max) {
        add(found_in(step, name, problem.message_id()));
    }
}

/// The declaration, signed: every step is checked again, a duplicate is caught, and the
/// application goes in; the browser is sent to the receipt.
async fn submit(state: &AppState, page: &Page, mut draft: Draft) -> PageResult {
    let today = state.law.local((state.clock)()).date_naive();
    let files = state.store.draft_documents(&draft.key).await?;
    let values = draft.values();
    let context = Context::of(&draft, page);
    draft.problems = Step::ALL
        .into_iter()
        .flat_map(|step| problems_of(state, &context, step, &values, &files, today))
        .collect();
    if let Some(first) = draft.problems.first().and_then(|problem| Step::parse(&problem.step)) {
        save(state, &draft).await?;
        return Ok(see_other(&format!("{}#problems", draft.path(first))));
    }
    let passport = values.get("applicant.passport.number").to_uppercase();
    let open = ruqsat_domain::case::CaseState::open_codes();
    if let Some((_, number)) = state
        .store
        .open_case_of_passport(context.service(), &passport, &open)
        .await?
    {
        draft.problems = vec![found_in(Step::Declaration, "duplicate", "duplicate-application").with("number", number)];
        save(state, &draft).await?;
        return Ok(see_other(&format!("{}#problems", draft.path(Step::Declaration))));
    }
    let caller = match draft.flow {
        Flow::Portal => Caller {
            login: "portal-web".into(),
            role: Role::Integration(ruqsat_domain::codes::Channel::Portal),
            region: None,
        },
        Flow::Desk => page.staff()?.clone(),
    };
    let channel = match (draft.flow, caller.role) {
        (Flow::Portal, _) => "portal",
        (Flow::Desk, Role::Operator) => "state_corporation",
        (Flow::Desk, _) => "desk",
    };
    let mut application = intake::application_json(&values, channel);
    application["service"] = json!(context.service());
    if let Some(object) = application.as_object_mut() {
        if context.prp {
            object.remove("subtype");
        }
        // The answers of the documents step are not the application's fields.
        object.retain(|name, _| name != "paper" && name != "issued");
    }
    if channel == "state_corporation" {
        // The State Corporation's intake time is its own (the contract keeps it); here it is now.
        let now = state.law.local((state.clock)());
        application["submitted_at"] = json!(now.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    let documents: Vec<serde_json::Value> = document_types(state, &context, &values, &files)
        .into_iter()
        .map(|document| {
            let issued = values.get(&format!("issued.{}", document.as_str()));
            if context.prp && DATED.contains(&document) && !issued.is_empty() {
                json!({ "type": document.as_str(), "issued_on": issued })
            } else {
                json!({ "type": document.as_str() })
            }
        })
        .collect();
    application["documents"] = json!(documents);
    let region = match caller.region {
        Some(own) => own.as_str().to_owned(),
        None => values.get("region").to_owned(),
    };
    let mut request = json!({ "region": region, "application": application });
    if draft.flow == Flow::Portal {
        // The applicant signs on the portal; in a demo the demo applicant's key stands in for
        // their signing tool. Without it this installation cannot sign for anyone.
        match workflow::demo_signature(state, &request["application"])? {
            Some(signature) => request["signature"] = json!(signature),
            None => {
                draft.problems = vec![found_in(Step::Declaration, "sign", "signature-unavailable")];
                save(state, &draft).await?;
                return Ok(see_other(&format!("{}#problems", draft.path(Step::Declaration))));
            }
        }
    }
    let body = request.to_string();
    // The draft's key makes the submission idempotent: a retry after a failure between the
    // case and the files gives back the same case.
    let idempotency = format!("draft-{}", &draft.key[..32]);
    match workflow::intake(state, &caller, body.as_bytes(), Some(&idempotency)).await {
        Ok((case, _)) => {
            state
                .store
                .finish_draft(&draft.key, case.id, &caller.login, (state.clock)())
                .await?;
            Ok(see_other(&format!("{}/done", draft.flow.base())))
        }
        Err(ruqsat_cases::CaseError::Invalid { field, message, id }) => {
            // A problem only the whole application shows: on the step that has the field.
            let name = match field.as_str() {
                "signature" => "sign".to_owned(),
                _ => intake::form_field(&field),
            };
            let step = Step::ALL
                .into_iter()
                .find(|step| step.owns(&name))
                .unwrap_or(Step::Check);
            let mut problem = found_in(step, name, id.unwrap_or("invalid-value-check"));
            if page.lang == Lang::En && id.is_none() {
                problem = found_in(step, problem.field.clone(), "invalid-value").with("detail", message);
            }
            draft.problems = vec![problem];
            save(state, &draft).await?;
            Ok(see_other(&format!("{}#problems", draft.path(step))))
        }
        Err(error) => Err(error.into()),
    }
}

/// The documents the application lists: the form itself, each type with a file, and (at the
/// desk) each received on paper.
fn document_types(
    state: &AppState,
    context: &Context,
    values: &Values,
    files: &[ruqsat_store::DraftDocument],
) -> Vec<DocumentType> {
    let list = intake::checklist(state, values, context.service());
    let mut types: Vec<DocumentType> = list
        .required
        .iter()
        .chain(list.one_of.iter().flatten())
        .copied()
        .filter(|document| filled_here(*document) || values.get(&format!("paper.{}", document.as_str())) == "true")
        .collect();
    for file in files {
        if let Ok(document) = file.document_type.parse::<DocumentType>()
            && !types.contains(&document)
        {
            types.push(document);
        }
    }
    types
}

/// The receipt of the portal's submitted draft.
pub async fn done(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    done_in(Flow::Portal, state, page, headers).await
}

/// The receipt of the desk's submitted draft.
pub async fn desk_done(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    done_in(Flow::Desk, state, page, headers).await
}

async fn done_in(flow: Flow, State(state): State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    let Some(draft) = from_cookie(&state, flow, &page, &headers).await? else {
        return Ok(see_other(flow.home()));
    };
    let Some(case_id) = draft.case_id else {
        return Ok(see_other(&draft.path(Step::Declaration)));
    };
    let case = state.store.case(case_id).await?.ok_or(ApiError::NotFound)?;
    intake::receipt(&state, &page, &case, flow.mode())
}

/// "Save and continue later" on the portal: the reference, and how to come back.
pub async fn saved(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    saved_in(Flow::Portal, state, page, headers).await
}

/// "Save and continue later" at the desk.
pub async fn desk_saved(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    saved_in(Flow::Desk, state, page, headers).await
}

async fn saved_in(flow: Flow, State(state): State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    let Some(draft) = from_cookie(&state, flow, &page, &headers).await? else {
        return Ok(see_other(flow.home()));
    };
    let body = html! {
        h1 { (page.t("draft-saved-title")) }
        p class="receipt ok" role="status" { (page.t("draft-reference-label")) ": " strong id="draft-reference" { (draft.reference) } }
        p { (page.ta(match flow { Flow::Portal => "draft-saved-body", Flow::Desk => "draft-saved-body-desk" }, &[("days", Arg::Number(KEEP_DAYS))])) }
        p { a class="button" href=(draft.path(Step::About)) { (page.t("action-continue-draft")) } }
    };
    Ok(render(&page, &page.t("draft-saved-title"), body))
}

/// The page of a step.
fn step_page(
    state: &AppState,
    page: &Page,
    step: Step,
    draft: &Draft,
    files: &[ruqsat_store::DraftDocument],
) -> Markup {
    let values = draft.values();
    let problems = draft.step_problems(step);
    let message = |name: &str| -> Option<String> {
        let messages: Vec<String> = problems
            .iter()
            .filter(|problem| problem.field == name)
            .map(|problem| problem.message(page))
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    };
    let context = Context::of(draft, page);
    let fields = Fields {
        page,
        values: &values,
        message: &message,
        context: &context,
    };
    let multipart = step == Step::Documents;
    let action = if multipart {
        format!("{}?csrf={}", draft.path(step), page.csrf)
    } else {
        draft.path(step)
    };
    html! {
        nav class="steps" aria-label=(page.t("steps-label")) {
            ol {
                @for other in Step::ALL {
                    li class={@if other == step { "current" }} aria-current=[(other == step).then_some("step")] {
                        @if other.number() < step.number() { a href=(draft.path(other)) { (page.t(&format!("step-{}", other.slug()))) } }
                        @else { (page.t(&format!("step-{}", other.slug()))) }
                    }
                }
            }
        }
        p class="step-of" { (page.ta("step-of", &[("number", Arg::Number(step.number() as i64)), ("total", Arg::Number(Step::ALL.len() as i64))])) }
        @if draft.flow == Flow::Desk { p class="step-of" { (page.t(if draft.prp() { "desk-new-prp" } else { "desk-new-trp" })) } }
        h1 { (page.t(&format!("step-{}", step.slug()))) }
        @if !problems.is_empty() {
            div class="error-summary" id="problems" role="alert" tabindex="-1" {
                p { strong { (page.t("form-has-errors")) } }
                ul {
                    @for problem in &problems {
                        li { a href={"#" (field_id(&problem.field))} { (label_of(page, &problem.field)) } ": " (problem.message(page)) }
                    }
                }
            }
        }
        form method="post" action=(action) class="questionnaire" data-draft="" enctype=[multipart.then_some("multipart/form-data")] {
            (page.csrf_field())
            input type="hidden" name="switch_lang" value="";
            @match step {
                Step::About => (about(&fields)),
                Step::Family => (family(&fields, draft.answers.family)),
                Step::Stay => (stay(&fields)),
                Step::Documents => (documents(state, &fields, files)),
                Step::Check => (check(state, page, draft, &context, files)),
                Step::Declaration => (declaration(&fields)),
            }
            div class="actions" {
                @if step == Step::Declaration {
                    button type="submit" name="action" value="submit" { (page.t("action-submit")) }
                } @else {
                    button type="submit" name="action" value="next" { (page.t("action-continue")) }
                }
                @if step.previous().is_some() { button type="submit" name="action" value="back" class="secondary" { (page.t("action-back")) } }
                button type="submit" name="action" value="save" class="secondary" { (page.t("action-save-later")) }
            }
        }
        p class="draft-reference" { (page.t("draft-reference-label")) ": " strong { (draft.reference) } " — " (page.t("draft-reference-hint")) }
    }
}

/// The id of a form field's input.
fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

/// The label of a form field, for the summary.
fn label_of(page: &Page, name: &str) -> String {
    if name == "duplicate" {
        return page.t("field-passport-number");
    }
    if name == "applicant.categories" {
        return page.t("field-categories");
    }
    if let Some(code) = name.strip_prefix("issued.") {
        let document = code
            .parse::<DocumentType>()
            .map(|document| ruqsat_i18n::document_name(page.lang, document))
            .unwrap_or_default();
        return format!("{document} — {}", page.t("documents-issued-on"));
    }
    if name == "applicant.categories" {
        return page.t("field-categories");
    }
    if let Some(code) = name.strip_prefix("issued.") {
        let document = code
            .parse::<DocumentType>()
            .map(|document| ruqsat_i18n::document_name(page.lang, document))
            .unwrap_or_default();
        return format!("{document} — {}", page.t("documents-issued-on"));
    }
    if let Some(code) = name.strip_prefix("file.") {
        return code
            .parse::<DocumentType>()
            .map(|document| ruqsat_i18n::document_name(page.lang, document))
            .unwrap_or_else(|_| page.t("section-documents"));
    }
    let (member, field) = match name
        .strip_prefix("family_members.")
        .and_then(|rest| rest.split_once('.'))
    {
        Some((row, field)) => (row.parse::<usize>().ok(), format!("family_members.0.{field}")),
        None => (None, name.to_owned()),
    };
    let label = match field.as_str() {
        _ if field.ends_with("citizenship") => page.t("field-citizenship-country"),
        "host.owns_housing" => page.t("field-host-owns-housing"),
        "consent_to_restricted_data" => page.t("field-consent"),
        "liability_warning_signed" => page.t("field-warning"),
        _ => intake::field_label(page, &field),
    };
    match member {
        Some(row) => format!(
            "{} — {label}",
            page.ta("family-member-n", &[("number", Arg::Number((row + 1) as i64))])
        ),
        None => label,
    }
}

/// What renders the fields of a step.
struct Fields<'a> {
    page: &'a Page,
    values: &'a Values,
    message: &'a dyn Fn(&str) -> Option<String>,
    context: &'a Context,
}

impl Fields<'_> {
    fn wrap(&self, name: &str, label: &str, required: bool, control: Markup) -> Markup {
        let id = field_id(name);
        let message = (self.message)(name);
        html! {
            div class={"field" @if message.is_some() { " invalid" }} {
                label for=(id) { (label) @if required { " " span class="req" aria-hidden="true" { "*" } } }
                (control)
                p class="error" id={"err-" (id)} { @if let Some(message) = &message { (message) } }
            }
        }
    }

    fn input(&self, name: &str, label: &str, kind: &str, required: bool) -> Markup {
        let id = field_id(name);
        let invalid = (self.message)(name).is_some();
        let inputmode = match name {
            _ if name.ends_with(".iin") || name.ends_with(".bin") => Some("numeric"),
            _ => None,
        };
        let control = html! {
            input id=(id) name=(name) type=(kind) value=(self.values.get(name))
                autocomplete=(intake::autocomplete(self.context.flow.mode(), name))
                inputmode=[inputmode]
                aria-required=[required.then_some("true")]
                aria-invalid=[invalid.then_some("true")]
                aria-describedby={"err-" (id)};
        };
        self.wrap(name, &self.page.t(label), required, control)
    }

    fn select(
        &self,
        name: &str,
        label: &str,
        options: &[(String, String)],
        empty: Option<String>,
        required: bool,
    ) -> Markup {
        let id = field_id(name);
        let invalid = (self.message)(name).is_some();
        let control = html! {
            select id=(id) name=(name) aria-required=[required.then_some("true")] aria-invalid=[invalid.then_some("true")] aria-describedby={"err-" (id)} {
                @if let Some(empty) = &empty { option value="" { (empty) } }
                // A language is named in itself (its option says so, WCAG 3.1.2).
                @for (value, text) in options { option value=(value) lang=[(name == "language").then_some(value.as_str())] selected[self.values.get(name) == value] { (text) } }
            }
        };
        self.wrap(name, &self.page.t(label), required, control)
    }

    /// Citizenship as a list of countries in the page's language (the browser's list searches
    /// by the first letters typed); the empty choice is a stateless person.
    fn country(&self, name: &str) -> Markup {
        let options: Vec<(String, String)> = ruqsat_i18n::countries(self.page.lang)
            .into_iter()
            .map(|(code, country)| (code.to_owned(), country.to_owned()))
            .collect();
        self.select(
            name,
            "field-citizenship-country",
            &options,
            Some(self.page.t("citizenship-none")),
            false,
        )
    }

    fn sex(&self, name: &str) -> Markup {
        let options = vec![
            ("male".to_owned(), self.page.t("sex-male")),
            ("female".to_owned(), self.page.t("sex-female")),
        ];
        self.select(name, "field-sex", &options, Some("—".into()), true)
    }

    fn check(&self, name: &str, label: &str) -> Markup {
        let id = field_id(name);
        let message = (self.message)(name);
        html! {
            div class={"field" @if message.is_some() { " invalid" }} {
                label class="check" for=(id) {
                    input id=(id) type="checkbox" name=(name) value="true" checked[self.values.get(name) == "true"]
                        aria-invalid=[message.as_ref().map(|_| "true")] aria-describedby={"err-" (id)};
                    " " (self.page.t(label))
                }
                p class="error" id={"err-" (id)} { @if let Some(message) = &message { (message) } }
            }
        }
    }
}

fn about(fields: &Fields<'_>) -> Markup {
    let page = fields.page;
    let subtypes: Vec<(String, String)> = Subtype::ALL
        .iter()
        .map(|subtype| {
            (
                subtype.as_str().to_owned(),
                page.t(&format!("subtype-{}", subtype.as_str())),
            )
        })
        .collect();
    let regions: Vec<(String, String)> = Region::ALL
        .iter()
        .map(|region| {
            (
                region.as_str().to_owned(),
                page.t(&format!("region-{}", region.as_str())),
            )
        })
        .collect();
    let languages: Vec<(String, String)> = Lang::ALL
        .iter()
        .map(|lang| (lang.as_str().to_owned(), super::language_name(*lang).to_owned()))
        .collect();
    html! {
        fieldset {
            legend { (page.t("section-purpose")) }
            @if fields.context.prp {
                p { (page.t("service-prp")) }
                // The PRP's categories (Rules No. 992, p.9 of Appendix 3): each one changes the list.
                fieldset class="categories" {
                    legend { (page.t("field-categories")) }
                    @for category in [Category::ConfirmsSolvency, Category::EthnicKazakh, Category::FormerCitizen, Category::BornInKazakhstan, Category::InDemandProfession, Category::Refugee, Category::MinorWithParents] {
                        label class="check" { input type="checkbox" name="applicant.categories" value=(category.as_str()) checked[fields.values.has("applicant.categories", category.as_str())]; " " (ruqsat_i18n::category_name(page.lang, category)) }
                    }
                }
            } @else {
                (fields.select("subtype", "field-subtype", &subtypes, None, true))
            }
            @if !fields.context.region_fixed {
                (fields.select("region", "field-region", &regions, Some("—".into()), true))
            }
        }
        fieldset {
            legend { (page.t("section-applicant")) }
            p class="hint" { (page.t("section-applicant-hint")) }
            div class="grid" {
                (fields.input("applicant.surname", "field-surname", "text", true))
                (fields.input("applicant.given_name", "field-given-name", "text", true))
                (fields.input("applicant.patronymic", "field-patronymic", "text", false))
                (fields.input("applicant.birth_date", "field-birth-date", "date", true))
                (fields.sex("applicant.sex"))
                (fields.country("applicant.citizenship"))
                (fields.input("applicant.birth_place", "field-birth-place", "text", false))
                (fields.input("applicant.nationality", "field-nationality", "text", false))
                (fields.input("applicant.iin", "field-iin", "text", false))
                (fields.input("applicant.passport.number", "field-passport-number", "text", true))
                (fields.input("applicant.passport.issued_on", "field-passport-issued", "date", true))
                (fields.input("applicant.passport.expires_on", "field-passport-expires", "date", true))
                (fields.input("applicant.residence_address", "field-residence-abroad", "text", false))
            }
        }
        fieldset {
            legend { (page.t("section-contacts")) }
            div class="grid" {
                (fields.input("mobile_phone", "field-phone", "tel", false))
                (fields.input("email", "field-email", "email", false))
                (fields.select("language", "field-language", &languages, None, false))
            }
        }
    }
}

fn family(fields: &Fields<'_>, rows: usize) -> Markup {
    let page = fields.page;
    let relations: Vec<(String, String)> = Relation::ALL
        .iter()
        .map(|relation| {
            (
                relation.as_str().to_owned(),
                page.t(&format!("relation-{}", relation.as_str())),
            )
        })
        .collect();
    html! {
        p class="hint" { (page.t("section-family-hint")) }
        @if rows == 0 { p class="empty" { (page.t("family-none")) } }
        @for row in 0..rows {
            @let prefix = format!("family_members.{row}");
            @let name = |field: &str| format!("{prefix}.{field}");
            fieldset class="member" {
                legend { (page.ta("family-member-n", &[("number", Arg::Number((row + 1) as i64))])) }
                div class="grid" {
                    (fields.input(&name("surname"), "field-surname", "text", true))
                    (fields.input(&name("given_name"), "field-given-name", "text", true))
                    (fields.input(&name("birth_date"), "field-birth-date", "date", true))
                    (fields.sex(&name("sex")))
                    (fields.select(&name("relation"), "field-relation", &relations, Some("—".into()), true))
                    (fields.country(&name("citizenship")))
                    (fields.input(&name("passport.number"), "field-passport-number", "text", true))
                    (fields.input(&name("passport.issued_on"), "field-passport-issued", "date", true))
                    (fields.input(&name("passport.expires_on"), "field-passport-expires", "date", true))
                }
                button type="submit" name="action" value={"remove_member:" (row)} class="secondary" { (page.t("action-remove-member")) }
            }
        }
        @if rows < MAX_FAMILY {
            button type="submit" name="action" value="add_member" class="secondary" { (page.t("action-add-member")) }
        }
    }
}

fn stay(fields: &Fields<'_>) -> Markup {
    let page = fields.page;
    let kinds = vec![
        ("legal_entity".to_owned(), page.t("host-legal_entity")),
        ("individual".to_owned(), page.t("host-individual")),
    ];
    html! {
        fieldset {
            legend { (page.t("section-address")) }
            div class="grid" {
                (fields.input("address_in_kazakhstan.region", "field-address-region", "text", false))
                (fields.input("address_in_kazakhstan.city", "field-address-city", "text", false))
                (fields.input("address_in_kazakhstan.street", "field-address-street", "text", false))
                (fields.input("address_in_kazakhstan.house", "field-address-house", "text", false))
                (fields.input("address_in_kazakhstan.apartment", "field-address-apartment", "text", false))
                (fields.input("address_in_kazakhstan.registration_code", "field-registration-code", "text", false))
            }
        }
        // A PRP is permanent and has no host (Appendix 3); a TRP's period and host (Appendix 1).
        @if !fields.context.prp {
        fieldset {
            legend { (page.t("section-period")) }
            div class="grid" {
                (fields.input("requested_period.from", "field-period-from", "date", true))
                (fields.input("requested_period.to", "field-period-to", "date", true))
                (fields.input("contract_ends_on", "field-contract-ends", "date", false))
                (fields.input("stay_permitted_until", "field-stay-until", "date", false))
            }
        }
        fieldset {
            legend { (page.t("section-host")) }
            div class="grid" {
                (fields.select("host.kind", "field-host-kind", &kinds, Some("—".into()), false))
                (fields.input("host.name", "field-host-name", "text", false))
                (fields.input("host.bin", "field-host-bin", "text", false))
                (fields.input("host.iin", "field-host-iin", "text", false))
            }
            (fields.check("host.owns_housing", "field-host-owns-housing"))
        }
        }
    }
}

fn documents(state: &AppState, fields: &Fields<'_>, files: &[ruqsat_store::DraftDocument]) -> Markup {
    let page = fields.page;
    let context = fields.context;
    let desk = context.flow == Flow::Desk;
    let list = intake::checklist(state, fields.values, context.service());
    let mut rows: Vec<(DocumentType, bool)> = list.required.iter().map(|document| (*document, true)).collect();
    for group in &list.one_of {
        for document in group {
            rows.push((*document, false));
        }
    }
    if !desk && !rows.iter().any(|(document, _)| *document == DocumentType::Photo) {
        rows.push((DocumentType::Photo, true));
    }
    let row = |document: DocumentType, required: bool| -> Markup {
        let name = format!("file.{}", document.as_str());
        let id = field_id(&name);
        let message = (fields.message)(&name);
        let uploaded: Vec<&ruqsat_store::DraftDocument> = files
            .iter()
            .filter(|file| file.document_type == document.as_str())
            .collect();
        html! {
            div class={"field upload" @if message.is_some() { " invalid" }} {
                @if filled_here(document) {
                    p { strong { (ruqsat_i18n::document_name(page.lang, document)) } br; span class="done" { "✓ " (page.t("documents-this-form")) } }
                } @else {
                    label for=(id) {
                        @if document == DocumentType::Photo { (page.t("documents-photo")) } @else { (ruqsat_i18n::document_name(page.lang, document)) }
                        @if required { " " span class="req" aria-hidden="true" { "*" } }
                    }
                    @if !uploaded.is_empty() {
                        ul class="files" {
                            @for file in &uploaded {
                                li {
                                    span class="done" { "✓ " } (file_label(page, &file.file_name)) " " small { "(" (size_text(file.size)) ")" }
                                    " " button type="submit" name="remove" value=(file.id) class="inline-link" aria-label={(page.t("action-remove-file")) " " (file_name_text(page, &file.file_name))} { (page.t("action-remove-file")) }
                                }
                            }
                        }
                    }
                    input id=(id) name=(name) type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                        aria-invalid=[message.as_ref().map(|_| "true")] aria-describedby={"err-" (id)};
                    p class="error" id={"err-" (id)} { @if let Some(message) = &message { (message) } }
                    // At the desk the original may be received on paper instead of a scan.
                    @if desk { (fields.check(&format!("paper.{}", document.as_str()), "documents-on-paper")) }
                    @if context.prp && DATED.contains(&document) {
                        (fields.input(&format!("issued.{}", document.as_str()), "documents-issued-on", "date", true))
                    }
                }
            }
        }
    };
    html! {
        p class="hint" { (page.t("documents-upload-hint")) }
        @if desk { p class="hint" { (page.t("documents-desk-hint")) } }
        @if !list.one_of.is_empty() { p class="hint" { (page.t("documents-one-of")) } }
        @for (document, required) in &rows { (row(*document, *required)) }
        div class="progress" hidden { label for="upload-progress" { (page.t("upload-progress")) } " " progress id="upload-progress" max="100" value="0" {} }
        button type="submit" name="action" value="upload" class="secondary" { (page.t("action-upload")) }
        @if let Some(due) = &list.due {
            p class="deadline" { (page.ta("deadline-if-now", &[("due", Arg::from(due.as_str()))])) }
        }
    }
}

fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// Check your answers: every answer by step, with a link to change it, and what is still wrong.
fn check(
    state: &AppState,
    page: &Page,
    draft: &Draft,
    context: &Context,
    files: &[ruqsat_store::DraftDocument],
) -> Markup {
    let values = draft.values();
    let today = state.law.local((state.clock)()).date_naive();
    let open: Vec<Problem> = [Step::About, Step::Family, Step::Stay, Step::Documents]
        .into_iter()
        .flat_map(|step| problems_of(state, context, step, &values, files, today))
        .collect();
    let shown = |name: &str, value: &str| -> String {
        if value.is_empty() {
            return "—".to_owned();
        }
        if name.ends_with("citizenship") {
            return ruqsat_i18n::country_name(page.lang, value).unwrap_or(value).to_owned();
        }
        if name == "subtype" {
            return page.t(&format!("subtype-{value}"));
        }
        if name == "applicant.categories" {
            return value
                .parse::<Category>()
                .map(|category| ruqsat_i18n::category_name(page.lang, category))
                .unwrap_or_else(|_| value.to_owned());
        }
        if name == "region" {
            return page.t(&format!("region-{value}"));
        }
        if name.ends_with(".sex") {
            return page.t(&format!("sex-{value}"));
        }
        if name.ends_with(".relation") {
            return page.t(&format!("relation-{value}"));
        }
        if name == "host.kind" {
            return page.t(&format!("host-{value}"));
        }
        if name == "language" {
            return value
                .parse::<Lang>()
                .map(super::language_name)
                .unwrap_or(value)
                .to_owned();
        }
        if value == "true" {
            return page.t("answer-yes");
        }
        if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            return ruqsat_i18n::date(page.lang, date);
        }
        value.to_owned()
    };
    html! {
        p class="lead" { (page.t("check-intro")) }
        @if !open.is_empty() {
            div class="error-summary" role="alert" {
                p { strong { (page.t("check-problems")) } }
                ul { @for problem in &open { li { a href={(draft.path(Step::parse(&problem.step).unwrap_or(Step::About))) "#" (field_id(&problem.field))} { (label_of(page, &problem.field)) } ": " (problem.message(page)) } } }
            }
        }
        @for step in [Step::About, Step::Family, Step::Stay] {
            section class="answers" {
                h2 { (page.t(&format!("step-{}", step.slug()))) " " a href=(draft.path(step)) class="change" { (page.t("action-change")) span class="visually-hidden" { " " (page.t(&format!("step-{}", step.slug()))) } } }
                @let answered: Vec<&(String, String)> = values.0.iter().filter(|(name, value)| step.owns(name) && !value.is_empty()).collect();
                @if answered.is_empty() { p { (page.t("case-none")) } }
                @else {
                    dl class="summary" {
                        @for (name, value) in answered {
                            dt { (label_of(page, name)) } dd { (shown(name, value)) }
                        }
                    }
                }
            }
        }
        section class="answers" {
            h2 { (page.t("step-documents")) " " a href=(draft.path(Step::Documents)) class="change" { (page.t("action-change")) span class="visually-hidden" { " " (page.t("step-documents")) } } }
            @let on_paper: Vec<DocumentType> = values.0.iter().filter(|(name, value)| name.starts_with("paper.") && value == "true").filter_map(|(name, _)| name.trim_start_matches("paper.").parse().ok()).collect();
            @if !on_paper.is_empty() {
                dl class="summary" {
                    @for document in &on_paper { dt { (ruqsat_i18n::document_name(page.lang, *document)) } dd { (page.t("documents-on-paper")) } }
                }
            }
            @if files.is_empty() && on_paper.is_empty() { p { (page.t("case-none")) } }
            @else {
                dl class="summary" {
                    @for file in files {
                        dt { (file.document_type.parse::<DocumentType>().map(|document| ruqsat_i18n::document_name(page.lang, document)).unwrap_or_default()) }
                        dd { (file_label(page, &file.file_name)) " (" (size_text(file.size)) ")" }
                    }
                }
            }
        }
    }
}

fn declaration(fields: &Fields<'_>) -> Markup {
    let page = fields.page;
    html! {
        fieldset {
            legend { (page.t("section-consents")) }
            (fields.check("consent_to_restricted_data", "field-consent"))
            (fields.check("liability_warning_signed", "field-warning"))
            @if fields.context.flow == Flow::Portal { (fields.check("sign", "field-sign")) }
        }
        @if let Some(message) = (fields.message)("duplicate") {
            p class="error" id="f-duplicate" tabindex="-1" { (message) " " a href="/status" { (page.t("nav-status")) } }
        }
    }
}

/// The documents step (its address is a route of its own: its POST takes files).
pub async fn show_documents(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    show(state, page, headers, Path(Step::Documents.slug().to_owned())).await
}

/// The desk's documents step.
pub async fn desk_show_documents(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    desk_show(state, page, headers, Path(Step::Documents.slug().to_owned())).await
}

/// "Correct and submit again": an application not accepted becomes a new draft with its answers
/// and its documents, checked page by page again (the consents are signed again).
pub async fn again(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    again_in(Flow::Portal, state, page, headers).await
}

/// The same at the desk.
pub async fn desk_again(state: State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    again_in(Flow::Desk, state, page, headers).await
}

async fn again_in(flow: Flow, State(state): State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    let Some(draft) = from_cookie(&state, flow, &page, &headers).await? else {
        return Ok(see_other(flow.home()));
    };
    let Some(case_id) = draft.case_id else {
        return Ok(see_other(&draft.path(Step::Check)));
    };
    let case = state.store.case(case_id).await?.ok_or(ApiError::NotFound)?;
    if case.state != ruqsat_domain::case::CaseState::NotAccepted {
        return Err(ApiError::Conflict("only an application that was not accepted is submitted again".into()).into());
    }
    let answers = ruqsat_cases::records::draft::answers_of(&case)?;
    let reference = new_reference(&state);
    let key = key_of(&reference);
    let now = (state.clock)();
    state
        .store
        .create_draft(
            &key,
            &flow.owner(&page)?,
            case.service.as_str(),
            &answers.to_json(),
            now,
        )
        .await?;
    state.store.copy_case_documents(case.id, &key, now).await?;
    let mut response = see_other(&step_path(flow, Step::Check));
    cookie_for(&page, flow, &mut response, &reference);
    Ok(response)
}
