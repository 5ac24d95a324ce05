//! Closing every database at the end of a process. SQLite connections
//! live on threads of their own; one still closing while the process
//! exits can find the cipher's library (OpenSSL) already torn down by the
//! exit handlers, and crash the process after its work was done. A
//! program that calls [`close_at_exit`] at its start and [`close_all`]
//! before it returns waits for every connection to close first.

use std::sync::Mutex;

use sea_orm::DatabaseConnection;

static OPENED: Mutex<Option<Vec<DatabaseConnection>>> = Mutex::new(None);

/// From now on, every database this process opens is remembered to be
/// closed by [`close_all`] (the command line and the window; tests, which
/// open many, do not).
pub fn close_at_exit() {
    if let Ok(mut opened) = OPENED.lock() {
        opened.get_or_insert_with(Vec::new);
    }
}

static READERS: Mutex<Vec<std::sync::Weak<crate::reads::Reader>>> = Mutex::new(Vec::new());

/// A store's reader, closed by [`close_all`] before the pools (the last
/// connection to close a file checkpoints it).
pub(crate) fn track_reader(reader: &std::sync::Arc<crate::reads::Reader>) {
    if let Ok(opened) = OPENED.lock()
        && opened.is_some()
        && let Ok(mut readers) = READERS.lock()
    {
        readers.retain(|r| r.strong_count() > 0);
        readers.push(std::sync::Arc::downgrade(reader));
    }
}

pub(crate) fn track(db: &DatabaseConnection) {
    if let Ok(mut opened) = OPENED.lock()
        && let Some(list) = opened.as_mut()
    {
        list.push(db.clone());
    }
}

/// Closes every database opened since [`close_at_exit`], waiting until
/// each connection is closed.
pub async fn close_all() {
    let list = OPENED
        .lock()
        .ok()
        .and_then(|mut opened| opened.as_mut().map(std::mem::take))
        .unwrap_or_default();
    let readers = READERS
        .lock()
        .map(|mut r| std::mem::take(&mut *r))
        .unwrap_or_default();
    for reader in readers.iter().filter_map(std::sync::Weak::upgrade) {
        reader.close();
    }
    for db in list {
        let _ = db.close().await;
    }
}
