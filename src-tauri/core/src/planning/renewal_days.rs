//! Renewal days: the fewest days on which every line can be renewed before its deadline.
//!
//! Each line has a window of days, `[opens, closes]` in the user's zone:
//! - `closes` is its deadline day (the local date of `act_by`); for a line already past
//!   `act_by` (overdue, not yet lost) the window is today alone: renew now.
//! - `opens` is the later of today and the earliest day a renewal is worth making
//!   ([`super::Cadence::useful_from`]: for a rolling rule or a top-up tier, the day a renewal
//!   would still move the deadline by at least half of what a renewal on the deadline day
//!   would; for a plan, the start of its paid cycle; for stacked top-ups and fixed expiries,
//!   today), and never more than [`RenewalDaysOptions::max_days_early`] before `closes`.
//!
//! [`fewest_days`] then takes the earliest deadline day, renews every line whose window
//! contains it, and repeats with the lines left. This is optimal: any plan must have a day in
//! the window that closes first; moving that day to the window's last day only adds lines it
//! covers (every window still open then closes later), so some optimal plan starts with the
//! greedy's day, and by induction the greedy uses no more days than it. A property test
//! compares it with an exhaustive search over sets of days.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{local_date, name_of, start_of_local_day, text, triage, LeftOut, PlanningLine};
use crate::event::{EventKind, Money};
use crate::summary::{EvalContext, Explanation};

/// An inclusive window of days (or any ordered points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window<T> {
    pub opens: T,
    pub closes: T,
}

/// The fewest days that hit every window, each with the windows renewed that day (indices into
/// `windows`, the window that closes first first), days in increasing order. Each window is
/// given the latest chosen day inside it. Windows with `opens > closes` are empty and are
/// left out. O(n log n).
pub fn fewest_days<T: Ord + Copy>(windows: &[Window<T>]) -> Vec<(T, Vec<usize>)> {
    let mut order: Vec<usize> = (0..windows.len())
        .filter(|i| windows.get(*i).is_some_and(|w| w.opens <= w.closes))
        .collect();
    order.sort_by_key(|i| windows.get(*i).map(|w| (w.closes, w.opens, *i)));
    let mut days: Vec<(T, Vec<usize>)> = Vec::new();
    for i in order {
        let Some(w) = windows.get(i) else { continue };
        match days.last_mut() {
            // Sorted by `closes`, so the latest day is at most this window's last day.
            Some((day, members)) if w.opens <= *day => members.push(i),
            _ => days.push((w.closes, vec![i])),
        }
    }
    days
}

/// What the user may tune.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RenewalDaysOptions {
    /// Renew no line more than this many days before its deadline day (`0`: on the deadline
    /// day only). `None`: as early as the rule makes a renewal worth it.
    #[serde(default)]
    pub max_days_early: Option<u32>,
}

/// Why a renewal day is on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum DayReason {
    /// `count` of the day's lines are already past their deadline: renew today.
    Overdue { count: u32 },
    /// The earliest deadline among the day's lines: that line's, on this very day.
    EarliestDeadline {
        line_id: String,
        label: String,
        /// The deadline day (the day itself).
        deadline: NaiveDate,
        /// How many lines the day renews.
        count: u32,
    },
}

/// A line renewed on a renewal day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DayLine {
    pub line_id: String,
    pub label: String,
    pub display_number: String,
    pub act_by: DateTime<Utc>,
    pub lost_at: Option<DateTime<Utc>>,
    /// The deadline day: `act_by`'s local date in the user's zone.
    pub deadline: NaiveDate,
    /// The first day of the line's window.
    pub window_opens: NaiveDate,
    /// Days between the renewal day and the deadline day (0 for an overdue line).
    pub days_early: u32,
    /// Already past `act_by`.
    pub overdue: bool,
    /// The kind of event that renews it.
    pub action: EventKind,
    /// Its expected cost, when known (see [`super::Terms`]).
    pub cost: Option<Money>,
}

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RenewalDay {
    /// A local date in the user's zone.
    pub date: NaiveDate,
    /// The earliest `act_by` among the day's lines that is not past: renew before it.
    pub renew_before: Option<DateTime<Utc>>,
    pub reason: DayReason,
    pub reason_text: Explanation,
    /// Earliest deadline first.
    pub lines: Vec<DayLine>,
}

/// The plan: the fewest days, and the lines with nothing to plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RenewalPlan {
    /// The user's zone the days are in.
    pub zone: String,
    pub today: NaiveDate,
    pub days: Vec<RenewalDay>,
    pub left_out: Vec<LeftOut>,
}

/// Plans the fewest renewal days for `lines` at `ctx.now` (see the module docs).
pub fn renewal_days(
    lines: &[PlanningLine],
    ctx: &EvalContext,
    options: &RenewalDaysOptions,
) -> RenewalPlan {
    let zone = ctx.user_zone;
    let today = local_date(ctx.now, zone);
    let (mut plannable, left_out) = triage(lines, ctx);
    // A deterministic order whatever order the lines came in.
    plannable.sort_by(|a, b| {
        (a.act_by, name_of(&a.line.summary), &a.line.summary.line.id).cmp(&(
            b.act_by,
            name_of(&b.line.summary),
            &b.line.summary.line.id,
        ))
    });
    let mut windows = Vec::with_capacity(plannable.len());
    let mut details = Vec::with_capacity(plannable.len());
    for p in &plannable {
        let overdue = p.act_by < ctx.now;
        let deadline = local_date(p.act_by, zone);
        let closes = if overdue { today } else { deadline.max(today) };
        let rule_day = local_date(p.act_by, p.tz);
        let useful = p
            .terms
            .cadence
            .useful_from(rule_day)
            .and_then(|d| start_of_local_day(d, p.tz))
            .map(|t| local_date(t, zone));
        let limit = options
            .max_days_early
            .and_then(|n| closes.checked_sub_days(Days::new(u64::from(n))));
        let opens = if overdue {
            today
        } else {
            [Some(today), useful, limit]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(today)
                .min(closes)
        };
        windows.push(Window { opens, closes });
        details.push((overdue, deadline));
    }
    let mut days = Vec::new();
    for (date, members) in fewest_days(&windows) {
        let mut day_lines: Vec<DayLine> = Vec::with_capacity(members.len());
        let mut overdue_count = 0u32;
        let mut renew_before: Option<DateTime<Utc>> = None;
        for i in &members {
            let (Some(p), Some(w), Some((overdue, deadline))) =
                (plannable.get(*i), windows.get(*i), details.get(*i))
            else {
                continue;
            };
            let s = &p.line.summary;
            if *overdue {
                overdue_count += 1;
            } else {
                renew_before = Some(renew_before.map_or(p.act_by, |r| r.min(p.act_by)));
            }
            day_lines.push(DayLine {
                line_id: s.line.id.clone(),
                label: s.line.label.clone(),
                display_number: s.line.display_number.clone(),
                act_by: p.act_by,
                lost_at: p.lost_at,
                deadline: *deadline,
                window_opens: w.opens,
                days_early: u32::try_from((*deadline - date).num_days().max(0)).unwrap_or(0),
                overdue: *overdue,
                action: p.terms.action,
                cost: p.terms.cost.clone(),
            });
        }
        // The window that closes first defines the day.
        let first = members.first().and_then(|i| plannable.get(*i));
        let first_overdue = members
            .first()
            .and_then(|i| details.get(*i))
            .is_some_and(|(o, _)| *o);
        let count = u32::try_from(day_lines.len()).unwrap_or(u32::MAX);
        let reason = match first {
            Some(_) if first_overdue => DayReason::Overdue {
                count: overdue_count,
            },
            Some(p) => DayReason::EarliestDeadline {
                line_id: p.line.summary.line.id.clone(),
                label: name_of(&p.line.summary).to_owned(),
                deadline: date,
                count,
            },
            None => continue,
        };
        day_lines.sort_by(|a, b| {
            (a.act_by, &a.label, &a.line_id).cmp(&(b.act_by, &b.label, &b.line_id))
        });
        days.push(RenewalDay {
            date,
            renew_before,
            reason_text: text::day_reason(&reason, today),
            reason,
            lines: day_lines,
        });
    }
    RenewalPlan {
        zone: zone.name().to_owned(),
        today,
        days,
        left_out,
    }
}
