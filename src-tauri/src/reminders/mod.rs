//! Reminder delivery: makes the OS match the planner's plan.
//!
//! One worker thread per app waits on [`crate::state::Signal`] (raised by every change of data
//! or settings) and reacts through a [`Delivery`]:
//! - desktop ([`desktop::DesktopDelivery`]): the notification plugin cannot schedule there, so
//!   the worker sleeps until the next planned reminder (or a change), shows what is due, and
//!   records it so nothing is shown twice; the first pass after start turns what was missed
//!   while closed into one summary.
//! - Android and iOS ([`mobile::MobileDelivery`]): the OS shows them; the worker keeps the
//!   soonest reminders scheduled through Baohao's own plugin (`plugins/alarms`), under the OS
//!   caps, with the planner's stable ids. What it handed over is recorded in the database and
//!   only the difference is sent (see `baohao_core::schedule`); the OS's pending list is never
//!   read. It re-syncs on start, on return to the foreground and on every change; the plugin
//!   re-arms its window after a reboot, an update or a clock or zone change by itself.
//!
//! They talk to the OS through [`NotificationSink`] and [`mobile::OsSchedule`], so tests swap
//! in fakes.

pub mod actions;
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "ios"))
))]
pub mod dbus;
pub mod desktop;
pub mod mobile;
pub mod sink;

use std::sync::Arc;
use std::time::Duration;

use baohao_core::reminders::Notice;

use crate::state::AppState;

/// Shows a notification now (desktop reminders, the catch-up summary, the test notification).
pub trait NotificationSink: Send + Sync + 'static {
    fn show(&self, notice: &Notice) -> Result<(), String>;
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
#[cfg(test)]
mod tests_mobile;
