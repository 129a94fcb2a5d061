//! Fixtures for the UI, generated from the real core through the real IPC layer, so the
//! browser dev mode and the UI tests never run on a hand-written copy of the backend:
//!
//! - `replay.json`: commands and what they answered (results and structured errors) on a
//!   sample of numbers at a fixed instant, per state ("sample", after a renewal, nothing
//!   saved). The dev backend (`ui/src/lib/dev/mock.ts`) only replays these.
//! - `rules.json`: every preset's rule and generated rules of every kind, as the core
//!   normalizes them, for the rule editor's round-trip test.
//!
//! `UPDATE_FIXTURES=1 cargo test -p baohao ... the_ui_fixtures_are_up_to_date` (or
//! `make fixtures`) rewrites them; without it the test fails when they are stale.

use std::collections::BTreeMap;
use std::sync::Arc;

use baohao_core::carrier::presets;
use baohao_core::event::CURRENCIES;
use baohao_core::rules::rule::CHARGED_CHOICES;
use baohao_core::rules::{Grace, GraceMode, KeepAliveRule, Period, RuleSpec, Tier};
use baohao_core::{EventKind, FixedClock, Money, Store};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

use super::invoke_window;
use crate::state::{AppState, StaticInfo};
use crate::{platform, with_commands, DB_FILE};

/// Where the fixtures live, relative to this crate.
const FIXTURES_DIR: &str = "../ui/src/lib/dev/fixtures";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap()
}

/// One recorded call.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    /// The state it was made in ("*": any).
    state: String,
    /// The notification language it was made with, for answers that depend on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    cmd: String,
    args: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    ok: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    err: Option<Value>,
    /// The state a write leads to.
    #[serde(skip_serializing_if = "Option::is_none")]
    then: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Replay {
    /// The instant every answer was computed at.
    now: DateTime<Utc>,
    /// The sample's lines, by name, for tests.
    lines: BTreeMap<String, String>,
    calls: Vec<Entry>,
}

struct Recorder {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    clock: Arc<FixedClock>,
    _dir: tempfile::TempDir,
    state: String,
    lang: Option<String>,
    calls: Vec<Entry>,
}

impl Recorder {
    fn new(state: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(now()));
        let store = Store::open(&dir.path().join(DB_FILE))
            .unwrap()
            .with_sequential_ids();
        let app_state = AppState::new(
            store,
            clock.clone(),
            StaticInfo {
                // What app_info shows; the files themselves are in the temporary directory.
                data_dir: "/home/you/.local/share/app.baohao".into(),
                ..StaticInfo::new(dir.path(), DB_FILE)
            },
            Arc::new(platform::RecordingServices::default()),
        )
        .with_system_zone(chrono_tz::Europe::London);
        let app = with_commands(mock_builder())
            .build(tauri::generate_context!())
            .unwrap();
        app.manage(app_state);
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let mut r = Self {
            _app: app,
            window,
            clock,
            _dir: dir,
            state: state.to_owned(),
            lang: None,
            calls: Vec::new(),
        };
        r.set_lang("en");
        r
    }

    fn raw(&self, cmd: &str, args: &Value) -> Result<Value, Value> {
        invoke_window(&self.window, cmd, args.clone())
    }

    fn push(
        &mut self,
        state: &str,
        lang: Option<String>,
        cmd: &str,
        args: Value,
        out: Result<Value, Value>,
        then: Option<String>,
    ) {
        let (ok, err) = match out {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(e)),
        };
        self.calls.push(Entry {
            state: state.to_owned(),
            lang,
            cmd: cmd.to_owned(),
            args,
            ok,
            err,
            then,
        });
    }

    /// A read, recorded in the current state.
    fn read(&mut self, cmd: &str, args: Value) -> Result<Value, Value> {
        let out = self.raw(cmd, &args);
        let state = self.state.clone();
        self.push(&state, None, cmd, args, out.clone(), None);
        out
    }

    /// A read whose answer depends on the notification language.
    fn read_in(&mut self, lang: &str, cmd: &str, args: Value) {
        self.set_lang(lang);
        let out = self.raw(cmd, &args);
        let state = self.state.clone();
        self.push(&state, Some(lang.to_owned()), cmd, args, out, None);
    }

    /// A read or an error that does not depend on the state.
    fn any_state(&mut self, cmd: &str, args: Value) -> Result<Value, Value> {
        let out = self.raw(cmd, &args);
        self.push("*", None, cmd, args, out.clone(), None);
        out
    }

    /// A write the dev backend may replay: it leads to `then`.
    fn write(&mut self, cmd: &str, args: Value, then: &str) -> Value {
        let out = self.raw(cmd, &args);
        let state = self.state.clone();
        self.push(&state, None, cmd, args, out.clone(), Some(then.to_owned()));
        self.state = then.to_owned();
        out.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Set-up that is not recorded.
    fn setup(&self, cmd: &str, args: Value) -> Value {
        self.raw(cmd, &args)
            .unwrap_or_else(|e| panic!("set-up {cmd} {args}: {e}"))
    }

    fn set_lang(&mut self, lang: &str) {
        self.setup("settings_set_locale", json!({ "locale": lang }));
        self.lang = Some(lang.to_owned());
    }

    /// Everything a screen reads, in the current state.
    fn snapshot(&mut self, lines: &[String]) {
        // The list's tabs and searches, as the UI asks for them.
        for (archive, needs) in [
            ("active", false),
            ("active", true),
            ("archived", false),
            ("all", false),
        ] {
            self.read(
                "line_list",
                json!({ "query": { "search": null, "archive": archive, "needsAction": needs } }),
            )
            .unwrap();
        }
        for search in ["gif", "zzz"] {
            self.read(
                "line_list",
                json!({ "query": { "search": search, "archive": "active", "needsAction": false } }),
            )
            .unwrap();
        }
        // The dashboard, as its tabs, filters and sorts ask for it (every key, as the UI
        // sends them).
        let dashboard = |search: Option<&str>, archive: &str, needs: bool, patch: Value| {
            let mut q = json!({
                "search": search, "archive": archive, "needsAction": needs, "statuses": [],
                "tag": null, "country": null, "carrier": null, "sort": "urgency"
            });
            for (k, v) in patch.as_object().unwrap() {
                q[k] = v.clone();
            }
            json!({ "query": q })
        };
        for args in [
            dashboard(None, "active", false, json!({})),
            dashboard(None, "active", true, json!({})),
            dashboard(None, "archived", false, json!({})),
            dashboard(Some("gif"), "active", false, json!({})),
            dashboard(Some("zzz"), "active", false, json!({})),
            dashboard(None, "active", false, json!({ "country": "GB" })),
            dashboard(None, "active", false, json!({ "tag": "travel" })),
            dashboard(None, "active", false, json!({ "statuses": ["overdue"] })),
            dashboard(
                None,
                "active",
                false,
                json!({ "statuses": ["lost"], "tag": "PayPal" }),
            ),
            dashboard(None, "active", false, json!({ "sort": "label" })),
        ] {
            self.read("dashboard_get", args).unwrap();
        }
        self.read("line_facets", json!({})).unwrap();
        self.read("bin_list", json!({})).unwrap();
        for id in lines {
            self.read("line_get", json!({ "id": id })).unwrap();
            self.read("event_list", json!({ "lineId": id })).unwrap();
            self.read("line_reminder_get", json!({ "lineId": id }))
                .unwrap();
            self.read("renewal_prefill_get", json!({ "lineId": id }))
                .unwrap();
            self.read("plan_list", json!({ "lineId": id })).unwrap();
            self.read("line_keep_cost", json!({ "lineId": id }))
                .unwrap();
            self.read(
                "promotion_list",
                json!({ "lineId": id, "includeExpired": false }),
            )
            .unwrap();
        }
        self.read("keep_cost_report", json!({})).unwrap();
        self.read("reminder_status", json!({})).unwrap();
        // The planning screens: renewal days, the forecast, and the calendar from the month
        // before `now` to two months after (as the calendar pages through them).
        self.read(
            "renewal_days_get",
            json!({ "options": { "maxDaysEarly": null } }),
        )
        .unwrap();
        self.read("forecast_get", json!({})).unwrap();
        for month in 2..=5 {
            self.read(
                "agenda_get",
                json!({ "range": { "year": 2026, "month": month, "months": 1, "weekStart": "monday" } }),
            )
            .unwrap();
        }
        for lang in ["en", "zh_cn"] {
            self.read_in(lang, "settings_get", json!({}));
            self.read_in(lang, "reminder_upcoming", json!({ "limit": 10 }));
        }
        self.set_lang("en");
    }
}

fn line_input(
    number: &str,
    label: &str,
    country: &str,
    carrier: &str,
    carrier_id: Option<&str>,
) -> Value {
    json!({
        "number": number, "label": label, "country": country, "carrier": carrier,
        "carrierId": carrier_id, "simKind": "physical", "iccid": null, "tags": [], "notes": ""
    })
}

fn ago(days: i64, hour: u32) -> String {
    let d = (now() - Duration::days(days)).date_naive();
    d.and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn event(kind: &str, days: i64, amount: Option<(i64, &str)>) -> Value {
    json!({
        "occurredAt": ago(days, 10), "kind": kind,
        "amount": amount.map(|(minor, c)| json!({ "minor": minor, "currency": c })),
        "method": null, "channel": null, "reference": "", "note": "", "balanceAfter": null
    })
}

/// The sample: a number of each status and kind of rule, as the dev mode shows them.
fn sample(r: &mut Recorder) -> BTreeMap<String, String> {
    r.setup(
        "settings_set_policy",
        json!({ "policy": {
            "leadsDays": [30, 7, 3, 1, 0], "timeOfDay": "09:00:00", "userZone": "Europe/London",
            "quietHours": { "start": "22:00:00", "end": "08:00:00" }, "nagDaily": true,
            "balanceCheckEveryDays": null
        }}),
    );
    // The numbers were added long ago.
    r.clock.set(now() - Duration::days(900));
    let mut lines = BTreeMap::new();
    let mut add = |r: &mut Recorder, name: &str, mut input: Value, patch: Value| {
        for (k, v) in patch.as_object().unwrap() {
            input[k] = v.clone();
        }
        let line = r.setup("line_create", json!({ "input": input }));
        lines.insert(name.to_owned(), line["id"].as_str().unwrap().to_owned());
    };
    add(
        r,
        "smart",
        line_input(
            "+63 912 345 6789",
            "Smart travel SIM",
            "PH",
            "Smart",
            Some("preset:ph-smart"),
        ),
        json!({ "tags": ["travel", "bank OTP"], "iccid": "8963012345678901234",
                "notes": "Load ₱50 once a year to keep it." }),
    );
    add(
        r,
        "giffgaff",
        line_input(
            "+44 7911 123456",
            "giffgaff UK",
            "GB",
            "giffgaff",
            Some("preset:gb-giffgaff"),
        ),
        json!({ "tags": ["PayPal"] }),
    );
    add(
        r,
        "3hk",
        line_input(
            "+852 9123 4567",
            "香港 3HK 储值卡",
            "HK",
            "3HK",
            Some("preset:hk-3hk"),
        ),
        json!({ "tags": ["WhatsApp", "工作"], "simKind": "esim" }),
    );
    add(
        r,
        "ultra",
        line_input(
            "+1 646 555 0143",
            "Ultra PayGo",
            "US",
            "Ultra Mobile",
            Some("preset:us-ultra"),
        ),
        json!({ "simKind": "esim" }),
    );
    add(
        r,
        "asda",
        line_input(
            "+44 7911 123458",
            "Old ASDA number",
            "GB",
            "ASDA Mobile",
            Some("preset:gb-asda"),
        ),
        json!({}),
    );
    add(
        r,
        "spare",
        line_input("+65 9123 4567", "Singapore spare", "SG", "Lebara", None),
        json!({}),
    );
    add(
        r,
        "aldi",
        line_input(
            "+49 1511 2345678",
            "ALDI TALK",
            "DE",
            "ALDI TALK",
            Some("preset:de-aldi-talk"),
        ),
        json!({}),
    );
    add(
        r,
        "cmhk",
        line_input(
            "+852 6123 4567",
            "Old CMHK card",
            "HK",
            "CMHK",
            Some("preset:hk-cmhk"),
        ),
        json!({}),
    );
    r.clock.set(now() - Duration::days(200));
    r.setup(
        "line_set_archived",
        json!({ "id": lines["cmhk"], "archived": true }),
    );
    r.clock.set(now());

    let id = |name: &str| lines[name].clone();
    let log = |r: &Recorder, name: &str, mut e: Value, patch: Value| {
        for (k, v) in patch.as_object().unwrap() {
            e[k] = v.clone();
        }
        r.setup("event_add", json!({ "lineId": id(name), "input": e }));
    };
    log(
        r,
        "smart",
        event("topup", 100, Some((5000, "PHP"))),
        json!({ "method": "app", "channel": "voucher", "reference": "SMRT-88213",
                "balanceAfter": { "minor": 6250, "currency": "PHP" } }),
    );
    log(
        r,
        "smart",
        event("topup", 480, Some((5000, "PHP"))),
        json!({}),
    );
    log(
        r,
        "giffgaff",
        event("call", 171, None),
        json!({ "method": "app", "note": "Called the voicemail, 1 min",
                "balanceAfter": { "minor": 320, "currency": "GBP" } }),
    );
    log(
        r,
        "giffgaff",
        event("topup", 380, Some((1000, "GBP"))),
        json!({ "method": "web", "channel": "paypal", "reference": "GG-4410-2291" }),
    );
    log(
        r,
        "3hk",
        event("topup", 183, Some((10000, "HKD"))),
        json!({ "method": "shop", "channel": "alipay", "reference": "7-Eleven 0192",
                "note": "储值卡，7-Eleven 购买" }),
    );
    log(
        r,
        "ultra",
        event("plan_payment", 12, Some((300, "USD"))),
        json!({ "method": "auto_renew", "channel": "bank_card" }),
    );
    log(
        r,
        "asda",
        event("topup", 300, Some((1000, "GBP"))),
        json!({ "method": "shop" }),
    );
    log(
        r,
        "aldi",
        event("topup", 40, Some((1500, "EUR"))),
        json!({ "method": "app", "channel": "bank_card" }),
    );
    r.setup(
        "line_set_low_balance",
        json!({ "id": id("giffgaff"), "threshold": { "minor": 500, "currency": "GBP" } }),
    );
    r.setup(
        "line_set_rule",
        json!({ "id": id("3hk"), "rule": {
            "rule": { "kind": "topup_validity", "tiers": [
                { "minAmount": { "minor": 5000, "currency": "HKD" }, "days": 90, "months": 0 },
                { "minAmount": { "minor": 10000, "currency": "HKD" }, "days": 180, "months": 0 }
            ], "stack": false, "capDays": null },
            "grace": { "days": 30, "months": 0, "mode": "restricted" },
            "zone": "Asia/Hong_Kong"
        }}),
    );
    // A plan on the Ultra number (its keep cost comes from the plan's price), an older one
    // in its history, and promotions on a number and on a carrier.
    for (name, price, started) in [
        ("PayGo $3", 300, "2025-06-01"),
        ("PayGo $5", 500, "2024-01-01"),
    ] {
        r.setup(
            "plan_add",
            json!({ "lineId": id("ultra"), "input": {
                "name": name, "price": { "minor": price, "currency": "USD" },
                "period": { "months": 1 }, "dataMb": 1024, "minutes": 100, "sms": null,
                "autoRenew": true, "startedOn": started, "note": ""
            }}),
        );
    }
    r.setup(
        "promotion_add",
        json!({ "input": {
            "lineId": id("3hk"), "carrierId": null,
            "text": "Double data on top-ups over HK$100", "remindOn": "2026-03-20",
            "expiresOn": "2026-03-31"
        }}),
    );
    r.setup(
        "promotion_add",
        json!({ "input": {
            "lineId": null, "carrierId": "preset:hk-3hk",
            "text": "HK$10 off the yearly card at 7-Eleven", "remindOn": null,
            "expiresOn": null
        }}),
    );
    r.setup(
        "line_reminder_set",
        json!({ "lineId": id("ultra"), "overrides": {
            "leadsDays": [7, 1], "muted": false, "snoozedUntil": null, "nagDismissedFor": null
        }}),
    );
    lines
}

/// Errors the core gives for bad input, as the UI receives them.
fn errors(r: &mut Recorder, lines: &BTreeMap<String, String>) {
    let giffgaff = &lines["giffgaff"];
    let bad_line = |patch: Value| {
        let mut input = line_input("+44 7911 123459", "Spare", "GB", "", None);
        for (k, v) in patch.as_object().unwrap() {
            input[k] = v.clone();
        }
        json!({ "input": input })
    };
    let cases: Vec<(&str, Value)> = vec![
        ("line_create", bad_line(json!({ "number": "12" }))),
        (
            "line_create",
            bad_line(json!({ "number": "+44 7911 123456" })),
        ),
        ("line_create", bad_line(json!({ "label": "" }))),
        ("line_create", bad_line(json!({ "label": "x".repeat(81) }))),
        ("line_create", bad_line(json!({ "iccid": "1234" }))),
        ("line_get", json!({ "id": "missing" })),
        // Files: one that is not there, a path a dialog never gives, and a recovery choice
        // while the database is open.
        (
            "backup_preview",
            json!({ "path": "/nonexistent/baohao-backup.json", "mode": "merge" }),
        ),
        ("csv_read", json!({ "path": "numbers.csv" })),
        ("recovery_restore_latest", json!({})),
    ];
    for (cmd, args) in cases {
        r.any_state(cmd, args).unwrap_err();
    }
    // A calendar month out of range (the calendar's error state).
    r.any_state(
        "agenda_get",
        json!({ "range": { "year": 2026, "month": 13, "months": 1, "weekStart": "monday" } }),
    )
    .unwrap_err();
    let renewal = r
        .raw("renewal_prefill_get", &json!({ "lineId": giffgaff }))
        .unwrap();
    let bad_event = |patch: Value| {
        let mut input = renewal.clone();
        for (k, v) in patch.as_object().unwrap() {
            input[k] = v.clone();
        }
        json!({ "lineId": giffgaff, "input": input })
    };
    for patch in [
        json!({ "amount": { "minor": 1000, "currency": "ZZZ" } }),
        json!({ "amount": { "minor": -500, "currency": "GBP" } }),
        json!({ "amount": { "minor": 100_000_000_000_i64, "currency": "GBP" } }),
        json!({ "occurredAt": "" }),
        json!({ "occurredAt": "2099-01-01T00:00:00Z" }),
        json!({ "reference": "x".repeat(121) }),
        json!({ "balanceAfter": { "minor": -2_000_000_000_i64, "currency": "GBP" } }),
    ] {
        r.any_state("event_add", bad_event(patch)).unwrap_err();
    }
    let rule = |rule: Value, zone: &str| json!({ "id": giffgaff, "rule": { "rule": rule, "grace": null, "zone": zone } });
    for args in [
        rule(
            json!({ "kind": "topup_validity", "tiers": [
                { "minAmount": { "minor": 10000, "currency": "HKD" }, "days": 180, "months": 0 },
                { "minAmount": { "minor": 5000, "currency": "HKD" }, "days": 90, "months": 0 }
            ], "stack": false, "capDays": null }),
            "Asia/Hong_Kong",
        ),
        rule(
            json!({ "kind": "rolling", "period": { "days": 180 }, "qualifying": ["call"] }),
            "Mars/Olympus",
        ),
        rule(
            json!({ "kind": "rolling", "period": { "days": 0 }, "qualifying": ["call"] }),
            "UTC",
        ),
        rule(
            json!({ "kind": "rolling", "period": { "months": 6 }, "qualifying": [] }),
            "UTC",
        ),
    ] {
        r.any_state("line_set_rule", args).unwrap_err();
    }
    let settings = r.raw("settings_get", &json!({})).unwrap();
    for (key, value) in [
        ("userZone", json!("Mars/Base")),
        ("leadsDays", json!([400])),
        ("leadsDays", json!([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
        ("balanceCheckEveryDays", json!(0)),
        ("timeOfDay", json!("")),
    ] {
        let mut policy = settings["policy"].clone();
        policy[key] = value;
        r.any_state("settings_set_policy", json!({ "policy": policy }))
            .unwrap_err();
    }
    r.any_state(
        "line_snooze",
        json!({ "lineId": giffgaff, "choice": { "type": "until", "date": "2026-03-03" } }),
    )
    .unwrap_err();
    r.any_state(
        "line_set_low_balance",
        json!({ "id": giffgaff, "threshold": { "minor": 500, "currency": "" } }),
    )
    .unwrap_err();
    r.any_state(
        "renewal_action_open",
        json!({ "method": { "kind": "shop", "label": "Any shop", "value": "", "keyword": null } }),
    )
    .unwrap_err();
    r.any_state(
        "plan_add",
        json!({ "lineId": giffgaff, "input": {
            "name": "", "price": null, "period": null, "dataMb": null, "minutes": null,
            "sms": null, "autoRenew": false, "startedOn": "2026-03-01", "note": ""
        }}),
    )
    .unwrap_err();
    r.any_state(
        "promotion_add",
        json!({ "input": {
            "lineId": giffgaff, "carrierId": null, "text": "Double data",
            "remindOn": "2026-05-01", "expiresOn": "2026-04-01"
        }}),
    )
    .unwrap_err();
    r.any_state(
        "carrier_update",
        json!({ "id": "preset:gb-giffgaff", "input": {
            "basedOn": null, "nameEn": "", "nameZh": "", "country": "GB", "zone": "Europe/London",
            "rule": null, "grace": null, "renewalMethods": [], "balanceCheck": null, "notes": ""
        }}),
    )
    .unwrap_err();
}

fn replay() -> Replay {
    let mut r = Recorder::new("sample");
    let lines = sample(&mut r);
    let ids: Vec<String> = lines.values().cloned().collect();

    // What does not change with the data.
    for cmd in [
        "app_info",
        "country_list",
        "currency_list",
        "limits_get",
        "zone_list",
        "carrier_list",
        "navigation_take",
        "recovery_status",
        "auto_backups_list",
    ] {
        r.any_state(cmd, json!({})).unwrap();
    }
    for kind in [
        "backup",
        "linesCsv",
        "eventsCsv",
        "calendar",
        "lineCalendar",
        "csvTemplate",
    ] {
        r.any_state("export_file_name", json!({ "kind": kind }))
            .unwrap();
    }
    // The database's path is the temporary folder's; the fixture says where a typical one is.
    if let Some(status) = r.calls.iter_mut().find(|c| c.cmd == "recovery_status") {
        if let Some(ok) = status.ok.as_mut() {
            ok["databasePath"] = json!("/home/you/.local/share/app.baohao/baohao.db");
        }
    }
    // The app's own facts are the machine's; the fixture says what a typical one would.
    if let Some(info) = r.calls.iter_mut().find(|c| c.cmd == "app_info") {
        if let Some(ok) = info.ok.as_mut() {
            ok["locale"] = json!("en-GB");
            ok["numberLocale"] = json!("en-GB");
        }
    }
    errors(&mut r, &lines);
    r.any_state("notification_test", json!({})).unwrap();
    for enabled in [true, false] {
        r.any_state("settings_set_autostart", json!({ "enabled": enabled }))
            .unwrap();
    }
    r.snapshot(&ids);

    // "I renewed" on the giffgaff number, saved as the form opens: the renewed state.
    let prefill = r
        .raw(
            "renewal_prefill_get",
            &json!({ "lineId": lines["giffgaff"] }),
        )
        .unwrap();
    r.write(
        "event_add",
        json!({ "lineId": lines["giffgaff"], "input": prefill }),
        "renewed",
    );
    r.snapshot(&ids);

    // The spare number deleted: in the recycle bin.
    r.write("line_delete", json!({ "id": lines["spare"] }), "binned");
    r.read("bin_list", json!({})).unwrap();
    r.read(
        "dashboard_get",
        json!({ "query": {
            "search": null, "archive": "active", "needsAction": false, "statuses": [],
            "tag": null, "country": null, "carrier": null, "sort": "urgency"
        }}),
    )
    .unwrap();
    r.read("line_facets", json!({})).unwrap();
    // A bulk action that names the line it failed on.
    r.any_state(
        "lines_bulk",
        json!({ "ids": [lines["giffgaff"], "no-such-line"], "action": { "kind": "archive" } }),
    )
    .unwrap_err();

    // Nothing saved yet.
    let mut empty = Recorder::new("empty");
    empty.setup(
        "settings_set_policy",
        json!({ "policy": {
            "leadsDays": [30, 7, 3, 1, 0], "timeOfDay": "09:00:00", "userZone": "Europe/London",
            "quietHours": null, "nagDaily": true, "balanceCheckEveryDays": null
        }}),
    );
    empty.snapshot(&[]);

    let mut calls = r.calls;
    calls.extend(empty.calls);
    Replay {
        now: now(),
        lines,
        calls,
    }
}

/// A small deterministic generator (xorshift), so the generated rules are the same each run.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u32 {
        u32::try_from(self.next() % n).unwrap()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Rules of every kind with varied values: periods in days or months, tiers and grace stages
/// with both months and days, stacking with and without a cap, currencies with 0, 2 and 3
/// decimals and amounts that use them, anchors, expiry dates. Only what the core accepts,
/// normalized as it returns it.
fn generated_rules() -> Vec<RuleSpec> {
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    let zones = [
        "Europe/London",
        "Asia/Hong_Kong",
        "America/New_York",
        "Asia/Tokyo",
        "UTC",
    ];
    let currencies: Vec<&str> = ["EUR", "JPY", "BHD", "HKD", "IDR", "KRW", "GBP"].to_vec();
    let modes = [
        GraceMode::Restricted,
        GraceMode::IncomingOnly,
        GraceMode::Grace,
    ];
    let mut out = Vec::new();
    for i in 0..60 {
        let period = if g.below(2) == 0 {
            Period::Days(1 + g.below(3650))
        } else {
            Period::Months(1 + g.below(120))
        };
        let rule = match i % 5 {
            0 => {
                let mut q: Vec<EventKind> = EventKind::ALL
                    .iter()
                    .copied()
                    .filter(|_| g.below(2) == 0)
                    .collect();
                if q.is_empty() {
                    q.push(EventKind::Call);
                }
                let charged = q
                    .iter()
                    .copied()
                    .filter(|k| CHARGED_CHOICES.contains(k) && g.below(2) == 0)
                    .collect();
                KeepAliveRule::Rolling {
                    period,
                    qualifying: q,
                    charged,
                }
            }
            1 => {
                let currency = *g.pick(&currencies);
                let n = 1 + g.below(4);
                let mut minor = 0i64;
                let tiers = (0..n)
                    .map(|_| {
                        minor += 1 + i64::from(g.below(50_000));
                        let (days, months) = match g.below(3) {
                            0 => (1 + g.below(400), 0),
                            1 => (0, 1 + g.below(24)),
                            _ => (1 + g.below(30), 1 + g.below(12)),
                        };
                        Tier {
                            min_amount: Money::new(minor, currency),
                            days,
                            months,
                        }
                    })
                    .collect();
                let stack = g.below(2) == 0;
                KeepAliveRule::TopupValidity {
                    tiers,
                    stack,
                    cap_days: (stack && g.below(2) == 0).then(|| 1 + g.below(3650)),
                }
            }
            2 => KeepAliveRule::FixedExpiry {
                expires_on: NaiveDate::from_ymd_opt(
                    1990 + g.below(80) as i32,
                    1 + g.below(12),
                    1 + g.below(28),
                )
                .unwrap(),
            },
            3 => KeepAliveRule::Balance {
                fee: {
                    let currency: &str = g.pick::<&str>(&currencies);
                    Some(Money::new(1 + i64::from(g.below(20_000)), currency))
                },
                billing_day: 1 + g.below(31),
            },
            _ => KeepAliveRule::RecurringPlan {
                period,
                anchor: (g.below(2) == 0).then(|| {
                    NaiveDate::from_ymd_opt(
                        2020 + g.below(10) as i32,
                        1 + g.below(12),
                        1 + g.below(31).min(27),
                    )
                    .unwrap()
                }),
            },
        };
        let grace = match g.below(4) {
            0 => None,
            1 => Some(Grace::days(g.below(3651), *g.pick(&modes))),
            2 => Some(Grace::months(g.below(121), *g.pick(&modes))),
            _ => Some(Grace {
                days: 1 + g.below(60),
                months: 1 + g.below(12),
                mode: *g.pick(&modes),
                at_zero_balance: i % 5 != 3 && g.below(2) == 0,
            }),
        };
        let spec = RuleSpec {
            rule,
            grace,
            zone: (*g.pick(&zones)).to_owned(),
        };
        out.push(spec.validate().unwrap());
    }
    // The currencies used must be ones the UI's currency list knows.
    assert!(currencies
        .iter()
        .all(|c| CURRENCIES.iter().any(|(code, _)| code == c)));
    out
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleFixture {
    /// `preset:<id>` or `generated:<n>`.
    name: String,
    spec: RuleSpec,
}

fn rules() -> Vec<RuleFixture> {
    let mut out: Vec<RuleFixture> = presets()
        .iter()
        .filter_map(|p| {
            p.rule_spec().map(|spec| RuleFixture {
                name: format!("preset:{}", p.id),
                // A carrier's rule may leave a balance fee for each line to set.
                spec: spec.validate_template().unwrap(),
            })
        })
        .collect();
    out.extend(
        generated_rules()
            .into_iter()
            .enumerate()
            .map(|(i, spec)| RuleFixture {
                name: format!("generated:{i}"),
                spec,
            }),
    );
    out
}

fn pretty<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap();
    text.push('\n');
    text
}

#[test]
fn the_ui_fixtures_are_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES_DIR);
    let files = [
        ("replay.json", pretty(&replay())),
        ("rules.json", pretty(&rules())),
    ];
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    for (name, text) in &files {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            committed == *text,
            "ui/src/lib/dev/fixtures/{name} is stale: run `make fixtures` and commit the result"
        );
    }
}

#[test]
fn generated_rules_cover_every_kind_and_mixed_months_and_days() {
    let rules = generated_rules();
    let has = |f: &dyn Fn(&RuleSpec) -> bool| rules.iter().any(f);
    assert!(has(&|r| matches!(r.rule, KeepAliveRule::Rolling { .. })));
    assert!(has(&|r| matches!(
        r.rule,
        KeepAliveRule::FixedExpiry { .. }
    )));
    assert!(has(&|r| matches!(
        r.rule,
        KeepAliveRule::RecurringPlan {
            anchor: Some(_),
            ..
        }
    )));
    assert!(has(
        &|r| matches!(&r.rule, KeepAliveRule::TopupValidity { tiers, .. }
        if tiers.iter().any(|t| t.days > 0 && t.months > 0))
    ));
    assert!(has(&|r| matches!(
        &r.rule,
        KeepAliveRule::TopupValidity {
            cap_days: Some(_),
            ..
        }
    )));
    assert!(has(&|r| r
        .grace
        .is_some_and(|g| g.days > 0 && g.months > 0)));
    for c in ["JPY", "BHD"] {
        assert!(has(
            &|r| matches!(&r.rule, KeepAliveRule::TopupValidity { tiers, .. }
            if tiers.iter().any(|t| t.min_amount.currency == c))
        ));
    }
}
