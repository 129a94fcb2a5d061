//! Inputs the fuzzers (fuzz/) found, kept as tests so they stay fixed without the fuzzer.
//! (The backup reader's finding is in tests/backup.rs.)

#![allow(clippy::unwrap_used)]

use baohao_core::instant::in_range;
use baohao_core::planner::{plan, PlanLine, ReminderPolicy};
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
    // The fuzzer reached this deadline through a rolling rule counted from the day the line
    // was added; since a rolling line with no logged activity has no deadline, the instant
    // is given here as it was: 58 months after 10 Mar 1895, end of day in Malta.
    let act_by = Utc.with_ymd_and_hms(1900, 1, 10, 22, 59, 59).unwrap();
    assert!(in_range(act_by));
    let line = PlanLine {
        line_id: "l".into(),
        label: "x".into(),
        display_number: "+1".into(),
        act_by: Some(act_by),
        lost_at: None,
        renewed_at: None,
        balance: None,
        overrides: Default::default(),
        one_offs: Vec::new(),
    };
    let policy = ReminderPolicy {
        user_zone: Tz::Europe__Malta,
        ..ReminderPolicy::default()
    };
    let planned = plan(&[line], &policy, created, 50);
    assert!(!planned.is_empty());
    assert!(planned.iter().all(|r| in_range(r.at)), "{planned:?}");
}
