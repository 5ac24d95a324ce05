//! The offer history: each party's offers over the caucus rounds, drawn
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
        let max_round = self
            .points
            .iter()
            .map(|p| p.round)
            .max()
            .unwrap_or(1)
            .max(1);
        let max = self
            .points
            .iter()
            .map(|p| p.minor)
            .max()
            .unwrap_or(1)
            .max(1) as f32;
        let min = self
            .points
            .iter()
            .map(|p| p.minor)
            .min()
            .unwrap_or(0)
            .min(0) as f32;
        let x = |round: u32| left + width * (round as f32 - 0.5) / max_round as f32;
        let y = |minor: i64| top + height * (1.0 - (minor as f32 - min) / (max - min).max(1.0));
        let label = |frame: &mut Frame, content: String, at: Point| {
            frame.fill_text(Text {
                content,
                position: at,
                color: palette.background.base.text,
                size: (self.text_size * 0.85).into(),
                ..Text::default()
            });
        };
        for round in 1..=max_round {
            label(
                &mut frame,
                round.to_string(),
                Point::new(x(round) - 3.0, top + height + 6.0),
            );
        }
        label(
            &mut frame,
            format!("{:.0}", max / 100.0),
            Point::new(4.0, top),
        );
        label(
            &mut frame,
            format!("{:.0}", min / 100.0),
            Point::new(4.0, top + height - self.text_size),
        );
        for (index, party) in self.parties.iter().enumerate() {
            let color = series_color(index);
            let mine: Vec<Point> = self
                .points
                .iter()
                .filter(|p| p.party_id == *party)
                .map(|p| Point::new(x(p.round), y(p.minor)))
                .collect();
            if mine.len() > 1 {
                let line = Path::new(|b| {
                    b.move_to(mine[0]);
                    for p in &mine[1..] {
                        b.line_to(*p);
                    }
                });
                frame.stroke(&line, Stroke::default().with_width(2.5).with_color(color));
            }
            for p in mine {
                frame.fill(&Path::circle(p, 4.0), color);
            }
        }
        vec![frame.into_geometry()]
    }
}
