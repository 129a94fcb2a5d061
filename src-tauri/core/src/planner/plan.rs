//! The planning itself: lines + policy + a time range → reminders with stable ids.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::policy::{PlanLine, QuietHours, ReminderPolicy};
use super::time::{ceil_secs, floor_secs, local_date, local_instant, local_naive, next_wall};
use crate::texts::Message;

/// Daily nags and periodic balance checks are planned this far ahead of `now` by [`plan`].
pub const PERIODIC_HORIZON_DAYS: i64 = 60;
/// Without a known `lost_at`, the daily nag runs this many days after `act_by`.
pub const NAG_DAYS_WITHOUT_LOST_AT: i64 = 30;
/// Reminders before a deadline fire at least this long before it.
pub const MIN_NOTICE_MINUTES: i64 = 60;

/// What a reminder is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ReminderKind {
    /// `days` (≥ 1) local days before `act_by`'s local date.
    Lead { days: u32 },
    /// On `act_by`'s local date (lead 0).
    DueToday,
    /// Daily after `act_by` while the number is not lost yet.
    OverdueNag,
    /// The day before `lost_at`.
    AboutToBeLost,
    /// Periodic "check your balance".
    BalanceCheck,
    /// The latest balance is under the threshold.
    LowBalance,
    /// A one-off reminder the user set (a promotion's remind-me date).
    OneOff,
}

impl ReminderKind {
    /// The stable tag used in ids and message keys.
    fn tag(self) -> String {
        match self {
            Self::Lead { days } => format!("lead:{days}"),
            Self::DueToday => "due_today".to_owned(),
            Self::OverdueNag => "overdue".to_owned(),
            Self::AboutToBeLost => "about_to_be_lost".to_owned(),
            Self::BalanceCheck => "balance_check".to_owned(),
            Self::LowBalance => "low_balance".to_owned(),
            Self::OneOff => "one_off".to_owned(),
        }
    }
}

/// One planned notification.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannedReminder {
    /// Stable, positive, never 0.
    pub id: i32,
    pub line_id: String,
    /// Whole seconds.
    pub at: DateTime<Utc>,
    pub kind: ReminderKind,
    /// What the notification says (see [`crate::texts::render`]).
    pub message: Message,
}

/// The future reminders (`at > now`), soonest first, at most `cap`. One-shot reminders (leads,
/// due today, about to be lost, low balance, the snoozed one) are planned however far ahead;
/// daily nags and balance checks up to [`PERIODIC_HORIZON_DAYS`] ahead.
pub fn plan(
    lines: &[PlanLine],
    policy: &ReminderPolicy,
    now: DateTime<Utc>,
    cap: usize,
) -> Vec<PlannedReminder> {
    let periodic_end = now
        .checked_add_signed(Duration::days(PERIODIC_HORIZON_DAYS))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    plan_range(lines, policy, now, None, periodic_end, cap)
}

/// The reminders with `from < at <= to`, soonest first, at most `cap`: what was due while the
/// app was closed, or a window of the future. The same reminder has the same id and instant as
/// in [`plan`].
pub fn plan_between(
    lines: &[PlanLine],
    policy: &ReminderPolicy,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    cap: usize,
) -> Vec<PlannedReminder> {
    plan_range(lines, policy, from, Some(to), to, cap)
}

/// A reminder before ids are assigned.
#[derive(Debug, Clone)]
struct Draft {
    kind: ReminderKind,
    /// For a one-off: its index in the line's `one_offs`.
    one_off: Option<usize>,
    /// The local date the reminder is for (part of its id).
    for_date: NaiveDate,
    at: DateTime<Utc>,
    snoozed: bool,
}

/// Everything the per-line planning needs besides the line.
struct Ctx<'a> {
    policy: &'a ReminderPolicy,
    zone: Tz,
    quiet: Option<QuietHours>,
    from: DateTime<Utc>,
    to: Option<DateTime<Utc>>,
    periodic_end: DateTime<Utc>,
    cap: usize,
}

fn plan_range(
    lines: &[PlanLine],
    policy: &ReminderPolicy,
    from: DateTime<Utc>,
    to: Option<DateTime<Utc>>,
    periodic_end: DateTime<Utc>,
    cap: usize,
) -> Vec<PlannedReminder> {
    if cap == 0 {
        return Vec::new();
    }
    let ctx = Ctx {
        policy,
        zone: policy.user_zone,
        quiet: policy.quiet_hours,
        from,
        to,
        periodic_end,
        cap,
    };
    // (sort key, line index, draft)
    let mut drafts: Vec<(String, usize, Draft)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // Never an instant the store, JSON and the UI cannot hold (a deadline near 1900 seen
        // from a clock before it).
        for d in plan_line(line, &ctx)
            .into_iter()
            .filter(|d| crate::instant::in_range(d.at))
        {
            drafts.push((id_key(line, &d), i, d));
        }
    }
    // Ids are probed in (at, key) order so that a reminder's id never depends on the input order
    // or on reminders later than itself.
    drafts.sort_by(|a, b| a.2.at.cmp(&b.2.at).then_with(|| a.0.cmp(&b.0)));
    let mut used: HashSet<i32> = HashSet::with_capacity(drafts.len());
    // Every draft gets its id (the probing order above decides collisions), but only the
    // `cap` soonest are worded: a window of 48 or 400 out of tens of thousands.
    let mut ided: Vec<(i32, usize, Draft)> = Vec::with_capacity(drafts.len());
    for (key, i, d) in drafts {
        let mut id = stable_id(&key);
        while !used.insert(id) {
            id = next_id(id);
        }
        ided.push((id, i, d));
    }
    // (at, id) is unique (ids are): the `cap` soonest are found without sorting the rest.
    let soonest = |a: &(i32, usize, Draft), b: &(i32, usize, Draft)| {
        a.2.at.cmp(&b.2.at).then_with(|| a.0.cmp(&b.0))
    };
    if cap < ided.len() {
        ided.select_nth_unstable_by(cap, soonest);
        ided.truncate(cap);
    }
    ided.sort_unstable_by(soonest);
    ided.into_iter()
        .filter_map(|(id, i, d)| {
            let line = lines.get(i)?;
            Some(PlannedReminder {
                id,
                line_id: line.line_id.clone(),
                at: d.at,
                kind: d.kind,
                message: message(line, &d, ctx.zone),
            })
        })
        .collect()
}

fn id_key(line: &PlanLine, d: &Draft) -> String {
    // A one-off's id depends only on what it is and when: a renewal must not re-show it.
    if let Some(o) = d.one_off.and_then(|i| line.one_offs.get(i)) {
        return format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            line.line_id,
            ReminderKind::OneOff.tag(),
            o.key,
            d.for_date
        );
    }
    reminder_key(
        &line.line_id,
        d.kind,
        d.snoozed,
        d.for_date,
        line.act_by,
        line.renewed_at,
    )
}

/// The key a reminder's id is hashed from: the line, the kind (marked when snoozed), the local
/// date it is for, `act_by` and the latest renewal.
pub(super) fn reminder_key(
    line_id: &str,
    kind: ReminderKind,
    snoozed: bool,
    for_date: NaiveDate,
    act_by: Option<DateTime<Utc>>,
    renewed_at: Option<DateTime<Utc>>,
) -> String {
    let stamp = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
            .unwrap_or_default()
    };
    format!(
        "{line_id}\u{1f}{}{}\u{1f}{for_date}\u{1f}{}\u{1f}{}",
        if snoozed { "snoozed:" } else { "" },
        kind.tag(),
        stamp(act_by),
        stamp(renewed_at),
    )
}

/// FNV-1a, 32 bits: stable across Rust releases and platforms (unlike `DefaultHasher`).
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A positive, non-zero i32 from a key: FNV-1a masked to 31 bits, 0 mapped to 1.
pub fn stable_id(key: &str) -> i32 {
    let masked = fnv1a32(key.as_bytes()) & 0x7fff_ffff;
    i32::try_from(masked).ok().filter(|v| *v != 0).unwrap_or(1)
}

/// The next id to try after a collision: +1, wrapping from `i32::MAX` to 1.
pub fn next_id(id: i32) -> i32 {
    if (1..i32::MAX).contains(&id) {
        id + 1
    } else {
        1
    }
}

/// Applies quiet hours to a reminder that must fire in `(lower, upper]`: a quiet instant moves
/// to the end of the quiet hours, or, when that is after `upper`, to one minute before they
/// began; if neither fits, the reminder is dropped.
fn fit(
    ctx: &Ctx<'_>,
    at: DateTime<Utc>,
    lower: Option<DateTime<Utc>>,
    upper: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let within = |t: DateTime<Utc>| lower.is_none_or(|l| t > l) && upper.is_none_or(|u| t <= u);
    let at = match upper {
        Some(u) if at > u => u,
        _ => at,
    };
    let Some(q) = ctx.quiet else {
        return within(at).then_some(at);
    };
    if let Some(t) = q.push_to_end(at, ctx.zone).filter(|t| within(*t)) {
        return Some(t);
    }
    q.pull_before_start(at, ctx.zone).filter(|t| within(*t))
}

fn days_before(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_sub_signed(Duration::days(i64::from(days)))
}

/// All reminders of one line in the range, including the snoozed one.
fn plan_line(line: &PlanLine, ctx: &Ctx<'_>) -> Vec<Draft> {
    let o = &line.overrides;
    if o.muted || line.lost_at.is_some_and(|l| l <= ctx.from) {
        return Vec::new();
    }
    let snooze = o.snoozed_until.map(ceil_secs).filter(|s| *s > ctx.from);
    // Periodic series start early enough to know what was due when the snooze ends.
    let balance_every = ctx.policy.balance_check_every_days.filter(|n| *n > 0);
    let periodic_from = match snooze {
        Some(s) => {
            let back = Duration::days(i64::from(balance_every.unwrap_or(1).max(1)) + 2);
            ctx.from.min(s.checked_sub_signed(back).unwrap_or(s))
        }
        None => ctx.from,
    };
    let mut all = Vec::new();
    // Periodic series stop after `cap` reminders that can be kept (after `from` and the snooze).
    let count_from = snooze.map_or(ctx.from, |s| s.max(ctx.from));
    deadline_reminders(line, ctx, periodic_from, count_from, &mut all);
    balance_reminders(
        line,
        ctx,
        periodic_from,
        count_from,
        balance_every,
        &mut all,
    );

    one_off_reminders(line, ctx, &mut all);

    let in_range = |t: DateTime<Utc>| {
        t > ctx.from && ctx.to.is_none_or(|to| t <= to) && line.lost_at.is_none_or(|l| t < l)
    };
    // A snooze is about the deadline: the user's own one-off reminders are not held back.
    let mut kept: Vec<Draft> = all
        .iter()
        .filter(|d| {
            in_range(d.at) && (d.kind == ReminderKind::OneOff || snooze.is_none_or(|s| d.at >= s))
        })
        .cloned()
        .collect();
    if let Some(s) = snooze {
        if let Some(d) = snoozed(line, ctx, s, &all) {
            if in_range(d.at) && !kept.iter().any(|k| k.at == d.at && k.kind == d.kind) {
                kept.push(d);
            }
        }
    }
    kept
}

/// The reminder placed at the end of a snooze: the line's latest reminder before `s`, at `s`
/// (moved out of quiet hours), with a lead re-expressed for `s`.
fn snoozed(line: &PlanLine, ctx: &Ctx<'_>, s: DateTime<Utc>, all: &[Draft]) -> Option<Draft> {
    let latest = all
        .iter()
        .filter(|d| d.at < s && d.kind != ReminderKind::OneOff)
        .max_by(|a, b| a.at.cmp(&b.at).then_with(|| a.kind.cmp(&b.kind)))?;
    let kind = match (latest.kind, line.act_by) {
        (ReminderKind::Lead { .. } | ReminderKind::DueToday, Some(act_by)) => {
            if s >= act_by {
                ReminderKind::OverdueNag
            } else {
                let left = (local_date(act_by, ctx.zone) - local_date(s, ctx.zone)).num_days();
                match u32::try_from(left) {
                    Ok(0) | Err(_) => ReminderKind::DueToday,
                    Ok(days) => ReminderKind::Lead { days },
                }
            }
        }
        (kind, _) => kind,
    };
    let at = match ctx.quiet {
        Some(q) => q.push_to_end(s, ctx.zone)?,
        None => s,
    };
    Some(Draft {
        kind,
        one_off: None,
        for_date: local_date(s, ctx.zone),
        at,
        snoozed: true,
    })
}

/// Leads, due today, the daily nag and about to be lost.
fn deadline_reminders(
    line: &PlanLine,
    ctx: &Ctx<'_>,
    periodic_from: DateTime<Utc>,
    count_from: DateTime<Utc>,
    out: &mut Vec<Draft>,
) {
    let Some(act_by) = line.act_by else { return };
    let zone = ctx.zone;
    let tod = ctx.policy.time_of_day;
    let notice = Duration::minutes(MIN_NOTICE_MINUTES);
    let act_date = local_date(act_by, zone);

    // Leads: at time_of_day on (act_by's local date − N), no later than act_by − 1 h.
    let mut leads: Vec<u32> = line
        .overrides
        .leads_days
        .clone()
        .unwrap_or_else(|| ctx.policy.leads_days.clone());
    leads.sort_unstable();
    leads.dedup();
    let upper = act_by.checked_sub_signed(notice).map(floor_secs);
    let mut lead_drafts: Vec<Draft> = Vec::new();
    for n in leads {
        let Some(date) = days_before(act_date, n) else {
            continue;
        };
        let Some(target) = local_instant(zone, date, tod) else {
            continue;
        };
        let Some(at) = fit(ctx, target, None, upper) else {
            continue;
        };
        // Two leads squeezed onto the same instant: keep the most urgent (smallest N).
        if lead_drafts.iter().any(|d| d.at == at) {
            continue;
        }
        let kind = if n == 0 {
            ReminderKind::DueToday
        } else {
            ReminderKind::Lead { days: n }
        };
        lead_drafts.push(Draft {
            kind,
            one_off: None,
            for_date: date,
            at,
            snoozed: false,
        });
    }
    out.extend(lead_drafts);

    // About to be lost: time_of_day on the day before lost_at's local date, no later than
    // lost_at − 1 h; if that is not after act_by, the first time_of_day after act_by.
    let lost_upper = line
        .lost_at
        .and_then(|l| l.checked_sub_signed(notice))
        .map(floor_secs);
    let mut atbl_date: Option<NaiveDate> = None;
    if let Some(lost_at) = line.lost_at.filter(|l| *l > act_by) {
        let lost_date = local_date(lost_at, zone);
        let target = days_before(lost_date, 1)
            .and_then(|d| local_instant(zone, d, tod))
            .filter(|t| *t > act_by)
            .or_else(|| next_wall(zone, act_by, tod));
        if let Some(at) = target.and_then(|t| fit(ctx, t, Some(act_by), lost_upper)) {
            atbl_date = Some(local_date(at, zone));
            out.push(Draft {
                one_off: None,
                kind: ReminderKind::AboutToBeLost,
                for_date: lost_date,
                at,
                snoozed: false,
            });
        }
    }

    // The daily nag: time_of_day on each local day after act_by, until lost_at − 1 h (or
    // NAG_DAYS_WITHOUT_LOST_AT days), within the periodic horizon; not on the day of "about to
    // be lost"; never once dismissed for this act_by.
    let dismissed = line.overrides.nag_dismissed_for == Some(act_by);
    if !ctx.policy.nag_daily || dismissed {
        return;
    }
    let nag_upper = match lost_upper {
        Some(u) => Some(u),
        None => act_by.checked_add_signed(Duration::days(NAG_DAYS_WITHOUT_LOST_AT)),
    };
    let Some(nag_upper) = nag_upper else { return };
    let end = nag_upper.min(ctx.periodic_end);
    let start = act_by.max(periodic_from);
    let Some(mut date) = days_before(local_date(start, zone), 1) else {
        return;
    };
    let last_date = local_date(end, zone)
        .checked_add_signed(Duration::days(2))
        .unwrap_or(NaiveDate::MAX);
    let mut planned_after_from = 0usize;
    for _ in 0..loop_budget(ctx.cap, (count_from - start).num_days()) {
        if date > last_date || planned_after_from >= ctx.cap {
            break;
        }
        // The deadline bounds decide where quiet hours move a nag; the horizon only cuts.
        if let Some(at) = local_instant(zone, date, tod)
            .filter(|t| *t > act_by && *t <= nag_upper)
            .and_then(|t| fit(ctx, t, Some(act_by), Some(nag_upper)))
        {
            if atbl_date != Some(local_date(at, zone)) && at > periodic_from && at <= end {
                if at > count_from {
                    planned_after_from += 1;
                }
                out.push(Draft {
                    one_off: None,
                    kind: ReminderKind::OverdueNag,
                    for_date: date,
                    at,
                    snoozed: false,
                });
            }
        }
        date = match date.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
}

/// One-off reminders: at `time_of_day` on their date (out of quiet hours).
fn one_off_reminders(line: &PlanLine, ctx: &Ctx<'_>, out: &mut Vec<Draft>) {
    for (i, o) in line.one_offs.iter().enumerate() {
        let Some(at) = local_instant(ctx.zone, o.on, ctx.policy.time_of_day)
            .and_then(|t| fit(ctx, t, None, None))
        else {
            continue;
        };
        out.push(Draft {
            kind: ReminderKind::OneOff,
            one_off: Some(i),
            for_date: o.on,
            at,
            snoozed: false,
        });
    }
}

/// How many dates a periodic series may walk through: enough for `cap` reminders after `from`
/// plus the `before` steps before it, and a bound on the work whatever the input.
fn loop_budget(cap: usize, before: i64) -> usize {
    let before = usize::try_from(before.max(0)).unwrap_or(usize::MAX);
    cap.saturating_add(16)
        .saturating_mul(2)
        .saturating_add(before)
}

/// Low balance and the periodic balance check.
fn balance_reminders(
    line: &PlanLine,
    ctx: &Ctx<'_>,
    periodic_from: DateTime<Utc>,
    count_from: DateTime<Utc>,
    every: Option<u32>,
    out: &mut Vec<Draft>,
) {
    let zone = ctx.zone;
    let tod = ctx.policy.time_of_day;
    let checked_at = line.balance.and_then(|b| b.checked_at);

    // Low balance: once, at the first time_of_day after the balance was logged (without a
    // logged instant: after `from`, so it repeats daily until the balance is logged).
    if line.balance.is_some_and(|b| b.low) {
        let base = checked_at.unwrap_or(ctx.from);
        if let Some(at) = next_wall(zone, base, tod).and_then(|t| fit(ctx, t, None, None)) {
            out.push(Draft {
                one_off: None,
                kind: ReminderKind::LowBalance,
                for_date: local_date(at, zone),
                at,
                snoozed: false,
            });
        }
    }

    // Balance check: time_of_day every N local days after the last check's local date; with no
    // check logged, on the local dates whose day number since 1970-01-01 is a multiple of N.
    let Some(n) = every else { return };
    let step = i64::from(n);
    let (anchor, min_k) = match checked_at {
        Some(c) => (local_date(c, zone), 1),
        None => (
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN),
            i64::MIN,
        ),
    };
    let first = local_date(periodic_from, zone);
    let Some(first) = days_before(first, 1) else {
        return;
    };
    let k0 = ((first - anchor).num_days().div_euclid(step)).max(min_k);
    let last_date = local_date(ctx.periodic_end, zone)
        .succ_opt()
        .unwrap_or(NaiveDate::MAX);
    let mut planned_after_from = 0usize;
    let budget = loop_budget(ctx.cap, (count_from - periodic_from).num_days() / step);
    for k in (k0..k0.saturating_add(i64::try_from(budget).unwrap_or(i64::MAX))).take(budget) {
        if planned_after_from >= ctx.cap {
            break;
        }
        let Some(offset) = k.checked_mul(step) else {
            break;
        };
        let Some(date) = anchor.checked_add_signed(Duration::days(offset)) else {
            break;
        };
        if date > last_date {
            break;
        }
        if let Some(at) = local_instant(zone, date, tod).and_then(|t| fit(ctx, t, None, None)) {
            if at > periodic_from && at <= ctx.periodic_end {
                if at > count_from {
                    planned_after_from += 1;
                }
                out.push(Draft {
                    one_off: None,
                    kind: ReminderKind::BalanceCheck,
                    for_date: date,
                    at,
                    snoozed: false,
                });
            }
        }
    }
}

/// The notification's words for a planned reminder: the line's label and number, and its
/// deadlines as wall-clock times in the user's zone.
fn message(line: &PlanLine, d: &Draft, zone: Tz) -> Message {
    let label = line.label.clone();
    let number = line.display_number.clone();
    let act_by = line.act_by.map(|a| local_naive(a, zone));
    let lost_at = line.lost_at.map(|l| local_naive(l, zone));
    match (d.kind, act_by, lost_at) {
        (ReminderKind::Lead { days }, Some(act_by), _) => Message::Lead {
            label,
            number,
            days,
            act_by,
        },
        (ReminderKind::DueToday, Some(act_by), _) => Message::DueToday {
            label,
            number,
            act_by,
        },
        (ReminderKind::OverdueNag, Some(act_by), lost_at) => Message::Overdue {
            label,
            number,
            act_by,
            lost_at,
        },
        (ReminderKind::AboutToBeLost, _, Some(lost_at)) => Message::AboutToBeLost {
            label,
            number,
            lost_at,
        },
        (ReminderKind::BalanceCheck, _, _) => Message::BalanceCheck { label, number },
        (ReminderKind::LowBalance, _, _) => Message::LowBalance { label, number },
        (ReminderKind::OneOff, _, _) => Message::OneOff {
            label,
            number,
            text: d
                .one_off
                .and_then(|i| line.one_offs.get(i))
                .map(|o| o.text.clone())
                .unwrap_or_default(),
        },
        _ => Message::Generic { label, number },
    }
}
