//! What crosses to the native side, in the JSON shape it reads (camelCase field names).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// One reminder to hand to the OS. The native side stores it in app-private storage and arms
/// it; arming an id that is already armed replaces it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Alarm {
    /// Stable id chosen by the app: the alarm's and the notification's identity.
    pub id: i32,
    /// When to fire: UTC Unix time in milliseconds, a whole number of seconds.
    pub at_ms: i64,
    pub title: String,
    pub body: String,
    /// The line to open when the notification is tapped.
    pub line_id: Option<String>,
    /// The buttons the notification offers (none when empty). What they do is the app's
    /// business: a chosen one comes back as [`Chosen`] with its `id`.
    #[serde(default)]
    pub actions: Vec<AlarmAction>,
}

/// One button of a notification.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AlarmAction {
    pub id: String,
    pub title: String,
}

/// A button chosen on one of the plugin's notifications. The native side keeps each one in
/// app-private storage until the app takes it, so one chosen while the app was not running
/// (Android: the receiver runs without the app; iOS: a background launch) is not lost.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Chosen {
    /// The alarm's `line_id`.
    pub line_id: Option<String>,
    /// The chosen [`AlarmAction::id`].
    pub action: String,
    /// When it was chosen: UTC Unix time in milliseconds.
    pub at_ms: i64,
}

/// A tap on one of the plugin's notifications.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Tapped {
    /// The tapped alarm's `line_id`.
    pub line_id: Option<String>,
}

/// Refuses a batch the two native sides would treat differently: an id twice (which one
/// wins would depend on the order the OS applies them) or a time with a fraction of a second
/// (iOS calendar triggers have one-second resolution, Android alarms milliseconds).
pub(crate) fn check_batch(alarms: &[Alarm]) -> Result<()> {
    let mut seen = HashSet::with_capacity(alarms.len());
    for alarm in alarms {
        if !seen.insert(alarm.id) {
            return Err(Error::InvalidAlarm {
                id: alarm.id,
                reason: "the id occurs twice in one batch",
            });
        }
        if alarm.at_ms % 1000 != 0 {
            return Err(Error::InvalidAlarm {
                id: alarm.id,
                reason: "at_ms is not a whole number of seconds",
            });
        }
    }
    Ok(())
}

/// The messages of the native commands. Only the mobile build sends them; tests read them on
/// every platform.
#[cfg(any(mobile, test))]
pub(crate) mod wire {
    use serde::{Deserialize, Serialize};

    use super::{Alarm, Chosen, Tapped};

    /// Arguments of the native `arm` command.
    #[derive(Serialize)]
    pub struct ArmArgs<'a> {
        pub alarms: &'a [Alarm],
    }

    /// Arguments of the native `disarm` command.
    #[derive(Serialize)]
    pub struct DisarmArgs<'a> {
        pub ids: &'a [i32],
    }

    /// Answer of the native `takeTapped` command: `tapped` is absent (or null) when no tap waits.
    #[derive(Debug, Deserialize, Default)]
    #[serde(default)]
    pub struct TakeTappedResponse {
        pub tapped: Option<Tapped>,
    }

    /// Answer of the native `exactAlarmsAllowed` command.
    #[derive(Debug, Deserialize)]
    pub struct ExactAlarmsResponse {
        pub allowed: bool,
    }

    /// Reads one message of the tap channel; `None` when it is not a tap (logged by the caller).
    pub fn parse_tap(json: &str) -> Option<Tapped> {
        serde_json::from_str(json).ok()
    }

    /// Answer of the native `takeChosen` command: every chosen action not taken yet, oldest
    /// first (absent when there is none).
    #[derive(Debug, Deserialize, Default)]
    #[serde(default)]
    pub struct TakeChosenResponse {
        pub chosen: Vec<Chosen>,
    }

    /// Reads one message of the action channel; `None` when it is not a chosen action.
    pub fn parse_chosen(json: &str) -> Option<Chosen> {
        serde_json::from_str(json).ok()
    }
}
