//! Everything the user can do on the current screen, as a list: the
//! command palette (Ctrl+K) shows it in the user's language, and the
//! keyboard shortcuts written on the buttons are looked up in it. Each
//! screen says what it offers (`commands`), so the palette, the shortcut
//! and the button send the same message and obey the same rules.

use iced::keyboard::{Key, Modifiers, key::Named};

use super::Message;

/// A key chord, as written on a button ("Ctrl+S").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortcut {
    pub ctrl: bool,
    pub alt: bool,
    pub key: Chord,
}

/// The key of a [`Shortcut`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chord {
    Char(char),
    Enter,
}

impl Shortcut {
    pub const fn ctrl(c: char) -> Self {
        Self {
            ctrl: true,
            alt: false,
            key: Chord::Char(c),
        }
    }

    pub const fn alt(c: char) -> Self {
        Self {
            ctrl: false,
            alt: true,
            key: Chord::Char(c),
        }
    }

    pub const CTRL_ENTER: Self = Self {
        ctrl: true,
        alt: false,
        key: Chord::Enter,
    };

    /// Whether a key press is this chord.
    pub fn matches(&self, key: &Key, modifiers: Modifiers) -> bool {
        if modifiers.command() != self.ctrl || modifiers.alt() != self.alt {
            return false;
        }
        match (self.key, key.as_ref()) {
            (Chord::Enter, Key::Named(Named::Enter)) => true,
            (Chord::Char(c), Key::Character(s)) => {
                s.chars().next().map(|k| k.to_ascii_lowercase()) == Some(c)
            }
            _ => false,
        }
    }

    /// As written on a button.
    pub fn label(&self) -> String {
        let key = match self.key {
            Chord::Char(c) => c.to_ascii_uppercase().to_string(),
            Chord::Enter => "Enter".to_owned(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl+{key}"),
            (false, true) => format!("Alt+{key}"),
            _ => key,
        }
    }
}

/// One thing the user can do now.
#[derive(Debug, Clone)]
pub struct Command<M> {
    /// What it does, in the user's language.
    pub label: String,
    /// The chord the app looks up (for screens that leave their keys to
    /// the palette's table).
    pub shortcut: Option<Shortcut>,
    /// The keys as shown in the palette (a screen with keys of its own,
    /// like the room, shows them here without a [`Shortcut`]).
    pub hint: Option<String>,
    pub message: M,
}

impl<M> Command<M> {
    pub fn new(label: String, message: M) -> Self {
        Self {
            label,
            shortcut: None,
            hint: None,
            message,
        }
    }

    pub fn keys(mut self, shortcut: Shortcut) -> Self {
        self.shortcut = Some(shortcut);
        self.hint = Some(shortcut.label());
        self
    }

    /// Keys the screen handles itself, shown in the palette.
    pub fn hint(mut self, keys: &str) -> Self {
        self.hint = Some(keys.to_owned());
        self
    }

    /// The same command for the parent.
    pub fn map<N>(self, f: impl Fn(M) -> N) -> Command<N> {
        Command {
            label: self.label,
            shortcut: self.shortcut,
            hint: self.hint,
            message: f(self.message),
        }
    }
}

/// The id of the palette's text field (focused when it opens).
pub const PALETTE_INPUT: &str = "palette";

/// How many rows the palette shows at once.
pub const PALETTE_ROWS: usize = 12;

/// The palette: what is typed to narrow the list, and the row chosen.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub query: String,
    pub selected: usize,
}

/// What the user does in the palette.
#[derive(Debug, Clone)]
pub enum PaletteMessage {
    /// Ctrl+K: open it (or close it when open).
    Toggle,
    /// The narrowing text changed.
    Query(String),
    /// Up (-1) or down (+1) the list.
    Move(i32),
    /// Run the chosen row (Enter), or the row clicked.
    Run(Option<usize>),
    /// Escape: close without doing anything.
    Close,
}

/// The commands whose label (or shortcut) holds what was typed, in
/// order; all of them when nothing was typed.
pub fn narrowed<'c>(commands: &'c [Command<Message>], query: &str) -> Vec<&'c Command<Message>> {
    let query = query.trim().to_lowercase();
    commands
        .iter()
        .filter(|c| {
            query.is_empty()
                || c.label.to_lowercase().contains(&query)
                || c.hint
                    .as_ref()
                    .is_some_and(|h| h.to_lowercase().contains(&query))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortcut_matches_its_chord_only() {
        let save = Shortcut::ctrl('s');
        assert!(save.matches(&Key::Character("s".into()), Modifiers::CTRL));
        assert!(save.matches(&Key::Character("S".into()), Modifiers::CTRL));
        assert!(!save.matches(&Key::Character("s".into()), Modifiers::empty()));
        assert!(!save.matches(
            &Key::Character("s".into()),
            Modifiers::CTRL | Modifiers::ALT
        ));
        assert_eq!(save.label(), "Ctrl+S");
        assert!(Shortcut::CTRL_ENTER.matches(&Key::Named(Named::Enter), Modifiers::CTRL));
        assert_eq!(Shortcut::alt('a').label(), "Alt+A");
    }
}
