//! Encryption at rest on real SQLite files: an encrypted database, its
//! WAL and its backups hold none of the example's names, ID numbers or
//! caucus text; a wrong password opens nothing and writes nothing; a
//! password change re-seals one slot; a plain file is encrypted in place
//! with every account able to log in; a backup opens only with the key.

use accord_core::{AuditAction, ItemKind, NewItem, StageKind, UserRole, demo};
use accord_store::{Actor, FileKind, NewAccount, Store, StoreError, Who, file_kind};
use chrono::Utc;

const CAUCUS: &str = "其实我最担心的是装修款还没付清，不想让对方知道";

fn account(login: &str, name: &str, role: UserRole, password: &str) -> NewAccount {
    NewAccount {
        login: login.into(),
        name: name.into(),
        role,
        password: password.into(),
    }
}

/// Every secret the example puts in the file, as UTF-8 bytes.
fn secrets() -> Vec<String> {
    let case = demo::water_leak_case();
    let mut found = vec![CAUCUS.to_owned()];
    for party in &case.parties {
        found.push(party.name.clone());
        if !party.id_number.is_empty() {
            found.push(party.id_number.clone());
        }
    }
    found
}

fn leaks(path: &std::path::Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    secrets()
        .into_iter()
        .filter(|s| bytes.windows(s.len()).any(|w| w == s.as_bytes()))
        .collect()
}

/// The example case and a confidential caucus entry, as a mediator.
async fn fill(store: &Store, admin: &Actor) -> Actor {
    let mediator = store
        .create_account(
            Some(admin),
            &account("bian", "边文玲", UserRole::Mediator, "调解员的密码123"),
        )
        .await
        .expect("mediator");
    let me = Actor::from(&mediator);
    let (case, _) = store.load_demo(&me).await.expect("demo");
    let parties: Vec<i64> = case.parties.iter().map(|p| p.id).collect();
    let mut session = store.open_session(&me, case.id).await.expect("session");
    for p in &parties {
        session.record_consent(*p, Utc::now()).expect("consent");
    }
    session.go_to(StageKind::Caucus, &parties).expect("caucus");
    if session.present_party != Some(parties[0]) {
        session.switch_party(parties[0], &parties).expect("switch");
    }
    let session = store
        .save_session(&me, &session, AuditAction::SessionStage)
        .await
        .expect("save");
    store
        .record_item(
            &me,
            session.id,
            &NewItem {
                party_id: parties[0],
                kind: Some(ItemKind::Statement),
                text: CAUCUS.into(),
                ..NewItem::default()
            },
        )
        .await
        .expect("caucus entry");
    me
}

#[tokio::test]
async fn an_encrypted_file_its_wal_and_its_backup_hold_no_names_ids_or_caucus_text() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("accord.sqlite3");
    let (store, admin) = Store::create_encrypted(
        &path,
        &account(
            "admin",
            "李瑞芳",
            UserRole::Administrator,
            "管理员的密码123",
        ),
    )
    .await
    .expect("create");
    assert!(matches!(
        file_kind(&path).expect("kind"),
        FileKind::Encrypted(_)
    ));
    fill(&store, &Actor::from(&admin)).await;
    // While open, the WAL holds the latest pages.
    let wal = dir.path().join("accord.sqlite3-wal");
    assert!(wal.exists(), "WAL mode");
    assert_eq!(leaks(&wal), Vec::<String>::new(), "the WAL");
    let backup = dir.path().join("backup.sqlite3");
    store.backup_to(&backup).await.expect("backup");
    assert_eq!(leaks(&path), Vec::<String>::new(), "the database file");
    assert_eq!(leaks(&backup), Vec::<String>::new(), "the backup");
    // The test can fail: a plain copy of the same data shows them all.
    let plain = dir.path().join("plain.sqlite3");
    {
        let p = Store::open(&plain.display().to_string())
            .await
            .expect("plain");
        let a = p
            .create_account(
                None,
                &account(
                    "admin",
                    "李瑞芳",
                    UserRole::Administrator,
                    "管理员的密码123",
                ),
            )
            .await
            .expect("admin");
        fill(&p, &Actor::from(&a)).await;
        p.close().await;
    }
    assert_eq!(
        leaks(&plain).len(),
        secrets().len(),
        "a plain file shows them"
    );
    // The backup opens with the database's key only, and checks out.
    assert!(
        Store::check_backup(&backup).await.is_err(),
        "no key, no backup"
    );
    let summary = Store::check_backup_with(&backup, store.database_key().as_ref())
        .await
        .expect("sound");
    assert_eq!(summary.cases, 1);
    store.close().await;
    assert_eq!(
        leaks(&path),
        Vec::<String>::new(),
        "the file after the WAL is folded in"
    );
    // The backup's slots came with it: the mediator opens it.
    let (copy, who) = Store::unlock(&backup, Who::Login("bian"), "调解员的密码123")
        .await
        .expect("backup opens");
    assert_eq!(who.name, "边文玲");
    assert_eq!(copy.count_cases().await.expect("count"), 1);
}

#[tokio::test]
async fn a_wrong_password_opens_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("accord.sqlite3");
    let (store, admin) = Store::create_encrypted(
        &path,
        &account(
            "admin",
            "李瑞芳",
            UserRole::Administrator,
            "管理员的密码123",
        ),
    )
    .await
    .expect("create");
    fill(&store, &Actor::from(&admin)).await;
    store.close().await;
    let listing = || {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = listing();
    for (who, password) in [
        (Who::Login("admin"), "管理员的密码124"),
        (Who::Login("nobody"), "管理员的密码123"),
        (Who::Login("bian"), "管理员的密码123"),
        (Who::Id(1), ""),
    ] {
        let err = Store::unlock(&path, who, password)
            .await
            .expect_err("refused");
        assert_eq!(err, StoreError::WrongPassword, "{who:?}");
    }
    // Without a password the file is said to be encrypted.
    let err = Store::open_existing(&path.display().to_string())
        .await
        .expect_err("no key");
    assert!(matches!(err, StoreError::Encrypted { .. }), "{err:?}");
    assert_eq!(listing(), before, "nothing was written");
    // The right one opens it, as whom the slot says.
    let (_, user) = Store::unlock(&path, Who::Login(" Admin "), "管理员的密码123")
        .await
        .expect("opens");
    assert_eq!(user.role, UserRole::Administrator);
}

#[tokio::test]
async fn a_password_change_reseals_one_slot_and_keeps_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("accord.sqlite3");
    let (store, admin) = Store::create_encrypted(
        &path,
        &account(
            "admin",
            "李瑞芳",
            UserRole::Administrator,
            "管理员的密码123",
        ),
    )
    .await
    .expect("create");
    let me = fill(&store, &Actor::from(&admin)).await;
    let slots = |p: &std::path::Path| {
        accord_store::KeySlots::load(p)
            .expect("load")
            .expect("slots")
    };
    let before = slots(&path);
    store
        .set_password(
            &Actor::from(&admin),
            me.user_id.expect("id"),
            "忘了以后的新密码",
        )
        .await
        .expect("reset");
    let after = slots(&path);
    assert_eq!(
        before.find("admin"),
        after.find("admin"),
        "the other slot is untouched"
    );
    assert_ne!(before.find("bian"), after.find("bian"));
    store.close().await;
    assert!(
        Store::unlock(&path, Who::Login("bian"), "调解员的密码123")
            .await
            .is_err()
    );
    let (reopened, _) = Store::unlock(&path, Who::Login("bian"), "忘了以后的新密码")
        .await
        .expect("the new password");
    assert_eq!(reopened.count_cases().await.expect("count"), 1);
}

#[tokio::test]
async fn a_plain_file_is_encrypted_in_place_and_everyone_logs_in_as_before() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("accord.sqlite3");
    {
        let store = Store::open(&path.display().to_string())
            .await
            .expect("plain");
        let admin = store
            .create_account(
                None,
                &account(
                    "admin",
                    "李瑞芳",
                    UserRole::Administrator,
                    "管理员的密码123",
                ),
            )
            .await
            .expect("admin");
        fill(&store, &Actor::from(&admin)).await;
        store.close().await;
    }
    assert_eq!(file_kind(&path).expect("kind"), FileKind::Plain);
    assert!(!leaks(&path).is_empty());
    // A backup the older Accord wrote, in the clear.
    let backups = dir.path().join("backups");
    let old_backup = {
        let store = Store::open(&path.display().to_string())
            .await
            .expect("plain");
        let file = store
            .backup_into(&backups, Utc::now())
            .await
            .expect("backup");
        store.close().await;
        file.path
    };
    assert!(!leaks(&old_backup).is_empty());
    assert!(Store::encrypt_file(&path).await.expect("encrypt"));
    assert_eq!(
        leaks(&old_backup),
        Vec::<String>::new(),
        "the old backup too"
    );
    // A backup of the plain file was made first, and is encrypted too.
    let listed = accord_store::list_backups(&backups).expect("list");
    assert_eq!(listed.len(), 2, "{listed:?}");
    for backup in &listed {
        assert_eq!(leaks(&backup.path), Vec::<String>::new());
    }
    let (store, _) = Store::unlock(&path, Who::Login("admin"), "管理员的密码123")
        .await
        .expect("opens");
    let summary = Store::check_backup_with(&old_backup, store.database_key().as_ref())
        .await
        .expect("the old backup checks out, checksum included");
    assert!(summary.checksum_verified);
    store.close().await;
    let (copy, _) = Store::unlock(&old_backup, Who::Login("bian"), "调解员的密码123")
        .await
        .expect("its own slots");
    assert_eq!(copy.count_cases().await.expect("count"), 1);
    copy.close().await;
    assert!(matches!(
        file_kind(&path).expect("kind"),
        FileKind::Encrypted(_)
    ));
    assert_eq!(leaks(&path), Vec::<String>::new());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [path.clone(), accord_store::keys_path(&path)] {
            let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", file.display());
        }
    }
    // Nobody needed to log in for it: both passwords open the file.
    for (login, password) in [("admin", "管理员的密码123"), ("bian", "调解员的密码123")]
    {
        let (store, user) = Store::unlock(&path, Who::Login(login), password)
            .await
            .expect("opens");
        assert_eq!(user.login, login);
        assert_eq!(store.count_cases().await.expect("count"), 1);
        assert!(matches!(
            store.verify_audit_chain().await.expect("chain"),
            accord_store::ChainReport::Intact { .. }
        ));
        store.close().await;
    }
    // Once is enough.
    assert!(!Store::encrypt_file(&path).await.expect("again"));
}

#[tokio::test]
async fn a_plain_file_nobody_can_log_in_to_stays_as_it_is_and_gets_no_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("accord.sqlite3");
    {
        let store = Store::open(&path.display().to_string())
            .await
            .expect("plain");
        let user = store
            .create_user(None, "边文玲", UserRole::Mediator)
            .await
            .expect("a user without a password");
        store.load_demo(&Actor::from(&user)).await.expect("demo");
        store.close().await;
    }
    for _ in 0..3 {
        assert!(!Store::encrypt_file(&path).await.expect("nothing to do"));
    }
    assert_eq!(file_kind(&path).expect("kind"), FileKind::Plain);
    assert!(
        !dir.path().join("backups").exists(),
        "no backup made at each start for nothing"
    );
}
