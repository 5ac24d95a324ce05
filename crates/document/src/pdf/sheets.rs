//! The case file's own sheets, set with the agreement's fonts and line
//! breaking: the cover (案卷封面) as a form of labelled, ruled lines; the
//! table of contents (卷内目录) as a ruled table of number, title and
//! first page; the back cover (卷内备考表); and the archive page numbers
//! stamped on every page of the file, one page of stamps per page.
//!
//! None of these pages has the agreement's header or footer: the archive
//! number stamped in the top right corner is their only page number.

use super::fonts::Metrics;
use super::layout::{Page, Pages, Run, stroke};
use super::lines::wrap;
use super::render::{Faces, write};
use super::{BODY, BOTTOM, LINE, MARGIN_X, PAGE_H, PAGE_W, PdfError, PrintOptions};

/// The cover: the committee's name, the title, then labelled lines.
#[derive(Debug, Clone)]
pub(crate) struct CoverSheet {
    pub(crate) committee: String,
    pub(crate) title: String,
    pub(crate) rows: Vec<(String, String)>,
}

/// The table of contents: a title, the column heads (number, title,
/// page) and one row per section.
#[derive(Debug, Clone)]
pub(crate) struct ContentsSheet {
    pub(crate) title: String,
    pub(crate) header: [String; 3],
    pub(crate) rows: Vec<[String; 3]>,
}

/// The back cover: a title, the line stating the page count, then
/// labelled lines.
#[derive(Debug, Clone)]
pub(crate) struct BackSheet {
    pub(crate) title: String,
    pub(crate) total: String,
    pub(crate) rows: Vec<(String, String)>,
}

/// Where the archive number's right edge and baseline are, from the top
/// right corner of an A4 page (the stamps are moved to other page sizes).
const STAMP_RIGHT: f32 = 28.0;
const STAMP_TOP: f32 = 30.0;
const STAMP_SIZE: f32 = 11.0;

const COVER_X: f32 = 100.0;

/// The cover as a PDF.
pub(crate) fn cover(sheet: &CoverSheet, options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::get()?;
    check(
        &faces,
        [&sheet.committee, &sheet.title]
            .into_iter()
            .chain(sheet.rows.iter().flat_map(|(l, v)| [l, v])),
    )?;
    let Faces { regular: m, bold } = faces;
    let mut pages = Pages::new();
    pages.y = PAGE_H - 110.0;
    centred(&mut pages, m, 16.0, false, &sheet.committee);
    pages.y -= 40.0;
    spaced_title(&mut pages, bold, 30.0, &sheet.title);
    pages.y -= 80.0;
    let label_w = sheet
        .rows
        .iter()
        .map(|(l, _)| bold.width(l, 14.0))
        .fold(0.0, f32::max);
    let value_x = COVER_X + label_w + 8.0;
    let right = PAGE_W - COVER_X;
    for (label, value) in &sheet.rows {
        let lines = wrap(m, value, 14.0, right - value_x);
        let lines = if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        };
        pages.room(14.0 * 2.2 * lines.len() as f32);
        for (i, line) in lines.into_iter().enumerate() {
            pages.y -= 14.0 * 2.2;
            let baseline = pages.y + 6.0;
            if i == 0 {
                pages.runs().push(Run {
                    bold: true,
                    ..Run::plain(COVER_X, baseline, 14.0, label.clone())
                });
            }
            pages
                .runs()
                .push(Run::plain(value_x + 4.0, baseline, 14.0, line));
            let y = pages.y + 2.0;
            stroke(pages.ops(), (value_x, y), (right, y), 0.6);
        }
    }
    write(&sheet.title, "", options, &faces, pages.pages)
}

/// The table of contents as a PDF. The page column is right-aligned so a
/// page number's width never changes where lines break.
pub(crate) fn contents(sheet: &ContentsSheet, options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::get()?;
    check(
        &faces,
        std::iter::once(&sheet.title)
            .chain(&sheet.header)
            .chain(sheet.rows.iter().flatten()),
    )?;
    let Faces { regular: m, bold } = faces;
    let left = MARGIN_X;
    let right = PAGE_W - MARGIN_X;
    let number_w = 48.0;
    let page_w = 64.0;
    let title_x = left + number_w;
    let title_w = right - page_w - title_x - 12.0;
    let row_gap = 8.0;

    let mut pages = Pages::new();
    let header = |pages: &mut Pages| {
        spaced_title(pages, bold, 20.0, &sheet.title);
        pages.y -= 18.0;
        let top = pages.y;
        stroke(pages.ops(), (left, top), (right, top), 0.8);
        pages.y -= BODY * LINE + row_gap;
        let baseline = pages.y + row_gap / 2.0 + BODY * 0.5;
        let [n, t, p] = &sheet.header;
        let runs = pages.runs();
        runs.push(Run {
            bold: true,
            ..Run::plain(
                left + (number_w - bold.width(n, BODY)) / 2.0,
                baseline,
                BODY,
                n.clone(),
            )
        });
        runs.push(Run {
            bold: true,
            ..Run::plain(title_x + 6.0, baseline, BODY, t.clone())
        });
        runs.push(Run {
            bold: true,
            ..Run::plain(right - bold.width(p, BODY), baseline, BODY, p.clone())
        });
        let y = pages.y;
        stroke(pages.ops(), (left, y), (right, y), 0.8);
    };
    header(&mut pages);
    for [number, title, page] in &sheet.rows {
        let lines = wrap(m, title, BODY, title_w);
        let height = lines.len().max(1) as f32 * BODY * LINE + row_gap;
        if pages.y - height < BOTTOM {
            pages.pages.push((Vec::new(), Vec::new()));
            pages.y = PAGE_H - 72.0;
            header(&mut pages);
        }
        let top = pages.y;
        let first = top - row_gap / 2.0 - BODY * LINE + BODY * 0.5;
        let runs = pages.runs();
        runs.push(Run::plain(
            left + (number_w - m.width(number, BODY)) / 2.0,
            first,
            BODY,
            number.clone(),
        ));
        for (i, line) in lines.into_iter().enumerate() {
            runs.push(Run::plain(
                title_x + 6.0,
                first - i as f32 * BODY * LINE,
                BODY,
                line,
            ));
        }
        // After the title, so the text reads in the table's order.
        runs.push(Run::plain(
            right - m.width(page, BODY),
            first,
            BODY,
            page.clone(),
        ));
        pages.y = top - height;
        let y = pages.y;
        stroke(pages.ops(), (left, y), (right, y), 0.4);
    }
    write(&sheet.title, "", options, &faces, pages.pages)
}

/// The back cover as a PDF.
pub(crate) fn back(sheet: &BackSheet, options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::get()?;
    check(
        &faces,
        [&sheet.title, &sheet.total]
            .into_iter()
            .chain(sheet.rows.iter().flat_map(|(l, v)| [l, v])),
    )?;
    let Faces { regular: m, bold } = faces;
    let mut pages = Pages::new();
    spaced_title(&mut pages, bold, 20.0, &sheet.title);
    pages.y -= 24.0;
    let measure = PAGE_W - 2.0 * MARGIN_X;
    for line in wrap(m, &sheet.total, 14.0, measure) {
        pages.text(MARGIN_X, 14.0, false, line);
    }
    pages.y -= 12.0;
    for (label, value) in &sheet.rows {
        let label_w = bold.width(label, BODY);
        let lines = wrap(m, value, BODY, measure - label_w);
        pages.y -= 6.0;
        pages.room(BODY * LINE * lines.len().max(1) as f32);
        pages.labelled(label.clone(), true, label_w, lines);
        let y = pages.y + 2.0;
        stroke(pages.ops(), (MARGIN_X, y), (PAGE_W - MARGIN_X, y), 0.4);
    }
    write(&sheet.title, "", options, &faces, pages.pages)
}

/// One A4 page per stamp, each holding only that stamp, right-aligned in
/// the top right corner.
pub(crate) fn stamps(stamps: &[String], options: &PrintOptions) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::get()?;
    check(&faces, stamps)?;
    let pages: Vec<Page> = stamps
        .iter()
        .map(|s| {
            let w = faces.regular.width(s, STAMP_SIZE);
            let run = Run::plain(
                PAGE_W - STAMP_RIGHT - w,
                PAGE_H - STAMP_TOP,
                STAMP_SIZE,
                s.clone(),
            );
            (vec![run], Vec::new())
        })
        .collect();
    write("", "", options, &faces, pages)
}

/// Refuses text the bundled font cannot print.
pub(super) fn check<'a>(
    faces: &Faces,
    texts: impl IntoIterator<Item = &'a String>,
) -> Result<(), PdfError> {
    let mut missing: Vec<char> = texts
        .into_iter()
        .flat_map(|t| t.chars())
        .filter(|c| !faces.regular.has(*c) || !faces.bold.has(*c))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PdfError::MissingGlyphs(missing))
    }
}

/// One line centred between the page edges.
fn centred(pages: &mut Pages, m: &Metrics, size: f32, bold: bool, text: &str) {
    let w = m.width(text, size);
    pages.text((PAGE_W - w) / 2.0, size, bold, text.to_owned());
}

/// A bold title centred and letter-spaced by half a character where it
/// is short (a Chinese title of a few characters).
fn spaced_title(pages: &mut Pages, bold: &Metrics, size: f32, title: &str) {
    let n = title.chars().count().max(1) as f32;
    let spacing = if title.is_ascii() || n > 10.0 {
        0.0
    } else {
        size * 0.5
    };
    let w = bold.width(title, size) + spacing * (n - 1.0);
    pages.text((PAGE_W - w) / 2.0, size, true, title.to_owned());
    if let Some(run) = pages.pages.last_mut().and_then(|p| p.0.last_mut()) {
        run.spacing = spacing;
    }
}
