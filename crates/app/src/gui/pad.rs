//! The signature pad: a canvas that takes strokes from a mouse, a pen or
//! a finger. Points are kept in a unit box (x right, y down) with the same
//! 4:1 shape as the signature line on paper, so what is drawn is what is
//! printed.

use iced::{
    Color, Point, Rectangle, Renderer, Theme, mouse, touch,
    widget::canvas::{self, Event, Frame, Geometry, Path, Stroke},
};

/// Width : height of the pad and of the printed signature area.
pub const ASPECT: f32 = 4.0;

/// What the pad reports.
#[derive(Debug, Clone, PartialEq)]
pub enum PadEvent {
    /// A stroke starts at a point.
    Start((f32, f32)),
    /// The stroke goes on to a point.
    Move((f32, f32)),
    /// The pen was lifted.
    End,
}

/// The pad, drawing the strokes it is given.
#[derive(Debug, Clone, Copy)]
pub struct Pad<'a> {
    pub strokes: &'a [Vec<(f32, f32)>],
}

/// Whether a pen is down (mouse button or finger).
#[derive(Debug, Default)]
pub struct PadState {
    down: bool,
}

fn unit(bounds: Rectangle, p: Point) -> (f32, f32) {
    (
        ((p.x - bounds.x) / bounds.width.max(1.0)).clamp(0.0, 1.0),
        ((p.y - bounds.y) / bounds.height.max(1.0)).clamp(0.0, 1.0),
    )
}

impl<Message> canvas::Program<Message> for Pad<'_>
where
    Message: From<PadEvent>,
{
    type State = PadState;

    fn update(
        &self,
        state: &mut PadState,
        event: &Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let event = match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let p = cursor.position_over(bounds)?;
                state.down = true;
                PadEvent::Start(unit(bounds, p))
            }
            Event::Mouse(mouse::Event::CursorMoved { position }) if state.down => {
                PadEvent::Move(unit(bounds, *position))
            }
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) if state.down => {
                state.down = false;
                PadEvent::End
            }
            Event::Touch(touch::Event::FingerPressed { position, .. })
                if bounds.contains(*position) =>
            {
                state.down = true;
                PadEvent::Start(unit(bounds, *position))
            }
            Event::Touch(touch::Event::FingerMoved { position, .. }) if state.down => {
                PadEvent::Move(unit(bounds, *position))
            }
            Event::Touch(touch::Event::FingerLifted { .. } | touch::Event::FingerLost { .. })
                if state.down =>
            {
                state.down = false;
                PadEvent::End
            }
            _ => return None,
        };
        Some(canvas::Action::publish(Message::from(event)).and_capture())
    }

    fn draw(
        &self,
        _state: &PadState,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let palette = theme.extended_palette();
        frame.fill_rectangle(Point::ORIGIN, bounds.size(), Color::WHITE);
        // A frame round the pad, so the signatory sees where to sign.
        frame.stroke(
            &Path::rectangle(
                Point::new(1.0, 1.0),
                iced::Size::new(bounds.width - 2.0, bounds.height - 2.0),
            ),
            Stroke::default()
                .with_width(2.0)
                .with_color(palette.primary.base.color),
        );
        // The line to sign on, as on paper.
        let base = bounds.height * 0.82;
        frame.stroke(
            &Path::line(
                Point::new(12.0, base),
                Point::new(bounds.width - 12.0, base),
            ),
            Stroke::default()
                .with_width(1.0)
                .with_color(palette.background.strong.color),
        );
        let ink = Stroke::default()
            .with_width(2.5)
            .with_color(Color::from_rgb(0.08, 0.16, 0.45))
            .with_line_cap(canvas::LineCap::Round)
            .with_line_join(canvas::LineJoin::Round);
        for stroke in self.strokes {
            let path = Path::new(|b| {
                for (i, (x, y)) in stroke.iter().enumerate() {
                    let p = Point::new(x * bounds.width, y * bounds.height);
                    if i == 0 {
                        b.move_to(p);
                    } else {
                        b.line_to(p);
                    }
                }
            });
            frame.stroke(&path, ink);
        }
        vec![frame.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        _state: &PadState,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        if cursor.is_over(bounds) {
            mouse::Interaction::Crosshair
        } else {
            mouse::Interaction::default()
        }
    }
}
