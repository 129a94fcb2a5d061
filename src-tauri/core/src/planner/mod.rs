//! The reminder planner: a pure function from lines (their deadlines, computed by the rules
//! engine and passed in), the [`ReminderPolicy`] and a time range to the notifications to show,
//! each with a stable `i32` id. No I/O; `now` is a parameter.
//!
//! # Semantics
//!
//! All wall-clock times are in the policy's `user_zone`. A wall time that does not exist (DST
//! gap) means the first valid instant after it (the transition); a wall time that exists twice
//! (overlap) means the earlier instant. Every `at` is whole seconds.
//!
//! - **Lead N** (N ≥ 1): at `time_of_day` on the local date of `act_by` minus N days.
//!   **Due today** (N = 0): at `time_of_day` on `act_by`'s local date. A pre-deadline reminder
//!   never fires later than `act_by − 1 h` ([`MIN_NOTICE_MINUTES`]): if its instant is later
//!   (e.g. `act_by` 08:00, time of day 09:00) it fires at `act_by − 1 h`. If two leads end up on
//!   the same instant, only the most urgent (smallest N) is kept. Per-line `leads_days`
//!   replace the policy's leads.
//! - **Overdue nag**: at `time_of_day` on each local day, strictly after `act_by`, while
//!   `nag_daily` is on and the nag was not dismissed for this `act_by`
//!   (`nag_dismissed_for == Some(act_by)`); the last one at most `lost_at − 1 h`, or, when
//!   `lost_at` is unknown, [`NAG_DAYS_WITHOUT_LOST_AT`] days after `act_by`. [`plan`] plans
//!   nags up to [`PERIODIC_HORIZON_DAYS`] ahead. No nag on the local day of "about to be lost".
//!   Dismissing stops the nag only; "about to be lost" still fires.
//! - **About to be lost** (only when `lost_at > act_by`): at `time_of_day` on the day before
//!   `lost_at`'s local date, at most `lost_at − 1 h`; if that is not after `act_by` (short
//!   grace), at the first `time_of_day` after `act_by`; dropped if it still does not fit in
//!   `(act_by, lost_at − 1 h]`.
//! - **One-offs** (`one_offs`, e.g. a promotion's remind-me date): at `time_of_day` on their
//!   local date (moved out of quiet hours); not held back by a snooze; their id depends on the
//!   line, their key and date only (a renewal does not re-show them).
//! - **Low balance** (`balance.low`): once, at the first `time_of_day` after `checked_at`
//!   (without `checked_at`: the first after `from`, which then repeats daily).
//! - **Balance check** (`balance_check_every_days = Some(N)`, N ≥ 1): at `time_of_day` every N
//!   local days after the local date of `balance.checked_at`; with no check logged, on the local
//!   dates whose day number since 1970-01-01 is a multiple of N (stable dates). Up to
//!   [`PERIODIC_HORIZON_DAYS`] ahead in [`plan`].
//! - **Quiet hours** `[start, end)` (crossing midnight when `start > end`; none when equal): a
//!   reminder inside moves to their end (the next instant whose wall time is `end`, the same or
//!   the next day). If that would be later than its deadline bound (`act_by − 1 h` for leads and
//!   due today, `lost_at − 1 h` for nags and about to be lost), it moves instead to one minute
//!   before the quiet hours began; if that is not after its lower bound (`act_by` for nags and
//!   about to be lost), it is dropped. No reminder is ever inside quiet hours.
//! - **Lost lines**: nothing is planned for a line whose `lost_at <= from`, and no reminder of a
//!   line is at or after its `lost_at` (this includes balance reminders).
//! - **Muted** lines plan nothing.
//! - **Snooze** (`snoozed_until = S`, rounded up to a whole second, only while `S > from`): the
//!   line's reminders before `S` are dropped, and one reminder is placed at `S` (moved out of
//!   quiet hours to their end): the kind of the line's latest reminder before `S` (which may
//!   have fired before `from`: that is the one the user snoozed), with a lead or due today
//!   re-expressed for `S` (`Lead { days left at S }`, `DueToday` on `act_by`'s date,
//!   `OverdueNag` once `S >= act_by`). Nothing is placed if the line had no reminder before `S`,
//!   or if a reminder of the same kind already fires exactly then. See [`snooze_until`].
//! - **Ids**: FNV-1a 32-bit ([`fnv1a32`]) over the line id, the kind (and whether it is the
//!   snoozed one), the local date the reminder is for, `act_by` and `renewed_at`, masked to 31
//!   bits, 0 → 1 ([`stable_id`]). A renewal changes `act_by`/`renewed_at`, so all the line's ids
//!   change: the old pending reminders are cancelled and new ones scheduled. Collisions within
//!   one plan are resolved by probing +1 ([`next_id`]), in (at, key) order, so a reminder's id
//!   depends neither on input order nor on later reminders.
//! - **Range**: a reminder outside 1900–9999 ([`crate::instant`]) is dropped.
//! - **Output**: sorted by (at, id), truncated to `cap`, the soonest first. [`plan`] gives
//!   `at > now`; [`plan_between`] gives `from < at <= to` (to know what was missed).
//!   Same input ⇒ same output, whatever the order of the lines.
//!
//! Delivery helpers: [`window_for_mobile`] (48 on iOS, 400 on Android), [`due`],
//! [`next_wakeup`], [`catch_up`]. Texts: each reminder carries a typed [`Message`], worded by
//! [`render`] ([`crate::texts`]) in [`Lang::En`] or [`Lang::ZhCn`] (the
//! `Lang` of the rules engine's explanations).

mod delivery;
mod plan;
mod policy;
mod time;

#[cfg(test)]
mod tests;

pub use crate::rules::Lang;
pub use crate::texts::{render, Message};
pub use delivery::{
    catch_up, catch_up_message, due, mobile_cap, next_wakeup, window_for_mobile, CatchUpSummary,
    ANDROID_ALARM_CAP, ANDROID_SCHEDULE_MAX, IOS_PENDING_CAP, IOS_SCHEDULE_MAX,
};
pub use plan::{
    fnv1a32, next_id, plan, plan_between, stable_id, PlannedReminder, ReminderKind,
    MIN_NOTICE_MINUTES, NAG_DAYS_WITHOUT_LOST_AT, PERIODIC_HORIZON_DAYS,
};
pub use policy::{
    snooze_until, BalanceInfo, LineReminderOverrides, OneOffReminder, PlanLine, QuietHours,
    ReminderPolicy, SnoozeChoice, DEFAULT_LEADS_DAYS,
};
pub(crate) use time::{local_date, local_naive};
