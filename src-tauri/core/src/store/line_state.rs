//! Each line's derived state, stored (`line_state`, migration 8): what its summary takes from
//! the event log ([`Derived`]), written in the transaction of every write that can change it
//! (an event logged, edited, deleted or restored; a line created or edited, its rule set; its
//! carrier edited or deleted; an import; a restore), so the list and the planners read one row
//! per line instead of the log. The events stay the truth: a row is a cache of them, derived
//! again when the derivation changes ([`DERIVATION_VERSION`]), when it is missing, or when it no
//! longer holds at the instant read ([`Derived::holds_at`]).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};

use super::columns::ts;
use super::lines::{line_from_row, LINE_COLUMNS};
use super::{carriers, events, Store};
use crate::backup::{EventRecord, LineRecord};
use crate::carrier::Carrier;
use crate::error::{CoreError, Result};
use crate::event::Event;
use crate::line::Line;
use crate::summary::{derive, effective_rule, Derived};

/// The version of the derivation (the rules engine, [`Derived`] and its encoding). Change it
/// whenever any of them changes what a stored row would hold: every row written by another
/// version is derived again when the database is opened.
pub const DERIVATION_VERSION: i64 = 1;

/// Above this many lines, a refresh reads the whole log in one scan instead of line by line.
const BULK_FROM: usize = 64;

pub(super) fn encode(d: &Derived) -> Result<Vec<u8>> {
    postcard::to_allocvec(d).map_err(|e| CoreError::Encode(e.to_string()))
}

/// A stored row, if it decodes (a row that does not is derived again, never an error).
pub(super) fn decode(version: Option<i64>, bytes: Option<&[u8]>) -> Option<Derived> {
    if version != Some(DERIVATION_VERSION) {
        return None;
    }
    postcard::from_bytes(bytes?).ok()
}

/// Writes a line's state (inside the caller's transaction).
pub(super) fn put_state(conn: &Connection, line_id: &str, d: &Derived) -> Result<()> {
    let eval = d.evaluation.as_ref();
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO line_state (line_id, version, act_by, lost_at, zone, explained_in,
             derived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    stmt.execute(params![
        line_id,
        DERIVATION_VERSION,
        eval.and_then(|e| e.act_by).map(ts),
        eval.and_then(|e| e.lost_at).map(ts),
        eval.map(|e| e.basis.zone.as_str()),
        d.explained_in,
        encode(d)?,
    ])?;
    Ok(())
}

/// Derives one line's state from its carrier and live events.
fn derive_line(
    line: &Line,
    carrier: Option<&Carrier>,
    events: &[Event],
    now: DateTime<Utc>,
    zone: Tz,
) -> Derived {
    let rule = effective_rule(line, carrier).0;
    derive(rule.as_ref(), line, events, now, zone)
}

/// Derives and stores the state of the lines `ids` (those that exist) from the log, inside the
/// caller's transaction. `now` is the instant the derivation is for (only a `balance` rule's
/// forecast depends on it; a row that does not hold when read is derived again then), `zone`
/// the user's zone the explanation is worded in.
pub(super) fn refresh_lines(
    conn: &Connection,
    ids: &[&str],
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<()> {
    if ids.len() >= BULK_FROM {
        let only: HashSet<&str> = ids.iter().copied().collect();
        refresh_where(conn, Some(&only), now, zone)?;
        return Ok(());
    }
    let sql = format!("SELECT {LINE_COLUMNS} FROM line WHERE id = ?1");
    for id in ids {
        let line = conn
            .prepare_cached(&sql)?
            .query_row([id], line_from_row)
            .optional()?;
        let Some(line) = line else { continue };
        let carrier = match line.carrier_id.as_deref() {
            Some(cid) => carriers::get_carrier(conn, cid).ok(),
            None => None,
        };
        let evs = events::events_in_order(conn, id)?;
        put_state(
            conn,
            id,
            &derive_line(&line, carrier.as_ref(), &evs, now, zone),
        )?;
    }
    Ok(())
}

/// Borrows each id.
pub(super) fn as_strs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}

/// The lines of a carrier (by id), for a refresh after the carrier changed.
pub(super) fn lines_of_carrier(conn: &Connection, carrier_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM line WHERE carrier_id = ?1")?;
    let ids = stmt
        .query_map([carrier_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// Derives and stores the state of every line (or of those in `only`) with one scan of the
/// log, inside the caller's transaction. Returns how many.
pub(super) fn refresh_where(
    conn: &Connection,
    only: Option<&HashSet<&str>>,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<usize> {
    let lines = {
        let mut stmt = conn.prepare_cached(&format!("SELECT {LINE_COLUMNS} FROM line"))?;
        let rows = stmt.query_map([], line_from_row)?;
        rows.collect::<rusqlite::Result<Vec<Line>>>()?
    };
    let all_carriers = carriers::list_carriers(conn)?;
    let by_id = carrier_map(&all_carriers);
    let mut log = events::events_by_line(conn)?;
    let mut n = 0;
    for line in &lines {
        if only.is_some_and(|o| !o.contains(line.id.as_str())) {
            continue;
        }
        let carrier = line
            .carrier_id
            .as_deref()
            .and_then(|id| by_id.get(id).copied());
        let evs = log.remove(&line.id).unwrap_or_default();
        put_state(conn, &line.id, &derive_line(line, carrier, &evs, now, zone))?;
        n += 1;
    }
    Ok(n)
}

/// Derives and stores the state of the lines just written from `lines` and `events` (a
/// replace restore), inside the caller's transaction: the records in memory, not read back, as
/// the store would read them (instants at the millisecond they are stored with, each line's
/// events in time order, ties in the order written).
pub(super) fn refresh_from_records(
    conn: &Connection,
    lines: &[LineRecord],
    events: &[EventRecord],
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<()> {
    let all_carriers = carriers::list_carriers(conn)?;
    let by_id = carrier_map(&all_carriers);
    let mut log: HashMap<&str, Vec<Event>> = HashMap::new();
    for e in events.iter().filter(|e| e.deleted_at.is_none()) {
        log.entry(e.line_id.as_str()).or_default().push(Event {
            id: e.id.clone(),
            line_id: e.line_id.clone(),
            occurred_at: as_stored(e.occurred_at),
            kind: e.kind,
            amount: e.amount.clone(),
            method: e.method,
            channel: e.channel,
            reference: e.reference.clone(),
            note: e.note.clone(),
            balance_after: e.balance_after.clone(),
        });
    }
    for l in lines {
        let mut evs = log.remove(l.id.as_str()).unwrap_or_default();
        evs.sort_by_key(|e| e.occurred_at);
        // What the derivation reads of a line: its rule, carrier and creation.
        let line = Line {
            id: l.id.clone(),
            e164: String::new(),
            display_number: String::new(),
            label: String::new(),
            country: String::new(),
            carrier: String::new(),
            carrier_id: l.carrier_id.clone(),
            sim_kind: l.sim_kind,
            iccid: None,
            tags: Vec::new(),
            notes: String::new(),
            rule_override: l.rule_override.clone(),
            low_balance: None,
            created_at: as_stored(l.created_at),
            updated_at: as_stored(l.updated_at),
            archived_at: None,
            deleted_at: None,
        };
        let carrier = l
            .carrier_id
            .as_deref()
            .and_then(|id| by_id.get(id).copied());
        put_state(conn, &l.id, &derive_line(&line, carrier, &evs, now, zone))?;
    }
    Ok(())
}

/// An instant as it reads back from the store ([`ts`]: clamped, to the millisecond).
fn as_stored(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::SubsecRound;
    crate::instant::clamp(t).trunc_subsecs(3)
}

/// The first carrier of each id, as a linear search finds it.
pub(super) fn carrier_map(carriers: &[Carrier]) -> HashMap<&str, &Carrier> {
    let mut by_id: HashMap<&str, &Carrier> = HashMap::new();
    for c in carriers {
        by_id.entry(c.id.as_str()).or_insert(c);
    }
    by_id
}

/// Derives and stores the state of every line that has none of this derivation's version (a
/// database from before migration 8, or written by a build with another derivation), in one
/// transaction. Returns how many.
pub(super) fn refresh_stale(conn: &mut Connection, now: DateTime<Utc>, zone: Tz) -> Result<usize> {
    let stale: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT line.id FROM line LEFT JOIN line_state s ON s.line_id = line.id
             WHERE s.version IS NOT ?1",
        )?;
        let rows = stmt.query_map([DERIVATION_VERSION], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if stale.is_empty() {
        return Ok(0);
    }
    let tx = conn.transaction()?;
    let ids: Vec<&str> = stale.iter().map(String::as_str).collect();
    refresh_lines(&tx, &ids, now, zone)?;
    tx.commit()?;
    Ok(stale.len())
}

/// The zone the stored explanations are worded in (the most recent reader's), if any.
pub(super) fn stored_zone(conn: &Connection) -> Result<Option<Tz>> {
    let name: Option<String> = conn
        .query_row("SELECT explained_in FROM line_state LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(name.and_then(|n| n.parse().ok()))
}

impl Store {
    /// The zone writes word the stored explanations in: the zone of the last read (a read in
    /// another zone words them again, once).
    pub(super) fn derive_zone(&self) -> Tz {
        self.derive_zone.get()
    }

    /// Derives the state of every line again from the log, in one transaction (for tests and
    /// tools; the store keeps it current by itself). Returns how many lines.
    pub fn rederive_all(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let zone = self.derive_zone();
        let tx = self.conn.transaction()?;
        let n = refresh_where(&tx, None, now, zone)?;
        tx.commit()?;
        Ok(n)
    }
}
