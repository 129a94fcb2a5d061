//! The renewal log. Deleting an event only marks it (so the UI can undo); marked events are
//! purged later by [`Store::purge_deleted_events`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use super::columns::{money_cols, parse_ts, ts};
use super::line_state::refresh_lines;
use super::Store;
use crate::error::{CoreError, Result};
use crate::event::{Event, EventInput, EventKind, Method, PaymentChannel};

pub(super) const COLUMNS: &str =
    "id, line_id, occurred_at, kind, amount_minor, amount_currency, method, \
     channel, reference, note, balance_minor, balance_currency";

fn bad_enum(idx: usize, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unknown value {value:?}").into(),
    )
}

pub(super) fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    let occurred: String = row.get(2)?;
    let kind: String = row.get(3)?;
    let method: Option<String> = row.get(6)?;
    let channel: Option<String> = row.get(7)?;
    Ok(Event {
        id: row.get(0)?,
        line_id: row.get(1)?,
        occurred_at: parse_ts(2, &occurred)?,
        kind: EventKind::parse(&kind).ok_or_else(|| bad_enum(3, &kind))?,
        amount: money_cols(row.get(4)?, row.get(5)?),
        method: method
            .map(|m| Method::parse(&m).ok_or_else(|| bad_enum(6, &m)))
            .transpose()?,
        channel: channel
            .map(|c| PaymentChannel::parse(&c).ok_or_else(|| bad_enum(7, &c)))
            .transpose()?,
        reference: row.get(8)?,
        note: row.get(9)?,
        balance_after: money_cols(row.get(10)?, row.get(11)?),
    })
}

type Values = Vec<(&'static str, Box<dyn ToSql>)>;

/// The named parameters of an event's columns, shared by insert and update.
/// Inserts a checked event and derives its line's state again, on `conn` (a transaction).
fn insert_event(
    conn: &Connection,
    id: &str,
    line_id: &str,
    v: &EventInput,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> Result<()> {
    let mut values = bind(v);
    values.push((":id", Box::new(id.to_owned())));
    values.push((":line_id", Box::new(line_id.to_owned())));
    values.push((":created_at", Box::new(ts(now))));
    conn.execute(
        "INSERT INTO event (id, line_id, occurred_at, kind, amount_minor, amount_currency,
             method, channel, reference, note, balance_minor, balance_currency, created_at,
             updated_at)
         VALUES (:id, :line_id, :occurred_at, :kind, :amount_minor, :amount_currency,
             :method, :channel, :reference, :note, :balance_minor, :balance_currency,
             :created_at, :created_at)",
        named(&values).as_slice(),
    )?;
    refresh_lines(conn, &[line_id], now, zone)
}

fn bind(v: &EventInput) -> Values {
    vec![
        (":occurred_at", Box::new(ts(v.occurred_at))),
        (":kind", Box::new(v.kind.as_str())),
        (
            ":amount_minor",
            Box::new(v.amount.as_ref().map(|m| m.minor)),
        ),
        (
            ":amount_currency",
            Box::new(v.amount.as_ref().map(|m| m.currency.clone())),
        ),
        (":method", Box::new(v.method.map(Method::as_str))),
        (":channel", Box::new(v.channel.map(PaymentChannel::as_str))),
        (":reference", Box::new(v.reference.clone())),
        (":note", Box::new(v.note.clone())),
        (
            ":balance_minor",
            Box::new(v.balance_after.as_ref().map(|m| m.minor)),
        ),
        (
            ":balance_currency",
            Box::new(v.balance_after.as_ref().map(|m| m.currency.clone())),
        ),
    ]
}

fn named(values: &Values) -> Vec<(&str, &dyn ToSql)> {
    values.iter().map(|(k, v)| (*k, v.as_ref())).collect()
}

fn not_found(id: &str) -> CoreError {
    CoreError::NotFound {
        what: "event",
        id: id.chars().take(64).collect(),
    }
}

/// A line's live events, newest first.
pub(super) fn events_of(conn: &Connection, line_id: &str) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM event WHERE line_id = ?1 AND deleted_at IS NULL
         ORDER BY occurred_at DESC, created_at DESC"
    ))?;
    let events = stmt
        .query_map([line_id], event_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// A line's live events, oldest first, ties in the order they were logged: the order
/// [`events_by_line`] gives each line (the `event_line_time` index ends with the rowid).
pub(super) fn events_in_order(conn: &Connection, line_id: &str) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM event WHERE line_id = ?1 AND deleted_at IS NULL
         ORDER BY occurred_at, rowid"
    ))?;
    let events = stmt
        .query_map([line_id], event_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// Every live event, by line, each line's oldest first (ties in the order they were logged):
/// for summaries and planning.
///
/// The table is read in storage order and grouped here, instead of `ORDER BY line_id,
/// occurred_at`: that walked the `event_line_time` index and looked up every row in the table
/// from it, one b-tree search per event (events are stored in the order they were logged, all
/// lines mixed). The stable sort by time of each line's events, read in rowid order, gives the
/// index's order exactly (its entries end with the rowid).
pub(super) fn events_by_line(conn: &Connection) -> Result<HashMap<String, Vec<Event>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM event WHERE deleted_at IS NULL ORDER BY rowid"
    ))?;
    let mut by_line: HashMap<String, Vec<Event>> = HashMap::new();
    for e in stmt.query_map([], event_from_row)? {
        let e = e?;
        match by_line.get_mut(&e.line_id) {
            Some(events) => events.push(e),
            None => {
                by_line.insert(e.line_id.clone(), vec![e]);
            }
        }
    }
    for events in by_line.values_mut() {
        events.sort_by_key(|e| e.occurred_at);
    }
    Ok(by_line)
}

/// The line an event belongs to.
fn line_of_event(conn: &Connection, id: &str) -> Result<String> {
    Ok(
        conn.query_row("SELECT line_id FROM event WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

impl Store {
    /// A line's events, newest first (deleted ones left out).
    pub fn list_events(&self, line_id: &str) -> Result<Vec<Event>> {
        self.get_line(line_id)?;
        self.events_of(line_id)
    }

    /// A line's live events, newest first, for a line known to exist.
    pub(crate) fn events_of(&self, line_id: &str) -> Result<Vec<Event>> {
        events_of(&self.conn, line_id)
    }

    /// Every live event, by line, each line's oldest first (see [`events_by_line`]).
    pub(crate) fn events_by_line(&self) -> Result<HashMap<String, Vec<Event>>> {
        events_by_line(&self.conn)
    }

    pub fn get_event(&self, id: &str) -> Result<Event> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM event WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                event_from_row,
            )
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    pub fn add_event(
        &mut self,
        line_id: &str,
        input: &EventInput,
        now: DateTime<Utc>,
    ) -> Result<Event> {
        let (id, v) = self.new_event(line_id, input, now)?;
        let zone = self.derive_zone();
        let tx = self.conn.transaction()?;
        insert_event(&tx, &id, line_id, &v, now, zone)?;
        tx.commit()?;
        self.get_event(&id)
    }

    /// [`Self::add_event`]'s writes, inside a transaction the caller opened and commits (a
    /// bulk renewal logs every line's event in one).
    pub(super) fn add_event_in_open_transaction(
        &mut self,
        line_id: &str,
        input: &EventInput,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (id, v) = self.new_event(line_id, input, now)?;
        insert_event(&self.conn, &id, line_id, &v, now, self.derive_zone())
    }

    /// A checked event for an existing line, with its new id.
    fn new_event(
        &mut self,
        line_id: &str,
        input: &EventInput,
        now: DateTime<Utc>,
    ) -> Result<(String, EventInput)> {
        let v = input.validate(now)?;
        self.get_line(line_id)?;
        Ok((self.new_id(), v))
    }

    pub fn update_event(
        &mut self,
        id: &str,
        input: &EventInput,
        now: DateTime<Utc>,
    ) -> Result<Event> {
        let v = input.validate(now)?;
        let old = self.get_event(id)?;
        let mut values = bind(&v);
        values.push((":id", Box::new(id.to_owned())));
        values.push((":updated_at", Box::new(ts(now))));
        let zone = self.derive_zone();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE event SET occurred_at = :occurred_at, kind = :kind, updated_at = :updated_at,
                 amount_minor = :amount_minor, amount_currency = :amount_currency,
                 method = :method, channel = :channel, reference = :reference, note = :note,
                 balance_minor = :balance_minor, balance_currency = :balance_currency
             WHERE id = :id AND deleted_at IS NULL",
            named(&values).as_slice(),
        )?;
        refresh_lines(&tx, &[&old.line_id], now, zone)?;
        tx.commit()?;
        self.get_event(id)
    }

    /// Marks an event deleted; [`Store::restore_event`] undoes it.
    pub fn delete_event(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        let zone = self.derive_zone();
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE event SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, ts(now)],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        let line_id = line_of_event(&tx, id)?;
        refresh_lines(&tx, &[&line_id], now, zone)?;
        tx.commit()?;
        Ok(())
    }

    /// Undoes a delete. The event's `updated_at` stays at the deletion time (this takes no
    /// clock); a backup merge treats an equal time with different content as a conflict.
    pub fn restore_event(&mut self, id: &str) -> Result<Event> {
        let zone = self.derive_zone();
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE event SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        let (line_id, changed): (String, String) = tx.query_row(
            "SELECT line_id, updated_at FROM event WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // No clock here: the derivation is for the event's last change (only a `balance`
        // rule's forecast depends on the instant, and a read on another day derives it again).
        let at = super::columns::parse_ts(1, &changed).unwrap_or_default();
        refresh_lines(&tx, &[&line_id], at, zone)?;
        tx.commit()?;
        self.get_event(id)
    }

    /// Removes events deleted before `before` for good. Returns how many.
    pub fn purge_deleted_events(&mut self, before: DateTime<Utc>) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM event WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
            [ts(before)],
        )?)
    }
}
