//! Every screen this UI has, with realistic data, at a phone's size (390×844) and a desktop
//! window's (1280×800), saved under target/e2e-screenshots/ for people to look at. Each
//! screen is checked to show what it is about before its picture is taken.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{App, Launch};
use serde_json::{json, Value};

fn event(app: &App, line: &Value, input: Value) {
    let mut e = json!({
        "occurredAt": "2026-01-10T10:00:00Z", "kind": "topup", "amount": null, "method": null,
        "channel": null, "reference": "", "note": "", "balanceAfter": null
    });
    for (k, v) in input.as_object().unwrap() {
        e[k] = v.clone();
    }
    app.invoke("event_add", json!({ "lineId": line["id"], "input": e }))
        .unwrap();
}

/// Clicks what may be under the sticky header or a toast at this window size (scrolled to
/// first, as a user would).
fn click(app: &App, css: &str) {
    app.find(css);
    app.execute(
        "const e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'}); e.click();",
        json!([css]),
    );
}

/// Goes to a route of the app, at the top of the page.
fn go(app: &App, hash: &str) {
    app.execute(
        "location.hash = arguments[0]; window.scrollTo(0, 0);",
        json!([hash]),
    );
}

fn line(app: &App, number: &str, label: &str, country: &str, carrier: Option<&str>) -> Value {
    app.invoke(
        "line_create",
        json!({ "input": {
            "number": number, "label": label, "country": country, "carrier": "",
            "carrierId": carrier, "simKind": "esim", "iccid": null, "tags": ["travel"], "notes": ""
        }}),
    )
    .unwrap()
}

#[test]
fn every_screen_at_phone_and_desktop_size() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();

    let giffgaff = line(
        &app,
        "07911 123456",
        "giffgaff UK",
        "GB",
        Some("preset:gb-giffgaff"),
    );
    event(
        &app,
        &giffgaff,
        json!({ "occurredAt": "2025-09-20T10:00:00Z", "kind": "call", "method": "app",
                "balanceAfter": { "minor": 320, "currency": "GBP" } }),
    );
    app.invoke(
        "line_set_low_balance",
        json!({ "id": giffgaff["id"], "threshold": { "minor": 500, "currency": "GBP" } }),
    )
    .unwrap();
    let smart = line(
        &app,
        "0912 345 6789",
        "Smart travel SIM",
        "PH",
        Some("preset:ph-smart"),
    );
    event(
        &app,
        &smart,
        json!({ "amount": { "minor": 5000, "currency": "PHP" }, "method": "app",
                "channel": "voucher", "reference": "SMRT-88213" }),
    );
    let hk = line(
        &app,
        "9123 4567",
        "香港 储值卡",
        "HK",
        Some("preset:hk-cmhk"),
    );
    event(
        &app,
        &hk,
        json!({ "occurredAt": "2025-08-30T10:00:00Z",
                "amount": { "minor": 5000, "currency": "HKD" } }),
    );

    // The numbers were added behind the UI's back: load it again.
    app.execute("location.reload()", json!([]));
    for (w, h, size) in [(390, 844, "390x844"), (1280, 800, "1280x800")] {
        app.set_window_size(w, h);
        go(&app, "#/");
        app.wait_count("[data-testid=line-item]", 3);
        app.screenshot(&format!("40-list-{size}"));

        let id = hk["id"].as_str().unwrap();
        go(&app, &format!("#/line/{id}"));
        app.wait_text("[data-testid=detail-number]", "+852 9123 4567");
        app.find("[data-testid=line-reminders] [data-testid=reminder-dismiss-nag]");
        app.execute("window.scrollTo(0, 0)", json!([]));
        app.screenshot(&format!("41-detail-overdue-{size}"));
        click(&app, "[data-testid=edit-rule]");
        app.find("[data-testid=rule-form] [data-testid=rule-tier-days]");
        app.screenshot(&format!("42-rule-editor-{size}"));
        app.execute(
            "document.querySelector('[data-testid=rule-form-close]')?.click()",
            json!([]),
        );

        let id = giffgaff["id"].as_str().unwrap();
        go(&app, &format!("#/line/{id}"));
        app.wait_text("[data-testid=detail-number]", "+44 7911 123456");
        app.find("[data-testid=balance-low]");
        app.find("[data-testid=detail-methods]");
        app.execute("window.scrollTo(0, 0)", json!([]));
        app.screenshot(&format!("43-detail-due-soon-{size}"));
        app.execute(
            "document.querySelector('[data-testid=detail-balance]').scrollIntoView()",
            json!([]),
        );
        app.screenshot(&format!("44-detail-balance-{size}"));
        click(&app, "[data-testid=renew-button]");
        app.find("[data-testid=renew-form] [data-testid=renew-amount]")
            .clear()
            .type_text("1.500");
        app.wait_text("[data-testid=renew-amount-reading]", "£1.50");
        app.screenshot(&format!("45-i-renewed-{size}"));
        go(&app, "#/new");
        app.find("[data-testid=line-form]");
        app.screenshot(&format!("46-add-form-{size}"));

        go(&app, "#/settings");
        app.find("[data-testid=settings-form]");
        app.wait_text("[data-testid=upcoming-list]", "香港 储值卡");
        app.screenshot(&format!("47-settings-{size}"));

        go(&app, "#/carriers/preset:de-aldi-talk");
        app.find("[data-testid=carrier-form] [data-testid=rule-tier-months]");
        app.screenshot(&format!("48-carrier-form-{size}"));
    }
    app.quit();
}
