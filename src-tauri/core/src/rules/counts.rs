//! Whether a logged event counts under a rule, and why not when it does not: what lets the
//! "I renewed" form pre-fill only what qualifies, and the UI say "this does not count" next to
//! an event that moved nothing.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::deadline::local_date;
use super::rule::{KeepAliveRule, RuleSpec, Tier};
use crate::event::{Event, EventKind, Money};

/// Why a logged event does not move the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NotCounted {
    /// The rule does not count this kind of activity (a call on a top-up-only carrier).
    KindDoesNotCount,
    /// A top-up without an amount: the rule's tiers need one.
    NoAmount,
    /// Usage the rule counts only when charged, logged without an amount (EE: usage inside a
    /// pack does not count).
    NotCharged,
    /// A top-up below the lowest tier.
    BelowLowestTier,
    /// An amount in another currency than the rule's.
    OtherCurrency,
    /// A plan payment before the plan's anchor date.
    BeforeAnchor,
    /// The rule is a fixed expiry date: no event moves it.
    FixedExpiry,
}

/// An event of the log that does not count, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UncountedEvent {
    pub event_id: String,
    pub reason: NotCounted,
}

/// The highest tier an amount reaches, if the currency matches.
pub(crate) fn tier_for<'a>(tiers: &'a [Tier], amount: &Money) -> Option<&'a Tier> {
    tiers
        .iter()
        .filter(|t| {
            t.min_amount.currency.eq_ignore_ascii_case(&amount.currency)
                && amount.minor >= t.min_amount.minor
        })
        .max_by_key(|t| t.min_amount.minor)
}

/// Whether `e` counts under a rolling rule with these qualifying kinds, of which `charged`
/// count only with an amount above zero.
pub(crate) fn rolling_counts(
    qualifying: &[EventKind],
    charged: &[EventKind],
    e: &Event,
) -> Result<(), NotCounted> {
    if !qualifying.contains(&e.kind) {
        return Err(NotCounted::KindDoesNotCount);
    }
    if charged.contains(&e.kind) && e.amount.as_ref().is_none_or(|a| a.minor <= 0) {
        return Err(NotCounted::NotCharged);
    }
    Ok(())
}

/// Whether `e` reaches a tier of a top-up table.
pub(crate) fn topup_counts(tiers: &[Tier], e: &Event) -> Result<(), NotCounted> {
    if e.kind != EventKind::Topup {
        return Err(NotCounted::KindDoesNotCount);
    }
    let Some(amount) = &e.amount else {
        return Err(NotCounted::NoAmount);
    };
    if tier_for(tiers, amount).is_some() {
        return Ok(());
    }
    let same_currency = tiers
        .iter()
        .any(|t| t.min_amount.currency.eq_ignore_ascii_case(&amount.currency));
    Err(if same_currency {
        NotCounted::BelowLowestTier
    } else {
        NotCounted::OtherCurrency
    })
}

/// Whether a logged event counts under `spec` (in the rule's zone `tz`). Balance checks are
/// information, not renewals: under any rule but a balance rule they are neither counted nor
/// reported.
pub fn event_counts(spec: &RuleSpec, tz: Tz, e: &Event) -> Result<(), NotCounted> {
    match &spec.rule {
        KeepAliveRule::Rolling {
            qualifying,
            charged,
            ..
        } => rolling_counts(qualifying, charged, e),
        KeepAliveRule::TopupValidity { tiers, .. } => topup_counts(tiers, e),
        KeepAliveRule::FixedExpiry { .. } => Err(NotCounted::FixedExpiry),
        KeepAliveRule::RecurringPlan { anchor, .. } => {
            if !matches!(e.kind, EventKind::PlanPayment | EventKind::Topup) {
                return Err(NotCounted::KindDoesNotCount);
            }
            match anchor {
                Some(a) if local_date(e.occurred_at, tz) < *a => Err(NotCounted::BeforeAnchor),
                _ => Ok(()),
            }
        }
        KeepAliveRule::Balance { fee, .. } => super::balance::balance_counts(fee.as_ref(), e),
    }
}

/// The events of a log that do not count under `spec`, oldest first (balance checks left out,
/// see [`event_counts`]). Empty when the spec's zone is invalid.
pub fn uncounted_events(spec: &RuleSpec, events: &[Event]) -> Vec<UncountedEvent> {
    let Ok(tz) = spec.tz() else {
        return Vec::new();
    };
    let mut out: Vec<(&Event, NotCounted)> = events
        .iter()
        .filter(|e| e.kind != EventKind::BalanceCheck)
        .filter_map(|e| event_counts(spec, tz, e).err().map(|r| (e, r)))
        .collect();
    out.sort_by(|a, b| (a.0.occurred_at, &a.0.id).cmp(&(b.0.occurred_at, &b.0.id)));
    out.into_iter()
        .map(|(e, reason)| UncountedEvent {
            event_id: e.id.clone(),
            reason,
        })
        .collect()
}
