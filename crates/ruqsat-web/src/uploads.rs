//! What an uploaded document must be before it is stored: a PDF, JPEG or PNG by its bytes
//! (whatever its name or declared type says), whose pixels (images) or decompressed streams
//! (PDF) stay bounded, so that no decompression bomb reaches a viewer, and a PDF without active
//! content (JavaScript, launch actions, embedded files, rich media), which an officer's viewer
//! would otherwise run on the police network.

use std::io::Read as _;

/// Most pixels an image may declare: a 600 dpi colour scan of an A4 page has about 35 million.
pub const MAX_PIXELS: u64 = 60_000_000;

/// Most bytes the streams of one PDF may decompress to, all together.
pub const MAX_INFLATED_BYTES: u64 = 100 * 1024 * 1024;

/// PDF names of active content, refused wherever they occur (also inside compressed streams and
/// written with `#xx` escapes).
const ACTIVE_NAMES: [&str; 6] = [
    "JavaScript",
    "JS",
    "Launch",
    "EmbeddedFile",
    "EmbeddedFiles",
    "RichMedia",
];

/// Why a document is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not a PDF, JPEG or PNG by its first bytes.
    #[error("only PDF, JPEG and PNG documents are accepted (checked by their content)")]
    NotAccepted,
    /// The header of the image cannot be read.
    #[error("the {0} image is damaged: its size cannot be read")]
    Damaged(&'static str),
    /// More pixels than any scan of a document has: a decompression bomb.
    #[error("the image declares {width}×{height} pixels; at most {MAX_PIXELS} are accepted")]
    TooManyPixels {
        /// Declared width.
        width: u64,
        /// Declared height.
        height: u64,
    },
    /// The PDF's streams decompress to more than [`MAX_INFLATED_BYTES`]: a decompression bomb.
    #[error("the PDF decompresses to more than {MAX_INFLATED_BYTES} bytes")]
    Bomb,
    /// The PDF carries active content.
    #[error("a PDF with active content (/{0}) is not accepted; print it to a plain PDF and send that")]
    ActiveContent(&'static str),
}

/// The media type of an acceptable document, or why it is refused.
pub fn inspect(content: &[u8]) -> Result<&'static str, Rejection> {
    if content.starts_with(b"%PDF-") {
        inspect_pdf(content)?;
        Ok("application/pdf")
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (width, height) = jpeg_size(content).ok_or(Rejection::Damaged("JPEG"))?;
        bounded(width, height)?;
        Ok("image/jpeg")
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        let (width, height) = png_size(content).ok_or(Rejection::Damaged("PNG"))?;
        bounded(width, height)?;
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

/// Width and height from the PNG's first chunk, which must be IHDR.
fn png_size(content: &[u8]) -> Option<(u64, u64)> {
    let header = content.get(8..24)?;
    if &header[4..8] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(header[8..12].try_into().ok()?);
    let height = u32::from_be_bytes(header[12..16].try_into().ok()?);
    Some((u64::from(width), u64::from(height)))
}

/// Width and height from the JPEG's start-of-frame segment.
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

/// Refuses active content, in the file's objects and in its decompressed streams, and bombs.
/// The raw bytes of streams are not searched for names (compressed data would give chance hits).
fn inspect_pdf(content: &[u8]) -> Result<(), Rejection> {
    let refuse = |bytes: &[u8]| active_name(bytes).map_or(Ok(()), |name| Err(Rejection::ActiveContent(name)));
    let mut budget = MAX_INFLATED_BYTES;
    let mut outside = 0;
    let mut from = 0;
    while let Some(start) = find(&content[from..], b"stream").map(|at| from + at + b"stream".len()) {
        // `stream` is followed by CRLF or LF.
        let data_start = if content[start..].starts_with(b"\r\n") {
            start + 2
        } else if content[start..].starts_with(b"\n") {
            start + 1
        } else {
            from = start;
            continue;
        };
        refuse(&content[outside..data_start])?;
        let end = find(&content[data_start..], b"endstream").map_or(content.len(), |at| data_start + at);
        from = (end + b"endstream".len()).min(content.len());
        outside = end;
        // A stream that is not zlib (an image, damaged data) stops early: what came out counts.
        let mut inflated = Vec::new();
        let _ = flate2::read::ZlibDecoder::new(&content[data_start..end])
            .take(budget + 1)
            .read_to_end(&mut inflated);
        let produced = inflated.len() as u64;
        if produced > budget {
            return Err(Rejection::Bomb);
        }
        budget -= produced;
        refuse(&inflated)?;
    }
    refuse(&content[outside..])
}

/// The first name of active content among the PDF names in `bytes` (with `#xx` decoded).
fn active_name(bytes: &[u8]) -> Option<&'static str> {
    let mut at = 0;
    while let Some(slash) = bytes[at..].iter().position(|&byte| byte == b'/') {
        let start = at + slash + 1;
        let length = bytes[start..]
            .iter()
            .position(|&byte| is_delimiter(byte))
            .unwrap_or(bytes.len() - start);
        at = start + length;
        let raw = &bytes[start..start + length];
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
    while index < raw.len() {
        if raw[index] == b'#'
            && let Some(hex) = raw.get(index + 1..index + 3)
            && let Ok(text) = std::str::from_utf8(hex)
            && let Ok(byte) = u8::from_str_radix(text, 16)
        {
            name.push(byte);
            index += 3;
        } else {
            name.push(raw[index]);
            index += 1;
        }
    }
    name
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests;
