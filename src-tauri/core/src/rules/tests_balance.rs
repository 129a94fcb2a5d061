//! Worked examples of the `balance` rule (a balance drawn down by a monthly fee).

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::error::{ErrorCode, Field};
use crate::event::{Event, EventKind, Money};

const SH: &str = "Asia/Shanghai";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn tz(name: &str) -> Tz {
    name.parse().unwrap()
}

/// Noon (local) in Shanghai.
fn noon(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    match tz(SH).with_ymd_and_hms(y, m, day, 12, 0, 0) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        other => panic!("{other:?}"),
    }
}

fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz(SH)).naive_local()
}

fn eod(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(23, 59, 59).unwrap()
}

fn cny(minor: i64) -> Money {
    Money::new(minor, "CNY")
}

fn ev(id: &str, kind: EventKind, at: DateTime<Utc>, amount: Option<Money>) -> Event {
    Event {
        id: id.into(),
        line_id: "line".into(),
        occurred_at: at,
        kind,
        amount,
        method: None,
        channel: None,
        reference: String::new(),
        note: String::new(),
        balance_after: None,
    }
}

fn check(id: &str, at: DateTime<Utc>, balance: i64) -> Event {
    Event {
        balance_after: Some(cny(balance)),
        ..ev(id, EventKind::BalanceCheck, at, None)
    }
}

fn topup(id: &str, at: DateTime<Utc>, minor: i64) -> Event {
    ev(id, EventKind::Topup, at, Some(cny(minor)))
}

/// ¥`fee` a month on `day`, 60 days suspended before the number is lost.
fn spec(fee: i64, day: u32) -> RuleSpec {
    RuleSpec {
        rule: KeepAliveRule::Balance {
            fee: Some(cny(fee)),
            billing_day: day,
        },
        grace: Some(Grace::days(60, GraceMode::Restricted)),
        zone: SH.into(),
    }
}

fn created() -> DateTime<Utc> {
    noon(2025, 1, 1)
}

fn run(spec: &RuleSpec, events: &[Event], now: DateTime<Utc>) -> Evaluation {
    evaluate(spec, events, created(), now, 30)
}

fn forecast(e: &Evaluation) -> &BalanceForecast {
    e.basis.balance.as_ref().expect("a forecast")
}

#[test]
fn thirty_eight_yuan_at_eight_a_month_covers_february_to_may() {
    // The example: on 15 Jan, ¥38.00 left, ¥8.00 taken on the 1st of each month.
    let e = run(
        &spec(800, 1),
        &[check("c", noon(2026, 1, 15), 3800)],
        noon(2026, 1, 15),
    );
    assert_eq!(e.basis.kind, BasisKind::BalanceRunsOut);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 5, 31))));
    assert_eq!(e.lost_at.map(local), Some(eod(d(2026, 7, 30))));
    assert_eq!(e.status, Status::Ok);
    let f = forecast(&e);
    assert_eq!(f.months_covered, Some(4));
    assert_eq!(f.covered_from, Some(d(2026, 2, 1)));
    assert_eq!(f.covered_to, Some(d(2026, 5, 1)));
    assert_eq!(f.first_uncovered, Some(d(2026, 6, 1)));
    assert_eq!(f.balance_now, cny(3800));
    assert!(!f.estimated);
    let en = explain_text(&e, Lang::En, tz(SH));
    let zh = explain_text(&e, Lang::ZhCn, tz(SH));
    println!("en: {en}\nzh: {zh}");
    assert_eq!(
        en,
        "¥38.00 left at ¥8.00 a month covers February to May: top up by 31 May → 31 May 2026 \
         23:59 Shanghai time; then 60 days suspended → number lost after 30 Jul 2026 23:59 \
         Shanghai time"
    );
    assert_eq!(
        zh,
        "余额 ¥38.00，每月 ¥8.00，够扣 2月至5月：请在 5月31日 前充值 → 上海时间 2026年5月31日 \
         23:59；之后 60 天停机，上海时间 2026年7月30日 23:59 后号码失效"
    );
}

#[test]
fn fees_between_a_check_and_today_are_taken() {
    // ¥46.00 on 15 Dec; the 1 Jan fee leaves ¥38.00 on 15 Jan: the same forecast.
    let e = run(
        &spec(800, 1),
        &[check("c", noon(2025, 12, 15), 4600)],
        noon(2026, 1, 15),
    );
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 5, 31))));
    assert_eq!(forecast(&e).balance_now, cny(3800));
    assert_eq!(forecast(&e).months_covered, Some(4));
}

#[test]
fn top_ups_add_and_a_balance_check_resets() {
    let s = spec(800, 1);
    let now = noon(2026, 1, 25);
    let events = vec![
        check("c", noon(2026, 1, 15), 3800),
        topup("t", noon(2026, 1, 20), 1600),
    ];
    // 38 + 16 = 54: six fees, February to July.
    let e = run(&s, &events, now);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 7, 31))));
    assert_eq!(forecast(&e).months_covered, Some(6));
    // A later check says ¥10.00 (a fee was higher than thought): it wins.
    let mut more = events.clone();
    more.push(check("c2", noon(2026, 1, 24), 1000));
    let e = run(&s, &more, now);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 2, 28))));
    assert_eq!(forecast(&e).months_covered, Some(1));
    let en = explain_text(&e, Lang::En, tz(SH));
    assert!(
        en.starts_with("¥10.00 left at ¥8.00 a month covers February: top up by 28 Feb"),
        "{en}"
    );
    // Any order of the same log gives the same result.
    let mut rev = more.clone();
    rev.reverse();
    assert_eq!(run(&s, &rev, now), e);
}

#[test]
fn a_check_on_a_billing_day_already_shows_that_days_fee() {
    // ¥8.00 on 1 Feb (after that day's fee): covers March only.
    let e = run(
        &spec(800, 1),
        &[check("c", noon(2026, 2, 1), 800)],
        noon(2026, 2, 1),
    );
    assert_eq!(forecast(&e).covered_from, Some(d(2026, 3, 1)));
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 3, 31))));
}

#[test]
fn billing_days_29_to_31_clamp_to_the_end_of_short_months() {
    // The 31st: 31 Jan, 28 Feb, 31 Mar. ¥16.00 on 15 Jan covers 31 Jan and 28 Feb.
    let e = run(
        &spec(800, 31),
        &[check("c", noon(2026, 1, 15), 1600)],
        noon(2026, 1, 15),
    );
    assert_eq!(forecast(&e).covered_to, Some(d(2026, 2, 28)));
    assert_eq!(forecast(&e).first_uncovered, Some(d(2026, 3, 31)));
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 3, 30))));
    // The 30th: the fee of 30 Apr is the third after 15 Jan (30 Jan, 28 Feb, 30 Mar).
    let e = run(
        &spec(800, 30),
        &[check("c", noon(2026, 1, 15), 2400)],
        noon(2026, 1, 15),
    );
    assert_eq!(forecast(&e).first_uncovered, Some(d(2026, 4, 30)));
    // The 29th in a leap year: 29 Feb 2028; in 2027: 28 Feb.
    let e = run(
        &spec(800, 29),
        &[check("c", noon(2028, 1, 30), 0)],
        noon(2028, 1, 30),
    );
    assert_eq!(forecast(&e).first_uncovered, Some(d(2028, 2, 29)));
    assert_eq!(e.act_by.map(local), Some(eod(d(2028, 2, 28))));
    let e = run(
        &spec(800, 29),
        &[check("c", noon(2027, 1, 30), 0)],
        noon(2027, 1, 30),
    );
    assert_eq!(forecast(&e).first_uncovered, Some(d(2027, 2, 28)));
    assert_eq!(e.act_by.map(local), Some(eod(d(2027, 2, 27))));
    // ¥0.00 left says so.
    let en = explain_text(&e, Lang::En, tz(SH));
    assert!(
        en.starts_with("¥0.00 left does not cover the ¥8.00 due on 28 Feb: top up by 27 Feb"),
        "{en}"
    );
    // Across the year end: months of the next year carry their year.
    let e = run(
        &spec(800, 1),
        &[check("c", noon(2026, 11, 15), 3200)],
        noon(2026, 11, 15),
    );
    let en = explain_text(&e, Lang::En, tz(SH));
    assert!(
        en.starts_with(
            "¥32.00 left at ¥8.00 a month covers December to March 2027: top up by 31 Mar 2027"
        ),
        "{en}"
    );
    let zh = explain_text(&e, Lang::ZhCn, tz(SH));
    assert!(
        zh.starts_with("余额 ¥32.00，每月 ¥8.00，够扣 12月至2027年3月：请在 2027年3月31日 前充值"),
        "{zh}"
    );
}

#[test]
fn a_negative_balance_means_suspended_and_a_top_up_restores() {
    let s = spec(800, 1);
    // -¥3.00 on 15 Jan: the 1 Jan fee was not covered; suspended since then.
    let events = vec![check("c", noon(2026, 1, 15), -300)];
    let e = run(&s, &events, noon(2026, 1, 15));
    assert_eq!(e.basis.kind, BasisKind::BalanceSuspended);
    assert_eq!(e.status, Status::Overdue);
    assert_eq!(e.act_by.map(local), Some(eod(d(2025, 12, 31))));
    assert_eq!(e.lost_at.map(local), Some(eod(d(2026, 3, 1))));
    assert_eq!(forecast(&e).suspended_since, Some(d(2026, 1, 1)));
    let en = explain_text(&e, Lang::En, tz(SH));
    assert!(
        en.starts_with(
            "-¥3.00 left did not cover the ¥8.00 due on 1 Jan: the line is suspended, top up \
             to restore it"
        ),
        "{en}"
    );
    // ¥20.00 on 20 Jan: ¥17.00 covers February and March.
    let mut more = events.clone();
    more.push(topup("t", noon(2026, 1, 20), 2000));
    let e = run(&s, &more, noon(2026, 1, 20));
    assert_eq!(e.basis.kind, BasisKind::BalanceRunsOut);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 3, 31))));
}

#[test]
fn running_into_arrears_between_events() {
    let s = spec(800, 1);
    // ¥10.00 on 15 Jan covers February; 1 Mar is not covered.
    let mut events = vec![check("c", noon(2026, 1, 15), 1000)];
    let e = run(&s, &events, noon(2026, 3, 5));
    assert_eq!(e.status, Status::Overdue);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 2, 28))));
    assert_eq!(forecast(&e).suspended_since, Some(d(2026, 3, 1)));
    assert_eq!(forecast(&e).balance_now, cny(-600));
    // ¥5.00 on 10 Mar is not enough (-¥1.00): still suspended since 1 Mar.
    events.push(topup("t1", noon(2026, 3, 10), 500));
    let e = run(&s, &events, noon(2026, 3, 10));
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 2, 28))));
    assert_eq!(e.lost_at.map(local), Some(eod(d(2026, 4, 29))));
    // ¥20.00 more: ¥19.00 covers April and May.
    events.push(topup("t2", noon(2026, 3, 12), 2000));
    let e = run(&s, &events, noon(2026, 3, 12));
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 5, 31))));
}

#[test]
fn a_balance_that_never_runs_out() {
    // No fee.
    let e = run(
        &spec(0, 1),
        &[check("c", noon(2026, 1, 15), 3800)],
        noon(2026, 1, 15),
    );
    assert_eq!(e.basis.kind, BasisKind::BalanceNeverRunsOut);
    assert_eq!(e.status, Status::Ok);
    assert_eq!((e.act_by, e.lost_at, e.days_left), (None, None, None));
    assert_eq!(
        explain_text(&e, Lang::En, tz(SH)),
        "¥38.00 left and no monthly fee: the balance does not run out"
    );
    // A huge balance at ¥0.01 a month: answered at once, no loop over the months.
    let big = [check(
        "c",
        noon(2026, 1, 15),
        crate::event::AMOUNT_MAX_MINOR,
    )];
    let started = std::time::Instant::now();
    let e = run(&spec(1, 1), &big, noon(2026, 1, 15));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(e.basis.kind, BasisKind::BalanceNeverRunsOut);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(forecast(&e).months_covered, None);
    assert_eq!(
        explain_text(&e, Lang::ZhCn, tz(SH)),
        "余额 ¥10000000.00，每月 ¥0.01，可用 100 年以上"
    );
    // A big balance within the horizon: 1,000 months from 15 Jan 2026.
    let e = run(
        &spec(800, 1),
        &[check("c", noon(2026, 1, 15), 800_000)],
        noon(2026, 1, 15),
    );
    assert_eq!(forecast(&e).months_covered, Some(1000));
    assert_eq!(e.act_by.map(local), Some(eod(d(2109, 5, 31))));
    // Events from 1990 to 9999 with a tiny fee: still bounded.
    let wide = [
        check("a", noon(1990, 1, 2), 100),
        topup("b", Utc.with_ymd_and_hms(9999, 12, 30, 0, 0, 0).unwrap(), 5),
    ];
    // (¥1.00 ran out in 1998; the top-up of 9999 does not clear the arrears.)
    let e = run(&spec(1, 31), &wide, noon(2026, 1, 1));
    assert_eq!(e.status, Status::Lost);
    assert_eq!(forecast(&e).suspended_since, Some(d(1998, 5, 31)));
}

#[test]
fn without_a_balance_or_a_fee_the_line_asks() {
    let s = spec(800, 1);
    let e = run(&s, &[], noon(2026, 1, 15));
    assert_eq!(e.status, Status::Unknown);
    assert_eq!(e.basis.kind, BasisKind::NeedsBalance);
    assert_eq!(
        explain_text(&e, Lang::En, tz(SH)),
        "What is the balance now? Log a balance check to see how long it lasts"
    );
    // A call or a top-up in another currency tells nothing about the balance.
    let noise = [
        ev("a", EventKind::Call, noon(2026, 1, 2), None),
        ev(
            "b",
            EventKind::Topup,
            noon(2026, 1, 3),
            Some(Money::new(5000, "HKD")),
        ),
    ];
    assert_eq!(
        run(&s, &noise, noon(2026, 1, 15)).basis.kind,
        BasisKind::NeedsBalance
    );
    let uncounted = uncounted_events(&s, &noise);
    assert_eq!(
        uncounted.iter().map(|u| u.reason).collect::<Vec<_>>(),
        vec![NotCounted::KindDoesNotCount, NotCounted::OtherCurrency]
    );
    // Only top-ups: estimated from 0, and the text says so.
    let e = run(
        &s,
        &[topup("t", noon(2026, 1, 15), 3000)],
        noon(2026, 1, 15),
    );
    assert!(forecast(&e).estimated);
    assert_eq!(e.act_by.map(local), Some(eod(d(2026, 4, 30))));
    assert!(explain_text(&e, Lang::En, tz(SH)).contains("estimated from your top-ups"));

    // A preset may leave the fee to the user: unknown until it is set.
    let blank = RuleSpec {
        rule: KeepAliveRule::Balance {
            fee: None,
            billing_day: 1,
        },
        ..s.clone()
    };
    assert!(blank.validate_template().is_ok());
    let e = run(
        &blank,
        &[check("c", noon(2026, 1, 15), 3800)],
        noon(2026, 1, 15),
    );
    assert_eq!(e.basis.kind, BasisKind::FeeNotSet);
    assert_eq!(e.status, Status::Unknown);
    assert_eq!(
        explain_text(&e, Lang::ZhCn, tz(SH)),
        "设置套餐月费即可算出余额能用多久"
    );
    // A line's own rule must have it.
    let err = blank.validate().unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::Required, Some(Field::Fee))
    );
    for day in [0, 32] {
        let bad = RuleSpec {
            rule: KeepAliveRule::Balance {
                fee: Some(cny(800)),
                billing_day: day,
            },
            ..s.clone()
        };
        assert_eq!(bad.validate().unwrap_err().field(), Some(Field::BillingDay));
    }
    let bad = RuleSpec {
        rule: KeepAliveRule::Balance {
            fee: Some(cny(-1)),
            billing_day: 1,
        },
        ..s.clone()
    };
    assert_eq!(bad.validate().unwrap_err().field(), Some(Field::Fee));
}

#[test]
fn balance_rule_json_shape() {
    let json = serde_json::json!({
        "rule": { "kind": "balance", "fee": { "minor": 800, "currency": "CNY" }, "billingDay": 1 },
        "grace": { "days": 60, "mode": "restricted" },
        "zone": "Asia/Shanghai"
    });
    let parsed: RuleSpec = serde_json::from_value(json).unwrap();
    assert_eq!(parsed, spec(800, 1));
    let blank: KeepAliveRule =
        serde_json::from_value(serde_json::json!({ "kind": "balance", "billingDay": 1 })).unwrap();
    assert_eq!(
        blank,
        KeepAliveRule::Balance {
            fee: None,
            billing_day: 1
        }
    );
}
