//! The window: iced's application loop around [`App`]. Jobs the app
//! returns run on the tokio runtime (the UI thread never waits for the
//! disk); each answer comes back as the message the job was made with.

use accord_store::StoreError;
use iced::{Font, Task};

use super::{APP_ID, App, Boot, FONT_BOLD, FONT_FAMILY, FONT_REGULAR, Message, theme};

/// Runs the desktop app. `runtime` carries the database work.
pub fn run(
    boot: Boot,
    url: Option<String>,
    runtime: tokio::runtime::Handle,
    probe: Option<std::time::Instant>,
) -> iced::Result {
    let initial = std::sync::Mutex::new(Some((boot, url)));
    let boot_fn = move || {
        let (boot, url) = initial
            .lock()
            .ok()
            .and_then(|mut b| b.take())
            .unwrap_or_else(|| {
                (
                    Boot::failed(StoreError::Database("started twice".into())),
                    None,
                )
            });
        App::new(boot, url).with_probe(probe)
    };
    let update = move |app: &mut App, message: Message| -> Task<Message> {
        if let (Message::Frame, Some(started)) = (&message, app.probe()) {
            // The start-up benchmark reads this line, then the app quits.
            println!(
                "startup_to_first_frame_ms={:.1}",
                started.elapsed().as_secs_f64() * 1000.0
            );
            return iced::exit();
        }
        if let Message::RestoreBackup(backup) = message {
            let url = app.url().map(str::to_owned);
            let key = app.key();
            let open = app.store().cloned();
            let handle = runtime.clone();
            return Task::perform(
                async move {
                    handle
                        .spawn(async move {
                            match open {
                                // From the backups page: the open database
                                // is closed for it.
                                Some(store) => super::restore_open_backup(url, backup, store).await,
                                None => super::restore_backup(url, backup, key).await,
                            }
                        })
                        .await
                },
                |answer| match answer {
                    Ok(message) => message,
                    Err(e) => Message::JobStopped(e.to_string()),
                },
            );
        }
        if let Message::Resized(size) = message {
            // Remembered for the next start (not in the database: an
            // encrypted one is not open yet when the window opens).
            remember_size(size);
            return Task::none();
        }
        if matches!(message, Message::Retry) {
            let url = app.url().map(str::to_owned);
            let handle = runtime.clone();
            return Task::perform(async move { handle.spawn(Boot::load(url)).await }, |boot| {
                match boot {
                    Ok(boot) => Message::Rebooted(Box::new(boot)),
                    Err(e) => Message::JobStopped(e.to_string()),
                }
            });
        }
        let jobs = app.update(message);
        let store = app.store().cloned();
        // Focus moves the update asked for, after the new view is built.
        let ops = app.take_ops().into_iter().map(|op| match op {
            super::UiOp::FocusNext => iced::widget::operation::focus_next(),
            super::UiOp::FocusPrevious => iced::widget::operation::focus_previous(),
            super::UiOp::Focus(id) => iced::widget::operation::focus(id),
            super::UiOp::ScrollTop => iced::widget::operation::snap_to(
                super::widgets::PAGE,
                iced::widget::operation::RelativeOffset::START,
            ),
        });
        let ops: Vec<Task<Message>> = ops.collect();
        Task::batch(ops).chain(Task::batch(jobs.into_iter().filter_map(|job| {
            let store = store.clone();
            let handle = runtime.clone();
            let work = match store {
                Some(store) => handle.spawn(job.run(store)),
                None if !job.needs_store() => handle.spawn(job.run_free()),
                None => return None,
            };
            Some(Task::perform(work, |answer| match answer {
                Ok(message) => message,
                Err(e) => Message::JobStopped(e.to_string()),
            }))
        })))
    };
    iced::application(boot_fn, update, App::view)
        .title(App::title)
        .theme(|_: &App| theme::theme())
        .subscription(App::subscription)
        .window(window_settings())
        .font(FONT_REGULAR)
        .font(FONT_BOLD)
        .default_font(Font::with_name(FONT_FAMILY))
        .run()
}

/// Where the window's size is remembered.
fn size_file() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("org", "Accord", "accord").map(|d| d.config_dir().join("window"))
}

/// The size the window had when it was last resized ("1366x768").
fn remembered_size() -> Option<iced::Size> {
    let text = std::fs::read_to_string(size_file()?).ok()?;
    parse_size(&text)
}

/// "1366x768" as a size, if it is a sane one.
fn parse_size(text: &str) -> Option<iced::Size> {
    let (w, h) = text.trim().split_once('x')?;
    let (w, h): (f32, f32) = (w.parse().ok()?, h.parse().ok()?);
    ((640.0..=10_000.0).contains(&w) && (480.0..=10_000.0).contains(&h))
        .then(|| iced::Size::new(w, h))
}

fn remember_size(size: iced::Size) {
    if let Some(file) = size_file() {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(
            file,
            format!("{}x{}", size.width.round(), size.height.round()),
        );
    }
}

/// The window as the user left it; the first time maximised, so it fits
/// any screen (a 1366x768 or 1024x768 laptop's included) and nothing sits
/// below its edge.
fn window_settings() -> iced::window::Settings {
    let remembered = remembered_size();
    iced::window::Settings {
        size: remembered.unwrap_or(iced::Size::new(1200.0, 720.0)),
        maximized: remembered.is_none(),
        min_size: Some(iced::Size::new(800.0, 560.0)),
        #[cfg(target_os = "linux")]
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: APP_ID.to_owned(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_remembered_size_is_read_back_and_nonsense_ignored() {
        assert_eq!(
            super::parse_size("1366x768\n"),
            Some(iced::Size::new(1366.0, 768.0))
        );
        assert_eq!(super::parse_size("0x0"), None);
        assert_eq!(super::parse_size("wide"), None);
    }
}
