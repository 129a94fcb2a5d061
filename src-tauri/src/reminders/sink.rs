//! The real [`NotificationSink`]: tauri-plugin-notification, which shows notifications at once
//! on every platform (it cannot schedule on desktop; phones schedule through
//! [`super::mobile::OsSchedule`]).

use baohao_core::reminders::Notice;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use super::NotificationSink;

/// The key of the line id in a notification's `extra`, read back when it is tapped.
pub const LINE_KEY: &str = "line";

pub struct PluginSink<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> NotificationSink for PluginSink<R> {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        let mut b = self
            .0
            .notification()
            .builder()
            .id(notice.id)
            .title(&notice.title)
            .body(&notice.body);
        if let Some(line) = &notice.line_id {
            b = b.extra(LINE_KEY, line);
        }
        // The monochrome small icon the alarms plugin ships (res/drawable); without it
        // Android falls back to a system icon.
        #[cfg(target_os = "android")]
        {
            b = b.icon("ic_stat_baohao");
        }
        b.show().map_err(|e| e.to_string())
    }
}

/// The sink a running app shows notifications with: Baohao's own D-Bus sender on Linux and
/// the BSDs (app name, icon, "I renewed" and "Snooze 1 day"), the notification plugin
/// elsewhere.
pub fn app_sink<R: Runtime>(app: &AppHandle<R>) -> std::sync::Arc<dyn NotificationSink> {
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "ios"))
    ))]
    {
        use tauri::Manager;
        let dir = app
            .try_state::<crate::state::AppState>()
            .map(|s| std::path::PathBuf::from(&s.info.data_dir));
        let handle = app.clone();
        return std::sync::Arc::new(super::dbus::DbusSink::new(
            dir,
            std::sync::Arc::new(move |chosen| on_chosen(&handle, chosen)),
        ));
    }
    #[allow(unreachable_code)]
    std::sync::Arc::new(PluginSink(app.clone()))
}

/// A click on a notification opens its line; a button does what it says, without the window.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "ios"))
))]
fn on_chosen<R: Runtime>(app: &AppHandle<R>, chosen: super::dbus::Chosen) {
    use tauri::Manager;
    let line_id = chosen.line_id;
    if chosen.action == super::dbus::DEFAULT_ACTION {
        crate::navigation::open(app, crate::navigation::OpenTarget { line_id });
        return;
    }
    let (Some(line_id), Some(state)) = (line_id, app.try_state::<crate::state::AppState>()) else {
        return;
    };
    super::actions::perform_and_confirm(&state, &line_id, &chosen.action, None, |notice| {
        app_sink(app)
            .show(notice)
            .map_err(crate::error::ShellError::Notify)
    });
}
