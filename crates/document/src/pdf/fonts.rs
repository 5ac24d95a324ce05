//! The bundled font, Noto Sans CJK SC cut down to the characters Accord
//! needs (OFL), in its regular and bold faces: the bytes, embedded once in
//! the program and shared with the app's screens; the parsed faces,
//! measured once per process; which characters a document needs that the
//! font lacks; and each face subset to the glyphs a PDF prints.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::PdfError;
use crate::AgreementDocument;

/// The regular face of the bundled font (Noto Sans CJK SC, subset; OFL).
///
/// A `static`, not a `const`, so the 5 MB of both faces are in the program
/// once, however many crates use them.
pub static FONT_REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/AccordSans-Regular.otf");
/// The bold face of the bundled font.
pub static FONT_BOLD: &[u8] = include_bytes!("../../../../assets/fonts/AccordSans-Bold.otf");
/// The family name both faces carry (what a GUI asks its font system for).
pub const FONT_FAMILY: &str = "Noto Sans CJK SC";

pub(super) fn load(bytes: &[u8]) -> Result<ParsedFont, PdfError> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .ok_or_else(|| PdfError::Font("cannot parse".into()))
}

/// Text measurement with the full font (the subset has the same advances).
pub(super) struct Metrics {
    pub(super) font: ParsedFont,
    upem: f32,
}

impl Metrics {
    pub(super) fn new(font: ParsedFont) -> Self {
        let upem = f32::from(font.pdf_font_metrics.units_per_em).max(1.0);
        Self { font, upem }
    }

    /// The advance of `text` at `size` points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let gid = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
                f32::from(self.font.get_glyph_width(gid).unwrap_or(0))
            })
            .sum::<f32>()
            * size
            / self.upem
    }

    /// Whether the font can print `c` (white space always can).
    pub(super) fn has(&self, c: char) -> bool {
        c.is_whitespace()
            || self
                .font
                .lookup_glyph_index(c as u32)
                .is_some_and(|g| g != 0)
    }
}

/// The bundled fonts, parsed once per process: the drafting screen asks
/// for missing glyphs on every keystroke, and a render needs both faces.
pub(super) fn metrics(bold: bool) -> Result<&'static Metrics, PdfError> {
    static REGULAR_METRICS: OnceLock<Result<Metrics, PdfError>> = OnceLock::new();
    static BOLD_METRICS: OnceLock<Result<Metrics, PdfError>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD_METRICS, FONT_BOLD)
    } else {
        (&REGULAR_METRICS, FONT_REGULAR)
    };
    cell.get_or_init(|| load(bytes).map(Metrics::new))
        .as_ref()
        .map_err(Clone::clone)
}

/// The characters of a document the font cannot print.
pub fn missing_glyphs(doc: &AgreementDocument) -> Result<Vec<char>, PdfError> {
    let m = metrics(false)?;
    let mut missing: BTreeSet<char> = BTreeSet::new();
    for c in doc.plain_text().chars() {
        if !m.has(c) {
            missing.insert(c);
        }
    }
    Ok(missing.into_iter().collect())
}

/// Six capital letters derived from the glyph set, as PDF subset names
/// require ("ABCDEF+Font").
pub(super) fn tag(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

/// Cuts the font down to the glyphs of `text` (glyph 0 first).
pub(super) fn subset(bytes: &[u8], full: &ParsedFont, text: &str) -> Result<Vec<u8>, PdfError> {
    use allsorts::{
        binary::read::ReadScope,
        font_data::FontData,
        subset::{CmapTarget, SubsetProfile, subset},
    };
    let glyphs: BTreeSet<u16> = text
        .chars()
        .filter_map(|c| full.lookup_glyph_index(c as u32))
        .filter(|g| *g != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let data = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| PdfError::Font(e.to_string()))?;
    let provider = data
        .table_provider(0)
        .map_err(|e| PdfError::Font(e.to_string()))?;
    subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| PdfError::Font(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_the_font_lacks_is_reported() {
        let m = Metrics::new(load(FONT_REGULAR).expect("font"));
        assert!(m.has('堃') && m.has('喆') && m.has('¥'));
        assert!(
            !m.has('𠀀'),
            "an Extension B character is not in the subset font"
        );
    }
}
