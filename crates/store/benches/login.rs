//! Logging in: one argon2id verification (64 MiB, 3 passes) plus the
//! user's row. Target: 0.2 to 0.5 s on the centre's two-core laptops, slow
//! enough that guessing passwords from a stolen file is costly, quick
//! enough for a person. `cargo bench -p accord-store --bench login`

use std::time::{Duration, Instant};

use accord_core::UserRole;
use accord_store::{NewAccount, Store};

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("login.sqlite3");
    rt.block_on(async {
        let store = Store::open(&path.display().to_string())
            .await
            .expect("open");
        store
            .create_account(
                None,
                &NewAccount {
                    login: "admin".into(),
                    name: "李瑞芳".into(),
                    role: UserRole::Administrator,
                    password: "管理员的密码123".into(),
                },
            )
            .await
            .expect("account");
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..10 {
            let started = Instant::now();
            store
                .log_in("admin", "管理员的密码123")
                .await
                .expect("logged in");
            times.push(started.elapsed());
        }
        let wrong = Instant::now();
        assert!(store.log_in("admin", "not the password").await.is_err());
        let wrong = wrong.elapsed();
        let unknown = Instant::now();
        assert!(store.log_in("nobody", "管理员的密码123").await.is_err());
        let unknown = unknown.elapsed();
        times.sort();
        let median = times[times.len() / 2];
        let in_range = (Duration::from_millis(200)..=Duration::from_millis(500)).contains(&median);
        println!(
            "log in (argon2id m=64 MiB, t=3)   median {:>6.0} ms   max {:>6.0} ms   target 200-500 ms  {}",
            median.as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
            if in_range { "ok" } else { "OUT OF RANGE" }
        );
        println!(
            "refused: wrong password {:>6.0} ms, unknown name {:>6.0} ms (same work)",
            wrong.as_secs_f64() * 1e3,
            unknown.as_secs_f64() * 1e3,
        );
    });
}
