//! What a line looks like at an instant: its carrier, the rule it follows, the deadline and
//! status derived from the rule and its events, the explanation, and its balance. What comes
//! from the event log ([`Derived`]) is stored per line by the store and recomputed when the
//! log, the rule or the carrier changes; the status is classified at the instant read.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::carrier::{balance_check_method, Carrier, RenewalAction};
use crate::event::{Event, EventInput, EventKind, Money};
use crate::line::Line;
use crate::rules::{
    evaluate, event_counts, explain_text, uncounted_events, BasisKind, Evaluation, KeepAliveRule,
    Lang, RuleSpec, Status, UncountedEvent,
};

/// The instant and zones a summary is computed for.
#[derive(Debug, Clone, Copy)]
pub struct EvalContext {
    pub now: DateTime<Utc>,
    /// The user's zone, for "your time" in explanations.
    pub user_zone: Tz,
    /// A line is `due_soon` within this many days of its deadline (the first reminder lead).
    pub due_soon_days: u32,
}

/// Which rule a line follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RuleSource {
    /// The user set a rule on this line.
    Line,
    /// The line follows its carrier's rule.
    Carrier,
    /// No rule: no carrier picked, or a carrier without a known rule.
    None,
}

/// The explanation in both languages; the UI shows the one it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub en: String,
    pub zh_cn: String,
}

/// The latest balance the user logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
    pub amount: Money,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineSummary {
    pub line: Line,
    pub carrier: Option<Carrier>,
    pub rule: Option<RuleSpec>,
    pub rule_source: RuleSource,
    /// `unknown` when there is no rule.
    pub status: Status,
    pub act_by: Option<DateTime<Utc>>,
    pub lost_at: Option<DateTime<Utc>>,
    #[specta(type = Option<f64>)]
    pub days_left: Option<i64>,
    pub evaluation: Option<Evaluation>,
    pub explanation: Option<Explanation>,
    pub balance: Option<BalanceView>,
    /// The latest balance is under the line's threshold (same currency).
    pub balance_low: bool,
    /// The latest event that was not a balance check.
    pub last_renewal: Option<Event>,
    /// The latest event that counts under the line's rule, balance checks left out (they are
    /// not renewals): what "I renewed" starts from. Without a rule, `last_renewal`.
    pub last_counted: Option<Event>,
    /// Events that do not count under the line's rule, with the reason (oldest first), so the
    /// log can say "does not count" next to them.
    pub uncounted: Vec<UncountedEvent>,
    /// Set while the rule cannot compute a deadline for lack of a logged activity: what to ask
    /// the user, with "today" as a ready answer.
    pub needs_last_activity: Option<LastActivityQuestion>,
    pub event_count: u32,
    /// The carrier's ways to renew, each with the URI its one-tap action opens.
    pub renewal_actions: Vec<RenewalAction>,
    /// The carrier's balance check as an action (dialled as USSD or called as a hotline).
    pub balance_check_action: Option<RenewalAction>,
    /// The currencies amounts for this line are most likely in, most likely first: the last
    /// renewal's, the balance's, the rule's tiers', the line's country's, the carrier's
    /// country's.
    pub currencies: Vec<String>,
}

/// The currencies a line's amounts are most likely in, most likely first, each once.
fn likely_currencies(
    line: &Line,
    carrier: Option<&Carrier>,
    rule: Option<&RuleSpec>,
    balance: Option<&BalanceView>,
    last_renewal: Option<&Event>,
) -> Vec<String> {
    let tier_currency = match rule.map(|r| &r.rule) {
        Some(KeepAliveRule::TopupValidity { tiers, .. }) => {
            tiers.first().map(|t| t.min_amount.currency.clone())
        }
        _ => None,
    };
    let candidates = [
        last_renewal.and_then(|e| e.amount.as_ref().map(|m| m.currency.clone())),
        balance.map(|b| b.amount.currency.clone()),
        tier_currency,
        crate::zones::country_currency(&line.country).map(str::to_owned),
        carrier.and_then(|c| crate::zones::country_currency(&c.country).map(str::to_owned)),
    ];
    let mut out: Vec<String> = Vec::new();
    for c in candidates.into_iter().flatten() {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// What the line asks while its last qualifying activity is unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LastActivityQuestion {
    /// The kinds of activity that count under the rule.
    pub kinds: Vec<EventKind>,
    /// The one-tap answer "today": an event at `now` that counts, ready for `event_add`
    /// (unless `needs_amount`).
    pub today: EventInput,
    /// The answer needs an amount the user must type before it can be logged.
    pub needs_amount: bool,
}

/// The rule a line follows, and where it comes from.
pub fn effective_rule(line: &Line, carrier: Option<&Carrier>) -> (Option<RuleSpec>, RuleSource) {
    if let Some(rule) = &line.rule_override {
        return (Some(rule.clone()), RuleSource::Line);
    }
    match carrier.and_then(Carrier::rule_spec) {
        Some(rule) => (Some(rule), RuleSource::Carrier),
        None => (None, RuleSource::None),
    }
}

/// Derives a line's summary. `events` are that line's live events, in any order.
pub fn summarize(
    line: Line,
    carrier: Option<Carrier>,
    events: &[Event],
    ctx: &EvalContext,
) -> LineSummary {
    let rule = effective_rule(&line, carrier.as_ref()).0;
    let derived = derive(rule.as_ref(), &line, events, ctx.now, ctx.user_zone);
    assemble(line, carrier, derived, ctx)
}

/// What a line's summary takes from its event log: everything that changes only when the
/// events, the rule or the line's carrier change (and, for a `balance` rule, the local date of
/// `now` in the rule's zone: see [`Derived::holds_at`]). The store keeps one per line
/// (`line_state`), recomputed in the transaction of every write that can change it, so a list
/// never reads the log; [`assemble`] adds what depends on `now`, the line and its carrier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// The evaluation at the instant it was derived; [`assemble`] re-classifies its status and
    /// days left at the instant read.
    pub evaluation: Option<Evaluation>,
    /// The explanation, worded for `explained_in`.
    pub explanation: Option<Explanation>,
    /// The user zone the explanation is worded for (IANA name).
    pub explained_in: String,
    pub balance: Option<BalanceView>,
    pub last_renewal: Option<Event>,
    pub last_counted: Option<Event>,
    pub uncounted: Vec<UncountedEvent>,
    pub event_count: u32,
    /// The latest amount of each kind of event (for the planning views).
    pub last_amounts: crate::planning::LastAmounts,
}

impl Derived {
    /// Whether this derivation still holds at `now`: always, except for a `balance` rule's
    /// forecast, which is from the local date of `now` in the rule's zone.
    pub fn holds_at(&self, now: DateTime<Utc>) -> bool {
        let Some(e) = &self.evaluation else {
            return true;
        };
        let Some(f) = &e.basis.balance else {
            return true;
        };
        match e.basis.zone.parse::<Tz>() {
            Ok(tz) => crate::rules::local_date(now, tz) == f.today,
            Err(_) => false,
        }
    }

    /// Words the explanation again for another user zone (nothing else depends on it).
    pub fn explain_in(&mut self, user_zone: Tz) {
        self.explanation = self.evaluation.as_ref().map(|e| Explanation {
            en: explain_text(e, Lang::En, user_zone),
            zh_cn: explain_text(e, Lang::ZhCn, user_zone),
        });
        self.explained_in = user_zone.name().to_owned();
    }
}

/// Derives what a line's summary takes from its live events (any order) under `rule` (the
/// line's effective rule), at `now`, with the explanation worded for `user_zone`.
pub fn derive(
    rule: Option<&RuleSpec>,
    line: &Line,
    events: &[Event],
    now: DateTime<Utc>,
    user_zone: Tz,
) -> Derived {
    // The status is classified again when read; any lead gives the same instants.
    let evaluation = rule.map(|r| evaluate(r, events, line.created_at, now, 0));
    let balance = events
        .iter()
        .filter_map(|e| e.balance_after.as_ref().map(|b| (e.occurred_at, b)))
        .max_by_key(|(at, _)| *at)
        .map(|(at, amount)| BalanceView {
            amount: amount.clone(),
            at,
        });
    let last_renewal = events
        .iter()
        .filter(|e| e.kind != EventKind::BalanceCheck)
        .max_by_key(|e| e.occurred_at)
        .cloned();
    let rule_tz = rule.and_then(|r| r.tz().ok());
    let last_counted = match (rule, rule_tz) {
        (Some(r), Some(tz)) => events
            .iter()
            .filter(|e| e.kind != EventKind::BalanceCheck && event_counts(r, tz, e).is_ok())
            .max_by_key(|e| e.occurred_at)
            .cloned(),
        _ => last_renewal.clone(),
    };
    let uncounted = rule
        .map(|r| uncounted_events(r, events))
        .unwrap_or_default();
    let mut derived = Derived {
        evaluation,
        explanation: None,
        explained_in: String::new(),
        balance,
        last_renewal,
        last_counted,
        uncounted,
        event_count: u32::try_from(events.len()).unwrap_or(u32::MAX),
        last_amounts: crate::planning::LastAmounts::from_events(events),
    };
    derived.explain_in(user_zone);
    derived
}

/// The evaluation as it stands at `now`: the status and days left classified again from the
/// stored instants (the instants themselves do not depend on `now`).
fn evaluation_at(mut e: Evaluation, now: DateTime<Utc>, due_soon_days: u32) -> Evaluation {
    if let (Some(act_by), Some(lost_at)) = (e.act_by, e.lost_at) {
        e.status = crate::rules::status_at(act_by, lost_at, now, due_soon_days);
        if let Ok(tz) = e.basis.zone.parse::<Tz>() {
            let days = crate::rules::local_date(act_by, tz) - crate::rules::local_date(now, tz);
            e.days_left = Some(days.num_days());
        }
    }
    e
}

/// A line's summary at `ctx.now` from what [`derive`] found for it (derived for the same rule,
/// holding at `ctx.now`, worded for `ctx.user_zone`): the status is classified here, and the
/// rule, actions and currencies come from the line and its carrier.
pub fn assemble(
    line: Line,
    carrier: Option<Carrier>,
    derived: Derived,
    ctx: &EvalContext,
) -> LineSummary {
    let (rule, rule_source) = effective_rule(&line, carrier.as_ref());
    let Derived {
        evaluation,
        explanation,
        balance,
        last_renewal,
        last_counted,
        uncounted,
        event_count,
        ..
    } = derived;
    let evaluation = evaluation.map(|e| evaluation_at(e, ctx.now, ctx.due_soon_days));
    let balance_low = match (&balance, &line.low_balance) {
        (Some(b), Some(t)) => b.amount.currency == t.currency && b.amount.minor < t.minor,
        _ => false,
    };
    let needs_last_activity = evaluation
        .as_ref()
        .and_then(|e| last_activity_question(rule.as_ref(), e, ctx.now));
    let renewal_actions = carrier
        .as_ref()
        .map(|c| {
            c.renewal_methods
                .iter()
                .cloned()
                .map(RenewalAction::new)
                .collect()
        })
        .unwrap_or_default();
    let balance_check_action = carrier
        .as_ref()
        .and_then(|c| c.balance_check.as_deref())
        .filter(|b| !b.trim().is_empty())
        .map(|b| RenewalAction::new(balance_check_method(b)));
    let currencies = likely_currencies(
        &line,
        carrier.as_ref(),
        rule.as_ref(),
        balance.as_ref(),
        last_renewal.as_ref(),
    );
    LineSummary {
        status: evaluation.as_ref().map_or(Status::Unknown, |e| e.status),
        act_by: evaluation.as_ref().and_then(|e| e.act_by),
        lost_at: evaluation.as_ref().and_then(|e| e.lost_at),
        days_left: evaluation.as_ref().and_then(|e| e.days_left),
        line,
        carrier,
        rule,
        rule_source,
        evaluation,
        explanation,
        balance,
        balance_low,
        last_renewal,
        last_counted,
        uncounted,
        needs_last_activity,
        event_count,
        renewal_actions,
        balance_check_action,
        currencies,
    }
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Overdue => 0,
        Status::DueSoon => 1,
        Status::Ok => 2,
        Status::Unknown => 3,
        Status::Lost => 4,
    }
}

/// Most urgent first: overdue, due soon, ok (each by deadline), then unknown, then lost;
/// ties by label and number.
pub fn urgency(a: &LineSummary, b: &LineSummary) -> Ordering {
    urgency_by_deadline(a, b)
        .then_with(|| {
            a.line
                .label
                .to_lowercase()
                .cmp(&b.line.label.to_lowercase())
        })
        .then_with(|| a.line.e164.cmp(&b.line.e164))
}

/// [`urgency`] by status and deadline only (before the label and number).
pub fn urgency_by_deadline(a: &LineSummary, b: &LineSummary) -> Ordering {
    status_rank(a.status)
        .cmp(&status_rank(b.status))
        .then_with(|| match (a.act_by, b.act_by) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
}

fn blank_input(now: DateTime<Utc>, kind: EventKind, amount: Option<Money>) -> EventInput {
    EventInput {
        occurred_at: now,
        kind,
        amount,
        method: None,
        channel: None,
        reference: String::new(),
        note: String::new(),
        balance_after: None,
    }
}

/// The kind and amount a rule asks for when the log has nothing that counts: a top-up (the
/// lowest tier) for a top-up rule, a plan payment for a plan, a top-up for a balance rule or a
/// rolling rule that counts one, else its first qualifying activity.
fn rule_default(rule: Option<&KeepAliveRule>) -> (EventKind, Option<Money>) {
    match rule {
        Some(KeepAliveRule::TopupValidity { tiers, .. }) => (
            EventKind::Topup,
            tiers.first().map(|t| t.min_amount.clone()),
        ),
        Some(KeepAliveRule::RecurringPlan { .. }) => (EventKind::PlanPayment, None),
        Some(KeepAliveRule::Rolling { qualifying, .. }) => (
            if qualifying.contains(&EventKind::Topup) {
                EventKind::Topup
            } else {
                qualifying.first().copied().unwrap_or(EventKind::Topup)
            },
            None,
        ),
        _ => (EventKind::Topup, None),
    }
}

/// The question a line asks while its rule lacks a logged activity (see
/// [`LineSummary::needs_last_activity`]).
fn last_activity_question(
    rule: Option<&RuleSpec>,
    eval: &Evaluation,
    now: DateTime<Utc>,
) -> Option<LastActivityQuestion> {
    let rule = rule.map(|r| &r.rule);
    match eval.basis.kind {
        BasisKind::NeedsLastActivity | BasisKind::NoQualifyingTopup => {
            let (kind, amount) = rule_default(rule);
            let (kinds, needs_amount) = match rule {
                // A kind that counts only when charged needs what it cost.
                Some(KeepAliveRule::Rolling {
                    qualifying,
                    charged,
                    ..
                }) => (qualifying.clone(), charged.contains(&kind)),
                _ => (vec![kind], false),
            };
            Some(LastActivityQuestion {
                kinds,
                today: blank_input(now, kind, amount),
                needs_amount,
            })
        }
        BasisKind::NeedsBalance => Some(LastActivityQuestion {
            kinds: vec![EventKind::BalanceCheck],
            today: blank_input(now, EventKind::BalanceCheck, None),
            needs_amount: true,
        }),
        _ => None,
    }
}

/// What the "I renewed" form starts with: the kind, amount, method and channel of the latest
/// event that counts under the line's rule, at `now`; without one, what the rule asks for (see
/// [`rule_default`]). It never pre-fills an activity that would not count.
pub fn renewal_prefill(summary: &LineSummary, now: DateTime<Utc>) -> EventInput {
    if let Some(last) = &summary.last_counted {
        return EventInput {
            method: last.method,
            channel: last.channel,
            ..blank_input(now, last.kind, last.amount.clone())
        };
    }
    let (kind, amount) = rule_default(summary.rule.as_ref().map(|r| &r.rule));
    blank_input(now, kind, amount)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;

    use super::*;
    use crate::carrier::{preset, RenewalKind};
    use crate::line::SimKind;

    fn line(country: &str, carrier: Option<&Carrier>) -> Line {
        let at = Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap();
        Line {
            id: "l".into(),
            e164: "+4915112345678".into(),
            display_number: "+49 1511 2345678".into(),
            label: "ALDI".into(),
            country: country.into(),
            carrier: String::new(),
            carrier_id: carrier.map(|c| c.id.clone()),
            sim_kind: SimKind::Physical,
            iccid: None,
            tags: vec![],
            notes: String::new(),
            rule_override: None,
            low_balance: None,
            created_at: at,
            updated_at: at,
            archived_at: None,
            deleted_at: None,
        }
    }

    fn ctx() -> EvalContext {
        EvalContext {
            now: Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
            user_zone: Tz::UTC,
            due_soon_days: 30,
        }
    }

    #[test]
    fn a_summary_carries_its_actions_and_likely_currencies() {
        let smart = Carrier::from_preset(preset("ph-smart").unwrap());
        let s = summarize(line("GB", Some(&smart)), Some(smart.clone()), &[], &ctx());
        assert_eq!(s.renewal_actions.len(), smart.renewal_methods.len());
        for (a, m) in s.renewal_actions.iter().zip(&smart.renewal_methods) {
            assert_eq!(&a.method, m);
            assert_eq!(a.uri, crate::carrier::action_uri(m));
        }
        // The line's country first, then the carrier's.
        assert_eq!(s.currencies, vec!["GBP".to_owned(), "PHP".to_owned()]);
        if let Some(check) = &s.balance_check_action {
            assert!(matches!(
                check.method.kind,
                RenewalKind::Ussd | RenewalKind::Hotline
            ));
        }

        let aldi = Carrier::from_preset(preset("de-aldi-talk").unwrap());
        let s = summarize(line("DE", Some(&aldi)), Some(aldi), &[], &ctx());
        assert_eq!(s.currencies, vec!["EUR".to_owned()]);
        assert!(s.renewal_actions.is_empty());
        assert_eq!(s.balance_check_action, None);

        let none = summarize(line("", None), None, &[], &ctx());
        assert!(none.currencies.is_empty());
    }
}
