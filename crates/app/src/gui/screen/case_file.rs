//! A case's file (卷宗): its statistical type, source and prevention
//! marks; its risk flags, which the director clears with a note; the
//! investigation records; the scans (identity documents, powers of
//! attorney, evidence, receipts); and the papers and the bound, sealed
//! file written beside the database. The rules (who may clear a flag,
//! what a record needs, which files are scans) are the store's.

use std::path::PathBuf;

use accord_core::{
    Case,
    investigation::{AttachmentKind, Investigation},
    risk::{RiskLevel, RiskRule},
    stats::{CaseSource, StatCategory},
};
use accord_store::{Attachment, CaseFlag, Classification, Store};
use iced::{
    Center, Element, Fill,
    widget::{button, column, container, pick_list, row, text, text_input},
};

use crate::error::{AppError, Phrase};
use crate::gui::{
    Action, Ctx, Labeled, Route,
    commands::{Command, Shortcut},
    theme, widgets,
};

/// What the screen shows, read in one job.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub case: Case,
    pub class: Classification,
    pub flags: Vec<CaseFlag>,
    pub investigations: Vec<Investigation>,
    pub attachments: Vec<Attachment>,
}

async fn load(store: &Store, case_id: i64) -> Result<Box<Loaded>, AppError> {
    Ok(Box::new(Loaded {
        case: store.case(case_id).await?,
        class: store.classification(case_id).await?,
        flags: store.risk_flags(case_id).await?,
        investigations: store.investigations(case_id).await?,
        attachments: store.attachments(case_id).await?,
    }))
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Loaded>, AppError>),
    Category(Labeled<StatCategory>),
    Source(Labeled<CaseSource>),
    Crime(String),
    Petition(String),
    SaveClass,
    /// A flag's clearing note as typed.
    ClearNote(RiskRule, String),
    Clear(RiskRule),
    InvAt(String),
    InvPlace(String),
    InvInvestigators(String),
    InvPersons(String),
    InvFindings(String),
    AddInvestigation,
    ScanKind(Labeled<AttachmentKind>),
    ScanTitle(String),
    ScanPath(String),
    Browse,
    Browsed(Option<PathBuf>),
    AddScan,
    /// A change was stored: the screen reads the case again.
    Saved(Result<&'static str, AppError>),
    Papers,
    Bind,
    Written(Result<Vec<PathBuf>, AppError>),
    Back,
}

/// The screen's state.
#[derive(Debug, Clone)]
pub struct CaseFileScreen {
    pub case_id: i64,
    data: Option<Loaded>,
    category: Option<Labeled<StatCategory>>,
    source: Option<Labeled<CaseSource>>,
    crime: String,
    petition: String,
    notes: Vec<(RiskRule, String)>,
    inv_at: String,
    inv_place: String,
    inv_investigators: String,
    inv_persons: String,
    inv_findings: String,
    scan_kind: Option<Labeled<AttachmentKind>>,
    scan_title: String,
    scan_path: String,
    busy: bool,
    notice: Option<Phrase>,
    error: Option<Phrase>,
}

type El<'a> = Element<'a, Message>;

/// Names typed as "王建国、刘芳" or "王建国, 刘芳".
fn names(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

fn count(s: &str) -> Result<Option<i64>, ()> {
    match s.trim() {
        "" => Ok(None),
        n => n.parse().map(Some).map_err(|_| ()),
    }
}

fn level_style(level: RiskLevel) -> fn(&iced::Theme) -> container::Style {
    match level {
        RiskLevel::Red => theme::alert,
        RiskLevel::Yellow => theme::caution,
        RiskLevel::Green => theme::badge,
    }
}

impl CaseFileScreen {
    pub fn open(case_id: i64) -> (Self, Action<Message>) {
        let screen = Self {
            case_id,
            data: None,
            category: None,
            source: None,
            crime: String::new(),
            petition: String::new(),
            notes: Vec::new(),
            inv_at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
            inv_place: String::new(),
            inv_investigators: String::new(),
            inv_persons: String::new(),
            inv_findings: String::new(),
            scan_kind: None,
            scan_title: String::new(),
            scan_path: String::new(),
            busy: true,
            notice: None,
            error: None,
        };
        (
            screen,
            Action::run(move |store| async move { Message::Loaded(load(&store, case_id).await) }),
        )
    }

    /// Whether leaving would lose something typed: an investigation's
    /// findings, a flag's note, a scan not yet added.
    pub fn unsaved(&self) -> bool {
        !self.inv_findings.trim().is_empty()
            || !self.inv_place.trim().is_empty()
            || !self.scan_path.trim().is_empty()
            || self.notes.iter().any(|(_, n)| !n.trim().is_empty())
    }

    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        vec![
            Command::new(ctx.tr("casefile-bind"), Message::Bind).keys(Shortcut::alt('b')),
            Command::new(ctx.tr("casefile-papers"), Message::Papers),
            Command::new(ctx.tr("detail-back"), Message::Back),
        ]
    }

    fn reload(&mut self) -> Action<Message> {
        let case_id = self.case_id;
        self.busy = true;
        Action::run(move |store| async move { Message::Loaded(load(&store, case_id).await) })
    }

    fn note(&self, rule: RiskRule) -> &str {
        self.notes
            .iter()
            .find(|(r, _)| *r == rule)
            .map_or("", |(_, n)| n.as_str())
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        let (actor, case_id) = (ctx.actor(), self.case_id);
        match message {
            Message::Loaded(Ok(data)) => {
                self.busy = false;
                self.category = Some(ctx.labeled(data.class.category));
                self.source = Some(ctx.labeled(data.class.source));
                self.crime = data
                    .class
                    .crime_persons
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                self.petition = data
                    .class
                    .petition_persons
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                self.data = Some(*data);
            }
            Message::Loaded(Err(e)) | Message::Written(Err(e)) => {
                self.busy = false;
                self.error = Some(e.phrase());
            }
            Message::Category(c) => self.category = Some(c),
            Message::Source(s) => self.source = Some(s),
            Message::Crime(s) => self.crime = s,
            Message::Petition(s) => self.petition = s,
            Message::SaveClass => {
                let (Some(category), Some(source)) = (&self.category, &self.source) else {
                    return Action::None;
                };
                let (Ok(crime_persons), Ok(petition_persons)) =
                    (count(&self.crime), count(&self.petition))
                else {
                    self.error = Some(Phrase::error("error-persons-count"));
                    return Action::None;
                };
                let class = Classification {
                    category: category.value,
                    source: source.value,
                    crime_persons,
                    petition_persons,
                };
                self.busy = true;
                return Action::run(move |store| async move {
                    Message::Saved(
                        store
                            .set_classification(&actor, case_id, &class)
                            .await
                            .map(|_| "casefile-class-saved")
                            .map_err(AppError::from),
                    )
                });
            }
            Message::ClearNote(rule, note) => {
                self.notes.retain(|(r, _)| *r != rule);
                self.notes.push((rule, note));
            }
            Message::Clear(rule) => {
                let note = self.note(rule).to_owned();
                self.busy = true;
                return Action::run(move |store| async move {
                    Message::Saved(
                        store
                            .clear_risk(&actor, case_id, rule, &note)
                            .await
                            .map(|_| "casefile-flag-cleared")
                            .map_err(AppError::from),
                    )
                });
            }
            Message::InvAt(s) => self.inv_at = s,
            Message::InvPlace(s) => self.inv_place = s,
            Message::InvInvestigators(s) => self.inv_investigators = s,
            Message::InvPersons(s) => self.inv_persons = s,
            Message::InvFindings(s) => self.inv_findings = s,
            Message::AddInvestigation => {
                let Ok(at) =
                    chrono::NaiveDateTime::parse_from_str(self.inv_at.trim(), "%Y-%m-%d %H:%M")
                else {
                    self.error = Some(Phrase::error("casefile-error-when"));
                    return Action::None;
                };
                let record = Investigation {
                    id: 0,
                    case_id,
                    at,
                    place: self.inv_place.trim().to_owned(),
                    investigators: names(&self.inv_investigators),
                    recorder: String::new(),
                    persons: names(&self.inv_persons),
                    findings: self.inv_findings.trim().to_owned(),
                };
                self.busy = true;
                return Action::run(move |store| async move {
                    Message::Saved(
                        store
                            .add_investigation(&actor, &record)
                            .await
                            .map(|_| "casefile-investigation-added")
                            .map_err(AppError::from),
                    )
                });
            }
            Message::ScanKind(k) => self.scan_kind = Some(k),
            Message::ScanTitle(s) => self.scan_title = s,
            Message::ScanPath(s) => self.scan_path = s,
            Message::Browse => {
                let title = ctx.tr("casefile-scan-choose");
                return Action::run_free(move || async move {
                    let chosen = rfd::AsyncFileDialog::new()
                        .set_title(title)
                        .add_filter("PDF, JPEG, PNG", &["pdf", "jpg", "jpeg", "png"])
                        .pick_file()
                        .await
                        .map(|h| h.path().to_owned());
                    Message::Browsed(chosen)
                });
            }
            Message::Browsed(Some(path)) => self.scan_path = path.display().to_string(),
            Message::Browsed(None) => {}
            Message::AddScan => {
                let Some(kind) = self.scan_kind.as_ref().map(|k| k.value) else {
                    self.error = Some(Phrase::error("casefile-error-scan-kind"));
                    return Action::None;
                };
                let path = PathBuf::from(self.scan_path.trim());
                let bytes = match std::fs::read(&path) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        self.error = Some(
                            Phrase::error("error-file")
                                .arg("path", path.display().to_string())
                                .detail(e.to_string()),
                        );
                        return Action::None;
                    }
                };
                let title = self.scan_title.trim().to_owned();
                self.busy = true;
                return Action::run(move |store| async move {
                    Message::Saved(
                        store
                            .add_attachment(&actor, case_id, kind, &title, &bytes)
                            .await
                            .map(|_| "casefile-scan-added")
                            .map_err(AppError::from),
                    )
                });
            }
            Message::Saved(Ok(key)) => {
                self.error = None;
                self.notice = Some(Phrase::new(key));
                match key {
                    "casefile-investigation-added" => {
                        self.inv_place.clear();
                        self.inv_persons.clear();
                        self.inv_findings.clear();
                    }
                    "casefile-scan-added" => {
                        self.scan_title.clear();
                        self.scan_path.clear();
                    }
                    "casefile-flag-cleared" => self.notes.clear(),
                    _ => {}
                }
                return self.reload();
            }
            Message::Saved(Err(e)) => {
                self.busy = false;
                self.notice = None;
                self.error = Some(e.phrase());
            }
            Message::Papers | Message::Bind => {
                let t = accord_i18n::Translations::get(ctx.locale());
                let dir = crate::publish::output_dir(ctx.db);
                let bind = matches!(message, Message::Bind);
                self.busy = true;
                self.notice = None;
                return Action::run(move |store| async move {
                    let written = if bind {
                        crate::publish::case_file::write_case_file(&store, &actor, t, case_id, &dir)
                            .await
                            .map(|p| vec![p])
                    } else {
                        crate::publish::records::record_papers(&store, t, case_id, &dir).await
                    };
                    Message::Written(written.map_err(AppError::from))
                });
            }
            Message::Written(Ok(paths)) => {
                self.busy = false;
                self.error = None;
                let folder = paths
                    .first()
                    .and_then(|p| p.parent())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.notice = Some(
                    Phrase::new("casefile-written")
                        .arg("count", paths.len().to_string())
                        .arg("path", folder),
                );
            }
            Message::Back => return Action::Navigate(Route::Case(case_id)),
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let small = ctx.sizes.small();
        let body = ctx.sizes.body();
        let Some(data) = &self.data else {
            return widgets::page_scroll(
                column![
                    text(ctx.tr("casefile-screen-title")).size(ctx.sizes.heading()),
                    widgets::banners(ctx, self.notice.as_ref(), self.error.as_ref()),
                ]
                .spacing(theme::GAP)
                .padding(theme::GAP * 2.0),
            )
            .into();
        };
        let idle = |m: Message| (!self.busy).then_some(m);
        let input = |hint: &str, value: &'a str, on: fn(String) -> Message| {
            text_input(hint, value)
                .style(theme::input)
                .on_input(on)
                .size(body)
        };
        let mut page = column![
            row![
                text(ctx.tr_args(
                    "casefile-heading",
                    &[("number", data.case.number.to_string())]
                ))
                .size(ctx.sizes.heading()),
                iced::widget::space::horizontal(),
                button(text(ctx.tr("casefile-papers")).size(body))
                    .style(button::secondary)
                    .on_press_maybe(idle(Message::Papers)),
                widgets::keyed_button(ctx, ctx.tr("casefile-bind"), Shortcut::alt('b'))
                    .padding([8, 20])
                    .on_press_maybe(idle(Message::Bind)),
                button(text(ctx.tr("detail-back")).size(body))
                    .style(button::secondary)
                    .on_press(Message::Back),
            ]
            .spacing(theme::GAP)
            .align_y(Center),
            widgets::banners(ctx, self.notice.as_ref(), self.error.as_ref()),
        ]
        .spacing(theme::GAP);

        // Risk flags.
        let mut flags =
            column![widgets::heading(ctx, ctx.tr("casefile-flags"))].spacing(theme::TIGHT);
        if data.flags.is_empty() {
            flags = flags.push(
                text(ctx.tr("casefile-no-flags"))
                    .size(small)
                    .style(theme::muted_text),
            );
        }
        let director = ctx
            .user
            .is_none_or(|u| u.role == accord_core::UserRole::Administrator);
        for f in &data.flags {
            let reason = flag_reason(&ctx, &f.flag);
            let mut line = row![
                container(text(ctx.label(f.flag.level)).size(small))
                    .padding([2, 10])
                    .style(level_style(f.flag.level)),
                text(ctx.label(f.flag.rule)).size(body),
                text(reason).size(small).width(Fill),
            ]
            .spacing(theme::GAP)
            .align_y(Center);
            if let Some(c) = &f.cleared {
                line = line.push(
                    text(ctx.tr_args(
                        "casefile-flag-cleared-by",
                        &[("by", c.by.clone()), ("note", c.note.clone())],
                    ))
                    .size(small)
                    .style(theme::muted_text),
                );
            } else if director {
                let rule = f.flag.rule;
                line = line
                    .push(
                        text_input(&ctx.tr("casefile-clear-note"), self.note(rule))
                            .style(theme::input)
                            .on_input(move |s| Message::ClearNote(rule, s))
                            .size(small)
                            .width(220),
                    )
                    .push(
                        button(text(ctx.tr("casefile-clear")).size(small))
                            .style(button::secondary)
                            .on_press_maybe(
                                (!self.busy && !self.note(rule).trim().is_empty())
                                    .then_some(Message::Clear(rule)),
                            ),
                    );
            }
            flags = flags.push(line);
        }
        page = page.push(widgets::card(flags));

        // Classification.
        page = page.push(widgets::card(
            column![
                widgets::heading(ctx, ctx.tr("casefile-class")),
                row![
                    widgets::field(
                        ctx,
                        ctx.tr("casefile-stat-category"),
                        pick_list(
                            ctx.options::<StatCategory>(),
                            self.category.clone(),
                            Message::Category
                        )
                        .text_size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("casefile-source"),
                        pick_list(
                            ctx.options::<CaseSource>(),
                            self.source.clone(),
                            Message::Source
                        )
                        .text_size(body),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("casefile-crime-persons"),
                        input("", &self.crime, Message::Crime).width(120),
                        None
                    ),
                    widgets::field(
                        ctx,
                        ctx.tr("casefile-petition-persons"),
                        input("", &self.petition, Message::Petition).width(120),
                        None
                    ),
                    button(text(ctx.tr("casefile-class-save")).size(body))
                        .on_press_maybe(idle(Message::SaveClass)),
                ]
                .spacing(theme::GAP)
                .align_y(iced::Bottom),
            ]
            .spacing(theme::TIGHT),
        ));

        // Investigations.
        let mut inv =
            column![widgets::heading(ctx, ctx.tr("casefile-investigations"))].spacing(theme::TIGHT);
        for i in &data.investigations {
            inv = inv.push(
                text(format!(
                    "{}  {}  {}",
                    i.at.format("%Y-%m-%d %H:%M"),
                    i.place,
                    i.findings
                ))
                .size(small),
            );
        }
        inv = inv.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("casefile-inv-at"),
                    input("2025-01-10 09:30", &self.inv_at, Message::InvAt).width(170),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("casefile-inv-place"),
                    input("", &self.inv_place, Message::InvPlace),
                    None
                ),
            ]
            .spacing(theme::GAP),
        );
        inv = inv.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("casefile-inv-investigators"),
                    input("", &self.inv_investigators, Message::InvInvestigators),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("casefile-inv-persons"),
                    input("", &self.inv_persons, Message::InvPersons),
                    None
                ),
            ]
            .spacing(theme::GAP),
        );
        inv = inv.push(widgets::field(
            ctx,
            ctx.tr("casefile-inv-findings"),
            input("", &self.inv_findings, Message::InvFindings),
            None,
        ));
        inv = inv.push(
            button(text(ctx.tr("casefile-inv-add")).size(body))
                .on_press_maybe(idle(Message::AddInvestigation)),
        );
        page = page.push(widgets::card(inv));

        // Scans.
        let mut scans =
            column![widgets::heading(ctx, ctx.tr("casefile-scans"))].spacing(theme::TIGHT);
        for a in &data.attachments {
            scans = scans.push(
                text(format!(
                    "{}  {}  {} KB  {}",
                    ctx.label(a.kind),
                    a.title,
                    a.size.div_ceil(1024),
                    a.added_by
                ))
                .size(small),
            );
        }
        scans = scans.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("casefile-scan-kind"),
                    pick_list(
                        ctx.options::<AttachmentKind>(),
                        self.scan_kind.clone(),
                        Message::ScanKind
                    )
                    .text_size(body),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("casefile-scan-title-label"),
                    input("", &self.scan_title, Message::ScanTitle),
                    None
                ),
            ]
            .spacing(theme::GAP),
        );
        scans = scans.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("casefile-scan-file"),
                    input("", &self.scan_path, Message::ScanPath),
                    None
                ),
                button(text(ctx.tr("casefile-scan-choose")).size(body))
                    .style(button::secondary)
                    .on_press(Message::Browse),
                button(text(ctx.tr("casefile-scan-add")).size(body))
                    .on_press_maybe(idle(Message::AddScan)),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        );
        page = page.push(widgets::card(scans));
        widgets::page_scroll(page.padding(theme::GAP * 2.0)).into()
    }
}

/// Why a flag is raised, in words: the facts with what they count (days
/// overdue, persons on one side, the cases it repeats).
pub(super) fn flag_reason(ctx: &Ctx<'_>, flag: &accord_core::risk::RiskFlag) -> String {
    ctx.tr_args(
        match flag.rule {
            RiskRule::Repeat => "casefile-reason-repeat",
            RiskRule::Returned => "casefile-reason-returned",
            RiskRule::Group => "casefile-reason-group",
            RiskRule::Escalation => "casefile-reason-escalation",
            RiskRule::Overdue => "casefile-reason-overdue",
        },
        &[(
            "facts",
            flag.facts.join(&ctx.tr("case-file-list-separator")),
        )],
    )
}
