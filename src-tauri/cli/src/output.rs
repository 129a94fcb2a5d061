//! Plain-text output for people (`--json` gives the structures for scripts).

use std::collections::HashMap;
use std::io::Write;

use baohao_core::backup::{Data, RestorePreview};
use baohao_core::csv_io::CellError;
use baohao_core::rules::{parse_zone, Status};
use baohao_core::summary::LineSummary;
use baohao_core::{CoreError, ErrorCode, Event};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

fn status(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::DueSoon => "due soon",
        Status::Overdue => "OVERDUE",
        Status::Lost => "lost",
        Status::Unknown => "unknown",
    }
}

fn when(t: Option<DateTime<Utc>>, zone: Tz) -> String {
    t.map(|t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// One number per row: id (start), number, label, status, days left, deadline in `zone`.
pub fn table(out: &mut impl Write, rows: &[LineSummary], zone: Tz) -> std::io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "(no numbers)");
    }
    writeln!(
        out,
        "{:<8}  {:<18}  {:<24}  {:<8}  {:>5}  act by ({})",
        "id",
        "number",
        "label",
        "status",
        "days",
        zone.name()
    )?;
    for s in rows {
        writeln!(
            out,
            "{:<8}  {:<18}  {:<24}  {:<8}  {:>5}  {}",
            s.line.id.chars().take(8).collect::<String>(),
            s.line.display_number,
            cut(&s.line.label, 24),
            status(s.status),
            s.days_left.map_or("-".into(), |d| d.to_string()),
            when(s.act_by, zone)
        )?;
    }
    Ok(())
}

/// The deadline lines of a summary.
pub fn deadline(out: &mut impl Write, s: &LineSummary, zone: Tz) -> std::io::Result<()> {
    writeln!(out, "status:  {}", status(s.status))?;
    writeln!(out, "act by:  {} ({})", when(s.act_by, zone), zone.name())?;
    writeln!(out, "lost at: {} ({})", when(s.lost_at, zone), zone.name())?;
    if let Some(e) = &s.explanation {
        writeln!(out, "why:     {}", e.en)?;
    }
    Ok(())
}

pub fn show(
    out: &mut impl Write,
    s: &LineSummary,
    events: &[Event],
    zone: Tz,
) -> std::io::Result<()> {
    let l = &s.line;
    writeln!(out, "{}  {}", l.display_number, l.label)?;
    writeln!(out, "id:      {}", l.id)?;
    writeln!(out, "country: {}", l.country)?;
    let carrier = s
        .carrier
        .as_ref()
        .map_or(l.carrier.as_str(), |c| c.name_en.as_str());
    writeln!(out, "carrier: {carrier}")?;
    if !l.tags.is_empty() {
        writeln!(out, "tags:    {}", l.tags.join(", "))?;
    }
    deadline(out, s, zone)?;
    writeln!(out, "log ({}):", events.len())?;
    for e in events {
        let rule_zone = s
            .rule
            .as_ref()
            .and_then(|r| parse_zone(&r.zone).ok())
            .unwrap_or(zone);
        writeln!(
            out,
            "  {}  {:<13} {}",
            e.occurred_at.with_timezone(&rule_zone).format("%Y-%m-%d"),
            e.kind.as_str(),
            e.amount.as_ref().map(|m| m.display()).unwrap_or_default()
        )?;
    }
    Ok(())
}

pub fn cell_error(e: &CellError) -> String {
    if e.row == 0 {
        format!("file: {}", e.message)
    } else {
        format!("row {}, {}: {}", e.row, e.column_name, e.message)
    }
}

pub fn preview(out: &mut impl Write, p: &RestorePreview) -> std::io::Result<()> {
    writeln!(
        out,
        "backup of {} ({} numbers, {} events)",
        p.backup.created_at.format("%Y-%m-%d %H:%M UTC"),
        p.backup.lines,
        p.backup.events
    )?;
    for (name, c) in [
        ("numbers", p.lines),
        ("carriers", p.carriers),
        ("events", p.events),
        ("settings", p.settings),
    ] {
        writeln!(
            out,
            "{name:<9} added {:>6}  updated {:>6}  unchanged {:>6}  conflicting {:>6}",
            c.added, c.updated, c.unchanged, c.conflicting
        )?;
    }
    if p.removed_lines + p.removed_events + p.removed_carriers > 0 {
        writeln!(
            out,
            "replaced: {} numbers, {} carriers and {} events of the current data",
            p.removed_lines, p.removed_carriers, p.removed_events
        )?;
    }
    Ok(())
}

/// What to do next, for the errors where the user has a choice.
pub fn hint(e: &CoreError) -> Option<&'static str> {
    Some(match e.code() {
        ErrorCode::DatabaseDamaged => {
            "The database file was left exactly as it is. Open Baohao to restore the latest \
             automatic backup, or restore a backup into a new file: \
             baohao-cli --db NEW.db restore BACKUP.json --replace"
        }
        ErrorCode::DatabaseNewer => {
            "This database was made by a newer Baohao: update Baohao (the file was not changed)."
        }
        ErrorCode::DatabaseUnreadable => "Check the file's permissions (it was not changed).",
        ErrorCode::DiskFull => "Free some space and try again; nothing was changed.",
        _ => return None,
    })
}

/// Replaces ids with keys that do not depend on the run that made them: a line's number, an
/// event's line number, instant, kind and position among equals.
pub fn stabilize(data: &mut Data) {
    let numbers: HashMap<String, String> = data
        .lines
        .iter()
        .map(|l| (l.id.clone(), l.e164.clone()))
        .collect();
    for l in &mut data.lines {
        l.id = l.e164.clone();
    }
    data.lines.sort_by(|a, b| a.id.cmp(&b.id));
    for e in &mut data.events {
        e.line_id = numbers.get(&e.line_id).cloned().unwrap_or_default();
        e.id = format!(
            "{}/{}/{}",
            e.line_id,
            e.occurred_at.to_rfc3339(),
            e.kind.as_str()
        );
    }
    data.events.sort_by(|a, b| a.id.cmp(&b.id));
    let keys: Vec<String> = data.events.iter().map(|e| e.id.clone()).collect();
    let mut n = 0;
    for (i, e) in data.events.iter_mut().enumerate() {
        n = if i > 0 && keys[i - 1] == keys[i] {
            n + 1
        } else {
            0
        };
        e.id = format!("{}#{n}", keys[i]);
    }
}
