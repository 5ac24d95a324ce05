//! The agreement set on A4 pages: each block laid out in turn (title,
//! reference, headings, paragraphs, parties, terms, items, the boxed
//! notice, signatures, closing lines), then the page furniture (number
//! and original in the header, "第 X 页 共 Y 页" in the footer, the QR code
//! and the seal certificate's fingerprint on the last page), then the PDF
//! written with each face subset to the characters it prints.

use accord_i18n::Locale;
use printpdf::{
    Color, FontId, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::fonts::{FONT_BOLD, FONT_REGULAR, Metrics, load, metrics, missing_glyphs, subset, tag};
use super::layout::{Page, Pages, Run, stroke};
use super::lines::wrap;
use super::signatures::{ROW_HEIGHT, row_height, signature_grid};
use super::{BODY, BOTTOM, LINE, MARGIN_X, PAGE_H, PAGE_W, PdfError, PrintOptions, TOP};
use crate::{AgreementDocument, Block};

/// Both faces' measurements.
pub(super) struct Faces {
    pub(super) regular: &'static Metrics,
    pub(super) bold: &'static Metrics,
}

impl Faces {
    /// The bundled faces, parsed once per process.
    pub(super) fn get() -> Result<Self, PdfError> {
        Ok(Self {
            regular: metrics(false)?,
            bold: metrics(true)?,
        })
    }
}

/// The width text is set to between the margins.
const MEASURE: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The QR code's side and the height of its foot on the last page.
const QR_SIZE: f32 = 62.0;
const QR_Y: f32 = BOTTOM + 4.0;

/// Renders the agreement to PDF bytes.
pub fn render(doc: &AgreementDocument, options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let missing = missing_glyphs(doc)?;
    if !missing.is_empty() {
        return Err(PdfError::MissingGlyphs(missing));
    }
    let faces = Faces::get()?;
    let mut pages = Pages::new();
    // Under the signatures: the closing lines and, on the last page, the
    // QR code's corner, kept free of any text.
    let reserve = if options.qr.is_some() {
        QR_RESERVE
    } else {
        0.0
    };
    let keep_from = signatures_kept_from(&doc.blocks);
    for (i, block) in doc.blocks.iter().enumerate() {
        if Some(i) == keep_from {
            keep_with_signatures(&mut pages, &faces, doc, i, reserve);
        }
        match block {
            Block::Signatures(boxes) => {
                let tail = doc.blocks[i + 1..]
                    .iter()
                    .map(|b| height(&faces, doc.locale, std::slice::from_ref(b)))
                    .sum::<f32>()
                    + reserve;
                pages.y -= 18.0;
                signature_grid(&mut pages, faces.regular, boxes, tail, &doc.signature_page);
            }
            _ => lay_out(&mut pages, &faces, doc.locale, block),
        }
    }
    furniture(&mut pages.pages, faces.regular, doc, options);
    if let Some((payload, caption)) = &options.qr
        && let Some(last) = pages.pages.last_mut()
    {
        qr_code(last, faces.regular, payload, caption)?;
    }
    if let Some(line) = &options.certificate_fingerprint
        && let Some(last) = pages.pages.last_mut()
    {
        fingerprint_line(last, line, options.qr.is_some());
    }
    write(&doc.title, &doc.number, options, &faces, pages.pages)
}

/// The space a QR code takes at the foot of the last page (its side, the
/// gap above it, and its margin from the bottom), which no text may use.
const QR_RESERVE: f32 = QR_SIZE + (QR_Y - BOTTOM) + 8.0;
/// The height a page has for text.
const PAGE_BODY: f32 = PAGE_H - TOP - BOTTOM;

/// Where the last operative text starts: the block before the end line
/// ("（以下无正文）") that comes before the signatures.
fn signatures_kept_from(blocks: &[Block]) -> Option<usize> {
    let signatures = blocks
        .iter()
        .position(|b| matches!(b, Block::Signatures(_)))?;
    let end = blocks[..signatures]
        .iter()
        .rposition(|b| matches!(b, Block::EndOfText(_)))?;
    end.checked_sub(1)
}

/// Keeps the last clause, the end line, the signatures, the closing lines
/// and the QR code's corner on one page when they fit on one: moves them
/// to a new page together otherwise. When the signatures alone are
/// taller than a page, the clause takes at least the first row with it,
/// and the other rows go on pages headed as the agreement's signature
/// pages.
fn keep_with_signatures(
    pages: &mut Pages,
    faces: &Faces,
    doc: &AgreementDocument,
    from: usize,
    reserve: f32,
) {
    let group = height(faces, doc.locale, &doc.blocks[from..]) + reserve;
    if group <= PAGE_BODY {
        pages.room(group);
        return;
    }
    let text = height(faces, doc.locale, &doc.blocks[from..from + 2]);
    let first_row = doc.blocks[from..]
        .iter()
        .find_map(|b| match b {
            Block::Signatures(boxes) => Some(row_height(&boxes[..boxes.len().min(2)])),
            _ => None,
        })
        .unwrap_or(ROW_HEIGHT);
    pages.room(text + 18.0 + first_row);
}

/// How much height `blocks` take when set at the top of a fresh page;
/// more than a page (infinite) when they do not fit on one.
fn height(faces: &Faces, locale: Locale, blocks: &[Block]) -> f32 {
    let mut scratch = Pages::new();
    for block in blocks {
        match block {
            Block::Signatures(boxes) => {
                scratch.y -= 18.0;
                signature_grid(&mut scratch, faces.regular, boxes, 0.0, "");
            }
            _ => lay_out(&mut scratch, faces, locale, block),
        }
    }
    if scratch.pages.len() > 1 {
        f32::INFINITY
    } else {
        PAGE_H - TOP - scratch.y
    }
}

/// Sets one block below what is already on the pages.
fn lay_out(pages: &mut Pages, faces: &Faces, locale: Locale, block: &Block) {
    let Faces { regular: m, bold } = *faces;
    match block {
        Block::Title(title) => set_title(pages, bold, locale, title),
        Block::Reference(reference) => {
            let size = 10.5;
            let w = m.width(reference, size);
            pages.text(PAGE_W - MARGIN_X - w, size, false, reference.clone());
        }
        Block::Heading(heading) => {
            pages.y -= 8.0;
            pages.room(BODY * LINE * 3.0); // keep a heading with its first lines
            for line in wrap(bold, heading, 13.0, MEASURE) {
                pages.text(MARGIN_X, 13.0, true, line);
            }
        }
        Block::Paragraph(text) => {
            // Chinese paragraphs open with a two-character indent.
            let text = match locale {
                Locale::ZhCn => format!("\u{3000}\u{3000}{text}"),
                Locale::EnUs => text.clone(),
            };
            body_lines(pages, m, &text);
        }
        Block::Party {
            role,
            summary,
            details,
        } => {
            pages.room(BODY * LINE * (1 + details.len()) as f32);
            let role_width = bold.width(role, BODY);
            let lines = wrap(m, summary, BODY, MEASURE - role_width);
            pages.labelled(role.clone(), true, role_width, lines);
            for detail in details {
                body_lines(pages, m, detail);
            }
        }
        Block::Term { number, text } => {
            let label = format!("{number}. ");
            let hang = m.width(&label, BODY).max(m.width("00. ", BODY));
            let lines = wrap(m, text, BODY, MEASURE - hang);
            // A term stays on one page where it can: an amount in words is
            // never parted from its figures by a page break.
            keep_lines(pages, lines.len());
            pages.labelled(label, false, hang, lines);
        }
        Block::Item { marker, text } => {
            let indent = m.width("\u{3000}\u{3000}", BODY);
            let first = format!("{marker}{text}");
            let lines = wrap(m, &first, BODY, MEASURE - indent);
            keep_lines(pages, lines.len());
            for line in lines {
                pages.text(MARGIN_X + indent, BODY, false, line);
            }
        }
        Block::EndOfText(line) => {
            pages.y -= 4.0;
            let w = m.width(line, BODY);
            pages.text((PAGE_W - w) / 2.0, BODY, false, line.clone());
        }
        Block::Notice { lead, text } => notice(pages, faces, lead, text),
        Block::Signatures(boxes) => {
            pages.y -= 18.0;
            signature_grid(pages, m, boxes, 0.0, "");
        }
        Block::Closing(lines) => closing(pages, m, lines),
    }
}

/// Starts a new page for `count` body lines that fit on one page but not
/// on what is left of this one.
fn keep_lines(pages: &mut Pages, count: usize) {
    let height = count as f32 * BODY * LINE;
    if height <= PAGE_BODY {
        pages.room(height);
    }
}

/// Running text wrapped to the measure, flush left.
fn body_lines(pages: &mut Pages, m: &Metrics, text: &str) {
    for line in wrap(m, text, BODY, MEASURE) {
        pages.text(MARGIN_X, BODY, false, line);
    }
}

/// The title, bold and centred; letter-spaced by half a character in
/// Chinese.
fn set_title(pages: &mut Pages, bold: &Metrics, locale: Locale, title: &str) {
    let size = 22.0;
    let spacing = match locale {
        Locale::ZhCn => size * 0.5,
        Locale::EnUs => 0.0,
    };
    let n = title.chars().count().max(1) as f32;
    let w = bold.width(title, size) + spacing * (n - 1.0);
    pages.text((PAGE_W - w) / 2.0, size, true, title.to_owned());
    if let Some(run) = pages.pages.last_mut().and_then(|p| p.0.last_mut()) {
        run.spacing = spacing;
    }
    pages.y -= 10.0;
}

/// The lines under the signatures (committee seal, date), centred on one
/// another and set towards the right margin.
fn closing(pages: &mut Pages, m: &Metrics, lines: &[String]) {
    pages.y -= 12.0;
    let right = PAGE_W - MARGIN_X - 24.0;
    let widest = lines.iter().map(|l| m.width(l, BODY)).fold(0.0, f32::max);
    for line in lines {
        let w = m.width(line, BODY);
        pages.text(
            right - widest + (widest - w) / 2.0,
            BODY,
            false,
            line.clone(),
        );
    }
}

/// A notice in a ruled box: the lead in bold, the text after it, wrapped
/// to the box; kept on one page.
fn notice(pages: &mut Pages, faces: &Faces, lead: &str, text: &str) {
    let Faces { regular: m, bold } = *faces;
    let pad = 7.0;
    let inner = MEASURE - 2.0 * pad;
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
            ..Rect::from_xywh(Pt(MARGIN_X), Pt(bottom), Pt(MEASURE), Pt(top - bottom))
        },
    });
    pages.y -= 6.0;
}

/// Page furniture: the number and original in the header over a rule,
/// page x of y in the footer.
fn furniture(pages: &mut [Page], m: &Metrics, doc: &AgreementDocument, options: &PrintOptions) {
    let count = pages.len();
    let header = match &options.original {
        Some(original) => format!("{}　{original}", doc.number),
        None => doc.number.clone(),
    };
    for (i, page) in pages.iter_mut().enumerate() {
        let w = m.width(&header, 9.0);
        page.0.push(Run::plain(
            PAGE_W - MARGIN_X - w,
            PAGE_H - 40.0,
            9.0,
            header.clone(),
        ));
        let footer = options
            .footer_pattern
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &count.to_string());
        let w = m.width(&footer, 9.0);
        page.0
            .push(Run::plain((PAGE_W - w) / 2.0, 36.0, 9.0, footer));
        stroke(
            &mut page.1,
            (MARGIN_X, PAGE_H - 46.0),
            (PAGE_W - MARGIN_X, PAGE_H - 46.0),
            0.4,
        );
    }
}

/// A QR code drawn as vector modules in the last page's lower left, with
/// a caption under it.
fn qr_code(page: &mut Page, m: &Metrics, payload: &str, caption: &str) -> Result<(), PdfError> {
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| PdfError::Font(format!("QR code: {e}")))?;
    let width = code.width();
    let size = QR_SIZE;
    let module = size / width as f32;
    let (x0, y0) = (MARGIN_X, QR_Y);
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
    page.0.push(Run::plain(
        x0 + (size - w) / 2.0,
        y0 - 10.0,
        7.5,
        caption.to_owned(),
    ));
    Ok(())
}

/// The certificate's fingerprint in small type: beside the QR code, level
/// with its foot, or where the QR code's caption would be without one.
fn fingerprint_line(page: &mut Page, line: &str, beside_qr: bool) {
    let (x, y) = if beside_qr {
        (MARGIN_X + QR_SIZE + 8.0, QR_Y)
    } else {
        (MARGIN_X, QR_Y - 10.0)
    };
    page.0.push(Run::plain(x, y, 7.5, line.to_owned()));
}

/// The PDF: metadata, both faces subset to exactly the characters each
/// prints, and the pages' text and drawing.
pub(super) fn write(
    title: &str,
    number: &str,
    options: &PrintOptions,
    faces: &Faces,
    pages: Vec<Page>,
) -> Result<Vec<u8>, PdfError> {
    let used = |b: bool| -> String {
        pages
            .iter()
            .flat_map(|p| &p.0)
            .filter(|r| r.bold == b)
            .map(|r| r.text.as_str())
            .collect()
    };
    let regular_subset = subset(FONT_REGULAR, &faces.regular.font, &used(false))?;
    let bold_subset = subset(FONT_BOLD, &faces.bold.font, &used(true))?;

    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.author = options.author.clone();
    pdf.metadata.info.creator = "Accord".into();
    pdf.metadata.info.producer = "Accord (printpdf)".into();
    pdf.metadata.info.subject = number.to_owned();
    if let Some((payload, _)) = &options.qr {
        // Read back by `accord verify` to find the agreement in the database.
        pdf.metadata.info.keywords = vec![payload.clone()];
    }
    if let Some(head) = &options.audit_head {
        // Read back by `accord verify` to check the trail still holds it.
        pdf.metadata.info.identifier = head.clone();
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

    let out_pages = pages
        .into_iter()
        .map(|(runs, ops)| page(runs, ops, &regular_id, &bold_id))
        .collect();
    pdf.with_pages(out_pages);
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(
        &PdfSaveOptions {
            subset_fonts: false,
            image_optimization: None,
            ..Default::default()
        },
        &mut warnings,
    );
    honest_header(&mut lo);
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Font(format!("writing the PDF: {e}")))?;
    Ok(bytes)
}

/// The file says what it is: PDF 1.7 (its fonts are embedded OpenType,
/// which needs 1.6), and no claim to PDF/X, which it does not meet
/// (printpdf writes a `GTS_PDFXVersion` and `Trapped` in every file).
fn honest_header(lo: &mut lopdf::Document) {
    lo.version = "1.7".into();
    if let Ok(info) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        && let Ok(dict) = lo.get_dictionary_mut(info)
    {
        dict.remove(b"GTS_PDFXVersion");
        dict.remove(b"Trapped");
    }
}

/// `<< /ActualText (…) >>` with the text in UTF-16BE, as PDF text strings
/// beyond Latin-1 are written.
fn actual_text(text: &str) -> printpdf::xobject::DictItem {
    use printpdf::xobject::DictItem;
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::Dict {
        map: [(
            "ActualText".to_owned(),
            DictItem::String {
                data,
                literal: false,
            },
        )]
        .into_iter()
        .collect(),
    }
}

/// One A4 page: its drawing, then its text in one text section.
fn page(runs: Vec<Run>, mut ops: Vec<Op>, regular: &FontId, bold: &FontId) -> PdfPage {
    ops.push(Op::SetFillColor {
        col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
    });
    ops.push(Op::StartTextSection);
    for run in runs {
        let font = if run.bold { bold } else { regular };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(run.size),
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(run.x), Pt(run.y)),
        });
        if run.spacing != 0.0 {
            // A letter-spaced run (the title) reads back as one word:
            // its ActualText is the text without the spaces a reader
            // would otherwise see between the letters.
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Span".into(),
                properties: actual_text(&run.text),
            });
            ops.push(Op::SetCharacterSpacing {
                multiplier: run.spacing,
            });
        }
        let spaced = run.spacing != 0.0;
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.text)],
        });
        if spaced {
            ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
            ops.push(Op::EndMarkedContentWithProperties);
        }
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm(210.0), Mm(297.0), ops)
}
