//! The `balance` rule: a prepaid balance drawn down by a monthly fee (mainland China style).
//!
//! The log is replayed in time order, each event on its local date in the rule's zone:
//! - the fees of the billing days up to and including an event's date are taken first (a fee
//!   is taken at the start of its billing day, so a balance checked on a billing day already
//!   shows that day's fee);
//! - a logged balance (`balance_after` in the fee's currency, or a `balance_check` whose
//!   amount is in it) replaces the balance;
//! - a `topup` in the fee's currency adds its amount;
//! - before the first logged balance the balance is estimated from 0 at the first top-up.
//!
//! A fee the balance cannot cover (balance before the fee < fee) suspends the line from that
//! billing day; the fee is still taken (the balance goes negative: arrears), and a top-up or a
//! logged balance that brings it back to 0 or more restores it. A negative logged balance
//! with no known suspension is taken to have started on the latest billing day on or before
//! it (the balance only drops on billing days).
//!
//! Everything is O(1) per event (fees between events are counted, not looped over), and the
//! projection stops at [`HORIZON_MONTHS`]: a balance that lasts longer never runs out.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::deadline::local_date;
use super::explain::{Basis, BasisKind};
use crate::event::{Event, EventKind, Money};

/// A balance that lasts longer than this many months "never runs out" (no deadline).
pub const HORIZON_MONTHS: i64 = 1200;

/// The months of a calendar as one number: `year * 12 + month0`.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let (ny, nm) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?
        .pred_opt()
        .map(|d| d.day())
}

/// The billing date of month `m` (see [`month_index`]): `day`, or the month's last day.
pub fn billing_date(m: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(m.div_euclid(12)).ok()?;
    let month = u32::try_from(m.rem_euclid(12)).ok()? + 1;
    let last = last_day_of_month(year, month)?;
    NaiveDate::from_ymd_opt(year, month, day.clamp(1, last))
}

/// The month index of the latest billing day on or before `d`.
fn last_billing_on_or_before(d: NaiveDate, day: u32) -> i64 {
    let m = month_index(d);
    match billing_date(m, day) {
        Some(b) if d >= b => m,
        _ => m - 1,
    }
}

/// How many billing days fall in `(after, upto]`.
pub fn billing_days_between(after: NaiveDate, upto: NaiveDate, day: u32) -> i64 {
    if upto <= after {
        return 0;
    }
    last_billing_on_or_before(upto, day) - last_billing_on_or_before(after, day)
}

/// The replayed balance at the end of its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    /// Minor units of the fee's currency (i128: never overflows, whatever the log).
    balance: i128,
    /// The fees of billing days up to and including this date are taken.
    as_of: NaiveDate,
    /// The billing day the line has been suspended since, while in arrears.
    arrears_since: Option<NaiveDate>,
    /// No balance was logged: estimated from 0 at the first top-up.
    estimated: bool,
}

impl State {
    /// Takes the fees of the billing days in `(as_of, to]`.
    fn take_fees(&mut self, to: NaiveDate, fee: i128, day: u32) {
        let n = i128::from(billing_days_between(self.as_of, to, day));
        if n > 0 && fee > 0 {
            if self.arrears_since.is_none() {
                let covered = if self.balance >= fee {
                    self.balance / fee
                } else {
                    0
                };
                if covered < n {
                    let first = last_billing_on_or_before(self.as_of, day) + 1;
                    let k = i64::try_from(covered).unwrap_or(i64::MAX);
                    self.arrears_since = first.checked_add(k).and_then(|m| billing_date(m, day));
                }
            }
            self.balance = self.balance.saturating_sub(n.saturating_mul(fee));
        }
        if to > self.as_of {
            self.as_of = to;
        }
    }

    /// A logged balance replaces the replayed one.
    fn reset(&mut self, minor: i64, date: NaiveDate, day: u32) {
        self.balance = i128::from(minor);
        self.estimated = false;
        if self.balance >= 0 {
            self.arrears_since = None;
        } else if self.arrears_since.is_none() {
            self.arrears_since =
                billing_date(last_billing_on_or_before(date, day), day).or(Some(date));
        }
    }

    fn add(&mut self, minor: i64) {
        self.balance = self.balance.saturating_add(i128::from(minor));
        if self.balance >= 0 {
            self.arrears_since = None;
        }
    }
}

/// The balance a logged event reports in `currency`, if any.
fn logged_balance(e: &Event, currency: &str) -> Option<i64> {
    let same = |m: &Money| m.currency.eq_ignore_ascii_case(currency);
    match (&e.balance_after, &e.amount) {
        (Some(b), _) if same(b) => Some(b.minor),
        (None, Some(a)) if e.kind == EventKind::BalanceCheck && same(a) => Some(a.minor),
        _ => None,
    }
}

/// Whether `e` counts under a balance rule with this fee: a top-up in its currency, or a
/// logged balance in it.
pub(crate) fn balance_counts(fee: Option<&Money>, e: &Event) -> Result<(), super::NotCounted> {
    use super::NotCounted;
    let currency = fee.map(|f| f.currency.as_str());
    let same = |m: &Money| currency.is_none_or(|c| m.currency.eq_ignore_ascii_case(c));
    if e.balance_after.as_ref().is_some_and(same) {
        return Ok(());
    }
    match (e.kind, &e.amount) {
        (EventKind::Topup | EventKind::BalanceCheck, Some(a)) if same(a) => Ok(()),
        (EventKind::Topup | EventKind::BalanceCheck, Some(_)) => Err(NotCounted::OtherCurrency),
        (EventKind::Topup | EventKind::BalanceCheck, None) => Err(NotCounted::NoAmount),
        _ => Err(NotCounted::KindDoesNotCount),
    }
}

/// How long a balance lasts, for the basis and the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BalanceForecast {
    pub fee: Money,
    /// 1-31.
    pub billing_day: u32,
    /// The local date of `now` in the rule's zone: the forecast is from the end of this day.
    pub today: NaiveDate,
    /// The balance at `now`, after the fees taken up to today (may be negative).
    pub balance_now: Money,
    /// No balance was logged: estimated from 0 at the first top-up.
    pub estimated: bool,
    /// Whole monthly fees the balance still covers after today (`None`: more than
    /// [`HORIZON_MONTHS`], or no fee).
    pub months_covered: Option<u32>,
    /// The first and last billing days after today the balance covers, if any.
    pub covered_from: Option<NaiveDate>,
    pub covered_to: Option<NaiveDate>,
    /// The first billing day the balance cannot cover (the line is suspended from then).
    pub first_uncovered: Option<NaiveDate>,
    /// While suspended: the billing day it started.
    pub suspended_since: Option<NaiveDate>,
}

/// What the balance rule yields: the `act_by` local date (if any) and its basis.
pub(crate) fn balance_rule(
    fee: &Money,
    billing_day: u32,
    events: &[Event],
    tz: Tz,
    now: DateTime<Utc>,
    mut basis: Basis,
) -> (Option<NaiveDate>, Basis) {
    let day = billing_day.clamp(1, super::rule::BILLING_DAY_MAX);
    let fee_minor = i128::from(fee.minor.max(0));
    let mut evs: Vec<&Event> = events.iter().collect();
    evs.sort_by(|a, b| {
        (
            a.occurred_at,
            a.kind,
            &a.id,
            a.amount.as_ref().map(|m| m.minor),
        )
            .cmp(&(
                b.occurred_at,
                b.kind,
                &b.id,
                b.amount.as_ref().map(|m| m.minor),
            ))
    });
    let mut state: Option<State> = None;
    let mut counted = 0u32;
    for e in evs {
        let date = local_date(e.occurred_at, tz);
        if let Some(s) = state.as_mut() {
            s.take_fees(date, fee_minor, day);
        }
        if let Some(b) = logged_balance(e, &fee.currency) {
            let s = state.get_or_insert(State {
                balance: 0,
                as_of: date,
                arrears_since: None,
                estimated: false,
            });
            s.reset(b, date, day);
            counted += 1;
        } else if e.kind == EventKind::Topup {
            let Some(a) = e.amount.as_ref() else { continue };
            if !a.currency.eq_ignore_ascii_case(&fee.currency) {
                continue;
            }
            let s = state.get_or_insert(State {
                balance: 0,
                as_of: date,
                arrears_since: None,
                estimated: true,
            });
            s.add(a.minor);
            counted += 1;
        } else {
            continue;
        }
        basis.event_kind = Some(e.kind);
        basis.event_at = Some(e.occurred_at);
    }
    basis.counted_events = Some(counted);
    let Some(last) = state else {
        basis.kind = BasisKind::NeedsBalance;
        return (None, basis);
    };
    basis.base_date = Some(last.as_of);

    // The deadline, from the state at the last event.
    let act_date = match last.arrears_since {
        Some(since) => since.pred_opt(),
        None if fee_minor == 0 => None,
        None => {
            let covered = (last.balance.max(0) / fee_minor).min(i128::from(HORIZON_MONTHS) + 1);
            let covered = i64::try_from(covered).unwrap_or(HORIZON_MONTHS + 1);
            if covered > HORIZON_MONTHS {
                None
            } else {
                billing_date(
                    last_billing_on_or_before(last.as_of, day) + 1 + covered,
                    day,
                )
                .and_then(|d| d.pred_opt())
            }
        }
    };

    // The forecast, from the balance today.
    let today = local_date(now, tz);
    let mut at_now = last;
    at_now.take_fees(today, fee_minor, day);
    let months_covered = if fee_minor > 0 && at_now.arrears_since.is_none() {
        let k = at_now.balance.max(0) / fee_minor;
        u32::try_from(k)
            .ok()
            .filter(|k| i64::from(*k) <= HORIZON_MONTHS)
    } else {
        None
    };
    let next = last_billing_on_or_before(today.max(at_now.as_of), day) + 1;
    let (covered_from, covered_to) = match months_covered {
        Some(k) if k > 0 => (
            billing_date(next, day),
            billing_date(next + i64::from(k) - 1, day),
        ),
        _ => (None, None),
    };
    let first_uncovered = match (at_now.arrears_since, months_covered) {
        (Some(since), _) => Some(since),
        (None, Some(k)) => billing_date(next + i64::from(k), day),
        (None, None) => None,
    };
    let clamp_minor = |v: i128| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX });
    basis.balance = Some(BalanceForecast {
        fee: fee.clone(),
        billing_day: day,
        today,
        balance_now: Money::new(clamp_minor(at_now.balance), &fee.currency),
        estimated: at_now.estimated,
        months_covered,
        covered_from,
        covered_to,
        first_uncovered,
        suspended_since: at_now.arrears_since,
    });
    basis.kind = match (act_date, at_now.arrears_since) {
        (_, Some(_)) => BasisKind::BalanceSuspended,
        (None, None) => BasisKind::BalanceNeverRunsOut,
        (Some(_), None) => BasisKind::BalanceRunsOut,
    };
    (act_date, basis)
}
