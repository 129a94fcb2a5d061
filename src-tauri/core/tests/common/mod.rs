//! A store with a bit of everything, for the backup, CSV and calendar tests.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use baohao_core::carrier::{CarrierInput, RenewalKind, RenewalMethod};
use baohao_core::planner::{LineReminderOverrides, ReminderPolicy};
use baohao_core::rules::{Grace, GraceMode, KeepAliveRule, Period, RuleSpec};
use baohao_core::{
    EventInput, EventKind, LineInput, Method, Money, PaymentChannel, SimKind, Store,
};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap()
}

pub fn line_input(number: &str, country: &str, label: &str) -> LineInput {
    LineInput {
        number: number.into(),
        label: label.into(),
        country: country.into(),
        carrier: String::new(),
        carrier_id: None,
        sim_kind: SimKind::Physical,
        iccid: None,
        tags: vec![],
        notes: String::new(),
    }
}

pub fn topup(at: DateTime<Utc>, minor: i64, currency: &str) -> EventInput {
    EventInput {
        occurred_at: at,
        kind: EventKind::Topup,
        amount: Some(Money::new(minor, currency)),
        method: Some(Method::App),
        channel: Some(PaymentChannel::Alipay),
        reference: "ORD-1".into(),
        note: "first\nsecond".into(),
        balance_after: Some(Money::new(-150, currency)),
    }
}

/// Fills `s` with: a user carrier, lines on presets, on the user carrier and on nothing, with
/// tags, notes, ICCID, a rule of their own, a low-balance threshold, reminder overrides, an
/// archived line, events (one deleted, undo-able), and reminder settings.
pub fn fill(s: &mut Store) -> Vec<String> {
    let t0 = now() - Duration::days(200);
    let carrier = s
        .create_carrier(
            &CarrierInput {
                based_on: Some("preset:gb-giffgaff".into()),
                name_en: "My giffgaff".into(),
                name_zh: "我的 giffgaff".into(),
                country: "GB".into(),
                zone: "Europe/London".into(),
                rule: Some(KeepAliveRule::Rolling {
                    period: Period::Months(6),
                    qualifying: vec![EventKind::Topup, EventKind::Call],
                    charged: vec![],
                }),
                grace: Some(Grace::days(30, GraceMode::Restricted)),
                renewal_methods: vec![RenewalMethod {
                    kind: RenewalKind::Ussd,
                    label: "Balance".into(),
                    value: "*100#".into(),
                    keyword: None,
                }],
                balance_check: Some("*100#".into()),
                notes: "mine".into(),
            },
            t0,
        )
        .unwrap();
    let mut ids = Vec::new();

    let mut a = line_input("0912 345 6789", "PH", "Smart main");
    a.carrier_id = Some("preset:ph-smart".into());
    a.tags = vec!["travel".into(), "旅行".into()];
    a.notes = "line one\nline two 📱".into();
    a.iccid = Some("8963 0312 3456 7890 123".into());
    let a = s.create_line(&a, t0).unwrap();
    s.add_event(
        &a.id,
        &topup(t0 + Duration::days(10), 30_000, "PHP"),
        t0 + Duration::days(10),
    )
    .unwrap();
    let gone = s
        .add_event(
            &a.id,
            &topup(t0 + Duration::days(20), 10_000, "PHP"),
            t0 + Duration::days(20),
        )
        .unwrap();
    s.delete_event(&gone.id, t0 + Duration::days(21)).unwrap();
    s.set_low_balance(
        &a.id,
        Some(&Money::new(5_000, "PHP")),
        t0 + Duration::days(22),
    )
    .unwrap();
    ids.push(a.id);

    let mut b = line_input("07911 123456", "GB", "giffgaff spare");
    b.carrier_id = Some(carrier.id.clone());
    b.sim_kind = SimKind::Esim;
    let b = s.create_line(&b, t0).unwrap();
    let mut call = topup(t0 + Duration::days(30), 1_000, "GBP");
    call.kind = EventKind::Call;
    call.amount = None;
    call.balance_after = None;
    s.add_event(&b.id, &call, t0 + Duration::days(30)).unwrap();
    s.set_line_reminder(
        &b.id,
        &LineReminderOverrides {
            leads_days: Some(vec![14, 2]),
            muted: false,
            snoozed_until: Some(now() + Duration::days(2)),
            nag_dismissed_for: None,
        },
    )
    .unwrap();
    ids.push(b.id);

    let c = s
        .create_line(&line_input("+852 6123 4567", "", "HK card"), t0)
        .unwrap();
    s.set_line_rule(
        &c.id,
        Some(&RuleSpec {
            rule: KeepAliveRule::FixedExpiry {
                expires_on: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            },
            grace: None,
            zone: "Asia/Hong_Kong".into(),
        }),
        t0 + Duration::days(1),
    )
    .unwrap();
    s.set_archived(&c.id, true, t0 + Duration::days(2)).unwrap();
    ids.push(c.id);

    s.set_reminder_policy(&ReminderPolicy {
        leads_days: vec![30, 7, 1],
        user_zone: Tz::Asia__Shanghai,
        ..ReminderPolicy::default()
    })
    .unwrap();
    s.set_setting(baohao_core::store::LOCALE_KEY, &baohao_core::Lang::ZhCn)
        .unwrap();
    ids
}
