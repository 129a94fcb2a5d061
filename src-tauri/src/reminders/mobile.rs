//! Android and iOS delivery: keep the soonest reminders scheduled with the OS, under its caps,
//! with the planner's stable ids, changing only what differs from Baohao's own record of what
//! the OS holds (see [`baohao_core::schedule`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use baohao_core::schedule::{Alarm, PhoneOs};

use super::Delivery;
use crate::error::ShellError;
use crate::state::AppState;

/// The OS's scheduling API as Baohao uses it. Arming replaces by id; disarming an id the OS no
/// longer knows is not an error.
pub trait OsSchedule: Send + Sync + 'static {
    fn arm(&self, alarms: &[Alarm]) -> Result<(), String>;
    fn disarm(&self, ids: &[i32]) -> Result<(), String>;
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub armed: Vec<i32>,
    pub cancelled: Vec<i32>,
    pub expired: Vec<i32>,
    pub kept: usize,
    /// What the OS refused; the record keeps the old state so the next sync tries again.
    pub errors: Vec<String>,
}

pub struct MobileDelivery {
    state: AppState,
    os_schedule: Arc<dyn OsSchedule>,
    os: PhoneOs,
    /// Arm the whole window on the next sync: true at start (the OS may have forgotten while
    /// Baohao was not running) and after a sync that failed to arm.
    rearm_all: AtomicBool,
}

impl MobileDelivery {
    pub fn new(state: AppState, os_schedule: Arc<dyn OsSchedule>, os: PhoneOs) -> Self {
        Self {
            state,
            os_schedule,
            os,
            rearm_all: AtomicBool::new(true),
        }
    }

    /// Makes the OS hold exactly the planned window.
    pub fn sync(&self) -> Result<SyncReport, ShellError> {
        let now = self.state.now();
        let rearm_all = self.rearm_all.load(Ordering::SeqCst);
        let plan = {
            let store = self.state.lock_store()?;
            let lang = AppState::notice_lang(&store);
            store.mobile_sync_plan(now, self.state.system_zone(), self.os, lang, rearm_all)?
        };
        let mut report = SyncReport {
            expired: plan.expired.clone(),
            kept: plan.kept,
            ..SyncReport::default()
        };
        if !plan.cancel.is_empty() {
            match self.os_schedule.disarm(&plan.cancel) {
                Ok(()) => report.cancelled = plan.cancel.clone(),
                Err(e) => report.errors.push(e),
            }
        }
        let mut armed: &[Alarm] = &[];
        if !plan.arm.is_empty() {
            match self.os_schedule.arm(&plan.arm) {
                Ok(()) => armed = &plan.arm,
                Err(e) => report.errors.push(e),
            }
        }
        report.armed = armed.iter().map(|a| a.id).collect();
        let gone: Vec<i32> = report
            .expired
            .iter()
            .chain(&report.cancelled)
            .copied()
            .collect();
        if !gone.is_empty() || !armed.is_empty() {
            self.state
                .lock_store()?
                .record_scheduled(&gone, armed, now)?;
        }
        self.rearm_all
            .store(!report.errors.is_empty() && rearm_all, Ordering::SeqCst);
        Ok(report)
    }
}

/// How soon to try again after the OS refused something.
const RETRY_AFTER: Duration = Duration::from_secs(60);

impl Delivery for MobileDelivery {
    fn pass(&self, _first: bool) -> Option<Duration> {
        match self.sync() {
            Ok(report) if report.errors.is_empty() => {
                if !(report.armed.is_empty() && report.cancelled.is_empty()) {
                    log::info!(
                        "reminders synced: {} armed, {} cancelled, {} kept",
                        report.armed.len(),
                        report.cancelled.len(),
                        report.kept
                    );
                }
                // The OS shows them; look again on the next change or resume.
                None
            }
            Ok(report) => {
                log::warn!(
                    "the OS refused part of the reminder schedule: {:?}",
                    report.errors
                );
                Some(RETRY_AFTER)
            }
            Err(e) => {
                log::error!("could not plan reminders: {e}");
                Some(RETRY_AFTER)
            }
        }
    }
}

/// The real schedule: Baohao's alarms plugin (Android AlarmManager with a stored window that
/// a boot receiver re-arms; iOS UNUserNotificationCenter by identifier).
#[cfg(mobile)]
pub struct PluginSchedule<R: tauri::Runtime>(pub tauri::AppHandle<R>);

#[cfg(mobile)]
impl<R: tauri::Runtime> OsSchedule for PluginSchedule<R> {
    fn arm(&self, alarms: &[Alarm]) -> Result<(), String> {
        use tauri_plugin_baohao_alarms::AlarmsExt;
        let alarms = alarms
            .iter()
            .map(|a| tauri_plugin_baohao_alarms::Alarm {
                id: a.id,
                at_ms: a.at.timestamp().saturating_mul(1000),
                title: a.title.clone(),
                body: a.body.clone(),
                line_id: a.line_id.clone(),
                actions: a
                    .actions
                    .as_ref()
                    .map(|t| {
                        super::actions::buttons(t)
                            .into_iter()
                            .map(|(id, title)| tauri_plugin_baohao_alarms::AlarmAction {
                                id: id.to_owned(),
                                title,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect();
        self.0.alarms().arm(alarms).map_err(|e| e.to_string())
    }

    fn disarm(&self, ids: &[i32]) -> Result<(), String> {
        use tauri_plugin_baohao_alarms::AlarmsExt;
        self.0
            .alarms()
            .disarm(ids.to_vec())
            .map_err(|e| e.to_string())
    }
}
