//! Encrypting the plain backups an older Accord wrote, when the database
//! they belong to is encrypted (see `Store::encrypt_file`).

use super::*;

impl Store {
    /// Encrypts, with this encrypted database's key, the plain backups in
    /// `dir` (those an older Accord wrote before the database was
    /// encrypted), each in place with a new checksum and the key slots of
    /// its own accounts. Returns how many; nothing on a plain database.
    pub async fn encrypt_backups(&self, dir: &Path) -> Result<usize> {
        let Some(keyring) = &self.keys else {
            return Ok(0);
        };
        let Ok(entries) = list_backups(dir) else {
            return Ok(0);
        };
        let mut done = 0;
        for entry in entries {
            if !matches!(crate::file_kind(&entry.path), Ok(crate::FileKind::Plain)) {
                continue;
            }
            let snapshot = open_snapshot(&entry.path, None).await?;
            let slots = snapshot.slots_for_accounts(&keyring.key).await;
            snapshot.close().await;
            let slots = slots?;
            let mut partial = Partial::create(&entry.path)?;
            crate::encrypted::export_encrypted(&entry.path, &partial.path, &keyring.key).await?;
            slots.save(&partial.path)?;
            let partial_keys = crate::keys_path(&partial.path);
            partial.keys_from = Some(partial_keys.clone());
            partial.finish().await?;
            let _ = std::fs::remove_file(partial_keys);
            done += 1;
        }
        Ok(done)
    }
}
