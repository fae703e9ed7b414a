//! Tests of the questionnaire: it renders with and without family members.

use super::*;

pub(crate) fn data() -> QuestionnaireData {
    QuestionnaireData {
        case_number: "ALM-2026-000123".into(),
        police_department: "Алматы қаласы Полиция департаменті".into(),
        purpose: ("еңбек қызметі".into(), "трудовая деятельность".into()),
        applicant: PersonRow {
            name: "TESTOV DEMO".into(),
            citizenship_and_document: "UZB, FA0000001, 2020-01-01 — 2030-01-01".into(),
            birth_date: "1990-05-01".into(),
            birth_place: "SAMPLE CITY".into(),
            relation: None,
            nationality: "EXAMPLE".into(),
            sex: "ер / муж.".into(),
            residence: "Алматы, Example көшесі 1".into(),
            iin: "900501300001".into(),
        },
        family: vec![PersonRow {
            name: "TESTOVA SAMPLE".into(),
            relation: Some("бала / ребёнок".into()),
            ..PersonRow::default()
        }],
        address: "Алматы қ., Example көшесі, 1 үй, 2 пәтер (0000000000000000)".into(),
        phones: "+7 700 000 0000".into(),
        period: ("2027-01-04".into(), "2027-12-31".into()),
        host: "EXAMPLE TRADING LLP, БСН/БИН 200140000014".into(),
        warning_signed: true,
        consent_given: false,
        received_on: "2026-11-24".into(),
        channel: ("көші-қон полициясы".into(), "миграционная полиция".into()),
    }
}

#[test]
fn a_questionnaire_renders_with_and_without_family() {
    let pdf = render(&data()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let mut alone = data();
    alone.family.clear();
    assert!(render(&alone).unwrap().starts_with(b"%PDF-"));
}
