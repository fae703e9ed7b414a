//! The application-questionnaire as a form, for the applicant portal (TRP, guided) and for the
//! State Corporation operator or the desk officer (TRP and PRP).
//!
//! Each form field is named by its path in the application JSON (`applicant.passport.number`),
//! so the contract's error, which names the JSON field, lands next to the form field. The
//! document checklist and the deadline come from the engine itself: a trial decision on what
//! has been filled in so far, with no documents, lists every document the package needs.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use ruqsat_domain::codes::{Category, DocumentType, Relation, Subtype};
use ruqsat_i18n::{Arg, Lang};
use serde_json::{Map, Value, json};

use super::{Page, PageResult, render};
use crate::AppState;
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use ruqsat_cases::workflow;
use ruqsat_domain::codes::Region;

/// Who fills the form in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The applicant on the portal (TRP only, electronic signature).
    Portal,
    /// A State Corporation operator or a desk officer.
    Staff,
}

/// The form's values, by field name (a field may repeat: documents, categories).
#[derive(Debug, Clone, Default)]
pub struct Values(pub Vec<(String, String)>);

impl Values {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or("")
    }

    /// Whether `name` has the value `value` (checkboxes).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(field, given)| field == name && given == value)
    }
}

/// Form fields that are not part of the application.
const NOT_APPLICATION: [&str; 4] = ["csrf", "region", "sign", "action"];

/// Builds the application JSON from the form: dotted names become nested objects, numeric
/// segments array items; `documents` and `applicant.categories` repeat; checkboxes are `true`.
pub fn application_json(values: &Values, channel: &str) -> Value {
    let mut root = Map::new();
    let mut documents = Vec::new();
    let mut categories = Vec::new();
    for (name, value) in &values.0 {
        let value = value.trim();
        if value.is_empty() || NOT_APPLICATION.contains(&name.as_str()) {
            continue;
        }
        match name.as_str() {
            "documents" => documents.push(json!({ "type": value })),
            "applicant.categories" => categories.push(Value::String(value.to_owned())),
            _ => {
                let leaf = match value {
                    "true" => Value::Bool(true),
                    _ if name.ends_with("citizenship") || name.ends_with("passport.number") => {
                        Value::String(value.to_uppercase())
                    }
                    _ => Value::String(value.to_owned()),
                };
                insert(&mut root, name, leaf);
            }
        }
    }
    root.insert("channel".into(), Value::String(channel.to_owned()));
    root.insert("documents".into(), Value::Array(documents));
    if let Some(Value::Object(applicant)) = root.get_mut("applicant") {
        applicant.insert("categories".into(), Value::Array(categories));
    }
    // Arrays were built as objects keyed "0", "1"...: turn them into arrays, dropping empty rows.
    if let Some(Value::Object(members)) = root.remove("family_members") {
        let list: Vec<Value> = members
            .into_iter()
            .map(|(_, member)| member)
            .filter(|member| member.get("surname").is_some())
            .collect();
        root.insert("family_members".into(), Value::Array(list));
    }
    if let Some(Value::Object(host)) = root.get("host")
        && host.get("bin").is_none()
        && host.get("iin").is_none()
        && host.get("name").is_none()
    {
        root.remove("host");
    }
    if let Some(Value::Object(host)) = root.get_mut("host") {
        host.entry("owns_housing").or_insert(Value::Bool(false));
    }
    Value::Object(root)
}

fn insert(root: &mut Map<String, Value>, path: &str, leaf: Value) {
    let mut parts = path.split('.').peekable();
    let mut current = root;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            current.insert(part.to_owned(), leaf);
            return;
        }
        let next = current
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        current = next.as_object_mut().expect("invariant: made an object just above");
    }
}

/// The contract's field path as a form field name: `application.family_members[0].surname` →
/// `family_members.0.surname`.
pub fn form_field(path: &str) -> String {
    path.trim_start_matches("application.")
        .replace('[', ".")
        .replace(']', "")
}

/// What the engine says the package needs, and the deadline, for what is filled in so far.
pub struct Checklist {
    /// Documents required (each of them).
    pub required: Vec<DocumentType>,
    /// Groups of which one document is required.
    pub one_of: Vec<Vec<DocumentType>>,
    /// The due time if submitted now (Kazakhstan time).
    pub due: Option<String>,
}

/// The checklist of the form: the documents the law requires for what is filled in so far, and
/// the deadline the application would get if submitted now (a trial of the engine).
pub fn checklist(state: &AppState, values: &Values, service: &str) -> Checklist {
    let now = state.law.local((state.clock)());
    // The documents are the law's list for the service, subtype and what is known of the
    // applicant (`ruqsat_domain::decide::required_documents`); without a birth date, an adult's.
    let (required, one_of) = required_for(values, service, now.date_naive());
    // The deadline it will get if submitted now (`ruqsat_domain::decide::due_time`).
    let kind = if service == "prp" {
        ruqsat_domain::codes::Service::Prp
    } else {
        ruqsat_domain::codes::Service::Trp
    };
    let due = ruqsat_domain::decide::due_time(&state.law, kind, now)
        .ok()
        .map(|(due, _)| due.format("%Y-%m-%d %H:%M").to_string());
    Checklist { required, one_of, due }
}

/// The documents required (each, and groups of which one) for the form's values.
fn required_for(
    values: &Values,
    service: &str,
    today: chrono::NaiveDate,
) -> (Vec<DocumentType>, Vec<Vec<DocumentType>>) {
    use ruqsat_domain::application::{Categories, Request};
    use ruqsat_domain::decide::{PackageFacts, Requirement, required_documents};
    let request = if service == "prp" {
        Request::Prp
    } else {
        Request::Trp(
            values
                .get("subtype")
                .parse()
                .unwrap_or(ruqsat_domain::codes::Subtype::Labour),
        )
    };
    let mut categories = Categories::default();
    for (name, value) in &values.0 {
        if name == "applicant.categories"
            && let Ok(category) = value.parse()
        {
            categories.insert(category);
        }
    }
    let age = values
        .get("applicant.birth_date")
        .parse::<chrono::NaiveDate>()
        .map_or(30, |birth| ruqsat_domain::dates::age_on(birth, today));
    let facts = PackageFacts {
        request,
        citizenship: values.get("applicant.citizenship").trim().to_uppercase().parse().ok(),
        categories,
        age,
        host_owns_housing: values.get("host.owns_housing") == "true",
    };
    let (requirements, _) = required_documents(&facts);
    let mut required = Vec::new();
    let mut one_of = Vec::new();
    for requirement in requirements {
        match requirement {
            Requirement::One(document) | Requirement::OrInstead(document, _) | Requirement::Each(document, _) => {
                required.push(document)
            }
            Requirement::OneOf(group) => one_of.push(group.to_vec()),
        }
    }
    (required, one_of)
}

/// The checklist as a fieldset of document checkboxes (replaced in place by the script when the
/// subtype changes).
pub fn checklist_markup(page: &Page, values: &Values, list: &Checklist, error: Option<&str>) -> Markup {
    html! {
        fieldset id="checklist" class={"checklist" @if error.is_some() { " invalid" }} {
            legend { (page.t("section-documents")) }
            p class="hint" { (page.t("documents-intro")) }
            @for document in &list.required {
                label class="check" { input type="checkbox" name="documents" value=(document.as_str()) checked[values.has("documents", document.as_str())]; " " (ruqsat_i18n::document_name(page.lang, *document)) }
            }
            @for group in &list.one_of {
                div class="one-of" {
                    p { (page.t("documents-one-of")) }
                    @for document in group {
                        label class="check" { input type="checkbox" name="documents" value=(document.as_str()) checked[values.has("documents", document.as_str())]; " " (ruqsat_i18n::document_name(page.lang, *document)) }
                    }
                }
            }
            @if let Some(error) = error { p class="error" role="alert" { (error) } }
            @if let Some(due) = &list.due {
                p class="deadline" { (page.ta("deadline-if-now", &[("due", Arg::from(due.as_str()))])) }
            }
        }
    }
}

/// Parameters of the checklist fragment.
pub async fn checklist_fragment(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let values = Values(query);
    let service = if values.get("service") == "prp" { "prp" } else { "trp" };
    let list = checklist(&state, &values, service);
    checklist_markup(&page, &values, &list, None).into_response()
}

/// The portal's first page: the eight purposes explained in plain words (choosing one starts a
/// draft), and the way back to a saved draft by its reference.
pub async fn portal_start(page: Page) -> Response {
    let body = portal_start_body(&page, None, "");
    render(&page, &page.t("portal-title"), body)
}

/// The first page's content; `error` is the resumption's, with the reference as typed.
pub fn portal_start_body(page: &Page, error: Option<&str>, typed: &str) -> Markup {
    html! {
        h1 { (page.t("portal-title")) }
        @if let Some(error) = error {
            div class="error-summary" role="alert" tabindex="-1" {
                p { strong { (page.t("form-has-errors")) } }
                p { a href="#f-reference" { (page.t("field-draft-reference")) } ": " (error) }
            }
        }
        p class="lead" { (page.t("portal-intro")) }
        form method="post" action="/portal/apply/start" class="stack" {
            (page.csrf_field())
            fieldset {
                legend { (page.t("portal-choose")) }
                @for subtype in Subtype::ALL {
                    label class="choice" {
                        input type="radio" name="subtype" value=(subtype.as_str()) required checked[*subtype == Subtype::Labour];
                        span { strong { (page.t(&format!("subtype-{}", subtype.as_str()))) } br; small { (page.t(&format!("subtype-{}-help", subtype.as_str()))) } }
                    }
                }
            }
            button type="submit" { (page.t("action-start-application")) }
        }
        section class="resume" {
            h2 { (page.t("draft-resume-title")) }
            form method="post" action="/portal/resume" class="stack" {
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
        p { a href="/portal/cabinet" { (page.t("portal-cabinet-link")) } }
    }
}

/// The staff questionnaire (State Corporation operator, desk officer).
pub async fn desk_form(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> PageResult {
    let caller = page.staff()?;
    if !matches!(caller.role, Role::Operator | Role::Officer) {
        return Err(ApiError::Forbidden("intake".into()).into());
    }
    let values = Values(query);
    let service = if values.get("service") == "prp" { "prp" } else { "trp" };
    Ok(render(
        &page,
        &page.t("desk-title"),
        form(&state, &page, service, &values, None),
    ))
}

/// The staff submission.
pub async fn desk_submit(
    State(state): State<AppState>,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let values = Values(fields);
    page.check_csrf(Some(values.get("csrf")))?;
    let caller = page.staff()?.clone();
    if !matches!(caller.role, Role::Operator | Role::Officer) {
        return Err(ApiError::Forbidden("intake".into()).into());
    }
    let service = if values.get("service") == "prp" { "prp" } else { "trp" };
    submit(&state, &page, &caller, service, values).await
}

/// The channel of a staff member's intake: the State Corporation's operators, or the desk.
fn staff_channel(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Operator) => "state_corporation",
        _ => "desk",
    }
}

/// One line of what to bring: a document by its name, or "one of" a group.
pub fn to_bring_line(page: &Page, line: &[DocumentType]) -> String {
    let names: Vec<String> = line
        .iter()
        .map(|document| ruqsat_i18n::document_name(page.lang, *document))
        .collect();
    match names.as_slice() {
        [one] => format!("{} {one}", page.t("status-missing")),
        _ => format!("{} {}", page.t("status-missing-one-of"), names.join("; ")),
    }
}

async fn submit(state: &AppState, page: &Page, caller: &Caller, service: &str, values: Values) -> PageResult {
    let channel = staff_channel(Some(caller.role));
    let mut application = application_json(&values, channel);
    application["service"] = json!(service);
    if service == "prp"
        && let Some(object) = application.as_object_mut()
    {
        object.remove("subtype");
    }
    if channel == "state_corporation" {
        let now = state.law.local((state.clock)());
        application["submitted_at"] = json!(now.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    let region = match caller.region {
        Some(own) => own.as_str().to_owned(),
        None => values.get("region").to_owned(),
    };
    let body = json!({ "region": region, "application": application }).to_string();
    match workflow::intake(state, caller, body.as_bytes(), None).await {
        Ok((case, _)) => {
            // POST-redirect-GET: the receipt is a page of its own (a reload sends nothing again).
            Ok(axum::response::Redirect::to(&format!("/desk/submitted/{}", case.id)).into_response())
        }
        Err(ruqsat_cases::CaseError::Invalid { field, message, .. }) => {
            // The contract explains in English; the page says in the user's language which field
            // and that its value is not accepted, with the detail.
            let error = (
                form_field(&field),
                // The parser's detail exists in English only: said on English pages; on Kazakh and
                // Russian pages the field is named and the value refused in the user's language.
                if page.lang == ruqsat_i18n::Lang::En {
                    page.ta("invalid-value", &[("detail", Arg::Text(message))])
                } else {
                    page.t("invalid-value-check")
                },
            );
            let body = form(state, page, service, &values, Some(error));
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                super::layout(page, &page.t("portal-title"), body),
            )
                .into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// The label of each form field, for the error summary.
const FIELD_LABELS: [(&str, &str); 43] = [
    ("applicant.surname", "field-surname"),
    ("applicant.given_name", "field-given-name"),
    ("applicant.patronymic", "field-patronymic"),
    ("applicant.birth_date", "field-birth-date"),
    ("applicant.citizenship", "field-citizenship"),
    ("applicant.birth_place", "field-birth-place"),
    ("applicant.nationality", "field-nationality"),
    ("applicant.iin", "field-iin"),
    ("applicant.passport.number", "field-passport-number"),
    ("applicant.passport.issued_on", "field-passport-issued"),
    ("applicant.passport.expires_on", "field-passport-expires"),
    ("applicant.residence_address", "field-residence-abroad"),
    ("address_in_kazakhstan.region", "field-address-region"),
    ("address_in_kazakhstan.city", "field-address-city"),
    ("address_in_kazakhstan.street", "field-address-street"),
    ("address_in_kazakhstan.house", "field-address-house"),
    ("address_in_kazakhstan.apartment", "field-address-apartment"),
    ("address_in_kazakhstan.registration_code", "field-registration-code"),
    ("mobile_phone", "field-phone"),
    ("email", "field-email"),
    ("requested_period.from", "field-period-from"),
    ("requested_period.to", "field-period-to"),
    ("contract_ends_on", "field-contract-ends"),
    ("stay_permitted_until", "field-stay-until"),
    ("host.name", "field-host-name"),
    ("host.bin", "field-host-bin"),
    ("host.iin", "field-host-iin"),
    ("family_members.0.surname", "field-surname"),
    ("family_members.0.given_name", "field-given-name"),
    ("family_members.0.birth_date", "field-birth-date"),
    ("family_members.0.citizenship", "field-citizenship"),
    ("family_members.0.passport.number", "field-passport-number"),
    ("family_members.0.passport.issued_on", "field-passport-issued"),
    ("family_members.0.passport.expires_on", "field-passport-expires"),
    ("subtype", "field-subtype"),
    ("region", "field-region"),
    ("applicant.sex", "field-sex"),
    ("language", "field-language"),
    ("host.kind", "field-host-kind"),
    ("family_members.0.sex", "field-sex"),
    ("family_members.0.relation", "field-relation"),
    ("documents", "section-documents"),
    ("sign", "field-sign"),
];

/// The label of form field `name`, in the page's language, or the name itself.
pub fn field_label(page: &Page, name: &str) -> String {
    FIELD_LABELS
        .iter()
        .find(|(field, _)| *field == name)
        .map(|(_, label)| page.t(label))
        .unwrap_or_else(|| name.to_owned())
}

/// A field of the form.
struct Field<'a> {
    name: &'a str,
    label: &'a str,
    kind: &'a str,
    required: bool,
    pattern: Option<(&'a str, &'a str)>,
}

const fn field<'a>(name: &'a str, label: &'a str, kind: &'a str, required: bool) -> Field<'a> {
    Field {
        name,
        label,
        kind,
        required,
        pattern: None,
    }
}

/// What the browser may fill in a field (WCAG 1.3.5, the purpose of input): on the portal the
/// applicant's own name, birth date, address and contacts; nothing of other people, and nothing
/// at the desk, where staff type other people's data.
pub fn autocomplete(mode: Mode, name: &str) -> &'static str {
    if mode != Mode::Portal {
        return "off";
    }
    match name {
        "applicant.surname" => "family-name",
        "applicant.given_name" => "given-name",
        "applicant.patronymic" => "additional-name",
        "applicant.birth_date" => "bday",
        "address_in_kazakhstan.region" => "address-level1",
        "address_in_kazakhstan.city" => "address-level2",
        "address_in_kazakhstan.street" => "address-line1",
        "mobile_phone" => "tel",
        "email" => "email",
        _ => "off",
    }
}

/// The staff's questionnaire form (Appendix 1): purpose, applicant, address, period, host,
/// family member, documents, consents (the portal's is `super::apply`, in steps).
pub fn form(state: &AppState, page: &Page, service: &str, values: &Values, error: Option<(String, String)>) -> Markup {
    let caller_channel = staff_channel(page.user.as_ref().map(|user| user.role));
    let list = checklist(state, values, service);
    let error_for = |name: &str| -> Option<String> {
        error
            .as_ref()
            .filter(|(field, _)| field == name || (name == "documents" && field == "documents"))
            .map(|(_, message)| message.clone())
    };
    let input = |spec: Field<'_>| -> Markup {
        let id = format!("f-{}", spec.name.replace('.', "-"));
        let message = error_for(spec.name);
        html! {
            div class={"field" @if message.is_some() { " invalid" }} {
                label for=(id) { (page.t(spec.label)) @if spec.required { " " span class="req" aria-hidden="true" { "*" } } }
                input id=(id) name=(spec.name) type=(spec.kind) value=(values.get(spec.name)) required[spec.required]
                    autocomplete=(autocomplete(Mode::Staff, spec.name))
                    pattern=[spec.pattern.map(|(pattern, _)| pattern)]
                    data-msg-pattern=[spec.pattern.map(|(_, message)| page.t(message))]
                    data-msg-required=(page.t("invalid-required"))
                    aria-invalid=[message.as_ref().map(|_| "true")]
                    aria-describedby={"err-" (id)};
                p class="error" id={"err-" (id)} aria-live="polite" { @if let Some(message) = &message { (message) } }
            }
        }
    };
    let select = |name: &str, label: &str, options: Vec<(String, String)>, required: bool| -> Markup {
        let id = format!("f-{}", name.replace('.', "-"));
        let message = error_for(name);
        html! {
            div class={"field" @if message.is_some() { " invalid" }} {
                label for=(id) { (page.t(label)) }
                select id=(id) name=(name) required[required] aria-describedby={"err-" (id)} data-msg-required=(page.t("invalid-required")) {
                    @if !required { option value="" { "—" } }
                    @for (value, text) in &options { option value=(value) selected[values.get(name) == value] { (text) } }
                }
                p class="error" id={"err-" (id)} aria-live="polite" { @if let Some(message) = &message { (message) } }
            }
        }
    };
    let subtype = values.get("subtype");
    let sex = vec![
        ("male".into(), page.t("sex-male")),
        ("female".into(), page.t("sex-female")),
    ];
    let citizenship_rule = Some(("[A-Za-z]{3}", "invalid-citizenship"));
    let iin_rule = Some(("[0-9]{12}", "invalid-iin"));
    html! {
        h1 { (page.t(if service == "prp" { "desk-new-prp" } else { "desk-new-trp" })) }
        @if let Some((field, message)) = &error {
            div class="error-summary" role="alert" tabindex="-1" {
                p { strong { (page.t("form-has-errors")) } }
                p { a href={"#f-" (field.replace('.', "-"))} { (field_label(page, field)) } ": " (message) }
            }
        }
        form method="post" action="/desk/apply" class="questionnaire" data-validate="" {
            (page.csrf_field())
            input type="hidden" name="service" value=(service);
            input type="hidden" name="channel" value=(caller_channel);
            fieldset {
                legend { (page.t("section-purpose")) }
                @if service == "trp" {
                    (select("subtype", "field-subtype", Subtype::ALL.iter().map(|subtype| (subtype.as_str().to_owned(), page.t(&format!("subtype-{}", subtype.as_str())))).collect(), true))
                    @if !subtype.is_empty() { p class="hint" { (page.t(&format!("subtype-{subtype}-help"))) } }
                } @else {
                    p { (page.t("service-prp")) }
                    fieldset class="categories" {
                        legend { (page.t("field-categories")) }
                        @for category in [Category::ConfirmsSolvency, Category::EthnicKazakh, Category::FormerCitizen, Category::BornInKazakhstan, Category::InDemandProfession, Category::Refugee, Category::MinorWithParents] {
                            label class="check" { input type="checkbox" name="applicant.categories" value=(category.as_str()) checked[values.has("applicant.categories", category.as_str())]; " " (ruqsat_i18n::category_name(page.lang, category)) }
                        }
                    }
                }
                @if page.user.as_ref().is_none_or(|user| user.region.is_none()) {
                    (select("region", "field-region", Region::ALL.iter().map(|region| (region.as_str().to_owned(), page.t(&format!("region-{}", region.as_str())))).collect(), true))
                }
                noscript { button type="submit" formmethod="get" formaction="/desk/apply" formnovalidate class="secondary" { (page.t("action-update-checklist")) } }
            }
            fieldset {
                legend { (page.t("section-applicant")) }
                p class="hint" { (page.t("section-applicant-hint")) }
                div class="grid" {
                    (input(field("applicant.surname", "field-surname", "text", true)))
                    (input(field("applicant.given_name", "field-given-name", "text", true)))
                    (input(field("applicant.patronymic", "field-patronymic", "text", false)))
                    (input(field("applicant.birth_date", "field-birth-date", "date", true)))
                    (select("applicant.sex", "field-sex", sex.clone(), true))
                    (input(Field { pattern: citizenship_rule, ..field("applicant.citizenship", "field-citizenship", "text", false) }))
                    (input(field("applicant.birth_place", "field-birth-place", "text", false)))
                    (input(field("applicant.nationality", "field-nationality", "text", false)))
                    (input(Field { pattern: iin_rule, ..field("applicant.iin", "field-iin", "text", false) }))
                    (input(field("applicant.passport.number", "field-passport-number", "text", true)))
                    (input(field("applicant.passport.issued_on", "field-passport-issued", "date", true)))
                    (input(field("applicant.passport.expires_on", "field-passport-expires", "date", true)))
                    (input(field("applicant.residence_address", "field-residence-abroad", "text", false)))
                }
            }
            fieldset {
                legend { (page.t("section-address")) }
                div class="grid" {
                    (input(field("address_in_kazakhstan.region", "field-address-region", "text", false)))
                    (input(field("address_in_kazakhstan.city", "field-address-city", "text", false)))
                    (input(field("address_in_kazakhstan.street", "field-address-street", "text", false)))
                    (input(field("address_in_kazakhstan.house", "field-address-house", "text", false)))
                    (input(field("address_in_kazakhstan.apartment", "field-address-apartment", "text", false)))
                    (input(field("address_in_kazakhstan.registration_code", "field-registration-code", "text", false)))
                    (input(field("mobile_phone", "field-phone", "tel", false)))
                    (input(field("email", "field-email", "email", false)))
                    (select("language", "field-language", Lang::ALL.iter().map(|lang| (lang.as_str().to_owned(), super::language_name(*lang).to_owned())).collect(), false))
                }
            }
            @if service == "trp" {
                fieldset {
                    legend { (page.t("section-period")) }
                    div class="grid" {
                        (input(field("requested_period.from", "field-period-from", "date", true)))
                        (input(field("requested_period.to", "field-period-to", "date", true)))
                        (input(field("contract_ends_on", "field-contract-ends", "date", false)))
                        (input(field("stay_permitted_until", "field-stay-until", "date", false)))
                    }
                }
                fieldset {
                    legend { (page.t("section-host")) }
                    div class="grid" {
                        (select("host.kind", "field-host-kind", vec![("legal_entity".into(), page.t("host-legal_entity")), ("individual".into(), page.t("host-individual"))], false))
                        (input(field("host.name", "field-host-name", "text", false)))
                        (input(Field { pattern: iin_rule, ..field("host.bin", "field-host-bin", "text", false) }))
                        (input(Field { pattern: iin_rule, ..field("host.iin", "field-host-iin", "text", false) }))
                    }
                    label class="check" { input type="checkbox" name="host.owns_housing" value="true" checked[values.get("host.owns_housing") == "true"]; " " (page.t("field-host-owns-housing")) }
                }
            }
            fieldset {
                legend { (page.t("section-family")) }
                p class="hint" { (page.t("section-family-hint")) }
                div class="grid" {
                    (input(field("family_members.0.surname", "field-surname", "text", false)))
                    (input(field("family_members.0.given_name", "field-given-name", "text", false)))
                    (input(field("family_members.0.birth_date", "field-birth-date", "date", false)))
                    (select("family_members.0.sex", "field-sex", sex.clone(), false))
                    (input(Field { pattern: citizenship_rule, ..field("family_members.0.citizenship", "field-citizenship", "text", false) }))
                    (select("family_members.0.relation", "field-relation", Relation::ALL.iter().map(|relation| (relation.as_str().to_owned(), page.t(&format!("relation-{}", relation.as_str())))).collect(), false))
                    (input(field("family_members.0.passport.number", "field-passport-number", "text", false)))
                    (input(field("family_members.0.passport.issued_on", "field-passport-issued", "date", false)))
                    (input(field("family_members.0.passport.expires_on", "field-passport-expires", "date", false)))
                }
            }
            (checklist_markup(page, values, &list, error_for("documents").as_deref()))
            fieldset {
                legend { (page.t("section-consents")) }
                label class="check" { input type="checkbox" name="consent_to_restricted_data" value="true" checked[values.get("consent_to_restricted_data") == "true"]; " " (page.t("field-consent")) }
                label class="check" { input type="checkbox" name="liability_warning_signed" value="true" checked[values.get("liability_warning_signed") == "true"]; " " (page.t("field-warning")) }
            }
            button type="submit" name="action" value="submit" { (page.t("action-submit")) }
        }
    }
}

#[cfg(test)]
mod tests;

/// The page that says what became of a submitted application: its number, and for one not
/// accepted, each reason and each document missing, in words.
pub fn receipt(state: &AppState, page: &Page, case: &ruqsat_store::CaseRow, mode: Mode) -> PageResult {
    let proposal = ruqsat_cases::records::ProposalRecord::read(case)?;
    let missing: Vec<String> = proposal
        .iter()
        .flat_map(|proposal| proposal.to_bring())
        .map(|line| to_bring_line(page, &line))
        .collect();
    let accepted = case.state != ruqsat_domain::case::CaseState::NotAccepted;
    let body = html! {
        h1 { (page.t(if accepted { "receipt-accepted" } else { "receipt-not-accepted" })) }
        p class={"receipt " @if accepted { "ok" } @else { "bad" }} role="status" {
            (page.t("col-number")) ": " strong id="case-number" { (case.number) }
        }
        @if let Some(due) = &case.due_at {
            @if accepted { p { (page.t("status-due")) " " strong { (super::local_time(&state.law, *due)) } } }
        }
        @if !accepted {
            @if !missing.is_empty() {
                h2 { (page.t("receipt-what-to-bring")) }
                ul { @for document in &missing { li { (document) } } }
            }
            h2 { (page.t("receipt-why")) }
            // Each reason in words, in the reader's language (the code stays for the desk).
            ul class="reasons" {
                @for reason in proposal.iter().flat_map(|proposal| &proposal.not_accepted_reasons) {
                    li { (ruqsat_i18n::text(page.lang, &format!("acceptance-{}", reason.trim_start_matches("acc.")), &[])) " " small lang="en" { code { (reason) } } }
                }
            }
            p { (page.t(match mode { Mode::Portal => "receipt-not-accepted-portal", Mode::Staff => "receipt-not-accepted-desk" })) }
        }
        p { (page.t("receipt-follow")) }
        @match mode {
            Mode::Portal => {
                p { a class="button" href="/status" { (page.t("nav-status")) } }
                form method="post" action="/portal/apply/start" {
                    (page.csrf_field())
                    button type="submit" class="secondary" { (page.t("draft-done-new")) }
                }
            }
            Mode::Staff => {
                p { a class="button" href={"/officer/cases/" (case.id) "/receipt"} { (page.t("action-print-receipt")) } }
                p { a class="button secondary" href="/desk" { (page.t("nav-desk")) } }
            }
        }
    };
    let title = page.t(if accepted {
        "receipt-accepted"
    } else {
        "receipt-not-accepted"
    });
    Ok(render(page, &title, body))
}

/// The receipt of an application the desk or the State Corporation just submitted (the target
/// of the submission's redirect).
pub async fn desk_submitted(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> PageResult {
    let caller = page.staff()?.clone();
    if !matches!(caller.role, Role::Operator | Role::Officer) {
        return Err(ApiError::Forbidden("intake".into()).into());
    }
    let case = workflow::visible_case(&state, &caller, id).await?;
    receipt(&state, &page, &case, Mode::Staff)
}
