//! Backups through the public API: round trips, merge and replace, and bad files that change
//! nothing.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use chrono::Duration;
use serde_json::{json, Value};

use baohao_core::backup::auto::{backups_dir, list_backups};
use baohao_core::backup::{
    read_backup, read_backup_file, ConflictReason, MergeAction, RecordKind, RestoreMode,
};
use baohao_core::{ErrorCode, Field, Store};
use common::{fill, line_input, now, topup};

fn filled() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    fill(&mut s);
    s
}

fn dump(s: &Store) -> String {
    s.snapshot().unwrap().canonical_json().unwrap()
}

fn backup_json(s: &Store) -> Value {
    serde_json::from_slice(&s.backup(now()).unwrap().to_json().unwrap()).unwrap()
}

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

#[test]
fn backup_then_restore_on_an_empty_store_gives_the_same_data() {
    let s = filled();
    let file = s.backup(now()).unwrap().to_json().unwrap();
    let backup = read_backup(&file, now()).unwrap();
    assert_eq!(backup.summary().lines, 3);
    assert_eq!(
        backup.summary().events,
        3,
        "the deleted event is kept for undo"
    );
    let mut empty = Store::open_in_memory().unwrap();
    let report = empty
        .restore(&backup, RestoreMode::Replace, None, now())
        .unwrap();
    assert_eq!(report.preview.lines.added, 3);
    assert_eq!(report.safety_backup, None, "nothing to save before");
    assert_eq!(dump(&empty), dump(&s));
    // And merging it into an empty store gives the same too.
    let mut empty = Store::open_in_memory().unwrap();
    empty
        .restore(&backup, RestoreMode::Merge, None, now())
        .unwrap();
    assert_eq!(dump(&empty), dump(&s));
    // The restored deleted event can still be undone.
    let ev = empty.snapshot().unwrap().events;
    let deleted = ev.iter().find(|e| e.deleted_at.is_some()).unwrap();
    empty.restore_event(&deleted.id).unwrap();
}

#[test]
fn merge_adds_updates_keeps_and_reports_conflicts_before_writing() {
    let mut here = filled();
    let data = here.snapshot().unwrap();
    let mut file = backup_json(&here);
    let later = now() + Duration::hours(1);
    let earlier = now() - Duration::days(300);
    let id_of = |label: &str| {
        data.lines
            .iter()
            .find(|l| l.label == label)
            .unwrap()
            .id
            .clone()
    };
    let (smart, spare, hk) = (
        id_of("Smart main"),
        id_of("giffgaff spare"),
        id_of("HK card"),
    );
    let lines = file["lines"].as_array_mut().unwrap();
    let hk_record = lines.iter().find(|l| l["id"] == json!(hk)).unwrap().clone();
    lines.retain(|l| l["id"] != json!(hk));
    for l in lines.iter_mut() {
        if l["id"] == json!(smart) {
            // Edited later in the backup: updated.
            l["label"] = json!("Renamed in backup");
            l["updatedAt"] = json!(later);
        } else if l["id"] == json!(spare) {
            // Edited earlier in the backup: the current copy is newer.
            l["label"] = json!("Old name");
            l["updatedAt"] = json!(earlier);
        }
    }
    // A new line, and the HK number saved in the backup under another id.
    let mut new_line = hk_record.clone();
    new_line["id"] = json!("00000000-0000-4000-8000-000000000001");
    new_line["e164"] = json!("+447911123457");
    new_line["country"] = json!("GB");
    new_line["label"] = json!("New from backup");
    lines.push(new_line);
    let mut twin = hk_record.clone();
    twin["id"] = json!("00000000-0000-4000-8000-000000000002");
    lines.push(twin.clone());
    // An event of the twin's.
    let events = file["events"].as_array_mut().unwrap();
    let mut ev = events[0].clone();
    ev["id"] = json!("00000000-0000-4000-8000-00000000000e");
    ev["lineId"] = twin["id"].clone();
    events.push(ev);
    // The backup's settings differ: the current ones stay.
    file["settings"]["locale"] = json!("en");

    let backup = read_backup(&bytes(&file), now()).unwrap();
    let before = dump(&here);
    let preview = here.restore_preview(&backup, RestoreMode::Merge).unwrap();
    assert_eq!(dump(&here), before, "a preview writes nothing");
    assert_eq!(preview.lines.added, 1);
    assert_eq!(preview.lines.updated, 1);
    assert_eq!(preview.lines.unchanged, 0);
    assert_eq!(preview.lines.conflicting, 2);
    assert_eq!(preview.events.added, 1);
    assert_eq!(preview.settings.conflicting, 1);
    let reasons: Vec<_> = preview
        .items
        .iter()
        .filter(|i| i.record == RecordKind::Line && i.action == MergeAction::Conflicting)
        .map(|i| i.reason.unwrap())
        .collect();
    assert!(reasons.contains(&ConflictReason::CurrentIsNewer));
    assert!(reasons.contains(&ConflictReason::NumberSavedAsAnotherLine));

    here.restore(&backup, RestoreMode::Merge, None, now())
        .unwrap();
    let after = here.snapshot().unwrap();
    assert_eq!(after.lines.len(), 4);
    let label = |id: &str| {
        after
            .lines
            .iter()
            .find(|l| l.id == id)
            .unwrap()
            .label
            .clone()
    };
    assert_eq!(label(&smart), "Renamed in backup");
    assert_eq!(label(&spare), "giffgaff spare");
    assert_eq!(label(&hk), "HK card");
    // The twin's event went to the line that holds its number here.
    let moved = after
        .events
        .iter()
        .find(|e| e.id == "00000000-0000-4000-8000-00000000000e")
        .unwrap();
    assert_eq!(moved.line_id, hk);
    assert_eq!(after.settings["locale"], json!("zh_cn"));
    // Merging the same backup again changes nothing.
    let again = dump(&here);
    here.restore(&backup, RestoreMode::Merge, None, now())
        .unwrap();
    assert_eq!(dump(&here), again);
}

#[test]
fn replace_saves_the_current_data_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut here = filled();
    let before = here.backup(now()).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    other
        .create_line(&line_input("+44 7911 123459", "GB", "only this"), now())
        .unwrap();
    let backup = read_backup(&other.backup(now()).unwrap().to_json().unwrap(), now()).unwrap();
    let safety = backups_dir(dir.path());
    let preview = here.restore_preview(&backup, RestoreMode::Replace).unwrap();
    assert_eq!((preview.removed_lines, preview.lines.added), (3, 1));
    let report = here
        .restore(&backup, RestoreMode::Replace, Some(&safety), now())
        .unwrap();
    assert_eq!(dump(&here), dump(&other));
    let saved = report.safety_backup.unwrap();
    let listed = list_backups(&safety).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, saved);
    assert_eq!(listed[0].lines, 3);
    // The safety backup restores what was there.
    let back = read_backup_file(std::path::Path::new(&saved), now()).unwrap();
    assert_eq!(back.data, before.data);
}

/// Reads `file` and expects `code`, with the record and field named when given.
fn refused(file: &[u8], code: ErrorCode, record: Option<(&str, u32, &str)>) {
    let mut s = filled();
    let before = dump(&s);
    let e = read_backup(file, now()).unwrap_err();
    assert_eq!(e.code(), code, "{e}");
    if let Some((kind, index, column)) = record {
        let at = e.location().unwrap_or_else(|| panic!("no location: {e}"));
        assert_eq!((at.record, at.index), (kind, index), "{e}");
        assert_eq!(at.column.as_deref(), Some(column), "{e}");
        let text = e.to_string();
        assert!(text.contains(&format!("{kind} #{index}")), "{text}");
    }
    assert_eq!(dump(&s), before);
    // Nothing to restore, so nothing can change; the store still works.
    s.create_line(&line_input("+44 7911 123458", "GB", "still fine"), now())
        .unwrap();
}

#[test]
fn bad_files_are_refused_with_clear_errors_and_change_nothing() {
    let s = filled();
    let good = backup_json(&s);

    let mut v = good.clone();
    v["version"] = json!(baohao_core::backup::FORMAT_VERSION + 1);
    refused(&bytes(&v), ErrorCode::UnsupportedVersion, None);
    let mut v = good.clone();
    v["format"] = json!("something-else");
    refused(&bytes(&v), ErrorCode::BadFile, None);
    refused(b"[1, 2, 3]", ErrorCode::BadFile, None);
    refused(b"not json at all", ErrorCode::BadFile, None);

    let full = bytes(&good);
    for cut in [full.len() / 3, full.len() - 2] {
        refused(&full[..cut], ErrorCode::FileTruncated, None);
    }
    let mut latin1 = full.clone();
    latin1.extend_from_slice(b" \xE9\xE8");
    refused(&latin1, ErrorCode::FileEncoding, None);
    let utf16: Vec<u8> = String::from_utf8(full.clone())
        .unwrap()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    refused(&utf16, ErrorCode::FileEncoding, None);

    let mut v = good.clone();
    let dup = v["lines"][0].clone();
    v["lines"].as_array_mut().unwrap().push(dup);
    refused(&bytes(&v), ErrorCode::DuplicateId, Some(("line", 4, "id")));
    let mut v = good.clone();
    v["lines"][1]["e164"] = v["lines"][0]["e164"].clone();
    refused(
        &bytes(&v),
        ErrorCode::DuplicateId,
        Some(("line", 2, "e164")),
    );
    let mut v = good.clone();
    let dup = v["events"][0].clone();
    v["events"].as_array_mut().unwrap().push(dup);
    refused(&bytes(&v), ErrorCode::DuplicateId, Some(("event", 4, "id")));

    let mut v = good.clone();
    v["lines"][0]["carrierId"] = json!("preset:xx-nowhere");
    refused(
        &bytes(&v),
        ErrorCode::NotFound,
        Some(("line", 1, "carrierId")),
    );
    let mut v = good.clone();
    v["carriers"] = json!([]);
    let with_user_carrier = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .position(|l| {
            l["carrierId"]
                .as_str()
                .is_some_and(|c| c.starts_with("user:"))
        })
        .unwrap();
    refused(
        &bytes(&v),
        ErrorCode::NotFound,
        Some(("line", with_user_carrier as u32 + 1, "carrierId")),
    );
    let mut v = good.clone();
    v["events"][0]["lineId"] = json!("nope");
    refused(
        &bytes(&v),
        ErrorCode::NotFound,
        Some(("event", 1, "lineId")),
    );
}

#[test]
fn every_invalid_field_is_named_with_its_record() {
    let s = filled();
    let good = backup_json(&s);
    // (list, index, field, bad value, expected code, expected field or JSON column)
    let cases: Vec<(&str, usize, &str, Value, ErrorCode)> = vec![
        ("lines", 0, "e164", json!("12"), ErrorCode::InvalidNumber),
        ("lines", 0, "label", json!("\u{200B}"), ErrorCode::Required),
        (
            "lines",
            0,
            "label",
            json!("x".repeat(81)),
            ErrorCode::TooLong,
        ),
        (
            "lines",
            0,
            "country",
            json!("ZZ"),
            ErrorCode::InvalidCountry,
        ),
        ("lines", 0, "simKind", json!("nano"), ErrorCode::BadFile),
        ("lines", 0, "iccid", json!("12"), ErrorCode::InvalidIccid),
        (
            "lines",
            0,
            "tags",
            json!(["x".repeat(40)]),
            ErrorCode::TooLong,
        ),
        (
            "lines",
            0,
            "notes",
            json!("x".repeat(3000)),
            ErrorCode::TooLong,
        ),
        (
            "lines",
            0,
            "createdAt",
            json!("+10000-01-01T00:00:00Z"),
            ErrorCode::BadFile,
        ),
        (
            "lines",
            0,
            "updatedAt",
            json!("yesterday"),
            ErrorCode::BadFile,
        ),
        (
            "lines",
            0,
            "lowBalance",
            json!({"minor": -5, "currency": "PHP"}),
            ErrorCode::OutOfRange,
        ),
        ("lines", 0, "id", json!("../../etc"), ErrorCode::BadFile),
        ("lines", 0, "colour", json!("red"), ErrorCode::BadFile),
        (
            "events",
            0,
            "occurredAt",
            json!("2099-01-01T00:00:00Z"),
            ErrorCode::OutOfRange,
        ),
        ("events", 0, "kind", json!("bribe"), ErrorCode::BadFile),
        (
            "events",
            0,
            "amount",
            json!({"minor": 1, "currency": "XYZ"}),
            ErrorCode::InvalidCurrency,
        ),
        (
            "events",
            0,
            "amount",
            json!({"minor": -1, "currency": "PHP"}),
            ErrorCode::OutOfRange,
        ),
        (
            "events",
            0,
            "reference",
            json!("x".repeat(200)),
            ErrorCode::TooLong,
        ),
        (
            "carriers",
            0,
            "zone",
            json!("Mars/Olympus"),
            ErrorCode::InvalidZone,
        ),
        ("carriers", 0, "nameEn", json!(""), ErrorCode::Required),
        (
            "carriers",
            0,
            "id",
            json!("preset:gb-ee"),
            ErrorCode::BadFile,
        ),
    ];
    for (list, i, field, value, code) in cases {
        let mut v = good.clone();
        let record = &mut v[list][i];
        if field == "nameEn" {
            record["nameZh"] = json!("");
        }
        record[field] = value.clone();
        let e = read_backup(&bytes(&v), now()).unwrap_err();
        assert_eq!(e.code(), code, "{list}[{i}].{field} = {value}: {e}");
        let at = e
            .location()
            .unwrap_or_else(|| panic!("{list}.{field}: no location: {e}"));
        let kind = &list[..list.len() - 1];
        assert_eq!((at.record, at.index), (kind, (i + 1) as u32), "{e}");
        // The field is named: by the error's field or the JSON column.
        let named = at.column.is_some() || e.field().is_some();
        assert!(named, "{list}.{field}: {e}");
    }
    // The form's field names come through where the checks are the form's.
    let mut v = good.clone();
    v["lines"][0]["label"] = json!("");
    let e = read_backup(&bytes(&v), now()).unwrap_err();
    assert_eq!(e.field(), Some(Field::Label));
}

#[test]
fn oversized_files_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(baohao_core::files::MAX_BACKUP_BYTES + 1).unwrap();
    let e = read_backup_file(&path, now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileTooLarge);
    // 100 MB that is not a backup: under the cap, refused by the format check, clearly.
    f.set_len(100 * 1024 * 1024).unwrap();
    let e = read_backup_file(&path, now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadFile, "{e}");
    assert!(e.to_string().contains("not a Baohao backup"), "{e}");
}

#[test]
fn version_3_is_compact_and_leaves_out_empty_fields_and_version_2_still_reads() {
    let s = filled();
    let bytes = s.backup(now()).unwrap().to_json().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "one line, no indentation");
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["version"], 3);
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let e = e.as_object().unwrap();
        for (k, field) in e {
            assert!(
                !field.is_null() && field != "",
                "an empty {k} is left out: {e:?}"
            );
        }
    }
    let mine = read_backup(&bytes, now()).unwrap();

    // The same data as version 2 wrote it: pretty-printed, every field of every event.
    let mut old = v.clone();
    old["version"] = json!(2);
    for e in old["events"].as_array_mut().unwrap() {
        for (k, empty) in [
            ("amount", Value::Null),
            ("method", Value::Null),
            ("channel", Value::Null),
            ("reference", json!("")),
            ("note", json!("")),
            ("balanceAfter", Value::Null),
            ("deletedAt", Value::Null),
        ] {
            e.as_object_mut().unwrap().entry(k).or_insert(empty);
        }
    }
    let old_bytes = serde_json::to_vec_pretty(&old).unwrap();
    assert!(old_bytes.len() > bytes.len());
    let theirs = read_backup(&old_bytes, now()).unwrap();
    assert_eq!(theirs.format_version, 2);
    assert_eq!(theirs.data, mine.data);
}

#[test]
fn a_restore_that_fails_midway_changes_nothing() {
    // A backup that checks out but cannot be written: the disk fills up halfway. Simulated by
    // an event that the current database already holds under the same id for another line
    // is not enough (merge would update it), so take a store whose file is read-only.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    let mut s = Store::open(&path).unwrap();
    fill(&mut s);
    let before = dump(&s);
    let mut other = Store::open_in_memory().unwrap();
    fill(&mut other);
    other
        .add_event(
            &other.snapshot().unwrap().lines[0].id.clone(),
            &topup(now(), 100, "PHP"),
            now(),
        )
        .unwrap();
    let backup = read_backup(&other.backup(now()).unwrap().to_json().unwrap(), now()).unwrap();
    // Another connection holds a write lock: the restore's transaction cannot commit.
    let locker = rusqlite::Connection::open(&path).unwrap();
    locker.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let e = s
        .restore(&backup, RestoreMode::Replace, None, now())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Storage, "{e}");
    locker.execute_batch("ROLLBACK;").unwrap();
    assert_eq!(dump(&s), before);
}

#[test]
fn the_documented_example_is_a_valid_backup() {
    let doc = include_str!("../../../docs/backup-format.md");
    let start = doc.find("```json\n").unwrap() + 8;
    let end = start + doc[start..].find("```").unwrap();
    let b = read_backup(&doc.as_bytes()[start..end], now()).unwrap();
    let sum = b.summary();
    assert_eq!(
        (
            sum.format_version,
            sum.lines,
            sum.events,
            sum.plans,
            sum.promotions
        ),
        (3, 1, 1, 1, 1)
    );
    let mut s = Store::open_in_memory().unwrap();
    s.restore(&b, RestoreMode::Replace, None, now()).unwrap();
    assert_eq!(s.count_lines().unwrap(), 1);
    assert_eq!(s.snapshot().unwrap(), b.data);
}

/// Found by fuzzing (backup_reader): a line whose reminder settings are all defaults was
/// restored as a row the store then read back as "no settings", so the restored data differed
/// from the backup's. Such settings now read as none in the first place.
#[test]
fn default_reminder_settings_restore_to_the_same_data() {
    let s = filled();
    let mut v = backup_json(&s);
    for l in v["lines"].as_array_mut().unwrap() {
        l["reminders"] = json!({"leadsDays": null, "muted": false, "snoozedUntil": null, "nagDismissedFor": null});
    }
    let backup = read_backup(&bytes(&v), now()).unwrap();
    assert!(backup.data.lines.iter().all(|l| l.reminders.is_none()));
    let mut empty = Store::open_in_memory().unwrap();
    empty
        .restore(&backup, RestoreMode::Replace, None, now())
        .unwrap();
    assert_eq!(empty.snapshot().unwrap(), backup.data);
    // The fuzzer's input itself: its reminder settings were all defaults because their field
    // names were mangled ("leadysaDs") and nested unknown fields were ignored. Now refused,
    // naming the record and the field.
    let found = include_bytes!("fixtures/fuzz/backup-default-reminders.json");
    let e = read_backup(found, now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadFile, "{e}");
    let at = e.location().unwrap();
    assert_eq!((at.record, at.index), ("line", 2));
    let column = at.column.as_deref().unwrap();
    assert!(
        ["reminders.leadysaDs", "reminders..noozedUntil"].contains(&column),
        "{column}"
    );
}

#[test]
fn unknown_fields_are_refused_at_any_depth() {
    let good = backup_json(&filled());
    let cases: Vec<(&str, usize, &str, &str)> = vec![
        ("lines", 0, "lowBalance", "lowBalance.cents"),
        ("events", 0, "amount", "amount.cents"),
        ("carriers", 0, "grace", "grace.weeks"),
        ("carriers", 0, "rule", "rule.extra"),
    ];
    for (list, i, field, path) in cases {
        let mut v = good.clone();
        let record = &mut v[list][i];
        if record[field].is_null() {
            record[field] = json!({"minor": 1, "currency": "PHP"});
        }
        let key = path.rsplit('.').next().unwrap();
        record[field][key] = json!(1);
        let e = read_backup(&bytes(&v), now()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BadFile, "{path}: {e}");
        assert_eq!(e.location().unwrap().column.as_deref(), Some(path), "{e}");
    }
    let mut v = good.clone();
    v["settings"]["reminder_policy"]["snoozeForever"] = json!(true);
    let e = read_backup(&bytes(&v), now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadFile, "{e}");
    let mut v = good;
    v["extra"] = json!(1);
    assert_eq!(
        read_backup(&bytes(&v), now()).unwrap_err().code(),
        ErrorCode::BadFile
    );
}

/// Found by fuzzing (backup_reader, second run): a file whose records are not in the canonical
/// order restored correctly but read back in another order, so the data compared different.
/// Records now take the canonical order when read.
#[test]
fn records_in_any_order_restore_to_the_same_data() {
    let s = filled();
    let mut v = backup_json(&s);
    for list in ["lines", "events", "carriers"] {
        v[list].as_array_mut().unwrap().reverse();
    }
    let backup = read_backup(&bytes(&v), now()).unwrap();
    assert_eq!(backup.data, s.snapshot().unwrap());
    let found = include_bytes!("fixtures/fuzz/backup-event-order.json");
    let backup = read_backup(found, now()).unwrap();
    let mut empty = Store::open_in_memory().unwrap();
    empty
        .restore(&backup, RestoreMode::Replace, None, now())
        .unwrap();
    assert_eq!(empty.snapshot().unwrap(), backup.data);
}
