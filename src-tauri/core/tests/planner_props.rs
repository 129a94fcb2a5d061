//! Property tests of the reminder planner: caps, order, future-only, whole seconds,
//! idempotence and input-order independence, quiet hours, nothing at/after `lost_at`, no panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use baohao_core::planner::{
    plan, plan_between, BalanceInfo, LineReminderOverrides, OneOffReminder, PlanLine, QuietHours,
    ReminderKind, ReminderPolicy,
};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};
use proptest::prelude::*;

/// 2024-01-01 .. 2025-01-01 (a leap year with DST transitions), plus sub-second noise: close
/// enough together that deadlines, nags, snoozes and balance checks fall around `now`.
const T0: i64 = 1_704_067_200;
const SPAN: i64 = 366 * 86_400;

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0..SPAN, 0u32..1_000_000_000).prop_map(|(s, ns)| Utc.timestamp_opt(T0 + s, ns).unwrap())
}

fn time_of_day() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60, 0u32..60).prop_map(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s).unwrap())
}

fn zone() -> impl Strategy<Value = Tz> {
    prop_oneof![
        Just(chrono_tz::Europe::London),
        Just(chrono_tz::America::New_York),
        Just(chrono_tz::Australia::Lord_Howe),
        Just(chrono_tz::Pacific::Apia),
        (0..TZ_VARIANTS.len()).prop_map(|i| TZ_VARIANTS[i]),
    ]
}

fn policy() -> impl Strategy<Value = ReminderPolicy> {
    (
        prop::collection::vec(0u32..400, 0..6),
        time_of_day(),
        zone(),
        prop::option::of((time_of_day(), time_of_day())),
        any::<bool>(),
        prop::option::of(0u32..40),
    )
        .prop_map(|(leads, tod, zone, quiet, nag, every)| ReminderPolicy {
            leads_days: leads,
            time_of_day: tod,
            user_zone: zone,
            quiet_hours: quiet.map(|(start, end)| QuietHours { start, end }),
            nag_daily: nag,
            balance_check_every_days: every,
        })
}

fn plan_line(i: usize) -> impl Strategy<Value = PlanLine> {
    (
        prop::option::of(instant()),
        prop::option::of(0i64..200 * 86_400),
        prop::option::of(instant()),
        prop::option::of((any::<bool>(), prop::option::of(instant()))),
        prop::option::of(prop::collection::vec(0u32..100, 0..4)),
        prop::bool::weighted(0.1),
        prop::option::of(instant()),
        any::<bool>(),
    )
        .prop_map(
            move |(act_by, grace, renewed_at, balance, leads, muted, snooze, dismissed)| PlanLine {
                line_id: format!("line-{i}"),
                label: format!("Line {i}"),
                display_number: format!("+44 7700 900{i:03}"),
                act_by,
                lost_at: act_by.zip(grace).map(|(a, g)| a + Duration::seconds(g)),
                renewed_at,
                balance: balance.map(|(low, checked_at)| BalanceInfo { low, checked_at }),
                overrides: LineReminderOverrides {
                    leads_days: leads,
                    muted,
                    snoozed_until: snooze,
                    nag_dismissed_for: if dismissed { act_by } else { None },
                },
                // A promotion's remind-me date on the deadline's (UTC) date.
                one_offs: act_by
                    .map(|a| {
                        vec![OneOffReminder {
                            key: format!("promotion:{i}"),
                            on: a.date_naive(),
                            text: "double data".to_owned(),
                        }]
                    })
                    .unwrap_or_default(),
            },
        )
}

fn lines() -> impl Strategy<Value = Vec<PlanLine>> {
    (0usize..6).prop_flat_map(|n| (0..n).map(plan_line).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn plan_invariants(
        lines in lines(),
        policy in policy(),
        now in instant(),
        cap in 0usize..80,
        seed in any::<u64>(),
    ) {
        let p = plan(&lines, &policy, now, cap);
        prop_assert!(p.len() <= cap);
        for w in p.windows(2) {
            prop_assert!((w[0].at, w[0].id) < (w[1].at, w[1].id), "not sorted: {:?}", w);
        }
        let ids: HashSet<i32> = p.iter().map(|r| r.id).collect();
        prop_assert_eq!(ids.len(), p.len());
        for r in &p {
            prop_assert!(r.at > now);
            prop_assert!(r.id > 0);
            prop_assert_eq!(r.at.timestamp_subsec_nanos(), 0);
            if let Some(q) = policy.quiet_hours {
                prop_assert!(!q.contains_instant(r.at, policy.user_zone), "quiet: {:?}", r);
            }
            let line = lines.iter().find(|l| l.line_id == r.line_id).unwrap();
            prop_assert!(!line.overrides.muted);
            if let Some(lost) = line.lost_at {
                prop_assert!(r.at < lost, "after lost_at: {:?}", r);
            }
            // A snooze holds the deadline's reminders, not the user's own one-offs.
            if let (Some(s), false) = (line.overrides.snoozed_until, r.kind == ReminderKind::OneOff) {
                prop_assert!(r.at >= s, "before the snooze ends: {:?}", r);
            }
        }

        // Idempotent, and independent of the order of the lines.
        prop_assert_eq!(&p, &plan(&lines, &policy, now, cap));
        let mut shuffled = lines.clone();
        let n = shuffled.len();
        if n > 1 {
            shuffled.rotate_left((seed % n as u64) as usize);
            shuffled.swap(0, n - 1);
        }
        prop_assert_eq!(&p, &plan(&shuffled, &policy, now, cap));

        // A bigger cap only adds later reminders.
        let more = plan(&lines, &policy, now, cap + 20);
        prop_assert_eq!(&more[..p.len()], &p[..]);
    }

    #[test]
    fn plan_between_matches_plan(
        lines in lines(),
        policy in policy(),
        from in instant(),
        days in 0i64..40,
    ) {
        let to = from + Duration::days(days);
        let between = plan_between(&lines, &policy, from, to, 1000);
        let ahead = plan(&lines, &policy, from, 100_000);
        for r in &between {
            prop_assert!(r.at > from && r.at <= to);
            // What plan_between reports is what plan had scheduled (same id and instant).
            prop_assert!(ahead.contains(r), "{:?} not in the plan", r);
        }
    }
}

/// Any instant chrono can represent, biased towards its ends.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    );
    prop_oneof![
        (min..=max).prop_map(move |s| Utc.timestamp_opt(s, 0).unwrap()),
        (0i64..400 * 86_400).prop_map(move |s| Utc.timestamp_opt(min + s, 0).unwrap()),
        (0i64..400 * 86_400).prop_map(move |s| Utc.timestamp_opt(max - s, 0).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// No panic and the basic invariants for any zone, instant, time of day and lead.
    #[test]
    fn no_panic_at_the_edges(
        act_by in prop::option::of(any_instant()),
        lost_after in prop::option::of(0i64..1_000_000_000),
        checked_at in prop::option::of(any_instant()),
        snooze in prop::option::of(any_instant()),
        leads in prop::collection::vec(any::<u32>(), 0..4),
        every in prop::option::of(any::<u32>()),
        zone in zone(),
        tod in time_of_day(),
        quiet in prop::option::of((time_of_day(), time_of_day())),
        now in any_instant(),
        cap in 0usize..600,
    ) {
        let line = PlanLine {
            line_id: "edge".to_owned(),
            label: "Edge".to_owned(),
            display_number: "+1 555 0100".to_owned(),
            act_by,
            lost_at: act_by.zip(lost_after).and_then(|(a, s)| a.checked_add_signed(Duration::seconds(s))),
            renewed_at: None,
            balance: Some(BalanceInfo { low: true, checked_at }),
            overrides: LineReminderOverrides {
                leads_days: Some(leads),
                muted: false,
                snoozed_until: snooze,
                nag_dismissed_for: None,
            },
            one_offs: Vec::new(),
        };
        let policy = ReminderPolicy {
            leads_days: vec![],
            time_of_day: tod,
            user_zone: zone,
            quiet_hours: quiet.map(|(start, end)| QuietHours { start, end }),
            nag_daily: true,
            balance_check_every_days: every,
        };
        let p = plan(std::slice::from_ref(&line), &policy, now, cap);
        prop_assert!(p.len() <= cap);
        prop_assert!(p.iter().all(|r| r.at > now && r.at.timestamp_subsec_nanos() == 0));
        let _ = plan_between(std::slice::from_ref(&line), &policy, now, DateTime::<Utc>::MAX_UTC, cap);
    }
}
