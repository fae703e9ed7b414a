//! Tests of the upload checks: the three kinds pass, wrong bytes, bombs and active content do not.

use std::io::Write as _;

use super::{MAX_INFLATED_BYTES, Rejection, inspect};

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    bytes.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    bytes.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8]);
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn pdf_with_stream(stream: &[u8]) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length 1 >>\nstream\n".to_vec();
    bytes.extend_from_slice(stream);
    bytes.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
    bytes
}

#[test]
fn documents_of_the_three_kinds_pass_by_their_bytes() {
    assert_eq!(inspect(&png(2480, 3508)), Ok("image/png"));
    assert_eq!(inspect(&jpeg(2480, 3508)), Ok("image/jpeg"));
    let plain = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /Metadata /JSON >> endobj\n%%EOF\n";
    assert_eq!(inspect(plain), Ok("application/pdf"));
    assert_eq!(
        inspect(&pdf_with_stream(&zlib(b"BT /F1 12 Tf (Fake Person) Tj ET"))),
        Ok("application/pdf")
    );
}

#[test]
fn wrong_magic_bytes_are_refused_whatever_the_name() {
    for bytes in [
        &b"MZ\x90\0 a windows program"[..],
        b"GIF89a",
        b"<html><script>",
        b"PK\x03\x04 zip",
        b"%PD",
    ] {
        assert_eq!(inspect(bytes), Err(Rejection::NotAccepted), "{bytes:?}");
    }
}

#[test]
fn images_declaring_huge_sizes_are_refused_as_bombs() {
    assert!(matches!(
        inspect(&png(100_000, 100_000)),
        Err(Rejection::TooManyPixels { .. })
    ));
    assert!(matches!(inspect(&png(0, 10)), Err(Rejection::TooManyPixels { .. })));
    assert!(matches!(
        inspect(&jpeg(65_535, 65_535)),
        Err(Rejection::TooManyPixels { .. })
    ));
    // The boundary: 60,000,000 pixels pass, one row more does not.
    assert_eq!(inspect(&png(10_000, 6_000)), Ok("image/png"));
    assert!(matches!(
        inspect(&png(10_000, 6_001)),
        Err(Rejection::TooManyPixels { .. })
    ));
}

#[test]
fn damaged_image_headers_are_refused() {
    let mut no_ihdr = png(10, 10);
    no_ihdr[12..16].copy_from_slice(b"tEXt");
    assert_eq!(inspect(&no_ihdr), Err(Rejection::Damaged("PNG")));
    assert_eq!(inspect(&png(10, 10)[..14]), Err(Rejection::Damaged("PNG")));
    // A JPEG that starts its scan without a frame header, and one cut short.
    assert_eq!(
        inspect(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]),
        Err(Rejection::Damaged("JPEG"))
    );
    assert_eq!(inspect(&jpeg(10, 10)[..12]), Err(Rejection::Damaged("JPEG")));
    assert_eq!(
        inspect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
        Err(Rejection::Damaged("JPEG"))
    );
}

#[test]
fn pdfs_with_javascript_or_launch_actions_are_refused() {
    let open_action = b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF";
    assert_eq!(inspect(open_action), Err(Rejection::ActiveContent("JavaScript")));
    let escaped = b"%PDF-1.7\n1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj\n%%EOF";
    assert_eq!(inspect(escaped), Err(Rejection::ActiveContent("JavaScript")));
    let launch = b"%PDF-1.4\n1 0 obj<</S/Launch/F(cmd.exe)>>endobj";
    assert_eq!(inspect(launch), Err(Rejection::ActiveContent("Launch")));
    let attachment = b"%PDF-1.4\n1 0 obj<</Type/EmbeddedFile>>endobj";
    assert_eq!(inspect(attachment), Err(Rejection::ActiveContent("EmbeddedFile")));
    // Hidden in a compressed object stream.
    let hidden = pdf_with_stream(&zlib(b"<< /S /JavaScript /JS (this.exportDataObject()) >>"));
    assert_eq!(inspect(&hidden), Err(Rejection::ActiveContent("JavaScript")));
}

#[test]
fn a_pdf_whose_streams_inflate_beyond_the_limit_is_a_bomb() {
    let zeros = vec![0u8; (MAX_INFLATED_BYTES + 1024) as usize];
    let bomb = pdf_with_stream(&zlib(&zeros));
    assert!(bomb.len() < 1024 * 1024, "the bomb is small: {} bytes", bomb.len());
    assert_eq!(inspect(&bomb), Err(Rejection::Bomb));
    // Just under the limit passes.
    let fine = pdf_with_stream(&zlib(&zeros[..(MAX_INFLATED_BYTES / 2) as usize]));
    assert_eq!(inspect(&fine), Ok("application/pdf"));
}
