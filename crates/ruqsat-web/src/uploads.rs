//! What an uploaded document must be before it is stored: a PDF, JPEG or PNG by its content
//! (whatever its name or declared type says), whose pixels (images) or decoded streams (PDF)
//! stay bounded, so that no decompression bomb reaches a viewer, and a PDF without active
//! content (JavaScript, launch and other actions that leave the document, embedded files, rich
//! media, XFA forms), which an officer's viewer would otherwise run on the police network.
//!
//! Nothing here trusts bytes that merely look right. A PDF is read by a real parser ([`lopdf`]),
//! which decodes every object stream under whichever filters it declares; the check then walks
//! every object of the file, also those inside object streams, twice: once as the
//! cross-reference table tells, once as a repairing viewer would find them by scanning the file.
//! A PDF that the parser cannot read completely is refused, not let through half-checked. An
//! image is decoded in full by its decoder ([`png`], [`zune_jpeg`]), after its declared size has
//! been checked and before it is stored.
//!
//! These checks cost up to a few seconds of one core on a hostile 10 MiB upload (most of it in
//! decoding, always under a byte budget): callers on an async runtime should run [`inspect`] on a
//! blocking thread.

use lopdf::xref::XrefEntry;
use lopdf::{DecompressError, Document, LoadOptions, Object, ObjectId, Stream};

/// Most pixels an image may declare: a 600 dpi colour scan of an A4 page has about 35 million.
pub const MAX_PIXELS: u64 = 60_000_000;

/// Most bytes the streams of one PDF may decode to, all together.
pub const MAX_INFLATED_BYTES: u64 = 100 * 1024 * 1024;

/// Most bytes one object stream or cross-reference stream may decode to. These are decoded
/// while the file is parsed, each on its own; real ones hold dictionaries and offsets and stay
/// far below this, so a larger one is a bomb and refused before [`MAX_INFLATED_BYTES`] is counted.
const MAX_STRUCTURE_STREAM_BYTES: usize = 16 * 1024 * 1024;

/// PDF names of active content, refused wherever they occur as a key or as a name value (in
/// any dictionary, array or stream dictionary, also inside object streams; the parser has
/// decoded `#xx` escapes). Links to web pages (`/URI` actions with an http, https or mailto
/// address) are allowed: letters carry them, and a viewer asks before it follows one.
const ACTIVE_NAMES: [&str; 19] = [
    // Scripts: the action type, its key, and the document's name tree of scripts.
    "JavaScript",
    "JS",
    // Running a program or opening another file.
    "Launch",
    "GoToR",
    "GoToE",
    // Attached files: their streams, the name tree, a file specification's streams.
    "EmbeddedFile",
    "EmbeddedFiles",
    "EF",
    // Rich media, multimedia and 3D (3D artwork carries scripts of its own).
    "RichMedia",
    "RichMediaExecute",
    "Rendition",
    "Movie",
    "Sound",
    "3D",
    "3DD",
    // XML forms, and forms that send or load data.
    "XFA",
    "SubmitForm",
    "ImportData",
    // Additional actions: triggers on opening pages, focusing fields, closing the document.
    "AA",
];

/// Filters that only a viewer decodes: image codecs, whose output is pixels, not objects, and
/// `Crypt`, which needs a key (encrypted files are refused anyway). Data under them is counted
/// as it is stored.
const VIEWER_FILTERS: [&[u8]; 7] = [
    b"DCTDecode",
    b"DCT",
    b"JPXDecode",
    b"JBIG2Decode",
    b"CCITTFaxDecode",
    b"CCF",
    b"Crypt",
];

/// [`inspect`] on a blocking thread (parsing a hostile file can take a while): the content back
/// with the verdict.
pub async fn inspect_off_runtime(
    content: Vec<u8>,
) -> Result<(Vec<u8>, Result<&'static str, Rejection>), crate::error::ApiError> {
    tokio::task::spawn_blocking(move || {
        let inspected = inspect(&content);
        (content, inspected)
    })
    .await
    .map_err(|error| crate::error::ApiError::Internal(format!("inspecting a document: {error}")))
}

/// Why a document is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not a PDF, JPEG or PNG by its first bytes.
    #[error("only PDF, JPEG and PNG documents are accepted (checked by their content)")]
    NotAccepted,
    /// The image cannot be decoded: a damaged header, damaged or missing pixel data.
    #[error("the {0} image is damaged: it cannot be decoded")]
    Damaged(&'static str),
    /// More pixels than any scan of a document has: a decompression bomb.
    #[error("the image declares {width}×{height} pixels; at most {MAX_PIXELS} are accepted")]
    TooManyPixels {
        /// Declared width.
        width: u64,
        /// Declared height.
        height: u64,
    },
    /// The PDF's streams decode to more than [`MAX_INFLATED_BYTES`] (or one object stream to
    /// more than its own limit): a decompression bomb.
    #[error("the PDF decompresses to more than {MAX_INFLATED_BYTES} bytes")]
    Bomb,
    /// The PDF carries active content.
    #[error("a PDF with active content (/{0}) is not accepted; print it to a plain PDF and send that")]
    ActiveContent(&'static str),
    /// The PDF cannot be read completely (damaged, encrypted, without a page, or built so that
    /// parts of it are hidden from a reader), so it cannot be checked.
    #[error("the PDF cannot be read ({0}); print it to a plain PDF and send that")]
    Unparseable(&'static str),
}

/// The media type of an acceptable document, or why it is refused.
pub fn inspect(content: &[u8]) -> Result<&'static str, Rejection> {
    if content.starts_with(b"%PDF-") {
        inspect_pdf(content)?;
        Ok("application/pdf")
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        inspect_jpeg(content)?;
        Ok("image/jpeg")
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        inspect_png(content)?;
        Ok("image/png")
    } else {
        Err(Rejection::NotAccepted)
    }
}

fn bounded(width: u64, height: u64) -> Result<(), Rejection> {
    if width == 0 || height == 0 || width.saturating_mul(height) > MAX_PIXELS {
        return Err(Rejection::TooManyPixels { width, height });
    }
    Ok(())
}

/// Decodes the whole PNG a row at a time (so memory stays one row, however large the image),
/// after its declared size passed (read by hand, then by the decoder), and reads its chunks to the end: every checksum, filter and
/// the compressed data must be right. Text and colour profile chunks are skipped undecoded
/// (compressed text could be a bomb of its own).
fn inspect_png(content: &[u8]) -> Result<(), Rejection> {
    const DAMAGED: Rejection = Rejection::Damaged("PNG");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(content));
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let (width, height) = png_size(content).ok_or(DAMAGED)?;
    bounded(width, height)?;
    // The decoder's own reading of the header, which also checks its checksum.
    let header = decoder.read_header_info().map_err(|_| DAMAGED)?;
    bounded(u64::from(header.width), u64::from(header.height))?;
    let mut reader = decoder.read_info().map_err(|_| DAMAGED)?;
    let mut rows = 0u64;
    while reader.next_row().map_err(|_| DAMAGED)?.is_some() {
        rows += 1;
    }
    if rows == 0 {
        return Err(DAMAGED);
    }
    reader.finish().map_err(|_| DAMAGED)
}

/// Width and height from the PNG's first chunk, which must be IHDR, read before any decoder
/// allocates.
fn png_size(content: &[u8]) -> Option<(u64, u64)> {
    let header = content.get(8..24)?;
    if header.get(4..8)? != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(header.get(8..12)?.try_into().ok()?);
    let height = u32::from_be_bytes(header.get(12..16)?.try_into().ok()?);
    Some((u64::from(width), u64::from(height)))
}

/// Decodes the whole JPEG, strictly (data cut short or out of the standard is an error, not
/// grey blocks), after its declared size passed. Pixels are decoded as grey, one byte each, so
/// the largest accepted image needs [`MAX_PIXELS`] bytes (three times that for a CMYK one).
fn inspect_jpeg(content: &[u8]) -> Result<(), Rejection> {
    use zune_jpeg::zune_core::{colorspace::ColorSpace, options::DecoderOptions};
    const DAMAGED: Rejection = Rejection::Damaged("JPEG");
    let (width, height) = jpeg_size(content).ok_or(DAMAGED)?;
    bounded(width, height)?;
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let open = |options| {
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(content), options);
        decoder.decode_headers().map(|()| decoder).map_err(|_| DAMAGED)
    };
    let mut decoder = open(options.jpeg_set_out_colorspace(ColorSpace::Luma))?;
    if matches!(decoder.input_colorspace(), Some(ColorSpace::CMYK | ColorSpace::YCCK)) {
        // The decoder cannot turn these into grey: they come out in colour, three bytes a pixel.
        decoder = open(options)?;
    }
    // The decoder's own reading of the size, which is what it allocates for.
    let info = decoder.info().ok_or(DAMAGED)?;
    bounded(u64::from(info.width), u64::from(info.height))?;
    let size = decoder.output_buffer_size().ok_or(DAMAGED)?;
    if u64::try_from(size).map_or(true, |size| size > 3 * MAX_PIXELS) {
        return Err(Rejection::TooManyPixels { width, height });
    }
    let mut pixels = vec![0u8; size];
    decoder.decode_into(&mut pixels).map_err(|_| DAMAGED)
}

/// Width and height from the JPEG's start-of-frame segment, read before any decoder allocates.
fn jpeg_size(content: &[u8]) -> Option<(u64, u64)> {
    let mut at = 2;
    loop {
        // Markers may be padded with 0xFF bytes.
        while *content.get(at)? == 0xFF && *content.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *content.get(at)? != 0xFF {
            return None;
        }
        let marker = *content.get(at + 1)?;
        at += 2;
        match marker {
            // Standalone markers: no length.
            0x01 | 0xD0..=0xD8 => continue,
            // Start of scan or end of image before any frame header: damaged.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([*content.get(at)?, *content.get(at + 1)?]));
        if length < 2 {
            return None;
        }
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let segment = content.get(at + 2..at + 7)?;
            let height = u16::from_be_bytes([segment[1], segment[2]]);
            let width = u16::from_be_bytes([segment[3], segment[4]]);
            return Some((u64::from(width), u64::from(height)));
        }
        at += length;
    }
}

/// Parses the PDF and refuses active content anywhere in it, bombs, and what cannot be read.
///
/// The parser is defended in depth: decoding is bounded while it parses, and should it panic on
/// some input, the PDF is refused as unreadable instead of the panic reaching the caller.
fn inspect_pdf(content: &[u8]) -> Result<(), Rejection> {
    std::panic::catch_unwind(|| check_pdf(content))
        .unwrap_or(Err(Rejection::Unparseable("the PDF parser failed on it")))
}

fn check_pdf(content: &[u8]) -> Result<(), Rejection> {
    // As the cross-reference data says (what a viewer shows of an intact file)...
    let as_written = load(content, false)?;
    if as_written.trailer.has(b"Encrypt") || as_written.encryption_state.is_some() {
        // Even one that opens without a password (restricted printing or copying): its strings
        // and streams are hidden from the second belt below, and it is decrypted by a separate,
        // more lenient path of the parser. Printing it to a plain PDF removes the encryption.
        return Err(Rejection::Unparseable("it is encrypted"));
    }
    if as_written.get_pages().is_empty() {
        return Err(Rejection::Unparseable("it has no readable page"));
    }
    complete(&as_written)?;
    // ...and as a viewer repairing it would find its objects, by scanning for them: objects
    // left out of the cross-reference data or shadowed by it, and old revisions.
    let rebuilt = load(content, true)?;
    complete(&rebuilt)?;

    let mut budget = MAX_INFLATED_BYTES;
    for object in as_written.objects.values() {
        if let Object::Stream(stream) = object {
            let used = decoded_size(stream, budget)?;
            budget = budget.checked_sub(used).ok_or(Rejection::Bomb)?;
        }
    }
    let mut findings = Findings::default();
    for document in [&as_written, &rebuilt] {
        for object in document.objects.values() {
            findings.walk(document, object)?;
        }
    }
    if let Some(name) = findings.pending {
        return Err(Rejection::ActiveContent(name));
    }
    outside_streams(content, &[&as_written, &rebuilt])
}

fn load(content: &[u8], rebuild: bool) -> Result<Document, Rejection> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STRUCTURE_STREAM_BYTES),
        force_reconstruct: rebuild,
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(content, options).map_err(|error| match error {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => Rejection::Bomb,
        _ => Rejection::Unparseable("its structure is damaged"),
    })
}

/// Every object that the cross-reference data (or the repairing scan) lists must have been
/// read. The parser skips what it cannot read, such as an object stream under a filter it does
/// not know; a viewer might read it after all, so what was skipped counts as unreadable.
fn complete(document: &Document) -> Result<(), Rejection> {
    for (&number, entry) in &document.reference_table.entries {
        let id: ObjectId = match *entry {
            XrefEntry::Normal { generation, .. } => (number, generation),
            XrefEntry::Compressed { .. } => (number, 0),
            XrefEntry::Free | XrefEntry::UnusableFree => continue,
        };
        if !document.objects.contains_key(&id) {
            return Err(Rejection::Unparseable("an object in it cannot be read"));
        }
    }
    Ok(())
}

/// How many bytes the stream decodes to, at most `budget`: every filter before the first of
/// [`VIEWER_FILTERS`] is applied, each under the budget. Data that does not decode counts as stored: it is
/// not an object stream (those were decoded, or refused, while parsing and are decoded again
/// while walking), so what it holds can only be page content, fonts or pixels, never objects,
/// and active content is only ever reached through names in dictionaries, which are all walked.
fn decoded_size(stream: &Stream, budget: u64) -> Result<u64, Rejection> {
    let stored = u64::try_from(stream.content.len()).unwrap_or(u64::MAX);
    let Ok(filters) = stream.filters() else {
        return Ok(stored);
    };
    let decoded = filters
        .iter()
        .position(|filter| VIEWER_FILTERS.contains(filter))
        .unwrap_or(filters.len());
    if decoded == 0 {
        return Ok(stored);
    }
    let mut dictionary = stream.dict.clone();
    let names = filters[..decoded]
        .iter()
        .map(|filter| Object::Name(filter.to_vec()))
        .collect();
    dictionary.set("Filter", Object::Array(names));
    if let Ok(Object::Array(parameters)) = stream.dict.get(b"DecodeParms") {
        let parameters = parameters.iter().take(decoded).cloned().collect();
        dictionary.set("DecodeParms", Object::Array(parameters));
    }
    let prefix = Stream::new(dictionary, stream.content.clone());
    let limit = usize::try_from(budget).unwrap_or(usize::MAX);
    match prefix.decompressed_content_with_limit(limit) {
        Ok(bytes) => Ok(u64::try_from(bytes.len()).unwrap_or(u64::MAX)),
        Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => Err(Rejection::Bomb),
        Err(_) => Ok(stored),
    }
}

/// What the walk found: active content is refused at once; an opening action that is not a
/// plain go-to is held back, so that the script or launch it runs is named if there is one.
#[derive(Default)]
struct Findings {
    pending: Option<&'static str>,
}

impl Findings {
    /// Walks the object and everything inside it (without following references: every
    /// indirect object is walked on its own), with a stack instead of recursion, so that
    /// deep nesting cannot exhaust the thread's stack. Object streams are decoded and their
    /// objects walked, whether or not the cross-reference data points at them.
    fn walk(&mut self, document: &Document, object: &Object) -> Result<(), Rejection> {
        let mut stack = vec![object];
        let mut decoded = Vec::new();
        while let Some(object) = stack.pop() {
            match object {
                Object::Name(name) => refuse_name(name)?,
                Object::Array(items) => stack.extend(items.iter().rev()),
                Object::Dictionary(dictionary) => self.dictionary(document, dictionary, &mut stack)?,
                Object::Stream(stream) => {
                    self.dictionary(document, &stream.dict, &mut stack)?;
                    if stream.dict.has_type(b"ObjStm") {
                        decoded.push(object_stream(stream)?);
                    }
                }
                Object::Null
                | Object::Boolean(_)
                | Object::Integer(_)
                | Object::Real(_)
                | Object::String(..)
                | Object::Reference(_) => {}
            }
        }
        for objects in decoded {
            for object in objects.values() {
                if matches!(object, Object::Stream(_)) {
                    // Streams cannot be stored in object streams; a file that does is crafted.
                    return Err(Rejection::Unparseable("an object stream holds a stream"));
                }
                self.walk(document, object)?;
            }
        }
        Ok(())
    }

    fn dictionary<'a>(
        &mut self,
        document: &Document,
        dictionary: &'a lopdf::Dictionary,
        stack: &mut Vec<&'a Object>,
    ) -> Result<(), Rejection> {
        for (key, value) in dictionary.iter() {
            refuse_name(key)?;
            match value {
                // Checked at once, so that the action's type is named before its other keys.
                Object::Name(name) => refuse_name(name)?,
                value => stack.push(value),
            }
            if key == b"OpenAction" && !plain_open_action(document, value) {
                self.pending.get_or_insert("OpenAction");
            }
        }
        if name_of(document, dictionary.get(b"S").ok()) == Some(b"URI") && !web_link(document, dictionary) {
            return Err(Rejection::ActiveContent("URI"));
        }
        Ok(())
    }
}

fn refuse_name(name: &[u8]) -> Result<(), Rejection> {
    match ACTIVE_NAMES.iter().find(|active| active.as_bytes() == name) {
        Some(active) => Err(Rejection::ActiveContent(active)),
        None => Ok(()),
    }
}

/// The objects of an object stream, decoded under the same limit as while parsing. One that
/// cannot be decoded (a filter the parser lacks, damaged data) cannot be checked: refused.
fn object_stream(stream: &Stream) -> Result<std::collections::BTreeMap<ObjectId, Object>, Rejection> {
    match lopdf::ObjectStream::new_with_limit(stream, Some(MAX_STRUCTURE_STREAM_BYTES)) {
        Ok(objects) => Ok(objects.objects),
        Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => Err(Rejection::Bomb),
        Err(_) => Err(Rejection::Unparseable("an object stream in it cannot be decoded")),
    }
}

/// The object, with one reference followed.
fn resolve<'a>(document: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => document.get_object(*id).unwrap_or(&Object::Null),
        object => object,
    }
}

fn name_of<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a [u8]> {
    match resolve(document, object?) {
        Object::Name(name) => Some(name),
        _ => None,
    }
}

/// Whether the action run when the document opens only shows a place in it: a destination, or
/// a go-to action with nothing chained after it.
fn plain_open_action(document: &Document, action: &Object) -> bool {
    match resolve(document, action) {
        Object::Array(_) | Object::Null => true,
        Object::Dictionary(action) => name_of(document, action.get(b"S").ok()) == Some(b"GoTo") && !action.has(b"Next"),
        _ => false,
    }
}

/// Whether a URI action leads to a web page or a mail form, not to a file, a share or a script.
fn web_link(document: &Document, action: &lopdf::Dictionary) -> bool {
    let Ok(uri) = action.get(b"URI") else {
        return false;
    };
    let Object::String(uri, _) = resolve(document, uri) else {
        return false;
    };
    let uri: Vec<u8> = uri
        .iter()
        .skip_while(|byte| byte.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    [&b"https://"[..], b"http://", b"mailto:"]
        .iter()
        .any(|scheme| uri.starts_with(scheme))
}

/// A second belt, after the parser: active names in the file's bytes outside the data of the
/// streams the parser read, with `#xx` escapes decoded. It catches what the parser skipped as
/// broken but a viewer might still repair and run (the walk above refuses what was read). The
/// data of streams is left out because compressed bytes would give chance hits; the parser,
/// not a search for the `stream` keyword, says where that data lies, so a keyword hidden in a
/// string cannot blind it. Names inside strings count too: harmless files do not have them.
fn outside_streams(content: &[u8], documents: &[&Document]) -> Result<(), Rejection> {
    let mut data: Vec<(usize, usize)> = documents
        .iter()
        .flat_map(|document| document.objects.values())
        .filter_map(|object| match object {
            Object::Stream(stream) => {
                let start = stream.start_position?;
                Some((start, start.saturating_add(stream.content.len())))
            }
            _ => None,
        })
        .collect();
    data.sort_unstable();
    let mut from = 0;
    for (start, end) in data {
        if let Some(part) = content.get(from..start.min(content.len())) {
            refuse(part)?;
        }
        from = from.max(end);
    }
    if let Some(part) = content.get(from..) {
        refuse(part)?;
    }
    Ok(())
}

fn refuse(bytes: &[u8]) -> Result<(), Rejection> {
    active_name(bytes).map_or(Ok(()), |name| Err(Rejection::ActiveContent(name)))
}

/// The first name of active content among the PDF names in `bytes` (with `#xx` decoded).
fn active_name(bytes: &[u8]) -> Option<&'static str> {
    let mut at = 0;
    while let Some(slash) = bytes.get(at..)?.iter().position(|&byte| byte == b'/') {
        let start = at + slash + 1;
        let rest = bytes.get(start..)?;
        let length = rest.iter().position(|&byte| is_delimiter(byte)).unwrap_or(rest.len());
        at = start + length;
        let raw = &rest[..length];
        if raw.is_empty() || raw.len() > 64 {
            continue;
        }
        let name = decode_name(raw);
        if let Some(found) = ACTIVE_NAMES.iter().find(|active| active.as_bytes() == name.as_slice()) {
            return Some(found);
        }
    }
    None
}

fn is_delimiter(byte: u8) -> bool {
    byte.is_ascii_whitespace()
        || matches!(
            byte,
            b'/' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'%' | 0
        )
}

/// A PDF name with its `#xx` escapes decoded.
fn decode_name(raw: &[u8]) -> Vec<u8> {
    let mut name = Vec::with_capacity(raw.len());
    let mut index = 0;
    while let Some(&byte) = raw.get(index) {
        if byte == b'#'
            && let Some(hex) = raw.get(index + 1..index + 3)
            && let Ok(text) = std::str::from_utf8(hex)
            && let Ok(decoded) = u8::from_str_radix(text, 16)
        {
            name.push(decoded);
            index += 3;
        } else {
            name.push(byte);
            index += 1;
        }
    }
    name
}

#[cfg(test)]
mod tests;
