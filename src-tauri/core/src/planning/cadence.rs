//! What a renewal does under each rule kind: the one `match` over [`KeepAliveRule`] in the
//! planning views ([`terms`]), and the arithmetic of deadlines that follow one another
//! ([`Cadence`]). All dates here are local dates in the rule's zone, as the rules engine counts
//! them (see [`crate::rules::evaluate`] for the semantics this mirrors).

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use specta::Type;

use super::LastAmounts;
use crate::event::{EventKind, Money};
use crate::rules::{Basis, KeepAliveRule, Period, Tier};

/// At most this many deadlines are walked through by [`Cadence::actions_in`] (ten years of a
/// one-day period), so no input makes it loop for long.
pub const STEPS_MAX: usize = 4000;

/// How a line's deadlines follow one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Cadence {
    /// A renewal made on day `d` moves the deadline to `d` + `months` months + `days` days (a
    /// rolling rule's period, or a top-up tier's validity), at most `cap_days` after `d`, and
    /// never earlier than it was. With `stacks` the validity is added to the current deadline
    /// instead (when that is not past), so renewing early loses nothing.
    After {
        months: u32,
        days: u32,
        cap_days: Option<u32>,
        stacks: bool,
    },
    /// A plan paid in cycles of `period` on a grid from `origin`; the deadline is the last day
    /// of the latest paid cycle. A payment while paid up buys the next cycle. After a lapse a
    /// payment pays the cycle its date falls in (`fixed_grid`: an anchored plan) or starts a
    /// new run of cycles on its own date. Without an `origin` the grid starts the day after
    /// the current deadline.
    Cycles {
        period: Period,
        origin: Option<NaiveDate>,
        fixed_grid: bool,
    },
    /// The rule names one date (an expiry the carrier reported); what a renewal does is not
    /// known until the user types the next expiry.
    Once,
}

/// Where the expected cost of a renewal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CostSource {
    /// The latest amount logged for this kind of event on this line.
    LastLogged,
    /// Nothing logged: the smallest top-up the rule itself names (its lowest tier).
    RuleMinimum,
    /// Not known: no amount logged for this kind of event.
    Unknown,
}

/// What the line's log tells [`terms`] beyond the rule. Everything is optional; without it
/// `terms` assumes the cheapest renewal the rule allows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hint<'a> {
    /// The evaluation's basis: the event that set the deadline, a plan's grid origin.
    pub basis: Option<&'a Basis>,
    /// The kind of the latest event that was not a balance check.
    pub last_renewal_kind: Option<EventKind>,
    pub amounts: Option<&'a LastAmounts>,
}

/// What renewing a line involves under its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub cadence: Cadence,
    /// The kind of event that renews the line.
    pub action: EventKind,
    /// The expected amount of one renewal.
    pub cost: Option<Money>,
    pub cost_source: CostSource,
}

/// The highest tier an amount reaches, if the currency matches (as the rules engine reads it).
fn tier_for<'a>(tiers: &'a [Tier], amount: &Money) -> Option<&'a Tier> {
    tiers
        .iter()
        .filter(|t| {
            t.min_amount.currency.eq_ignore_ascii_case(&amount.currency)
                && amount.minor >= t.min_amount.minor
        })
        .max_by_key(|t| t.min_amount.minor)
}

fn logged_cost(amount: Option<Money>) -> (Option<Money>, CostSource) {
    match amount {
        Some(m) => (Some(m), CostSource::LastLogged),
        None => (None, CostSource::Unknown),
    }
}

/// What renewing under `rule` involves: the kind of event, how deadlines follow one another
/// when each renewal is made on its deadline day, and the expected cost of one renewal.
///
/// - `rolling`: the kind of the event that set the deadline if it qualifies (else a top-up if
///   it qualifies, else the first qualifying kind); each renewal moves the deadline a period
///   after it. Cost: the latest amount logged for that kind.
/// - `topup_validity`: a top-up. The validity is that of the tier the latest logged top-up
///   reaches (else of the top-up that set the deadline, else the lowest tier); cost: that
///   top-up's amount, or the lowest tier's minimum ([`CostSource::RuleMinimum`]).
/// - `fixed_expiry`: the kind of the latest renewal (else a top-up), once: the carrier decides
///   what comes after.
/// - `recurring_plan`: a plan payment (or a top-up when that is what paid the latest cycle),
///   one per cycle on the plan's grid.
/// - `balance`: the monthly fee, topped up once a month after the next deadline.
///
/// This is the only `match` over rule kinds in the planning views; it has no wildcard arm,
/// so a new rule kind does not compile until it says what a renewal does.
pub fn terms(rule: &KeepAliveRule, hint: &Hint<'_>) -> Terms {
    let logged = |k: EventKind| hint.amounts.and_then(|a| a.get(k)).cloned();
    let counted_kind = hint.basis.and_then(|b| b.event_kind);
    match rule {
        KeepAliveRule::Rolling {
            period, qualifying, ..
        } => {
            let action = counted_kind
                .filter(|k| qualifying.contains(k))
                .or_else(|| {
                    qualifying
                        .contains(&EventKind::Topup)
                        .then_some(EventKind::Topup)
                })
                .or_else(|| qualifying.first().copied())
                .unwrap_or(EventKind::Topup);
            let (months, days) = match *period {
                Period::Days(n) => (0, n),
                Period::Months(n) => (n, 0),
            };
            let (cost, cost_source) = logged_cost(logged(action));
            Terms {
                cadence: Cadence::After {
                    months,
                    days,
                    cap_days: None,
                    stacks: false,
                },
                action,
                cost,
                cost_source,
            }
        }
        KeepAliveRule::TopupValidity {
            tiers,
            stack,
            cap_days,
        } => {
            let last = logged(EventKind::Topup);
            let from_log = last
                .as_ref()
                .and_then(|m| tier_for(tiers, m).map(|t| (t, m.clone())));
            let from_basis = hint
                .basis
                .and_then(|b| b.amount.as_ref())
                .and_then(|m| tier_for(tiers, m).map(|t| (t, m.clone())));
            let (tier, cost, cost_source) = match from_log.or(from_basis) {
                Some((t, m)) => (Some(t), Some(m), CostSource::LastLogged),
                None => match tiers.first() {
                    Some(t) => (Some(t), Some(t.min_amount.clone()), CostSource::RuleMinimum),
                    None => (None, None, CostSource::Unknown),
                },
            };
            let cadence = match tier {
                Some(t) => Cadence::After {
                    months: t.months,
                    days: t.days,
                    cap_days: *cap_days,
                    stacks: *stack,
                },
                None => Cadence::Once,
            };
            Terms {
                cadence,
                action: EventKind::Topup,
                cost,
                cost_source,
            }
        }
        KeepAliveRule::FixedExpiry { .. } => {
            let action = hint.last_renewal_kind.unwrap_or(EventKind::Topup);
            let (cost, cost_source) = logged_cost(logged(action));
            Terms {
                cadence: Cadence::Once,
                action,
                cost,
                cost_source,
            }
        }
        KeepAliveRule::RecurringPlan { period, anchor } => {
            let action = counted_kind
                .filter(|k| matches!(k, EventKind::PlanPayment | EventKind::Topup))
                .unwrap_or(EventKind::PlanPayment);
            let (cost, cost_source) = logged_cost(logged(action));
            Terms {
                cadence: Cadence::Cycles {
                    period: *period,
                    origin: hint.basis.and_then(|b| b.anchor).or(*anchor),
                    fixed_grid: anchor.is_some(),
                },
                action,
                cost,
                cost_source,
            }
        }
        // A fee drawn from the balance each month: keeping the number costs the fee, paid
        // by topping up before the balance runs out (counted here as one top-up a month).
        KeepAliveRule::Balance { fee, .. } => Terms {
            cadence: Cadence::Cycles {
                period: Period::Months(1),
                origin: None,
                fixed_grid: false,
            },
            action: EventKind::Topup,
            cost: fee.clone(),
            cost_source: if fee.is_some() {
                CostSource::RuleMinimum
            } else {
                CostSource::Unknown
            },
        },
    }
}

/// The deadlines from `first` (the line's next deadline) on, with each renewal made on its
/// deadline day, that fall in `[from, to)`: the renewals `rule` needs in that period, assuming
/// the cheapest renewal it allows (the lowest tier of a top-up table; a plan's grid from its
/// anchor, or from the day after `first`). Dates are local dates in the rule's zone. For what
/// a line's own log says, use [`terms`] with a [`Hint`] and [`Cadence::actions_in`].
pub fn actions_in(
    rule: &KeepAliveRule,
    first: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    terms(rule, &Hint::default())
        .cadence
        .actions_in(first, from, to)
}

fn add_months_days(date: NaiveDate, months: u32, days: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))?
        .checked_add_days(Days::new(u64::from(days)))
}

/// The index of the cycle a date falls in on a grid from `origin` (`None` before the origin).
fn cycle_of(period: Period, origin: NaiveDate, date: NaiveDate) -> Option<u32> {
    if date < origin {
        return None;
    }
    match period {
        Period::Days(n) => {
            let days = u64::try_from((date - origin).num_days()).ok()?;
            u32::try_from(days / u64::from(n.max(1))).ok()
        }
        Period::Months(n) => {
            let months = (i64::from(date.year()) - i64::from(origin.year())) * 12
                + i64::from(date.month())
                - i64::from(origin.month());
            let mut k = u32::try_from(months).ok()? / n.max(1);
            // A clamped start may still lie after `date` within the same month.
            while k > 0 && period.add_times(origin, k)? > date {
                k -= 1;
            }
            Some(k)
        }
    }
}

/// The last day of cycle `k` of a grid from `origin`.
fn cycle_end(period: Period, origin: NaiveDate, k: u32) -> Option<NaiveDate> {
    period.add_times(origin, k.checked_add(1)?)?.pred_opt()
}

/// The end of the first cycle that ends after `date`.
fn first_end_after(period: Period, origin: NaiveDate, date: NaiveDate) -> Option<NaiveDate> {
    let Some(c) = cycle_of(period, origin, date) else {
        return cycle_end(period, origin, 0);
    };
    let end = cycle_end(period, origin, c)?;
    if end > date {
        Some(end)
    } else {
        cycle_end(period, origin, c.checked_add(1)?)
    }
}

impl Cadence {
    /// The deadline after a renewal on `day` while the deadline is `current`, and the cadence
    /// from then on (a lapsed plan without anchor starts a new grid). `None` for [`Self::Once`]
    /// or past chrono's calendar.
    pub fn renew_on(self, day: NaiveDate, current: NaiveDate) -> Option<(NaiveDate, Cadence)> {
        match self {
            Self::After {
                months,
                days,
                cap_days,
                stacks,
            } => {
                let start = if stacks && current >= day {
                    current
                } else {
                    day
                };
                let mut next = add_months_days(start, months, days)?;
                if let Some(cap) = cap_days {
                    if let Some(limit) = day.checked_add_days(Days::new(u64::from(cap))) {
                        next = next.min(limit);
                    }
                }
                Some((next.max(current), self))
            }
            Self::Cycles {
                period,
                origin,
                fixed_grid,
            } => {
                let origin = match origin {
                    Some(o) => o,
                    None => current.succ_opt()?,
                };
                let here = Self::Cycles {
                    period,
                    origin: Some(origin),
                    fixed_grid,
                };
                if day <= current {
                    Some((first_end_after(period, origin, current)?, here))
                } else if fixed_grid {
                    let end = match cycle_of(period, origin, day) {
                        Some(c) => cycle_end(period, origin, c)?,
                        None => cycle_end(period, origin, 0)?,
                    };
                    Some((end, here))
                } else {
                    let next = Self::Cycles {
                        period,
                        origin: Some(day),
                        fixed_grid,
                    };
                    Some((cycle_end(period, day, 0)?, next))
                }
            }
            Self::Once => None,
        }
    }

    /// The deadline after a renewal made on the deadline day `current` itself.
    pub fn next_after(self, current: NaiveDate) -> Option<(NaiveDate, Cadence)> {
        self.renew_on(current, current)
    }

    /// The deadlines from `first` on, each renewal made on its deadline day, that fall in
    /// `[from, to)`, in order. [`Self::Once`] gives `first` alone. At most [`STEPS_MAX`]
    /// deadlines are walked through.
    pub fn actions_in(self, first: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let (mut date, mut cadence) = (first, self);
        for _ in 0..STEPS_MAX {
            if date >= to {
                break;
            }
            if date >= from {
                out.push(date);
            }
            match cadence.next_after(date) {
                Some((next, c)) if next > date => (date, cadence) = (next, c),
                _ => break,
            }
        }
        out
    }

    /// The earliest day a renewal is worth making while the deadline is `current`, or `None`
    /// when any day before it is:
    /// - [`Self::After`] without stacking (a rolling period, a top-up tier): the first day a
    ///   renewal moves the deadline by at least half of what a renewal on the deadline day
    ///   would (for a rolling rule of period P: `current` − P/2); renewing earlier throws away
    ///   more than half a period.
    /// - [`Self::After`] with stacking: any day, unless a cap makes an early top-up lose
    ///   validity; then, as above, the first day it keeps at least half.
    /// - [`Self::Cycles`]: the first day of the paid cycle that ends on `current` (a payment
    ///   then buys the next cycle; one payment per cycle).
    /// - [`Self::Once`]: any day (the rule does not say what a renewal does).
    pub fn useful_from(self, current: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Once
            | Self::After {
                stacks: true,
                cap_days: None,
                ..
            } => None,
            Self::After { cap_days, .. } => {
                let (full, _) = self.next_after(current)?;
                let full_gain = (full - current).num_days();
                let useful = |d: NaiveDate| {
                    self.renew_on(d, current)
                        .is_some_and(|(n, _)| 2 * (n - current).num_days() >= full_gain)
                };
                // Far enough back that a renewal there gains nothing (or everything, when the
                // cap never binds: then any day is useful).
                let back = full_gain
                    .saturating_mul(2)
                    .saturating_add(i64::from(cap_days.unwrap_or(0)))
                    .saturating_add(1);
                let mut bad = current
                    .checked_sub_days(Days::new(back.unsigned_abs()))
                    .unwrap_or(NaiveDate::MIN);
                if useful(bad) {
                    return None;
                }
                let mut good = current;
                while (good - bad).num_days() > 1 {
                    let half = (good - bad).num_days() / 2;
                    let mid = bad
                        .checked_add_days(Days::new(half.unsigned_abs()))
                        .unwrap_or(good);
                    if useful(mid) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                Some(good)
            }
            Self::Cycles { period, origin, .. } => {
                let origin = origin?;
                let c = cycle_of(period, origin, current)?;
                period.add_times(origin, c)
            }
        }
    }
}
