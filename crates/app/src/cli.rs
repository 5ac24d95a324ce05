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

/// `accord verify FILE`: checks the seal; `Ok(false)` when it fails.
pub fn verify(file: &std::path::Path) -> anyhow::Result<bool> {
    let t = Translations::load_or_empty(Locale::from_system());
    let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
    let path = file.display().to_string();
    match accord_document::seal::verify(&bytes) {
        Ok(report) if report.covers_whole_file => {
            let when = report
                .signing_time_unix
                .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                .map(|at| {
                    at.with_timezone(&chrono::Local)
                        .format(&t.tr("format-datetime"))
                        .to_string()
                })
                .unwrap_or_default();
            println!(
                "{}",
                t.tr_args(
                    "cli-verify-ok",
                    &[
                        ("file", path.into()),
                        ("signer", report.signer_cn.into()),
                        ("when", when.into())
                    ]
                )
            );
            println!(
                "{}",
                t.tr_args("cli-verify-digest", &[("digest", report.digest_hex.into())])
            );
            Ok(true)
        }
        Ok(_) => {
            println!(
                "{}",
                t.tr_args("cli-verify-appended", &[("file", path.into())])
            );
            Ok(false)
        }
        Err(detail) => {
            println!(
                "{}",
                t.tr_args(
                    "cli-verify-failed",
                    &[("file", path.into()), ("detail", detail.into())]
                )
            );
            Ok(false)
        }
    }
}
