//! Numbered, embedded, transactional migrations. `PRAGMA user_version` holds the number of
//! the last one applied. Before an existing database is migrated it is copied aside with
//! `VACUUM INTO`, which writes a consistent snapshot even in WAL mode.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{CoreError, Result};

/// (version, SQL), in increasing order; a new migration is a new file. Each runs once, when
/// the database's version is below its number.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("../../migrations/0001_lines.sql")),
    (2, include_str!("../../migrations/0002_carriers_events.sql")),
    (3, include_str!("../../migrations/0003_reminders.sql")),
    (4, include_str!("../../migrations/0004_scheduled.sql")),
    (
        5,
        include_str!("../../migrations/0005_plans_promotions.sql"),
    ),
    (
        6,
        include_str!("../../migrations/0006_event_updated_at.sql"),
    ),
    (
        7,
        include_str!("../../migrations/0007_display_number_and_list_index.sql"),
    ),
    (8, include_str!("../../migrations/0008_line_state.sql")),
    (9, include_str!("../../migrations/0009_line_bin.sql")),
];

pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

pub(crate) fn backup_path(db: &Path, from_version: u32) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".v{from_version}.bak"));
    db.with_file_name(name)
}

pub(crate) fn migrate(conn: &mut Connection, file: Option<&Path>) -> Result<()> {
    migrate_with(conn, file, MIGRATIONS)
}

pub(crate) fn migrate_with(
    conn: &mut Connection,
    file: Option<&Path>,
    migrations: &[(u32, &str)],
) -> Result<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = migrations.last().map_or(0, |(v, _)| *v);
    if current > latest {
        return Err(CoreError::DatabaseNewer {
            found: current,
            supported: latest,
        });
    }
    if current == latest {
        return Ok(());
    }
    if let (Some(db), true) = (file, current > 0) {
        let backup = backup_path(db, current);
        if backup.exists() {
            std::fs::remove_file(&backup).map_err(|e| CoreError::Migration(e.to_string()))?;
        }
        let target = backup.to_string_lossy().into_owned();
        conn.execute("VACUUM INTO ?1", [target])?;
    }
    for (version, sql) in migrations.iter().filter(|(v, _)| *v > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .map_err(|e| CoreError::Migration(format!("migration {version}: {e}")))?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
