//! The reasoned refusal (TRP: Rules p.9; PRP: Art. 49 of the Law on migration) and the decision
//! to revoke a PRP already issued (Art. 49): every ground with its code, its title and its legal
//! source in Kazakh and Russian, the officer's reasoning, the supervisor's second signature, and
//! how and by when the decision can be appealed.

use crate::{RenderError, render_pdf, typst_string};

/// One ground of the refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalGround {
    /// The stable code (`trp.9.2`, `art49.13`).
    pub code: String,
    /// Title in Kazakh.
    pub title_kk: String,
    /// Title in Russian.
    pub title_ru: String,
    /// The legal source in Kazakh and Russian.
    pub source: (String, String),
    /// The facts that raised it (registry answers, findings), in Russian, as recorded.
    pub facts: String,
}

/// Which decision the act states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// A refusal to issue the permit applied for.
    Refusal,
    /// The revocation of a permanent residence permit already issued.
    Revocation {
        /// The permit's number.
        permit_number: String,
        /// The day the permit was issued.
        issued_on: String,
    },
}

/// What a refusal or a revocation states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalData {
    /// Refusal or revocation.
    pub act: Act,
    /// The application number.
    pub case_number: String,
    /// `trp` or `prp`.
    pub service: String,
    /// The police body that decided.
    pub issuing_body: String,
    /// The applicant's full name as in the passport.
    pub applicant: String,
    /// Birth date.
    pub birth_date: String,
    /// Citizenship (alpha-3) or stateless.
    pub citizenship: String,
    /// Passport number.
    pub passport: String,
    /// Date of the application.
    pub submitted_on: String,
    /// Date of the decision.
    pub decided_on: String,
    /// The grounds, at least one.
    pub grounds: Vec<RefusalGround>,
    /// The officer's reasoning, in the officer's words.
    pub reasoning: String,
    /// The deciding officer.
    pub officer: String,
    /// The supervisor who signed, and when.
    pub supervisor: Option<(String, String)>,
    /// How and by when it can be appealed, in Kazakh and Russian.
    pub appeal: (String, String),
    /// An English copy for an applicant who chose English (the Kazakh and Russian texts stay
    /// the authentic ones).
    pub english: Option<EnglishRefusal>,
}

/// What the English copy of a refusal says in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnglishRefusal {
    /// Each ground: its code, title and legal source in English.
    pub grounds: Vec<(String, String, String)>,
    /// How and by when it can be appealed.
    pub appeal: String,
}

/// Renders the refusal.
pub fn render(data: &RefusalData) -> Result<Vec<u8>, RenderError> {
    let (title_kk, title_ru) = match (&data.act, data.service.as_str()) {
        (Act::Revocation { .. }, _) => (
            "Тұрақты тұруға рұқсаттың күшін жою туралы дәлелді шешім",
            "Мотивированное решение об аннулировании разрешения на постоянное проживание",
        ),
        (Act::Refusal, "prp") => (
            "Тұрақты тұруға рұқсат беруден бас тарту туралы дәлелді шешім",
            "Мотивированный отказ в выдаче разрешения на постоянное проживание",
        ),
        _ => (
            "Уақытша тұруға рұқсат беруден бас тарту туралы дәлелді шешім",
            "Мотивированный отказ в выдаче разрешения на временное проживание",
        ),
    };
    let mut grounds = String::new();
    for ground in &data.grounds {
        grounds.push_str(&format!(
            "  [#raw({code})], [#{kk} \\ #text(style: \"italic\")[#{ru}] \\ #text(size: 8.5pt)[#{source}]], [#text(size: 9pt)[#{facts}]],\n",
            code = typst_string(&ground.code),
            kk = typst_string(&ground.title_kk),
            ru = typst_string(&ground.title_ru),
            source = typst_string(&format!("{} / {}", ground.source.0, ground.source.1)),
            facts = typst_string(&ground.facts),
        ));
    }
    let supervisor = match &data.supervisor {
        Some((name, at)) => format!("{name} ({at})"),
        None => "—".into(),
    };
    let mut rows = vec![
        ("Өтініш нөмірі / Номер заявления", data.case_number.as_str()),
        ("Өтініш беруші / Заявитель", data.applicant.as_str()),
        ("Туған күні / Дата рождения", data.birth_date.as_str()),
        ("Азаматтығы / Гражданство", data.citizenship.as_str()),
        ("Паспорт / Паспорт", data.passport.as_str()),
        ("Өтініш берілген күн / Дата заявления", data.submitted_on.as_str()),
    ];
    if let Act::Revocation {
        permit_number,
        issued_on,
    } = &data.act
    {
        rows.push(("Рұқсат нөмірі / Номер разрешения", permit_number.as_str()));
        rows.push(("Рұқсат берілген күн / Дата выдачи разрешения", issued_on.as_str()));
    }
    rows.push(("Шешім күні / Дата решения", data.decided_on.as_str()));
    let grounds_heading = match data.act {
        Act::Refusal => "Бас тарту негіздері / Основания отказа",
        Act::Revocation { .. } => "Күшін жою негіздері / Основания аннулирования",
    };
    let table: String = rows
        .iter()
        .map(|(label, value)| format!("  [#{}], [*#{}*],\n", typst_string(label), typst_string(value)))
        .collect();
    let source = format!(
        r#"#set document(title: {title})
#set page(paper: "a4", margin: 2cm)
#set text(font: "Libertinus Serif", size: 10.5pt, lang: "kk")
#show raw: set text(font: "DejaVu Sans Mono", size: 9pt)
#align(center)[
  #text(size: 9.5pt)[#"ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ІШКІ ІСТЕР МИНИСТРЛІГІ" \ #"МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ РЕСПУБЛИКИ КАЗАХСТАН" \ #{body}]
  #v(0.4cm)
  #text(size: 13pt, weight: "bold")[#{title_kk}] \
  #text(size: 12pt)[#{title_ru}]
]
#v(0.4cm)
#table(columns: (1fr, 1.4fr), stroke: 0.5pt + luma(120), inset: 6pt,
{table})
#v(0.3cm)
*#{grounds_heading}*
#table(columns: (2.2cm, 1.6fr, 1fr), stroke: 0.5pt + luma(120), inset: 6pt,
  [*#"Код"*], [*#"Негіз, құқықтық көзі / Основание, правовой источник"*], [*#"Фактілер / Факты"*],
{grounds})
#v(0.3cm)
*#"Дәлелдеме / Мотивировка:"* #{reasoning}
#v(0.3cm)
#block(stroke: 0.5pt + luma(120), inset: 8pt, width: 100%)[
  *#"Шағымдану тәртібі / Порядок обжалования:"* \
  #{appeal_kk} \
  #text(style: "italic")[#{appeal_ru}]
]
#v(0.5cm)
#grid(columns: (1fr, 1fr), gutter: 1cm,
  [#"Шешім қабылдаған қызметкер / Сотрудник, принявший решение:" \ *#{officer}*],
  [#"Екінші қол (басшы) / Вторая подпись (руководитель):" \ *#{supervisor}*],
)
"#,
        title = typst_string(&format!("{title_ru} {}", data.case_number)),
        body = typst_string(&data.issuing_body),
        title_kk = typst_string(title_kk),
        title_ru = typst_string(title_ru),
        table = table,
        grounds_heading = typst_string(grounds_heading),
        grounds = grounds,
        reasoning = typst_string(&data.reasoning),
        appeal_kk = typst_string(&data.appeal.0),
        appeal_ru = typst_string(&data.appeal.1),
        officer = typst_string(&data.officer),
        supervisor = typst_string(&supervisor),
    );
    let english = data
        .english
        .as_ref()
        .map(|english| english_page(data, english))
        .unwrap_or_default();
    render_pdf(source + &english, Vec::new())
}

/// The English copy: a page of its own after the authentic text, saying so.
fn english_page(data: &RefusalData, english: &EnglishRefusal) -> String {
    let (title, grounds_heading) = match (&data.act, data.service.as_str()) {
        (Act::Revocation { .. }, _) => (
            "Reasoned decision to revoke a permanent residence permit",
            "Grounds of the revocation",
        ),
        (Act::Refusal, "prp") => (
            "Reasoned refusal to issue a permanent residence permit",
            "Grounds of the refusal",
        ),
        (Act::Refusal, _) => (
            "Reasoned refusal to issue a temporary residence permit",
            "Grounds of the refusal",
        ),
    };
    let mut rows = vec![
        ("Application number", data.case_number.as_str()),
        ("Applicant", data.applicant.as_str()),
        ("Date of birth", data.birth_date.as_str()),
        ("Citizenship", data.citizenship.as_str()),
        ("Passport", data.passport.as_str()),
        ("Date of the application", data.submitted_on.as_str()),
    ];
    if let Act::Revocation {
        permit_number,
        issued_on,
    } = &data.act
    {
        rows.push(("Permit number", permit_number.as_str()));
        rows.push(("Permit issued on", issued_on.as_str()));
    }
    rows.push(("Date of the decision", data.decided_on.as_str()));
    let table: String = rows
        .iter()
        .map(|(label, value)| format!("  [#{}], [*#{}*],\n", typst_string(label), typst_string(value)))
        .collect();
    let grounds: String = english
        .grounds
        .iter()
        .map(|(code, title, source)| {
            format!(
                "  [#raw({})], [#{} \\ #text(size: 8.5pt)[#{}]],\n",
                typst_string(code),
                typst_string(title),
                typst_string(source)
            )
        })
        .collect();
    let supervisor = match &data.supervisor {
        Some((name, at)) => format!("{name} ({at})"),
        None => "—".into(),
    };
    format!(
        r#"
#pagebreak()
#set text(lang: "en")
#align(center)[
  #text(size: 9.5pt)[#"MINISTRY OF INTERNAL AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN"]
  #v(0.3cm)
  #text(size: 13pt, weight: "bold")[#{title}] \
  #text(size: 9pt, style: "italic")[#"English copy for information. The Kazakh and Russian texts on the first page are the authentic decision."]
]
#v(0.4cm)
#table(columns: (1fr, 1.4fr), stroke: 0.5pt + luma(120), inset: 6pt,
{table})
#v(0.3cm)
*#{grounds_heading}*
#table(columns: (2.2cm, 1fr), stroke: 0.5pt + luma(120), inset: 6pt,
{grounds})
#v(0.3cm)
*#"Reasoning (as the officer wrote it):"* #{reasoning}
#v(0.3cm)
#block(stroke: 0.5pt + luma(120), inset: 8pt, width: 100%)[*#"How to appeal:"* \ #{appeal}]
#v(0.5cm)
#grid(columns: (1fr, 1fr), gutter: 1cm,
  [#"Decided by:" \ *#{officer}*],
  [#"Second signature (head):" \ *#{supervisor}*],
)
"#,
        title = typst_string(title),
        table = table,
        grounds_heading = typst_string(grounds_heading),
        grounds = grounds,
        reasoning = typst_string(&data.reasoning),
        appeal = typst_string(&english.appeal),
        officer = typst_string(&data.officer),
        supervisor = typst_string(&supervisor),
    )
}

#[cfg(test)]
pub(crate) mod tests;
