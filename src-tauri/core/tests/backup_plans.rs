//! Plans and promotions in backups (format version 2), on real SQLite files: a round trip
//! keeps them, merge and replace handle them, bad ones are refused by record and field, and a
//! version 1 backup (kept as a fixture) still restores.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

use baohao_core::backup::{read_backup, read_backup_file, MergeAction, RecordKind, RestoreMode};
use baohao_core::line_plan::LinePlanInput;
use baohao_core::promotion::PromotionInput;
use baohao_core::rules::Period;
use baohao_core::{ErrorCode, Money, Store};
use common::{fill, now};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn plan_input(name: &str, started: NaiveDate) -> LinePlanInput {
    LinePlanInput {
        name: name.into(),
        price: Some(Money::new(9_900, "PHP")),
        period: Some(Period::Days(7)),
        data_mb: Some(8_192),
        minutes: None,
        sms: Some(100),
        auto_renew: true,
        started_on: started,
        note: "weekly\ndata".into(),
    }
}

fn promo(line: Option<&str>, carrier: Option<&str>, text: &str) -> PromotionInput {
    PromotionInput {
        line_id: line.map(str::to_owned),
        carrier_id: carrier.map(str::to_owned),
        text: text.into(),
        remind_on: Some(day(2026, 3, 20)),
        expires_on: Some(day(2026, 4, 30)),
    }
}

/// A store in `dir/name` filled with lines, a user carrier, events, two plans on one line
/// (history) and promotions on a line, a preset carrier and the user carrier.
fn filled_file(dir: &std::path::Path, name: &str) -> (Store, Vec<String>) {
    let mut s = Store::open(&dir.join(name)).unwrap();
    let ids = fill(&mut s);
    let t = now() - Duration::days(30);
    s.add_plan(&ids[0], &plan_input("GIGA 99", day(2025, 9, 1)), t)
        .unwrap();
    s.add_plan(&ids[0], &plan_input("GIGA 149", day(2026, 2, 1)), t)
        .unwrap();
    s.add_promotion(&promo(Some(&ids[0]), None, "Double data"), t)
        .unwrap();
    s.add_promotion(&promo(None, Some("preset:ph-smart"), "Smart promo"), t)
        .unwrap();
    let user_carrier = s.snapshot().unwrap().carriers[0].id.clone();
    s.add_promotion(&promo(None, Some(&user_carrier), "Mine"), t)
        .unwrap();
    (s, ids)
}

fn dump(s: &Store) -> String {
    s.snapshot().unwrap().canonical_json().unwrap()
}

#[test]
fn a_backup_file_keeps_plans_and_promotions_through_replace_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (s, ids) = filled_file(dir.path(), "here.db");
    let file = dir.path().join("backup.json");
    let written = s.write_backup(&file, now()).unwrap();
    assert_eq!(written.format_version, baohao_core::backup::FORMAT_VERSION);
    let backup = read_backup_file(&file, now()).unwrap();
    let sum = backup.summary();
    assert_eq!((sum.plans, sum.promotions), (2, 3));
    let text: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(text["version"], baohao_core::backup::FORMAT_VERSION);
    assert_eq!(text["plans"].as_array().unwrap().len(), 2);

    // Replace onto another real file that has other data: exactly the backup's data after.
    let mut there = Store::open(&dir.path().join("there.db")).unwrap();
    let other = there
        .create_line(&common::line_input("0917 000 1234", "PH", "other"), now())
        .unwrap();
    there
        .add_plan(&other.id, &plan_input("Other plan", day(2026, 1, 1)), now())
        .unwrap();
    there
        .add_promotion(&promo(None, Some("preset:hk-csl"), "csl"), now())
        .unwrap();
    let preview = there
        .restore_preview(&backup, RestoreMode::Replace)
        .unwrap();
    assert_eq!((preview.plans.added, preview.promotions.added), (2, 3));
    assert_eq!((preview.removed_plans, preview.removed_promotions), (1, 1));
    let report = there
        .restore(&backup, RestoreMode::Replace, Some(dir.path()), now())
        .unwrap();
    assert!(report.safety_backup.is_some());
    assert_eq!(dump(&there), dump(&s));
    drop(there);
    // Read back from the file by a fresh open: the plan history and current plan are there.
    let there = Store::open(&dir.path().join("there.db")).unwrap();
    assert_eq!(dump(&there), dump(&s));
    let plans = there.list_plans(&ids[0], day(2026, 3, 3)).unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans.iter().find(|p| p.current).unwrap().name, "GIGA 149");
    assert_eq!(plans[0].note, "weekly\ndata");
    assert_eq!(
        there
            .list_promotions(None, true, day(2026, 3, 3))
            .unwrap()
            .len(),
        3
    );

    // Merge into an empty file gives the same data too.
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    empty
        .restore(&backup, RestoreMode::Merge, None, now())
        .unwrap();
    assert_eq!(dump(&empty), dump(&s));
}

#[test]
fn merge_adds_new_plans_and_promotions_and_keeps_newer_local_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = filled_file(dir.path(), "here.db");
    let backup = read_backup(&s.backup(now()).unwrap().to_json().unwrap(), now()).unwrap();
    let snap = s.snapshot().unwrap();
    // Plans are ordered by (random) id: find them by name.
    let by_name = |n: &str| snap.plans.iter().find(|p| p.name == n).unwrap().id.clone();
    let (p_old, p_new) = (by_name("GIGA 99"), by_name("GIGA 149"));
    let promo_line = snap
        .promotions
        .iter()
        .find(|p| p.line_id.is_some())
        .unwrap()
        .id
        .clone();
    // Here, after the backup: one plan edited, one deleted, one promotion deleted.
    s.update_plan(
        &p_old,
        &plan_input("Renamed here", day(2025, 9, 1)),
        now() + Duration::hours(1),
    )
    .unwrap();
    s.delete_plan(&p_new).unwrap();
    s.delete_promotion(&promo_line).unwrap();

    let preview = s.restore_preview(&backup, RestoreMode::Merge).unwrap();
    assert_eq!(
        (preview.plans.added, preview.plans.conflicting),
        (1, 1),
        "{preview:?}"
    );
    assert_eq!(
        (preview.promotions.added, preview.promotions.unchanged),
        (1, 2)
    );
    let item = preview
        .items
        .iter()
        .find(|i| i.record == RecordKind::Plan && i.id == p_old)
        .unwrap();
    assert_eq!(item.action, MergeAction::Conflicting);
    s.restore(&backup, RestoreMode::Merge, None, now()).unwrap();
    let plans = s.list_plans(&ids[0], day(2026, 3, 3)).unwrap();
    let names: Vec<&str> = plans.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"Renamed here") && names.contains(&"GIGA 149"),
        "{names:?}"
    );
    assert_eq!(
        s.list_promotions(None, true, day(2026, 3, 3))
            .unwrap()
            .len(),
        3
    );
}

/// A version 1 file (the format's example before plans existed, kept as written).
const V1: &[u8] = include_bytes!("fixtures/backup-v1.json");

#[test]
fn a_version_1_backup_still_restores() {
    let backup = read_backup(V1, now()).unwrap();
    let sum = backup.summary();
    assert_eq!(
        (
            sum.format_version,
            sum.lines,
            sum.events,
            sum.plans,
            sum.promotions
        ),
        (1, 1, 1, 0, 0)
    );
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = filled_file(dir.path(), "here.db");
    s.restore(&backup, RestoreMode::Replace, Some(dir.path()), now())
        .unwrap();
    let data = s.snapshot().unwrap();
    assert_eq!(data.lines.len(), 1);
    assert!(data.plans.is_empty() && data.promotions.is_empty());
    assert_eq!(data, backup.data);

    // A version 1 file with plans is not a version 1 file.
    let mut v: Value = serde_json::from_slice(V1).unwrap();
    v["plans"] = json!([]);
    let e = read_backup(&serde_json::to_vec(&v).unwrap(), now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadFile, "{e}");
}

#[test]
fn bad_plans_and_promotions_are_refused_by_record_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = filled_file(dir.path(), "here.db");
    let good: Value = serde_json::from_slice(&s.backup(now()).unwrap().to_json().unwrap()).unwrap();
    let before = dump(&s);
    let check = |v: &Value, code: ErrorCode, record: &str, index: u32, column: &str| {
        let e = read_backup(&serde_json::to_vec(v).unwrap(), now()).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
        let at = e.location().unwrap_or_else(|| panic!("no location: {e}"));
        assert_eq!(
            (at.record, at.index, at.column.as_deref()),
            (record, index, Some(column)),
            "{e}"
        );
    };
    let mut v = good.clone();
    v["plans"][1]["lineId"] = json!("nope");
    check(&v, ErrorCode::NotFound, "plan", 2, "lineId");
    let mut v = good.clone();
    let dup = v["plans"][0].clone();
    v["plans"].as_array_mut().unwrap().push(dup);
    check(&v, ErrorCode::DuplicateId, "plan", 3, "id");
    let mut v = good.clone();
    v["plans"][0]["price"] = json!({ "minor": 100, "currency": "ZZZ" });
    let e = read_backup(&serde_json::to_vec(&v).unwrap(), now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidCurrency, "{e}");
    assert_eq!(e.location().unwrap().record, "plan");
    let mut v = good.clone();
    v["plans"][0]["colour"] = json!("red");
    check(&v, ErrorCode::BadFile, "plan", 1, "colour");
    let mut v = good.clone();
    v["promotions"][0]["carrierId"] = json!("preset:xx-nowhere");
    v["promotions"][0]["lineId"] = Value::Null;
    check(&v, ErrorCode::NotFound, "promotion", 1, "carrierId");
    let mut v = good.clone();
    v["promotions"][0]["text"] = json!("\u{200b}");
    let e = read_backup(&serde_json::to_vec(&v).unwrap(), now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Required, "{e}");
    assert_eq!(dump(&s), before, "reading changes nothing");
}
