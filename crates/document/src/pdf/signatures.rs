//! The signature blocks: two to a row, each with its label, a line to sign
//! on and the printed name under it; the strokes from the signature pad
//! drawn in ink blue above the line; and a dashed fingerprint box where a
//! person presses a finger (按指印处).

use printpdf::{
    Color, Line, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, Op, PaintMode, Point, Pt,
    Rect, Rgb,
};

use super::fonts::Metrics;
use super::layout::{Pages, Run, stroke};
use super::{BODY, MARGIN_X, PAGE_W};
use crate::SignatureBox;

/// The height of one row of signature blocks.
pub(super) const ROW_HEIGHT: f32 = 78.0;

/// The signature blocks, two to a row; a row is kept on one page, and the
/// last row with the `tail` points that follow it (closing lines, the QR
/// code's corner). A page that starts with signatures opens with `tie`,
/// the line that names the agreement they sign.
pub(super) fn signature_grid(
    pages: &mut Pages,
    m: &Metrics,
    boxes: &[SignatureBox],
    tail: f32,
    tie: &str,
) {
    let column = (PAGE_W - 2.0 * MARGIN_X) / 2.0;
    let rows = boxes.len().div_ceil(2);
    for (r, pair) in boxes.chunks(2).enumerate() {
        let height = row_height(pair);
        let need = height + if r + 1 == rows { tail } else { 0.0 };
        let before = pages.pages.len();
        pages.room(need);
        if pages.pages.len() > before && !tie.is_empty() {
            let w = m.width(tie, 10.5);
            pages.text((PAGE_W - w) / 2.0, 10.5, false, tie.to_owned());
            pages.y -= 12.0;
        }
        let top = pages.y;
        for (i, b) in pair.iter().enumerate() {
            signature_block(pages, m, b, MARGIN_X + column * i as f32, top, column);
        }
        pages.y = top - height;
    }
}

/// The height of a row: room for the lines under the names.
pub(super) fn row_height(pair: &[SignatureBox]) -> f32 {
    let extra = pair.iter().map(|b| b.extra.len()).max().unwrap_or(0);
    ROW_HEIGHT + EXTRA_LINE * extra as f32
}

/// The height of a line under the printed name.
const EXTRA_LINE: f32 = 13.0;

/// One block at `x`, its row's top at `top`, `column` points wide.
fn signature_block(
    pages: &mut Pages,
    m: &Metrics,
    b: &SignatureBox,
    x: f32,
    top: f32,
    column: f32,
) {
    let mut runs = vec![Run::plain(x, top - BODY * 1.2, 10.5, b.label.clone())];
    let line_y = top - 46.0;
    let boxed = b.fingerprint || b.seal;
    let line_end = x + column - if boxed { 70.0 } else { 18.0 };
    runs.push(Run::plain(x, line_y - 15.0, 10.5, b.name.clone()));
    for (i, line) in b.extra.iter().enumerate() {
        runs.push(Run::plain(
            x,
            line_y - 15.0 - EXTRA_LINE * (i + 1) as f32,
            10.5,
            line.clone(),
        ));
    }
    // "By" before the line of a company's signer.
    let x_line = if b.line_prefix.is_empty() {
        x
    } else {
        runs.push(Run::plain(x, line_y + 3.0, 10.5, b.line_prefix.clone()));
        x + m.width(&b.line_prefix, 10.5) + 6.0
    };
    let ops = pages.ops();
    ops.push(Op::SetOutlineColor {
        col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
    });
    stroke(ops, (x_line, line_y), (line_end, line_y), 0.6);
    if !b.strokes.is_empty() {
        ink(
            ops,
            &b.strokes,
            (x_line + 4.0, line_y + 3.0),
            (line_end - x_line - 8.0, 28.0),
        );
    }
    if boxed {
        fingerprint_box(ops, line_end + 10.0, line_y);
        let w = m.width(&b.fingerprint_label, 7.5);
        runs.push(Run::plain(
            line_end + 10.0 + (50.0 - w) / 2.0,
            line_y + 12.0,
            7.5,
            b.fingerprint_label.clone(),
        ));
    }
    pages.runs().extend(runs);
}

/// The signature from the pad, in ink blue: its strokes (points in a unit
/// box, y down) scaled into the `(w, h)` box whose lower left is `origin`.
fn ink(ops: &mut Vec<Op>, strokes: &[Vec<(f32, f32)>], origin: (f32, f32), (w, h): (f32, f32)) {
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor {
        col: Color::Rgb(Rgb::new(0.08, 0.16, 0.45, None)),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(1.3) });
    ops.push(Op::SetLineJoinStyle {
        join: LineJoinStyle::Round,
    });
    ops.push(Op::SetLineCapStyle {
        cap: LineCapStyle::Round,
    });
    for stroke in strokes.iter().filter(|s| s.len() > 1) {
        let points = stroke
            .iter()
            .map(|(px, py)| LinePoint {
                p: Point {
                    x: Pt(origin.0 + px.clamp(0.0, 1.0) * w),
                    y: Pt(origin.1 + (1.0 - py.clamp(0.0, 1.0)) * h),
                },
                bezier: false,
            })
            .collect();
        ops.push(Op::DrawLine {
            line: Line {
                is_closed: false,
                points,
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
}

/// A dashed grey box for the fingerprint, beside the signature line at
/// `line_y`, starting at `x`.
fn fingerprint_box(ops: &mut Vec<Op>, x: f32, line_y: f32) {
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor {
        col: Color::Rgb(Rgb::new(0.45, 0.45, 0.45, None)),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
    ops.push(Op::SetLineDashPattern {
        dash: LineDashPattern::new(0.0, &[3.0, 2.0]),
    });
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            mode: Some(PaintMode::Stroke),
            ..Rect::from_xywh(Pt(x), Pt(line_y - 8.0), Pt(50.0), Pt(44.0))
        },
    });
    ops.push(Op::RestoreGraphicsState);
}
