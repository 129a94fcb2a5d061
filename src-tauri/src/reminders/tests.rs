//! Desktop delivery with a real store, a test clock and a fake screen (mobile delivery is in
//! `tests_mobile.rs`).

use std::sync::{Arc, Mutex};

use baohao_core::planner::ReminderPolicy;
use baohao_core::reminders::Notice;
use baohao_core::{FixedClock, LineInput, SimKind};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::desktop::DesktopDelivery;
use super::NotificationSink;
use crate::platform::RecordingServices;

/// Records what it is asked to show.
#[derive(Default)]
struct FakeScreen {
    shown: Mutex<Vec<Notice>>,
}

impl NotificationSink for FakeScreen {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        self.shown.lock().unwrap().push(notice.clone());
        Ok(())
    }
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
    );
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
    let os = Arc::new(FakeScreen::default());
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

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "ios"))
))]
#[test]
fn a_reminder_offers_its_buttons_only_where_the_server_has_actions() {
    use super::dbus::actions_for;
    use baohao_core::texts::action_texts;
    let reminder = Notice {
        id: 7,
        line_id: Some("l1".into()),
        title: "Travel: renew within 7 days".into(),
        body: String::new(),
        actions: Some(action_texts(baohao_core::planner::Lang::ZhCn)),
    };
    let keys = |v: Vec<(String, String)>| {
        v.into_iter()
            .map(|(k, l)| format!("{k}={l}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        keys(actions_for(&reminder, true)),
        ["default=", "renewed=我已续费", "snooze_1d=推迟 1 天"]
    );
    assert!(
        actions_for(&reminder, false).is_empty(),
        "no actions capability"
    );
    let summary = Notice {
        line_id: None,
        actions: None,
        ..reminder
    };
    assert_eq!(keys(actions_for(&summary, true)), ["default="]);
}

#[test]
fn a_chosen_action_goes_through_the_core_and_wakes_delivery() {
    use super::actions::{perform, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 5).unwrap(),
    ));
    let state = crate::open_state(
        dir.path().to_path_buf(),
        clock.clone(),
        Arc::new(RecordingServices::default()),
    );
    let id = {
        let mut s = state.lock_store().unwrap();
        s.create_line(
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
        .unwrap()
        .id
    };
    let seen = state.changes.current();
    let Outcome::Done(notice) = perform(&state, &id, "snooze_1d", None).unwrap() else {
        panic!("snooze_1d is an action");
    };
    assert_eq!(notice.line_id.as_deref(), Some(id.as_str()));
    assert_ne!(state.changes.current(), seen, "delivery is woken");
    let s = state.lock_store().unwrap();
    assert_eq!(
        s.line_reminder(&id).unwrap().snoozed_until,
        Some(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 5).unwrap())
    );
    drop(s);
    assert_eq!(
        perform(&state, &id, "default", None).unwrap(),
        Outcome::NotAnAction
    );
    assert!(perform(&state, "gone", "renewed", None).is_err());
}

/// Actions chosen on a phone while the app was not running reach the store at the next
/// start, in order, each confirmed; one without a line or with an unknown id changes nothing.
#[test]
fn actions_kept_while_closed_are_performed_at_start() {
    use super::actions::{perform_chosen, ChosenAction};
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 2, 7, 0, 0).unwrap(),
    ));
    let state = crate::open_state(
        dir.path().to_path_buf(),
        clock.clone(),
        Arc::new(RecordingServices::default()),
    );
    let id = {
        let mut s = state.lock_store().unwrap();
        s.create_line(
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
        .unwrap()
        .id
    };
    // What a fake plugin kept: chosen yesterday at 09:00:10 while the app was closed.
    let chosen_at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 10).unwrap();
    let kept = vec![
        ChosenAction {
            line_id: Some(id.clone()),
            action: "snooze_1d".into(),
            at: Some(chosen_at),
        },
        ChosenAction {
            line_id: Some(id.clone()),
            action: "renewed".into(),
            at: Some(chosen_at),
        },
        ChosenAction {
            line_id: None,
            action: "renewed".into(),
            at: None,
        },
        ChosenAction {
            line_id: Some(id.clone()),
            action: "bogus".into(),
            at: None,
        },
    ];
    let shown = Mutex::new(Vec::new());
    let show = |n: &Notice| {
        shown.lock().unwrap().push(n.title.clone());
        Ok(())
    };
    perform_chosen(&state, kept, &show);
    let s = state.lock_store().unwrap();
    // Counted from when it was chosen, not from the start.
    assert_eq!(
        s.line_reminder(&id).unwrap().snoozed_until,
        Some(chosen_at + chrono::Duration::days(1))
    );
    let events = s.list_events(&id).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].occurred_at, chosen_at);
    assert_eq!(
        *shown.lock().unwrap(),
        ["Travel: snoozed", "Travel: renewal logged"]
    );
}
