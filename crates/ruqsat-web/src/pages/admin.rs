//! The administrator's pages: the staff accounts of the installation, created with a role and a
//! region, their passwords reset (the user chooses a new one at the next sign-in), unlocked,
//! disabled and enabled, their roles changed. The use cases are `ruqsat_cases::accounts`, the
//! same as `ruqsat staff`; every change is audited there.

use axum::Form;
use axum::extract::State;
use maud::{Markup, html};
use serde::Deserialize;

use super::{Page, PageResult, render};
use crate::AppState;
use crate::auth::Role;
use crate::error::ApiError;
use ruqsat_cases::accounts::{self, NewAccount};
use ruqsat_domain::codes::Region;

/// The roles an administrator gives people on this page (integrations are created with
/// `ruqsat staff add`, their tokens issued with `ruqsat staff token`).
const PERSON_ROLES: [&str; 5] = ["officer", "supervisor", "operator", "auditor", "administrator"];

/// The list of accounts, with the forms.
pub async fn staff(State(state): State<AppState>, page: Page) -> PageResult {
    administrator(&page)?;
    staff_page(&state, &page, None).await
}

fn administrator(page: &Page) -> Result<(), ApiError> {
    match page.staff()?.role {
        Role::Administrator => Ok(()),
        _ => Err(ApiError::Forbidden("staff administration".into())),
    }
}

async fn staff_page(state: &AppState, page: &Page, note: Option<Markup>) -> PageResult {
    let caller = page.staff()?.clone();
    let accounts = accounts::list(state, &caller).await?;
    let body = html! {
        h1 { (page.t("admin-staff-title")) }
        @if let Some(note) = note { (note) }
        table class="staff" {
            thead { tr {
                th { (page.t("field-login")) } th { (page.t("label-name")) } th { (page.t("admin-col-role")) }
                th { (page.t("admin-col-region")) } th { (page.t("admin-col-state")) } th { (page.t("admin-col-actions")) }
            } }
            tbody {
                @for account in &accounts {
                    @let login = account.staff.login.as_str();
                    @let person = !account.staff.role.starts_with("integration:");
                    tr data-login=(login) {
                        td { code { (login) } }
                        // A person's (or a system's) name is not translated.
                        td translate="no" { (account.staff.name) }
                        td { (role_name(page, &account.staff.role)) }
                        td { @if let Some(region) = &account.staff.region { (page.t(&format!("region-{region}"))) } @else { "—" } }
                        td {
                            @if account.disabled_at.is_some() { (page.t("admin-state-disabled")) }
                            @else if account.locked_until.is_some() { (page.t("admin-state-locked")) }
                            @else if account.password_change_due { (page.t("admin-state-reset")) }
                            @else { (page.t("admin-state-active")) }
                        }
                        td class="actions" {
                            @if person { (action(page, login, "reset", "admin-action-reset")) }
                            @if account.locked_until.is_some() { (action(page, login, "unlock", "admin-action-unlock")) }
                            @if account.disabled_at.is_some() { (action(page, login, "enable", "admin-action-enable")) }
                            @else if login != caller.login { (action(page, login, "disable", "admin-action-disable")) }
                        }
                    }
                }
            }
        }
        h2 { (page.t("admin-add-title")) }
        form method="post" action="/admin/staff" class="stack narrow" {
            (page.csrf_field())
            (super::public::field_input(page, "login", "field-login", "", "required", None))
            (super::public::field_input(page, "name", "label-name", "", "required", None))
            (role_select(page, "f-role"))
            (region_select(page, "f-region"))
            button type="submit" { (page.t("admin-action-add")) }
        }
        h2 { (page.t("admin-role-title")) }
        form method="post" action="/admin/staff/role" class="stack narrow" {
            (page.csrf_field())
            // Its own ids: the form above has a login field too.
            div class="field" {
                label for="f-role-login" { (page.t("field-login")) }
                input id="f-role-login" name="login" required autocomplete="off";
            }
            (role_select(page, "f-new-role"))
            (region_select(page, "f-new-region"))
            button type="submit" { (page.t("admin-action-role")) }
        }
    };
    Ok(render(page, &page.t("admin-staff-title"), body))
}

fn role_name(page: &Page, role: &str) -> String {
    if PERSON_ROLES.contains(&role) {
        page.t(&format!("admin-role-{role}"))
    } else if role == "integration:border" {
        page.t("admin-role-border_service")
    } else if let Some(channel) = role.strip_prefix("integration:") {
        page.ta(
            "admin-role-integration",
            &[("channel", ruqsat_i18n::Arg::Text(page.t(&format!("channel-{channel}"))))],
        )
    } else {
        role.to_owned()
    }
}

fn role_select(page: &Page, id: &str) -> Markup {
    html! {
        div class="field" {
            label for=(id) { (page.t("admin-col-role")) }
            select id=(id) name="role" {
                @for role in PERSON_ROLES { option value=(role) { (page.t(&format!("admin-role-{role}"))) } }
            }
        }
    }
}

fn region_select(page: &Page, id: &str) -> Markup {
    html! {
        div class="field" {
            label for=(id) { (page.t("admin-col-region")) " " span class="hint" { (page.t("admin-region-hint")) } }
            select id=(id) name="region" {
                option value="" { "—" }
                @for region in Region::ALL { option value=(region.as_str()) { (page.t(&format!("region-{}", region.as_str()))) } }
            }
        }
    }
}

fn action(page: &Page, login: &str, what: &str, label: &str) -> Markup {
    html! {
        form class="inline-form" method="post" action={"/admin/staff/" (what)} {
            (page.csrf_field())
            input type="hidden" name="login" value=(login);
            button type="submit" { (page.t(label)) }
        }
    }
}

/// The fields of the forms (every one carries the CSRF token).
#[derive(Debug, Deserialize)]
pub struct AccountForm {
    csrf: Option<String>,
    login: String,
    name: Option<String>,
    role: Option<String>,
    region: Option<String>,
}

fn note(page: &Page, id: &str, login: &str, password: Option<&str>) -> Markup {
    html! {
        div class="flash" role="status" {
            p { (page.ta(id, &[("login", login.to_owned().into())])) }
            @if let Some(password) = password {
                p { (page.t("admin-temporary-password")) " " code class="secret" { (password) } }
            }
        }
    }
}

/// Creates an account and shows its temporary password once.
pub async fn add(State(state): State<AppState>, page: Page, Form(form): Form<AccountForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    administrator(&page)?;
    let caller = page.staff()?.clone();
    let account = NewAccount {
        login: form.login.clone(),
        name: form.name.unwrap_or_default(),
        role: form.role.unwrap_or_default(),
        region: form.region,
    };
    let password = accounts::add(&state, &caller, account).await?;
    let note = note(&page, "admin-done-add", form.login.trim(), password.as_deref());
    staff_page(&state, &page, Some(note)).await
}

/// Changes an account's role and region.
pub async fn role(State(state): State<AppState>, page: Page, Form(form): Form<AccountForm>) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    administrator(&page)?;
    let caller = page.staff()?.clone();
    accounts::set_role(
        &state,
        &caller,
        &form.login,
        form.role.as_deref().unwrap_or_default(),
        form.region.as_deref(),
    )
    .await?;
    let note = note(&page, "admin-done-role", form.login.trim(), None);
    staff_page(&state, &page, Some(note)).await
}

/// Resets a password, unlocks, disables or enables an account.
pub async fn act(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Path(what): axum::extract::Path<String>,
    Form(form): Form<AccountForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    administrator(&page)?;
    let caller = page.staff()?.clone();
    let login = form.login.trim();
    let (id, password) = match what.as_str() {
        "reset" => (
            "admin-done-reset",
            Some(accounts::reset_password(&state, &caller, login).await?),
        ),
        "unlock" => {
            accounts::unlock(&state, &caller, login).await?;
            ("admin-done-unlock", None)
        }
        "disable" => {
            accounts::set_disabled(&state, &caller, login, true).await?;
            ("admin-done-disable", None)
        }
        "enable" => {
            accounts::set_disabled(&state, &caller, login, false).await?;
            ("admin-done-enable", None)
        }
        _ => return Err(ApiError::NotFound.into()),
    };
    let note = note(&page, id, login, password.as_deref());
    staff_page(&state, &page, Some(note)).await
}

/// The deliveries to the channels' systems: how many wait per receiver, and the dead ones (those
/// that failed at every attempt), each of which the administrator may send again.
pub async fn deliveries(State(state): State<AppState>, page: Page) -> PageResult {
    administrator(&page)?;
    deliveries_page(&state, &page, None).await
}

async fn deliveries_page(state: &AppState, page: &Page, note: Option<Markup>) -> PageResult {
    let caller = page.staff()?.clone();
    let overview = ruqsat_cases::deliveries::overview(state, &caller).await?;
    let receiver = |name: &str| page.t(&format!("receiver-{name}"));
    let body = html! {
        h1 { (page.t("admin-deliveries-title")) }
        p { (page.t("admin-deliveries-intro")) }
        @if let Some(note) = note { (note) }
        @if overview.configured.is_empty() {
            div class="flash" { p { (page.t("admin-deliveries-not-configured")) } }
        }
        h2 { (page.t("admin-deliveries-waiting")) }
        @if overview.waiting.is_empty() {
            p { (page.t("admin-deliveries-none-waiting")) }
        } @else {
            ul { @for (name, count) in &overview.waiting { li { (receiver(name)) ": " (count) } } }
        }
        h2 { (page.t("admin-deliveries-dead")) }
        @if overview.dead.is_empty() {
            p { (page.t("admin-deliveries-none-dead")) }
        } @else {
            div class="scroll" {
                table class="deliveries" {
                    thead { tr {
                        th { (page.t("admin-col-case")) } th { (page.t("admin-col-receiver")) } th { (page.t("admin-col-kind")) }
                        th { (page.t("admin-col-attempts")) } th { (page.t("admin-col-error")) } th { (page.t("admin-col-dead-at")) }
                        th { (page.t("admin-col-actions")) }
                    } }
                    tbody {
                        @for (row, number) in &overview.dead {
                            tr data-delivery=(row.id) {
                                td { code { (number) } }
                                td { (receiver(&row.receiver)) }
                                td { (page.t(&format!("delivery-kind-{}", row.kind))) }
                                td { (row.attempts) }
                                // What the receiving system answered (its words, not translated).
                                td lang="" { (row.last_error.as_deref().unwrap_or("")) }
                                td { (super::kazakh_time(&state.law, row.dead_at.as_deref().unwrap_or(""))) }
                                td class="actions" {
                                    form method="post" action=(format!("/admin/deliveries/{}/retry", row.id)) class="inline" {
                                        (page.csrf_field())
                                        button type="submit" { (page.t("admin-action-retry")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(render(page, &page.t("admin-deliveries-title"), body))
}

/// The form of "send again".
#[derive(Debug, Deserialize)]
pub struct RetryForm {
    csrf: Option<String>,
}

/// Sends a dead delivery again.
pub async fn retry(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Form(form): Form<RetryForm>,
) -> PageResult {
    page.check_csrf(form.csrf.as_deref())?;
    administrator(&page)?;
    let caller = page.staff()?.clone();
    ruqsat_cases::deliveries::revive(&state, &caller, id).await?;
    let note = html! { div class="flash" role="status" { p { (page.t("admin-done-retry")) } } };
    deliveries_page(&state, &page, Some(note)).await
}
