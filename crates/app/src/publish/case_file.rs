//! The case file (卷宗) of a case, bound from what the store holds in the
//! customary order: cover, contents, the application or registration
//! form, the notices of rights and duties, identity documents, powers of
//! attorney, investigation records, evidence, the records of mediation
//! (and an oral agreement's registration), the sealed agreement, the
//! performance receipts, the return visits, the judicial-confirmation
//! papers, the closing report, other scans, the back cover. Sealed with
//! the centre's key, as the agreement is. A batch writes the files of
//! every case whose mediation ended in a period, with a CSV index.

use std::path::{Path, PathBuf};

use accord_core::{Choice, investigation::AttachmentKind};
use accord_document::{
    CaseResult,
    archive::{self, BackCover, CaseFile, Cover, ImageFormat, Section, SectionBody},
    seal,
};
use accord_i18n::Translations;
use accord_store::{Actor, Store};
use sha2::{Digest, Sha256};

use super::{Result, centre_key, records, write};

/// A case file made: its bytes and what the batch index says of it.
#[derive(Debug, Clone)]
pub struct Bound {
    pub pdf: Vec<u8>,
    pub file_number: String,
    pub case_number: String,
    pub parties: Vec<String>,
    pub mediators: Vec<String>,
    pub accepted: chrono::NaiveDate,
    pub closed: Option<chrono::NaiveDate>,
    pub result: String,
    /// The sections' titles, in order.
    pub sections: Vec<String>,
}

/// The words of a result, for the cover and the index.
fn result_words(t: &Translations, result: &CaseResult) -> String {
    match result {
        CaseResult::WrittenAgreement => t.tr("records-result-written"),
        CaseResult::OralAgreement => t.tr("records-result-oral"),
        CaseResult::NotSettled => t.tr("records-result-not-settled"),
        CaseResult::Transferred { body } if body.trim().is_empty() => {
            t.tr("records-result-transferred")
        }
        CaseResult::Transferred { body } => t.tr_args(
            "records-result-transferred-to",
            &[("body", body.clone().into())],
        ),
    }
}

/// Binds and seals the case file of a case.
pub async fn bind(store: &Store, actor: &Actor, t: &Translations, case_id: i64) -> Result<Bound> {
    let case = store.case(case_id).await?;
    let (papers, facts) = records::papers_and_facts(store, t, case_id).await?;
    let attachments = store.attachments(case_id).await?;
    let sealed = store.sealed_pdf(case_id).await?;
    let desk = store.case_desk(case_id).await?;
    let jc = if desk.jc.is_some() && sealed.is_some() {
        Some(super::desk::jc_documents(store, t, case_id).await?)
    } else {
        None
    };

    let mut sections = Vec::new();
    let paper = |sections: &mut Vec<Section>, keys: &[&str]| {
        for p in papers.iter().filter(|p| keys.contains(&p.key)) {
            sections.push(Section {
                title: p.title.clone(),
                body: SectionBody::Document(p.document.clone()),
            });
        }
    };
    let order: [Step; 14] = [
        Step::Papers(&["casefile-application", "casefile-registration"]),
        Step::Papers(&["casefile-rights-notice"]),
        Step::Scans(AttachmentKind::Identity),
        Step::Scans(AttachmentKind::PowerOfAttorney),
        Step::Papers(&["casefile-investigation"]),
        Step::Scans(AttachmentKind::Evidence),
        Step::Papers(&["casefile-mediation-record"]),
        Step::Papers(&["casefile-oral-agreement"]),
        Step::Agreement,
        Step::Scans(AttachmentKind::Receipt),
        Step::Papers(&["casefile-return-visit"]),
        Step::Jc,
        Step::Papers(&["casefile-closing-report"]),
        Step::Scans(AttachmentKind::Other),
    ];
    for step in order {
        match step {
            Step::Papers(keys) => paper(&mut sections, keys),
            Step::Scans(kind) => {
                for a in attachments.iter().filter(|a| a.kind == kind) {
                    let bytes = store.attachment_bytes(a.id).await?;
                    let body = match a.mime.as_str() {
                        "image/jpeg" => SectionBody::Image {
                            bytes,
                            format: ImageFormat::Jpeg,
                        },
                        "image/png" => SectionBody::Image {
                            bytes,
                            format: ImageFormat::Png,
                        },
                        _ => SectionBody::Pdf(bytes),
                    };
                    let label = t.tr(kind.label_key());
                    let title = match a.title.trim() {
                        "" => label,
                        own => t.tr_args(
                            "casefile-scan-title",
                            &[("kind", label.into()), ("title", own.to_owned().into())],
                        ),
                    };
                    sections.push(Section { title, body });
                }
            }
            Step::Agreement => {
                if let Some(sealed) = &sealed {
                    sections.push(Section {
                        title: t.tr("casefile-agreement"),
                        body: SectionBody::Pdf(sealed.pdf.clone()),
                    });
                }
            }
            Step::Jc => {
                if let Some((docs, _)) = &jc {
                    for (i, (_, doc)) in docs.iter().enumerate() {
                        sections.push(Section {
                            title: if i == 0 {
                                t.tr("casefile-jc-application")
                            } else {
                                t.tr("casefile-jc-cover")
                            },
                            body: SectionBody::Document(doc.clone()),
                        });
                    }
                }
            }
        }
    }

    let today = chrono::Local::now().date_naive();
    let parties: Vec<String> = case.parties.iter().map(|p| p.name.clone()).collect();
    let result = facts
        .closed
        .as_ref()
        .map(|(_, r)| result_words(t, r))
        .unwrap_or_else(|| t.tr("casefile-result-open"));
    let file = CaseFile {
        locale: t.locale(),
        cover: Cover {
            file_number: facts.file_number.clone(),
            case_name: t.tr(case.category.label_key()),
            parties: parties.clone(),
            mediator: facts.mediators.join(&t.tr("case-file-list-separator")),
            accepted: facts.accepted,
            closed: facts.closed.as_ref().map(|(d, _)| *d),
            result: result.clone(),
            retention: t.tr("casefile-retention-long"),
            compiled_by: actor.name.clone(),
            compiled_on: today,
            committee: facts.committee.clone(),
        },
        sections,
        back: BackCover {
            lines: vec![
                (t.tr("case-file-checked-by"), String::new()),
                (t.tr("case-file-remarks"), String::new()),
            ],
        },
        created_unix: chrono::Utc::now().timestamp(),
        author: facts.committee.clone(),
    };
    let titles = file.sections.iter().map(|s| s.title.clone()).collect();
    let bytes = archive::case_file(t, &file)?;
    let (key, cert, signer) = centre_key(store, actor, t).await?;
    let pdf = seal::seal(
        &bytes,
        &key,
        &cert,
        &signer,
        &t.tr("casefile-seal-reason"),
        chrono::Utc::now().timestamp(),
    )?;
    Ok(Bound {
        pdf,
        file_number: facts.file_number,
        case_number: case.number.to_string(),
        parties,
        mediators: facts.mediators,
        accepted: facts.accepted,
        closed: facts.closed.map(|(d, _)| d),
        result,
        sections: titles,
    })
}

/// One step of the customary order.
enum Step {
    Papers(&'static [&'static str]),
    Scans(AttachmentKind),
    Agreement,
    Jc,
}

/// The file name of a case's file.
pub fn file_name(t: &Translations, case_number: &str) -> String {
    t.tr_args(
        "casefile-file-name",
        &[("number", case_number.to_owned().into())],
    )
}

/// Binds the case file of a case and writes it into `dir`.
pub async fn write_case_file(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    case_id: i64,
    dir: &Path,
) -> Result<PathBuf> {
    let bound = bind(store, actor, t, case_id).await?;
    write(dir, &file_name(t, &bound.case_number), &bound.pdf)
}

/// What a batch wrote.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub files: Vec<PathBuf>,
    /// The CSV index, one line per case (also those that failed).
    pub index: Option<PathBuf>,
    /// The cases whose file could not be made, with the reason.
    pub failed: Vec<(String, String)>,
}

/// A batch under way: the files written and the index's lines, one case
/// at a time (the window binds one case per job, so it stays responsive
/// and shows the progress).
#[derive(Debug, Clone)]
pub struct BatchRun {
    pub dir: PathBuf,
    pub batch: Batch,
    lines: Vec<String>,
    separator: String,
}

impl BatchRun {
    pub fn new(t: &Translations, dir: &Path) -> Self {
        let header = [
            "casefile-index-file-number",
            "casefile-index-case",
            "casefile-index-parties",
            "casefile-index-mediators",
            "casefile-index-accepted",
            "casefile-index-closed",
            "casefile-index-result",
            "casefile-index-file",
            "casefile-index-sha256",
        ]
        .map(|k| t.tr(k));
        Self {
            dir: dir.to_owned(),
            batch: Batch::default(),
            lines: vec![csv_line(&header)],
            separator: t.tr("case-file-list-separator"),
        }
    }

    /// Binds one case's file and writes it; a file that cannot be bound
    /// is noted with the reason (the batch goes on), a file that cannot
    /// be written stops it.
    pub async fn step(
        &mut self,
        store: &Store,
        actor: &Actor,
        t: &Translations,
        (id, number): (i64, &str),
    ) -> Result<()> {
        match bind(store, actor, t, id).await {
            Ok(bound) => self.written(t, bound),
            Err(e) => {
                self.failed(number, e.phrase().words_with_detail(t));
                Ok(())
            }
        }
    }

    /// A bound file: written, and its line in the index.
    pub fn written(&mut self, t: &Translations, bound: Bound) -> Result<()> {
        let name = file_name(t, &bound.case_number);
        let path = write(&self.dir, &name, &bound.pdf)?;
        let sep = &self.separator;
        self.lines.push(csv_line(&[
            bound.file_number,
            bound.case_number,
            bound.parties.join(sep),
            bound.mediators.join(sep),
            bound.accepted.to_string(),
            bound.closed.map(|d| d.to_string()).unwrap_or_default(),
            bound.result,
            name,
            hex(&Sha256::digest(&bound.pdf)),
        ]));
        self.batch.files.push(path);
        Ok(())
    }

    /// A case whose file could not be bound, and why.
    pub fn failed(&mut self, number: &str, reason: String) {
        let mut cells = vec![String::new(); 9];
        cells[1] = number.to_owned();
        cells[6] = reason.clone();
        self.lines.push(csv_line(&cells));
        self.batch.failed.push((number.to_owned(), reason));
    }

    /// Writes the index (with a byte-order mark, so that spreadsheet
    /// programs read UTF-8).
    pub fn finish(mut self) -> Result<Batch> {
        let text = format!("\u{feff}{}", self.lines.concat());
        self.batch.index = Some(write(&self.dir, "index.csv", text.as_bytes())?);
        Ok(self.batch)
    }
}

/// Writes the case files of every case whose mediation ended between
/// `from` and `to` into `dir`, with `index.csv`; `progress(done, of)`
/// before the first and after each. A case whose file cannot be made is
/// listed in the index with the reason, and the batch goes on.
pub async fn write_batch(
    store: &Store,
    actor: &Actor,
    t: &Translations,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<Batch> {
    let cases = store.cases_ended_between(from, to).await?;
    let mut run = BatchRun::new(t, dir);
    progress(0, cases.len());
    for (done, (id, number)) in cases.iter().enumerate() {
        run.step(store, actor, t, (*id, number)).await?;
        progress(done + 1, cases.len());
    }
    run.finish()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One CSV line (RFC 4180: quoted when it must be).
fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}
