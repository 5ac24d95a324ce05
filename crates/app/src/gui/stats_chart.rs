//! The statistics' charts, drawn in the app: bars of received and settled
//! cases per row of a breakdown (dispute type, channel, mediator), and the
//! months as two lines. Both share the colours of the offer chart.

use iced::{
    Color, Point, Rectangle, Renderer, Theme, mouse,
    widget::canvas::{self, Frame, Geometry, Path, Stroke, Text},
};

use super::chart::series_color;

/// What the chart shows: two series over the same labelled rows.
#[derive(Debug, Clone)]
pub struct StatsChart {
    /// The rows' labels (a type, a mediator, a month).
    pub labels: Vec<String>,
    /// The two series (received, settled) and their names.
    pub series: [(String, Vec<i64>); 2],
    /// Lines instead of bars (for months).
    pub lines: bool,
    pub text_size: f32,
}

impl<Message> canvas::Program<Message> for StatsChart {
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
        let muted = palette.background.base.text;
        let (left, right, top, bottom) = (44.0, 12.0, 28.0, 40.0);
        let width = (bounds.width - left - right).max(1.0);
        let height = (bounds.height - top - bottom).max(1.0);
        let axis = Stroke::default()
            .with_width(1.0)
            .with_color(palette.background.strong.color);
        frame.stroke(
            &Path::line(
                Point::new(left, top + height),
                Point::new(left + width, top + height),
            ),
            axis,
        );
        frame.stroke(
            &Path::line(Point::new(left, top), Point::new(left, top + height)),
            axis,
        );
        let text = |frame: &mut Frame, content: String, at: Point, color: Color, size: f32| {
            frame.fill_text(Text {
                content,
                position: at,
                color,
                size: size.into(),
                ..Text::default()
            });
        };
        // The legend.
        let small = self.text_size * 0.8;
        let mut x = left;
        for (i, (name, _)) in self.series.iter().enumerate() {
            frame.fill_rectangle(
                Point::new(x, 6.0),
                iced::Size::new(12.0, 12.0),
                series_color(i),
            );
            text(
                &mut frame,
                name.clone(),
                Point::new(x + 16.0, 4.0),
                muted,
                small,
            );
            x += 24.0 + name.chars().count() as f32 * small;
        }
        let n = self.labels.len();
        if n == 0 {
            return vec![frame.into_geometry()];
        }
        let max = self
            .series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        text(
            &mut frame,
            max.to_string(),
            Point::new(4.0, top - 4.0),
            muted,
            small,
        );
        text(
            &mut frame,
            "0".into(),
            Point::new(4.0, top + height - small),
            muted,
            small,
        );
        let slot = width / n as f32;
        let y = |v: i64| top + height * (1.0 - v as f32 / max as f32);
        for (i, label) in self.labels.iter().enumerate() {
            // Labels shortened to their slot.
            let fits = ((slot / (small * 0.95)).floor() as usize).max(2);
            let shown: String = label.chars().take(fits).collect();
            text(
                &mut frame,
                shown,
                Point::new(left + slot * i as f32 + 2.0, top + height + 6.0),
                muted,
                small,
            );
        }
        if self.lines {
            for (s, (_, values)) in self.series.iter().enumerate() {
                let color = series_color(s);
                let points: Vec<Point> = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Point::new(left + slot * (i as f32 + 0.5), y(*v)))
                    .collect();
                if points.len() > 1 {
                    let line = Path::new(|b| {
                        b.move_to(points[0]);
                        for p in &points[1..] {
                            b.line_to(*p);
                        }
                    });
                    frame.stroke(&line, Stroke::default().with_width(2.5).with_color(color));
                }
                for p in points {
                    frame.fill(&Path::circle(p, 3.5), color);
                }
            }
        } else {
            let bar = (slot * 0.8 / 2.0).max(1.0);
            for (s, (_, values)) in self.series.iter().enumerate() {
                let color = series_color(s);
                for (i, v) in values.iter().enumerate() {
                    let x = left + slot * i as f32 + slot * 0.1 + bar * s as f32;
                    let top_y = y(*v);
                    frame.fill_rectangle(
                        Point::new(x, top_y),
                        iced::Size::new(bar - 1.0, top + height - top_y),
                        color,
                    );
                    if *v > 0 {
                        text(
                            &mut frame,
                            v.to_string(),
                            Point::new(x, top_y - small - 2.0),
                            color,
                            small,
                        );
                    }
                }
            }
        }
        vec![frame.into_geometry()]
    }
}
