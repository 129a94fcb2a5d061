//! Reminders end to end: the real app with a test clock, a real D-Bus session with dunst, and
//! dbus-monitor recording every Notify call.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use baohao_e2e::{notifications, run, wait_for_notification, x11_window_shown, App, Launch};
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
