//! Opening files that cannot be used: each is reported by kind, and left exactly as it was.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};

use super::*;
use crate::line::{LineInput, SimKind};
use crate::ErrorCode;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap()
}

fn input(n: u32) -> LineInput {
    LineInput {
        number: format!("07911 {:06}", 100_000 + n),
        label: format!("line {n} {}", "x".repeat(60)),
        country: "GB".into(),
        carrier: String::new(),
        carrier_id: None,
        sim_kind: SimKind::Esim,
        iccid: None,
        tags: vec!["a".into(), "b".into()],
        notes: "n".repeat(500),
    }
}

/// A real database with `n` lines, closed (its log checkpointed).
fn database(dir: &Path, n: u32) -> PathBuf {
    let path = dir.join("baohao.db");
    let mut s = Store::open(&path).unwrap();
    for i in 0..n {
        s.create_line(&input(i), now()).unwrap();
    }
    drop(s);
    path
}

fn siblings(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens `path`, expects `code`, and checks the file and its folder did not change.
fn refused(path: &Path, code: ErrorCode) -> CoreError {
    let bytes = std::fs::read(path).unwrap();
    let names = siblings(path);
    let e = Store::open(path).unwrap_err();
    assert_eq!(e.code(), code, "{e}");
    assert_eq!(std::fs::read(path).unwrap(), bytes, "the file was changed");
    assert_eq!(siblings(path), names, "files appeared or went");
    e
}

#[test]
fn random_bytes_are_a_damaged_database_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    let bytes: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &bytes).unwrap();
    refused(&path, ErrorCode::DatabaseDamaged);
    // A short text file too.
    std::fs::write(&path, "hello").unwrap();
    refused(&path, ErrorCode::DatabaseDamaged);
}

#[test]
fn a_malformed_database_fails_its_integrity_check_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 200);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8 * 4096);
    // Garbage over pages 3..6: the header stays valid, the b-trees do not.
    for (i, b) in bytes[2 * 4096..6 * 4096].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37) ^ 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = refused(&path, ErrorCode::DatabaseDamaged);
    assert!(matches!(e, CoreError::DatabaseDamaged { .. }));
}

#[test]
fn a_truncated_database_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 200);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    refused(&path, ErrorCode::DatabaseDamaged);
}

#[test]
fn a_newer_apps_database_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 3);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
    }
    let e = refused(&path, ErrorCode::DatabaseNewer);
    assert!(matches!(e, CoreError::DatabaseNewer { found, supported }
        if found == latest_version() + 1 && supported == latest_version()));
}

#[test]
fn a_directory_or_a_file_without_permission_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    std::fs::create_dir(&path).unwrap();
    assert_eq!(
        Store::open(&path).unwrap_err().code(),
        ErrorCode::DatabaseUnreadable
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = database(dir.path(), 1);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&path).is_ok() {
            // Root reads any file: nothing to check here.
            eprintln!("skipped the permission case: running with permission to read anything");
        } else {
            assert_eq!(
                Store::open(&path).unwrap_err().code(),
                ErrorCode::DatabaseUnreadable
            );
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

#[test]
fn a_database_left_with_its_log_by_a_crash_opens_with_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("baohao.db");
    {
        let mut s = Store::open(&path).unwrap();
        for i in 0..20 {
            s.create_line(&input(i), now()).unwrap();
        }
        // Copy the files while the connection is open: the log holds recent commits, as after
        // a kill -9.
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", path.display()));
            if from.exists() {
                std::fs::copy(&from, format!("{}{suffix}", copied.display())).unwrap();
            }
        }
    }
    assert!(PathBuf::from(format!("{}-wal", copied.display())).exists());
    let s = Store::open(&copied).unwrap();
    assert_eq!(s.count_lines().unwrap(), 20);
}

#[test]
fn an_empty_file_is_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    std::fs::write(&path, b"").unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest_version());
}

#[test]
fn a_damaged_database_with_a_log_beside_it_keeps_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 200);
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes[3 * 4096..5 * 4096].iter_mut() {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    // A log (not a valid one) as if the app had died while writing.
    std::fs::write(format!("{}-wal", path.display()), vec![7u8; 5000]).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::DatabaseDamaged, "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// An index that no longer matches its table (rewritten through `writable_schema`, as no
/// ordinary write can): the kind of damage only the full `integrity_check` finds.
fn with_a_mismatched_index(dir: &Path) -> PathBuf {
    let path = database(dir, 50);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX line_label ON line(e164, label)'
             WHERE name = 'line_label';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
    drop(conn);
    let check = |pragma: &str| -> String {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row(pragma, [], |r| r.get(0)).unwrap()
    };
    assert_eq!(check("PRAGMA quick_check"), "ok");
    assert_ne!(check("PRAGMA integrity_check"), "ok");
    path
}

#[test]
fn after_a_clean_shutdown_the_quick_check_runs_and_after_a_crash_the_full_one() {
    // A clean shutdown left no log: the quick check (every page, every b-tree) is enough.
    let dir = tempfile::tempdir().unwrap();
    let path = with_a_mismatched_index(dir.path());
    drop(Store::open(&path).unwrap());

    // A log left beside the file (the app died while writing): the full check, which finds
    // the index that does not match its table.
    let dir = tempfile::tempdir().unwrap();
    let path = with_a_mismatched_index(dir.path());
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("baohao.db");
    {
        let mut s = Store::open(&path).unwrap();
        s.conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        s.create_line(&input(900), now()).unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", path.display()));
            if from.exists() {
                std::fs::copy(&from, format!("{}{suffix}", copied.display())).unwrap();
            }
        }
    }
    assert!(PathBuf::from(format!("{}-wal", copied.display())).exists());
    let e = Store::open(&copied).unwrap_err();
    assert_eq!(e.code(), ErrorCode::DatabaseDamaged, "{e}");
}
