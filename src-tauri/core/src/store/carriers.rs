//! Carriers: the shipped presets (read-only, from `data/carriers.json`) and the user's own,
//! stored in the `carrier` table. Editing a preset makes a user copy based on it, so a new
//! app version that updates the preset never overwrites what the user changed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::{from_json, to_json, ts};
use super::line_state::{as_strs, lines_of_carrier, refresh_lines};
use super::Store;
use crate::carrier::{
    preset, preset_carriers, Carrier, CarrierInput, CarrierSource, PRESET_PREFIX, USER_PREFIX,
};
use crate::error::{CoreError, Result};

const COLUMNS: &str =
    "id, based_on, name_en, name_zh, country, zone, rule, grace, renewal_methods, balance_check, notes";

fn carrier_from_row(row: &Row<'_>) -> rusqlite::Result<Carrier> {
    let id: String = row.get(0)?;
    let rule: Option<String> = row.get(6)?;
    let grace: Option<String> = row.get(7)?;
    let methods: String = row.get(8)?;
    let notes: String = row.get(10)?;
    Ok(Carrier {
        id: format!("{USER_PREFIX}{id}"),
        source: CarrierSource::User,
        based_on: row.get(1)?,
        name_en: row.get(2)?,
        name_zh: row.get(3)?,
        country: row.get(4)?,
        zone: row.get(5)?,
        rule: rule.map(|r| from_json(6, &r)).transpose()?,
        grace: grace.map(|g| from_json(7, &g)).transpose()?,
        renewal_methods: from_json(8, &methods)?,
        balance_check: row.get(9)?,
        cheapest_action: None,
        sources: Vec::new(),
        verified: None,
        confidence: None,
        notes_en: (!notes.is_empty()).then(|| notes.clone()),
        notes_zh: (!notes.is_empty()).then_some(notes),
    })
}

/// Inserts a validated user carrier; returns its id (`user:<uuid>`).
fn insert(
    conn: &rusqlite::Connection,
    uuid: String,
    v: &CarrierInput,
    now: DateTime<Utc>,
) -> Result<String> {
    conn.execute(
        &format!(
            "INSERT INTO carrier ({COLUMNS}, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)"
        ),
        params![
            uuid,
            v.based_on,
            v.name_en,
            v.name_zh,
            v.country,
            v.zone,
            v.rule.as_ref().map(to_json).transpose()?,
            v.grace.as_ref().map(to_json).transpose()?,
            to_json(&v.renewal_methods)?,
            v.balance_check,
            v.notes,
            ts(now)
        ],
    )?;
    Ok(format!("{USER_PREFIX}{uuid}"))
}

/// Every carrier: the presets, then the user's own (by country and name).
pub(super) fn list_carriers(conn: &Connection) -> Result<Vec<Carrier>> {
    let mut out = preset_carriers();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM carrier ORDER BY country, name_en COLLATE NOCASE"
    ))?;
    let user = stmt
        .query_map([], carrier_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.extend(user);
    Ok(out)
}

/// A carrier by id: `preset:<slug>` or `user:<uuid>`.
pub(super) fn get_carrier(conn: &Connection, id: &str) -> Result<Carrier> {
    if let Some(slug) = id.strip_prefix(PRESET_PREFIX) {
        return preset(slug)
            .map(Carrier::from_preset)
            .ok_or_else(|| not_found(id));
    }
    let uuid = id.strip_prefix(USER_PREFIX).ok_or_else(|| not_found(id))?;
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM carrier WHERE id = ?1"),
        [uuid],
        carrier_from_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn not_found(id: &str) -> CoreError {
    CoreError::NotFound {
        what: "carrier",
        id: id.chars().take(64).collect(),
    }
}

impl Store {
    /// Every carrier: the presets, then the user's own, each group by country and name.
    pub fn list_carriers(&self) -> Result<Vec<Carrier>> {
        list_carriers(&self.conn)
    }

    /// A carrier by id: `preset:<slug>` or `user:<uuid>`.
    pub fn get_carrier(&self, id: &str) -> Result<Carrier> {
        get_carrier(&self.conn, id)
    }

    /// Creates a user carrier.
    pub fn create_carrier(&mut self, input: &CarrierInput, now: DateTime<Utc>) -> Result<Carrier> {
        let v = input.validate()?;
        let uuid = self.new_id();
        let id = insert(&self.conn, uuid, &v, now)?;
        self.get_carrier(&id)
    }

    /// Edits a user carrier. Editing a preset creates a user copy based on it (the preset
    /// itself never changes) and moves the lines that used the preset onto the copy, in one
    /// transaction.
    pub fn update_carrier(
        &mut self,
        id: &str,
        input: &CarrierInput,
        now: DateTime<Utc>,
    ) -> Result<Carrier> {
        let existing = self.get_carrier(id)?;
        let mut v = input.validate()?;
        if existing.source == CarrierSource::Preset {
            v.based_on = Some(existing.id.clone());
            let uuid = self.new_id();
            let tx = self.conn.transaction()?;
            let new_id = insert(&tx, uuid, &v, now)?;
            tx.execute(
                "UPDATE line SET carrier_id = ?2, updated_at = ?3 WHERE carrier_id = ?1",
                params![existing.id, new_id, ts(now)],
            )?;
            let lines = lines_of_carrier(&tx, &new_id)?;
            refresh_lines(&tx, &as_strs(&lines), now, self.derive_zone.get())?;
            tx.commit()?;
            return self.get_carrier(&new_id);
        }
        let uuid = existing.id.trim_start_matches(USER_PREFIX);
        let zone = self.derive_zone.get();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE carrier SET name_en = ?2, name_zh = ?3, country = ?4, zone = ?5, rule = ?6,
                 grace = ?7, renewal_methods = ?8, balance_check = ?9, notes = ?10, updated_at = ?11
             WHERE id = ?1",
            params![
                uuid,
                v.name_en,
                v.name_zh,
                v.country,
                v.zone,
                v.rule.as_ref().map(to_json).transpose()?,
                v.grace.as_ref().map(to_json).transpose()?,
                to_json(&v.renewal_methods)?,
                v.balance_check,
                v.notes,
                ts(now)
            ],
        )?;
        let lines = lines_of_carrier(&tx, &existing.id)?;
        refresh_lines(&tx, &as_strs(&lines), now, zone)?;
        tx.commit()?;
        self.get_carrier(id)
    }

    /// Deletes a user carrier; its lines keep their carrier name and any rule of their own.
    pub fn delete_carrier(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        let existing = self.get_carrier(id)?;
        if existing.source == CarrierSource::Preset {
            return Err(CoreError::ReadOnly { what: "preset" });
        }
        let zone = self.derive_zone.get();
        let tx = self.conn.transaction()?;
        let lines = lines_of_carrier(&tx, &existing.id)?;
        tx.execute(
            "UPDATE line SET carrier_id = NULL, updated_at = ?2 WHERE carrier_id = ?1",
            params![existing.id, ts(now)],
        )?;
        refresh_lines(&tx, &as_strs(&lines), now, zone)?;
        tx.execute(
            "DELETE FROM carrier WHERE id = ?1",
            [existing.id.trim_start_matches(USER_PREFIX)],
        )?;
        tx.commit()?;
        Ok(())
    }
}
