//! Recovery at start and the data commands through the real IPC layer, on real SQLite files
//! in a temporary data directory, at a fixed instant.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use baohao_core::backup::auto::backups_dir;
use serde_json::{json, Value};

use super::{app, app_in, invoke, smart_input, test_now, TestApp};
use crate::DB_FILE;

/// Bytes that are not a database (the same on every run).
fn garbage() -> Vec<u8> {
    (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

/// Two lines (one with a top-up) made through IPC in `t`.
fn two_lines(t: &TestApp) -> String {
    let line = invoke(
        t,
        "line_create",
        json!({ "input": smart_input("0912 345 6789") }),
    )
    .unwrap();
    let id = line["id"].as_str().unwrap().to_owned();
    let event = json!({
        "occurredAt": "2026-03-01T10:00:00Z", "kind": "topup",
        "amount": { "minor": 10000, "currency": "PHP" }, "method": "app",
        "channel": "bank_card", "reference": "R-1", "note": "", "balanceAfter": null
    });
    invoke(t, "event_add", json!({ "lineId": id, "input": event })).unwrap();
    let mut other = smart_input("0917 000 1234");
    other["label"] = json!("Second");
    invoke(t, "line_create", json!({ "input": other })).unwrap();
    id
}

/// A data directory whose `backups` folder holds an automatic backup of [`two_lines`], and
/// whose database is `db` (absent when `None`).
fn data_dir_with_backup(db: Option<&[u8]>) -> tempfile::TempDir {
    let source = app();
    two_lines(&source);
    let dir = tempfile::tempdir().unwrap();
    let written = source
        .state
        .lock_store()
        .unwrap()
        .auto_backup(&backups_dir(dir.path()), test_now())
        .unwrap();
    assert!(written.written.is_some());
    if let Some(bytes) = db {
        std::fs::write(dir.path().join(DB_FILE), bytes).unwrap();
    }
    dir
}

fn line_count(t: &TestApp) -> usize {
    invoke(
        t,
        "line_list",
        json!({ "query": { "search": "", "archive": "all" } }),
    )
    .unwrap()
    .as_array()
    .unwrap()
    .len()
}

/// Records that the normal start ran after a recovery choice.
fn watch_start(t: &TestApp) -> Arc<AtomicBool> {
    let started = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&started);
    t.state
        .set_on_ready(Box::new(move |_| flag.store(true, Ordering::SeqCst)));
    started
}

#[test]
fn a_damaged_database_starts_in_recovery_untouched_and_the_latest_backup_brings_the_data_back() {
    let bad = garbage();
    let t = app_in(data_dir_with_backup(Some(&bad)));
    let db = t.dir.path().join(DB_FILE);
    assert!(!t.state.is_ready());
    let started = watch_start(&t);
    assert!(!started.load(Ordering::SeqCst));

    let status = invoke(&t, "recovery_status", json!({})).unwrap();
    assert_eq!(status["needed"], true);
    assert_eq!(status["code"], "database_damaged");
    assert_eq!(status["databasePath"], db.display().to_string());
    assert_eq!(status["latestBackup"]["lines"], 2);
    assert_eq!(status["latestBackup"]["events"], 1);
    assert_eq!(status["setAside"], Value::Null);

    // Every command that needs the data says so; the file is not touched by any of them.
    for (cmd, args) in [
        (
            "line_list",
            json!({ "query": { "search": "", "archive": "all" } }),
        ),
        ("settings_get", json!({})),
        ("app_info", json!({})),
        (
            "line_create",
            json!({ "input": smart_input("0912 345 6789") }),
        ),
    ] {
        let err = invoke(&t, cmd, args).unwrap_err();
        assert_eq!(err["code"], "recovery_needed", "{cmd}");
    }
    // Listing the backups needs no database.
    let list = invoke(&t, "auto_backups_list", json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(std::fs::read(&db).unwrap(), bad);

    let out = invoke(&t, "recovery_restore_latest", json!({})).unwrap();
    let aside = PathBuf::from(out["setAside"].as_str().unwrap());
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        bad,
        "kept aside byte for byte"
    );
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("baohao.db.damaged-20260303T090000Z"));
    assert_eq!(out["restored"]["preview"]["lines"]["added"], 2);
    assert!(started.load(Ordering::SeqCst), "the normal start ran");

    assert_eq!(line_count(&t), 2);
    let status = invoke(&t, "recovery_status", json!({})).unwrap();
    assert_eq!(status["needed"], false);
    assert_eq!(status["setAside"], aside.display().to_string());
    // A second choice is refused; the data stays.
    let err = invoke(&t, "recovery_start_empty", json!({})).unwrap_err();
    assert_eq!(err["code"], "not_in_recovery");
    assert_eq!(line_count(&t), 2);
    // The new database is a real file the next start opens.
    let TestApp {
        _app,
        window,
        state,
        dir,
    } = t;
    drop((window, _app, state));
    let again = app_in(dir);
    assert!(again.state.is_ready());
    assert_eq!(line_count(&again), 2);
}

#[test]
fn start_empty_keeps_the_bad_file_aside_and_gives_a_working_empty_store() {
    let bad = garbage();
    let t = app_in(data_dir_with_backup(Some(&bad)));
    let started = watch_start(&t);
    let out = invoke(&t, "recovery_start_empty", json!({})).unwrap();
    assert_eq!(out["restored"], Value::Null);
    let aside = PathBuf::from(out["setAside"].as_str().unwrap());
    assert_eq!(std::fs::read(aside).unwrap(), bad);
    assert!(started.load(Ordering::SeqCst));
    assert_eq!(line_count(&t), 0);
    invoke(
        &t,
        "line_create",
        json!({ "input": smart_input("0912 345 6789") }),
    )
    .unwrap();
    assert_eq!(line_count(&t), 1);
}

#[test]
fn restore_latest_without_a_backup_says_so_and_stays_in_recovery() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DB_FILE), garbage()).unwrap();
    let t = app_in(dir);
    let status = invoke(&t, "recovery_status", json!({})).unwrap();
    assert_eq!(status["latestBackup"], Value::Null);
    let err = invoke(&t, "recovery_restore_latest", json!({})).unwrap_err();
    assert_eq!(err["code"], "no_backup");
    assert_eq!(
        std::fs::read(t.dir.path().join(DB_FILE)).unwrap(),
        garbage()
    );
    assert!(!t.state.is_ready());
    // "Try again" on the same damaged file keeps the recovery screen, the file as it was.
    let err = invoke(&t, "recovery_retry", json!({})).unwrap_err();
    assert_eq!(err["code"], "database_damaged");
    assert_eq!(
        std::fs::read(t.dir.path().join(DB_FILE)).unwrap(),
        garbage()
    );
}

#[test]
fn a_newer_database_reports_both_versions_and_can_be_restored_from_a_chosen_file() {
    let dir = data_dir_with_backup(None);
    let db = dir.path().join(DB_FILE);
    {
        drop(baohao_core::Store::open(&db).unwrap());
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let t = app_in(dir);
    let status = invoke(&t, "recovery_status", json!({})).unwrap();
    assert_eq!(status["code"], "database_newer");
    assert_eq!(status["foundVersion"], 999);
    assert_eq!(
        status["supportedVersion"],
        json!(baohao_core::store::latest_version())
    );
    // A backup file the user picks (here the automatic one, by its path).
    let file = status["latestBackup"]["path"].as_str().unwrap().to_owned();
    let bad = invoke(
        &t,
        "recovery_restore_file",
        json!({ "path": "relative/backup.json" }),
    )
    .unwrap_err();
    assert_eq!(bad["code"], "bad_path");
    let out = invoke(&t, "recovery_restore_file", json!({ "path": file })).unwrap();
    let aside = PathBuf::from(out["setAside"].as_str().unwrap());
    assert_eq!(std::fs::read(aside).unwrap(), before);
    assert_eq!(line_count(&t), 2);
}

#[test]
fn backup_write_then_replace_restore_round_trips_through_commands() {
    let t = app();
    let kept = two_lines(&t);
    let file = t.dir.path().join("chosen").join("my backup.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let path = file.display().to_string();
    let summary = invoke(&t, "backup_write", json!({ "path": path })).unwrap();
    assert_eq!(
        (summary["lines"].clone(), summary["events"].clone()),
        (json!(2), json!(1))
    );
    let before = invoke(&t, "line_get", json!({ "id": kept })).unwrap();

    // Change the data: delete the line with the top-up, add another.
    invoke(&t, "line_delete", json!({ "id": kept })).unwrap();
    let mut third = smart_input("0918 111 2222");
    third["label"] = json!("Third");
    invoke(&t, "line_create", json!({ "input": third })).unwrap();

    let preview = invoke(
        &t,
        "backup_preview",
        json!({ "path": path, "mode": "replace" }),
    )
    .unwrap();
    assert_eq!(preview["lines"]["added"], 2);
    assert_eq!(preview["removedLines"], 2);
    let merge = invoke(
        &t,
        "backup_preview",
        json!({ "path": path, "mode": "merge" }),
    )
    .unwrap();
    assert_eq!(merge["lines"]["added"], 1);
    assert_eq!(merge["lines"]["unchanged"], 1);
    assert_eq!(line_count(&t), 2, "a preview writes nothing");

    let report = invoke(
        &t,
        "backup_restore",
        json!({ "path": path, "mode": "replace" }),
    )
    .unwrap();
    let safety = report["safetyBackup"].as_str().unwrap();
    assert!(Path::new(safety).exists());
    assert_eq!(line_count(&t), 2);
    let after = invoke(&t, "line_get", json!({ "id": kept })).unwrap();
    assert_eq!(after, before);

    // The safety backup is listed and restores what was replaced.
    let list = invoke(&t, "auto_backups_list", json!({})).unwrap();
    let safety_item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "before_restore")
        .unwrap()
        .clone();
    let name = safety_item["fileName"].as_str().unwrap();
    let preview = invoke(
        &t,
        "auto_backup_preview",
        json!({ "fileName": name, "mode": "replace" }),
    )
    .unwrap();
    assert_eq!(preview["lines"]["added"], 2);
    invoke(
        &t,
        "auto_backup_restore",
        json!({ "fileName": name, "mode": "replace" }),
    )
    .unwrap();
    let labels: Vec<Value> = invoke(
        &t,
        "line_list",
        json!({ "query": { "search": "", "archive": "all" } }),
    )
    .unwrap()
    .as_array()
    .unwrap()
    .iter()
    .map(|l| l["line"]["label"].clone())
    .collect();
    assert!(labels.contains(&json!("Third")), "{labels:?}");
    // Only names from the list are accepted, never a path.
    let err = invoke(
        &t,
        "auto_backup_restore",
        json!({ "fileName": "../baohao.db", "mode": "merge" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "bad_path");
}

#[test]
fn a_bad_backup_file_is_a_clear_error_and_changes_nothing() {
    let t = app();
    two_lines(&t);
    let file = t.dir.path().join("broken.json");
    std::fs::write(
        &file,
        b"{\"format\": \"baohao-backup\", \"version\": 1, \"lines\": [",
    )
    .unwrap();
    let path = file.display().to_string();
    let err = invoke(
        &t,
        "backup_restore",
        json!({ "path": path, "mode": "replace" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "file_truncated");
    let missing = t.dir.path().join("missing.json").display().to_string();
    let err = invoke(
        &t,
        "backup_preview",
        json!({ "path": missing, "mode": "merge" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "file_io");
    assert_eq!(line_count(&t), 2);
}

#[test]
fn csv_template_read_preview_import_and_exports_through_commands() {
    let t = app();
    let template = t.dir.path().join("template.csv");
    invoke(
        &t,
        "csv_template_write",
        json!({ "path": template.display().to_string() }),
    )
    .unwrap();
    assert!(std::fs::read(&template).unwrap().len() > 20);

    let file = t.dir.path().join("numbers.csv");
    std::fs::write(
        &file,
        "number;label;country\n+63 912 345 6789;Travel;PH\n12;Broken;PH\n",
    )
    .unwrap();
    let path = file.display().to_string();
    let table = invoke(&t, "csv_read", json!({ "path": path })).unwrap();
    assert_eq!(table["delimiter"], ";");
    assert_eq!(table["rows"].as_array().unwrap().len(), 2);
    let mapping = table["mapping"].clone();
    assert_eq!(mapping, json!(["number", "label", "country"]));

    let preview = invoke(
        &t,
        "csv_preview",
        json!({ "path": path, "mapping": mapping }),
    )
    .unwrap();
    assert_eq!(
        (preview["validRows"].clone(), preview["invalidRows"].clone()),
        (json!(1), json!(1))
    );
    let bad_row = &preview["rows"][1]["errors"][0];
    assert_eq!(bad_row["row"], 3);
    assert_eq!(bad_row["code"], "invalid_number");

    // All or nothing: the bad row stops the import and names its row.
    let err = invoke(
        &t,
        "csv_import",
        json!({ "path": path, "mapping": mapping }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_number");
    assert_eq!(err["location"]["record"], "row");
    assert_eq!(err["location"]["index"], 3);
    assert_eq!(line_count(&t), 0);

    std::fs::write(&file, "number;label;country\n+63 912 345 6789;Travel;PH\n").unwrap();
    let report = invoke(
        &t,
        "csv_import",
        json!({ "path": path, "mapping": mapping }),
    )
    .unwrap();
    assert_eq!(report["lines"], 1);
    assert_eq!(line_count(&t), 1);

    // Exports: lines as CSV (read back as a table with the one line), events, calendars.
    let lines_csv = t.dir.path().join("lines.csv");
    invoke(
        &t,
        "export_lines_csv",
        json!({ "path": lines_csv.display().to_string() }),
    )
    .unwrap();
    let back = invoke(
        &t,
        "csv_read",
        json!({ "path": lines_csv.display().to_string() }),
    )
    .unwrap();
    assert_eq!(back["rows"].as_array().unwrap().len(), 1);
    let events_csv = t.dir.path().join("events.csv");
    invoke(
        &t,
        "export_events_csv",
        json!({ "path": events_csv.display().to_string() }),
    )
    .unwrap();
    assert!(events_csv.exists());
    let ics = t.dir.path().join("all.ics");
    invoke(
        &t,
        "ics_write_all",
        json!({ "path": ics.display().to_string() }),
    )
    .unwrap();
    assert!(std::fs::read_to_string(&ics)
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
    let err = invoke(
        &t,
        "ics_write_line",
        json!({ "lineId": "nope", "path": ics.display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
    let err = invoke(
        &t,
        "export_lines_csv",
        json!({ "path": "content://com.android.providers.downloads.documents/document/31" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "bad_path");
}

#[test]
fn the_automatic_backup_pass_writes_once_per_change() {
    let t = app();
    assert!(
        crate::backups::pass(&t.state).unwrap().written.is_none(),
        "no data, no backup"
    );
    two_lines(&t);
    let first = crate::backups::pass(&t.state).unwrap();
    assert!(first.written.is_some());
    assert!(
        crate::backups::pass(&t.state).unwrap().written.is_none(),
        "nothing changed"
    );
    let list = invoke(&t, "auto_backups_list", json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["kind"], "auto");
    assert_eq!(list[0]["lines"], 2);
}

#[test]
fn try_again_opens_the_database_once_the_cause_is_gone() {
    // A folder where the database should be: unreadable as a database.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(DB_FILE)).unwrap();
    let t = app_in(dir);
    let started = watch_start(&t);
    let status = invoke(&t, "recovery_status", json!({})).unwrap();
    assert_eq!(status["code"], "database_unreadable");
    let err = invoke(&t, "recovery_retry", json!({})).unwrap_err();
    assert_eq!(err["code"], "database_unreadable");
    assert!(!started.load(Ordering::SeqCst));

    // The user fixes it; trying again moves nothing and opens the database.
    std::fs::remove_dir(t.dir.path().join(DB_FILE)).unwrap();
    let out = invoke(&t, "recovery_retry", json!({})).unwrap();
    assert_eq!(out["setAside"], Value::Null);
    assert!(started.load(Ordering::SeqCst));
    assert_eq!(line_count(&t), 0);
    assert_eq!(
        invoke(&t, "recovery_status", json!({})).unwrap()["needed"],
        false
    );
}

#[test]
fn exported_files_are_named_by_the_core_and_desktop_has_no_share_sheet() {
    let t = app();
    let name = invoke(&t, "export_file_name", json!({ "kind": "backup" })).unwrap();
    assert_eq!(name, "baohao-backup-2026-03-03.json");
    let name = invoke(&t, "export_file_name", json!({ "kind": "eventsCsv" })).unwrap();
    assert_eq!(name, "baohao-renewals-2026-03-03.csv");
    let err = invoke(&t, "export_file_name", json!({ "kind": "database" })).unwrap_err();
    assert_eq!(err["code"], "invalid_value", "{err}");

    // Desktop: no share sheet, and the desktop capability does not even allow the command.
    let info = invoke(&t, "app_info", json!({})).unwrap();
    assert_eq!(info["canShare"], false);
    let denied = invoke(
        &t,
        "share_export",
        json!({ "kind": "backup", "lineId": null, "title": "Share" }),
    )
    .unwrap_err();
    assert!(
        denied.as_str().is_some_and(|s| s.contains("not allowed")),
        "{denied}"
    );
}
