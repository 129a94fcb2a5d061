//! The store: one SQLite connection, opened with WAL, foreign keys and a busy timeout, and
//! migrated by the numbered `.sql` files under `migrations/`.

mod carriers;
mod columns;
mod events;
mod lines;
mod migrate;
mod reminders;
mod summaries;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use migrate::{latest_version, MIGRATIONS};

use crate::error::Result;

/// Owner of the database connection. Not `Sync`: the shell keeps it behind a mutex.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// `Some(n)`: the next id is the n-th sequential one (see [`Store::with_sequential_ids`]).
    sequential_ids: Option<u64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings it to the latest
    /// schema. An existing database is copied aside (`<file>.v<N>.bak`) before it is migrated.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        Self::configure(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let mut store = Self {
            conn,
            path: Some(path.to_path_buf()),
            sequential_ids: None,
        };
        migrate::migrate(&mut store.conn, Some(path))?;
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
        };
        migrate::migrate(&mut store.conn, None)?;
        Ok(store)
    }

    fn configure(conn: &Connection) -> Result<()> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Gives new lines, events and carriers predictable ids
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
mod tests_reminders;
#[cfg(test)]
mod tests_renewals;

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
