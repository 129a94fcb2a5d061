//! Small platform facts the UI asks for.

/// The OS locale as a BCP 47 tag (`zh-CN`, `en-GB`), if the platform reports one.
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

/// The OS time zone (IANA), or UTC when the platform does not say.
pub fn system_zone() -> chrono_tz::Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// Opens URIs with the system's handler (browser, dialer, SMS app).
pub trait UriOpener: Send + Sync {
    fn open(&self, uri: &str) -> Result<(), crate::error::ShellError>;
}

/// The real one, through tauri-plugin-opener.
pub struct SystemOpener<R: tauri::Runtime>(pub tauri::AppHandle<R>);

impl<R: tauri::Runtime> UriOpener for SystemOpener<R> {
    fn open(&self, uri: &str) -> Result<(), crate::error::ShellError> {
        use tauri_plugin_opener::OpenerExt;
        self.0
            .opener()
            .open_url(uri, None::<&str>)
            .map_err(|e| crate::error::ShellError::Open(e.to_string()))
    }
}

/// Appends each URI to a file instead of opening it: used when `BAOHAO_OPEN_LOG` is set in a
/// `test-clock` build, and by the IPC tests.
pub struct LogOpener(pub std::path::PathBuf);

impl UriOpener for LogOpener {
    fn open(&self, uri: &str) -> Result<(), crate::error::ShellError> {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.0)
            .and_then(|mut f| writeln!(f, "{uri}"))
            .map_err(|e| crate::error::ShellError::Open(e.to_string()))
    }
}
