//! Carriers, the renewal log and line summaries, on the real schema.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;

use super::migrate::{backup_path, migrate_with, MIGRATIONS};
use super::*;
use crate::carrier::{CarrierInput, CarrierSource, RenewalKind, RenewalMethod};
use crate::event::{EventInput, EventKind, Method, Money, PaymentChannel};
use crate::line::{LineInput, LineQuery, SimKind};
use crate::rules::{KeepAliveRule, Period, RuleSpec, Status};
use crate::summary::{renewal_prefill, EvalContext, RuleSource};
use crate::{ErrorCode, Field};

fn t(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn ctx(now: DateTime<Utc>) -> EvalContext {
    EvalContext {
        now,
        user_zone: chrono_tz::Asia::Shanghai,
        due_soon_days: 30,
    }
}

fn line_input(number: &str, country: &str, carrier_id: Option<&str>) -> LineInput {
    LineInput {
        number: number.into(),
        label: "spare".into(),
        country: country.into(),
        carrier: String::new(),
        carrier_id: carrier_id.map(str::to_owned),
        sim_kind: SimKind::Physical,
        iccid: None,
        tags: vec![],
        notes: String::new(),
    }
}

fn topup(at: DateTime<Utc>, minor: i64, currency: &str) -> EventInput {
    EventInput {
        occurred_at: at,
        kind: EventKind::Topup,
        amount: Some(Money::new(minor, currency)),
        method: Some(Method::App),
        channel: Some(PaymentChannel::Alipay),
        reference: "ORDER-123".into(),
        note: String::new(),
        balance_after: None,
    }
}

#[test]
fn a_giffgaff_line_follows_its_preset_and_a_call_moves_the_deadline() {
    let mut s = Store::open_in_memory().unwrap();
    let created = t(2026, 1, 10, 12, 0);
    let line = s
        .create_line(
            &line_input("07911 123456", "GB", Some("preset:gb-giffgaff")),
            created,
        )
        .unwrap();
    assert_eq!(
        line.carrier, "giffgaff",
        "an empty carrier text takes the carrier's name"
    );

    let mut call = topup(t(2026, 3, 3, 10, 0), 0, "GBP");
    call.kind = EventKind::Call;
    call.amount = None;
    s.add_event(&line.id, &call, t(2026, 3, 3, 11, 0)).unwrap();

    let sum = s.line_summary(&line.id, &ctx(t(2026, 3, 4, 0, 0))).unwrap();
    assert_eq!(sum.rule_source, RuleSource::Carrier);
    // 6 months after 3 Mar 2026, at 23:59:59 London time (BST, UTC+1).
    assert_eq!(
        sum.act_by,
        Some(Utc.with_ymd_and_hms(2026, 9, 3, 22, 59, 59).unwrap())
    );
    assert_eq!(sum.status, Status::Ok);
    let text = &sum.explanation.as_ref().unwrap().en;
    assert!(
        text.contains("3 Mar 2026") && text.contains("London"),
        "{text}"
    );
    assert!(sum.explanation.unwrap().zh_cn.contains("伦敦"));

    // Near the deadline it is due soon; after it, overdue is lost straight away (no grace).
    let near = s
        .line_summary(&line.id, &ctx(t(2026, 8, 20, 0, 0)))
        .unwrap();
    assert_eq!(near.status, Status::DueSoon);
    let after = s.line_summary(&line.id, &ctx(t(2026, 9, 4, 0, 0))).unwrap();
    assert_eq!(after.status, Status::Lost);
}

#[test]
fn editing_deleting_and_restoring_events_updates_the_deadline() {
    let mut s = Store::open_in_memory().unwrap();
    let line = s
        .create_line(
            &line_input("+852 6123 4567", "", Some("preset:hk-smartone")),
            t(2026, 1, 1, 0, 0),
        )
        .unwrap();
    let now = t(2026, 6, 1, 0, 0);
    let no_topup = s.line_summary(&line.id, &ctx(now)).unwrap();
    assert_eq!(no_topup.status, Status::Unknown);

    let e = s
        .add_event(&line.id, &topup(t(2026, 2, 1, 4, 0), 5000, "HKD"), now)
        .unwrap();
    let first = s.line_summary(&line.id, &ctx(now)).unwrap().act_by.unwrap();
    let mut later = topup(t(2026, 5, 1, 4, 0), 10000, "hkd");
    later.reference = "  R-2  ".into();
    let e2 = s.add_event(&line.id, &later, now).unwrap();
    assert_eq!(e2.reference, "R-2");
    assert_eq!(e2.amount.as_ref().unwrap().currency, "HKD");
    let second = s.line_summary(&line.id, &ctx(now)).unwrap().act_by.unwrap();
    assert!(second > first);

    s.delete_event(&e2.id, now).unwrap();
    assert_eq!(
        s.line_summary(&line.id, &ctx(now)).unwrap().act_by.unwrap(),
        first
    );
    assert_eq!(s.list_events(&line.id).unwrap().len(), 1);
    s.restore_event(&e2.id).unwrap();
    assert_eq!(
        s.line_summary(&line.id, &ctx(now)).unwrap().act_by.unwrap(),
        second
    );

    // Editing the first top-up to below the tier takes it out of the computation.
    let small = topup(t(2026, 2, 1, 4, 0), 1000, "HKD");
    s.update_event(&e.id, &small, now).unwrap();
    assert_eq!(
        s.line_summary(&line.id, &ctx(now)).unwrap().act_by.unwrap(),
        second
    );

    // Purging removes only what was deleted before the cut-off.
    s.delete_event(&e.id, now).unwrap();
    assert_eq!(
        s.purge_deleted_events(now + Duration::seconds(1)).unwrap(),
        1
    );
    assert_eq!(
        s.restore_event(&e.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn bad_events_are_refused_naming_the_field_and_store_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let line = s
        .create_line(
            &line_input("0912 345 6789", "PH", None),
            t(2026, 1, 1, 0, 0),
        )
        .unwrap();
    let now = t(2026, 6, 1, 0, 0);
    let cases: Vec<(EventInput, ErrorCode, Field)> = vec![
        (topup(now, -5, "PHP"), ErrorCode::OutOfRange, Field::Amount),
        (
            topup(now, 10_i64.pow(15), "PHP"),
            ErrorCode::OutOfRange,
            Field::Amount,
        ),
        (
            topup(now, 100, "XYZ"),
            ErrorCode::InvalidCurrency,
            Field::Currency,
        ),
        (
            topup(now + Duration::days(30), 100, "PHP"),
            ErrorCode::OutOfRange,
            Field::OccurredAt,
        ),
        (
            topup(t(1989, 12, 31, 0, 0), 100, "PHP"),
            ErrorCode::OutOfRange,
            Field::OccurredAt,
        ),
        (
            EventInput {
                reference: "x".repeat(10_000),
                ..topup(now, 100, "PHP")
            },
            ErrorCode::TooLong,
            Field::Reference,
        ),
    ];
    for (input, code, field) in cases {
        let e = s.add_event(&line.id, &input, now).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{input:?}");
    }
    let e = s
        .add_event("no-such-line", &topup(now, 100, "PHP"), now)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(s.list_events(&line.id).unwrap().is_empty());
}

#[test]
fn i_renewed_starts_from_the_last_renewal() {
    let mut s = Store::open_in_memory().unwrap();
    let line = s
        .create_line(
            &line_input("0912 345 6789", "PH", Some("preset:ph-smart")),
            t(2026, 1, 1, 0, 0),
        )
        .unwrap();
    let now = t(2026, 6, 1, 0, 0);
    let first = renewal_prefill(&s.line_summary(&line.id, &ctx(now)).unwrap(), now);
    assert_eq!(first.kind, EventKind::Topup);
    assert_eq!(first.occurred_at, now);

    s.add_event(&line.id, &topup(t(2026, 5, 1, 0, 0), 10000, "PHP"), now)
        .unwrap();
    let mut check = topup(t(2026, 5, 20, 0, 0), 0, "PHP");
    check.kind = EventKind::BalanceCheck;
    check.amount = None;
    check.balance_after = Some(Money::new(2500, "PHP"));
    s.add_event(&line.id, &check, now).unwrap();

    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    let pre = renewal_prefill(&sum, now);
    assert_eq!(
        pre.kind,
        EventKind::Topup,
        "a balance check is not a renewal"
    );
    assert_eq!(pre.amount, Some(Money::new(10000, "PHP")));
    assert_eq!(pre.method, Some(Method::App));
    assert_eq!(pre.channel, Some(PaymentChannel::Alipay));
    assert!(pre.reference.is_empty());

    // The balance and its threshold.
    assert_eq!(
        sum.balance.as_ref().unwrap().amount,
        Money::new(2500, "PHP")
    );
    assert!(!sum.balance_low);
    s.set_low_balance(&line.id, Some(&Money::new(5000, "PHP")), now)
        .unwrap();
    assert!(s.line_summary(&line.id, &ctx(now)).unwrap().balance_low);
    let e = s
        .set_low_balance(&line.id, Some(&Money::new(-1, "PHP")), now)
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::LowBalance));
}

#[test]
fn a_rolling_line_without_activity_asks_for_it_and_prefills_only_what_counts() {
    let mut s = Store::open_in_memory().unwrap();
    let line = s
        .create_line(
            &line_input("07911 123456", "GB", Some("preset:gb-asda")),
            t(2026, 1, 1, 0, 0),
        )
        .unwrap();
    let now = t(2026, 6, 1, 9, 0);
    // Nothing logged: not "ok" from the day it was added, but unknown, asking for the last
    // top-up with "today" as a ready answer.
    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    assert_eq!(sum.status, Status::Unknown);
    assert_eq!(sum.act_by, None);
    let q = sum.needs_last_activity.clone().unwrap();
    assert_eq!(q.kinds, vec![EventKind::Topup, EventKind::PlanPayment]);
    assert_eq!(q.today.kind, EventKind::Topup);
    assert_eq!(q.today.occurred_at, now);
    // Answering "today" gives a deadline 180 days from today.
    s.add_event(&line.id, &q.today, now).unwrap();
    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    assert_eq!(sum.status, Status::Ok);
    assert!(sum.needs_last_activity.is_none());
    assert!(sum.uncounted.is_empty());

    // A call does not count for ASDA: it is logged, reported as not counting, and "I renewed"
    // keeps pre-filling the top-up.
    let later = t(2026, 6, 2, 9, 0);
    let mut call = topup(later, 0, "GBP");
    call.kind = EventKind::Call;
    call.amount = None;
    let logged = s.add_event(&line.id, &call, later).unwrap();
    let sum = s.line_summary(&line.id, &ctx(later)).unwrap();
    assert_eq!(sum.uncounted.len(), 1);
    assert_eq!(sum.uncounted[0].event_id, logged.id);
    assert_eq!(
        sum.uncounted[0].reason,
        crate::rules::NotCounted::KindDoesNotCount
    );
    assert_eq!(sum.last_renewal.as_ref().unwrap().id, logged.id);
    assert_eq!(renewal_prefill(&sum, later).kind, EventKind::Topup);
    // The deadline did not move.
    assert_eq!(
        sum.act_by,
        s.line_summary(&line.id, &ctx(now)).unwrap().act_by
    );
}

#[test]
fn a_line_rule_overrides_the_carrier_and_nonsense_is_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let line = s
        .create_line(
            &line_input("07911 123456", "GB", Some("preset:gb-giffgaff")),
            t(2026, 1, 1, 0, 0),
        )
        .unwrap();
    let now = t(2026, 2, 1, 0, 0);
    let mut own = RuleSpec {
        rule: KeepAliveRule::Rolling {
            period: Period::Days(90),
            qualifying: vec![EventKind::Sms],
            charged: vec![],
        },
        grace: None,
        zone: "Europe/London".into(),
    };
    s.set_line_rule(&line.id, Some(&own), now).unwrap();
    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    assert_eq!(sum.rule_source, RuleSource::Line);

    for (bad, field) in [
        (
            KeepAliveRule::Rolling {
                period: Period::Days(0),
                qualifying: vec![EventKind::Sms],
                charged: vec![],
            },
            Field::Period,
        ),
        (
            KeepAliveRule::Rolling {
                period: Period::Days(30),
                qualifying: vec![],
                charged: vec![],
            },
            Field::Qualifying,
        ),
    ] {
        own.rule = bad;
        let e = s.set_line_rule(&line.id, Some(&own), now).unwrap_err();
        assert_eq!(e.field(), Some(field));
    }
    own.rule = KeepAliveRule::Rolling {
        period: Period::Days(30),
        qualifying: vec![EventKind::Sms],
        charged: vec![],
    };
    own.zone = "Mars/Olympus_Mons".into();
    assert_eq!(
        s.set_line_rule(&line.id, Some(&own), now)
            .unwrap_err()
            .field(),
        Some(Field::Zone)
    );
    // Nothing changed by the refused edits.
    assert_eq!(
        s.get_line(&line.id).unwrap().rule_override.unwrap().rule,
        KeepAliveRule::Rolling {
            period: Period::Days(90),
            qualifying: vec![EventKind::Sms],
            charged: vec![]
        }
    );

    s.set_line_rule(&line.id, None, now).unwrap();
    assert_eq!(
        s.line_summary(&line.id, &ctx(now)).unwrap().rule_source,
        RuleSource::Carrier
    );

    let e = s
        .create_line(&line_input("07911 123457", "GB", Some("preset:nope")), now)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::NotFound, Some(Field::Carrier))
    );
}

fn carrier_input() -> CarrierInput {
    CarrierInput {
        based_on: None,
        name_en: "My MVNO".into(),
        name_zh: "我的运营商".into(),
        country: "hk".into(),
        zone: "Asia/Hong_Kong".into(),
        rule: Some(KeepAliveRule::Rolling {
            period: Period::Months(3),
            qualifying: vec![EventKind::Topup],
            charged: vec![],
        }),
        grace: None,
        renewal_methods: vec![RenewalMethod {
            kind: RenewalKind::Ussd,
            label: "Balance".into(),
            value: "*#131#".into(),
            keyword: None,
        }],
        balance_check: Some("*#131#".into()),
        notes: String::new(),
    }
}

#[test]
fn user_carriers_and_editing_a_preset_makes_a_copy() {
    let mut s = Store::open_in_memory().unwrap();
    let now = t(2026, 2, 1, 0, 0);
    let mine = s.create_carrier(&carrier_input(), now).unwrap();
    assert_eq!(mine.source, CarrierSource::User);
    assert_eq!(mine.country, "HK");
    assert!(s.list_carriers().unwrap().iter().any(|c| c.id == mine.id));

    let line = s
        .create_line(
            &line_input("07911 123456", "GB", Some("preset:gb-giffgaff")),
            now,
        )
        .unwrap();
    let mut edit = carrier_input();
    edit.name_en = "giffgaff (mine)".into();
    edit.country = "GB".into();
    edit.zone = "Europe/London".into();
    let copy = s.update_carrier("preset:gb-giffgaff", &edit, now).unwrap();
    assert_eq!(copy.source, CarrierSource::User);
    assert_eq!(copy.based_on.as_deref(), Some("preset:gb-giffgaff"));
    // The preset itself is untouched, and the line moved to the copy.
    let preset = s.get_carrier("preset:gb-giffgaff").unwrap();
    assert_eq!(preset.name_en, "giffgaff");
    assert_eq!(
        s.get_line(&line.id).unwrap().carrier_id.as_deref(),
        Some(copy.id.as_str())
    );

    // Nonsense is refused, naming the field, and nothing changes.
    type Change = Box<dyn Fn(&mut CarrierInput)>;
    let cases: Vec<(Change, Field)> = vec![
        (
            Box::new(|c| {
                c.name_en.clear();
                c.name_zh.clear();
            }),
            Field::NameEn,
        ),
        (Box::new(|c| c.zone = "Nowhere/City".into()), Field::Zone),
        (Box::new(|c| c.country = "ZZ".into()), Field::Country),
        (
            Box::new(|c| {
                c.rule = Some(KeepAliveRule::Rolling {
                    period: Period::Months(0),
                    qualifying: vec![EventKind::Topup],
                    charged: vec![],
                })
            }),
            Field::Period,
        ),
        (
            Box::new(|c| c.renewal_methods[0].label = " ".into()),
            Field::RenewalMethods,
        ),
        (Box::new(|c| c.name_en = "x".repeat(100_000)), Field::NameEn),
    ];
    for (change, field) in cases {
        let mut bad = carrier_input();
        change(&mut bad);
        let e = s.update_carrier(&mine.id, &bad, now).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    assert_eq!(s.get_carrier(&mine.id).unwrap(), mine);

    assert_eq!(
        s.delete_carrier("preset:gb-asda", now).unwrap_err().code(),
        ErrorCode::ReadOnly
    );
    s.delete_carrier(&copy.id, now).unwrap();
    let line = s.get_line(&line.id).unwrap();
    assert_eq!(line.carrier_id, None);
    assert_eq!(
        line.carrier, "giffgaff",
        "the line keeps the carrier's name"
    );
}

#[test]
fn the_list_is_most_urgent_first() {
    let mut s = Store::open_in_memory().unwrap();
    let created = t(2026, 1, 1, 0, 0);
    let a = s
        .create_line(
            &line_input("07911 123456", "GB", Some("preset:gb-giffgaff")),
            created,
        )
        .unwrap();
    let b = s
        .create_line(
            &line_input("07911 123457", "GB", Some("preset:gb-asda")),
            created,
        )
        .unwrap();
    let c = s
        .create_line(&line_input("07911 123458", "GB", None), created)
        .unwrap();
    let mut call = topup(created, 0, "GBP");
    call.kind = EventKind::Call;
    call.amount = None;
    s.add_event(&a.id, &call, created).unwrap();
    s.add_event(&b.id, &topup(created, 1000, "GBP"), created)
        .unwrap();
    let now = t(2026, 6, 20, 0, 0);
    // giffgaff: 1 Jul deadline (due soon); ASDA: 180 days from 1 Jan = 30 Jun (sooner).
    let order: Vec<String> = s
        .line_summaries(&LineQuery::default(), &ctx(now))
        .unwrap()
        .into_iter()
        .map(|x| x.line.id)
        .collect();
    assert_eq!(order, vec![b.id.clone(), a.id.clone(), c.id.clone()]);
    let _ = Tz::UTC;
}

#[test]
fn a_version_1_database_is_backed_up_and_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrate_with(&mut conn, Some(&path), &MIGRATIONS[..1]).unwrap();
        conn.execute(
            "INSERT INTO line (id, e164, label, country, carrier, sim_kind, notes, created_at, updated_at)
             VALUES ('old', '+447911123456', 'from v1', 'GB', 'giffgaff', 'physical', '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest_version());
    let line = s.get_line("old").unwrap();
    assert_eq!(line.label, "from v1");
    assert_eq!(line.carrier_id, None);
    let backup = backup_path(&path, 1);
    assert!(backup.exists());
    let b = Store::open_read_only_for_tests(&backup);
    assert_eq!(b, 1);
}

#[test]
fn a_mainland_line_asks_for_its_fee_then_its_balance_then_shows_the_months_left() {
    let mut s = Store::open_in_memory().unwrap();
    let created = t(2026, 1, 15, 2, 0);
    let line = s
        .create_line(
            &line_input("138 0013 8000", "CN", Some("preset:cn-mobile")),
            created,
        )
        .unwrap();
    let now = t(2026, 1, 15, 4, 0); // 12:00 in Shanghai
    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    assert_eq!(sum.status, Status::Unknown);
    let basis = &sum.evaluation.as_ref().unwrap().basis;
    assert_eq!(basis.kind, crate::rules::BasisKind::FeeNotSet);
    assert_eq!(
        sum.explanation.as_ref().unwrap().en,
        "Set your plan's monthly fee to see how long the balance lasts"
    );
    // The line's own rule must carry the fee.
    let mut spec = sum.rule.clone().unwrap();
    assert_eq!(
        s.set_line_rule(&line.id, Some(&spec), now)
            .unwrap_err()
            .field(),
        Some(Field::Fee)
    );
    spec.rule = KeepAliveRule::Balance {
        fee: Some(Money::new(800, "CNY")),
        billing_day: 1,
    };
    s.set_line_rule(&line.id, Some(&spec), now).unwrap();
    // Now it asks for the balance ("today", with an amount to type).
    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    let q = sum.needs_last_activity.clone().unwrap();
    assert_eq!(q.kinds, vec![EventKind::BalanceCheck]);
    assert!(q.needs_amount);
    let mut answer = q.today.clone();
    answer.balance_after = Some(Money::new(3800, "CNY"));
    s.add_event(&line.id, &answer, now).unwrap();
    let sum = s.line_summary(&line.id, &ctx(now)).unwrap();
    assert_eq!(sum.status, Status::Ok);
    let forecast = sum.evaluation.unwrap().basis.balance.unwrap();
    assert_eq!(forecast.months_covered, Some(4));
    assert!(sum
        .explanation
        .unwrap()
        .en
        .starts_with("¥38.00 left at ¥8.00 a month covers February to May: top up by 31 May"));
    // "I renewed" pre-fills a top-up, which counts.
    assert_eq!(
        renewal_prefill(&s.line_summary(&line.id, &ctx(now)).unwrap(), now).kind,
        EventKind::Topup
    );
}
