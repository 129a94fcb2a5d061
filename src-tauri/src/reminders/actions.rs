//! A reminder's buttons chosen outside the window ("I renewed", "Snooze 1 day"), on every
//! platform: the notification reports the line and the action's id, this decides what that
//! means through the core (the same calls the line page makes) and says what to confirm.

use baohao_core::reminders::{Notice, ReminderAction};

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

/// Performs `action_id` on `line_id` with the store of `state` and tells reminder delivery
/// the data changed. The window is not opened.
pub fn perform(state: &AppState, line_id: &str, action_id: &str) -> Result<Outcome, ShellError> {
    let Some(action) = ReminderAction::from_id(action_id) else {
        return Ok(Outcome::NotAnAction);
    };
    let notice = {
        let mut store = state.lock_store()?;
        let lang = AppState::notice_lang(&store);
        store.perform_reminder_action(line_id, action, state.now(), state.system_zone(), lang)?
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
    show: impl FnOnce(&Notice) -> Result<(), ShellError>,
) {
    match perform(state, line_id, action_id) {
        Ok(Outcome::Done(notice)) => {
            if let Err(e) = show(&notice) {
                log::warn!("could not confirm the reminder action: {e}");
            }
        }
        Ok(Outcome::NotAnAction) => log::warn!("ignored the unknown action {action_id:?}"),
        Err(e) => log::error!("the reminder action {action_id:?} failed: {e}"),
    }
}
