//! Command-line subcommands. Output is for people (in the system's
//! language) unless `--json` asks for machines. Checking a sealed
//! agreement (`verify`, `seal export-certificate`) is in `verify`;
//! checking the audit trail (`audit verify`) in `audit`.
//!
//! What stays here is one short function per remaining subcommand (demo,
//! cases, agreement, follow-ups, outbox, stats, case files, db), each a
//! thin shell over the store and `publish`; they share only the login and
//! the output conventions, so they are kept together until one grows a
//! concern of its own (as verify, audit and backup did).

mod audit;
mod backup;
mod login;
mod verify;

pub use audit::audit_verify;
pub use backup::{backup, daily_backup, restore, start_daily_backup};
pub use verify::{Refusal, seal_export_certificate, verify};

use std::io::Write;

use accord_core::Choice;
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, CaseQuery, Store};
use anyhow::Context;

/// The system language's translations (parsed once per process).
pub(super) fn tr() -> &'static Translations {
    Translations::get(Locale::from_system())
}

/// An error for the terminal: the sentence, then the details line.
pub(super) fn said(phrase: crate::error::Phrase) -> anyhow::Error {
    anyhow::anyhow!(phrase.words_with_detail(tr()))
}

/// Opens the database for a command that works on what is there: a
/// missing file is refused, nothing is created. A read-only file opens for
/// reading, with a note on the terminal.
pub(super) async fn open(db: Option<&str>) -> anyhow::Result<Store> {
    let store = match db {
        Some(location) => Store::open_existing(location).await,
        None => Store::open_default_existing().await,
    };
    let store = store.map_err(|e| said(e.into()))?;
    let location = db
        .map(str::to_owned)
        .or_else(|| accord_store::default_database_path().map(|p| p.display().to_string()));
    if let Some(location) = location
        && Store::is_read_only_file(&location)
    {
        eprintln!(
            "{}",
            tr().tr_args("cli-db-read-only", &[("location", location.into())])
        );
    }
    Ok(store)
}

/// Opens the database for `demo` and `db migrate`, creating the file if it
/// is missing (and the folder only for the default database).
async fn create(db: Option<&str>) -> anyhow::Result<Store> {
    let store = match db {
        Some(location) => Store::open_creating(location).await,
        None => Store::open_default().await,
    };
    store.map_err(|e| said(e.into()))
}

/// `accord demo`: loads the example case once. A new database file is
/// made encrypted, with the example's accounts.
pub async fn demo(db: Option<&str>) -> anyhow::Result<()> {
    let (store, actor) = match (login::kind_of(db)?, login::file_of(db)) {
        (accord_store::FileKind::Encrypted(_), Some(path)) => login::unlock(&path).await?,
        (accord_store::FileKind::New, Some(path)) => {
            if db.is_none()
                && let Some(folder) = path.parent()
            {
                std::fs::create_dir_all(folder).with_context(|| folder.display().to_string())?;
            }
            match login::demo_accounts(None, &path).await {
                Ok(Some(made)) => made,
                Ok(None) => (create(db).await?, Actor::system()),
                // Another `accord demo` made it first: it opens with the
                // same password.
                Err(_)
                    if matches!(
                        accord_store::file_kind(&path),
                        Ok(accord_store::FileKind::Encrypted(_))
                    ) =>
                {
                    login::unlock_as_demo(&path).await?
                }
                Err(e) => return Err(e),
            }
        }
        _ => {
            let store = create(db).await?;
            // A database with accounts asks who loads the example; one
            // without gets the example's accounts.
            if store.has_accounts().await? {
                let actor = login::signed_in(&store).await?;
                (store, actor)
            } else {
                let path = login::file_of(db).unwrap_or_default();
                match login::demo_accounts(Some(store.clone()), &path).await? {
                    Some(made) => made,
                    None => (store, Actor::system()),
                }
            }
        }
    };
    let t = tr();
    let (case, created) = crate::publish::load_demo(&store, &actor, t)
        .await
        .map_err(|e| said(e.phrase()))?;
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
    let (store, _) = login::open_signed_in(db).await?;
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
    let t = tr();
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

/// `accord stats --from D --to D [--json] [--xlsx FILE] [--csv FILE]
/// [--pdf FILE]`.
pub async fn stats(
    db: Option<&str>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    json: bool,
    xlsx: Option<&std::path::Path>,
    csv: Option<&std::path::Path>,
    pdf: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    if from > to {
        anyhow::bail!("{}", tr().tr("stats-period-backwards"));
    }
    let (store, _) = login::open_signed_in(db).await?;
    let report = store.statistics(from, to).await?;
    let t = tr();
    let mut out = std::io::stdout().lock();
    // Each export written, then "saved: PATH".
    let mut save = |path: &std::path::Path, bytes: Vec<u8>| -> anyhow::Result<()> {
        std::fs::write(path, bytes).with_context(|| path.display().to_string())?;
        writeln!(
            out,
            "{}",
            t.tr_args(
                "stats-saved",
                &[("path", path.display().to_string().into())]
            )
        )?;
        Ok(())
    };
    if let Some(path) = xlsx {
        save(path, crate::publish::stats::xlsx(t, &report)?)?;
    }
    if let Some(path) = csv {
        let labels = crate::publish::stats::labels(t);
        save(path, accord_core::stats::csv(&report, &labels).into_bytes())?;
    }
    if let Some(path) = pdf {
        let now = chrono::Utc::now().timestamp();
        save(path, crate::publish::stats::pdf(t, &report, now)?)?;
    }
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else if xlsx.is_none() && csv.is_none() && pdf.is_none() {
        let labels = crate::publish::stats::labels(t);
        write!(
            out,
            "{}",
            accord_core::stats::delimited(&report, &labels, '\t')
        )?;
    }
    Ok(())
}

/// `accord case-file CASE --out DIR`: the case's file (卷宗), sealed.
/// `Ok(false)` when there is no such case or the file cannot be bound.
pub async fn case_file(
    db: Option<&str>,
    number: &str,
    out: &std::path::Path,
) -> anyhow::Result<bool> {
    let t = tr();
    let (store, actor) = login::open_signed_in(db).await?;
    let Some(case) = find_case(&store, t, number).await? else {
        return Ok(false);
    };
    match crate::publish::case_file::write_case_file(&store, &actor, t, case.id, out).await {
        Ok(path) => {
            println!(
                "{}",
                t.tr_args(
                    "cli-case-file-written",
                    &[
                        ("file", path.display().to_string().into()),
                        ("number", case.number.to_string().into()),
                    ]
                )
            );
            Ok(true)
        }
        Err(e) => {
            eprintln!("{}", e.phrase().words_with_detail(t));
            Ok(false)
        }
    }
}

/// `accord case-files --from --to --out DIR`: the files of every case
/// whose mediation ended in the period, and `index.csv`; progress on
/// stderr. `Ok(false)` when any case's file could not be bound (the
/// others are written, the index says which and why).
pub async fn case_files(
    db: Option<&str>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    out: &std::path::Path,
) -> anyhow::Result<bool> {
    let t = tr();
    if from > to {
        anyhow::bail!("{}", t.tr("stats-period-backwards"));
    }
    let (store, actor) = login::open_signed_in(db).await?;
    let batch =
        crate::publish::case_file::write_batch(&store, &actor, t, (from, to), out, |done, of| {
            eprint!(
                "\r{}",
                t.tr_args(
                    "cli-case-files-progress",
                    &[
                        ("done", done.to_string().into()),
                        ("of", of.to_string().into())
                    ]
                )
            );
        })
        .await
        .map_err(|e| anyhow::anyhow!(e.phrase().words_with_detail(t)))?;
    eprintln!();
    for (number, reason) in &batch.failed {
        eprintln!(
            "{}",
            t.tr_args(
                "cli-case-files-failed",
                &[
                    ("number", number.clone().into()),
                    ("reason", reason.clone().into())
                ]
            )
        );
    }
    println!(
        "{}",
        t.tr_args(
            "cli-case-files-written",
            &[
                ("count", batch.files.len().to_string().into()),
                (
                    "index",
                    batch
                        .index
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                        .into()
                ),
            ]
        )
    );
    Ok(batch.failed.is_empty())
}

/// `accord agreement pdf CASE --out FILE [--lang L]`: the sealed PDF of
/// the case's final agreement (sealed now if it was not yet), in its own
/// language; in the other language, a sealed copy in translation.
/// `Ok(false)` when the case has no final agreement.
pub async fn agreement_pdf(
    db: Option<&str>,
    number: &str,
    out: &std::path::Path,
    lang: Option<accord_i18n::Locale>,
) -> anyhow::Result<bool> {
    let t = tr();
    let (store, actor) = login::open_signed_in(db).await?;
    let Some(case) = find_case(&store, t, number).await? else {
        return Ok(false);
    };
    let sealed = match store.sealed_pdf(case.id).await? {
        Some(sealed) => sealed,
        None => match crate::publish::seal_final(&store, &actor, t, case.id).await {
            Ok(sealed) => sealed,
            Err(e) => {
                eprintln!("{}", e.phrase().words_with_detail(t));
                return Ok(false);
            }
        },
    };
    match lang.filter(|l| l.tag() != sealed.locale) {
        // The original is in another language: a sealed copy in this one.
        Some(lang) => {
            if let Err(e) =
                crate::publish::write_copy(&store, &actor, t, Some(lang), case.id, out).await
            {
                eprintln!("{}", e.phrase().words_with_detail(t));
                return Ok(false);
            }
        }
        None => std::fs::write(out, &sealed.pdf).with_context(|| out.display().to_string())?,
    }
    println!(
        "{}",
        t.tr_args(
            "cli-agreement-written",
            &[
                ("file", out.display().to_string().into()),
                ("number", case.number.to_string().into()),
                ("version", sealed.version.to_string().into()),
            ]
        )
    );
    Ok(true)
}

pub(super) async fn find_case(
    store: &Store,
    t: &Translations,
    number: &str,
) -> anyhow::Result<Option<accord_core::Case>> {
    let found = match number.trim().parse::<accord_core::CaseNumber>() {
        Ok(n) => store.case_by_number(n).await?,
        Err(_) => None,
    };
    if found.is_none() {
        eprintln!(
            "{}",
            t.tr_args(
                "cli-case-not-found",
                &[("number", number.to_owned().into())]
            )
        );
    }
    Ok(found)
}

/// `accord followups due [--on DATE] [--json]`: open follow-ups due by
/// that day (today by default), most urgent first.
pub async fn followups_due(
    db: Option<&str>,
    on: Option<chrono::NaiveDate>,
    json: bool,
) -> anyhow::Result<()> {
    let (store, _) = login::open_signed_in(db).await?;
    let on = on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let due = store.due_followups(on, 10_000).await?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &due)?;
        writeln!(out)?;
        return Ok(());
    }
    let t = tr();
    if due.is_empty() {
        writeln!(
            out,
            "{}",
            t.tr_args(
                "cli-followups-none",
                &[("date", accord_document::long_date(t, on).into())]
            )
        )?;
        return Ok(());
    }
    for f in &due {
        // Late is measured from the instalment's own deadline.
        let late = (on - f.deadline.unwrap_or(f.due_on)).num_days();
        let remaining = f
            .balance
            .map(|b| accord_document::amount(t, b.remaining()))
            .unwrap_or_default();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            f.due_on,
            f.case_number,
            t.tr(f.kind.label_key()),
            f.debtor,
            f.description,
            if late > 0 {
                format!(
                    "{} {}",
                    t.tr_args("cli-followups-late", &[("days", late.to_string().into())]),
                    remaining
                )
            } else {
                remaining
            },
        )?;
    }
    Ok(())
}

/// `accord followups ics --out FILE`: every follow-up as an iCalendar file.
pub async fn followups_ics(db: Option<&str>, out: &std::path::Path) -> anyhow::Result<()> {
    let (store, _) = login::open_signed_in(db).await?;
    let t = tr();
    let all = store.all_followups(100_000).await?;
    let text = crate::calendar::ics(t, &all, chrono::Utc::now());
    std::fs::write(out, text).with_context(|| out.display().to_string())?;
    println!(
        "{}",
        t.tr_args(
            "cli-ics-written",
            &[
                ("count", all.len().to_string().into()),
                ("file", out.display().to_string().into())
            ]
        )
    );
    Ok(())
}

/// `accord outbox send`: queues the reminders that fell due, delivers
/// everything queued, then exits. `Ok(false)` when something could not be
/// sent (it stays queued for the next run).
pub async fn outbox_send(db: Option<&str>) -> anyhow::Result<bool> {
    let (store, _) = login::open_signed_in(db).await?;
    let t = tr();
    let today = chrono::Local::now().date_naive();
    crate::mail::queue_due_reminders(&store, t, today)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let smtp = match crate::mail::Smtp::configured(&store).await {
        Ok(smtp) => smtp,
        Err(e) => {
            eprintln!(
                "{}",
                t.tr_args("cli-outbox-no-smtp", &[("detail", e.to_string().into())])
            );
            return Ok(false);
        }
    };
    let report = crate::mail::deliver(&store, &smtp, chrono::Utc::now())
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    println!(
        "{}",
        t.tr_args(
            "cli-outbox-report",
            &[
                ("sent", report.sent.to_string().into()),
                ("retrying", report.retrying.to_string().into()),
                ("failed", report.failed.to_string().into()),
            ]
        )
    );
    Ok(report.retrying == 0 && report.failed == 0)
}

fn store_error(e: &accord_store::StoreError) -> anyhow::Error {
    said(e.into())
}

/// `accord db migrate`: brings the database (`--db`) up to this version's
/// schema, creating it if it is empty, and says where it stands.
pub async fn db_migrate(db: Option<&str>) -> anyhow::Result<()> {
    let t = tr();
    let store = match (login::kind_of(db)?, login::file_of(db)) {
        (accord_store::FileKind::Encrypted(_), Some(path)) => login::unlock(&path).await?.0,
        _ => create(db).await?,
    };
    let applied = store
        .applied_migrations()
        .await
        .map_err(|e| store_error(&e))?;
    println!(
        "{}",
        t.tr_args(
            "cli-db-migrated",
            &[
                ("backend", store.backend().into()),
                ("count", applied.len().to_string().into()),
                ("latest", applied.last().cloned().unwrap_or_default().into()),
            ]
        )
    );
    Ok(())
}

/// `accord db encrypt`: encrypts the plain SQLite file in place, as an
/// administrator.
pub async fn db_encrypt(db: Option<&str>) -> anyhow::Result<()> {
    let t = tr();
    let Some(path) = login::file_of(db) else {
        return Err(anyhow::anyhow!(t.tr("cli-db-encrypt-server")));
    };
    let location = path.display().to_string();
    if let accord_store::FileKind::Encrypted(_) = login::kind_of(db)? {
        println!(
            "{}",
            t.tr_args("cli-db-encrypt-already", &[("location", location.into())])
        );
        return Ok(());
    }
    let store = open(db).await?;
    if !store.has_accounts().await? {
        return Err(anyhow::anyhow!(t.tr("cli-db-encrypt-no-accounts")));
    }
    let actor = login::signed_in(&store).await?;
    let administrator = store
        .users()
        .await?
        .into_iter()
        .any(|u| Some(u.id) == actor.user_id && u.role == accord_core::UserRole::Administrator);
    store.close().await;
    if !administrator {
        return Err(said(accord_store::StoreError::NotAllowed.into()));
    }
    accord_store::Store::encrypt_file(&path)
        .await
        .map_err(|e| said(e.into()))?;
    println!(
        "{}",
        t.tr_args("cli-db-encrypted", &[("location", location.into())])
    );
    Ok(())
}

/// `accord db copy --from URL --to URL`: copies everything into an empty
/// database and prints each table's row count and content hash, which
/// agree on both sides (otherwise nothing is kept and it fails).
pub async fn db_copy(from: &str, to: &str) -> anyhow::Result<()> {
    let t = tr();
    // Everything is copied, the personal data too: only for a login.
    let (source, _) = login::open_signed_in(Some(from)).await?;
    // A new file is encrypted (when anyone can log in to what it gets):
    // each account opens it with their own password.
    let new_file = login::file_of(Some(to)).filter(|path| {
        matches!(
            accord_store::file_kind(path),
            Ok(accord_store::FileKind::New)
        )
    });
    let target = match new_file {
        Some(path) if source.has_accounts().await? => Store::create_encrypted_empty(&path).await,
        _ => Store::open_creating(to).await,
    }
    .map_err(|e| store_error(&e))?;
    let tables = source
        .copy_into(&target)
        .await
        .map_err(|e| store_error(&e))?;
    target.seal_slots().await.map_err(|e| store_error(&e))?;
    let mut out = std::io::stdout().lock();
    for table in &tables {
        writeln!(
            out,
            "{:<20}\t{:>8}\t{}",
            table.table, table.rows, table.sha256
        )?;
    }
    writeln!(
        out,
        "{}",
        t.tr_args(
            "cli-db-copied",
            &[
                (
                    "rows",
                    tables
                        .iter()
                        .map(|x| x.rows)
                        .sum::<u64>()
                        .to_string()
                        .into()
                ),
                ("tables", tables.len().to_string().into()),
                ("from", source.backend().into()),
                ("to", target.backend().into()),
            ]
        )
    )?;
    Ok(())
}
