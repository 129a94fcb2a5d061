//! Platform facts and services: locale, zone, URIs, notification permission, autostart.
//! What differs per platform lives in `desktop.rs` and `mobile.rs`, which expose the same
//! functions.

use std::path::PathBuf;

use baohao_core::export::ExportFile;
use baohao_core::files::{read_capped, write_atomic};
use baohao_core::reminders::Notice;

use crate::error::ShellError;

#[cfg(desktop)]
#[path = "desktop.rs"]
mod os;
#[cfg(mobile)]
#[path = "mobile.rs"]
mod os;

/// The OS locale as a BCP 47 tag (`zh-CN`, `en-GB`), if the platform reports one.
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

/// The locale whose number format typed amounts are read in and shown with (BCP 47, e.g.
/// `de-DE`: "15,50" is fifteen and a half). On Linux and other Unix systems that is the
/// POSIX money format (`LC_ALL`, then `LC_MONETARY`, `LC_NUMERIC`, `LANG`, the first one set,
/// as the C library picks it); elsewhere the OS locale, whose region carries its number format.
pub fn number_locale() -> Option<String> {
    #[cfg(all(
        unix,
        not(any(target_os = "android", target_os = "ios", target_os = "macos"))
    ))]
    {
        if let Some(tag) = ["LC_ALL", "LC_MONETARY", "LC_NUMERIC", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map(|v| posix_to_bcp47(&v))
        {
            return tag;
        }
    }
    system_locale()
}

/// `de_DE.UTF-8@euro` → `de-DE`; `C` and `POSIX` name no locale.
pub fn posix_to_bcp47(value: &str) -> Option<String> {
    let base = value.split(['.', '@']).next().unwrap_or_default();
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    Some(base.replace('_', "-"))
}

/// The OS time zone (IANA), or UTC when the platform does not say.
pub fn system_zone() -> chrono_tz::Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// Whether the OS lets Baohao show notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet (or asked and dismissed): asking may show the OS prompt.
    Prompt,
}

/// What the platform does for the app beyond the store: open URIs, notification permission
/// and immediate notifications, start at login. The real implementation wraps the Tauri app;
/// tests use [`RecordingServices`].
pub trait Services: Send + Sync {
    fn open_uri(&self, uri: &str) -> Result<(), ShellError>;
    fn permission(&self) -> Permission;
    fn request_permission(&self) -> Permission;
    fn notify_now(&self, notice: &Notice) -> Result<(), ShellError>;
    /// `None` where starting at login does not exist (Android, iOS).
    fn autostart(&self) -> Option<bool>;
    fn set_autostart(&self, enabled: bool) -> Result<(), ShellError>;

    /// Reads a file the user chose in a system dialog, at most `max` bytes (a larger one is
    /// `file_too_large` before it is read). Desktop dialogs give paths; phones give URIs
    /// (see [`AppServices`]).
    fn read_chosen(&self, chosen: &str, max: u64) -> Result<Vec<u8>, ShellError> {
        read_local(chosen, max)
    }

    /// Writes a file the user chose in a save dialog.
    fn write_chosen(&self, chosen: &str, bytes: &[u8]) -> Result<(), ShellError> {
        write_local(chosen, bytes)
    }

    /// Whether the OS has a share sheet Baohao hands files to (the phones).
    fn can_share(&self) -> bool {
        false
    }

    /// Hands `file` to the OS share sheet, titled `title`; returns once the sheet is shown.
    fn share(&self, file: &ExportFile, title: &str) -> Result<(), ShellError> {
        let _ = (file, title);
        Err(ShellError::Share("no share sheet on this platform".into()))
    }
}

/// What a file dialog returned, as a URL when it is one (`file://`, Android's `content://`).
/// A Windows path such as `C:\x` is not taken for a URL with scheme `c`.
pub fn document_url(chosen: &str) -> Option<tauri::Url> {
    if !chosen.contains("://") {
        return None;
    }
    tauri::Url::parse(chosen)
        .ok()
        .filter(|u| u.scheme().len() > 1)
}

/// The local path of what a file dialog returned: an absolute path or a `file://` URL.
/// Anything else (a relative path, a `content://` URI on a computer) is `bad_path`.
pub fn local_path(chosen: &str) -> Result<PathBuf, ShellError> {
    let bad = || ShellError::BadPath(chosen.chars().take(200).collect());
    let path = match document_url(chosen) {
        Some(url) if url.scheme() == "file" => url.to_file_path().map_err(|_| bad())?,
        Some(_) => return Err(bad()),
        None => PathBuf::from(chosen),
    };
    if path.is_absolute() && path.file_name().is_some() {
        Ok(path)
    } else {
        Err(bad())
    }
}

/// [`Services::read_chosen`] for a local path.
pub fn read_local(chosen: &str, max: u64) -> Result<Vec<u8>, ShellError> {
    Ok(read_capped(&local_path(chosen)?, max)?)
}

/// [`Services::write_chosen`] for a local path: atomic (the old file or the whole new one).
pub fn write_local(chosen: &str, bytes: &[u8]) -> Result<(), ShellError> {
    Ok(write_atomic(&local_path(chosen)?, bytes)?)
}

/// How long a permission request may wait for the OS (the user reads the prompt meanwhile).
pub const PERMISSION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(90);

/// Runs `ask` on its own thread and waits for its answer at most `timeout`: a request that
/// never answers leaves a parked thread behind, never a blocked command.
pub fn ask_with_timeout<T: Send + 'static>(
    timeout: std::time::Duration,
    ask: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("baohao-permission".into())
        .spawn(move || {
            let _ = tx.send(ask());
        });
    if spawned.is_err() {
        return None;
    }
    rx.recv_timeout(timeout).ok()
}

fn permission_of(p: tauri::plugin::PermissionState) -> Permission {
    match p {
        tauri::plugin::PermissionState::Granted => Permission::Granted,
        tauri::plugin::PermissionState::Denied => Permission::Denied,
        _ => Permission::Prompt,
    }
}

/// The real services of a running app.
pub struct AppServices<R: tauri::Runtime>(pub tauri::AppHandle<R>);

impl<R: tauri::Runtime> Services for AppServices<R> {
    fn open_uri(&self, uri: &str) -> Result<(), ShellError> {
        use tauri_plugin_opener::OpenerExt;
        self.0
            .opener()
            .open_url(uri, None::<&str>)
            .map_err(|e| ShellError::Open(e.to_string()))
    }

    fn permission(&self) -> Permission {
        use tauri_plugin_notification::NotificationExt;
        self.0
            .notification()
            .permission_state()
            .map(permission_of)
            .unwrap_or(Permission::Prompt)
    }

    /// Skipped when already granted (on Android 13+ the plugin's request then never answers),
    /// and given up after [`PERMISSION_TIMEOUT`] (the state is read again then).
    fn request_permission(&self) -> Permission {
        let before = self.permission();
        if before == Permission::Granted {
            return before;
        }
        let app = self.0.clone();
        let asked = ask_with_timeout(PERMISSION_TIMEOUT, move || {
            use tauri_plugin_notification::NotificationExt;
            app.notification().request_permission().map(permission_of)
        });
        match asked {
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                log::warn!("notification permission request failed: {e}");
                self.permission()
            }
            None => {
                log::warn!("notification permission request did not answer in time");
                self.permission()
            }
        }
    }

    fn notify_now(&self, notice: &Notice) -> Result<(), ShellError> {
        use crate::reminders::NotificationSink;
        crate::reminders::sink::PluginSink(self.0.clone())
            .show(notice)
            .map_err(ShellError::Notify)
    }

    fn autostart(&self) -> Option<bool> {
        os::autostart(&self.0)
    }

    fn set_autostart(&self, enabled: bool) -> Result<(), ShellError> {
        os::set_autostart(&self.0, enabled)
    }

    fn read_chosen(&self, chosen: &str, max: u64) -> Result<Vec<u8>, ShellError> {
        os::read_chosen(&self.0, chosen, max)
    }

    fn write_chosen(&self, chosen: &str, bytes: &[u8]) -> Result<(), ShellError> {
        os::write_chosen(&self.0, chosen, bytes)
    }

    #[cfg(mobile)]
    fn can_share(&self) -> bool {
        true
    }

    #[cfg(mobile)]
    fn share(&self, file: &ExportFile, title: &str) -> Result<(), ShellError> {
        os::share(&self.0, file, title)
    }
}

/// Services that record instead of acting: what was opened and shown (and, when a log file is
/// given, append opened URIs to it so an end-to-end test can read them). Used by the IPC
/// tests, and by `test-clock` builds when `BAOHAO_OPEN_LOG` is set.
#[derive(Default)]
pub struct RecordingServices {
    pub log: Option<std::path::PathBuf>,
    pub opened: std::sync::Mutex<Vec<String>>,
    pub shown: std::sync::Mutex<Vec<Notice>>,
    pub autostart: std::sync::Mutex<bool>,
}

impl Services for RecordingServices {
    fn open_uri(&self, uri: &str) -> Result<(), ShellError> {
        if let Some(log) = &self.log {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .and_then(|mut f| writeln!(f, "{uri}"))
                .map_err(|e| ShellError::Open(e.to_string()))?;
        }
        self.opened
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(uri.to_owned());
        Ok(())
    }

    fn permission(&self) -> Permission {
        Permission::Granted
    }

    fn request_permission(&self) -> Permission {
        Permission::Granted
    }

    fn notify_now(&self, notice: &Notice) -> Result<(), ShellError> {
        self.shown
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(notice.clone());
        Ok(())
    }

    fn autostart(&self) -> Option<bool> {
        Some(*self.autostart.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn set_autostart(&self, enabled: bool) -> Result<(), ShellError> {
        *self.autostart.lock().unwrap_or_else(|p| p.into_inner()) = enabled;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{ask_with_timeout, local_path};

    #[test]
    fn dialog_paths_and_file_urls_are_local_paths_and_other_uris_are_not() {
        #[cfg(unix)]
        {
            assert_eq!(
                local_path("/home/a/baohao backup.json").unwrap(),
                std::path::PathBuf::from("/home/a/baohao backup.json")
            );
            assert_eq!(
                local_path("file:///home/a/baohao%20backup.json").unwrap(),
                std::path::PathBuf::from("/home/a/baohao backup.json")
            );
        }
        for bad in [
            "",
            "backup.json",
            "../backup.json",
            "content://com.android.providers.downloads.documents/document/31",
            "https://example.com/backup.json",
        ] {
            assert!(local_path(bad).is_err(), "{bad}");
        }
    }
    use std::time::Duration;

    #[test]
    fn a_request_that_never_answers_does_not_block() {
        let (_keep, never) = std::sync::mpsc::channel::<()>();
        let started = std::time::Instant::now();
        let answer = ask_with_timeout(Duration::from_millis(50), move || never.recv());
        assert!(answer.is_none());
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(ask_with_timeout(Duration::from_secs(5), || 7), Some(7));
    }

    use super::posix_to_bcp47;

    #[test]
    fn posix_locales_become_bcp47_tags() {
        assert_eq!(posix_to_bcp47("de_DE.UTF-8").as_deref(), Some("de-DE"));
        assert_eq!(posix_to_bcp47("fr_FR@euro").as_deref(), Some("fr-FR"));
        assert_eq!(posix_to_bcp47("de_CH.UTF-8@euro").as_deref(), Some("de-CH"));
        assert_eq!(posix_to_bcp47("en-GB").as_deref(), Some("en-GB"));
        assert_eq!(posix_to_bcp47("C.UTF-8"), None);
        assert_eq!(posix_to_bcp47("POSIX"), None);
        assert_eq!(posix_to_bcp47(""), None);
    }
}
