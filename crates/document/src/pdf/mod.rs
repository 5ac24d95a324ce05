//! The agreement on A4 paper (printpdf): the bundled CJK font, subset to
//! the characters used; our own line breaking, which keeps Chinese closing
//! punctuation off the start of a line and English words whole; the
//! document number in the header and "第 X 页 共 Y 页" in the footer.
//!
//! `fonts` holds the font and its measurements, `lines` the line breaking,
//! `layout` the pages being filled, `render` the blocks set on them and the
//! PDF written, `signatures` the signature blocks with the pad's ink, and
//! `reference` the agreement's reference read back from a file.

mod fonts;
mod layout;
mod lines;
mod reference;
mod render;
mod report;
pub(crate) mod sheets;
mod signatures;

pub use fonts::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR, missing_glyphs};
pub use reference::{Reference, embedded_identifier, embedded_reference};
pub use render::render;
pub use report::{ReportChart, ReportTable, StatisticsReport, statistics};

/// Why the PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The text holds characters the bundled font cannot print; they are
    /// reported at drafting time rather than printed as empty boxes.
    #[error("the font has no glyph for {0:?}")]
    MissingGlyphs(Vec<char>),
    /// The bundled font could not be read or cut down (a build defect).
    #[error("font: {0}")]
    Font(String),
}

/// What the page furniture says besides the document.
#[derive(Debug, Clone, Default)]
pub struct PrintOptions {
    /// "正本 1/4" in the header, if this is a numbered original.
    pub original: Option<String>,
    /// Title, author and date for the PDF metadata.
    pub author: String,
    /// Creation time (Unix seconds) written into the metadata.
    pub created_unix: i64,
    /// "第 {page} 页 共 {pages} 页" with `{page}` and `{pages}` placeholders.
    pub footer_pattern: String,
    /// What the QR code on the last page holds (the agreement's id and the
    /// hash of its canonical content), and the caption under it.
    pub qr: Option<(String, String)>,
    /// The line beside the QR code that names the seal's certificate by
    /// its fingerprint (`印章证书 SHA-256：3F2A91C0 7D44E01B`, from
    /// `doc-certificate-fingerprint` and `seal::short_fingerprint`), for a
    /// court clerk to compare with the certificate the centre published.
    /// Without it the page is as before.
    pub certificate_fingerprint: Option<String>,
    /// The audit trail's newest event when this was sealed
    /// (`ACCORD-AUDIT|<id>|sha256:<hex>`), written into the metadata's
    /// Identifier ([`embedded_identifier`]).
    pub audit_head: Option<String>,
}

// A4 and its margins, in points.
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 70.87; // 25 mm
const TOP: f32 = 72.0;
const BOTTOM: f32 = 72.0;
/// The body text size, and the line height as a multiple of the size.
const BODY: f32 = 12.0;
const LINE: f32 = 1.65;
