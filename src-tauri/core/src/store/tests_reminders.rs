//! The desktop delivery pass on the real schema: on time, once, across restarts, and one
//! summary for what was missed while closed.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::line::{LineInput, SimKind};
use crate::planner::{Lang, LineReminderOverrides, ReminderPolicy};
use crate::rules::{KeepAliveRule, RuleSpec};
use crate::{ErrorCode, Field};

fn t(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

fn line_expiring(s: &mut Store, number: &str, label: &str, expires: NaiveDate) -> String {
    let line = s
        .create_line(
            &LineInput {
                number: number.into(),
                label: label.into(),
                country: "GB".into(),
                carrier: String::new(),
                carrier_id: None,
                sim_kind: SimKind::Esim,
                iccid: None,
                tags: vec![],
                notes: String::new(),
            },
            t(2026, 1, 1, 0, 0, 0),
        )
        .unwrap();
    let rule = RuleSpec {
        rule: KeepAliveRule::FixedExpiry {
            expires_on: expires,
        },
        grace: None,
        zone: "UTC".into(),
    };
    s.set_line_rule(&line.id, Some(&rule), t(2026, 1, 1, 0, 0, 0))
        .unwrap();
    line.id
}

fn utc_policy(s: &mut Store, leads: Vec<u32>) {
    s.set_reminder_policy(&ReminderPolicy {
        leads_days: leads,
        user_zone: Tz::UTC,
        ..ReminderPolicy::default()
    })
    .unwrap();
}

#[test]
fn a_reminder_is_shown_once_on_time_and_never_again_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    let mut s = Store::open(&path).unwrap();
    utc_policy(&mut s, vec![7]);
    let id = line_expiring(
        &mut s,
        "07911 123456",
        "Travel",
        NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
    );

    // Before: nothing to show, and the timer is told to wake at 09:00 on 1 Mar.
    let before = s
        .run_delivery_pass(t(2026, 3, 1, 8, 0, 0), Tz::UTC, true, Lang::En)
        .unwrap();
    assert!(before.show.is_empty());
    assert_eq!(before.next_wakeup, Some(t(2026, 3, 1, 9, 0, 0)));

    // At the time: shown once, in the user's language, for that line.
    let due = s
        .run_delivery_pass(t(2026, 3, 1, 9, 0, 0), Tz::UTC, false, Lang::ZhCn)
        .unwrap();
    assert_eq!(due.show.len(), 1);
    assert_eq!(due.show[0].line_id.as_deref(), Some(id.as_str()));
    assert!(
        due.show[0].title.contains("Travel") && due.show[0].title.contains('7'),
        "{:?}",
        due.show[0]
    );
    assert!(due.show[0].body.contains("+44 7911 123456"));

    let again = s
        .run_delivery_pass(t(2026, 3, 1, 9, 0, 5), Tz::UTC, false, Lang::En)
        .unwrap();
    assert!(again.show.is_empty());
    drop(s);

    // A restart re-reads the record: not shown twice, even when catching up.
    let mut s = Store::open(&path).unwrap();
    let restarted = s
        .run_delivery_pass(t(2026, 3, 1, 10, 0, 0), Tz::UTC, true, Lang::En)
        .unwrap();
    assert!(restarted.show.is_empty(), "{:?}", restarted.show);
    assert_eq!(s.delivered_count().unwrap(), 1);
}

#[test]
fn what_was_missed_while_closed_is_one_summary() {
    let mut s = Store::open_in_memory().unwrap();
    utc_policy(&mut s, vec![3, 1]);
    line_expiring(
        &mut s,
        "07911 123456",
        "A",
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
    );
    line_expiring(
        &mut s,
        "07911 123457",
        "B",
        NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(),
    );
    s.run_delivery_pass(t(2026, 3, 1, 0, 0, 0), Tz::UTC, true, Lang::En)
        .unwrap();

    // Closed from 1 Mar until 10 Mar 08:00: A's 3- and 1-day leads (7 and 9 Mar) and B's
    // 3-day lead (8 Mar) were missed; B's 1-day lead is at 09:00, still ahead.
    let back = s
        .run_delivery_pass(t(2026, 3, 10, 8, 0, 0), Tz::UTC, true, Lang::En)
        .unwrap();
    assert_eq!(back.show.len(), 1, "{:?}", back.show);
    assert_eq!(back.show[0].line_id, None);
    assert!(back.show[0].title.contains('3'), "{}", back.show[0].title);
    assert_eq!(back.delivered.len(), 3);
    assert_eq!(back.next_wakeup, Some(t(2026, 3, 10, 9, 0, 0)));
}

#[test]
fn muted_lines_and_renewals_change_the_plan() {
    let mut s = Store::open_in_memory().unwrap();
    utc_policy(&mut s, vec![7]);
    let id = line_expiring(
        &mut s,
        "07911 123456",
        "A",
        NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
    );
    let muted = LineReminderOverrides {
        muted: true,
        ..Default::default()
    };
    s.set_line_reminder(&id, &muted).unwrap();
    let pass = s
        .run_delivery_pass(t(2026, 2, 1, 0, 0, 0), Tz::UTC, true, Lang::En)
        .unwrap();
    assert_eq!(pass.next_wakeup, None);
    s.set_line_reminder(&id, &LineReminderOverrides::default())
        .unwrap();
    let pass = s
        .run_delivery_pass(t(2026, 2, 1, 0, 0, 1), Tz::UTC, false, Lang::En)
        .unwrap();
    assert_eq!(pass.next_wakeup, Some(t(2026, 3, 1, 9, 0, 0)));

    let bad = LineReminderOverrides {
        leads_days: Some(vec![400]),
        ..Default::default()
    };
    let e = s.set_line_reminder(&id, &bad).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::OutOfRange, Some(Field::Leads))
    );
    let e = s
        .set_reminder_policy(&ReminderPolicy {
            leads_days: (0..20).collect(),
            ..ReminderPolicy::default()
        })
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::TooMany, Some(Field::Leads))
    );
}
