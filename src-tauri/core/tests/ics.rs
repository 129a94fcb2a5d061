//! The calendar export parses back (with the icalendar crate's own parser) into the same
//! events and alarms.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::str::FromStr;

use chrono::Duration;
use chrono_tz::Tz;
use icalendar::{Calendar, Component, DatePerhapsTime};

use baohao_core::ics::lead_trigger;
use baohao_core::rules::{local_date, parse_zone};
use baohao_core::{EvalContext, Lang, Store};
use common::{fill, now};

/// `-P29DT15H`, `PT9H`, `-PT15H` … as a duration (what RFC 5545 allows in a trigger).
fn parse_duration(s: &str) -> Duration {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let s = s.strip_prefix('P').unwrap();
    let mut total = Duration::zero();
    let mut num = String::new();
    for c in s.chars() {
        match c {
            '0'..='9' => num.push(c),
            'T' => {}
            unit => {
                let n: i64 = num.parse().unwrap();
                num.clear();
                total += match unit {
                    'W' => Duration::weeks(n),
                    'D' => Duration::days(n),
                    'H' => Duration::hours(n),
                    'M' => Duration::minutes(n),
                    'S' => Duration::seconds(n),
                    other => panic!("unit {other}"),
                };
            }
        }
    }
    if neg {
        -total
    } else {
        total
    }
}

#[test]
fn the_calendar_parses_back_with_the_same_events_and_alarms() {
    let mut s = Store::open_in_memory().unwrap();
    fill(&mut s);
    let text = s.ics_all(now(), Tz::UTC, Lang::En).unwrap();
    let cal = Calendar::from_str(&text).unwrap();
    let ctx = EvalContext {
        now: now(),
        user_zone: Tz::Asia__Shanghai,
        due_soon_days: 30,
    };
    let summaries = s.line_summaries(&Default::default(), &ctx).unwrap();
    let mut expected = 0;
    for sum in &summaries {
        let Some(act_by) = sum.act_by else { continue };
        let zone = parse_zone(&sum.rule.as_ref().unwrap().zone).unwrap();
        let uid = format!("baohao-{}-act-by", sum.line.id);
        let ev = cal
            .events()
            .find(|e| e.get_uid() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no event {uid} in\n{text}"));
        expected += 1;
        assert!(ev.get_summary().unwrap().contains(&sum.line.label));
        let day = local_date(act_by, zone);
        assert_eq!(ev.get_start(), Some(DatePerhapsTime::Date(day)));
        assert_eq!(
            ev.get_end(),
            Some(DatePerhapsTime::Date(day.succ_opt().unwrap()))
        );
        let overrides = s.line_reminder(&sum.line.id).unwrap();
        let leads = overrides.leads_days.unwrap_or(vec![30, 7, 1]);
        let triggers: Vec<Duration> = ev
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .map(|a| parse_duration(a.property_value("TRIGGER").unwrap()))
            .collect();
        let want: Vec<Duration> = leads.iter().map(|d| lead_trigger(*d, 9 * 3600)).collect();
        assert_eq!(triggers, want, "{uid}");
        if sum.lost_at.unwrap() > act_by {
            let uid = format!("baohao-{}-lost-at", sum.line.id);
            let lost = cal
                .events()
                .find(|e| e.get_uid() == Some(uid.as_str()))
                .unwrap();
            expected += 1;
            assert_eq!(
                lost.get_start(),
                Some(DatePerhapsTime::Date(local_date(
                    sum.lost_at.unwrap(),
                    zone
                )))
            );
            assert_eq!(lost.components().len(), 1);
        }
    }
    assert!(expected >= 2, "{text}");
    assert_eq!(cal.events().count(), expected);
    assert!(text.contains("PRODID:-//Baohao//Baohao deadlines//EN"));
    // The same data gives the same file.
    assert_eq!(s.ics_all(now(), Tz::UTC, Lang::En).unwrap(), text);
    // Lead 7 at 09:00 is 6 days and 15 hours before the day starts.
    assert_eq!(
        lead_trigger(7, 9 * 3600),
        -(Duration::days(6) + Duration::hours(15))
    );
    assert_eq!(lead_trigger(0, 9 * 3600), Duration::hours(9));
}

#[test]
fn one_lines_calendar_in_chinese() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = fill(&mut s);
    let text = s.ics_line(&ids[1], now(), Tz::UTC, Lang::ZhCn).unwrap();
    let cal = Calendar::from_str(&text).unwrap();
    let events: Vec<_> = cal.events().collect();
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e.get_uid().unwrap().contains(&ids[1])));
    assert!(events[0].get_summary().unwrap().starts_with("续费"));
    let e = s.ics_line("nope", now(), Tz::UTC, Lang::En).unwrap_err();
    assert_eq!(e.code(), baohao_core::ErrorCode::NotFound);
}
