//! Baohao's share sheet: hands a file Baohao wrote (a backup, a CSV, a calendar) to the phone's
//! share sheet, so it can go to mail, a chat, a drive or another app.
//!
//! - **Android** (Kotlin, `android/`): `ACTION_SEND` in a chooser, the file exposed read-only
//!   through a `FileProvider` limited to the cache folder's `share/` directory.
//! - **iOS** (Swift, `ios/`): a `UIActivityViewController` with the file's URL.
//! - **Desktop**: none ([`Share::available`] is `false`; files are saved with a dialog).
//!
//! The app writes the file into [`share_dir`] first; the plugin exposes no webview command.
//! On Android the call blocks until the main thread answers: call it from another thread.

use tauri::{
    plugin::{Builder, TauriPlugin},
    Manager, Runtime,
};

#[cfg(desktop)]
mod desktop;
mod error;
#[cfg(mobile)]
mod mobile;
mod models;

#[cfg(desktop)]
pub use desktop::Share;
pub use error::{Error, Result};
#[cfg(mobile)]
pub use mobile::Share;
pub use models::{check, share_dir, ShareFile, MAX_TITLE_CHARS, MEDIA_TYPES};

/// The plugin's name: its state, ACL manifest and native registration go by it.
pub const PLUGIN_NAME: &str = "baohao-share";

/// Extensions to [`tauri::App`], [`tauri::AppHandle`] and the other managers to reach the
/// share sheet.
pub trait ShareExt<R: Runtime> {
    fn share(&self) -> &Share<R>;
}

impl<R: Runtime, T: Manager<R>> ShareExt<R> for T {
    fn share(&self) -> &Share<R> {
        self.state::<Share<R>>().inner()
    }
}

/// Initializes the plugin.
pub fn init<R: Runtime>() -> TauriPlugin<R> {
    Builder::new(PLUGIN_NAME)
        .setup(|app, api| {
            #[cfg(mobile)]
            let share = mobile::init(app, api)?;
            #[cfg(desktop)]
            let share = desktop::init(app, api);
            app.manage(share);
            Ok(())
        })
        .build()
}

#[cfg(test)]
mod tests;
