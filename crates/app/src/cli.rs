//! Command-line subcommands. Output is for people (in the system's
//! language) unless `--json` asks for machines.

use std::io::Write;

use accord_core::Choice;
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, CaseQuery, Store};
use anyhow::Context;

async fn open(db: Option<&str>) -> anyhow::Result<Store> {
    let store = match db {
        Some(url) => Store::open(url).await,
        None => Store::open_default().await,
    };
    store.context("opening the database")
}

/// `accord demo`: loads the example case once.
pub async fn demo(db: Option<&str>) -> anyhow::Result<()> {
    let store = open(db).await?;
    let actor = store
        .current_user()
        .await?
        .map(|u| Actor::from(&u))
        .unwrap_or_else(Actor::system);
    let (case, created) = store.load_demo(&actor).await?;
    let t = Translations::load_or_empty(Locale::from_system());
    let key = if created {
        "cli-demo-loaded"
    } else {
        "cli-demo-present"
    };
    println!(
        "{}",
        t.tr_args(key, &[("number", case.number.to_string().into())])
    );
    Ok(())
}

/// `accord cases list [--json]`.
pub async fn list_cases(db: Option<&str>, json: bool) -> anyhow::Result<()> {
    let store = open(db).await?;
    let total = store.count_cases().await?;
    let page = store
        .list_cases(&CaseQuery {
            limit: total.max(1),
            ..CaseQuery::default()
        })
        .await?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &page.rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let t = Translations::load_or_empty(Locale::from_system());
    if page.rows.is_empty() {
        writeln!(out, "{}", t.tr("cases-empty"))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}\t{}\t{}\t{} / {}\t{}",
        t.tr("cases-col-number"),
        t.tr("cases-col-status"),
        t.tr("cases-col-category"),
        t.tr("cases-col-applicant"),
        t.tr("cases-col-respondent"),
        t.tr("cases-col-received"),
    )?;
    for row in &page.rows {
        writeln!(
            out,
            "{}\t{}\t{}\t{} / {}\t{}",
            row.number,
            t.tr(row.status.label_key()),
            t.tr(row.category.label_key()),
            row.applicants.join("、"),
            row.respondents.join("、"),
            row.received_at
                .with_timezone(&chrono::Local)
                .format(&t.tr("format-date")),
        )?;
    }
    Ok(())
}
