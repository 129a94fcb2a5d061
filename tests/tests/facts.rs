//! What the user typed means what they meant, and the shell speaks the user's language:
//! - an amount typed in a German number format ("15,00") on ALDI TALK, whose validity depends
//!   on the amount (EUR 15 → 12 months), gives the deadline the carrier's rule gives for EUR 15;
//! - switching the UI to Chinese switches the tray menu (read from the session bus, as the
//!   desktop reads it) and the next notification (recorded by dbus-monitor).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use baohao_e2e::{wait_for_notification, App, Launch};
use serde_json::json;

#[test]
fn fifteen_euros_typed_in_german_format_give_aldi_talks_twelve_months() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![
            ("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into()),
            // The OS's number format: German (the shell reads LC_ALL, LC_MONETARY…).
            ("LC_ALL".into(), "de_DE.UTF-8".into()),
        ],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    let info = app.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["numberLocale"], "de-DE", "{info}");

    app.find("[data-testid=add-line]").click();
    app.find("[data-testid=line-form]");
    app.select("[data-testid=field-country]", "DE");
    app.find("[data-testid=field-number]")
        .type_text("01511 2345678");
    app.find("[data-testid=field-label]").type_text("ALDI");
    app.find("[data-testid=field-carrier-pick]").click();
    app.find("[data-testid=carrier-search]").type_text("ALDI");
    app.find("[data-testid=carrier-option][data-carrier-id='preset:de-aldi-talk']")
        .click();
    app.find("[data-testid=save-line]").click();
    app.wait_text("[data-testid=detail-number]", "+49 1511 2345678");

    app.find("[data-testid=renew-button]").click();
    app.find("[data-testid=renew-form]");
    app.select("[data-testid=renew-currency]", "EUR");
    // "1,500" is ambiguous: in German it is one and a half, and the field says so.
    app.find("[data-testid=renew-amount]")
        .clear()
        .type_text("1,500");
    app.wait_text("[data-testid=renew-amount-reading]", "1,50");
    app.screenshot("30-amount-read-as");
    app.find("[data-testid=renew-amount]")
        .clear()
        .type_text("15,00");
    app.wait_until("the reading note to go", || {
        app.find_all("[data-testid=renew-amount-reading]")
            .is_empty()
    });
    app.screenshot("31-i-renewed-15-euros");
    app.find("[data-testid=renew-save]").click();

    // EUR 15 reaches the EUR 15 tier: 12 months from 3 Mar 2026, 23:59 in Berlin. (Read as
    // 1,500.00 it would have reached the EUR 30 tier: 24 months.)
    let explanation = app.wait_text("[data-testid=detail-explanation]", "EUR 15 ");
    assert!(explanation.contains("12 months"), "{explanation}");
    assert!(explanation.contains("3 Mar 2027"), "{explanation}");
    let summary = app
        .invoke(
            "line_list",
            json!({ "query": { "search": null, "archive": "active" } }),
        )
        .unwrap();
    assert_eq!(summary[0]["actBy"], "2027-03-03T22:59:59Z", "{summary}");
    assert_eq!(summary[0]["lastRenewal"]["amount"]["minor"], 1500);
    // Shown back as typed, in the number format.
    app.wait_text("[data-testid=event-amount]", "15,00");
    app.screenshot("32-detail-after-15-euros");
    app.set_window_size(1280, 800);
    app.wait_text("[data-testid=event-amount]", "15,00");
    app.screenshot("33-detail-after-15-euros-desktop");
    app.quit();
}

#[test]
fn a_language_switch_reaches_the_tray_and_the_next_notification() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-01T08:58:50Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    app.invoke(
        "settings_set_policy",
        json!({ "policy": {
            "leadsDays": [7], "timeOfDay": "09:00:00", "userZone": "UTC",
            "quietHours": null, "nagDaily": true, "balanceCheckEveryDays": null
        }}),
    )
    .unwrap();
    let line = app
        .invoke(
            "line_create",
            json!({ "input": {
                "number": "+44 7911 123456", "label": "Language check", "country": "", "carrier": "",
                "carrierId": null, "simKind": "esim", "iccid": null, "tags": [], "notes": ""
            }}),
        )
        .unwrap();
    app.invoke(
        "line_set_rule",
        json!({ "id": line["id"], "rule": {
            "rule": { "kind": "fixed_expiry", "expiresOn": "2026-03-08" }, "grace": null,
            "zone": "UTC"
        }}),
    )
    .unwrap();

    let english = app.wait_tray(&["Open Baohao", "Next: Language check · 8 Mar", "Quit"]);
    assert_eq!(english.len(), 3, "{english:?}");

    // The user switches the UI to Chinese.
    app.select("[data-testid=locale-switch]", "zh-CN");
    app.wait_text("[data-testid=add-line]", "添加");
    let chinese = app.wait_tray(&["打开保号", "下一个：Language check · 3月8日", "退出"]);
    assert_eq!(chinese.len(), 3, "{chinese:?}");
    app.screenshot("34-list-zh-after-switch");

    // The next reminder (7 days before 8 Mar, 09:00 UTC) comes in Chinese.
    let n = wait_for_notification("Language check", Duration::from_secs(150));
    assert!(n.title.contains("7 天内需续费"), "{n:?}");
    assert!(n.body.contains("3月8日"), "{n:?}");
    // And back.
    app.select("[data-testid=locale-switch]", "en");
    app.wait_tray(&["Open Baohao", "Quit"]);
    app.quit();
}
