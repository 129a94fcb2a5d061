//! The dashboard in the real app: what needs action on top, filters that narrow the list, a
//! renewal logged for three numbers at once, delete → recycle bin → restore, and a clone with
//! a new number. Screenshots at a phone's and a desktop's size, in English and Chinese.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{App, Launch};
use serde_json::{json, Value};

/// Clicks what may be under the sticky header or a toast (scrolled to first, as a user would).
fn click(app: &App, css: &str) {
    app.find(css);
    app.execute(
        "const e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'}); e.click();",
        json!([css]),
    );
}

fn line(
    app: &App,
    number: &str,
    label: &str,
    country: &str,
    carrier: Option<&str>,
    tags: &[&str],
) -> String {
    app.invoke(
        "line_create",
        json!({ "input": {
            "number": number, "label": label, "country": country, "carrier": "",
            "carrierId": carrier, "simKind": "esim", "iccid": null, "tags": tags, "notes": ""
        }}),
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn topup(app: &App, id: &str, at: &str, minor: i64, currency: &str) {
    app.invoke(
        "event_add",
        json!({ "lineId": id, "input": {
            "occurredAt": at, "kind": "topup", "amount": { "minor": minor, "currency": currency },
            "method": null, "channel": null, "reference": "", "note": "", "balanceAfter": null
        }}),
    )
    .unwrap();
}

fn events(app: &App, id: &str) -> usize {
    app.invoke("event_list", json!({ "lineId": id }))
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

fn labels(app: &App) -> Vec<String> {
    let v = app.execute(
        "return [...document.querySelectorAll('[data-testid=line-label]')].map(e => e.textContent)",
        json!([]),
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// Waits until the page has painted twice, so a screenshot shows what the DOM says.
fn painted(app: &App) {
    app.execute(
        "window.__painted = false; requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = true; }));",
        json!([]),
    );
    app.wait_until("the page to paint", || {
        app.execute("return window.__painted === true", json!([])) == json!(true)
    });
}

/// Resizes the window and waits for the list of that layout.
fn resize(app: &App, width: u32, height: u32, lines: usize) {
    app.set_window_size(width, height);
    let split = width >= 1000;
    app.wait_until("the layout to change", || {
        app.execute("return !!document.querySelector('.split')", json!([])) == json!(split)
    });
    app.wait_count("[data-testid=line-item]", lines);
    painted(app);
}

/// Opens the filter panel (again, if the list was laid out anew after a resize).
fn open_filters(app: &App) {
    app.wait_until("the filters to open", || {
        let open = app.execute(
            "return document.querySelector('[data-testid=filters-toggle]')?.getAttribute('aria-expanded')",
            json!([]),
        );
        if open != json!("true") {
            click(app, "[data-testid=filters-toggle]");
        }
        !app.find_all("[data-testid=list-filters]").is_empty()
    });
}

fn shot(app: &App, name: &str) {
    painted(app);
    app.screenshot(name);
}

fn reload(app: &App) {
    app.execute(
        "document.documentElement.dataset.ready = ''; location.hash = '#/'; location.reload();",
        json!([]),
    );
    app.wait_ready();
}

#[test]
fn filters_bulk_renewal_bin_and_clone() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();

    // giffgaff renewed 170 days ago: due soon. The others are fine or have no rule.
    let gg = line(
        &app,
        "07911 123456",
        "giffgaff UK",
        "GB",
        Some("preset:gb-giffgaff"),
        &["travel"],
    );
    topup(&app, &gg, "2025-09-14T10:00:00Z", 1000, "GBP");
    let asda = line(
        &app,
        "07400 123456",
        "ASDA spare",
        "GB",
        Some("preset:gb-asda"),
        &[],
    );
    topup(&app, &asda, "2026-02-20T10:00:00Z", 500, "GBP");
    let smart = line(
        &app,
        "0912 345 6789",
        "Smart travel SIM",
        "PH",
        Some("preset:ph-smart"),
        &["travel", "bank"],
    );
    topup(&app, &smart, "2026-01-10T10:00:00Z", 10000, "PHP");
    let hk = line(
        &app,
        "+852 6123 4567",
        "3HK card",
        "HK",
        Some("preset:hk-3hk"),
        &[],
    );
    topup(&app, &hk, "2026-02-01T10:00:00Z", 5000, "HKD");
    reload(&app);

    // What needs action is on top, with its countdown and the next action's cost.
    app.find("[data-testid=needs-action-list]");
    app.wait_text(
        "[data-testid=needs-action-list] [data-testid=line-label]",
        "giffgaff UK",
    );
    app.wait_text(
        "[data-testid=needs-action-list] [data-testid=line-next]",
        "£10.00",
    );
    app.wait_count("[data-testid=line-item]", 4);
    shot(&app, "dashboard-01-phone-en");

    // Filters narrow the list: country, then tag.
    click(&app, "[data-testid=filters-toggle]");
    app.select("[data-testid=filter-country]", "GB");
    app.wait_count("[data-testid=line-item]", 2);
    let mut gb = labels(&app);
    gb.sort();
    assert_eq!(gb, vec!["ASDA spare", "giffgaff UK"]);
    shot(&app, "dashboard-02-filters-phone-en");
    app.select("[data-testid=filter-country]", "");
    app.select("[data-testid=filter-tag]", "bank");
    app.wait_count("[data-testid=line-item]", 1);
    assert_eq!(labels(&app), vec!["Smart travel SIM"]);
    click(&app, "[data-testid=clear-filters]");
    app.wait_count("[data-testid=line-item]", 4);
    click(&app, "[data-testid=filters-toggle]");

    // One renewal for three numbers: three events, one each.
    let before: Vec<usize> = [&gg, &asda, &hk]
        .iter()
        .map(|id| events(&app, id))
        .collect();
    click(&app, "[data-testid=select-toggle]");
    for id in [&gg, &asda, &hk] {
        click(
            &app,
            &format!("[data-line-id='{id}'] [data-testid=line-check]"),
        );
    }
    app.wait_text("[data-testid=line-count]", "3 selected");
    shot(&app, "dashboard-03-select-phone-en");
    click(&app, "[data-testid=bulk-renew]");
    app.find("[data-testid=bulk-renew-save]");
    shot(&app, "dashboard-04-bulk-renew-phone-en");
    click(&app, "[data-testid=bulk-renew-save]");
    app.wait_until("the bulk bar to close", || {
        app.find_all("[data-testid=bulk-bar]").is_empty()
    });
    let after: Vec<usize> = [&gg, &asda, &hk]
        .iter()
        .map(|id| events(&app, id))
        .collect();
    assert_eq!(after, before.iter().map(|n| n + 1).collect::<Vec<_>>());
    assert_eq!(events(&app, &smart), 1);
    // giffgaff was renewed: nothing needs action now.
    app.wait_until("the needs-action section to go", || {
        app.find_all("[data-testid=needs-action-list]").is_empty()
    });

    // Delete → the bin → restore.
    click(&app, &format!("[data-line-id='{asda}']"));
    app.wait_text("[data-testid=detail-number]", "+44 7400 123456");
    click(&app, "[data-testid=delete-line]");
    app.find("[data-testid=confirm-delete]");
    let body = app.execute(
        "return document.querySelector('[data-testid=confirm-delete]').closest('dialog, [role=dialog], [role=alertdialog]').textContent",
        json!([]),
    );
    assert!(
        body.as_str()
            .unwrap()
            .contains("restore it from there for 30 days"),
        "{body}"
    );
    click(&app, "[data-testid=confirm-delete]");
    app.wait_count("[data-testid=line-item]", 3);
    click(&app, "[data-testid=filter-bin]");
    app.wait_text("[data-testid=bin-item]", "ASDA spare");
    shot(&app, "dashboard-05-bin-phone-en");
    assert!(app
        .invoke("line_list", json!({ "query": { "archive": "all" } }))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["line"]["id"] != json!(asda)));
    click(&app, "[data-testid=bin-restore]");
    app.find("[data-testid=bin-empty]");
    click(&app, "[data-testid=filter-active]");
    app.wait_count("[data-testid=line-item]", 4);

    // Clone with a new number: same carrier and tags, no renewals.
    click(&app, &format!("[data-line-id='{smart}']"));
    app.wait_text("[data-testid=detail-number]", "+63 912 345 6789");
    click(&app, "[data-testid=clone-line]");
    app.find("[data-testid=clone-number]")
        .type_text("0917 000 1234");
    shot(&app, "dashboard-06-clone-phone-en");
    click(&app, "[data-testid=clone-save]");
    app.wait_text("[data-testid=detail-number]", "+63 917 000 1234");
    let all = app.invoke("line_list", json!({ "query": {} })).unwrap();
    let copy: &Value = all
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["line"]["e164"] == "+639170001234")
        .unwrap();
    assert_eq!(copy["line"]["carrierId"], "preset:ph-smart");
    assert_eq!(copy["line"]["tags"], json!(["travel", "bank"]));
    assert_eq!(copy["eventCount"], 0);

    // Desktop and Chinese.
    app.execute("location.hash = '#/'; window.scrollTo(0, 0);", json!([]));
    app.wait_count("[data-testid=line-item]", 5);
    resize(&app, 1280, 800, 5);
    click(&app, "[data-testid=filters-toggle]");
    shot(&app, "dashboard-07-desktop-en");
    click(&app, "[data-testid=filters-toggle]");
    app.select("[data-testid=locale-switch]", "zh-CN");
    app.wait_text("[data-testid=add-line]", "添加号码");
    click(&app, "[data-testid=select-toggle]");
    click(
        &app,
        &format!("[data-line-id='{gg}'] [data-testid=line-check]"),
    );
    shot(&app, "dashboard-08-desktop-zh");
    click(&app, "[data-testid=select-toggle]");
    app.set_window_size(390, 844);
    open_filters(&app);
    shot(&app, "dashboard-09-phone-zh");
    click(&app, "[data-testid=filters-toggle]");
    click(&app, "[data-testid=filter-bin]");
    app.find("[data-testid=bin-empty]");
    shot(&app, "dashboard-10-bin-phone-zh");
    app.select("[data-testid=locale-switch]", "en");
    app.quit();
}

#[test]
fn ten_thousand_lines_render_only_what_is_visible() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    // 300 numbers through IPC keep the set-up short; the windowing is the same for any count
    // (the component test renders 10,000).
    for i in 0..300u32 {
        line(
            &app,
            &format!("0917 {:03} {:04}", 100 + i / 100, 1000 + i),
            &format!("Line {i:04}"),
            "PH",
            Some("preset:ph-smart"),
            &[],
        );
    }
    reload(&app);
    let list = app.find("[data-testid=other-lines]");
    assert_eq!(list.attr("data-count").as_deref(), Some("300"));
    let rendered = app.find_all("[data-testid=line-item]").len();
    assert!((5..40).contains(&rendered), "{rendered} rows rendered");
    // Scrolling to the end renders the end.
    app.execute("window.scrollTo(0, document.body.scrollHeight);", json!([]));
    app.wait_until("the last row to render", || {
        labels(&app).iter().any(|l| l == "Line 0299")
    });
    assert!(app.find_all("[data-testid=line-item]").len() < 40);
    shot(&app, "dashboard-11-many-phone-en");
    app.quit();
}
