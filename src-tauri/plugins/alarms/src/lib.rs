//! Baohao's native reminder alarms, a thin executor for what the app's Rust side planned.
//!
//! The app decides what to schedule and records what it handed over; this plugin arms those
//! alarms with the OS by id, cancels them by id, and reports taps:
//! - **Android** (Kotlin, `android/`): each alarm is kept in device-protected storage and armed
//!   with `AlarmManager` (exact only where the user allowed exact alarms). Receivers re-arm the
//!   stored alarms after a reboot (also before the first unlock), an app update, and a clock or
//!   time-zone change, without starting the UI, and post the notification when an alarm fires.
//! - **iOS** (Swift, `ios/`): each alarm is a `UNNotificationRequest` with identifier
//!   `baohao-<id>` at the absolute instant; the plugin is the notification center's delegate.
//! - **Desktop**: no native alarms (see [`Alarms`] in `desktop.rs` for what each call does).
//!
//! The plugin exposes no command to the webview.
//!
//! On Android every call runs on the main thread and blocks its caller until the native side
//! answers: call it from another thread (a worker, an async command), never from the main one.

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
pub use desktop::Alarms;
pub use error::{Error, Result};
#[cfg(mobile)]
pub use mobile::Alarms;
pub use models::{Alarm, AlarmAction, Chosen, Tapped};

/// The plugin's name: its state, ACL manifest and native registration go by it.
pub const PLUGIN_NAME: &str = "baohao-alarms";

/// Extensions to [`tauri::App`], [`tauri::AppHandle`] and the other managers to reach the
/// alarms API.
pub trait AlarmsExt<R: Runtime> {
    fn alarms(&self) -> &Alarms<R>;
}

impl<R: Runtime, T: Manager<R>> AlarmsExt<R> for T {
    fn alarms(&self) -> &Alarms<R> {
        self.state::<Alarms<R>>().inner()
    }
}

/// Initializes the plugin. On iOS register it after `tauri-plugin-notification`: it then
/// replaces that plugin's notification-center delegate with its own.
pub fn init<R: Runtime>() -> TauriPlugin<R> {
    Builder::new(PLUGIN_NAME)
        .setup(|app, api| {
            #[cfg(mobile)]
            let alarms = mobile::init(app, api)?;
            #[cfg(desktop)]
            let alarms = desktop::init(app, api);
            app.manage(alarms);
            Ok(())
        })
        .build()
}

#[cfg(test)]
mod tests;
