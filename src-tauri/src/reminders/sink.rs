//! The real [`NotificationSink`]: tauri-plugin-notification.

use baohao_core::reminders::Notice;
use chrono::{DateTime, Utc};
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use super::NotificationSink;

/// The key of the line id in a notification's `extra`, read back when it is tapped.
pub const LINE_KEY: &str = "line";

pub struct PluginSink<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> PluginSink<R> {
    fn builder(&self, notice: &Notice) -> tauri_plugin_notification::NotificationBuilder<R> {
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
        b
    }
}

impl<R: Runtime> NotificationSink for PluginSink<R> {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        self.builder(notice).show().map_err(|e| e.to_string())
    }

    #[cfg(mobile)]
    fn pending(&self) -> Result<Vec<i32>, String> {
        self.0
            .notification()
            .pending()
            .map(|p| p.iter().map(|n| n.id()).collect())
            .map_err(|e| e.to_string())
    }

    #[cfg(not(mobile))]
    fn pending(&self) -> Result<Vec<i32>, String> {
        Ok(Vec::new())
    }

    fn schedule(&self, notice: &Notice, at: DateTime<Utc>) -> Result<(), String> {
        let date =
            time::OffsetDateTime::from_unix_timestamp(at.timestamp()).map_err(|e| e.to_string())?;
        self.builder(notice)
            .schedule(tauri_plugin_notification::Schedule::At {
                date,
                repeating: false,
                allow_while_idle: true,
            })
            .show()
            .map_err(|e| e.to_string())
    }

    #[cfg(mobile)]
    fn cancel(&self, ids: &[i32]) -> Result<(), String> {
        self.0
            .notification()
            .cancel(ids.to_vec())
            .map_err(|e| e.to_string())
    }

    #[cfg(not(mobile))]
    fn cancel(&self, _ids: &[i32]) -> Result<(), String> {
        Ok(())
    }
}
