//! Checks an existing database file before the store opens it for writing, so a file that
//! cannot be used is reported by kind (damaged, newer, unreadable, disk full) and left exactly
//! as it was: nothing here writes to it, and SQLite only sees it read-only.
//!
//! Order: the file system first (a directory, no permission to read or write it), then the
//! 100-byte SQLite header read by hand (not a database at all; the schema version at offset
//! 60 for a newer app's file), then a read-only connection that checks the b-trees: `PRAGMA
//! quick_check` after a clean shutdown (every page of every table and index read and its
//! structure checked, in one pass), the full `PRAGMA integrity_check` (which also looks up every
//! row in every index, several times slower on a large file) when a write-ahead log was left
//! beside the file, as after a crash or a power cut, the case where damage is likeliest.
//! A read-only connection never checkpoints a write-ahead log into the file or rolls back a
//! journal, which an ordinary (read-write) connection does on open or close.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{is_disk_full, CoreError, Result};

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What [`check_file`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileState {
    /// No file yet (or an empty one): a new database.
    New,
    /// A database that passed the checks, at this schema version.
    Healthy,
    /// A database whose read-only check could not run (its log needs recovery by a writer):
    /// check it again once opened for writing, before anything is written.
    CheckAfterOpen,
}

fn unreadable(e: &std::io::Error) -> CoreError {
    CoreError::DatabaseUnreadable {
        detail: e.to_string(),
    }
}

/// Maps an SQLite error met while opening or checking to the kind of problem.
pub(crate) fn classify(e: rusqlite::Error) -> CoreError {
    use rusqlite::ErrorCode as C;
    if is_disk_full(&e) {
        return CoreError::DiskFull;
    }
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) => match f.code {
            C::DatabaseCorrupt | C::NotADatabase => CoreError::DatabaseDamaged {
                detail: msg.clone().unwrap_or_else(|| e.to_string()),
            },
            C::CannotOpen
            | C::PermissionDenied
            | C::ReadOnly
            | C::AuthorizationForStatementDenied => CoreError::DatabaseUnreadable {
                detail: msg.clone().unwrap_or_else(|| e.to_string()),
            },
            _ => CoreError::Storage(e),
        },
        _ => CoreError::Storage(e),
    }
}

/// Checks the file at `path` without changing it. `latest` is the newest schema this app
/// knows.
pub(crate) fn check_file(path: &Path, latest: u32) -> Result<FileState> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(FileState::New),
        Err(e) => return Err(unreadable(&e)),
    };
    if meta.is_dir() {
        return Err(CoreError::DatabaseUnreadable {
            detail: format!("{} is a directory", path.display()),
        });
    }
    let mut file = File::open(path).map_err(|e| unreadable(&e))?;
    // Opening for writing (no create, no truncate) changes nothing, and tells a read-only
    // file apart now rather than at the first save.
    OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| unreadable(&e))?;
    let mut header = Vec::with_capacity(100);
    (&mut file)
        .take(100)
        .read_to_end(&mut header)
        .map_err(|e| unreadable(&e))?;
    if header.is_empty() {
        return Ok(FileState::New);
    }
    if header.len() < 100 || &header[..16] != MAGIC {
        return Err(CoreError::DatabaseDamaged {
            detail: "not an SQLite database".into(),
        });
    }
    let version = u32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    if version > latest {
        return Err(CoreError::DatabaseNewer {
            found: version,
            supported: latest,
        });
    }
    drop(file);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    // With no write-ahead log beside it, the file is the whole database: open it as immutable,
    // so SQLite creates no -wal or -shm file next to it either. A log left by a crash is part
    // of the database, so then the check reads through it (SQLite may add the -shm index).
    let log = sibling(path, "-wal");
    let has_log = std::fs::metadata(&log).is_ok_and(|m| m.len() > 0);
    let uri = file_uri(path, !has_log);
    let conn = match Connection::open_with_flags(uri, flags) {
        Ok(c) => c,
        Err(e) => return read_only_failure(e),
    };
    let depth = if has_log { Depth::Full } else { Depth::Quick };
    after_read_only(check(&conn, depth).map(|()| FileState::Healthy))
}

/// A read-only open or check that failed: damage is damage; anything else (a log that needs a
/// writer to recover, a lock) is checked again after the writable open. The file-system checks
/// before have already ruled out missing permissions.
fn read_only_failure(e: rusqlite::Error) -> Result<FileState> {
    after_read_only(Err(classify(e)))
}

fn after_read_only(r: Result<FileState>) -> Result<FileState> {
    match r {
        Err(err @ (CoreError::DatabaseDamaged { .. } | CoreError::DiskFull)) => Err(err),
        Err(_) => Ok(FileState::CheckAfterOpen),
        ok => ok,
    }
}

/// How thoroughly [`check`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// `PRAGMA quick_check`: every page read, the b-trees' structure and the rows' types and
    /// constraints checked, but not that each index holds exactly its table's rows.
    Quick,
    /// `PRAGMA integrity_check`: all of the above and every index against its table.
    Full,
}

/// `PRAGMA integrity_check`, on an open connection.
pub(crate) fn integrity(conn: &Connection) -> Result<()> {
    check(conn, Depth::Full)
}

/// `PRAGMA quick_check` or `integrity_check`: `Ok` when it says `ok`, else
/// [`CoreError::DatabaseDamaged`] with its first findings.
pub(crate) fn check(conn: &Connection, depth: Depth) -> Result<()> {
    let sql = match depth {
        Depth::Quick => "PRAGMA quick_check",
        Depth::Full => "PRAGMA integrity_check",
    };
    let mut stmt = conn.prepare(sql).map_err(classify)?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(classify)?;
    if rows.len() == 1 && rows[0] == "ok" {
        return Ok(());
    }
    Err(CoreError::DatabaseDamaged {
        detail: rows.into_iter().take(5).collect::<Vec<_>>().join("; "),
    })
}

/// `<path><suffix>`: the `-wal`, `-shm` or `-journal` file SQLite keeps beside a database.
pub(crate) fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// A read-only `file:` URI for `path` (`%`, `?` and `#` escaped), `immutable` when asked.
fn file_uri(path: &Path, immutable: bool) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if !text.starts_with('/') {
        out.push_str("///"); // C:/… on Windows
    }
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push_str("?mode=ro");
    if immutable {
        out.push_str("&immutable=1");
    }
    out
}
