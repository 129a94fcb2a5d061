//! Databases made by every earlier schema version open, migrate and keep every row, and the
//! copy taken before migrating is there. The fixtures are made by
//! `cargo run -p baohao-core --example make_fixtures -- src-tauri/core/tests/fixtures`.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use baohao_core::store::latest_version;
use baohao_core::Store;
use rusqlite::Connection;

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{version}.db"))
}

/// Every table of `conn` with its columns.
fn tables(conn: &Connection) -> Vec<(String, Vec<String>)> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names
        .into_iter()
        .map(|t| {
            let mut s = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .unwrap();
            let cols = s
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t, cols)
        })
        .collect()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn every_earlier_schema_migrates_and_keeps_every_row() {
    for version in 1..latest_version() {
        let path = fixture(version);
        assert!(
            path.exists(),
            "fixture v{version} is missing (examples/make_fixtures.rs)"
        );
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("baohao.db");
        let fixture_bytes = std::fs::read(&path).unwrap();
        std::fs::copy(&path, &db).unwrap();
        // The old file is read from its own copy: the fixture in the tree is never opened.
        let orig = dir.path().join("orig.db");
        std::fs::copy(&path, &orig).unwrap();
        let old_conn = Connection::open(&orig).unwrap();
        let found: u32 = old_conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(found, version);
        let old_tables = tables(&old_conn);
        drop(old_conn);

        let store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_version());
        // Everything reads back through the current code.
        let data = store.snapshot().unwrap();
        assert_eq!(data.lines.len(), 3, "v{version}");
        let smart = data.lines.iter().find(|l| l.label == "Smart main").unwrap();
        assert_eq!(smart.tags, vec!["travel", "旅行"]);
        assert_eq!(smart.notes, "line one\nline two 📱");
        if version >= 2 {
            assert_eq!(data.events.len(), 3, "v{version}");
            assert_eq!(data.carriers.len(), 1);
            assert_eq!(smart.carrier_id.as_deref(), Some("preset:ph-smart"));
            let deleted = data.events.iter().find(|e| e.deleted_at.is_some()).unwrap();
            assert_eq!(Some(deleted.updated_at), deleted.deleted_at, "backfilled");
            assert!(data.settings.contains_key("reminder_policy"));
        }
        if version >= 3 {
            let spare = data
                .lines
                .iter()
                .find(|l| l.label == "giffgaff spare")
                .unwrap();
            assert_eq!(
                spare.reminders.as_ref().unwrap().leads_days,
                Some(vec![14, 2])
            );
            assert_eq!(store.delivered_count().unwrap(), 1);
        }
        let summaries = store
            .line_summaries(
                &Default::default(),
                &store
                    .eval_context(chrono::Utc::now(), chrono_tz::Tz::UTC)
                    .unwrap(),
            )
            .unwrap();
        assert_eq!(summaries.len(), 2, "the archived one is not listed");
        drop(store);

        // Every row of every old table, column for column, is still there.
        let conn = Connection::open(&db).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS old", [orig.to_str().unwrap()])
            .unwrap();
        // `line_state` is derived from the rest (a cache the store fills at open), not data.
        for (table, cols) in old_tables.iter().filter(|(t, _)| t != "line_state") {
            let cols = cols.join(", ");
            let rows = count(&conn, &format!("SELECT COUNT(*) FROM old.{table}"));
            let kept = count(&conn, &format!("SELECT COUNT(*) FROM main.{table}"));
            assert_eq!(rows, kept, "v{version} {table}");
            let missing = count(
                &conn,
                &format!("SELECT COUNT(*) FROM (SELECT {cols} FROM old.{table} EXCEPT SELECT {cols} FROM main.{table})"),
            );
            assert_eq!(missing, 0, "v{version} {table}: rows changed");
        }
        conn.execute("DETACH DATABASE old", []).unwrap();
        // Migration 7: every number's display form is stored once opened.
        assert_eq!(
            count(&conn, "SELECT COUNT(*) FROM line WHERE display_number = ''"),
            0,
            "v{version}"
        );
        let shown: String = conn
            .query_row(
                "SELECT display_number FROM line WHERE e164 = '+639123456789'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(shown, "+63 912 345 6789");
        // Migration 8: every line's derived state is stored once opened, by this derivation.
        assert_eq!(
            count(
                &conn,
                &format!(
                    "SELECT COUNT(*) FROM line_state WHERE version = {}",
                    baohao_core::store::DERIVATION_VERSION
                )
            ),
            3,
            "v{version}"
        );
        // Migration 9: no line of an earlier version is in the recycle bin.
        assert_eq!(
            count(
                &conn,
                "SELECT COUNT(*) FROM line WHERE deleted_at IS NOT NULL"
            ),
            0,
            "v{version}"
        );

        // The copy taken before migrating holds the old version and its rows.
        let backup = dir.path().join(format!("baohao.db.v{version}.bak"));
        let b = Connection::open(&backup).unwrap();
        let v: u32 = b
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, version);
        assert_eq!(count(&b, "SELECT COUNT(*) FROM line"), 3);
        assert_eq!(std::fs::read(&path).unwrap(), fixture_bytes);
    }
}
