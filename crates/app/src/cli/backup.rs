//! `accord backup` and `accord restore`, and the daily backup the app
//! makes at start (see `accord_store`'s `backup` module for what a backup
//! is and where it goes).

use std::path::{Path, PathBuf};

use accord_store::{AutoBackup, Store, StoreError, Who};
use chrono::{DateTime, Utc};

use super::{login, said, tr};

/// `accord backup [--out FILE] [--folder FOLDER]`: writes a backup of the
/// whole database (SQLite or PostgreSQL) to one new SQLite file and says
/// where and how big. `--folder` first remembers the backups folder of
/// this computer.
pub async fn backup(
    db: Option<&str>,
    out: Option<&Path>,
    folder: Option<&Path>,
) -> anyhow::Result<()> {
    let t = tr();
    // A backup holds everything, the personal data too: only for a login.
    let (store, _) = login::open_signed_in(db).await?;
    let stored = |e: StoreError| said(e.into());
    if let Some(folder) = folder {
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        store.set_backup_dir(Some(&folder)).await.map_err(stored)?;
        println!(
            "{}",
            t.tr_args(
                "cli-backup-folder-set",
                &[("folder", folder.display().to_string().into())]
            )
        );
    }
    let file = match out {
        Some(out) => store.backup_to(out).await,
        None => {
            let dir = store.backup_dir().await.map_err(stored)?;
            store.backup_into(&dir, Utc::now()).await
        }
    }
    .map_err(stored)?;
    println!(
        "{}",
        t.tr_args(
            "cli-backup-written",
            &[
                ("backend", store.backend().into()),
                ("file", file.path.display().to_string().into()),
                ("size", size(file.bytes).into()),
            ]
        )
    );
    println!(
        "{}",
        t.tr_args("cli-backup-sha256", &[("sha256", file.sha256.into())])
    );
    Ok(())
}

/// `accord restore FILE`: checks the backup (checksum, integrity, schema,
/// audit chain) and puts it in place of the SQLite database, keeping the
/// replaced file aside. A server database is refused: a backup goes into
/// one with `accord db copy`.
pub async fn restore(db: Option<&str>, file: &Path) -> anyhow::Result<()> {
    let t = tr();
    let Some(target) = sqlite_target(db) else {
        return Err(anyhow::anyhow!(t.tr("cli-restore-postgres")));
    };
    // Who replaces a database with accounts logs in to it first. One
    // that cannot be read (damaged, an older schema without accounts)
    // asks for none: getting it back is what a restore is for.
    // A read-only look at a WAL database makes its -wal and -shm; those
    // this look made (an empty -wal holds nothing) are removed after it,
    // so a refused restore leaves the folder as it was.
    let beside = |suffix: &str| {
        let mut name = target.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let made_here: Vec<_> = ["-wal", "-shm"]
        .iter()
        .map(|s| beside(s))
        .filter(|p| !p.exists())
        .collect();
    let mut credentials: Option<(String, String)> = None;
    let mut key = None;
    let current_kind = accord_store::file_kind(&target).unwrap_or(accord_store::FileKind::Plain);
    if let accord_store::FileKind::Encrypted(slots) = &current_kind {
        // An encrypted database: its key slot proves the login.
        let (user, password) = credentials.get_or_insert(login::credentials()?).clone();
        let (_, opened) = accord_store::unlock_key(slots, Who::Login(&user), &password)
            .await
            .map_err(|e| said(e.into()))?;
        key = Some(opened);
    } else if let Ok(current) = Store::open_read_only(&target).await {
        let accounts = current.has_accounts().await.unwrap_or(false);
        let signed_in = if accounts {
            login::signed_in(&current).await.map(|_| ())
        } else {
            Ok(())
        };
        current.close().await;
        let wal_empty = std::fs::metadata(beside("-wal")).map_or(true, |m| m.len() == 0);
        if wal_empty {
            for file in &made_here {
                let _ = std::fs::remove_file(file);
            }
        }
        signed_in?;
    }
    // An encrypted backup opens with the passwords of when it was made
    // (its own key slots).
    if let Some(slots) = accord_store::KeySlots::load(file).map_err(|e| said(e.into()))? {
        let (user, password) = match &credentials {
            Some(given) => given.clone(),
            None => login::credentials()?,
        };
        match accord_store::unlock_key(&slots, Who::Login(&user), &password).await {
            Ok((_, opened)) => key = Some(opened),
            // An account made after the backup: the database's own key
            // (the same for all its backups) opens it.
            Err(_) if key.is_some() => {}
            Err(e) => return Err(said(e.into())),
        }
    }
    let restored = accord_store::restore_with(file, &target, key.as_ref())
        .await
        .map_err(|e| said(e.into()))?;
    let summary = &restored.summary;
    let newest = summary
        .newest_event
        .map(|at| {
            at.with_timezone(&chrono::Local)
                .format(&t.tr("format-datetime"))
                .to_string()
        })
        .unwrap_or_else(|| "-".to_owned());
    println!(
        "{}",
        t.tr_args(
            if summary.chain_verified {
                "cli-restore-checked"
            } else {
                "cli-restore-checked-unchained"
            },
            &[
                ("file", file.display().to_string().into()),
                ("cases", summary.cases.to_string().into()),
                ("events", summary.events.to_string().into()),
                ("newest", newest.into()),
            ]
        )
    );
    let target_shown = target.display().to_string();
    match &restored.replaced {
        Some(aside) => println!(
            "{}",
            t.tr_args(
                "cli-restore-done",
                &[
                    ("target", target_shown.into()),
                    ("aside", aside.display().to_string().into()),
                ]
            )
        ),
        None => println!(
            "{}",
            t.tr_args("cli-restore-new", &[("target", target_shown.into())])
        ),
    }
    Ok(())
}

/// The SQLite file `--db` names (a path or a `sqlite:` URL), or the
/// default database; `None` for a server.
fn sqlite_target(db: Option<&str>) -> Option<PathBuf> {
    let Some(location) = db else {
        return Some(accord_store::default_database_path().unwrap_or_default());
    };
    if let Some(rest) = location.strip_prefix("sqlite:") {
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        return Some(PathBuf::from(rest.split('?').next().unwrap_or(rest)));
    }
    if location.contains("://") || location.starts_with("postgres") {
        return None;
    }
    Some(PathBuf::from(location))
}

/// Starts the daily backup of the database the app opened, in the
/// background (the first frame does not wait for it). Failures are said
/// on the terminal; the app goes on.
pub fn start_daily_backup(runtime: &tokio::runtime::Handle, store: Option<&Store>) {
    let Some(store) = store.cloned() else {
        return;
    };
    runtime.spawn(async move {
        if let Err(e) = daily_backup(&store, Utc::now()).await {
            let reason = crate::error::Phrase::from(&e);
            let said = crate::error::Phrase::error("cli-backup-auto-failed")
                .detail(reason.detail.clone().unwrap_or_default())
                .arg("reason", reason);
            eprintln!("{}", said.words_with_detail(tr()));
        }
    });
}

/// The daily backup: into the backups folder, or, when that cannot be
/// written (a USB disk that is not plugged in), into the default one.
pub async fn daily_backup(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Option<AutoBackup>, StoreError> {
    let dir = store.backup_dir().await?;
    match store.backup_if_due(&dir, now).await {
        Ok(done) => Ok(done),
        Err(e) => {
            let fallback = store.default_backup_dir().await?;
            if fallback == dir {
                return Err(e);
            }
            eprintln!(
                "{}",
                tr().tr_args(
                    "cli-backup-folder-unusable",
                    &[
                        ("folder", dir.display().to_string().into()),
                        ("fallback", fallback.display().to_string().into()),
                    ]
                )
            );
            store.backup_if_due(&fallback, now).await
        }
    }
}

/// A file size for people: KB under a megabyte, else MB.
fn size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b < MB {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.1} MB", b / MB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_files_are_restored_into() {
        assert_eq!(
            sqlite_target(Some("/tmp/a.sqlite3")),
            Some(PathBuf::from("/tmp/a.sqlite3"))
        );
        assert_eq!(
            sqlite_target(Some("sqlite:///tmp/a.sqlite3?mode=rwc")),
            Some(PathBuf::from("/tmp/a.sqlite3"))
        );
        assert_eq!(sqlite_target(Some("postgres://h/accord")), None);
        assert_eq!(sqlite_target(Some("postgresql:///accord")), None);
        assert_eq!(size(2048), "2.0 KB");
        assert_eq!(size(3 * 1024 * 1024), "3.0 MB");
    }
}
