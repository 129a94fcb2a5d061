//! The three planning views on a real (in-memory) store with carrier presets, rules of every
//! kind, lines left out for each reason, and two user zones.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::event::{EventInput, EventKind, Method, Money, PaymentChannel};
use crate::line::{LineInput, SimKind};
use crate::planner::ReminderKind;
use crate::rules::{KeepAliveRule, RuleSpec};
use crate::store::Store;
use crate::{ErrorCode, Field};

fn t(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 3 Mar 2026, 09:00 UTC.
fn now() -> DateTime<Utc> {
    t(2026, 3, 3, 9, 0)
}

fn ctx(zone: Tz) -> EvalContext {
    EvalContext {
        now: now(),
        user_zone: zone,
        due_soon_days: 30,
    }
}

struct Lines {
    store: Store,
    giffgaff: String,
    smartone: String,
    plan: String,
    asda: String,
    fixed: String,
}

fn add_line(s: &mut Store, n: u32, label: &str, carrier: Option<&str>) -> String {
    s.create_line(
        &LineInput {
            number: format!("07911 1234{n:02}"),
            label: label.into(),
            country: "GB".into(),
            carrier: if carrier.is_none() {
                "Some shop SIM".into()
            } else {
                String::new()
            },
            carrier_id: carrier.map(str::to_owned),
            sim_kind: SimKind::Physical,
            iccid: None,
            tags: vec![],
            notes: String::new(),
        },
        t(2025, 1, 1, 0, 0),
    )
    .unwrap()
    .id
}

fn log(s: &mut Store, line: &str, at: DateTime<Utc>, kind: EventKind, amount: Option<Money>) {
    s.add_event(
        line,
        &EventInput {
            occurred_at: at,
            kind,
            amount,
            method: Some(Method::App),
            channel: Some(PaymentChannel::BankCard),
            reference: String::new(),
            note: String::new(),
            balance_after: None,
        },
        now(),
    )
    .unwrap();
}

/// Five lines to plan (rules of every kind, three zones, three currencies) and four to leave
/// out or ignore: lost, no rule, unknown deadline, archived.
fn lines() -> Lines {
    let mut s = Store::open_in_memory().unwrap();
    let gbp = |m| Some(Money::new(m, "GBP"));
    // Rolling 6 months (London): last top-up 12 Sep 2025 → act_by 12 Mar 2026 23:59:59 GMT.
    let giffgaff = add_line(&mut s, 1, "giffgaff", Some("preset:gb-giffgaff"));
    log(
        &mut s,
        &giffgaff,
        t(2025, 9, 12, 10, 0),
        EventKind::Topup,
        gbp(1000),
    );
    // Top-up validity (Hong Kong): HKD 50 gives 365 days → act_by 20 Mar 2026 23:59:59 HKT.
    let smartone = add_line(&mut s, 2, "SmarTone", Some("preset:hk-smartone"));
    let hkd = Some(Money::new(5000, "HKD"));
    log(
        &mut s,
        &smartone,
        t(2025, 3, 20, 4, 0),
        EventKind::Topup,
        hkd,
    );
    // A monthly plan (New York) paid on 20 Feb: the cycle ends 19 Mar 23:59:59 EDT.
    let plan = add_line(&mut s, 3, "US Mobile", Some("preset:us-usmobile"));
    // The line's own rule, a calendar month: the preset's period follows the carrier's page
    // (30 days since the source checks), and this world is about time zones, not presets.
    let monthly = RuleSpec::new(
        KeepAliveRule::RecurringPlan {
            period: crate::rules::Period::Months(1),
            anchor: None,
        },
        None,
        chrono_tz::America::New_York,
    );
    s.set_line_rule(&plan, Some(&monthly), t(2025, 1, 1, 0, 0))
        .unwrap();
    let usd = Some(Money::new(2000, "USD"));
    log(
        &mut s,
        &plan,
        t(2026, 2, 20, 17, 0),
        EventKind::PlanPayment,
        usd,
    );
    // Rolling 180 days with a 90-day grace: top-up on 10 Jan → act_by 9 Jul 2026.
    let asda = add_line(&mut s, 4, "ASDA", Some("preset:gb-asda"));
    log(
        &mut s,
        &asda,
        t(2026, 1, 10, 12, 0),
        EventKind::Topup,
        gbp(1000),
    );
    // A fixed expiry the carrier reported, with nothing logged.
    let fixed = add_line(&mut s, 5, "Lyca", None);
    let rule = RuleSpec::new(
        KeepAliveRule::FixedExpiry {
            expires_on: d(2026, 5, 1),
        },
        None,
        chrono_tz::Europe::London,
    );
    s.set_line_rule(&fixed, Some(&rule), now()).unwrap();
    // Lost: 60 days after 1 Oct 2025, no grace.
    let lost = add_line(&mut s, 6, "Vectone", Some("preset:gb-vectone"));
    log(
        &mut s,
        &lost,
        t(2025, 10, 1, 12, 0),
        EventKind::Topup,
        gbp(500),
    );
    // No rule, and a top-up table with no top-up logged (unknown).
    add_line(&mut s, 7, "Shop SIM", None);
    add_line(&mut s, 8, "CMHK", Some("preset:hk-cmhk"));
    // Archived lines are not planned at all.
    let archived = add_line(&mut s, 9, "Old giffgaff", Some("preset:gb-giffgaff"));
    log(
        &mut s,
        &archived,
        t(2025, 9, 1, 10, 0),
        EventKind::Topup,
        gbp(1000),
    );
    s.set_archived(&archived, true, now()).unwrap();
    Lines {
        store: s,
        giffgaff,
        smartone,
        plan,
        asda,
        fixed,
    }
}

fn ids(lines: &[DayLine]) -> Vec<&str> {
    lines.iter().map(|l| l.line_id.as_str()).collect()
}

#[test]
fn renewal_days_group_lines_on_the_earliest_deadline_and_say_why() {
    let l = lines();
    let plan = l
        .store
        .renewal_days(
            &ctx(chrono_tz::Europe::London),
            &RenewalDaysOptions::default(),
        )
        .unwrap();
    assert_eq!(plan.today, d(2026, 3, 3));
    assert_eq!(plan.zone, "Europe/London");
    // 12 Mar takes every window open by then; ASDA's (10 Apr - 9 Jul) is not.
    assert_eq!(plan.days.len(), 2, "{:#?}", plan.days);
    let first = &plan.days[0];
    assert_eq!(first.date, d(2026, 3, 12));
    assert_eq!(
        ids(&first.lines),
        vec![
            l.giffgaff.as_str(),
            l.plan.as_str(),
            l.smartone.as_str(),
            l.fixed.as_str()
        ],
        "earliest act_by first: 20 Mar 03:59:59 UTC (New York) before 15:59:59 (Hong Kong)"
    );
    assert_eq!(
        first.reason,
        DayReason::EarliestDeadline {
            line_id: l.giffgaff.clone(),
            label: "giffgaff".into(),
            deadline: d(2026, 3, 12),
            count: 4
        }
    );
    assert_eq!(
        first.reason_text.en,
        "The earliest deadline among these: giffgaff, 12 Mar"
    );
    assert_eq!(
        first.reason_text.zh_cn,
        "其中期限最早的是 giffgaff：3月12日"
    );
    assert_eq!(
        first.renew_before,
        Some(t(2026, 3, 12, 23, 59) + Duration::seconds(59))
    );
    let smartone = &first.lines[2];
    assert_eq!(smartone.deadline, d(2026, 3, 20));
    assert_eq!(smartone.days_early, 8);
    assert_eq!(smartone.action, EventKind::Topup);
    assert_eq!(smartone.cost, Some(Money::new(5000, "HKD")));
    // The plan's window is its paid cycle, from 20 Feb: open since before today.
    assert_eq!(first.lines[1].window_opens, d(2026, 3, 3));

    let asda = &plan.days[1];
    assert_eq!(asda.date, d(2026, 7, 9));
    assert_eq!(ids(&asda.lines), vec![l.asda.as_str()]);
    assert_eq!(
        asda.lines[0].window_opens,
        d(2026, 4, 10),
        "half of 180 days"
    );
    assert_eq!(asda.reason_text.en, "The deadline of ASDA: 9 Jul");
    assert_eq!(asda.reason_text.zh_cn, "ASDA 的期限：7月9日");

    let mut out: Vec<(&str, &LeftOutReason)> = plan
        .left_out
        .iter()
        .map(|o| (o.label.as_str(), &o.reason))
        .collect();
    out.sort_by_key(|o| o.0);
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0], ("CMHK", &LeftOutReason::UnknownDeadline));
    assert_eq!(out[1], ("Shop SIM", &LeftOutReason::NoRule));
    assert!(matches!(
        out[2],
        ("Vectone", LeftOutReason::Lost { date, .. }) if *date == d(2025, 11, 30)
    ));
    let lost = plan.left_out.iter().find(|o| o.label == "Vectone").unwrap();
    assert_eq!(lost.text.en, "Vectone was lost after 30 Nov 2025");
    assert_eq!(lost.text.zh_cn, "Vectone 已于 2025年11月30日后失效");
}

#[test]
fn a_limit_on_renewing_early_splits_the_days() {
    let l = lines();
    let options = RenewalDaysOptions {
        max_days_early: Some(7),
    };
    let plan = l
        .store
        .renewal_days(&ctx(chrono_tz::Europe::London), &options)
        .unwrap();
    let days: Vec<(NaiveDate, Vec<&str>)> =
        plan.days.iter().map(|d| (d.date, ids(&d.lines))).collect();
    assert_eq!(
        days,
        vec![
            (d(2026, 3, 12), vec![l.giffgaff.as_str()]),
            (d(2026, 3, 20), vec![l.plan.as_str(), l.smartone.as_str()]),
            (d(2026, 5, 1), vec![l.fixed.as_str()]),
            (d(2026, 7, 9), vec![l.asda.as_str()]),
        ]
    );
    for day in &plan.days {
        for line in &day.lines {
            assert!(line.window_opens <= day.date && day.date <= line.deadline);
            assert!(line.days_early <= 7);
        }
    }
    // 0: every line on its own deadline day.
    let plan = l
        .store
        .renewal_days(
            &ctx(chrono_tz::Europe::London),
            &RenewalDaysOptions {
                max_days_early: Some(0),
            },
        )
        .unwrap();
    assert!(plan
        .days
        .iter()
        .all(|d| d.lines.iter().all(|l| l.deadline == d.date)));
}

#[test]
fn an_overdue_line_makes_today_a_renewal_day() {
    let mut l = lines();
    // Vodafone: 180 days + 90 days of grace; last top-up 1 Sep 2025 → act_by 28 Feb 2026.
    let voda = add_line(&mut l.store, 10, "Vodafone", Some("preset:gb-vodafone"));
    let gbp = Some(Money::new(1000, "GBP"));
    log(
        &mut l.store,
        &voda,
        t(2025, 9, 1, 12, 0),
        EventKind::Topup,
        gbp,
    );
    let plan = l
        .store
        .renewal_days(
            &ctx(chrono_tz::Europe::London),
            &RenewalDaysOptions::default(),
        )
        .unwrap();
    let today = &plan.days[0];
    assert_eq!(today.date, d(2026, 3, 3));
    assert_eq!(today.reason, DayReason::Overdue { count: 1 });
    assert_eq!(today.reason_text.en, "Past its deadline: renew today");
    assert_eq!(today.lines[0].line_id, voda);
    assert!(today.lines[0].overdue);
    assert_eq!(today.lines[0].days_early, 0);
    // Everything whose window is open today goes along (one sitting instead of two).
    assert_eq!(today.lines.len(), 5);
    assert_eq!(
        today.renew_before,
        Some(t(2026, 3, 12, 23, 59) + Duration::seconds(59))
    );
    assert_eq!(plan.days.len(), 2);
}

#[test]
fn days_are_local_dates_in_the_users_zone() {
    let l = lines();
    // 12 Mar 23:59:59 London is 13 Mar 07:59:59 in Hong Kong.
    let plan = l
        .store
        .renewal_days(
            &ctx(chrono_tz::Asia::Hong_Kong),
            &RenewalDaysOptions::default(),
        )
        .unwrap();
    assert_eq!(plan.zone, "Asia/Hong_Kong");
    assert_eq!(plan.days[0].date, d(2026, 3, 13));
    assert_eq!(
        plan.days[0].reason_text.en,
        "The earliest deadline among these: giffgaff, 13 Mar"
    );
    let f = l.store.forecast(&ctx(chrono_tz::Asia::Hong_Kong)).unwrap();
    let gg = f.lines.iter().find(|x| x.line_id == l.giffgaff).unwrap();
    assert_eq!(gg.actions[0].date, d(2026, 3, 13));
    // 12 Sep 23:59:59 BST is 13 Sep 06:59:59 in Hong Kong.
    assert_eq!(gg.actions[1].date, d(2026, 9, 13));
}

#[test]
fn the_forecast_counts_renewals_per_rule_and_costs_per_currency() {
    let l = lines();
    let f = l.store.forecast(&ctx(chrono_tz::Europe::London)).unwrap();
    assert_eq!((f.from, f.to), (d(2026, 3, 3), d(2027, 3, 3)));
    let line = |id: &str| f.lines.iter().find(|x| x.line_id == id).unwrap();
    let dates = |id: &str| line(id).actions.iter().map(|a| a.date).collect::<Vec<_>>();

    assert_eq!(dates(&l.giffgaff), vec![d(2026, 3, 12), d(2026, 9, 12)]);
    assert_eq!(line(&l.giffgaff).period_cost, Some(Money::new(2000, "GBP")));
    assert_eq!(line(&l.giffgaff).cost_source, CostSource::LastLogged);

    assert_eq!(dates(&l.smartone), vec![d(2026, 3, 20)]);
    assert_eq!(line(&l.smartone).period_cost, Some(Money::new(5000, "HKD")));

    // A monthly plan: twelve payments, each the day after its New York deadline in London.
    let plan = line(&l.plan);
    assert_eq!(plan.actions.len(), 12);
    assert_eq!(plan.action, EventKind::PlanPayment);
    assert_eq!(plan.actions[1].date, d(2026, 4, 20));
    assert_eq!(plan.actions[11].date, d(2027, 2, 20));
    assert_eq!(plan.period_cost, Some(Money::new(24000, "USD")));

    assert_eq!(dates(&l.asda), vec![d(2026, 7, 9), d(2027, 1, 5)]);

    // A fixed expiry: once, with no known cost.
    let fixed = line(&l.fixed);
    assert_eq!(dates(&l.fixed), vec![d(2026, 5, 1)]);
    assert!(fixed.open_ended);
    assert_eq!(
        (fixed.cost_per_action.clone(), fixed.cost_source),
        (None, CostSource::Unknown)
    );
    assert_eq!(fixed.period_cost, None);

    // Totals never mix currencies; the unknown renewal is counted apart.
    assert_eq!(f.actions, 2 + 1 + 12 + 2 + 1);
    assert_eq!(
        f.totals,
        vec![
            Money::new(4000, "GBP"),
            Money::new(5000, "HKD"),
            Money::new(24000, "USD")
        ]
    );
    assert_eq!(f.unknown_cost_actions, 1);
    // 13 calendar months: 3-31 Mar 2026 ... 1-2 Mar 2027.
    assert_eq!(f.months.len(), 13);
    let march = &f.months[0];
    assert_eq!(
        (march.first_day, march.last_day),
        (d(2026, 3, 3), d(2026, 3, 31))
    );
    assert_eq!(march.actions, 3);
    assert_eq!(
        march.totals,
        vec![
            Money::new(1000, "GBP"),
            Money::new(5000, "HKD"),
            Money::new(2000, "USD")
        ]
    );
    let may = &f.months[2];
    assert_eq!((may.year, may.month, may.actions), (2026, 5, 2));
    assert_eq!(may.unknown_cost_actions, 1);
    let last = &f.months[12];
    assert_eq!(
        (last.first_day, last.last_day),
        (d(2027, 3, 1), d(2027, 3, 2))
    );
    assert_eq!(
        f.months.iter().map(|m| m.actions).sum::<u32>(),
        f.actions,
        "every renewal is in one month"
    );
    // The same three lines are left out as in the renewal days.
    assert_eq!(f.left_out.len(), 3);
    // Soonest first.
    assert_eq!(f.lines[0].line_id, l.giffgaff);
}

#[test]
fn an_overdue_line_is_forecast_from_a_renewal_today() {
    let mut l = lines();
    let voda = add_line(&mut l.store, 10, "Vodafone", Some("preset:gb-vodafone"));
    let gbp = Some(Money::new(1000, "GBP"));
    log(
        &mut l.store,
        &voda,
        t(2025, 9, 1, 12, 0),
        EventKind::Topup,
        gbp,
    );
    let f = l.store.forecast(&ctx(chrono_tz::Europe::London)).unwrap();
    let v = f.lines.iter().find(|x| x.line_id == voda).unwrap();
    let dates: Vec<NaiveDate> = v.actions.iter().map(|a| a.date).collect();
    // Today, then 180 days after today (30 Aug), then 180 more (26 Feb 2027).
    assert_eq!(dates, vec![d(2026, 3, 3), d(2026, 8, 30), d(2027, 2, 26)]);
    assert!(v.actions[0].overdue && !v.actions[1].overdue);
}

#[test]
fn the_agenda_lists_deadlines_loss_dates_and_reminders_by_local_date() {
    let l = lines();
    let range = AgendaRange {
        year: 2026,
        month: 3,
        months: 1,
        week_start: WeekStart::Monday,
    };
    let a = l
        .store
        .agenda(now(), chrono_tz::Europe::London, &range)
        .unwrap();
    assert_eq!((a.start, a.end), (d(2026, 3, 1), d(2026, 4, 1)));
    let of = |id: &str, kind: fn(&AgendaKind) -> bool| {
        a.items
            .iter()
            .filter(|i| i.line_id == id && kind(&i.kind))
            .map(|i| (i.date, i.at))
            .collect::<Vec<_>>()
    };
    let deadline = |k: &AgendaKind| matches!(k, AgendaKind::Deadline);
    assert_eq!(
        of(&l.giffgaff, deadline),
        vec![(
            d(2026, 3, 12),
            t(2026, 3, 12, 23, 59) + Duration::seconds(59)
        )]
    );
    assert_eq!(
        of(&l.plan, deadline),
        vec![(
            d(2026, 3, 20),
            t(2026, 3, 20, 3, 59) + Duration::seconds(59)
        )],
        "19 Mar 23:59:59 in New York is 20 Mar in London"
    );
    // giffgaff's reminders after now: 7, 3 and 1 days before, and on the day, at 09:00.
    let reminders: Vec<(NaiveDate, ReminderKind)> = a
        .items
        .iter()
        .filter(|i| i.line_id == l.giffgaff)
        .filter_map(|i| match i.kind {
            AgendaKind::Reminder { reminder, .. } => Some((i.date, reminder)),
            _ => None,
        })
        .collect();
    assert_eq!(
        reminders,
        vec![
            (d(2026, 3, 5), ReminderKind::Lead { days: 7 }),
            (d(2026, 3, 9), ReminderKind::Lead { days: 3 }),
            (d(2026, 3, 11), ReminderKind::Lead { days: 1 }),
            (d(2026, 3, 12), ReminderKind::DueToday),
        ]
    );
    assert!(a
        .items
        .iter()
        .all(|i| i.at >= now() || !matches!(i.kind, AgendaKind::Reminder { .. })));
    assert!(a.items.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(!a.reminders_truncated);
    // No loss date in March; SmarTone's (30 days of grace) is in April.
    assert!(!a.items.iter().any(|i| matches!(i.kind, AgendaKind::Lost)));
    let april = l
        .store
        .agenda(
            now(),
            chrono_tz::Europe::London,
            &AgendaRange { month: 4, ..range },
        )
        .unwrap();
    assert!(april.items.iter().any(|i| i.line_id == l.smartone
        && matches!(i.kind, AgendaKind::Lost)
        && i.date == d(2026, 4, 19)));
    // A lost line's loss date still shows in its month.
    let nov = l
        .store
        .agenda(
            now(),
            chrono_tz::Europe::London,
            &AgendaRange {
                year: 2025,
                month: 11,
                ..range
            },
        )
        .unwrap();
    assert_eq!(nov.items.len(), 1, "{:?}", nov.items);
    assert_eq!(
        nov.items[0].kind,
        AgendaKind::Deadline,
        "no grace: deadline only"
    );

    // The grid: March 2026 starts on a Sunday, so six Monday weeks; every day of March once.
    let grid = &a.months[0];
    assert_eq!((grid.year, grid.month, grid.weeks.len()), (2026, 3, 6));
    assert!(grid.weeks.iter().all(|w| w.len() == 7));
    assert_eq!(grid.weeks[0][0].date, d(2026, 2, 23));
    let days: Vec<&GridDay> = grid.weeks.iter().flatten().filter(|g| g.in_month).collect();
    assert_eq!(days.len(), 31);
    let twelfth = days.iter().find(|g| g.date == d(2026, 3, 12)).unwrap();
    assert_eq!((twelfth.deadlines, twelfth.lost), (1, 0));
    assert_eq!(twelfth.reminders as usize + 1, twelfth.items.len());
    let listed: usize = a.days.iter().map(|x| x.items.len()).sum();
    assert_eq!(listed, a.items.len(), "every item on one date");
    for day in &a.days {
        for i in &day.items {
            assert_eq!(a.items[*i as usize].date, day.date);
        }
    }
    // A Sunday start puts 1 Mar first.
    let sunday = month_grid(2026, 3, WeekStart::Sunday, &a.items).unwrap();
    assert_eq!(sunday.weeks[0][0].date, d(2026, 3, 1));
    assert_eq!(sunday.weeks.len(), 5);
}

#[test]
fn a_range_out_of_bounds_is_an_error_naming_the_query() {
    let l = lines();
    let ok = AgendaRange {
        year: 2026,
        month: 3,
        months: 1,
        week_start: WeekStart::Monday,
    };
    for bad in [
        AgendaRange { month: 0, ..ok },
        AgendaRange { month: 13, ..ok },
        AgendaRange { months: 0, ..ok },
        AgendaRange {
            months: AGENDA_MONTHS_MAX + 1,
            ..ok
        },
        AgendaRange { year: 1989, ..ok },
        AgendaRange { year: 10000, ..ok },
        AgendaRange {
            year: i32::MAX,
            month: u32::MAX,
            months: u32::MAX,
            ..ok
        },
    ] {
        let err = l
            .store
            .agenda(now(), chrono_tz::Europe::London, &bad)
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::OutOfRange, Some(Field::Query))
        );
    }
    // The last allowed month works.
    let end = AgendaRange {
        year: 9999,
        month: 12,
        months: 1,
        ..ok
    };
    assert!(l
        .store
        .agenda(now(), chrono_tz::Europe::London, &end)
        .is_ok());
}

#[test]
fn no_lines_plan_nothing() {
    let s = Store::open_in_memory().unwrap();
    let c = ctx(chrono_tz::Europe::London);
    let plan = s.renewal_days(&c, &RenewalDaysOptions::default()).unwrap();
    assert!(plan.days.is_empty() && plan.left_out.is_empty());
    let f = s.forecast(&c).unwrap();
    assert!(f.lines.is_empty() && f.totals.is_empty());
    assert_eq!(f.months.len(), 13);
    assert!(f.months.iter().all(|m| m.actions == 0));
    let range = AgendaRange {
        year: 2026,
        month: 2,
        months: 24,
        week_start: WeekStart::Saturday,
    };
    let a = s.agenda(now(), chrono_tz::Europe::London, &range).unwrap();
    assert!(a.items.is_empty());
    assert_eq!(a.months.len(), 24);
}

#[test]
fn far_future_deadlines_plan_without_a_panic() {
    let mut s = Store::open_in_memory().unwrap();
    let far = add_line(&mut s, 1, "Far", None);
    let rule = RuleSpec::new(
        KeepAliveRule::FixedExpiry {
            expires_on: d(9999, 12, 31),
        },
        None,
        chrono_tz::Pacific::Kiritimati,
    );
    s.set_line_rule(&far, Some(&rule), now()).unwrap();
    let tiny = add_line(&mut s, 2, "Daily", None);
    let daily = RuleSpec::new(
        KeepAliveRule::Rolling {
            period: crate::rules::Period::Days(1),
            qualifying: vec![EventKind::Call],
            charged: vec![],
        },
        None,
        chrono_tz::Pacific::Apia,
    );
    s.set_line_rule(&tiny, Some(&daily), now()).unwrap();
    log(&mut s, &tiny, t(2026, 3, 3, 8, 0), EventKind::Call, None);
    for zone in [
        chrono_tz::Pacific::Kiritimati,
        chrono_tz::Pacific::Pago_Pago,
    ] {
        let c = ctx(zone);
        let plan = s.renewal_days(&c, &RenewalDaysOptions::default()).unwrap();
        assert_eq!(plan.days.iter().map(|d| d.lines.len()).sum::<usize>(), 2);
        let f = s.forecast(&c).unwrap();
        let daily = f.lines.iter().find(|x| x.line_id == tiny).unwrap();
        // One a day from its first deadline (4 Mar in Apia: 4 or 5 Mar here) for a year.
        assert!(
            (362..=365).contains(&daily.actions.len()),
            "{}",
            daily.actions.len()
        );
        assert!(daily.actions.windows(2).all(|w| w[0].date < w[1].date));
        let far = f.lines.iter().find(|x| x.line_id == far).unwrap();
        assert!(far.actions.is_empty());
        let range = AgendaRange {
            year: 9999,
            month: 12,
            months: 1,
            week_start: WeekStart::Monday,
        };
        let a = s.agenda(now(), zone, &range).unwrap();
        assert!(a.items.len() <= AGENDA_REMINDERS_MAX + 2);
    }
}
