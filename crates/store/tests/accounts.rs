//! Accounts on every back end: the first administrator, accounts made
//! only by an administrator, logging in by name or from the list, a wrong
//! password refused alike for a wrong name, and a forgotten password reset
//! (never read).

mod common;

use accord_core::UserRole;
use accord_store::{Actor, NewAccount, StoreError};

fn account(login: &str, name: &str, role: UserRole, password: &str) -> NewAccount {
    NewAccount {
        login: login.into(),
        name: name.into(),
        role,
        password: password.into(),
    }
}

#[tokio::test]
async fn accounts_are_made_by_an_administrator_and_a_password_is_checked_never_read() {
    common::on_each_backend("accounts", |db| async move {
        let store = db.open().await;
        assert!(!store.has_accounts().await.expect("q"));
        // The first account must be an administrator.
        let err = store
            .create_account(
                None,
                &account("bian", "边文玲", UserRole::Mediator, "调解员的密码123"),
            )
            .await
            .expect_err("not an administrator");
        assert_eq!(err, StoreError::NotAllowed);
        let admin = store
            .create_account(
                None,
                &account(
                    "Admin",
                    "李瑞芳",
                    UserRole::Administrator,
                    "管理员的密码123",
                ),
            )
            .await
            .expect("first administrator");
        assert_eq!((admin.login.as_str(), admin.has_password), ("admin", true));
        // Nobody makes a second "first" one.
        let err = store
            .create_account(
                None,
                &account(
                    "other",
                    "王五",
                    UserRole::Administrator,
                    "另一个管理员的密码",
                ),
            )
            .await
            .expect_err("only an administrator");
        assert_eq!(err, StoreError::NotAllowed);
        let by_admin = Actor::from(&admin);
        let mediator = store
            .create_account(
                Some(&by_admin),
                &account("bian", "边文玲", UserRole::Mediator, "调解员的密码123"),
            )
            .await
            .expect("mediator");
        // A mediator makes no accounts; a login name is taken once; a
        // short password is refused.
        let err = store
            .create_account(
                Some(&Actor::from(&mediator)),
                &account("zhou", "周敏", UserRole::LegalAdvisor, "法律顾问的密码12"),
            )
            .await
            .expect_err("a mediator");
        assert_eq!(err, StoreError::NotAllowed);
        let err = store
            .create_account(
                Some(&by_admin),
                &account("bian", "卞", UserRole::Mediator, "另一个人的密码12"),
            )
            .await
            .expect_err("taken");
        assert_eq!(err, StoreError::LoginTaken("bian".into()));
        let err = store
            .create_account(
                Some(&by_admin),
                &account("zhou", "周敏", UserRole::LegalAdvisor, "short"),
            )
            .await
            .expect_err("short");
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");

        // Logging in: by name, from the list; wrong either way is one error.
        assert_eq!(
            store.log_in("BIAN", "调解员的密码123").await.expect("in"),
            mediator
        );
        assert_eq!(
            store
                .log_in_as(mediator.id, "调解员的密码123")
                .await
                .expect("in"),
            mediator
        );
        for (login, password) in [("bian", "调解员的密码124"), ("nobody", "调解员的密码123")]
        {
            assert_eq!(
                store.log_in(login, password).await.expect_err("refused"),
                StoreError::WrongPassword
            );
        }
        // The stored hash is argon2id, and holds nothing of the password.
        use sea_orm::ConnectionTrait;
        let row = store
            .connection()
            .query_one_raw(sea_orm::Statement::from_string(
                store.connection().get_database_backend(),
                format!("SELECT password_hash FROM users WHERE id = {}", mediator.id),
            ))
            .await
            .expect("read")
            .expect("row");
        let stored: String = row.try_get_by_index(0).expect("hash");
        assert!(
            stored.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
            "{stored}"
        );
        assert!(!stored.contains("调解员"));

        // Forgotten: the administrator sets a new one; the mediator cannot
        // set another user's.
        let err = store
            .set_password(&Actor::from(&mediator), admin.id, "我来改管理员的密码")
            .await
            .expect_err("not theirs");
        assert_eq!(err, StoreError::NotAllowed);
        store
            .set_password(&by_admin, mediator.id, "新的调解员密码456")
            .await
            .expect("reset");
        assert!(store.log_in("bian", "调解员的密码123").await.is_err());
        assert!(store.log_in("bian", "新的调解员密码456").await.is_ok());
        // A user without a password (from before accounts) cannot log in.
        // Once accounts exist, only an administrator adds even such a user.
        assert_eq!(
            store
                .create_user(None, "老用户", UserRole::Mediator)
                .await
                .map(drop),
            Err(StoreError::NotAllowed)
        );
        let old = store
            .create_user(Some(&by_admin), "老用户", UserRole::Mediator)
            .await
            .expect("old");
        assert!(!old.has_password);
        assert_eq!(
            store.log_in_as(old.id, "").await.expect_err("no password"),
            StoreError::WrongPassword
        );
        db
    })
    .await;
}

#[tokio::test]
async fn only_an_administrator_sets_the_court_and_number_format_of_agreements() {
    common::on_each_backend("centre_details", |db| async move {
        let store = db.open().await;
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
            .expect("administrator");
        let mediator = store
            .create_account(
                Some(&Actor::from(&admin)),
                &account("bian", "边文玲", UserRole::Mediator, "调解员的密码123"),
            )
            .await
            .expect("mediator");
        let details = [
            ("centre_court", " 包头市青山区人民法院 "),
            ("centre_number_format", "（{year}）青山人调字第{seq}号"),
        ];
        let err = store
            .set_centre_details(&Actor::from(&mediator), &details)
            .await
            .expect_err("a mediator");
        assert_eq!(err, StoreError::NotAllowed);
        assert_eq!(store.setting("centre_court").await.expect("read"), None);
        store
            .set_centre_details(&Actor::from(&admin), &details)
            .await
            .expect("an administrator");
        assert_eq!(
            store
                .setting("centre_court")
                .await
                .expect("read")
                .as_deref(),
            Some("包头市青山区人民法院")
        );
        assert_eq!(
            store
                .setting("centre_number_format")
                .await
                .expect("read")
                .as_deref(),
            Some("（{year}）青山人调字第{seq}号")
        );
        db
    })
    .await;
}

#[tokio::test]
async fn an_imported_key_keeps_the_chain_that_issued_it() {
    common::on_each_backend("key_chain", |db| async move {
        let store = db.open().await;
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
            .expect("administrator");
        let by = Actor::from(&admin);
        let made = store
            .save_centre_key(&by, "甲", "Accord", b"cert-1", b"key-1", false)
            .await
            .expect("made here");
        assert!(made.chain.is_empty(), "a key made here has no chain");
        let imported = store
            .save_imported_key(&by, "乙", "Accord", (b"cert-2", b"ca-cert"), b"key-2")
            .await
            .expect("imported");
        assert!(imported.imported);
        let current = store.centre_key().await.expect("read").expect("a key");
        assert_eq!(current.certificate, b"cert-2");
        assert_eq!(current.chain, b"ca-cert");
        db
    })
    .await;
}
