//! Opening the app at a line when a notification is tapped.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tauri::{Manager, Runtime};
use tauri_specta::Event;

/// Tells the UI where to go: a line, or (`lineId: null`) the "needs action" view, as for a
/// catch-up summary or a tap on Android, which reports no notification data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct OpenTarget {
    pub line_id: Option<String>,
}

/// The last target not yet taken by the UI (a tap can arrive before the page listens).
#[derive(Debug, Default)]
pub struct PendingOpen(pub Mutex<Option<OpenTarget>>);

/// Shows and focuses the main window, and sends the UI to `target`.
pub fn open<R: Runtime>(app: &tauri::AppHandle<R>, target: OpenTarget) {
    show_main_window(app);
    keep(app, target.clone());
    if let Err(e) = target.emit(app) {
        log::warn!("could not send the UI to {target:?}: {e}");
    }
}

/// Brings the window forward (desktop: shown, restored, focused). On a phone the OS brings
/// the app forward itself when a notification is tapped.
pub fn show_main_window<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(desktop)]
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    #[cfg(mobile)]
    let _ = app;
}

/// Keeps `target` for the UI to take (`navigation_take`): a tap can arrive before the page
/// listens.
fn keep<R: Runtime>(app: &tauri::AppHandle<R>, target: OpenTarget) {
    if let Some(p) = app.try_state::<PendingOpen>() {
        *p.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(target);
    }
}
