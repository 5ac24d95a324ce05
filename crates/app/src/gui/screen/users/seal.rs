//! The centre's seal: the key that seals published agreements, created
//! here or imported from a PKCS#12 file, its jobs and its section of the
//! users screen.

use accord_store::Store;
use iced::{
    Element,
    widget::{button, column, row, text, text_input},
};

use super::{Message, Users, phrase_line};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, theme, widgets};
use crate::publish::{self, KeyInfo};

/// What the seal section asks for.
#[derive(Debug, Clone)]
pub enum KeyJob {
    /// Read the key in use.
    Load,
    /// Create a key now if there is none (at set-up).
    Ensure,
    /// Create a new key in the centre's name.
    Create(String),
    /// Import a key and its certificate from a PKCS#12 file.
    Import {
        path: std::path::PathBuf,
        password: String,
    },
}

impl Users {
    /// "Create a seal": a new key in the typed centre name.
    pub(super) fn create_key(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
        self.busy = true;
        let job = KeyJob::Create(self.centre_name.trim().to_owned());
        Action::Run(vec![key_job(&ctx.actor(), ctx.locale(), job)])
    }

    /// "Import": the typed file with the typed password (then forgotten).
    pub(super) fn import_key(&mut self, ctx: &Ctx<'_>) -> Action<Message> {
        self.busy = true;
        let password = std::mem::take(&mut self.p12_password);
        let job = KeyJob::Import {
            path: self.p12_path.trim().into(),
            password,
        };
        Action::Run(vec![key_job(&ctx.actor(), ctx.locale(), job)])
    }

    /// The answer of a key job.
    pub(super) fn key_done(&mut self, result: Result<(Option<KeyInfo>, Option<Phrase>), AppError>) {
        self.busy = false;
        match result {
            Ok((key, notice)) => {
                if let Some(k) = &key
                    && self.centre_name.is_empty()
                {
                    self.centre_name = k.common_name.clone();
                }
                self.key = key;
                self.key_result = notice;
            }
            Err(e) => self.key_result = Some(e.phrase()),
        }
    }

    /// The court and number format as stored (after loading or saving).
    pub(super) fn details_done(
        &mut self,
        result: Result<(String, String, Option<Phrase>), AppError>,
    ) {
        self.busy = false;
        match result {
            Ok((court, format, notice)) => {
                self.court = court;
                self.number_format = format;
                self.details_result = notice;
            }
            Err(e) => self.details_result = Some(e.phrase()),
        }
    }

    /// What the agreements print of the centre: the court named in the
    /// judicial-confirmation notice and the format of document numbers,
    /// with the number the format gives.
    fn details_view<'a>(&'a self, ctx: Ctx<'a>, admin: bool) -> Element<'a, Message> {
        let size = ctx.sizes.body();
        let example = if self.number_format.trim().is_empty() {
            ctx.tr_args(
                "centre-number-example",
                &[("number", accord_core::CaseNumber::new(2025, 1).to_string())],
            )
        } else {
            ctx.tr_args(
                "centre-number-example",
                &[(
                    "number",
                    accord_core::CaseNumber::new(2025, 1).formatted(self.number_format.trim()),
                )],
            )
        };
        let mut col = column![
            row![
                widgets::field(
                    ctx,
                    ctx.tr("centre-court"),
                    text_input(&ctx.tr("centre-court-placeholder"), &self.court)
                        .style(crate::gui::theme::input)
                        .id("centre_court")
                        .size(size)
                        .on_input(Message::Court),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("centre-number-format"),
                    text_input(
                        &ctx.tr("centre-number-format-placeholder"),
                        &self.number_format
                    )
                    .style(crate::gui::theme::input)
                    .id("centre_number_format")
                    .size(size)
                    .on_input(Message::NumberFormat),
                    None
                ),
                button(text(ctx.tr("centre-details-save")).size(size))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy && admin).then_some(Message::SaveDetails)),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
            text(example)
                .size(ctx.sizes.small())
                .style(theme::muted_text),
        ]
        .spacing(theme::TIGHT);
        if let Some(result) = &self.details_result {
            col = col.push(phrase_line(ctx, result));
        }
        col.into()
    }

    /// The seal section: the key in use, creating one, importing one.
    pub(super) fn seal_view<'a>(&'a self, ctx: Ctx<'a>) -> Element<'a, Message> {
        let admin = super::administrator(&ctx);
        let size = ctx.sizes.body();
        let mut col = column![
            widgets::heading(ctx, ctx.tr("seal-title")),
            text(ctx.tr("seal-explain"))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
        ]
        .spacing(theme::TIGHT);
        match &self.key {
            Some(k) => {
                col = col
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-name"),
                        k.common_name.clone(),
                    ))
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-source"),
                        ctx.tr_args(
                            if k.imported {
                                "seal-imported-at"
                            } else {
                                "seal-created-at"
                            },
                            &[("when", ctx.datetime(k.created_at))],
                        ),
                    ))
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-fingerprint"),
                        k.fingerprint.clone(),
                    ))
                    .push(widgets::fact(
                        ctx,
                        ctx.tr("seal-issuer"),
                        match &k.issued_by {
                            Some(ca) => ctx.tr_args("seal-issued-by", &[("ca", ca.clone())]),
                            None => ctx.tr("seal-self-signed"),
                        },
                    ));
            }
            None => col = col.push(text(ctx.tr("seal-none")).size(size)),
        }
        col = col.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("seal-centre-name"),
                    text_input(&ctx.tr("centre-default-name"), &self.centre_name)
                        .style(crate::gui::theme::input)
                        .id("seal_centre_name")
                        .size(size)
                        .on_input(Message::CentreName),
                    None
                ),
                button(text(ctx.tr("seal-create")).size(size))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.busy && admin && !self.centre_name.trim().is_empty())
                            .then_some(Message::CreateKey)
                    ),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        );
        col = col.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("seal-p12-path"),
                    text_input("/home/…/centre.p12", &self.p12_path)
                        .style(crate::gui::theme::input)
                        .id("seal_p12_path")
                        .size(size)
                        .on_input(Message::P12Path),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("seal-p12-password"),
                    text_input("", &self.p12_password)
                        .style(crate::gui::theme::input)
                        .id("seal_p12_password")
                        .secure(true)
                        .size(size)
                        .on_input(Message::P12Password),
                    None
                ),
                button(text(ctx.tr("seal-import")).size(size))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.busy && admin && !self.p12_path.trim().is_empty())
                            .then_some(Message::ImportKey)
                    ),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        );
        col = col.push(self.details_view(ctx, admin));
        if !admin {
            // The store refuses anyone else; the buttons wait and say why.
            col = col.push(
                text(ctx.tr("seal-admin-only"))
                    .size(ctx.sizes.small())
                    .style(theme::muted_text),
            );
        }
        if let Some(result) = &self.key_result {
            col = col.push(phrase_line(ctx, result));
        }
        widgets::card(col)
    }
}

/// Reads the court and number format, after saving `save` when given.
pub fn details_job(
    actor: &accord_store::Actor,
    save: Option<(String, String)>,
) -> crate::gui::Job<Message> {
    let actor = actor.clone();
    crate::gui::Job::new(move |store| async move {
        Message::DetailsDone(run_details_job(&store, &actor, save).await)
    })
}

async fn run_details_job(
    store: &Store,
    actor: &accord_store::Actor,
    save: Option<(String, String)>,
) -> Result<(String, String, Option<Phrase>), AppError> {
    let saved = match save {
        Some((court, format)) => {
            store
                .set_centre_details(
                    actor,
                    &[
                        (publish::CENTRE_COURT, court.as_str()),
                        (publish::CENTRE_NUMBER_FORMAT, format.as_str()),
                    ],
                )
                .await?;
            Some(Phrase::new("centre-details-saved"))
        }
        None => None,
    };
    let court = store
        .setting(publish::CENTRE_COURT)
        .await?
        .unwrap_or_default();
    let format = store
        .setting(publish::CENTRE_NUMBER_FORMAT)
        .await?
        .unwrap_or_default();
    Ok((court, format, saved))
}

/// A seal job, then the key as it now stands.
pub fn key_job(
    actor: &accord_store::Actor,
    locale: accord_i18n::Locale,
    job: KeyJob,
) -> crate::gui::Job<Message> {
    let actor = actor.clone();
    crate::gui::Job::new(move |store| async move {
        Message::KeyDone(run_key_job(&store, &actor, locale, job).await)
    })
}

async fn run_key_job(
    store: &Store,
    actor: &accord_store::Actor,
    locale: accord_i18n::Locale,
    job: KeyJob,
) -> Result<(Option<KeyInfo>, Option<Phrase>), AppError> {
    let notice = match job {
        KeyJob::Load => None,
        KeyJob::Ensure => {
            let t = accord_i18n::Translations::get(locale);
            publish::centre_key(store, actor, t).await?;
            None
        }
        KeyJob::Create(name) => {
            let key = publish::create_key(store, actor, &name).await?;
            Some(Phrase::new("seal-created").arg("name", key.common_name))
        }
        KeyJob::Import { path, password } => {
            let key = publish::import_key(store, actor, &path, &password).await?;
            Some(Phrase::new("seal-imported").arg("name", key.common_name))
        }
    };
    Ok((publish::key_info(store).await?, notice))
}
