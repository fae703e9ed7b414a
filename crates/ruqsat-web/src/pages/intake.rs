//! What the application's steps (`super::apply`) share with the rest of the pages: the
//! application JSON built from form fields, the document checklist, the fields' labels, the
//! portal's first page and the receipt.
//!
//! Each form field is named by its path in the application JSON (`applicant.passport.number`),
//! so the contract's error, which names the JSON field, lands next to the form field. The
//! document checklist and the deadline come from the engine itself: a trial decision on what
//! has been filled in so far, with no documents, lists every document the package needs.

use axum::response::Response;
use maud::{Markup, html};
use ruqsat_domain::codes::{DocumentType, Subtype};
use serde_json::{Map, Value, json};

use super::{Page, PageResult, render};
use crate::AppState;

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
            // Corrected without typing it anew: the answers and documents go into a new draft.
            form method="post" action=(match mode { Mode::Portal => "/portal/apply/again", Mode::Staff => "/desk/apply/again" }) {
                (page.csrf_field())
                button type="submit" { (page.t("action-correct-again")) }
            }
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
