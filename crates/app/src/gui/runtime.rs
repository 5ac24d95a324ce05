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

fn window_settings() -> iced::window::Settings {
    iced::window::Settings {
        size: iced::Size::new(1200.0, 800.0),
        min_size: Some(iced::Size::new(800.0, 560.0)),
        #[cfg(target_os = "linux")]
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: APP_ID.to_owned(),
            ..Default::default()
        },
        ..Default::default()
    }
}
