//! What Baohao hands a phone's OS to show later, and how one sync decides what to change.
//!
//! On Android and iOS the OS shows reminders while Baohao is closed. Baohao keeps its own
//! record of what it handed over (the `scheduled` table: id, instant, content fingerprint) and
//! never reads the OS's pending list: tauri-plugin-notification's is always empty on Android,
//! and an OS that lost its alarms (a force stop, a reboot without re-arming) would otherwise be
//! believed. Each sync compares the planned window with that record:
//! - what is recorded and no longer planned is cancelled by id;
//! - what is planned and not recorded, or recorded with other content or another instant, is
//!   armed (arming replaces by id, so a change needs no cancel first);
//! - what is recorded for an instant already past has been shown: it only leaves the record.
//!
//! The first sync of a process arms the whole window again, because only then can the OS have
//! forgotten without Baohao noticing (a reboot, a force stop, an update, restored app data).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::planner::{plan, Lang, PlannedReminder};
use crate::reminders::Notice;
use crate::texts::ActionTexts;

/// Which phone OS the window is for (their caps differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneOs {
    Android,
    Ios,
}

impl PhoneOs {
    /// How many reminders Baohao keeps scheduled with this OS at once (48 of the 64 iOS
    /// keeps, 400 of Android's 500 alarms).
    pub fn window(self) -> usize {
        crate::planner::mobile_cap(self == Self::Ios)
    }
}

/// One notification for the OS to show at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub id: i32,
    /// Whole seconds, in the future when handed over.
    pub at: DateTime<Utc>,
    pub line_id: Option<String>,
    pub title: String,
    pub body: String,
    /// The words of its buttons ("I renewed", "Snooze 1 day") when it offers them.
    pub actions: Option<ActionTexts>,
}

impl Alarm {
    pub fn new(r: &PlannedReminder, lang: Lang) -> Self {
        let notice = Notice::from_reminder(r, lang);
        Self {
            id: notice.id,
            at: r.at,
            line_id: notice.line_id,
            title: notice.title,
            body: notice.body,
            actions: notice.actions,
        }
    }

    /// FNV-1a (64-bit) of everything the OS shows or acts on, as 16 hex digits: a change of
    /// text (a language switch, a renamed line), instant or target re-arms the alarm.
    pub fn fingerprint(&self) -> String {
        let mut h = Fnv64::default();
        h.field(self.at.timestamp().to_string().as_bytes());
        h.field(self.line_id.as_deref().unwrap_or("").as_bytes());
        h.field(self.title.as_bytes());
        h.field(self.body.as_bytes());
        if let Some(a) = &self.actions {
            h.field(a.renewed.as_bytes());
            h.field(a.snooze.as_bytes());
        }
        format!("{:016x}", h.0)
    }
}

/// FNV-1a 64-bit; each field is followed by a 0xff byte (never in UTF-8) so that fields
/// cannot run into each other.
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn field(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.byte(*b);
        }
        self.byte(0xff);
    }
}

/// A row of the record: what the OS was handed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub fingerprint: String,
    pub line_id: Option<String>,
}

/// What one sync must do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan {
    /// Cancel these with the OS, then drop them from the record.
    pub cancel: Vec<i32>,
    /// Hand these to the OS (adding or replacing by id), then record them.
    pub arm: Vec<Alarm>,
    /// Recorded for an instant already past (shown by now): drop from the record only.
    pub expired: Vec<i32>,
    /// Planned and already held by the OS as recorded.
    pub kept: usize,
}

impl SyncPlan {
    pub fn is_empty(&self) -> bool {
        self.cancel.is_empty() && self.arm.is_empty() && self.expired.is_empty()
    }
}

/// The reminders to keep scheduled: the soonest of the plan, at most the OS's window.
pub fn window(
    lines: &[crate::planner::PlanLine],
    policy: &crate::planner::ReminderPolicy,
    now: DateTime<Utc>,
    os: PhoneOs,
    lang: Lang,
) -> Vec<Alarm> {
    plan(lines, policy, now, os.window())
        .iter()
        .map(|r| Alarm::new(r, lang))
        .collect()
}

/// Compares the planned `window` with the `recorded` state at `now`. `rearm_all` (the first
/// sync of a process) arms the whole window whatever the record says.
pub fn sync_plan(
    window: Vec<Alarm>,
    recorded: &[Scheduled],
    now: DateTime<Utc>,
    rearm_all: bool,
) -> SyncPlan {
    let planned: HashMap<i32, String> = window.iter().map(|a| (a.id, a.fingerprint())).collect();
    let mut out = SyncPlan::default();
    let mut held: HashMap<i32, &str> = HashMap::new();
    for r in recorded {
        if r.at <= now && !planned.contains_key(&r.id) {
            out.expired.push(r.id);
        } else if !planned.contains_key(&r.id) {
            out.cancel.push(r.id);
        } else {
            held.insert(r.id, r.fingerprint.as_str());
        }
    }
    for alarm in window {
        let same = planned
            .get(&alarm.id)
            .is_some_and(|fp| held.get(&alarm.id) == Some(&fp.as_str()));
        if same && !rearm_all {
            out.kept += 1;
        } else {
            out.arm.push(alarm);
        }
    }
    out.cancel.sort_unstable();
    out.expired.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap() + Duration::hours(h)
    }

    fn alarm(id: i32, h: i64, title: &str) -> Alarm {
        Alarm {
            id,
            at: at(h),
            line_id: Some(format!("line-{id}")),
            title: title.into(),
            body: "body".into(),
            actions: None,
        }
    }

    fn record(a: &Alarm) -> Scheduled {
        Scheduled {
            id: a.id,
            at: a.at,
            fingerprint: a.fingerprint(),
            line_id: a.line_id.clone(),
        }
    }

    #[test]
    fn a_fresh_record_arms_the_whole_window() {
        let w = vec![alarm(1, 5, "a"), alarm(2, 6, "b")];
        let p = sync_plan(w.clone(), &[], at(0), false);
        assert_eq!(p.arm, w);
        assert!(p.cancel.is_empty() && p.expired.is_empty());
    }

    #[test]
    fn only_what_changed_is_touched() {
        let old = [alarm(1, 5, "a"), alarm(2, 6, "b"), alarm(3, 7, "c")];
        let recorded: Vec<Scheduled> = old.iter().map(record).collect();
        // 1 is unchanged, 2 has new text (a language switch), 3 is no longer planned, 4 is new.
        let new = vec![alarm(1, 5, "a"), alarm(2, 6, "B"), alarm(4, 8, "d")];
        let p = sync_plan(new, &recorded, at(0), false);
        assert_eq!(p.kept, 1);
        assert_eq!(p.cancel, vec![3]);
        assert_eq!(
            p.arm.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![2, 4],
            "a changed alarm is re-armed by id, without a cancel"
        );
    }

    #[test]
    fn a_moved_instant_is_re_armed() {
        let recorded = vec![record(&alarm(1, 5, "a"))];
        let p = sync_plan(vec![alarm(1, 9, "a")], &recorded, at(0), false);
        assert_eq!(p.arm.len(), 1);
        assert_eq!(p.kept, 0);
    }

    #[test]
    fn what_already_fired_leaves_the_record_without_a_cancel() {
        let recorded = vec![record(&alarm(1, 1, "a")), record(&alarm(2, 9, "b"))];
        let p = sync_plan(vec![alarm(2, 9, "b")], &recorded, at(3), false);
        assert_eq!(p.expired, vec![1]);
        assert!(p.cancel.is_empty());
        assert_eq!(p.kept, 1);
        assert!(p.arm.is_empty());
    }

    #[test]
    fn the_first_sync_of_a_process_re_arms_everything() {
        let w = vec![alarm(1, 5, "a"), alarm(2, 6, "b")];
        let recorded: Vec<Scheduled> = w
            .iter()
            .map(record)
            .chain([record(&alarm(3, 7, "c"))])
            .collect();
        let p = sync_plan(w.clone(), &recorded, at(0), true);
        assert_eq!(p.arm, w);
        assert_eq!(p.cancel, vec![3]);
        assert_eq!(p.kept, 0);
    }

    #[test]
    fn fingerprints_separate_fields_and_follow_content() {
        let a = alarm(1, 5, "ab");
        let mut b = a.clone();
        b.title = "a".into();
        b.body = "bbody".into();
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint(), a.clone().fingerprint());
        assert_eq!(a.fingerprint().len(), 16);
        let with_buttons = Alarm {
            actions: Some(crate::texts::action_texts(Lang::En)),
            ..a.clone()
        };
        assert_ne!(
            with_buttons.fingerprint(),
            a.fingerprint(),
            "buttons re-arm"
        );
        let mut c = a.clone();
        c.line_id = None;
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn windows_fit_the_os_caps() {
        assert!(PhoneOs::Ios.window() < 64);
        assert!(PhoneOs::Android.window() < 500);
    }
}
