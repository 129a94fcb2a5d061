//! Commands exercised through the real IPC layer on Tauri's mock runtime, plus the checks
//! that keep the command list, the generated bindings and the capabilities in agreement.

use std::sync::Arc;

use baohao_core::FixedClock;
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

use super::*;

struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    state: AppState,
    dir: tempfile::TempDir,
}

/// The instant every IPC test runs at.
fn test_now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap()
}

fn app() -> TestApp {
    app_in(tempfile::tempdir().unwrap())
}

/// The app on the data directory `dir` as it is (a test may put a database there first).
fn app_in(dir: tempfile::TempDir) -> TestApp {
    let clock = Arc::new(FixedClock::new(test_now()));
    let opener = Arc::new(platform::RecordingServices {
        log: Some(dir.path().join("opened.log")),
        ..Default::default()
    });
    let state = open_state(dir.path().to_path_buf(), clock, opener);
    let app = with_commands(mock_builder())
        // The real context, so the real capabilities (ACL) decide what the window may call.
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(state.clone());
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    TestApp {
        _app: app,
        window,
        state,
        dir,
    }
}

#[path = "tests_fixtures.rs"]
mod fixtures;

#[path = "tests_dashboard.rs"]
mod dashboard;

fn invoke(t: &TestApp, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_window(&t.window, cmd, args)
}

/// Calls a command through the real IPC layer, as the UI does.
fn invoke_window(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn smart_input(number: &str) -> Value {
    json!({
        "number": number, "label": "Smart main", "country": "PH", "carrier": "Smart",
        "simKind": "esim", "iccid": null, "tags": ["travel"], "notes": ""
    })
}

#[test]
fn create_then_list_through_ipc_and_into_the_real_file() {
    let t = app();
    let line = invoke(
        &t,
        "line_create",
        json!({ "input": smart_input("0912 345 6789") }),
    )
    .unwrap();
    assert_eq!(line["e164"], "+639123456789");
    assert_eq!(line["displayNumber"], "+63 912 345 6789");
    assert_eq!(line["simKind"], "esim");
    assert_eq!(line["createdAt"], "2026-03-03T09:00:00Z");

    let list = invoke(
        &t,
        "line_list",
        json!({ "query": { "search": "6789", "archive": "active" } }),
    )
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);

    // It is in the SQLite file, not only in memory.
    let conn = rusqlite_count(&t.dir.path().join(DB_FILE));
    assert_eq!(conn, 1);
}

fn rusqlite_count(path: &std::path::Path) -> i64 {
    let store = Store::open(path).unwrap();
    store.count_lines().unwrap()
}

#[test]
fn errors_are_structured_with_code_and_field() {
    let t = app();
    let err = invoke(&t, "line_create", json!({ "input": smart_input("12") })).unwrap_err();
    assert_eq!(err["code"], "invalid_number");
    assert_eq!(err["field"], "number");
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("not a valid phone number"));

    invoke(
        &t,
        "line_create",
        json!({ "input": smart_input("0912 345 6789") }),
    )
    .unwrap();
    let err = invoke(
        &t,
        "line_create",
        json!({ "input": smart_input("+639123456789") }),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("duplicate_number"), &json!("number"))
    );

    let mut long = smart_input("0917 000 1234");
    long["label"] = json!("x".repeat(100_000));
    let err = invoke(&t, "line_create", json!({ "input": long })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("too_long"), &json!("label"))
    );

    let err = invoke(&t, "line_get", json!({ "id": "'; DROP TABLE line; --" })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("not_found"), &json!("id"))
    );

    assert_eq!(rusqlite_count(&t.dir.path().join(DB_FILE)), 1);
}

#[test]
fn archive_update_and_delete_through_ipc() {
    let t = app();
    let line = invoke(
        &t,
        "line_create",
        json!({ "input": smart_input("0912 345 6789") }),
    )
    .unwrap();
    let id = line["id"].as_str().unwrap();
    let archived = invoke(
        &t,
        "line_set_archived",
        json!({ "id": id, "archived": true }),
    )
    .unwrap();
    assert!(archived["archivedAt"].is_string());
    let mut edit = smart_input("0912 345 6789");
    edit["label"] = json!("renamed 📱");
    let updated = invoke(&t, "line_update", json!({ "id": id, "input": edit })).unwrap();
    assert_eq!(updated["label"], "renamed 📱");
    assert_eq!(
        invoke(&t, "line_delete", json!({ "id": id })).unwrap(),
        Value::Null
    );
    let err = invoke(&t, "line_delete", json!({ "id": id })).unwrap_err();
    assert_eq!(err["code"], "not_found");
}

#[test]
fn app_info_and_countries() {
    let t = app();
    let info = invoke(&t, "app_info", json!({})).unwrap();
    assert_eq!(
        info["schemaVersion"],
        json!(baohao_core::store::latest_version())
    );
    let countries = invoke(&t, "country_list", json!({})).unwrap();
    assert!(countries
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "PH" && c["callingCode"] == 63));
}

#[test]
fn the_generated_bindings_are_up_to_date() {
    let fresh = bindings::render().unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(bindings::BINDINGS_PATH);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is stale: run `make bindings` and commit the result"
    );
}

#[test]
fn commands_bindings_and_capabilities_agree() {
    let fresh = bindings::render().unwrap();
    let mut generated: Vec<String> = fresh
        .split("TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_owned))
        .collect();
    generated.sort();
    let mut listed: Vec<String> = COMMANDS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        generated, listed,
        "command_names.rs and bindings::builder disagree"
    );

    // Each platform's capability holds only what that platform uses; together they allow
    // every command (a command no capability allows is unreachable).
    let caps = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut union = std::collections::BTreeSet::new();
    let mut per_file = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(caps).unwrap() {
        let path = entry.unwrap().path();
        let cap: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let allowed: std::collections::BTreeSet<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        for c in &allowed {
            assert!(
                listed.contains(c),
                "{} allows `{c}`, which is not a command",
                path.display()
            );
        }
        union.extend(allowed.iter().cloned());
        per_file.insert(cap["identifier"].as_str().unwrap().to_owned(), allowed);
    }
    let listed_set: std::collections::BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(union, listed_set, "some command is allowed on no platform");
    // Start at login exists on desktop only.
    assert!(per_file["desktop"].contains("settings_set_autostart"));
    assert!(!per_file["mobile"].contains("settings_set_autostart"));
    assert_eq!(
        per_file["desktop"]
            .difference(&per_file["mobile"])
            .collect::<Vec<_>>(),
        vec!["settings_set_autostart"],
        "the mobile capability lacks a command phones use"
    );
}

#[test]
fn renewals_through_ipc_move_the_deadline() {
    let t = app();
    let mut input = smart_input("07911 123456");
    input["country"] = json!("GB");
    input["carrierId"] = json!("preset:gb-giffgaff");
    let line = invoke(&t, "line_create", json!({ "input": input })).unwrap();
    let id = line["id"].as_str().unwrap();

    let before = invoke(&t, "line_get", json!({ "id": id })).unwrap();
    assert_eq!(before["ruleSource"], "carrier");
    // Six months away: nothing to do yet, so not in "needs action".
    let needs = json!({ "query": { "search": null, "archive": "active", "needsAction": true } });
    assert_eq!(invoke(&t, "line_list", needs).unwrap(), json!([]));
    assert_eq!(before["currencies"][0], "GBP");
    // Every way to renew comes with the URI its one-tap action opens (or none).
    let methods = before["carrier"]["renewalMethods"].as_array().unwrap();
    let actions = before["renewalActions"].as_array().unwrap();
    assert_eq!(actions.len(), methods.len());
    for (a, m) in actions.iter().zip(methods) {
        assert_eq!(&a["method"], m);
        if a["uri"].is_string() {
            let opened = invoke(&t, "renewal_action_open", json!({ "method": m })).unwrap();
            assert_eq!(opened, a["uri"]);
        }
    }
    assert_eq!(before["carrier"]["nameEn"], "giffgaff");

    let prefill = invoke(&t, "renewal_prefill_get", json!({ "lineId": id })).unwrap();
    assert_eq!(prefill["occurredAt"], "2026-03-03T09:00:00Z");
    let mut event = prefill.clone();
    event["kind"] = json!("topup");
    event["amount"] = json!({ "minor": 1000, "currency": "GBP" });
    event["reference"] = json!("GG-0001");
    let added = invoke(&t, "event_add", json!({ "lineId": id, "input": event })).unwrap();
    assert_eq!(added["reference"], "GG-0001");

    let after = invoke(&t, "line_get", json!({ "id": id })).unwrap();
    // 6 months after 3 Mar 2026 at 23:59:59 London time.
    assert_eq!(after["actBy"], "2026-09-03T22:59:59Z");
    assert_eq!(after["status"], "ok");
    assert!(after["explanation"]["en"]
        .as_str()
        .unwrap()
        .contains("London"));
    assert_eq!(after["lastRenewal"]["id"], added["id"]);

    // Delete and undo.
    invoke(&t, "event_delete", json!({ "id": added["id"] })).unwrap();
    assert_eq!(
        invoke(&t, "event_list", json!({ "lineId": id })).unwrap(),
        json!([])
    );
    invoke(&t, "event_restore", json!({ "id": added["id"] })).unwrap();
    assert_eq!(
        invoke(&t, "event_list", json!({ "lineId": id }))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Bad input: a structured error naming the field, nothing stored.
    let mut bad = event.clone();
    bad["amount"] = json!({ "minor": 1000, "currency": "ZZZ" });
    let err = invoke(&t, "event_add", json!({ "lineId": id, "input": bad })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_currency"), &json!("currency"))
    );
    let mut bad = event.clone();
    bad["occurredAt"] = json!("");
    let err = invoke(&t, "event_add", json!({ "lineId": id, "input": bad })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_value"), &json!("occurredAt"))
    );
    let mut bad = event.clone();
    bad["amount"] = json!({ "minor": 1e20, "currency": "GBP" });
    let err = invoke(&t, "event_add", json!({ "lineId": id, "input": bad })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_value"), &json!("amount"))
    );
    let mut bad = event;
    bad["occurredAt"] = json!("2099-01-01T00:00:00Z");
    let err = invoke(&t, "event_add", json!({ "lineId": id, "input": bad })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("out_of_range"), &json!("occurredAt"))
    );
    assert_eq!(
        invoke(&t, "event_list", json!({ "lineId": id }))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn carriers_through_ipc() {
    let t = app();
    let all = invoke(&t, "carrier_list", json!({})).unwrap();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 50, "{} presets", all.len());
    assert!(all
        .iter()
        .any(|c| c["id"] == "preset:hk-smartone" && c["confidence"] == "high"));

    let nonsense = json!({
        "nameEn": "giffgaff", "country": "GB", "zone": "Europe/London",
        "rule": { "kind": "rolling", "period": { "days": 0 }, "qualifying": ["call"] }
    });
    let err = invoke(
        &t,
        "carrier_update",
        json!({ "id": "preset:gb-giffgaff", "input": nonsense }),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("out_of_range"), &json!("period"))
    );

    let limits = invoke(&t, "limits_get", json!({})).unwrap();
    assert_eq!(limits["amount"], json!({ "min": 0, "max": 1_000_000_000 }));
    assert_eq!(limits["reminders"]["leadsMax"], 10);
    assert_eq!(limits["reminders"]["leadDays"]["max"], 365);
    assert_eq!(
        limits["reminders"]["defaultLeadsDays"],
        json!([30, 7, 3, 1, 0])
    );
    assert_eq!(
        limits["rule"]["periodMonths"],
        json!({ "min": 1, "max": 120 })
    );
    let zones = invoke(&t, "zone_list", json!({})).unwrap();
    assert!(zones["common"]
        .as_array()
        .unwrap()
        .contains(&json!("Europe/Berlin")));
    assert_eq!(zones["common"][0], zones["system"]);
    let countries = invoke(&t, "country_list", json!({})).unwrap();
    assert!(countries
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "DE" && c["currency"] == "EUR"));

    let currencies = invoke(&t, "currency_list", json!({})).unwrap();
    assert!(currencies
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "JPY" && c["exponent"] == 0));
}

#[test]
fn one_tap_actions_open_the_right_uri() {
    let t = app();
    let ussd = json!({ "kind": "ussd", "label": "Balance", "value": "*#131#" });
    assert_eq!(
        invoke(&t, "renewal_action_open", json!({ "method": ussd })).unwrap(),
        "tel:*%23131%23"
    );
    let shop = json!({ "kind": "shop", "label": "Any shop", "value": "" });
    let err = invoke(&t, "renewal_action_open", json!({ "method": shop })).unwrap_err();
    assert_eq!(err["code"], "nothing_to_open");
    let log = std::fs::read_to_string(t.dir.path().join("opened.log")).unwrap();
    assert_eq!(log, "tel:*%23131%23\n");
}

#[test]
fn reminder_settings_through_ipc() {
    let t = app();
    let settings = invoke(&t, "settings_get", json!({})).unwrap();
    assert_eq!(settings["policy"]["leadsDays"], json!([30, 7, 3, 1, 0]));
    assert_eq!(settings["policy"]["timeOfDay"], "09:00:00");
    assert_eq!(settings["permission"], "granted");
    assert_eq!(settings["platform"], "desktop");

    let mut policy = settings["policy"].clone();
    policy["leadsDays"] = json!([1, 7, 7, 400]);
    let err = invoke(&t, "settings_set_policy", json!({ "policy": policy })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("out_of_range"), &json!("leads"))
    );
    policy["leadsDays"] = json!([1, 7, 7]);
    policy["userZone"] = json!("Asia/Hong_Kong");
    policy["quietHours"] = json!({ "start": "22:00:00", "end": "08:00:00" });
    let saved = invoke(&t, "settings_set_policy", json!({ "policy": policy })).unwrap();
    assert_eq!(saved["policy"]["leadsDays"], json!([7, 1]));
    // What Tauri could not even parse comes back structured, naming the field.
    let bad = |key: &str, value: Value| {
        let mut p = policy.clone();
        p[key] = value;
        let err = invoke(&t, "settings_set_policy", json!({ "policy": p })).unwrap_err();
        (err["code"].clone(), err["field"].clone())
    };
    assert_eq!(
        bad("userZone", json!("Not/AZone")),
        (json!("invalid_zone"), json!("zone"))
    );
    assert_eq!(
        bad("timeOfDay", json!("")),
        (json!("invalid_value"), json!("timeOfDay"))
    );
    assert_eq!(
        bad("quietHours", json!({ "start": "22:00:00", "end": "" })),
        (json!("invalid_value"), json!("quietHours"))
    );
    assert_eq!(
        bad("balanceCheckEveryDays", json!(-1)),
        (json!("invalid_value"), json!("balanceCheckEvery"))
    );
    // The core's meaning of quiet hours that start when they end: none.
    policy["quietHours"] = json!({ "start": "08:00:00", "end": "08:00:00" });
    let saved = invoke(&t, "settings_set_policy", json!({ "policy": policy })).unwrap();
    assert_eq!(saved["policy"]["quietHours"], Value::Null);
    let err = invoke(&t, "settings_set_locale", json!({ "locale": "fr" })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_value"), &json!("locale"))
    );

    invoke(&t, "settings_set_locale", json!({ "locale": "zh_cn" })).unwrap();
    assert_eq!(
        invoke(&t, "settings_get", json!({})).unwrap()["locale"],
        "zh_cn"
    );
    invoke(&t, "notification_test", json!({})).unwrap();
    let enabled = invoke(&t, "settings_set_autostart", json!({ "enabled": true })).unwrap();
    assert_eq!(enabled["autostart"], true);
}

#[test]
fn snooze_mute_and_upcoming_reminders_through_ipc() {
    let t = app();
    let mut input = smart_input("07911 123456");
    input["country"] = json!("GB");
    input["carrierId"] = json!("preset:gb-giffgaff");
    let line = invoke(&t, "line_create", json!({ "input": input })).unwrap();
    let id = line["id"].as_str().unwrap();
    // With no activity logged the deadline is unknown: nothing to remind of yet. The line asks
    // for its last activity, and "today" is a ready answer.
    assert_eq!(
        invoke(&t, "reminder_upcoming", json!({ "limit": 10 })).unwrap(),
        json!([])
    );
    let summary = invoke(&t, "line_get", json!({ "id": id })).unwrap();
    assert_eq!(summary["status"], "unknown");
    assert_eq!(
        summary["evaluation"]["basis"]["kind"],
        "needs_last_activity"
    );
    let today = summary["needsLastActivity"]["today"].clone();
    assert_eq!(today["occurredAt"], "2026-03-03T09:00:00Z");
    invoke(&t, "event_add", json!({ "lineId": id, "input": today })).unwrap();

    let upcoming = invoke(&t, "reminder_upcoming", json!({ "limit": 10 })).unwrap();
    let upcoming = upcoming.as_array().unwrap();
    assert!(!upcoming.is_empty());
    assert_eq!(upcoming[0]["lineId"], id);
    assert!(upcoming[0]["title"]
        .as_str()
        .unwrap()
        .contains("Smart main"));

    let snoozed = invoke(
        &t,
        "line_snooze",
        json!({ "lineId": id, "choice": { "type": "three_days" } }),
    )
    .unwrap();
    assert_eq!(snoozed["snoozedUntil"], "2026-03-06T09:00:00Z");
    assert_eq!(snoozed["overrides"]["snoozedUntil"], "2026-03-06T09:00:00Z");
    assert_eq!(snoozed["nag"], "off");
    assert_eq!(snoozed["leadsDays"], json!([30, 7, 3, 1, 0]));
    let muted = invoke(&t, "line_reminder_set", json!({ "lineId": id, "overrides": { "leadsDays": null, "muted": true, "snoozedUntil": null, "nagDismissedFor": null } })).unwrap();
    assert_eq!(muted["overrides"]["muted"], true);
    assert_eq!(
        invoke(&t, "reminder_upcoming", json!({ "limit": 10 })).unwrap(),
        json!([])
    );

    let err = invoke(
        &t,
        "line_snooze",
        json!({ "lineId": "nope", "choice": { "type": "one_day" } }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
    // "Snooze until" today (3 Mar) is not in the future; tomorrow is the first date it takes.
    let state = invoke(&t, "line_reminder_get", json!({ "lineId": id })).unwrap();
    assert_eq!(state["snoozeFrom"], "2026-03-04");
    assert_eq!(state["snoozeTo"], "2027-03-03");
    let err = invoke(
        &t,
        "line_snooze",
        json!({ "lineId": id, "choice": { "type": "until", "date": "2026-03-03" } }),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("out_of_range"), &json!("snooze"))
    );
    let err = invoke(
        &t,
        "line_snooze",
        json!({ "lineId": id, "choice": { "type": "until", "date": "" } }),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("invalid_value"), &json!("snooze"))
    );
    assert_eq!(
        invoke(&t, "navigation_take", json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn plans_keep_costs_and_promotions_through_ipc() {
    let t = app();
    let mut input = smart_input("138 0013 8000");
    input["country"] = json!("CN");
    input["carrierId"] = json!("preset:cn-mobile");
    let line = invoke(&t, "line_create", json!({ "input": input })).unwrap();
    let id = line["id"].as_str().unwrap();

    // A mainland preset leaves the fee to the user: unknown until it is set, and so is the
    // keep cost.
    let summary = invoke(&t, "line_get", json!({ "id": id })).unwrap();
    assert_eq!(summary["evaluation"]["basis"]["kind"], "fee_not_set");
    assert_eq!(summary["carrier"]["confidence"], "medium");
    let cost = invoke(&t, "line_keep_cost", json!({ "lineId": id })).unwrap();
    assert_eq!(cost["basis"], "unknown");
    let mut rule = summary["rule"].clone();
    let err = invoke(&t, "line_set_rule", json!({ "id": id, "rule": rule })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("required"), &json!("fee"))
    );
    rule["rule"]["fee"] = json!({ "minor": 800, "currency": "CNY" });
    invoke(&t, "line_set_rule", json!({ "id": id, "rule": rule })).unwrap();
    // ¥38 on 3 Mar (10:00 in Shanghai): the fees of April to July → act by 31 Jul.
    let check = json!({
        "occurredAt": "2026-03-03T02:00:00Z", "kind": "balance_check", "amount": null,
        "method": null, "channel": null, "balanceAfter": { "minor": 3800, "currency": "CNY" }
    });
    invoke(&t, "event_add", json!({ "lineId": id, "input": check })).unwrap();
    let summary = invoke(&t, "line_get", json!({ "id": id })).unwrap();
    assert_eq!(summary["actBy"], "2026-07-31T15:59:59Z");
    assert_eq!(
        summary["evaluation"]["basis"]["balance"]["monthsCovered"],
        4
    );
    assert!(summary["explanation"]["en"]
        .as_str()
        .unwrap()
        .starts_with("¥38.00 left at ¥8.00 a month covers April to July: top up by 31 Jul"));
    let cost = invoke(&t, "line_keep_cost", json!({ "lineId": id })).unwrap();
    assert_eq!(cost["minimum"], json!({ "minor": 9600, "currency": "CNY" }));
    assert_eq!(cost["actions"], 12);

    // A plan with history.
    let plan = json!({
        "name": "8 元保号套餐", "price": { "minor": 800, "currency": "cny" },
        "period": { "months": 1 }, "dataMb": 100, "minutes": null, "sms": null,
        "autoRenew": true, "startedOn": "2026-01-01", "note": ""
    });
    let added = invoke(&t, "plan_add", json!({ "lineId": id, "input": plan })).unwrap();
    assert_eq!(added["price"]["currency"], "CNY");
    let mut next = plan.clone();
    next["name"] = json!("Next year");
    next["startedOn"] = json!("2027-01-01");
    let later = invoke(&t, "plan_add", json!({ "lineId": id, "input": next })).unwrap();
    let plans = invoke(&t, "plan_list", json!({ "lineId": id })).unwrap();
    assert_eq!(plans[0]["id"], later["id"]);
    assert_eq!(plans[0]["current"], false);
    assert_eq!(plans[1]["current"], true);
    let mut bad = plan.clone();
    bad["name"] = json!("");
    let err = invoke(&t, "plan_add", json!({ "lineId": id, "input": bad })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("required"), &json!("name"))
    );
    let mut edit = plan.clone();
    edit["dataMb"] = json!(200);
    let edited = invoke(
        &t,
        "plan_update",
        json!({ "id": added["id"], "input": edit }),
    )
    .unwrap();
    assert_eq!(edited["dataMb"], 200);
    invoke(&t, "plan_delete", json!({ "id": later["id"] })).unwrap();
    let err = invoke(&t, "plan_delete", json!({ "id": later["id"] })).unwrap_err();
    assert_eq!(err["code"], "not_found");

    // Promotions: on the line and on its carrier; the remind-me date is a one-off reminder.
    let promo = json!({
        "lineId": id, "carrierId": null, "text": "充 100 送 20",
        "remindOn": "2026-03-20", "expiresOn": "2026-12-31"
    });
    let p = invoke(&t, "promotion_add", json!({ "input": promo })).unwrap();
    assert_eq!(p["expired"], false);
    let carrier_promo = json!({
        "lineId": null, "carrierId": "preset:cn-mobile", "text": "Carrier offer",
        "remindOn": null, "expiresOn": "2026-03-01"
    });
    invoke(&t, "promotion_add", json!({ "input": carrier_promo })).unwrap();
    let listed = invoke(
        &t,
        "promotion_list",
        json!({ "lineId": id, "includeExpired": false }),
    )
    .unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "the expired one is hidden"
    );
    let all = invoke(
        &t,
        "promotion_list",
        json!({ "lineId": null, "includeExpired": true }),
    )
    .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    let upcoming = invoke(&t, "reminder_upcoming", json!({ "limit": 50 })).unwrap();
    let one_off = upcoming
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"]["type"] == "one_off")
        .expect("the promotion's reminder");
    assert_eq!(one_off["at"], "2026-03-20T09:00:00Z");
    assert!(one_off["body"].as_str().unwrap().contains("充 100 送 20"));
    let mut bad = promo.clone();
    bad["remindOn"] = json!("2027-01-01");
    let err = invoke(&t, "promotion_add", json!({ "input": bad })).unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("out_of_range"), &json!("remindOn"))
    );
    let mut both = promo.clone();
    both["carrierId"] = json!("preset:cn-mobile");
    let err = invoke(&t, "promotion_add", json!({ "input": both })).unwrap_err();
    assert_eq!(err["field"], "target");
    let mut edited = promo.clone();
    edited["text"] = json!("充 100 送 30");
    let e = invoke(
        &t,
        "promotion_update",
        json!({ "id": p["id"], "input": edited }),
    )
    .unwrap();
    assert_eq!(e["text"], "充 100 送 30");
    invoke(&t, "promotion_delete", json!({ "id": p["id"] })).unwrap();

    // The report: totals per currency.
    let report = invoke(&t, "keep_cost_report", json!({})).unwrap();
    assert_eq!(report["lines"].as_array().unwrap().len(), 1);
    assert_eq!(report["totals"][0]["currency"], "CNY");
    assert_eq!(report["totals"][0]["minimum"]["minor"], 9600);
    assert_eq!(report["unknownLines"], 0);
}
/// Recovery at start and the data commands (backups, CSV, calendar files) through IPC.
#[path = "tests_data.rs"]
mod data;
/// The planning views (renewal days, forecast, agenda) through IPC.
#[path = "tests_planning.rs"]
mod planning;
