//! A database the app cannot use at start (damaged, written by a newer Baohao, unreadable): the
//! real app opens on the recovery screen, says what happened, and restoring the latest
//! automatic backup brings its numbers back; the bad file is kept aside byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{stored_numbers, App, Launch};
use serde_json::json;

/// A backup as an older Baohao wrote it (format version 1, one line with a top-up), placed as
/// the newest automatic backup.
const BACKUP: &str = include_str!("../../src-tauri/core/tests/fixtures/backup-v1.json");
const BACKUP_NAME: &str = "baohao-auto-20260302T090000Z-1l-1e-0123456789abcdef.json";

/// Bytes that are not a database (the same on every run).
fn garbage() -> Vec<u8> {
    (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

#[test]
fn a_damaged_database_shows_the_recovery_screen_and_the_latest_backup_restores() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::write(backups.join(BACKUP_NAME), BACKUP).unwrap();
    let bad = garbage();
    let db = dir.path().join("baohao.db");
    std::fs::write(&db, &bad).unwrap();

    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();

    // What happened, in plain words, and the three choices.
    let screen = app.find("[data-testid=recovery-screen]");
    assert_eq!(
        screen.attr("data-code").as_deref(),
        Some("database_damaged")
    );
    app.find("[data-testid=recovery-reason]");
    app.wait_text("[data-testid=recovery-latest]", "1");
    app.find("[data-testid=recovery-restore-file]");
    app.find("[data-testid=recovery-start-empty]");
    app.screenshot("60-recovery-screen");
    // Nothing touched the file yet.
    assert_eq!(std::fs::read(&db).unwrap(), bad);

    app.find("[data-testid=recovery-restore-latest]").click();
    app.find("[role=alertdialog]");
    app.screenshot("61-recovery-confirm");
    app.find("[data-testid=recovery-confirm]").click();

    // The list, with the backup's number.
    app.wait_text("[data-testid=line-list]", "Smart main");
    app.screenshot("62-recovered-list");
    assert_eq!(stored_numbers(dir.path()), vec!["+639123456789".to_owned()]);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("baohao.db.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        bad,
        "kept byte for byte"
    );

    // Settings → data lists the automatic backup that was restored.
    app.execute("window.location.hash = '#/settings'", json!([]));
    app.wait_text("[data-testid=data-auto-list]", "renewals: 1");
    app.execute(
        "document.querySelector('[data-testid=settings-data]').scrollIntoView()",
        json!([]),
    );
    app.screenshot("63-settings-data");
    app.quit();
}

/// A data folder with the backup as its newest automatic one.
fn data_dir_with_backup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::write(backups.join(BACKUP_NAME), BACKUP).unwrap();
    dir
}

/// Starts the app on `dir`, checks the recovery screen says `code`, restores the latest
/// backup, and returns what was set aside (the names starting with `baohao.db.damaged-`).
fn recover_from_latest(dir: &std::path::Path, code: &str, shot: &str) -> Vec<std::path::PathBuf> {
    let app = App::launch(&Launch {
        data_dir: dir.to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    let screen = app.find("[data-testid=recovery-screen]");
    assert_eq!(screen.attr("data-code").as_deref(), Some(code));
    app.find("[data-testid=recovery-reason]");
    // The latest backup is listed before it is offered.
    app.wait_text("[data-testid=recovery-latest]", "1");
    app.screenshot(shot);
    app.find("[data-testid=recovery-restore-latest]").click();
    app.find("[role=alertdialog]");
    app.find("[data-testid=recovery-confirm]").click();
    app.wait_text("[data-testid=line-list]", "Smart main");
    app.quit();
    assert_eq!(stored_numbers(dir), vec!["+639123456789".to_owned()]);
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("baohao.db.damaged-")
        })
        .map(|e| e.path())
        .collect()
}

#[test]
fn an_unreadable_database_is_kept_and_the_latest_backup_restores() {
    // The tests run as root, for whom permissions do not stop a read: a folder where the
    // database file should be is what the app cannot read here.
    let dir = data_dir_with_backup();
    let db = dir.path().join("baohao.db");
    std::fs::create_dir(&db).unwrap();
    std::fs::write(db.join("note.txt"), b"not a database").unwrap();
    let aside = recover_from_latest(dir.path(), "database_unreadable", "67-recovery-unreadable");
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(aside[0].join("note.txt")).unwrap(),
        b"not a database",
        "kept as it was"
    );
}

#[test]
fn a_database_from_a_newer_baohao_is_kept_and_the_latest_backup_restores() {
    // A database a later version wrote: valid SQLite whose schema version is beyond this build's.
    let dir = data_dir_with_backup();
    let db = dir.path().join("baohao.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "CREATE TABLE line (id TEXT PRIMARY KEY, e164 TEXT); PRAGMA user_version = 999;",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let aside = recover_from_latest(dir.path(), "database_newer", "68-recovery-newer");
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(&aside[0]).unwrap(),
        before,
        "kept byte for byte"
    );
}
