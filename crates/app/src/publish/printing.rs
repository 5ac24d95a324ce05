//! Printing through CUPS (`lpstat`, `lp`) and opening a file in the
//! system's viewer.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{PublishError, Result};

/// The printers CUPS knows (`lpstat -e`), the default first.
pub fn printers() -> Vec<String> {
    let Ok(out) = Command::new("lpstat").arg("-e").output() else {
        return Vec::new();
    };
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(default) = default_printer()
        && let Some(i) = names.iter().position(|n| *n == default)
    {
        let d = names.remove(i);
        names.insert(0, d);
    }
    names
}

fn default_printer() -> Option<String> {
    let out = Command::new("lpstat").arg("-d").output().ok()?;
    // "system default destination: NAME"
    String::from_utf8_lossy(&out.stdout)
        .rsplit(':')
        .next()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && !s.contains(' '))
}

/// Sends the files to a CUPS printer (`lp`); returns the job ids.
pub fn print(printer: &str, files: &[PathBuf], title: &str) -> Result<Vec<String>> {
    files
        .iter()
        .map(|file| {
            let out = Command::new("lp")
                .args(["-d", printer, "-t", title, "--"])
                .arg(file)
                .output()
                .map_err(|e| PublishError::Print(e.to_string()))?;
            let said = String::from_utf8_lossy(&out.stdout).into_owned();
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr).trim().to_owned();
                return Err(PublishError::Print(if err.is_empty() { said } else { err }));
            }
            // "request id is PDF-12 (1 file(s))", in the system's language
            // ("请求 ID 为 PDF-12（1 个文件）"): the id is PRINTER-digits.
            Ok(job_id(&said, printer).unwrap_or_else(|| said.trim().to_owned()))
        })
        .collect()
}

/// The job id (`PRINTER-123`) in what `lp` said.
fn job_id(said: &str, printer: &str) -> Option<String> {
    let prefix = format!("{printer}-");
    let start = said.find(&prefix)?;
    let digits: String = said[start + prefix.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| format!("{prefix}{digits}"))
}

/// Opens a file in the system's viewer; `false` when there is none.
pub fn open_in_viewer(file: &Path) -> bool {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    command
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_job_id_is_found_in_any_language() {
        for said in [
            "request id is AccordPDF-21 (1 file(s))",
            "请求 ID 为 AccordPDF-21（1 个文件）",
        ] {
            assert_eq!(
                super::job_id(said, "AccordPDF").as_deref(),
                Some("AccordPDF-21")
            );
        }
        assert_eq!(super::job_id("lp: error", "AccordPDF"), None);
    }
}
