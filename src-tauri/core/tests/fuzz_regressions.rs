//! Inputs the fuzzers (fuzz/) found, kept as tests so they stay fixed without the fuzzer.
//! (The backup reader's finding is in tests/backup.rs.)

#![allow(clippy::unwrap_used)]

use baohao_core::instant::in_range;
use baohao_core::planner::{plan, PlanLine, ReminderPolicy};
use baohao_core::rules::{evaluate, KeepAliveRule, Period, RuleSpec};
use baohao_core::EventKind;
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;

/// rule_engine, crash-cdec55e1: a rolling 58-month rule counted from a line created on
/// 10 Mar 1895 (a clock before 1900) gives a deadline on 10 Jan 1900; planning from 1895 put
/// the 30-day reminder on 11 Dec 1899, outside the range the store and the UI hold. The raw
/// input is `tests/fixtures/fuzz/rule-engine-before-1900.bin`
/// (`cargo fuzz run rule_engine <file>` replays it).
#[test]
fn no_reminder_is_planned_before_1900() {
    let created = Utc.with_ymd_and_hms(1895, 3, 10, 13, 27, 12).unwrap();
    let spec = RuleSpec::new(
        KeepAliveRule::Rolling {
            period: Period::Months(58),
            qualifying: vec![EventKind::Topup, EventKind::Call, EventKind::Data],
        },
        None,
        Tz::Europe__Malta,
    );
    let eval = evaluate(&spec, &[], created, created, 32);
    let act_by = eval.act_by.unwrap();
    assert!(in_range(act_by));
    let line = PlanLine {
        line_id: "l".into(),
        label: "x".into(),
        display_number: "+1".into(),
        act_by: Some(act_by),
        lost_at: eval.lost_at,
        renewed_at: None,
        balance: None,
        overrides: Default::default(),
    };
    let policy = ReminderPolicy {
        user_zone: Tz::Europe__Malta,
        ..ReminderPolicy::default()
    };
    let planned = plan(&[line], &policy, created, 50);
    assert!(!planned.is_empty());
    assert!(planned.iter().all(|r| in_range(r.at)), "{planned:?}");
}
