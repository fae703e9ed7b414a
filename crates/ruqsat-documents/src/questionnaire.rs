//! The TRP application-questionnaire (Appendix 1 of the Rules, as amended by Order No. 219),
//! filled from the application: the addressee, the applicant's table (columns 1–9), the family
//! members (columns 1–10), the address, the period, the host, the warning of Art. 518 and the
//! consent to the use of restricted data, each as the applicant stated it.

use crate::{RenderError, render_pdf, typst_string};

/// One person row of the questionnaire's tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonRow {
    /// Surname, name, patronymic as in the passport.
    pub name: String,
    /// Citizenship, document kind, number, issue date and validity.
    pub citizenship_and_document: String,
    /// Birth date.
    pub birth_date: String,
    /// Birth place.
    pub birth_place: String,
    /// Degree of kinship with the applicant (family members only).
    pub relation: Option<String>,
    /// Nationality.
    pub nationality: String,
    /// Sex.
    pub sex: String,
    /// Country, address and permanent residence.
    pub residence: String,
    /// IIN.
    pub iin: String,
}

/// What the questionnaire states.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionnaireData {
    /// The application number (printed in the header).
    pub case_number: String,
    /// The police department addressed.
    pub police_department: String,
    /// The purpose (subtype) in Kazakh and Russian.
    pub purpose: (String, String),
    /// The applicant.
    pub applicant: PersonRow,
    /// Family members who came with the applicant.
    pub family: Vec<PersonRow>,
    /// Address in Kazakhstan with the registration code.
    pub address: String,
    /// Home and mobile phones.
    pub phones: String,
    /// Requested period: from, to.
    pub period: (String, String),
    /// The host party: identity document or registration, IIN or BIN, name.
    pub host: String,
    /// Whether the applicant signed the warning of liability (Art. 518 of the Code).
    pub warning_signed: bool,
    /// Whether the applicant consented to the use of restricted data.
    pub consent_given: bool,
    /// Date of receipt.
    pub received_on: String,
    /// Channel through which it was received, in Kazakh and Russian.
    pub channel: (String, String),
}

/// Renders the filled questionnaire.
pub fn render(data: &QuestionnaireData) -> Result<Vec<u8>, RenderError> {
    let person = |row: &PersonRow, index: usize, family: bool| -> String {
        let mut cells = vec![
            index.to_string(),
            row.name.clone(),
            row.citizenship_and_document.clone(),
            row.birth_date.clone(),
            row.birth_place.clone(),
        ];
        if family {
            cells.push(row.relation.clone().unwrap_or_default());
        }
        cells.extend([
            row.nationality.clone(),
            row.sex.clone(),
            row.residence.clone(),
            row.iin.clone(),
        ]);
        cells
            .iter()
            .map(|cell| format!("[#{}]", typst_string(cell)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let head = |labels: &[&str]| -> String {
        labels
            .iter()
            .map(|label| format!("[#text(size: 6.5pt)[#{}]]", typst_string(label)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let applicant_head = head(&[
        "№ р/р",
        "Тегі, аты, әкесінің аты / ФИО (по паспорту)",
        "Азаматтығы, құжаты / Гражданство, документ",
        "Туған күні / Дата рождения",
        "Туған жері / Место рождения",
        "Ұлты / Национальность",
        "Жынысы / Пол",
        "Елі, мекенжайы / Страна, адрес",
        "ЖСН / ИИН",
    ]);
    let family_head = head(&[
        "№ р/р",
        "Тегі, аты, әкесінің аты / ФИО (по паспорту)",
        "Азаматтығы, құжаты / Гражданство, документ",
        "Туған күні / Дата рождения",
        "Туған жері / Место рождения",
        "Туыстық дәрежесі / Степень родства",
        "Ұлты / Национальность",
        "Жынысы / Пол",
        "Елі, мекенжайы / Страна, адрес",
        "ЖСН / ИИН",
    ]);
    let family_rows = if data.family.is_empty() {
        format!("table.cell(colspan: 10)[#{}]", typst_string("жоқ / нет"))
    } else {
        data.family
            .iter()
            .enumerate()
            .map(|(index, row)| person(row, index + 1, true))
            .collect::<Vec<_>>()
            .join(",\n  ")
    };
    // A ticked or empty box drawn, not a glyph (no font dependency).
    let mark = |given: bool| {
        format!(
            "#box(stroke: 0.5pt, width: 0.8em, height: 0.8em, align(center + horizon, text(size: 7pt)[{}]))",
            if given { "X" } else { "" }
        )
    };
    let source = format!(
        r#"#set document(title: {title})
#set page(paper: "a4", flipped: true, margin: (x: 1.5cm, y: 1.2cm), footer: align(right, text(size: 8pt)[#{number}]))
#set text(font: "Libertinus Serif", size: 9.5pt, lang: "kk")
#grid(columns: (1fr, 8cm),
  [],
  [#set text(size: 9pt)
   #{department} \
   #{channel}],
)
#v(0.3cm)
#align(center)[#text(size: 12pt, weight: "bold")[#"Шетелдікке немесе азаматтығы жоқ адамға Қазақстан Республикасында уақытша тұруға рұқсат беру туралы өтініш-сауалнама"] \
#text(size: 10.5pt)[#"Заявление-анкета на выдачу иностранцу или лицу без гражданства разрешения на временное проживание в Республике Казахстан"]]
#v(0.2cm)
#"Мақсаты / Цель:" *#{purpose}*
#v(0.2cm)
#table(columns: (0.5cm, 1.6fr, 1.6fr, 1fr, 1fr, 0.9fr, 0.7fr, 1.4fr, 1.1fr), inset: 4pt, stroke: 0.5pt,
  {applicant_head},
  {applicant_row})
#v(0.2cm)
#"Бірге келген отбасы мүшелері / Члены семьи, прибывшие вместе:"
#table(columns: (0.5cm, 1.5fr, 1.5fr, 0.9fr, 0.9fr, 0.9fr, 0.8fr, 0.7fr, 1.3fr, 1fr), inset: 4pt, stroke: 0.5pt,
  {family_head},
  {family_rows})
#v(0.2cm)
#table(columns: (6cm, 1fr), inset: 4pt, stroke: 0.5pt,
  [#"Қазақстандағы мекенжайы / Адрес в Казахстане"], [#{address}],
  [#"Телефондары / Телефоны"], [#{phones}],
  [#"Мерзімі / Срок"], [#{period}],
  [#"Қабылдаушы тарап / Принимающая сторона"], [#{host}],
)
#v(0.2cm)
#text(size: 8.5pt)[{warning} #"Әкімшілік құқық бұзушылықтар туралы кодекстің 518-бабы бойынша жауапкершілігі туралы ескертілді. / Предупрежден(а) об ответственности по статье 518 Кодекса об административных правонарушениях."] \
#text(size: 8.5pt)[{consent} #"Ақпараттық жүйелердегі заңмен қорғалатын құпияны құрайтын мәліметтерді пайдалануға келісемін. / Согласен(на) на использование сведений, составляющих охраняемую законом тайну, в информационных системах."]
#v(0.3cm)
#grid(columns: (1fr, 1fr),
  [#"Өтініш берушінің қолы / Подпись заявителя:" #box(width: 4cm, repeat[\_])],
  [#"Өтініш-сауалнама қабылданды / Заявление-анкета принято:" *#{received}*],
)
"#,
        title = typst_string(&format!("Өтініш-сауалнама / Заявление-анкета {}", data.case_number)),
        number = typst_string(&data.case_number),
        department = typst_string(&data.police_department),
        channel = typst_string(&format!("{} / {}", data.channel.0, data.channel.1)),
        purpose = typst_string(&format!("{} / {}", data.purpose.0, data.purpose.1)),
        applicant_head = applicant_head,
        applicant_row = person(&data.applicant, 1, false),
        family_head = family_head,
        family_rows = family_rows,
        address = typst_string(&data.address),
        phones = typst_string(&data.phones),
        period = typst_string(&format!("{} — {}", data.period.0, data.period.1)),
        host = typst_string(&data.host),
        warning = mark(data.warning_signed),
        consent = mark(data.consent_given),
        received = typst_string(&data.received_on),
    );
    render_pdf(source, Vec::new())
}

#[cfg(test)]
pub(crate) mod tests;
