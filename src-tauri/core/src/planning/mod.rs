//! The planning views: the fewest **renewal days** that renew every line before its deadline,
//! a 12-month **forecast** of the renewals each rule asks for and what they cost, and a calendar
//! **agenda** of deadlines, loss dates and planned reminders. Pure functions over the line
//! summaries (one store query for all lines, see [`crate::Store::planning_lines`]); no I/O, `now`
//! is a parameter.
//!
//! # Days
//!
//! Every day these views name is a local date in the user's zone (the reminder policy's
//! zone, [`crate::summary::EvalContext::user_zone`]). A line's *deadline day* is the local date
//! of its `act_by` instant there; renewing on that day is renewing in time as long as it is
//! done before `act_by` itself (each plan carries the instant, so the UI can say "before 07:59").
//! The rules count their own days in the carrier's zone; a date computed there (the start of a
//! renewal window, a later deadline) is turned into an instant in the carrier's zone and read
//! back in the user's.
//!
//! # What a renewal does, per rule ([`cadence`])
//!
//! [`cadence::terms`] is the one place that looks at the rule's kind: it says which kind of
//! event renews the line, how deadlines follow one another when each renewal is made on its
//! deadline day ([`Cadence`]), and what a renewal is expected to cost. Everything else works
//! from that, so a new rule kind is a compile error there and nowhere else.
//!
//! # Lines left out
//!
//! A line without a rule, without a known deadline (`unknown`), or already lost has no renewal
//! to plan: the views list it apart with the reason ([`LeftOut`]).

pub mod agenda;
pub mod cadence;
pub mod forecast;
pub mod renewal_days;
mod store;
mod text;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_store;

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::event::{Event, EventKind, Money};
use crate::rules::{end_of_local_day, Status};
use crate::summary::{EvalContext, Explanation, LineSummary};

pub use agenda::{
    agenda, month_grid, Agenda, AgendaDay, AgendaItem, AgendaKind, AgendaRange, GridDay, MonthGrid,
    WeekStart, AGENDA_MONTHS_MAX, AGENDA_REMINDERS_MAX,
};
pub use cadence::{actions_in, terms, Cadence, CostSource, Hint, Terms, STEPS_MAX};
pub use forecast::{
    forecast, Forecast, ForecastAction, ForecastMonth, LineForecast, FORECAST_MONTHS,
};
pub use renewal_days::{
    fewest_days, renewal_days, DayLine, DayReason, RenewalDay, RenewalDaysOptions, RenewalPlan,
    Window,
};

/// A line as the planning views see it: its summary (deadlines, rule, basis) and the latest
/// amount logged for each kind of event (the expected cost of the next renewal of that kind).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanningLine {
    pub summary: LineSummary,
    pub last_amounts: LastAmounts,
}

impl PlanningLine {
    /// Builds the planning view of a line from its summary and its live events (any order).
    pub fn new(summary: LineSummary, events: &[Event]) -> Self {
        Self {
            summary,
            last_amounts: LastAmounts::from_events(events),
        }
    }
}

/// The latest logged amount of each event kind (events without an amount do not count).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastAmounts(Vec<(EventKind, DateTime<Utc>, String, Money)>);

impl LastAmounts {
    /// One pass over the events: for each kind, the amount of its latest event (ties by id).
    pub fn from_events(events: &[Event]) -> Self {
        let mut out: Vec<(EventKind, DateTime<Utc>, String, Money)> = Vec::new();
        for e in events {
            let Some(amount) = &e.amount else { continue };
            match out.iter_mut().find(|(k, ..)| *k == e.kind) {
                Some(slot) => {
                    if (e.occurred_at, e.id.as_str()) > (slot.1, slot.2.as_str()) {
                        *slot = (e.kind, e.occurred_at, e.id.clone(), amount.clone());
                    }
                }
                None => out.push((e.kind, e.occurred_at, e.id.clone(), amount.clone())),
            }
        }
        Self(out)
    }

    /// The latest amount logged for `kind`.
    pub fn get(&self, kind: EventKind) -> Option<&Money> {
        self.0.iter().find(|(k, ..)| *k == kind).map(|(.., m)| m)
    }
}

/// Why a line has no renewal to plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum LeftOutReason {
    /// No rule: no carrier picked, or a carrier without a known rule.
    NoRule,
    /// The rule cannot compute a deadline yet (the line's explanation says what is missing).
    UnknownDeadline,
    /// The number was lost after `lost_at` (`date`: its local date in the user's zone).
    Lost {
        lost_at: DateTime<Utc>,
        date: NaiveDate,
    },
}

/// A line a planning view leaves out, and why (typed, and worded in both languages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LeftOut {
    pub line_id: String,
    pub label: String,
    pub display_number: String,
    pub reason: LeftOutReason,
    pub text: Explanation,
}

/// A line the views can plan: its deadline is known and it is not lost.
pub(crate) struct Plannable<'a> {
    pub line: &'a PlanningLine,
    pub act_by: DateTime<Utc>,
    pub lost_at: Option<DateTime<Utc>>,
    /// The rule's zone.
    pub tz: Tz,
    pub terms: Terms,
}

/// Sorts lines into those the views can plan (in the input order) and those they leave out
/// (by label).
pub(crate) fn triage<'a>(
    lines: &'a [PlanningLine],
    ctx: &EvalContext,
) -> (Vec<Plannable<'a>>, Vec<LeftOut>) {
    let mut plannable = Vec::with_capacity(lines.len());
    let mut left_out = Vec::new();
    let zone = ctx.user_zone;
    for line in lines {
        let s = &line.summary;
        let leave = |reason: LeftOutReason| LeftOut {
            line_id: s.line.id.clone(),
            label: s.line.label.clone(),
            display_number: s.line.display_number.clone(),
            text: text::left_out(&reason, name_of(s), zone),
            reason,
        };
        let Some(spec) = &s.rule else {
            left_out.push(leave(LeftOutReason::NoRule));
            continue;
        };
        if let Some(lost_at) = s
            .lost_at
            .filter(|l| *l < ctx.now || s.status == Status::Lost)
        {
            left_out.push(leave(LeftOutReason::Lost {
                lost_at,
                date: local_date(lost_at, zone),
            }));
            continue;
        }
        let (Some(act_by), Ok(tz)) = (s.act_by, spec.tz()) else {
            left_out.push(leave(LeftOutReason::UnknownDeadline));
            continue;
        };
        let hint = Hint {
            basis: s.evaluation.as_ref().map(|e| &e.basis),
            last_renewal_kind: s.last_renewal.as_ref().map(|e| e.kind),
            amounts: Some(&line.last_amounts),
        };
        plannable.push(Plannable {
            line,
            act_by,
            lost_at: s.lost_at,
            tz,
            terms: terms(&spec.rule, &hint),
        });
    }
    left_out.sort_by(|a, b| (&a.label, &a.line_id).cmp(&(&b.label, &b.line_id)));
    (plannable, left_out)
}

/// What the views call a line: its label, or its number when the label is blank.
pub(crate) fn name_of(s: &LineSummary) -> &str {
    if s.line.label.trim().is_empty() {
        &s.line.display_number
    } else {
        &s.line.label
    }
}

/// The local date of an instant in `zone`. Never panics, even at the ends of chrono's calendar
/// (where it reads the UTC date).
pub fn local_date(t: DateTime<Utc>, zone: Tz) -> NaiveDate {
    let naive = t.naive_utc();
    let off = zone.offset_from_utc_datetime(&naive).fix();
    naive.checked_add_offset(off).unwrap_or(naive).date()
}

/// The first instant of a local date in `zone` (just after the previous day's 23:59:59, so a
/// DST gap at midnight starts the day at the jump). `None` beyond chrono's calendar.
pub fn start_of_local_day(date: NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    end_of_local_day(date.pred_opt()?, zone)?.checked_add_signed(Duration::seconds(1))
}

/// The deadline instant of a rule-zone date, read as a local date in the user's zone.
pub(crate) fn user_day_of_rule_day(
    date: NaiveDate,
    rule_zone: Tz,
    user_zone: Tz,
) -> Option<NaiveDate> {
    end_of_local_day(date, rule_zone).map(|t| local_date(t, user_zone))
}

/// Adds minor units of money per currency, never across currencies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Totals(std::collections::BTreeMap<String, i64>);

impl Totals {
    pub fn add(&mut self, m: &Money) {
        let slot = self.0.entry(m.currency.clone()).or_insert(0);
        *slot = slot.saturating_add(m.minor);
    }

    /// One amount per currency, by currency code.
    pub fn to_vec(&self) -> Vec<Money> {
        self.0
            .iter()
            .map(|(c, minor)| Money::new(*minor, c))
            .collect()
    }
}
