//! The settlement agreement as a document, the supplementary agreements
//! and rescission records that change it once final, and the desk's
//! papers around it (the application for judicial confirmation, each
//! party's packet cover, the transfer slip with its receipt), and the
//! standard papers of the case file (the application or registration
//! form, each party's notice of rights and duties, the records of an
//! investigation, of the mediation and of a return visit, the closing
//! report, the registration of an oral agreement): the
//! words and their order (this module and `compose`, from the locale
//! templates), independent of how they are laid out on paper ([`pdf`]);
//! and the seal on the printed file ([`seal`]).

pub mod archive;
mod compose;
pub mod pdf;
pub mod seal;

use accord_core::{Case, agreement::AgreementContent};
use accord_i18n::{Locale, Translations};

pub use compose::{
    AgreementInput, AmendmentInput, CaseResult, CaseSource, ClosingInput, IntakeInput,
    InvestigationInput, JcInput, MediationRecordInput, NoticeInput, OralInput, TransferInput,
    VisitInput, agreement, amendment, amount, closing_report, intake_form, investigation_record,
    jc_application, jc_cover, long_date, mediation_record, oral_agreement_form, recordable,
    return_visit_record, rights_notice, signature_label, transfer_slip,
};
pub use pdf::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR};

/// One block of the printed agreement, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document title, centred.
    Title(String),
    /// A line under the title (the document number), right-aligned.
    Reference(String),
    /// A section heading.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A party: "申请人：" in bold, the name line, then one line per detail.
    Party {
        role: String,
        summary: String,
        details: Vec<String>,
    },
    /// A numbered term of the agreement.
    Term { number: usize, text: String },
    /// The signature blocks, side by side where space allows.
    Signatures(Vec<SignatureBox>),
    /// Lines set flush right under the signatures (committee seal, date).
    Closing(Vec<String>),
    /// A boxed notice with a bold lead ("司法确认告知：...").
    Notice { lead: String, text: String },
    /// A list item with its own marker ("一、", "1.") set flush left.
    Item { marker: String, text: String },
    /// The line that closes the operative text ("（以下无正文）"): nothing
    /// can be added between it and the signatures.
    EndOfText(String),
}

/// One place to sign.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureBox {
    /// "申请人（签名/按指印）" or "Applicant (signature)".
    pub label: String,
    /// The printed name under the line.
    pub name: String,
    /// Whether a fingerprint box is printed beside the signature.
    pub fingerprint: bool,
    /// The words printed inside the fingerprint box (or the seal box).
    pub fingerprint_label: String,
    /// Whether a box for an organisation's seal is printed (盖章处).
    pub seal: bool,
    /// Words before the signature line ("By"), or nothing.
    pub line_prefix: String,
    /// Lines under the printed name ("Its: Manager", "Date: ____").
    pub extra: Vec<String>,
    /// The handwritten signature from the signature pad: strokes of points
    /// in a unit box (x right, y down). Empty when signed on paper.
    pub strokes: Vec<Vec<(f32, f32)>>,
}

/// The whole agreement as blocks, plus what the page header and footer
/// need.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementDocument {
    pub locale: Locale,
    pub title: String,
    /// The document number printed in the header (the case number).
    pub number: String,
    pub blocks: Vec<Block>,
    /// Printed at the top of a page that carries signatures and no text
    /// of the agreement ("（本页为编号…《人民调解协议书》签署页，无正文）"),
    /// which ties that page to the agreement. The layout keeps the
    /// signatures with the last clause where they fit on one page.
    pub signature_page: String,
}

impl AgreementDocument {
    /// All the text, in reading order (for tests and plain-text export).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(s)
                | Block::Reference(s)
                | Block::Heading(s)
                | Block::Paragraph(s)
                | Block::EndOfText(s) => {
                    out.push_str(s);
                }
                Block::Term { number, text } => out.push_str(&format!("{number}. {text}")),
                Block::Signatures(boxes) => {
                    for b in boxes {
                        out.push_str(&format!("{} {}\n", b.label, b.name));
                    }
                }
                Block::Closing(lines) => out.push_str(&lines.join("\n")),
                Block::Notice { lead, text } => out.push_str(&format!("{lead}{text}")),
                Block::Item { marker, text } => out.push_str(&format!("{marker}{text}")),
                Block::Party {
                    role,
                    summary,
                    details,
                } => {
                    out.push_str(&format!("{role}{summary}\n{}", details.join("\n")));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// One line of the difference between two versions of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// The difference between two versions' printed text, line by line, as a
/// legal advisor reads it when a draft comes back for approval.
pub fn diff(
    t: &Translations,
    case: &Case,
    old: &AgreementContent,
    new: &AgreementContent,
) -> Vec<DiffLine> {
    let old = agreement(t, &AgreementInput::new(case, old)).plain_text();
    let new = agreement(t, &AgreementInput::new(case, new)).plain_text();
    similar::TextDiff::from_lines(&old, &new)
        .iter_all_changes()
        .map(|change| {
            let line = change.value().trim_end_matches('\n').to_owned();
            match change.tag() {
                similar::ChangeTag::Equal => DiffLine::Same(line),
                similar::ChangeTag::Delete => DiffLine::Removed(line),
                similar::ChangeTag::Insert => DiffLine::Added(line),
            }
        })
        .collect()
}
