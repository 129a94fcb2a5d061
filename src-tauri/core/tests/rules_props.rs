//! Property tests of the keep-alive rules engine over random rules, events, zones and instants.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_core::event::{Event, EventKind, Money};
use baohao_core::rules::{
    end_of_local_day, evaluate, explain_text, status_at, BasisKind, Evaluation, Grace, GraceMode,
    KeepAliveRule, Lang, Period, RuleSpec, Status, Tier, HORIZON_MONTHS,
};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

/// Zones with DST, half- and quarter-hour offsets, midnight transitions, a skipped day, ±14 h.
const ZONES: &[&str] = &[
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "America/Santiago",
    "America/St_Johns",
    "America/Havana",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Asia/Hong_Kong",
    "Asia/Manila",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Africa/Casablanca",
];

const CURRENCIES: &[&str] = &["HKD", "JPY", "USD", "IDR"];

const KINDS: [EventKind; 7] = [
    EventKind::Topup,
    EventKind::Call,
    EventKind::Sms,
    EventKind::Data,
    EventKind::PlanPayment,
    EventKind::BalanceCheck,
    EventKind::Other,
];

fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(ZONES).prop_map(|z| z.parse::<Tz>().unwrap())
}

/// 1990-01-01 .. 9999-12-31, mostly near the present.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let near = 1_577_836_800i64..1_893_456_000; // 2020..2030
    let wide = 631_152_000i64..253_402_300_799; // 1990..9999
    prop_oneof![4 => near, 1 => wide].prop_map(|s| Utc.timestamp_opt(s, 0).single().unwrap())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    instant().prop_map(|t| t.date_naive())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        prop_oneof![1u32..=3650, Just(3650), Just(1)].prop_map(Period::Days),
        prop_oneof![1u32..=120, Just(120), Just(1)].prop_map(Period::Months),
    ]
}

fn kind() -> impl Strategy<Value = EventKind> {
    prop::sample::select(KINDS.to_vec())
}

fn grace() -> impl Strategy<Value = Option<Grace>> {
    let mode = prop::sample::select(vec![
        GraceMode::Restricted,
        GraceMode::IncomingOnly,
        GraceMode::Grace,
    ]);
    prop::option::of((0u32..=3650, 0u32..=120, mode, any::<bool>()).prop_map(
        |(days, months, mode, at_zero_balance)| Grace {
            days,
            months,
            mode,
            at_zero_balance,
        },
    ))
}

fn tiers() -> impl Strategy<Value = Vec<Tier>> {
    (
        prop::sample::select(CURRENCIES),
        prop::collection::vec((1i64..50_000, 0u32..=3650, 0u32..=120), 1..5),
    )
        .prop_map(|(cur, rows)| {
            let mut min = 0i64;
            rows.into_iter()
                .map(|(step, days, months)| {
                    min += step;
                    let days = if days == 0 && months == 0 { 1 } else { days };
                    Tier {
                        min_amount: Money::new(min, cur),
                        days,
                        months,
                    }
                })
                .collect()
        })
}

fn rule() -> impl Strategy<Value = KeepAliveRule> {
    prop_oneof![
        (period(), prop::collection::vec(kind(), 1..4)).prop_map(|(period, qualifying)| {
            // Some of the qualifying kinds count only when charged.
            let charged = qualifying
                .iter()
                .copied()
                .filter(|k| *k != EventKind::Topup)
                .take(1)
                .collect();
            KeepAliveRule::Rolling {
                period,
                qualifying,
                charged,
            }
        }),
        (tiers(), any::<bool>(), prop::option::of(1u32..=3650)).prop_map(
            |(tiers, stack, cap_days)| KeepAliveRule::TopupValidity {
                tiers,
                stack,
                cap_days
            }
        ),
        date().prop_map(|expires_on| KeepAliveRule::FixedExpiry { expires_on }),
        (period(), prop::option::of(date()))
            .prop_map(|(period, anchor)| KeepAliveRule::RecurringPlan { period, anchor }),
        balance_rule(),
    ]
}

/// A balance rule: a fee (sometimes none, 0 or tiny) on a billing day, often 29-31.
fn balance_rule() -> impl Strategy<Value = KeepAliveRule> {
    (
        prop::option::of(prop_oneof![
            Just(0i64),
            Just(1i64),
            1i64..5_000,
            Just(1_000_000_000i64)
        ]),
        prop_oneof![1u32..=31, 28u32..=31],
        prop::sample::select(CURRENCIES),
    )
        .prop_map(|(fee, billing_day, cur)| KeepAliveRule::Balance {
            fee: fee.map(|m| Money::new(m, cur)),
            billing_day,
        })
}

fn spec() -> impl Strategy<Value = RuleSpec> {
    (rule(), grace(), zone()).prop_map(|(rule, grace, tz)| RuleSpec::new(rule, grace, tz))
}

fn event() -> impl Strategy<Value = Event> {
    (
        instant(),
        kind(),
        prop::option::of((0i64..200_000, prop::sample::select(CURRENCIES))),
        any::<u32>(),
        prop::option::of((
            prop_oneof![-1_000_000_000i64..1_000_000_000, -5_000i64..20_000],
            prop::sample::select(CURRENCIES),
        )),
    )
        .prop_map(|(t, kind, amount, id, balance)| Event {
            id: format!("e{id}"),
            line_id: "l".into(),
            occurred_at: t,
            kind,
            amount: amount.map(|(m, c)| Money::new(m, c)),
            method: None,
            channel: None,
            reference: String::new(),
            note: String::new(),
            balance_after: balance.map(|(m, c)| Money::new(m, c)),
        })
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(event(), 0..10)
}

/// The invariants every evaluation keeps.
fn check_invariants(e: &Evaluation, now: DateTime<Utc>, due: u32) -> Result<(), TestCaseError> {
    match (e.act_by, e.lost_at) {
        (Some(act_by), Some(lost_at)) => {
            prop_assert!(lost_at >= act_by);
            prop_assert_eq!(e.status, status_at(act_by, lost_at, now, due));
            let left = e.days_left.unwrap();
            match e.status {
                Status::Ok | Status::DueSoon => prop_assert!(left >= 0, "{left}"),
                Status::Overdue | Status::Lost => prop_assert!(left <= 0, "{left}"),
                Status::Unknown => prop_assert!(false, "unknown with instants"),
            }
            prop_assert!(e.basis.act_by_local.is_some());
        }
        (None, None) if e.basis.kind == BasisKind::BalanceNeverRunsOut => {
            prop_assert_eq!(e.status, Status::Ok);
            prop_assert!(e.days_left.is_none());
        }
        (None, None) => {
            prop_assert_eq!(e.status, Status::Unknown);
            prop_assert!(e.days_left.is_none());
        }
        _ => prop_assert!(false, "act_by and lost_at must come together"),
    }
    Ok(())
}

/// The explanation with "(… your time)" parts removed.
fn without_user_time(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(" (") {
        let Some(j) = rest[i..].find(')') else { break };
        let part = &rest[i..=i + j];
        out.push_str(&rest[..i]);
        if !part.ends_with("your time)") {
            out.push_str(part);
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn evaluations_are_consistent_and_never_panic(
        spec in spec(), evs in events(), created in instant(), now in instant(), due in 0u32..400,
        user in zone(),
    ) {
        let e = evaluate(&spec, &evs, created, now, due);
        check_invariants(&e, now, due)?;
        for lang in [Lang::En, Lang::ZhCn] {
            prop_assert!(!explain_text(&e, lang, user).is_empty());
        }
    }

    #[test]
    fn event_order_does_not_matter(
        spec in spec(),
        evs in events().prop_shuffle().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
        created in instant(), now in instant(),
    ) {
        let (a, b) = evs;
        let mut rev = a.clone();
        rev.reverse();
        let ea = evaluate(&spec, &a, created, now, 7);
        prop_assert_eq!(&ea, &evaluate(&spec, &b, created, now, 7));
        prop_assert_eq!(&ea, &evaluate(&spec, &rev, created, now, 7));
    }

    #[test]
    fn another_event_never_makes_act_by_earlier(
        spec in spec(), evs in events(), extra in event(), created in instant(), now in instant(),
    ) {
        // A balance rule is not monotone: a balance check may say there is less money than
        // thought, and an older top-up starts the estimate earlier (see the balance tests).
        prop_assume!(!matches!(spec.rule, KeepAliveRule::Balance { .. }));
        // Nor is a grace that starts when the balance runs out: a zero balance moves it earlier.
        prop_assume!(
            !spec.grace.is_some_and(|g| g.at_zero_balance)
                || extra.balance_after.as_ref().is_none_or(|b| b.minor > 0)
        );
        let before = evaluate(&spec, &evs, created, now, 7);
        // The stand-ins for a missing event (the line's creation) are not events: the first
        // real event may well be older.
        let stand_in = before.basis.kind == BasisKind::RecurringPlan
            && before.basis.counted_events == Some(0);
        let mut more = evs.clone();
        more.push(extra);
        let after = evaluate(&spec, &more, created, now, 7);
        if let (Some(b), false) = (before.act_by, stand_in) {
            let a = after.act_by;
            // A deadline past 9999-12-31 cannot be computed: it is later than any, not earlier.
            prop_assert!(
                a.is_some_and(|a| a >= b) || after.basis.kind == BasisKind::OutOfRange,
                "{:?} -> {:?}", b, a
            );
        }
        check_invariants(&after, now, 7)?;
    }

    #[test]
    fn a_qualifying_rolling_event_never_moves_act_by_earlier(
        p in period(), tz in zone(), evs in events(), extra in instant(),
        created in instant(), now in instant(),
    ) {
        let spec = RuleSpec::new(
            KeepAliveRule::Rolling { period: p, qualifying: vec![EventKind::Topup], charged: vec![] },
            None,
            tz,
        );
        let mut base = evs.clone();
        for e in &mut base { e.kind = EventKind::Topup; }
        prop_assume!(!base.is_empty());
        let before = evaluate(&spec, &base, created, now, 7);
        let mut more = base.clone();
        more.push(Event { occurred_at: extra, ..base[0].clone() });
        let after = evaluate(&spec, &more, created, now, 7);
        // A deadline past 9999-12-31 cannot be computed: it is later than any, not earlier.
        prop_assert!(after.act_by >= before.act_by || after.basis.kind == BasisKind::OutOfRange);
    }

    #[test]
    fn the_user_zone_changes_only_the_your_time_part(
        spec in spec(), evs in events(), created in instant(), now in instant(),
        a in zone(), b in zone(),
    ) {
        let e = evaluate(&spec, &evs, created, now, 7);
        let rule_zone: Tz = e.basis.zone.parse().unwrap_or(Tz::UTC);
        let plain = explain_text(&e, Lang::En, rule_zone);
        prop_assert!(!plain.contains("your time"));
        prop_assert_eq!(without_user_time(&explain_text(&e, Lang::En, a)), plain.clone());
        prop_assert_eq!(without_user_time(&explain_text(&e, Lang::En, b)), plain);
    }

    #[test]
    fn a_later_top_up_never_moves_a_balance_deadline_earlier(
        rule in balance_rule(), tz in zone(), evs in events(), minor in 0i64..1_000_000,
        created in instant(), now in instant(),
    ) {
        let spec = RuleSpec::new(rule.clone(), None, tz);
        let before = evaluate(&spec, &evs, created, now, 7);
        let KeepAliveRule::Balance { fee: Some(fee), .. } = rule else { return Ok(()) };
        let latest = evs.iter().map(|e| e.occurred_at).max().unwrap_or(created);
        let mut more = evs.clone();
        more.push(Event {
            id: "later".into(),
            line_id: "l".into(),
            occurred_at: latest + chrono::Duration::seconds(1),
            kind: EventKind::Topup,
            amount: Some(Money::new(minor, &fee.currency)),
            method: None,
            channel: None,
            reference: String::new(),
            note: String::new(),
            balance_after: None,
        });
        let after = evaluate(&spec, &more, created, now, 7);
        check_invariants(&after, now, 7)?;
        if let Some(b) = before.act_by {
            // Later or no deadline at all (the balance now never runs out).
            prop_assert!(after.act_by.is_none_or(|a| a >= b), "{:?} -> {:?}", b, after.act_by);
        }
    }

    #[test]
    fn a_balance_checked_today_covers_whole_fees_up_to_the_day_before_a_billing_day(
        fee in 1i64..100_000, balance in -100_000i64..10_000_000, billing_day in 1u32..=31,
        tz in zone(), now in instant(), older in events(),
    ) {
        let spec = RuleSpec::new(
            KeepAliveRule::Balance { fee: Some(Money::new(fee, "CNY")), billing_day },
            None,
            tz,
        );
        // Events before a balance check do not matter (unless it is negative: then an
        // earlier suspension stands).
        let check = Event {
            id: "check".into(),
            line_id: "l".into(),
            occurred_at: now,
            kind: EventKind::BalanceCheck,
            amount: None,
            method: None,
            channel: None,
            reference: String::new(),
            note: String::new(),
            balance_after: Some(Money::new(balance, "CNY")),
        };
        let mut log: Vec<Event> = older.into_iter().filter(|e| e.occurred_at < now).collect();
        log.push(check.clone());
        let alone = evaluate(&spec, std::slice::from_ref(&check), now, now, 7);
        let with_log = evaluate(&spec, &log, now, now, 7);
        check_invariants(&alone, now, 7)?;
        check_invariants(&with_log, now, 7)?;
        if balance / fee > HORIZON_MONTHS {
            prop_assert_eq!(alone.basis.kind, BasisKind::BalanceNeverRunsOut);
            prop_assert_eq!(alone.status, Status::Ok);
        } else if balance >= 0 {
            prop_assert_eq!(&alone, &with_log);
            let f = alone.basis.balance.clone().unwrap();
            let k = balance / fee;
            prop_assert_eq!(f.months_covered.map(i64::from), Some(k));
            let Some(act_by) = alone.act_by else {
                // A deadline past 9999-12-31 is reported as out of range (the bound every
                // stored instant keeps), never as an instant.
                prop_assert!(i64::from(now.year()) + k / 12 + 1 >= 9999, "{:?}", alone);
                return Ok(());
            };
            let act = act_by.with_timezone(&tz).date_naive();
            let next = act.succ_opt().unwrap();
            // The day after act_by is the first uncovered billing day: the billing day, or
            // the last day of a shorter month.
            prop_assert_eq!(Some(next), f.first_uncovered);
            let last_of_month = next.succ_opt().unwrap().month() != next.month();
            prop_assert!(
                next.day() == billing_day || (next.day() < billing_day && last_of_month),
                "{next} for day {billing_day}"
            );
            prop_assert_eq!(alone.status == Status::Unknown, false);
        } else {
            prop_assert!(matches!(alone.status, Status::Overdue | Status::Lost));
        }
    }

    #[test]
    fn end_of_day_is_monotone_and_near_local_midnight(d in date(), tz in zone()) {
        let today = end_of_local_day(d, tz).unwrap();
        let next = end_of_local_day(d.checked_add_days(Days::new(1)).unwrap(), tz).unwrap();
        prop_assert!(next >= today);
        prop_assert!(next - today <= chrono::Duration::hours(48));
        // The instant is 23:59:59 on that date, or just after a gap that swallowed it.
        let local = today.with_timezone(&tz).naive_local();
        let want = d.and_hms_opt(23, 59, 59).unwrap();
        prop_assert!(local >= want - chrono::Duration::hours(1));
        prop_assert!(local <= want + chrono::Duration::hours(25));
    }
}
