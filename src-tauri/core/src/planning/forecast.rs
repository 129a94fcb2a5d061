//! The forecast: the renewals each line's rule asks for in the next 12 months, and what they
//! are expected to cost, per month and per currency (never added across currencies).
//!
//! Each renewal is assumed to be made on its deadline day, so the count is the fewest the rule
//! allows ([`super::Cadence::actions_in`]): a 6-month rolling rule due in 2 months needs 2, a
//! monthly plan 12, a 180-day rule due tomorrow 3 (tomorrow, +180 and +360 days). A line past
//! its deadline (not yet lost) needs a renewal today, and its rule counts on from that renewal.
//! A fixed expiry counts once: the carrier decides what comes after it.
//!
//! The period is `[today, today + 12 months)` in the user's zone; months are the calendar
//! months it touches (the first and the last one partly, unless today is the 1st).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::Serialize;
use specta::Type;

use super::{
    local_date, triage, user_day_of_rule_day, Cadence, CostSource, LeftOut, PlanningLine, Totals,
};
use crate::event::{EventKind, Money};
use crate::rules::end_of_local_day;
use crate::summary::EvalContext;

/// How many months the forecast looks ahead.
pub const FORECAST_MONTHS: u32 = 12;

/// One renewal a line needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ForecastAction {
    /// The day to renew on (at the latest): a local date in the user's zone.
    pub date: NaiveDate,
    /// The deadline (for an overdue line, the one already past).
    pub act_by: DateTime<Utc>,
    /// The line is already past `act_by`: renew today.
    pub overdue: bool,
}

/// One line's renewals in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineForecast {
    pub line_id: String,
    pub label: String,
    pub display_number: String,
    /// The kind of event that renews it.
    pub action: EventKind,
    pub cadence: Cadence,
    pub actions: Vec<ForecastAction>,
    /// The expected cost of one renewal; `None` when unknown (`cost_source` is `unknown`).
    pub cost_per_action: Option<Money>,
    pub cost_source: CostSource,
    /// The line's cost over the period (the next 12 months: its cost per year), when known.
    pub period_cost: Option<Money>,
    /// The rule does not say what follows its last known deadline (a fixed expiry): later
    /// renewals are not counted.
    pub open_ended: bool,
}

/// One calendar month of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ForecastMonth {
    pub year: i32,
    /// 1-12.
    pub month: u32,
    /// The part of the month inside the period: first and last day (inclusive).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub actions: u32,
    /// Expected cost per currency, by currency code.
    pub totals: Vec<Money>,
    /// Renewals in the month whose cost is not known (not in `totals`).
    pub unknown_cost_actions: u32,
}

/// The forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// The user's zone the days are in.
    pub zone: String,
    /// The period: `[from, to)`.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub months: Vec<ForecastMonth>,
    /// Soonest first renewal first; lines with no renewal in the period last.
    pub lines: Vec<LineForecast>,
    pub actions: u32,
    /// Expected cost per currency over the period, by currency code.
    pub totals: Vec<Money>,
    pub unknown_cost_actions: u32,
    pub left_out: Vec<LeftOut>,
}

#[derive(Default)]
struct MonthAcc {
    actions: u32,
    totals: Totals,
    unknown: u32,
}

/// The forecast for `lines` over the `months` months from `ctx.now` (normally
/// [`FORECAST_MONTHS`]). O(n log n + renewals).
pub fn forecast(lines: &[PlanningLine], ctx: &EvalContext, months: u32) -> Forecast {
    let zone = ctx.user_zone;
    let from = local_date(ctx.now, zone);
    let to = from
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    let (plannable, left_out) = triage(lines, ctx);
    let mut out_lines = Vec::with_capacity(plannable.len());
    let mut by_month: BTreeMap<(i32, u32), MonthAcc> = BTreeMap::new();
    let mut totals = Totals::default();
    let (mut all_actions, mut all_unknown) = (0u32, 0u32);
    for p in &plannable {
        let s = &p.line.summary;
        let overdue = p.act_by < ctx.now;
        let rule_day = local_date(p.act_by, p.tz);
        let mut actions: Vec<ForecastAction> = Vec::new();
        // The first renewal: on the deadline day, or today when that has passed.
        let first_day = if overdue {
            from
        } else {
            local_date(p.act_by, zone)
        };
        if first_day < to {
            actions.push(ForecastAction {
                date: first_day,
                act_by: p.act_by,
                overdue,
            });
        }
        // The ones after it, in the rule's zone, from the renewal just counted.
        let renewed = if overdue {
            p.terms
                .cadence
                .renew_on(local_date(ctx.now, p.tz), rule_day)
        } else {
            p.terms.cadence.next_after(rule_day)
        };
        if let Some((next, cadence)) = renewed {
            // Rule-zone dates up to a day past the period may still fall inside it in the
            // user's zone; the user-zone check below decides.
            let rule_to = to.succ_opt().unwrap_or(to).succ_opt().unwrap_or(to);
            for d in cadence.actions_in(next, NaiveDate::MIN, rule_to) {
                let (Some(act_by), Some(date)) = (
                    end_of_local_day(d, p.tz),
                    user_day_of_rule_day(d, p.tz, zone),
                ) else {
                    break;
                };
                if date >= to {
                    break;
                }
                if date >= from {
                    actions.push(ForecastAction {
                        date,
                        act_by,
                        overdue: false,
                    });
                }
            }
        }
        let count = u32::try_from(actions.len()).unwrap_or(u32::MAX);
        all_actions = all_actions.saturating_add(count);
        let cost = p.terms.cost.clone();
        for a in &actions {
            let acc = by_month.entry((a.date.year(), a.date.month())).or_default();
            acc.actions += 1;
            match &cost {
                Some(m) => acc.totals.add(m),
                None => acc.unknown += 1,
            }
        }
        let period_cost = cost
            .as_ref()
            .map(|m| Money::new(m.minor.saturating_mul(i64::from(count)), &m.currency));
        match &period_cost {
            Some(m) => totals.add(m),
            None => all_unknown = all_unknown.saturating_add(count),
        }
        out_lines.push(LineForecast {
            line_id: s.line.id.clone(),
            label: s.line.label.clone(),
            display_number: s.line.display_number.clone(),
            action: p.terms.action,
            cadence: p.terms.cadence,
            actions,
            cost_per_action: cost,
            cost_source: p.terms.cost_source,
            period_cost,
            open_ended: matches!(p.terms.cadence, Cadence::Once),
        });
    }
    out_lines.sort_by(|a, b| {
        let key = |l: &LineForecast| {
            (
                l.actions.first().map(|x| x.act_by).is_none(),
                l.actions.first().map(|x| x.act_by),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.line_id.cmp(&b.line_id))
    });
    Forecast {
        zone: zone.name().to_owned(),
        from,
        to,
        months: month_rows(from, to, months, &by_month),
        lines: out_lines,
        actions: all_actions,
        totals: totals.to_vec(),
        unknown_cost_actions: all_unknown,
        left_out,
    }
}

/// Every calendar month the period `[from, to)` touches, with its counts.
fn month_rows(
    from: NaiveDate,
    to: NaiveDate,
    months: u32,
    by_month: &BTreeMap<(i32, u32), MonthAcc>,
) -> Vec<ForecastMonth> {
    let mut out = Vec::new();
    let Some(mut start) = from.with_day(1) else {
        return out;
    };
    // One row per month of the period, plus the partial last one.
    for _ in 0..=months {
        if start >= to {
            break;
        }
        let Some(next) = start.checked_add_months(Months::new(1)) else {
            break;
        };
        let first_day = start.max(from);
        let last_day = next.min(to).pred_opt().unwrap_or(first_day);
        let acc = by_month.get(&(start.year(), start.month()));
        out.push(ForecastMonth {
            year: start.year(),
            month: start.month(),
            first_day,
            last_day,
            actions: acc.map_or(0, |a| a.actions),
            totals: acc.map(|a| a.totals.to_vec()).unwrap_or_default(),
            unknown_cost_actions: acc.map_or(0, |a| a.unknown),
        });
        start = next;
    }
    out
}
