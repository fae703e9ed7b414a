//! Tests of the refusal: it renders with every ground and resists markup in the data.

use super::*;

pub(crate) fn data() -> RefusalData {
    RefusalData {
        act: Act::Refusal,
        case_number: "ALM-2026-000123".into(),
        service: "trp".into(),
        issuing_body: "Алматы қаласы Полиция департаменті / Департамент полиции города Алматы".into(),
        applicant: "TESTOV DEMO".into(),
        birth_date: "1990-05-01".into(),
        citizenship: "UZB".into(),
        passport: "FA0000001".into(),
        submitted_on: "2026-11-24".into(),
        decided_on: "2026-11-25".into(),
        grounds: vec![RefusalGround {
            code: "trp.9.2".into(),
            title_kk: "құжаттардың дұрыс еместігі немесе шектеулер".into(),
            title_ru: "недостоверность документов или ограничения".into(),
            source: ("Қағидалардың 9-тармағы".into(), "пункт 9 Правил".into()),
            facts: "chk.7: дактилоскопическая регистрация не найдена".into(),
        }],
        reasoning: "Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і \"] #panic()".into(),
        officer: "officer.almaty".into(),
        supervisor: Some(("supervisor.almaty".into(), "2026-11-25 12:00".into())),
        appeal: (
            "2027-02-23 дейін жоғары тұрған органға немесе сотқа.".into(),
            "до 2027-02-23 в вышестоящий орган или в суд.".into(),
        ),
        english: None,
    }
}

#[test]
fn a_refusal_renders() {
    let pdf = render(&data()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() > 1000);
}
