use chrono::{TimeZone, Utc};

use super::migrate::{backup_path, migrate_with};
use super::*;
use crate::line::{ArchiveFilter, LineInput, LineQuery, SimKind};
use crate::{ErrorCode, Field};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap()
}

fn input(number: &str, label: &str) -> LineInput {
    LineInput {
        number: number.into(),
        label: label.into(),
        country: "PH".into(),
        carrier: "Smart".into(),
        carrier_id: None,
        sim_kind: SimKind::Physical,
        iccid: None,
        tags: vec!["travel".into()],
        notes: String::new(),
    }
}

fn query(search: &str) -> LineQuery {
    LineQuery {
        search: Some(search.into()),
        archive: ArchiveFilter::Active,
        needs_action: false,
        ..Default::default()
    }
}

#[test]
fn create_read_update_delete() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .create_line(&input("0912 345 6789", "Smart main"), now())
        .unwrap();
    assert_eq!(a.e164, "+639123456789");
    assert_eq!(a.display_number, "+63 912 345 6789");
    assert_eq!(a.tags, vec!["travel"]);
    assert_eq!(s.get_line(&a.id).unwrap(), a);

    let mut edit = input("+63 917 000 1234", "Smart spare");
    edit.tags = vec!["work".into(), "bank".into()];
    edit.sim_kind = SimKind::Esim;
    let later = now() + chrono::Duration::hours(1);
    let b = s.update_line(&a.id, &edit, later).unwrap();
    assert_eq!(b.e164, "+639170001234");
    assert_eq!(b.label, "Smart spare");
    assert_eq!(b.tags, vec!["work", "bank"]);
    assert_eq!(b.sim_kind, SimKind::Esim);
    assert_eq!(b.created_at, a.created_at);
    assert_eq!(b.updated_at, later);

    s.delete_line(&a.id).unwrap();
    assert_eq!(s.get_line(&a.id).unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(
        s.delete_line(&a.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(s.count_lines().unwrap(), 0);
}

#[test]
fn the_same_number_twice_is_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .create_line(&input("0912 345 6789", "one"), now())
        .unwrap();
    let e = s
        .create_line(&input("+63 912 345 6789", "two"), now())
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::DuplicateNumber, Some(Field::Number))
    );
    let b = s
        .create_line(&input("0917 000 1234", "three"), now())
        .unwrap();
    // Editing b into a's number is refused too, and changes nothing.
    let e = s
        .update_line(&b.id, &input("09123456789", "b"), now())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DuplicateNumber);
    assert_eq!(s.get_line(&b.id).unwrap().e164, "+639170001234");
    assert_eq!(s.get_line(&a.id).unwrap().label, "one");
    assert_eq!(s.count_lines().unwrap(), 2);
}

#[test]
fn search_by_label_number_carrier_and_tag() {
    let mut s = Store::open_in_memory().unwrap();
    s.create_line(&input("0912 345 6789", "Bank OTP"), now())
        .unwrap();
    let mut gg = input("07911 123456", "giffgaff spare");
    gg.country = "GB".into();
    gg.carrier = "giffgaff".into();
    gg.tags = vec!["uk".into(), "100%_real".into()];
    s.create_line(&gg, now()).unwrap();

    let labels = |q: &str| -> Vec<String> {
        s.list_lines(&query(q))
            .unwrap()
            .into_iter()
            .map(|l| l.label)
            .collect()
    };
    assert_eq!(labels(""), vec!["Bank OTP", "giffgaff spare"]);
    assert_eq!(labels("bank"), vec!["Bank OTP"]);
    assert_eq!(labels("345 67"), vec!["Bank OTP"]);
    assert_eq!(labels("+44"), vec!["giffgaff spare"]);
    assert_eq!(labels("UK"), vec!["giffgaff spare"]);
    assert_eq!(labels("GIFFGAFF"), vec!["giffgaff spare"]);
    // LIKE wildcards in user text are literal.
    assert_eq!(labels("%"), vec!["giffgaff spare"]);
    assert_eq!(labels("_"), vec!["giffgaff spare"]);
    assert!(labels("nothing like this").is_empty());
    assert!(labels("' OR 'a'='a' --").is_empty());
    let e = s.list_lines(&query(&"x".repeat(500))).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::TooLong, Some(Field::Query))
    );
}

#[test]
fn archive_and_unarchive() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.create_line(&input("0912 345 6789", "a"), now()).unwrap();
    let archived = s.set_archived(&a.id, true, now()).unwrap();
    assert_eq!(archived.archived_at, Some(now()));
    assert!(s.list_lines(&LineQuery::default()).unwrap().is_empty());
    let q = LineQuery {
        search: None,
        archive: ArchiveFilter::Archived,
        needs_action: false,
        ..Default::default()
    };
    assert_eq!(s.list_lines(&q).unwrap().len(), 1);
    let back = s.set_archived(&a.id, false, now()).unwrap();
    assert_eq!(back.archived_at, None);
    assert_eq!(s.list_lines(&LineQuery::default()).unwrap().len(), 1);
}

#[test]
fn bad_input_changes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .create_line(&input("0912 345 6789", "keep me"), now())
        .unwrap();
    let mut bad = input("0912 345 6789", "x");
    bad.label = "y".repeat(100_000);
    assert_eq!(
        s.update_line(&a.id, &bad, now()).unwrap_err().field(),
        Some(Field::Label)
    );
    assert_eq!(
        s.create_line(&input("123", "z"), now())
            .unwrap_err()
            .field(),
        Some(Field::Number)
    );
    assert_eq!(
        s.update_line("no-such-id", &input("0917 000 1234", "z"), now())
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(s.get_line(&a.id).unwrap(), a);
    assert_eq!(s.count_lines().unwrap(), 1);
}

#[test]
fn a_new_file_is_migrated_and_reopens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    let id = {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), latest_version());
        s.create_line(&input("0912 345 6789", "persisted"), now())
            .unwrap()
            .id
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest_version());
    assert_eq!(s.get_line(&id).unwrap().label, "persisted");
    let mode: String = s
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    // A fresh file needs no backup.
    assert!(!backup_path(&path, 0).exists());
}

#[test]
fn an_existing_database_is_backed_up_before_a_migration_and_a_failed_one_rolls_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let v1: &[(u32, &str)] = &[(1, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")];
    migrate_with(&mut conn, Some(&path), v1).unwrap();
    assert!(!backup_path(&path, 0).exists());

    let v2: &[(u32, &str)] = &[v1[0], (2, "INSERT INTO t VALUES (2); CREATE TABLE t (y);")];
    let e = migrate_with(&mut conn, Some(&path), v2).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Migration);
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "a failed migration leaves the version alone");
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1, "a failed migration leaves the data alone");

    let backup = backup_path(&path, 1);
    assert!(backup.exists(), "backup written before migrating");
    let b = rusqlite::Connection::open(&backup).unwrap();
    let rows: i64 = b
        .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn a_database_from_a_newer_app_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baohao.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    assert_eq!(
        Store::open(&path).unwrap_err().code(),
        ErrorCode::DatabaseNewer
    );
}

#[test]
fn the_display_number_is_stored_with_the_number_and_kept_up_to_date() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .create_line(&input("0912 345 6789", "Smart main"), now())
        .unwrap();
    let stored = |s: &Store| -> String {
        s.conn
            .query_row(
                "SELECT display_number FROM line WHERE id = ?1",
                [&a.id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(stored(&s), "+63 912 345 6789");
    let b = s
        .update_line(&a.id, &input("0917 123 4567", "Smart main"), now())
        .unwrap();
    assert_eq!(b.display_number, "+63 917 123 4567");
    assert_eq!(stored(&s), "+63 917 123 4567");
    // A row without it (written before migration 7) reads the same, and is filled in.
    s.conn
        .execute("UPDATE line SET display_number = ''", [])
        .unwrap();
    assert_eq!(
        s.get_line(&a.id).unwrap().display_number,
        "+63 917 123 4567"
    );
    assert_eq!(s.fill_display_numbers().unwrap(), 1);
    assert_eq!(stored(&s), "+63 917 123 4567");
    assert_eq!(s.fill_display_numbers().unwrap(), 0);
}

#[test]
fn events_by_line_keep_the_order_of_the_line_and_time_index() {
    use crate::event::{EventInput, EventKind};
    let mut s = Store::open_in_memory().unwrap();
    let a = s.create_line(&input("0912 345 6789", "A"), now()).unwrap();
    let b = s.create_line(&input("0917 123 4567", "B"), now()).unwrap();
    let at = |d: i64| now() - chrono::Duration::days(d);
    // Lines interleaved, times out of order, and ties (same instant) on one line.
    for (line, days, note) in [
        (&b, 3, "b3"),
        (&a, 1, "a1-first"),
        (&a, 5, "a5"),
        (&b, 3, "b3-second"),
        (&a, 1, "a1-second"),
        (&b, 9, "b9"),
        (&a, 1, "a1-third"),
    ] {
        s.add_event(
            &line.id,
            &EventInput {
                occurred_at: at(days),
                kind: EventKind::Call,
                amount: None,
                method: None,
                channel: None,
                reference: String::new(),
                note: note.into(),
                balance_after: None,
            },
            now(),
        )
        .unwrap();
    }
    let by_index: Vec<String> = s
        .conn
        .prepare(
            "SELECT note FROM event WHERE deleted_at IS NULL ORDER BY line_id, occurred_at, rowid",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let grouped = s.events_by_line().unwrap();
    let mut ids = [a.id.clone(), b.id.clone()];
    ids.sort();
    let ours: Vec<String> = ids
        .iter()
        .flat_map(|id| grouped[id].iter().map(|e| e.note.clone()))
        .collect();
    assert_eq!(ours, by_index);
}
