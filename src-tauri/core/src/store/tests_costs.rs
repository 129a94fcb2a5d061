//! Plans, promotions and keep costs on the real schema: worked examples of the minimum keep
//! cost for every rule kind, totals per currency, plan history, and a promotion's remind-me
//! date as a one-off reminder.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::cost::CostBasis;
use crate::event::{EventInput, EventKind, Money};
use crate::line::{LineInput, SimKind};
use crate::line_plan::LinePlanInput;
use crate::planner::{Lang, ReminderKind, ReminderPolicy};
use crate::promotion::PromotionInput;
use crate::rules::{Grace, GraceMode, KeepAliveRule, Period, RuleSpec};
use crate::summary::EvalContext;
use crate::{ErrorCode, Field};

fn t(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> DateTime<Utc> {
    t(2026, 3, 3, 12)
}

fn ctx() -> EvalContext {
    EvalContext {
        now: now(),
        user_zone: Tz::UTC,
        due_soon_days: 30,
    }
}

fn add_line(s: &mut Store, number: &str, country: &str, carrier: Option<&str>) -> String {
    s.create_line(
        &LineInput {
            number: number.into(),
            label: format!("line {number}"),
            country: country.into(),
            carrier: String::new(),
            carrier_id: carrier.map(str::to_owned),
            sim_kind: SimKind::Physical,
            iccid: None,
            tags: vec![],
            notes: String::new(),
        },
        t(2026, 1, 1, 0),
    )
    .unwrap()
    .id
}

fn log(s: &mut Store, line: &str, kind: EventKind, at: DateTime<Utc>, amount: Option<Money>) {
    s.add_event(
        line,
        &EventInput {
            occurred_at: at,
            kind,
            amount,
            method: None,
            channel: None,
            reference: String::new(),
            note: String::new(),
            balance_after: None,
        },
        at.max(now()),
    )
    .unwrap();
}

fn plan_input(name: &str, price: Option<Money>, started_on: NaiveDate) -> LinePlanInput {
    LinePlanInput {
        name: name.into(),
        price,
        period: Some(Period::Months(1)),
        data_mb: Some(1024),
        minutes: Some(100),
        sms: None,
        auto_renew: true,
        started_on,
        note: String::new(),
    }
}

#[test]
fn minimum_keep_cost_worked_examples_for_every_rule_kind() {
    let mut s = Store::open_in_memory().unwrap();
    // A 6-month rolling rule (giffgaff): two paid actions a year; no source states the
    // cheapest, so the user's own last top-up (£10) is used, and the result says so.
    let gg = add_line(&mut s, "07911 123456", "GB", Some("preset:gb-giffgaff"));
    log(
        &mut s,
        &gg,
        EventKind::Topup,
        now(),
        Some(Money::new(1000, "GBP")),
    );
    let c = s.line_keep_cost(&gg, &ctx()).unwrap();
    assert_eq!(c.actions, Some(2));
    assert_eq!(c.per_action, Some(Money::new(1000, "GBP")));
    assert_eq!(c.minimum, Some(Money::new(2000, "GBP")));
    assert_eq!(c.basis, CostBasis::LastAmount);
    assert_eq!(c.spent, vec![Money::new(1000, "GBP")]);
    assert_eq!(c.saving, Some(Money::new(0, "GBP")));

    // A 365-day tier (SmarTone, HK$50): one HK$50 top-up a year; the user paid HK$100.
    let st = add_line(&mut s, "6123 4567", "HK", Some("preset:hk-smartone"));
    log(
        &mut s,
        &st,
        EventKind::Topup,
        now(),
        Some(Money::new(10000, "HKD")),
    );
    let c = s.line_keep_cost(&st, &ctx()).unwrap();
    assert_eq!(
        (c.actions, c.minimum.clone(), c.basis),
        (Some(1), Some(Money::new(5000, "HKD")), CostBasis::Tiers)
    );
    assert_eq!(c.saving, Some(Money::new(5000, "HKD")));

    // A monthly plan: twelve fees at the current plan's price.
    let plan_line = add_line(&mut s, "07911 123457", "GB", None);
    let monthly = RuleSpec {
        rule: KeepAliveRule::RecurringPlan {
            period: Period::Months(1),
            anchor: None,
        },
        grace: None,
        zone: "Europe/London".into(),
    };
    s.set_line_rule(&plan_line, Some(&monthly), now()).unwrap();
    log(
        &mut s,
        &plan_line,
        EventKind::PlanPayment,
        now(),
        Some(Money::new(1500, "GBP")),
    );
    s.add_plan(
        &plan_line,
        &plan_input("Old", Some(Money::new(2000, "GBP")), d(2025, 1, 1)),
        now(),
    )
    .unwrap();
    s.add_plan(
        &plan_line,
        &plan_input("Saver", Some(Money::new(600, "GBP")), d(2026, 3, 1)),
        now(),
    )
    .unwrap();
    let c = s.line_keep_cost(&plan_line, &ctx()).unwrap();
    assert_eq!(
        (c.actions, c.minimum.clone(), c.basis),
        (Some(12), Some(Money::new(7200, "GBP")), CostBasis::Plan)
    );
    assert_eq!(c.saving, Some(Money::new(0, "GBP")));

    // A balance rule (China Mobile, ¥8 a month): twelve fees.
    let cn = add_line(&mut s, "138 0013 8000", "CN", Some("preset:cn-mobile"));
    let mut spec = s.line_summary(&cn, &ctx()).unwrap().rule.unwrap();
    // Until the fee is set the cost is unknown.
    assert_eq!(
        s.line_keep_cost(&cn, &ctx()).unwrap().basis,
        CostBasis::Unknown
    );
    spec.rule = KeepAliveRule::Balance {
        fee: Some(Money::new(800, "CNY")),
        billing_day: 1,
    };
    s.set_line_rule(&cn, Some(&spec), now()).unwrap();
    let c = s.line_keep_cost(&cn, &ctx()).unwrap();
    assert_eq!(
        (c.actions, c.minimum.clone(), c.basis),
        (Some(12), Some(Money::new(9600, "CNY")), CostBasis::Fee)
    );

    // A preset whose source states the cheapest action (US Mobile Snooze, $2.98 every 30
    // days): twelve payments before 3 Mar 2027.
    let us = add_line(&mut s, "+1 202 555 0143", "", Some("preset:us-usmobile"));
    log(
        &mut s,
        &us,
        EventKind::PlanPayment,
        now(),
        Some(Money::new(1000, "USD")),
    );
    let c = s.line_keep_cost(&us, &ctx()).unwrap();
    assert_eq!(
        (c.actions, c.minimum.clone(), c.basis),
        (Some(12), Some(Money::new(3576, "USD")), CostBasis::Preset)
    );

    // A 180-day rolling top-up rule (ASDA): two top-ups, at the last amount.
    let asda = add_line(&mut s, "07911 123458", "GB", Some("preset:gb-asda"));
    log(
        &mut s,
        &asda,
        EventKind::Topup,
        now(),
        Some(Money::new(500, "GBP")),
    );
    let c = s.line_keep_cost(&asda, &ctx()).unwrap();
    assert_eq!(
        (c.actions, c.minimum.clone()),
        (Some(2), Some(Money::new(1000, "GBP")))
    );

    // A fixed expiry: what renews it is not known.
    let fixed = add_line(&mut s, "07911 123459", "GB", None);
    let rule = RuleSpec {
        rule: KeepAliveRule::FixedExpiry {
            expires_on: d(2026, 12, 31),
        },
        grace: Some(Grace::days(30, GraceMode::Grace)),
        zone: "Europe/London".into(),
    };
    s.set_line_rule(&fixed, Some(&rule), now()).unwrap();
    let c = s.line_keep_cost(&fixed, &ctx()).unwrap();
    assert_eq!((c.minimum, c.basis), (None, CostBasis::Unknown));

    // Totals per currency, never across currencies.
    let r = s.keep_cost_report(&ctx()).unwrap();
    assert_eq!(r.lines.len(), 7);
    assert_eq!(r.unknown_lines, 1);
    let total = |c: &str| r.totals.iter().find(|t| t.currency == c).unwrap().clone();
    let gbp = total("GBP");
    assert_eq!(gbp.minimum, Money::new(2000 + 7200 + 1000, "GBP"));
    assert_eq!(gbp.spent, Money::new(1000 + 1500 + 500, "GBP"));
    assert_eq!(gbp.lines, 3);
    assert_eq!(total("HKD").saving, Money::new(5000, "HKD"));
    assert_eq!(total("CNY").minimum, Money::new(9600, "CNY"));
    assert_eq!(total("CNY").spent, Money::new(0, "CNY"));
    assert_eq!(total("USD").minimum, Money::new(3576, "USD"));
    let codes: Vec<&str> = r.totals.iter().map(|t| t.currency.as_str()).collect();
    assert_eq!(codes, vec!["CNY", "GBP", "HKD", "USD"]);
}

#[test]
fn spend_counts_the_last_twelve_months_only_and_a_one_day_rule_stays_bounded() {
    let mut s = Store::open_in_memory().unwrap();
    let line = add_line(&mut s, "07911 123456", "GB", None);
    let daily = RuleSpec {
        rule: KeepAliveRule::Rolling {
            period: Period::Days(1),
            qualifying: vec![EventKind::Topup],
            charged: vec![],
        },
        grace: None,
        zone: "UTC".into(),
    };
    s.set_line_rule(&line, Some(&daily), now()).unwrap();
    log(
        &mut s,
        &line,
        EventKind::Topup,
        t(2025, 3, 3, 11),
        Some(Money::new(100, "GBP")),
    );
    log(
        &mut s,
        &line,
        EventKind::Topup,
        t(2025, 3, 4, 0),
        Some(Money::new(200, "GBP")),
    );
    log(
        &mut s,
        &line,
        EventKind::Topup,
        t(2026, 3, 1, 0),
        Some(Money::new(50, "EUR")),
    );
    let c = s.line_keep_cost(&line, &ctx()).unwrap();
    assert_eq!(
        c.spent,
        vec![Money::new(50, "EUR"), Money::new(200, "GBP")],
        "a year back, not before"
    );
    // Overdue: act today, then every day up to 3 Mar 2027 = 366 actions.
    assert_eq!(c.actions, Some(366));
    assert_eq!(c.per_action, Some(Money::new(50, "EUR")));
}

#[test]
fn plans_keep_their_history_and_name_bad_fields() {
    let mut s = Store::open_in_memory().unwrap();
    let line = add_line(&mut s, "07911 123456", "GB", None);
    let old = s
        .add_plan(
            &line,
            &plan_input("Big", Some(Money::new(2000, "GBP")), d(2025, 1, 1)),
            now(),
        )
        .unwrap();
    let new = s
        .add_plan(
            &line,
            &plan_input(" Saver ", Some(Money::new(600, "gbp")), d(2026, 3, 1)),
            now(),
        )
        .unwrap();
    let future = s
        .add_plan(&line, &plan_input("Next", None, d(2026, 6, 1)), now())
        .unwrap();
    let plans = s.list_plans(&line, d(2026, 3, 3)).unwrap();
    assert_eq!(
        plans
            .iter()
            .map(|p| (p.name.as_str(), p.current))
            .collect::<Vec<_>>(),
        vec![("Next", false), ("Saver", true), ("Big", false)]
    );
    assert_eq!(new.price, Some(Money::new(600, "GBP")));
    assert_eq!(new.data_mb, Some(1024));
    assert!(new.auto_renew);
    // Edit and delete.
    let mut edit = plan_input("Big (old)", None, d(2025, 1, 1));
    edit.period = Some(Period::Days(30));
    let edited = s.update_plan(&old.id, &edit, now()).unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.price.clone()),
        ("Big (old)", None)
    );
    s.delete_plan(&future.id).unwrap();
    assert_eq!(
        s.delete_plan(&future.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    // Bad input names its field and stores nothing.
    let cases: Vec<(LinePlanInput, Field)> = vec![
        (plan_input("  ", None, d(2026, 1, 1)), Field::Name),
        (
            plan_input(&"x".repeat(81), None, d(2026, 1, 1)),
            Field::Name,
        ),
        (
            plan_input("p", Some(Money::new(-1, "GBP")), d(2026, 1, 1)),
            Field::Price,
        ),
        (
            plan_input("p", Some(Money::new(1, "ZZZ")), d(2026, 1, 1)),
            Field::Currency,
        ),
        (plan_input("p", None, d(1980, 1, 1)), Field::StartedOn),
        (
            LinePlanInput {
                data_mb: Some(u32::MAX),
                ..plan_input("p", None, d(2026, 1, 1))
            },
            Field::Allowance,
        ),
        (
            LinePlanInput {
                period: Some(Period::Days(0)),
                ..plan_input("p", None, d(2026, 1, 1))
            },
            Field::Period,
        ),
    ];
    for (input, field) in cases {
        assert_eq!(
            s.add_plan(&line, &input, now()).unwrap_err().field(),
            Some(field)
        );
    }
    assert_eq!(s.list_plans(&line, d(2026, 3, 3)).unwrap().len(), 2);
    assert_eq!(
        s.add_plan("nope", &plan_input("p", None, d(2026, 1, 1)), now())
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    // Deleting the line deletes its plans.
    s.delete_line(&line).unwrap();
    assert_eq!(s.get_plan(&new.id).unwrap_err().code(), ErrorCode::NotFound);
}

fn promo(line: Option<&str>, carrier: Option<&str>, text: &str) -> PromotionInput {
    PromotionInput {
        line_id: line.map(str::to_owned),
        carrier_id: carrier.map(str::to_owned),
        text: text.into(),
        remind_on: None,
        expires_on: None,
    }
}

#[test]
fn promotions_on_lines_and_carriers_expire_and_name_bad_fields() {
    let mut s = Store::open_in_memory().unwrap();
    let line = add_line(&mut s, "6123 4567", "HK", Some("preset:hk-smartone"));
    let other = add_line(&mut s, "6123 4568", "HK", Some("preset:hk-csl"));
    let on_line = s
        .add_promotion(
            &PromotionInput {
                remind_on: Some(d(2026, 3, 10)),
                expires_on: Some(d(2026, 12, 31)),
                ..promo(
                    Some(&line),
                    None,
                    "Double data on top-ups over HK$100 until 31 Dec",
                )
            },
            now(),
        )
        .unwrap();
    let on_carrier = s
        .add_promotion(&promo(None, Some("preset:hk-smartone"), "HK$10 off"), now())
        .unwrap();
    s.add_promotion(&promo(None, Some("preset:hk-csl"), "csl only"), now())
        .unwrap();
    let expired = s
        .add_promotion(
            &PromotionInput {
                expires_on: Some(d(2026, 3, 2)),
                ..promo(Some(&line), None, "old")
            },
            now(),
        )
        .unwrap();
    let today = d(2026, 3, 3);
    let shown: Vec<String> = s
        .list_promotions(Some(&line), false, today)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(shown, vec![on_line.id.clone(), on_carrier.id.clone()]);
    let with_expired = s.list_promotions(Some(&line), true, today).unwrap();
    assert!(with_expired.iter().any(|p| p.id == expired.id && p.expired));
    assert_eq!(
        s.list_promotions(Some(&other), false, today).unwrap().len(),
        1
    );
    assert_eq!(s.list_promotions(None, false, today).unwrap().len(), 3);

    // Edit and delete.
    let edited = s
        .update_promotion(
            &on_carrier.id,
            &promo(None, Some("preset:hk-smartone"), "HK$20 off"),
            now(),
        )
        .unwrap();
    assert_eq!(edited.text, "HK$20 off");
    s.delete_promotion(&expired.id).unwrap();
    assert_eq!(
        s.delete_promotion(&expired.id).unwrap_err().code(),
        ErrorCode::NotFound
    );

    // Bad input names its field.
    let bad: Vec<(PromotionInput, Field)> = vec![
        (promo(None, None, "x"), Field::Target),
        (
            promo(Some(&line), Some("preset:hk-csl"), "x"),
            Field::Target,
        ),
        (promo(Some(&line), None, "  "), Field::Text),
        (promo(Some(&line), None, &"x".repeat(501)), Field::Text),
        (
            PromotionInput {
                remind_on: Some(d(2027, 1, 1)),
                expires_on: Some(d(2026, 12, 31)),
                ..promo(Some(&line), None, "x")
            },
            Field::RemindOn,
        ),
        (promo(None, Some("preset:nope"), "x"), Field::Carrier),
        (promo(Some("nope"), None, "x"), Field::Id),
    ];
    for (input, field) in bad {
        assert_eq!(
            s.add_promotion(&input, now()).unwrap_err().field(),
            Some(field)
        );
    }
}

#[test]
fn a_promotions_remind_me_date_is_a_one_off_reminder_shown_once() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_reminder_policy(&ReminderPolicy {
        leads_days: vec![],
        user_zone: Tz::UTC,
        ..ReminderPolicy::default()
    })
    .unwrap();
    let line = add_line(&mut s, "6123 4567", "HK", Some("preset:hk-smartone"));
    log(
        &mut s,
        &line,
        EventKind::Topup,
        now(),
        Some(Money::new(5000, "HKD")),
    );
    s.add_promotion(
        &PromotionInput {
            remind_on: Some(d(2026, 3, 10)),
            expires_on: Some(d(2026, 12, 31)),
            ..promo(Some(&line), None, "Double data until 31 Dec")
        },
        now(),
    )
    .unwrap();
    s.add_promotion(
        &PromotionInput {
            remind_on: Some(d(2026, 3, 11)),
            ..promo(None, Some("preset:hk-smartone"), "Carrier offer")
        },
        now(),
    )
    .unwrap();
    // An expired one never reminds.
    s.add_promotion(
        &PromotionInput {
            remind_on: Some(d(2026, 3, 1)),
            expires_on: Some(d(2026, 3, 2)),
            ..promo(Some(&line), None, "gone")
        },
        now(),
    )
    .unwrap();
    let (policy, lines) = s.planning_input(now(), Tz::UTC).unwrap();
    let planned = crate::planner::plan(&lines, &policy, now(), 10);
    let one_offs: Vec<_> = planned
        .iter()
        .filter(|r| r.kind == ReminderKind::OneOff)
        .collect();
    assert_eq!(one_offs.len(), 2);
    assert_eq!(one_offs[0].at, t(2026, 3, 10, 9));
    assert_eq!(one_offs[1].at, t(2026, 3, 11, 9));
    let (title, body) = crate::planner::render(&one_offs[0].message, Lang::En);
    assert_eq!(title, format!("line 6123 4567: reminder"));
    assert!(body.ends_with(": Double data until 31 Dec"), "{body}");

    // Delivered once on the day; a renewal in between does not re-show it.
    s.run_delivery_pass(t(2026, 3, 10, 8), Tz::UTC, false, Lang::En)
        .unwrap();
    let pass = s
        .run_delivery_pass(t(2026, 3, 10, 9), Tz::UTC, false, Lang::En)
        .unwrap();
    assert_eq!(pass.show.len(), 1);
    assert!(pass.show[0].body.contains("Double data"));
    log(
        &mut s,
        &line,
        EventKind::Topup,
        t(2026, 3, 10, 10),
        Some(Money::new(5000, "HKD")),
    );
    let again = s
        .run_delivery_pass(t(2026, 3, 10, 11), Tz::UTC, false, Lang::En)
        .unwrap();
    assert!(again.show.is_empty(), "{:?}", again.show);
    let pass = s
        .run_delivery_pass(t(2026, 3, 11, 9), Tz::UTC, false, Lang::ZhCn)
        .unwrap();
    assert_eq!(pass.show.len(), 1);
    assert!(pass.show[0].body.contains("Carrier offer"));
}

#[test]
fn migration_numbers_increase_and_a_version_3_database_gets_plans() {
    let versions: Vec<u32> = super::MIGRATIONS.iter().map(|(v, _)| *v).collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        super::migrate::migrate_with(&mut conn, Some(&path), &super::MIGRATIONS[..3]).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), super::latest_version());
    let line = add_line(&mut s, "07911 123456", "GB", None);
    s.add_plan(&line, &plan_input("p", None, d(2026, 1, 1)), now())
        .unwrap();
}

#[test]
fn plans_and_promotions_take_sequential_ids_when_asked_for_fixtures() {
    let mut s = Store::open_in_memory().unwrap().with_sequential_ids();
    let line = add_line(&mut s, "+44 7911 123456", "GB", None);
    let plan = s
        .add_plan(&line, &plan_input("Saver", None, d(2026, 1, 1)), now())
        .unwrap();
    let promotion = s
        .add_promotion(&promo(Some(&line), None, "Double data"), now())
        .unwrap();
    assert_eq!(line, "00000000-0000-4000-8000-000000000001");
    assert_eq!(plan.id, "00000000-0000-4000-8000-000000000002");
    assert_eq!(promotion.id, "00000000-0000-4000-8000-000000000003");
}
