//! Putting a checked backup in place of a SQLite file, the replaced one
//! kept aside.

use super::*;

/// Puts the backup at `backup` in place of the SQLite file at `target`:
/// see the module comment. Refused, with nothing changed, when the backup
/// does not pass [`Store::check_backup`] or another program has the
/// target open ([`StoreError::Locked`]).
pub async fn restore(backup: &Path, target: &Path) -> Result<Restored> {
    restore_with(backup, target, None).await
}

/// [`restore`] of a backup encrypted with `key`: its key slots come with
/// it (the passwords as they were when it was made).
pub async fn restore_with(
    backup: &Path,
    target: &Path,
    key: Option<&crate::DbKey>,
) -> Result<Restored> {
    if !backup.exists() {
        return Err(StoreError::BackupMissing {
            location: backup.display().to_string(),
        });
    }
    let target = absolute(target)?;
    let location = target.display().to_string();
    if target.is_dir() {
        return Err(StoreError::BackupFile {
            location,
            detail: "a folder".to_owned(),
        });
    }
    // The copy goes next to the target first (while the backup is being
    // checked): the rename is what replaces.
    let partial = Partial::create(&target)?;
    let (from, to) = (backup.to_path_buf(), partial.path.clone());
    let copy = blocking(move || -> std::io::Result<()> {
        let slots = crate::keys_path(&from);
        if slots.exists() {
            std::fs::copy(&slots, crate::keys_path(&to))?;
        }
        let mut source = std::fs::File::open(&from)?;
        let mut file = std::fs::OpenOptions::new().write(true).open(&to)?;
        std::io::copy(&mut source, &mut file)?;
        file.flush()?;
        file.sync_all()
    });
    let (summary, copied) = tokio::join!(Store::check_backup_with(backup, key), copy);
    let summary = summary?;
    copied.map_err(|detail| StoreError::BackupFile {
        location: partial.path.display().to_string(),
        detail,
    })?;
    // Held until the new file is in place: nobody opens the old one
    // meanwhile.
    let lock = if target.exists() {
        TargetLock::take(&target, key).await?
    } else {
        None
    };
    // Windows renames no file that is open: there the lock only checks
    // (and writes the `-wal` into the file), and is let go first.
    #[cfg(windows)]
    let lock = match lock {
        Some(lock) => {
            lock.release().await;
            None::<TargetLock>
        }
        None => None,
    };
    let replaced = if target.exists() {
        Some(move_aside(&target)?)
    } else {
        None
    };
    let slots = crate::keys_path(&partial.path);
    let placed = if slots.exists() {
        std::fs::rename(&slots, crate::keys_path(&target))
    } else {
        Ok(())
    }
    .and_then(|()| std::fs::rename(&partial.path, &target));
    if let Err(e) = placed {
        // Back as it was.
        if let Some(aside) = &replaced {
            for suffix in std::iter::once("").chain(COMPANIONS) {
                let moved = with_suffix(aside, suffix);
                if moved.exists() {
                    let _ = std::fs::rename(&moved, with_suffix(&target, suffix));
                }
            }
        }
        return Err(StoreError::BackupFile {
            location,
            detail: e.to_string(),
        });
    }
    partial.disarm();
    sync_folder(&target);
    if let Some(lock) = lock {
        lock.release().await;
    }
    Ok(Restored { replaced, summary })
}
