//! A reminder's buttons chosen outside the window ("I renewed", "Snooze 1 day"), on every
//! platform: the notification reports the line and the action's id, this decides what that
//! means through the core (the same calls the line page makes) and says what to confirm.

use baohao_core::reminders::{Notice, ReminderAction};
use baohao_core::texts::ActionTexts;
use chrono::{DateTime, Utc};

use crate::error::ShellError;
use crate::state::AppState;

/// What happened to a chosen action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done; show this confirmation.
    Done(Notice),
    /// Not a reminder button (a tap, or an id Baohao does not know): nothing was changed.
    NotAnAction,
}

/// The buttons of a notification that offers them, as (action id, words), in their order.
pub fn buttons(texts: &ActionTexts) -> [(&'static str, String); 2] {
    [
        (ReminderAction::Renewed.id(), texts.renewed.clone()),
        (ReminderAction::SnoozeOneDay.id(), texts.snooze.clone()),
    ]
}

/// An action chosen on a phone's notification, as the alarms plugin kept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenAction {
    pub line_id: Option<String>,
    pub action: String,
    /// When it was chosen (it may be handled later: after the app started).
    pub at: Option<DateTime<Utc>>,
}

/// Performs `action_id` on `line_id` with the store of `state` and tells reminder delivery
/// the data changed. The window is not opened. `at` is when it was chosen (now when `None`,
/// and never later than now).
pub fn perform(
    state: &AppState,
    line_id: &str,
    action_id: &str,
    at: Option<DateTime<Utc>>,
) -> Result<Outcome, ShellError> {
    let Some(action) = ReminderAction::from_id(action_id) else {
        return Ok(Outcome::NotAnAction);
    };
    let now = state.now();
    let at = at.map_or(now, |at| at.min(now));
    let notice = {
        let mut store = state.lock_store()?;
        let lang = AppState::notice_lang(&store);
        store.perform_reminder_action(line_id, action, at, state.system_zone(), lang)?
    };
    state.changes.notify();
    Ok(Outcome::Done(notice))
}

/// [`perform`], then the confirmation through `show` (a failure is logged: the notification
/// that was acted on is gone, so there is no one else to tell).
pub fn perform_and_confirm(
    state: &AppState,
    line_id: &str,
    action_id: &str,
    at: Option<DateTime<Utc>>,
    show: impl FnOnce(&Notice) -> Result<(), ShellError>,
) {
    match perform(state, line_id, action_id, at) {
        Ok(Outcome::Done(notice)) => {
            if let Err(e) = show(&notice) {
                log::warn!("could not confirm the reminder action: {e}");
            }
        }
        Ok(Outcome::NotAnAction) => log::warn!("ignored the unknown action {action_id:?}"),
        Err(e) => log::error!("the reminder action {action_id:?} failed: {e}"),
    }
}

/// Performs the actions chosen on a phone (those kept while the app was not running, or one
/// that just arrived), oldest first, each confirmed through `show`. One without a line (which
/// Baohao never offers) is skipped.
pub fn perform_chosen(
    state: &AppState,
    chosen: Vec<ChosenAction>,
    show: &dyn Fn(&Notice) -> Result<(), ShellError>,
) {
    for c in chosen {
        match &c.line_id {
            Some(line_id) => perform_and_confirm(state, line_id, &c.action, c.at, show),
            None => log::warn!("ignored the action {:?} without a line", c.action),
        }
    }
}
