//! The agreement screen's jobs: save, review, sign, finalise and seal,
//! print, open or save the sealed file; then the screen's data read again.
//! They answer with typed results; nothing here builds a sentence.

use accord_core::agreement::AgreementStatus;
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, Store, StoreError};

use super::{AgreementData, Job, Message};
use crate::error::{AppError, Phrase};
use crate::publish::{self, PublishError};

/// Who runs a job, on which case, and where sealed files go.
#[derive(Debug, Clone)]
pub(super) struct JobFor {
    pub actor: Actor,
    pub locale: Locale,
    /// The database URL or path (sealed files are saved beside it).
    pub db: Option<String>,
    pub case_id: i64,
}

impl JobFor {
    /// Runs the job, then reads the screen's data again.
    pub async fn run(self, store: &Store, job: Job) -> Message {
        let result = self.work(store, job).await;
        let case = store.case(self.case_id).await.ok().map(Box::new);
        let data = match result {
            Ok(notice) => load(store, &self.actor, self.case_id)
                .await
                .map(|mut data| {
                    data.notice = notice;
                    Box::new(data)
                })
                .map_err(AppError::from),
            Err(e) => Err(e),
        };
        Message::Loaded { case, data }
    }

    async fn work(&self, store: &Store, job: Job) -> Result<Option<Phrase>, AppError> {
        let t = Translations::get(self.locale);
        let (actor, id) = (&self.actor, self.case_id);
        let dir = publish::output_dir(self.db.as_deref());
        Ok(match job {
            Job::Save(content, seen) => {
                store.save_agreement_over(actor, id, &content, seen).await?;
                Some(Phrase::new("agreement-saved"))
            }
            Job::Review(next, comment, seen) => {
                match seen {
                    Some(version) => {
                        store
                            .review_agreement_of(actor, id, version, next, comment.as_deref())
                            .await?
                    }
                    None => {
                        store
                            .review_agreement(actor, id, next, comment.as_deref())
                            .await?
                    }
                };
                None
            }
            Job::Sign(signature) => {
                store.save_signature(actor, id, &signature).await?;
                let key = match signature.method {
                    accord_core::agreement::SignMethod::Paper => "agreement-signs-on-paper-saved",
                    _ => "agreement-signature-saved",
                };
                Some(Phrase::new(key).arg("name", signature.name))
            }
            Job::Finalise => {
                // One transaction: never a final agreement left unsealed.
                publish::finalise_and_seal(store, actor, t, id).await?;
                Some(Phrase::new("agreement-finalised"))
            }
            Job::Print { printer, copies } => {
                let files = publish::write_originals(store, actor, t, id, copies, &dir).await?;
                let case = store.case(id).await?;
                let title = t.tr_args(
                    "agreement-print-job",
                    &[("number", case.number.to_string().into())],
                );
                let jobs = match publish::print(&printer, &files, &title) {
                    Ok(jobs) => jobs,
                    Err(err) => {
                        return Err(PublishError::PrintedNothing {
                            cause: Box::new(err),
                            saved_in: dir.display().to_string(),
                        }
                        .into());
                    }
                };
                let count = u32::try_from(files.len()).unwrap_or(u32::MAX);
                store.record_printed(actor, id, &printer, count).await?;
                Some(
                    Phrase::new("agreement-printed")
                        .arg("copies", count.to_string())
                        .arg("printer", printer)
                        .arg("jobs", jobs.join(", ")),
                )
            }
            Job::Open => {
                // A copy (副本) to look at; the committee's original stays
                // in the database with its number.
                let case = store.case(id).await?;
                let path = dir.join(format!("{}-{}.pdf", case.number, t.tr("doc-copy-file")));
                let path = publish::write_copy(store, actor, t, None, id, &path).await?;
                let shown = path.display().to_string();
                let key = if publish::open_in_viewer(&path) {
                    "agreement-opened"
                } else {
                    "agreement-no-viewer"
                };
                Some(Phrase::new(key).arg("path", shown))
            }
            Job::SaveFile(path) => {
                let path = publish::write_copy(store, actor, t, None, id, &path).await?;
                Some(Phrase::new("agreement-saved-at").arg("path", path.display().to_string()))
            }
            Job::Amend(new) => {
                let (amendment, ended) = store.record_amendment(actor, id, &new).await?;
                Some(super::changes::recorded(&amendment, ended))
            }
            Job::SaveAmendment(number) => {
                let (name, pdf) = publish::amendment_pdf(store, t, id, number).await?;
                let path = publish::write(&dir, &name, &pdf)?;
                Some(Phrase::new("agreement-saved-at").arg("path", path.display().to_string()))
            }
        })
    }
}

/// The case and what the agreement screen shows, to open it.
pub async fn open(
    store: &Store,
    actor: &Actor,
    case_id: i64,
) -> Result<(accord_core::Case, AgreementData), StoreError> {
    let case = store.case(case_id).await?;
    Ok((case, load(store, actor, case_id).await?))
}

/// What the agreement screen shows.
pub async fn load(store: &Store, actor: &Actor, case_id: i64) -> Result<AgreementData, StoreError> {
    let record = store.agreement(case_id).await?;
    let signatures = store.signatures(case_id).await?;
    let sealed = store
        .sealed_pdf(case_id)
        .await?
        .map(|s| (s.sealed_at, s.sealed_by, s.sha256));
    // The case's mediator drafts from everything said in the room; anyone
    // else from what was conveyed to both sides.
    let items = match store.latest_session(case_id).await? {
        Some(session) => match store.room_items(actor, session).await {
            Err(StoreError::NotAllowed) => store.shared_room_items(session).await?,
            other => other?,
        },
        None => Vec::new(),
    };
    // Asking CUPS costs two processes: only when there is something to print.
    let printable = record
        .as_ref()
        .is_some_and(|r| r.status == AgreementStatus::Final);
    let printers = if printable {
        tokio::task::spawn_blocking(publish::printers)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let (amendments, open_followups) = if printable {
        let open = store
            .case_followups(case_id)
            .await?
            .iter()
            .filter(|f| f.state == accord_core::followup::FollowUpState::Open)
            .count();
        (store.amendments(case_id).await?, open)
    } else {
        (Vec::new(), 0)
    };
    Ok(AgreementData {
        record,
        signatures,
        sealed,
        items,
        printers,
        notice: None,
        amendments,
        open_followups,
    })
}
