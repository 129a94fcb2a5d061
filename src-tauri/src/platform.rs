//! Platform facts and services: locale, zone, URIs, notification permission, autostart.

use baohao_core::reminders::Notice;

use crate::error::ShellError;

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

    fn request_permission(&self) -> Permission {
        use tauri_plugin_notification::NotificationExt;
        self.0
            .notification()
            .request_permission()
            .map(permission_of)
            .unwrap_or(Permission::Denied)
    }

    fn notify_now(&self, notice: &Notice) -> Result<(), ShellError> {
        use crate::reminders::NotificationSink;
        crate::reminders::sink::PluginSink(self.0.clone())
            .show(notice)
            .map_err(ShellError::Notify)
    }

    #[cfg(desktop)]
    fn autostart(&self) -> Option<bool> {
        use tauri_plugin_autostart::ManagerExt;
        self.0.autolaunch().is_enabled().ok()
    }

    #[cfg(mobile)]
    fn autostart(&self) -> Option<bool> {
        None
    }

    #[cfg(desktop)]
    fn set_autostart(&self, enabled: bool) -> Result<(), ShellError> {
        use tauri_plugin_autostart::ManagerExt;
        let launch = self.0.autolaunch();
        let done = if enabled {
            launch.enable()
        } else {
            launch.disable()
        };
        done.map_err(|e| ShellError::Autostart(e.to_string()))
    }

    #[cfg(mobile)]
    fn set_autostart(&self, _enabled: bool) -> Result<(), ShellError> {
        Err(ShellError::Autostart(
            "not available on this platform".into(),
        ))
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
