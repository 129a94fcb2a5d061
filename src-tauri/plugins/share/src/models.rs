//! What the app hands the native share sheet, checked in Rust so both native sides get the
//! same, already valid, request.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{Error, Result};

/// The longest title the share sheet gets (Android shows it as the chooser's title).
pub const MAX_TITLE_CHARS: usize = 100;

/// The media types Baohao shares; the Android FileProvider and the iOS activity items are set
/// up for files of these types only.
pub const MEDIA_TYPES: &[&str] = &["application/json", "text/csv", "text/calendar"];

/// A file to share: it must sit in the plugin's share folder (see [`share_dir`]), which is the
/// one folder the Android FileProvider exposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareFile {
    pub path: PathBuf,
    pub media_type: String,
    pub title: String,
}

/// The folder shared files are written to: `share/` under the app's cache folder (Android's
/// `cache-path` in the FileProvider's paths, iOS's Caches).
pub fn share_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("share")
}

/// Checks `file` against what the native sides accept: a plain file name directly inside
/// `dir`, a known media type, a title of 1 to [`MAX_TITLE_CHARS`] characters.
pub fn check(file: &ShareFile, dir: &Path) -> Result<()> {
    let name_ok = file.path.parent() == Some(dir)
        && file
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.') && !n.contains(['/', '\\']));
    if !name_ok {
        return Err(Error::InvalidShare("the file is not in the share folder"));
    }
    if !MEDIA_TYPES.contains(&file.media_type.as_str()) {
        return Err(Error::InvalidShare("unknown media type"));
    }
    let title_chars = file.title.chars().count();
    if file.title.trim().is_empty() || title_chars > MAX_TITLE_CHARS {
        return Err(Error::InvalidShare("the title is empty or too long"));
    }
    Ok(())
}
