//! Desktop (Linux, macOS, Windows): start at login through tauri-plugin-autostart.

use tauri::{AppHandle, Runtime};
use tauri_plugin_autostart::ManagerExt;

use crate::error::ShellError;

pub fn autostart<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
    app.autolaunch().is_enabled().ok()
}

pub fn set_autostart<R: Runtime>(app: &AppHandle<R>, enabled: bool) -> Result<(), ShellError> {
    let launch = app.autolaunch();
    let done = if enabled {
        launch.enable()
    } else {
        launch.disable()
    };
    done.map_err(|e| ShellError::Autostart(e.to_string()))
}

/// Desktop dialogs return paths.
pub fn read_chosen<R: Runtime>(
    _app: &AppHandle<R>,
    chosen: &str,
    max: u64,
) -> Result<Vec<u8>, ShellError> {
    super::read_local(chosen, max)
}

pub fn write_chosen<R: Runtime>(
    _app: &AppHandle<R>,
    chosen: &str,
    bytes: &[u8],
) -> Result<(), ShellError> {
    super::write_local(chosen, bytes)
}
