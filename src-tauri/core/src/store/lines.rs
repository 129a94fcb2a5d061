//! Line (number) storage.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::columns::{from_json_opt, money_cols, parse_ts, to_json, ts};
use super::line_state::refresh_lines;
use super::Store;
use crate::error::{CoreError, Field, Result};
use crate::event::Money;
use crate::line::{ArchiveFilter, Line, LineInput, LineQuery, SimKind, ValidLine, QUERY_MAX};
use crate::phone;
use crate::rules::RuleSpec;

pub(super) const LINE_COLUMNS: &str =
    "id, e164, label, country, carrier, sim_kind, iccid, notes, created_at, \
     updated_at, archived_at, carrier_id, rule_override, low_balance_minor, low_balance_currency, \
     display_number, deleted_at";

/// How many columns [`LINE_COLUMNS`] names.
pub(super) const LINE_COLUMN_COUNT: usize = 17;

pub(super) fn line_from_row(row: &Row<'_>) -> rusqlite::Result<Line> {
    let e164: String = row.get(1)?;
    let shown: String = row.get(15)?;
    let sim: String = row.get(5)?;
    let created: String = row.get(8)?;
    let updated: String = row.get(9)?;
    let archived: Option<String> = row.get(10)?;
    let deleted: Option<String> = row.get(16)?;
    Ok(Line {
        id: row.get(0)?,
        // Stored with the number since migration 7; formatted here only for a row written
        // before it was filled in.
        display_number: if shown.is_empty() {
            phone::display(&e164)
        } else {
            shown
        },
        e164,
        label: row.get(2)?,
        country: row.get(3)?,
        carrier: row.get(4)?,
        sim_kind: SimKind::parse(&sim).unwrap_or(SimKind::Physical),
        iccid: row.get(6)?,
        tags: Vec::new(),
        notes: row.get(7)?,
        created_at: parse_ts(8, &created)?,
        updated_at: parse_ts(9, &updated)?,
        archived_at: archived.map(|a| parse_ts(10, &a)).transpose()?,
        carrier_id: row.get(11)?,
        rule_override: from_json_opt(12, row.get(12)?)?,
        low_balance: money_cols(row.get(13)?, row.get(14)?),
        deleted_at: deleted.map(|d| parse_ts(16, &d)).transpose()?,
    })
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

pub(super) fn write_tags(tx: &Transaction<'_>, id: &str, tags: &[String]) -> Result<()> {
    tx.prepare_cached("DELETE FROM line_tag WHERE line_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached("INSERT INTO line_tag (line_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        insert.execute(params![id, tag])?;
    }
    Ok(())
}

fn duplicate_check(tx: &Transaction<'_>, v: &ValidLine, except: Option<&str>) -> Result<()> {
    let other: Option<String> = tx
        .query_row(
            "SELECT id FROM line WHERE e164 = ?1 AND id IS NOT ?2",
            params![v.e164, except],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(_) => Err(CoreError::DuplicateNumber {
            e164: v.e164.clone(),
        }),
        None => Ok(()),
    }
}

/// `%` and `_` are LIKE wildcards; escape them (and the escape char) in user text.
fn like_pattern(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Store {
    pub fn create_line(&mut self, input: &LineInput, now: DateTime<Utc>) -> Result<Line> {
        self.create_line_with(input, now, |_, _| Ok(()))
    }

    /// Creates a line and, in the same transaction, runs `then` with the new line's id (a
    /// clone copies the rest of its source there).
    pub(super) fn create_line_with(
        &mut self,
        input: &LineInput,
        now: DateTime<Utc>,
        then: impl FnOnce(&Transaction<'_>, &str) -> Result<()>,
    ) -> Result<Line> {
        let mut v = input.validate()?;
        self.resolve_line_carrier(&mut v)?;
        let id = self.new_id();
        let tx = self.conn.transaction()?;
        duplicate_check(&tx, &v, None)?;
        tx.execute(
            "INSERT INTO line (id, e164, label, country, carrier, sim_kind, iccid, notes, created_at, updated_at, carrier_id, display_number)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
            params![id, v.e164, v.label, v.country, v.carrier, v.sim_kind.as_str(), v.iccid, v.notes, ts(now), v.carrier_id, phone::display(&v.e164)],
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                CoreError::DuplicateNumber { e164: v.e164.clone() }
            } else {
                e.into()
            }
        })?;
        write_tags(&tx, &id, &v.tags)?;
        then(&tx, &id)?;
        refresh_lines(&tx, &[&id], now, self.derive_zone.get())?;
        tx.commit()?;
        self.get_line(&id)
    }

    pub fn get_line(&self, id: &str) -> Result<Line> {
        let sql = format!("SELECT {LINE_COLUMNS} FROM line WHERE id = ?1");
        let line = self
            .conn
            .query_row(&sql, [id], line_from_row)
            .optional()?
            .ok_or_else(|| CoreError::NotFound {
                what: "line",
                id: id.chars().take(64).collect(),
            })?;
        let mut lines = vec![line];
        self.attach_tags(&mut lines)?;
        Ok(lines.remove(0))
    }

    pub fn list_lines(&self, q: &LineQuery) -> Result<Vec<Line>> {
        let mut lines = self.lines_matching(q, "", "", line_from_row)?;
        self.attach_tags(&mut lines)?;
        Ok(lines)
    }

    /// The rows of the lines a query matches, in list order, each read by `read`: the
    /// [`LINE_COLUMNS`] then `extra` columns of the tables `join` adds (tags not attached).
    pub(super) fn lines_matching<T>(
        &self,
        q: &LineQuery,
        extra: &str,
        join: &str,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let search = q.search.as_deref().map(str::trim).unwrap_or_default();
        if search.chars().count() > QUERY_MAX {
            return Err(CoreError::TooLong {
                field: Field::Query,
                max: QUERY_MAX,
            });
        }
        let archive = match q.archive {
            // A line in the recycle bin is in no list (see `Store::bin_list`).
            ArchiveFilter::Active => "archived_at IS NULL AND deleted_at IS NULL",
            ArchiveFilter::Archived => "archived_at IS NOT NULL AND deleted_at IS NULL",
            ArchiveFilter::All => "deleted_at IS NULL",
        };
        let digits: String = search.chars().filter(char::is_ascii_digit).collect();
        let text = like_pattern(search);
        // A number search needs at least two digits, so "a1" does not match every number.
        let number = if digits.len() >= 2 {
            Some(like_pattern(&digits))
        } else {
            None
        };
        let sql = format!(
            "SELECT {LINE_COLUMNS}{extra} FROM line {join}
             WHERE {archive} AND (?1 = '' OR label LIKE ?2 ESCAPE '\\' OR carrier LIKE ?2 ESCAPE '\\'
                 OR e164 LIKE ?3 ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM line_tag t WHERE t.line_id = line.id AND t.tag LIKE ?2 ESCAPE '\\'))
             ORDER BY label COLLATE NOCASE, e164"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![search, text, number], read)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Each line's tags, in the order they were written. One query for a single line, one
    /// query for all tags otherwise (never one per line).
    pub(super) fn attach_tags(&self, lines: &mut [Line]) -> Result<()> {
        if let [line] = lines {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT tag FROM line_tag WHERE line_id = ?1 ORDER BY rowid")?;
            line.tags = stmt
                .query_map([&line.id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            return Ok(());
        }
        if lines.is_empty() {
            return Ok(());
        }
        let mut tags: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT line_id, tag FROM line_tag ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, tag) = row?;
            tags.entry(id).or_default().push(tag);
        }
        for line in lines.iter_mut() {
            line.tags = tags.remove(&line.id).unwrap_or_default();
        }
        Ok(())
    }

    pub fn update_line(&mut self, id: &str, input: &LineInput, now: DateTime<Utc>) -> Result<Line> {
        let mut v = input.validate()?;
        self.resolve_line_carrier(&mut v)?;
        self.get_line(id)?;
        let tx = self.conn.transaction()?;
        duplicate_check(&tx, &v, Some(id))?;
        tx.execute(
            "UPDATE line SET e164 = ?2, label = ?3, country = ?4, carrier = ?5, sim_kind = ?6,
                 iccid = ?7, notes = ?8, updated_at = ?9, carrier_id = ?10, display_number = ?11
             WHERE id = ?1",
            params![
                id,
                v.e164,
                v.label,
                v.country,
                v.carrier,
                v.sim_kind.as_str(),
                v.iccid,
                v.notes,
                ts(now),
                v.carrier_id,
                phone::display(&v.e164)
            ],
        )?;
        write_tags(&tx, id, &v.tags)?;
        refresh_lines(&tx, &[id], now, self.derive_zone.get())?;
        tx.commit()?;
        self.get_line(id)
    }

    pub fn set_archived(&mut self, id: &str, archived: bool, now: DateTime<Utc>) -> Result<Line> {
        self.get_line(id)?;
        let at = archived.then(|| ts(now));
        self.conn.execute(
            "UPDATE line SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, at, ts(now)],
        )?;
        self.get_line(id)
    }

    pub fn delete_line(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute("DELETE FROM line WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(CoreError::NotFound {
                what: "line",
                id: id.chars().take(64).collect(),
            });
        }
        Ok(())
    }

    /// A picked catalogue carrier must exist; its name fills an empty carrier text.
    fn resolve_line_carrier(&self, v: &mut ValidLine) -> Result<()> {
        if let Some(id) = v.carrier_id.clone() {
            let carrier = self.get_carrier(&id).map_err(|e| match e {
                CoreError::NotFound { .. } => CoreError::UnknownCarrier {
                    id: id.chars().take(64).collect(),
                },
                other => other,
            })?;
            v.carrier_id = Some(carrier.id.clone());
            if v.carrier.is_empty() {
                v.carrier = carrier.name_en.clone();
            }
        }
        Ok(())
    }

    /// Sets (or with `None` clears) the line's own rule; `None` follows the carrier again.
    pub fn set_line_rule(
        &mut self,
        id: &str,
        rule: Option<&RuleSpec>,
        now: DateTime<Utc>,
    ) -> Result<Line> {
        let rule = rule.map(RuleSpec::validate).transpose()?;
        self.get_line(id)?;
        let json = rule.as_ref().map(to_json).transpose()?;
        let zone = self.derive_zone.get();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE line SET rule_override = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, json, ts(now)],
        )?;
        refresh_lines(&tx, &[id], now, zone)?;
        tx.commit()?;
        self.get_line(id)
    }

    /// Sets (or clears) the low-balance threshold.
    pub fn set_low_balance(
        &mut self,
        id: &str,
        threshold: Option<&Money>,
        now: DateTime<Utc>,
    ) -> Result<Line> {
        let threshold = threshold
            .map(|m| m.validate(Field::LowBalance, false))
            .transpose()?;
        self.get_line(id)?;
        self.conn.execute(
            "UPDATE line SET low_balance_minor = ?2, low_balance_currency = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id,
                threshold.as_ref().map(|m| m.minor),
                threshold.as_ref().map(|m| m.currency.clone()),
                ts(now)
            ],
        )?;
        self.get_line(id)
    }

    /// Stores the display form of every number that has none yet (rows written before
    /// migration 7), in one transaction. Run after migrating; a no-op once filled in.
    pub(super) fn fill_display_numbers(&mut self) -> Result<usize> {
        let missing: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, e164 FROM line WHERE display_number = ''")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if missing.is_empty() {
            return Ok(0);
        }
        phone::prepare_display(missing.iter().map(|(_, e164)| e164.as_str()));
        let tx = self.conn.transaction()?;
        {
            let mut update = tx.prepare("UPDATE line SET display_number = ?2 WHERE id = ?1")?;
            for (id, e164) in &missing {
                update.execute(params![id, phone::display(e164)])?;
            }
        }
        tx.commit()?;
        Ok(missing.len())
    }

    /// Number of stored lines, archived included.
    pub fn count_lines(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM line", [], |r| r.get(0))?)
    }
}
