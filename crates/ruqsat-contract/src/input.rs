//! The JSON input of `ruqsat decide` (`docs/CONTRACT.md`), parsed into a domain
//! [`Application`]. Every error names the field (`applicant.passport.expires_on`) and the problem.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ruqsat_domain::application::{
    Address, AdminOffence, Application, BorderFacts, Categories, CriminalFacts, Document, DutyPayment, FamilyMember,
    Finding, Host, HostIdentityDocument, HostParty, IinFound, LateAcceptance, Passport, Period, Person, Questionnaire,
    RegistrationCertificate, RegistryFacts, Request,
};
use ruqsat_domain::codes::{
    Category, Channel, DocumentType, GroundCode, IdentityDocumentKind, OffenceArea, Presence, Relation, SecurityFlag,
    Service, SexCode, Subtype,
};
use ruqsat_domain::country::CountryCode;
use ruqsat_domain::ids::{Bin, Iin};
use serde::{Deserialize, Deserializer};

/// Input that cannot be read as an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The field, as a path (`family_members[0].birth_date`), or `input` for the whole document.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Parses the JSON of an application.
pub fn parse_application(json: &str) -> Result<Application, InputError> {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    let input: ApplicationInput = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let root = path == "." || path.is_empty();
        let inner = error.into_inner();
        let message = match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                return InputError::new("input", format!("not valid JSON: {inner}"));
            }
            serde_json::error::Category::Io | serde_json::error::Category::Data => strip_position(&inner.to_string()),
        };
        // serde reports a missing field at its parent: name the field itself.
        if let Some(name) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            let field = if root {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            };
            return InputError::new(field, "required field is missing");
        }
        InputError::new(if root { "input".to_owned() } else { path }, message)
    })?;
    input.into_application()
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// A civil date written strictly as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy)]
struct Date(NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map(Date).map_err(serde::de::Error::custom)
    }
}

/// Parses `YYYY-MM-DD`, telling a malformed date from an impossible one.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
    if !shape {
        return Err(format!("not a date in the form YYYY-MM-DD: {text:?}"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("impossible date {text:?}"))
}

/// An instant in RFC 3339 with an offset.
#[derive(Debug, Clone, Copy)]
struct Instant(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if let Some(date_part) = text.get(..10) {
            parse_date(date_part).map_err(serde::de::Error::custom)?;
        }
        DateTime::parse_from_rfc3339(&text).map(Instant).map_err(|_| {
            serde::de::Error::custom(format!(
                "not an instant in RFC 3339 with an offset (e.g. 2025-03-20T10:15:00+05:00): {text:?}"
            ))
        })
    }
}

/// `Some(None)` for an explicit `null`, `None` (by `default`) when the field is absent.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Where an application was taken (`{"duty": true}`: a State Corporation duty office).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeInput {
    #[serde(default)]
    duty: bool,
}

#[derive(Deserialize)]
struct ApplicationInput {
    service: Service,
    #[serde(default)]
    subtype: Option<Subtype>,
    channel: Channel,
    #[serde(default)]
    office: Option<OfficeInput>,
    #[serde(default)]
    presence: Option<Presence>,
    submitted_at: Instant,
    #[serde(default)]
    decided_on: Option<Date>,
    applicant: PersonInput,
    #[serde(default)]
    family_members: Vec<PersonInput>,
    #[serde(default)]
    host: Option<HostInput>,
    #[serde(default)]
    requested_period: Option<PeriodInput>,
    #[serde(default)]
    contract_ends_on: Option<Date>,
    #[serde(default)]
    aifc_residence_since: Option<Date>,
    #[serde(default)]
    principal_permit_valid_until: Option<Date>,
    #[serde(default)]
    documents: Vec<DocumentInput>,
    #[serde(default)]
    consent_to_restricted_data: bool,
    #[serde(default)]
    stay_permitted_until: Option<Date>,
    #[serde(default)]
    late_acceptance: LateAcceptanceInput,
    #[serde(default)]
    registry: RegistryInput,
    #[serde(default)]
    findings: Vec<FindingInput>,
    #[serde(default)]
    address_in_kazakhstan: Option<AddressInput>,
    #[serde(default)]
    police_department: Option<String>,
    #[serde(default)]
    representative: Option<String>,
    #[serde(default)]
    liability_warning_signed: bool,
    #[serde(default)]
    home_phone: Option<String>,
    #[serde(default)]
    mobile_phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

#[derive(Deserialize)]
struct PersonInput {
    surname: String,
    given_name: String,
    #[serde(default)]
    patronymic: Option<String>,
    birth_date: Date,
    sex: SexCode,
    #[serde(default)]
    citizenship: Option<CountryCode>,
    #[serde(default)]
    iin: Option<Iin>,
    passport: PassportInput,
    #[serde(default)]
    birth_place: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    residence_country: Option<CountryCode>,
    #[serde(default)]
    residence_address: Option<String>,
    /// Applicant only.
    #[serde(default)]
    categories: Vec<Category>,
    /// Applicant only.
    #[serde(default)]
    turned_16_in_kazakhstan: bool,
    /// Applicant only.
    #[serde(default)]
    declared_incapable: bool,
    /// Family members only: degree of kinship.
    #[serde(default)]
    relation: Option<Relation>,
}

#[derive(Deserialize)]
struct PassportInput {
    #[serde(default)]
    kind: Option<IdentityDocumentKind>,
    number: String,
    issued_on: Date,
    expires_on: Date,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum HostKind {
    Individual,
    LegalEntity,
}

#[derive(Deserialize)]
struct HostInput {
    kind: HostKind,
    #[serde(default)]
    iin: Option<Iin>,
    #[serde(default)]
    bin: Option<Bin>,
    #[serde(default)]
    owns_housing: bool,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    identity_document: Option<HostDocumentInput>,
    #[serde(default)]
    registration_certificate: Option<RegistrationInput>,
}

#[derive(Deserialize)]
struct HostDocumentInput {
    number: String,
    #[serde(default)]
    valid_from: Option<Date>,
    #[serde(default)]
    valid_until: Option<Date>,
}

#[derive(Deserialize)]
struct RegistrationInput {
    name: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    date: Option<Date>,
}

#[derive(Deserialize)]
struct PeriodInput {
    from: Date,
    to: Date,
}

#[derive(Deserialize)]
struct DocumentInput {
    #[serde(rename = "type")]
    document_type: DocumentType,
    #[serde(default)]
    issued_on: Option<Date>,
    #[serde(default)]
    valid_until: Option<Date>,
    #[serde(default)]
    foreign_language: bool,
    #[serde(default)]
    notarized_translation: bool,
    #[serde(default)]
    foreign_official: bool,
    #[serde(default)]
    legalized: bool,
    #[serde(default)]
    legalization_exempt: bool,
    #[serde(default)]
    from_information_system: bool,
    #[serde(default)]
    bars_entry: bool,
}

#[derive(Deserialize, Default)]
struct LateAcceptanceInput {
    #[serde(default)]
    downtime_act: bool,
    #[serde(default)]
    art517_liability: bool,
    #[serde(default)]
    art517_overstay_days: Option<u32>,
}

#[derive(Deserialize, Default)]
struct RegistryInput {
    #[serde(default)]
    iin_found: Option<IinFoundInput>,
    #[serde(default)]
    border: Option<BorderInput>,
    #[serde(default)]
    criminal: Option<CriminalInput>,
    #[serde(default)]
    admin_offences: Option<Vec<OffenceInput>>,
    #[serde(default)]
    employer_domestic_trps: Option<u32>,
    #[serde(default)]
    prp_application_exists: Option<bool>,
    #[serde(default)]
    fingerprints_registered: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    expelled_on: Option<Option<Date>>,
    #[serde(default)]
    security_flags: Option<Vec<SecurityFlag>>,
    #[serde(default)]
    citizenship_lost_art21: Option<bool>,
    #[serde(default)]
    citizenship_deprived_art20_1: Option<bool>,
    #[serde(default)]
    marriage_annulled: Option<bool>,
    #[serde(default)]
    duty_payment: Option<DutyPaymentInput>,
}

#[derive(Deserialize)]
struct IinFoundInput {
    applicant: bool,
    #[serde(default)]
    family: Vec<bool>,
}

#[derive(Deserialize)]
struct BorderInput {
    illegal_entry: bool,
}

#[derive(Deserialize)]
struct CriminalInput {
    #[serde(default)]
    wanted: bool,
    #[serde(default)]
    unexpunged_conviction: bool,
    #[serde(default)]
    unexecuted_obligations: bool,
    #[serde(default)]
    court_ban_on_service: bool,
    #[serde(default)]
    released_from_prison_nonresident: bool,
}

#[derive(Deserialize)]
struct OffenceInput {
    area: OffenceArea,
    on: Date,
}

#[derive(Deserialize)]
struct DutyPaymentInput {
    amount_kzt: u64,
    paid_on: Date,
}

#[derive(Deserialize)]
struct FindingInput {
    ground: GroundCode,
    note: String,
}

#[derive(Deserialize, Default)]
struct AddressInput {
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    district: Option<String>,
    #[serde(default)]
    locality: Option<String>,
    #[serde(default)]
    street: Option<String>,
    #[serde(default)]
    house: Option<String>,
    #[serde(default)]
    block: Option<String>,
    #[serde(default)]
    apartment: Option<String>,
    #[serde(default)]
    registration_code: Option<String>,
}

impl ApplicationInput {
    fn into_application(self) -> Result<Application, InputError> {
        let request = match (self.service, self.subtype) {
            (Service::Trp, Some(subtype)) => Request::Trp(subtype),
            (Service::Trp, None) => {
                return Err(InputError::new("subtype", "required for a TRP (one of the 8 subtypes)"));
            }
            (Service::Prp, None) => Request::Prp,
            (Service::Prp, Some(_)) => {
                return Err(InputError::new("subtype", "a PRP has no subtype; leave it out or null"));
            }
        };
        // Who appeared, when not stated: the digital signature on the portal; for a PRP of a
        // child or of a person declared incapable, the legal representative (Appendix 3 item 8);
        // otherwise the applicant in person.
        // Kazakhstan time (UTC+05:00 since 2024-03-01) for the checks of dates against the submission.
        let kazakhstan = FixedOffset::east_opt(5 * 3600).expect("invariant: +05:00 is a valid offset");
        let submitted_on = self.submitted_at.0.with_timezone(&kazakhstan).date_naive();
        let minor = ruqsat_domain::dates::age_on(self.applicant.birth_date.0, submitted_on) < 18;
        if let Some(language) = &self.language
            && !["kk", "ru", "en"].contains(&language.as_str())
        {
            return Err(InputError::new("language", format!("{language:?}: use kk, ru or en")));
        }
        let presence = self.presence.unwrap_or(match (self.channel, self.service) {
            (Channel::Portal, _) => Presence::ElectronicSignature,
            (Channel::Desk | Channel::StateCorporation, Service::Prp) if minor || self.applicant.declared_incapable => {
                Presence::LegalRepresentative
            }
            (Channel::Desk | Channel::StateCorporation, Service::Prp | Service::Trp) => Presence::Applicant,
        });
        if let Some(decided_on) = self.decided_on
            && decided_on.0 < submitted_on
        {
            return Err(InputError::new(
                "decided_on",
                format!("{} is before the submission date {submitted_on}", decided_on.0),
            ));
        }
        let turned_16_in_kazakhstan = self.applicant.turned_16_in_kazakhstan;
        let declared_incapable = self.applicant.declared_incapable;
        let applicant = self.applicant.into_person("applicant", submitted_on)?;
        if applicant.citizenship == Some(CountryCode::KAZAKHSTAN) {
            return Err(InputError::new(
                "applicant.citizenship",
                "a citizen of Kazakhstan needs no residence permit",
            ));
        }
        let mut family_members = Vec::with_capacity(self.family_members.len());
        for (index, member) in self.family_members.into_iter().enumerate() {
            let path = format!("family_members[{index}]");
            let relation = member.relation.ok_or_else(|| {
                InputError::new(
                    format!("{path}.relation"),
                    "required: the degree of kinship with the migrant",
                )
            })?;
            let mut person = member.into_person(&path, submitted_on)?;
            person.categories = Categories::default();
            family_members.push(FamilyMember { person, relation });
        }
        let host = self.host.map(HostInput::into_host).transpose()?;
        let requested_period = self
            .requested_period
            .map(|period| {
                Period::new(period.from.0, period.to.0)
                    .map_err(|error| InputError::new("requested_period.to", error.to_string()))
            })
            .transpose()?;
        // A TRP names the period asked for (Appendix 1, the questionnaire): never a permit
        // "until the passport expires" by default.
        if requested_period.is_none() && matches!(request, Request::Trp(_)) {
            return Err(InputError::new(
                "requested_period",
                "required for a TRP: the period of stay asked for (from, to)",
            ));
        }
        let registry = self.registry.into_facts(family_members.len())?;
        let mut findings = Vec::with_capacity(self.findings.len());
        for (index, finding) in self.findings.into_iter().enumerate() {
            if finding.note.trim().is_empty() {
                return Err(InputError::new(
                    format!("findings[{index}].note"),
                    "a reasoned finding needs the officer's reasoning",
                ));
            }
            findings.push(Finding {
                ground: finding.ground,
                note: finding.note,
            });
        }
        for (index, document) in self.documents.iter().enumerate() {
            // PRP documents 3), 4), 7) are accepted only if issued within 180 days: their date is
            // part of the application (Appendix 3 item 8).
            let dated = matches!(
                document.document_type,
                DocumentType::SolvencyProof
                    | DocumentType::CriminalRecordCertificate
                    | DocumentType::MedicalCertificate028
            );
            if request == Request::Prp && dated && document.issued_on.is_none() && !document.from_information_system {
                return Err(InputError::new(
                    format!("documents[{index}].issued_on"),
                    format!("required for {} of a PRP (its age is checked)", document.document_type),
                ));
            }
        }
        let documents = self
            .documents
            .into_iter()
            .map(|document| Document {
                document_type: document.document_type,
                issued_on: document.issued_on.map(|date| date.0),
                valid_until: document.valid_until.map(|date| date.0),
                foreign_language: document.foreign_language,
                notarized_translation: document.notarized_translation,
                foreign_official: document.foreign_official,
                legalized: document.legalized,
                legalization_exempt: document.legalization_exempt,
                from_information_system: document.from_information_system,
                bars_entry: document.bars_entry,
            })
            .collect();
        for (field, phone) in [("mobile_phone", &self.mobile_phone), ("home_phone", &self.home_phone)] {
            if let Some(phone) = phone.as_deref().filter(|phone| !phone.trim().is_empty()) {
                plausible_phone(field, phone)?;
            }
        }
        if let Some(email) = self.email.as_deref().filter(|email| !email.trim().is_empty()) {
            plausible_email("email", email)?;
        }
        let questionnaire = Questionnaire {
            police_department: self.police_department,
            representative: self.representative,
            liability_warning_signed: self.liability_warning_signed,
            address_in_kazakhstan: self.address_in_kazakhstan.map(|address| Address {
                region: address.region,
                city: address.city,
                district: address.district,
                locality: address.locality,
                street: address.street,
                house: address.house,
                block: address.block,
                apartment: address.apartment,
                registration_code: address.registration_code,
            }),
            home_phone: self.home_phone,
            mobile_phone: self.mobile_phone,
            email: self.email,
            language: self.language,
        };
        Ok(Application {
            request,
            channel: self.channel,
            office_duty: self.office.is_some_and(|office| office.duty),
            presence,
            submitted_at: self.submitted_at.0,
            decided_on: self.decided_on.map(|date| date.0),
            applicant,
            turned_16_in_kazakhstan,
            declared_incapable,
            family_members,
            host,
            requested_period,
            contract_ends_on: self.contract_ends_on.map(|date| date.0),
            aifc_residence_since: self.aifc_residence_since.map(|date| date.0),
            principal_permit_valid_until: self.principal_permit_valid_until.map(|date| date.0),
            documents,
            consent_to_restricted_data: self.consent_to_restricted_data,
            stay_permitted_until: self.stay_permitted_until.map(|date| date.0),
            late_acceptance: LateAcceptance {
                downtime_act: self.late_acceptance.downtime_act,
                art517_liability: self.late_acceptance.art517_liability,
                art517_overstay_days: self.late_acceptance.art517_overstay_days,
            },
            registry,
            findings,
            questionnaire,
        })
    }
}

impl PersonInput {
    fn into_person(self, path: &str, submitted_on: NaiveDate) -> Result<Person, InputError> {
        for (field, value) in [("surname", &self.surname), ("given_name", &self.given_name)] {
            if value.trim().is_empty() {
                return Err(InputError::new(format!("{path}.{field}"), "must not be empty"));
            }
        }
        let number = self.passport.number.trim();
        if number.is_empty() || number.len() > 20 || !number.chars().all(|character| character.is_ascii_alphanumeric())
        {
            return Err(InputError::new(
                format!("{path}.passport.number"),
                format!(
                    "must be 1 to 20 Latin letters or digits, found {:?}",
                    self.passport.number
                ),
            ));
        }
        plausible_dates(path, self.birth_date.0, self.passport.issued_on.0, submitted_on)?;
        if self.passport.expires_on.0 <= self.passport.issued_on.0 {
            return Err(InputError::new(
                format!("{path}.passport.expires_on"),
                format!(
                    "{} is not after the issue date {}",
                    self.passport.expires_on.0, self.passport.issued_on.0
                ),
            ));
        }
        Ok(Person {
            surname: self.surname,
            given_name: self.given_name,
            patronymic: self.patronymic,
            birth_date: self.birth_date.0,
            sex: self.sex,
            citizenship: self.citizenship,
            iin: self.iin,
            passport: Passport {
                kind: self.passport.kind.unwrap_or(if self.citizenship.is_none() {
                    IdentityDocumentKind::StatelessPersonDocument
                } else {
                    IdentityDocumentKind::ForeignPassport
                }),
                number: number.to_owned(),
                issued_on: self.passport.issued_on.0,
                expires_on: self.passport.expires_on.0,
            },
            categories: self.categories.into_iter().collect(),
            birth_place: self.birth_place,
            nationality: self.nationality,
            residence_country: self.residence_country,
            residence_address: self.residence_address,
        })
    }
}

/// The oldest age believed at submission (a typing error beyond it: 1890 for 1990).
pub const MAX_AGE_YEARS: i32 = 120;

/// A person's dates that cannot be true: born after the submission or more than
/// [`MAX_AGE_YEARS`] before it; a passport issued after the submission or before the birth.
fn plausible_dates(path: &str, born: NaiveDate, issued: NaiveDate, submitted_on: NaiveDate) -> Result<(), InputError> {
    if born > submitted_on {
        return Err(InputError::new(
            format!("{path}.birth_date"),
            format!("{born} is after the submission date {submitted_on}"),
        ));
    }
    if ruqsat_domain::dates::age_on(born, submitted_on) > MAX_AGE_YEARS {
        return Err(InputError::new(
            format!("{path}.birth_date"),
            format!("{born} is more than {MAX_AGE_YEARS} years before the submission"),
        ));
    }
    if issued > submitted_on {
        return Err(InputError::new(
            format!("{path}.passport.issued_on"),
            format!("{issued} is after the submission date {submitted_on}"),
        ));
    }
    if issued < born {
        return Err(InputError::new(
            format!("{path}.passport.issued_on"),
            format!("{issued} is before the date of birth {born}"),
        ));
    }
    Ok(())
}

/// A phone number in international format: `+`, then 10 to 15 digits, spaces, hyphens and
/// parentheses allowed between them (`+7 700 000 0000`).
pub fn plausible_phone(field: &str, phone: &str) -> Result<(), InputError> {
    let trimmed = phone.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let allowed = trimmed
        .chars()
        .all(|character| character.is_ascii_digit() || " -()+".contains(character));
    let plus_first = trimmed.starts_with('+') && trimmed.matches('+').count() == 1;
    if !(allowed && plus_first && (10..=15).contains(&digits.len())) {
        return Err(InputError::new(
            field,
            format!("{phone:?} is not a phone number in international format (+7 700 000 0000)"),
        ));
    }
    Ok(())
}

/// An e-mail address: one `@` between a local part and a domain with a dot, no spaces, at most
/// 254 characters.
pub fn plausible_email(field: &str, email: &str) -> Result<(), InputError> {
    let email = email.trim();
    let valid = email.len() <= 254
        && !email
            .chars()
            .any(|character| character.is_whitespace() || character.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !valid {
        return Err(InputError::new(field, format!("{email:?} is not an e-mail address")));
    }
    Ok(())
}

impl HostInput {
    fn into_host(self) -> Result<Host, InputError> {
        let party = match (self.kind, self.iin, self.bin) {
            (HostKind::Individual, Some(iin), None) => HostParty::Individual(iin),
            (HostKind::Individual, None, _) => {
                return Err(InputError::new("host.iin", "required for an individual host"));
            }
            (HostKind::Individual, Some(_), Some(_)) => {
                return Err(InputError::new("host.bin", "an individual host has an IIN, not a BIN"));
            }
            (HostKind::LegalEntity, None, Some(bin)) => HostParty::LegalEntity(bin),
            (HostKind::LegalEntity, _, None) => {
                return Err(InputError::new("host.bin", "required for a legal-entity host"));
            }
            (HostKind::LegalEntity, Some(_), Some(_)) => {
                return Err(InputError::new("host.iin", "a legal-entity host has a BIN, not an IIN"));
            }
        };
        Ok(Host {
            party,
            owns_housing: self.owns_housing,
            name: self.name,
            identity_document: self.identity_document.map(|document| HostIdentityDocument {
                number: document.number,
                valid_from: document.valid_from.map(|date| date.0),
                valid_until: document.valid_until.map(|date| date.0),
            }),
            registration_certificate: self
                .registration_certificate
                .map(|certificate| RegistrationCertificate {
                    name: certificate.name,
                    number: certificate.number,
                    date: certificate.date.map(|date| date.0),
                }),
        })
    }
}

impl RegistryInput {
    fn into_facts(self, family_count: usize) -> Result<RegistryFacts, InputError> {
        if let Some(found) = &self.iin_found
            && found.family.len() != family_count
        {
            return Err(InputError::new(
                "registry.iin_found.family",
                format!(
                    "{} answer(s) for {} family member(s): give one per family member, in order",
                    found.family.len(),
                    family_count
                ),
            ));
        }
        Ok(RegistryFacts {
            iin_found: self.iin_found.map(|found| IinFound {
                applicant: found.applicant,
                family: found.family,
            }),
            border: self.border.map(|border| BorderFacts {
                illegal_entry: border.illegal_entry,
            }),
            criminal: self.criminal.map(|criminal| CriminalFacts {
                wanted: criminal.wanted,
                unexpunged_conviction: criminal.unexpunged_conviction,
                unexecuted_obligations: criminal.unexecuted_obligations,
                court_ban_on_service: criminal.court_ban_on_service,
                released_from_prison_nonresident: criminal.released_from_prison_nonresident,
            }),
            admin_offences: self.admin_offences.map(|offences| {
                offences
                    .into_iter()
                    .map(|offence| AdminOffence {
                        area: offence.area,
                        on: offence.on.0,
                    })
                    .collect()
            }),
            employer_domestic_trps: self.employer_domestic_trps,
            prp_application_exists: self.prp_application_exists,
            fingerprints_registered: self.fingerprints_registered,
            expelled_on: self.expelled_on.map(|expelled| expelled.map(|date| date.0)),
            security_flags: self.security_flags,
            citizenship_lost_art21: self.citizenship_lost_art21,
            citizenship_deprived_art20_1: self.citizenship_deprived_art20_1,
            marriage_annulled: self.marriage_annulled,
            duty_payment: self.duty_payment.map(|payment| DutyPayment {
                amount_kzt: payment.amount_kzt,
                paid_on: payment.paid_on.0,
            }),
        })
    }
}
