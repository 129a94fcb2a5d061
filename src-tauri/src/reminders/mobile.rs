//! Android and iOS delivery: keep a rolling window of the soonest reminders scheduled with
//! the OS, under its caps (iOS keeps only 64 pending; Android allows 500 alarms), with the
//! planner's stable ids; cancel what is no longer planned.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use baohao_core::planner::{mobile_cap, plan, window_for_mobile, PlannedReminder};
use baohao_core::reminders::Notice;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Delivery, NotificationSink};
use crate::state::AppState;

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub scheduled: Vec<i32>,
    pub cancelled: Vec<i32>,
    pub kept: usize,
}

/// iOS parses the plugin's UTC date as device-local time (plugins-workspace #3256): to fire at
/// `at`, hand it the instant whose UTC wall clock reads what the device's clock will read.
pub fn ios_schedule_time(at: DateTime<Utc>, device_zone: Tz) -> DateTime<Utc> {
    at.with_timezone(&device_zone).naive_local().and_utc()
}

/// Makes the OS's pending notifications equal the first `cap` reminders of `planned`.
pub fn sync_window(
    sink: &dyn NotificationSink,
    planned: &[PlannedReminder],
    ios: bool,
    device_zone: Tz,
    notice: impl Fn(&PlannedReminder) -> Notice,
) -> Result<SyncReport, String> {
    let window = window_for_mobile(planned, ios);
    let wanted: HashSet<i32> = window.iter().map(|r| r.id).collect();
    let pending: HashSet<i32> = sink.pending()?.into_iter().collect();
    let mut cancelled: Vec<i32> = pending.difference(&wanted).copied().collect();
    cancelled.sort_unstable();
    if !cancelled.is_empty() {
        sink.cancel(&cancelled)?;
    }
    let mut report = SyncReport {
        cancelled,
        ..SyncReport::default()
    };
    for r in window {
        if pending.contains(&r.id) {
            report.kept += 1;
            continue;
        }
        let at = if ios {
            ios_schedule_time(r.at, device_zone)
        } else {
            r.at
        };
        sink.schedule(&notice(r), at)?;
        report.scheduled.push(r.id);
    }
    Ok(report)
}

pub struct MobileDelivery {
    state: AppState,
    sink: Arc<dyn NotificationSink>,
    ios: bool,
}

impl MobileDelivery {
    pub fn new(state: AppState, sink: Arc<dyn NotificationSink>, ios: bool) -> Self {
        Self { state, sink, ios }
    }

    pub fn sync(&self) -> Result<SyncReport, String> {
        let now = self.state.now();
        let zone = self.state.system_zone();
        let (planned, lang) = {
            let store = self.state.lock_store().map_err(|e| e.to_string())?;
            let (policy, lines) = store.planning_input(now, zone).map_err(|e| e.to_string())?;
            (
                plan(&lines, &policy, now, mobile_cap(self.ios)),
                AppState::notice_lang(&store),
            )
        };
        sync_window(self.sink.as_ref(), &planned, self.ios, zone, |r| {
            Notice::from_reminder(r, lang)
        })
    }
}

impl Delivery for MobileDelivery {
    fn pass(&self, _first: bool) -> Option<Duration> {
        if let Err(e) = self.sync() {
            eprintln!("baohao: could not schedule reminders: {e}");
        }
        // The OS fires them; look again on the next change, resume, or after a while.
        None
    }
}
