//! Delivery against fakes: the mobile window under the OS caps, the iOS time-zone correction,
//! and the desktop pass with a real store and a test clock.

use std::sync::{Arc, Mutex};

use baohao_core::planner::{Message, PlannedReminder, ReminderKind, ReminderPolicy};
use baohao_core::reminders::Notice;
use baohao_core::{FixedClock, LineInput, SimKind};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::desktop::DesktopDelivery;
use super::mobile::{ios_schedule_time, sync_window};
use super::NotificationSink;
use crate::platform::RecordingServices;

/// A fake OS: iOS silently keeps only the 64 soonest pending; Android refuses past 500.
struct FakeOs {
    ios: bool,
    pending: Mutex<Vec<(i32, DateTime<Utc>)>>,
    shown: Mutex<Vec<Notice>>,
}

impl FakeOs {
    fn new(ios: bool) -> Self {
        Self {
            ios,
            pending: Mutex::new(Vec::new()),
            shown: Mutex::new(Vec::new()),
        }
    }
}

impl NotificationSink for FakeOs {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        self.shown.lock().unwrap().push(notice.clone());
        Ok(())
    }
    fn pending(&self) -> Result<Vec<i32>, String> {
        Ok(self
            .pending
            .lock()
            .unwrap()
            .iter()
            .map(|(id, _)| *id)
            .collect())
    }
    fn schedule(&self, notice: &Notice, at: DateTime<Utc>) -> Result<(), String> {
        let mut p = self.pending.lock().unwrap();
        p.retain(|(id, _)| *id != notice.id);
        if !self.ios && p.len() >= 500 {
            return Err("Maximum limit of concurrent alarms 500 reached".into());
        }
        p.push((notice.id, at));
        if self.ios {
            p.sort_by_key(|(_, at)| *at);
            p.truncate(64);
        }
        Ok(())
    }
    fn cancel(&self, ids: &[i32]) -> Result<(), String> {
        self.pending
            .lock()
            .unwrap()
            .retain(|(id, _)| !ids.contains(id));
        Ok(())
    }
}

fn reminders(n: i32, start: DateTime<Utc>) -> Vec<PlannedReminder> {
    (0..n)
        .map(|i| PlannedReminder {
            id: 1000 + i,
            line_id: format!("line-{i}"),
            at: start + Duration::hours(i64::from(i)),
            kind: ReminderKind::DueToday,
            message: Message::Test,
        })
        .collect()
}

fn notice(r: &PlannedReminder) -> Notice {
    Notice {
        id: r.id,
        line_id: Some(r.line_id.clone()),
        title: "t".into(),
        body: "b".into(),
    }
}

#[test]
fn ios_gets_a_window_under_its_cap_and_nothing_is_silently_dropped() {
    let os = FakeOs::new(true);
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let plan = reminders(200, start);
    let report = sync_window(&os, &plan, true, Tz::UTC, notice).unwrap();
    assert_eq!(report.scheduled.len(), 48, "well under the 64 iOS keeps");
    let pending = os.pending().unwrap();
    assert_eq!(pending.len(), 48);
    assert!(
        pending.iter().all(|id| (1000..1048).contains(id)),
        "the soonest ones"
    );

    // Re-sync is idempotent: nothing cancelled, nothing scheduled twice.
    let again = sync_window(&os, &plan, true, Tz::UTC, notice).unwrap();
    assert_eq!(
        (again.scheduled.len(), again.cancelled.len(), again.kept),
        (0, 0, 48)
    );

    // Time moves on: the first 10 fired or were renewed away; the window slides.
    let later = &plan[10..];
    let slid = sync_window(&os, later, true, Tz::UTC, notice).unwrap();
    assert_eq!(slid.cancelled, (1000..1010).collect::<Vec<_>>());
    assert_eq!(slid.scheduled, (1048..1058).collect::<Vec<_>>());
    assert_eq!(os.pending().unwrap().len(), 48);
}

#[test]
fn android_stays_under_its_alarm_cap() {
    let os = FakeOs::new(false);
    let plan = reminders(900, Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap());
    let report = sync_window(&os, &plan, false, Tz::UTC, notice).unwrap();
    assert_eq!(report.scheduled.len(), 400);
    assert_eq!(os.pending().unwrap().len(), 400);
}

#[test]
fn ios_dates_are_corrected_for_the_device_zone() {
    // 09:00 UTC is 17:00 in Shanghai: iOS reads the plugin's "17:00" as local 17:00.
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
    assert_eq!(
        ios_schedule_time(at, shanghai),
        Utc.with_ymd_and_hms(2026, 3, 1, 17, 0, 0).unwrap()
    );
    let ny: Tz = "America/New_York".parse().unwrap();
    // Across the DST change the offset of that instant is used (EDT, −4 h).
    let summer = Utc.with_ymd_and_hms(2026, 3, 9, 13, 0, 0).unwrap();
    assert_eq!(
        ios_schedule_time(summer, ny),
        Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap()
    );
    assert_eq!(ios_schedule_time(at, Tz::UTC), at);
    let os = FakeOs::new(true);
    sync_window(&os, &reminders(1, at), true, shanghai, notice).unwrap();
    assert_eq!(
        os.pending.lock().unwrap()[0].1,
        Utc.with_ymd_and_hms(2026, 3, 1, 17, 0, 0).unwrap()
    );
}

#[test]
fn desktop_shows_a_due_reminder_once_and_sleeps_until_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap(),
    ));
    let state = crate::open_state(
        dir.path().to_path_buf(),
        clock.clone(),
        Arc::new(RecordingServices::default()),
    )
    .unwrap();
    {
        let mut s = state.lock_store().unwrap();
        s.set_reminder_policy(&ReminderPolicy {
            leads_days: vec![7],
            user_zone: Tz::UTC,
            ..Default::default()
        })
        .unwrap();
        let line = s
            .create_line(
                &LineInput {
                    number: "+44 7911 123456".into(),
                    label: "Travel".into(),
                    country: String::new(),
                    carrier: String::new(),
                    carrier_id: None,
                    sim_kind: SimKind::Esim,
                    iccid: None,
                    tags: vec![],
                    notes: String::new(),
                },
                clock.now_for_tests(),
            )
            .unwrap();
        let rule = baohao_core::RuleSpec {
            rule: baohao_core::KeepAliveRule::FixedExpiry {
                expires_on: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
            },
            grace: None,
            zone: "UTC".into(),
        };
        s.set_line_rule(&line.id, Some(&rule), clock.now_for_tests())
            .unwrap();
    }
    let os = Arc::new(FakeOs::new(false));
    let passes = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&passes);
    let d = DesktopDelivery::new(
        state,
        os.clone(),
        Box::new(move |_| *counter.lock().unwrap() += 1),
    );

    let (shown, sleep) = d.run(true);
    assert!(shown.is_empty());
    // One hour until 09:00 (plus a few ms to land after the second).
    let sleep = sleep.unwrap();
    assert!(
        sleep >= std::time::Duration::from_secs(3600)
            && sleep < std::time::Duration::from_secs(3601)
    );

    clock.set(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 1).unwrap());
    let (shown, _) = d.run(false);
    assert_eq!(shown.len(), 1);
    assert_eq!(os.shown.lock().unwrap().len(), 1);
    assert!(os.shown.lock().unwrap()[0].title.contains("Travel"));

    let (shown, _) = d.run(false);
    assert!(shown.is_empty(), "never twice");
    assert_eq!(
        *passes.lock().unwrap(),
        3,
        "the tray is told after every pass"
    );
}

trait NowForTests {
    fn now_for_tests(&self) -> DateTime<Utc>;
}

impl NowForTests for FixedClock {
    fn now_for_tests(&self) -> DateTime<Utc> {
        baohao_core::Clock::now(self)
    }
}
