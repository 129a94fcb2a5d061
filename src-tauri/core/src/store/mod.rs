//! The store: one SQLite connection, opened with WAL, foreign keys and a busy timeout, and
//! migrated by the numbered `.sql` files under `migrations/`.

mod actions;
mod carriers;
mod columns;
mod costs;
mod dashboard;
mod events;
mod health;
mod line_state;
mod lines;
mod migrate;
mod plans;
mod reminders;
mod schedule;
mod summaries;
mod transfer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use line_state::DERIVATION_VERSION;
pub use migrate::{latest_version, MIGRATIONS};
pub use reminders::{LAST_CHECK_KEY, LOCALE_KEY, ONBOARDED_KEY, POLICY_KEY};

use crate::error::{is_disk_full, CoreError, Result};

/// A storage error that is a full disk, as [`CoreError::DiskFull`].
pub(crate) fn disk_full(e: CoreError) -> CoreError {
    match e {
        CoreError::Storage(s) if is_disk_full(&s) => CoreError::DiskFull,
        other => other,
    }
}

/// The page cache, in KiB as `PRAGMA cache_size` takes it (negative): up to 32 MiB.
pub const CACHE_KIB: i64 = -32_000;
/// The page cache while a restore replaces everything: up to 256 MiB, enough for the tables
/// and indexes of a log of 200,000 events; given back when it ends.
pub const BULK_CACHE_KIB: i64 = -256_000;

/// Owner of the database connection. Not `Sync`: the shell keeps it behind a mutex.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// `Some(n)`: the next id is the n-th sequential one (see [`Store::with_sequential_ids`]).
    sequential_ids: Option<u64>,
    /// The user's zone the stored explanations are worded in (see [`line_state`]).
    derive_zone: std::cell::Cell<chrono_tz::Tz>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings it to the latest
    /// schema. An existing database is copied aside (`<file>.v<N>.bak`) before it is migrated.
    ///
    /// A file that cannot be used is reported by kind and left exactly as it was (see
    /// [`health`]): [`CoreError::DatabaseDamaged`] (not a database, malformed, or failing
    /// `PRAGMA quick_check`, or the full `integrity_check` when a log was left beside it),
    /// [`CoreError::DatabaseNewer`] (a newer app's schema), [`CoreError::DatabaseUnreadable`]
    /// (permissions, a directory), [`CoreError::DiskFull`].
    /// [`crate::recovery`] has what the recovery screen offers then.
    pub fn open(path: &Path) -> Result<Self> {
        let state = health::check_file(path, latest_version())?;
        let conn = Connection::open(path).map_err(health::classify)?;
        Self::configure(&conn).map_err(disk_full)?;
        if state == health::FileState::CheckAfterOpen {
            // Closing a writable connection checkpoints the log into the file: never into one
            // that turns out to be damaged.
            use rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE as NO_CKPT;
            conn.set_db_config(NO_CKPT, true)
                .map_err(health::classify)?;
            health::integrity(&conn)?;
            conn.set_db_config(NO_CKPT, false)
                .map_err(health::classify)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(health::classify)?;
        let mut store = Self {
            conn,
            path: Some(path.to_path_buf()),
            sequential_ids: None,
            derive_zone: std::cell::Cell::new(chrono_tz::Tz::UTC),
        };
        migrate::migrate(&mut store.conn, Some(path)).map_err(disk_full)?;
        store.fill_display_numbers().map_err(disk_full)?;
        store.refresh_derived_state().map_err(disk_full)?;
        Ok(store)
    }

    /// A private in-memory database with the real migrations applied (for tests).
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        Self::configure(&conn)?;
        let mut store = Self {
            conn,
            path: None,
            sequential_ids: None,
            derive_zone: std::cell::Cell::new(chrono_tz::Tz::UTC),
        };
        migrate::migrate(&mut store.conn, None)?;
        Ok(store)
    }

    fn configure(conn: &Connection) -> Result<()> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A page cache of up to 32 MiB (SQLite's default is 2 MiB): a restore or an import of
        // thousands of lines writes the event table and its indexes (random UUID keys) all
        // over; with the default cache the transaction kept spilling pages to the log and
        // reading them back. Pages are only allocated as they are used.
        conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        Ok(())
    }

    /// Derives the stored state of every line that has none of this build's derivation (after
    /// migrating to 8, or a database last written by a build whose rules engine differs), in
    /// one transaction. Run at open; a no-op when every line is current.
    fn refresh_derived_state(&mut self) -> Result<usize> {
        if let Some(zone) = line_state::stored_zone(&self.conn)? {
            self.derive_zone.set(zone);
        }
        // Only a `balance` rule's forecast depends on the instant; a row derived for another
        // day than the one read is derived again then (see `Derived::holds_at`).
        let now = chrono::Utc::now();
        line_state::refresh_stale(&mut self.conn, now, self.derive_zone.get())
    }

    /// Runs `PRAGMA integrity_check`: `Ok` when it says `ok`, else
    /// [`CoreError::DatabaseDamaged`] with its first findings.
    pub fn check_integrity(&self) -> Result<()> {
        health::integrity(&self.conn)
    }

    /// Gives new lines, events, carriers, plans and promotions predictable ids
    /// (`00000000-0000-4000-8000-000000000001`, `…002`, …) instead of random UUIDs, so that
    /// generated fixtures and examples are the same on every run. The app never calls this.
    pub fn with_sequential_ids(mut self) -> Self {
        self.sequential_ids = Some(1);
        self
    }

    /// A new id: a random UUID v4, or the next sequential one.
    fn new_id(&mut self) -> String {
        match self.sequential_ids.as_mut() {
            Some(n) => {
                let id = format!("00000000-0000-4000-8000-{:012}", *n);
                *n += 1;
                id
            }
            None => uuid::Uuid::new_v4().to_string(),
        }
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_costs;
#[cfg(test)]
mod tests_dashboard;
#[cfg(test)]
mod tests_hardening;
#[cfg(test)]
mod tests_open;
#[cfg(test)]
mod tests_reminders;
#[cfg(test)]
mod tests_renewals;
#[cfg(test)]
mod tests_transfer;

#[cfg(test)]
impl Store {
    /// The schema version of a file, read without migrating it.
    pub(crate) fn open_read_only_for_tests(path: &Path) -> u32 {
        let conn =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    }
}
