//! From the final agreement to paper, cut by concern: `sealing` renders
//! the final agreement with its signatures and seals it, `printing` talks
//! to CUPS and the system viewer, `key` keeps the centre's sealing key, and
//! `example` loads the example case. Here: the error type and where the
//! sealed files are written.

mod amendment;
pub mod case_file;
mod desk;
mod example;
mod key;
mod printing;
pub mod records;
mod sealing;
pub mod stats;

use std::path::{Path, PathBuf};

use accord_document::{pdf, seal};
use accord_store::StoreError;

pub use amendment::amendment_pdf;
pub use desk::{jc_papers, transfer_papers};
pub use example::{handwriting, load_demo};
pub use key::{
    CENTRE_COURT, CENTRE_NAME, CENTRE_NUMBER_FORMAT, KeyInfo, centre_key, centre_name, create_key,
    import_key, key_info, unwrap_key, unwrap_key_with, wrap_key,
};
pub use printing::{open_in_viewer, print, printers};
pub use sealing::{
    Mark, agreement_emails, document_translations, final_document, finalise_and_seal, seal_final,
    sealed_original, write_copy, write_originals,
};

use crate::error::Phrase;

/// Why a PDF could not be made, sealed, printed or opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Only a final agreement is sealed and handed out.
    #[error("the agreement is not final")]
    NotFinal,
    /// The text holds characters the font cannot print.
    #[error("missing glyphs {0:?}")]
    Glyphs(Vec<char>),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error(transparent)]
    Seal(#[from] seal::SealError),
    /// The case file could not be bound (a scan PDF/A cannot hold).
    #[error(transparent)]
    Archive(#[from] accord_document::archive::ArchiveError),
    #[error("file {path}: {detail}")]
    File { path: String, detail: String },
    /// A PKCS#12 file that cannot be used.
    #[error(transparent)]
    Import(#[from] seal::ImportError),
    /// CUPS is not installed or refused the job.
    #[error("print: {0}")]
    Print(String),
    /// A new seal needs the centre's name.
    #[error("the seal needs the centre's name")]
    NoCentreName,
    /// The sealing key is stored sealed under the centre secret
    /// (`secret.key`), which this computer does not have or cannot read.
    #[error(transparent)]
    Secret(#[from] crate::secret::SecretError),
    /// Printing failed after the sealed files were written.
    #[error("{cause} (the files are in {saved_in})")]
    PrintedNothing {
        cause: Box<PublishError>,
        saved_in: String,
    },
}

impl PublishError {
    /// What to tell the user (translated when shown).
    pub fn phrase(&self) -> Phrase {
        match self {
            Self::Store(e) => e.into(),
            Self::NotFinal => Phrase::error("error-agreement-not-final"),
            Self::NoCentreName => Phrase::error("error-seal-no-name"),
            Self::Glyphs(chars) => {
                Phrase::error("error-missing-glyphs").arg("chars", chars.iter().collect::<String>())
            }
            Self::Pdf(e) => Phrase::error("error-pdf").detail(e.to_string()),
            Self::Seal(e) => Phrase::from_message(e.message()),
            Self::Archive(e) => archive_phrase(e),
            Self::File { path, detail } => Phrase::error("error-file")
                .arg("path", path.clone())
                .detail(detail.clone()),
            Self::Print(detail) => Phrase::error("error-print").detail(detail.clone()),
            Self::Secret(e) => e.phrase(),
            Self::PrintedNothing { cause, saved_in } => {
                let cause = cause.phrase();
                let detail = cause.detail.clone().unwrap_or_default();
                Phrase::error("agreement-print-failed-saved")
                    .arg("detail", cause)
                    .arg("path", saved_in.clone())
                    .detail(detail)
            }
            Self::Import(e) => Phrase::from_message(e.message()),
        }
    }
}

/// What to tell the user when a case file cannot be bound: which paper
/// and why, in words a clerk acts on.
fn archive_phrase(e: &accord_document::archive::ArchiveError) -> Phrase {
    use accord_document::archive::ArchiveError as E;
    match e {
        E::Render(e) => Phrase::error("error-pdf").detail(e.to_string()),
        E::UnreadablePdf { title, message, .. } => Phrase::error("error-case-file-unreadable")
            .arg("title", title.clone())
            .detail(message.clone()),
        E::Encrypted { title, .. } => {
            Phrase::error("error-case-file-encrypted").arg("title", title.clone())
        }
        E::NoPages { title, .. } => {
            Phrase::error("error-case-file-no-pages").arg("title", title.clone())
        }
        E::FontNotEmbedded { title, font, .. } => Phrase::error("error-case-file-font")
            .arg("title", title.clone())
            .arg("font", font.clone()),
        E::DeviceCmyk { title, place, .. } => Phrase::error("error-case-file-cmyk")
            .arg("title", title.clone())
            .detail(place.clone()),
        E::Image { title, message, .. } => Phrase::error("error-case-file-image")
            .arg("title", title.clone())
            .detail(message.clone()),
        E::Write(message) => Phrase::error("error-pdf").detail(message.clone()),
    }
}

type Result<T> = std::result::Result<T, PublishError>;

/// Writes a file, creating its folder.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    let err = |e: std::io::Error| PublishError::File {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    std::fs::write(&path, bytes).map_err(err)?;
    Ok(path)
}

/// Where sealed agreements are saved: an `agreements` folder beside the
/// SQLite file, or in the user's data folder.
pub fn output_dir(db: Option<&str>) -> PathBuf {
    let file = db
        .filter(|u| !u.contains("://") || u.starts_with("sqlite:"))
        .map(|u| {
            let path = u
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            PathBuf::from(path.split('?').next().unwrap_or(path))
        })
        .or_else(accord_store::default_database_path);
    file.as_deref()
        .and_then(Path::parent)
        .map(|p| p.join("agreements"))
        .unwrap_or_else(|| std::env::temp_dir().join("accord_agreements"))
}
