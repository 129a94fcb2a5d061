//! The planning views through the real IPC layer, on a real SQLite file at a fixed instant
//! (3 Mar 2026 09:00 UTC), in the user's zone from the reminder policy.

use serde_json::{json, Value};

use super::{app, invoke, smart_input, TestApp};

/// A line of a preset carrier with one logged top-up.
fn line_with_topup(
    t: &TestApp,
    number: &str,
    label: &str,
    carrier: &str,
    at: &str,
    amount: Value,
) -> String {
    let mut input = smart_input(number);
    input["country"] = json!("GB");
    input["label"] = json!(label);
    input["carrierId"] = json!(carrier);
    let line = invoke(t, "line_create", json!({ "input": input })).unwrap();
    let id = line["id"].as_str().unwrap().to_owned();
    let event = json!({
        "occurredAt": at, "kind": "topup", "amount": amount, "method": "app",
        "channel": "bank_card", "reference": "", "note": "", "balanceAfter": null
    });
    invoke(t, "event_add", json!({ "lineId": id, "input": event })).unwrap();
    id
}

/// giffgaff due 12 Mar (London), SmarTone due 20 Mar (Hong Kong), and a line with no rule;
/// the user's zone is London.
fn three_lines(t: &TestApp) -> (String, String) {
    let mut policy = invoke(t, "settings_get", json!({})).unwrap()["policy"].clone();
    policy["userZone"] = json!("Europe/London");
    invoke(t, "settings_set_policy", json!({ "policy": policy })).unwrap();
    let gbp = json!({ "minor": 1000, "currency": "GBP" });
    let giffgaff = line_with_topup(
        t,
        "07911 123401",
        "giffgaff",
        "preset:gb-giffgaff",
        "2025-09-12T10:00:00Z",
        gbp,
    );
    let hkd = json!({ "minor": 5000, "currency": "HKD" });
    let smartone = line_with_topup(
        t,
        "07911 123402",
        "SmarTone",
        "preset:hk-smartone",
        "2025-03-20T04:00:00Z",
        hkd,
    );
    let mut none = smart_input("07911 123403");
    none["country"] = json!("GB");
    none["label"] = json!("Shop SIM");
    invoke(t, "line_create", json!({ "input": none })).unwrap();
    (giffgaff, smartone)
}

#[test]
fn renewal_days_through_ipc() {
    let t = app();
    let (giffgaff, smartone) = three_lines(&t);
    let plan = invoke(
        &t,
        "renewal_days_get",
        json!({ "options": { "maxDaysEarly": null } }),
    )
    .unwrap();
    assert_eq!(plan["zone"], "Europe/London");
    assert_eq!(plan["today"], "2026-03-03");
    let days = plan["days"].as_array().unwrap();
    assert_eq!(days.len(), 1, "{days:#?}");
    assert_eq!(days[0]["date"], "2026-03-12");
    assert_eq!(days[0]["renewBefore"], "2026-03-12T23:59:59Z");
    assert_eq!(
        days[0]["reason"],
        json!({ "type": "earliest_deadline", "lineId": giffgaff, "label": "giffgaff",
                "deadline": "2026-03-12", "count": 2 })
    );
    assert_eq!(
        days[0]["reasonText"]["en"],
        "The earliest deadline among these: giffgaff, 12 Mar"
    );
    assert_eq!(
        days[0]["reasonText"]["zhCn"],
        "其中期限最早的是 giffgaff：3月12日"
    );
    let lines = days[0]["lines"].as_array().unwrap();
    assert_eq!(lines[1]["lineId"], smartone);
    assert_eq!(lines[1]["deadline"], "2026-03-20");
    assert_eq!(lines[1]["daysEarly"], 8);
    assert_eq!(lines[1]["action"], "topup");
    assert_eq!(
        lines[1]["cost"],
        json!({ "minor": 5000, "currency": "HKD" })
    );
    assert_eq!(plan["leftOut"][0]["reason"], json!({ "type": "no_rule" }));
    assert_eq!(plan["leftOut"][0]["label"], "Shop SIM");

    // A week at most before each deadline: two days.
    let plan = invoke(
        &t,
        "renewal_days_get",
        json!({ "options": { "maxDaysEarly": 7 } }),
    )
    .unwrap();
    let dates: Vec<&Value> = plan["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["date"])
        .collect();
    assert_eq!(dates, vec!["2026-03-12", "2026-03-20"]);
    // The option may be left out.
    assert!(invoke(&t, "renewal_days_get", json!({ "options": {} })).is_ok());
}

#[test]
fn the_forecast_through_ipc() {
    let t = app();
    let (giffgaff, _) = three_lines(&t);
    let f = invoke(&t, "forecast_get", json!({})).unwrap();
    assert_eq!(
        (&f["from"], &f["to"]),
        (&json!("2026-03-03"), &json!("2027-03-03"))
    );
    assert_eq!(f["lines"][0]["lineId"], giffgaff);
    assert_eq!(
        f["lines"][0]["cadence"],
        json!({ "type": "after", "months": 6, "days": 0, "capDays": null, "stacks": false })
    );
    let dates: Vec<&Value> = f["lines"][0]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["date"])
        .collect();
    assert_eq!(dates, vec!["2026-03-12", "2026-09-12"]);
    assert_eq!(
        f["lines"][0]["periodCost"],
        json!({ "minor": 2000, "currency": "GBP" })
    );
    assert_eq!(f["lines"][0]["costSource"], "last_logged");
    assert_eq!(
        f["totals"],
        json!([{ "minor": 2000, "currency": "GBP" }, { "minor": 5000, "currency": "HKD" }])
    );
    assert_eq!(f["actions"], 3);
    assert_eq!(f["months"].as_array().unwrap().len(), 13);
    assert_eq!(f["months"][0]["actions"], 2);
    assert_eq!(f["leftOut"].as_array().unwrap().len(), 1);
}

#[test]
fn the_agenda_through_ipc() {
    let t = app();
    let (giffgaff, _) = three_lines(&t);
    let range = json!({ "year": 2026, "month": 3, "months": 1, "weekStart": "sunday" });
    let a = invoke(&t, "agenda_get", json!({ "range": range })).unwrap();
    assert_eq!(
        (&a["start"], &a["end"]),
        (&json!("2026-03-01"), &json!("2026-04-01"))
    );
    let items = a["items"].as_array().unwrap();
    let deadline = items
        .iter()
        .find(|i| i["lineId"] == giffgaff && i["kind"]["type"] == "deadline")
        .unwrap();
    assert_eq!(deadline["at"], "2026-03-12T23:59:59Z");
    assert_eq!(deadline["date"], "2026-03-12");
    assert!(items.iter().any(|i| i["lineId"] == giffgaff
        && i["kind"] == json!({ "type": "reminder", "id": i["kind"]["id"], "reminder": { "type": "due_today" } })
        && i["at"] == "2026-03-12T09:00:00Z"));
    let grid = &a["months"][0];
    assert_eq!(
        grid["weeks"][0][0]["date"], "2026-03-01",
        "weeks start on Sunday"
    );
    let twelfth = grid["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w.as_array().unwrap())
        .find(|d| d["date"] == "2026-03-12")
        .unwrap();
    assert_eq!(twelfth["deadlines"], 1);
    assert_eq!(twelfth["inMonth"], true);

    // A range the core does not accept: a structured error naming the query.
    for bad in [
        json!({ "year": 2026, "month": 13, "months": 1 }),
        json!({ "year": 2026, "month": 3, "months": 0 }),
        json!({ "year": 2026, "month": 3, "months": 25 }),
    ] {
        let err = invoke(&t, "agenda_get", json!({ "range": bad })).unwrap_err();
        assert_eq!(
            (&err["code"], &err["field"]),
            (&json!("out_of_range"), &json!("query"))
        );
    }
}

#[test]
fn no_lines_plan_nothing_through_ipc() {
    let t = app();
    let plan = invoke(&t, "renewal_days_get", json!({ "options": {} })).unwrap();
    assert_eq!((&plan["days"], &plan["leftOut"]), (&json!([]), &json!([])));
    let f = invoke(&t, "forecast_get", json!({})).unwrap();
    assert_eq!(
        (&f["lines"], &f["totals"], &f["actions"]),
        (&json!([]), &json!([]), &json!(0))
    );
    let a = invoke(
        &t,
        "agenda_get",
        json!({ "range": { "year": 2026, "month": 3, "months": 2 } }),
    )
    .unwrap();
    assert_eq!(a["items"], json!([]));
    assert_eq!(a["months"].as_array().unwrap().len(), 2);
}
