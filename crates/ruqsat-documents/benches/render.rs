//! Rendering speed of the documents, one thread (target: 200 permits per second per core, i.e.
//! at most 5 ms per permit). Each iteration renders a permit with different data (number,
//! name), so no cache of a previous document can answer. Run: `cargo bench -p ruqsat-documents`.

use std::sync::atomic::{AtomicU64, Ordering};

use ruqsat_documents::permit::{PermitData, PermitKind, render};
use ruqsat_documents::seal::Sealer;

fn main() {
    divan::main();
}

fn permit(serial: u64) -> PermitData {
    PermitData {
        number: format!("KZ-TRP-2026-{serial:07}"),
        kind: if serial.is_multiple_of(5) {
            PermitKind::Prp
        } else {
            PermitKind::Trp
        },
        surname: format!("TESTOV{serial}"),
        given_name: "DEMO".into(),
        patronymic: None,
        citizenship: Some("UZB".into()),
        birth_date: "1990-05-01".into(),
        passport: format!("FA{serial:07}"),
        address: Some(format!("Алматы қ., Example көшесі, {serial} үй")),
        purpose: Some(("еңбек қызметі".into(), "трудовая деятельность".into())),
        valid_from: "2026-12-01".into(),
        valid_until: Some("2027-11-30".into()),
        issuing_body: "Алматы қаласы Полиция департаменті / Департамент полиции (город Алматы)".into(),
        issued_on: "2026-11-24".into(),
        iin: None,
        photo: None,
        english: None,
    }
}

static SERIAL: AtomicU64 = AtomicU64::new(1);

#[divan::bench(sample_count = 200)]
fn permit_pdf(bencher: divan::Bencher) {
    let sealer = Sealer::from_seed([7; 32]);
    bencher
        .with_inputs(|| permit(SERIAL.fetch_add(1, Ordering::Relaxed)))
        .bench_local_values(|data| render(&data, &sealer, "https://ruqsat.example/verify").unwrap());
}
