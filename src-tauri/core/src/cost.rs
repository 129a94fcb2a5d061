//! What keeping a number costs: the minimum to keep it for the next 12 months under its rule,
//! next to what the user actually spent over the last 12 months, and totals per currency
//! (never added across currencies) with the saving if every line moved to its minimum.
//!
//! The minimum counts the paid actions the rule needs within the horizon, acting on each
//! deadline day (the latest it can be done): from the current `act_by` (or today when it is
//! past or unknown), each action moves the deadline by the rule's period. What one action
//! costs comes from the rule itself where it says (a top-up tier, a balance rule's fee), else
//! the line's current plan (for a plan), else the preset's cheapest action where a source
//! states it, else the user's own last amount, and the result says which.

use std::collections::BTreeMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;
use specta::Type;

use crate::event::{Event, EventKind, Money};
use crate::line_plan::LinePlan;
use crate::rules::balance::billing_days_between;
use crate::rules::{event_counts, local_date, KeepAliveRule, Period};
use crate::summary::LineSummary;

/// The cost is counted this many months ahead (and the spend this many months back).
pub const HORIZON_MONTHS: u32 = 12;
/// At most this many actions are counted (a 1-day rule needs 366 in a year).
const ACTIONS_MAX: u32 = 400;

/// Where the cost of one action comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CostBasis {
    /// The rule's own top-up tiers (the cheapest way through them).
    Tiers,
    /// The balance rule's monthly fee.
    Fee,
    /// The line's current plan's price.
    Plan,
    /// The carrier preset's cheapest qualifying action, as a source states it.
    Preset,
    /// The user's own last amount for a qualifying action: no source states the cheapest.
    LastAmount,
    /// Not known: no rule, a fixed expiry, or no amount anywhere.
    Unknown,
}

/// One line's keep cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KeepCost {
    /// Paid actions needed in the next 12 months (`None` when unknown).
    pub actions: Option<u32>,
    /// What one costs.
    pub per_action: Option<Money>,
    /// `actions` × `per_action`: the least it takes to keep the number 12 more months.
    pub minimum: Option<Money>,
    pub basis: CostBasis,
    /// What was spent in the last 12 months (events with an amount, balance checks left out),
    /// one entry per currency, by code.
    pub spent: Vec<Money>,
    /// Spent (in the minimum's currency) minus the minimum, when positive; 0 when at or under
    /// it; `None` when the two cannot be compared.
    pub saving: Option<Money>,
}

/// A line's keep cost with what the list shows of the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineKeepCost {
    pub line_id: String,
    pub label: String,
    pub display_number: String,
    pub cost: KeepCost,
}

/// The totals of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotal {
    pub currency: String,
    /// Sum of the minimums in this currency.
    pub minimum: Money,
    /// Sum of what was spent in this currency.
    pub spent: Money,
    /// Sum of the savings of the lines whose minimum is in this currency.
    pub saving: Money,
    /// How many lines have their minimum in this currency.
    pub lines: u32,
}

/// Every active line's keep cost and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KeepCostReport {
    pub lines: Vec<LineKeepCost>,
    /// One per currency, by code; never summed across currencies.
    pub totals: Vec<CurrencyTotal>,
    /// Lines whose minimum is not known (left out of the totals' minimum and saving).
    pub unknown_lines: u32,
}

/// How many deadlines fall on or before `horizon`, from `first` on, each the previous moved by
/// `step` (at most [`ACTIONS_MAX`]).
fn deadlines_until(
    first: NaiveDate,
    horizon: NaiveDate,
    step: impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> u32 {
    let mut n = 0;
    let mut d = first;
    while d <= horizon && n < ACTIONS_MAX {
        n += 1;
        match step(d) {
            Some(next) if next > d => d = next,
            _ => break,
        }
    }
    n
}

fn times(m: &Money, n: u32) -> Money {
    Money::new(m.minor.saturating_mul(i64::from(n)), &m.currency)
}

/// What was spent in `(now - 12 months, now]`, per currency.
pub fn spent_last_year(events: &[Event], now: DateTime<Utc>) -> Vec<Money> {
    let since = now
        .checked_sub_months(Months::new(HORIZON_MONTHS))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for e in events {
        if e.kind == EventKind::BalanceCheck || e.occurred_at <= since || e.occurred_at > now {
            continue;
        }
        if let Some(a) = &e.amount {
            let sum = sums.entry(a.currency.clone()).or_insert(0);
            *sum = sum.saturating_add(a.minor);
        }
    }
    sums.into_iter().map(|(c, m)| Money::new(m, &c)).collect()
}

/// A line's keep cost at `now` from its summary, its events and its current plan.
pub fn keep_cost(
    summary: &LineSummary,
    events: &[Event],
    plan: Option<&LinePlan>,
    now: DateTime<Utc>,
) -> KeepCost {
    let spent = spent_last_year(events, now);
    let unknown = |spent: Vec<Money>| KeepCost {
        actions: None,
        per_action: None,
        minimum: None,
        basis: CostBasis::Unknown,
        spent,
        saving: None,
    };
    let Some(spec) = summary.rule.as_ref() else {
        return unknown(spent);
    };
    let Ok(tz) = spec.tz() else {
        return unknown(spent);
    };
    let today = local_date(now, tz);
    let Some(horizon) = today.checked_add_months(Months::new(HORIZON_MONTHS)) else {
        return unknown(spent);
    };
    // The first deadline to act on: the current one, or today when it is past or unknown.
    let first = summary
        .act_by
        .filter(|a| *a >= now)
        .map(|a| local_date(a, tz))
        .unwrap_or(today);
    // The user's own last amount for an action that counts.
    let last_amount = || {
        events
            .iter()
            .filter(|e| e.kind != EventKind::BalanceCheck)
            .filter(|e| event_counts(spec, tz, e).is_ok())
            .filter(|e| e.amount.as_ref().is_some_and(|a| a.minor > 0))
            .max_by_key(|e| e.occurred_at)
            .and_then(|e| e.amount.clone())
    };
    let preset = summary
        .carrier
        .as_ref()
        .and_then(|c| c.cheapest_action.clone());
    let by_period = |p: Period| deadlines_until(first, horizon, move |d| p.add_to(d));
    let (actions, per_action, basis) = match &spec.rule {
        KeepAliveRule::Rolling { period, .. } => {
            let n = by_period(*period);
            match (preset, last_amount()) {
                (Some(m), _) => (Some(n), Some(m), CostBasis::Preset),
                (None, Some(m)) => (Some(n), Some(m), CostBasis::LastAmount),
                (None, None) => (Some(n), None, CostBasis::Unknown),
            }
        }
        KeepAliveRule::RecurringPlan { period, .. } => {
            let n = by_period(*period);
            let plan_price = plan.and_then(|p| p.price.clone());
            match (plan_price, preset, last_amount()) {
                (Some(m), _, _) => (Some(n), Some(m), CostBasis::Plan),
                (None, Some(m), _) => (Some(n), Some(m), CostBasis::Preset),
                (None, None, Some(m)) => (Some(n), Some(m), CostBasis::LastAmount),
                (None, None, None) => (Some(n), None, CostBasis::Unknown),
            }
        }
        KeepAliveRule::TopupValidity { tiers, .. } => {
            // The cheapest way through the tiers: fewer big top-ups or more small ones.
            let best = tiers
                .iter()
                .map(|t| {
                    let n = deadlines_until(first, horizon, |d| t.add_to(d));
                    (t.min_amount.minor.saturating_mul(i64::from(n)), n, t)
                })
                .min_by_key(|(cost, n, _)| (*cost, *n));
            match best {
                Some((_, n, t)) => (Some(n), Some(t.min_amount.clone()), CostBasis::Tiers),
                None => (None, None, CostBasis::Unknown),
            }
        }
        KeepAliveRule::Balance {
            fee: Some(fee),
            billing_day,
        } => {
            let n = billing_days_between(today, horizon, *billing_day);
            let n = u32::try_from(n.max(0)).unwrap_or(0);
            (Some(n), Some(fee.clone()), CostBasis::Fee)
        }
        KeepAliveRule::Balance { fee: None, .. } | KeepAliveRule::FixedExpiry { .. } => {
            (None, None, CostBasis::Unknown)
        }
    };
    let minimum = match (actions, &per_action) {
        (Some(n), Some(m)) => Some(times(m, n)),
        _ => None,
    };
    let saving = minimum.as_ref().and_then(|min| {
        spent
            .iter()
            .find(|s| s.currency == min.currency)
            .map(|s| Money::new(s.minor.saturating_sub(min.minor).max(0), &min.currency))
    });
    KeepCost {
        actions,
        per_action,
        minimum,
        basis,
        spent,
        saving,
    }
}

/// The report from every line's cost: totals per currency, never across currencies.
pub fn report(lines: Vec<LineKeepCost>) -> KeepCostReport {
    let mut totals: BTreeMap<String, CurrencyTotal> = BTreeMap::new();
    let zero = |c: &str| CurrencyTotal {
        currency: c.to_owned(),
        minimum: Money::new(0, c),
        spent: Money::new(0, c),
        saving: Money::new(0, c),
        lines: 0,
    };
    let add = |a: &mut Money, b: &Money| a.minor = a.minor.saturating_add(b.minor);
    let mut unknown_lines = 0;
    for l in &lines {
        for s in &l.cost.spent {
            let t = totals
                .entry(s.currency.clone())
                .or_insert_with(|| zero(&s.currency));
            add(&mut t.spent, s);
        }
        match &l.cost.minimum {
            Some(m) => {
                let t = totals
                    .entry(m.currency.clone())
                    .or_insert_with(|| zero(&m.currency));
                add(&mut t.minimum, m);
                t.lines += 1;
                if let Some(s) = &l.cost.saving {
                    add(&mut t.saving, s);
                }
            }
            None => unknown_lines += 1,
        }
    }
    KeepCostReport {
        lines,
        totals: totals.into_values().collect(),
        unknown_lines,
    }
}
