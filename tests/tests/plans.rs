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

/// Clicks what may be under the sticky header at this window size (scrolled to first, as a
/// user would).
fn click(app: &App, css: &str) {
    app.find(css);
    app.execute(
        "const e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'}); e.click();",
        json!([css]),
    );
}

/// Shows one part of the page below the sticky header, as a user scrolls to it, and waits
/// until it stays there (a page that has just been navigated to may still scroll itself).
fn scroll_to(app: &App, css: &str) {
    app.find(css);
    let mut steady = 0;
    app.wait_until(&format!("{css} to stay in view"), || {
        let in_view = app.execute(
            "const e = document.querySelector(arguments[0]);
             const top = e.getBoundingClientRect().top;
             if (top > 56 && top < 120) return true;
             e.scrollIntoView({block: 'start'}); window.scrollBy(0, -72);
             return false;",
            json!([css]),
        ) == json!(true);
        steady = if in_view { steady + 1 } else { 0 };
        steady >= 8
    });
}

#[test]
fn the_keep_costs_screen_shows_the_cores_totals_and_opens_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path(), "2026-03-03T10:00:00Z", 390, 844);
    let line = |number: &str, label: &str, country: &str, carrier: &str| {
        let l = app
            .invoke(
                "line_create",
                json!({ "input": {
                    "number": number, "label": label, "country": country, "carrier": "",
                    "carrierId": carrier, "simKind": "physical", "iccid": null, "tags": [],
                    "notes": ""
                }}),
            )
            .unwrap();
        l["id"].as_str().unwrap().to_owned()
    };
    let event = |id: &str, input: serde_json::Value| {
        let mut e = json!({
            "occurredAt": "2026-03-01T04:00:00Z", "kind": "topup", "amount": null,
            "method": null, "channel": null, "reference": "", "note": "", "balanceAfter": null
        });
        for (k, v) in input.as_object().unwrap() {
            e[k] = v.clone();
        }
        app.invoke("event_add", json!({ "lineId": id, "input": e }))
            .unwrap();
    };
    // A mainland number on ¥8.00 a month from its balance, on a plan…
    let cn = line("+86 138 0013 8000", "Mainland", "CN", "preset:cn-mobile");
    app.invoke(
        "line_set_rule",
        json!({ "id": cn, "rule": {
            "rule": { "kind": "balance", "fee": { "minor": 800, "currency": "CNY" }, "billingDay": 1 },
            "grace": { "mode": "restricted", "days": 60 },
            "zone": "Asia/Shanghai"
        }}),
    )
    .unwrap();
    event(
        &cn,
        json!({ "kind": "topup", "amount": { "minor": 5000, "currency": "CNY" },
                "occurredAt": "2025-12-01T04:00:00Z" }),
    );
    event(
        &cn,
        json!({ "kind": "balance_check", "balanceAfter": { "minor": 3800, "currency": "CNY" } }),
    );
    for (name, price, started) in [
        ("8 元保号套餐", 800, "2026-01-01"),
        ("畅享 58 元", 5800, "2024-06-01"),
    ] {
        app.invoke(
            "plan_add",
            json!({ "lineId": cn, "input": {
                "name": name, "price": { "minor": price, "currency": "CNY" },
                "period": { "months": 1 }, "dataMb": 2048, "minutes": 30, "sms": null,
                "autoRenew": true, "startedOn": started, "note": ""
            }}),
        )
        .unwrap();
    }
    // …and a Hong Kong card topped up with HK$100, with a promotion on it.
    let hk = line("+852 9123 4567", "HK card", "HK", "preset:hk-3hk");
    event(
        &hk,
        json!({ "amount": { "minor": 10000, "currency": "HKD" },
                "occurredAt": "2025-11-20T04:00:00Z" }),
    );
    app.invoke(
        "promotion_add",
        json!({ "input": {
            "lineId": hk, "carrierId": null,
            "text": "Double data on top-ups over HK$100 until 31 Mar",
            "remindOn": "2026-03-20", "expiresOn": "2026-03-31"
        }}),
    )
    .unwrap();

    // What the core answers: twelve fees of ¥8.00 from April to March, per currency.
    let report = app.invoke("keep_cost_report", json!({})).unwrap();
    let totals = report["totals"].as_array().unwrap();
    let cny = totals.iter().find(|t| t["currency"] == "CNY").unwrap();
    assert_eq!(cny["minimum"]["minor"], 9600, "{report}");
    assert!(totals.iter().any(|t| t["currency"] == "HKD"), "{report}");

    // The lines were added behind the UI's back: load it again, then open the screen from
    // the header's menu as a user does.
    app.execute("location.reload()", json!([]));
    app.wait_ready();
    app.find("[data-testid=header-menu]").click();
    app.find("[data-testid=menu-costs]").click();
    app.find("[data-testid=costs-screen]");
    let figure = app.wait_text(
        "[data-testid=costs-total][data-currency=CNY] [data-testid=costs-total-minimum]",
        "¥96.00",
    );
    assert!(figure.contains("¥96.00"), "{figure}");
    let totals_shown = app.find_all("[data-testid=costs-total]").len();
    assert_eq!(totals_shown, totals.len());

    for (w, h, size) in [(390, 844, "390x844"), (1280, 800, "1280x800")] {
        app.set_window_size(w, h);
        app.execute(
            "location.hash = '#/costs'; window.scrollTo(0, 0);",
            json!([]),
        );
        app.wait_text("[data-testid=costs-screen]", "¥96.00");
        app.screenshot(&format!("50-keep-costs-{size}"));

        // A tap on a row opens that number's page.
        click(
            &app,
            &format!("[data-testid=costs-line][data-line-id='{cn}']"),
        );
        app.wait_until("the mainland line's page", || {
            app.execute(
                "return document.querySelector('[data-testid=line-detail]')?.dataset.lineId ?? ''",
                json!([]),
            ) == json!(cn)
        });
        app.wait_text("[data-testid=plan-current]", "8 元保号套餐");
        scroll_to(&app, "[data-testid=plan-section]");
        app.screenshot(&format!("51-plan-{size}"));
        app.wait_text("[data-testid=keep-cost-minimum]", "¥96.00");
        scroll_to(&app, "[data-testid=keep-cost]");
        app.screenshot(&format!("52-keep-cost-{size}"));
        scroll_to(&app, "[data-testid=plan-section]");
        click(&app, "[data-testid=plan-add]");
        app.find("[data-testid=plan-form] [data-testid=plan-name]")
            .type_text("Saver");
        app.find("[data-testid=plan-form] [data-testid=plan-data]")
            .type_text("2GB");
        click(&app, "[data-testid=plan-save]");
        app.find("[data-testid=plan-error-allowance]");
        scroll_to(&app, "[data-testid=plan-form]");
        app.screenshot(&format!("53-plan-form-{size}"));

        app.execute(
            "location.hash = arguments[0]; window.scrollTo(0, 0);",
            json!([format!("#/line/{hk}")]),
        );
        app.wait_text("[data-testid=promo-row]", "Double data");
        scroll_to(&app, "[data-testid=promotions]");
        // Opens the form, again if the page was still settling and closed it.
        app.wait_until("the promotion form open and in view", || {
            app.execute(
                "if (!document.querySelector('[data-testid=promo-form]'))
                   document.querySelector('[data-testid=promo-add]')?.click();
                 const e = document.querySelector('[data-testid=promotions]');
                 e.scrollIntoView({block: 'start'}); window.scrollBy(0, -72);
                 return !!document.querySelector('[data-testid=promo-form]');",
                json!([]),
            ) == json!(true)
        });
        scroll_to(&app, "[data-testid=promotions]");
        app.find("[data-testid=promo-form]");
        app.screenshot(&format!("54-promotions-{size}"));
    }
    app.quit();
}
