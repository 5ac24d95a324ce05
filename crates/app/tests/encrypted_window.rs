//! The window on an encrypted database, in the real widgets: the first
//! start makes the file encrypted with the administrator; the next start
//! shows only the login (who can log in comes from the key slots, nothing
//! is read from the file before the password); a wrong password opens
//! nothing; the right one opens the work. A damaged file: after the login
//! the start-up screen offers the newest backup, and restoring it (with the
//! key the login opened) brings the data back.

use accord_app::gui::{App, Boot, FONT_BOLD, FONT_FAMILY, FONT_REGULAR, Message};
use iced::{Font, Settings};
use iced_test::Simulator;

const PASSWORD: &str = "管理员的密码123";

/// The app and the runtime its jobs run on; jobs that need no store (the
/// login to an encrypted file, the first start) run without one, as in the
/// window.
struct Window {
    rt: tokio::runtime::Runtime,
    app: App,
    url: String,
}

impl Window {
    fn start(url: &str) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let mut boot = rt.block_on(Boot::load(Some(url.to_owned())));
        boot.locale = accord_i18n::Locale::EnUs;
        let app = App::new(boot, Some(url.to_owned()));
        Self {
            rt,
            app,
            url: url.to_owned(),
        }
    }

    fn send(&mut self, message: Message) {
        let mut queue = std::collections::VecDeque::from([message]);
        while let Some(message) = queue.pop_front() {
            for job in self.app.update(message) {
                let answer = match self.app.store().cloned() {
                    Some(store) => self.rt.block_on(job.run(store)),
                    None => {
                        assert!(!job.needs_store(), "a job needing a store without one");
                        self.rt.block_on(job.run_free())
                    }
                };
                queue.push_back(answer);
            }
        }
    }

    fn ui(&self) -> Simulator<'_, Message> {
        Simulator::with_size(
            Settings {
                fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
                default_font: Font::with_name(FONT_FAMILY),
                ..Settings::default()
            },
            (1280.0, 2000.0),
            self.app.view(),
        )
    }

    fn interact(&mut self, act: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = self.ui();
            act(&mut ui);
            ui.into_messages().collect()
        };
        for m in messages {
            self.send(m);
        }
    }

    fn type_into(&mut self, id: &'static str, text: &str) {
        self.interact(|ui| {
            ui.click(iced_test::selector::id(id))
                .unwrap_or_else(|e| panic!("no field {id}: {e}"));
            let _ = ui.typewrite(text);
        });
    }

    fn click(&mut self, label: &str) {
        self.interact(|ui| {
            ui.click(label)
                .unwrap_or_else(|e| panic!("no button {label}: {e}"));
        });
    }

    fn shows(&self, text: &str) -> bool {
        self.ui().find(text).is_ok()
    }

    fn shows_fragment(&self, fragment: &str) -> bool {
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

    fn log_in(&mut self, password: &str) {
        self.type_into("login_password", password);
        self.click("Log in");
    }
}

/// The first start on a folder with no database: the administrator, then
/// the example. Returns the database file.
fn first_start(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("accord.sqlite3");
    let mut w = Window::start(&path.display().to_string());
    assert!(!path.exists(), "nothing is made before the administrator");
    assert!(w.shows("Welcome to Accord"));
    w.type_into("first_run_name", "李瑞芳");
    w.type_into("first_run_login", "admin");
    w.type_into("first_run_password", PASSWORD);
    w.type_into("first_run_again", PASSWORD);
    w.click("Start");
    assert!(
        matches!(
            accord_store::file_kind(&path).expect("kind"),
            accord_store::FileKind::Encrypted(_)
        ),
        "the new database is encrypted"
    );
    assert!(w.shows("Load the example case"), "then the example offer");
    w.click("Load the example case");
    assert!(w.shows_fragment("2025-0001"), "the example case is listed");
    // Closed as the window closes it.
    if let Some(store) = w.app.store().cloned() {
        w.rt.block_on(store.close());
    }
    path
}

#[test]
fn the_first_start_makes_an_encrypted_file_which_opens_only_with_the_password() {
    let dir = tempfile::tempdir().expect("dir");
    let path = first_start(dir.path());

    // The next start: the login, with the administrator from the key
    // slots, and nothing of the work.
    let mut w = Window::start(&path.display().to_string());
    assert!(
        w.app.store().is_none(),
        "the file is not open before the login"
    );
    assert!(w.app.gated());
    assert!(w.shows("Log in to Accord"));
    assert!(w.shows_fragment("李瑞芳"), "who can log in");
    assert!(
        !w.shows_fragment("2025-0001"),
        "no case before the password"
    );
    assert!(!w.shows_fragment("李玥"), "no party before the password");

    let before = std::fs::read(&path).expect("read");
    w.log_in("不是这个密码123");
    assert!(w.app.gated(), "still shut");
    assert!(w.app.store().is_none());
    assert!(
        w.shows_fragment("The login name or the password is not right"),
        "refused in words"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing written"
    );

    w.log_in(PASSWORD);
    assert!(!w.app.gated(), "open");
    assert!(w.app.store().is_some());
    assert!(w.shows_fragment("2025-0001"), "the work behind it");
    let _ = &w.url;
}

#[test]
fn a_damaged_encrypted_file_is_restored_from_its_backup_after_the_login() {
    let dir = tempfile::tempdir().expect("dir");
    let path = first_start(dir.path());
    // A backup, as the app makes every day.
    {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            let (store, _) =
                accord_store::Store::unlock(&path, accord_store::Who::Login("admin"), PASSWORD)
                    .await
                    .expect("open");
            store
                .backup_into(&dir.path().join("backups"), chrono::Utc::now())
                .await
                .expect("backup");
            store.close().await;
        });
    }
    // The file is damaged past its first page.
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 8)] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, bytes).expect("damage");

    let mut w = Window::start(&path.display().to_string());
    assert!(w.shows("Log in to Accord"), "the slots still open");
    w.log_in(PASSWORD);
    assert!(w.app.store().is_none(), "the file does not open");
    assert!(
        w.shows("Restore this backup"),
        "the newest backup is offered: {:?}",
        w.app
    );
    assert!(w.app.key().is_some(), "the login opened the key");

    // "Restore this backup", as the window does it.
    let backups = accord_store::list_backups(&dir.path().join("backups")).expect("list backups");
    let answer = w.rt.block_on(accord_app::gui::restore_backup(
        Some(path.display().to_string()),
        backups[0].path.clone(),
        w.app.key(),
    ));
    w.send(answer);
    // The restored file is encrypted too: the login again, then the data.
    assert!(w.shows("Log in to Accord"), "the login again");
    w.log_in(PASSWORD);
    assert!(w.shows_fragment("2025-0001"), "the example case is back");
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("accord.sqlite3.replaced-")
        });
    assert!(kept, "the damaged file is kept aside");
}
