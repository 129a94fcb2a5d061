//! What the recovery screen offers when [`Store::open`] refuses the database (damaged, newer,
//! unreadable, disk full): move the bad file aside, untouched, and start again, either empty
//! or from a backup. Nothing here deletes or changes the bad file: it is renamed to
//! `<file>.damaged-<YYYYMMDDTHHMMSSZ>` (with its `-wal`/`-shm`/`-journal` companions renamed
//! alike), byte for byte what it was.
//!
//! Typical flow for the shell: `Store::open` fails → show the error's code → the user picks
//! one of [`start_empty`], [`restore_latest`] (the newest automatic backup, see
//! [`crate::backup::auto::latest_backup`]) or [`restore_from`] (a file the user chose).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::backup::{read_backup_file, Backup, RestoreMode, RestoreReport};
use crate::error::{CoreError, Result};
use crate::store::Store;

const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Renames the database at `db` (and its companions) to `<db>.damaged-<time>`; returns the
/// new path. The bytes are not touched. A database that does not exist is an error.
pub fn set_aside(db: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut aside = with_suffix(db, &format!(".damaged-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(db, &format!(".damaged-{stamp}-{n}"));
    }
    std::fs::rename(db, &aside)
        .map_err(|e| CoreError::io(format!("could not move {} aside", db.display()), &e))?;
    for suffix in COMPANIONS {
        let from = with_suffix(db, suffix);
        if from.exists() {
            std::fs::rename(&from, with_suffix(&aside, suffix)).map_err(|e| {
                CoreError::io(format!("could not move {} aside", from.display()), &e)
            })?;
        }
    }
    Ok(aside)
}

/// Puts a file moved aside back where it was (undoing [`set_aside`] after a failed restore).
fn put_back(aside: &Path, db: &Path) {
    for suffix in COMPANIONS {
        let from = with_suffix(aside, suffix);
        if from.exists() {
            let _ = std::fs::rename(&from, with_suffix(db, suffix));
        }
    }
    let _ = std::fs::rename(aside, db);
}

/// Removes a database this module just created (never a user's file).
fn remove_new(db: &Path) {
    for suffix in COMPANIONS {
        let _ = std::fs::remove_file(with_suffix(db, suffix));
    }
    let _ = std::fs::remove_file(db);
}

/// Moves the bad database aside (if there is one) and opens a new, empty one in its place.
/// Returns the store and where the bad file went.
pub fn start_empty(db: &Path, now: DateTime<Utc>) -> Result<(Store, Option<PathBuf>)> {
    let aside = if db.exists() {
        Some(set_aside(db, now)?)
    } else {
        None
    };
    match Store::open(db) {
        Ok(store) => Ok((store, aside)),
        Err(e) => {
            remove_new(db);
            if let Some(a) = &aside {
                put_back(a, db);
            }
            Err(e)
        }
    }
}

/// Moves the bad database aside and makes a new one from the backup file at `backup`. The
/// backup is read and checked first; if anything fails, the bad file is put back where it
/// was and no new database is left behind.
pub fn restore_from(
    db: &Path,
    backup: &Path,
    now: DateTime<Utc>,
) -> Result<(Store, Option<PathBuf>, RestoreReport)> {
    restore_backup(db, &read_backup_file(backup, now)?, now)
}

/// [`restore_from`] with a backup already read and checked (from bytes a phone's file
/// picker handed over, say).
pub fn restore_backup(
    db: &Path,
    backup: &Backup,
    now: DateTime<Utc>,
) -> Result<(Store, Option<PathBuf>, RestoreReport)> {
    let (mut store, aside) = start_empty(db, now)?;
    match store.restore(backup, RestoreMode::Replace, None, now) {
        Ok(report) => Ok((store, aside, report)),
        Err(e) => {
            drop(store);
            remove_new(db);
            if let Some(a) = &aside {
                put_back(a, db);
            }
            Err(e)
        }
    }
}

/// [`restore_from`] the newest backup in `backups_dir`; `Ok(None)` when there is none.
pub fn restore_latest(
    db: &Path,
    backups_dir: &Path,
    now: DateTime<Utc>,
) -> Result<Option<(Store, Option<PathBuf>, RestoreReport)>> {
    match crate::backup::auto::latest_backup(backups_dir)? {
        Some(info) => restore_from(db, Path::new(&info.path), now).map(Some),
        None => Ok(None),
    }
}
