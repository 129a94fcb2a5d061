//! The planning views end to end in the real app: a few lines seeded through IPC, then the
//! renewal days, the forecast and the calendar show what the core computed for them (dates and
//! amounts read back from the same commands), with screenshots at a phone's size (390×844)
//! and a desktop window's (1280×800) under target/e2e-screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{App, Launch};
use serde_json::{json, Value};

fn go(app: &App, hash: &str) {
    app.execute(
        "location.hash = arguments[0]; window.scrollTo(0, 0);",
        json!([hash]),
    );
}

fn click(app: &App, css: &str) {
    app.find(css);
    app.execute(
        "const e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'}); e.click();",
        json!([css]),
    );
}

fn line(app: &App, number: &str, label: &str, country: &str, carrier: Option<&str>) -> Value {
    app.invoke(
        "line_create",
        json!({ "input": {
            "number": number, "label": label, "country": country, "carrier": "",
            "carrierId": carrier, "simKind": "physical", "iccid": null, "tags": [], "notes": ""
        }}),
    )
    .unwrap()
}

fn topup(app: &App, line: &Value, at: &str, minor: i64, currency: &str) {
    app.invoke(
        "event_add",
        json!({ "lineId": line["id"], "input": {
            "occurredAt": at, "kind": "topup",
            "amount": { "minor": minor, "currency": currency },
            "method": null, "channel": null, "reference": "", "note": "", "balanceAfter": null
        }}),
    )
    .unwrap();
}

/// An amount in minor units of a two-digit currency as the page may write it ("20.00" or
/// "20,00", whatever the OS number format).
fn shown(minor: i64, text: &str) -> bool {
    let (units, cents) = (minor / 100, minor % 100);
    text.contains(&format!("{units}.{cents:02}")) || text.contains(&format!("{units},{cents:02}"))
}

fn text_of_all(app: &App, css: &str) -> String {
    app.execute(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent).join(' | ')",
        json!([css]),
    )
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn both_sizes(app: &App, name: &str, ready: &str) {
    app.set_window_size(390, 844);
    app.find(ready);
    app.execute("window.scrollTo(0, 0)", json!([]));
    app.screenshot(&format!("{name}-phone"));
    app.set_window_size(1280, 800);
    app.find(ready);
    app.execute("window.scrollTo(0, 0)", json!([]));
    app.screenshot(&format!("{name}-desktop"));
}

#[test]
fn renewal_days_forecast_and_calendar_show_what_the_core_planned() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    app.invoke(
        "settings_set_policy",
        json!({ "policy": {
            "leadsDays": [7, 1], "timeOfDay": "09:00:00", "userZone": "Europe/London",
            "quietHours": null, "nagDaily": true, "balanceCheckEveryDays": null
        }}),
    )
    .unwrap();
    let giffgaff = line(
        &app,
        "+44 7911 123456",
        "giffgaff UK",
        "GB",
        Some("preset:gb-giffgaff"),
    );
    topup(&app, &giffgaff, "2025-10-10T10:00:00Z", 1000, "GBP");
    let asda = line(
        &app,
        "+44 7911 123458",
        "ASDA spare",
        "GB",
        Some("preset:gb-asda"),
    );
    topup(&app, &asda, "2025-11-20T10:00:00Z", 1000, "GBP");
    let aldi = line(
        &app,
        "+49 1511 2345678",
        "ALDI TALK",
        "DE",
        Some("preset:de-aldi-talk"),
    );
    topup(&app, &aldi, "2026-02-20T10:00:00Z", 1500, "EUR");
    // A card whose carrier reported one expiry date, this month.
    let card = line(&app, "+852 9123 4567", "HK card", "HK", None);
    app.invoke(
        "line_set_rule",
        json!({ "id": card["id"], "rule": {
            "rule": { "kind": "fixed_expiry", "expiresOn": "2026-03-20" },
            "grace": null, "zone": "Europe/London"
        }}),
    )
    .unwrap();

    // Renewal days: the page shows the core's days, first one first, with its reason.
    let plan = app
        .invoke(
            "renewal_days_get",
            json!({ "options": { "maxDaysEarly": null } }),
        )
        .unwrap();
    let days = plan["days"].as_array().unwrap();
    assert!(!days.is_empty(), "{plan}");
    let first = days[0]["date"].as_str().unwrap().to_owned();
    app.find("[data-testid=header-menu]").click();
    app.find("[data-testid=menu-renewal-days]").click();
    app.find("[data-testid=renewal-days-screen]");
    let shown_days = app.wait_count("[data-testid=renewal-day]", days.len());
    assert_eq!(
        shown_days[0].attr("data-date").as_deref(),
        Some(first.as_str())
    );
    let reason = app.text_of("[data-testid=renewal-day-reason]");
    assert_eq!(reason, days[0]["reasonText"]["en"].as_str().unwrap());
    let line_count: usize = days
        .iter()
        .map(|d| d["lines"].as_array().unwrap().len())
        .sum();
    app.wait_count("[data-testid=renewal-day-line]", line_count);
    both_sizes(&app, "60-renewal-days", "[data-testid=renewal-day]");

    // Forecast: the totals per currency are the core's, never added across currencies.
    let forecast = app.invoke("forecast_get", json!({})).unwrap();
    let totals = forecast["totals"].as_array().unwrap();
    assert!(totals.len() >= 2, "GBP and EUR: {forecast}");
    app.set_window_size(390, 844);
    go(&app, "#/forecast");
    app.wait_count("[data-testid=forecast-total]", totals.len());
    let text = text_of_all(&app, "[data-testid=forecast-total]");
    for money in totals {
        let minor = money["minor"].as_i64().unwrap();
        assert!(shown(minor, &text), "{money} in {text}");
    }
    app.wait_count("[data-testid=forecast-chart]", totals.len());
    app.wait_count(
        "[data-testid=forecast-month]",
        forecast["months"].as_array().unwrap().len(),
    );
    let actions = app.text_of("[data-testid=forecast-actions]");
    assert!(
        actions.contains(&forecast["actions"].as_u64().unwrap().to_string()),
        "{actions}"
    );
    both_sizes(&app, "61-forecast", "[data-testid=forecast-totals]");

    // Calendar: this month's list has the card's deadline on the 20th; the grid marks today.
    let agenda = app
        .invoke(
            "agenda_get",
            json!({ "range": { "year": 2026, "month": 3, "months": 1, "weekStart": "monday" } }),
        )
        .unwrap();
    let deadline = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"]["type"] == "deadline" && i["lineId"] == card["id"])
        .unwrap_or_else(|| panic!("no deadline for the card: {agenda}"));
    let date = deadline["date"].as_str().unwrap().to_owned();
    assert_eq!(date, "2026-03-20");
    app.set_window_size(390, 844);
    go(&app, "#/calendar");
    app.find("[data-testid=calendar-screen]");
    let day_css = format!("[data-testid=agenda-day][data-date=\"{date}\"]");
    app.find(&day_css);
    let entries = text_of_all(&app, &format!("{day_css} [data-kind=deadline]"));
    assert!(entries.contains("HK card"), "{entries}");
    app.wait_count(
        "[data-testid=agenda-day]",
        agenda["days"].as_array().unwrap().len(),
    );
    both_sizes(&app, "62-calendar-list", "[data-testid=calendar-list]");

    app.set_window_size(390, 844);
    click(&app, "[data-testid=calendar-view-month]");
    app.find("[data-testid=calendar-grid]");
    let today = plan["today"].as_str().unwrap();
    assert_eq!(today, "2026-03-03");
    let marked = app.execute(
        "return document.querySelector('[data-testid=calendar-grid] td[aria-current=date]')?.textContent.trim()",
        json!([]),
    );
    assert_eq!(marked, json!("3"));
    click(
        &app,
        &format!("[data-testid=calendar-day][data-date=\"{date}\"]"),
    );
    app.wait_text("[data-testid=calendar-selected]", "HK card");
    both_sizes(&app, "63-calendar-month", "[data-testid=calendar-grid]");

    // In Chinese: the core's own Chinese reasons, dates and amounts in the Chinese UI.
    app.set_window_size(390, 844);
    app.select("[data-testid=locale-switch]", "zh-CN");
    go(&app, "#/renewal-days");
    app.wait_text("h1", "续费日");
    let reason = app.text_of("[data-testid=renewal-day-reason]");
    assert_eq!(reason, days[0]["reasonText"]["zhCn"].as_str().unwrap());
    app.screenshot("64-renewal-days-zh-phone");
    go(&app, "#/forecast");
    app.wait_text("h1", "费用预测");
    app.find("[data-testid=forecast-totals]");
    app.screenshot("64-forecast-zh-phone");
    go(&app, "#/calendar");
    app.wait_text("h1", "日历");
    app.find("[data-testid=calendar-list]");
    app.screenshot("64-calendar-zh-phone");
    app.select("[data-testid=locale-switch]", "en");

    // An entry opens its line.
    go(&app, "#/calendar");
    click(&app, "[data-testid=calendar-view-month]");
    click(
        &app,
        &format!("[data-testid=calendar-day][data-date=\"{date}\"]"),
    );
    click(
        &app,
        "[data-testid=calendar-selected] [data-testid=agenda-entry]",
    );
    app.find("[data-testid=line-detail]");
    app.quit();
}
