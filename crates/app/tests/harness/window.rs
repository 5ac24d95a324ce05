//! A window kept between key presses, for tests driven by the keyboard
//! alone: the widget tree (which field has the keyboard) lives on from
//! one frame to the next as it does in the real window, each key goes to
//! the widgets first and then, as the window's subscription would send
//! it, to the app; focus moves the app asks for (Tab) are carried out on
//! the tree.

use accord_app::gui::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR, UiOp, key_message};
use iced::{Font, Settings};
use iced_test::core::{
    Event, Pixels, Size, clipboard, keyboard, mouse,
    renderer::Headless,
    widget::operation::{self, Operation, Outcome},
};
use iced_test::runtime::{UserInterface, user_interface};

use super::Harness;

type Renderer = iced_test::renderer::Renderer;

/// The window: its widget tree's state and its renderer.
pub struct Window {
    cache: Option<user_interface::Cache>,
    renderer: Renderer,
    size: Size,
    /// Every key press sent, for counting.
    pub presses: usize,
}

impl Window {
    /// A window of the size of a common office laptop's screen.
    pub fn new(h: &Harness) -> Self {
        // Loads the bundled fonts into the shared font system.
        drop(iced_test::Simulator::with_settings(
            Settings {
                fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
                default_font: Font::with_name(FONT_FAMILY),
                ..Settings::default()
            },
            h.app.view(),
        ));
        let renderer =
            iced_test::futures::futures::executor::block_on(<Renderer as Headless>::new(
                Font::with_name(FONT_FAMILY),
                Pixels(16.0),
                std::env::var("ICED_TEST_BACKEND").ok().as_deref(),
            ))
            .expect("renderer");
        Self {
            cache: Some(user_interface::Cache::default()),
            renderer,
            size: Size::new(1366.0, 2400.0),
            presses: 0,
        }
    }
}

impl Harness {
    /// Sends raw events to the window as the real one would: to the
    /// widgets, then each key to the app's subscription with whether a
    /// widget took it; runs what follows and the focus moves asked for.
    pub fn events(&mut self, window: &mut Window, events: Vec<Event>) {
        let mut messages = Vec::new();
        {
            let mut ui = UserInterface::build(
                self.app.view(),
                window.size,
                window.cache.take().unwrap_or_default(),
                &mut window.renderer,
            );
            for event in events {
                let (_, statuses) = ui.update(
                    std::slice::from_ref(&event),
                    mouse::Cursor::Unavailable,
                    &mut window.renderer,
                    &mut clipboard::Null,
                    &mut messages,
                );
                let status = statuses
                    .first()
                    .copied()
                    .unwrap_or(iced::event::Status::Ignored);
                if let Some(m) = key_message(event, status) {
                    messages.push(m);
                }
            }
            window.cache = Some(ui.into_cache());
        }
        for m in messages {
            self.send(m);
        }
        self.carry_out_ops(window);
    }

    /// Carries out the focus moves the app asked for on the window's tree.
    fn carry_out_ops(&mut self, window: &mut Window) {
        let ops = self.app.take_ops();
        if ops.is_empty() {
            return;
        }
        let mut ui = UserInterface::build(
            self.app.view(),
            window.size,
            window.cache.take().unwrap_or_default(),
            &mut window.renderer,
        );
        for op in ops {
            let mut operation: Box<dyn Operation<()>> = match op {
                UiOp::FocusNext => Box::new(operation::focusable::focus_next()),
                UiOp::FocusPrevious => Box::new(operation::focusable::focus_previous()),
                UiOp::Focus(id) => Box::new(operation::focusable::focus(id.into())),
                UiOp::ScrollTop => Box::new(operation::scrollable::snap_to(
                    accord_app::gui::PAGE_SCROLL.into(),
                    operation::scrollable::RelativeOffset::START.into(),
                )),
            };
            loop {
                ui.operate(&window.renderer, operation.as_mut());
                match operation.finish() {
                    Outcome::Chain(next) => operation = next,
                    _ => break,
                }
            }
        }
        window.cache = Some(ui.into_cache());
    }

    /// The id of the field that has the keyboard, if any.
    pub fn focused(&mut self, window: &mut Window) -> Option<iced::widget::Id> {
        let mut ui = UserInterface::build(
            self.app.view(),
            window.size,
            window.cache.take().unwrap_or_default(),
            &mut window.renderer,
        );
        let mut find = operation::focusable::find_focused();
        ui.operate(&window.renderer, &mut operation::black_box(&mut find));
        let found = match find.finish() {
            Outcome::Some(id) => Some(id),
            _ => None,
        };
        window.cache = Some(ui.into_cache());
        found
    }

    /// Presses Tab until the field `id` has the keyboard (each press an
    /// interaction); fails if it never comes.
    pub fn tab_to(&mut self, window: &mut Window, id: &'static str) {
        let target = iced::widget::Id::new(id);
        for _ in 0..40 {
            if self.focused(window).as_ref() == Some(&target) {
                return;
            }
            self.press(
                window,
                keyboard::Key::Named(keyboard::key::Named::Tab),
                keyboard::Modifiers::empty(),
            );
        }
        panic!("Tab never reached {id}");
    }

    /// One key press (and release) with modifiers: one interaction.
    pub fn press(
        &mut self,
        window: &mut Window,
        key: keyboard::Key,
        modifiers: keyboard::Modifiers,
    ) {
        window.presses += 1;
        let text = match key.as_ref() {
            keyboard::Key::Character(c) if !modifiers.command() && !modifiers.alt() => {
                Some(c.into())
            }
            _ => None,
        };
        let events = vec![
            Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)),
            Event::Keyboard(keyboard::Event::KeyPressed {
                key: key.clone(),
                modified_key: key.clone(),
                physical_key: keyboard::key::Physical::Unidentified(
                    keyboard::key::NativeCode::Unidentified,
                ),
                location: keyboard::Location::Standard,
                modifiers,
                text,
                repeat: false,
            }),
            Event::Keyboard(keyboard::Event::KeyReleased {
                key: key.clone(),
                modified_key: key,
                physical_key: keyboard::key::Physical::Unidentified(
                    keyboard::key::NativeCode::Unidentified,
                ),
                location: keyboard::Location::Standard,
                modifiers,
            }),
            Event::Keyboard(keyboard::Event::ModifiersChanged(
                keyboard::Modifiers::empty(),
            )),
        ];
        self.events(window, events);
    }

    /// Types text into the field that has the keyboard: one interaction.
    pub fn type_text(&mut self, window: &mut Window, text: &str) {
        window.presses += 1;
        let events: Vec<Event> = iced_test::simulator::typewrite(text).collect();
        self.events(window, events);
    }

    /// Opens the palette, narrows it to `query` and runs the first line:
    /// three interactions (Ctrl+K, typing, Enter).
    pub fn palette(&mut self, window: &mut Window, query: &str) {
        self.press(
            window,
            keyboard::Key::Character("k".into()),
            keyboard::Modifiers::CTRL,
        );
        self.type_text(window, query);
        assert!(
            !self.shows("没有符合的命令。") && !self.shows("No command matches."),
            "the palette has a command for {query:?}"
        );
        self.press(
            window,
            keyboard::Key::Named(keyboard::key::Named::Enter),
            keyboard::Modifiers::empty(),
        );
    }
}
