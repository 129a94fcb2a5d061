//! Keeping numbers for the least money, end to end: a mainland line whose balance runs down
//! shows how many months it covers from its log, and a promotion's remind-me date becomes a
//! real notification.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use baohao_e2e::{wait_for_notification, App, Launch};
use serde_json::json;

fn launch(dir: &std::path::Path, now: &str, width: u32, height: u32) -> App {
    let app = App::launch(&Launch {
        data_dir: dir.to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), now.into())],
        ..Launch::default()
    });
    app.set_window_size(width, height);
    app.wait_ready();
    app
}

fn body_text(app: &App) -> String {
    app.execute("return document.body.textContent", json!([]))
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_mainland_line_shows_the_months_its_balance_covers() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), "2026-01-15T04:00:00Z", 390, 844);
    let line = app
        .invoke(
            "line_create",
            json!({ "input": {
                "number": "+86 138 0013 8000", "label": "Mainland", "country": "CN",
                "carrier": "", "carrierId": "preset:cn-mobile",
                "simKind": "physical", "iccid": null, "tags": [], "notes": ""
            }}),
        )
        .unwrap();
    let id = line["id"].as_str().unwrap().to_owned();
    // The preset leaves the fee to the user: ¥8.00 on the 1st, as on the user's plan.
    app.invoke(
        "line_set_rule",
        json!({ "id": id, "rule": {
            "rule": { "kind": "balance", "fee": { "minor": 800, "currency": "CNY" }, "billingDay": 1 },
            "grace": { "mode": "restricted", "days": 60 },
            "zone": "Asia/Shanghai"
        }}),
    )
    .unwrap();
    // The log: a balance check of ¥38.00 today (15 Jan, noon in Shanghai).
    app.invoke(
        "event_add",
        json!({ "lineId": id, "input": {
            "occurredAt": "2026-01-15T04:00:00Z", "kind": "balance_check", "amount": null,
            "method": null, "channel": null, "reference": "", "note": "",
            "balanceAfter": { "minor": 3800, "currency": "CNY" }
        }}),
    )
    .unwrap();

    // What the core derives from that log…
    let summary = app.invoke("line_get", json!({ "id": id })).unwrap();
    let act_by = summary["actBy"].as_str().unwrap_or_default().to_owned();
    assert!(act_by.starts_with("2026-05-31T15:59:59"), "{summary}");

    // …is what the page says: four months, February to May, top up by 31 May.
    app.execute(
        "location.hash = arguments[0]",
        json!([format!("#/line/{id}")]),
    );
    app.find("[data-testid=line-detail]");
    app.wait_until("the balance forecast on the page", || {
        body_text(&app).contains("covers February to May")
    });
    let text = body_text(&app);
    assert!(text.contains("¥38.00"), "{text}");
    assert!(text.contains("31 May"), "{text}");
    app.screenshot("30-mainland-balance-phone");
    app.set_window_size(1280, 800);
    app.screenshot("30-mainland-balance-desktop");
    app.quit();
}

#[test]
fn a_promotions_remind_me_date_comes_as_a_real_notification() {
    let dir = tempfile::tempdir().unwrap();
    // Just before 09:00 UTC on the remind-me date.
    let app = launch(dir.path(), "2026-12-01T08:59:40Z", 390, 844);
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
                "number": "+852 5123 4567", "label": "HK card", "country": "HK",
                "carrier": "", "carrierId": "preset:hk-smartone",
                "simKind": "physical", "iccid": null, "tags": [], "notes": ""
            }}),
        )
        .unwrap();
    let id = line["id"].as_str().unwrap().to_owned();
    app.invoke(
        "promotion_add",
        json!({ "input": {
            "lineId": id, "carrierId": null,
            "text": "Double data on top-ups over HK$100 until 31 Dec",
            "remindOn": "2026-12-01", "expiresOn": "2026-12-31"
        }}),
    )
    .unwrap();

    let n = wait_for_notification("HK card", Duration::from_secs(60));
    assert!(
        format!("{} {}", n.title, n.body).contains("Double data"),
        "{n:?}"
    );
    app.quit();
}
