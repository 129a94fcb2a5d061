//! The dashboard on the real schema: filters and sorts over computed summaries, the cost of
//! the next action, the filter choices, bulk actions (all or nothing, errors naming the line),
//! cloning, and the recycle bin (out of every list, plan and backup; restore; purge).

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::dashboard::{BulkAction, Dashboard, BIN_DAYS};
use crate::event::{EventInput, EventKind, Money};
use crate::line::{ArchiveFilter, LineInput, LineQuery, LineSort, SimKind};
use crate::planner::LineReminderOverrides;
use crate::rules::{KeepAliveRule, Period, RuleSpec, Status};
use crate::summary::EvalContext;
use crate::ErrorCode;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 12, 0, 0).unwrap()
}

fn ctx() -> EvalContext {
    EvalContext {
        now: now(),
        user_zone: Tz::UTC,
        due_soon_days: 30,
    }
}

fn input(number: &str, country: &str, label: &str, carrier_id: Option<&str>) -> LineInput {
    LineInput {
        number: number.into(),
        label: label.into(),
        country: country.into(),
        carrier: if carrier_id.is_some() {
            String::new()
        } else {
            "Smart".into()
        },
        carrier_id: carrier_id.map(str::to_owned),
        sim_kind: SimKind::Physical,
        iccid: None,
        tags: vec![],
        notes: String::new(),
    }
}

fn topup(at: DateTime<Utc>, minor: i64) -> EventInput {
    EventInput {
        occurred_at: at,
        kind: EventKind::Topup,
        amount: Some(Money::new(minor, "GBP")),
        method: None,
        channel: None,
        reference: String::new(),
        note: String::new(),
        balance_after: None,
    }
}

struct World {
    s: Store,
    /// giffgaff, renewed 170 days ago: due soon. Tag "work".
    alpha: String,
    /// giffgaff, renewed yesterday: ok. Tag "travel".
    bravo: String,
    /// Typed carrier, no rule: unknown. Tag "Work".
    charlie: String,
    /// Archived.
    delta: String,
}

fn world() -> World {
    let mut s = Store::open_in_memory().unwrap();
    let created = now() - Duration::days(400);
    let mut a = input("07911 123456", "GB", "Alpha", Some("preset:gb-giffgaff"));
    a.tags = vec!["work".into()];
    let alpha = s.create_line(&a, created).unwrap().id;
    s.add_event(&alpha, &topup(now() - Duration::days(170), 1000), now())
        .unwrap();
    let mut b = input("07400 123456", "GB", "Bravo", Some("preset:gb-giffgaff"));
    b.tags = vec!["travel".into()];
    let bravo = s.create_line(&b, created).unwrap().id;
    s.add_event(&bravo, &topup(now() - Duration::days(1), 500), now())
        .unwrap();
    let mut c = input("0912 345 6789", "PH", "Charlie", None);
    c.tags = vec!["Work".into()];
    let charlie = s.create_line(&c, created).unwrap().id;
    let delta = s
        .create_line(&input("0917 000 1234", "PH", "Delta", None), created)
        .unwrap()
        .id;
    s.set_archived(&delta, true, now()).unwrap();
    World {
        s,
        alpha,
        bravo,
        charlie,
        delta,
    }
}

fn ids(d: &Dashboard) -> (Vec<String>, Vec<String>) {
    (
        d.needs_action
            .iter()
            .map(|i| i.summary.line.label.clone())
            .collect(),
        d.others
            .iter()
            .map(|i| i.summary.line.label.clone())
            .collect(),
    )
}

fn q() -> LineQuery {
    LineQuery::default()
}

#[test]
fn the_dashboard_puts_what_needs_action_on_top_with_the_next_cost() {
    let w = world();
    let d = w.s.dashboard(&q(), &ctx()).unwrap();
    assert_eq!(
        ids(&d),
        (vec!["Alpha".into()], vec!["Bravo".into(), "Charlie".into()])
    );
    assert_eq!(d.needs_action[0].summary.status, Status::DueSoon);
    assert_eq!(d.others[0].summary.status, Status::Ok);
    assert_eq!(d.others[1].summary.status, Status::Unknown);
    // giffgaff states no cheapest action: the user's own last top-up is the next cost.
    assert_eq!(d.needs_action[0].next_cost, Some(Money::new(1000, "GBP")));
    assert_eq!(d.needs_action[0].next_action, Some(EventKind::Topup));
    assert_eq!(d.others[1].next_action, None);
    assert_eq!(d.others[0].next_cost, Some(Money::new(500, "GBP")));
    // No rule, no cost.
    assert_eq!(d.others[1].next_cost, None);
    // The archive is its own list.
    let archived =
        w.s.dashboard(
            &LineQuery {
                archive: ArchiveFilter::Archived,
                ..q()
            },
            &ctx(),
        )
        .unwrap();
    assert_eq!(ids(&archived), (vec![], vec!["Delta".into()]));
}

#[test]
fn filters_narrow_the_list_and_combine() {
    let w = world();
    let labels = |query: LineQuery| -> Vec<String> {
        w.s.line_summaries(&query, &ctx())
            .unwrap()
            .into_iter()
            .map(|s| s.line.label)
            .collect()
    };
    assert_eq!(
        labels(LineQuery {
            statuses: vec![Status::Ok, Status::Unknown],
            ..q()
        }),
        vec!["Bravo", "Charlie"]
    );
    assert_eq!(
        labels(LineQuery {
            statuses: vec![Status::Overdue],
            ..q()
        }),
        Vec::<String>::new()
    );
    // Tags match whatever their case.
    assert_eq!(
        labels(LineQuery {
            tag: Some("WORK".into()),
            ..q()
        }),
        vec!["Alpha", "Charlie"]
    );
    assert_eq!(
        labels(LineQuery {
            country: Some("ph".into()),
            ..q()
        }),
        vec!["Charlie"]
    );
    assert_eq!(
        labels(LineQuery {
            carrier: Some("preset:gb-giffgaff".into()),
            ..q()
        }),
        vec!["Alpha", "Bravo"]
    );
    assert_eq!(
        labels(LineQuery {
            carrier: Some("text:Smart".into()),
            ..q()
        }),
        vec!["Charlie"]
    );
    // Filters combine with each other and with the search.
    assert_eq!(
        labels(LineQuery {
            tag: Some("work".into()),
            country: Some("GB".into()),
            ..q()
        }),
        vec!["Alpha"]
    );
    assert_eq!(
        labels(LineQuery {
            tag: Some("work".into()),
            search: Some("char".into()),
            ..q()
        }),
        vec!["Charlie"]
    );
    assert_eq!(
        labels(LineQuery {
            needs_action: true,
            ..q()
        }),
        vec!["Alpha"]
    );
}

#[test]
fn every_sort_orders_the_lines() {
    let w = world();
    let order = |sort: LineSort| -> Vec<String> {
        w.s.line_summaries(&LineQuery { sort, ..q() }, &ctx())
            .unwrap()
            .into_iter()
            .map(|s| s.line.label)
            .collect()
    };
    assert_eq!(order(LineSort::Urgency), vec!["Alpha", "Bravo", "Charlie"]);
    assert_eq!(order(LineSort::Label), vec!["Alpha", "Bravo", "Charlie"]);
    // +447400… before +447911… before +63…
    assert_eq!(order(LineSort::Number), vec!["Bravo", "Alpha", "Charlie"]);
    // giffgaff (due soon first), then Smart.
    assert_eq!(order(LineSort::Carrier), vec!["Alpha", "Bravo", "Charlie"]);
    // Renewed yesterday, 170 days ago, never.
    assert_eq!(
        order(LineSort::RecentlyRenewed),
        vec!["Bravo", "Alpha", "Charlie"]
    );
}

#[test]
fn the_filter_choices_come_from_the_lines() {
    let mut w = world();
    let f = w.s.line_facets().unwrap();
    let tags: Vec<(String, u32)> = f.tags.iter().map(|c| (c.value.clone(), c.lines)).collect();
    assert_eq!(tags, vec![("travel".into(), 1), ("work".into(), 2)]);
    let countries: Vec<(String, u32)> = f
        .countries
        .iter()
        .map(|c| (c.value.clone(), c.lines))
        .collect();
    // The archived line counts too: the archive has the same filters.
    assert_eq!(countries, vec![("GB".into(), 2), ("PH".into(), 2)]);
    let carriers: Vec<(String, String, u32)> = f
        .carriers
        .iter()
        .map(|c| (c.key.clone(), c.name_en.clone(), c.lines))
        .collect();
    assert_eq!(
        carriers,
        vec![
            ("preset:gb-giffgaff".into(), "giffgaff".into(), 2),
            ("text:Smart".into(), "Smart".into(), 2),
        ]
    );
    // A binned line offers nothing.
    w.s.bin_line(&w.charlie, now()).unwrap();
    w.s.bin_line(&w.delta, now()).unwrap();
    let f = w.s.line_facets().unwrap();
    assert_eq!(f.countries.len(), 1);
    assert_eq!(f.tags.len(), 2);
}

#[test]
fn a_bulk_renewal_is_all_or_nothing_and_an_error_names_the_line() {
    let mut w = world();
    let count = |s: &Store, id: &str| s.list_events(id).unwrap().len();
    let renewal = BulkAction::Renewal(topup(now(), 1000));
    let before = (count(&w.s, &w.alpha), count(&w.s, &w.bravo));
    let ids = vec![w.alpha.clone(), w.bravo.clone(), "missing".to_owned()];
    let err = w.s.bulk(&ids, &renewal, now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let at = err.location().unwrap();
    assert_eq!(
        (at.record, at.index, at.id.as_deref()),
        ("line", 2, Some("missing"))
    );
    // Nothing was logged on the lines before the bad one.
    assert_eq!((count(&w.s, &w.alpha), count(&w.s, &w.bravo)), before);

    // A renewal that is not valid is refused before anything is written.
    let mut bad = topup(now(), 1000);
    bad.amount = Some(Money::new(-5, "GBP"));
    assert!(w
        .s
        .bulk(&[w.alpha.clone()], &BulkAction::Renewal(bad), now())
        .is_err());

    let three = vec![w.alpha.clone(), w.bravo.clone(), w.charlie.clone()];
    let r = w.s.bulk(&three, &renewal, now()).unwrap();
    assert_eq!(r.lines, 3);
    assert_eq!(count(&w.s, &w.alpha), before.0 + 1);
    assert_eq!(count(&w.s, &w.bravo), before.1 + 1);
    assert_eq!(count(&w.s, &w.charlie), 1);
    // Alpha was due soon; the renewal moved its deadline.
    let d = w.s.dashboard(&q(), &ctx()).unwrap();
    assert!(d.needs_action.is_empty());
    assert!(w.s.bulk(&[], &renewal, now()).is_err());
}

#[test]
fn bulk_tag_and_archive() {
    let mut w = world();
    let two = vec![w.alpha.clone(), w.charlie.clone(), w.alpha.clone()];
    let r =
        w.s.bulk(&two, &BulkAction::AddTag(" bank ".into()), now())
            .unwrap();
    assert_eq!(r.lines, 2);
    assert_eq!(w.s.get_line(&w.alpha).unwrap().tags, vec!["work", "bank"]);
    assert_eq!(w.s.get_line(&w.charlie).unwrap().tags, vec!["Work", "bank"]);
    // Adding a tag a line has (in any case) changes nothing.
    w.s.bulk(&two, &BulkAction::AddTag("BANK".into()), now())
        .unwrap();
    assert_eq!(w.s.get_line(&w.alpha).unwrap().tags, vec!["work", "bank"]);
    assert_eq!(
        w.s.bulk(&two, &BulkAction::AddTag("  ".into()), now())
            .unwrap_err()
            .code(),
        ErrorCode::Required
    );

    w.s.bulk(&two, &BulkAction::Archive, now()).unwrap();
    let d = w.s.dashboard(&q(), &ctx()).unwrap();
    assert_eq!(ids(&d), (vec![], vec!["Bravo".into()]));
    w.s.bulk(&[w.alpha.clone()], &BulkAction::Unarchive, now())
        .unwrap();
    assert!(w.s.get_line(&w.alpha).unwrap().archived_at.is_none());
}

#[test]
fn a_clone_copies_everything_but_the_number() {
    let mut w = world();
    let rule = RuleSpec {
        rule: KeepAliveRule::Rolling {
            period: Period::Days(90),
            qualifying: vec![EventKind::Topup],
            charged: vec![],
        },
        zone: "Europe/London".into(),
        grace: None,
    };
    w.s.set_line_rule(&w.alpha, Some(&rule), now()).unwrap();
    w.s.set_low_balance(&w.alpha, Some(&Money::new(300, "GBP")), now())
        .unwrap();
    let overrides = LineReminderOverrides {
        leads_days: Some(vec![10, 2]),
        muted: true,
        ..LineReminderOverrides::default()
    };
    w.s.set_line_reminder(&w.alpha, &overrides).unwrap();
    let mut edit = input("07911 123456", "GB", "Alpha", Some("preset:gb-giffgaff"));
    edit.tags = vec!["work".into()];
    edit.notes = "the old SIM".into();
    edit.iccid = Some("8944 1000 0000 0000 0001".into());
    edit.sim_kind = SimKind::Esim;
    w.s.update_line(&w.alpha, &edit, now()).unwrap();

    let copy = w.s.clone_line(&w.alpha, "07400 654321", "", now()).unwrap();
    let source = w.s.get_line(&w.alpha).unwrap();
    assert_ne!(copy.id, source.id);
    assert_eq!(copy.e164, "+447400654321");
    assert_eq!(copy.label, "Alpha");
    assert_eq!(copy.country, "GB");
    assert_eq!(copy.carrier_id.as_deref(), Some("preset:gb-giffgaff"));
    assert_eq!(copy.sim_kind, SimKind::Esim);
    assert_eq!(copy.tags, vec!["work"]);
    assert_eq!(copy.rule_override, Some(rule));
    assert_eq!(copy.low_balance, Some(Money::new(300, "GBP")));
    assert_eq!(copy.iccid, None);
    assert_eq!(copy.notes, "");
    assert!(w.s.list_events(&copy.id).unwrap().is_empty());
    let r = w.s.line_reminder(&copy.id).unwrap();
    assert_eq!((r.leads_days, r.muted), (Some(vec![10, 2]), true));

    let named =
        w.s.clone_line(&w.bravo, "07400 123999", "Bravo 2", now())
            .unwrap();
    assert_eq!(named.label, "Bravo 2");
    assert!(w.s.line_reminder(&named.id).unwrap().leads_days.is_none());

    // A bad or taken number writes nothing.
    let n = w.s.count_lines().unwrap();
    let e = w.s.clone_line(&w.alpha, "123", "", now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidNumber);
    let e =
        w.s.clone_line(&w.alpha, "07911 123456", "", now())
            .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DuplicateNumber);
    assert_eq!(w.s.count_lines().unwrap(), n);
}

#[test]
fn a_deleted_line_waits_in_the_bin_out_of_every_list_plan_and_backup() {
    let mut w = world();
    let binned_at = now();
    w.s.bin_line(&w.alpha, binned_at).unwrap();
    // Out of the dashboard, every archive filter, the planner and the backup.
    let d = w.s.dashboard(&q(), &ctx()).unwrap();
    assert_eq!(ids(&d), (vec![], vec!["Bravo".into(), "Charlie".into()]));
    for archive in [
        ArchiveFilter::Active,
        ArchiveFilter::Archived,
        ArchiveFilter::All,
    ] {
        let lines = w.s.list_lines(&LineQuery { archive, ..q() }).unwrap();
        assert!(lines.iter().all(|l| l.id != w.alpha), "{archive:?}");
    }
    assert!(w
        .s
        .plan_lines(&ctx())
        .unwrap()
        .iter()
        .all(|p| p.line_id != w.alpha));
    let snap = w.s.snapshot().unwrap();
    assert!(snap.lines.iter().all(|l| l.id != w.alpha));
    assert!(snap.events.iter().all(|e| e.line_id != w.alpha));
    assert_eq!(snap.lines.len(), 3);

    let bin = w.s.bin_list().unwrap();
    assert_eq!(bin.len(), 1);
    assert_eq!(bin[0].line.id, w.alpha);
    assert_eq!(bin[0].line.tags, vec!["work"]);
    assert_eq!(bin[0].deleted_at, binned_at);
    assert_eq!(
        bin[0].purge_at,
        binned_at + Duration::days(i64::from(BIN_DAYS))
    );
    // Binning twice, or deleting for good a line that is not in the bin, is refused.
    assert_eq!(
        w.s.bin_line(&w.alpha, now()).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        w.s.purge_line(&w.bravo).unwrap_err().code(),
        ErrorCode::NotFound
    );

    // Restored with its events, back where it was.
    let back = w.s.restore_line(&w.alpha, now()).unwrap();
    assert_eq!(back.deleted_at, None);
    assert_eq!(w.s.list_events(&w.alpha).unwrap().len(), 1);
    let d = w.s.dashboard(&q(), &ctx()).unwrap();
    assert_eq!(ids(&d).0, vec!["Alpha".to_owned()]);
    assert!(w.s.bin_list().unwrap().is_empty());

    // Delete forever.
    w.s.bin_line(&w.bravo, now()).unwrap();
    w.s.purge_line(&w.bravo).unwrap();
    assert_eq!(
        w.s.get_line(&w.bravo).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn the_bin_is_emptied_of_what_has_been_there_longer_than_its_limit() {
    let mut w = world();
    let early = now() - Duration::days(i64::from(BIN_DAYS)) - Duration::seconds(1);
    w.s.bin_line(&w.alpha, early).unwrap();
    w.s.bin_line(&w.bravo, now() - Duration::days(29)).unwrap();
    assert_eq!(w.s.purge_bin(now()).unwrap(), 1);
    // Gone with its events.
    assert_eq!(
        w.s.get_line(&w.alpha).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(w.s.list_events(&w.alpha).map(|e| e.len()).unwrap_or(0), 0);
    let bin = w.s.bin_list().unwrap();
    assert_eq!(bin.len(), 1);
    assert_eq!(bin[0].line.id, w.bravo);
    assert_eq!(w.s.purge_bin(now()).unwrap(), 0);
    assert_eq!(w.s.purge_bin(now() + Duration::days(2)).unwrap(), 1);
}

#[test]
fn a_backup_restored_over_a_binned_copy_brings_the_line_back() {
    let mut w = world();
    let backup = w.s.backup(now()).unwrap();
    w.s.bin_line(&w.alpha, now()).unwrap();
    let report =
        w.s.restore(&backup, crate::backup::RestoreMode::Merge, None, now())
            .unwrap();
    let _ = report;
    let line = w.s.get_line(&w.alpha).unwrap();
    assert_eq!(line.deleted_at, None);
    assert_eq!(w.s.list_events(&w.alpha).unwrap().len(), 1);
    assert!(w.s.bin_list().unwrap().is_empty());
}
