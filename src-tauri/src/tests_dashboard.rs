//! The dashboard's commands through the real IPC layer (and the real capabilities), on a real
//! SQLite file: a query with only some keys, filters, the filter choices, a bulk renewal that
//! is all or nothing and names the line it failed on, clone, and the recycle bin.

use serde_json::{json, Value};

use super::{app, invoke, smart_input, TestApp};

fn add(t: &TestApp, number: &str, label: &str, tags: &[&str]) -> String {
    let mut input = smart_input(number);
    input["label"] = json!(label);
    input["tags"] = json!(tags);
    invoke(t, "line_create", json!({ "input": input })).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn labels(d: &Value) -> Vec<String> {
    ["needsAction", "others"]
        .iter()
        .flat_map(|k| d[k].as_array().unwrap().clone())
        .map(|i| i["summary"]["line"]["label"].as_str().unwrap().to_owned())
        .collect()
}

fn events(t: &TestApp, id: &str) -> usize {
    invoke(t, "event_list", json!({ "lineId": id }))
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn the_dashboard_filters_and_sorts_in_the_core() {
    let t = app();
    add(&t, "0912 345 6789", "Bravo", &["work"]);
    add(&t, "0917 000 1234", "alpha", &["travel"]);
    // Keys left out take their defaults (an older UI, or a hand-made call).
    let d = invoke(&t, "dashboard_get", json!({ "query": {} })).unwrap();
    assert_eq!(labels(&d), vec!["alpha", "Bravo"]);
    let d = invoke(
        &t,
        "dashboard_get",
        json!({ "query": { "tag": "WORK", "sort": "number" } }),
    )
    .unwrap();
    assert_eq!(labels(&d), vec!["Bravo"]);
    let d = invoke(
        &t,
        "dashboard_get",
        json!({ "query": { "statuses": ["unknown"], "sort": "number" } }),
    )
    .unwrap();
    assert_eq!(labels(&d), vec!["Bravo", "alpha"]);
    // A status or sort that does not exist is refused, named by its field.
    let err = invoke(&t, "dashboard_get", json!({ "query": { "sort": "price" } })).unwrap_err();
    assert_eq!(err["field"], "query");

    let f = invoke(&t, "line_facets", json!({})).unwrap();
    assert_eq!(
        f["tags"],
        json!([{ "value": "travel", "lines": 1 }, { "value": "work", "lines": 1 }])
    );
    assert_eq!(f["countries"], json!([{ "value": "PH", "lines": 2 }]));
    assert_eq!(f["carriers"][0]["key"], "text:Smart");

    let limits = invoke(&t, "limits_get", json!({})).unwrap();
    assert_eq!(limits["binDays"], 30);
}

#[test]
fn a_bulk_renewal_logs_one_event_per_line_or_none() {
    let t = app();
    let ids: Vec<String> = ["0912 345 6789", "0917 000 1234", "0918 111 2222"]
        .iter()
        .enumerate()
        .map(|(i, n)| add(&t, n, &format!("Line {i}"), &[]))
        .collect();
    let renewal = json!({ "kind": "renewal", "value": {
        "occurredAt": "2026-03-02T10:00:00Z", "kind": "topup",
        "amount": { "minor": 10000, "currency": "PHP" },
        "method": null, "channel": null, "reference": "", "note": "", "balanceAfter": null
    }});
    let mut with_bad = ids.clone();
    with_bad.insert(1, "gone".into());
    let err = invoke(
        &t,
        "lines_bulk",
        json!({ "ids": with_bad, "action": renewal }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found");
    assert_eq!(err["location"]["record"], "line");
    assert_eq!(err["location"]["index"], 1);
    assert_eq!(err["location"]["id"], "gone");
    assert!(ids.iter().all(|id| events(&t, id) == 0));

    let r = invoke(&t, "lines_bulk", json!({ "ids": ids, "action": renewal })).unwrap();
    assert_eq!(r["lines"], 3);
    assert!(ids.iter().all(|id| events(&t, id) == 1));

    invoke(
        &t,
        "lines_bulk",
        json!({ "ids": ids, "action": { "kind": "addTag", "value": "bank" } }),
    )
    .unwrap();
    let d = invoke(&t, "dashboard_get", json!({ "query": { "tag": "bank" } })).unwrap();
    assert_eq!(labels(&d).len(), 3);
    invoke(
        &t,
        "lines_bulk",
        json!({ "ids": &ids[..2], "action": { "kind": "archive" } }),
    )
    .unwrap();
    let d = invoke(&t, "dashboard_get", json!({ "query": {} })).unwrap();
    assert_eq!(labels(&d), vec!["Line 2"]);
}

#[test]
fn delete_goes_to_the_bin_and_comes_back_and_a_clone_takes_a_new_number() {
    let t = app();
    let id = add(&t, "0912 345 6789", "Main", &["travel"]);
    invoke(&t, "line_delete", json!({ "id": id })).unwrap();
    let d = invoke(&t, "dashboard_get", json!({ "query": {} })).unwrap();
    assert!(labels(&d).is_empty());
    let bin = invoke(&t, "bin_list", json!({})).unwrap();
    assert_eq!(bin[0]["line"]["id"], json!(id));
    assert_eq!(bin[0]["deletedAt"], "2026-03-03T09:00:00Z");
    assert_eq!(bin[0]["purgeAt"], "2026-04-02T09:00:00Z");
    // Not in the bin: deleting it forever is refused.
    let other = add(&t, "0917 000 1234", "Other", &[]);
    assert_eq!(
        invoke(&t, "line_purge", json!({ "id": other })).unwrap_err()["code"],
        "not_found"
    );
    let back = invoke(&t, "line_restore", json!({ "id": id })).unwrap();
    assert_eq!(back["deletedAt"], Value::Null);
    assert_eq!(
        labels(&invoke(&t, "dashboard_get", json!({ "query": {} })).unwrap()).len(),
        2
    );

    let copy = invoke(
        &t,
        "line_clone",
        json!({ "id": id, "number": "0918 111 2222", "label": "" }),
    )
    .unwrap();
    assert_eq!(copy["e164"], "+639181112222");
    assert_eq!(copy["label"], "Main");
    assert_eq!(copy["tags"], json!(["travel"]));
    let err = invoke(
        &t,
        "line_clone",
        json!({ "id": id, "number": "0917 000 1234", "label": "" }),
    )
    .unwrap_err();
    assert_eq!(
        (&err["code"], &err["field"]),
        (&json!("duplicate_number"), &json!("number"))
    );

    invoke(&t, "line_delete", json!({ "id": other })).unwrap();
    invoke(&t, "line_purge", json!({ "id": other })).unwrap();
    assert_eq!(invoke(&t, "bin_list", json!({})).unwrap(), json!([]));
}
