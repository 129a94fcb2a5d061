//! Property tests of the planning views: the greedy renewal days are optimal (compared with
//! exhaustive searches over sets of days), and the cadence arithmetic never panics or loops on
//! any rule or date.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_core::planning::{fewest_days, Cadence, Window, STEPS_MAX};
use baohao_core::rules::Period;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn windows(days: u32, max: usize) -> impl Strategy<Value = Vec<Window<u32>>> {
    prop::collection::vec((0..days, 0..days), 0..=max).prop_map(|v| {
        v.into_iter()
            .map(|(a, b)| Window {
                opens: a.min(b),
                closes: a.max(b),
            })
            .collect()
    })
}

/// Which windows each day of `0..days` hits, as a bit mask.
fn day_masks(ws: &[Window<u32>], days: u32) -> Vec<u32> {
    (0..days)
        .map(|day| {
            ws.iter()
                .enumerate()
                .filter(|(_, w)| w.opens <= day && day <= w.closes)
                .fold(0u32, |m, (i, _)| m | (1 << i))
        })
        .collect()
}

/// The fewest days that hit every window, by trying every set of days of `0..days`
/// (2^days sets, each cover built from the set without its lowest day).
fn min_by_every_subset(ws: &[Window<u32>], days: u32) -> u32 {
    let masks = day_masks(ws, days);
    let full: u32 = (1u32 << ws.len()) - 1;
    let mut cover = vec![0u32; 1 << days];
    let mut best = u32::MAX;
    for set in 0usize..(1 << days) {
        if set > 0 {
            let low = set.trailing_zeros() as usize;
            cover[set] = cover[set & (set - 1)] | masks[low];
        }
        if cover[set] == full {
            best = best.min(set.count_ones());
        }
    }
    best
}

/// The fewest days that hit every window, by a breadth-first search over which windows are
/// hit: every set of days is a path, so the first time all are hit is the minimum.
fn min_by_search(ws: &[Window<u32>], days: u32) -> u32 {
    let masks = day_masks(ws, days);
    let full = (1usize << ws.len()) - 1;
    let mut dist = vec![u32::MAX; full + 1];
    dist[0] = 0;
    let mut queue = std::collections::VecDeque::from([0usize]);
    while let Some(state) = queue.pop_front() {
        for m in &masks {
            let next = state | *m as usize;
            if dist[next] == u32::MAX {
                dist[next] = dist[state] + 1;
                queue.push_back(next);
            }
        }
    }
    dist[full]
}

/// Every window is renewed exactly once, on a day inside it.
fn assert_valid(ws: &[Window<u32>], plan: &[(u32, Vec<usize>)]) {
    let mut seen = vec![0; ws.len()];
    for (day, members) in plan {
        assert!(!members.is_empty());
        for i in members {
            let w = ws[*i];
            assert!(w.opens <= *day && *day <= w.closes, "{w:?} on {day}");
            seen[*i] += 1;
        }
        // The day is the deadline of the first window it lists.
        assert_eq!(ws[members[0]].closes, *day);
    }
    assert!(seen.iter().all(|n| *n == 1), "{seen:?}");
    assert!(plan.windows(2).all(|p| p[0].0 < p[1].0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Up to 8 windows over 30 days: the greedy's number of days is the minimum.
    #[test]
    fn the_greedy_is_optimal_over_a_month(ws in windows(30, 8)) {
        let plan = fewest_days(&ws);
        assert_valid(&ws, &plan);
        prop_assert_eq!(plan.len() as u32, min_by_search(&ws, 30));
    }

    /// Up to 8 windows over 16 days, against every one of the 65,536 sets of days.
    #[test]
    fn the_greedy_is_optimal_against_every_set_of_days(ws in windows(16, 8)) {
        let plan = fewest_days(&ws);
        assert_valid(&ws, &plan);
        prop_assert_eq!(plan.len() as u32, min_by_every_subset(&ws, 16));
    }

    /// Empty windows (opens after closes) are left out; the rest are planned as without them.
    #[test]
    fn empty_windows_are_left_out(ws in windows(30, 8), extra in (1u32..30, 0u32..30)) {
        let mut with = ws.clone();
        with.push(Window { opens: extra.0 + extra.1, closes: extra.1 });
        let plan = fewest_days(&with);
        prop_assert!(plan.iter().all(|(_, m)| !m.contains(&ws.len())));
        prop_assert_eq!(plan.len(), fewest_days(&ws).len());
    }
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1u32..=3650).prop_map(Period::Days),
        (1u32..=120).prop_map(Period::Months),
    ]
}

/// Any date chrono knows, mostly 1990-9999.
fn date() -> impl Strategy<Value = NaiveDate> {
    let lo = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    prop_oneof![
        8 => (0u64..2_930_000).prop_map(move |n| lo.checked_add_days(Days::new(n)).unwrap()),
        1 => Just(NaiveDate::MAX),
        1 => Just(NaiveDate::MIN),
    ]
}

fn cadence() -> impl Strategy<Value = Cadence> {
    prop_oneof![
        (
            0u32..=120,
            0u32..=3650,
            prop::option::of(1u32..=3650),
            any::<bool>()
        )
            .prop_map(|(months, days, cap_days, stacks)| Cadence::After {
                months,
                days: if months == 0 { days.max(1) } else { days },
                cap_days,
                stacks,
            }),
        (period(), prop::option::of(date()), any::<bool>()).prop_map(
            |(period, origin, fixed_grid)| Cadence::Cycles {
                period,
                origin,
                fixed_grid,
            }
        ),
        Just(Cadence::Once),
    ]
}

proptest! {
    /// Deadlines only move forward, stay in the period, and the walk ends, whatever the rule
    /// and the dates; a useful day is never after the deadline.
    #[test]
    fn cadences_never_panic_or_run_backwards(
        c in cadence(),
        first in date(),
        from in date(),
        span in 0u64..4000,
        day in date(),
    ) {
        let to = from.checked_add_days(Days::new(span)).unwrap_or(NaiveDate::MAX);
        let got = c.actions_in(first, from, to);
        prop_assert!(got.len() <= STEPS_MAX);
        prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(got.iter().all(|d| *d >= from && *d < to));
        if let Some(d) = c.useful_from(first) {
            prop_assert!(d <= first);
            // Renewing on that day moves the deadline by at least half a full renewal.
            if let (Some((full, _)), Some((got, _))) = (c.next_after(first), c.renew_on(d, first)) {
                if matches!(c, Cadence::After { .. }) {
                    prop_assert!(2 * (got - first).num_days() >= (full - first).num_days());
                }
            }
        }
        if let Some((next, _)) = c.renew_on(day, first) {
            prop_assert!(next >= first.min(day));
        }
    }
}
