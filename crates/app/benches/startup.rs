//! Start-up to the first frame of the real window, in release mode, under
//! an X server (Xvfb on a machine without a display):
//!
//! ```sh
//! Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
//! DISPLAY=:99 cargo bench -p accord-app --bench startup
//! ```
//!
//! The app runs with `ACCORD_STARTUP_PROBE=1`: it prints the time from the
//! start of `main` to its first frame, then quits. The wall time from spawning
//! the process to reading that line is reported too. Target: 1 s.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use accord_core::UserRole;
use accord_store::{Actor, Store};

const RUNS: usize = 15;

fn main() {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        println!("startup: skipped, no display (run it under Xvfb with DISPLAY set)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("accord.sqlite3").display().to_string();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = Store::open(&db).await.expect("open");
        let user = store
            .create_user(None, "边文玲", UserRole::Mediator)
            .await
            .expect("user");
        store.set_current_user(user.id).await.expect("current");
        store.load_demo(&Actor::from(&user)).await.expect("demo");
    });

    let (mut inside, mut wall) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let spawned = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(["--db", &db])
            .env("ACCORD_STARTUP_PROBE", "1")
            .env("ICED_BACKEND", "tiny-skia")
            .env("WINIT_X11_SCALE_FACTOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn accord");
        let stdout = child.stdout.take().expect("stdout");
        let line = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|l| l.starts_with("startup_to_first_frame_ms="))
            .expect("the app reports its first frame");
        wall.push(spawned.elapsed());
        let ms: f64 = line
            .trim_start_matches("startup_to_first_frame_ms=")
            .parse()
            .expect("number");
        inside.push(Duration::from_secs_f64(ms / 1000.0));
        let _ = child.wait();
    }
    report("main() to first frame", &mut inside);
    report("process spawn to first frame (wall)", &mut wall);
}

fn report(name: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let verdict = if ms(median) <= 1000.0 {
        "ok"
    } else {
        "OVER TARGET"
    };
    println!(
        "{name:<40} median {:>7.1} ms   max {:>7.1} ms   target 1000 ms  {verdict}",
        ms(median),
        ms(times[times.len() - 1])
    );
}
