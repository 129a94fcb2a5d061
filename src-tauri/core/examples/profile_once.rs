//! Runs one operation once, for counting its instructions with callgrind (counts do not depend
//! on the machine's load, unlike times):
//!
//! ```sh
//! cargo build --release -p baohao-core --example profile_once
//! target/release/examples/profile_once /tmp/k1.db            # writes 1,000 lines of bench_data
//! valgrind --tool=callgrind target/release/examples/profile_once /tmp/k1.db dashboard
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep line_summaries
//! ```
//!
//! Operations: `dashboard`, `plan` (all reminders), `window` (400), `days`, `forecast`.
//! For function names in the report, build with
//! `CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_PROFILE_RELEASE_STRIP=false`.

use std::hint::black_box;

use baohao_core::bench_data::{bench_now, populate, Spec};
use baohao_core::line::LineQuery;
use baohao_core::planner::{plan, ReminderPolicy};
use baohao_core::planning::{forecast, renewal_days, RenewalDaysOptions, FORECAST_MONTHS};
use baohao_core::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(
        args.next()
            .ok_or("usage: profile_once <db file> [dashboard|plan|window|days|forecast]")?,
    );
    let what = args.next().unwrap_or_default();
    if !path.exists() {
        let mut store = Store::open(&path)?;
        populate(&mut store, &Spec::with_lines(1000))?;
        println!("wrote 1,000 lines to {}", path.display());
        return Ok(());
    }
    let store = Store::open(&path)?;
    let zone = chrono_tz::Europe::London;
    let ctx = store.eval_context(bench_now(), zone)?;
    let policy = ReminderPolicy {
        user_zone: zone,
        ..ReminderPolicy::default()
    };
    match what.as_str() {
        "dashboard" => {
            black_box(store.line_summaries(&LineQuery::default(), &ctx)?);
        }
        "plan" | "window" => {
            let cap = if what == "plan" { usize::MAX } else { 400 };
            black_box(plan(&store.plan_lines(&ctx)?, &policy, bench_now(), cap));
        }
        "days" => {
            let lines = store.planning_lines(&ctx)?;
            black_box(renewal_days(&lines, &ctx, &RenewalDaysOptions::default()));
        }
        "forecast" => {
            black_box(forecast(
                &store.planning_lines(&ctx)?,
                &ctx,
                FORECAST_MONTHS,
            ));
        }
        other => return Err(format!("unknown operation {other:?}").into()),
    }
    Ok(())
}
