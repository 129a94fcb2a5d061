//! Arbitrary rules, events and instants through the rules engine, its explanations and the
//! reminder planner: no panic, and the instants it returns are ordered and inside the range
//! the store and the UI can hold.
#![no_main]

use arbitrary::Arbitrary;
use baohao_core::event::{Event, EventKind, Money};
use baohao_core::instant::in_range;
use baohao_core::planner::{plan, PlanLine, ReminderPolicy};
use baohao_core::rules::{
    evaluate, explain_text, status_at, Grace, GraceMode, KeepAliveRule, Lang, Period, RuleSpec,
    Status, Tier,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    kind: u8,
    months: bool,
    period: u32,
    qualifying: u8,
    tiers: Vec<(i64, u32, u32)>,
    stack: bool,
    cap: Option<u32>,
    date: i32,
    anchor: Option<i32>,
    grace: Option<(u32, u32, u8)>,
    zone: u16,
    currency: bool,
    events: Vec<(i64, u8, Option<i64>, bool)>,
    created: i64,
    now: i64,
    due_soon: u16,
    user_zone: u16,
    charged: u8,
    at_zero: bool,
    fee: Option<i64>,
    billing_day: u8,
}

const KINDS: [EventKind; 7] = EventKind::ALL;

fn instant(secs: i64) -> DateTime<Utc> {
    // Around 2026, ± ~300 years, so the far past and far future both come up.
    let base = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    base + Duration::seconds(secs % (300 * 366 * 86_400))
}

fn date(days: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(i64::from(days % 3_000_000))
}

fn zone(i: u16) -> Tz {
    TZ_VARIANTS[usize::from(i) % TZ_VARIANTS.len()]
}

fuzz_target!(|input: Input| {
    let period = if input.months {
        Period::Months(input.period % 200)
    } else {
        Period::Days(input.period % 5000)
    };
    let currency = if input.currency { "HKD" } else { "JPY" };
    let kinds = |mask: u8| -> Vec<_> {
        KINDS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, k)| *k)
            .collect()
    };
    let rule = match input.kind % 5 {
        0 => KeepAliveRule::Rolling {
            period,
            qualifying: kinds(input.qualifying),
            charged: kinds(input.charged),
        },
        4 => KeepAliveRule::Balance {
            fee: input.fee.map(|f| Money::new(f, currency)),
            billing_day: u32::from(input.billing_day),
        },
        1 => KeepAliveRule::TopupValidity {
            tiers: input
                .tiers
                .iter()
                .take(60)
                .map(|(a, d, m)| Tier {
                    min_amount: Money::new(*a, currency),
                    days: d % 5000,
                    months: m % 200,
                })
                .collect(),
            stack: input.stack,
            cap_days: input.cap.map(|c| c % 5000),
        },
        2 => KeepAliveRule::FixedExpiry {
            expires_on: date(input.date),
        },
        _ => KeepAliveRule::RecurringPlan {
            period,
            anchor: input.anchor.map(date),
        },
    };
    let grace = input.grace.map(|(d, m, mode)| Grace {
        days: d % 5000,
        months: m % 200,
        mode: [
            GraceMode::Restricted,
            GraceMode::IncomingOnly,
            GraceMode::Grace,
        ][usize::from(mode % 3)],
        at_zero_balance: input.at_zero,
    });
    let spec = RuleSpec::new(rule, grace, zone(input.zone));
    let events: Vec<Event> = input
        .events
        .iter()
        .take(200)
        .enumerate()
        .map(|(i, (at, kind, amount, cur))| Event {
            id: format!("e{i}"),
            line_id: "l".into(),
            occurred_at: instant(*at),
            kind: KINDS[usize::from(*kind) % KINDS.len()],
            amount: amount.map(|a| Money::new(a, if *cur { "HKD" } else { "JPY" })),
            method: None,
            channel: None,
            reference: String::new(),
            note: String::new(),
            balance_after: None,
        })
        .collect();
    let created = instant(input.created);
    let now = instant(input.now);
    let due = u32::from(input.due_soon % 400);
    let eval = evaluate(&spec, &events, created, now, due);
    for lang in [Lang::En, Lang::ZhCn] {
        let _ = explain_text(&eval, lang, zone(input.user_zone));
    }
    match (eval.act_by, eval.lost_at) {
        (Some(act_by), Some(lost_at)) => {
            assert!(lost_at >= act_by);
            assert!(in_range(act_by) && in_range(lost_at), "{act_by} {lost_at}");
            assert_eq!(eval.status, status_at(act_by, lost_at, now, due));
            let line = PlanLine {
                line_id: "l".into(),
                label: "x".into(),
                display_number: "+1".into(),
                act_by: Some(act_by),
                lost_at: Some(lost_at),
                renewed_at: events.last().map(|e| e.occurred_at),
                balance: None,
                overrides: Default::default(),
                one_offs: Vec::new(),
            };
            let policy = ReminderPolicy {
                user_zone: zone(input.user_zone),
                ..ReminderPolicy::default()
            };
            for r in plan(&[line], &policy, now, 50) {
                assert!(r.at > now && r.at < lost_at && in_range(r.at));
            }
        }
        (None, None) => assert_eq!(eval.status, Status::Unknown),
        _ => panic!("act_by and lost_at come together"),
    }
});
