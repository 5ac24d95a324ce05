//! `accord`: the desktop app for the mediation room, and its command line.

use accord_app::{cli, gui};
use clap::{Parser, Subcommand};

/// Accord: case intake, back-to-back mediation, settlement agreements and
/// follow-ups for a people's mediation centre.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about)]
struct Args {
    /// Database: a SQLite file path or a database URL. Default: accord.sqlite3
    /// in the user's data directory.
    #[arg(long, global = true, env = "ACCORD_DATABASE_URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load the example data (the water-leak case); running it twice changes nothing.
    Demo,
    /// Check the seal of an agreement PDF: that it carries exactly one seal,
    /// made with the centre's certificate, over the whole file (not one byte
    /// changed or added since), and that it is the finalised agreement in
    /// the database. Exit code 1 when it is refused, with the reason.
    Verify {
        /// The PDF file.
        file: std::path::PathBuf,
        /// The centre's certificate (PEM, as `accord seal
        /// export-certificate` writes it) to check the seal against, for
        /// use without the centre's database (which is then not opened,
        /// unless --db names it).
        #[arg(long, value_name = "CERTIFICATE")]
        trust: Option<std::path::PathBuf>,
    },
    /// The centre's seal.
    Seal {
        #[command(subcommand)]
        command: SealCommand,
    },
    /// The settlement agreement of a case.
    Agreement {
        #[command(subcommand)]
        command: AgreementCommand,
    },
    /// Follow-ups of agreements: what is due, and the calendar.
    Followups {
        #[command(subcommand)]
        command: FollowupsCommand,
    },
    /// The email outbox.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Work with cases.
    Cases {
        #[command(subcommand)]
        command: CasesCommand,
    },
    /// The audit trail: who changed what, when.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Write a backup of the whole database (SQLite or PostgreSQL) to one
    /// new SQLite file, with its SHA-256 in FILE.sha256 beside it. Needs a
    /// login when the database has accounts.
    Backup {
        /// Where to write it (a file that does not exist yet). Default: a
        /// new accord-<UTC time>.sqlite3 in the backups folder.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Remember FOLDER as this computer's backups folder (e.g. a USB
        /// disk; the daily backups go there too), then write the backup
        /// there.
        #[arg(long, value_name = "FOLDER", conflicts_with = "out")]
        folder: Option<std::path::PathBuf>,
    },
    /// Put a backup in place of the SQLite database, after checking it
    /// (checksum, integrity, schema, audit chain); the replaced file is
    /// kept aside as <name>.replaced-<UTC time>. Exit code 1 when the
    /// backup is refused, with the reason. Refused while another program
    /// has the database open, and for a PostgreSQL database (use db copy).
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// The centre's statistics for the months from --from to --to (cases
    /// by their month of receipt): a table, or JSON, or the monthly report
    /// as an XLSX workbook or CSV, or the report with its charts as a PDF.
    Stats {
        /// The first day of the period (YYYY-MM-DD); its whole month counts.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// The last day of the period (YYYY-MM-DD); its whole month counts.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Write the report as an XLSX workbook to FILE.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<std::path::PathBuf>,
        /// Write the report as CSV to FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<std::path::PathBuf>,
        /// Write the report, with its charts, as a PDF to FILE.
        #[arg(long, value_name = "FILE")]
        pdf: Option<std::path::PathBuf>,
    },
    /// Bind a case's file (卷宗): one sealed PDF/A-2b file, in the
    /// customary order, numbered through.
    CaseFile {
        /// The case number, e.g. 2025-0001.
        case: String,
        /// The folder to write it into.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Bind the files of every case whose mediation ended in a period,
    /// with an index (index.csv).
    CaseFiles {
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        from: chrono::NaiveDate,
        /// The last day (YYYY-MM-DD).
        #[arg(long)]
        to: chrono::NaiveDate,
        /// The folder to write them into.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The database itself: schema and moving data between back ends.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check the audit trail's hash chain: that no event was changed,
    /// deleted or inserted after it was written. Prints the number of
    /// events and the newest one's hash; exit code 1 when the chain is
    /// broken, naming the first event where it breaks.
    Verify,
}

#[derive(Debug, Subcommand)]
enum DbCommand {
    /// Create or update the schema of the database given by --db (a SQLite
    /// file or postgres://user:password@host/database).
    Migrate,
    /// Encrypt a plain SQLite file in place (the app does this to its
    /// database at start): each account then opens it with its own
    /// password. Needs an administrator's login.
    Encrypt,
    /// Copy everything into an empty database, e.g. a room's SQLite file
    /// into the centre's PostgreSQL; row counts and content hashes of every
    /// table are compared, and nothing is kept unless they all agree.
    Copy {
        /// The database to read (a SQLite file path or a URL).
        #[arg(long)]
        from: String,
        /// The empty database to fill (a SQLite file path or a URL).
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
enum SealCommand {
    /// Write the centre's sealing certificate (PEM) to hand to courts and
    /// parties, who check a sealed agreement with
    /// `accord verify FILE --trust FILE.pem`.
    ExportCertificate {
        /// Where to write the certificate.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Also the earlier certificates, the one in use first (for
        /// agreements sealed before the key was changed).
        #[arg(long)]
        all: bool,
    },
}

/// `zh-CN` or `en-US`, as `--lang` takes it.
fn parse_locale(s: &str) -> Result<accord_i18n::Locale, String> {
    s.parse().map_err(|()| {
        accord_i18n::Translations::get(accord_i18n::Locale::from_system())
            .tr_args("cli-lang-unknown", &[("lang", s.to_owned().into())])
    })
}

#[derive(Debug, Subcommand)]
enum AgreementCommand {
    /// Write the sealed PDF of the case's final agreement.
    Pdf {
        /// The case number, e.g. 2025-0001.
        case: String,
        /// Where to write the PDF.
        #[arg(long)]
        out: std::path::PathBuf,
        /// The language of the file: the agreement's own (the original) by
        /// default; the other one gives a sealed copy in translation,
        /// which says which text prevails (zh-CN or en-US).
        #[arg(long, value_parser = parse_locale)]
        lang: Option<accord_i18n::Locale>,
    },
}

#[derive(Debug, Subcommand)]
enum FollowupsCommand {
    /// Print the open follow-ups due by a day, most urgent first.
    Due {
        /// The day (YYYY-MM-DD); today by default.
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write every follow-up to an iCalendar (.ics) file.
    Ics {
        /// Where to write the file.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum OutboxCommand {
    /// Deliver what is queued (SMTP from ACCORD_SMTP_URL or the settings), then exit.
    Send,
}

#[derive(Debug, Subcommand)]
enum CasesCommand {
    /// Print the cases, newest activity first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> anyhow::Result<()> {
    // OpenSSL (the cipher under SQLCipher) is initialised here, before any
    // database, without its exit handlers: a connection thread still
    // finishing while the process exits must not find OpenSSL's memory
    // freed under it (seen as a rare heap-corruption abort at exit).
    openssl_sys::init();
    let started = std::time::Instant::now();
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    // Every database is closed before the process ends (see
    // `accord_store::close_all`).
    accord_store::close_at_exit();
    let result = run(args, &runtime, started);
    runtime.block_on(accord_store::close_all());
    match result {
        Ok(0) => Ok(()),
        Ok(code) => std::process::exit(code),
        Err(e) => Err(e),
    }
}

/// Runs the command; `Ok` with the exit code.
fn run(
    args: Args,
    runtime: &tokio::runtime::Runtime,
    started: std::time::Instant,
) -> anyhow::Result<i32> {
    match args.command {
        None => {
            let boot = runtime.block_on(gui::Boot::load(args.db.clone()));
            let probe = std::env::var_os("ACCORD_STARTUP_PROBE").map(|_| started);
            cli::start_daily_backup(runtime.handle(), boot.store.as_ref().ok());
            gui::run(boot, args.db, runtime.handle().clone(), probe)?;
        }
        Some(Command::Demo) => runtime.block_on(cli::demo(args.db.as_deref()))?,
        Some(Command::Verify { file, trust }) => {
            if !runtime.block_on(cli::verify(args.db.as_deref(), &file, trust.as_deref()))? {
                return Ok(1);
            }
        }
        Some(Command::Seal {
            command: SealCommand::ExportCertificate { out, all },
        }) => {
            if !runtime.block_on(cli::seal_export_certificate(args.db.as_deref(), &out, all))? {
                return Ok(1);
            }
        }
        Some(Command::Agreement {
            command: AgreementCommand::Pdf { case, out, lang },
        }) => {
            if !runtime.block_on(cli::agreement_pdf(args.db.as_deref(), &case, &out, lang))? {
                return Ok(1);
            }
        }

        Some(Command::Followups {
            command: FollowupsCommand::Due { on, json },
        }) => runtime.block_on(cli::followups_due(args.db.as_deref(), on, json))?,
        Some(Command::Followups {
            command: FollowupsCommand::Ics { out },
        }) => runtime.block_on(cli::followups_ics(args.db.as_deref(), &out))?,
        Some(Command::Outbox {
            command: OutboxCommand::Send,
        }) => {
            if !runtime.block_on(cli::outbox_send(args.db.as_deref()))? {
                return Ok(1);
            }
        }
        Some(Command::Cases {
            command: CasesCommand::List { json },
        }) => {
            runtime.block_on(cli::list_cases(args.db.as_deref(), json))?;
        }
        Some(Command::Stats {
            from,
            to,
            json,
            xlsx,
            csv,
            pdf,
        }) => {
            runtime.block_on(cli::stats(
                args.db.as_deref(),
                from,
                to,
                json,
                xlsx.as_deref(),
                csv.as_deref(),
                pdf.as_deref(),
            ))?;
        }
        Some(Command::CaseFile { case, out }) => {
            if !runtime.block_on(cli::case_file(args.db.as_deref(), &case, &out))? {
                return Ok(1);
            }
        }
        Some(Command::CaseFiles { from, to, out }) => {
            if !runtime.block_on(cli::case_files(args.db.as_deref(), from, to, &out))? {
                return Ok(1);
            }
        }
        Some(Command::Audit {
            command: AuditCommand::Verify,
        }) => {
            if !runtime.block_on(cli::audit_verify(args.db.as_deref()))? {
                return Ok(1);
            }
        }
        Some(Command::Backup { out, folder }) => runtime.block_on(cli::backup(
            args.db.as_deref(),
            out.as_deref(),
            folder.as_deref(),
        ))?,
        Some(Command::Restore { file }) => {
            runtime.block_on(cli::restore(args.db.as_deref(), &file))?;
        }
        Some(Command::Db {
            command: DbCommand::Migrate,
        }) => runtime.block_on(cli::db_migrate(args.db.as_deref()))?,
        Some(Command::Db {
            command: DbCommand::Encrypt,
        }) => runtime.block_on(cli::db_encrypt(args.db.as_deref()))?,
        Some(Command::Db {
            command: DbCommand::Copy { from, to },
        }) => runtime.block_on(cli::db_copy(&from, &to))?,
    }
    Ok(0)
}
