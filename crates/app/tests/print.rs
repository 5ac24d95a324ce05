//! Printing the sealed originals through CUPS to a virtual PDF printer
//! (Debian's cups-pdf), set up by `.ci/run` (`.ci/cups-setup.sh`) and
//! named in `ACCORD_TEST_PRINTER`. In CI the printer must be there.

use std::{path::PathBuf, process::Command, time::Duration};

use accord_app::publish;
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, Store};

fn printer() -> Option<String> {
    match std::env::var("ACCORD_TEST_PRINTER") {
        Ok(p) if !p.is_empty() => Some(p),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI sets up a CUPS PDF printer and names it in ACCORD_TEST_PRINTER"
            );
            eprintln!("ACCORD_TEST_PRINTER not set: printing not tested here");
            None
        }
    }
}

/// Waits until CUPS lists the job as completed.
fn completed(printer: &str, job: &str) -> bool {
    for _ in 0..300 {
        let out = Command::new("lpstat")
            .args(["-W", "completed", "-o", printer])
            .output()
            .expect("lpstat");
        let listed = String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.split_whitespace().next() == Some(job));
        if listed {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The PDF cups-pdf wrote for a job: `<title>-job_<N>.pdf` in the user's
/// folder under /var/spool/cups-pdf.
fn output_of(job: &str) -> Option<PathBuf> {
    let n = job.rsplit('-').next()?;
    let suffix = format!("-job_{n}.pdf");
    for _ in 0..100 {
        for dir in std::fs::read_dir("/var/spool/cups-pdf").ok()?.flatten() {
            for file in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                if file.file_name().to_string_lossy().ends_with(&suffix) {
                    return Some(file.path());
                }
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

#[test]
fn the_sealed_originals_print_on_the_virtual_printer() {
    let Some(printer) = printer() else {
        return;
    };
    assert!(
        publish::printers().contains(&printer),
        "lpstat lists the printer"
    );
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("p.sqlite3").display().to_string();
    let store = rt.block_on(Store::open(&db)).expect("open");
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let actor = Actor::system();
    let (case, _) = rt
        .block_on(publish::load_demo(&store, &actor, &t))
        .expect("demo");
    let copies = accord_core::agreement::AgreementContent::copies(&case);
    let files = rt
        .block_on(publish::write_originals(
            &store,
            &actor,
            &t,
            case.id,
            copies,
            &publish::output_dir(Some(&db)),
        ))
        .expect("originals");
    assert_eq!(files.len(), 4, "three parties and the committee");
    let jobs = publish::print(&printer, &files, "Accord 2025-0001").expect("lp accepts the jobs");
    assert_eq!(jobs.len(), 4, "{jobs:?}");
    for (job, file) in jobs.iter().zip(&files) {
        assert!(job.starts_with(&printer), "a CUPS job id: {job}");
        assert!(completed(&printer, job), "job {job} completes");
        let printed = output_of(job).unwrap_or_else(|| panic!("no output PDF for {job}"));
        let bytes = std::fs::read(&printed).expect("read output");
        let pdf = lopdf::Document::load_mem(&bytes).expect("the printer made a PDF");
        let original =
            lopdf::Document::load_mem(&std::fs::read(file).expect("read")).expect("original");
        assert_eq!(
            pdf.get_pages().len(),
            original.get_pages().len(),
            "{printed:?}"
        );
    }
    // A printer that does not exist is refused in words.
    let err = publish::print("NoSuchPrinter", &files[..1], "x").expect_err("refused");
    assert!(!err.phrase().words(&t).is_empty());
}
