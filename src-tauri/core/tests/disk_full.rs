//! A full disk while writing: a clear error, and the database intact with the data it had.
//! Runs in a small tmpfs, which needs root (CI has it); elsewhere it says why it skipped.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono_tz::Tz;

use baohao_core::csv_io::read_csv;
use baohao_core::{ErrorCode, Store};
use common::{fill, now};

/// A tmpfs mounted on a temporary folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("could not run mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
        }
        Ok(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Fills the file system at `dir` until writing fails; returns the filler file.
fn fill_disk(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    let _ = f.sync_all();
    path
}

fn dump(s: &Store) -> String {
    s.snapshot().unwrap().canonical_json().unwrap()
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_database_stays_intact() {
    let fs = match Tmpfs::mount("2m") {
        Ok(fs) => fs,
        Err(why) => {
            eprintln!("SKIPPED the disk-full test: cannot mount a tmpfs here ({why})");
            return;
        }
    };
    let db = fs.path().join("baohao.db");
    let mut s = Store::open(&db).unwrap();
    fill(&mut s);
    let before = dump(&s);
    let filler = fill_disk(fs.path());

    // An import of many rows: refused with disk_full, nothing of it written.
    let mut csv = String::from("number,label,country,notes\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "+44 7911 {:06},line {i},GB,{}\n",
            100_000 + i,
            "n".repeat(200)
        ));
    }
    let table = read_csv(csv.as_bytes()).unwrap();
    let e = s
        .csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DiskFull, "{e}");
    assert_eq!(dump(&s), before);

    // A restore: the same.
    let mut other = Store::open_in_memory().unwrap();
    other
        .csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    let backup = other.backup(now()).unwrap();
    let e = s
        .restore(
            &backup,
            baohao_core::backup::RestoreMode::Merge,
            None,
            now(),
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DiskFull, "{e}");
    assert_eq!(dump(&s), before);

    // Writing a backup file: disk_full, and no half-written file left behind.
    let e = s
        .write_backup(&fs.path().join("b.json"), now())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DiskFull, "{e}");
    let names: Vec<String> = std::fs::read_dir(fs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("b.json")), "{names:?}");
    drop(s);

    // A new database cannot be made either, with the same clear error.
    let e = Store::open(&fs.path().join("new.db")).unwrap_err();
    assert!(e.code() == ErrorCode::DiskFull, "{e}");

    // Space again: the database opens, passes its check and holds what it had.
    std::fs::remove_file(filler).unwrap();
    let s = Store::open(&db).unwrap();
    s.check_integrity().unwrap();
    assert_eq!(dump(&s), before);
}
