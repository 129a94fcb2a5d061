//! Fills a data directory with realistic numbers, for benchmarks and trying the app:
//! `cargo run -p baohao-core --example seed -- <data dir> [count]`.

use std::path::PathBuf;

use baohao_core::carrier::preset_carriers;
use baohao_core::event::{EventInput, EventKind, Method, Money, PaymentChannel};
use baohao_core::line::{LineInput, SimKind};
use baohao_core::Store;
use chrono::{Duration, Utc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: seed <data dir> [count]")?);
    let count: u32 = args.next().map(|c| c.parse()).transpose()?.unwrap_or(100);
    std::fs::create_dir_all(&dir)?;
    let mut store = Store::open(&dir.join("baohao.db"))?;
    let carriers: Vec<_> = preset_carriers()
        .into_iter()
        .filter(|c| c.rule.is_some() && c.country == "GB")
        .collect();
    let now = Utc::now();
    for i in 0..count {
        let carrier = &carriers[(i as usize) % carriers.len()];
        let line = store.create_line(
            &LineInput {
                number: format!("+44 7911 {:06}", 100_000 + i),
                label: format!("Number {}", i + 1),
                country: "GB".into(),
                carrier: String::new(),
                carrier_id: Some(carrier.id.clone()),
                sim_kind: if i % 3 == 0 {
                    SimKind::Esim
                } else {
                    SimKind::Physical
                },
                iccid: None,
                tags: vec![format!("group{}", i % 5)],
                notes: String::new(),
            },
            now - Duration::days(200),
        )?;
        for k in 0..3 {
            store.add_event(
                &line.id,
                &EventInput {
                    occurred_at: now - Duration::days(i64::from(i % 170) + 30 * k),
                    kind: EventKind::Topup,
                    amount: Some(Money::new(1000, "GBP")),
                    method: Some(Method::App),
                    channel: Some(PaymentChannel::BankCard),
                    reference: format!("ORDER-{i}-{k}"),
                    note: String::new(),
                    balance_after: Some(Money::new(500 + i64::from(i), "GBP")),
                },
                now,
            )?;
        }
    }
    println!("{} lines in {}", store.count_lines()?, dir.display());
    Ok(())
}
