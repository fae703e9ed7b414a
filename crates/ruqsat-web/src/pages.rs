//! The people's pages, rendered on the server (they work without JavaScript; a small script of
//! ours validates forms as the user types and refreshes the document checklist): the public
//! pages (status, permit verification), the applicant portal, the State Corporation desk and the
//! officer workstation, in Kazakh, Russian and English.
//!
//! Every page request goes through [`context`]: it resolves the language (switch, cookie,
//! browser), the staff session (cookie), the CSRF token (double-submit cookie, checked on every
//! POST), renders failures as pages in the user's language, and sets the security headers.

pub mod admin;
pub mod apply;
pub mod audit;
pub mod cases;
mod charts;
pub mod dashboard;
pub mod equeue;
pub mod impact;
pub mod intake;
pub mod printing;
pub mod procedure;
pub mod public;
pub mod revocations;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use ruqsat_i18n::{Arg, Lang};

use crate::AppState;
use crate::auth::{Caller, Role, token_digest};
use crate::error::ApiError;

/// The pages' routes (the API's are in [`crate::api`]).
pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(public::home))
        .route("/lang", get(public::switch_language))
        .route("/status", get(public::status_form).post(public::status))
        .route("/status/objection", post(procedure::public_objection))
        .route("/status/digital-document", post(public::digital_document))
        .route(
            "/verify",
            get(public::verify)
                .post(public::verify_file)
                .layer(axum::extract::DefaultBodyLimit::max(
                    public::MAX_VERIFY_FILE_BYTES + 64 * 1024,
                )),
        )
        .route("/login", get(public::login_form).post(public::login))
        .route("/logout", post(public::logout))
        .route("/portal", get(intake::portal_start))
        .route("/portal/apply", get(apply::current))
        .route("/portal/apply/start", post(apply::start))
        .route("/portal/resume", post(apply::resume))
        .route("/portal/apply/done", get(apply::done))
        .route("/portal/apply/again", post(apply::again))
        .route("/portal/apply/saved", get(apply::saved))
        .route(
            "/portal/apply/documents",
            get(apply::show_documents)
                .post(apply::upload)
                .layer(axum::extract::DefaultBodyLimit::max(apply::MAX_UPLOAD_REQUEST_BYTES)),
        )
        .route("/portal/apply/{step}", get(apply::show).post(apply::answer))
        .route("/portal/queue", get(equeue::book_form))
        .route("/portal/queue/book", post(equeue::book))
        .route("/portal/queue/booking", get(equeue::find_form).post(equeue::find))
        .route("/portal/queue/cancel", post(equeue::cancel))
        .route("/portal/cabinet", get(public::cabinet_form).post(public::cabinet))
        .route("/portal/cabinet/document", post(public::cabinet_document))
        .route("/desk", get(cases::desk))
        .route("/desk/queue", get(equeue::staff_queue))
        .route("/desk/queue/next", post(equeue::call_next))
        .route("/desk/queue/walk-in", post(equeue::walk_in))
        .route("/desk/queue/mark", post(equeue::mark))
        .route("/desk/apply/start", post(apply::desk_start))
        .route("/desk/resume", post(apply::desk_resume))
        .route("/desk/apply/done", get(apply::desk_done))
        .route("/desk/apply/again", post(apply::desk_again))
        .route("/desk/apply/saved", get(apply::desk_saved))
        .route(
            "/desk/apply/documents",
            get(apply::desk_show_documents)
                .post(apply::desk_upload)
                .layer(axum::extract::DefaultBodyLimit::max(apply::MAX_UPLOAD_REQUEST_BYTES)),
        )
        .route("/desk/apply/{step}", get(apply::desk_show).post(apply::desk_answer))
        .route("/officer", get(cases::queue))
        .route("/officer/cases/{id}", get(cases::case_page))
        .route("/officer/cases/{id}/decision", post(cases::decide))
        .route("/officer/cases/{id}/assignment", post(cases::assign))
        .route("/officer/cases/{id}/signature", post(cases::sign))
        .route("/officer/cases/{id}/delivery", post(cases::deliver))
        .route("/officer/cases/{id}/handover", post(cases::hand_over))
        .route("/officer/cases/{id}/objection", post(procedure::staff_objection))
        .route("/officer/cases/{id}/term", post(procedure::term))
        .route("/officer/cases/{id}/appeals", post(procedure::appeal))
        .route("/officer/cases/{id}/appeals/outcome", post(procedure::appeal_outcome))
        .route("/officer/cases/{id}/documents/{document}", get(cases::document))
        .route("/officer/cases/{id}/print/{which}", get(cases::print))
        .route("/officer/cases/{id}/receipt", get(cases::receipt))
        .route("/officer/revocations", get(revocations::list))
        .route("/officer/reports", get(dashboard::dashboard))
        .route("/officer/reports.csv", get(dashboard::export))
        .route("/officer/impact", get(impact::form).post(impact::result))
        .route("/officer/impact.csv", post(impact::csv))
        .route("/officer/revocations/{id}/review", post(revocations::review))
        .route("/officer/revocations/{id}/signature", post(revocations::sign))
        .route("/audit", get(audit::log))
        .route("/admin/staff", get(admin::staff).post(admin::add))
        .route("/admin/deliveries", get(admin::deliveries))
        .route("/admin/deliveries/{id}/retry", post(admin::retry))
        .route("/admin/staff/role", post(admin::role))
        .route("/admin/staff/{what}", post(admin::act))
        .route("/static/ruqsat.css", get(stylesheet))
        .route("/static/ruqsat.js", get(script))
        .route("/static/favicon.svg", get(favicon))
        .route("/favicon.ico", get(favicon))
        .route("/accessibility", get(public::accessibility))
        .route("/privacy", get(public::privacy))
        .route_layer(axum::middleware::from_fn_with_state(state, context))
}

/// What every page knows about its request.
#[derive(Debug, Clone)]
pub struct Page {
    /// The language of the page.
    pub lang: Lang,
    /// The signed-in staff member, if any.
    pub user: Option<Caller>,
    /// The CSRF token that forms carry.
    pub csrf: String,
    /// The path asked for (for the language switch).
    pub path: String,
    /// Whether the service is reached over HTTPS (its public URL): cookies are then `Secure`.
    pub secure: bool,
    /// Whether this is a demo installation (its seal key is a demo key): every page says so.
    pub demo: bool,
}

impl Page {
    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        ruqsat_i18n::text(self.lang, id, &[])
    }

    /// The message `id` with arguments.
    pub fn ta(&self, id: &str, args: &[(&'static str, Arg)]) -> String {
        ruqsat_i18n::text(self.lang, id, args)
    }

    /// The signed-in staff member, or a failure that sends the browser to the login page.
    pub fn staff(&self) -> Result<&Caller, ApiError> {
        self.user.as_ref().ok_or(ApiError::Unauthenticated)
    }

    /// The hidden CSRF field of a form.
    pub fn csrf_field(&self) -> Markup {
        html! { input type="hidden" name="csrf" value=(self.csrf); }
    }

    /// Adds a cookie to `response`: `cookie` is `name=value; attributes`; `Secure` is added when
    /// the service is reached over HTTPS.
    pub fn set_cookie(&self, response: &mut Response, cookie: &str) {
        set_cookie(response.headers_mut(), cookie, self.secure);
    }

    /// Checks the CSRF token a form sent.
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), ApiError> {
        if sent.is_some_and(|sent| !sent.is_empty() && constant_time_eq(sent.as_bytes(), self.csrf.as_bytes())) {
            Ok(())
        } else {
            Err(ApiError::Forbidden("csrf".into()))
        }
    }
}

impl axum::extract::FromRequestParts<AppState> for Page {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Page>()
            .cloned()
            .ok_or_else(|| ApiError::Internal("a page route without the page context".into()))
    }
}

/// A failure of a page handler, rendered by [`context`] as a page in the user's language.
#[derive(Debug, Clone)]
struct PageFailure {
    status: StatusCode,
    code: &'static str,
    /// The detail in English (shown on English pages, or when no message says it).
    message: String,
    /// The message that says the detail in the page's language.
    message_id: Option<&'static str>,
}

/// A line of the engine's explanation with the catalogue's codes in it (`chk.2`, `acc.late`,
/// `art49.15`, `(registry.border)`) shown as codes, the rest as text.
pub fn coded_line(line: &str) -> Markup {
    const PUNCTUATION: &str = "():,;.";
    // A word's core, without the punctuation around it: `(registry.border).` → `registry.border`.
    let core = |word: &str| -> (usize, usize) {
        let start = word
            .find(|letter: char| !PUNCTUATION.contains(letter))
            .unwrap_or(word.len());
        let end = word
            .rfind(|letter: char| !PUNCTUATION.contains(letter))
            .map_or(start, |end| end + word[end..].chars().next().map_or(1, char::len_utf8));
        (start, end.max(start))
    };
    let is_code = |word: &str| {
        word.contains('.')
            && word.starts_with(|letter: char| letter.is_ascii_lowercase())
            && word
                .chars()
                .all(|letter| letter.is_ascii_alphanumeric() || "._-".contains(letter))
    };
    html! {
        @for (index, word) in line.split(' ').enumerate() {
            @if index > 0 { " " }
            @let (start, end) = core(word);
            @if is_code(&word[start..end]) {
                (&word[..start]) code { (&word[start..end]) } (&word[end..])
            } @else {
                (word)
            }
        }
    }
}

/// A page handler's error: an [`ApiError`], shown as a page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> Self {
        PageError(error)
    }
}

impl From<ruqsat_cases::CaseError> for PageError {
    fn from(error: ruqsat_cases::CaseError) -> Self {
        PageError(error.into())
    }
}

impl From<ruqsat_store::StoreError> for PageError {
    fn from(error: ruqsat_store::StoreError) -> Self {
        PageError(error.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, code) = match &self.0 {
            ApiError::Invalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "error-invalid"),
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, "error-unauthenticated"),
            ApiError::Forbidden(reason) if reason == "csrf" => (StatusCode::FORBIDDEN, "error-csrf"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "error-forbidden"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "error-conflict"),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "error-invalid"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "error-not-found"),
            ApiError::UnsupportedMedia(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "error-invalid"),
            ApiError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "error-too-many-logins"),
            ApiError::Internal(detail) => {
                tracing::error!(detail = ?detail, "internal error on a page");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        };
        let message = match &self.0 {
            ApiError::Invalid { field, message, .. } => format!("{field}: {message}"),
            ApiError::Conflict(message) => message.clone(),
            ApiError::TooManyRequests(_) => String::new(),
            ApiError::Unauthenticated
            | ApiError::Forbidden(_)
            | ApiError::NotFound
            | ApiError::TooLarge(_)
            | ApiError::MethodNotAllowed
            | ApiError::UnsupportedMedia(_)
            | ApiError::Internal(_) => String::new(),
        };
        let mut response = status.into_response();
        let message_id = match &self.0 {
            ApiError::Invalid { id, .. } => *id,
            _ => None,
        };
        response.extensions_mut().insert(PageFailure {
            status,
            code,
            message,
            message_id,
        });
        response
    }
}

/// The result of a page handler.
pub type PageResult = Result<Response, PageError>;

/// Resolves the page context, renders failures, and sets cookies and security headers.
async fn context(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let cookies = Cookies::parse(request.headers());
    let lang = cookies
        .get("lang")
        .and_then(|code| code.parse().ok())
        .or_else(|| browser_language(request.headers()))
        .unwrap_or(Lang::Kk);
    let (mut csrf, new_csrf) = match cookies.get("ruqsat_csrf") {
        Some(token)
            if token.len() >= 16
                && token
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_')) =>
        {
            (token.to_owned(), false)
        }
        _ => ((state.tokens)(), true),
    };
    let mut user = None;
    if let Some(token) = cookies.get("ruqsat_session") {
        let now = (state.clock)();
        if let Ok(Some(staff)) = state.store.staff_by_session(&token_digest(token), now).await
            && let Ok(caller) = Caller::of_staff(staff.login, &staff.role, staff.region.as_deref())
        {
            user = Some(caller);
            // Signed in, the forms' token is bound to the session: derived from its secret, it
            // changes with every sign-in and is worthless without the session's cookie.
            csrf = session_csrf(token);
        }
    }
    let path = request.uri().path().to_owned();
    let page = Page {
        lang,
        user,
        csrf: csrf.clone(),
        path: path.clone(),
        secure: state.public_url.starts_with("https://"),
        demo: state.sealer.is_demo(),
    };
    request.extensions_mut().insert(page.clone());
    // Every form POST carries the CSRF token, checked here before any handler runs (a route
    // added later cannot forget it); handlers check it again.
    let mut response = if request.method() == axum::http::Method::POST {
        match csrf_checked(request, &page).await {
            Ok(request) => next.run(request).await,
            Err(error) => PageError(error).into_response(),
        }
    } else {
        next.run(request).await
    };
    if let Some(failure) = response.extensions_mut().remove::<PageFailure>() {
        response = if failure.status == StatusCode::UNAUTHORIZED {
            let next = local_path(&path)
                .map(|path| format!("?next={path}"))
                .unwrap_or_default();
            Redirect::to(&format!("/login{next}")).into_response()
        } else {
            let title = page.t(failure.code);
            let body = html! {
                h1 { (title) }
                @if let Some(id) = failure.message_id { p class="failure-detail" { (page.t(id)) } }
                // A detail that exists in English only is shown on English pages; the title says
                // what happened in every language.
                @else if !failure.message.is_empty() && page.lang == Lang::En { p class="failure-detail" { (failure.message) } }
                p { a href="/" { (page.t("nav-home")) } }
            };
            (failure.status, layout(&page, &title, body)).into_response()
        };
    }
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if new_csrf {
        set_cookie(
            headers,
            &format!("ruqsat_csrf={csrf}; Path=/; HttpOnly; SameSite=Strict"),
            page.secure,
        );
    }
    response
}

/// The answer to an address that is no route: a page in the reader's language (cookie, then the
/// browser's languages), with a way home; the API's clients get the JSON error instead.
pub fn not_found_page(state: &AppState, headers: &axum::http::HeaderMap, path: &str) -> Response {
    let cookies = Cookies::parse(headers);
    let lang = cookies
        .get("lang")
        .and_then(|code| code.parse().ok())
        .or_else(|| browser_language(headers))
        .unwrap_or(Lang::Kk);
    let page = Page {
        lang,
        user: None,
        csrf: String::new(),
        path: path.to_owned(),
        secure: state.public_url.starts_with("https://"),
        demo: state.sealer.is_demo(),
    };
    let title = page.t("error-not-found");
    let body = html! {
        h1 { (title) }
        p { (page.t("error-not-found-detail")) }
        p { a href="/" { (page.t("nav-home")) } }
    };
    let mut response = (StatusCode::NOT_FOUND, layout(&page, &title, body)).into_response();
    for (name, value) in SECURITY_HEADERS {
        response.headers_mut().insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The CSRF token of the session with secret `token`.
fn session_csrf(token: &str) -> String {
    token_digest(&format!("csrf-of-session:{token}"))
}

/// A new anonymous CSRF token on `response` (at sign-in: nothing from before it stays valid).
pub fn rotate_csrf(state: &AppState, page: &Page, response: &mut Response) {
    page.set_cookie(
        response,
        &format!("ruqsat_csrf={}; Path=/; HttpOnly; SameSite=Strict", (state.tokens)()),
    );
}

/// `target` when it is a path of this site (`/` and printable ASCII without `\`, not `//`):
/// where a login or a language switch may send the browser back to. Anything else (another
/// site, a scheme, control characters that browsers drop to make `/\t/evil` into `//evil`) is
/// refused.
pub fn local_path(target: &str) -> Option<&str> {
    let printable = target.bytes().all(|byte| (0x21..0x7f).contains(&byte) && byte != b'\\');
    let local = target.starts_with('/') && !target.starts_with("//");
    (printable && local && target.parse::<axum::http::uri::PathAndQuery>().is_ok()).then_some(target)
}

/// Most bytes of a page form without files (forms with files have their route's own limit).
const MAX_FORM_BYTES: usize = 256 * 1024;

/// The request again, if its form carries the page's CSRF token; otherwise why not. A form
/// with files (`multipart/form-data`) carries the token in its address (`?csrf=`), so that its
/// body is read once, by its handler, under that route's own limit.
async fn csrf_checked(request: Request, page: &Page) -> Result<Request, ApiError> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    if multipart {
        let fields: Vec<(String, String)> =
            serde_urlencoded::from_str(request.uri().query().unwrap_or_default()).unwrap_or_default();
        let sent = fields
            .iter()
            .find(|(name, _)| name == "csrf")
            .map(|(_, value)| value.as_str());
        page.check_csrf(sent)?;
        return Ok(request);
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge("form".into()))?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let sent = fields
        .iter()
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.as_str());
    page.check_csrf(sent)?;
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

fn set_cookie(headers: &mut HeaderMap, cookie: &str, secure: bool) {
    let cookie = if secure {
        format!("{cookie}; Secure")
    } else {
        cookie.to_owned()
    };
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.append(header::SET_COOKIE, value);
    }
}

/// Headers of every page: no inline script, no framing, no sniffing, no referrer to elsewhere.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("cache-control", "no-store"),
];

fn browser_language(headers: &HeaderMap) -> Option<Lang> {
    let accepted = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    accepted
        .split(',')
        .filter_map(|item| item.split(';').next())
        .filter_map(|tag| tag.trim().get(..2))
        .find_map(|code| code.to_ascii_lowercase().parse().ok())
}

fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    left.len() == right.len() && left.iter().zip(right).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The cookies of a request.
pub struct Cookies(Vec<(String, String)>);

impl Cookies {
    /// Reads the `Cookie` headers.
    pub fn parse(headers: &HeaderMap) -> Cookies {
        Cookies(
            headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
        )
    }

    /// The value of cookie `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(cookie, _)| cookie == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The frame of every page: header with navigation and language switch, the content, footer.
pub fn layout(page: &Page, title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(page.lang.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (page.t("app-name")) }
                link rel="stylesheet" href="/static/ruqsat.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                script src="/static/ruqsat.js" defer {}
            }
            body {
                a class="skip" href="#main" { (page.t("skip-to-content")) }
                @if page.demo { p class="demo-banner" role="note" { (page.t("demo-banner")) } }
                header class="top" {
                    a class="brand" href="/" { (page.t("app-name")) }
                    nav aria-label=(page.t("nav-label")) {
                        a href="/portal" { (page.t("nav-portal")) }
                        a href="/status" { (page.t("nav-status")) }
                        a href="/verify" { (page.t("nav-verify")) }
                        @match &page.user {
                            Some(user) => {
                                @if matches!(user.role, Role::Officer | Role::Supervisor | Role::Auditor) {
                                    a href="/officer" { (page.t("nav-queue")) }
                                    a href="/officer/revocations" { (page.t("nav-revocations")) }
                                }
                                @if matches!(user.role, Role::Supervisor | Role::Auditor | Role::Administrator) {
                                    a href="/officer/reports" { (page.t("nav-reports")) }
                                }
                                @if user.role == Role::Supervisor {
                                    a href="/officer/impact" { (page.t("nav-impact")) }
                                }
                                @if user.role == Role::Administrator {
                                    a href="/admin/staff" { (page.t("nav-staff")) }
                                    a href="/admin/deliveries" { (page.t("nav-deliveries")) }
                                }
                                @if matches!(user.role, Role::Auditor | Role::Administrator) {
                                    a href="/audit" { (page.t("nav-audit")) }
                                }
                                @if matches!(user.role, Role::Operator | Role::Officer) {
                                    a href="/desk" { (page.t("nav-desk")) }
                                }
                                @if matches!(user.role, Role::Operator | Role::Officer) {
                                    a href="/desk/queue" { (page.t("nav-equeue")) }
                                }
                                form class="inline" method="post" action="/logout" {
                                    (page.csrf_field())
                                    span class="who" translate="no" { (user.login) }
                                    button type="submit" class="link" { (page.t("nav-logout")) }
                                }
                            }
                            None => { a href="/login" { (page.t("nav-login")) } }
                        }
                    }
                    form class="lang" method="get" action="/lang" {
                        input type="hidden" name="back" value=(page.path);
                        label for="lang-select" { (page.t("lang-switch")) }
                        select id="lang-select" name="lang" data-autosubmit="" {
                            @for lang in Lang::ALL {
                                option value=(lang.as_str()) lang=(lang.as_str()) selected[lang == page.lang] { (language_name(lang)) }
                            }
                        }
                        button type="submit" { "OK" }
                    }
                }
                main id="main" { (content) }
                footer {
                    p { (page.t("footer-text")) }
                    p { a href="/accessibility" { (page.t("nav-accessibility")) } " · " a href="/privacy" { (page.t("nav-privacy")) } }
                }
            }
        }
    }
}

/// The name of a language in itself.
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "Қазақша",
        Lang::Ru => "Русский",
        Lang::En => "English",
    }
}

/// A page as a response.
pub fn render(page: &Page, title: &str, content: Markup) -> Response {
    layout(page, title, content).into_response()
}

/// An instant shown in Kazakhstan time (`YYYY-MM-DD HH:MM`).
pub fn local_time(law: &ruqsat_domain::decide::Law, at: chrono::DateTime<chrono::Utc>) -> String {
    law.local(at).format("%Y-%m-%d %H:%M").to_string()
}

/// A datetime stored as UTC text, shown in Kazakhstan time (`YYYY-MM-DD HH:MM`).
pub fn kazakh_time(law: &ruqsat_domain::decide::Law, utc: &str) -> String {
    crate::api::kazakh_instant(law, Some(utc))
        .map(|text| text.get(..16).unwrap_or(&text).replace('T', " "))
        .unwrap_or_else(|| utc.to_owned())
}

/// A form or query value, trimmed; `None` when absent or blank.
pub fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

/// The `&name=value` pairs of the filters given, percent-encoded, for the next page's link.
pub fn filter_query(pairs: &[(&str, &Option<String>)]) -> String {
    pairs
        .iter()
        .filter_map(|(name, value)| {
            given(value).map(|value| {
                format!(
                    "&{name}={}",
                    percent_encoding::utf8_percent_encode(&value, percent_encoding::NON_ALPHANUMERIC)
                )
            })
        })
        .collect()
}

/// A flash note after an action (`?done=...`), from a fixed set of message ids.
pub fn flash(page: &Page, done: Option<&str>) -> Markup {
    let id = match done {
        Some("decided") => "flash-decided",
        Some("signed") => "flash-signed",
        Some("delivered") => "flash-delivered",
        Some("handed_over") => "flash-handed-over",
        Some("submitted") => "flash-submitted",
        Some("objected") => "flash-objected",
        Some("term") => "flash-term",
        Some("appeal") => "flash-appeal",
        Some("assigned") => "flash-assigned",
        _ => return html! {},
    };
    html! { p class="flash" role="status" { (page.t(id)) } }
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../static/ruqsat.css"),
    )
        .into_response()
}

async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        include_str!("../static/favicon.svg"),
    )
        .into_response()
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../static/ruqsat.js"),
    )
        .into_response()
}

/// Raw HTML that is known to be safe (produced by maud elsewhere).
pub fn trusted(markup: String) -> PreEscaped<String> {
    PreEscaped(markup)
}

#[cfg(test)]
mod tests;
