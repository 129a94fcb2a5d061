//! The store's side of backups and imports: everything as records (with the timestamps the
//! forms never show), and writing records back, always inside one transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row, Transaction};

use super::columns::{from_json, parse_ts, to_json, ts};
use super::events::{event_from_row, COLUMNS as EVENT_COLUMNS};
use super::line_state::{refresh_from_records, refresh_lines, refresh_where};
use super::lines::{line_from_row, write_tags, LINE_COLUMNS};
use super::plans::{plan_from_row, promo_from_row, PLAN_COLUMNS, PROMO_COLUMNS};
use super::reminders::read_line_reminders;
use super::{disk_full, Store};
use crate::backup::{
    plan_merge, preview_replace, Backup, CarrierRecord, Data, EventRecord, LineRecord, PlanRecord,
    PromotionRecord, RestoreMode, RestorePreview, RestoreReport, BACKED_UP_SETTINGS,
};
use crate::carrier::USER_PREFIX;
use crate::error::Result;
use crate::planner::LineReminderOverrides;

const CARRIER_COLUMNS: &str = "id, based_on, name_en, name_zh, country, zone, rule, grace, \
     renewal_methods, balance_check, notes, created_at, updated_at";

fn carrier_record(row: &Row<'_>) -> rusqlite::Result<CarrierRecord> {
    let id: String = row.get(0)?;
    let rule: Option<String> = row.get(6)?;
    let grace: Option<String> = row.get(7)?;
    let methods: String = row.get(8)?;
    let created: String = row.get(11)?;
    let updated: String = row.get(12)?;
    Ok(CarrierRecord {
        id: format!("{USER_PREFIX}{id}"),
        based_on: row.get(1)?,
        name_en: row.get(2)?,
        name_zh: row.get(3)?,
        country: row.get(4)?,
        zone: row.get(5)?,
        rule: rule.map(|r| from_json(6, &r)).transpose()?,
        grace: grace.map(|g| from_json(7, &g)).transpose()?,
        renewal_methods: from_json(8, &methods)?,
        balance_check: row.get(9)?,
        notes: row.get(10)?,
        created_at: parse_ts(11, &created)?,
        updated_at: parse_ts(12, &updated)?,
    })
}

fn event_record(row: &Row<'_>) -> rusqlite::Result<EventRecord> {
    let e = event_from_row(row)?;
    let created: String = row.get(12)?;
    let updated: String = row.get(13)?;
    let deleted: Option<String> = row.get(14)?;
    Ok(EventRecord {
        id: e.id,
        line_id: e.line_id,
        occurred_at: e.occurred_at,
        kind: e.kind,
        amount: e.amount,
        method: e.method,
        channel: e.channel,
        reference: e.reference,
        note: e.note,
        balance_after: e.balance_after,
        created_at: parse_ts(12, &created)?,
        // Rows from before migration 6 that were never touched since have it empty.
        updated_at: if updated.is_empty() {
            parse_ts(12, &created)?
        } else {
            parse_ts(13, &updated)?
        },
        deleted_at: deleted.map(|d| parse_ts(14, &d)).transpose()?,
    })
}

/// Every record in the database, in the canonical order (see [`Data`]), except the lines in
/// the recycle bin and what belongs to them: a backup holds what the user keeps (see
/// docs/backup-format.md).
pub(crate) fn snapshot(conn: &Connection) -> Result<Data> {
    let mut lines: Vec<LineRecord> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {LINE_COLUMNS} FROM line WHERE deleted_at IS NULL ORDER BY id"
        ))?;
        let rows = stmt.query_map([], line_from_row)?;
        let mut reminders = read_line_reminders(conn, None)?;
        let mut out = Vec::new();
        for l in rows {
            let l = l?;
            out.push(LineRecord {
                reminders: reminders
                    .remove(&l.id)
                    .filter(|o| *o != LineReminderOverrides::default()),
                id: l.id,
                e164: l.e164,
                label: l.label,
                country: l.country,
                carrier: l.carrier,
                carrier_id: l.carrier_id,
                sim_kind: l.sim_kind,
                iccid: l.iccid,
                tags: Vec::new(),
                notes: l.notes,
                rule_override: l.rule_override,
                low_balance: l.low_balance,
                created_at: l.created_at,
                updated_at: l.updated_at,
                archived_at: l.archived_at,
            });
        }
        out
    };
    {
        let mut tags: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT line_id, tag FROM line_tag ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, tag) = row?;
            tags.entry(id).or_default().push(tag);
        }
        for l in &mut lines {
            l.tags = tags.remove(&l.id).unwrap_or_default();
        }
    }
    let carriers = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {CARRIER_COLUMNS} FROM carrier ORDER BY id"
        ))?;
        let rows = stmt.query_map([], carrier_record)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let events = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS}, created_at, updated_at, deleted_at FROM event
             WHERE line_id IN (SELECT id FROM line WHERE deleted_at IS NULL)
             ORDER BY line_id, occurred_at, id"
        ))?;
        let rows = stmt.query_map([], event_record)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let plans = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {PLAN_COLUMNS} FROM line_plan
             WHERE line_id IN (SELECT id FROM line WHERE deleted_at IS NULL) ORDER BY id"
        ))?;
        let rows = stmt.query_map([], plan_from_row)?;
        let mut out = Vec::new();
        for p in rows {
            let p = p?;
            out.push(PlanRecord {
                id: p.id,
                line_id: p.line_id,
                name: p.name,
                price: p.price,
                period: p.period,
                data_mb: p.data_mb,
                minutes: p.minutes,
                sms: p.sms,
                auto_renew: p.auto_renew,
                started_on: p.started_on,
                note: p.note,
                created_at: p.created_at,
                updated_at: p.updated_at,
            });
        }
        out
    };
    let promotions = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {PROMO_COLUMNS} FROM promotion
             WHERE line_id IS NULL OR line_id IN (SELECT id FROM line WHERE deleted_at IS NULL)
             ORDER BY id"
        ))?;
        let rows = stmt.query_map([], promo_from_row)?;
        let mut out = Vec::new();
        for p in rows {
            let p = p?;
            out.push(PromotionRecord {
                id: p.id,
                line_id: p.line_id,
                carrier_id: p.carrier_id,
                text: p.text,
                remind_on: p.remind_on,
                expires_on: p.expires_on,
                created_at: p.created_at,
                updated_at: p.updated_at,
            });
        }
        out
    };
    let mut settings = BTreeMap::new();
    for key in BACKED_UP_SETTINGS {
        let raw: Option<String> = conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        if let Some(v) = raw.and_then(|s| serde_json::from_str(&s).ok()) {
            settings.insert((*key).to_owned(), v);
        }
    }
    Ok(Data {
        lines,
        carriers,
        events,
        plans,
        promotions,
        settings,
    })
}

fn write_reminders(
    tx: &Transaction<'_>,
    line_id: &str,
    o: Option<&LineReminderOverrides>,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM line_reminder WHERE line_id = ?1")?
        .execute([line_id])?;
    if let Some(o) = o {
        tx.prepare_cached(
            "INSERT INTO line_reminder (line_id, leads_days, muted, snoozed_until, nag_dismissed_for)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
                line_id,
                o.leads_days.as_ref().map(to_json).transpose()?,
                i64::from(o.muted),
                o.snoozed_until.map(ts),
                o.nag_dismissed_for.map(ts)
            ])?;
    }
    Ok(())
}

/// Inserts (or with `update`, overwrites) a line with its tags and reminder settings.
pub(crate) fn put_line(tx: &Transaction<'_>, l: &LineRecord, update: bool) -> Result<()> {
    let sql = if update {
        "UPDATE line SET e164 = ?2, label = ?3, country = ?4, carrier = ?5, sim_kind = ?6,
             iccid = ?7, notes = ?8, created_at = ?9, updated_at = ?10, archived_at = ?11,
             carrier_id = ?12, rule_override = ?13, low_balance_minor = ?14,
             low_balance_currency = ?15, display_number = ?16
         WHERE id = ?1"
    } else {
        "INSERT INTO line (id, e164, label, country, carrier, sim_kind, iccid, notes, created_at,
             updated_at, archived_at, carrier_id, rule_override, low_balance_minor,
             low_balance_currency, display_number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    };
    let mut stmt = tx.prepare_cached(sql)?;
    stmt.execute(params![
        l.id,
        l.e164,
        l.label,
        l.country,
        l.carrier,
        l.sim_kind.as_str(),
        l.iccid,
        l.notes,
        ts(l.created_at),
        ts(l.updated_at),
        l.archived_at.map(ts),
        l.carrier_id,
        l.rule_override.as_ref().map(to_json).transpose()?,
        l.low_balance.as_ref().map(|m| m.minor),
        l.low_balance.as_ref().map(|m| m.currency.clone()),
        crate::phone::display(&l.e164),
    ])?;
    write_tags(tx, &l.id, &l.tags)?;
    if update || l.reminders.is_some() {
        write_reminders(tx, &l.id, l.reminders.as_ref())?;
    }
    Ok(())
}

/// Inserts (or overwrites) a user carrier.
pub(crate) fn put_carrier(tx: &Transaction<'_>, c: &CarrierRecord, update: bool) -> Result<()> {
    let uuid = c.id.strip_prefix(USER_PREFIX).unwrap_or(&c.id);
    let sql = if update {
        "UPDATE carrier SET based_on = ?2, name_en = ?3, name_zh = ?4, country = ?5, zone = ?6,
             rule = ?7, grace = ?8, renewal_methods = ?9, balance_check = ?10, notes = ?11,
             created_at = ?12, updated_at = ?13
         WHERE id = ?1"
    } else {
        "INSERT INTO carrier (id, based_on, name_en, name_zh, country, zone, rule, grace,
             renewal_methods, balance_check, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    };
    tx.prepare_cached(sql)?.execute(params![
        uuid,
        c.based_on,
        c.name_en,
        c.name_zh,
        c.country,
        c.zone,
        c.rule.as_ref().map(to_json).transpose()?,
        c.grace.as_ref().map(to_json).transpose()?,
        to_json(&c.renewal_methods)?,
        c.balance_check,
        c.notes,
        ts(c.created_at),
        ts(c.updated_at),
    ])?;
    Ok(())
}

/// Inserts (or overwrites) an event.
pub(crate) fn put_event(tx: &Transaction<'_>, e: &EventRecord, update: bool) -> Result<()> {
    let sql = if update {
        "UPDATE event SET line_id = ?2, occurred_at = ?3, kind = ?4, amount_minor = ?5,
             amount_currency = ?6, method = ?7, channel = ?8, reference = ?9, note = ?10,
             balance_minor = ?11, balance_currency = ?12, created_at = ?13, updated_at = ?14,
             deleted_at = ?15
         WHERE id = ?1"
    } else {
        "INSERT INTO event (id, line_id, occurred_at, kind, amount_minor, amount_currency,
             method, channel, reference, note, balance_minor, balance_currency, created_at,
             updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    };
    tx.prepare_cached(sql)?.execute(params![
        e.id,
        e.line_id,
        ts(e.occurred_at),
        e.kind.as_str(),
        e.amount.as_ref().map(|m| m.minor),
        e.amount.as_ref().map(|m| m.currency.clone()),
        e.method.map(crate::event::Method::as_str),
        e.channel.map(crate::event::PaymentChannel::as_str),
        e.reference,
        e.note,
        e.balance_after.as_ref().map(|m| m.minor),
        e.balance_after.as_ref().map(|m| m.currency.clone()),
        ts(e.created_at),
        ts(e.updated_at),
        e.deleted_at.map(ts),
    ])?;
    Ok(())
}

/// Inserts (or overwrites) a plan.
pub(crate) fn put_plan(tx: &Transaction<'_>, p: &PlanRecord, update: bool) -> Result<()> {
    let sql = if update {
        "UPDATE line_plan SET line_id = ?2, name = ?3, price_minor = ?4, price_currency = ?5,
             period = ?6, data_mb = ?7, minutes = ?8, sms = ?9, auto_renew = ?10,
             started_on = ?11, note = ?12, created_at = ?13, updated_at = ?14
         WHERE id = ?1"
    } else {
        "INSERT INTO line_plan (id, line_id, name, price_minor, price_currency, period, data_mb,
             minutes, sms, auto_renew, started_on, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    };
    tx.prepare_cached(sql)?.execute(params![
        p.id,
        p.line_id,
        p.name,
        p.price.as_ref().map(|m| m.minor),
        p.price.as_ref().map(|m| m.currency.clone()),
        p.period.as_ref().map(to_json).transpose()?,
        p.data_mb,
        p.minutes,
        p.sms,
        i64::from(p.auto_renew),
        p.started_on.to_string(),
        p.note,
        ts(p.created_at),
        ts(p.updated_at),
    ])?;
    Ok(())
}

/// Inserts (or overwrites) a promotion.
pub(crate) fn put_promotion(tx: &Transaction<'_>, p: &PromotionRecord, update: bool) -> Result<()> {
    let sql = if update {
        "UPDATE promotion SET line_id = ?2, carrier_id = ?3, text = ?4, remind_on = ?5,
             expires_on = ?6, created_at = ?7, updated_at = ?8
         WHERE id = ?1"
    } else {
        "INSERT INTO promotion (id, line_id, carrier_id, text, remind_on, expires_on,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    };
    tx.prepare_cached(sql)?.execute(params![
        p.id,
        p.line_id,
        p.carrier_id,
        p.text,
        p.remind_on.map(|d| d.to_string()),
        p.expires_on.map(|d| d.to_string()),
        ts(p.created_at),
        ts(p.updated_at),
    ])?;
    Ok(())
}

fn put_setting_raw(tx: &Transaction<'_>, key: &str, value: &serde_json::Value) -> Result<()> {
    super::columns::put_setting(tx, key, value)
}

impl Store {
    /// Everything the user made, as records in the canonical order: what a backup holds.
    pub fn snapshot(&self) -> Result<Data> {
        snapshot(&self.conn)
    }

    /// Every stored number (E.164).
    pub(crate) fn all_numbers(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT e164 FROM line")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Inserts checked lines and events in one transaction (an import).
    pub(crate) fn insert_records(
        &mut self,
        lines: &[LineRecord],
        events: &[EventRecord],
        now: DateTime<Utc>,
    ) -> Result<()> {
        crate::phone::prepare_display(lines.iter().map(|l| l.e164.as_str()));
        let zone = self.derive_zone();
        let run = |conn: &mut Connection| -> Result<()> {
            let tx = conn.transaction()?;
            for l in lines {
                put_line(&tx, l, false)?;
            }
            for e in events {
                put_event(&tx, e, false)?;
            }
            let mut touched: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
            touched.extend(events.iter().map(|e| e.line_id.as_str()));
            touched.sort_unstable();
            touched.dedup();
            refresh_lines(&tx, &touched, now, zone)?;
            tx.commit()?;
            Ok(())
        };
        run(&mut self.conn).map_err(disk_full)
    }

    /// A backup of the current data, made at `now`.
    pub fn backup(&self, now: DateTime<Utc>) -> Result<Backup> {
        Ok(Backup::new(self.snapshot()?, now))
    }

    /// Writes a backup of the current data to `path` (atomically: the old file or the whole
    /// new one, never half).
    pub fn write_backup(&self, path: &Path, now: DateTime<Utc>) -> Result<Backup> {
        let backup = self.backup(now)?;
        crate::files::write_atomic(path, &backup.to_json()?)?;
        Ok(backup)
    }

    /// What restoring `backup` in `mode` would do, computed without writing anything.
    pub fn restore_preview(&self, backup: &Backup, mode: RestoreMode) -> Result<RestorePreview> {
        let current = self.snapshot()?;
        Ok(match mode {
            RestoreMode::Merge => plan_merge(&current, backup).1,
            RestoreMode::Replace => preview_replace(&current, backup),
        })
    }

    /// Restores a checked backup (see [`crate::backup::read_backup`]) in one transaction: a
    /// restore that fails changes nothing. Before a replace, when there is any current data,
    /// an automatic backup of it is written into `safety_dir` (see
    /// [`crate::backup::auto::write_safety_backup`]); without `safety_dir` none is written.
    pub fn restore(
        &mut self,
        backup: &Backup,
        mode: RestoreMode,
        safety_dir: Option<&Path>,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        self.restore_inner(backup, mode, safety_dir, now)
            .map_err(disk_full)
    }

    fn restore_inner(
        &mut self,
        backup: &Backup,
        mode: RestoreMode,
        safety_dir: Option<&Path>,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        let current = self.snapshot()?;
        crate::phone::prepare_display(backup.data.lines.iter().map(|l| l.e164.as_str()));
        let zone = self.derive_zone();
        let result = match mode {
            RestoreMode::Merge => {
                let (plan, preview) = plan_merge(&current, backup);
                let tx = self.conn.transaction()?;
                for c in &plan.carriers_insert {
                    put_carrier(&tx, c, false)?;
                }
                for c in &plan.carriers_update {
                    put_carrier(&tx, c, true)?;
                }
                for l in &plan.lines_insert {
                    // A line in the recycle bin with this id or number gives way to the
                    // backup's copy (the bin is not in the snapshot the plan compares with).
                    tx.execute(
                        "DELETE FROM line WHERE deleted_at IS NOT NULL AND (id = ?1 OR e164 = ?2)",
                        rusqlite::params![l.id, l.e164],
                    )?;
                    put_line(&tx, l, false)?;
                }
                for l in &plan.lines_update {
                    put_line(&tx, l, true)?;
                }
                for e in &plan.events_insert {
                    put_event(&tx, e, false)?;
                }
                for e in &plan.events_update {
                    put_event(&tx, e, true)?;
                }
                for p in &plan.plans_insert {
                    put_plan(&tx, p, false)?;
                }
                for p in &plan.plans_update {
                    put_plan(&tx, p, true)?;
                }
                for p in &plan.promotions_insert {
                    put_promotion(&tx, p, false)?;
                }
                for p in &plan.promotions_update {
                    put_promotion(&tx, p, true)?;
                }
                for (k, v) in &plan.settings_insert {
                    put_setting_raw(&tx, k, v)?;
                }
                refresh_where(&tx, None, now, zone)?;
                tx.commit()?;
                RestoreReport {
                    preview,
                    safety_backup: None,
                }
            }
            RestoreMode::Replace => {
                let preview = preview_replace(&current, backup);
                let safety_backup = match safety_dir {
                    Some(dir) if !current.is_empty() => Some(
                        crate::backup::auto::write_safety_backup(dir, &current, now)?
                            .path
                            .clone(),
                    ),
                    _ => None,
                };
                // Room for the whole log in the page cache while it is written (allocated only
                // as used): the events' UUID-keyed index is written all over.
                self.conn
                    .pragma_update(None, "cache_size", super::BULK_CACHE_KIB)?;
                let result = (|| -> Result<()> {
                    let tx = self.conn.transaction()?;
                    replace_all(&tx, &backup.data)?;
                    refresh_from_records(&tx, &backup.data.lines, &backup.data.events, now, zone)?;
                    tx.commit()?;
                    Ok(())
                })();
                self.conn
                    .pragma_update(None, "cache_size", super::CACHE_KIB)?;
                result?;
                RestoreReport {
                    preview,
                    safety_backup,
                }
            }
        };
        Ok(result)
    }
}

/// Deletes every record a backup holds and inserts `data` (inside the caller's transaction).
fn replace_all(tx: &Transaction<'_>, data: &Data) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM event; DELETE FROM line_plan; DELETE FROM promotion; DELETE FROM line_tag;
         DELETE FROM line_reminder; DELETE FROM line; DELETE FROM carrier;",
    )?;
    for key in BACKED_UP_SETTINGS {
        tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
    }
    // The tables' own indexes are built once after the rows are in (sorting them) instead of
    // updated row by row: written again exactly as they were declared.
    let indexes: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('line', 'line_tag', 'event') ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    for c in &data.carriers {
        put_carrier(tx, c, false)?;
    }
    for l in &data.lines {
        put_line(tx, l, false)?;
    }
    for e in &data.events {
        put_event(tx, e, false)?;
    }
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    for p in &data.plans {
        put_plan(tx, p, false)?;
    }
    for p in &data.promotions {
        put_promotion(tx, p, false)?;
    }
    for (k, v) in &data.settings {
        put_setting_raw(tx, k, v)?;
    }
    Ok(())
}
