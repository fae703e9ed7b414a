//! Ruqsat's texts in Kazakh, Russian and English, and the rendering of decisions into words.
//!
//! The catalogues are Fluent files under `locales/{kk,ru,en}/` embedded at build time. Every
//! message exists in all three languages (a test checks it). Codes (`chk.4`, `trp.9.2`) stay
//! as they are in every language; everything around them is translated.
//!
//! Adding a message: add it to `locales/en/*.ftl`, then to `kk` and `ru` with the same id and
//! variables, and call [`text`] with the id.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use ruqsat_domain::codes::{Category, Channel, CheckCode, CheckResult, DocumentType, GroundCode};
use ruqsat_domain::decision::{
    CheckFact, DayZero, Decision, Explanation, Ground, GroundFact, InvalidReason, LateException, NotRequired,
    ReducedSet, Registry, Validity, ValidityLimit,
};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static KK: LanguageIdentifier = langid!("kk");
static RU: LanguageIdentifier = langid!("ru");
static EN: LanguageIdentifier = langid!("en");

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

/// A language code that Ruqsat does not speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "unknown language {:?} (allowed: kk, ru, en)", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl Lang {
    /// Every language, in the order the interface offers them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The language code.
    pub fn as_str(&self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    fn id(&self) -> &'static LanguageIdentifier {
        match self {
            Lang::Kk => &KK,
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "kk" => Ok(Lang::Kk),
            "ru" => Ok(Lang::Ru),
            "en" => Ok(Lang::En),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A number (selects plural forms).
    Number(i64),
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<i64> for Arg {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

/// The message `id` in `lang` with `args`; the English text when the language lacks it.
pub fn text(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    if args.is_empty() {
        return LOCALES.lookup(lang.id(), id);
    }
    let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(number) => FluentValue::from(*number),
        };
        map.insert(Cow::Borrowed(*name), value);
    }
    LOCALES.lookup_with_args(lang.id(), id, &map)
}

/// The catalogue sources, for questions about which messages exist.
const SOURCES: [(Lang, &str); 6] = [
    (Lang::Kk, include_str!("../locales/kk/decide.ftl")),
    (Lang::Ru, include_str!("../locales/ru/decide.ftl")),
    (Lang::En, include_str!("../locales/en/decide.ftl")),
    (Lang::Kk, include_str!("../locales/kk/pages.ftl")),
    (Lang::Ru, include_str!("../locales/ru/pages.ftl")),
    (Lang::En, include_str!("../locales/en/pages.ftl")),
];

/// Whether the catalogue of `lang` itself (without falling back to English) defines `id`.
pub fn has_message(lang: Lang, id: &str) -> bool {
    SOURCES
        .iter()
        .filter(|(source_lang, _)| *source_lang == lang)
        .any(|(_, source)| {
            source.lines().any(|line| {
                line.strip_prefix(id)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
        })
}

/// A civil date as written in `lang`: `2025-03-20` in English, `20.03.2025` in Kazakh and Russian.
pub fn date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::En => date.format("%Y-%m-%d").to_string(),
        Lang::Kk | Lang::Ru => date.format("%d.%m.%Y").to_string(),
    }
}

/// An amount of tenge with thin grouping: `17 300`.
pub fn amount(amount_kzt: u64) -> String {
    let digits = amount_kzt.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, character) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(character);
    }
    grouped
}

fn id_of(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace('.', "-"))
}

/// The name of a document.
pub fn document_name(lang: Lang, document: DocumentType) -> String {
    text(lang, &format!("document-{}", document.as_str()), &[])
}

/// The name of a check.
pub fn check_name(lang: Lang, check: CheckCode) -> String {
    text(lang, &id_of("check", check.as_str()), &[])
}

/// The name of a check result.
pub fn check_result_name(lang: Lang, result: CheckResult) -> String {
    text(lang, &format!("result-{}", result.as_str()), &[])
}

/// The title of a ground (what it says).
pub fn ground_title(lang: Lang, code: GroundCode) -> String {
    text(lang, &id_of("ground", code.as_str()), &[])
}

/// The legal source of a ground as a citation in `lang`.
pub fn ground_source(lang: Lang, code: GroundCode) -> String {
    match code.as_str().strip_prefix("art49.") {
        Some(sub) => text(lang, "source-art49", &[("sub", sub.into())]),
        None => text(lang, &id_of("source", code.as_str()), &[]),
    }
}

/// The name of an applicant category.
pub fn category_name(lang: Lang, category: Category) -> String {
    text(lang, &format!("category-{}", category.as_str()), &[])
}

/// What makes a ground hold, in words: its facts, and whether a finding is still required.
pub fn ground_explanation(lang: Lang, ground: &Ground<'_>) -> String {
    let mut sentences: Vec<String> = ground.facts.iter().map(|fact| fact_text(lang, *fact)).collect();
    if ground.finding_required {
        sentences.push(text(lang, "fact-finding-required", &[]));
    }
    sentences.join(" ")
}

/// The reasoning of a decision, one sentence per step, in the order it was applied.
pub fn explanation(lang: Lang, decision: &Decision<'_>) -> Vec<String> {
    decision
        .explanation
        .iter()
        .map(|step| step_text(lang, decision, step))
        .collect()
}

fn step_text(lang: Lang, decision: &Decision<'_>, step: &Explanation<'_>) -> String {
    let day = |value: NaiveDate| Arg::Text(date(lang, value));
    let document = |value: DocumentType| Arg::Text(document_name(lang, value));
    match step {
        Explanation::Edition {
            edition,
            submitted_on,
            local_time,
            channel,
        } => text(
            lang,
            "expl-edition",
            &[
                ("date", day(*submitted_on)),
                ("time", local_time.format("%H:%M").to_string().into()),
                (
                    "channel",
                    text(lang, &format!("channel-{}", channel.as_str()), &[]).into(),
                ),
                ("edition_from", day(edition.in_force_from)),
                ("edition", edition.id.as_str().into()),
            ],
        ),
        Explanation::OutsideHours {
            channel,
            duty,
            at,
            hours,
        } => {
            // The hours are the dated parameters in force, never words of the message.
            let span = |range: &ruqsat_domain::parameters::OpeningHours| -> [(&'static str, Arg); 2] {
                [
                    ("opens", range.opens.format("%H:%M").to_string().into()),
                    ("closes", range.closes.format("%H:%M").to_string().into()),
                ]
            };
            let hours_text = match (channel, duty) {
                (Channel::Desk, _) => {
                    let [opens, closes] = span(&hours.desk);
                    match hours.desk.break_time {
                        Some((from, until)) => text(
                            lang,
                            "expl-hours-desk",
                            &[
                                opens,
                                closes,
                                ("break_from", from.format("%H:%M").to_string().into()),
                                ("break_until", until.format("%H:%M").to_string().into()),
                            ],
                        ),
                        None => text(lang, "expl-hours-sc", &[opens, closes]),
                    }
                }
                (Channel::StateCorporation, true) => {
                    let [opens, closes] = span(&hours.duty_office);
                    let [saturday_opens, saturday_closes] = span(&hours.duty_office_saturday);
                    text(
                        lang,
                        "expl-hours-sc-duty",
                        &[
                            opens,
                            closes,
                            ("saturday_opens", saturday_opens.1),
                            ("saturday_closes", saturday_closes.1),
                        ],
                    )
                }
                (Channel::StateCorporation, false) | (Channel::Portal, _) => {
                    text(lang, "expl-hours-sc", &span(&hours.state_corporation))
                }
            };
            text(
                lang,
                "expl-outside-hours",
                &[
                    (
                        "channel",
                        text(lang, &format!("channel-{}", channel.as_str()), &[]).into(),
                    ),
                    ("at", at.format("%Y-%m-%d %H:%M").to_string().into()),
                    ("hours", hours_text.into()),
                ],
            )
        }
        Explanation::ChannelNotOffered { channel, service } => text(
            lang,
            "expl-channel-not-offered",
            &[
                (
                    "service",
                    text(lang, &format!("service-{}", service.as_str()), &[]).into(),
                ),
                (
                    "channel",
                    text(lang, &format!("channel-{}", channel.as_str()), &[]).into(),
                ),
            ],
        ),
        Explanation::PresenceNotAllowed { presence, service } => text(
            lang,
            "expl-presence-not-allowed",
            &[
                (
                    "presence",
                    text(lang, &format!("presence-{}", presence.as_str()), &[]).into(),
                ),
                (
                    "service",
                    text(lang, &format!("service-{}", service.as_str()), &[]).into(),
                ),
            ],
        ),
        Explanation::StayExpired {
            permitted_until,
            exception,
        } => match exception {
            Some(exception) => text(
                lang,
                "expl-stay-expired-accepted",
                &[
                    ("until", day(*permitted_until)),
                    ("exception", exception_text(lang, *exception).into()),
                ],
            ),
            None => text(lang, "expl-stay-expired-refused", &[("until", day(*permitted_until))]),
        },
        Explanation::Age16 {
            birthday,
            deadline,
            in_time,
            exception,
        } => {
            let args = [("birthday", day(*birthday)), ("deadline", day(*deadline))];
            match (in_time, exception) {
                (true, _) => text(lang, "expl-age16-in-time", &args),
                (false, Some(exception)) => text(
                    lang,
                    "expl-age16-late-accepted",
                    &[
                        args[0].clone(),
                        args[1].clone(),
                        ("exception", exception_text(lang, *exception).into()),
                    ],
                ),
                (false, None) => text(lang, "expl-age16-late-refused", &args),
            }
        }
        Explanation::Reduced(ReducedSet::Consular) => text(lang, "expl-reduced-consular", &[]),
        Explanation::Reduced(ReducedSet::Minor(age)) => {
            text(lang, "expl-reduced-minor", &[("age", i64::from(*age).into())])
        }
        Explanation::DocumentMissing(missing) => text(
            lang,
            "expl-document-missing",
            &[("document", document(*missing)), ("code", missing.as_str().into())],
        ),
        Explanation::DocumentsMissingOneOf(group) => {
            let names: Vec<String> = group
                .iter()
                .map(|entry| format!("{} ({})", document_name(lang, *entry), entry.as_str()))
                .collect();
            text(
                lang,
                "expl-documents-missing-one-of",
                &[("documents", names.join("; ").into())],
            )
        }
        Explanation::DocumentInvalid(invalid) => {
            let name = document(invalid.document_type);
            let id = format!("expl-invalid-{}", invalid.reason.as_str());
            match invalid.reason {
                InvalidReason::ExpiresTooSoon {
                    expires_on,
                    days_left,
                    minimum,
                } => text(
                    lang,
                    &id,
                    &[
                        ("document", name),
                        ("expires_on", day(expires_on)),
                        ("days_left", days_left.into()),
                        ("minimum", i64::from(minimum).into()),
                    ],
                ),
                InvalidReason::TooOld {
                    issued_on,
                    age_days,
                    maximum,
                } => text(
                    lang,
                    &id,
                    &[
                        ("document", name),
                        ("issued_on", day(issued_on)),
                        ("age_days", age_days.into()),
                        ("maximum", i64::from(maximum).into()),
                    ],
                ),
                InvalidReason::Underpaid {
                    paid_kzt,
                    due_kzt,
                    paid_on,
                } => text(
                    lang,
                    &id,
                    &[
                        ("document", name),
                        ("paid", amount(paid_kzt).into()),
                        ("due", amount(due_kzt).into()),
                        ("paid_on", day(paid_on)),
                    ],
                ),
                InvalidReason::Expired { expired_on } => text(
                    lang,
                    "expl-invalid-expired",
                    &[("document", name), ("expired_on", day(expired_on))],
                ),
                InvalidReason::TooShort {
                    valid_until,
                    days,
                    minimum,
                } => text(
                    lang,
                    "expl-invalid-too_short",
                    &[
                        ("document", name),
                        ("valid_until", day(valid_until)),
                        ("days", days.into()),
                        ("minimum", i64::from(minimum).into()),
                    ],
                ),
                InvalidReason::IssueDateMissing => text(lang, "expl-invalid-issue_date_missing", &[("document", name)]),
                InvalidReason::TranslationMissing => {
                    text(lang, "expl-invalid-translation_missing", &[("document", name)])
                }
                InvalidReason::LegalizationMissing => {
                    text(lang, "expl-invalid-legalization_missing", &[("document", name)])
                }
            }
        }
        Explanation::DocumentNotRequired(not_required, why) => {
            let id = match why {
                NotRequired::EaeuCitizen => "expl-not-required-eaeu",
                NotRequired::HostOwnsHousing => "expl-not-required-host-owns",
                NotRequired::Refugee => "expl-not-required-refugee",
                NotRequired::ChinaEthnicKazakh => "expl-not-required-china-ethnic-kazakh",
                NotRequired::PermitExempt(_) => "expl-not-required-permit-exempt",
            };
            let category = match why {
                NotRequired::PermitExempt(category) => category_name(lang, *category),
                NotRequired::EaeuCitizen
                | NotRequired::HostOwnsHousing
                | NotRequired::Refugee
                | NotRequired::ChinaEthnicKazakh => String::new(),
            };
            text(
                lang,
                id,
                &[("document", document(*not_required)), ("category", category.into())],
            )
        }
        Explanation::DocumentFromInformationSystem(from_is) => text(
            lang,
            "expl-from-information-system",
            &[("document", document(*from_is))],
        ),
        Explanation::PackageComplete { required } => text(
            lang,
            "expl-package-complete",
            &[("required", (*required as i64).into())],
        ),
        Explanation::Check(outcome, fact) => check_text(lang, outcome.code, *fact),
        Explanation::GroundHolds(index) => {
            let ground = &decision.grounds[*index];
            text(
                lang,
                "expl-ground-holds",
                &[
                    ("code", ground.code.as_str().into()),
                    ("title", ground_title(lang, ground.code).into()),
                    ("facts", ground_explanation(lang, ground).into()),
                ],
            )
        }
        Explanation::Exempted { code, category } => text(
            lang,
            "expl-exempted",
            &[
                ("code", code.as_str().into()),
                ("category", category_name(lang, *category).into()),
            ],
        ),
        Explanation::Awaiting(registry) => text(
            lang,
            "expl-awaiting",
            &[
                ("registry", text(lang, registry_id(*registry), &[]).into()),
                ("field", registry.field().into()),
            ],
        ),
        Explanation::TrpDue {
            day_zero,
            reason,
            due_at,
            working_days,
        } => {
            let id = match reason {
                DayZero::SubmissionDay => "expl-trp-due-submission_day",
                DayZero::AfterHours => "expl-trp-due-after_hours",
                DayZero::DayOff => "expl-trp-due-day_off",
            };
            text(
                lang,
                id,
                &[
                    ("days", i64::from(*working_days).into()),
                    ("day_zero", day(*day_zero)),
                    ("due_date", day(due_at.date_naive())),
                    ("due_time", due_at.format("%H:%M").to_string().into()),
                ],
            )
        }
        Explanation::PrpDue {
            day_zero,
            last_day,
            due_at,
            calendar_days,
        } => {
            let id = if due_at.date_naive() == *last_day {
                "expl-prp-due"
            } else {
                "expl-prp-due-moved"
            };
            text(
                lang,
                id,
                &[
                    ("days", i64::from(*calendar_days).into()),
                    ("day_zero", day(*day_zero)),
                    ("last_day", day(*last_day)),
                    ("due_date", day(due_at.date_naive())),
                    ("due_time", due_at.format("%H:%M").to_string().into()),
                ],
            )
        }
        Explanation::Fee {
            fee_kzt,
            mci_kzt,
            mci_count,
            basis_on,
            paid,
        } => text(
            lang,
            if *paid { "expl-fee-paid" } else { "expl-fee-unpaid" },
            &[
                ("count", i64::from(*mci_count).into()),
                ("mci", amount(*mci_kzt).into()),
                ("basis_on", day(*basis_on)),
                ("fee", amount(*fee_kzt).into()),
            ],
        ),
        Explanation::FeeFree => text(lang, "expl-fee-free", &[]),
        Explanation::ProvisionalCalendar(year) => {
            text(lang, "expl-provisional-calendar", &[("year", i64::from(*year).into())])
        }
        Explanation::PermitValidity(validity) => text(lang, "expl-permit-validity", &validity_args(lang, validity)),
        Explanation::FamilyValidity(index, validity) => {
            let mut args = validity_args(lang, validity).to_vec();
            args.push(("number", ((*index + 1) as i64).into()));
            text(lang, "expl-family-validity", &args)
        }
        Explanation::IinBirthDateMismatch { iin_date, birth_date } => text(
            lang,
            "expl-iin-mismatch",
            &[("iin_date", day(*iin_date)), ("birth_date", day(*birth_date))],
        ),
        Explanation::FamilyNoPeriod { index, expires_on } => text(
            lang,
            "expl-family-no-period",
            &[
                ("number", ((*index + 1) as i64).into()),
                ("expires_on", day(*expires_on)),
            ],
        ),
        Explanation::Art517TooLong { overstay_days, maximum } => text(
            lang,
            "expl-art517-too-long",
            &[
                ("days", (*overstay_days).into()),
                ("maximum", i64::from(*maximum).into()),
            ],
        ),
        Explanation::FindingIgnored { code, service } => text(
            lang,
            "expl-finding-ignored",
            &[
                ("code", code.as_str().into()),
                (
                    "service",
                    text(lang, &format!("service-{}", service.as_str()), &[]).into(),
                ),
            ],
        ),
        Explanation::Outcome(outcome) => text(lang, &format!("expl-outcome-{}", outcome.as_str()), &[]),
    }
}

/// The legal basis of a registry query, stored as a code (`rules992-p9_1-2`...), in `lang`;
/// a basis stored as words by an earlier version is shown as it was stored.
pub fn legal_basis(lang: Lang, code: &str) -> String {
    let id = format!("basis-{code}");
    if has_message(Lang::En, &id) {
        text(lang, &id, &[])
    } else {
        code.to_owned()
    }
}

/// Why a case changed, in `lang` (the case history); staff reasoning is kept as typed.
pub fn event_reason(lang: Lang, reason: &ruqsat_domain::case::EventReason) -> String {
    use ruqsat_domain::case::EventReason;
    let channel_name =
        |channel: ruqsat_domain::codes::Channel| text(lang, &format!("channel-{}", channel.as_str()), &[]);
    match reason {
        EventReason::Submitted { channel, not_accepted } if not_accepted.is_empty() => {
            text(lang, "event-submitted", &[("channel", channel_name(*channel).into())])
        }
        EventReason::Submitted { channel, not_accepted } => {
            let reasons: Vec<String> = not_accepted
                .iter()
                .map(|code| {
                    let id = code.as_str().trim_start_matches("acc.");
                    text(lang, &format!("acceptance-{id}"), &[])
                })
                .collect();
            text(
                lang,
                "event-submitted-not-accepted",
                &[
                    ("channel", channel_name(*channel).into()),
                    ("reasons", reasons.join("; ").into()),
                ],
            )
        }
        EventReason::AskingRegistries => text(lang, "event-asking-registries", &[]),
        EventReason::Awaiting(registries) => {
            let names: Vec<String> = registries
                .iter()
                .map(|registry| text(lang, registry_id(*registry), &[]))
                .collect();
            text(lang, "event-awaiting", &[("registries", names.join(", ").into())])
        }
        EventReason::RegistriesAnswered => text(lang, "event-registries-answered", &[]),
        EventReason::Proposed { outcome, edition } => text(
            lang,
            "event-proposed",
            &[
                (
                    "outcome",
                    text(lang, &format!("outcome-{}", outcome.as_str()), &[]).into(),
                ),
                ("edition", edition.as_str().into()),
            ],
        ),
        EventReason::ConfirmsProposal => text(lang, "event-confirms-proposal", &[]),
        EventReason::Stated(typed) | EventReason::Legacy(typed) => typed.clone(),
        EventReason::SecondSignature => text(lang, "event-second-signature", &[]),
        EventReason::Delivered(channel) => text(lang, &format!("event-delivered-{}", channel.as_str()), &[]),
        EventReason::IdentityChecked => text(lang, "event-identity-checked", &[]),
        EventReason::DigitalDocumentMatched { document } => text(
            lang,
            "event-digital-document",
            &[("document", document.as_str().into())],
        ),
        EventReason::Representative {
            name,
            document,
            authority,
        } => text(
            lang,
            "event-representative",
            &[
                ("name", name.as_str().into()),
                ("document", document.as_str().into()),
                ("authority", authority.as_str().into()),
            ],
        ),
        EventReason::HearingNotified { until } => {
            text(lang, "event-hearing-notified", &[("until", until.to_string().into())])
        }
        EventReason::Objected(channel) => text(lang, "event-objected", &[("channel", channel_name(*channel).into())]),
        EventReason::HearingLapsed { until } => {
            text(lang, "event-hearing-lapsed", &[("until", until.to_string().into())])
        }
        EventReason::Suspended { reason, from, until } => text(
            lang,
            "event-suspended",
            &[
                ("from", from.to_string().into()),
                ("until", until.to_string().into()),
                ("reason", text(lang, &format!("pause-{}", reason.as_str()), &[]).into()),
            ],
        ),
        EventReason::Resumed { on } => text(lang, "event-resumed", &[("on", on.to_string().into())]),
        EventReason::Extended { reason, days } => text(
            lang,
            "event-extended",
            &[
                ("days", days.to_string().into()),
                ("reason", text(lang, &format!("pause-{}", reason.as_str()), &[]).into()),
            ],
        ),
        EventReason::AppealReceived { body, filed_on } => text(
            lang,
            "event-appeal-received",
            &[
                ("filed", filed_on.to_string().into()),
                (
                    "body",
                    text(lang, &format!("appeal-body-{}", body.as_str()), &[]).into(),
                ),
            ],
        ),
        EventReason::AppealDecided { upheld: true } => text(lang, "event-appeal-upheld", &[]),
        EventReason::AppealDecided { upheld: false } => text(lang, "event-appeal-annulled", &[]),
        EventReason::Revoked { ground, reasoning } => text(
            lang,
            "event-revoked",
            &[
                ("ground", ground.as_str().into()),
                ("source", ground_source(lang, *ground).into()),
                ("reasoning", reasoning.as_str().into()),
            ],
        ),
    }
}

fn exception_text(lang: Lang, exception: LateException) -> String {
    match exception {
        LateException::DowntimeAct => text(lang, "exception-downtime_act", &[]),
        LateException::Art517 => text(lang, "exception-art517", &[]),
    }
}

fn registry_id(registry: Registry) -> &'static str {
    match registry {
        Registry::Iin => "registry-iin",
        Registry::Border => "registry-border",
        Registry::Criminal => "registry-criminal",
        Registry::AdminOffences => "registry-admin_offences",
        Registry::EmployerDomesticTrps => "registry-employer_domestic_trps",
        Registry::PrpApplications => "registry-prp_applications",
        Registry::Fingerprints => "registry-fingerprints",
        Registry::Expulsions => "registry-expulsions",
        Registry::Security => "registry-security",
        Registry::CitizenshipLost => "registry-citizenship_lost",
        Registry::CitizenshipDeprived => "registry-citizenship_deprived",
        Registry::Courts => "registry-courts",
        Registry::DutyPayments => "registry-duty_payments",
    }
}

fn validity_args(lang: Lang, validity: &Validity) -> [(&'static str, Arg); 3] {
    let limit = match validity.limit {
        ValidityLimit::Requested => text(lang, "limit-requested", &[]),
        ValidityLimit::Passport => text(lang, "limit-passport", &[]),
        ValidityLimit::Contract => text(lang, "limit-contract", &[]),
        ValidityLimit::Years(years) => text(lang, "limit-years", &[("years", i64::from(years).into())]),
        ValidityLimit::AifcTotal { since, .. } => {
            text(lang, "limit-aifc_total", &[("since", date(lang, since).into())])
        }
        ValidityLimit::PrpApplicantDays(days) => {
            text(lang, "limit-prp_applicant_days", &[("days", i64::from(days).into())])
        }
        ValidityLimit::SupportingDocument(document) => text(
            lang,
            "limit-supporting_document",
            &[("document", document_name(lang, document).into())],
        ),
        ValidityLimit::Principal => text(lang, "limit-principal", &[]),
        ValidityLimit::OwnApplicationAt16 { birthday } => text(
            lang,
            "limit-own_application_at_16",
            &[("birthday", date(lang, birthday).into())],
        ),
    };
    [
        ("from", date(lang, validity.valid_from).into()),
        ("until", date(lang, validity.valid_until).into()),
        ("limit", limit.into()),
    ]
}

fn check_text(lang: Lang, code: CheckCode, fact: CheckFact) -> String {
    let common = || {
        [
            ("code", Arg::from(code.as_str())),
            ("check", Arg::from(check_name(lang, code))),
        ]
    };
    match fact {
        CheckFact::NotApplicable => text(lang, "expl-check-not-applicable", &common()),
        CheckFact::Pending => text(lang, "expl-check-pending", &common()),
        CheckFact::Package { missing, invalid } => {
            if missing == 0 && invalid == 0 {
                text(lang, "expl-chk1-passed", &[])
            } else {
                text(
                    lang,
                    "expl-chk1-failed",
                    &[
                        ("missing", (missing as i64).into()),
                        ("invalid", (invalid as i64).into()),
                    ],
                )
            }
        }
        CheckFact::Border {
            illegal_entry,
            expelled_on,
        } => match (illegal_entry, expelled_on) {
            (true, _) => text(lang, "expl-chk2-illegal", &[]),
            (false, Some(on)) => text(lang, "expl-chk2-expelled", &[("on", date(lang, on).into())]),
            (false, None) => text(lang, "expl-chk2-clear", &[]),
        },
        CheckFact::Criminal { flags, offences } => {
            let args = [
                ("flags", i64::from(flags).into()),
                ("offences", (offences as i64).into()),
            ];
            if flags == 0 && offences == 0 {
                text(lang, "expl-chk3-clear", &args)
            } else {
                text(lang, "expl-chk3-found", &args)
            }
        }
        CheckFact::Iin {
            applicant_stated,
            applicant_found,
            family_missing,
            family_total,
        } => {
            if !applicant_found || family_missing > 0 {
                text(
                    lang,
                    "expl-chk4-failed",
                    &[
                        ("applicant", if applicant_found { "no" } else { "yes" }.into()),
                        ("family_missing", (family_missing as i64).into()),
                    ],
                )
            } else if !applicant_stated {
                text(lang, "expl-chk4-no-iin", &[])
            } else {
                text(
                    lang,
                    "expl-chk4-passed",
                    &[("family_total", (family_total as i64).into())],
                )
            }
        }
        CheckFact::DomesticWork { count, limit } => match limit {
            None => text(lang, "expl-chk5-no-limit", &[("count", i64::from(count).into())]),
            Some(limit) => text(
                lang,
                if count >= limit {
                    "expl-chk5-over"
                } else {
                    "expl-chk5-under"
                },
                &[("count", i64::from(count).into()), ("limit", i64::from(limit).into())],
            ),
        },
        CheckFact::PrpApplication(exists) => text(
            lang,
            if exists {
                "expl-chk6-exists"
            } else {
                "expl-chk6-missing"
            },
            &[],
        ),
        CheckFact::Fingerprints(registered) => text(
            lang,
            if registered {
                "expl-chk7-registered"
            } else {
                "expl-chk7-missing"
            },
            &[],
        ),
    }
}

fn fact_text(lang: Lang, fact: GroundFact<'_>) -> String {
    let day = |value: NaiveDate| Arg::Text(date(lang, value));
    match fact {
        GroundFact::Finding(note) => text(lang, "fact-finding", &[("note", note.into())]),
        GroundFact::IllegalEntry => text(lang, "fact-illegal_entry", &[]),
        GroundFact::Wanted => text(lang, "fact-wanted", &[]),
        GroundFact::UnexecutedObligations => text(lang, "fact-unexecuted_obligations", &[]),
        GroundFact::CourtBan => text(lang, "fact-court_ban", &[]),
        GroundFact::ReleasedFromPrison => text(lang, "fact-released_from_prison", &[]),
        GroundFact::UnexpungedConviction => text(lang, "fact-unexpunged_conviction", &[]),
        GroundFact::RepeatedViolations {
            count,
            minimum,
            latest_on,
        } => text(
            lang,
            "fact-repeated_violations",
            &[
                ("count", (count as i64).into()),
                ("minimum", i64::from(minimum).into()),
                ("latest_on", day(latest_on)),
            ],
        ),
        GroundFact::AdminOffences { count, latest_on } => text(
            lang,
            "fact-admin_offences",
            &[("count", (count as i64).into()), ("latest_on", day(latest_on))],
        ),
        GroundFact::IinNotFound { family, applicant } => {
            let who = match (applicant, family) {
                (true, 0) => text(lang, "fact-iin-who-applicant", &[]),
                (true, count) => text(lang, "fact-iin-who-both", &[("count", (count as i64).into())]),
                (false, count) => text(lang, "fact-iin-who-family", &[("count", (count as i64).into())]),
            };
            text(lang, "fact-iin_not_found", &[("who", who.into())])
        }
        GroundFact::DomesticWorkLimit { count, limit } => text(
            lang,
            "fact-domestic_work_limit",
            &[("count", i64::from(count).into()), ("limit", i64::from(limit).into())],
        ),
        GroundFact::NoPrpApplication => text(lang, "fact-no_prp_application", &[]),
        GroundFact::NoFingerprints => text(lang, "fact-no_fingerprints", &[]),
        GroundFact::Expelled { on, until } => text(lang, "fact-expelled", &[("on", day(on)), ("until", day(until))]),
        GroundFact::Extremism => text(lang, "fact-extremism", &[]),
        GroundFact::SecurityThreat => text(lang, "fact-security_threat", &[]),
        GroundFact::BarringDisease => text(lang, "fact-barring_disease", &[]),
        GroundFact::CitizenshipLost => text(lang, "fact-citizenship_lost", &[]),
        GroundFact::CitizenshipDeprived => text(lang, "fact-citizenship_deprived", &[]),
        GroundFact::MarriageAnnulled => text(lang, "fact-marriage_annulled", &[]),
        GroundFact::NoConsent => text(lang, "fact-no_consent", &[]),
        GroundFact::NoValidPeriod { from, until } => text(
            lang,
            "fact-no_valid_period",
            &[("from", day(from)), ("until", day(until))],
        ),
    }
}

#[cfg(test)]
mod tests;

/// The countries' names: `ALPHA3 \t English \t Russian \t Kazakh`, one line per ISO 3166-1 code,
/// taken once from the translations of Debian's `iso-codes` (as shipped by `pycountry`), with
/// the names used in Kazakhstan's Russian where they differ (Кыргызстан, Молдова).
const COUNTRIES: &str = include_str!("countries.tsv");

/// The name of the country `code` (ISO 3166-1 alpha-3) in `lang`, or `None` for an unknown code.
pub fn country_name(lang: Lang, code: &str) -> Option<&'static str> {
    COUNTRIES
        .lines()
        .find(|line| line.get(..3) == Some(code))
        .and_then(|line| line.split('\t').nth(column(lang)))
}

fn column(lang: Lang) -> usize {
    match lang {
        Lang::En => 1,
        Lang::Ru => 2,
        Lang::Kk => 3,
    }
}

/// Every country as `(code, name)` in `lang`, in the alphabetical order of that language (the
/// Kazakh alphabet puts ә after а, ғ after г, and so on).
pub fn countries(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&'static str, &'static str)> = COUNTRIES
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let code = parts.next()?;
            parts.nth(column(lang) - 1).map(|name| (code, name))
        })
        .collect();
    list.sort_by_cached_key(|(_, name)| collation_key(name));
    list
}

/// The Cyrillic alphabet of Kazakh, in its order; Russian's is the same without the Kazakh
/// letters, so one order serves both.
const CYRILLIC_ORDER: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

/// A sort key: Latin letters first (as themselves), then Cyrillic in the Kazakh order; case and
/// accents of Latin letters are folded.
fn collation_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(
            |letter| match CYRILLIC_ORDER.chars().position(|known| known == letter) {
                Some(position) => 0x1_0000 + position as u32,
                None => u32::from(fold_latin(letter)),
            },
        )
        .collect()
}

fn fold_latin(letter: char) -> char {
    match letter {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ü' | 'û' => 'u',
        other => other,
    }
}
