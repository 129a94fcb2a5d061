//! Bad input at the store's edges: instants beyond what the store, JSON and the UI can hold,
//! and a failing write that must change nothing.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::line::{LineInput, SimKind};
use crate::planner::LineReminderOverrides;
use crate::rules::{BasisKind, Grace, GraceMode, KeepAliveRule, RuleSpec, Status};
use crate::summary::EvalContext;
use crate::{ErrorCode, Field};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap()
}

fn line(s: &mut Store, number: &str) -> String {
    s.create_line(
        &LineInput {
            number: number.into(),
            label: "x".into(),
            country: "GB".into(),
            carrier: String::new(),
            carrier_id: None,
            sim_kind: SimKind::Esim,
            iccid: None,
            tags: vec![],
            notes: String::new(),
        },
        now(),
    )
    .unwrap()
    .id
}

fn expiring(s: &mut Store, id: &str, date: NaiveDate, zone: &str, grace: Option<Grace>) {
    let rule = RuleSpec {
        rule: KeepAliveRule::FixedExpiry { expires_on: date },
        grace,
        zone: zone.into(),
    };
    s.set_line_rule(id, Some(&rule), now()).unwrap();
}

fn ctx() -> EvalContext {
    EvalContext {
        now: now(),
        user_zone: Tz::UTC,
        due_soon_days: 30,
    }
}

#[test]
fn a_snooze_beyond_year_9999_is_refused_and_changes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let a = line(&mut s, "07911 123451");
    let b = line(&mut s, "07911 123452");
    let before = LineReminderOverrides {
        leads_days: Some(vec![3]),
        muted: false,
        snoozed_until: Some(now() + Duration::days(1)),
        nag_dismissed_for: None,
    };
    s.set_line_reminder(&a, &before).unwrap();
    let far = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
    let e = s
        .set_line_reminder(
            &a,
            &LineReminderOverrides {
                snoozed_until: Some(far),
                muted: true,
                ..before.clone()
            },
        )
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::OutOfRange, Some(Field::Snooze))
    );
    assert_eq!(s.line_reminder(&a).unwrap(), before);
    let e = s
        .set_line_reminder(
            &b,
            &LineReminderOverrides {
                nag_dismissed_for: Some(far),
                ..LineReminderOverrides::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::OutOfRange);
    // Every line still plans.
    let (_, lines) = s.planning_input(now(), Tz::UTC).unwrap();
    assert_eq!(lines.len(), 2);
}

#[test]
fn a_row_written_by_the_old_bug_no_longer_stops_every_lines_planning() {
    let mut s = Store::open_in_memory().unwrap();
    let a = line(&mut s, "07911 123451");
    line(&mut s, "07911 123452");
    // What an older version wrote for a snooze past 9999 before it failed.
    s.conn
        .execute(
            "INSERT INTO line_reminder (line_id, muted, snoozed_until) VALUES (?1, 0, ?2)",
            rusqlite::params![a, "+10000-01-01T00:00:00.000Z"],
        )
        .unwrap();
    let (_, lines) = s.planning_input(now(), Tz::UTC).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(s.line_reminder(&a).unwrap().snoozed_until, None);
    // And a new valid write replaces it.
    let o = LineReminderOverrides {
        snoozed_until: Some(now() + Duration::days(1)),
        ..LineReminderOverrides::default()
    };
    assert_eq!(s.set_line_reminder(&a, &o).unwrap(), o);
}

#[test]
fn deadlines_past_year_9999_are_out_of_range_not_instants() {
    let mut s = Store::open_in_memory().unwrap();
    let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    // West of UTC, 23:59:59 local on 31 Dec 9999 is in year 10000 UTC.
    let west = line(&mut s, "07911 123451");
    expiring(&mut s, &west, last_day, "America/Los_Angeles", None);
    // A grace period past the end of 9999.
    let grace = line(&mut s, "07911 123452");
    expiring(
        &mut s,
        &grace,
        NaiveDate::from_ymd_opt(9999, 11, 1).unwrap(),
        "Europe/London",
        Some(Grace::months(3, GraceMode::Restricted)),
    );
    // East of UTC the last day still fits.
    let east = line(&mut s, "07911 123453");
    expiring(&mut s, &east, last_day, "Asia/Tokyo", None);

    for id in [&west, &grace] {
        let sum = s.line_summary(id, &ctx()).unwrap();
        assert_eq!(sum.status, Status::Unknown);
        assert_eq!((sum.act_by, sum.lost_at), (None, None));
        let eval = sum.evaluation.unwrap();
        assert_eq!(eval.basis.kind, BasisKind::OutOfRange);
        let text = sum.explanation.unwrap();
        assert!(text.en.contains("9999"), "{}", text.en);
        assert!(text.zh_cn.contains("9999"), "{}", text.zh_cn);
    }
    let sum = s.line_summary(&east, &ctx()).unwrap();
    assert!(crate::instant::in_range(sum.act_by.unwrap()));
    // Dismissing the nag of any of them, and planning, work.
    for id in [&west, &grace, &east] {
        let act_by = s.line_summary(id, &ctx()).unwrap().act_by;
        let o = LineReminderOverrides {
            nag_dismissed_for: act_by,
            ..LineReminderOverrides::default()
        };
        s.set_line_reminder(id, &o).unwrap();
    }
    let (policy, lines) = s.planning_input(now(), Tz::UTC).unwrap();
    let plan = crate::planner::plan(&lines, &policy, now(), 1000);
    assert!(plan.iter().all(|r| crate::instant::in_range(r.at)));
    // The summaries serialize to JSON the UI can read.
    let json =
        serde_json::to_string(&s.line_summaries(&Default::default(), &ctx()).unwrap()).unwrap();
    assert!(!json.contains("+10000"));
}
