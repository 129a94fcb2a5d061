//! From a rule and the events to `act_by`, `lost_at`, a status and the days left.
//!
//! Time rules (design.md "Time"): days are counted on local dates in the rule's zone; a
//! deadline is 23:59:59 local time on its date ([`end_of_local_day`]); months clamp at the end
//! of the month (chrono's `checked_add_months`). The user's own zone is not an input, so it can
//! never move an instant.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::balance::balance_rule;
use super::counts::{event_counts, rolling_counts, tier_for};
use super::explain::{Basis, BasisKind};
use super::rule::{KeepAliveRule, Period, RuleSpec, Tier};
use crate::error::ErrorCode;
use crate::event::{Event, EventKind};

/// A line's state at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// More than `due_soon_days` before `act_by`.
    Ok,
    /// `act_by` is at most `due_soon_days` × 24 h away.
    DueSoon,
    /// Past `act_by`, not yet past `lost_at`.
    Overdue,
    /// Past `lost_at`.
    Lost,
    /// The rule cannot compute a deadline (see the basis).
    Unknown,
}

impl Status {
    /// Whether the user should do something now: the deadline is near or past (the "needs
    /// action" view, and what a tapped catch-up summary opens).
    pub fn needs_action(self) -> bool {
        matches!(self, Self::DueSoon | Self::Overdue)
    }
}

/// What [`evaluate`] derives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Renew before this instant (23:59:59 local time in the rule's zone).
    pub act_by: Option<DateTime<Utc>>,
    /// The number is lost after this instant: `act_by` + grace (same 23:59:59 rule), or
    /// `act_by` itself without grace. Always `>= act_by`.
    pub lost_at: Option<DateTime<Utc>>,
    pub status: Status,
    /// Calendar days in the rule's zone from the local date of `now` to the local date of
    /// `act_by`: 0 on the last day, negative once overdue. (A TypeScript `number`.)
    #[specta(type = Option<f64>)]
    pub days_left: Option<i64>,
    /// How the deadline was found, for [`super::explain_text`] or the UI's own rendering.
    pub basis: Basis,
}

/// The local date of an instant in `tz`.
pub fn local_date(instant: DateTime<Utc>, tz: Tz) -> NaiveDate {
    instant.with_timezone(&tz).date_naive()
}

/// The instant a local date ends in `tz`: 23:59:59 local time. When that local time occurs
/// twice (a fall-back overlap) the earlier instant is taken; when it does not exist (a
/// spring-forward gap that swallows it, as at midnight in America/Nuuk, or a skipped day as in
/// Pacific/Apia on 30 Dec 2011) it is the last instant before the jump, whose local time is
/// still on or before that date: never an instant of the next day. `None` only beyond
/// chrono's range.
pub fn end_of_local_day(date: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    let local = date.and_hms_opt(23, 59, 59)?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        LocalResult::None => last_instant_before_gap(local, tz),
    }
}

/// The last instant whose wall-clock time in `tz` is at most `target`, for a `target` inside a
/// gap: the second before the transition that skips it. Found by bisection over the two days
/// before the instant `target` would be with the offset in force a day earlier (which is past
/// the jump), so at most ~18 steps.
fn last_instant_before_gap(target: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    let wall = |t: DateTime<Utc>| {
        let utc = t.naive_utc();
        utc.checked_add_offset(tz.offset_from_utc_datetime(&utc).fix())
            .unwrap_or(utc)
    };
    let day_before = target.checked_sub_signed(Duration::days(1))?;
    let offset = tz.offset_from_local_datetime(&day_before).earliest()?.fix();
    // `hi` is read with the earlier offset: at or after the jump, so its wall time is past
    // `target`; `lo` is two days earlier, well before it.
    let hi = target
        .checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())))?
        .and_utc()
        .timestamp();
    let at = |secs: i64| DateTime::<Utc>::from_timestamp(secs, 0);
    let mut hi = hi;
    let mut lo = hi.checked_sub(2 * 86_400)?;
    if wall(at(lo)?) > target || wall(at(hi)?) <= target {
        return None;
    }
    // Invariant: wall(lo) <= target < wall(hi), in whole seconds.
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if wall(at(mid)?) <= target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    at(lo)
}

/// Sorts events into a deterministic time order whatever order they came in.
fn sorted<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<&'a Event> {
    let mut v: Vec<&Event> = events.collect();
    v.sort_by(|a, b| {
        (
            a.occurred_at,
            a.kind,
            &a.id,
            &a.amount.as_ref().map(|m| m.minor),
        )
            .cmp(&(
                b.occurred_at,
                b.kind,
                &b.id,
                &b.amount.as_ref().map(|m| m.minor),
            ))
    });
    v
}

/// What a rule kind yields before grace and status: the `act_by` local date and its basis.
/// `None` when no date can be computed (the basis says why).
type Found = (Option<NaiveDate>, Basis);

fn rolling(
    period: Period,
    qualifying: &[EventKind],
    charged: &[EventKind],
    events: &[Event],
    tz: Tz,
    mut basis: Basis,
) -> Found {
    let last = sorted(
        events
            .iter()
            .filter(|e| rolling_counts(qualifying, charged, e).is_ok()),
    )
    .last()
    .copied();
    basis.period = Some(period);
    let Some(e) = last else {
        // Without a known last activity there is no honest deadline: the line's creation is
        // not an activity, and a SIM last used months before it was added would look safe.
        basis.kind = BasisKind::NeedsLastActivity;
        basis.qualifying = qualifying.to_vec();
        return (None, basis);
    };
    basis.kind = BasisKind::RollingSinceEvent;
    basis.event_kind = Some(e.kind);
    basis.event_at = Some(e.occurred_at);
    let base = local_date(e.occurred_at, tz);
    basis.base_date = Some(base);
    match period.add_to(base) {
        Some(d) => (Some(d), basis),
        None => (None, basis.out_of_range()),
    }
}

fn topup_validity(
    tiers: &[Tier],
    stack: bool,
    cap_days: Option<u32>,
    events: &[Event],
    tz: Tz,
    mut basis: Basis,
) -> Found {
    basis.kind = BasisKind::TopupValidity;
    basis.stacked = stack;
    let topups = sorted(events.iter().filter(|e| e.kind == EventKind::Topup));
    let mut expiry: Option<NaiveDate> = None;
    let mut count = 0u32;
    for e in topups {
        let Some(amount) = &e.amount else { continue };
        let Some(tier) = tier_for(tiers, amount) else {
            continue;
        };
        let date = local_date(e.occurred_at, tz);
        let start = match (stack, expiry) {
            (true, Some(x)) if x >= date => x,
            _ => date,
        };
        let Some(mut candidate) = tier.add_to(start) else {
            return (None, basis.out_of_range());
        };
        if let Some(cap) = cap_days {
            if let Some(limit) = date.checked_add_days(chrono::Days::new(u64::from(cap))) {
                candidate = candidate.min(limit);
            }
        }
        count += 1;
        // Keep the later expiry; the basis names the event that set it (the later one on a tie).
        if expiry.is_none_or(|x| candidate >= x) {
            expiry = Some(candidate);
            basis.event_kind = Some(e.kind);
            basis.event_at = Some(e.occurred_at);
            basis.base_date = Some(date);
            basis.amount = Some(amount.clone());
            basis.validity_days = Some(tier.days);
            basis.validity_months = Some(tier.months);
        }
    }
    basis.counted_events = Some(count);
    match expiry {
        Some(d) => (Some(d), basis),
        None => {
            basis.kind = BasisKind::NoQualifyingTopup;
            basis.lowest_tier = tiers.first().map(|t| t.min_amount.clone());
            (None, basis)
        }
    }
}

/// The index of the cycle a date falls in (`None` before the anchor or past chrono's range).
fn cycle_of(period: Period, anchor: NaiveDate, date: NaiveDate) -> Option<u32> {
    if date < anchor {
        return None;
    }
    match period {
        Period::Days(n) => {
            let days = u64::try_from((date - anchor).num_days()).ok()?;
            u32::try_from(days / u64::from(n.max(1))).ok()
        }
        Period::Months(n) => {
            use chrono::Datelike;
            let months = (i64::from(date.year()) - i64::from(anchor.year())) * 12
                + i64::from(date.month())
                - i64::from(anchor.month());
            let mut k = u32::try_from(months).ok()? / n.max(1);
            // A clamped start may still lie after `date` within the same month.
            while k > 0 && period.add_times(anchor, k)? > date {
                k -= 1;
            }
            Some(k)
        }
    }
}

fn recurring_plan(
    period: Period,
    anchor: Option<NaiveDate>,
    events: &[Event],
    line_created_at: DateTime<Utc>,
    tz: Tz,
    mut basis: Basis,
) -> Found {
    basis.kind = BasisKind::RecurringPlan;
    basis.period = Some(period);
    let payments = sorted(
        events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::PlanPayment | EventKind::Topup)),
    );
    // (cycle-grid origin, index of the latest paid cycle); the first cycle counts as paid.
    let mut state: Option<(NaiveDate, u32)> = None;
    let mut count = 0u32;
    for e in payments {
        let date = local_date(e.occurred_at, tz);
        let next = match anchor {
            // Fixed grid: the payment's own cycle, or the first unpaid one after it.
            Some(a) => {
                let Some(c) = cycle_of(period, a, date) else {
                    continue;
                };
                match state {
                    Some((_, p)) => (a, c.max(p.saturating_add(1))),
                    None => (a, c),
                }
            }
            // Floating grid: a payment while paid up buys the next cycle; after a lapse (or
            // for the first payment) a new run of cycles starts on the payment's date.
            None => match state {
                Some((origin, p))
                    if period_end(period, origin, p).is_some_and(|end| date <= end) =>
                {
                    (origin, p.saturating_add(1))
                }
                _ => (date, 0),
            },
        };
        count += 1;
        state = Some(next);
        basis.event_kind = Some(e.kind);
        basis.event_at = Some(e.occurred_at);
        basis.amount = e.amount.clone();
    }
    basis.counted_events = Some(count);
    let (origin, covered) =
        state.unwrap_or_else(|| (anchor.unwrap_or_else(|| local_date(line_created_at, tz)), 0));
    basis.anchor = Some(origin);
    match (
        period.add_times(origin, covered),
        period_end(period, origin, covered),
    ) {
        (Some(start), Some(end)) => {
            basis.base_date = Some(start);
            basis.cycle_index = Some(covered);
            (Some(end), basis)
        }
        _ => (None, basis.out_of_range()),
    }
}

/// The last day of cycle `k` of a grid starting on `origin`.
fn period_end(period: Period, origin: NaiveDate, k: u32) -> Option<NaiveDate> {
    period.add_times(origin, k.checked_add(1)?)?.pred_opt()
}

/// Derives the deadline, the loss date and the status of a line at `now`.
///
/// - `spec` is validated first; an invalid spec gives `Status::Unknown` with basis
///   `invalid_rule` (and the error's code and field), never a panic.
/// - `events` may be in any order and may include any kinds; the rule picks what counts.
/// - A `rolling` rule with no qualifying event gives `unknown` with basis
///   `needs_last_activity` (naming the qualifying kinds): the line asks for its last activity
///   instead of counting from the day it was added.
/// - `line_created_at` stands in for the start of a `recurring_plan` without anchor or payment
///   (basis `recurring_plan` with `counted_events` 0).
/// - `due_soon_days`: the status is `due_soon` when `act_by - now <= due_soon_days × 24 h`.
///
/// Status: `lost` if `now > lost_at`, else `overdue` if `now > act_by`, else `due_soon` as
/// above, else `ok`; `unknown` when no deadline can be computed (a `rolling` rule with no
/// qualifying event, a `topup_validity` rule with no top-up that reaches a tier, an invalid
/// spec, or dates beyond chrono's calendar).
pub fn evaluate(
    spec: &RuleSpec,
    events: &[Event],
    line_created_at: DateTime<Utc>,
    now: DateTime<Utc>,
    due_soon_days: u32,
) -> Evaluation {
    let unknown = |basis: Basis| Evaluation {
        act_by: None,
        lost_at: None,
        status: Status::Unknown,
        days_left: None,
        basis,
    };
    let spec = match spec.validate_template() {
        Ok(s) => s,
        Err(e) => {
            let mut basis = Basis::new(BasisKind::InvalidRule, spec.zone.trim());
            basis.error = Some(e.code());
            basis.error_field = e.field();
            return unknown(basis);
        }
    };
    let tz = match spec.tz() {
        Ok(tz) => tz,
        Err(_) => {
            let mut basis = Basis::new(BasisKind::InvalidRule, &spec.zone);
            basis.error = Some(ErrorCode::InvalidZone);
            return unknown(basis);
        }
    };
    let mut basis = Basis::new(BasisKind::FixedExpiry, tz.name());
    basis.grace = spec.grace;
    let found = match &spec.rule {
        KeepAliveRule::Rolling {
            period,
            qualifying,
            charged,
        } => rolling(*period, qualifying, charged, events, tz, basis),
        KeepAliveRule::TopupValidity {
            tiers,
            stack,
            cap_days,
        } => topup_validity(tiers, *stack, *cap_days, events, tz, basis),
        KeepAliveRule::FixedExpiry { expires_on } => {
            basis.base_date = Some(*expires_on);
            (Some(*expires_on), basis)
        }
        KeepAliveRule::RecurringPlan { period, anchor } => {
            recurring_plan(*period, *anchor, events, line_created_at, tz, basis)
        }
        KeepAliveRule::Balance { fee, billing_day } => {
            basis.balance_rule = true;
            match fee {
                Some(fee) => balance_rule(fee, *billing_day, events, tz, now, basis),
                None => {
                    basis.kind = BasisKind::FeeNotSet;
                    (None, basis)
                }
            }
        }
    };
    let (act_date, mut basis) = match found {
        (Some(d), basis) => (d, basis),
        // A balance that never runs out is safe, with no deadline to show.
        (None, basis) if basis.kind == BasisKind::BalanceNeverRunsOut => {
            return Evaluation {
                status: Status::Ok,
                ..unknown(basis)
            }
        }
        (None, basis) => return unknown(basis),
    };
    // A grace that also starts when the balance runs out: an earlier zero balance wins.
    let act_date = match zero_balance_date(&spec, tz, events) {
        Some(z) if z < act_date => {
            basis.zero_balance_on = Some(z);
            z
        }
        _ => act_date,
    };
    let Some(act_by) = end_of_local_day(act_date, tz) else {
        return unknown(basis.out_of_range());
    };
    let lost_at = match &spec.grace {
        None => act_by,
        Some(g) => match g.add_to(act_date).and_then(|d| end_of_local_day(d, tz)) {
            Some(t) => t.max(act_by),
            None => return unknown(basis.out_of_range()),
        },
    };
    // Past 9999-12-31T23:59:59Z (a date near 9999 plus grace, or a zone west of UTC): too far
    // to store or show, so no instant at all rather than one nobody can read.
    if !crate::instant::in_range(act_by) || !crate::instant::in_range(lost_at) {
        return unknown(basis.out_of_range());
    }
    basis.act_by_local = Some(local_naive(act_by, tz));
    basis.lost_at_local = Some(local_naive(lost_at, tz));
    let days_left = (local_date(act_by, tz) - local_date(now, tz)).num_days();
    let status = status_at(act_by, lost_at, now, due_soon_days);
    Evaluation {
        act_by: Some(act_by),
        lost_at: Some(lost_at),
        status,
        days_left: Some(days_left),
        basis,
    }
}

/// For a grace with `at_zero_balance` (not under a balance rule, which has its own): the local
/// date of the latest logged balance of zero or less that is later than every event that
/// counts under the rule (a top-up after it ends it).
fn zero_balance_date(spec: &RuleSpec, tz: Tz, events: &[Event]) -> Option<NaiveDate> {
    if !spec.grace.is_some_and(|g| g.at_zero_balance)
        || matches!(spec.rule, KeepAliveRule::Balance { .. })
    {
        return None;
    }
    let last_counted = events
        .iter()
        .filter(|e| e.kind != EventKind::BalanceCheck && event_counts(spec, tz, e).is_ok())
        .map(|e| e.occurred_at)
        .max();
    let latest_balance = sorted(events.iter().filter(|e| e.balance_after.is_some()))
        .last()
        .copied()?;
    let zero = latest_balance
        .balance_after
        .as_ref()
        .is_some_and(|b| b.minor <= 0);
    (zero && last_counted.is_none_or(|c| latest_balance.occurred_at > c))
        .then(|| local_date(latest_balance.occurred_at, tz))
}

fn local_naive(t: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// The status at `now` for known instants (see [`evaluate`]).
pub fn status_at(
    act_by: DateTime<Utc>,
    lost_at: DateTime<Utc>,
    now: DateTime<Utc>,
    due_soon_days: u32,
) -> Status {
    if now > lost_at {
        Status::Lost
    } else if now > act_by {
        Status::Overdue
    } else if act_by - now <= Duration::days(i64::from(due_soon_days)) {
        Status::DueSoon
    } else {
        Status::Ok
    }
}
