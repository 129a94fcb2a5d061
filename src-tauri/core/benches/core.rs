//! What the app computes on every screen and every reminder pass, with realistic data:
//! `cargo bench -p baohao-core`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_core::carrier::preset_carriers;
use baohao_core::event::{EventInput, EventKind, Method, Money, PaymentChannel};
use baohao_core::line::{LineInput, LineQuery, SimKind};
use baohao_core::planner::{plan, Lang, ReminderPolicy};
use baohao_core::planning::{forecast, renewal_days, RenewalDaysOptions, FORECAST_MONTHS};
use baohao_core::Store;
use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};

fn seeded(lines: u32) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let carriers: Vec<_> = preset_carriers()
        .into_iter()
        .filter(|c| c.rule.is_some() && c.country == "GB")
        .collect();
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    for i in 0..lines {
        let line = store
            .create_line(
                &LineInput {
                    number: format!("+44 7911 {:06}", 100_000 + i),
                    label: format!("Number {i}"),
                    country: "GB".into(),
                    carrier: String::new(),
                    carrier_id: Some(carriers[i as usize % carriers.len()].id.clone()),
                    sim_kind: SimKind::Physical,
                    iccid: None,
                    tags: vec![],
                    notes: String::new(),
                },
                now - Duration::days(300),
            )
            .unwrap();
        for k in 0..5 {
            store
                .add_event(
                    &line.id,
                    &EventInput {
                        occurred_at: now - Duration::days(i64::from(i % 150) + 40 * k),
                        kind: EventKind::Topup,
                        amount: Some(Money::new(1000, "GBP")),
                        method: Some(Method::App),
                        channel: Some(PaymentChannel::BankCard),
                        reference: format!("R{i}-{k}"),
                        note: String::new(),
                        balance_after: Some(Money::new(700, "GBP")),
                    },
                    now,
                )
                .unwrap();
        }
    }
    store
}

fn benches(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let mut store = seeded(100);
    let ctx = store.eval_context(now, chrono_tz::Europe::London).unwrap();
    c.bench_function("list 100 lines (summaries, most urgent first)", |b| {
        b.iter(|| store.line_summaries(&LineQuery::default(), &ctx))
    });
    let lines = store.plan_lines(&ctx).unwrap();
    let policy = ReminderPolicy::default();
    c.bench_function("plan reminders for 100 lines", |b| {
        b.iter(|| plan(&lines, &policy, now, 1000))
    });
    c.bench_function("desktop reminder pass, 100 lines", |b| {
        let mut t = now;
        b.iter(|| {
            t += Duration::seconds(1);
            store.run_delivery_pass(t, chrono_tz::Europe::London, false, Lang::En)
        })
    });
}

/// The planning views over 10,000 lines (50,000 events): from the store (one summaries query)
/// and on lines already loaded.
fn planning(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let store = seeded(10_000);
    let ctx = store.eval_context(now, chrono_tz::Europe::London).unwrap();
    let lines = store.planning_lines(&ctx).unwrap();
    let options = RenewalDaysOptions::default();
    let mut group = c.benchmark_group("planning, 10,000 lines");
    group.sample_size(10);
    group.bench_function("renewal days (loaded lines)", |b| {
        b.iter(|| renewal_days(&lines, &ctx, &options))
    });
    group.bench_function("forecast (loaded lines)", |b| {
        b.iter(|| forecast(&lines, &ctx, FORECAST_MONTHS))
    });
    group.bench_function("renewal days (from the store)", |b| {
        b.iter(|| store.renewal_days(&ctx, &options).unwrap())
    });
    group.bench_function("forecast (from the store)", |b| {
        b.iter(|| store.forecast(&ctx).unwrap())
    });
    group.finish();
}

criterion_group!(core, benches, planning);
criterion_main!(core);
