//! First run: the centre's first administrator (name, login name and a
//! password typed twice), then an offer to load the example. From then on
//! the app opens on the login.

use accord_core::{LocalUser, UserRole};
use accord_store::{Actor, CaseQuery, StoreError};
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, row, text, text_input},
};

use super::new_user::{AccountField, NewUser};
use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, Labeled, Route, theme, widgets};

/// The first-run screen: the form, then the offer of the example.
#[derive(Debug, Clone, Default)]
pub struct FirstRun {
    /// Who is at the keyboard, as typed.
    form: NewUser,
    busy: bool,
    /// The user exists and the database has no case: offer the example.
    offer_example: bool,
    /// No database yet: "Start" makes this file, encrypted, with the
    /// administrator.
    new_file: Option<std::path::PathBuf>,
}

impl FirstRun {
    /// The first start where there is no database yet.
    pub fn for_new_file(file: std::path::PathBuf) -> Self {
        Self {
            new_file: Some(file),
            ..Self::default()
        }
    }
}

/// What the user does on the first-run screen, and the answers of its jobs.
#[derive(Debug, Clone)]
pub enum Message {
    /// The name field changed.
    NameChanged(String),
    /// A role was picked (kept for the shared form; the first account is
    /// always the administrator).
    RolePicked(Labeled<UserRole>),
    /// The login name or a password field changed.
    Account(AccountField, String),
    /// "Start" was pressed.
    Start,
    /// The user was created (and whether the database has no case yet),
    /// or why not.
    Created(Result<(LocalUser, bool), StoreError>),
    /// The new encrypted database is made and read, with the
    /// administrator at the keyboard (the app takes it, then answers
    /// `Created`), or why not.
    Began(Result<Box<crate::gui::Boot>, AppError>),
    /// "Load the example case" was pressed.
    LoadExample,
    /// "Start empty" was pressed.
    SkipExample,
    /// The example is loaded (its case number), or why not.
    ExampleLoaded(Result<String, AppError>),
    /// Set-up is over (the seal exists), or why it could not be made.
    Ready(Result<(), AppError>),
}

impl FirstRun {
    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::NameChanged(name) => self.form.name_changed(name),
            Message::RolePicked(role) => self.form.role_picked(role),
            Message::Account(field, value) => self.form.account_changed(field, value),
            Message::Start => {
                if let Some(account) = self.form.submit_account(UserRole::Administrator) {
                    self.busy = true;
                    if let Some(file) = self.new_file.clone() {
                        return Action::run_free(move || async move {
                            Message::Began(
                                crate::gui::Boot::create(file, account)
                                    .await
                                    .map(Box::new)
                                    .map_err(AppError::from),
                            )
                        });
                    }
                    return Action::run(move |store| async move {
                        let created = async {
                            let user = store.create_account(None, &account).await?;
                            store.set_current_user(user.id).await?;
                            let cases = store
                                .list_cases(&CaseQuery {
                                    limit: 1,
                                    ..CaseQuery::default()
                                })
                                .await?;
                            Ok((user, cases.total == 0))
                        };
                        Message::Created(created.await)
                    });
                }
            }
            Message::Created(Ok((user, empty))) => {
                self.busy = false;
                if empty {
                    self.offer_example = true;
                    return Action::UserChanged(user);
                }
                return Action::Many(vec![
                    Action::UserChanged(user),
                    Action::Navigate(Route::Cases),
                ]);
            }
            Message::Created(Err(e)) => {
                self.busy = false;
                return Action::Notice(e.into());
            }
            Message::Began(Err(e)) => {
                self.busy = false;
                return Action::Notice(e.phrase());
            }
            // The app takes the new database first.
            Message::Began(Ok(_)) => self.busy = false,
            Message::LoadExample => {
                self.busy = true;
                let (actor, locale) = (ctx.actor(), ctx.locale());
                return Action::run(move |store| async move {
                    let t = accord_i18n::Translations::get(locale);
                    Message::ExampleLoaded(
                        crate::publish::load_demo(&store, &actor, t)
                            .await
                            .map(|(case, _)| case.number.to_string())
                            .map_err(AppError::from),
                    )
                });
            }
            Message::ExampleLoaded(Ok(number)) => {
                return Action::Many(vec![
                    Action::Navigate(Route::Cases),
                    Action::Notice(Phrase::new("intake-saved").arg("number", number)),
                ]);
            }
            Message::ExampleLoaded(Err(e)) => {
                self.busy = false;
                return Action::Notice(e.phrase());
            }
            Message::SkipExample => {
                // Set-up ends here: the centre's sealing key is made now
                // (the example makes it when it is loaded).
                self.busy = true;
                let (actor, locale) = (ctx.actor(), ctx.locale());
                return Action::run(move |store| async move {
                    Message::Ready(ensure_key(&store, &actor, locale).await)
                });
            }
            Message::Ready(Ok(())) => return Action::Navigate(Route::Cases),
            Message::Ready(Err(e)) => {
                return Action::Many(vec![
                    Action::Navigate(Route::Cases),
                    Action::Notice(e.phrase()),
                ]);
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'_>) -> Element<'a, Message> {
        if self.offer_example {
            return offer_example(ctx, self.busy);
        }
        let name = text_input(&ctx.tr("first-run-name"), self.form.name())
            .style(crate::gui::theme::input)
            .id("first_run_name")
            .on_input(Message::NameChanged)
            .on_submit(Message::Start)
            .size(ctx.sizes.body())
            .padding(8);
        let field = |id: &'static str, value: &str, which: AccountField, secure: bool| {
            text_input("", value)
                .style(crate::gui::theme::input)
                .id(id)
                .secure(secure)
                .on_input(move |v| Message::Account(which, v))
                .on_submit(Message::Start)
                .size(ctx.sizes.body())
                .padding(8)
        };
        let login = field(
            "first_run_login",
            self.form.login(),
            AccountField::Login,
            false,
        );
        let password = field(
            "first_run_password",
            self.form.password(),
            AccountField::Password,
            true,
        );
        let again = field(
            "first_run_again",
            self.form.again(),
            AccountField::Again,
            true,
        );
        let account_error = self
            .form
            .account_error()
            .map(|(key, args)| ctx.tr_args(key, args));
        let start = button(text(ctx.tr("first-run-start")).size(ctx.sizes.body()))
            .padding([8, 20])
            .style(button::primary)
            .on_press_maybe((!self.busy).then_some(Message::Start));
        let form = column![
            text(ctx.tr("first-run-title")).size(ctx.sizes.title()),
            text(ctx.tr("first-run-intro")).size(ctx.sizes.body()),
            widgets::field(
                ctx,
                ctx.tr("first-run-name"),
                name,
                self.form.error().map(|e| ctx.error(e))
            ),
            widgets::field(ctx, ctx.tr("first-run-login"), login, None),
            widgets::field(ctx, ctx.tr("first-run-password"), password, None),
            widgets::field(ctx, ctx.tr("first-run-again"), again, account_error),
            row![start].align_y(Center),
        ]
        .spacing(theme::GAP)
        .max_width(520);
        container(container(widgets::card(form)).max_width(560))
            .center_x(Fill)
            .padding(40)
            .into()
    }
}

/// The centre's sealing key, made now if there is none.
async fn ensure_key(
    store: &accord_store::Store,
    actor: &Actor,
    locale: accord_i18n::Locale,
) -> Result<(), AppError> {
    let t = accord_i18n::Translations::get(locale);
    crate::publish::centre_key(store, actor, t).await?;
    Ok(())
}

/// The offer to load the example case into an empty database.
fn offer_example<'a>(ctx: Ctx<'_>, busy: bool) -> Element<'a, Message> {
    use Message as M;
    let load = button(text(ctx.tr("first-run-load-example")).size(ctx.sizes.body()))
        .padding([8, 20])
        .style(button::primary)
        .on_press_maybe((!busy).then_some(M::LoadExample));
    let skip = button(text(ctx.tr("first-run-skip-example")).size(ctx.sizes.body()))
        .padding([8, 20])
        .style(button::secondary)
        .on_press_maybe((!busy).then_some(M::SkipExample));
    let content = column![
        text(ctx.tr("first-run-example-title")).size(ctx.sizes.title()),
        text(ctx.tr("first-run-example-intro")).size(ctx.sizes.body()),
        row![load, skip].spacing(theme::GAP),
    ]
    .spacing(theme::GAP)
    .max_width(520);
    container(container(widgets::card(content)).max_width(560))
        .center_x(Fill)
        .padding(40)
        .into()
}
