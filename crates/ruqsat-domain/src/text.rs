//! What a typed text may hold: no control characters, no bidirectional overrides or isolates,
//! no zero-width or other invisible format characters. They let a name look different on the
//! permit, in a list or in a log than what was stored (a right-to-left override, U+202E,
//! turns what follows around; a zero-width space makes two equal-looking names differ; a newline
//! forges a log line). Every text input is checked with [`problem`] and refused with an error
//! naming its field.

/// What is wrong with a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// A control character (a newline in a one-line field, NUL, escape, ...).
    Control,
    /// A bidirectional override, embedding, isolate or mark.
    Bidi,
    /// A zero-width or other invisible format character.
    Invisible,
    /// Longer than the field allows (in characters).
    TooLong(usize),
}

impl TextProblem {
    /// The problem in English (API errors and logs; pages say it in their language).
    pub fn message(self) -> String {
        match self {
            TextProblem::Control => "control characters (such as NUL or line breaks) are not allowed here".into(),
            TextProblem::Bidi => "characters that reverse the direction of text are not allowed".into(),
            TextProblem::Invisible => "invisible characters (zero-width and format characters) are not allowed".into(),
            TextProblem::TooLong(max) => format!("at most {max} characters"),
        }
    }

    /// The message id of the problem in `ruqsat-i18n`.
    pub fn message_id(self) -> &'static str {
        match self {
            TextProblem::Control => "invalid-text-control",
            TextProblem::Bidi => "invalid-text-bidi",
            TextProblem::Invisible => "invalid-text-invisible",
            TextProblem::TooLong(_) => "invalid-text-too-long",
        }
    }
}

/// The longest name part (surname, given name, patronymic) the permit prints on its line.
pub const MAX_NAME: usize = 60;

/// The longest one-line text of a form (addresses, employer, document numbers, ...).
pub const MAX_LINE: usize = 200;

/// The longest free text (an officer's reasoning).
pub const MAX_TEXT: usize = 4000;

/// What is wrong with a one-line `value` of at most `max` characters, if anything.
pub fn problem(value: &str, max: usize) -> Option<TextProblem> {
    check(value, max, false)
}

/// What is wrong with a multi-line `value` (line breaks and tabs allowed), if anything.
pub fn problem_multiline(value: &str, max: usize) -> Option<TextProblem> {
    check(value, max, true)
}

fn check(value: &str, max: usize, multiline: bool) -> Option<TextProblem> {
    for c in value.chars() {
        if c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')) {
            return Some(TextProblem::Control);
        }
        if is_bidi(c) {
            return Some(TextProblem::Bidi);
        }
        if is_invisible(c) {
            return Some(TextProblem::Invisible);
        }
    }
    (value.chars().count() > max).then_some(TextProblem::TooLong(max))
}

/// Bidirectional marks, embeddings, overrides and isolates (Unicode `Bidi_Control`).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width and other invisible format characters (general category `Cf` outside the bidi
/// controls, as of Unicode 15), the invisible fillers, and the line and paragraph separators
/// (`Zl`, `Zp`: line breaks that are not control characters).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_in_every_script_pass() {
        for name in [
            "TESTOV",
            "Тестов-Демо",
            "Ғалымжан Өтепұлы",
            "O'Neil",
            "José María",
            "李四",
            "Ақбөпе Іңкәрқызы",
        ] {
            assert_eq!(problem(name, MAX_NAME), None, "{name}");
        }
    }

    #[test]
    fn control_bidi_and_invisible_characters_are_refused() {
        assert_eq!(problem("TEST\0OV", MAX_NAME), Some(TextProblem::Control));
        assert_eq!(problem("TEST\nOV", MAX_NAME), Some(TextProblem::Control));
        assert_eq!(problem("TEST\u{1b}[31mOV", MAX_NAME), Some(TextProblem::Control));
        assert_eq!(problem("TEST\u{202E}VOT", MAX_NAME), Some(TextProblem::Bidi));
        assert_eq!(problem("TEST\u{2067}OV", MAX_NAME), Some(TextProblem::Bidi));
        assert_eq!(problem("TE\u{200B}STOV", MAX_NAME), Some(TextProblem::Invisible));
        assert_eq!(problem("\u{FEFF}TESTOV", MAX_NAME), Some(TextProblem::Invisible));
        assert_eq!(problem("TEST\u{E0041}OV", MAX_NAME), Some(TextProblem::Invisible));
        assert_eq!(problem("TEST\u{2028}OV", MAX_NAME), Some(TextProblem::Invisible));
        assert_eq!(problem("TEST\u{0600}OV", MAX_NAME), Some(TextProblem::Invisible));
        assert_eq!(problem_multiline("line one\nline two\ttab", MAX_TEXT), None);
        assert_eq!(problem_multiline("line\u{202E}", MAX_TEXT), Some(TextProblem::Bidi));
    }

    #[test]
    fn lengths_are_bounded_in_characters_not_bytes() {
        assert_eq!(problem(&"Ә".repeat(MAX_NAME), MAX_NAME), None);
        assert_eq!(
            problem(&"Ә".repeat(MAX_NAME + 1), MAX_NAME),
            Some(TextProblem::TooLong(MAX_NAME))
        );
    }
}
