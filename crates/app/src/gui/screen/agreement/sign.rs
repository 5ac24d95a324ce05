//! The signatures tab: every signatory with how and when they signed, the
//! signature pad (drawn strokes, cleared, cancelled or saved), signing on
//! paper instead, and finalising once everyone has signed and the draft is
//! complete.

use accord_core::agreement::{AgreementStatus, SignMethod, Signature};
use iced::{
    Center, Element, Fill, Length,
    widget::{button, canvas, column, container, row, text},
};

use super::{AgreementScreen, Job, primary, small_button};
use crate::gui::{
    Action, Ctx,
    pad::{self, Pad, PadEvent},
    theme, widgets,
};

/// The pad open for one signatory.
#[derive(Debug, Clone)]
pub(super) struct PadDraft {
    slot: usize,
    strokes: Vec<Vec<(f32, f32)>>,
}

/// What the user does on the signatures tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the pad for a signatory.
    OpenPad(usize),
    /// A stroke on the pad begins, goes on or ends.
    Pad(PadEvent),
    /// Wipe the pad.
    ClearPad,
    /// Close the pad without saving.
    CancelPad,
    /// Save what is on the pad as the signatory's signature.
    SavePad,
    /// The signatory signs the printed copy instead.
    OnPaper(usize),
    /// Finalise and seal.
    Finalise,
}

/// What the pad's canvas publishes.
impl From<PadEvent> for Message {
    fn from(event: PadEvent) -> Self {
        Message::Pad(event)
    }
}

/// Applies a message of the signatures tab; signing and finalising run
/// jobs.
pub(super) fn update(
    screen: &mut AgreementScreen,
    message: Message,
    ctx: &Ctx<'_>,
) -> Action<super::Message> {
    match message {
        Message::OpenPad(slot) => {
            screen.pad = Some(PadDraft {
                slot,
                strokes: Vec::new(),
            });
        }
        Message::Pad(event) => {
            if let Some(pad) = &mut screen.pad {
                match event {
                    PadEvent::Start(p) => pad.strokes.push(vec![p]),
                    PadEvent::Move(p) => {
                        if let Some(stroke) = pad.strokes.last_mut() {
                            stroke.push(p);
                        }
                    }
                    PadEvent::End => {}
                }
            }
            return Action::None;
        }
        Message::ClearPad => {
            if let Some(pad) = &mut screen.pad {
                pad.strokes.clear();
            }
        }
        Message::CancelPad => screen.pad = None,
        Message::SavePad => {
            let Some(pad) = screen.pad.take() else {
                return Action::None;
            };
            // Once saved, the pad opens for the next one still to sign.
            screen.pad_after = Some(pad.slot);
            return sign(screen, ctx, pad.slot, SignMethod::Pad, pad.strokes);
        }
        Message::OnPaper(slot) => {
            screen.pad = None;
            return sign(screen, ctx, slot, SignMethod::Paper, Vec::new());
        }
        Message::Finalise => return screen.run(ctx, Job::Finalise),
    }
    Action::None
}

/// After a pad signature was saved: the pad for the next signatory
/// (after `after`, in print order) who has not signed, if any.
pub(super) fn next_pad(screen: &AgreementScreen, after: usize) -> Option<PadDraft> {
    let (content, _) = screen.form.parse();
    let count = content.signatories(&screen.case).len();
    (after + 1..count)
        .find(|slot| !screen.data.signatures.iter().any(|g| g.slot == *slot))
        .map(|slot| PadDraft {
            slot,
            strokes: Vec::new(),
        })
}

/// Saves one signatory's signature, made on the pad or on paper.
fn sign(
    screen: &mut AgreementScreen,
    ctx: &Ctx<'_>,
    slot: usize,
    method: SignMethod,
    strokes: Vec<Vec<(f32, f32)>>,
) -> Action<super::Message> {
    let (content, _) = screen.form.parse();
    let Some(signatory) = content.signatories(&screen.case).into_iter().nth(slot) else {
        return Action::None;
    };
    screen.run(
        ctx,
        Job::Sign(Box::new(Signature {
            slot,
            name: signatory.name,
            method,
            strokes,
            signed_at: chrono::Utc::now(),
        })),
    )
}

/// The signatures tab.
pub(super) fn view<'a>(screen: &'a AgreementScreen, ctx: Ctx<'a>) -> Element<'a, Message> {
    let body = ctx.sizes.body();
    let status = screen.status();
    if status != Some(AgreementStatus::Approved) {
        let key = if status == Some(AgreementStatus::Final) {
            "agreement-sign-final"
        } else {
            "agreement-sign-needs-approval"
        };
        return text(ctx.tr(key)).size(body).into();
    }
    let (content, _) = screen.form.parse();
    let signatories = content.signatories(&screen.case);
    let mut list =
        column![widgets::heading(ctx, ctx.tr("agreement-signatories"))].spacing(theme::TIGHT);
    for (slot, s) in signatories.iter().enumerate() {
        let label = accord_document::signature_label(ctx.t, &screen.case, s);
        let done = screen.data.signatures.iter().find(|g| g.slot == slot);
        let state = match done {
            Some(g) => ctx.tr_args(
                "agreement-signed-at",
                &[
                    ("how", ctx.label(g.method)),
                    ("when", ctx.datetime(g.signed_at)),
                ],
            ),
            None => ctx.tr("agreement-not-signed"),
        };
        list = list.push(
            row![
                text(format!("{label}  {}", s.name)).size(body).width(Fill),
                text(state).size(ctx.sizes.small()).style(theme::muted_text),
                container(small_button(
                    ctx,
                    "agreement-sign-pad",
                    (!screen.busy).then_some(Message::OpenPad(slot))
                ))
                .id(format!("sign_pad_{slot}")),
                container(
                    small_button(
                        ctx,
                        "agreement-sign-paper",
                        (!screen.busy).then_some(Message::OnPaper(slot))
                    )
                    .style(button::secondary)
                )
                .id(format!("sign_paper_{slot}")),
            ]
            .spacing(theme::GAP)
            .align_y(Center),
        );
    }
    let mut col = column![widgets::card(list)].spacing(theme::GAP);
    if let Some(pad) = &screen.pad {
        let name = signatories
            .get(pad.slot)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let width = 560.0;
        col = col.push(widgets::card(
            column![
                text(ctx.tr_args("agreement-pad-title", &[("name", name)]))
                    .size(ctx.sizes.subheading()),
                container(
                    canvas(Pad {
                        strokes: &pad.strokes
                    })
                    .width(Length::Fixed(width))
                    .height(Length::Fixed(width / pad::ASPECT))
                )
                .id("signature_pad")
                .style(theme::card),
                row![
                    primary(ctx, "agreement-pad-save", Some(Message::SavePad))
                        .style(button::success),
                    small_button(ctx, "agreement-pad-clear", Some(Message::ClearPad))
                        .style(button::secondary),
                    small_button(ctx, "agreement-pad-cancel", Some(Message::CancelPad))
                        .style(button::secondary),
                ]
                .spacing(theme::GAP)
                .align_y(Center),
            ]
            .spacing(theme::TIGHT),
        ));
    }
    let everyone =
        (0..signatories.len()).all(|slot| screen.data.signatures.iter().any(|g| g.slot == slot));
    let ready = everyone && screen.missing.is_empty() && screen.glyphs.is_empty();
    let mut finish = column![].spacing(theme::TIGHT);
    if !everyone {
        finish = finish
            .push(text(ctx.tr("agreement-finalise-needs-signatures")).size(ctx.sizes.small()));
    }
    if !screen.missing.is_empty() {
        finish = finish.push(screen.checks_view(ctx));
    }
    finish = finish.push(
        primary(
            ctx,
            "agreement-finalise",
            (ready && !screen.busy).then_some(Message::Finalise),
        )
        .style(button::success),
    );
    col.push(finish).into()
}
