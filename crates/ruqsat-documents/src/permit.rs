//! The permit (TRP, Appendix 2 of the Rules; PRP): an A4 page in Kazakh and Russian with the
//! holder's data, the validity, the issuing body, and a QR code carrying the permit's seal.

use qrcode::bits::encode_auto;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::ec::construct_codewords;
use qrcode::{Color, EcLevel};

use crate::seal::Sealer;
use crate::{RenderError, render_pdf, typst_string};

/// Which permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermitKind {
    /// Temporary residence permit.
    Trp,
    /// Permanent residence permit.
    Prp,
}

impl PermitKind {
    /// The stable code.
    pub fn as_str(&self) -> &'static str {
        match self {
            PermitKind::Trp => "trp",
            PermitKind::Prp => "prp",
        }
    }
}

/// What a permit states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitData {
    /// Permit number.
    pub number: String,
    /// TRP or PRP.
    pub kind: PermitKind,
    /// Surname as in the passport.
    pub surname: String,
    /// Given name.
    pub given_name: String,
    /// Patronymic, if any.
    pub patronymic: Option<String>,
    /// Citizenship (alpha-3), or `None` for a stateless person.
    pub citizenship: Option<String>,
    /// Birth date, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Passport number.
    pub passport: String,
    /// Address in Kazakhstan.
    pub address: Option<String>,
    /// Purpose (TRP subtype) in Kazakh and Russian.
    pub purpose: Option<(String, String)>,
    /// First day of validity.
    pub valid_from: String,
    /// Last day of validity (`None`: permanent).
    pub valid_until: Option<String>,
    /// The police body that issued it.
    pub issuing_body: String,
    /// Date of issue.
    pub issued_on: String,
    /// The holder's IIN, once assigned.
    pub iin: Option<String>,
    /// The holder's photograph (a JPEG or PNG the applicant gave), if there is one.
    pub photo: Option<Vec<u8>>,
    /// For a holder who chose English: an English copy on a second page, with the purpose in
    /// English (`None` for a PRP); the Kazakh and Russian page stays the permit.
    pub english: Option<Option<String>>,
}

impl PermitData {
    /// The data the seal covers, one `key=value` per line, in a fixed order.
    pub fn canonical(&self) -> String {
        let fields = [
            ("v", "1"),
            ("number", self.number.as_str()),
            ("kind", self.kind.as_str()),
            ("surname", self.surname.as_str()),
            ("given_name", self.given_name.as_str()),
            ("patronymic", self.patronymic.as_deref().unwrap_or("")),
            ("citizenship", self.citizenship.as_deref().unwrap_or("")),
            ("birth_date", self.birth_date.as_str()),
            ("passport", self.passport.as_str()),
            ("valid_from", self.valid_from.as_str()),
            ("valid_until", self.valid_until.as_deref().unwrap_or("")),
            ("issued_on", self.issued_on.as_str()),
        ];
        fields
            .iter()
            .map(|(key, value)| format!("{key}={}", value.replace('\n', " ")))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Reads canonical data back into its fields.
pub fn fields(canonical: &str) -> Vec<(String, String)> {
    canonical
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect()
}

/// The mark of a permit sealed with a demo key: a specimen, not a permit.
const SPECIMEN: &str = r#"
  #v(0.3cm)
  #box(stroke: 1.5pt + red, inset: 6pt)[#text(size: 12pt, weight: "bold", fill: red)[#"ҮЛГІ — ЖАРАМСЫЗ · ОБРАЗЕЦ — НЕДЕЙСТВИТЕЛЕН · SPECIMEN — NOT VALID" \ #text(size: 9pt)[#"демо-кілтпен мөрленген / запечатано демо-ключом / sealed with a demo key"]]]"#;

/// Renders the permit with its seal; the QR code points at `verify_url` with the seal.
pub fn render(data: &PermitData, sealer: &Sealer, verify_url: &str) -> Result<(Vec<u8>, String), RenderError> {
    render_sealed(data, sealer, None, verify_url)
}

/// What the permit's visible digital seal states (`crate::vds::permit`): the name MRZ style,
/// the nationality as ICAO writes it (`XXA`: stateless).
pub fn vds_permit(data: &PermitData) -> Result<crate::vds::permit::PermitSeal, RenderError> {
    let date = |text: &str, what: &str| {
        text.parse::<chrono::NaiveDate>()
            .map_err(|_| RenderError::Seal(format!("the {what} {text:?} is not a date")))
    };
    let given: Vec<&str> = [Some(data.given_name.as_str()), data.patronymic.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    Ok(crate::vds::permit::PermitSeal {
        number: data.number.clone(),
        kind: data.kind.as_str().to_owned(),
        name: crate::vds::permit::mrz_name(&data.surname, &given),
        document: data.passport.trim().to_uppercase(),
        nationality: data.citizenship.clone().unwrap_or_else(|| "XXA".into()),
        birth_date: date(&data.birth_date, "date of birth")?,
        valid_from: date(&data.valid_from, "first day of validity")?,
        valid_until: data
            .valid_until
            .as_deref()
            .map(|until| date(until, "last day of validity"))
            .transpose()?,
        iin: data.iin.clone(),
    })
}

/// The prefix of the visible digital seal in the PDF's keywords (base64url after it).
pub const VDS_KEYWORD: &str = "VDS1.";

/// Finds the visible digital seal in a permit's PDF (written in the document's keywords too, so
/// a PDF verifies without reading its image).
pub fn find_vds_in_pdf(pdf: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let start = pdf
        .windows(VDS_KEYWORD.len())
        .position(|window| window == VDS_KEYWORD.as_bytes())?
        + VDS_KEYWORD.len();
    let text: Vec<u8> = pdf[start..]
        .iter()
        .copied()
        .take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_'))
        .collect();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).ok()
}

/// The DataMatrix of `bytes` as raw 8-bit grey pixels, one per module, with a quiet zone of two
/// modules, and its side.
///
/// The seal is binary: one Base 256 segment with its length, nothing else (no switch to ASCII
/// for a tail of digits, no macros). The `datamatrix` crate's optimiser otherwise ends some seals
/// with an ASCII segment after a Base 256 one that rxing, and libdmtx on a rendered page, read
/// short (a seal that failed CI once; `text_tests` keeps it).
pub fn datamatrix_pixels(bytes: &[u8]) -> Result<(Vec<u8>, usize), RenderError> {
    let code = datamatrix::DataMatrixBuilder::new()
        .with_encodation_types(datamatrix::data::EncodationType::Base256)
        .with_macros(false)
        .with_symbol_list(datamatrix::SymbolList::default().enforce_square())
        .encode(bytes)
        .map_err(|error| RenderError::Seal(format!("the DataMatrix could not be built: {error:?}")))?;
    let bitmap = code.bitmap();
    let side = bitmap.width().max(bitmap.height()) + 4;
    let mut pixels = vec![255u8; side * side];
    for (x, y) in bitmap.pixels() {
        pixels[(y + 2) * side + x + 2] = 0;
    }
    Ok((pixels, side))
}

/// Renders the permit with its seals: the QR code (pointing at `verify_url` with the Ed25519
/// seal, for phones) and, given a signer and the day it signs (today), the ICAO visible digital
/// seal as a DataMatrix (for border guards' readers).
pub fn render_sealed(
    data: &PermitData,
    sealer: &Sealer,
    vds: Option<(&crate::vds::pki::VdsSigner, chrono::NaiveDate)>,
    verify_url: &str,
) -> Result<(Vec<u8>, String), RenderError> {
    let seal = sealer.seal(&data.canonical());
    let visible = match vds {
        Some((signer, signed_on)) => {
            let issued_on = data
                .issued_on
                .parse::<chrono::NaiveDate>()
                .map_err(|_| RenderError::Seal(format!("the date of issue {:?} is not a date", data.issued_on)))?;
            let bytes = signer
                .seal(&vds_permit(data)?, issued_on, signed_on)
                .map_err(|error| RenderError::Seal(error.to_string()))?;
            Some(bytes)
        }
        None => None,
    };
    let link = format!("{verify_url}?seal={seal}");
    let (qr, side) = qr_pixels(&link)?;
    let datamatrix = visible.as_deref().map(datamatrix_pixels).transpose()?;
    let (title_kk, title_ru) = match data.kind {
        PermitKind::Trp => (
            "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНДА УАҚЫТША ТҰРУҒА РҰҚСАТ",
            "РАЗРЕШЕНИЕ НА ВРЕМЕННОЕ ПРОЖИВАНИЕ В РЕСПУБЛИКЕ КАЗАХСТАН",
        ),
        PermitKind::Prp => (
            "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНДА ТҰРАҚТЫ ТҰРУҒА РҰҚСАТ",
            "РАЗРЕШЕНИЕ НА ПОСТОЯННОЕ ПРОЖИВАНИЕ В РЕСПУБЛИКЕ КАЗАХСТАН",
        ),
    };
    let name = [
        Some(data.surname.as_str()),
        Some(data.given_name.as_str()),
        data.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let citizenship = data
        .citizenship
        .clone()
        .unwrap_or_else(|| "азаматтығы жоқ / лицо без гражданства".into());
    let validity = match &data.valid_until {
        Some(until) => format!("{} — {}", data.valid_from, until),
        None => format!("{} — тұрақты / бессрочно", data.valid_from),
    };
    let purpose = data.purpose.as_ref().map(|(kk, ru)| format!("{kk} / {ru}"));
    let rows = [
        ("Рұқсат нөмірі / Номер разрешения", Some(data.number.clone())),
        ("Тегі, аты, әкесінің аты / Фамилия, имя, отчество", Some(name)),
        ("Азаматтығы / Гражданство", Some(citizenship)),
        ("Туған күні / Дата рождения", Some(data.birth_date.clone())),
        ("Паспорт / Паспорт", Some(data.passport.clone())),
        ("ЖСН / ИИН", data.iin.clone()),
        ("Қазақстандағы мекенжайы / Адрес в Казахстане", data.address.clone()),
        ("Мақсаты / Цель", purpose),
        ("Қолданылу мерзімі / Срок действия", Some(validity)),
        ("Берген орган / Выдавший орган", Some(data.issuing_body.clone())),
        ("Берілген күні / Дата выдачи", Some(data.issued_on.clone())),
    ];
    let mut table = String::new();
    for (label, value) in rows {
        if let Some(value) = value {
            table.push_str(&format!(
                "  [#{}], [*#{}*],\n",
                typst_string(label),
                typst_string(&value)
            ));
        }
    }
    let source = format!(
        r#"#set document(title: {title}, keywords: ({seal},{vds_keyword}))
#set page(paper: "a4", margin: 2cm)
#set text(font: "Libertinus Serif", size: 11pt, lang: "kk")
#align(center)[
  #text(size: 10pt)[#"ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ІШКІ ІСТЕР МИНИСТРЛІГІ" \ #"МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ РЕСПУБЛИКИ КАЗАХСТАН"]
  #v(0.6cm)
  #text(size: 15pt, weight: "bold")[#{title_kk}]
  #v(0.1cm)
  #text(size: 13pt)[#{title_ru}]{specimen}
]
#v(0.8cm)
#grid(
  columns: (3.5cm, 1fr),
  gutter: 0.6cm,
  {photo},
  table(
    columns: (1fr, 1.4fr),
    stroke: 0.5pt + luma(120),
    inset: 7pt,
{table}),
)
#v(0.8cm)
#grid(
  columns: (1fr, {vds_width}, 6cm),
  gutter: 0.5cm,
  [#text(size: 9pt)[#"Рұқсаттың түпнұсқалығын QR-код арқылы немесе мына мекенжайда тексеріңіз: / Подлинность разрешения проверяется по QR-коду или по адресу:" \ #text(size: 9pt, weight: "bold")[#{address}] \ #v(0.2cm) #text(size: 8pt, tracking: 0.5pt)[#{number}]]],
  [{vds_image}],
  image("/qr.raw", format: (encoding: "luma8", width: {side}, height: {side}), scaling: "pixelated", width: 6cm),
)
"#,
        title = typst_string(&format!("{title_ru} {}", data.number)),
        seal = typst_string(&seal),
        title_kk = typst_string(title_kk),
        title_ru = typst_string(title_ru),
        table = table,
        number = typst_string(&data.number),
        address = typst_string(verify_url),
        photo = if data.photo.is_some() {
            r#"image("/photo", width: 3.5cm, height: 4.5cm, fit: "cover")"#
        } else {
            r#"box(width: 3.5cm, height: 4.5cm, stroke: 0.5pt + luma(120))[#align(center + horizon)[#text(size: 8pt)[#"Фотосурет / Фото"]]]"#
        },
        side = side,
        specimen = if sealer.is_demo() { SPECIMEN } else { "" },
        vds_keyword = match &visible {
            Some(bytes) => {
                use base64::Engine as _;
                format!(
                    " {},",
                    typst_string(&format!(
                        "{VDS_KEYWORD}{}",
                        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
                    ))
                )
            }
            None => String::new(),
        },
        vds_width = if visible.is_some() { "3.5cm" } else { "0cm" },
        vds_image = match &datamatrix {
            Some((_, modules)) => {
                format!(
                    r#"#image("/vds.raw", format: (encoding: "luma8", width: {modules}, height: {modules}), scaling: "pixelated", width: 3.5cm) #text(size: 7pt)[#"ICAO 9303-13 цифрлық мөрі / цифровая печать ИКАО"]"#
                )
            }
            None => String::new(),
        },
    );
    let source = match &data.english {
        Some(purpose) => source + &english_page(data, purpose.as_deref(), verify_url),
        None => source,
    };
    let mut files = vec![("/qr.raw", qr)];
    if let Some((pixels, _)) = datamatrix {
        files.push(("/vds.raw", pixels));
    }
    if let Some(photo) = &data.photo {
        files.push(("/photo", photo.clone()));
    }
    let pdf = render_pdf(source, files)?;
    Ok((pdf, seal))
}

/// The English copy of the permit: a page after the permit, saying that it is a copy.
fn english_page(data: &PermitData, purpose: Option<&str>, verify_url: &str) -> String {
    let title = match data.kind {
        PermitKind::Trp => "TEMPORARY RESIDENCE PERMIT IN THE REPUBLIC OF KAZAKHSTAN",
        PermitKind::Prp => "PERMANENT RESIDENCE PERMIT IN THE REPUBLIC OF KAZAKHSTAN",
    };
    let name = [
        Some(data.surname.as_str()),
        Some(data.given_name.as_str()),
        data.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let validity = match &data.valid_until {
        Some(until) => format!("{} — {until}", data.valid_from),
        None => format!("{} — permanent", data.valid_from),
    };
    let rows = [
        ("Permit number", Some(data.number.clone())),
        ("Surname, given name, patronymic", Some(name)),
        (
            "Citizenship",
            Some(data.citizenship.clone().unwrap_or_else(|| "stateless person".into())),
        ),
        ("Date of birth", Some(data.birth_date.clone())),
        ("Passport", Some(data.passport.clone())),
        ("IIN", data.iin.clone()),
        ("Address in Kazakhstan", data.address.clone()),
        ("Purpose", purpose.map(str::to_owned)),
        ("Valid", Some(validity)),
        ("Issued by", Some(data.issuing_body.clone())),
        ("Date of issue", Some(data.issued_on.clone())),
    ];
    let table: String = rows
        .iter()
        .filter_map(|(label, value)| {
            value
                .as_ref()
                .map(|value| format!("  [#{}], [*#{}*],\n", typst_string(label), typst_string(value)))
        })
        .collect();
    format!(
        r#"
#pagebreak()
#set text(lang: "en")
#align(center)[
  #text(size: 10pt)[#"MINISTRY OF INTERNAL AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN"]
  #v(0.4cm)
  #text(size: 14pt, weight: "bold")[#{title}]
  #v(0.2cm)
  #text(size: 9pt, style: "italic")[#"English copy for information. The permit is the Kazakh and Russian page before this one, with its seal."]
]
#v(0.6cm)
#table(columns: (1fr, 1.4fr), stroke: 0.5pt + luma(120), inset: 7pt,
{table})
#v(0.4cm)
#text(size: 9pt)[#"Verify the permit by the QR code on the first page or at:" *#{address}*]
"#,
        title = typst_string(title),
        table = table,
        address = typst_string(verify_url),
    )
}

/// The QR code of `text` (error correction M) as raw 8-bit grey pixels, one per module, with
/// the 4-module quiet zone, and its side: typst scales it up without smoothing, far cheaper than
/// parsing an SVG. The mask is fixed (checkerboard): any mask is valid QR, and choosing the
/// "best" of eight costs more than the rest of the code together.
pub fn qr_pixels(text: &str) -> Result<(Vec<u8>, usize), RenderError> {
    let error = |error: qrcode::types::QrError| RenderError::Qr(error.to_string());
    let bits = encode_auto(text.as_bytes(), EcLevel::M).map_err(error)?;
    let version = bits.version();
    let (data, ec) = construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(error)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let modules = version.width().max(0) as usize;
    let side = modules + 8;
    let mut pixels = vec![255u8; side * side];
    for (index, color) in canvas.into_colors().iter().enumerate() {
        if *color == Color::Dark {
            pixels[(index / modules + 4) * side + index % modules + 4] = 0;
        }
    }
    Ok((pixels, side))
}

#[cfg(test)]
pub(crate) mod tests;
