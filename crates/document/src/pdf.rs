//! The agreement on A4 paper (printpdf): the bundled CJK font, subset to
//! the characters used; our own line breaking, which keeps Chinese closing
//! punctuation off the start of a line and English words whole; the
//! document number in the header and "第 X 页 共 Y 页" in the footer.

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::{AgreementDocument, Block, SignatureBox};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/AccordSans-Regular.otf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/AccordSans-Bold.otf");

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
}

// A4 and its margins, in points.
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 70.87; // 25 mm
const TOP: f32 = 72.0;
const BOTTOM: f32 = 72.0;
const BODY: f32 = 12.0;
const LINE: f32 = 1.65;

/// Characters that must not begin a line (Chinese and Western closing
/// punctuation).
const NO_LINE_START: &str = "，。、；：？！）》」』】〉”’,.;:?!)%％";
/// Characters that must not end a line (opening brackets).
const NO_LINE_END: &str = "（《「『【〈“‘(";

fn load(bytes: &[u8]) -> Result<ParsedFont, PdfError> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .ok_or_else(|| PdfError::Font("cannot parse".into()))
}

/// Text measurement with the full font (the subset has the same advances).
struct Metrics {
    font: ParsedFont,
    upem: f32,
}

impl Metrics {
    fn new(font: ParsedFont) -> Self {
        let upem = f32::from(font.pdf_font_metrics.units_per_em).max(1.0);
        Self { font, upem }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let gid = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
                f32::from(self.font.get_glyph_width(gid).unwrap_or(0))
            })
            .sum::<f32>()
            * size
            / self.upem
    }

    fn has(&self, c: char) -> bool {
        c.is_whitespace()
            || self
                .font
                .lookup_glyph_index(c as u32)
                .is_some_and(|g| g != 0)
    }
}

/// Splits text into the pieces a line may break between: a run of Latin
/// letters and digits stays whole; every CJK character is its own piece.
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        // Letters and digits make words; a currency sign starts one and a
        // comma or point between digits stays inside ("¥3,500.50").
        let inside_number =
            matches!(c, ',' | '.') && word.chars().last().is_some_and(|l| l.is_ascii_digit());
        if c.is_ascii_alphanumeric()
            || (c.is_alphanumeric() && !is_cjk(c))
            || matches!(c, '¥' | '$' | '€' | '£')
            || inside_number
            || (matches!(c, '-' | '\'' | '/' | '@' | '_') && !word.is_empty())
        {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        out.push(c.to_string());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Greedy line breaking at `max` points. A closing punctuation mark is
/// pulled onto the previous line (hanging slightly into the margin if it
/// must); an opening bracket moves to the next line with what it opens.
fn wrap(m: &Metrics, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for piece in pieces(text) {
        if piece == "\n" {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
            continue;
        }
        let w = m.width(&piece, size);
        let first = piece.chars().next().unwrap_or(' ');
        if width + w > max && !line.is_empty() && !NO_LINE_START.contains(first) {
            // Carry a trailing opening bracket over with what follows.
            let mut carry = String::new();
            while line.chars().last().is_some_and(|c| NO_LINE_END.contains(c)) {
                if let Some(c) = line.pop() {
                    carry.insert(0, c);
                }
            }
            let done = std::mem::take(&mut line);
            lines.push(done.trim_end().to_owned());
            line = carry;
            width = m.width(&line, size);
            if piece == " " {
                continue;
            }
        }
        line.push_str(&piece);
        width += w;
    }
    if !line.is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// One positioned run of text.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
    /// Extra space after each character (letter-spaced titles).
    spacing: f32,
}

/// The pages being filled, top to bottom.
struct Pages {
    pages: Vec<(Vec<Run>, Vec<Op>)>,
    y: f32,
}

impl Pages {
    fn new() -> Self {
        Self {
            pages: vec![(Vec::new(), Vec::new())],
            y: PAGE_H - TOP,
        }
    }

    /// Makes room for `height` points, starting a new page if needed.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push((Vec::new(), Vec::new()));
            self.y = PAGE_H - TOP;
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, text: String) {
        let height = size * LINE;
        self.room(height);
        self.y -= height;
        if let Some(page) = self.pages.last_mut() {
            page.0.push(Run {
                x,
                y: self.y + size * 0.35,
                size,
                bold,
                text,
                spacing: 0.0,
            });
        }
    }

    /// A label at the margin ("1. ", "申请人：") with the lines set
    /// `offset` points in, the label on the first line.
    fn labelled(&mut self, label: String, bold: bool, offset: f32, lines: Vec<String>) {
        for (i, line) in lines.into_iter().enumerate() {
            if i == 0 {
                self.room(BODY * LINE);
                let y = self.y - BODY * LINE + BODY * 0.35;
                if let Some(page) = self.pages.last_mut() {
                    page.0.push(Run {
                        x: MARGIN_X,
                        y,
                        size: BODY,
                        bold,
                        text: label.clone(),
                        spacing: 0.0,
                    });
                }
            }
            self.text(MARGIN_X + offset, BODY, false, line);
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages.last_mut().expect("at least one page").1
    }
}

/// The bundled fonts, parsed once per process: the drafting screen asks
/// for missing glyphs on every keystroke, and a render needs both faces.
fn metrics(bold: bool) -> Result<&'static Metrics, PdfError> {
    static REGULAR_METRICS: std::sync::OnceLock<Result<Metrics, PdfError>> =
        std::sync::OnceLock::new();
    static BOLD_METRICS: std::sync::OnceLock<Result<Metrics, PdfError>> =
        std::sync::OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD_METRICS, BOLD)
    } else {
        (&REGULAR_METRICS, REGULAR)
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

fn stroke(ops: &mut Vec<Op>, from: (f32, f32), to: (f32, f32), width: f32) {
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    ops.push(Op::DrawLine {
        line: Line {
            is_closed: false,
            points: vec![
                LinePoint {
                    p: Point {
                        x: Pt(from.0),
                        y: Pt(from.1),
                    },
                    bezier: false,
                },
                LinePoint {
                    p: Point {
                        x: Pt(to.0),
                        y: Pt(to.1),
                    },
                    bezier: false,
                },
            ],
        },
    });
}

fn signature_grid(pages: &mut Pages, m: &Metrics, boxes: &[SignatureBox]) {
    let column = (PAGE_W - 2.0 * MARGIN_X) / 2.0;
    let row_height = 78.0;
    for pair in boxes.chunks(2) {
        pages.room(row_height);
        let top = pages.y;
        for (i, b) in pair.iter().enumerate() {
            let x = MARGIN_X + column * i as f32;
            let label_y = top - BODY * 1.2;
            let mut runs = vec![Run {
                x,
                y: label_y,
                size: 10.5,
                bold: false,
                text: b.label.clone(),
                spacing: 0.0,
            }];
            let line_y = top - 46.0;
            let line_end = x + column - if b.fingerprint { 70.0 } else { 18.0 };
            runs.push(Run {
                x,
                y: line_y - 15.0,
                size: 10.5,
                bold: false,
                text: b.name.clone(),
                spacing: 0.0,
            });
            let ops = pages.ops();
            ops.push(Op::SetOutlineColor {
                col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
            });
            stroke(ops, (x, line_y), (line_end, line_y), 0.6);
            if !b.strokes.is_empty() {
                // The signature, in ink blue, above the line.
                let (w, h) = (line_end - x - 8.0, 28.0);
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor {
                    col: Color::Rgb(Rgb::new(0.08, 0.16, 0.45, None)),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(1.3) });
                ops.push(Op::SetLineJoinStyle {
                    join: printpdf::LineJoinStyle::Round,
                });
                ops.push(Op::SetLineCapStyle {
                    cap: printpdf::LineCapStyle::Round,
                });
                for stroke in b.strokes.iter().filter(|s| s.len() > 1) {
                    let points = stroke
                        .iter()
                        .map(|(px, py)| LinePoint {
                            p: Point {
                                x: Pt(x + 4.0 + px.clamp(0.0, 1.0) * w),
                                y: Pt(line_y + 3.0 + (1.0 - py.clamp(0.0, 1.0)) * h),
                            },
                            bezier: false,
                        })
                        .collect();
                    ops.push(Op::DrawLine {
                        line: Line {
                            is_closed: false,
                            points,
                        },
                    });
                }
                ops.push(Op::RestoreGraphicsState);
            }
            if b.fingerprint {
                // A dashed box for the fingerprint (按指印处).
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor {
                    col: Color::Rgb(Rgb::new(0.45, 0.45, 0.45, None)),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, &[3.0, 2.0]),
                });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Stroke),
                        ..Rect::from_xywh(Pt(line_end + 10.0), Pt(line_y - 8.0), Pt(50.0), Pt(44.0))
                    },
                });
                ops.push(Op::RestoreGraphicsState);
                let w = m.width(&b.fingerprint_label, 7.5);
                runs.push(Run {
                    x: line_end + 10.0 + (50.0 - w) / 2.0,
                    y: line_y + 12.0,
                    size: 7.5,
                    bold: false,
                    text: b.fingerprint_label.clone(),
                    spacing: 0.0,
                });
            }
            if let Some(page) = pages.pages.last_mut() {
                page.0.extend(runs);
            }
        }
        pages.y = top - row_height;
    }
}

/// A notice in a ruled box: the lead in bold, the text after it, wrapped
/// to the box; kept on one page.
fn notice(pages: &mut Pages, m: &Metrics, bold: &Metrics, lead: &str, text: &str, measure: f32) {
    let pad = 7.0;
    let inner = measure - 2.0 * pad;
    let lead_w = bold.width(lead, BODY);
    // The first line is shorter by the lead; wrap it apart from the rest.
    let mut lines = wrap(m, text, BODY, inner - lead_w);
    lines.truncate(1);
    let first = lines.first().cloned().unwrap_or_default();
    let rest = text
        .strip_prefix(first.as_str())
        .unwrap_or_default()
        .trim_start();
    if !rest.is_empty() {
        lines.extend(wrap(m, rest, BODY, inner));
    }
    let height = lines.len() as f32 * BODY * LINE + 2.0 * pad;
    pages.y -= 8.0;
    pages.room(height);
    let top = pages.y;
    pages.y -= pad;
    for (i, line) in lines.into_iter().enumerate() {
        if i == 0 {
            pages.text(MARGIN_X + pad, BODY, true, lead.to_owned());
            pages.y += BODY * LINE;
            pages.text(MARGIN_X + pad + lead_w, BODY, false, line);
        } else {
            pages.text(MARGIN_X + pad, BODY, false, line);
        }
    }
    pages.y -= pad;
    let bottom = pages.y;
    let ops = pages.ops();
    ops.push(Op::SetOutlineColor {
        col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.8) });
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            mode: Some(PaintMode::Stroke),
            ..Rect::from_xywh(Pt(MARGIN_X), Pt(bottom), Pt(measure), Pt(top - bottom))
        },
    });
    pages.y -= 6.0;
}

/// Renders the agreement to PDF bytes.
pub fn render(doc: &AgreementDocument, options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let missing = missing_glyphs(doc)?;
    if !missing.is_empty() {
        return Err(PdfError::MissingGlyphs(missing));
    }
    let m = metrics(false)?;
    let bold = metrics(true)?;
    let measure = PAGE_W - 2.0 * MARGIN_X;
    let mut pages = Pages::new();
    for block in &doc.blocks {
        match block {
            Block::Title(title) => {
                let size = 22.0;
                // Chinese titles are letter-spaced (half a character).
                let spacing = match doc.locale {
                    accord_i18n::Locale::ZhCn => size * 0.5,
                    accord_i18n::Locale::EnUs => 0.0,
                };
                let n = title.chars().count().max(1) as f32;
                let w = bold.width(title, size) + spacing * (n - 1.0);
                pages.text((PAGE_W - w) / 2.0, size, true, title.clone());
                if let Some(run) = pages.pages.last_mut().and_then(|p| p.0.last_mut()) {
                    run.spacing = spacing;
                }
                pages.y -= 10.0;
            }
            Block::Reference(reference) => {
                let size = 10.5;
                let w = m.width(reference, size);
                pages.text(PAGE_W - MARGIN_X - w, size, false, reference.clone());
            }
            Block::Heading(heading) => {
                pages.y -= 8.0;
                pages.room(BODY * LINE * 3.0); // keep a heading with its first lines
                for line in wrap(bold, heading, 13.0, measure) {
                    pages.text(MARGIN_X, 13.0, true, line);
                }
            }
            Block::Paragraph(text) => {
                // Chinese paragraphs open with a two-character indent.
                let text = match doc.locale {
                    accord_i18n::Locale::ZhCn => format!("\u{3000}\u{3000}{text}"),
                    accord_i18n::Locale::EnUs => text.clone(),
                };
                for line in wrap(m, &text, BODY, measure) {
                    pages.text(MARGIN_X, BODY, false, line);
                }
            }
            Block::Party {
                role,
                summary,
                details,
            } => {
                pages.room(BODY * LINE * (1 + details.len()) as f32);
                let role_width = bold.width(role, BODY);
                let lines = wrap(m, summary, BODY, measure - role_width);
                pages.labelled(role.clone(), true, role_width, lines);
                for detail in details {
                    for line in wrap(m, detail, BODY, measure) {
                        pages.text(MARGIN_X, BODY, false, line);
                    }
                }
            }
            Block::Term { number, text } => {
                let label = format!("{number}. ");
                let hang = m.width(&label, BODY).max(m.width("00. ", BODY));
                let lines = wrap(m, text, BODY, measure - hang);
                pages.labelled(label, false, hang, lines);
            }
            Block::Item { marker, text } => {
                let indent = m.width("\u{3000}\u{3000}", BODY);
                let first = format!("{marker}{text}");
                let lines = wrap(m, &first, BODY, measure - indent);
                for line in lines {
                    pages.text(MARGIN_X + indent, BODY, false, line);
                }
            }
            Block::Notice { lead, text } => {
                notice(&mut pages, m, bold, lead, text, measure);
            }
            Block::Signatures(boxes) => {
                pages.y -= 18.0;
                signature_grid(&mut pages, m, boxes);
            }
            Block::Closing(lines) => {
                pages.y -= 12.0;
                let right = PAGE_W - MARGIN_X - 24.0;
                let widest = lines.iter().map(|l| m.width(l, BODY)).fold(0.0, f32::max);
                for line in lines {
                    let w = m.width(line, BODY);
                    // Centred on one another, set towards the right margin.
                    pages.text(
                        right - widest + (widest - w) / 2.0,
                        BODY,
                        false,
                        line.clone(),
                    );
                }
            }
        }
    }

    // Page furniture: the number and original in the header, page x of y
    // in the footer.
    let count = pages.pages.len();
    for (i, page) in pages.pages.iter_mut().enumerate() {
        let header = match &options.original {
            Some(original) => format!("{}　{original}", doc.number),
            None => doc.number.clone(),
        };
        let w = m.width(&header, 9.0);
        page.0.push(Run {
            x: PAGE_W - MARGIN_X - w,
            y: PAGE_H - 40.0,
            size: 9.0,
            bold: false,
            text: header,
            spacing: 0.0,
        });
        let footer = options
            .footer_pattern
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &count.to_string());
        let w = m.width(&footer, 9.0);
        page.0.push(Run {
            x: (PAGE_W - w) / 2.0,
            y: 36.0,
            size: 9.0,
            bold: false,
            text: footer,
            spacing: 0.0,
        });
        stroke(
            &mut page.1,
            (MARGIN_X, PAGE_H - 46.0),
            (PAGE_W - MARGIN_X, PAGE_H - 46.0),
            0.4,
        );
    }

    if let Some((payload, caption)) = &options.qr
        && let Some(last) = pages.pages.last_mut()
    {
        qr_code(last, m, payload, caption)?;
    }

    // Subset each font to exactly the characters it prints.
    let used = |b: bool| -> String {
        pages
            .pages
            .iter()
            .flat_map(|p| &p.0)
            .filter(|r| r.bold == b)
            .map(|r| r.text.as_str())
            .collect()
    };
    let regular_subset = subset(REGULAR, &m.font, &used(false))?;
    let bold_subset = subset(BOLD, &bold.font, &used(true))?;

    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author = options.author.clone();
    pdf.metadata.info.creator = "Accord".into();
    pdf.metadata.info.producer = "Accord (printpdf)".into();
    pdf.metadata.info.subject = doc.number.clone();
    if let Some((payload, _)) = &options.qr {
        // Read back by `accord verify` to find the agreement in the database.
        pdf.metadata.info.keywords = vec![payload.clone()];
    }

    if let Ok(at) = printpdf::DateTime::from_unix_timestamp(options.created_unix) {
        pdf.metadata.info.creation_date = at;
        pdf.metadata.info.modification_date = at;
        pdf.metadata.info.metadata_date = at;
    }
    let regular_id = FontId("FReg".into());
    let bold_id = FontId("FBold".into());
    let mut regular_font = load(&regular_subset)?;
    regular_font.font_name = Some(format!("{}+NotoSansCJKsc-Regular", tag(&used(false))));
    let mut bold_font = load(&bold_subset)?;
    bold_font.font_name = Some(format!("{}+NotoSansCJKsc-Bold", tag(&used(true))));
    pdf.resources
        .fonts
        .map
        .insert(regular_id.clone(), PdfFont::new(regular_font));
    pdf.resources
        .fonts
        .map
        .insert(bold_id.clone(), PdfFont::new(bold_font));

    let mut out_pages = Vec::with_capacity(count);
    for (runs, mut ops) in pages.pages {
        ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        });
        ops.push(Op::StartTextSection);
        for run in runs {
            let font = if run.bold {
                bold_id.clone()
            } else {
                regular_id.clone()
            };
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(run.size),
            });
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(run.x), Pt(run.y)),
            });
            if run.spacing != 0.0 {
                ops.push(Op::SetCharacterSpacing {
                    multiplier: run.spacing,
                });
            }
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.text)],
            });
            if run.spacing != 0.0 {
                ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
            }
        }
        ops.push(Op::EndTextSection);
        out_pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    pdf.with_pages(out_pages);
    let mut warnings = Vec::new();
    Ok(pdf.save(
        &PdfSaveOptions {
            subset_fonts: false,
            image_optimization: None,
            ..Default::default()
        },
        &mut warnings,
    ))
}

/// A QR code drawn as vector modules in the last page's lower left, with
/// a caption under it.
fn qr_code(
    page: &mut (Vec<Run>, Vec<Op>),
    m: &Metrics,
    payload: &str,
    caption: &str,
) -> Result<(), PdfError> {
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| PdfError::Font(format!("QR code: {e}")))?;
    let width = code.width();
    let size = 62.0;
    let module = size / width as f32;
    let (x0, y0) = (MARGIN_X, BOTTOM + 4.0);
    let ops = &mut page.1;
    ops.push(Op::SetFillColor {
        col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
    });
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (col, row) = ((i % width) as f32, (i / width) as f32);
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..Rect::from_xywh(
                        Pt(x0 + col * module),
                        Pt(y0 + size - (row + 1.0) * module),
                        Pt(module),
                        Pt(module),
                    )
                },
            });
        }
    }
    let w = m.width(caption, 7.5);
    page.0.push(Run {
        x: x0 + (size - w) / 2.0,
        y: y0 - 10.0,
        size: 7.5,
        bold: false,
        text: caption.to_owned(),
        spacing: 0.0,
    });
    Ok(())
}

/// Six capital letters derived from the glyph set, as PDF subset names
/// require ("ABCDEF+Font").
fn tag(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

/// Cuts the font down to the glyphs of `text` (glyph 0 first).
fn subset(bytes: &[u8], full: &ParsedFont, text: &str) -> Result<Vec<u8>, PdfError> {
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

    fn metrics() -> Metrics {
        Metrics::new(load(REGULAR).expect("font"))
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let m = metrics();
        let text = "王建国应于2025年2月20日前修复六楼直饮水管道，并赔偿李玥房屋及家具损失。双方互谅互让，今后和睦相处，不再因本纠纷发生争执。".repeat(4);
        for width in [100.0, 137.0, 160.0, 230.0, 311.0, 453.0] {
            let lines = wrap(&m, &text, 12.0, width);
            assert_eq!(lines.concat(), text, "nothing lost at {width}");
            for line in &lines[1..] {
                let first = line.chars().next().expect("non-empty line");
                assert!(
                    !NO_LINE_START.contains(first),
                    "{line:?} starts with {first} at {width}"
                );
            }
            for line in &lines {
                // A hanging mark may overflow by one character at most.
                assert!(
                    m.width(line, 12.0) <= width + 12.0,
                    "{line:?} too wide at {width}"
                );
            }
        }
    }

    #[test]
    fn english_words_are_not_split() {
        let m = metrics();
        let text = "This settlement agreement is binding and enforceable. The parties intend to be legally bound by it.";
        let lines = wrap(&m, text, 12.0, 150.0);
        assert!(lines.len() > 2);
        let words: Vec<&str> = text.split(' ').collect();
        let rejoined: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split(' ').map(str::to_owned))
            .collect();
        assert_eq!(rejoined, words);
    }

    #[test]
    fn a_character_the_font_lacks_is_reported() {
        let m = metrics();
        assert!(m.has('堃') && m.has('喆') && m.has('¥'));
        assert!(
            !m.has('𠀀'),
            "an Extension B character is not in the subset font"
        );
    }
}

/// The reference written into the metadata's Keywords (the QR code's
/// payload, `ACCORD|<case number>|<version>|sha256:<hex>`), read back from a
/// (possibly sealed) PDF.
pub fn embedded_reference(pdf: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let info = match doc.trailer.get(b"Info").ok()? {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    let bytes = info.get(b"Keywords").ok()?.as_str().ok()?;
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    })
}

/// The parts of an embedded reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub case_number: String,
    pub version: i32,
    pub content_hash: String,
}

impl Reference {
    /// `ACCORD|2025-0001|3|sha256:…`.
    pub fn payload(&self) -> String {
        format!(
            "ACCORD|{}|{}|sha256:{}",
            self.case_number, self.version, self.content_hash
        )
    }

    pub fn parse(payload: &str) -> Option<Self> {
        let mut parts = payload.trim().split('|');
        if parts.next()? != "ACCORD" {
            return None;
        }
        let case_number = parts.next()?.to_owned();
        let version = parts.next()?.parse().ok()?;
        let content_hash = parts.next()?.strip_prefix("sha256:")?.to_owned();
        Some(Self {
            case_number,
            version,
            content_hash,
        })
    }
}
