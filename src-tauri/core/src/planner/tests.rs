#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cloned_ref_to_slice_refs
)]

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::plan::reminder_key;
use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn policy(zone: Tz) -> ReminderPolicy {
    ReminderPolicy {
        user_zone: zone,
        ..ReminderPolicy::default()
    }
}

fn line(id: &str, act_by: &str, lost_at: Option<&str>) -> PlanLine {
    PlanLine {
        line_id: id.to_owned(),
        label: "Smart main".to_owned(),
        display_number: "+63 912 345 6789".to_owned(),
        act_by: Some(utc(act_by)),
        lost_at: lost_at.map(utc),
        renewed_at: None,
        balance: None,
        overrides: LineReminderOverrides::default(),
        one_offs: Vec::new(),
    }
}

fn kinds(plan: &[PlannedReminder]) -> Vec<ReminderKind> {
    plan.iter().map(|r| r.kind).collect()
}

/// Without the daily nags.
fn pre(plan: &[PlannedReminder]) -> Vec<ReminderKind> {
    plan.iter()
        .map(|r| r.kind)
        .filter(|k| *k != ReminderKind::OverdueNag)
        .collect()
}

fn ats(plan: &[PlannedReminder]) -> Vec<DateTime<Utc>> {
    plan.iter().map(|r| r.at).collect()
}

const MANILA: Tz = chrono_tz::Asia::Manila;
// 30 Aug 2025, 23:59:59 in Manila.
const ACT_BY: &str = "2025-08-30T23:59:59+08:00";

#[test]
fn leads_fire_at_time_of_day_on_the_local_date_before_act_by() {
    let p = plan(
        &[line("a", ACT_BY, None)],
        &policy(MANILA),
        utc("2025-07-01T00:00:00Z"),
        64,
    );
    assert_eq!(
        kinds(&p),
        vec![
            ReminderKind::Lead { days: 30 },
            ReminderKind::Lead { days: 7 },
            ReminderKind::Lead { days: 3 },
            ReminderKind::Lead { days: 1 },
            ReminderKind::DueToday,
        ]
    );
    assert_eq!(
        ats(&p),
        vec![
            utc("2025-07-31T09:00:00+08:00"),
            utc("2025-08-23T09:00:00+08:00"),
            utc("2025-08-27T09:00:00+08:00"),
            utc("2025-08-29T09:00:00+08:00"),
            utc("2025-08-30T09:00:00+08:00"),
        ]
    );
    assert_eq!(
        p[2].message,
        Message::Lead {
            label: "Smart main".into(),
            number: "+63 912 345 6789".into(),
            days: 3,
            act_by: NaiveDate::from_ymd_opt(2025, 8, 30)
                .unwrap()
                .and_hms_opt(23, 59, 59)
                .unwrap(),
        }
    );
}

#[test]
fn only_future_reminders_are_planned() {
    let p = plan(
        &[line("a", ACT_BY, None)],
        &policy(MANILA),
        utc("2025-08-27T09:00:00+08:00"),
        64,
    );
    // Lead 3 fires exactly at now: not planned (at > now only).
    assert_eq!(
        pre(&p),
        vec![ReminderKind::Lead { days: 1 }, ReminderKind::DueToday]
    );
}

#[test]
fn due_today_never_fires_after_act_by() {
    // act_by 08:00 local, time of day 09:00: due today fires at act_by - 1 h.
    let p = plan(
        &[line("a", "2025-08-30T08:00:00+08:00", None)],
        &policy(MANILA),
        utc("2025-08-29T12:00:00Z"),
        64,
    );
    assert_eq!(p[0].kind, ReminderKind::DueToday);
    assert_eq!(p[0].at, utc("2025-08-30T07:00:00+08:00"));
}

#[test]
fn leads_squeezed_onto_one_instant_keep_the_most_urgent() {
    // act_by 00:30, time of day 23:45: lead 1 and due today both clamp to 23:30 the day before.
    let mut pol = policy(MANILA);
    pol.time_of_day = hm(23, 45);
    pol.leads_days = vec![1, 0];
    let p = plan(
        &[line("a", "2025-08-30T00:30:00+08:00", None)],
        &pol,
        utc("2025-08-20T00:00:00Z"),
        64,
    );
    let pre: Vec<_> = p
        .iter()
        .filter(|r| r.kind != ReminderKind::OverdueNag)
        .collect();
    assert_eq!(pre.len(), 1);
    assert_eq!(pre[0].kind, ReminderKind::DueToday);
    assert_eq!(pre[0].at, utc("2025-08-29T23:30:00+08:00"));
}

#[test]
fn overdue_nag_daily_until_lost_and_about_to_be_lost_the_day_before() {
    let l = line("a", ACT_BY, Some("2025-09-09T23:59:59+08:00"));
    let now = utc("2025-08-31T00:30:00+08:00");
    let p = plan(&[l.clone()], &policy(MANILA), now, 64);
    let nags: Vec<_> = p
        .iter()
        .filter(|r| r.kind == ReminderKind::OverdueNag)
        .collect();
    // 31 Aug .. 7 Sep, and 9 Sep (8 Sep is the "about to be lost" day).
    assert_eq!(nags.len(), 9);
    assert_eq!(nags[0].at, utc("2025-08-31T09:00:00+08:00"));
    assert_eq!(nags[7].at, utc("2025-09-07T09:00:00+08:00"));
    assert_eq!(nags[8].at, utc("2025-09-09T09:00:00+08:00"));
    let atbl: Vec<_> = p
        .iter()
        .filter(|r| r.kind == ReminderKind::AboutToBeLost)
        .collect();
    assert_eq!(atbl.len(), 1);
    assert_eq!(atbl[0].at, utc("2025-09-08T09:00:00+08:00"));
    assert!(p.iter().all(|r| r.at < l.lost_at.unwrap()));
}

#[test]
fn nag_stops_when_dismissed_or_disabled_but_about_to_be_lost_stays() {
    let mut l = line("a", ACT_BY, Some("2025-09-09T23:59:59+08:00"));
    let now = utc("2025-08-31T00:30:00+08:00");
    l.overrides.nag_dismissed_for = Some(l.act_by.unwrap());
    let p = plan(&[l.clone()], &policy(MANILA), now, 64);
    assert_eq!(kinds(&p), vec![ReminderKind::AboutToBeLost]);
    assert_eq!(p[0].at, utc("2025-09-08T09:00:00+08:00"));

    // Dismissed for an older act_by: the nag runs again for the new one.
    l.overrides.nag_dismissed_for = Some(utc("2025-01-01T00:00:00Z"));
    assert!(
        kinds(&plan(&[l.clone()], &policy(MANILA), now, 64)).contains(&ReminderKind::OverdueNag)
    );

    l.overrides.nag_dismissed_for = None;
    let mut pol = policy(MANILA);
    pol.nag_daily = false;
    assert_eq!(
        kinds(&plan(&[l], &pol, now, 64)),
        vec![ReminderKind::AboutToBeLost]
    );
}

#[test]
fn nag_is_bounded_by_horizon_and_without_lost_at_by_thirty_days() {
    let now = utc("2025-08-31T00:30:00+08:00");
    let long = line("a", ACT_BY, Some("2026-08-30T23:59:59+08:00"));
    let p = plan(&[long], &policy(MANILA), now, 500);
    let nags = p
        .iter()
        .filter(|r| r.kind == ReminderKind::OverdueNag)
        .count();
    assert_eq!(nags as i64, PERIODIC_HORIZON_DAYS);
    assert!(p
        .iter()
        .filter(|r| r.kind == ReminderKind::OverdueNag)
        .all(|r| r.at <= now + Duration::days(PERIODIC_HORIZON_DAYS)));

    let unknown = line("b", ACT_BY, None);
    let p = plan(&[unknown], &policy(MANILA), now, 500);
    assert_eq!(p.len() as i64, NAG_DAYS_WITHOUT_LOST_AT);
    assert!(p.iter().all(|r| r.kind == ReminderKind::OverdueNag));
}

#[test]
fn about_to_be_lost_with_a_one_day_grace_fires_after_act_by() {
    let l = line("a", ACT_BY, Some("2025-08-31T23:59:59+08:00"));
    let p = plan(&[l], &policy(MANILA), utc("2025-08-30T18:00:00+08:00"), 64);
    // The day before lost_at is act_by's day (09:00 is before act_by): first 09:00 after act_by.
    assert_eq!(kinds(&p), vec![ReminderKind::AboutToBeLost]);
    assert_eq!(p[0].at, utc("2025-08-31T09:00:00+08:00"));
}

#[test]
fn lost_lines_plan_nothing() {
    let l = line("a", ACT_BY, Some("2025-09-09T23:59:59+08:00"));
    assert!(plan(&[l], &policy(MANILA), utc("2025-09-10T00:00:00Z"), 64).is_empty());
}

#[test]
fn quiet_hours_move_reminders_to_their_end() {
    let mut pol = policy(MANILA);
    pol.leads_days = vec![3];
    pol.nag_daily = false;
    let now = utc("2025-08-01T00:00:00Z");
    let l = line("a", ACT_BY, None);

    // Crossing midnight, reminder in the morning part: same day at the end.
    pol.time_of_day = hm(7, 0);
    pol.quiet_hours = Some(QuietHours {
        start: hm(22, 0),
        end: hm(8, 0),
    });
    assert_eq!(
        plan(&[l.clone()], &pol, now, 64)[0].at,
        utc("2025-08-27T08:00:00+08:00")
    );

    // Crossing midnight, reminder in the evening part: next day at the end.
    pol.time_of_day = hm(23, 0);
    assert_eq!(
        plan(&[l.clone()], &pol, now, 64)[0].at,
        utc("2025-08-28T08:00:00+08:00")
    );

    // Not crossing midnight.
    pol.time_of_day = hm(13, 0);
    pol.quiet_hours = Some(QuietHours {
        start: hm(12, 0),
        end: hm(14, 0),
    });
    assert_eq!(
        plan(&[l.clone()], &pol, now, 64)[0].at,
        utc("2025-08-27T14:00:00+08:00")
    );

    // The end itself is not quiet; start == end means no quiet hours.
    pol.time_of_day = hm(14, 0);
    assert_eq!(
        plan(&[l.clone()], &pol, now, 64)[0].at,
        utc("2025-08-27T14:00:00+08:00")
    );
    pol.time_of_day = hm(12, 0);
    pol.quiet_hours = Some(QuietHours {
        start: hm(12, 0),
        end: hm(12, 0),
    });
    assert_eq!(
        plan(&[l], &pol, now, 64)[0].at,
        utc("2025-08-27T12:00:00+08:00")
    );
}

#[test]
fn quiet_hours_past_the_deadline_pull_the_reminder_before_they_begin() {
    // act_by 07:59:59 local (a London carrier's midnight seen from Manila), quiet 22:00-08:00.
    let mut pol = policy(MANILA);
    pol.leads_days = vec![0];
    pol.nag_daily = false;
    pol.quiet_hours = Some(QuietHours {
        start: hm(22, 0),
        end: hm(8, 0),
    });
    let l = line("a", "2025-08-30T07:59:59+08:00", None);
    let p = plan(&[l], &pol, utc("2025-08-01T00:00:00Z"), 64);
    assert_eq!(kinds(&p), vec![ReminderKind::DueToday]);
    assert_eq!(p[0].at, utc("2025-08-29T21:59:00+08:00"));
}

#[test]
fn dst_gap_and_overlap_in_london() {
    let london = chrono_tz::Europe::London;
    let mut pol = policy(london);
    pol.leads_days = vec![1];
    pol.nag_daily = false;
    pol.time_of_day = hm(1, 30);
    // Gap: 30 Mar 2025 01:00 GMT -> 02:00 BST. 01:30 does not exist: 02:00 BST = 01:00Z.
    let l = line("a", "2025-03-31T23:59:59+01:00", None);
    let p = plan(&[l], &pol, utc("2025-03-01T00:00:00Z"), 64);
    assert_eq!(p[0].at, utc("2025-03-30T01:00:00Z"));
    // Overlap: 26 Oct 2025 01:30 happens twice: the earlier, 01:30 BST = 00:30Z.
    let l = line("b", "2025-10-27T23:59:59Z", None);
    let p = plan(&[l], &pol, utc("2025-10-01T00:00:00Z"), 64);
    assert_eq!(p[0].at, utc("2025-10-26T00:30:00Z"));
}

#[test]
fn dst_gap_and_overlap_in_new_york() {
    let ny = chrono_tz::America::New_York;
    let mut pol = policy(ny);
    pol.leads_days = vec![1];
    pol.nag_daily = false;
    pol.time_of_day = hm(2, 30);
    // Gap: 9 Mar 2025 02:00 EST -> 03:00 EDT. 02:30 => 03:00 EDT = 07:00Z.
    let l = line("a", "2025-03-10T23:59:59-04:00", None);
    let p = plan(&[l], &pol, utc("2025-03-01T00:00:00Z"), 64);
    assert_eq!(p[0].at, utc("2025-03-09T07:00:00Z"));
    // Overlap: 2 Nov 2025 01:30 twice: the earlier, 01:30 EDT = 05:30Z.
    pol.time_of_day = hm(1, 30);
    let l = line("b", "2025-11-03T23:59:59-05:00", None);
    let p = plan(&[l], &pol, utc("2025-10-01T00:00:00Z"), 64);
    assert_eq!(p[0].at, utc("2025-11-02T05:30:00Z"));
}

#[test]
fn quiet_hours_ending_inside_a_dst_gap() {
    // Quiet 23:00-02:30 in New York; on 9 Mar 2025 02:30 does not exist: end is 03:00 EDT.
    let ny = chrono_tz::America::New_York;
    let mut pol = policy(ny);
    pol.leads_days = vec![1];
    pol.nag_daily = false;
    pol.time_of_day = hm(1, 0);
    pol.quiet_hours = Some(QuietHours {
        start: hm(23, 0),
        end: hm(2, 30),
    });
    let l = line("a", "2025-03-10T23:59:59-04:00", None);
    let p = plan(&[l], &pol, utc("2025-03-01T00:00:00Z"), 64);
    assert_eq!(p[0].at, utc("2025-03-09T07:00:00Z"));
}

#[test]
fn snooze_drops_earlier_reminders_and_places_one_at_its_end() {
    let mut l = line("a", ACT_BY, None);
    // Lead 3 fired on 27 Aug 09:00; snoozed for a day at 09:05.
    let snoozed_at = utc("2025-08-27T09:05:00+08:00");
    l.overrides.snoozed_until = Some(snooze_until(
        SnoozeChoice::OneDay,
        &policy(MANILA),
        snoozed_at,
    ));
    let now = utc("2025-08-27T09:06:00+08:00");
    let p = plan(&[l.clone()], &policy(MANILA), now, 64);
    assert_eq!(
        pre(&p),
        vec![
            ReminderKind::Lead { days: 2 },
            ReminderKind::Lead { days: 1 },
            ReminderKind::DueToday
        ]
    );
    assert_eq!(p[0].at, utc("2025-08-28T09:05:00+08:00"));

    // Snoozed over lead 1: lead 1 is dropped, one reminder at the end.
    l.overrides.snoozed_until = Some(utc("2025-08-29T12:00:00+08:00"));
    let p = plan(&[l.clone()], &policy(MANILA), now, 64);
    assert_eq!(
        pre(&p),
        vec![ReminderKind::Lead { days: 1 }, ReminderKind::DueToday]
    );
    assert_eq!(p[0].at, utc("2025-08-29T12:00:00+08:00"));
    assert_ne!(
        p[0].id,
        plan(&[line("a", ACT_BY, None)], &policy(MANILA), now, 64)[0].id
    );

    // Snoozed past act_by: the snoozed reminder is the overdue nag; earlier ones dropped.
    l.overrides.snoozed_until = Some(utc("2025-08-31T10:00:00+08:00"));
    let p = plan(&[l.clone()], &policy(MANILA), now, 64);
    assert_eq!(p[0].kind, ReminderKind::OverdueNag);
    assert!(p.iter().all(|r| r.at >= utc("2025-08-31T10:00:00+08:00")));
    // The regular 31 Aug 09:00 nag is before the snooze's end: only the snoozed one that day.
    assert_eq!(p[0].at, utc("2025-08-31T10:00:00+08:00"));

    // An expired snooze changes nothing.
    l.overrides.snoozed_until = Some(utc("2025-08-01T00:00:00Z"));
    assert_eq!(
        plan(&[l], &policy(MANILA), now, 64),
        plan(&[line("a", ACT_BY, None)], &policy(MANILA), now, 64)
    );
}

#[test]
fn snooze_end_in_quiet_hours_moves_to_their_end() {
    let mut pol = policy(MANILA);
    pol.quiet_hours = Some(QuietHours {
        start: hm(22, 0),
        end: hm(8, 0),
    });
    let mut l = line("a", ACT_BY, None);
    l.overrides.snoozed_until = Some(utc("2025-08-27T23:00:00+08:00"));
    let p = plan(&[l], &pol, utc("2025-08-27T09:06:00+08:00"), 64);
    assert_eq!(p[0].at, utc("2025-08-28T08:00:00+08:00"));
    assert_eq!(p[0].kind, ReminderKind::Lead { days: 3 });
}

#[test]
fn snooze_choices() {
    let pol = policy(MANILA);
    let now = utc("2025-08-27T09:05:00.250+08:00");
    assert_eq!(
        snooze_until(SnoozeChoice::OneDay, &pol, now),
        utc("2025-08-28T09:05:01+08:00")
    );
    assert_eq!(
        snooze_until(SnoozeChoice::ThreeDays, &pol, now),
        utc("2025-08-30T09:05:01+08:00")
    );
    let date = NaiveDate::from_ymd_opt(2025, 9, 2).unwrap();
    assert_eq!(
        snooze_until(SnoozeChoice::Until { date }, &pol, now),
        utc("2025-09-02T09:00:00+08:00")
    );
}

#[test]
fn muted_lines_plan_nothing() {
    let mut l = line("a", ACT_BY, None);
    l.overrides.muted = true;
    l.balance = Some(BalanceInfo {
        low: true,
        checked_at: None,
    });
    let mut pol = policy(MANILA);
    pol.balance_check_every_days = Some(7);
    assert!(plan(&[l], &pol, utc("2025-08-01T00:00:00Z"), 64).is_empty());
}

#[test]
fn per_line_leads_replace_the_global_ones() {
    let mut l = line("a", ACT_BY, None);
    l.overrides.leads_days = Some(vec![5, 5, 14]);
    let p = plan(&[l], &policy(MANILA), utc("2025-08-01T00:00:00Z"), 64);
    assert_eq!(
        pre(&p),
        vec![
            ReminderKind::Lead { days: 14 },
            ReminderKind::Lead { days: 5 }
        ]
    );
}

#[test]
fn low_balance_fires_once_at_the_next_time_of_day() {
    let mut l = line("a", ACT_BY, None);
    l.act_by = None;
    l.balance = Some(BalanceInfo {
        low: true,
        checked_at: Some(utc("2025-08-10T10:00:00+08:00")),
    });
    let p = plan(
        &[l.clone()],
        &policy(MANILA),
        utc("2025-08-10T10:00:01+08:00"),
        64,
    );
    assert_eq!(kinds(&p), vec![ReminderKind::LowBalance]);
    assert_eq!(p[0].at, utc("2025-08-11T09:00:00+08:00"));
    assert!(matches!(p[0].message, Message::LowBalance { .. }));
    // Once it has fired, it is not planned again.
    assert!(plan(
        &[l.clone()],
        &policy(MANILA),
        utc("2025-08-11T09:00:00+08:00"),
        64
    )
    .is_empty());
    // Not low: nothing.
    l.balance = Some(BalanceInfo {
        low: false,
        checked_at: None,
    });
    assert!(plan(&[l], &policy(MANILA), utc("2025-08-10T10:00:01+08:00"), 64).is_empty());
}

#[test]
fn balance_check_every_n_days_since_the_last_check() {
    let mut l = line("a", ACT_BY, None);
    l.act_by = None;
    l.balance = Some(BalanceInfo {
        low: false,
        checked_at: Some(utc("2025-08-10T20:00:00+08:00")),
    });
    let mut pol = policy(MANILA);
    pol.balance_check_every_days = Some(7);
    let now = utc("2025-08-11T00:00:00+08:00");
    let p = plan(&[l.clone()], &pol, now, 64);
    assert!(p.iter().all(|r| r.kind == ReminderKind::BalanceCheck));
    assert_eq!(p[0].at, utc("2025-08-17T09:00:00+08:00"));
    assert_eq!(p[1].at, utc("2025-08-24T09:00:00+08:00"));
    // 17 Aug + 7k up to 60 days after now (10 Oct): 17, 24, 31 Aug, 7, 14, 21, 28 Sep, 5 Oct.
    assert_eq!(p.len(), 8);

    // No check logged: stable dates (day number since 1970-01-01 divisible by N).
    l.balance = None;
    let p = plan(&[l.clone()], &pol, now, 64);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    for r in &p {
        let d = r.at.with_timezone(&MANILA).date_naive();
        assert_eq!((d - epoch).num_days() % 7, 0);
    }
    assert_eq!(p, plan(&[l], &pol, now + Duration::hours(1), 64));
}

#[test]
fn ids_are_stable_across_runs_and_input_order_and_change_on_renewal() {
    let mut pol = policy(MANILA);
    pol.balance_check_every_days = Some(10);
    let lines = vec![
        line("a", ACT_BY, Some("2025-12-30T23:59:59+08:00")),
        line(
            "b",
            "2025-08-20T23:59:59+08:00",
            Some("2025-09-20T23:59:59+08:00"),
        ),
        line("c", "2025-10-01T23:59:59+08:00", None),
    ];
    let now = utc("2025-08-25T00:00:00Z");
    let p1 = plan(&lines, &pol, now, 500);
    let reversed: Vec<_> = lines.iter().rev().cloned().collect();
    assert_eq!(p1, plan(&reversed, &pol, now, 500));
    assert_eq!(p1, plan(&lines, &pol, now, 500));
    let ids: HashSet<i32> = p1.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), p1.len());
    assert!(p1.iter().all(|r| r.id > 0));

    // Moving now forward keeps the ids of what is still planned.
    let later = plan(&lines, &pol, now + Duration::days(3), 500);
    let by_key: HashMap<_, _> = p1
        .iter()
        .map(|r| ((r.line_id.clone(), r.at, r.kind), r.id))
        .collect();
    for r in &later {
        if let Some(id) = by_key.get(&(r.line_id.clone(), r.at, r.kind)) {
            assert_eq!(*id, r.id);
        }
    }

    // A renewal (new act_by and renewed_at) replaces every id of that line.
    let mut renewed = lines.clone();
    renewed[0].act_by = Some(utc("2026-08-30T23:59:59+08:00"));
    renewed[0].renewed_at = Some(now);
    let p2 = plan(&renewed, &pol, now, 500);
    let old_a: HashSet<i32> = p1
        .iter()
        .filter(|r| r.line_id == "a")
        .map(|r| r.id)
        .collect();
    assert!(p2
        .iter()
        .filter(|r| r.line_id == "a")
        .all(|r| !old_a.contains(&r.id)));
}

#[test]
fn fnv1a_and_ids_are_the_documented_functions() {
    assert_eq!(fnv1a32(b""), 0x811c_9dc5);
    assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
    assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    assert_eq!(stable_id("a"), 0x640c_292c);
    assert_eq!(next_id(5), 6);
    assert_eq!(next_id(i32::MAX), 1);
}

#[test]
fn colliding_ids_are_probed_deterministically() {
    // Find two line ids whose due-today reminders hash to the same id.
    let act_by = utc(ACT_BY);
    let date = NaiveDate::from_ymd_opt(2025, 8, 30).unwrap();
    let key = |id: &str| reminder_key(id, ReminderKind::DueToday, false, date, Some(act_by), None);
    let mut seen: HashMap<i32, String> = HashMap::new();
    let mut pair = None;
    for i in 0..400_000u32 {
        let id = format!("line-{i}");
        let h = stable_id(&key(&id));
        if let Some(other) = seen.insert(h, id.clone()) {
            pair = Some((other, id, h));
            break;
        }
    }
    let (a, b, h) = pair.expect("a 31-bit collision within 400k keys");
    let mut pol = policy(MANILA);
    pol.leads_days = vec![0];
    pol.nag_daily = false;
    let lines = vec![line(&a, ACT_BY, None), line(&b, ACT_BY, None)];
    let now = utc("2025-08-01T00:00:00Z");
    let p = plan(&lines, &pol, now, 64);
    assert_eq!(p.len(), 2);
    // Probing follows (at, key) order: the smaller key keeps the hash, the other gets +1.
    let (first, second) = if key(&a) < key(&b) {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let id_of = |l: &str| p.iter().find(|r| r.line_id == l).unwrap().id;
    assert_eq!(id_of(first), h);
    assert_eq!(id_of(second), next_id(h));
    let swapped = vec![lines[1].clone(), lines[0].clone()];
    assert_eq!(p, plan(&swapped, &pol, now, 64));
}

#[test]
fn cap_keeps_the_soonest() {
    let lines: Vec<_> = (0..20)
        .map(|i| {
            let mut l = line(&format!("l{i:02}"), ACT_BY, None);
            l.act_by = Some(utc(ACT_BY) + Duration::days(i));
            l
        })
        .collect();
    let now = utc("2025-07-01T00:00:00Z");
    let all = plan(&lines, &policy(MANILA), now, 10_000);
    let five = plan(&lines, &policy(MANILA), now, 5);
    assert_eq!(five.as_slice(), &all[..5]);
    assert!(plan(&lines, &policy(MANILA), now, 0).is_empty());
    assert_eq!(
        window_for_mobile(&all, true).len(),
        IOS_SCHEDULE_MAX.min(all.len())
    );
    assert_eq!(
        window_for_mobile(&all, true),
        &all[..IOS_SCHEDULE_MAX.min(all.len())]
    );
    assert_eq!(
        window_for_mobile(&all, false).len(),
        ANDROID_SCHEDULE_MAX.min(all.len())
    );
    const { assert!(IOS_SCHEDULE_MAX < IOS_PENDING_CAP && ANDROID_SCHEDULE_MAX < ANDROID_ALARM_CAP) };
}

#[test]
fn plan_between_due_next_wakeup_and_catch_up() {
    let lines = vec![
        line("a", ACT_BY, None),
        line("b", "2025-08-28T23:59:59+08:00", None),
    ];
    let pol = policy(MANILA);
    // Closed from 20 Aug to 29 Aug 10:00.
    let closed = utc("2025-08-20T00:00:00Z");
    let reopened = utc("2025-08-29T10:00:00+08:00");
    let missed = plan_between(&lines, &pol, closed, reopened, 500);
    assert!(missed.iter().all(|r| r.at > closed && r.at <= reopened));
    // a: lead 7, 3, 1; b: lead 7? (21 Aug), 3, 1, due today, nag on 29 Aug.
    assert_eq!(missed.len(), 3 + 5);
    // The same reminders have the same ids as when planned ahead of time.
    let ahead = plan(&lines, &pol, closed, 500);
    for r in &missed {
        assert!(ahead.contains(r), "{r:?}");
    }

    let summary = catch_up(&missed).unwrap();
    assert_eq!(summary.count, 8);
    assert_eq!(summary.lines, vec!["a".to_owned(), "b".to_owned()]);
    assert_eq!(catch_up(&[]), None);
    let (title, body) = render(&catch_up_message(&summary), Lang::En);
    assert_eq!(title, "8 reminders while Baohao was closed");
    assert_eq!(body, "2 numbers need attention. Open Baohao to see them.");
    let (title, _) = render(&catch_up_message(&summary), Lang::ZhCn);
    assert_eq!(title, "保号关闭期间有 8 条提醒");

    let mut delivered: HashSet<i32> = missed.iter().take(5).map(|r| r.id).collect();
    let d = due(&ahead, &delivered, reopened);
    assert_eq!(d, missed[5..].to_vec());
    delivered.extend(d.iter().map(|r| r.id));
    assert!(due(&ahead, &delivered, reopened).is_empty());
    assert_eq!(
        next_wakeup(&ahead, reopened),
        Some(utc("2025-08-30T09:00:00+08:00"))
    );
    assert_eq!(next_wakeup(&[], reopened), None);
}

#[test]
fn render_lead_in_both_languages() {
    let p = plan(
        &[line("a", ACT_BY, None)],
        &policy(MANILA),
        utc("2025-08-26T00:00:00Z"),
        64,
    );
    let lead3 = p
        .iter()
        .find(|r| r.kind == ReminderKind::Lead { days: 3 })
        .unwrap();
    assert_eq!(
        render(&lead3.message, Lang::En),
        (
            "Smart main: renew within 3 days".to_owned(),
            "+63 912 345 6789 must be renewed by 30 Aug. Open Baohao to see how.".to_owned()
        )
    );
    assert_eq!(
        render(&lead3.message, Lang::ZhCn),
        (
            "Smart main：3 天内需续费".to_owned(),
            "+63 912 345 6789 需在 8月30日 前续费，打开保号查看续费方式。".to_owned()
        )
    );
    let lead1 = p
        .iter()
        .find(|r| r.kind == ReminderKind::Lead { days: 1 })
        .unwrap();
    assert_eq!(
        render(&lead1.message, Lang::En).0,
        "Smart main: renew within 1 day"
    );
}

#[test]
fn render_every_kind_mentions_label_and_number() {
    let mut l = line(
        "a",
        "2025-08-30T07:59:59+08:00",
        Some("2025-09-09T23:59:59+08:00"),
    );
    l.balance = Some(BalanceInfo {
        low: true,
        checked_at: None,
    });
    let mut pol = policy(MANILA);
    pol.balance_check_every_days = Some(3);
    let mut p = plan(&[l.clone()], &pol, utc("2025-08-01T00:00:00Z"), 500);
    p.extend(plan(&[l], &pol, utc("2025-08-31T00:00:00Z"), 500));
    let mut seen = HashSet::new();
    for r in &p {
        seen.insert(std::mem::discriminant(&r.message));
        for lang in [Lang::En, Lang::ZhCn] {
            let (title, body) = render(&r.message, lang);
            assert!(title.contains("Smart main"), "{title}");
            assert!(body.contains("+63 912 345 6789"), "{body}");
        }
    }
    assert_eq!(seen.len(), 6, "{seen:?}");
    let due = p.iter().find(|r| r.kind == ReminderKind::DueToday).unwrap();
    assert_eq!(
        render(&due.message, Lang::En).1,
        "+63 912 345 6789 must be renewed by 07:59, 30 Aug. Open Baohao to see how."
    );
    let nag = p
        .iter()
        .find(|r| r.kind == ReminderKind::OverdueNag)
        .unwrap();
    assert_eq!(
        render(&nag.message, Lang::ZhCn).1,
        "+63 912 345 6789 的续费期限是 8月30日 07:59。请在 9月9日 前续费以保住号码，打开保号查看续费方式。"
    );
    let lost = p
        .iter()
        .find(|r| r.kind == ReminderKind::AboutToBeLost)
        .unwrap();
    assert_eq!(
        render(&lost.message, Lang::En).1,
        "+63 912 345 6789 will be recycled by the carrier on 9 Sep. Renew now to keep it."
    );
}

#[test]
fn policy_serializes_zone_as_iana_name() {
    let mut pol = policy(chrono_tz::Europe::London);
    pol.quiet_hours = Some(QuietHours {
        start: hm(22, 0),
        end: hm(8, 0),
    });
    let json = serde_json::to_value(&pol).unwrap();
    assert_eq!(json["userZone"], "Europe/London");
    assert_eq!(json["leadsDays"], serde_json::json!([30, 7, 3, 1, 0]));
    assert_eq!(json["timeOfDay"], "09:00:00");
    let back: ReminderPolicy = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, pol);
    let mut bad = json;
    bad["userZone"] = "Mars/Olympus".into();
    assert!(serde_json::from_value::<ReminderPolicy>(bad).is_err());

    let kind = serde_json::to_value(ReminderKind::Lead { days: 3 }).unwrap();
    assert_eq!(kind, serde_json::json!({"type": "lead", "days": 3}));
    assert_eq!(
        serde_json::to_value(ReminderKind::DueToday).unwrap(),
        serde_json::json!({"type": "due_today"})
    );
}

#[test]
fn every_at_is_whole_seconds_even_with_fractional_inputs() {
    let mut l = line(
        "a",
        "2025-08-30T08:00:00.750+08:00",
        Some("2025-09-02T08:00:00.5+08:00"),
    );
    l.overrides.snoozed_until = Some(utc("2025-08-27T10:00:00.1+08:00"));
    let mut pol = policy(MANILA);
    pol.time_of_day = NaiveTime::from_hms_nano_opt(9, 0, 0, 123).unwrap();
    let p = plan(&[l], &pol, utc("2025-08-20T00:00:00.3Z"), 64);
    assert!(!p.is_empty());
    assert!(p.iter().all(|r| r.at.timestamp_subsec_nanos() == 0));
}
