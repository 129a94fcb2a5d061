pub type Result<T> = std::result::Result<T, Error>;

/// Errors of the share plugin.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The platform has no share sheet Baohao uses (desktop): files are saved with a dialog.
    #[error("sharing is not available on this platform")]
    Unsupported,
    /// The app asked to share something the native sides would not treat alike.
    #[error("cannot share: {0}")]
    InvalidShare(&'static str),
    /// The native side (Kotlin on Android, Swift on iOS) failed or rejected the call.
    #[cfg(mobile)]
    #[error(transparent)]
    PluginInvoke(#[from] tauri::plugin::mobile::PluginInvokeError),
}
