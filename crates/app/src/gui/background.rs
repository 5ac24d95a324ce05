//! The work done every 30 seconds while the window is open: reminders
//! queued, the outbox delivered, due follow-ups announced on the desktop.
//! Failures are logged to stderr and never interrupt the mediator.

use accord_i18n::{Locale, Translations};
use accord_store::Store;

/// Runs the background work once.
pub async fn run(store: &Store, locale: Locale) {
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
}
