//! The statistics screen: a period (whole months of receipt), the totals,
//! one breakdown at a time (dispute type, channel, mediator, month) as a
//! chart drawn in the app and as a table with every column of the monthly
//! report, and the exports (XLSX in the statistics table's layout, CSV,
//! a PDF with the charts)
//! written beside the database.

use accord_core::stats::{self, Report, Row};
use chrono::{Datelike, NaiveDate};
use iced::{
    Center, Element, Fill,
    widget::{button, canvas, column, row, scrollable, text, text_input},
};

use crate::error::{AppError, Phrase};
use crate::gui::{Action, Ctx, commands::Command, stats_chart::StatsChart, theme, widgets};
use crate::publish::case_file::BatchRun;

/// Which breakdown is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breakdown {
    #[default]
    Category,
    Channel,
    Mediator,
    Month,
}

impl Breakdown {
    const ALL: [Breakdown; 4] = [Self::Category, Self::Channel, Self::Mediator, Self::Month];

    fn key(self) -> &'static str {
        match self {
            Self::Category => "stats-by-category",
            Self::Channel => "stats-by-channel",
            Self::Mediator => "stats-by-mediator",
            Self::Month => "stats-by-month",
        }
    }

    fn rows(self, report: &Report) -> &[Row] {
        match self {
            Self::Category => &report.by_category,
            Self::Channel => &report.by_channel,
            Self::Mediator => &report.by_mediator,
            Self::Month => &report.by_month,
        }
    }
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Xlsx,
    Csv,
    Pdf,
}

#[derive(Debug, Clone)]
pub enum Message {
    From(String),
    To(String),
    Show,
    Loaded(Result<Box<Report>, AppError>),
    Breakdown(Breakdown),
    Export(Export),
    Exported(Result<std::path::PathBuf, AppError>),
    /// Bind the case files of every case whose mediation ended in the
    /// period, one case per job.
    BindFiles,
    FilesListed(Result<Vec<(i64, String)>, AppError>),
    FileBound(Result<Box<BatchRun>, AppError>),
    /// Stop after the case being bound; the index lists those done.
    StopFiles,
}

/// A batch of case files under way: the cases still to bind, how many
/// are done, and whether the user asked to stop.
#[derive(Debug, Clone, Default)]
pub struct FilesBatch {
    pub queue: std::collections::VecDeque<(i64, String)>,
    pub total: usize,
    pub done: usize,
    pub stopping: bool,
}

/// The screen's state.
#[derive(Debug, Clone, Default)]
pub struct StatsScreen {
    pub from: String,
    pub to: String,
    pub report: Option<Report>,
    pub breakdown: Breakdown,
    pub busy: bool,
    pub notice: Option<Phrase>,
    pub error: Option<Phrase>,
    pub files: Option<FilesBatch>,
}

type El<'a> = Element<'a, Message>;

fn file_error(path: &std::path::Path, e: impl std::fmt::Display) -> AppError {
    AppError::Publish(crate::publish::PublishError::File {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

impl StatsScreen {
    /// Opens on this year up to this month.
    pub fn open(ctx: &Ctx<'_>) -> (Self, Action<Message>) {
        let today = chrono::Local::now().date_naive();
        let mut screen = Self {
            from: NaiveDate::from_ymd_opt(today.year(), 1, 1)
                .unwrap_or(today)
                .to_string(),
            to: today.to_string(),
            ..Self::default()
        };
        let load = screen.update(Message::Show, ctx);
        (screen, load)
    }

    /// The palette: show, each breakdown, each export.
    pub fn commands(&self, ctx: Ctx<'_>) -> Vec<Command<Message>> {
        let mut out = vec![Command::new(ctx.tr("stats-show"), Message::Show)];
        for b in Breakdown::ALL {
            out.push(Command::new(ctx.tr(b.key()), Message::Breakdown(b)));
        }
        out.push(Command::new(
            ctx.tr("stats-export-xlsx"),
            Message::Export(Export::Xlsx),
        ));
        out.push(Command::new(
            ctx.tr("stats-export-csv"),
            Message::Export(Export::Csv),
        ));
        out.push(Command::new(
            ctx.tr("stats-export-pdf"),
            Message::Export(Export::Pdf),
        ));
        out.push(Command::new(ctx.tr("stats-case-files"), Message::BindFiles));
        out
    }

    fn period(&self) -> Result<(NaiveDate, NaiveDate), Phrase> {
        let parse = |s: &str| s.trim().parse::<NaiveDate>();
        match (parse(&self.from), parse(&self.to)) {
            (Ok(from), Ok(to)) if from <= to => Ok((from, to)),
            (Ok(_), Ok(_)) => Err(Phrase::error("stats-period-backwards")),
            _ => Err(Phrase::error("stats-error-date")),
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action<Message> {
        match message {
            Message::From(s) => self.from = s,
            Message::To(s) => self.to = s,
            Message::Show => match self.period() {
                Ok((from, to)) => {
                    self.busy = true;
                    self.error = None;
                    return Action::run(move |store| async move {
                        Message::Loaded(
                            store
                                .statistics(from, to)
                                .await
                                .map(Box::new)
                                .map_err(AppError::from),
                        )
                    });
                }
                Err(e) => self.error = Some(e),
            },
            Message::Loaded(Ok(report)) => {
                self.busy = false;
                self.report = Some(*report);
            }
            Message::Loaded(Err(e)) | Message::Exported(Err(e)) => {
                self.busy = false;
                self.error = Some(e.phrase());
            }
            Message::Breakdown(b) => self.breakdown = b,
            Message::Export(kind) => {
                let Some(report) = self.report.clone() else {
                    return Action::None;
                };
                let t = ctx.t;
                let dir = crate::publish::output_dir(ctx.db);
                let name = format!(
                    "accord-stats-{}-{}.{}",
                    report.from.format("%Y%m"),
                    report.to.format("%Y%m"),
                    match kind {
                        Export::Xlsx => "xlsx",
                        Export::Csv => "csv",
                        Export::Pdf => "pdf",
                    }
                );
                let path = dir.join(name);
                let bytes = match kind {
                    Export::Xlsx => {
                        crate::publish::stats::xlsx(t, &report).map_err(|e| file_error(&path, e))
                    }
                    Export::Csv => {
                        Ok(stats::csv(&report, &crate::publish::stats::labels(t)).into_bytes())
                    }
                    Export::Pdf => {
                        crate::publish::stats::pdf(t, &report, chrono::Utc::now().timestamp())
                            .map_err(|e| AppError::Publish(crate::publish::PublishError::from(e)))
                    }
                };
                let written = bytes.and_then(|b| {
                    std::fs::create_dir_all(&dir)
                        .and_then(|()| std::fs::write(&path, b))
                        .map(|()| path.clone())
                        .map_err(|e| file_error(&path, e))
                });
                return self.update(Message::Exported(written), ctx);
            }
            Message::BindFiles => {
                if self.files.is_some() {
                    return Action::None;
                }
                match self.period() {
                    Ok((from, to)) => {
                        self.error = None;
                        self.notice = None;
                        self.files = Some(FilesBatch::default());
                        return Action::run(move |store| async move {
                            Message::FilesListed(
                                store
                                    .cases_ended_between(from, to)
                                    .await
                                    .map_err(AppError::from),
                            )
                        });
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Message::FilesListed(Ok(cases)) => {
                let Ok((from, to)) = self.period() else {
                    self.files = None;
                    return Action::None;
                };
                if cases.is_empty() {
                    self.files = None;
                    self.notice = Some(Phrase::new("stats-case-files-none"));
                    return Action::None;
                }
                let t = accord_i18n::Translations::get(ctx.locale());
                let dir = crate::publish::output_dir(ctx.db).join(format!(
                    "case-files-{}-{}",
                    from.format("%Y%m%d"),
                    to.format("%Y%m%d")
                ));
                self.files = Some(FilesBatch {
                    total: cases.len(),
                    queue: cases.into(),
                    ..FilesBatch::default()
                });
                return self.next_file(BatchRun::new(t, &dir), ctx);
            }
            Message::FileBound(Ok(run)) => {
                if let Some(batch) = &mut self.files {
                    batch.done += 1;
                }
                return self.next_file(*run, ctx);
            }
            Message::FilesListed(Err(e)) | Message::FileBound(Err(e)) => {
                self.files = None;
                self.error = Some(e.phrase());
            }
            Message::StopFiles => {
                if let Some(batch) = &mut self.files {
                    batch.stopping = true;
                }
            }
            Message::Exported(Ok(path)) => {
                self.error = None;
                self.notice =
                    Some(Phrase::new("stats-saved").arg("path", path.display().to_string()));
            }
        }
        Action::None
    }

    /// Binds the next case of the batch in a job of its own (the window
    /// stays responsive and shows the progress), or, when none is left or
    /// the user asked to stop, writes the index and says what was done.
    fn next_file(&mut self, mut run: BatchRun, ctx: &Ctx<'_>) -> Action<Message> {
        let Some(batch) = &mut self.files else {
            return Action::None;
        };
        let next = if batch.stopping {
            None
        } else {
            batch.queue.pop_front()
        };
        let Some((id, number)) = next else {
            let (done, total) = (batch.done, batch.total);
            self.files = None;
            let dir = run.dir.clone();
            match run.finish() {
                Ok(finished) => {
                    self.error = None;
                    self.notice = Some(
                        Phrase::new(if done < total {
                            "stats-case-files-stopped"
                        } else {
                            "stats-case-files-done"
                        })
                        .arg("count", finished.files.len().to_string())
                        .arg("failed", finished.failed.len().to_string())
                        .arg("total", total.to_string())
                        .arg("path", dir.display().to_string()),
                    );
                }
                Err(e) => self.error = Some(AppError::from(e).phrase()),
            }
            return Action::None;
        };
        let t = accord_i18n::Translations::get(ctx.locale());
        let actor = ctx.actor();
        Action::run(move |store| async move {
            let stepped = run.step(&store, &actor, t, (id, &number)).await;
            Message::FileBound(stepped.map(|()| Box::new(run)).map_err(AppError::from))
        })
    }

    pub fn view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let small = ctx.sizes.small();
        let body = ctx.sizes.body();
        let mut page = column![
            text(ctx.tr("stats-title")).size(ctx.sizes.heading()),
            widgets::banners(ctx, self.notice.as_ref(), self.error.as_ref()),
            row![
                widgets::field(
                    ctx,
                    ctx.tr("stats-from"),
                    text_input("2025-01-01", &self.from)
                        .on_input(Message::From)
                        .on_submit(Message::Show)
                        .size(body),
                    None,
                ),
                widgets::field(
                    ctx,
                    ctx.tr("stats-to"),
                    text_input("2025-12-31", &self.to)
                        .on_input(Message::To)
                        .on_submit(Message::Show)
                        .size(body),
                    None,
                ),
                button(text(ctx.tr("stats-show")).size(body))
                    .on_press_maybe((!self.busy).then_some(Message::Show),),
            ]
            .spacing(theme::GAP)
            .align_y(iced::Bottom),
        ]
        .spacing(theme::GAP);
        page = page.push(self.files_view(ctx));
        let Some(report) = &self.report else {
            return widgets::page_scroll(page.padding(theme::GAP * 2.0)).into();
        };
        page = page.push(
            text(ctx.tr_args(
                "stats-period",
                &[
                    ("from", report.from.to_string()),
                    ("to", report.to.to_string()),
                ],
            ))
            .size(small)
            .style(theme::muted_text),
        );

        // The totals as facts.
        let t = &report.total;
        let mut facts = column![].spacing(theme::TIGHT);
        for (key, value) in stats::columns() {
            facts = facts.push(widgets::fact(ctx, ctx.tr(key), value(t)));
        }
        page = page.push(widgets::card(facts));

        // The breakdown: its buttons, the chart, the table.
        let mut tabs = row![].spacing(theme::TIGHT);
        for b in Breakdown::ALL {
            let label = text(ctx.tr(b.key())).size(small);
            tabs = tabs.push(
                button(label)
                    .style(if b == self.breakdown {
                        button::primary
                    } else {
                        button::secondary
                    })
                    .on_press(Message::Breakdown(b)),
            );
        }
        tabs = tabs.push(iced::widget::space::horizontal());
        tabs = tabs.push(
            button(text(ctx.tr("stats-export-xlsx")).size(small))
                .style(button::secondary)
                .on_press(Message::Export(Export::Xlsx)),
        );
        tabs = tabs.push(
            button(text(ctx.tr("stats-export-csv")).size(small))
                .style(button::secondary)
                .on_press(Message::Export(Export::Csv)),
        );
        tabs = tabs.push(
            button(text(ctx.tr("stats-export-pdf")).size(small))
                .style(button::secondary)
                .on_press(Message::Export(Export::Pdf)),
        );
        page = page.push(tabs.align_y(Center));

        let rows = self.breakdown.rows(report);
        let labels = crate::publish::stats::labels(ctx.t);
        let chart = StatsChart {
            labels: rows.iter().map(|r| labels.key(&r.key)).collect(),
            series: [
                (
                    ctx.tr("stats-col-received"),
                    rows.iter().map(|r| r.tally.received).collect(),
                ),
                (
                    ctx.tr("stats-col-settled"),
                    rows.iter().map(|r| r.tally.settled).collect(),
                ),
            ],
            lines: self.breakdown == Breakdown::Month,
            text_size: small,
        };
        page = page.push(widgets::card(canvas(chart).width(Fill).height(260)));

        let cell = |s: String, w: f32| text(s).size(small).width(w);
        let mut header = row![cell(ctx.tr(self.breakdown.key()), 150.0)].spacing(theme::TIGHT);
        for (key, _) in stats::columns() {
            header = header.push(cell(ctx.tr(key), 96.0).style(theme::muted_text));
        }
        let mut table = column![header].spacing(theme::TIGHT);
        let total = Row {
            key: String::new(),
            tally: report.total,
        };
        for (row_data, is_total) in rows
            .iter()
            .map(|r| (r, false))
            .chain(std::iter::once((&total, true)))
        {
            let name = if is_total {
                labels.total.clone()
            } else {
                labels.key(&row_data.key)
            };
            let mut line = row![cell(name, 150.0)].spacing(theme::TIGHT);
            for (_, value) in stats::columns() {
                line = line.push(cell(value(&row_data.tally), 96.0));
            }
            table = table.push(line);
        }
        page = page.push(widgets::card(scrollable(table).direction(
            scrollable::Direction::Horizontal(scrollable::Scrollbar::new()),
        )));
        widgets::page_scroll(page.padding(theme::GAP * 2.0)).into()
    }

    /// The batch of case files: its button, or its progress with a stop
    /// button while it runs.
    fn files_view<'a>(&'a self, ctx: Ctx<'a>) -> El<'a> {
        let small = ctx.sizes.small();
        match &self.files {
            None => row![
                button(text(ctx.tr("stats-case-files")).size(small))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::BindFiles)),
                text(ctx.tr("stats-case-files-hint"))
                    .size(small)
                    .style(theme::muted_text),
            ]
            .spacing(theme::GAP)
            .align_y(Center)
            .into(),
            Some(batch) => {
                let done = batch.done as f32;
                let total = batch.total.max(1) as f32;
                row![
                    text(ctx.tr_args(
                        "stats-case-files-progress",
                        &[
                            ("done", batch.done.to_string()),
                            ("total", batch.total.to_string()),
                        ],
                    ))
                    .size(small),
                    iced::widget::progress_bar(0.0..=total, done)
                        .length(240.0)
                        .girth(10.0),
                    button(text(ctx.tr("stats-case-files-stop")).size(small))
                        .style(button::secondary)
                        .on_press_maybe((!batch.stopping).then_some(Message::StopFiles)),
                ]
                .spacing(theme::GAP)
                .align_y(Center)
                .into()
            }
        }
    }
}
