use baohao_core::bench_data::{bench_now, populate, Spec};
use baohao_core::line::LineQuery;
use baohao_core::planner::{plan, ReminderPolicy};
use baohao_core::planning::{forecast, renewal_days, RenewalDaysOptions, FORECAST_MONTHS};
use baohao_core::Store;
use std::hint::black_box;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().unwrap_or("/tmp/k1.db".into()));
    let what = args.next().unwrap_or_default();
    if !path.exists() {
        let mut s = Store::open(&path)?;
        populate(
            &mut s,
            &if path.to_string_lossy().contains("full") {
                Spec::FULL
            } else {
                Spec::with_lines(1000)
            },
        )?;
        return Ok(());
    }
    let store = Store::open(&path)?;
    let ctx = store.eval_context(bench_now(), chrono_tz::Europe::London)?;
    let zone = chrono_tz::Europe::London;
    let policy = ReminderPolicy {
        user_zone: zone,
        ..ReminderPolicy::default()
    };
    match what.as_str() {
        "dashboard" => {
            black_box(store.line_summaries(&LineQuery::default(), &ctx)?);
        }
        "plan" => {
            let l = store.plan_lines(&ctx)?;
            black_box(plan(&l, &policy, bench_now(), usize::MAX));
        }
        "days" => {
            let l = store.planning_lines(&ctx)?;
            black_box(renewal_days(&l, &ctx, &RenewalDaysOptions::default()));
        }
        "forecast" => {
            let l = store.planning_lines(&ctx)?;
            black_box(forecast(&l, &ctx, FORECAST_MONTHS));
        }
        "time" => {
            for _ in 0..3 {
                let t = std::time::Instant::now();
                let s = store.line_summaries(&LineQuery::default(), &ctx)?;
                println!("dashboard {} {:.2?}", s.len(), t.elapsed());
                let t = std::time::Instant::now();
                let l = store.list_lines(&LineQuery::default())?;
                println!("list_lines {} {:.2?}", l.len(), t.elapsed());
                let t = std::time::Instant::now();
                let l = store.plan_lines(&ctx)?;
                println!("plan_lines {:.2?}", t.elapsed());
                let t = std::time::Instant::now();
                let p = plan(&l, &policy, bench_now(), usize::MAX);
                println!("plan {} {:.2?}", p.len(), t.elapsed());
                let t = std::time::Instant::now();
                let b = store.backup(bench_now())?;
                println!("snapshot {:.2?}", t.elapsed());
                let t = std::time::Instant::now();
                let j = b.to_json()?;
                println!("to_json {} {:.2?}", j.len(), t.elapsed());
            }
        }
        _ => {}
    }
    Ok(())
}
