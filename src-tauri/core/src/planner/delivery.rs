//! What the shell's delivery needs from a plan: the mobile window under the OS caps, what is
//! due on desktop, when to wake up next, and one summary of what was missed.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::plan::PlannedReminder;
use crate::texts::Message;

/// iOS keeps only the 64 soonest pending local notifications (silently dropping the rest).
pub const IOS_PENDING_CAP: usize = 64;
/// What Baohao schedules at most on iOS: a margin under [`IOS_PENDING_CAP`].
pub const IOS_SCHEDULE_MAX: usize = 48;
/// Android allows 500 alarms per app and throws past that.
pub const ANDROID_ALARM_CAP: usize = 500;
/// What Baohao schedules at most on Android: a margin under [`ANDROID_ALARM_CAP`].
pub const ANDROID_SCHEDULE_MAX: usize = 400;

/// How many reminders to schedule on a mobile OS.
pub fn mobile_cap(ios: bool) -> usize {
    if ios {
        IOS_SCHEDULE_MAX
    } else {
        ANDROID_SCHEDULE_MAX
    }
}

/// The soonest reminders of a plan (sorted as [`super::plan`] returns it) that fit the OS cap.
pub fn window_for_mobile(plan: &[PlannedReminder], ios: bool) -> &[PlannedReminder] {
    let n = plan.len().min(mobile_cap(ios));
    plan.get(..n).unwrap_or(plan)
}

/// Desktop delivery: the reminders of `plan` that are due (`at <= now`) and not in
/// `delivered`, in time order. Give it a plan made from the last check (see
/// [`super::plan_between`]) so that what fell due since then is included.
pub fn due(
    plan: &[PlannedReminder],
    delivered: &HashSet<i32>,
    now: DateTime<Utc>,
) -> Vec<PlannedReminder> {
    let mut out: Vec<PlannedReminder> = plan
        .iter()
        .filter(|r| r.at <= now && !delivered.contains(&r.id))
        .cloned()
        .collect();
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    out
}

/// When the desktop timer should wake up: the earliest `at` after `now`.
pub fn next_wakeup(plan: &[PlannedReminder], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    plan.iter().map(|r| r.at).filter(|at| *at > now).min()
}

/// One notification standing for everything missed while the app was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CatchUpSummary {
    /// How many reminders were missed.
    pub count: u32,
    /// The lines they were about, each once, sorted.
    pub lines: Vec<String>,
}

/// Turns the reminders missed while closed into one summary; `None` when nothing was missed.
pub fn catch_up(missed: &[PlannedReminder]) -> Option<CatchUpSummary> {
    if missed.is_empty() {
        return None;
    }
    let lines: BTreeSet<&str> = missed.iter().map(|r| r.line_id.as_str()).collect();
    Some(CatchUpSummary {
        count: u32::try_from(missed.len()).unwrap_or(u32::MAX),
        lines: lines.into_iter().map(str::to_owned).collect(),
    })
}

/// The notification that stands for a catch-up summary.
pub fn catch_up_message(summary: &CatchUpSummary) -> Message {
    Message::CatchUp {
        count: summary.count,
        lines: u32::try_from(summary.lines.len()).unwrap_or(u32::MAX),
    }
}
