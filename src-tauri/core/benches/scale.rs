//! Baohao at 10,000 numbers: each measurement beside its floor, measured in the same run
//! (`make bench`, which prints the table with the budgets; or `cargo bench -p baohao-core
//! --bench scale`). The data set is `baohao_core::bench_data` (10,000 lines, 200,000 events
//! over five years, seeded), written into a real SQLite file.
//!
//! A floor is the least any design must do for the same result: the raw SQLite scan of the
//! same rows into memory (dashboard: the lines, their tags and their stored derived state;
//! backup: every line, tag and event), the raw insert of the same rows in one transaction with
//! the store's own settings (CSV import, restore), or ordering the same lines by deadline (the
//! planning computations on loaded lines).
//!
//! Bench ids are `<what>` and `<what>_floor`; `scripts/bench-table.py` pairs them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use baohao_core::backup::{read_backup_file, Backup, Data, RestoreMode};
use baohao_core::bench_data::{bench_now, forget_display_memo, populate, Spec};
use baohao_core::csv_io::read_csv;
use baohao_core::line::LineQuery;
use baohao_core::planner::{mobile_cap, plan, ReminderPolicy};
use baohao_core::planning::{forecast, renewal_days, RenewalDaysOptions, FORECAST_MONTHS};
use baohao_core::store::{BULK_CACHE_KIB, CACHE_KIB};
use baohao_core::Store;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rusqlite::{params, Connection, OpenFlags};

const ZONE: chrono_tz::Tz = chrono_tz::Europe::London;

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    csv: Vec<u8>,
    data: Data,
    empty: std::cell::Cell<u32>,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("baohao.db");
        let data = {
            let mut store = Store::open(&db).unwrap();
            populate(&mut store, &Spec::FULL).unwrap()
        };
        let csv = Store::open(&db)
            .unwrap()
            .export_lines_csv(bench_now())
            .unwrap();
        Self {
            _dir: dir,
            db,
            csv,
            data,
            empty: std::cell::Cell::new(0),
        }
    }

    /// A new database file with the schema and nothing else; removed when dropped (criterion
    /// drops a routine's output after timing it).
    fn empty_db(&self) -> TempDb {
        self.empty.set(self.empty.get() + 1);
        let path = self
            ._dir
            .path()
            .join(format!("empty-{}.db", self.empty.get()));
        drop(Store::open(&path).unwrap());
        TempDb(path)
    }
}

struct TempDb(PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

/// Every line with its stored derived state (undecoded) and its tags, read into vectors:
/// what the dashboard reads.
fn raw_state_scan(conn: &Connection) -> usize {
    let mut stmt = conn
        .prepare_cached(
            "SELECT line.id, e164, label, country, carrier, sim_kind, iccid, notes, created_at,
                 updated_at, archived_at, carrier_id, rule_override, low_balance_minor,
                 low_balance_currency, display_number, s.version, s.derived
             FROM line LEFT JOIN line_state s ON s.line_id = line.id",
        )
        .unwrap();
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<String>,
        String,
        Option<i64>,
        Option<Vec<u8>>,
    );
    let lines: Vec<Row> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
                r.get(15)?,
                r.get(16)?,
                r.get(17)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let tags: Vec<(String, String)> = conn
        .prepare_cached("SELECT line_id, tag FROM line_tag")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    lines.len() + tags.len()
}

/// Every column of every line and live event, read into vectors: what a summary derived
/// afresh from the log reads (and, with deleted events, what a backup reads).
fn raw_scan(conn: &Connection, live_only: bool) -> usize {
    type LineRow = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<String>,
    );
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, e164, label, country, carrier, sim_kind, iccid, notes, created_at,
                 updated_at, archived_at, carrier_id, rule_override, low_balance_minor,
                 low_balance_currency FROM line",
        )
        .unwrap();
    let lines: Vec<LineRow> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let tags: Vec<(String, String)> = conn
        .prepare_cached("SELECT line_id, tag FROM line_tag")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    type EventRow = (
        String,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
        Option<i64>,
        Option<String>,
    );
    let sql = if live_only {
        "SELECT id, line_id, occurred_at, kind, amount_minor, amount_currency, method, channel,
             reference, note, balance_minor, balance_currency FROM event WHERE deleted_at IS NULL"
    } else {
        "SELECT id, line_id, occurred_at, kind, amount_minor, amount_currency, method, channel,
             reference, note, balance_minor, balance_currency FROM event"
    };
    let events: Vec<EventRow> = conn
        .prepare_cached(sql)
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    lines.len() + tags.len() + events.len()
}

/// The same lines (and with `events`, their events) inserted with plain prepared statements in
/// one transaction into an empty database, on a connection set up as the store sets up its
/// own (synchronous NORMAL, foreign keys, write-ahead log) with the page cache the store uses
/// for the same work (`cache_kib`).
fn raw_insert(
    path: &Path,
    data: &Data,
    events: &[&baohao_core::backup::EventRecord],
    cache_kib: i64,
) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", cache_kib).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut line = tx
            .prepare(
                "INSERT INTO line (id, e164, label, country, carrier, sim_kind, iccid, notes,
                     created_at, updated_at, archived_at, carrier_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .unwrap();
        let mut tag = tx
            .prepare("INSERT INTO line_tag (line_id, tag) VALUES (?1, ?2)")
            .unwrap();
        for l in &data.lines {
            line.execute(params![
                l.id,
                l.e164,
                l.label,
                l.country,
                l.carrier,
                l.sim_kind.as_str(),
                l.iccid,
                l.notes,
                l.created_at.to_rfc3339(),
                l.updated_at.to_rfc3339(),
                l.archived_at.map(|t| t.to_rfc3339()),
                l.carrier_id,
            ])
            .unwrap();
            for t in &l.tags {
                tag.execute(params![l.id, t]).unwrap();
            }
        }
        let mut event = tx
            .prepare(
                "INSERT INTO event (id, line_id, occurred_at, kind, amount_minor, amount_currency,
                     method, channel, reference, note, balance_minor, balance_currency,
                     created_at, updated_at, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )
            .unwrap();
        for e in events {
            event
                .execute(params![
                    e.id,
                    e.line_id,
                    e.occurred_at.to_rfc3339(),
                    e.kind.as_str(),
                    e.amount.as_ref().map(|m| m.minor),
                    e.amount.as_ref().map(|m| m.currency.as_str()),
                    e.method.map(|m| m.as_str()),
                    e.channel.map(|c| c.as_str()),
                    e.reference,
                    e.note,
                    e.balance_after.as_ref().map(|m| m.minor),
                    e.balance_after.as_ref().map(|m| m.currency.as_str()),
                    e.created_at.to_rfc3339(),
                    e.updated_at.to_rfc3339(),
                    e.deleted_at.map(|t| t.to_rfc3339()),
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn scale(c: &mut Criterion) {
    let fx = Fixture::new();
    let now = bench_now();
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    // The dashboard: every line with its status and deadline, most urgent first (the list
    // screen's `line_list` command), on an open store.
    let store = Store::open(&fx.db).unwrap();
    let ctx = store.eval_context(now, ZONE).unwrap();
    group.bench_function("dashboard", |b| {
        b.iter(|| store.line_summaries(&LineQuery::default(), &ctx).unwrap())
    });
    let conn = read_only(&fx.db);
    group.bench_function("dashboard_floor", |b| b.iter(|| raw_state_scan(&conn)));
    // The same list derived afresh from the log (what the dashboard was before the derived
    // state was stored), beside the raw scan of the log.
    group.bench_function("dashboard_from_log", |b| {
        b.iter(|| {
            store
                .line_summaries_from_log(&LineQuery::default(), &ctx)
                .unwrap()
        })
    });
    group.bench_function("dashboard_from_log_floor", |b| {
        b.iter(|| raw_scan(&conn, true))
    });
    // Start-up: open the file (health check, migrations) and load the dashboard.
    group.bench_function("open_dashboard", |b| {
        b.iter(|| {
            let s = Store::open(&fx.db).unwrap();
            let ctx = s.eval_context(now, ZONE).unwrap();
            s.line_summaries(&LineQuery::default(), &ctx).unwrap()
        })
    });
    group.bench_function("open_dashboard_floor", |b| {
        b.iter(|| raw_state_scan(&read_only(&fx.db)))
    });

    // Planning on lines already loaded (what runs after every change).
    let plan_lines = store.plan_lines(&ctx).unwrap();
    let policy = ReminderPolicy {
        user_zone: ZONE,
        ..ReminderPolicy::default()
    };
    let planning = store.planning_lines(&ctx).unwrap();
    let options = RenewalDaysOptions::default();
    // Ordering the same lines by deadline: the least a planner does.
    let deadlines: Vec<_> = plan_lines.iter().map(|l| l.act_by).collect();
    let order = || {
        let mut d = deadlines.clone();
        d.sort_unstable();
        d
    };
    group.bench_function("plan_reminders", |b| {
        b.iter(|| plan(&plan_lines, &policy, now, usize::MAX))
    });
    group.bench_function("plan_reminders_floor", |b| b.iter(order));
    // What a phone is handed: the soonest reminders that fit Android's alarms.
    let window = mobile_cap(false);
    group.bench_function("plan_window", |b| {
        b.iter(|| plan(&plan_lines, &policy, now, window))
    });
    group.bench_function("plan_window_floor", |b| b.iter(order));
    group.bench_function("renewal_days", |b| {
        b.iter(|| renewal_days(&planning, &ctx, &options))
    });
    group.bench_function("renewal_days_floor", |b| b.iter(order));
    group.bench_function("forecast", |b| {
        b.iter(|| forecast(&planning, &ctx, FORECAST_MONTHS))
    });
    group.bench_function("forecast_floor", |b| b.iter(order));
    // The same from the store: load, evaluate and plan (a reminder pass after a change).
    group.bench_function("plan_reminders_from_store", |b| {
        b.iter(|| plan(&store.plan_lines(&ctx).unwrap(), &policy, now, usize::MAX))
    });
    group.bench_function("plan_reminders_from_store_floor", |b| {
        b.iter(|| raw_state_scan(&conn))
    });
    drop(conn);
    drop(store);

    // CSV import of the 10,000 lines exported above (one row each, with its last renewal),
    // into an empty database: read, check every row, write in one transaction.
    let csv_data = {
        let table = read_csv(&fx.csv).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        s.csv_import(&table, &table.mapping, ZONE, now).unwrap();
        s.snapshot().unwrap()
    };
    let csv_events: Vec<_> = csv_data.events.iter().collect();
    group.bench_function("csv_import", |b| {
        b.iter_batched(
            || {
                forget_display_memo();
                fx.empty_db()
            },
            |path| {
                let mut s = Store::open(&path.0).unwrap();
                let table = read_csv(&fx.csv).unwrap();
                s.csv_import(&table, &table.mapping, ZONE, now).unwrap();
                path
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("csv_import_floor", |b| {
        b.iter_batched(
            || fx.empty_db(),
            |path| {
                raw_insert(&path.0, &csv_data, &csv_events, CACHE_KIB);
                path
            },
            BatchSize::PerIteration,
        )
    });

    // Backup of everything to a file, and the raw scan of the same rows.
    let store = Store::open(&fx.db).unwrap();
    let out = fx._dir.path().join("bench-backup.json");
    group.bench_function("backup", |b| {
        b.iter(|| store.write_backup(&out, now).unwrap())
    });
    eprintln!(
        "backup file of the data set: {} bytes",
        std::fs::metadata(&out).unwrap().len()
    );
    let conn = read_only(&fx.db);
    group.bench_function("backup_floor", |b| b.iter(|| raw_scan(&conn, false)));
    drop(conn);
    drop(store);

    // Restore (replace) of everything into an empty database, in one transaction, from the
    // checked backup in memory; then the same from the backup file (read, checked, restored).
    let all_events: Vec<_> = fx.data.events.iter().collect();
    let checked = Backup::new(fx.data.clone(), now);
    group.bench_function("restore", |b| {
        b.iter_batched(
            || {
                forget_display_memo();
                fx.empty_db()
            },
            |path| {
                let mut s = Store::open(&path.0).unwrap();
                s.restore(&checked, RestoreMode::Replace, None, now)
                    .unwrap();
                path
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("restore_floor", |b| {
        b.iter_batched(
            || fx.empty_db(),
            |path| {
                raw_insert(&path.0, &fx.data, &all_events, BULK_CACHE_KIB);
                path
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("restore_file", |b| {
        b.iter_batched(
            || {
                forget_display_memo();
                fx.empty_db()
            },
            |path| {
                let backup = read_backup_file(&out, now).unwrap();
                let mut s = Store::open(&path.0).unwrap();
                s.restore(&backup, RestoreMode::Replace, None, now).unwrap();
                path
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("restore_file_floor", |b| {
        b.iter_batched(
            || fx.empty_db(),
            |path| {
                raw_insert(&path.0, &fx.data, &all_events, BULK_CACHE_KIB);
                path
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
