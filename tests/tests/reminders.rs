//! Reminders end to end: the real app with a test clock, a real D-Bus session with dunst, and
//! dbus-monitor recording every Notify call.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use baohao_e2e::{
    dunst_choose, notifications, run, wait_for_notification, x11_window_shown, App, Launch,
};
use serde_json::{json, Value};

fn launch(dir: &std::path::Path, now: &str) -> App {
    let app = App::launch(&Launch {
        data_dir: dir.to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), now.into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    app
}

fn policy(leads: &[u32]) -> Value {
    json!({ "policy": {
        "leadsDays": leads, "timeOfDay": "09:00:00", "userZone": "UTC",
        "quietHours": null, "nagDaily": true, "balanceCheckEveryDays": null
    }})
}

/// A line whose number expires on `date` (a fixed-expiry rule counted in UTC).
fn line_expiring(app: &App, number: &str, label: &str, date: &str) -> String {
    let line = app
        .invoke(
            "line_create",
            json!({ "input": {
                "number": number, "label": label, "country": "", "carrier": "", "carrierId": null,
                "simKind": "esim", "iccid": null, "tags": [], "notes": ""
            }}),
        )
        .unwrap();
    let id = line["id"].as_str().unwrap().to_owned();
    app.invoke(
        "line_set_rule",
        json!({ "id": id, "rule": {
            "rule": { "kind": "fixed_expiry", "expiresOn": date }, "grace": null, "zone": "UTC"
        }}),
    )
    .unwrap();
    id
}

/// Waits until the app's delivery pass has run at or after `at` (RFC 3339, UTC).
fn wait_for_pass(app: &App, at: &str) {
    app.wait_until(&format!("a reminder pass at or after {at}"), || {
        app.invoke("reminder_status", json!({}))
            .ok()
            .and_then(|s| s["lastCheck"].as_str().map(str::to_owned))
            .is_some_and(|last| last.as_str() >= at)
    });
}

#[test]
fn a_due_reminder_is_notified_once_and_a_tap_opens_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), "2026-03-01T08:59:35Z");
    app.invoke("settings_set_policy", policy(&[7])).unwrap();
    let id = line_expiring(&app, "+44 7911 123456", "Travel UK", "2026-03-08");

    // 7 days before 8 Mar, at 09:00 UTC: some 25 seconds after start on the test clock
    // (a margin for a slow start: the line must exist before 09:00 comes).
    let n = wait_for_notification("Travel UK", Duration::from_secs(60));
    assert!(n.title.contains("7 days"), "{n:?}");
    assert!(
        n.body.contains("+44 7911 123456") && n.body.contains("8 Mar"),
        "{n:?}"
    );

    // Tap it: dunst invokes the default action, the app opens that line.
    run("dunstctl", &["action", "0"]);
    app.find("[data-testid=line-detail]");
    app.wait_until("the window to be at the tapped line", || {
        app.execute("return location.hash", json!([]))
            .as_str()
            .is_some_and(|h| h.contains(&id))
    });
    app.wait_text("[data-testid=detail-number]", "+44 7911 123456");
    app.screenshot("20-tapped-notification");
    app.quit();

    // Restart after it was shown: it is not shown again.
    let app = launch(dir.path(), "2026-03-01T09:00:30Z");
    wait_for_pass(&app, "2026-03-01T09:00:30");
    let count = notifications()
        .iter()
        .filter(|n| n.title.contains("Travel UK"))
        .count();
    assert_eq!(count, 1, "{:?}", notifications());
    app.quit();
}

/// A line that must be topped up every 90 days, last topped up (€15) on `last_topup`.
fn line_rolling(app: &App, number: &str, label: &str, last_topup: &str) -> String {
    let line = app
        .invoke(
            "line_create",
            json!({ "input": {
                "number": number, "label": label, "country": "", "carrier": "", "carrierId": null,
                "simKind": "esim", "iccid": null, "tags": [], "notes": ""
            }}),
        )
        .unwrap();
    let id = line["id"].as_str().unwrap().to_owned();
    app.invoke(
        "line_set_rule",
        json!({ "id": id, "rule": {
            "rule": { "kind": "rolling", "period": { "days": 90 }, "qualifying": ["topup"] },
            "grace": null, "zone": "UTC"
        }}),
    )
    .unwrap();
    app.invoke(
        "event_add",
        json!({ "lineId": id, "input": {
            "occurredAt": last_topup, "kind": "topup",
            "amount": { "minor": 1500, "currency": "EUR" }, "method": null, "channel": null,
            "reference": "", "note": "", "balanceAfter": null
        }}),
    )
    .unwrap();
    id
}

fn act_by(app: &App, id: &str) -> String {
    app.invoke("line_get", json!({ "id": id })).unwrap()["actBy"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn i_renewed_and_snooze_work_from_the_notification_without_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), "2026-03-01T08:59:30Z");
    app.invoke("settings_set_policy", policy(&[7, 3])).unwrap();
    // Both due by 8 Mar (90 days after 8 Dec): their 7-day reminders come at 09:00.
    let renew = line_rolling(&app, "+44 7911 123460", "Renew me", "2025-12-08T10:00:00Z");
    let snooze = line_rolling(&app, "+44 7911 123461", "Snooze me", "2025-12-08T10:00:00Z");
    let before = act_by(&app, &renew);
    assert!(before.starts_with("2026-03-08"), "{before}");
    let hash = app
        .execute("return location.hash", json!([]))
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // The reminder names Baohao, shows its icon and offers both buttons (and a click).
    // Notifications other tests left on screen would be in dunst's menu too.
    run("dunstctl", &["close-all"]);
    let n = wait_for_notification("Renew me", Duration::from_secs(60));
    assert_eq!(n.app_name, "Baohao 保号", "{n:?}");
    assert!(
        n.icon.ends_with(".png") && std::path::Path::new(&n.icon).exists(),
        "{n:?}"
    );
    let keys: Vec<(&str, &str)> = n
        .actions
        .iter()
        .map(|(k, l)| (k.as_str(), l.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("default", ""),
            ("renewed", "I renewed"),
            ("snooze_1d", "Snooze 1 day")
        ],
        "{n:?}"
    );
    let s = wait_for_notification("Snooze me", Duration::from_secs(10));

    // dunst closes a notification after 10 s: choose first, check afterwards.
    // "I renewed" on one, "Snooze 1 day" on the other; each confirms.
    dunst_choose(&n.title, "renewed");
    let done = wait_for_notification("renewal logged", Duration::from_secs(20));
    dunst_choose(&s.title, "snooze_1d");
    let snoozed = wait_for_notification("snoozed", Duration::from_secs(20));
    app.screenshot("23-after-reminder-actions");

    // "I renewed": the renewal the form would start with is logged, the deadline moves 90
    // days on from today, and the window stays where it was.
    assert!(done.title.starts_with("Renew me"), "{done:?}");
    assert!(done.body.contains("30 May"), "{done:?}");
    assert!(done.actions.iter().all(|(k, _)| k == "default"), "{done:?}");
    let events = app
        .invoke("event_list", json!({ "lineId": renew }))
        .unwrap();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 2, "{events:?}");
    let logged = events
        .iter()
        .find(|e| {
            e["occurredAt"]
                .as_str()
                .is_some_and(|t| t.starts_with("2026-03-01"))
        })
        .unwrap_or_else(|| panic!("no renewal logged today: {events:?}"));
    assert_eq!(logged["kind"], "topup");
    assert_eq!(
        logged["amount"],
        json!({ "minor": 1500, "currency": "EUR" })
    );
    let after = act_by(&app, &renew);
    assert!(after.starts_with("2026-05-30"), "{after}");
    assert_eq!(
        app.execute("return location.hash", json!([]))
            .as_str()
            .unwrap_or_default(),
        hash,
        "the window was not sent anywhere"
    );

    // "Snooze 1 day": the line's next reminder comes a day later (not on 5 Mar, 3 days
    // before), nothing is logged.
    assert!(snoozed.title.starts_with("Snooze me"), "{snoozed:?}");
    let state = app
        .invoke("line_reminder_get", json!({ "lineId": snooze }))
        .unwrap();
    let until = state["snoozedUntil"].as_str().unwrap().to_owned();
    assert!(until.starts_with("2026-03-02T09:0"), "{state}");
    let upcoming = app
        .invoke("reminder_upcoming", json!({ "limit": 100 }))
        .unwrap();
    let next = upcoming
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["lineId"] == snooze.as_str())
        .and_then(|r| r["at"].as_str().map(str::to_owned));
    assert_eq!(next.as_deref(), Some(until.as_str()), "{upcoming}");
    let events = app
        .invoke("event_list", json!({ "lineId": snooze }))
        .unwrap();
    assert_eq!(events.as_array().unwrap().len(), 1);
    app.quit();
}

#[test]
fn reminders_missed_while_closed_come_as_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), "2026-03-01T08:00:00Z");
    app.invoke("settings_set_policy", policy(&[7, 3])).unwrap();
    line_expiring(&app, "+44 7911 123457", "Closed A", "2026-03-08");
    line_expiring(&app, "+44 7911 123458", "Closed B", "2026-03-09");
    wait_for_pass(&app, "2026-03-01T08:00:00");
    let before = notifications().len();
    app.quit();

    // Two days later: the 7-day reminders of both lines (1 and 2 Mar, 09:00) were missed.
    let app = launch(dir.path(), "2026-03-03T08:00:00Z");
    let n = wait_for_notification("closed", Duration::from_secs(30));
    assert!(n.title.contains('2'), "{n:?}");
    wait_for_pass(&app, "2026-03-03T08:00:00");
    let new: Vec<_> = notifications().into_iter().skip(before).collect();
    assert_eq!(new.len(), 1, "one summary, not a flood: {new:?}");
    assert!(!new[0].title.contains("Closed A"));
    app.find("[data-testid=line-list]");
    app.screenshot("21-after-catch-up");

    // Settings: permission granted on desktop, the upcoming reminders, a test notification.
    app.execute("location.hash = '#/settings'", json!([]));
    app.find("[data-testid=settings-screen]");
    let permission = app.find("[data-testid=settings-permission]");
    assert_eq!(
        permission.attr("data-permission").as_deref(),
        Some("granted")
    );
    app.wait_text("[data-testid=upcoming-list]", "Closed A");
    app.screenshot("22-settings");
    app.find("[data-testid=notification-test]").click();
    wait_for_notification("notifications work", Duration::from_secs(20));
    app.quit();
}

#[test]
fn with_the_window_closed_baohao_stays_in_the_tray_and_still_reminds() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), "2026-04-01T08:59:35Z");
    app.invoke("settings_set_policy", policy(&[3])).unwrap();
    line_expiring(&app, "+44 7911 123459", "Tray check", "2026-04-04");
    // Under Xvfb, with no window manager, the first WM_DELETE_WINDOW is now and then not
    // acted on (seen in about one run in six: the window stays mapped, the app keeps running;
    // the cause is not known). A user would click again, and so does the test, at most three
    // times; stderr says when it had to.
    let hidden = || x11_window_shown("Baohao 保号").is_ok_and(|shown| !shown);
    for attempt in 1..=3 {
        app.close_window();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !hidden() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if hidden() {
            break;
        }
        eprintln!("close attempt {attempt}: the window is still shown");
    }
    assert!(hidden(), "the window did not hide after three closes");
    // The window is gone, the process is not: the reminder still comes.
    let n = wait_for_notification("Tray check", Duration::from_secs(60));
    assert!(n.title.contains("3 days"), "{n:?}");
    assert!(app.process_alive());
    app.quit();
}
