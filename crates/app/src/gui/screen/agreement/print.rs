//! The print tab: the final version and its seal, the printer and the
//! number of numbered originals, printing, and opening or saving the
//! sealed PDF.

use accord_core::agreement::AgreementStatus;
use iced::{
    Element,
    widget::{button, column, pick_list, row, text, text_input},
};

use super::{AgreementScreen, Job, primary};
use crate::error::Phrase;
use crate::gui::{Action, Ctx, theme, widgets};

/// What the user does on the print tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The printer picked.
    Printer(String),
    /// The number of copies as typed.
    Copies(String),
    /// Print the numbered originals.
    Print,
    /// Open the sealed PDF in the system's viewer.
    Open,
    /// "Save PDF": ask where (the system's save dialog).
    SaveFile,
    /// Where the user chose to save a sealed copy (nothing when the dialog
    /// was cancelled).
    SaveTo(Option<std::path::PathBuf>),
}

/// Applies a message of the print tab; printing, opening and saving run
/// jobs.
pub(super) fn update(
    screen: &mut AgreementScreen,
    message: Message,
    ctx: &Ctx<'_>,
) -> Action<super::Message> {
    match message {
        Message::Printer(p) => screen.printer = Some(p),
        Message::Copies(s) => screen.copies = s,
        Message::Print => {
            let copies = screen
                .copies
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=20).contains(n));
            let (Some(printer), Some(copies)) = (screen.printer.clone(), copies) else {
                screen.error = Some(Phrase::error("error-copies"));
                return Action::None;
            };
            return screen.run(ctx, Job::Print { printer, copies });
        }
        Message::Open => return screen.run(ctx, Job::Open),
        Message::SaveFile => {
            // The system's save dialog, off the update; the file is written
            // when it answers.
            let name = format!("{}-{}.pdf", screen.case.number, ctx.tr("doc-copy-file"));
            let dir = crate::publish::output_dir(ctx.db);
            let title = ctx.tr("agreement-save-title");
            return Action::run_free(move || async move {
                let chosen = rfd::AsyncFileDialog::new()
                    .set_title(title)
                    .set_directory(&dir)
                    .set_file_name(name)
                    .add_filter("PDF", &["pdf"])
                    .save_file()
                    .await
                    .map(|h| h.path().to_owned());
                super::Message::Print(Message::SaveTo(chosen))
            });
        }
        Message::SaveTo(Some(path)) => return screen.run(ctx, Job::SaveFile(path)),
        Message::SaveTo(None) => {
            screen.data.notice = Some(Phrase::new("agreement-save-cancelled"));
        }
    }
    Action::None
}

/// The print tab.
pub(super) fn view<'a>(screen: &'a AgreementScreen, ctx: Ctx<'a>) -> Element<'a, Message> {
    let body = ctx.sizes.body();
    if screen.status() != Some(AgreementStatus::Final) {
        return text(ctx.tr("agreement-print-needs-final"))
            .size(body)
            .into();
    }
    let record = screen.data.record.as_ref();
    let mut facts =
        column![widgets::heading(ctx, ctx.tr("agreement-final-title"))].spacing(theme::TIGHT);
    if let Some(r) = record {
        facts = facts.push(widgets::fact(
            ctx,
            ctx.tr("agreement-final-version"),
            r.final_version.map(|v| format!("v{v}")).unwrap_or_default(),
        ));
        facts = facts.push(widgets::fact(
            ctx,
            ctx.tr("agreement-final-hash"),
            r.final_hash.clone().unwrap_or_default(),
        ));
    }
    if let Some((at, by, sha)) = &screen.data.sealed {
        facts = facts.push(widgets::fact(
            ctx,
            ctx.tr("agreement-sealed"),
            ctx.tr_args(
                "agreement-sealed-by",
                &[("when", ctx.datetime(*at)), ("who", by.clone())],
            ),
        ));
        facts = facts.push(widgets::fact(
            ctx,
            ctx.tr("agreement-pdf-hash"),
            sha.clone(),
        ));
    }
    let printers = screen.data.printers.clone();
    let mut print =
        column![widgets::heading(ctx, ctx.tr("agreement-print-title"))].spacing(theme::TIGHT);
    if printers.is_empty() {
        print = print.push(text(ctx.tr("agreement-no-printer")).size(body));
    } else {
        print = print.push(
            row![
                widgets::field(
                    ctx,
                    ctx.tr("agreement-printer"),
                    pick_list(printers, screen.printer.clone(), Message::Printer).text_size(body),
                    None
                ),
                widgets::field(
                    ctx,
                    ctx.tr("agreement-copies"),
                    text_input("", &screen.copies)
                        .style(crate::gui::theme::input)
                        .id("agreement_copies")
                        .size(body)
                        .width(80)
                        .on_input(Message::Copies),
                    None
                ),
            ]
            .spacing(theme::GAP),
        );
        print = print.push(
            text(ctx.tr("agreement-copies-hint"))
                .size(ctx.sizes.small())
                .style(theme::muted_text),
        );
    }
    let can_print = !screen.busy && screen.printer.is_some();
    print = print.push(
        row![
            primary(ctx, "agreement-print", can_print.then_some(Message::Print))
                .style(button::success),
            primary(
                ctx,
                "agreement-open",
                (!screen.busy).then_some(Message::Open)
            )
            .style(button::secondary),
            primary(
                ctx,
                "agreement-save-file",
                (!screen.busy).then_some(Message::SaveFile)
            )
            .style(button::secondary),
        ]
        .spacing(theme::GAP),
    );
    column![widgets::card(facts), widgets::card(print)]
        .spacing(theme::GAP)
        .into()
}
