//! Who runs a command. A database with accounts asks for a login:
//! `ACCORD_USER` and `ACCORD_PASSWORD`, or, at a terminal, the two asked
//! for (the password without echo). A database without accounts yet (the
//! first start has not made the administrator) runs as the program.
//! `accord demo` on such a database makes the example's accounts.
//! An encrypted file opens only with a login: the password opens the
//! user's key slot, then the file.

use std::io::{BufRead, IsTerminal, Write};

use std::path::{Path, PathBuf};

use accord_core::UserRole;
use accord_store::{Actor, FileKind, NewAccount, Store, Who};

use super::{said, tr};

/// The example's accounts: login, Fluent key of the name, role.
pub const DEMO_ACCOUNTS: [(&str, &str, UserRole); 3] = [
    ("admin", "demo-admin-name", UserRole::Administrator),
    ("mediator", "demo-mediator-name", UserRole::Mediator),
    (
        "advisor",
        "demo-advisor-account-name",
        UserRole::LegalAdvisor,
    ),
];

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A line typed at the terminal after `prompt`, or why there is none.
fn ask(prompt_key: &str, hidden: bool) -> anyhow::Result<String> {
    let t = tr();
    if !std::io::stdin().is_terminal() {
        return Err(anyhow::anyhow!(t.tr("cli-login-needed")));
    }
    let prompt = t.tr(prompt_key);
    if hidden {
        return Ok(rpassword::prompt_password(format!("{prompt} "))?);
    }
    eprint!("{prompt} ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}

/// The login name and password: from the environment, else asked.
pub fn credentials() -> anyhow::Result<(String, String)> {
    let login = match env("ACCORD_USER") {
        Some(login) => login,
        None => ask("cli-login-user", false)?,
    };
    let password = match env("ACCORD_PASSWORD") {
        Some(password) => password,
        None => ask("cli-login-password", true)?,
    };
    Ok((login, password))
}

/// The SQLite file a command works on: the `--db` path, or the default
/// database; `None` for a server URL.
pub fn file_of(db: Option<&str>) -> Option<PathBuf> {
    match db {
        Some(url) if accord_store::is_url(url) => None,
        Some(path) => Some(PathBuf::from(path)),
        None => accord_store::default_database_path(),
    }
}

/// What the command's database file is (a server counts as plain).
pub fn kind_of(db: Option<&str>) -> anyhow::Result<FileKind> {
    match file_of(db) {
        Some(path) => accord_store::file_kind(&path).map_err(|e| said(e.into())),
        None => Ok(FileKind::Plain),
    }
}

/// Opens an encrypted file with the login's password.
pub async fn unlock(path: &Path) -> anyhow::Result<(Store, Actor)> {
    let (login, password) = credentials()?;
    let (store, user) = Store::unlock(path, Who::Login(&login), &password)
        .await
        .map_err(|e| said(e.into()))?;
    Ok((store, Actor::from(&user)))
}

/// Opens the encrypted file another `accord demo` just made: as
/// `ACCORD_USER`, else the example's mediator, with `ACCORD_PASSWORD`.
pub async fn unlock_as_demo(path: &Path) -> anyhow::Result<(Store, Actor)> {
    let login = env("ACCORD_USER").unwrap_or_else(|| DEMO_ACCOUNTS[1].0.to_owned());
    let Some(password) = env("ACCORD_PASSWORD") else {
        return unlock(path).await;
    };
    let (store, user) = Store::unlock(path, Who::Login(&login), &password)
        .await
        .map_err(|e| said(e.into()))?;
    Ok((store, Actor::from(&user)))
}

/// Opens the database (it must exist) as the user who logs in: see the
/// module comment.
pub async fn open_signed_in(db: Option<&str>) -> anyhow::Result<(Store, Actor)> {
    if let FileKind::Encrypted(_) = kind_of(db)?
        && let Some(path) = file_of(db)
    {
        return unlock(&path).await;
    }
    let store = super::open(db).await?;
    let actor = signed_in(&store).await?;
    Ok((store, actor))
}

/// Opens the database for what anyone may read (the centre's
/// certificates): a plain one without a login, an encrypted one with one.
pub async fn open_public(db: Option<&str>) -> anyhow::Result<Store> {
    if let FileKind::Encrypted(_) = kind_of(db)?
        && let Some(path) = file_of(db)
    {
        return unlock(&path).await.map(|(store, _)| store);
    }
    super::open(db).await
}

/// The user a command runs as; see the module comment.
pub async fn signed_in(store: &Store) -> anyhow::Result<Actor> {
    if !store.has_accounts().await? {
        return Ok(Actor::system());
    }
    let (login, password) = credentials()?;
    let user = store
        .log_in(&login, &password)
        .await
        .map_err(|e| said(e.into()))?;
    Ok(Actor::from(&user))
}

/// On a database without accounts, makes the example's three accounts
/// with the password from `ACCORD_PASSWORD` (or asked twice at a
/// terminal) and returns the mediator, who then loads the example.
/// Without a password to give them, makes none and says so. `store` is
/// the plain database to make them in; without one, the new file at
/// `new_file` is made encrypted with the administrator, and returned.
pub async fn demo_accounts(
    store: Option<Store>,
    new_file: &Path,
) -> anyhow::Result<Option<(Store, Actor)>> {
    let t = tr();
    let password = match env("ACCORD_PASSWORD") {
        Some(password) => password,
        None if std::io::stdin().is_terminal() => {
            let first = ask("cli-demo-password", true)?;
            if ask("cli-demo-password-again", true)? != first {
                return Err(anyhow::anyhow!(t.tr("cli-demo-password-differs")));
            }
            first
        }
        None => {
            eprintln!("{}", t.tr("cli-demo-no-accounts"));
            return Ok(None);
        }
    };
    let accounts: Vec<NewAccount> = DEMO_ACCOUNTS
        .iter()
        .map(|(login, name_key, role)| NewAccount {
            login: (*login).to_owned(),
            name: t.tr(name_key),
            role: *role,
            password: password.clone(),
        })
        .collect();
    let (store, made) = match store {
        Some(store) => {
            let mut made: Vec<accord_core::LocalUser> = Vec::new();
            for account in &accounts {
                let by = made.first().map(Actor::from);
                made.push(
                    store
                        .create_account(by.as_ref(), account)
                        .await
                        .map_err(|e| said(e.into()))?,
                );
            }
            (store, made)
        }
        // All three in the new file before anyone else can open it.
        None => Store::create_encrypted_with(new_file, &accounts)
            .await
            .map_err(|e| said(e.into()))?,
    };
    let mut mediator = None;
    for user in &made {
        if user.role == UserRole::Mediator {
            mediator = Some(Actor::from(user));
        }
        println!(
            "{}",
            t.tr_args(
                "cli-demo-account",
                &[
                    ("login", user.login.clone().into()),
                    ("name", user.name.clone().into()),
                    (
                        "role",
                        t.tr(accord_core::Choice::label_key(user.role)).into()
                    ),
                ]
            )
        );
    }
    Ok(mediator.map(|m| (store, m)))
}
