//! Recovery from a database that cannot be opened, and automatic backups.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use chrono::Duration;

use baohao_core::backup::auto::{backups_dir, latest_backup, list_backups, BackupKind};
use baohao_core::recovery::{restore_from, restore_latest, set_aside, start_empty};
use baohao_core::{ErrorCode, Store};
use common::{fill, line_input, now};

fn dump(s: &Store) -> String {
    s.snapshot().unwrap().canonical_json().unwrap()
}

#[test]
fn a_damaged_database_is_set_aside_untouched_and_the_latest_backup_brings_the_data_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baohao.db");
    let backups = backups_dir(dir.path());
    let expected = {
        let mut s = Store::open(&db).unwrap();
        fill(&mut s);
        let out = s.auto_backup(&backups, now()).unwrap();
        assert!(out.written.is_some());
        dump(&s)
    };
    // The file gets damaged.
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes[100..].iter_mut() {
        *b ^= 0x5A;
    }
    std::fs::write(&db, &bytes).unwrap();
    let e = Store::open(&db).unwrap_err();
    assert_eq!(e.code(), ErrorCode::DatabaseDamaged, "{e}");

    let (store, aside, report) = restore_latest(&db, &backups, now()).unwrap().unwrap();
    assert_eq!(dump(&store), expected);
    assert_eq!(report.preview.lines.added, 3);
    let aside = aside.unwrap();
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("baohao.db.damaged-2026"));
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        bytes,
        "the bad file, byte for byte"
    );
    drop(store);
    // The new database opens normally afterwards.
    assert_eq!(dump(&Store::open(&db).unwrap()), expected);
}

#[test]
fn a_newer_database_can_be_set_aside_for_an_empty_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baohao.db");
    {
        let mut s = Store::open(&db).unwrap();
        fill(&mut s);
    }
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    assert_eq!(
        Store::open(&db).unwrap_err().code(),
        ErrorCode::DatabaseNewer
    );
    let (store, aside) = start_empty(&db, now()).unwrap();
    assert_eq!(store.count_lines().unwrap(), 0);
    assert_eq!(std::fs::read(aside.unwrap()).unwrap(), bytes);
    // Setting aside twice in the same second keeps both.
    drop(store);
    let a = set_aside(&db, now()).unwrap();
    std::fs::write(&db, b"x").unwrap();
    let b = set_aside(&db, now()).unwrap();
    assert_ne!(a, b);
    assert!(a.exists() && b.exists());
}

#[test]
fn a_restore_from_a_bad_file_puts_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baohao.db");
    std::fs::write(&db, b"garbage, not a database").unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"format\": \"baohao-backup\", \"version\": 1, ").unwrap();
    let e = restore_from(&db, &bad, now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileTruncated);
    assert_eq!(std::fs::read(&db).unwrap(), b"garbage, not a database");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "nothing new beside them");
    assert!(restore_latest(&db, &backups_dir(dir.path()), now())
        .unwrap()
        .is_none());
}

#[test]
fn automatic_backups_are_written_when_data_changed_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let backups = backups_dir(dir.path());
    let mut s = Store::open_in_memory().unwrap();
    // Nothing to back up yet.
    assert!(s.auto_backup(&backups, now()).unwrap().written.is_none());
    fill(&mut s);
    let first = s.auto_backup(&backups, now()).unwrap().written.unwrap();
    assert_eq!(
        (first.kind, first.lines, first.events),
        (BackupKind::Auto, 3, 3)
    );
    assert!(first.size_bytes > 1000);
    // Unchanged data: no new file.
    assert!(s
        .auto_backup(&backups, now() + Duration::hours(1))
        .unwrap()
        .written
        .is_none());
    // Sixty days of daily changes.
    for day in 1..=60 {
        let at = now() + Duration::days(day);
        s.create_line(
            &line_input(&format!("07911 {:06}", 200_000 + day), "GB", "more"),
            at,
        )
        .unwrap();
        s.auto_backup(&backups, at).unwrap();
    }
    let all = list_backups(&backups).unwrap();
    assert!(all.len() >= 7 && all.len() <= 11, "{}", all.len());
    let newest = latest_backup(&backups).unwrap().unwrap();
    assert_eq!(newest.created_at, now() + Duration::days(60));
    assert_eq!(newest.lines, 63);
    for d in 0..7 {
        assert!(all
            .iter()
            .any(|b| b.created_at == now() + Duration::days(60 - d)));
    }
    // Nothing but backups in the folder: no temporary files left.
    let files = std::fs::read_dir(&backups).unwrap().count();
    assert_eq!(files, all.len());
    // Each one restores.
    let b = baohao_core::backup::read_backup_file(
        std::path::Path::new(&all[3].path),
        now() + Duration::days(61),
    )
    .unwrap();
    assert_eq!(b.data.lines.len() as u32, all[3].lines);
}
