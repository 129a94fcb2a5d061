//! Line summaries straight from the store: each line with its stored derived state
//! ([`super::line_state`]) and its carrier, classified at the instant read. The event log is
//! read only for a line whose stored state is missing or no longer holds.

use super::line_state::{self, carrier_map, decode};
use super::lines::line_from_row;
use super::{events, Store};
use crate::error::{CoreError, Result};
use crate::event::Event;
use crate::line::{ArchiveFilter, Line, LineQuery, LineSort};
use crate::planning::LastAmounts;
use crate::summary::{
    assemble, derive, effective_rule, summarize, urgency, urgency_by_deadline, Derived,
    EvalContext, LineSummary,
};

/// A line read with its stored state: `None` when there is none of this derivation.
type Row = (Line, Option<Derived>);

impl Store {
    /// The lines a query matches, summarized, most urgent first.
    pub fn line_summaries(&self, query: &LineQuery, ctx: &EvalContext) -> Result<Vec<LineSummary>> {
        let mut out: Vec<LineSummary> = self
            .stored_summaries(query, ctx)?
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        // The query's filters and sort, over the summaries as computed; most urgent first
        // through the precomputed keys.
        if query.sort == LineSort::Urgency {
            out.retain(|s| crate::dashboard::matches(s, query));
            sort_by_urgency(&mut out);
            Ok(out)
        } else {
            Ok(crate::dashboard::arrange(out, query, |s| s))
        }
    }

    /// The lines a query matches, summarized from the stored state, each with the latest
    /// amount of each kind of event, in the order the lines are listed. Three queries whatever
    /// the number of lines (lines with their state, tags, carriers); the log is read only for
    /// lines whose state must be derived again (see [`line_state`]), and what is derived then
    /// is stored (a failure to store it is no error: the next read derives it again).
    pub(crate) fn stored_summaries(
        &self,
        query: &LineQuery,
        ctx: &EvalContext,
    ) -> Result<Vec<(LineSummary, LastAmounts)>> {
        let rows = self.lines_matching(query, ", s.version, s.derived", STATE_JOIN, read_row)?;
        self.summarize_rows(rows, ctx)
    }

    fn summarize_rows(
        &self,
        rows: Vec<Row>,
        ctx: &EvalContext,
    ) -> Result<Vec<(LineSummary, LastAmounts)>> {
        self.derive_zone.set(ctx.user_zone);
        let (mut lines, mut states): (Vec<Line>, Vec<Option<Derived>>) = rows.into_iter().unzip();
        self.attach_tags(&mut lines)?;
        let carriers = self.list_carriers()?;
        let by_id = carrier_map(&carriers);
        let carrier_of = |line: &Line| {
            line.carrier_id
                .as_deref()
                .and_then(|id| by_id.get(id).copied())
        };
        // States to derive again from the log (missing, another derivation, or not holding
        // at `now`), and states to word again for another zone.
        let stale: Vec<usize> = states
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.as_ref().is_some_and(|d| d.holds_at(ctx.now)))
            .map(|(i, _)| i)
            .collect();
        let mut rewritten: Vec<usize> = Vec::new();
        if !stale.is_empty() {
            let mut log = if stale.len() >= BULK_READ_FROM {
                Some(self.events_by_line()?)
            } else {
                None
            };
            for &i in &stale {
                let line = &lines[i];
                let evs: Vec<Event> = match log.as_mut() {
                    Some(log) => log.remove(&line.id).unwrap_or_default(),
                    None => events::events_in_order(&self.conn, &line.id)?,
                };
                let rule = effective_rule(line, carrier_of(line)).0;
                states[i] = Some(derive(rule.as_ref(), line, &evs, ctx.now, ctx.user_zone));
                rewritten.push(i);
            }
        }
        let zone = ctx.user_zone.name();
        for (i, state) in states.iter_mut().enumerate() {
            if let Some(d) = state.as_mut().filter(|d| d.explained_in != zone) {
                d.explain_in(ctx.user_zone);
                rewritten.push(i);
            }
        }
        if !rewritten.is_empty() {
            // A cache of the log: when it cannot be written (a full disk, a read-only file),
            // the summaries are still right, and the next read derives them again.
            let _ = self.store_states(&lines, &states, &rewritten);
        }
        Ok(lines
            .into_iter()
            .zip(states)
            .map(|(line, state)| {
                let carrier = carrier_of(&line).cloned();
                let mut derived = match state {
                    Some(d) => d,
                    // Not reached: every missing state was derived above.
                    None => derive(None, &line, &[], ctx.now, ctx.user_zone),
                };
                let amounts = std::mem::take(&mut derived.last_amounts);
                (assemble(line, carrier, derived, ctx), amounts)
            })
            .collect())
    }

    fn store_states(
        &self,
        lines: &[Line],
        states: &[Option<Derived>],
        which: &[usize],
    ) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        for &i in which {
            if let (Some(line), Some(Some(d))) = (lines.get(i), states.get(i)) {
                line_state::put_state(&tx, &line.id, d)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The lines a query matches, summarized afresh from the event log, each with its live
    /// events, in the order the lines are listed: what the stored state is a cache of (the
    /// reference the tests compare it with, and the keep-cost report's input). Three queries
    /// whatever the number of lines (lines, all events, carriers).
    pub fn summaries_with_events(
        &self,
        query: &LineQuery,
        ctx: &EvalContext,
    ) -> Result<Vec<(LineSummary, Vec<Event>)>> {
        let lines = self.list_lines(query)?;
        let mut events = self.events_by_line()?;
        let carriers = self.list_carriers()?;
        let by_id = carrier_map(&carriers);
        Ok(lines
            .into_iter()
            .map(|line| {
                let carrier = line
                    .carrier_id
                    .as_deref()
                    .and_then(|id| by_id.get(id).copied())
                    .cloned();
                let evs = events.remove(&line.id).unwrap_or_default();
                (summarize(line, carrier, &evs, ctx), evs)
            })
            .collect())
    }

    /// The lines a query matches, summarized afresh from the event log, most urgent first:
    /// [`Store::line_summaries`] without the stored state.
    pub fn line_summaries_from_log(
        &self,
        query: &LineQuery,
        ctx: &EvalContext,
    ) -> Result<Vec<LineSummary>> {
        let mut out: Vec<LineSummary> = self
            .summaries_with_events(query, ctx)?
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        if query.needs_action {
            out.retain(|s| s.status.needs_action());
        }
        sort_by_urgency(&mut out);
        Ok(out)
    }

    /// One line, summarized.
    pub fn line_summary(&self, id: &str, ctx: &EvalContext) -> Result<LineSummary> {
        let sql = format!(
            "SELECT {}, s.version, s.derived FROM line {STATE_JOIN} WHERE line.id = ?1",
            super::lines::LINE_COLUMNS
        );
        let rows: Vec<Row> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([id], read_row)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if rows.is_empty() {
            return Err(CoreError::NotFound {
                what: "line",
                id: id.chars().take(64).collect(),
            });
        }
        self.summarize_rows(rows, ctx)?
            .pop()
            .map(|(s, _)| s)
            .ok_or_else(|| CoreError::NotFound {
                what: "line",
                id: id.chars().take(64).collect(),
            })
    }

    /// Every active line's summary with the latest amount of each kind of event (for the
    /// planning views).
    pub(crate) fn active_summaries(
        &self,
        ctx: &EvalContext,
    ) -> Result<Vec<(LineSummary, LastAmounts)>> {
        let query = LineQuery {
            search: None,
            archive: ArchiveFilter::Active,
            needs_action: false,
            ..Default::default()
        };
        self.stored_summaries(&query, ctx)
    }
}

/// Above this many lines to derive again, a read scans the whole log once instead.
const BULK_READ_FROM: usize = 64;

const STATE_JOIN: &str = "LEFT JOIN line_state s ON s.line_id = line.id";

/// A line row followed by `s.version, s.derived`.
fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let line = line_from_row(row)?;
    let n = super::lines::LINE_COLUMN_COUNT;
    let version: Option<i64> = row.get(n)?;
    let bytes = row.get_ref(n + 1)?.as_blob_or_null()?;
    Ok((line, decode(version, bytes)))
}

/// Most urgent first (see [`urgency`]), each label lower-cased once rather than at every
/// comparison, and the summaries moved once, into their place, rather than at every step of
/// the sort.
fn sort_by_urgency(out: &mut Vec<LineSummary>) {
    if out.len() < 2 {
        return;
    }
    let labels: Vec<String> = out.iter().map(|s| s.line.label.to_lowercase()).collect();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&out[a], &out[b]);
        urgency_by_deadline(sa, sb)
            .then_with(|| labels[a].cmp(&labels[b]))
            .then_with(|| sa.line.e164.cmp(&sb.line.e164))
    });
    let mut slots: Vec<Option<LineSummary>> = out.drain(..).map(Some).collect();
    out.extend(order.into_iter().filter_map(|i| slots[i].take()));
    debug_assert!(out.windows(2).all(|w| urgency(&w[0], &w[1]).is_le()));
}

impl Store {
    /// The active line whose deadline comes next and is not yet lost.
    pub fn next_deadline(&self, ctx: &EvalContext) -> Result<Option<LineSummary>> {
        use crate::rules::Status;
        Ok(self
            .line_summaries(&LineQuery::default(), ctx)?
            .into_iter()
            .filter(|s| matches!(s.status, Status::Ok | Status::DueSoon | Status::Overdue))
            .min_by_key(|s| s.act_by))
    }
}
