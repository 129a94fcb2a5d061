//! Worked examples: every preset carrier with a rule, month ends, leap days, DST, zones.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::carrier::{parse_presets, preset, presets, Confidence, PRESETS_JSON};
use crate::error::{ErrorCode, Field};
use crate::event::{Event, EventKind, Money};
use crate::rules::{uncounted_events, NotCounted};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn tz(name: &str) -> Tz {
    name.parse().unwrap()
}

/// A local wall-clock time in `zone`, as an instant (must be unambiguous).
fn at(zone: &str, y: i32, m: u32, day: u32, h: u32, mi: u32) -> DateTime<Utc> {
    match tz(zone).with_ymd_and_hms(y, m, day, h, mi, 0) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        other => panic!("ambiguous local time {other:?}"),
    }
}

fn ev(id: &str, kind: EventKind, t: DateTime<Utc>, amount: Option<(i64, &str)>) -> Event {
    Event {
        id: id.into(),
        line_id: "line".into(),
        occurred_at: t,
        kind,
        amount: amount.map(|(minor, cur)| Money::new(minor, cur)),
        method: None,
        channel: None,
        reference: String::new(),
        note: String::new(),
        balance_after: None,
    }
}

fn local(t: DateTime<Utc>, zone: &str) -> NaiveDateTime {
    t.with_timezone(&tz(zone)).naive_local()
}

fn eod(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(23, 59, 59).unwrap()
}

fn created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

fn rolling(period: Period, q: &[EventKind], zone: &str) -> RuleSpec {
    RuleSpec {
        rule: KeepAliveRule::Rolling {
            period,
            qualifying: q.to_vec(),
            charged: vec![],
        },
        grace: None,
        zone: zone.into(),
    }
}

/// Evaluates a preset with events at noon local time on 3 Mar 2026 (one per amount given).
fn preset_eval(id: &str, events: &[(EventKind, Option<(i64, &str)>)]) -> (Evaluation, String) {
    let p = preset(id).unwrap_or_else(|| panic!("no preset {id}"));
    let spec = p.rule_spec().unwrap_or_else(|| panic!("{id} has no rule"));
    let t = at(&p.zone, 2026, 3, 3, 12, 0);
    let evs: Vec<Event> = events
        .iter()
        .enumerate()
        .map(|(i, (k, a))| ev(&format!("e{i}"), *k, t + Duration::minutes(i as i64), *a))
        .collect();
    let now = at(&p.zone, 2026, 3, 4, 12, 0);
    (evaluate(&spec, &evs, created(), now, 7), p.zone.clone())
}

use EventKind::{Call, PlanPayment, Sms, Topup};

/// (preset, events on 3 Mar 2026, act_by local date, lost_at local date).
#[allow(clippy::type_complexity)]
fn worked_examples() -> Vec<(
    &'static str,
    Vec<(EventKind, Option<(i64, &'static str)>)>,
    NaiveDate,
    NaiveDate,
)> {
    let top = |minor: i64, cur: &'static str| vec![(Topup, Some((minor, cur)))];
    vec![
        // Smart: each load is valid 1 year; 120 days to reload after.
        ("ph-smart", top(10000, "PHP"), d(2027, 3, 3), d(2027, 7, 1)),
        // Globe: about 4 months (120 days) to reload after expiry (low).
        ("ph-globe", top(10000, "PHP"), d(2027, 3, 3), d(2027, 7, 1)),
        ("ph-tnt", top(10000, "PHP"), d(2027, 3, 3), d(2027, 3, 3)),
        ("ph-sun", top(10000, "PHP"), d(2027, 3, 3), d(2027, 3, 3)),
        // giffgaff: a call on 3 Mar 2026 -> 6 months -> 3 Sep 2026.
        (
            "gb-giffgaff",
            vec![(Call, None)],
            d(2026, 9, 3),
            d(2026, 9, 3),
        ),
        // EE: a top-up (or a charged text) -> 179 days; reinstatable for 90 more days.
        ("gb-ee", top(1000, "GBP"), d(2026, 8, 29), d(2026, 11, 27)),
        (
            "gb-ee",
            vec![(Sms, Some((15, "GBP")))],
            d(2026, 8, 29),
            d(2026, 11, 27),
        ),
        // ASDA: top-up -> 180 days -> 30 Aug; 90 days incoming only -> 28 Nov.
        ("gb-asda", top(1000, "GBP"), d(2026, 8, 30), d(2026, 11, 28)),
        (
            "gb-three",
            vec![(Call, None)],
            d(2026, 8, 30),
            d(2026, 8, 30),
        ),
        (
            "gb-vodafone",
            vec![(Sms, None)],
            d(2026, 8, 30),
            d(2026, 11, 28),
        ),
        ("gb-o2", vec![(Sms, None)], d(2026, 9, 3), d(2026, 9, 3)),
        ("gb-tesco", vec![(Call, None)], d(2026, 9, 3), d(2026, 9, 3)),
        (
            "gb-virgin",
            vec![(Call, None)],
            d(2026, 9, 3),
            d(2026, 9, 3),
        ),
        (
            "gb-smarty",
            vec![(PlanPayment, None)],
            d(2026, 8, 30),
            d(2026, 8, 30),
        ),
        (
            "gb-superdrug",
            vec![(PlanPayment, None)],
            d(2026, 8, 30),
            d(2026, 8, 30),
        ),
        ("gb-vectone", top(500, "GBP"), d(2026, 5, 2), d(2026, 5, 2)),
        // Ultra: 30-day cycles from the payment; suspended, then 30 days to pay.
        (
            "us-ultra",
            vec![(PlanPayment, Some((300, "USD")))],
            d(2026, 4, 1),
            d(2026, 5, 1),
        ),
        (
            "us-usmobile",
            vec![(PlanPayment, Some((298, "USD")))],
            d(2026, 4, 1),
            d(2026, 4, 1),
        ),
        ("us-tello", top(1000, "USD"), d(2026, 6, 3), d(2026, 6, 3)),
        // T-Mobile prepaid: $50 -> 90 days, $100 -> 365 days; 120 days suspended.
        (
            "us-tmobile",
            top(5000, "USD"),
            d(2026, 6, 1),
            d(2026, 9, 29),
        ),
        (
            "us-tmobile",
            top(10000, "USD"),
            d(2027, 3, 3),
            d(2027, 7, 1),
        ),
        (
            "ca-public",
            vec![(PlanPayment, None)],
            d(2026, 4, 1),
            d(2026, 6, 30),
        ),
        (
            "ca-fizz",
            vec![(PlanPayment, None)],
            d(2026, 4, 2),
            d(2026, 4, 2),
        ),
        // CMHK: HK$50 -> 180 days; about a month after.
        ("hk-cmhk", top(5000, "HKD"), d(2026, 8, 30), d(2026, 9, 29)),
        ("hk-3hk", top(10000, "HKD"), d(2026, 8, 30), d(2026, 8, 30)),
        // SmarTone: HK$50 -> 365 days; 30-day grace.
        (
            "hk-smartone",
            top(5000, "HKD"),
            d(2027, 3, 3),
            d(2027, 4, 2),
        ),
        ("hk-csl", top(5000, "HKD"), d(2026, 8, 30), d(2026, 8, 30)),
        ("hk-csl-90", top(5000, "HKD"), d(2026, 6, 1), d(2026, 6, 1)),
        (
            "hk-shinetown",
            top(10000, "HKD"),
            d(2026, 9, 29),
            d(2026, 9, 29),
        ),
        (
            "hk-shinetown",
            top(30000, "HKD"),
            d(2027, 2, 26),
            d(2027, 2, 26),
        ),
        ("mo-ctm", top(10000, "MOP"), d(2026, 8, 30), d(2026, 8, 30)),
        // Telkomsel: Rp50k -> 45 days; 205 days until recycled.
        (
            "id-telkomsel",
            top(5_000_000, "IDR"),
            d(2026, 4, 17),
            d(2026, 11, 8),
        ),
        (
            "my-hotlink",
            top(1000, "MYR"),
            d(2026, 4, 2),
            d(2026, 5, 22),
        ),
        ("th-ais", top(50000, "THB"), d(2026, 4, 22), d(2026, 4, 22)),
        ("jp-povo", top(330, "JPY"), d(2026, 8, 30), d(2026, 9, 29)),
        ("kr-eyes", top(10000, "KRW"), d(2026, 4, 2), d(2026, 7, 11)),
        ("kr-eyes", top(50000, "KRW"), d(2026, 7, 31), d(2026, 11, 8)),
        (
            "au-vodafone",
            top(3000, "AUD"),
            d(2027, 4, 2),
            d(2027, 4, 2),
        ),
        ("nz-onenz", top(2000, "NZD"), d(2027, 2, 26), d(2027, 2, 26)),
        ("nz-skinny", top(500, "NZD"), d(2027, 3, 3), d(2027, 4, 3)),
        // ALDI TALK: EUR 15 -> 12 months, then 2 months passive.
        (
            "de-aldi-talk",
            top(1500, "EUR"),
            d(2027, 3, 3),
            d(2027, 5, 3),
        ),
        (
            "de-aldi-talk",
            top(500, "EUR"),
            d(2026, 7, 3),
            d(2026, 9, 3),
        ),
        (
            "de-congstar",
            top(1500, "EUR"),
            d(2027, 6, 3),
            d(2027, 6, 3),
        ),
        (
            "de-telekom",
            top(1500, "EUR"),
            d(2027, 3, 3),
            d(2027, 6, 23),
        ),
        (
            "fr-free",
            vec![(PlanPayment, Some((200, "EUR")))],
            d(2026, 4, 2),
            d(2026, 4, 2),
        ),
        // Movistar: 6 months, then 54 days.
        (
            "es-movistar",
            top(1000, "EUR"),
            d(2026, 9, 3),
            d(2026, 10, 27),
        ),
        (
            "es-vodafone",
            top(1000, "EUR"),
            d(2026, 10, 3),
            d(2026, 10, 3),
        ),
        (
            "es-orange",
            top(1000, "EUR"),
            d(2026, 10, 3),
            d(2026, 10, 3),
        ),
        ("es-digi", top(1000, "EUR"), d(2026, 9, 3), d(2026, 12, 3)),
        (
            "es-lycamobile",
            top(1000, "EUR"),
            d(2026, 5, 2),
            d(2026, 5, 2),
        ),
        ("es-lebara", top(1000, "EUR"), d(2026, 7, 3), d(2026, 7, 3)),
        // TIM: 12 months + 1 month receive-only + 11 frozen months.
        ("it-tim", top(1000, "EUR"), d(2027, 3, 3), d(2028, 3, 3)),
        (
            "it-vodafone",
            top(1000, "EUR"),
            d(2027, 2, 3),
            d(2027, 3, 3),
        ),
        ("it-windtre", top(1000, "EUR"), d(2027, 3, 3), d(2027, 4, 2)),
        // Lebara AU Standard Plan: 365 days from the recharge, then 30 days.
        ("au-lebara", top(3000, "AUD"), d(2027, 3, 3), d(2027, 4, 2)),
        ("nl-kpn", vec![(Call, None)], d(2026, 9, 3), d(2026, 9, 3)),
        ("be-base", top(1000, "EUR"), d(2027, 3, 3), d(2027, 3, 3)),
        ("lu-orange", top(1000, "EUR"), d(2027, 3, 3), d(2027, 3, 3)),
        (
            "ua-lifecell",
            top(1000, "UAH"),
            d(2027, 3, 3),
            d(2027, 3, 3),
        ),
    ]
}

#[test]
fn every_preset_with_a_rule_has_a_worked_example() {
    let examples = worked_examples();
    for p in presets() {
        // Balance presets leave the fee to the user: see the mainland test below.
        if p.rule.is_some() && !matches!(p.rule, Some(KeepAliveRule::Balance { .. })) {
            assert!(
                examples.iter().any(|(id, ..)| *id == p.id),
                "no worked example for {}",
                p.id
            );
        }
    }
    for (id, events, act_by, lost) in examples {
        let (e, zone) = preset_eval(id, &events);
        let got_act = e.act_by.map(|t| local(t, &zone));
        let got_lost = e.lost_at.map(|t| local(t, &zone));
        assert_eq!(got_act, Some(eod(act_by)), "{id}: act_by");
        assert_eq!(got_lost, Some(eod(lost)), "{id}: lost_at");
        assert_ne!(e.status, Status::Unknown, "{id}");
    }
}

#[test]
fn giffgaff_instant_and_explanation() {
    let (e, _) = preset_eval("gb-giffgaff", &[(Call, None)]);
    // 23:59:59 BST = 22:59:59 UTC.
    assert_eq!(
        e.act_by,
        Some(Utc.with_ymd_and_hms(2026, 9, 3, 22, 59, 59).unwrap())
    );
    assert_eq!(e.basis.kind, BasisKind::RollingSinceEvent);
    assert_eq!(e.basis.event_kind, Some(Call));
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.days_left, Some(183));
    let en = explain_text(&e, Lang::En, tz("Europe/London"));
    assert_eq!(
        en,
        "6 months after your last call on 3 Mar 2026 → 3 Sep 2026 23:59 London time"
    );
}

#[test]
fn asda_explanation_in_both_languages_and_user_zone() {
    let (e, _) = preset_eval("gb-asda", &[(Topup, Some((1000, "GBP")))]);
    let en = explain_text(&e, Lang::En, tz("Asia/Shanghai"));
    assert_eq!(
        en,
        "180 days after your last top-up on 3 Mar 2026 → 30 Aug 2026 23:59 London time \
         (31 Aug 06:59 your time); then 90 days of incoming calls and texts only → number lost \
         after 28 Nov 2026 23:59 London time (29 Nov 07:59 your time)"
    );
    let zh = explain_text(&e, Lang::ZhCn, tz("Asia/Shanghai"));
    assert_eq!(
        zh,
        "自 2026年3月3日 最近一次充值起 180 天 → 伦敦时间 2026年8月30日 23:59（你的时间 8月31日 06:59）\
         ；之后 90 天仅可接听来电和短信，伦敦时间 2026年11月28日 23:59（你的时间 11月29日 07:59） 后号码失效"
    );
    // Same zone: no "your time".
    assert!(!explain_text(&e, Lang::En, tz("Europe/London")).contains("your time"));
    // A call does not count for ASDA: the deadline is unknown until a top-up is logged, and
    // the line asks for it instead of counting from the day it was added.
    let (e, _) = preset_eval("gb-asda", &[(Call, None)]);
    assert_eq!(e.basis.kind, BasisKind::NeedsLastActivity);
    assert_eq!(e.status, Status::Unknown);
    assert_eq!(e.act_by, None);
    assert_eq!(e.basis.qualifying, vec![Topup, PlanPayment]);
    assert_eq!(
        explain_text(&e, Lang::En, tz("Europe/London")),
        "When was your last top-up or plan payment? Log it to see the deadline"
    );
    assert_eq!(
        explain_text(&e, Lang::ZhCn, tz("Europe/London")),
        "最近一次充值或套餐付款是什么时候？记录下来即可计算期限"
    );
    let (e, _) = preset_eval("gb-giffgaff", &[]);
    assert_eq!(e.status, Status::Unknown);
    assert_eq!(
        explain_text(&e, Lang::En, tz("Europe/London")),
        "When was your last top-up, call, SMS, data use or plan payment? Log it to see the \
         deadline"
    );
}

#[test]
fn user_zone_never_moves_the_instant() {
    let (e, _) = preset_eval("hk-smartone", &[(Topup, Some((5000, "HKD")))]);
    assert_eq!(
        e.act_by,
        Some(Utc.with_ymd_and_hms(2027, 3, 3, 15, 59, 59).unwrap())
    );
    let a = explain_text(&e, Lang::En, tz("Europe/London"));
    let b = explain_text(&e, Lang::En, tz("America/Los_Angeles"));
    assert!(
        a.contains("3 Mar 2027 23:59 Hong Kong time (3 Mar 15:59 your time)"),
        "{a}"
    );
    assert!(
        b.contains("3 Mar 2027 23:59 Hong Kong time (3 Mar 07:59 your time)"),
        "{b}"
    );
    let zh = explain_text(&e, Lang::ZhCn, tz("Asia/Hong_Kong"));
    assert!(
        zh.starts_with("自 2026年3月3日 充值 HKD 50 起 365 天 → 香港时间 2027年3月3日 23:59"),
        "{zh}"
    );
}

#[test]
fn topup_validity_keeps_the_later_expiry_and_ignores_small_or_foreign_topups() {
    let spec = preset("hk-shinetown").unwrap().rule_spec().unwrap();
    let z = "Asia/Hong_Kong";
    let big = ev("a", Topup, at(z, 2026, 3, 3, 12, 0), Some((30000, "HKD")));
    let small = ev("b", Topup, at(z, 2026, 4, 1, 12, 0), Some((5000, "HKD")));
    let tiny = ev("c", Topup, at(z, 2026, 5, 1, 12, 0), Some((4999, "HKD")));
    let foreign = ev("d", Topup, at(z, 2026, 5, 2, 12, 0), Some((99999, "USD")));
    let none = ev("e", Topup, at(z, 2026, 5, 3, 12, 0), None);
    let now = at(z, 2026, 6, 1, 0, 0);
    let e = evaluate(
        &spec,
        &[
            small.clone(),
            big,
            tiny.clone(),
            foreign.clone(),
            none.clone(),
        ],
        created(),
        now,
        7,
    );
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2027, 2, 26))));
    assert_eq!(e.basis.amount, Some(Money::new(30000, "HKD")));
    assert_eq!(e.basis.counted_events, Some(2));
    // Nothing reaching a tier: unknown, and the explanation says what to log.
    let e = evaluate(&spec, &[tiny, foreign, none], created(), now, 7);
    assert_eq!(e.status, Status::Unknown);
    assert_eq!(e.basis.kind, BasisKind::NoQualifyingTopup);
    assert_eq!(
        explain_text(&e, Lang::En, tz(z)),
        "No top-up of at least HKD 50 logged yet: log your last top-up to see the deadline"
    );
}

#[test]
fn stacking_topups_add_up_and_respect_the_cap() {
    let spec = preset("id-telkomsel").unwrap().rule_spec().unwrap();
    let z = "Asia/Jakarta";
    let now = at(z, 2026, 3, 20, 0, 0);
    let a = ev(
        "a",
        Topup,
        at(z, 2026, 3, 3, 12, 0),
        Some((5_000_000, "IDR")),
    );
    let b = ev(
        "b",
        Topup,
        at(z, 2026, 3, 10, 12, 0),
        Some((10_000_000, "IDR")),
    );
    let e = evaluate(&spec, &[b, a], created(), now, 7);
    // 3 Mar + 45 = 17 Apr; + 60 = 16 Jun.
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 6, 16))));
    assert!(explain_text(&e, Lang::En, tz(z)).contains("added 60 days to the validity"));
    // Five Rp150k top-ups on one day: 450 days, capped at 365 from the top-up.
    let many: Vec<Event> = (0..5)
        .map(|i| {
            ev(
                &format!("m{i}"),
                Topup,
                at(z, 2026, 3, 3, 12, i),
                Some((15_000_000, "IDR")),
            )
        })
        .collect();
    let e = evaluate(&spec, &many, created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2027, 3, 3))));
    // AIS: 500 baht = 50 days, then 800 baht stacks 100 more.
    let spec = preset("th-ais").unwrap().rule_spec().unwrap();
    let z = "Asia/Bangkok";
    let a = ev("a", Topup, at(z, 2026, 3, 3, 12, 0), Some((50000, "THB")));
    let b = ev("b", Topup, at(z, 2026, 4, 1, 12, 0), Some((80000, "THB")));
    let e = evaluate(&spec, &[a, b], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 7, 31))));
}

#[test]
fn recurring_plan_cycles_and_early_payment() {
    let spec = preset("us-ultra").unwrap().rule_spec().unwrap();
    let z = "America/New_York";
    let p1 = ev("p1", PlanPayment, at(z, 2026, 3, 1, 9, 0), None);
    let now = at(z, 2026, 3, 2, 0, 0);
    let e = evaluate(&spec, std::slice::from_ref(&p1), created(), now, 7);
    // Cycle 0 = 1..30 Mar; renew by the end of 30 Mar (EDT).
    assert_eq!(
        e.act_by,
        Some(Utc.with_ymd_and_hms(2026, 3, 31, 3, 59, 59).unwrap())
    );
    assert_eq!(e.basis.anchor, Some(d(2026, 3, 1)));
    // Paid on the renewal day: cycle 1 (31 Mar..29 Apr).
    let p2 = ev("p2", PlanPayment, at(z, 2026, 3, 31, 9, 0), None);
    let e = evaluate(&spec, &[p2.clone(), p1.clone()], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 4, 29))));
    // Paid early, inside the already-paid cycle 1: pays cycle 2 (30 Apr..29 May).
    let p3 = ev("p3", Topup, at(z, 2026, 4, 25, 9, 0), Some((300, "USD")));
    let e = evaluate(&spec, &[p1.clone(), p2, p3], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 5, 29))));
    // (Paying on 31 Mar, the renewal day, started the run that p3 extended.)
    assert_eq!(e.basis.anchor, Some(d(2026, 3, 31)));
    assert_eq!(e.basis.cycle_index, Some(1));
    // A lapse: no payment for months, then a payment starts a new run of cycles on its date
    // (no anchor set): 10 Aug..8 Sep.
    let late = ev("late", PlanPayment, at(z, 2026, 8, 10, 9, 0), None);
    let e = evaluate(&spec, &[p1.clone(), late.clone()], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 9, 8))));
    assert_eq!(e.basis.anchor, Some(d(2026, 8, 10)));
    // With a fixed anchor the same payment pays the grid cycle it falls in: cycles from 1 Mar,
    // cycle 5 = 29 Jul..27 Aug.
    let anchored = RuleSpec {
        rule: KeepAliveRule::RecurringPlan {
            period: Period::Days(30),
            anchor: Some(d(2026, 3, 1)),
        },
        ..spec.clone()
    };
    let e = evaluate(&anchored, &[p1, late], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 8, 27))));
    assert_eq!(e.basis.cycle_index, Some(5));
    // No payment and no anchor: the first cycle starts when the line was added
    // (1 Jan 00:00 UTC = 31 Dec 19:00 in New York): 31 Dec..29 Jan.
    let e = evaluate(&spec, &[], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 1, 29))));
    assert_eq!(e.basis.counted_events, Some(0));
}

#[test]
fn recurring_months_clamp_from_the_anchor() {
    let spec = RuleSpec {
        rule: KeepAliveRule::RecurringPlan {
            period: Period::Months(1),
            anchor: Some(d(2026, 1, 31)),
        },
        grace: None,
        zone: "Asia/Hong_Kong".into(),
    };
    let z = "Asia/Hong_Kong";
    let now = at(z, 2026, 2, 1, 0, 0);
    let e = evaluate(&spec, &[], created(), now, 7);
    // Cycle 0 = 31 Jan..27 Feb; cycle 1 starts 28 Feb.
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 2, 27))));
    assert_eq!(e.basis.kind, BasisKind::RecurringPlan);
    let pay = ev("p", PlanPayment, at(z, 2026, 2, 28, 9, 0), None);
    let e = evaluate(&spec, &[pay], created(), now, 7);
    // Cycle 1 = 28 Feb..30 Mar (cycle 2 starts 31 Mar, back on the 31st).
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 3, 30))));
    // A payment before the anchor is ignored.
    let early = ev("x", PlanPayment, at(z, 2026, 1, 5, 9, 0), None);
    let e = evaluate(&spec, &[early], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 2, 27))));
    assert_eq!(e.basis.counted_events, Some(0));
}

#[test]
fn month_end_clamping_and_leap_days() {
    let z = "Europe/London";
    let spec = rolling(Period::Months(1), &[Topup], z);
    let e = |t| evaluate(&spec, &[ev("a", Topup, t, None)], created(), t, 7);
    // 31 Jan + 1 month = 28 Feb (2026), 29 Feb (2028, leap).
    assert_eq!(
        e(at(z, 2026, 1, 31, 10, 0)).act_by.map(|t| local(t, z)),
        Some(eod(d(2026, 2, 28)))
    );
    assert_eq!(
        e(at(z, 2028, 1, 31, 10, 0)).act_by.map(|t| local(t, z)),
        Some(eod(d(2028, 2, 29)))
    );
    // 29 Feb 2028 + 12 months = 28 Feb 2029; + 365 days = 28 Feb 2029; + 1 day = 1 Mar 2028.
    let leap = at(z, 2028, 2, 29, 10, 0);
    for (p, want) in [
        (Period::Months(12), d(2029, 2, 28)),
        (Period::Days(365), d(2029, 2, 28)),
        (Period::Days(1), d(2028, 3, 1)),
        (Period::Months(48), d(2032, 2, 29)),
    ] {
        let s = rolling(p, &[Topup], z);
        let got = evaluate(&s, &[ev("a", Topup, leap, None)], created(), leap, 7);
        assert_eq!(got.act_by.map(|t| local(t, z)), Some(eod(want)), "{p:?}");
    }
    // ALDI TALK EUR 5 (4 months) on 31 Oct 2026 -> 28 Feb 2027.
    let spec = preset("de-aldi-talk").unwrap().rule_spec().unwrap();
    let z = "Europe/Berlin";
    let t = at(z, 2026, 10, 31, 12, 0);
    let got = evaluate(
        &spec,
        &[ev("a", Topup, t, Some((500, "EUR")))],
        created(),
        t,
        7,
    );
    assert_eq!(got.act_by.map(|t| local(t, z)), Some(eod(d(2027, 2, 28))));
}

#[test]
fn dst_days_in_london_and_new_york() {
    // Deadlines that fall on DST change days still end at 23:59:59 local.
    let cases = [
        (
            "Europe/London",
            d(2026, 3, 29),
            Utc.with_ymd_and_hms(2026, 3, 29, 22, 59, 59),
        ),
        (
            "Europe/London",
            d(2026, 10, 25),
            Utc.with_ymd_and_hms(2026, 10, 25, 23, 59, 59),
        ),
        (
            "America/New_York",
            d(2026, 3, 8),
            Utc.with_ymd_and_hms(2026, 3, 9, 3, 59, 59),
        ),
        (
            "America/New_York",
            d(2026, 11, 1),
            Utc.with_ymd_and_hms(2026, 11, 2, 4, 59, 59),
        ),
    ];
    for (zone, date, want) in cases {
        assert_eq!(
            end_of_local_day(date, tz(zone)),
            Some(want.unwrap()),
            "{zone} {date}"
        );
        // An event one period earlier lands exactly there.
        let spec = rolling(Period::Days(1), &[Call], zone);
        let before = date.pred_opt().unwrap();
        let t = at(zone, before.year(), before.month(), before.day(), 12, 0);
        let e = evaluate(&spec, &[ev("a", Call, t, None)], created(), t, 7);
        assert_eq!(e.act_by, Some(want.unwrap()), "{zone} {date}");
    }
    // Events inside the repeated hour (01:30 twice on 1 Nov 2026 in New York) both belong to
    // 1 Nov; events in the London gap day count from 29 Mar.
    let ny = tz("America/New_York");
    let LocalResult::Ambiguous(first, second) = ny.with_ymd_and_hms(2026, 11, 1, 1, 30, 0) else {
        panic!("expected an overlap")
    };
    let spec = rolling(Period::Days(30), &[Call], "America/New_York");
    for t in [first, second] {
        let e = evaluate(
            &spec,
            &[ev("a", Call, t.with_timezone(&Utc), None)],
            created(),
            created(),
            7,
        );
        assert_eq!(e.basis.base_date, Some(d(2026, 11, 1)));
        assert_eq!(
            e.act_by.map(|t| local(t, "America/New_York")),
            Some(eod(d(2026, 12, 1)))
        );
    }
    let spec = rolling(Period::Days(1), &[Call], "Europe/London");
    let t = Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap(); // 02:30 BST
    let e = evaluate(&spec, &[ev("a", Call, t, None)], created(), created(), 7);
    assert_eq!(e.basis.base_date, Some(d(2026, 3, 29)));
}

use chrono::Datelike;

#[test]
fn end_of_day_in_a_gap_or_overlap_is_deterministic() {
    // Chile falls back at midnight: 23:00-23:59 on 4 Apr 2026 happens twice. Take the earlier.
    let santiago = tz("America/Santiago");
    assert!(matches!(
        santiago.with_ymd_and_hms(2026, 4, 4, 23, 59, 59),
        LocalResult::Ambiguous(..)
    ));
    assert_eq!(
        end_of_local_day(d(2026, 4, 4), santiago),
        Some(Utc.with_ymd_and_hms(2026, 4, 5, 2, 59, 59).unwrap())
    );
    // Samoa skipped 30 Dec 2011 entirely: the day "ends" at the last instant before the jump,
    // 29 Dec 23:59:59 at -10, never on 31 Dec.
    let apia = tz("Pacific/Apia");
    assert!(matches!(
        apia.with_ymd_and_hms(2011, 12, 30, 23, 59, 59),
        LocalResult::None
    ));
    let gap = end_of_local_day(d(2011, 12, 30), apia).unwrap();
    assert_eq!(gap, Utc.with_ymd_and_hms(2011, 12, 30, 9, 59, 59).unwrap());
    assert_eq!(gap, end_of_local_day(d(2011, 12, 29), apia).unwrap());
    assert!(gap < end_of_local_day(d(2011, 12, 31), apia).unwrap());
}

#[test]
fn end_of_day_in_nuuk_where_midnight_springs_forward() {
    // America/Nuuk (UTC-2 since 2023) springs forward at 01:00 UTC, i.e. at 23:00 local on the
    // Saturday: 23:00-23:59:59 never happen that day. The day ends at 22:59:59 local.
    let nuuk = tz("America/Nuuk");
    let day = d(2024, 3, 30);
    assert!(matches!(
        nuuk.with_ymd_and_hms(2024, 3, 30, 23, 59, 59),
        LocalResult::None
    ));
    let end = end_of_local_day(day, nuuk).unwrap();
    assert_eq!(end, Utc.with_ymd_and_hms(2024, 3, 31, 0, 59, 59).unwrap());
    assert_eq!(
        local(end, "America/Nuuk"),
        d(2024, 3, 30).and_hms_opt(22, 59, 59).unwrap()
    );
    // One second later it is already Sunday.
    assert_eq!(
        local(end + Duration::seconds(1), "America/Nuuk"),
        d(2024, 3, 31).and_hms_opt(0, 0, 0).unwrap()
    );
    // A one-day rule from the Friday ends there, not on Sunday.
    let spec = rolling(Period::Days(1), &[Call], "America/Nuuk");
    let t = at("America/Nuuk", 2024, 3, 29, 12, 0);
    let e = evaluate(&spec, &[ev("a", Call, t, None)], created(), t, 7);
    assert_eq!(e.act_by, Some(end));
}

/// Every IANA zone in chrono-tz, 2010-2030: on the days around each offset change (and only
/// there, to stay fast), the end of a local day is on that day (never the next), is 23:59:59
/// when that time exists, is the last instant before the jump when it does not, and never
/// goes backwards from one day to the next.
#[test]
fn end_of_day_is_on_its_own_day_in_every_zone() {
    let start = Utc.with_ymd_and_hms(2010, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
    let mut checked = 0u32;
    for zone in chrono_tz::TZ_VARIANTS {
        let offset = |t: DateTime<Utc>| zone.offset_from_utc_datetime(&t.naive_utc()).fix();
        let mut t = start;
        let mut off = offset(t);
        while t < end {
            // Transitions are months apart (never two within three days that cancel out).
            let next = t + Duration::days(3);
            let next_off = offset(next);
            if next_off != off {
                let first = t.with_timezone(&zone).date_naive() - Duration::days(1);
                let mut prev: Option<DateTime<Utc>> = None;
                for i in 0..6 {
                    let day = first + Duration::days(i);
                    let eod = end_of_local_day(day, zone)
                        .unwrap_or_else(|| panic!("{} {day}: no end", zone.name()));
                    let wall = eod.with_timezone(&zone).naive_local();
                    let target = day.and_hms_opt(23, 59, 59).unwrap();
                    assert!(wall <= target, "{} {day}: ends at {wall}", zone.name());
                    match zone.from_local_datetime(&target) {
                        LocalResult::Single(_) | LocalResult::Ambiguous(..) => {
                            assert_eq!(wall, target, "{} {day}", zone.name())
                        }
                        LocalResult::None => {
                            let after = (eod + Duration::seconds(1))
                                .with_timezone(&zone)
                                .naive_local();
                            assert!(after > target, "{} {day}: {wall} then {after}", zone.name());
                        }
                    }
                    if let Some(p) = prev {
                        assert!(eod >= p, "{} {day} goes backwards", zone.name());
                    }
                    prev = Some(eod);
                    checked += 1;
                }
            }
            t = next;
            off = next_off;
        }
    }
    assert!(checked > 10_000, "{checked} days checked");
}

#[test]
fn status_follows_the_instants() {
    let (e, zone) = preset_eval("gb-asda", &[(Topup, Some((1000, "GBP")))]);
    let spec = preset("gb-asda").unwrap().rule_spec().unwrap();
    let act_by = e.act_by.unwrap();
    let lost = e.lost_at.unwrap();
    let evs = [ev(
        "a",
        Topup,
        at(&zone, 2026, 3, 3, 12, 0),
        Some((1000, "GBP")),
    )];
    let st = |now: DateTime<Utc>| evaluate(&spec, &evs, created(), now, 7);
    assert_eq!(st(act_by - Duration::days(8)).status, Status::Ok);
    assert_eq!(st(act_by - Duration::days(7)).status, Status::DueSoon);
    assert_eq!(st(act_by).status, Status::DueSoon);
    assert_eq!(st(act_by).days_left, Some(0));
    assert_eq!(st(act_by + Duration::seconds(1)).status, Status::Overdue);
    assert_eq!(st(act_by + Duration::seconds(1)).days_left, Some(-1));
    assert_eq!(st(lost).status, Status::Overdue);
    assert_eq!(st(lost + Duration::seconds(1)).status, Status::Lost);
    // A fixed expiry ignores events.
    let fixed = RuleSpec {
        rule: KeepAliveRule::FixedExpiry {
            expires_on: d(2026, 12, 31),
        },
        grace: Some(Grace::days(0, GraceMode::Grace)),
        zone: "Asia/Manila".into(),
    };
    let e = evaluate(&fixed, &evs, created(), created(), 7);
    assert_eq!(
        e.act_by,
        Some(Utc.with_ymd_and_hms(2026, 12, 31, 15, 59, 59).unwrap())
    );
    assert_eq!(e.lost_at, e.act_by);
    assert_eq!(
        explain_text(&e, Lang::En, tz("Asia/Manila")),
        "Expiry date reported by the carrier → 31 Dec 2026 23:59 Manila time"
    );
}

#[test]
fn invalid_specs_are_unknown_and_name_their_field() {
    let z = "Europe/London";
    let money = |m: i64, c: &str| Money::new(m, c);
    let tiers = |t: Vec<Tier>| RuleSpec {
        rule: KeepAliveRule::TopupValidity {
            tiers: t,
            stack: false,
            cap_days: None,
        },
        grace: None,
        zone: z.into(),
    };
    let cases: Vec<(RuleSpec, Field, ErrorCode)> = vec![
        (
            rolling(Period::Days(0), &[Call], z),
            Field::Period,
            ErrorCode::OutOfRange,
        ),
        (
            rolling(Period::Days(3651), &[Call], z),
            Field::Period,
            ErrorCode::OutOfRange,
        ),
        (
            rolling(Period::Months(121), &[Call], z),
            Field::Period,
            ErrorCode::OutOfRange,
        ),
        (
            rolling(Period::Months(1), &[], z),
            Field::Qualifying,
            ErrorCode::Required,
        ),
        (
            rolling(Period::Months(1), &[Call], "Mars/Olympus"),
            Field::Zone,
            ErrorCode::InvalidZone,
        ),
        (
            RuleSpec {
                grace: Some(Grace::days(3651, GraceMode::Grace)),
                ..rolling(Period::Months(1), &[Call], z)
            },
            Field::Grace,
            ErrorCode::OutOfRange,
        ),
        (tiers(vec![]), Field::Tiers, ErrorCode::Required),
        (
            tiers(vec![
                Tier::days(money(5000, "HKD"), 180),
                Tier::days(money(5000, "HKD"), 365),
            ]),
            Field::Tiers,
            ErrorCode::TiersOutOfOrder,
        ),
        (
            tiers(vec![
                Tier::days(money(9000, "HKD"), 180),
                Tier::days(money(5000, "HKD"), 365),
            ]),
            Field::Tiers,
            ErrorCode::TiersOutOfOrder,
        ),
        (
            tiers(vec![
                Tier::days(money(5000, "HKD"), 180),
                Tier::days(money(9000, "USD"), 365),
            ]),
            Field::Tiers,
            ErrorCode::InvalidRule,
        ),
        (
            tiers(vec![Tier::days(money(-1, "HKD"), 180)]),
            Field::Tiers,
            ErrorCode::OutOfRange,
        ),
        (
            tiers(vec![Tier::days(money(1, "HKX"), 180)]),
            Field::Currency,
            ErrorCode::InvalidCurrency,
        ),
        (
            tiers(vec![Tier::days(money(1, "HKD"), 0)]),
            Field::Tiers,
            ErrorCode::OutOfRange,
        ),
        (
            RuleSpec {
                rule: KeepAliveRule::FixedExpiry {
                    expires_on: d(1989, 12, 31),
                },
                grace: None,
                zone: z.into(),
            },
            Field::ExpiresOn,
            ErrorCode::OutOfRange,
        ),
        (
            RuleSpec {
                rule: KeepAliveRule::RecurringPlan {
                    period: Period::Days(30),
                    anchor: Some(d(10000, 1, 1)),
                },
                grace: None,
                zone: z.into(),
            },
            Field::Anchor,
            ErrorCode::OutOfRange,
        ),
    ];
    for (spec, field, code) in cases {
        let err = spec.validate().unwrap_err();
        assert_eq!((err.field(), err.code()), (Some(field), code), "{spec:?}");
        let e = evaluate(&spec, &[], created(), created(), 7);
        assert_eq!(e.status, Status::Unknown);
        assert_eq!(e.basis.kind, BasisKind::InvalidRule);
        assert_eq!(e.basis.error, Some(code));
        assert!(explain_text(&e, Lang::ZhCn, tz(z)).contains("规则无效"));
    }
}

#[test]
fn rule_spec_json_shape() {
    let spec = RuleSpec {
        rule: KeepAliveRule::TopupValidity {
            tiers: vec![Tier::days(Money::new(5000, "HKD"), 365)],
            stack: false,
            cap_days: None,
        },
        grace: Some(Grace::days(30, GraceMode::IncomingOnly)),
        zone: "Asia/Hong_Kong".into(),
    };
    let json = serde_json::to_value(&spec).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "rule": {"kind": "topup_validity", "tiers": [{"minAmount": {"minor": 5000, "currency": "HKD"}, "days": 365, "months": 0}], "stack": false, "capDays": null},
            "grace": {"days": 30, "months": 0, "mode": "incoming_only", "atZeroBalance": false},
            "zone": "Asia/Hong_Kong"
        })
    );
    let back: RuleSpec = serde_json::from_value(json).unwrap();
    assert_eq!(back, spec);
    let r: KeepAliveRule =
        serde_json::from_str(r#"{"kind":"fixed_expiry","expiresOn":"2026-12-31"}"#).unwrap();
    assert_eq!(
        r,
        KeepAliveRule::FixedExpiry {
            expires_on: d(2026, 12, 31)
        }
    );
    let r: KeepAliveRule = serde_json::from_str(
        r#"{"kind":"rolling","period":{"months":6},"qualifying":["call","topup"]}"#,
    )
    .unwrap();
    assert!(matches!(
        r,
        KeepAliveRule::Rolling {
            period: Period::Months(6),
            ..
        }
    ));
}

#[test]
fn catalogue_parses_and_validates() {
    let all = parse_presets(PRESETS_JSON).unwrap();
    assert_eq!(all.len(), presets().len());
    assert!(all.len() >= 60, "{}", all.len());
    let with_rule = all.iter().filter(|p| p.rule.is_some()).count();
    assert!(with_rule >= 50, "{with_rule}");
    for id in [
        "gb-o2",
        "gb-tesco",
        "gb-virgin",
        "us-tmobile",
        "hk-3hk",
        "hk-cmhk",
        "gb-lycamobile",
    ] {
        assert_eq!(preset(id).unwrap().confidence, Confidence::Low, "{id}");
    }
    // Lycamobile UK ships as custom with blank values.
    let lyca = preset("gb-lycamobile").unwrap();
    assert!(lyca.rule.is_none() && lyca.grace.is_none() && lyca.rule_spec().is_none());
    // Every preset's rule evaluates to something with its own zone.
    for p in &all {
        assert!(p.verified >= d(2026, 1, 1));
        if let Some(spec) = p.rule_spec() {
            assert_eq!(spec.validate_template().unwrap().zone, p.zone);
        }
    }
    // A broken catalogue is an error naming the preset.
    let bad = PRESETS_JSON.replacen("\"Asia/Manila\"", "\"Asia/Nowhere\"", 1);
    assert_eq!(
        parse_presets(&bad).unwrap_err().code(),
        ErrorCode::InvalidZone
    );
    let dup = format!("[{0},{0}]", serde_json::to_string(&all[0]).unwrap());
    assert_eq!(
        parse_presets(&dup).unwrap_err().code(),
        ErrorCode::InvalidRule
    );
}

#[test]
fn ee_counts_top_ups_and_packs_but_not_usage_inside_a_pack() {
    let spec = preset("gb-ee").unwrap().rule_spec().unwrap();
    let z = "Europe/London";
    let topup = ev("t", Topup, at(z, 2026, 1, 10, 12, 0), Some((1000, "GBP")));
    // Calls inside a pack (no charge logged) on 3 Mar do not move the deadline.
    let free_call = ev("c", Call, at(z, 2026, 3, 3, 12, 0), None);
    let now = at(z, 2026, 3, 4, 12, 0);
    let e = evaluate(
        &spec,
        &[topup.clone(), free_call.clone()],
        created(),
        now,
        7,
    );
    assert_eq!(e.basis.event_kind, Some(Topup));
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 7, 8))));
    let uncounted = uncounted_events(&spec, &[topup.clone(), free_call.clone()]);
    assert_eq!(uncounted.len(), 1);
    assert_eq!(uncounted[0].reason, NotCounted::NotCharged);
    // A pack bought on 3 Mar does.
    let pack = ev(
        "p",
        PlanPayment,
        at(z, 2026, 3, 3, 13, 0),
        Some((1000, "GBP")),
    );
    let e = evaluate(&spec, &[topup, free_call, pack], created(), now, 7);
    assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 8, 29))));
    // A rule may not make a kind "charged only" unless it qualifies.
    let bad = KeepAliveRule::Rolling {
        period: Period::Days(30),
        qualifying: vec![Topup],
        charged: vec![Call],
    };
    assert_eq!(bad.validate().unwrap_err().field(), Some(Field::Qualifying));
}

#[test]
fn smart_and_movistar_grace_also_starts_when_the_balance_runs_out() {
    for (id, z, cur, grace_days) in [
        ("ph-smart", "Asia/Manila", "PHP", 120),
        ("es-movistar", "Europe/Madrid", "EUR", 54),
    ] {
        let spec = preset(id).unwrap().rule_spec().unwrap();
        assert!(spec.grace.unwrap().at_zero_balance, "{id}");
        let load = ev("l", Topup, at(z, 2026, 1, 10, 12, 0), Some((10000, cur)));
        let now = at(z, 2026, 3, 4, 12, 0);
        let normal = evaluate(&spec, std::slice::from_ref(&load), created(), now, 7);
        assert_eq!(normal.basis.zero_balance_on, None);
        // The balance is checked at zero on 1 Mar: the grace runs from then.
        let mut zero = ev("z", EventKind::BalanceCheck, at(z, 2026, 3, 1, 12, 0), None);
        zero.balance_after = Some(Money::new(0, cur));
        let e = evaluate(&spec, &[load.clone(), zero.clone()], created(), now, 7);
        assert_eq!(e.basis.zero_balance_on, Some(d(2026, 3, 1)), "{id}");
        assert_eq!(e.status, Status::Overdue, "{id}");
        assert_eq!(e.act_by.map(|t| local(t, z)), Some(eod(d(2026, 3, 1))));
        let lost = d(2026, 3, 1) + Duration::days(grace_days);
        assert_eq!(e.lost_at.map(|t| local(t, z)), Some(eod(lost)), "{id}");
        assert!(e.lost_at < normal.lost_at);
        let en = explain_text(&e, Lang::En, tz(z));
        assert!(
            en.starts_with("Your balance ran out on 1 Mar 2026: the grace stage has started →"),
            "{en}"
        );
        // A top-up after it ends it.
        let reload = ev("r", Topup, at(z, 2026, 3, 2, 12, 0), Some((10000, cur)));
        let e = evaluate(&spec, &[load, zero, reload], created(), now, 7);
        assert_eq!(e.basis.zero_balance_on, None);
        assert_eq!(e.status, Status::Ok);
    }
}

#[test]
fn preset_confidence_follows_the_source_checks() {
    for (id, want) in [
        ("gb-ee", Confidence::High),
        ("gb-three", Confidence::Medium),
        ("gb-vodafone", Confidence::Medium),
        ("gb-asda", Confidence::High),
        ("gb-giffgaff", Confidence::High),
        ("us-ultra", Confidence::High),
        ("us-tello", Confidence::High),
        ("us-verizon", Confidence::High),
        ("hk-smartone", Confidence::High),
        ("us-usmobile", Confidence::Medium),
        ("us-tmobile", Confidence::Low),
        ("hk-csl", Confidence::Medium),
        ("ph-smart", Confidence::High),
        ("ph-globe", Confidence::Low),
        ("jp-povo", Confidence::High),
        ("de-aldi-talk", Confidence::Medium),
        ("es-movistar", Confidence::High),
        ("it-tim", Confidence::High),
        ("au-lebara", Confidence::Medium),
        ("hk-shinetown", Confidence::Medium),
        ("cn-mobile", Confidence::Medium),
        ("cn-telecom", Confidence::Medium),
        ("cn-unicom", Confidence::Low),
        ("cn-broadnet", Confidence::Low),
        ("cn-mobile-suspend", Confidence::Low),
        ("cn-unicom-suspend", Confidence::Low),
        ("cn-telecom-suspend", Confidence::Low),
    ] {
        let p = preset(id).unwrap();
        assert_eq!(p.confidence, want, "{id}");
        assert!(p.verified >= d(2026, 12, 1), "{id} not re-checked");
    }
    assert_eq!(
        preset("it-windtre").unwrap().grace.unwrap().mode,
        GraceMode::IncomingOnly
    );
    // The cheapest action where a source states it.
    assert_eq!(
        preset("us-usmobile").unwrap().cheapest_action,
        Some(Money::new(298, "USD"))
    );
    assert_eq!(
        preset("hk-smartone").unwrap().cheapest_action,
        Some(Money::new(5000, "HKD"))
    );
}

#[test]
fn mainland_presets_leave_the_fee_to_the_user_and_say_so() {
    let mainland: Vec<_> = presets().iter().filter(|p| p.country == "CN").collect();
    assert_eq!(mainland.len(), 7);
    for p in &mainland {
        let spec = p.rule_spec().unwrap();
        assert_eq!(spec.zone, "Asia/Shanghai");
        let KeepAliveRule::Balance { fee, billing_day } = &spec.rule else {
            panic!("{} is not a balance rule", p.id)
        };
        assert_eq!((fee, *billing_day), (&None, 1), "{}", p.id);
        assert!(
            p.cheapest_action.is_none(),
            "{}: no source states a fee",
            p.id
        );
        assert!(
            p.notes_en.as_deref().unwrap().contains("confirm with 100"),
            "{}",
            p.id
        );
        assert!(
            p.notes_zh.as_deref().unwrap().contains("请向 100"),
            "{}",
            p.id
        );
        // Until the user sets the fee: unknown, asking for it.
        let check = {
            let mut e = ev(
                "c",
                EventKind::BalanceCheck,
                at("Asia/Shanghai", 2026, 1, 15, 12, 0),
                None,
            );
            e.balance_after = Some(Money::new(3800, "CNY"));
            e
        };
        let now = at("Asia/Shanghai", 2026, 1, 15, 12, 0);
        let e = evaluate(&spec, std::slice::from_ref(&check), created(), now, 7);
        assert_eq!(e.basis.kind, BasisKind::FeeNotSet, "{}", p.id);
        assert_eq!(e.status, Status::Unknown);
        // A line can not follow it with a blank fee of its own.
        assert_eq!(spec.validate().unwrap_err().field(), Some(Field::Fee));
        // With ¥8 a month and ¥38 on 15 Jan: act by 31 May, then the carrier's stage.
        let with_fee = RuleSpec {
            rule: KeepAliveRule::Balance {
                fee: Some(Money::new(800, "CNY")),
                billing_day: 1,
            },
            ..spec.clone()
        };
        let e = evaluate(&with_fee, &[check], created(), now, 7);
        assert_eq!(
            e.act_by.map(|t| local(t, "Asia/Shanghai")),
            Some(eod(d(2026, 5, 31))),
            "{}",
            p.id
        );
        let lost = match p.id.as_str() {
            "cn-unicom" | "cn-unicom-suspend" => d(2026, 8, 31),
            "cn-broadnet" => d(2026, 5, 31),
            _ => d(2026, 7, 30),
        };
        assert_eq!(
            e.lost_at.map(|t| local(t, "Asia/Shanghai")),
            Some(eod(lost)),
            "{}",
            p.id
        );
    }
}
