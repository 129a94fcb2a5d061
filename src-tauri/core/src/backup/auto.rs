//! Automatic local backups in one folder (`<data dir>/backups`): written when the data changed
//! since the last one, rotated to the last 7 daily and the last 4 weekly, and listed for the
//! settings and recovery screens.
//!
//! A file's name says what the listing needs without reading it:
//! `baohao-<kind>-<YYYYMMDDTHHMMSSZ>-<lines>l-<events>e-<hash>.json`, where kind is `auto`
//! or `before-restore` (written before a replace) and hash is [`Data::content_hash`]. Every
//! file is written atomically (temporary file, flush, rename).
//!
//! Rotation keeps, among the automatic backups, the newest of each of the 7 latest UTC days
//! that have one and the newest of each of the 4 latest ISO weeks that have one; the
//! before-restore backups keep their newest 5. Nothing else in the folder is touched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, SubsecRound, Utc};
use serde::Serialize;
use specta::Type;

use super::{Backup, Data};
use crate::error::{CoreError, Result};
use crate::files::write_atomic;
use crate::store::Store;

/// The folder's name inside the data directory.
pub const DIR_NAME: &str = "backups";
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_BEFORE_RESTORE: usize = 5;

/// `<data dir>/backups`.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR_NAME)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Written by [`Store::auto_backup`].
    Auto,
    /// Written before a restore replaced the data.
    BeforeRestore,
}

impl BackupKind {
    fn tag(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::BeforeRestore => "before-restore",
        }
    }
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub kind: BackupKind,
    pub created_at: DateTime<Utc>,
    #[specta(type = f64)]
    pub size_bytes: u64,
    pub lines: u32,
    pub events: u32,
    pub content_hash: String,
}

const STAMP: &str = "%Y%m%dT%H%M%SZ";

fn file_name(kind: BackupKind, data: &Data, hash: &str, now: DateTime<Utc>) -> String {
    format!(
        "baohao-{}-{}-{}l-{}e-{hash}.json",
        kind.tag(),
        now.format(STAMP),
        data.lines.len(),
        data.events.len()
    )
}

/// Reads a backup's name; `None` for anything else in the folder.
fn parse_name(name: &str) -> Option<(BackupKind, DateTime<Utc>, u32, u32, String)> {
    let rest = name.strip_prefix("baohao-")?.strip_suffix(".json")?;
    let (kind, rest) = if let Some(r) = rest.strip_prefix("auto-") {
        (BackupKind::Auto, r)
    } else {
        (
            BackupKind::BeforeRestore,
            rest.strip_prefix("before-restore-")?,
        )
    };
    let mut parts = rest.split('-');
    let stamp = parts.next()?;
    let lines = parts.next()?.strip_suffix('l')?.parse().ok()?;
    let events = parts.next()?.strip_suffix('e')?.parse().ok()?;
    let hash = parts.next()?;
    if parts.next().is_some() || hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((kind, at, lines, events, hash.to_owned()))
}

/// Every backup in `dir`, newest first. A folder that does not exist has none.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(CoreError::io(
                format!("could not list {}", dir.display()),
                &e,
            ))
        }
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, created_at, lines, events, content_hash)) = parse_name(&name) else {
            continue;
        };
        let size_bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupInfo {
            path: entry.path().display().to_string(),
            file_name: name,
            kind,
            created_at,
            size_bytes,
            lines,
            events,
            content_hash,
        });
    }
    out.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.file_name.cmp(&a.file_name))
    });
    Ok(out)
}

/// The newest backup in `dir` of any kind (what "restore the latest backup" restores).
pub fn latest_backup(dir: &Path) -> Result<Option<BackupInfo>> {
    Ok(list_backups(dir)?.into_iter().next())
}

fn write_kind(dir: &Path, kind: BackupKind, data: &Data, now: DateTime<Utc>) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir)
        .map_err(|e| CoreError::io(format!("could not create {}", dir.display()), &e))?;
    let hash = data.content_hash()?;
    let name = file_name(kind, data, &hash, now);
    let path = dir.join(&name);
    let bytes = Backup::new(data.clone(), now).to_json()?;
    write_atomic(&path, &bytes)?;
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        kind,
        created_at: now.trunc_subsecs(0),
        size_bytes: bytes.len() as u64,
        lines: u32::try_from(data.lines.len()).unwrap_or(u32::MAX),
        events: u32::try_from(data.events.len()).unwrap_or(u32::MAX),
        content_hash: hash,
    })
}

/// Writes the backup taken before a restore replaces `data`, and rotates.
pub(crate) fn write_safety_backup(
    dir: &Path,
    data: &Data,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let info = write_kind(dir, BackupKind::BeforeRestore, data, now)?;
    rotate(dir)?;
    Ok(info)
}

/// Which backups rotation keeps, by path.
fn kept(all: &[BackupInfo]) -> BTreeSet<String> {
    let mut keep = BTreeSet::new();
    let auto: Vec<&BackupInfo> = all.iter().filter(|b| b.kind == BackupKind::Auto).collect();
    // `all` is newest first, so the first of each day (week) is its newest.
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for b in &auto {
        let day = b.created_at.date_naive();
        if days.len() < KEEP_DAILY && !days.contains(&day) {
            days.push(day);
            keep.insert(b.path.clone());
        }
        let week = b.created_at.iso_week();
        let week = (week.year(), week.week());
        if weeks.len() < KEEP_WEEKLY && !weeks.contains(&week) {
            weeks.push(week);
            keep.insert(b.path.clone());
        }
    }
    for b in all
        .iter()
        .filter(|b| b.kind == BackupKind::BeforeRestore)
        .take(KEEP_BEFORE_RESTORE)
    {
        keep.insert(b.path.clone());
    }
    keep
}

/// Removes the backups rotation does not keep; returns their paths.
pub fn rotate(dir: &Path) -> Result<Vec<String>> {
    let all = list_backups(dir)?;
    let keep = kept(&all);
    let mut removed = Vec::new();
    for b in all {
        if !keep.contains(&b.path) {
            std::fs::remove_file(&b.path)
                .map_err(|e| CoreError::io(format!("could not remove {}", b.path), &e))?;
            removed.push(b.path);
        }
    }
    Ok(removed)
}

/// What [`Store::auto_backup`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AutoBackupOutcome {
    /// The backup written, or `None` when nothing changed since the last one (or there is no
    /// data at all).
    pub written: Option<BackupInfo>,
    /// Backups removed by rotation.
    pub removed: Vec<String>,
}

impl Store {
    /// Writes an automatic backup into `dir` if the data changed since the newest automatic
    /// backup there (by content hash; an empty database is never backed up), then rotates.
    /// Call it at start and now and then (the shell decides when); it is cheap when nothing
    /// changed: one read of the data and a hash.
    pub fn auto_backup(&self, dir: &Path, now: DateTime<Utc>) -> Result<AutoBackupOutcome> {
        let data = self.snapshot()?;
        let last = list_backups(dir)?
            .into_iter()
            .find(|b| b.kind == BackupKind::Auto);
        let hash = data.content_hash()?;
        let written = if data.is_empty() || last.is_some_and(|b| b.content_hash == hash) {
            None
        } else {
            Some(write_kind(dir, BackupKind::Auto, &data, now)?)
        };
        let removed = rotate(dir)?;
        Ok(AutoBackupOutcome { written, removed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn names_round_trip() {
        let now = Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 5).unwrap();
        let data = Data::default();
        let name = file_name(BackupKind::BeforeRestore, &data, "0123456789abcdef", now);
        assert_eq!(
            name,
            "baohao-before-restore-20260303T100005Z-0l-0e-0123456789abcdef.json"
        );
        let (kind, at, l, e, h) = parse_name(&name).unwrap();
        assert_eq!(
            (kind, at, l, e, h.as_str()),
            (BackupKind::BeforeRestore, now, 0, 0, "0123456789abcdef")
        );
        assert!(parse_name("baohao.db").is_none());
        assert!(parse_name("baohao-auto-x-1l-1e-0123456789abcdef.json").is_none());
    }

    #[test]
    fn rotation_keeps_7_days_and_4_weeks() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        // Two backups a day for 60 days.
        let all: Vec<BackupInfo> = (0..120)
            .rev()
            .map(|i| {
                let at = start + Duration::hours(12 * i);
                BackupInfo {
                    path: format!("p{i:03}"),
                    file_name: String::new(),
                    kind: BackupKind::Auto,
                    created_at: at,
                    size_bytes: 0,
                    lines: 0,
                    events: 0,
                    content_hash: String::new(),
                }
            })
            .collect();
        let keep = kept(&all);
        let kept_days: BTreeSet<_> = all
            .iter()
            .filter(|b| keep.contains(&b.path))
            .map(|b| b.created_at.date_naive())
            .collect();
        // 7 daily plus up to 4 weekly, some of which are the same backup.
        assert!(keep.len() >= 7 && keep.len() <= 11, "{}", keep.len());
        let newest_day = all[0].created_at.date_naive();
        for d in 0..7 {
            assert!(kept_days.contains(&(newest_day - Duration::days(d))));
        }
        let weeks: BTreeSet<_> = kept_days.iter().map(|d| d.iso_week()).collect();
        assert!(weeks.len() >= 4);
    }
}
