//! Android and iOS: apps do not start at login there.

use tauri::{AppHandle, Runtime};

use crate::error::ShellError;

pub fn autostart<R: Runtime>(_app: &AppHandle<R>) -> Option<bool> {
    None
}

pub fn set_autostart<R: Runtime>(_app: &AppHandle<R>, _enabled: bool) -> Result<(), ShellError> {
    Err(ShellError::Autostart(
        "not available on this platform".into(),
    ))
}
