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

#[test]
fn a_line_page_is_told_whether_it_is_snoozed_and_whether_the_nag_runs() {
    let mut s = Store::open_in_memory().unwrap();
    utc_policy(&mut s, vec![7, 1]);
    // Expired on 1 Mar.
    let id = line_expiring(
        &mut s,
        "+44 7911 123456",
        "A",
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    );
    // A month of grace, so it is overdue (not yet lost) on 3 Mar.
    let rule = RuleSpec {
        rule: KeepAliveRule::FixedExpiry {
            expires_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        },
        grace: Some(crate::rules::Grace::months(
            1,
            crate::rules::GraceMode::Restricted,
        )),
        zone: "UTC".into(),
    };
    s.set_line_rule(&id, Some(&rule), t(2026, 1, 1, 0, 0, 0))
        .unwrap();
    let now = t(2026, 3, 3, 12, 0, 0);
    let state = s.line_reminder_state(&id, now, Tz::UTC).unwrap();
    assert_eq!(state.leads_days, vec![7, 1]);
    assert_eq!(state.default_leads_days, vec![7, 1]);
    assert_eq!(state.nag, crate::reminders::NagState::Active);
    assert_eq!(state.snoozed_until, None);
    assert_eq!(
        state.snooze_from,
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
    );
    assert_eq!(
        state.snooze_to,
        NaiveDate::from_ymd_opt(2027, 3, 3).unwrap()
    );

    // Dismissed for this deadline; a snooze that has passed is not in force.
    let act_by = s
        .line_summary(&id, &s.eval_context(now, Tz::UTC).unwrap())
        .unwrap()
        .act_by;
    s.set_line_reminder(
        &id,
        &LineReminderOverrides {
            leads_days: Some(vec![3, 3, 30]),
            muted: false,
            snoozed_until: Some(t(2026, 3, 2, 9, 0, 0)),
            nag_dismissed_for: act_by,
        },
    )
    .unwrap();
    let state = s.line_reminder_state(&id, now, Tz::UTC).unwrap();
    assert_eq!(state.nag, crate::reminders::NagState::Dismissed);
    assert_eq!(state.snoozed_until, None);
    assert_eq!(state.leads_days, vec![30, 3]);
    let later = s
        .line_reminder_state(&id, t(2026, 3, 1, 12, 0, 0), Tz::UTC)
        .unwrap();
    assert_eq!(later.snoozed_until, Some(t(2026, 3, 2, 9, 0, 0)));
    assert_eq!(
        later.nag,
        crate::reminders::NagState::Off,
        "not overdue yet"
    );

    // The daily reminder off in the settings: no nag to stop.
    s.set_reminder_policy(&ReminderPolicy {
        nag_daily: false,
        user_zone: Tz::UTC,
        ..ReminderPolicy::default()
    })
    .unwrap();
    let state = s.line_reminder_state(&id, now, Tz::UTC).unwrap();
    assert_eq!(state.nag, crate::reminders::NagState::Off);
    assert_eq!(state.leads_days, vec![30, 3], "its own leads stay");
    assert_eq!(state.default_leads_days, vec![30, 7, 3, 1, 0]);
}

#[test]
fn snoozing_until_a_date_accepts_tomorrow_to_a_year_ahead_in_the_users_zone() {
    use crate::planner::SnoozeChoice;
    use crate::reminders::snooze_end;
    let policy = ReminderPolicy {
        user_zone: chrono_tz::Asia::Hong_Kong,
        ..ReminderPolicy::default()
    };
    // 20:00 UTC on 3 Mar is 04:00 on 4 Mar in Hong Kong: "tomorrow" is 5 Mar there.
    let now = t(2026, 3, 3, 20, 0, 0);
    let until = |d: u32, m: u32, y: i32| SnoozeChoice::Until {
        date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
    };
    let err = snooze_end(until(4, 3, 2026), &policy, now).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::OutOfRange, Some(Field::Snooze))
    );
    assert_eq!(
        snooze_end(until(5, 3, 2026), &policy, now).unwrap(),
        t(2026, 3, 5, 1, 0, 0)
    );
    assert!(snooze_end(until(4, 3, 2027), &policy, now).is_ok());
    assert!(snooze_end(until(5, 3, 2027), &policy, now).is_err());
    assert!(snooze_end(SnoozeChoice::OneDay, &policy, now).is_ok());
}

#[test]
fn quiet_hours_that_start_when_they_end_are_saved_as_none() {
    use crate::planner::QuietHours;
    let mut s = Store::open_in_memory().unwrap();
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let saved = s
        .set_reminder_policy(&ReminderPolicy {
            quiet_hours: Some(QuietHours {
                start: nine,
                end: nine,
            }),
            ..ReminderPolicy::default()
        })
        .unwrap();
    assert_eq!(saved.quiet_hours, None);
    assert_eq!(s.reminder_policy(Tz::UTC).unwrap().quiet_hours, None);
    let saved = s
        .set_reminder_policy(&ReminderPolicy {
            quiet_hours: Some(QuietHours::suggested()),
            ..ReminderPolicy::default()
        })
        .unwrap();
    assert_eq!(saved.quiet_hours, Some(QuietHours::suggested()));
}
