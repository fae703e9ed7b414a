//! C40 as ICAO Doc 9303-13 uses it: space, digits and capitals (`<` is written as a space),
//! three characters in two bytes (`1600·c1 + 40·c2 + c3 + 1`, big-endian); two characters left
//! are padded with the value 0 (Shift 1), one character left is written `0xFE, ASCII + 1`.

use super::VdsError;

fn value(character: char) -> Option<u16> {
    match character {
        ' ' | '<' => Some(3),
        '0'..='9' => Some(character as u16 - '0' as u16 + 4),
        'A'..='Z' => Some(character as u16 - 'A' as u16 + 14),
        _ => None,
    }
}

fn character(value: u16) -> Option<char> {
    match value {
        3 => Some(' '),
        4..=13 => char::from_u32(u32::from(value - 4) + '0' as u32),
        14..=39 => char::from_u32(u32::from(value - 14) + 'A' as u32),
        _ => None,
    }
}

/// Whether `text` can be written in C40.
pub fn fits(text: &str) -> bool {
    text.chars().all(|c| value(c).is_some())
}

/// The C40 bytes of `text`.
pub fn encode(text: &str) -> Result<Vec<u8>, VdsError> {
    let values: Vec<u16> = text
        .chars()
        .map(value)
        .collect::<Option<_>>()
        .ok_or_else(|| VdsError::NotC40(text.to_owned()))?;
    let mut bytes = Vec::with_capacity(values.len().div_ceil(3) * 2);
    for group in values.chunks(3) {
        match *group {
            [a, b, c] => bytes.extend((1600 * a + 40 * b + c + 1).to_be_bytes()),
            [a, b] => bytes.extend((1600 * a + 40 * b + 1).to_be_bytes()),
            [a] => {
                // One character left: unlatch (0xFE), then the character in ASCII plus one.
                let ascii = character(a).map_or(b' ', |c| c as u8);
                bytes.extend([0xFE, ascii + 1]);
            }
            _ => {}
        }
    }
    Ok(bytes)
}

/// The text of C40 bytes (padding values dropped; `<` comes back as a space).
pub fn decode(bytes: &[u8]) -> Result<String, VdsError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(VdsError::Format("C40 is written in pairs of bytes".into()));
    }
    let mut text = String::with_capacity(bytes.len() / 2 * 3);
    for pair in bytes.chunks(2) {
        if pair[0] == 0xFE {
            let ascii = pair[1].wrapping_sub(1);
            match character(value(char::from(ascii)).unwrap_or(u16::MAX)) {
                Some(c) => text.push(c),
                None => return Err(VdsError::Format(format!("{ascii:#04x} is not a C40 character"))),
            }
            continue;
        }
        let number = u16::from_be_bytes([pair[0], pair[1]]);
        if number == 0 || number > 64000 {
            return Err(VdsError::Format(format!("{number:#06x} is not a C40 triple")));
        }
        let number = number - 1;
        for value in [number / 1600, number % 1600 / 40, number % 40] {
            match value {
                // Shift 1: the padding of a last pair.
                0 => {}
                _ => match character(value) {
                    Some(c) => text.push(c),
                    None => return Err(VdsError::Format(format!("C40 value {value} is not a character"))),
                },
            }
        }
    }
    Ok(text)
}
