//! Each verb: open the store, call the core, print.

use std::io::Write;
use std::path::{Path, PathBuf};

use baohao_core::backup::auto::backups_dir;
use baohao_core::backup::{read_backup_file, RestoreMode};
use baohao_core::csv_io::{parse_when, read_csv};
use baohao_core::files::{read_capped, write_atomic, MAX_FILE_BYTES};
use baohao_core::line::{ArchiveFilter, LineQuery};
use baohao_core::rules::{parse_zone, Status};
use baohao_core::{
    amount, CoreError, ErrorCode, EventInput, EventKind, Field, Lang, Line, LineInput, SimKind,
    Store,
};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::cli::{Cli, ExportKind, LangArg, Verb};
use crate::output;
use crate::CliError;

/// The file the app uses: `$BAOHAO_DATA_DIR/baohao.db`, else `<data dir>/app.baohao/baohao.db`
/// (the app's identifier under the platform's data directory, as Tauri's `app_data_dir`).
pub fn default_db() -> Result<PathBuf, CliError> {
    if let Some(dir) = std::env::var_os("BAOHAO_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("baohao.db"));
    }
    dirs::data_dir()
        .map(|d| d.join("app.baohao").join("baohao.db"))
        .ok_or_else(|| CliError::Usage("no data directory on this system: pass --db PATH".into()))
}

fn system_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

fn parse_span(s: &str) -> Result<Duration, CliError> {
    let bad = || CliError::Usage(format!("--within {s:?}: use a span like 30d, 2w or 12h"));
    let s = s.trim();
    let (n, unit) = s.split_at(s.len().saturating_sub(1));
    let n: i64 = n.parse().map_err(|_| bad())?;
    if !(0..=36_500).contains(&n) {
        return Err(bad());
    }
    match unit {
        "d" => Ok(Duration::days(n)),
        "w" => Ok(Duration::weeks(n)),
        "h" => Ok(Duration::hours(n)),
        _ => Err(bad()),
    }
}

/// A line by id, a unique start of an id (4 characters or more), or its number.
fn find_line(store: &Store, key: &str) -> Result<Line, CliError> {
    if let Ok(line) = store.get_line(key) {
        return Ok(line);
    }
    let all = store.list_lines(&LineQuery {
        search: None,
        archive: ArchiveFilter::All,
        needs_action: false,
        ..Default::default()
    })?;
    let key = key.trim();
    let number = baohao_core::phone::parse_number(key, None)
        .ok()
        .map(|p| p.e164);
    let mut found: Vec<Line> = all
        .into_iter()
        .filter(|l| (key.len() >= 4 && l.id.starts_with(key)) || number.as_deref() == Some(&l.e164))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(CliError::Core(CoreError::NotFound {
            what: "line",
            id: key.chars().take(64).collect(),
        })),
        n => Err(CliError::Usage(format!(
            "{key:?} matches {n} numbers; give more of the id"
        ))),
    }
}

fn parse_kind(s: &str) -> Result<EventKind, CliError> {
    EventKind::parse(&s.trim().to_ascii_lowercase().replace('-', "_")).ok_or_else(|| {
        CliError::Usage(format!(
            "--kind {s:?}: use topup, call, sms, data, plan_payment, balance_check or other"
        ))
    })
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Core(CoreError::Encode(e.to_string())))?;
    println!("{text}");
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    write_atomic(path, bytes)?;
    Ok(())
}

fn lang_of(store: &Store, arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::ZhCn) => Lang::ZhCn,
        None => store
            .setting::<Lang>(baohao_core::store::LOCALE_KEY)
            .ok()
            .flatten()
            .unwrap_or(Lang::En),
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let now: DateTime<Utc> = match &cli.now {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| CliError::Usage(format!("--now {s:?} is not an RFC 3339 instant")))?,
        None => Utc::now(),
    };
    let db = match cli.db {
        Some(p) => p,
        None => default_db()?,
    };
    // Arguments first: a bad one is bad input whatever the database.
    let within = match &cli.verb {
        Verb::Due { within, .. } => Some(parse_span(within)?),
        _ => None,
    };
    if cli.verb.reads_only() && !db.exists() {
        return Err(CliError::NoDatabase(db.display().to_string()));
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CoreError::io(format!("could not create {}", dir.display()), &e))?;
        }
    }
    let mut store = Store::open(&db)?;
    let zone = system_zone();
    let ctx = store.eval_context(now, zone)?;
    let out = std::io::stdout();
    let mut out = out.lock();

    match cli.verb {
        Verb::List { all, json } => {
            let query = LineQuery {
                search: None,
                archive: if all {
                    ArchiveFilter::All
                } else {
                    ArchiveFilter::Active
                },
                needs_action: false,
                ..Default::default()
            };
            let summaries = store.line_summaries(&query, &ctx)?;
            if json {
                return print_json(&summaries);
            }
            output::table(&mut out, &summaries, ctx.user_zone)?;
        }
        Verb::Show { id, json } => {
            let line = find_line(&store, &id)?;
            let summary = store.line_summary(&line.id, &ctx)?;
            let events = store.list_events(&line.id)?;
            if json {
                return print_json(&serde_json::json!({ "summary": summary, "events": events }));
            }
            output::show(&mut out, &summary, &events, ctx.user_zone)?;
        }
        Verb::Due { json, .. } => {
            let until = now + within.unwrap_or_else(|| Duration::days(30));
            let due: Vec<_> = store
                .line_summaries(&LineQuery::default(), &ctx)?
                .into_iter()
                .filter(|s| s.status != Status::Lost && s.act_by.is_some_and(|t| t <= until))
                .collect();
            if json {
                return print_json(&due);
            }
            output::table(&mut out, &due, ctx.user_zone)?;
        }
        Verb::Add {
            number,
            country,
            label,
            carrier,
            json,
        } => {
            let carrier_id = carrier.map(|c| {
                if c.starts_with("preset:") || c.starts_with("user:") {
                    c
                } else {
                    format!("preset:{c}")
                }
            });
            let label = match label {
                Some(l) => l,
                None => baohao_core::phone::parse_number(
                    &number,
                    baohao_core::phone::parse_country(&country).ok(),
                )
                .map(|p| p.international)
                .unwrap_or_default(),
            };
            let line = store.create_line(
                &LineInput {
                    number,
                    label,
                    country,
                    carrier: String::new(),
                    carrier_id,
                    sim_kind: SimKind::Physical,
                    iccid: None,
                    tags: Vec::new(),
                    notes: String::new(),
                },
                now,
            )?;
            if json {
                return print_json(&line);
            }
            writeln!(
                out,
                "added {} {} ({})",
                line.id, line.display_number, line.label
            )?;
        }
        Verb::Log {
            id,
            kind,
            amount,
            currency,
            at,
            json,
        } => {
            let line = find_line(&store, &id)?;
            let summary = store.line_summary(&line.id, &ctx)?;
            let zone = summary
                .rule
                .as_ref()
                .and_then(|r| parse_zone(&r.zone).ok())
                .unwrap_or(ctx.user_zone);
            let occurred_at = match at {
                Some(text) => parse_when(&text, zone).ok_or(CoreError::OutOfRange {
                    field: Field::OccurredAt,
                })?,
                None => now,
            };
            let amount = match amount {
                Some(a) => Some(amount::parse_amount(
                    Field::Amount,
                    &a,
                    currency.as_deref().unwrap_or(""),
                    false,
                )?),
                None => None,
            };
            let event = store.add_event(
                &line.id,
                &EventInput {
                    occurred_at,
                    kind: parse_kind(&kind)?,
                    amount,
                    method: None,
                    channel: None,
                    reference: String::new(),
                    note: String::new(),
                    balance_after: None,
                },
                now,
            )?;
            if json {
                return print_json(&event);
            }
            let after = store.line_summary(&line.id, &ctx)?;
            writeln!(
                out,
                "logged {} for {}",
                event.kind.as_str(),
                line.display_number
            )?;
            output::deadline(&mut out, &after, ctx.user_zone)?;
        }
        Verb::Import {
            file,
            dry_run,
            json,
        } => {
            let table = read_csv(&read_capped(&file, MAX_FILE_BYTES)?)?;
            let report = if dry_run {
                None
            } else {
                // The import checks every row itself; the preview is only needed to list the
                // errors when there are some.
                match store.csv_import(&table, &table.mapping, zone, now) {
                    Ok(r) => Some(r),
                    Err(e) if e.location().is_none() && e.code() != ErrorCode::BadFile => {
                        return Err(e.into())
                    }
                    Err(_) => None,
                }
            };
            if let Some(report) = report {
                if json {
                    return print_json(&report);
                }
                writeln!(
                    out,
                    "imported {} numbers and {} renewals",
                    report.lines, report.events
                )?;
                return Ok(());
            }
            let preview = store.csv_preview(&table, &table.mapping, zone, now)?;
            if json {
                print_json(&preview)?;
            }
            if preview.errors().next().is_some() {
                for e in preview.errors() {
                    eprintln!("{}", output::cell_error(e));
                }
                return Err(CliError::Usage(format!(
                    "{} of {} rows have errors; nothing was imported",
                    preview.invalid_rows,
                    preview.rows.len()
                )));
            }
            if !json {
                writeln!(
                    out,
                    "{} rows are ready to import (nothing written)",
                    preview.valid_rows
                )?;
            }
        }
        Verb::Export { what, file } => {
            let bytes = match what {
                ExportKind::Lines => store.export_lines_csv(now)?,
                ExportKind::Events => store.export_events_csv()?,
            };
            write_file(&file, &bytes)?;
            writeln!(out, "wrote {}", file.display())?;
        }
        Verb::Backup { file } => {
            let backup = store.write_backup(&file, now)?;
            let s = backup.summary();
            writeln!(
                out,
                "wrote {}: {} numbers, {} carriers, {} events",
                file.display(),
                s.lines,
                s.carriers,
                s.events
            )?;
        }
        Verb::Restore {
            file,
            merge,
            replace: _,
            dry_run,
            json,
        } => {
            let backup = read_backup_file(&file, now)?;
            let mode = if merge {
                RestoreMode::Merge
            } else {
                RestoreMode::Replace
            };
            if dry_run {
                let preview = store.restore_preview(&backup, mode)?;
                if json {
                    return print_json(&preview);
                }
                output::preview(&mut out, &preview)?;
                writeln!(out, "(dry run: nothing written)")?;
                return Ok(());
            }
            let safety = db.parent().map(backups_dir);
            let report = store.restore(&backup, mode, safety.as_deref(), now)?;
            if json {
                return print_json(&report);
            }
            output::preview(&mut out, &report.preview)?;
            if let Some(p) = &report.safety_backup {
                writeln!(out, "the data before the restore is saved in {p}")?;
            }
        }
        Verb::Ics { file, line, lang } => {
            let lang = lang_of(&store, lang);
            let text = match line {
                Some(key) => {
                    let l = find_line(&store, &key)?;
                    store.ics_line(&l.id, now, zone, lang)?
                }
                None => store.ics_all(now, zone, lang)?,
            };
            write_file(&file, text.as_bytes())?;
            writeln!(out, "wrote {}", file.display())?;
        }
        Verb::Dump { stable } => {
            let mut data = store.snapshot()?;
            if stable {
                output::stabilize(&mut data);
            }
            writeln!(out, "{}", data.canonical_json()?)?;
        }
        Verb::Check { hash } => {
            // Opening checked it already (a damaged file never gets here); once more, explicitly.
            store.check_integrity()?;
            if hash {
                let mut data = store.snapshot()?;
                output::stabilize(&mut data);
                writeln!(out, "ok {}", data.content_hash()?)?;
            } else {
                writeln!(out, "ok")?;
            }
        }
    }
    Ok(())
}
