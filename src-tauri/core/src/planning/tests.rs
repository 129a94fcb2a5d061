//! What a renewal does under every rule kind, the windows it opens, and the greedy plan.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::event::{Event, EventKind, Money};
use crate::rules::{Basis, BasisKind, KeepAliveRule, Period, Tier};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rolling(period: Period, qualifying: &[EventKind]) -> KeepAliveRule {
    KeepAliveRule::Rolling {
        period,
        qualifying: qualifying.to_vec(),
        charged: vec![],
    }
}

fn hk_tiers(stack: bool, cap_days: Option<u32>) -> KeepAliveRule {
    KeepAliveRule::TopupValidity {
        tiers: vec![
            Tier::days(Money::new(5000, "HKD"), 180),
            Tier::days(Money::new(30000, "HKD"), 365),
        ],
        stack,
        cap_days,
    }
}

fn event(kind: EventKind, day: u32, amount: Option<Money>) -> Event {
    Event {
        id: format!("e{day}"),
        line_id: "l".into(),
        occurred_at: Utc.with_ymd_and_hms(2026, 1, day, 12, 0, 0).unwrap(),
        kind,
        amount,
        method: None,
        channel: None,
        reference: String::new(),
        note: String::new(),
        balance_after: None,
    }
}

/// 1 Mar 2026 to 1 Mar 2027.
fn year() -> (NaiveDate, NaiveDate) {
    (d(2026, 3, 1), d(2027, 3, 1))
}

#[test]
fn a_rolling_rule_needs_one_renewal_per_period() {
    let (from, to) = year();
    let six_months = rolling(Period::Months(6), &[EventKind::Topup]);
    assert_eq!(
        actions_in(&six_months, d(2026, 5, 1), from, to),
        vec![d(2026, 5, 1), d(2026, 11, 1)],
        "6-month rule due in 2 months: 2 renewals in 12 months"
    );
    let days_180 = rolling(Period::Days(180), &[EventKind::Topup]);
    assert_eq!(
        actions_in(&days_180, d(2026, 3, 2), from, to),
        vec![d(2026, 3, 2), d(2026, 8, 29), d(2027, 2, 25)],
        "180-day rule due tomorrow: 3"
    );
    // Each renewal counts from its own day: months clamp and the clamp carries on.
    assert_eq!(
        actions_in(&six_months, d(2026, 8, 31), d(2026, 8, 1), d(2027, 12, 1)),
        vec![d(2026, 8, 31), d(2027, 2, 28), d(2027, 8, 28)]
    );
    // A deadline outside the period counts nothing; the period is half-open.
    assert!(actions_in(&six_months, to, from, to).is_empty());
    assert_eq!(actions_in(&six_months, from, from, to).len(), 2);
}

#[test]
fn a_top_up_table_renews_with_the_tier_of_the_usual_top_up() {
    let (from, to) = year();
    // Without a log: the lowest tier (180 days), costing its minimum.
    let rule = hk_tiers(false, None);
    assert_eq!(actions_in(&rule, from, from, to).len(), 3);
    let t = terms(&rule, &Hint::default());
    assert_eq!(t.action, EventKind::Topup);
    assert_eq!(t.cost, Some(Money::new(5000, "HKD")));
    assert_eq!(t.cost_source, CostSource::RuleMinimum);
    // The latest top-up reached the one-year tier: one renewal a year at that price.
    let amounts = LastAmounts::from_events(&[
        event(EventKind::Topup, 3, Some(Money::new(5000, "HKD"))),
        event(EventKind::Topup, 9, Some(Money::new(30000, "HKD"))),
        event(EventKind::Topup, 12, None),
    ]);
    let hint = Hint {
        amounts: Some(&amounts),
        ..Hint::default()
    };
    let t = terms(&rule, &hint);
    assert_eq!(
        t.cadence,
        Cadence::After {
            months: 0,
            days: 365,
            cap_days: None,
            stacks: false
        }
    );
    assert_eq!(t.cadence.actions_in(from, from, to), vec![from]);
    assert_eq!(
        (t.cost, t.cost_source),
        (Some(Money::new(30000, "HKD")), CostSource::LastLogged)
    );
    // A top-up in another currency reaches no tier: the lowest tier again.
    let usd =
        LastAmounts::from_events(&[event(EventKind::Topup, 9, Some(Money::new(99999, "USD")))]);
    let t = terms(
        &rule,
        &Hint {
            amounts: Some(&usd),
            ..Hint::default()
        },
    );
    assert_eq!(t.cost_source, CostSource::RuleMinimum);

    // Stacked validity adds to the current expiry, limited by the cap from the top-up day.
    let stacked = terms(&hk_tiers(true, Some(400)), &hint).cadence;
    let current = d(2026, 6, 1);
    let early = d(2026, 2, 21); // 100 days before
    assert_eq!(
        stacked.renew_on(early, current).map(|r| r.0),
        Some(d(2027, 3, 28)),
        "min(current + 365, early + 400) = early + 400"
    );
    assert_eq!(
        stacked.next_after(current).map(|r| r.0),
        Some(d(2027, 6, 1))
    );
}

#[test]
fn a_fixed_expiry_counts_once() {
    let rule = KeepAliveRule::FixedExpiry {
        expires_on: d(2026, 7, 1),
    };
    let (from, to) = year();
    assert_eq!(
        actions_in(&rule, d(2026, 7, 1), from, to),
        vec![d(2026, 7, 1)]
    );
    assert!(actions_in(&rule, d(2027, 7, 1), from, to).is_empty());
    let t = terms(
        &rule,
        &Hint {
            last_renewal_kind: Some(EventKind::Call),
            ..Hint::default()
        },
    );
    assert_eq!((t.action, t.cadence), (EventKind::Call, Cadence::Once));
    assert_eq!(t.cost_source, CostSource::Unknown);
    assert_eq!(Cadence::Once.useful_from(d(2026, 7, 1)), None);
}

#[test]
fn a_monthly_plan_needs_twelve_payments_on_its_grid() {
    let anchored = KeepAliveRule::RecurringPlan {
        period: Period::Months(1),
        anchor: Some(d(2026, 1, 31)),
    };
    // Cycles start on the 31st or the month's last day; each ends the day before the next.
    let got = actions_in(&anchored, d(2026, 2, 27), d(2026, 2, 1), d(2027, 2, 1));
    assert_eq!(
        got,
        vec![
            d(2026, 2, 27),
            d(2026, 3, 30),
            d(2026, 4, 29),
            d(2026, 5, 30),
            d(2026, 6, 29),
            d(2026, 7, 30),
            d(2026, 8, 30),
            d(2026, 9, 29),
            d(2026, 10, 30),
            d(2026, 11, 29),
            d(2026, 12, 30),
            d(2027, 1, 30),
        ]
    );
    let every_30 = KeepAliveRule::RecurringPlan {
        period: Period::Days(30),
        anchor: None,
    };
    let got = actions_in(&every_30, d(2026, 3, 10), year().0, year().1);
    assert_eq!(got.len(), 12);
    assert_eq!(got.get(1), Some(&d(2026, 4, 9)));
    let t = terms(&every_30, &Hint::default());
    assert_eq!(
        (t.action, t.cost_source),
        (EventKind::PlanPayment, CostSource::Unknown)
    );
}

#[test]
fn a_lapsed_plan_restarts_on_its_payment_or_on_its_grid() {
    let floating = Cadence::Cycles {
        period: Period::Months(1),
        origin: Some(d(2026, 1, 10)),
        fixed_grid: false,
    };
    let (end, after) = floating.renew_on(d(2026, 3, 20), d(2026, 2, 9)).unwrap();
    assert_eq!(end, d(2026, 4, 19), "a new run from the payment");
    assert_eq!(after.next_after(end).map(|r| r.0), Some(d(2026, 5, 19)));
    let fixed = Cadence::Cycles {
        period: Period::Months(1),
        origin: Some(d(2026, 1, 10)),
        fixed_grid: true,
    };
    let (end, after) = fixed.renew_on(d(2026, 3, 20), d(2026, 2, 9)).unwrap();
    assert_eq!(end, d(2026, 4, 9), "the grid's cycle the payment falls in");
    assert_eq!(after.next_after(end).map(|r| r.0), Some(d(2026, 5, 9)));
    // Paid up: a payment any day buys the next cycle.
    assert_eq!(
        fixed.renew_on(d(2026, 2, 1), d(2026, 2, 9)).map(|r| r.0),
        Some(d(2026, 3, 9))
    );
}

#[test]
fn a_renewal_is_useful_from_half_a_period_before_the_deadline() {
    let c = |rule: &KeepAliveRule| terms(rule, &Hint::default()).cadence;
    let days_180 = c(&rolling(Period::Days(180), &[EventKind::Topup]));
    assert_eq!(days_180.useful_from(d(2026, 9, 1)), Some(d(2026, 6, 3)));
    // 6 months from 3 Sep is 181 days: a renewal must gain 91 of them.
    let six = c(&rolling(Period::Months(6), &[EventKind::Topup]));
    assert_eq!(six.useful_from(d(2026, 9, 3)), Some(d(2026, 6, 3)));
    // Non-stacked tiers lose what is left, like a rolling rule.
    assert_eq!(
        c(&hk_tiers(false, None)).useful_from(d(2026, 9, 1)),
        Some(d(2026, 6, 3))
    );
    // Stacked validity loses nothing, unless the cap bites.
    let amounts =
        LastAmounts::from_events(&[event(EventKind::Topup, 9, Some(Money::new(30000, "HKD")))]);
    let year = |stack, cap| {
        terms(
            &hk_tiers(stack, cap),
            &Hint {
                amounts: Some(&amounts),
                ..Hint::default()
            },
        )
        .cadence
    };
    assert_eq!(year(true, None).useful_from(d(2026, 9, 1)), None);
    // gain(d) = min(365, d + 400 - current) >= 182.5 from current - 217.
    assert_eq!(
        year(true, Some(400)).useful_from(d(2026, 9, 1)),
        d(2026, 9, 1).checked_sub_days(chrono::Days::new(217))
    );
    // A plan: the paid cycle that ends on the deadline.
    let plan = Cadence::Cycles {
        period: Period::Months(1),
        origin: Some(d(2026, 1, 31)),
        fixed_grid: true,
    };
    assert_eq!(plan.useful_from(d(2026, 3, 30)), Some(d(2026, 2, 28)));
}

#[test]
fn the_action_of_a_rolling_rule_is_what_the_user_last_did_that_counts() {
    let giffgaff = rolling(
        Period::Months(6),
        &[EventKind::Call, EventKind::Sms, EventKind::Topup],
    );
    let mut basis = Basis::new(BasisKind::RollingSinceEvent, "Europe/London");
    basis.event_kind = Some(EventKind::Sms);
    let amounts = LastAmounts::from_events(&[
        event(EventKind::Topup, 2, Some(Money::new(1000, "GBP"))),
        event(EventKind::Sms, 5, None),
    ]);
    let hint = Hint {
        basis: Some(&basis),
        last_renewal_kind: Some(EventKind::Sms),
        amounts: Some(&amounts),
    };
    let t = terms(&giffgaff, &hint);
    assert_eq!(t.action, EventKind::Sms);
    assert_eq!(
        (t.cost, t.cost_source),
        (None, CostSource::Unknown),
        "an SMS with no amount logged: the cost is flagged unknown"
    );
    let t = terms(
        &giffgaff,
        &Hint {
            basis: None,
            ..hint
        },
    );
    assert_eq!(t.action, EventKind::Topup);
    assert_eq!(t.cost, Some(Money::new(1000, "GBP")));
    // Qualifying kinds without a top-up: the first one.
    let ee = rolling(Period::Days(179), &[EventKind::Call, EventKind::Data]);
    assert_eq!(terms(&ee, &Hint::default()).action, EventKind::Call);
}

#[test]
fn the_latest_amount_of_each_kind_is_kept() {
    let mut late = event(EventKind::Topup, 20, Some(Money::new(700, "GBP")));
    late.id = "a".into();
    let same_instant = Event {
        id: "b".into(),
        amount: Some(Money::new(900, "GBP")),
        ..late.clone()
    };
    let a = LastAmounts::from_events(&[
        same_instant,
        event(EventKind::Topup, 3, Some(Money::new(100, "GBP"))),
        late,
        event(EventKind::Call, 25, None),
    ]);
    assert_eq!(a.get(EventKind::Topup), Some(&Money::new(900, "GBP")));
    assert_eq!(a.get(EventKind::Call), None);
}

#[test]
fn far_dates_and_tiny_periods_end_without_a_panic() {
    let last = d(9999, 12, 31);
    for rule in [
        rolling(Period::Days(1), &[EventKind::Topup]),
        rolling(Period::Months(120), &[EventKind::Topup]),
        hk_tiers(true, Some(1)),
        KeepAliveRule::RecurringPlan {
            period: Period::Months(1),
            anchor: Some(d(1990, 1, 31)),
        },
        KeepAliveRule::RecurringPlan {
            period: Period::Days(1),
            anchor: None,
        },
    ] {
        let c = terms(&rule, &Hint::default()).cadence;
        let _ = c.actions_in(last, d(1990, 1, 1), NaiveDate::MAX);
        let _ = c.useful_from(last);
        let _ = c.useful_from(NaiveDate::MAX);
        let _ = c.useful_from(NaiveDate::MIN);
        let _ = c.renew_on(NaiveDate::MAX, NaiveDate::MIN);
        let all = c.actions_in(d(1990, 1, 1), d(1990, 1, 1), NaiveDate::MAX);
        assert!(all.len() <= STEPS_MAX);
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }
}

#[test]
fn the_greedy_takes_the_earliest_deadline_and_everything_open_then() {
    let w = |opens: u32, closes: u32| Window { opens, closes };
    let windows = [w(0, 10), w(5, 6), w(7, 12), w(11, 20), w(3, 4), w(9, 8)];
    let plan = fewest_days(&windows);
    // 4 closes first; 6 next (taking 0..10 along); then 12 (7..12, 11..20); 9..8 is empty.
    assert_eq!(plan, vec![(4, vec![4]), (6, vec![1, 0]), (12, vec![2, 3])]);
    assert!(fewest_days::<u32>(&[]).is_empty());
}
