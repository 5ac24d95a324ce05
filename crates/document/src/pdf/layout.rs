//! The pages being filled, top to bottom: positioned runs of text and the
//! drawing operations of each page, a new page when the next line does not
//! fit above the bottom margin, and a ruled line.

use printpdf::{Line, LinePoint, Op, Point, Pt};

use super::{BODY, BOTTOM, LINE, MARGIN_X, PAGE_H, TOP};

/// One positioned run of text.
pub(super) struct Run {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) bold: bool,
    pub(super) text: String,
    /// Extra space after each character (letter-spaced titles).
    pub(super) spacing: f32,
}

impl Run {
    /// A run in the regular face, not letter-spaced.
    pub(super) fn plain(x: f32, y: f32, size: f32, text: String) -> Self {
        Self {
            x,
            y,
            size,
            bold: false,
            text,
            spacing: 0.0,
        }
    }
}

/// One page: its text and what is drawn on it.
pub(super) type Page = (Vec<Run>, Vec<Op>);

/// The pages being filled, and how far down the last one is filled.
pub(super) struct Pages {
    pub(super) pages: Vec<Page>,
    /// The baseline area's top on the last page, in points from the bottom.
    pub(super) y: f32,
}

impl Pages {
    pub(super) fn new() -> Self {
        Self {
            pages: vec![(Vec::new(), Vec::new())],
            y: PAGE_H - TOP,
        }
    }

    /// Makes room for `height` points, starting a new page if needed.
    pub(super) fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push((Vec::new(), Vec::new()));
            self.y = PAGE_H - TOP;
        }
    }

    /// Sets one line of text at `x` and moves down by its height.
    pub(super) fn text(&mut self, x: f32, size: f32, bold: bool, text: String) {
        let height = size * LINE;
        self.room(height);
        self.y -= height;
        if let Some(page) = self.pages.last_mut() {
            page.0.push(Run {
                bold,
                ..Run::plain(x, self.y + size * 0.35, size, text)
            });
        }
    }

    /// A label at the margin ("1. ", "申请人：") with the lines set
    /// `offset` points in, the label on the first line.
    pub(super) fn labelled(&mut self, label: String, bold: bool, offset: f32, lines: Vec<String>) {
        for (i, line) in lines.into_iter().enumerate() {
            if i == 0 {
                self.room(BODY * LINE);
                let y = self.y - BODY * LINE + BODY * 0.35;
                if let Some(page) = self.pages.last_mut() {
                    page.0.push(Run {
                        bold,
                        ..Run::plain(MARGIN_X, y, BODY, label.clone())
                    });
                }
            }
            self.text(MARGIN_X + offset, BODY, false, line);
        }
    }

    /// The runs of the last page.
    pub(super) fn runs(&mut self) -> &mut Vec<Run> {
        &mut self.last().0
    }

    /// The drawing operations of the last page.
    pub(super) fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.last().1
    }

    fn last(&mut self) -> &mut Page {
        self.pages.last_mut().expect("at least one page")
    }
}

/// A straight line `width` points thick.
pub(super) fn stroke(ops: &mut Vec<Op>, from: (f32, f32), to: (f32, f32), width: f32) {
    let point = |(x, y): (f32, f32)| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    };
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    ops.push(Op::DrawLine {
        line: Line {
            is_closed: false,
            points: vec![point(from), point(to)],
        },
    });
}
