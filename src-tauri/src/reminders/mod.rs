//! Reminder delivery: makes the OS match the planner's plan.
//!
//! One worker thread per app waits on [`crate::state::Signal`] (raised by every change of data
//! or settings) and reacts through a [`Delivery`]:
//! - desktop ([`desktop::DesktopDelivery`]): the notification plugin cannot schedule there, so
//!   the worker sleeps until the next planned reminder (or a change), shows what is due, and
//!   records it so nothing is shown twice; the first pass after start turns what was missed
//!   while closed into one summary.
//! - Android and iOS ([`mobile::MobileDelivery`]): the OS shows them; the worker keeps the
//!   soonest reminders scheduled through the plugin, under the OS caps, with the planner's
//!   stable ids, and cancels what is no longer planned. It re-syncs on start, resume and
//!   every change (the plugin loses its schedule on reboot).
//!
//! Both talk to the OS through a [`NotificationSink`], so tests swap in a fake.

pub mod desktop;
pub mod mobile;
pub mod sink;

use std::sync::Arc;
use std::time::Duration;

use baohao_core::reminders::Notice;
use chrono::{DateTime, Utc};

use crate::state::AppState;

/// The notification API of the platform.
pub trait NotificationSink: Send + Sync + 'static {
    /// Shows a notification now.
    fn show(&self, notice: &Notice) -> Result<(), String>;
    /// The ids of the notifications scheduled with the OS (mobile).
    fn pending(&self) -> Result<Vec<i32>, String>;
    /// Schedules a notification for `at` (mobile).
    fn schedule(&self, notice: &Notice, at: DateTime<Utc>) -> Result<(), String>;
    /// Cancels scheduled notifications (mobile).
    fn cancel(&self, ids: &[i32]) -> Result<(), String>;
}

/// What the worker does when woken; returns how long it may sleep at most before the next
/// pass (`None`: until the next change).
pub trait Delivery: Send + Sync + 'static {
    fn pass(&self, first: bool) -> Option<Duration>;
}

/// The longest the worker sleeps in one go, even when the next reminder is further away.
/// A condition variable's timeout runs on the monotonic clock, which stands still while the
/// computer is suspended: a laptop that sleeps through a reminder's time would otherwise be
/// told hours late. Waking at most every 15 minutes bounds that delay; a wake-up with nothing
/// due costs one pass (about 2 ms for 100 numbers, see `cargo bench -p baohao-core`).
pub const MAX_SLEEP: Duration = Duration::from_secs(15 * 60);

/// Starts the worker thread. It runs for the life of the process.
pub fn spawn(state: &AppState, delivery: Arc<dyn Delivery>) -> std::io::Result<()> {
    let signal = Arc::clone(&state.changes);
    std::thread::Builder::new()
        .name("baohao-reminders".into())
        .spawn(move || {
            let mut first = true;
            loop {
                let seen = signal.current();
                let sleep = delivery.pass(first).unwrap_or(MAX_SLEEP).min(MAX_SLEEP);
                first = false;
                signal.wait(seen, sleep);
            }
        })
        .map(|_| ())
}

#[cfg(test)]
mod tests;
