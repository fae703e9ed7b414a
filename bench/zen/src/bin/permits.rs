//! The permit PDF of `ruqsat-documents`, rendered `N` times in this process on one thread after a
//! warm-up (issue 6, against WeasyPrint: bench/peers/pdf.sh). Each permit has its own number and
//! name, and each render includes the Ed25519 seal and the QR code, as in the product.
//!
//! With `SAMPLE_DIR`, first writes there what the WeasyPrint side needs to print the same page:
//! a sample permit (`ruqsat-permit.pdf`, serial 1), its seal (`seal.txt`), its QR code (`qr.pgm`,
//! one pixel a module) and the fonts the permit uses (Libertinus Serif, regular and bold, from
//! typst's embedded set). Prints `key value` lines.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use ruqsat_documents::permit::{PermitData, PermitKind, qr_pixels, render};
use ruqsat_documents::seal::Sealer;
use typst::text::FontStyle;

const VERIFY_URL: &str = "https://ruqsat.example/verify";

fn main() {
    let count: u64 = match std::env::var("N") {
        Ok(text) => text.parse().expect("N is a number of permits"),
        Err(_) => 200,
    };
    let sealer = Sealer::from_seed([7; 32]);
    if let Ok(directory) = std::env::var("SAMPLE_DIR") {
        write_sample(Path::new(&directory), &sealer);
    }
    for serial in 0..5 {
        black_box(render(&permit(1_000_000 + serial), &sealer, VERIFY_URL).expect("the permit renders"));
    }
    eprintln!("permits: rendering {count} permits with ruqsat-documents");
    let started = Instant::now();
    for serial in 2..count + 2 {
        black_box(render(&permit(serial), &sealer, VERIFY_URL).expect("the permit renders"));
    }
    let elapsed = started.elapsed();
    println!("seconds {:.3}", elapsed.as_secs_f64());
    println!("permits_per_second {:.1}", count as f64 / elapsed.as_secs_f64());
}

/// The permit of `serial`: the data of `crates/ruqsat-documents/benches/render.rs`, always a TRP;
/// `bench/peers/permit.html` states the same fields.
fn permit(serial: u64) -> PermitData {
    PermitData {
        number: format!("KZ-TRP-2026-{serial:07}"),
        kind: PermitKind::Trp,
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

fn write_sample(directory: &Path, sealer: &Sealer) {
    std::fs::create_dir_all(directory).expect("the sample directory can be created");
    let (pdf, seal) = render(&permit(1), sealer, VERIFY_URL).expect("the permit renders");
    std::fs::write(directory.join("ruqsat-permit.pdf"), pdf).expect("the sample PDF is written");
    std::fs::write(directory.join("seal.txt"), &seal).expect("the seal is written");
    let (pixels, side) = qr_pixels(&format!("{VERIFY_URL}?seal={seal}")).expect("the QR code builds");
    let mut pgm = format!("P5\n{side} {side}\n255\n").into_bytes();
    pgm.extend_from_slice(&pixels);
    std::fs::write(directory.join("qr.pgm"), pgm).expect("the QR image is written");
    for (font, info) in typst_kit::fonts::embedded() {
        let weight = info.variant.weight.to_number();
        if info.family == "Libertinus Serif" && info.variant.style == FontStyle::Normal && matches!(weight, 400 | 700) {
            let name = if weight == 400 { "Regular" } else { "Bold" };
            std::fs::write(
                directory.join(format!("LibertinusSerif-{name}.otf")),
                font.data().as_slice(),
            )
            .expect("the font is written");
        }
    }
}
