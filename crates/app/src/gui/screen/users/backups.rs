//! The backups, for an administrator: where they go, the list (newest
//! first), "Back up now", and "Restore…", which asks first in words that
//! say what happens to the work since (kept aside, not lost), then hands
//! the restore to the app (it closes the database for it).

use accord_store::{BackupEntry, BackupKind};
use iced::{
    Center, Element,
    widget::{button, column, row, text},
};

use super::{Message, Users, administrator, phrase_line};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Job, theme, widgets};

/// What the backups section shows.
#[derive(Debug, Clone, Default)]
pub struct Backups {
    /// The folder backups go to, once read.
    folder: Option<std::path::PathBuf>,
    /// The backups in it, newest first.
    list: Vec<BackupEntry>,
    /// The backup whose restore is being asked about.
    confirm: Option<std::path::PathBuf>,
    /// What the last backup did, or why it failed.
    result: Option<Phrase>,
    busy: bool,
}

/// Reads the folder and its backups.
pub fn load_job() -> Job<Message> {
    Job::new(|store| async move {
        let listed = async {
            let folder = store.backup_dir().await?;
            let list = accord_store::list_backups(&folder).unwrap_or_default();
            Ok::<_, accord_store::StoreError>((folder, list))
        };
        Message::BackupsLoaded(listed.await.map_err(AppError::from))
    })
}

impl Users {
    /// "Back up now": into the backups folder, then the list again.
    pub(super) fn back_up_now(&mut self) -> Action<Message> {
        self.backups.busy = true;
        self.backups.result = None;
        Action::run(|store| async move {
            let dir = match store.backup_dir().await {
                Ok(dir) => dir,
                Err(e) => return Message::BackedUp(Err(e.into())),
            };
            Message::BackedUp(
                store
                    .backup_into(&dir, chrono::Utc::now())
                    .await
                    .map(|file| file.path)
                    .map_err(AppError::from),
            )
        })
    }

    pub(super) fn backups_loaded(
        &mut self,
        result: Result<(std::path::PathBuf, Vec<BackupEntry>), AppError>,
    ) {
        match result {
            Ok((folder, list)) => {
                self.backups.folder = Some(folder);
                self.backups.list = list;
            }
            Err(e) => self.backups.result = Some(e.phrase()),
        }
    }

    pub(super) fn backed_up(
        &mut self,
        result: Result<std::path::PathBuf, AppError>,
    ) -> Action<Message> {
        self.backups.busy = false;
        self.backups.result = Some(match result {
            Ok(path) => Phrase::new("backups-done").arg("file", path.display().to_string()),
            Err(e) => e.phrase(),
        });
        Action::Run(vec![load_job()])
    }

    pub(super) fn ask_restore(&mut self, path: Option<std::path::PathBuf>) {
        self.backups.confirm = path;
    }

    /// The section: only for an administrator.
    pub(super) fn backups_view<'a>(&'a self, ctx: Ctx<'a>) -> Option<Element<'a, Message>> {
        if !administrator(&ctx) {
            return None;
        }
        let size = ctx.sizes.body();
        let small = ctx.sizes.small();
        let state = &self.backups;
        let mut section =
            column![widgets::heading(ctx, ctx.tr("backups-title"))].spacing(theme::TIGHT);
        if let Some(folder) = &state.folder {
            section = section.push(
                text(ctx.tr_args(
                    "backups-folder",
                    &[("folder", folder.display().to_string())],
                ))
                .size(small)
                .style(theme::muted_text),
            );
        }
        section = section.push(
            button(text(ctx.tr("backups-now")).size(size))
                .style(button::primary)
                .on_press_maybe((!state.busy).then_some(Message::BackUpNow)),
        );
        if let Some(result) = &state.result {
            section = section.push(phrase_line(ctx, result));
        }
        if state.list.is_empty() {
            section = section.push(text(ctx.tr("backups-none")).size(size));
        }
        for entry in &state.list {
            let when = ctx.datetime(entry.at);
            let kind = match entry.kind {
                BackupKind::Regular => ctx.tr("backups-kind-regular"),
                BackupKind::BeforeMigration => ctx.tr("backups-kind-migration"),
            };
            let size_text = std::fs::metadata(&entry.path)
                .map(|m| format!("{:.1} MB", m.len() as f64 / (1024.0 * 1024.0)))
                .unwrap_or_default();
            let mut line = row![
                text(when.clone()).size(size).width(220),
                text(kind).size(small).width(160),
                text(size_text).size(small).width(90),
            ]
            .spacing(theme::GAP)
            .align_y(Center);
            if state.confirm.as_ref() != Some(&entry.path) {
                line = line.push(
                    button(text(ctx.tr("backups-restore")).size(small))
                        .style(button::secondary)
                        .on_press(Message::AskRestore(Some(entry.path.clone()))),
                );
            }
            section = section.push(line);
            if state.confirm.as_ref() == Some(&entry.path) {
                // Asked first, in words that say what happens to the work
                // since (kept aside, not lost).
                section = section.push(
                    column![
                        text(ctx.tr_args("backups-restore-ask", &[("when", when)]))
                            .size(size)
                            .style(theme::error_text),
                        row![
                            button(text(ctx.tr("backups-restore-confirm")).size(size))
                                .style(button::danger)
                                .on_press(Message::ConfirmRestore(entry.path.clone())),
                            button(text(ctx.tr("backups-restore-cancel")).size(size))
                                .style(button::secondary)
                                .on_press(Message::AskRestore(None)),
                        ]
                        .spacing(theme::GAP),
                    ]
                    .spacing(theme::TIGHT),
                );
            }
        }
        Some(widgets::card(section))
    }
}
