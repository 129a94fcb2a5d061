pub type Result<T> = std::result::Result<T, Error>;

/// Errors of the alarms plugin.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The platform has no native alarms (desktop): reminders are delivered by the app itself.
    #[error("native alarms are not available on this platform")]
    Unsupported,
    /// The app handed over an alarm that the native sides would not treat alike.
    #[error("alarm {id}: {reason}")]
    InvalidAlarm { id: i32, reason: &'static str },
    /// The native side (Kotlin on Android, Swift on iOS) failed or rejected the call.
    #[cfg(mobile)]
    #[error(transparent)]
    PluginInvoke(#[from] tauri::plugin::mobile::PluginInvokeError),
}
