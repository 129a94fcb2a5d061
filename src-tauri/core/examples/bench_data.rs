//! Writes the benchmark data set into a database file, to look at or to try the app at scale:
//! `cargo run --release -p baohao-core --example bench_data -- <db file> [lines] [events]`
//! (default 10,000 lines and 200,000 events over five years; the same numbers give the same
//! data). The file must not exist yet.

use std::path::PathBuf;
use std::time::Instant;

use baohao_core::bench_data::{bench_now, populate, Spec};
use baohao_core::line::LineQuery;
use baohao_core::rules::Status;
use baohao_core::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .ok_or("usage: bench_data <db file> [lines] [events]")?,
    );
    if path.exists() {
        return Err(format!("{} exists; give a new file", path.display()).into());
    }
    let lines: u32 = args
        .next()
        .map(|c| c.parse())
        .transpose()?
        .unwrap_or(Spec::FULL.lines);
    let events: u32 = args
        .next()
        .map(|c| c.parse())
        .transpose()?
        .unwrap_or(lines.saturating_mul(20));
    let spec = Spec {
        lines,
        events,
        ..Spec::FULL
    };
    let mut store = Store::open(&path)?;
    let t = Instant::now();
    let data = populate(&mut store, &spec)?;
    println!(
        "{} lines and {} events written to {} in {:.2?}",
        data.lines.len(),
        data.events.len(),
        path.display(),
        t.elapsed()
    );
    let ctx = store.eval_context(bench_now(), chrono_tz::Europe::London)?;
    let t = Instant::now();
    let summaries = store.line_summaries(&LineQuery::default(), &ctx)?;
    println!(
        "dashboard of {} lines loaded in {:.2?}",
        summaries.len(),
        t.elapsed()
    );
    for status in [
        Status::Ok,
        Status::DueSoon,
        Status::Overdue,
        Status::Lost,
        Status::Unknown,
    ] {
        let n = summaries.iter().filter(|s| s.status == status).count();
        println!("{status:?}: {n} active lines at {}", ctx.now);
    }
    Ok(())
}
