//! Drives the real app state and widgets: messages from the iced_test
//! simulator go through `App::update`, and the jobs it returns run against
//! a real SQLite file, as they do in the window.

#![allow(dead_code)]

pub mod window;

use accord_app::gui::{App, Boot, FONT_BOLD, FONT_FAMILY, FONT_REGULAR, Message};
use accord_core::UserRole;
use accord_store::Store;
use iced::{Font, Settings};
use iced_test::Simulator;

pub struct Harness {
    pub rt: tokio::runtime::Runtime,
    pub app: App,
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Harness {
    /// A fresh database file; `user` creates a mediator first (no first run).
    pub fn new(user: bool, locale: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = dir.path().join("accord.sqlite3").display().to_string();
        let mut h = Self::at(url, user, locale);
        h._dir = Some(dir);
        h
    }

    /// The app on an existing database (a file or a server URL), as a
    /// second room's laptop would start on the centre's database.
    pub fn at(url: String, user: bool, locale: &str) -> Self {
        // SAFETY-free: the backend is chosen by the environment; tiny-skia
        // needs no GPU and gives the same pixels everywhere.
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let store = rt.block_on(Store::open(&url)).expect("open");
        rt.block_on(store.set_local_setting("locale", locale))
            .expect("locale");
        if user {
            let u = rt
                .block_on(store.create_user(None, "边文玲", UserRole::Mediator))
                .expect("user");
            rt.block_on(store.set_current_user(u.id)).expect("current");
        }
        let app = App::new(
            rt.block_on(Boot::load(Some(url.clone()))),
            Some(url.clone()),
        );
        Self {
            rt,
            app,
            store,
            url,
            _dir: None,
        }
    }

    /// Starts the app again on the same database, as after a restart.
    pub fn restart(&mut self) {
        self.app = App::new(
            self.rt.block_on(Boot::load(Some(self.url.clone()))),
            Some(self.url.clone()),
        );
    }

    /// Runs the jobs on the app's own database from now on (after the app
    /// reopened it, e.g. after a restore closed the harness's).
    pub fn restore_store(&mut self) {
        if let Some(store) = self.app.store() {
            self.store = store.clone();
        }
    }

    /// Sends a message and runs every job it causes, to the end.
    pub fn send(&mut self, message: Message) {
        let mut queue = std::collections::VecDeque::from([message]);
        while let Some(message) = queue.pop_front() {
            for job in self.app.update(message) {
                queue.push_back(self.rt.block_on(job.run(self.store.clone())));
            }
        }
    }

    /// Sends a message and handles at most `rounds` messages (it, then
    /// the answers of its jobs); returns the answers not yet handled, as
    /// jobs still running would be, for [`Harness::resume`].
    pub fn send_rounds(
        &mut self,
        message: Message,
        rounds: usize,
    ) -> std::collections::VecDeque<Message> {
        let mut queue = std::collections::VecDeque::from([message]);
        for _ in 0..rounds {
            let Some(message) = queue.pop_front() else {
                break;
            };
            for job in self.app.update(message) {
                queue.push_back(self.rt.block_on(job.run(self.store.clone())));
            }
        }
        queue
    }

    /// Handles answers left by [`Harness::send_rounds`], to the end.
    pub fn resume(&mut self, pending: std::collections::VecDeque<Message>) {
        for message in pending {
            self.send(message);
        }
    }

    /// A simulator over the current view, with the bundled CJK font.
    pub fn ui(&self) -> Simulator<'_, Message> {
        Simulator::with_size(
            Settings {
                fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
                default_font: Font::with_name(FONT_FAMILY),
                ..Settings::default()
            },
            (1280.0, 2400.0),
            self.app.view(),
        )
    }

    /// Lets `act` click and type, then feeds what it produced to the app.
    pub fn interact(&mut self, act: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = self.ui();
            act(&mut ui);
            ui.into_messages().collect()
        };
        for m in messages {
            self.send(m);
        }
    }

    /// Whether `text` is on screen now.
    pub fn shows(&self, text: &str) -> bool {
        self.ui().find(text).is_ok()
    }

    /// Whether any text on screen contains `fragment`.
    pub fn shows_fragment(&self, fragment: &str) -> bool {
        let fragment = fragment.to_owned();
        self.ui()
            .find(move |candidate: iced_test::selector::Candidate<'_>| {
                let text = match candidate {
                    iced_test::selector::Candidate::Text { content, .. } => content,
                    iced_test::selector::Candidate::TextInput { state, .. } => state.text(),
                    _ => return None,
                };
                text.contains(fragment.as_str()).then_some(())
            })
            .is_ok()
    }
}

impl Harness {
    /// The demo case's room opened from the case list (the session at
    /// the joint opening).
    pub fn demo_room() -> Self {
        let mut h = Harness::new(true, "zh-CN");
        h.rt.block_on(h.store.load_demo(&accord_store::Actor::system()))
            .expect("demo");
        h.restart();
        h.interact(|ui| {
            ui.click("2025-0001").expect("case in the list");
        });
        h.interact(|ui| {
            ui.click("开始调解").expect("start mediation");
        });
        h
    }

    /// Clicks the button with this label `times` times, one frame each.
    pub fn click_times(&mut self, label: &str, times: usize) {
        for _ in 0..times {
            self.interact(|ui| {
                ui.click(label)
                    .unwrap_or_else(|e| panic!("no button {label}: {e}"));
            });
        }
    }
}

/// Clicks a widget by id and types into it.
pub fn type_into(ui: &mut Simulator<'_, Message>, id: &'static str, text: &str) {
    ui.click(iced_test::selector::id(id))
        .unwrap_or_else(|e| panic!("no field {id}: {e}"));
    let _ = ui.typewrite(text);
}

impl Harness {
    /// Saves what a 1280x860 window shows now as a PNG (for looking at).
    pub fn screenshot(&self, name: &str) {
        self.screenshot_sized(name, (1280.0, 860.0));
    }

    /// Saves what a window of `size` (logical pixels; the PNG is at scale
    /// 2) shows now.
    pub fn screenshot_sized(&self, name: &str, size: (f32, f32)) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let path = dir.join(name);
        let dir = path.parent().expect("dir").to_owned();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let stem = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            if entry.file_name().to_string_lossy().starts_with(&stem) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let mut ui = Simulator::with_size(
            Settings {
                fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
                default_font: Font::with_name(FONT_FAMILY),
                ..Settings::default()
            },
            size,
            self.app.view(),
        );
        let snapshot = ui
            .snapshot(&accord_app::gui::theme::theme())
            .expect("snapshot");
        assert!(snapshot.matches_image(&path).expect("write png"));
    }
}
