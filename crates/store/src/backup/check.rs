//! Checking a backup before it is trusted: its checksum, SQLite's
//! integrity check, a schema this build knows, and its audit chain.

use super::*;

impl Store {
    /// Checks the backup at `path` without changing it: its `.sha256`
    /// when there is one, `PRAGMA integrity_check`, that its schema is one
    /// this build knows, and its audit chain. The summary, or why it is
    /// refused: [`StoreError::BackupMissing`], [`StoreError::BackupDamaged`],
    /// [`StoreError::NewerSchema`], [`StoreError::BackupChainBroken`].
    pub async fn check_backup(path: &Path) -> Result<BackupSummary> {
        Self::check_backup_with(path, None).await
    }

    /// [`Store::check_backup`] of a backup encrypted with `key` (the
    /// database's: a backup is encrypted with the key of the file it is a
    /// copy of).
    pub async fn check_backup_with(
        path: &Path,
        key: Option<&crate::DbKey>,
    ) -> Result<BackupSummary> {
        let location = path.display().to_string();
        let damaged = |detail: String| StoreError::BackupDamaged {
            location: location.clone(),
            detail,
        };
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::BackupMissing { location });
            }
            Err(e) => return Err(damaged(e.to_string())),
            Ok(m) if !m.is_file() => return Err(damaged("not a file".to_owned())),
            Ok(m) if m.len() == 0 => return Err(damaged("an empty file".to_owned())),
            Ok(_) => {}
        }
        check_header(path, key).map_err(damaged)?;
        // The checksum, SQLite's check and the chain at the same time (a
        // large backup takes seconds for each); a wrong checksum is said
        // first, then damage SQLite found.
        let (checksum, checked) = tokio::join!(check_checksum(path), async {
            let store = open_snapshot(path, key).await?;
            let checked = store.check_snapshot(&location).await;
            store.close().await;
            checked
        });
        let checksum_verified = checksum.map_err(damaged)?;
        let mut summary = checked?;
        summary.checksum_verified = checksum_verified;
        Ok(summary)
    }

    /// The checks of [`Store::check_backup`] after the file opened:
    /// SQLite's integrity check on one connection while the other reads
    /// the schema, the audit chain and the counts.
    async fn check_snapshot(&self, location: &str) -> Result<BackupSummary> {
        let db = self.db.pool();
        let (integrity, contents) = tokio::join!(
            strings(db, "PRAGMA integrity_check(10)"),
            self.check_contents(location)
        );
        let damaged = |detail: String| StoreError::BackupDamaged {
            location: location.to_owned(),
            detail,
        };
        let problems = integrity.map_err(damaged)?;
        if problems.iter().any(|line| line != "ok") {
            return Err(damaged(problems.join("; ")));
        }
        contents
    }

    /// A backup's schema, audit chain and counts.
    async fn check_contents(&self, location: &str) -> Result<BackupSummary> {
        let damaged = |detail: String| StoreError::BackupDamaged {
            location: location.to_owned(),
            detail,
        };
        let db = self.db.pool();
        let applied = strings(db, "SELECT version FROM seaql_migrations")
            .await
            .map_err(|_| damaged("no Accord schema in it".to_owned()))?;
        let known = known_migrations();
        if applied.iter().any(|v| !known.contains(v)) {
            return Err(StoreError::NewerSchema {
                location: location.to_owned(),
                schema: applied.len() as u64,
                known: known.len() as u64,
            });
        }
        let columns = strings(db, "SELECT name FROM pragma_table_info('audit_events')")
            .await
            .map_err(|e| damaged(e.to_string()))?;
        let chained = columns.iter().any(|c| c == "prev_hash");
        let mut events = count(db, "SELECT COUNT(*) FROM audit_events")
            .await
            .map_err(|e| damaged(e.to_string()))?;
        if chained {
            match self.verify_audit_chain().await {
                Ok(ChainReport::Intact { events: n, .. }) => events = n,
                Ok(ChainReport::Broken(at)) => {
                    return Err(StoreError::BackupChainBroken {
                        location: location.to_owned(),
                        event: at.id,
                        kind: at.kind,
                    });
                }
                Err(e) => return Err(damaged(e.to_string())),
            }
        }
        let cases = count(db, "SELECT COUNT(*) FROM cases")
            .await
            .map_err(|e| damaged(e.to_string()))?;
        let newest_event = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT at FROM audit_events ORDER BY id DESC LIMIT 1",
            ))
            .await
            .map_err(|e| damaged(e.to_string()))?
            .map(|row| row.try_get_by_index::<DateTime<Utc>>(0))
            .transpose()
            .map_err(|e| damaged(e.to_string()))?;
        Ok(BackupSummary {
            newest_event,
            cases,
            events,
            schema: applied.len() as u64,
            chain_verified: chained,
            checksum_verified: false,
        })
    }
}
