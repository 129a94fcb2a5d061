//! Linux and the BSDs: notifications through the Desktop Notifications Specification (D-Bus),
//! sent by Baohao itself so they carry its name ("Baohao 保号"), its icon and the reminder's
//! buttons. tauri-plugin-notification sets neither the app name nor per-notification actions
//! with their own handler there.
//!
//! Each notification that can be acted on is watched on a thread of its own until the server
//! reports an action or closes it: the reminder worker that shows it never waits.

use std::path::PathBuf;
use std::sync::Arc;

use baohao_core::reminders::Notice;

use super::NotificationSink;

/// The name notification servers show as the sender.
pub const APP_NAME: &str = "Baohao 保号";

/// The action key the specification reserves for a click on the notification itself.
pub const DEFAULT_ACTION: &str = "default";

/// The PNG the notifications show (the app icon), written next to the data once.
const ICON_PNG: &[u8] = include_bytes!("../../../icons/128x128.png");

/// What the user did with a notification: `action` is [`DEFAULT_ACTION`] for a click on it,
/// else the key of the button (see `baohao_core::reminders::ReminderAction::id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub line_id: Option<String>,
    pub action: String,
}

pub type OnChosen = Arc<dyn Fn(Chosen) + Send + Sync>;

pub struct DbusSink {
    icon: String,
    on_chosen: OnChosen,
}

impl DbusSink {
    /// `icon_dir`: where the icon file is kept (the app's data folder). Without it, the
    /// icon is named by the binary's name, which an installed package puts in the icon theme.
    pub fn new(icon_dir: Option<PathBuf>, on_chosen: OnChosen) -> Self {
        let icon = icon_dir
            .and_then(|dir| write_icon(&dir))
            .unwrap_or_else(|| "baohao".to_owned());
        Self { icon, on_chosen }
    }
}

/// Writes the icon file when it is missing or differs; its path, or `None` when that fails.
fn write_icon(dir: &std::path::Path) -> Option<String> {
    let path = dir.join("notification-icon.png");
    let same = std::fs::read(&path).is_ok_and(|b| b == ICON_PNG);
    if !same {
        if let Err(e) = baohao_core::files::write_atomic(&path, ICON_PNG) {
            log::warn!("could not write the notification icon: {e}");
            return None;
        }
    }
    path.to_str().map(str::to_owned)
}

/// The actions to send (key, label) for `notice` to a server that does (`server_actions`) or
/// does not offer actions: none without; with, a click on the notification (the default
/// action) and the reminder's buttons when it has some.
pub fn actions_for(notice: &Notice, server_actions: bool) -> Vec<(String, String)> {
    if !server_actions {
        return Vec::new();
    }
    let mut out = vec![(DEFAULT_ACTION.to_owned(), String::new())];
    if let (Some(texts), Some(_)) = (&notice.actions, &notice.line_id) {
        out.extend(
            super::actions::buttons(texts)
                .into_iter()
                .map(|(id, label)| (id.to_owned(), label)),
        );
    }
    out
}

/// Whether the notification server offers actions (the "actions" capability).
fn server_has_actions() -> bool {
    match notify_rust::get_capabilities() {
        Ok(caps) => caps.iter().any(|c| c == "actions"),
        Err(e) => {
            log::warn!("could not ask the notification server what it offers: {e}");
            false
        }
    }
}

impl NotificationSink for DbusSink {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        let actions = actions_for(notice, server_has_actions());
        let mut n = notify_rust::Notification::new();
        n.appname(APP_NAME)
            .summary(&notice.title)
            .body(&notice.body)
            .icon(&self.icon);
        for (key, label) in &actions {
            n.action(key, label);
        }
        let handle = n.show().map_err(|e| e.to_string())?;
        if actions.is_empty() {
            return Ok(());
        }
        let line_id = notice.line_id.clone();
        let on_chosen = Arc::clone(&self.on_chosen);
        std::thread::Builder::new()
            .name("baohao-notification".into())
            .spawn(move || {
                handle.wait_for_action(|action| {
                    // notify-rust reports a close as "__closed": nothing was chosen.
                    if action.starts_with("__") {
                        return;
                    }
                    on_chosen(Chosen {
                        line_id,
                        action: action.to_owned(),
                    });
                });
            })
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
