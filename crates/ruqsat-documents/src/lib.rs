//! Ruqsat's official documents as PDF, rendered by typst inside the process (no browser, no
//! office suite), with the fonts embedded (Kazakh letters included): the permit, carrying a QR
//! code with an Ed25519 seal over its data so that a forged or altered permit is detected.
//!
//! Adding a document: write its typst template as a function of escaped data (see
//! [`permit::render`]), render it with [`render_pdf`], and test its text with `pdftotext`.

pub mod esign;
pub mod permit;
pub mod questionnaire;
pub mod refusal;
pub mod seal;
#[cfg(test)]
mod text_tests;
pub mod vds;

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The template did not compile (a bug of ours).
    #[error("the document template failed: {0}")]
    Template(String),
    /// The QR code could not be built (data too long).
    #[error("the QR code could not be built: {0}")]
    Qr(String),
    /// The visible digital seal could not be made (data it cannot hold, or the signer's).
    #[error("the visible digital seal could not be made: {0}")]
    Seal(String),
}

static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut fonts = FontStore::new();
    fonts.extend(typst_kit::fonts::embedded());
    fonts
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("invariant: the paths used are absolute and valid"),
    )
    .intern()
}

/// One document to compile: its source and the virtual files it uses.
struct DocumentWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Compiles typst `source` (with virtual `files`) to PDF bytes; warnings are errors (a missing
/// font must not fall back silently).
pub fn render_pdf(source: String, files: Vec<(&str, Vec<u8>)>) -> Result<Vec<u8>, RenderError> {
    let world = DocumentWorld {
        main: Source::new(file_id("/main.typ"), source),
        files: files
            .into_iter()
            .map(|(path, bytes)| (file_id(path), Bytes::new(bytes)))
            .collect(),
    };
    let warned = typst::compile::<typst_layout::PagedDocument>(&world);
    // typst memoizes across compilations; documents with different data each time would grow
    // the cache without end in a long-running service. Keep what the last few documents used.
    comemo::evict(8);
    if let Some(warning) = warned.warnings.first() {
        return Err(RenderError::Template(format!("warning: {}", warning.message)));
    }
    let document = warned.output.map_err(|errors| {
        RenderError::Template(
            errors
                .iter()
                .map(|error| error.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        RenderError::Template(
            errors
                .iter()
                .map(|error| error.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// A typst string literal of `text` (code mode), so that data can never become markup.
pub fn typst_string(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for character in text.chars() {
        match character {
            '\\' => literal.push_str("\\\\"),
            '"' => literal.push_str("\\\""),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            other => literal.push(other),
        }
    }
    literal.push('"');
    literal
}
