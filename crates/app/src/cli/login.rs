//! Who runs a command. A database with accounts asks for a login:
//! `ACCORD_USER` and `ACCORD_PASSWORD`, or, at a terminal, the two asked
//! for (the password without echo). A database without accounts yet (the
//! first start has not made the administrator) runs as the program.
//! `accord demo` on such a database makes the example's accounts.

use std::io::{BufRead, IsTerminal, Write};

use accord_core::UserRole;
use accord_store::{Actor, NewAccount, Store};

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

/// The user a command runs as; see the module comment.
pub async fn signed_in(store: &Store) -> anyhow::Result<Actor> {
    if !store.has_accounts().await? {
        return Ok(Actor::system());
    }
    let login = match env("ACCORD_USER") {
        Some(login) => login,
        None => ask("cli-login-user", false)?,
    };
    let password = match env("ACCORD_PASSWORD") {
        Some(password) => password,
        None => ask("cli-login-password", true)?,
    };
    let user = store
        .log_in(&login, &password)
        .await
        .map_err(|e| said(e.into()))?;
    Ok(Actor::from(&user))
}

/// On a database without accounts, makes the example's three accounts
/// with the password from `ACCORD_PASSWORD` (or asked twice at a
/// terminal) and returns the mediator, who then loads the example.
/// Without a password to give them, makes none and says so.
pub async fn demo_accounts(store: &Store) -> anyhow::Result<Option<Actor>> {
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
    let mut admin: Option<Actor> = None;
    let mut mediator = None;
    for (login, name_key, role) in DEMO_ACCOUNTS {
        let made = store
            .create_account(
                admin.as_ref(),
                &NewAccount {
                    login: login.to_owned(),
                    name: t.tr(name_key),
                    role,
                    password: password.clone(),
                },
            )
            .await
            .map_err(|e| said(e.into()))?;
        match role {
            UserRole::Administrator => admin = Some(Actor::from(&made)),
            UserRole::Mediator => mediator = Some(Actor::from(&made)),
            UserRole::LegalAdvisor => {}
        }
        println!(
            "{}",
            t.tr_args(
                "cli-demo-account",
                &[
                    ("login", login.into()),
                    ("name", made.name.clone().into()),
                    ("role", t.tr(accord_core::Choice::label_key(role)).into()),
                ]
            )
        );
    }
    Ok(mediator)
}
