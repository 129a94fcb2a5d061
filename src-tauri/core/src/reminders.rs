//! Reminder settings and the desktop delivery pass: which planned reminders to show now,
//! what the user missed while the app was closed (one summary, not a flood), and when to wake
//! up next. Mobile platforms schedule the same plan with the OS instead (see the shell).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::planner::{
    catch_up, catch_up_message, next_wakeup, plan, plan_between, snooze_until, CatchUpSummary,
    Lang, LineReminderOverrides, PlannedReminder, ReminderPolicy, SnoozeChoice,
};
use crate::rules::Status;
use crate::texts::{action_texts, render, ActionTexts, Message};

/// At most this many leads per policy or line.
pub const LEADS_MAX: usize = 10;
/// A lead may be at most this many days.
pub const LEAD_DAYS_MAX: u32 = 365;
/// How far back a catch-up looks, at most (a machine off for a year gets one summary of the
/// last 60 days, not a computation over the whole year).
pub const CATCH_UP_MAX_DAYS: i64 = 60;
/// Reminders considered in one pass.
pub const PASS_CAP: usize = 1000;
/// Leads the editors offer with one tap (any other number of days can be typed).
pub const SUGGESTED_LEADS_DAYS: [u32; 6] = [30, 14, 7, 3, 1, 0];
/// "Check your balance" every 1..=365 days.
pub const BALANCE_CHECK_EVERY_MIN: u32 = 1;
pub const BALANCE_CHECK_EVERY_MAX: u32 = 365;
/// "Snooze until" a date at most this many days ahead.
pub const SNOOZE_DAYS_MAX: i64 = 365;

/// Checks leads (at most 10, each 0..=365 days); returns them longest first, each once.
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

/// Checks a policy and returns it normalized: leads longest first, each once; the
/// balance-check period 1..=365 days; quiet hours whose start equals their end are no quiet
/// hours at all (see [`crate::planner::QuietHours`]), so they are stored as none.
pub fn validate_policy(policy: &ReminderPolicy) -> Result<ReminderPolicy> {
    let leads_days = validate_leads(&policy.leads_days)?;
    if let Some(n) = policy.balance_check_every_days {
        if !(BALANCE_CHECK_EVERY_MIN..=BALANCE_CHECK_EVERY_MAX).contains(&n) {
            return Err(CoreError::OutOfRange {
                field: Field::BalanceCheckEvery,
            });
        }
    }
    let quiet_hours = policy.quiet_hours.filter(|q| !q.is_empty());
    Ok(ReminderPolicy {
        leads_days,
        quiet_hours,
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
    /// The words of "I renewed" and "Snooze 1 day" when it offers them (reminders to renew;
    /// see [`ReminderAction`] for what they do).
    pub actions: Option<ActionTexts>,
}

impl Notice {
    pub fn from_reminder(r: &PlannedReminder, lang: Lang) -> Self {
        let (title, body) = render(&r.message, lang);
        Self {
            id: r.id,
            line_id: Some(r.line_id.clone()),
            title,
            body,
            actions: offers_actions(r.kind).then(|| action_texts(lang)),
        }
    }

    /// The confirmation shown after an action was chosen on a reminder (no actions itself;
    /// a tap opens the line).
    pub fn confirmation(line_id: &str, message: &Message, lang: Lang) -> Self {
        let (title, body) = render(message, lang);
        Self {
            id: 0,
            line_id: Some(line_id.to_owned()),
            title,
            body,
            actions: None,
        }
    }

    pub fn catch_up(summary: &CatchUpSummary, lang: Lang) -> Self {
        let (title, body) = render(&catch_up_message(summary), lang);
        Self {
            id: 0,
            line_id: None,
            title,
            body,
            actions: None,
        }
    }
}

/// What the buttons of a reminder do (their words: [`crate::texts::action_texts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderAction {
    /// Logs a renewal with what the "I renewed" form would start with
    /// ([`crate::summary::renewal_prefill`]).
    Renewed,
    /// Snoozes the line's reminders for a day, as the line page's "1 day" does.
    SnoozeOneDay,
}

impl ReminderAction {
    pub const ALL: [ReminderAction; 2] = [ReminderAction::Renewed, ReminderAction::SnoozeOneDay];

    /// The action's id in a notification (D-Bus action key, Android intent, iOS identifier).
    pub fn id(self) -> &'static str {
        match self {
            ReminderAction::Renewed => "renewed",
            ReminderAction::SnoozeOneDay => "snooze_1d",
        }
    }

    /// The action an id names; `None` for anything else (a tap's "default", a stranger's id).
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// Reminders about a renewal offer "I renewed" and "Snooze 1 day"; a balance check, a low
/// balance or a one-off note is not a renewal, so it offers neither.
pub fn offers_actions(kind: crate::planner::ReminderKind) -> bool {
    use crate::planner::ReminderKind as K;
    matches!(
        kind,
        K::Lead { .. } | K::DueToday | K::OverdueNag | K::AboutToBeLost
    )
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
    let (title, body) = render(&Message::Test, lang);
    Notice {
        id: 1,
        line_id: None,
        title,
        body,
        actions: None,
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

/// Whether the daily "overdue" reminder runs for a line's current deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NagState {
    /// The line is not overdue, is muted, or the daily reminder is off in the settings.
    Off,
    /// It reminds every day until the line is renewed or lost.
    Active,
    /// The user stopped it for this deadline.
    Dismissed,
}

/// A line's reminder settings and what they mean now: what the line page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineReminders {
    pub overrides: LineReminderOverrides,
    /// The leads in force: the line's own, or else the settings' (longest first).
    pub leads_days: Vec<u32>,
    /// The settings' leads, which "use the defaults" means.
    pub default_leads_days: Vec<u32>,
    /// The end of the snooze while it is still ahead; `None` once it has passed.
    pub snoozed_until: Option<DateTime<Utc>>,
    pub nag: NagState,
    /// The first and last dates "snooze until" accepts, in the user's zone (tomorrow, and
    /// [`SNOOZE_DAYS_MAX`] days ahead).
    pub snooze_from: NaiveDate,
    pub snooze_to: NaiveDate,
}

/// The user's local date at `now`, and the range "snooze until" accepts from it.
fn snooze_dates(policy: &ReminderPolicy, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = crate::planner::local_date(now, policy.user_zone);
    let from = today.succ_opt().unwrap_or(today);
    let to = today
        .checked_add_signed(Duration::days(SNOOZE_DAYS_MAX))
        .unwrap_or(from);
    (from, to)
}

/// What a line's reminder settings mean at `now`, for a line with this status and deadline.
pub fn line_reminders(
    overrides: LineReminderOverrides,
    policy: &ReminderPolicy,
    status: Status,
    act_by: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> LineReminders {
    let nag = if status != Status::Overdue || overrides.muted || !policy.nag_daily {
        NagState::Off
    } else if act_by.is_some() && overrides.nag_dismissed_for == act_by {
        NagState::Dismissed
    } else {
        NagState::Active
    };
    let (snooze_from, snooze_to) = snooze_dates(policy, now);
    LineReminders {
        leads_days: overrides
            .leads_days
            .clone()
            .unwrap_or_else(|| policy.leads_days.clone()),
        default_leads_days: policy.leads_days.clone(),
        snoozed_until: overrides.snoozed_until.filter(|s| *s > now),
        nag,
        snooze_from,
        snooze_to,
        overrides,
    }
}

/// The instant a snooze chosen at `now` ends; a date outside the range "snooze until"
/// accepts is `out_of_range` on [`Field::Snooze`].
pub fn snooze_end(
    choice: SnoozeChoice,
    policy: &ReminderPolicy,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    if let SnoozeChoice::Until { date } = choice {
        let (from, to) = snooze_dates(policy, now);
        if date < from || date > to {
            return Err(CoreError::OutOfRange {
                field: Field::Snooze,
            });
        }
    }
    Ok(snooze_until(choice, policy, now))
}
