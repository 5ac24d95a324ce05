//! Work the UI asks for that touches the database. `update` returns an
//! [`Effect`]; the application runs it off the UI thread and feeds the
//! result back as a message. Tests run the same effects directly.

use accord_core::{
    AuditAction, Case, CaseStatus, Disclosure, LocalUser, NewItem, Offer, RoomItem, Session,
    UserRole, ValidCase,
};
use accord_store::{Actor, AuditEntry, CasePage, CaseQuery, Store, StoreError};

use crate::gui::screen::agreement::{AgreementData, Job};

/// A database job.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Fetch a page of the case list; `ticket` lets stale answers be dropped.
    LoadCases {
        ticket: u64,
        query: CaseQuery,
        append: bool,
    },
    /// Store a new case.
    SaveCase { actor: Actor, case: Box<ValidCase> },
    /// Fetch a case and its history.
    LoadCase(i64),
    /// Move a case to another status.
    ChangeStatus {
        actor: Actor,
        case_id: i64,
        version: i64,
        next: CaseStatus,
    },
    /// Add a local user and make them current.
    CreateUser {
        by: Option<Actor>,
        name: String,
        role: UserRole,
    },
    /// Make an existing user current.
    UseUser(LocalUser),
    /// Fetch the users.
    LoadUsers,
    /// Remember a preference.
    SaveSetting { key: &'static str, value: String },
    /// Load the example case.
    LoadDemo(Actor, accord_i18n::Locale),
    /// Open (or resume) the mediation room of a case.
    OpenRoom { actor: Actor, case_id: i64 },
    /// Save where the session stands.
    SaveSession {
        actor: Actor,
        session: Box<Session>,
        action: AuditAction,
    },
    /// Save a new room entry.
    RecordItem {
        actor: Actor,
        session_id: i64,
        item: NewItem,
    },
    /// Change who may see an entry.
    Disclose {
        actor: Actor,
        item_id: i64,
        disclosure: Disclosure,
    },
    /// Work on a case's agreement (save, review, sign, finalise and seal,
    /// print), then read it again.
    Agreement(Box<AgreementEffect>),
    /// Read the final agreement's performance for the case detail.
    LoadPerformance(i64),
    /// Record the return visit (satisfaction) and close the case.
    ReturnVisit {
        actor: Actor,
        case_id: i64,
        date: chrono::NaiveDate,
        satisfaction: accord_core::followup::Satisfaction,
        note: String,
    },
    /// Read or change the SMTP settings and the notification option.
    MailSettings {
        locale: accord_i18n::Locale,
        job: crate::gui::screen::users::MailJob,
    },
    /// Background work: queue the reminders that fell due, deliver the
    /// outbox, announce due follow-ups on the desktop. Failures are logged.
    Background { locale: accord_i18n::Locale },
    /// The Today screen's jobs (then it is read again).
    Today {
        actor: Actor,
        locale: accord_i18n::Locale,
        job: crate::gui::screen::today::TodayJob,
    },
    /// Read, create or import the centre's sealing key.
    CentreKey {
        actor: Actor,
        locale: accord_i18n::Locale,
        job: crate::gui::screen::users::KeyJob,
    },
    /// Change an entry's words while its session is open.
    EditItem {
        actor: Actor,
        item_id: i64,
        text: String,
        offer: Option<Offer>,
    },
}

/// An agreement job with what it needs besides the store.
#[derive(Debug, Clone)]
pub struct AgreementEffect {
    pub actor: Actor,
    pub locale: accord_i18n::Locale,
    /// The database URL or path (where sealed files are saved beside it).
    pub db: Option<String>,
    pub case_id: i64,
    pub job: Job,
}

/// Everything the room screen shows.
pub type RoomData = (Case, Session, Vec<RoomItem>);

/// The result of an effect.
#[derive(Debug, Clone)]
pub enum Done {
    CasesLoaded {
        ticket: u64,
        append: bool,
        page: Result<CasePage, StoreError>,
    },
    CaseSaved(Result<Case, StoreError>),
    CaseLoaded(Result<(Case, Vec<AuditEntry>), StoreError>),
    StatusChanged(Result<(Case, Vec<AuditEntry>), StoreError>),
    UserReady(Result<LocalUser, StoreError>),
    UsersLoaded(Result<Vec<LocalUser>, StoreError>),
    SettingSaved(Result<(), StoreError>),
    DemoLoaded(Result<Case, StoreError>),
    RoomOpened(Result<RoomData, StoreError>),
    SessionSaved(Result<Session, StoreError>),
    ItemRecorded(Result<RoomItem, StoreError>),
    ItemReplaced(Result<RoomItem, StoreError>),
    /// The agreement screen's data after a job, or the job's error in the
    /// user's language (with the data as it now stands, when readable).
    Agreement {
        case: Option<Box<Case>>,
        data: Result<Box<AgreementData>, String>,
    },
    /// The performance of a case's final agreement (empty when none).
    Performance(Vec<accord_store::InstallmentStatus>),
    /// The mail settings as stored (if any), the notification option, and
    /// what the job did; or why it failed.
    MailSettings(Result<crate::gui::screen::users::MailState, String>),
    /// The background work ran.
    Background,
    /// The Today screen's data, or why the job failed.
    Today(Result<Box<crate::gui::screen::today::TodayData>, String>),
    /// The sealing key (if any) after a key job, and what it did; or why
    /// it failed, in the user's language.
    CentreKey(Result<(Option<crate::publish::KeyInfo>, Option<String>), String>),
    /// The database was opened again after "Try again".
    Rebooted(Box<crate::gui::Boot>),
}

impl Effect {
    /// Runs the job against the store.
    pub async fn run(self, store: Store) -> Done {
        match self {
            Self::LoadCases {
                ticket,
                query,
                append,
            } => Done::CasesLoaded {
                ticket,
                append,
                page: store.list_cases(&query).await,
            },
            Self::SaveCase { actor, case } => {
                Done::CaseSaved(store.create_case(&actor, &case).await)
            }
            Self::LoadCase(id) => {
                Done::CaseLoaded(with_history(&store, store.case(id).await).await)
            }
            Self::ChangeStatus {
                actor,
                case_id,
                version,
                next,
            } => Done::StatusChanged(
                with_history(
                    &store,
                    store.change_status(&actor, case_id, version, next).await,
                )
                .await,
            ),
            Self::CreateUser { by, name, role } => Done::UserReady(
                async {
                    let user = store.create_user(by.as_ref(), &name, role).await?;
                    store.set_current_user(user.id).await?;
                    Ok(user)
                }
                .await,
            ),
            Self::UseUser(user) => {
                Done::UserReady(store.set_current_user(user.id).await.map(|()| user))
            }
            Self::LoadUsers => Done::UsersLoaded(store.users().await),
            Self::SaveSetting { key, value } => {
                Done::SettingSaved(store.set_local_setting(key, &value).await)
            }
            Self::LoadDemo(actor, locale) => {
                let t = accord_i18n::Translations::load_or_empty(locale);
                Done::DemoLoaded(
                    crate::publish::load_demo(&store, &actor, &t)
                        .await
                        .map(|(case, _)| case)
                        .map_err(|e| match e {
                            crate::publish::PublishError::Store(e) => e,
                            other => StoreError::Database(other.message(&t)),
                        }),
                )
            }

            Self::OpenRoom { actor, case_id } => {
                Done::RoomOpened(open_room(&store, &actor, case_id).await)
            }
            Self::SaveSession {
                actor,
                session,
                action,
            } => Done::SessionSaved(store.save_session(&actor, &session, action).await),
            Self::RecordItem {
                actor,
                session_id,
                item,
            } => Done::ItemRecorded(store.record_item(&actor, session_id, &item).await),
            Self::Disclose {
                actor,
                item_id,
                disclosure,
            } => Done::ItemReplaced(store.set_disclosure(&actor, item_id, disclosure).await),
            Self::EditItem {
                actor,
                item_id,
                text,
                offer,
            } => Done::ItemReplaced(store.edit_item(&actor, item_id, &text, offer).await),
            Self::Agreement(effect) => agreement_job(&store, *effect).await,
            Self::LoadPerformance(id) => {
                Done::Performance(store.performance(id).await.unwrap_or_default())
            }
            Self::ReturnVisit {
                actor,
                case_id,
                date,
                satisfaction,
                note,
            } => Done::StatusChanged(
                with_history(
                    &store,
                    store
                        .record_return_visit(&actor, case_id, date, satisfaction, &note)
                        .await,
                )
                .await,
            ),
            Self::MailSettings { locale, job } => {
                Done::MailSettings(mail_job(&store, locale, job).await)
            }
            Self::Background { locale } => {
                background(&store, locale).await;
                Done::Background
            }
            Self::Today { actor, locale, job } => {
                Done::Today(today_job(&store, &actor, locale, job).await)
            }
            Self::CentreKey { actor, locale, job } => {
                Done::CentreKey(key_job(&store, &actor, locale, job).await)
            }
        }
    }
}

async fn with_history(
    store: &Store,
    case: Result<Case, StoreError>,
) -> Result<(Case, Vec<AuditEntry>), StoreError> {
    let case = case?;
    let history = store.case_history(case.id).await?;
    Ok((case, history))
}

/// Opens (or resumes) a case's session and reads what the room shows.
pub async fn open_room(store: &Store, actor: &Actor, case_id: i64) -> Result<RoomData, StoreError> {
    let session = store.open_session(actor, case_id).await?;
    let case = store.case(case_id).await?;
    let items = store.room_items(session.id).await?;
    Ok((case, session, items))
}

/// Runs an agreement job, then reads the screen's data again.
async fn agreement_job(store: &Store, e: AgreementEffect) -> Done {
    use crate::publish::{self, PublishError};
    let t = accord_i18n::Translations::load_or_empty(e.locale);
    let dir = publish::output_dir(e.db.as_deref());
    let id = e.case_id;
    let result: Result<Option<String>, PublishError> = async {
        Ok(match e.job {
            Job::Load => None,
            Job::Save(content, seen) => {
                store
                    .save_agreement_over(&e.actor, id, &content, seen)
                    .await?;
                Some(t.tr("agreement-saved"))
            }
            Job::Review(next, comment, seen) => {
                match seen {
                    Some(version) => {
                        store
                            .review_agreement_of(&e.actor, id, version, next, comment.as_deref())
                            .await?
                    }
                    None => {
                        store
                            .review_agreement(&e.actor, id, next, comment.as_deref())
                            .await?
                    }
                };
                None
            }
            Job::Sign(signature) => {
                store.save_signature(&e.actor, id, &signature).await?;
                Some(t.tr_args(
                    "agreement-signature-saved",
                    &[("name", signature.name.into())],
                ))
            }
            Job::Finalise => {
                store.finalise_agreement(&e.actor, id).await?;
                publish::seal_final(store, &e.actor, &t, id).await?;
                Some(t.tr("agreement-finalised"))
            }
            Job::Print { printer, copies } => {
                let files = publish::write_originals(store, &e.actor, &t, id, copies, &dir).await?;
                let case = store.case(id).await?;
                let title = t.tr_args(
                    "agreement-print-job",
                    &[("number", case.number.to_string().into())],
                );
                let jobs = match publish::print(&printer, &files, &title) {
                    Ok(jobs) => jobs,
                    Err(err) => {
                        return Err(PublishError::Print(t.tr_args(
                            "agreement-print-failed-saved",
                            &[
                                ("detail", err.message(&t).into()),
                                ("path", dir.display().to_string().into()),
                            ],
                        )));
                    }
                };
                let count = u32::try_from(files.len()).unwrap_or(u32::MAX);
                store.record_printed(&e.actor, id, &printer, count).await?;
                Some(t.tr_args(
                    "agreement-printed",
                    &[
                        ("copies", count.to_string().into()),
                        ("printer", printer.into()),
                        ("jobs", jobs.join(", ").into()),
                    ],
                ))
            }
            Job::Open | Job::SaveFile => {
                let sealed = match store.sealed_pdf(id).await? {
                    Some(s) => s,
                    None => publish::seal_final(store, &e.actor, &t, id).await?,
                };
                let case = store.case(id).await?;
                let name = format!("{}-v{}.pdf", case.number, sealed.version);
                let path = publish::write(&dir, &name, &sealed.pdf)?;
                let shown = path.display().to_string();
                if matches!(e.job, Job::Open) && publish::open_in_viewer(&path) {
                    Some(t.tr_args("agreement-opened", &[("path", shown.into())]))
                } else if matches!(e.job, Job::Open) {
                    Some(t.tr_args("agreement-no-viewer", &[("path", shown.into())]))
                } else {
                    Some(t.tr_args("agreement-saved-at", &[("path", shown.into())]))
                }
            }
        })
    }
    .await;
    let case = store.case(id).await.ok().map(Box::new);
    let data = agreement_data(store, id).await;
    match (result, data) {
        (Ok(notice), Ok(mut data)) => {
            data.notice = notice;
            Done::Agreement {
                case,
                data: Ok(Box::new(data)),
            }
        }
        (Err(err), _) => Done::Agreement {
            case,
            data: Err(err.message(&t)),
        },
        (Ok(_), Err(err)) => Done::Agreement {
            case,
            data: Err(PublishError::Store(err).message(&t)),
        },
    }
}

/// What the agreement screen shows.
pub async fn agreement_data(store: &Store, case_id: i64) -> Result<AgreementData, StoreError> {
    let record = store.agreement(case_id).await?;
    let signatures = store.signatures(case_id).await?;
    let sealed = store
        .sealed_pdf(case_id)
        .await?
        .map(|s| (s.sealed_at, s.sealed_by, s.sha256));
    let items = match store.latest_session(case_id).await? {
        Some(session) => store.room_items(session).await?,
        None => Vec::new(),
    };
    // Asking CUPS costs two processes: only when there is something to print.
    let printable = record
        .as_ref()
        .is_some_and(|r| r.status == accord_core::agreement::AgreementStatus::Final);
    let printers = if printable {
        tokio::task::spawn_blocking(crate::publish::printers)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(AgreementData {
        record,
        signatures,
        sealed,
        items,
        printers,
        notice: None,
    })
}

async fn key_job(
    store: &Store,
    actor: &Actor,
    locale: accord_i18n::Locale,
    job: crate::gui::screen::users::KeyJob,
) -> Result<(Option<crate::publish::KeyInfo>, Option<String>), String> {
    use crate::{gui::screen::users::KeyJob, publish};
    let t = accord_i18n::Translations::load_or_empty(locale);
    let notice = async {
        Ok(match job {
            KeyJob::Load => None,
            KeyJob::Ensure => {
                publish::centre_key(store, actor, &t).await?;
                None
            }
            KeyJob::Create(name) => {
                let key = publish::create_key(store, actor, &name).await?;
                Some(t.tr_args("seal-created", &[("name", key.common_name.into())]))
            }
            KeyJob::Import { path, password } => {
                let key = publish::import_key(store, actor, &path, &password).await?;
                Some(t.tr_args("seal-imported", &[("name", key.common_name.into())]))
            }
        })
    }
    .await
    .map_err(|e: publish::PublishError| e.message(&t))?;
    let key = publish::key_info(store).await.map_err(|e| e.message(&t))?;
    Ok((key, notice))
}

async fn today_job(
    store: &Store,
    actor: &Actor,
    locale: accord_i18n::Locale,
    job: crate::gui::screen::today::TodayJob,
) -> Result<Box<crate::gui::screen::today::TodayData>, String> {
    use crate::gui::screen::today::{TodayData, TodayJob};
    let t = accord_i18n::Translations::load_or_empty(locale);
    let message = |e: StoreError| crate::publish::PublishError::Store(e).message(&t);
    let notice = match job {
        TodayJob::Load => None,
        TodayJob::Complete {
            id,
            outcome,
            performed,
        } => {
            store
                .complete_followup(actor, id, &outcome, performed)
                .await
                .map_err(message)?;
            Some(t.tr("today-completed"))
        }
        TodayJob::Pay { case_id, payment } => {
            let after = store
                .record_payment(actor, case_id, &payment)
                .await
                .map_err(message)?;
            let remaining = after
                .iter()
                .find(|s| {
                    s.obligation == payment.obligation && s.installment == Some(payment.installment)
                })
                .and_then(|s| s.balance)
                .map(|b| b.remaining())
                .unwrap_or(payment.amount);
            Some(t.tr_args(
                "today-paid",
                &[
                    ("amount", accord_document::amount(&t, payment.amount).into()),
                    ("remaining", accord_document::amount(&t, remaining).into()),
                ],
            ))
        }
    };
    let day = chrono::Local::now().date_naive();
    let rows = store.due_followups(day, 500).await.map_err(message)?;
    let outbox = store.outbox(30).await.map_err(message)?;
    Ok(Box::new(TodayData {
        day: Some(day),
        rows,
        outbox,
        notice,
    }))
}

/// The setting that keeps party names out of desktop notifications.
pub const SETTING_NOTIFY_HIDE_NAMES: &str = "notify_hide_names";

async fn background(store: &Store, locale: accord_i18n::Locale) {
    let t = accord_i18n::Translations::load_or_empty(locale);
    let today = chrono::Local::now().date_naive();
    if let Err(e) = crate::mail::queue_due_reminders(store, &t, today).await {
        eprintln!("accord: reminders not queued: {e}");
    }
    match crate::mail::Smtp::configured(store).await {
        Ok(smtp) => {
            if let Err(e) = crate::mail::deliver(store, &smtp, chrono::Utc::now()).await {
                eprintln!("accord: outbox: {e}");
            }
        }
        Err(crate::mail::MailError::NotConfigured) => {}
        Err(e) => eprintln!("accord: mail settings: {e}"),
    }
    let hide = store
        .local_setting(SETTING_NOTIFY_HIDE_NAMES)
        .await
        .ok()
        .flatten()
        .is_some_and(|v| v == "true");
    match store.take_unnotified(today, 20).await {
        Ok(due) if !due.is_empty() => crate::notify::announce(&t, &due, hide),
        Ok(_) => {}
        Err(e) => eprintln!("accord: follow-ups: {e}"),
    }
}

async fn mail_job(
    store: &Store,
    locale: accord_i18n::Locale,
    job: crate::gui::screen::users::MailJob,
) -> Result<crate::gui::screen::users::MailState, String> {
    use crate::gui::screen::users::MailJob;
    let t = accord_i18n::Translations::load_or_empty(locale);
    let notice = match job {
        MailJob::Load => None,
        MailJob::ReminderDays(days) => {
            store
                .set_setting(accord_store::REMINDER_DAYS, &days.to_string())
                .await
                .map_err(|e| e.to_string())?;
            Some(t.tr_args("reminder-days-saved", &[("days", days.to_string().into())]))
        }
        MailJob::HideNames(on) => {
            store
                .set_local_setting(SETTING_NOTIFY_HIDE_NAMES, if on { "true" } else { "false" })
                .await
                .map_err(|e| e.to_string())?;
            None
        }
        MailJob::Save(settings, password) => {
            crate::mail::save_settings(store, &settings, password.as_deref())
                .await
                .map_err(|e| {
                    t.tr_args("error-smtp-settings", &[("detail", e.to_string().into())])
                })?;
            Some(t.tr("smtp-saved"))
        }
    };
    let settings = crate::mail::load_settings(store)
        .await
        .map_err(|e| e.to_string())?;
    let hide = store
        .local_setting(SETTING_NOTIFY_HIDE_NAMES)
        .await
        .map_err(|e| e.to_string())?
        .is_some_and(|v| v == "true");
    let days = store
        .setting(accord_store::REMINDER_DAYS)
        .await
        .map_err(|e| e.to_string())?
        .and_then(|d| d.trim().parse().ok())
        .unwrap_or(accord_core::followup::ScheduleSettings::default().reminder_days);
    Ok((settings, hide, days, notice))
}
