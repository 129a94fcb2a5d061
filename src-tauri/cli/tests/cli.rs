//! The built `baohao-cli` binary, run on temporary folders.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2026-03-03T10:00:00Z";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("data/baohao.db")
    }

    /// Runs the CLI with `BAOHAO_DATA_DIR` pointing at `data/`, at a fixed instant.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_baohao-cli"))
            .arg("--now")
            .arg(NOW)
            .args(args)
            .env("BAOHAO_DATA_DIR", self.path("data"))
            .env("TZ", "UTC")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty() || code == 1, "errors go to stderr");
        String::from_utf8(out.stderr).unwrap()
    }
}

fn dump(env: &Env, db: &Path) -> String {
    env.ok(&["--db", db.to_str().unwrap(), "dump"])
}

#[test]
fn add_log_list_show_and_due_over_the_apps_database() {
    let env = Env::new();
    let added = env.json(&[
        "add",
        "--number",
        "０９１２ ３４５ ６７８９",
        "--country",
        "PH",
        "--label",
        "Travel",
        "--carrier",
        "ph-smart",
        "--json",
    ]);
    assert_eq!(added["e164"], "+639123456789");
    assert!(
        env.db().exists(),
        "the default database is BAOHAO_DATA_DIR/baohao.db"
    );
    let id = added["id"].as_str().unwrap().to_owned();
    env.ok(&[
        "add",
        "--number",
        "07911 123456",
        "--country",
        "GB",
        "--label",
        "spare",
        "--carrier",
        "gb-giffgaff",
    ]);

    let ev = env.json(&[
        "log",
        &id[..8],
        "--kind",
        "topup",
        "--amount",
        "300.00",
        "--currency",
        "PHP",
        "--at",
        "2026-03-01",
        "--json",
    ]);
    assert_eq!(ev["amount"]["minor"], 30000);
    assert_eq!(ev["occurredAt"], "2026-03-01T04:00:00Z", "noon in Manila");

    let list = env.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let text = env.ok(&["list"]);
    assert!(
        text.contains("+63 912 345 6789") && text.contains("Travel"),
        "{text}"
    );

    let show = env.json(&["show", "+639123456789", "--json"]);
    assert_eq!(show["summary"]["line"]["id"], id.as_str());
    assert_eq!(show["events"].as_array().unwrap().len(), 1);
    assert!(show["summary"]["actBy"]
        .as_str()
        .unwrap()
        .starts_with("2027-03-01"));
    assert!(env
        .ok(&["show", &id])
        .contains("12 months after your last top-up"));

    // Due within 30 days: nothing; within 400 days: the Smart line. The giffgaff line has no
    // logged activity, so it has no deadline yet (it asks for the last one instead).
    assert_eq!(
        env.json(&["due", "--within", "30d", "--json"]),
        Value::Array(vec![])
    );
    let due = env.json(&["due", "--within", "400d", "--json"]);
    assert_eq!(due.as_array().unwrap().len(), 1, "{due}");
}

#[test]
fn bad_input_exits_1_and_data_errors_exit_2() {
    let env = Env::new();
    // Reading verbs never create a database.
    let err = env.fails(&["list"], 2);
    assert!(err.contains("no database"), "{err}");
    assert!(!env.db().exists());
    env.fails(&["frobnicate"], 1);
    env.fails(&["due", "--within", "soon"], 1);
    env.fails(&["add", "--number", "12", "--country", "PH"], 1);
    let err = env.fails(
        &[
            "add",
            "--number",
            "0912 345 6789",
            "--country",
            "PH",
            "--carrier",
            "xx-none",
        ],
        1,
    );
    assert!(err.contains("no carrier"), "{err}");
    env.ok(&["add", "--number", "0912 345 6789", "--country", "PH"]);
    let err = env.fails(&["add", "--number", "+63 912 345 6789"], 1);
    assert!(err.contains("already saved"), "{err}");
    env.fails(&["log", "nope", "--kind", "topup"], 1);
    env.fails(&["log", "+639123456789", "--kind", "bribe"], 1);
    env.fails(
        &[
            "log",
            "+639123456789",
            "--amount",
            "1.234",
            "--currency",
            "GBP",
        ],
        1,
    );
    env.fails(&["restore", "missing.json", "--merge"], 1);
    assert!(env.run(&["--help"]).status.success());

    // A damaged database: reported, exit 2, the file byte for byte as it was.
    let bad = env.path("bad.db");
    let bytes: Vec<u8> = (0..40_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    std::fs::write(&bad, &bytes).unwrap();
    for args in [
        vec!["list"],
        vec!["add", "--number", "+447911123456"],
        vec!["check"],
    ] {
        let mut all = vec!["--db", bad.to_str().unwrap()];
        all.extend(args);
        let err = env.fails(&all, 2);
        assert!(err.contains("damaged"), "{err}");
        assert!(err.contains("left exactly as it is"), "{err}");
    }
    assert_eq!(std::fs::read(&bad).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.to_string_lossy().starts_with("bad.db-")),
        "{names:?}"
    );
}

#[test]
fn csv_import_export_and_a_bad_file() {
    let env = Env::new();
    let csv = env.path("in.csv");
    std::fs::write(
        &csv,
        "number,label,country,carrier,last_renewal_date,kind,amount,currency,tags,notes\n\
         +639123456789,Travel,PH,ph-smart,2026-03-01,topup,300,PHP,travel|work,\n\
         07911 123456,spare,GB,giffgaff,,,,,,\n",
    )
    .unwrap();
    let preview = env.ok(&["import", csv.to_str().unwrap(), "--dry-run"]);
    assert!(preview.contains("2 rows are ready"), "{preview}");
    assert!(!env.db().exists() || env.json(&["list", "--json"]) == Value::Array(vec![]));
    assert!(env
        .ok(&["import", csv.to_str().unwrap()])
        .contains("imported 2 numbers and 1 renewals"));

    let out = env.path("out.csv");
    env.ok(&["export", "lines", out.to_str().unwrap()]);
    let other = env.path("other.db");
    env.ok(&[
        "--db",
        other.to_str().unwrap(),
        "import",
        out.to_str().unwrap(),
    ]);
    let again = env.path("again.csv");
    env.ok(&[
        "--db",
        other.to_str().unwrap(),
        "export",
        "lines",
        again.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
    let events = env.path("events.csv");
    env.ok(&["export", "events", events.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&events).unwrap().lines().count(), 2);

    let bad = env.path("bad.csv");
    std::fs::write(&bad, "number,label\n+639170000000,ok\n+12,\n").unwrap();
    let before = dump(&env, &env.db());
    let err = env.fails(&["import", bad.to_str().unwrap()], 1);
    assert!(err.contains("row 3, number:"), "{err}");
    assert!(err.contains("row 3, label:"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(dump(&env, &env.db()), before);
}

#[test]
fn backup_and_restore_by_merge_and_replace() {
    let env = Env::new();
    env.ok(&[
        "add",
        "--number",
        "+639123456789",
        "--label",
        "Travel",
        "--carrier",
        "ph-smart",
    ]);
    env.ok(&[
        "log",
        "+639123456789",
        "--amount",
        "300",
        "--currency",
        "PHP",
        "--at",
        "2026-03-01",
    ]);
    let file = env.path("backup.json");
    assert!(env
        .ok(&["backup", file.to_str().unwrap()])
        .contains("1 numbers"));
    let original = dump(&env, &env.db());

    // Replace into a fresh database gives the same data.
    let fresh = env.path("fresh/baohao.db");
    env.ok(&[
        "--db",
        fresh.to_str().unwrap(),
        "restore",
        file.to_str().unwrap(),
        "--replace",
    ]);
    assert_eq!(dump(&env, &fresh), original);

    // Replacing data keeps a copy of it first.
    env.ok(&[
        "--db",
        fresh.to_str().unwrap(),
        "add",
        "--number",
        "+447911123456",
        "--label",
        "x",
    ]);
    let preview = env.json(&[
        "--db",
        fresh.to_str().unwrap(),
        "restore",
        file.to_str().unwrap(),
        "--replace",
        "--dry-run",
        "--json",
    ]);
    assert_eq!(preview["removedLines"], 2);
    let out = env.ok(&[
        "--db",
        fresh.to_str().unwrap(),
        "restore",
        file.to_str().unwrap(),
        "--replace",
    ]);
    assert!(out.contains("saved in"), "{out}");
    assert_eq!(dump(&env, &fresh), original);
    let backups: Vec<_> = std::fs::read_dir(env.path("fresh/backups"))
        .unwrap()
        .collect();
    assert_eq!(backups.len(), 1);

    // Merge adds what is missing and keeps the rest.
    let merged = env.path("merged.db");
    env.ok(&[
        "--db",
        merged.to_str().unwrap(),
        "add",
        "--number",
        "+447911123456",
        "--label",
        "x",
    ]);
    let report = env.json(&[
        "--db",
        merged.to_str().unwrap(),
        "restore",
        file.to_str().unwrap(),
        "--merge",
        "--json",
    ]);
    assert_eq!(report["preview"]["lines"]["added"], 1);
    assert_eq!(
        env.json(&["--db", merged.to_str().unwrap(), "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A truncated backup: exit 1, nothing changed.
    let bytes = std::fs::read(&file).unwrap();
    let cut = env.path("cut.json");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let before = dump(&env, &merged);
    let err = env.fails(
        &[
            "--db",
            merged.to_str().unwrap(),
            "restore",
            cut.to_str().unwrap(),
            "--merge",
        ],
        1,
    );
    assert!(err.contains("ends early"), "{err}");
    assert_eq!(dump(&env, &merged), before);
    env.fails(&["restore", file.to_str().unwrap()], 1);
}

#[test]
fn the_calendar_file() {
    let env = Env::new();
    env.ok(&[
        "add",
        "--number",
        "+639123456789",
        "--label",
        "Travel",
        "--carrier",
        "ph-smart",
    ]);
    env.ok(&[
        "log",
        "+639123456789",
        "--amount",
        "300",
        "--currency",
        "PHP",
        "--at",
        "2026-03-01",
    ]);
    let ics = env.path("d.ics");
    env.ok(&["ics", ics.to_str().unwrap(), "--lang", "zh-cn"]);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    assert!(text.contains("SUMMARY:续费 Travel"), "{text}");
    assert!(text.contains("BEGIN:VALARM"));
    env.ok(&["ics", ics.to_str().unwrap(), "--line", "+639123456789"]);
    assert!(std::fs::read_to_string(&ics)
        .unwrap()
        .contains("SUMMARY:Renew Travel"));
}
