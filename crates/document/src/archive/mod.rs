//! The case file (卷宗): one PDF per case, assembled from its parts in
//! the customary order (cover, table of contents, the sections in the
//! order given, back cover), numbered through on every page, in
//! PDF/A-2b, ready to be sealed like the agreement ([`crate::seal::seal`]).
//!
//! A section is a document we compose (rendered with our renderer), an
//! existing PDF (the sealed agreement's original, a scanned PDF: its pages
//! copied in as they are), or one scanned image (a page of its own, the
//! scan scaled to fit A4 within margins).
//!
//! Every page of the file, the cover, the table of contents and the back
//! cover included, carries its archive number in the top right corner,
//! as 卷宗 are numbered by hand; the table of contents gives each
//! section's first page by that number and the back cover (备考表) the
//! total. `assemble` copies and stamps the pages, `image` puts a scan on a
//! page, `pdfa` writes what PDF/A-2b asks of the file (XMP metadata, the
//! sRGB output intent, the file identifier) and `icc` makes the sRGB
//! profile.
//!
//! What an imported PDF holds is copied as it is, except what cannot
//! stand in the case file: its annotations are drawn into the page as a
//! printout shows them (a filled form field, a stamp, a note's icon) and
//! then dropped (form fields and signatures, whose values no longer
//! verify once the bytes are rearranged, links out, pop-ups); its page
//! actions and its place in its own structure tree go too, and so does
//! what PDF/A forbids that changes nothing on paper (image smoothing,
//! alternate images, OPI proxies, transfer functions).
//! A PDF whose fonts are not all embedded is refused
//! ([`ArchiveError::FontNotEmbedded`]), as PDF/A requires, and so are one
//! that paints in DeviceCMYK ([`ArchiveError::DeviceCmyk`]) and an
//! encrypted one (`check` looks).

mod assemble;
mod check;
mod icc;
mod image;
mod pdfa;

use accord_i18n::{Locale, Translations};
use chrono::NaiveDate;
use lopdf::Document;
use sha2::{Digest, Sha256};

use crate::AgreementDocument;
use crate::pdf::{
    self, PdfError, PrintOptions,
    sheets::{self, BackSheet, ContentsSheet, CoverSheet},
};

pub use icc::srgb_profile;
pub use image::ImageFormat;

/// A case file to assemble.
#[derive(Debug, Clone)]
pub struct CaseFile {
    pub locale: Locale,
    pub cover: Cover,
    /// The documents in the order they are filed.
    pub sections: Vec<Section>,
    pub back: BackCover,
    /// When the file is made (Unix seconds), written into its metadata.
    pub created_unix: i64,
    /// Who makes it (the committee), written into its metadata.
    pub author: String,
}

/// What the cover (案卷封面) says.
#[derive(Debug, Clone)]
pub struct Cover {
    /// "（2025）青山人调字第1号".
    pub file_number: String,
    /// The dispute's name (案由).
    pub case_name: String,
    pub parties: Vec<String>,
    pub mediator: String,
    pub accepted: NaiveDate,
    pub closed: Option<NaiveDate>,
    /// How it ended ("调解成功，达成协议").
    pub result: String,
    /// How long the file is kept: "长期", "永久", "短期".
    pub retention: String,
    pub compiled_by: String,
    pub compiled_on: NaiveDate,
    /// The committee's name, at the head of the cover.
    pub committee: String,
}

/// One document in the file.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its entry in the table of contents.
    pub title: String,
    pub body: SectionBody,
}

/// A section's pages.
#[derive(Debug, Clone)]
pub enum SectionBody {
    /// A document we compose, rendered with our renderer.
    Document(AgreementDocument),
    /// An existing PDF (the sealed agreement's original, a scanned PDF):
    /// its pages copied in as they are.
    Pdf(Vec<u8>),
    /// A scan: one page, scaled to fit A4 within margins.
    Image { bytes: Vec<u8>, format: ImageFormat },
}

/// The back cover (卷内备考表): the page count is stated first, by us;
/// then these labelled lines (立卷人, 检查人, 说明…).
#[derive(Debug, Clone, Default)]
pub struct BackCover {
    pub lines: Vec<(String, String)>,
}

/// Why the case file could not be made. `section` counts from 0 in
/// [`CaseFile::sections`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// A page we set could not be made (a character the font lacks).
    #[error(transparent)]
    Render(#[from] PdfError),
    /// A section's PDF could not be read.
    #[error("section {section} ({title}): not a readable PDF: {message}")]
    UnreadablePdf {
        section: usize,
        title: String,
        message: String,
    },
    /// A section's PDF is encrypted: PDF/A allows no encryption, and the
    /// file's owner restricted copying it.
    #[error("section {section} ({title}): the PDF is encrypted")]
    Encrypted { section: usize, title: String },
    /// A section's PDF has no pages.
    #[error("section {section} ({title}): the PDF has no pages")]
    NoPages { section: usize, title: String },
    /// A section's PDF uses a font it does not embed, which PDF/A forbids
    /// (and which prints differently on every machine).
    #[error("section {section} ({title}): the font {font} is not embedded")]
    FontNotEmbedded {
        section: usize,
        title: String,
        font: String,
    },
    /// A section's PDF paints in DeviceCMYK, which PDF/A allows only in a
    /// file whose output intent is CMYK (the case file's is sRGB): it
    /// must be converted to RGB first.
    #[error("section {section} ({title}): DeviceCMYK colours ({place})")]
    DeviceCmyk {
        section: usize,
        title: String,
        place: String,
    },
    /// A section's image cannot be read or cannot go into PDF/A as it is
    /// (a CMYK or 12-bit JPEG).
    #[error("section {section} ({title}): image: {message}")]
    Image {
        section: usize,
        title: String,
        message: String,
    },
    /// The assembled file could not be written (a defect).
    #[error("writing the case file: {0}")]
    Write(String),
}

/// One part's pages, ready to be copied in.
enum Part {
    Pdf(Box<Document>),
    Image(image::Scan),
}

impl Part {
    fn pages(&self) -> usize {
        match self {
            Part::Pdf(doc) => doc.get_pages().len(),
            Part::Image(_) => 1,
        }
    }
}

/// Assembles the case file: cover, table of contents, the sections, back
/// cover, numbered through, as one PDF/A-2b file.
pub fn case_file(t: &Translations, file: &CaseFile) -> Result<Vec<u8>, ArchiveError> {
    let options = PrintOptions {
        author: file.author.clone(),
        created_unix: file.created_unix,
        footer_pattern: t.tr("doc-footer"),
        ..Default::default()
    };
    let mut id = Sha256::new();
    id.update(file.cover.file_number.as_bytes());
    id.update(file.created_unix.to_be_bytes());

    let mut parts = Vec::with_capacity(file.sections.len());
    for (i, section) in file.sections.iter().enumerate() {
        let part = section_part(i, section, &options)?;
        match &section.body {
            SectionBody::Pdf(bytes) => id.update(bytes),
            SectionBody::Image { bytes, .. } => id.update(bytes),
            SectionBody::Document(doc) => id.update(doc.plain_text().as_bytes()),
        }
        parts.push(part);
    }

    let cover = load_own(&sheets::cover(&cover_sheet(t, &file.cover), &options)?)?;
    let cover_pages = cover.get_pages().len();
    let section_pages: Vec<usize> = parts.iter().map(Part::pages).collect();

    // The table of contents and the back cover depend on page numbers that
    // depend on their own length: set them until their lengths hold (a
    // page number's width never changes where the contents' lines break,
    // so the second round agrees with the first).
    let (mut toc_pages, mut back_pages) = (1, 1);
    let mut rounds = 0;
    let (contents, back, starts, total) = loop {
        rounds += 1;
        if rounds > 4 {
            return Err(ArchiveError::Write(
                "the table of contents does not settle on a length".into(),
            ));
        }
        let mut starts = Vec::with_capacity(section_pages.len());
        let mut next = cover_pages + toc_pages + 1;
        for n in &section_pages {
            starts.push(next);
            next += n;
        }
        let total = next - 1 + back_pages;
        let contents = load_own(&sheets::contents(
            &contents_sheet(t, file, &starts),
            &options,
        )?)?;
        let back = load_own(&sheets::back(&back_sheet(t, file, total), &options)?)?;
        let (c, b) = (contents.get_pages().len(), back.get_pages().len());
        if (c, b) == (toc_pages, back_pages) {
            break (contents, back, starts, total);
        }
        (toc_pages, back_pages) = (c, b);
    };

    let mut out = assemble::Assembly::new();
    let mut outline = Vec::new();
    let mut first_pages = Vec::with_capacity(parts.len());
    let first = out.import(&cover)?;
    outline.push((t.tr("case-file-cover"), first[0]));
    let toc = out.import(&contents)?;
    outline.push((t.tr("case-file-contents"), toc[0]));
    for (section, part) in file.sections.iter().zip(&parts) {
        let pages = match part {
            Part::Pdf(doc) => out.import(doc)?,
            Part::Image(scan) => vec![out.image_page(scan)],
        };
        outline.push((section.title.clone(), pages[0]));
        first_pages.push(out.page_number(pages[0]));
    }
    let back_ids = out.import(&back)?;
    outline.push((t.tr("case-file-back"), back_ids[0]));
    // The numbers printed in the contents and on the back cover are the
    // file's: anything else is a defect, and no file is better than one
    // that lies about its pages.
    let placed: Vec<usize> = first_pages.into_iter().flatten().collect();
    if out.page_count() != total || placed != starts {
        return Err(ArchiveError::Write(format!(
            "{} pages assembled, {total} counted",
            out.page_count()
        )));
    }

    let numbers: Vec<String> = (1..=total)
        .map(|n| t.tr_args("case-file-page-stamp", &[("page", n.to_string().into())]))
        .collect();
    let stamps = load_own(&sheets::stamps(&numbers, &options)?)?;
    out.stamp(&stamps)?;

    let title = t.tr_args(
        "case-file-doc-title",
        &[("number", file.cover.file_number.clone().into())],
    );
    let meta = pdfa::Meta {
        title,
        subject: file.cover.case_name.clone(),
        author: file.author.clone(),
        created_unix: file.created_unix,
        lang: file.locale.tag().to_owned(),
        id: id.finalize()[..16].to_vec(),
    };
    out.finish(&meta, &outline)
}

/// A section's pages: rendered, read, or a scan's page.
fn section_part(i: usize, section: &Section, options: &PrintOptions) -> Result<Part, ArchiveError> {
    let title = || section.title.clone();
    match &section.body {
        SectionBody::Document(doc) => {
            Ok(Part::Pdf(Box::new(load_own(&pdf::render(doc, options)?)?)))
        }
        SectionBody::Pdf(bytes) => {
            let doc = Document::load_mem(bytes).map_err(|e| ArchiveError::UnreadablePdf {
                section: i,
                title: title(),
                message: e.to_string(),
            })?;
            if doc.is_encrypted() || doc.was_encrypted() {
                return Err(ArchiveError::Encrypted {
                    section: i,
                    title: title(),
                });
            }
            if doc.get_pages().is_empty() {
                return Err(ArchiveError::NoPages {
                    section: i,
                    title: title(),
                });
            }
            if let Some(font) = check::unembedded_font(&doc) {
                return Err(ArchiveError::FontNotEmbedded {
                    section: i,
                    title: title(),
                    font,
                });
            }
            if let Some(place) = check::device_cmyk(&doc) {
                return Err(ArchiveError::DeviceCmyk {
                    section: i,
                    title: title(),
                    place,
                });
            }
            Ok(Part::Pdf(Box::new(doc)))
        }
        SectionBody::Image { bytes, format } => image::Scan::read(bytes, *format)
            .map(Part::Image)
            .map_err(|message| ArchiveError::Image {
                section: i,
                title: title(),
                message,
            }),
    }
}

/// Reads back a PDF we rendered.
fn load_own(bytes: &[u8]) -> Result<Document, ArchiveError> {
    Document::load_mem(bytes).map_err(|e| ArchiveError::Write(format!("reading back: {e}")))
}

fn cover_sheet(t: &Translations, cover: &Cover) -> CoverSheet {
    let date = |d: NaiveDate| crate::long_date(t, d);
    let row = |key: &str, value: String| (t.tr(key), value);
    CoverSheet {
        committee: cover.committee.clone(),
        title: t.tr("case-file-title"),
        rows: vec![
            row("case-file-number", cover.file_number.clone()),
            row("case-file-case-name", cover.case_name.clone()),
            row(
                "case-file-parties",
                cover.parties.join(&t.tr("case-file-list-separator")),
            ),
            row("case-file-mediator", cover.mediator.clone()),
            row("case-file-accepted", date(cover.accepted)),
            row(
                "case-file-closed",
                cover.closed.map(date).unwrap_or_default(),
            ),
            row("case-file-result", cover.result.clone()),
            row("case-file-retention", cover.retention.clone()),
            row("case-file-compiled-by", cover.compiled_by.clone()),
            row("case-file-compiled-on", date(cover.compiled_on)),
        ],
    }
}

fn contents_sheet(t: &Translations, file: &CaseFile, starts: &[usize]) -> ContentsSheet {
    ContentsSheet {
        title: t.tr("case-file-contents"),
        header: [
            t.tr("case-file-contents-number"),
            t.tr("case-file-contents-title"),
            t.tr("case-file-contents-page"),
        ],
        rows: file
            .sections
            .iter()
            .zip(starts)
            .enumerate()
            .map(|(i, (section, start))| {
                [
                    (i + 1).to_string(),
                    section.title.clone(),
                    start.to_string(),
                ]
            })
            .collect(),
    }
}

fn back_sheet(t: &Translations, file: &CaseFile, total: usize) -> BackSheet {
    BackSheet {
        title: t.tr("case-file-back"),
        total: t.tr_args("case-file-total", &[("pages", total.to_string().into())]),
        rows: file.back.lines.clone(),
    }
}
