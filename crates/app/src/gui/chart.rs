//! The offer history: each party's offers in the order they were made,
//! each point labelled with its amount, on a scale that spans the offers,
//! from points that [`accord_core::room::offer_points`] already filtered by
//! the room's confidentiality rule.

use accord_core::room::OfferPoint;
use iced::{
    Color, Point, Rectangle, Renderer, Theme, mouse,
    widget::canvas::{self, Frame, Geometry, Path, Stroke, Text},
};

/// Colours of the parties' lines, in party order.
const SERIES: [Color; 4] = [
    Color::from_rgb(0.12, 0.37, 0.66),
    Color::from_rgb(0.80, 0.40, 0.10),
    Color::from_rgb(0.18, 0.49, 0.31),
    Color::from_rgb(0.55, 0.25, 0.60),
];

/// The colour of a party's line.
pub fn series_color(index: usize) -> Color {
    SERIES[index % SERIES.len()]
}

/// The chart's data.
#[derive(Debug, Clone)]
pub struct OfferChart {
    /// Party ids in display order (fixes the colours).
    pub parties: Vec<i64>,
    pub points: Vec<OfferPoint>,
    pub text_size: f32,
}

impl<Message> canvas::Program<Message> for OfferChart {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let palette = theme.extended_palette();
        let (left, right, top, bottom) = (70.0, 16.0, 12.0, 28.0);
        let width = (bounds.width - left - right).max(1.0);
        let height = (bounds.height - top - bottom).max(1.0);
        let axis = Stroke::default()
            .with_width(1.0)
            .with_color(palette.background.strong.color);
        frame.stroke(
            &Path::line(Point::new(left, top), Point::new(left, top + height)),
            axis,
        );
        frame.stroke(
            &Path::line(
                Point::new(left, top + height),
                Point::new(left + width, top + height),
            ),
            axis,
        );
        if self.points.is_empty() {
            return vec![frame.into_geometry()];
        }
        // One step per offer, in the order they were made; the scale
        // spans the offers (with a margin), so a gap of a few hundred
        // yuan between offers of thousands is plain to see.
        let (lo, hi) = scale(&self.points);
        let n = self.points.len() as f32;
        let x = |i: usize| left + width * (i as f32 + 0.5) / n;
        let y = |minor: i64| top + height * (1.0 - (minor - lo) as f32 / (hi - lo).max(1) as f32);
        let label = |frame: &mut Frame, content: String, at: Point, color: Color| {
            frame.fill_text(Text {
                content,
                position: at,
                color,
                size: (self.text_size * 0.85).into(),
                ..Text::default()
            });
        };
        let muted = palette.background.base.text;
        label(&mut frame, yuan(hi), Point::new(4.0, top), muted);
        label(
            &mut frame,
            yuan(lo),
            Point::new(4.0, top + height - self.text_size),
            muted,
        );
        for (i, _) in self.points.iter().enumerate() {
            label(
                &mut frame,
                (i + 1).to_string(),
                Point::new(x(i) - 3.0, top + height + 6.0),
                muted,
            );
        }
        for (index, party) in self.parties.iter().enumerate() {
            let color = series_color(index);
            let mine: Vec<(Point, i64)> = self
                .points
                .iter()
                .enumerate()
                .filter(|(_, p)| p.party_id == *party)
                .map(|(i, p)| (Point::new(x(i), y(p.minor)), p.minor))
                .collect();
            if mine.len() > 1 {
                let line = Path::new(|b| {
                    b.move_to(mine[0].0);
                    for (p, _) in &mine[1..] {
                        b.line_to(*p);
                    }
                });
                frame.stroke(&line, Stroke::default().with_width(2.5).with_color(color));
            }
            for (p, minor) in mine {
                frame.fill(&Path::circle(p, 4.0), color);
                // The value beside its point, above it unless at the top.
                let above = p.y - self.text_size - 4.0;
                let at = if above < 0.0 {
                    Point::new(p.x + 6.0, p.y + 4.0)
                } else {
                    Point::new(p.x - 16.0, above)
                };
                label(&mut frame, yuan(minor), at, color);
            }
        }
        vec![frame.into_geometry()]
    }
}

/// The chart's vertical range in minor units: the offers' range with a
/// tenth of it (at least 100 yuan, or a tenth of the amount when all
/// offers are equal) above and below, never below zero.
pub fn scale(points: &[OfferPoint]) -> (i64, i64) {
    let max = points.iter().map(|p| p.minor).max().unwrap_or(0);
    let min = points.iter().map(|p| p.minor).min().unwrap_or(0);
    let margin = if max > min {
        ((max - min) / 10).max(10_000)
    } else {
        (max / 10).max(10_000)
    };
    ((min - margin).max(0), max + margin)
}

/// An amount in whole yuan with thousands grouped ("¥6,500").
fn yuan(minor: i64) -> String {
    let figures = accord_core::Money::new(minor, accord_core::Currency::Cny).figures();
    figures.trim_end_matches(".00").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minor: i64) -> OfferPoint {
        OfferPoint {
            party_id: 1,
            round: 1,
            minor,
            at: chrono::Utc::now(),
            item_id: 1,
        }
    }

    #[test]
    fn the_scale_spans_the_offers_not_zero() {
        let (lo, hi) = scale(&[at(600_000), at(650_000)]);
        assert!(lo > 500_000 && lo < 600_000, "{lo}");
        assert!(hi > 650_000 && hi < 700_000, "{hi}");
        // A gap of 500 yuan takes most of the height.
        assert!((650_000 - 600_000) as f64 / (hi - lo) as f64 > 0.5);
        let (lo, hi) = scale(&[at(500_000)]);
        assert!(lo < 500_000 && hi > 500_000);
        assert_eq!(scale(&[at(1_000)]).0, 0, "never below zero");
    }
}
