//! The first start in the real app: a fresh data folder opens the introduction; a first number
//! with its carrier preset and last renewal is saved from one short form; the permission is
//! explained before it is asked; the list then shows the number with its deadline.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{App, Launch};
use serde_json::{json, Value};

fn launch(dir: &std::path::Path, width: u32, height: u32) -> App {
    let app = App::launch(&Launch {
        data_dir: dir.to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        onboarding: true,
        ..Launch::default()
    });
    app.set_window_size(width, height);
    app.wait_ready();
    app
}

/// Sets a date input the way a person picking a day does (WebKit's WebDriver cannot type
/// into one).
fn set_date(app: &App, css: &str, value: &str) {
    app.execute(
        "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
         el.dispatchEvent(new Event('input', { bubbles: true }));",
        json!([css, value]),
    );
}

#[test]
fn a_first_start_adds_a_number_with_its_carrier_and_last_renewal() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), 390, 844);
    app.find("[data-testid=onboarding]");
    app.screenshot("60-onboarding-welcome-390x844-en");
    app.find("[data-testid=onboarding-start]").click();

    let presets = app.invoke("carrier_list", json!({})).unwrap();
    let smart = presets
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["country"] == "PH")
        .cloned()
        .unwrap_or(Value::Null);
    let smart_id = smart["id"].as_str().expect("a carrier preset for PH");
    app.find("[data-testid=onboarding-number]")
        .type_text("0912 345 6789");
    app.find("[data-testid=onboarding-label]")
        .type_text("First SIM");
    app.find("[data-testid=onboarding-country] option[value=PH]");
    app.select("[data-testid=onboarding-country]", "PH");
    app.find(&format!(
        "[data-testid=onboarding-carrier] option[value='{smart_id}']"
    ));
    app.select("[data-testid=onboarding-carrier]", smart_id);
    set_date(&app, "[data-testid=onboarding-renewed]", "2026-02-01");
    app.screenshot("61-onboarding-number-390x844-en");
    app.find("[data-testid=onboarding-save]").click();

    // Why Baohao notifies comes before it asks.
    app.find("[data-testid=permission-screen]");
    app.screenshot("62-onboarding-permission-390x844-en");
    app.find("[data-testid=permission-later]").click();

    // The list shows the number with its deadline; the introduction does not come again.
    app.wait_text("[data-testid=line-item]", "First SIM");
    let lines = app.invoke("line_list", json!({ "query": {} })).unwrap();
    let line = &lines.as_array().unwrap()[0];
    assert_eq!(line["line"]["carrierId"], smart_id, "{line}");
    assert!(line["actBy"].is_string(), "a deadline: {line}");
    let events = app
        .invoke("event_list", json!({ "lineId": line["line"]["id"] }))
        .unwrap();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(
        events[0]["occurredAt"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-02-0")),
        "{events:?}"
    );
    let settings = app.invoke("settings_get", json!({})).unwrap();
    assert_eq!(settings["onboarding"], false);
    app.screenshot("63-onboarding-done-390x844-en");
    app.quit();

    // Started again: straight to the list.
    let app = launch(dir.path(), 390, 844);
    app.wait_text("[data-testid=line-item]", "First SIM");
    assert!(app.find_all("[data-testid=onboarding]").is_empty());
    app.quit();
}

#[test]
fn the_introduction_in_chinese_on_a_desktop_and_skipping_it() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), 1280, 800);
    app.select("[data-testid=locale-switch]", "zh-CN");
    app.wait_text("[data-testid=onboarding]", "添加第一个号码");
    app.screenshot("64-onboarding-welcome-1280x800-zh");
    app.find("[data-testid=onboarding-start]").click();
    app.find("[data-testid=onboarding-number]");
    app.screenshot("65-onboarding-number-1280x800-zh");
    app.set_window_size(390, 844);
    app.screenshot("66-onboarding-number-390x844-zh");
    app.find("[data-testid=onboarding-skip]").click();
    app.find("[data-testid=empty-state]");
    let settings = app.invoke("settings_get", json!({})).unwrap();
    assert_eq!(settings["onboarding"], false);
    app.quit();
}
