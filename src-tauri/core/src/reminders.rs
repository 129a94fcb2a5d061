//! Reminder settings and the desktop delivery pass: which planned reminders to show now,
//! what the user missed while the app was closed (one summary, not a flood), and when to wake
//! up next. Mobile platforms schedule the same plan with the OS instead (see the shell).

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::planner::{
    catch_up, catch_up_message, next_wakeup, plan, plan_between, render, CatchUpSummary, Lang,
    MessageKey, PlannedReminder, ReminderPolicy,
};

/// At most this many leads per policy or line.
pub const LEADS_MAX: usize = 10;
/// A lead may be at most this many days.
pub const LEAD_DAYS_MAX: u32 = 365;
/// How far back a catch-up looks, at most (a machine off for a year gets one summary of the
/// last 60 days, not a computation over the whole year).
pub const CATCH_UP_MAX_DAYS: i64 = 60;
/// Reminders considered in one pass.
pub const PASS_CAP: usize = 1000;

/// Checks leads (1..=10 of 0..=365 days) and the balance-check period (1..=365 days).
pub fn validate_leads(leads: &[u32]) -> Result<Vec<u32>> {
    if leads.len() > LEADS_MAX {
        return Err(CoreError::TooMany {
            field: Field::Leads,
            max: LEADS_MAX,
        });
    }
    if leads.iter().any(|d| *d > LEAD_DAYS_MAX) {
        return Err(CoreError::OutOfRange {
            field: Field::Leads,
        });
    }
    let mut out = leads.to_vec();
    out.sort_unstable_by(|a, b| b.cmp(a));
    out.dedup();
    Ok(out)
}

/// Checks a policy and returns it normalized (leads sorted, longest first).
pub fn validate_policy(policy: &ReminderPolicy) -> Result<ReminderPolicy> {
    let leads_days = validate_leads(&policy.leads_days)?;
    if let Some(n) = policy.balance_check_every_days {
        if !(1..=365).contains(&n) {
            return Err(CoreError::OutOfRange {
                field: Field::BalanceCheckEvery,
            });
        }
    }
    Ok(ReminderPolicy {
        leads_days,
        ..policy.clone()
    })
}

/// The "due soon" window: the longest lead (30 days by default), at least 1 day.
pub fn due_soon_days(policy: &ReminderPolicy) -> u32 {
    policy.leads_days.iter().copied().max().unwrap_or(0).max(1)
}

/// A notification ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// The planner's id (stable), or 0 for a catch-up summary.
    pub id: i32,
    /// The line a tap should open; `None` for a summary (opens "needs action").
    pub line_id: Option<String>,
    pub title: String,
    pub body: String,
}

impl Notice {
    pub fn from_reminder(r: &PlannedReminder, lang: Lang) -> Self {
        let (title, body) = render(&r.message, lang);
        Self {
            id: r.id,
            line_id: Some(r.line_id.clone()),
            title,
            body,
        }
    }

    pub fn catch_up(summary: &CatchUpSummary, lang: Lang) -> Self {
        let msg: MessageKey = catch_up_message(summary);
        let (title, body) = render(&msg, lang);
        Self {
            id: 0,
            line_id: None,
            title,
            body,
        }
    }
}

/// What one desktop pass decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    /// Show these now, in order.
    pub show: Vec<Notice>,
    /// Record these as delivered (everything due, including what a summary stands for).
    pub delivered: Vec<PlannedReminder>,
    /// Sleep until then (or until the data changes).
    pub next_wakeup: Option<DateTime<Utc>>,
}

/// Decides a pass at `now`. `since` is the end of the previous pass (the last time the app
/// looked), `delivered` answers whether a reminder was already shown. On the first pass after
/// start (`catching_up`), two or more missed reminders become one summary notification.
pub fn delivery_pass(
    lines: &[crate::planner::PlanLine],
    policy: &ReminderPolicy,
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    catching_up: bool,
    lang: Lang,
    delivered: impl Fn(&PlannedReminder) -> bool,
) -> Pass {
    let floor = now - Duration::days(CATCH_UP_MAX_DAYS);
    let from = since.unwrap_or(now).max(floor).min(now);
    let due: Vec<PlannedReminder> = if from < now {
        plan_between(lines, policy, from, now, PASS_CAP)
            .into_iter()
            .filter(|r| !delivered(r))
            .collect()
    } else {
        Vec::new()
    };
    let show = match (catching_up, due.len()) {
        (true, n) if n >= 2 => catch_up(&due)
            .map(|s| vec![Notice::catch_up(&s, lang)])
            .unwrap_or_default(),
        _ => due.iter().map(|r| Notice::from_reminder(r, lang)).collect(),
    };
    let upcoming = plan(lines, policy, now, 1);
    Pass {
        show,
        delivered: due,
        next_wakeup: next_wakeup(&upcoming, now),
    }
}

/// The notification "send a test notification" shows.
pub fn test_notice(lang: Lang) -> Notice {
    let (title, body) = match lang {
        Lang::En => (
            "Baohao notifications work",
            "This is how Baohao will remind you before a number must be renewed.",
        ),
        Lang::ZhCn => ("保号通知正常", "号码需要续费前，保号会这样提醒你。"),
    };
    Notice {
        id: 1,
        line_id: None,
        title: title.to_owned(),
        body: body.to_owned(),
    }
}

/// A planned reminder with its text, for the settings screen's "upcoming" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UpcomingReminder {
    pub id: i32,
    pub line_id: String,
    pub at: DateTime<Utc>,
    pub kind: crate::planner::ReminderKind,
    pub title: String,
    pub body: String,
}

impl UpcomingReminder {
    pub fn new(r: &PlannedReminder, lang: Lang) -> Self {
        let (title, body) = render(&r.message, lang);
        Self {
            id: r.id,
            line_id: r.line_id.clone(),
            at: r.at,
            kind: r.kind,
            title,
            body,
        }
    }
}
