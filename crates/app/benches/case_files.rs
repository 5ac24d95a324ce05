//! The batch export of a period's case files, driven through the real
//! statistics screen as the window drives it: 1,000 closed cases (the
//! example case with its sealed agreement and 999 cases settled orally),
//! one case bound per job off the UI thread, the progress updated after
//! each. Prints the whole batch's time, the time per case, and what the
//! UI thread spends per message (the screen's update and its view) —
//! the measure of the window staying responsive.
//! `cargo bench -p accord-app --bench case_files`

use std::time::{Duration, Instant};

use accord_app::gui::{App, Boot, Message, Nav, screen::stats};
use accord_core::{Category, UserRole, demo, desk::Performance};
use accord_store::{Actor, Store};

const CASES: usize = 1_000;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let url = dir.path().join("batch.sqlite3").display().to_string();
    let store = rt.block_on(Store::open(&url)).expect("open");
    rt.block_on(store.set_local_setting("locale", "zh-CN"))
        .expect("locale");
    let director = rt
        .block_on(store.create_user(None, "李枭", UserRole::Administrator))
        .expect("director");
    rt.block_on(store.set_current_user(director.id))
        .expect("current");
    let actor = Actor::from(&director);
    let t = accord_i18n::Translations::get(accord_i18n::Locale::ZhCn);

    let made = Instant::now();
    rt.block_on(accord_app::publish::load_demo(&store, &actor, t))
        .expect("the example case");
    for k in 1..CASES {
        let mut case = demo::water_leak_case();
        case.category = Category::Family;
        for (i, p) in case.parties.iter_mut().enumerate() {
            p.name = format!(
                "{}{}",
                ["赵", "钱", "孙", "李", "周"][k % 5],
                ["一", "二", "三"][i % 3]
            );
            p.id_number = String::new();
            p.phone = format!("137{k:05}{i:03}");
        }
        let created = rt
            .block_on(store.create_case(&actor, &case.validate().expect("valid")))
            .expect("case");
        rt.block_on(store.record_oral_agreement(
            &actor,
            created.id,
            "双方同意和解，当场履行完毕",
            Performance::Performed,
        ))
        .expect("oral agreement");
    }
    println!(
        "setup: {CASES} closed cases in {:.1} s",
        made.elapsed().as_secs_f64()
    );

    let mut app = App::new(
        rt.block_on(Boot::load(Some(url.clone()))),
        Some(url.clone()),
    );
    let mut ui_times: Vec<Duration> = Vec::new();
    let mut job_times: Vec<Duration> = Vec::new();
    let run = |app: &mut App, first: Message, ui: &mut Vec<Duration>, jobs: &mut Vec<Duration>| {
        let mut queue = std::collections::VecDeque::from([first]);
        while let Some(message) = queue.pop_front() {
            let at = Instant::now();
            let pending = app.update(message);
            drop(app.view());
            ui.push(at.elapsed());
            for job in pending {
                let at = Instant::now();
                queue.push_back(rt.block_on(job.run(store.clone())));
                jobs.push(at.elapsed());
            }
        }
    };
    let (mut ui_setup, mut job_setup) = (Vec::new(), Vec::new());
    run(
        &mut app,
        Message::Nav(Nav::Stats),
        &mut ui_setup,
        &mut job_setup,
    );
    for m in [
        stats::Message::From("2000-01-01".into()),
        stats::Message::To("2100-12-31".into()),
    ] {
        run(&mut app, Message::Stats(m), &mut ui_setup, &mut job_setup);
    }

    let started = Instant::now();
    run(
        &mut app,
        Message::Stats(stats::Message::BindFiles),
        &mut ui_times,
        &mut job_times,
    );
    let total = started.elapsed();
    let out = accord_app::publish::output_dir(Some(&url)).join("case-files-20000101-21001231");
    let files = std::fs::read_dir(&out)
        .expect("the folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        })
        .count();
    let index = std::fs::read_to_string(out.join("index.csv")).expect("the index");
    assert_eq!(files, CASES, "every case's file written");
    assert_eq!(
        index.lines().count(),
        CASES + 1,
        "a line each and the header"
    );

    let stat = |v: &mut Vec<Duration>| {
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        (
            ms(v[v.len() / 2]),
            ms(v[v.len() * 99 / 100]),
            ms(*v.last().expect("some")),
        )
    };
    // The first job lists the cases; the others bind one case each.
    let binds = &mut job_times[1..].to_vec();
    let (bind_median, bind_p99, bind_max) = stat(binds);
    let (ui_median, ui_p99, ui_max) = stat(&mut ui_times);
    println!(
        "batch of {CASES} case files: {:.1} s in all ({:.1} ms per case)",
        total.as_secs_f64(),
        total.as_secs_f64() * 1000.0 / CASES as f64
    );
    println!(
        "  binding one case (a job off the UI thread): median {bind_median:.1} ms, p99 {bind_p99:.1} ms, max {bind_max:.1} ms"
    );
    println!(
        "  UI thread per message (update + view), {} messages: median {ui_median:.2} ms, p99 {ui_p99:.2} ms, max {ui_max:.2} ms   target: under 16 ms (one frame)  {}",
        ui_times.len(),
        if ui_max < 16.0 { "ok" } else { "OVER" }
    );
}
