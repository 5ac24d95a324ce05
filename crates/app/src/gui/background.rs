//! The work done every 30 seconds while the window is open: reminders
//! queued, the outbox delivered, due follow-ups announced on the desktop.
//! Failures are logged to stderr and never interrupt the mediator.

use accord_i18n::{Locale, Translations};
use accord_store::Store;

/// The per-computer setting with the day the time limits were last
/// announced (once a day is enough).
pub const SETTING_DUE_NOTIFIED: &str = "due_notified_on";

/// Runs the background work once, for `user` (whose cases' time limits
/// are announced: a mediator's own, everyone's for the others).
pub async fn run(store: &Store, locale: Locale, user: Option<(i64, accord_core::UserRole)>) {
    let t = Translations::get(locale);
    let today = chrono::Local::now().date_naive();
    if let Err(e) = crate::mail::queue_due_reminders(store, t, today).await {
        eprintln!("accord: reminders not queued: {e}");
    }
    match crate::mail::Smtp::configured(store).await {
        Ok(smtp) => {
            if let Err(e) = crate::mail::deliver(store, &smtp, chrono::Utc::now()).await {
                eprintln!("accord: outbox: {e}");
            }
        }
        Err(crate::mail::MailError::NotConfigured) => {}
        Err(e) => eprintln!("accord: mail settings: {e}"),
    }
    let hide = match store.local_setting(crate::notify::SETTING_HIDE_NAMES).await {
        Ok(value) => value.is_some_and(|v| v == "true"),
        Err(e) => {
            eprintln!("accord: notification setting: {e}");
            true
        }
    };
    match store.take_unnotified(today, 20).await {
        Ok(due) if !due.is_empty() => crate::notify::announce(t, &due, hide),
        Ok(_) => {}
        Err(e) => eprintln!("accord: follow-ups: {e}"),
    }
    announce_due_cases(store, t, today, user).await;
}

/// Once a day: the cases near their time limit or overdue.
async fn announce_due_cases(
    store: &Store,
    t: &Translations,
    today: chrono::NaiveDate,
    user: Option<(i64, accord_core::UserRole)>,
) {
    let Some((user_id, role)) = user else { return };
    let key = format!("{SETTING_DUE_NOTIFIED}.{user_id}");
    match store.local_setting(&key).await {
        Ok(Some(day)) if day == today.to_string() => return,
        Ok(_) => {}
        Err(e) => {
            eprintln!("accord: time limits: {e}");
            return;
        }
    }
    let rows = match store.board(today, 100).await {
        Ok(board) => board.rows,
        Err(e) => {
            eprintln!("accord: time limits: {e}");
            return;
        }
    };
    let mine: Vec<_> = rows
        .into_iter()
        .filter(|r| {
            role != accord_core::UserRole::Mediator
                || r.mediator_users.contains(&user_id)
                || r.receiver_id == Some(user_id)
        })
        .collect();
    if !mine.is_empty() {
        crate::notify::announce_due(t, &mine);
    }
    if let Err(e) = store.set_local_setting(&key, &today.to_string()).await {
        eprintln!("accord: time limits: {e}");
    }
}
