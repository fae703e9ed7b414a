//! Tests of the upload checks: the three kinds pass; wrong bytes, damaged images, bombs, PDFs
//! that cannot be read and active content (however it is filtered, escaped or stored) do not.
//!
//! The PDFs are built here, byte by byte, with correct cross-reference data, so that each test
//! shows what a viewer would really run. The fixtures are real output of common tools:
//! `letter-ghostscript.pdf` (Ghostscript's pdfwrite from `letter.ps`), the same page rewritten
//! with object streams and a cross-reference stream (`qpdf --object-streams=generate`) and
//! encrypted for an owner only (`qpdf --encrypt "" owner 256 --print=none`), and `letter.jpg`
//! (Ghostscript's jpeg device at 8 dpi).

use std::io::Write as _;

use super::{MAX_INFLATED_BYTES, Rejection, inspect};

const LETTER: &[u8] = include_bytes!("fixtures/letter-ghostscript.pdf");
const LETTER_OBJECT_STREAMS: &[u8] = include_bytes!("fixtures/letter-object-streams.pdf");
const LETTER_ENCRYPTED: &[u8] = include_bytes!("fixtures/letter-encrypted.pdf");
const LETTER_JPEG: &[u8] = include_bytes!("fixtures/letter.jpg");

const SCRIPT: Result<&str, Rejection> = Err(Rejection::ActiveContent("JavaScript"));

/// The signature and header of a PNG, without pixel data: enough to declare a size.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// The start of a JPEG up to its frame header, without tables or scan: enough to declare a size.
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

/// A real, complete PNG in grey of the given bit depth (stripes, so that it compresses).
fn encoded_png(width: u32, height: u32, depth: png::BitDepth) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(depth);
    let bits = depth as usize;
    let row = (width as usize * bits).div_ceil(8);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![0x5A; row * height as usize]).unwrap();
    writer.finish().unwrap();
    bytes
}

/// Where the data of the PNG's first IDAT chunk lies.
fn idat(png: &[u8]) -> std::ops::Range<usize> {
    let at = png.windows(4).position(|window| window == b"IDAT").unwrap();
    let length = u32::from_be_bytes(png[at - 4..at].try_into().unwrap()) as usize;
    at + 4..at + 4 + length
}

/// Encodes data as a filter would.
type Encoder = fn(&[u8]) -> Vec<u8>;

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut hex: Vec<u8> = data
        .iter()
        .flat_map(|byte| format!("{byte:02X}").into_bytes())
        .collect();
    hex.push(b'>');
    hex
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut encoded = Vec::new();
    for chunk in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut value = u32::from_be_bytes(word);
        if chunk.len() == 4 && value == 0 {
            encoded.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for digit in digits.iter_mut().rev() {
            *digit = (value % 85) as u8 + b'!';
            value /= 85;
        }
        encoded.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    encoded.extend_from_slice(b"~>");
    encoded
}

fn run_length(data: &[u8]) -> Vec<u8> {
    let mut encoded = Vec::new();
    for chunk in data.chunks(128) {
        encoded.push((chunk.len() - 1) as u8);
        encoded.extend_from_slice(chunk);
    }
    encoded.push(128);
    encoded
}

/// The body of a stream object: its dictionary (with `dictionary` added) and data.
fn stream(dictionary: &str, data: &[u8]) -> Vec<u8> {
    let mut bytes = format!("<< {dictionary} /Length {} >>\nstream\n", data.len()).into_bytes();
    bytes.extend_from_slice(data);
    bytes.extend_from_slice(b"\nendstream");
    bytes
}

/// The objects of a one-page document: 1 the catalog (with `catalog` added), 2 the page tree,
/// 3 the page (with `page` added), 4 its contents.
fn page(catalog: &str, page: &str) -> Vec<Vec<u8>> {
    vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog} >>").into_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R {page} >>").into_bytes(),
        stream("", b"BT /F1 12 Tf 72 760 Td (Fake Person) Tj ET"),
    ]
}

fn header() -> Vec<u8> {
    b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec()
}

/// Appends the objects, numbered from `first`, and returns where each starts.
fn write_objects(bytes: &mut Vec<u8>, first: usize, objects: &[Vec<u8>]) -> Vec<usize> {
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend_from_slice(format!("{} 0 obj\n", first + index).as_bytes());
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(b"\nendobj\n");
    }
    offsets
}

/// A PDF of the objects, numbered from 1, with a cross-reference table; object 1 is the root.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = header();
    let offsets = write_objects(&mut bytes, 1, objects);
    let xref = bytes.len();
    let size = objects.len() + 1;
    bytes.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        bytes.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    bytes.extend_from_slice(format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    bytes
}

/// The body of an object stream holding `members`, numbered from `first`, its data encoded by
/// `encode` and declared with `filters`.
fn object_stream(first: usize, members: &[&[u8]], filters: &str, encode: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut offsets = String::new();
    let mut objects = Vec::new();
    for (index, member) in members.iter().enumerate() {
        offsets.push_str(&format!("{} {} ", first + index, objects.len()));
        objects.extend_from_slice(member);
        objects.push(b'\n');
    }
    let mut data = offsets.into_bytes();
    let start = data.len();
    data.extend_from_slice(&objects);
    let dictionary = format!("/Type /ObjStm /N {} /First {start} {filters}", members.len());
    stream(&dictionary, &encode(&data))
}

/// A PDF of the plain objects (numbered from 1, object 1 the root), then one object stream
/// holding `members` (numbered after it) under `filters`, listed by a cross-reference stream
/// as PDF 1.5 and later write them.
fn pdf_with_object_stream(
    plain: &[Vec<u8>],
    members: &[&[u8]],
    filters: &str,
    encode: impl Fn(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let container = plain.len() + 1;
    let mut objects = plain.to_vec();
    objects.push(object_stream(container + 1, members, filters, encode));
    let mut bytes = header();
    let offsets = write_objects(&mut bytes, 1, &objects);
    let xref = bytes.len();
    let number = container + members.len() + 1;
    // Entries of 1 + 4 + 2 bytes: type, offset or container, generation or index.
    let mut entries = vec![0, 0, 0, 0, 0, 0xFF, 0xFF];
    for offset in offsets {
        entries.push(1);
        entries.extend_from_slice(&(offset as u32).to_be_bytes());
        entries.extend_from_slice(&[0, 0]);
    }
    for index in 0..members.len() {
        entries.push(2);
        entries.extend_from_slice(&(container as u32).to_be_bytes());
        entries.extend_from_slice(&(index as u16).to_be_bytes());
    }
    entries.push(1);
    entries.extend_from_slice(&(xref as u32).to_be_bytes());
    entries.extend_from_slice(&[0, 0]);
    let dictionary = format!("/Type /XRef /Size {} /W [1 4 2] /Root 1 0 R", number + 1);
    write_objects(&mut bytes, number, &[stream(&dictionary, &entries)]);
    bytes.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
    bytes
}

/// A page whose opening action is object 6, the first member of the object stream (object 5)
/// holding `members` under `filters`.
fn opening_from_object_stream(members: &[&[u8]], filters: &str, encode: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    pdf_with_object_stream(&page("/OpenAction 6 0 R", ""), members, filters, encode)
}

const SCRIPT_ACTION: &[u8] = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>";

#[test]
fn documents_of_the_three_kinds_pass_by_their_content() {
    assert_eq!(inspect(&encoded_png(64, 48, png::BitDepth::Eight)), Ok("image/png"));
    assert_eq!(inspect(LETTER_JPEG), Ok("image/jpeg"));
    assert_eq!(inspect(&pdf(&page("", ""))), Ok("application/pdf"));
    let mut compressed = page("", "");
    compressed[3] = stream("/Filter /FlateDecode", &zlib(b"BT /F1 12 Tf (Fake Person) Tj ET"));
    assert_eq!(inspect(&pdf(&compressed)), Ok("application/pdf"));
    // Object streams under any filter are fine when what they hold is.
    let destination: &[u8] = b"[3 0 R /Fit]";
    for (filters, encode) in [
        ("", (|data: &[u8]| data.to_vec()) as Encoder),
        ("/Filter /FlateDecode", zlib),
        ("/Filter /ASCIIHexDecode", ascii_hex),
        ("/Filter [/ASCII85Decode /FlateDecode]", |data| ascii85(&zlib(data))),
    ] {
        assert_eq!(
            inspect(&opening_from_object_stream(&[destination], filters, encode)),
            Ok("application/pdf"),
            "{filters}"
        );
    }
}

#[test]
fn pdfs_written_by_common_tools_pass() {
    assert_eq!(inspect(LETTER), Ok("application/pdf"));
    assert_eq!(inspect(LETTER_OBJECT_STREAMS), Ok("application/pdf"));
}

#[test]
fn wrong_magic_bytes_are_refused_whatever_the_name() {
    for bytes in [
        &b"MZ\x90\0 a windows program"[..],
        b"GIF89a",
        b"<html><script>",
        b"PK\x03\x04 zip",
        b"%PD",
        b"\x89PNG",
        b"",
    ] {
        assert_eq!(inspect(bytes), Err(Rejection::NotAccepted), "{bytes:?}");
    }
}

#[test]
fn images_declaring_huge_sizes_are_refused_by_their_declared_size() {
    // Headers alone: refused before a decoder sees any pixel data.
    assert!(matches!(
        inspect(&png(100_000, 100_000)),
        Err(Rejection::TooManyPixels { .. })
    ));
    assert!(matches!(inspect(&png(0, 10)), Err(Rejection::TooManyPixels { .. })));
    assert!(matches!(
        inspect(&jpeg(65_535, 65_535)),
        Err(Rejection::TooManyPixels { .. })
    ));
    assert!(matches!(inspect(&jpeg(0, 10)), Err(Rejection::TooManyPixels { .. })));
    // The boundary: 60,000,000 pixels pass (decoded in full), one row more does not.
    assert_eq!(
        inspect(&encoded_png(10_000, 6_000, png::BitDepth::One)),
        Ok("image/png")
    );
    assert!(matches!(
        inspect(&png(10_000, 6_001)),
        Err(Rejection::TooManyPixels { .. })
    ));
    // A real, small PNG whose header is changed to declare a bomb's size.
    let mut bomb = encoded_png(16, 16, png::BitDepth::Eight);
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    assert_eq!(
        inspect(&bomb),
        Err(Rejection::TooManyPixels {
            width: 100_000,
            height: 100_000
        })
    );
}

#[test]
fn damaged_png_images_are_refused() {
    let mut no_ihdr = png(10, 10);
    no_ihdr[12..16].copy_from_slice(b"tEXt");
    assert_eq!(inspect(&no_ihdr), Err(Rejection::Damaged("PNG")));
    assert_eq!(inspect(&png(10, 10)[..14]), Err(Rejection::Damaged("PNG")));
    // A header and no pixel data.
    assert_eq!(inspect(&png(10, 10)), Err(Rejection::Damaged("PNG")));
    let good = encoded_png(32, 32, png::BitDepth::Eight);
    assert_eq!(inspect(&good), Ok("image/png"));
    // A valid header, and pixel data that is not zlib, with a correct checksum.
    let mut garbage = good.clone();
    let data = idat(&garbage);
    for byte in &mut garbage[data.clone()] {
        *byte = 0xEE;
    }
    let mut crc = flate2::Crc::new();
    crc.update(&garbage[data.start - 4..data.end]);
    garbage[data.end..data.end + 4].copy_from_slice(&crc.sum().to_be_bytes());
    assert_eq!(inspect(&garbage), Err(Rejection::Damaged("PNG")));
    // One byte of pixel data changed: the checksum does not match.
    let mut flipped = good.clone();
    flipped[idat(&good).start + 5] ^= 0x01;
    assert_eq!(inspect(&flipped), Err(Rejection::Damaged("PNG")));
    // Cut short.
    assert_eq!(inspect(&good[..good.len() - 20]), Err(Rejection::Damaged("PNG")));
}

#[test]
fn damaged_jpeg_images_are_refused() {
    // A JPEG that starts its scan without a frame header, and ones cut short.
    assert_eq!(
        inspect(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]),
        Err(Rejection::Damaged("JPEG"))
    );
    assert_eq!(inspect(&jpeg(10, 10)[..12]), Err(Rejection::Damaged("JPEG")));
    assert_eq!(
        inspect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
        Err(Rejection::Damaged("JPEG"))
    );
    // A frame header and no tables or scan: its size reads, but it does not decode.
    assert_eq!(inspect(&jpeg(10, 10)), Err(Rejection::Damaged("JPEG")));
    // A real JPEG cut in half, and cut before its end marker.
    assert_eq!(
        inspect(&LETTER_JPEG[..LETTER_JPEG.len() / 2]),
        Err(Rejection::Damaged("JPEG"))
    );
    assert_eq!(
        inspect(&LETTER_JPEG[..LETTER_JPEG.len() - 200]),
        Err(Rejection::Damaged("JPEG"))
    );
}

#[test]
fn a_script_run_on_opening_is_refused_in_a_plain_object() {
    assert_eq!(
        inspect(&pdf(&page("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", ""))),
        SCRIPT
    );
    // The same as its own object, and in the document's name tree of scripts.
    let mut objects = page("/OpenAction 5 0 R", "");
    objects.push(SCRIPT_ACTION.to_vec());
    assert_eq!(inspect(&pdf(&objects)), SCRIPT);
    let mut objects = page("/Names << /JavaScript 5 0 R >>", "");
    objects.push(b"<< /Names [(a) 6 0 R] >>".to_vec());
    objects.push(SCRIPT_ACTION.to_vec());
    assert_eq!(inspect(&pdf(&objects)), SCRIPT);
}

#[test]
fn names_written_with_escapes_are_refused() {
    let escaped = pdf(&page("/OpenAction << /S /J#61vaScript /J#53 (x) >>", ""));
    assert_eq!(inspect(&escaped), SCRIPT);
    let key = pdf(&page("", "/#41#41 << /O << /S /GoTo /D [3 0 R /Fit] >> >>"));
    assert_eq!(inspect(&key), Err(Rejection::ActiveContent("AA")));
}

#[test]
fn scripts_in_object_streams_are_refused_under_every_filter() {
    let filtered: [(&str, Encoder); 8] = [
        ("", |data| data.to_vec()),
        ("/Filter /FlateDecode", zlib),
        ("/Filter /ASCIIHexDecode", ascii_hex),
        ("/Filter /ASCII85Decode", ascii85),
        ("/Filter /RunLengthDecode", run_length),
        ("/Filter [/ASCIIHexDecode /FlateDecode]", |data| ascii_hex(&zlib(data))),
        ("/Filter [/FlateDecode /ASCII85Decode]", |data| zlib(&ascii85(data))),
        ("/Filter [/ASCII85Decode /RunLengthDecode /ASCIIHexDecode]", |data| {
            ascii85(&run_length(&ascii_hex(data)))
        }),
    ];
    for (filters, encode) in filtered {
        let file = opening_from_object_stream(&[SCRIPT_ACTION], filters, encode);
        assert_eq!(inspect(&file), SCRIPT, "{filters}");
    }
}

#[test]
fn object_streams_are_walked_even_when_nothing_points_into_them() {
    // A classic cross-reference table that lists the object stream as a plain object and none
    // of its members: a viewer repairing the file could still read them.
    let mut objects = page("", "");
    objects.push(object_stream(6, &[SCRIPT_ACTION], "/Filter /ASCIIHexDecode", ascii_hex));
    assert_eq!(inspect(&pdf(&objects)), SCRIPT);
}

#[test]
fn object_streams_that_cannot_be_decoded_are_refused() {
    for filters in ["/Filter /Fancy", "/Filter /DCTDecode", "/Filter [/FlateDecode /Fancy]"] {
        let file = opening_from_object_stream(&[b"[3 0 R /Fit]"], filters, zlib);
        assert!(matches!(inspect(&file), Err(Rejection::Unparseable(_))), "{filters}");
    }
    // Data that is not what the filter says.
    let file = opening_from_object_stream(&[b"[3 0 R /Fit]"], "/Filter /FlateDecode", ascii_hex);
    assert!(matches!(inspect(&file), Err(Rejection::Unparseable(_))));
}

#[test]
fn objects_outside_the_cross_reference_data_are_walked_too() {
    // Appended after the end without a cross-reference section: not in the document a viewer
    // reads as written, but one that repairs the file finds it.
    let mut file = pdf(&page("", ""));
    file.extend_from_slice(b"5 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n");
    assert_eq!(inspect(&file), Err(Rejection::ActiveContent("Launch")));
}

#[test]
fn objects_the_parser_cannot_find_are_refused_by_their_names() {
    // An object that does not start a line: the parser's repairing scan passes over it, a more
    // lenient viewer might not. The names outside stream data are the second belt.
    let mut file = pdf(&page("", ""));
    file.extend_from_slice(b"endobj 5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n");
    assert_eq!(inspect(&file), SCRIPT);
}

#[test]
fn launch_and_other_actions_that_leave_the_document_are_refused() {
    for (action, name) in [
        ("<< /S /Launch /F (cmd.exe) >>", "Launch"),
        ("<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>", "Launch"),
        (
            "<< /S /GoToR /F (\\\\\\\\server\\\\share\\\\x.pdf) /D [0 /Fit] >>",
            "GoToR",
        ),
        ("<< /S /GoToE /T << /R /C /N (x) >> >>", "GoToE"),
        (
            "<< /S /SubmitForm /F << /FS /URL /F (https://example.org) >> >>",
            "SubmitForm",
        ),
        ("<< /S /ImportData /F (data.fdf) >>", "ImportData"),
        ("<< /S /Rendition /R 6 0 R >>", "Rendition"),
        ("<< /S /URI /URI (file:///c:/windows/system32/cmd.exe) >>", "URI"),
        ("<< /S /URI /URI (\\\\\\\\server\\\\share) >>", "URI"),
        ("<< /S /URI /URI (javascript:alert\\(1\\)) >>", "URI"),
        ("<< /S /URI >>", "URI"),
    ] {
        let link = format!("/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A {action} >>]");
        assert_eq!(
            inspect(&pdf(&page("", &link))),
            Err(Rejection::ActiveContent(name)),
            "{action}"
        );
    }
}

#[test]
fn links_to_web_pages_and_plain_opening_views_are_accepted() {
    for action in [
        "<< /S /URI /URI (https://egov.example/permit/123) >>",
        "<< /S /URI /URI (HTTP://example.org) >>",
        "<< /S /URI /URI (mailto:office@example.org) >>",
        "<< /S /GoTo /D [3 0 R /Fit] >>",
        "<< /S /Named /N /NextPage >>",
    ] {
        let link = format!("/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A {action} >>]");
        assert_eq!(inspect(&pdf(&page("", &link))), Ok("application/pdf"), "{action}");
    }
    for opening in [
        "/OpenAction [3 0 R /Fit]",
        "/OpenAction << /S /GoTo /D [3 0 R /XYZ 0 842 1] >>",
    ] {
        assert_eq!(inspect(&pdf(&page(opening, ""))), Ok("application/pdf"), "{opening}");
    }
}

#[test]
fn opening_actions_other_than_going_to_a_page_are_refused() {
    for opening in [
        "/OpenAction << /S /Named /N /Print >>",
        "/OpenAction << /S /URI /URI (https://example.org) >>",
        "/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /Named /N /Print >> >>",
        "/OpenAction (a string)",
    ] {
        assert_eq!(
            inspect(&pdf(&page(opening, ""))),
            Err(Rejection::ActiveContent("OpenAction")),
            "{opening}"
        );
    }
    // One that runs a script is named for the script.
    let chained = "/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (x) >> >>";
    assert_eq!(inspect(&pdf(&page(chained, ""))), SCRIPT);
}

#[test]
fn embedded_files_are_refused() {
    // The document's list of attachments.
    let mut objects = page("/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>", "");
    objects.push(b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>".to_vec());
    objects.push(stream("/Type /EmbeddedFile", b"MZ"));
    assert_eq!(inspect(&pdf(&objects)), Err(Rejection::ActiveContent("EmbeddedFiles")));
    // An attachment annotation whose file stream does not say what it is.
    let mut objects = page("", "/Annots [<< /Type /Annot /Subtype /FileAttachment /FS 5 0 R >>]");
    objects.push(b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>".to_vec());
    objects.push(stream("", b"MZ"));
    assert_eq!(inspect(&pdf(&objects)), Err(Rejection::ActiveContent("EF")));
    // The file stream alone, its type only in its stream dictionary.
    let mut objects = page("", "");
    objects.push(stream(
        "/Type /EmbeddedFile /Subtype /application#2Foctet-stream",
        b"MZ",
    ));
    assert_eq!(inspect(&pdf(&objects)), Err(Rejection::ActiveContent("EmbeddedFile")));
}

#[test]
fn xml_forms_rich_media_and_additional_actions_are_refused() {
    let mut objects = page("/AcroForm << /Fields [] /XFA 5 0 R >>", "");
    objects.push(stream("", b"<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"/>"));
    assert_eq!(inspect(&pdf(&objects)), Err(Rejection::ActiveContent("XFA")));
    let rich = "/Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>]";
    assert_eq!(
        inspect(&pdf(&page("", rich))),
        Err(Rejection::ActiveContent("RichMedia"))
    );
    let additional = "/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>";
    assert_eq!(
        inspect(&pdf(&page("", additional))),
        Err(Rejection::ActiveContent("AA"))
    );
}

#[test]
fn the_keyword_stream_in_a_string_neither_hides_nor_refuses_anything() {
    // The old byte scan took `stream` in the string for the start of stream data and skipped
    // to the next `endstream`, over the script.
    let hidden = "/Lang (stream\n) /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> /PageMode (endstream)";
    assert_eq!(inspect(&pdf(&page(hidden, ""))), SCRIPT);
    let harmless = "/Lang (stream\n) /PageMode /UseNone /PageLayout (endstream)";
    assert_eq!(inspect(&pdf(&page(harmless, ""))), Ok("application/pdf"));
}

#[test]
fn pdfs_that_cannot_be_read_are_refused() {
    for bytes in [
        &b"%PDF-1.7\n"[..],
        b"%PDF-1.7\ngarbage",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        // A catalog and no page.
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /Metadata /JSON >> endobj\n%%EOF\n",
    ] {
        assert!(matches!(inspect(bytes), Err(Rejection::Unparseable(_))), "{bytes:?}");
    }
    // Fragments of the old tests, without cross-reference data or pages: refused, one way or
    // the other.
    for bytes in [
        &b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF"[..],
        b"%PDF-1.4\n1 0 obj<</S/Launch/F(cmd.exe)>>endobj",
        b"%PDF-1.4\n1 0 obj<</Type/EmbeddedFile>>endobj",
    ] {
        assert!(inspect(bytes).is_err(), "{bytes:?}");
    }
    // An object the cross-reference table lists that does not parse.
    let mut objects = page("", "");
    objects.push(b"<< /Broken (".to_vec());
    assert!(matches!(inspect(&pdf(&objects)), Err(Rejection::Unparseable(_))));
    // Encrypted, even for its owner only.
    assert_eq!(
        inspect(LETTER_ENCRYPTED),
        Err(Rejection::Unparseable("it is encrypted"))
    );
}

#[test]
fn a_pdf_whose_streams_inflate_beyond_the_limit_is_a_bomb() {
    let zeros = vec![0u8; (MAX_INFLATED_BYTES + 1024) as usize];
    let compressed = zlib(&zeros);
    let with_contents = |dictionary: &str, data: &[u8]| {
        let mut objects = page("", "");
        objects[3] = stream(dictionary, data);
        pdf(&objects)
    };
    let bomb = with_contents("/Filter /FlateDecode", &compressed);
    assert!(bomb.len() < 1024 * 1024, "the bomb is small: {} bytes", bomb.len());
    assert_eq!(inspect(&bomb), Err(Rejection::Bomb));
    // Nested, as filters may be: a few kilobytes.
    let nested = with_contents("/Filter [/FlateDecode /FlateDecode]", &zlib(&compressed));
    assert!(nested.len() < 16 * 1024, "the bomb is small: {} bytes", nested.len());
    assert_eq!(inspect(&nested), Err(Rejection::Bomb));
    // Half the limit passes.
    let fine = with_contents(
        "/Filter /FlateDecode",
        &zlib(&zeros[..(MAX_INFLATED_BYTES / 2) as usize]),
    );
    assert_eq!(inspect(&fine), Ok("application/pdf"));
    // An object stream, decoded while parsing, has a limit of its own.
    let mut members = b"[3 0 R /Fit]".to_vec();
    members.resize(32 * 1024 * 1024, b' ');
    let file = opening_from_object_stream(&[&members], "/Filter /FlateDecode", zlib);
    assert_eq!(inspect(&file), Err(Rejection::Bomb));
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// Flips, overwrites, inserts, removes and cuts bytes of the input.
fn mutate(random: &mut Random, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=random.below(4) {
        let at = random.below(bytes.len());
        match random.below(6) {
            0 => bytes[at] ^= 1 << random.below(8),
            1 => bytes[at] = random.next() as u8,
            2 => bytes.insert(at, b"()<>[]/ 0R#%\n"[random.below(13)]),
            3 => {
                bytes.remove(at);
            }
            4 => bytes.truncate(at.max(8)),
            _ => {
                // Copy a run of the file elsewhere (duplicated keywords, offsets, objects).
                let from = random.below(bytes.len());
                let run: Vec<u8> = bytes[from..(from + 1 + random.below(40)).min(bytes.len())].to_vec();
                bytes.splice(at..at, run);
            }
        }
        if bytes.is_empty() {
            break;
        }
    }
    bytes
}

#[test]
fn mutated_documents_never_panic_the_check() {
    let inputs = [
        LETTER.to_vec(),
        LETTER_OBJECT_STREAMS.to_vec(),
        opening_from_object_stream(&[SCRIPT_ACTION], "/Filter [/ASCIIHexDecode /FlateDecode]", |data| {
            ascii_hex(&zlib(data))
        }),
        LETTER_JPEG.to_vec(),
        encoded_png(16, 16, png::BitDepth::Eight),
    ];
    let mut random = Random(0x5EED_2024_0BAD_CAFE);
    for round in 0..3_000 {
        let input = &inputs[round % inputs.len()];
        let mutated = mutate(&mut random, input);
        let outcome = inspect(&mutated);
        // Not even the parser's own panics, which `inspect` would catch.
        assert_ne!(
            outcome,
            Err(Rejection::Unparseable("the PDF parser failed on it")),
            "round {round}"
        );
    }
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_after_a_signature_never_panic(
        signature in proptest::sample::select(vec![&b"%PDF-1.7\n"[..], b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n"]),
        tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
    ) {
        let mut bytes = signature.to_vec();
        bytes.extend_from_slice(&tail);
        let _ = inspect(&bytes);
    }
}
