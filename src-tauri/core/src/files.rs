//! Reading and writing the files Baohao exchanges with the user (backups, CSV, calendars):
//! size-capped reads, and atomic writes that leave either the old file or the whole new one.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// The largest file Baohao reads other than a backup (a CSV): 50 MB, checked before parsing.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The largest backup Baohao reads: 256 MiB, checked before parsing. A backup holds at most
/// [`crate::backup::RECORDS_MAX`] (200,000) events; as format 3 writes them, the
/// 10,000-line data set of `docs/performance.md` (200,000 events over five years) takes 67 MB,
/// about 340 bytes an event, so the cap leaves each of 200,000 events some 1,300 bytes (a long
/// note on most of them). The cap only keeps an unrelated huge file from being read into memory: a
/// file under it that is not a backup is refused by the format check (`bad_file`).
pub const MAX_BACKUP_BYTES: u64 = 256 * 1024 * 1024;

/// Reads at most `max` bytes of `path`; a larger file is [`CoreError::FileTooLarge`] before
/// anything is parsed.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>> {
    let what = format!("could not read {}", path.display());
    let file = File::open(path).map_err(|e| CoreError::io(what.clone(), &e))?;
    read_open_capped(file, max, &what)
}

/// [`read_capped`] from a file already open (a document a phone's file picker handed over);
/// `what` names it in errors.
pub fn read_open_capped(file: File, max: u64, what: &str) -> Result<Vec<u8>> {
    let len = file.metadata().map_err(|e| CoreError::io(what, &e))?.len();
    if len > max {
        return Err(CoreError::FileTooLarge { max_bytes: max });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| CoreError::io(what, &e))?;
    if bytes.len() as u64 > max {
        return Err(CoreError::FileTooLarge { max_bytes: max });
    }
    Ok(bytes)
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over `path` (and the folder flushed on Unix). A crash or a full disk leaves
/// the old file (or none), never half of the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let what = || format!("could not write {}", path.display());
    let result = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        // Only the temporary file is ours to remove; the target is untouched.
        let _ = std::fs::remove_file(&tmp);
        return Err(CoreError::io(what(), &e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        // A folder that does not exist: an error, nothing written.
        let e = write_atomic(&dir.path().join("no/such/dir/x"), b"x").unwrap_err();
        assert_eq!(e.code(), ErrorCode::FileIo);
    }

    #[test]
    fn reads_are_capped_before_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        std::fs::write(&p, vec![b'x'; 1001]).unwrap();
        assert_eq!(
            read_capped(&p, 1000).unwrap_err().code(),
            ErrorCode::FileTooLarge
        );
        assert_eq!(read_capped(&p, 1001).unwrap().len(), 1001);
        let e = read_capped(&dir.path().join("missing"), 10).unwrap_err();
        assert_eq!(e.code(), ErrorCode::FileIo);
    }
}
