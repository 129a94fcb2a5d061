//! Desktop delivery: show what is due, record it, sleep until the next one.

use std::sync::Arc;
use std::time::Duration;

use baohao_core::reminders::Notice;

use super::{Delivery, NotificationSink};
use crate::state::AppState;

pub struct DesktopDelivery {
    state: AppState,
    sink: Arc<dyn NotificationSink>,
    /// Told the next deadline after every pass (the tray's menu).
    on_pass: Box<dyn Fn(&AppState) + Send + Sync>,
}

impl DesktopDelivery {
    pub fn new(
        state: AppState,
        sink: Arc<dyn NotificationSink>,
        on_pass: Box<dyn Fn(&AppState) + Send + Sync>,
    ) -> Self {
        Self {
            state,
            sink,
            on_pass,
        }
    }

    /// One pass: records and returns what it showed, and how long to sleep.
    pub fn run(&self, first: bool) -> (Vec<Notice>, Option<Duration>) {
        let now = self.state.now();
        let pass = {
            let Ok(mut store) = self.state.lock_store() else {
                return (Vec::new(), None);
            };
            let lang = AppState::notice_lang(&store);
            match store.run_delivery_pass(now, self.state.system_zone(), first, lang) {
                Ok(p) => p,
                Err(e) => {
                    log::error!("reminder pass failed: {e}");
                    return (Vec::new(), None);
                }
            }
        };
        for notice in &pass.show {
            if let Err(e) = self.sink.show(notice) {
                log::error!("could not show a notification: {e}");
            }
        }
        (self.on_pass)(&self.state);
        let sleep = pass.next_wakeup.map(|at| {
            let ms = (at - self.state.now()).num_milliseconds().max(0);
            // Wake just after the reminder's second so the pass sees it as due.
            Duration::from_millis(u64::try_from(ms).unwrap_or(0) + 50)
        });
        (pass.show, sleep)
    }
}

impl Delivery for DesktopDelivery {
    fn pass(&self, first: bool) -> Option<Duration> {
        self.run(first).1
    }
}
