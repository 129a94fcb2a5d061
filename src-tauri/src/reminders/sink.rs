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
