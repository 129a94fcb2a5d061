//! The dashboard, bulk actions, cloning and the recycle bin, on top of the summaries the store
//! computes (see `summaries.rs`); the filtering and sorting are the pure functions of
//! [`crate::dashboard`].

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::columns::{parse_ts, ts};
use super::lines::{line_from_row, LINE_COLUMNS};
use super::Store;
use crate::cost::keep_cost;
use crate::dashboard::{
    arrange, facets, purge_at, sections, BinnedLine, BulkAction, BulkResult, Dashboard,
    DashboardItem, LineFacets, BIN_DAYS, BULK_MAX,
};
use crate::error::{CoreError, Field, Location, Result};
use crate::line::{check_tags, ArchiveFilter, Line, LineInput, LineQuery};
use crate::rules::local_date;
use crate::summary::{renewal_prefill, EvalContext};

fn not_found(id: &str) -> CoreError {
    CoreError::NotFound {
        what: "line",
        id: id.chars().take(64).collect(),
    }
}

impl Store {
    /// The dashboard for a query: its lines, filtered and sorted, each with the cost of its
    /// next action, the ones that need action first.
    pub fn dashboard(&self, query: &LineQuery, ctx: &EvalContext) -> Result<Dashboard> {
        let plans = self.current_plans(local_date(ctx.now, ctx.user_zone))?;
        let items: Vec<DashboardItem> = self
            .summaries_with_events(query, ctx)?
            .into_iter()
            .map(|(summary, events)| {
                let cost = keep_cost(&summary, &events, plans.get(&summary.line.id), ctx.now);
                let next_action = summary
                    .rule
                    .is_some()
                    .then(|| renewal_prefill(&summary, ctx.now).kind);
                DashboardItem {
                    summary,
                    next_action,
                    next_cost: cost.per_action,
                }
            })
            .collect();
        Ok(sections(arrange(items, query, |i| &i.summary)))
    }

    /// What the filters offer: the tags, countries and carriers of the lines not in the bin.
    pub fn line_facets(&self) -> Result<LineFacets> {
        let lines = self.list_lines(&LineQuery {
            archive: ArchiveFilter::All,
            ..LineQuery::default()
        })?;
        let carriers = self.list_carriers()?;
        Ok(facets(&lines, &carriers))
    }

    /// Applies one action to every line in `ids`, in one transaction: all of them change or
    /// none does. An error names the line it is about (its position in `ids` and its id).
    pub fn bulk(
        &mut self,
        ids: &[String],
        action: &BulkAction,
        now: DateTime<Utc>,
    ) -> Result<BulkResult> {
        if ids.is_empty() {
            return Err(CoreError::Required { field: Field::Id });
        }
        if ids.len() > BULK_MAX {
            return Err(CoreError::TooMany {
                field: Field::Id,
                max: BULK_MAX,
            });
        }
        // Checked once, before anything is written.
        let tag = match action {
            BulkAction::AddTag(tag) => {
                let mut tags = check_tags(std::slice::from_ref(tag))?;
                match tags.pop() {
                    Some(t) => Some(t),
                    None => return Err(CoreError::Required { field: Field::Tags }),
                }
            }
            _ => None,
        };
        if let BulkAction::Renewal(input) = action {
            input.validate(now)?;
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = self.bulk_in_tx(ids, action, tag.as_deref(), now);
        match result {
            Ok(n) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(BulkResult { lines: n })
            }
            Err(e) => {
                // The error is what the user needs; a failed rollback leaves nothing written
                // either (SQLite rolls back when the connection's transaction is abandoned).
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn bulk_in_tx(
        &mut self,
        ids: &[String],
        action: &BulkAction,
        tag: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let mut seen = std::collections::HashSet::new();
        let mut n = 0u32;
        for (index, id) in ids.iter().enumerate() {
            if !seen.insert(id.as_str()) {
                continue;
            }
            let at = Location::new("line", index).id(id);
            self.bulk_one(id, action, tag, now)
                .map_err(|e| at.wrap(e))?;
            n = n.saturating_add(1);
        }
        Ok(n)
    }

    fn bulk_one(
        &mut self,
        id: &str,
        action: &BulkAction,
        tag: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let line = self.get_line(id)?;
        if line.deleted_at.is_some() {
            return Err(not_found(id));
        }
        match action {
            BulkAction::AddTag(_) => {
                let Some(tag) = tag else { return Ok(()) };
                if line
                    .tags
                    .iter()
                    .any(|t| t.to_lowercase() == tag.to_lowercase())
                {
                    return Ok(());
                }
                let mut tags = line.tags.clone();
                tags.push(tag.to_owned());
                check_tags(&tags)?;
                self.conn.execute(
                    "INSERT INTO line_tag (line_id, tag) VALUES (?1, ?2)",
                    params![id, tag],
                )?;
                self.conn.execute(
                    "UPDATE line SET updated_at = ?2 WHERE id = ?1",
                    params![id, ts(now)],
                )?;
            }
            BulkAction::Archive | BulkAction::Unarchive => {
                let at = matches!(action, BulkAction::Archive).then(|| ts(now));
                self.conn.execute(
                    "UPDATE line SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, at, ts(now)],
                )?;
            }
            BulkAction::Renewal(input) => {
                self.add_event_in_open_transaction(id, input, now)?;
            }
            BulkAction::Delete => {
                self.conn.execute(
                    "UPDATE line SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, ts(now)],
                )?;
            }
        }
        Ok(())
    }

    /// A new line with another number and everything of `id` that is not about the number:
    /// its country, carrier, SIM kind, tags, its own rule, low-balance threshold and
    /// reminder settings (leads and mute). Not copied: the ICCID and notes (they describe one
    /// SIM), the events, plans and promotions. `label` empty keeps the source's label.
    pub fn clone_line(
        &mut self,
        id: &str,
        number: &str,
        label: &str,
        now: DateTime<Utc>,
    ) -> Result<Line> {
        let source = self.get_line(id)?;
        if source.deleted_at.is_some() {
            return Err(not_found(id));
        }
        let input = LineInput {
            number: number.to_owned(),
            label: if label.trim().is_empty() {
                source.label.clone()
            } else {
                label.to_owned()
            },
            country: source.country.clone(),
            carrier: source.carrier.clone(),
            carrier_id: source.carrier_id.clone(),
            sim_kind: source.sim_kind,
            iccid: None,
            tags: source.tags.clone(),
            notes: String::new(),
        };
        let source_id = id.to_owned();
        self.create_line_with(&input, now, move |tx, new_id| {
            tx.execute(
                "UPDATE line SET rule_override = (SELECT rule_override FROM line WHERE id = ?2),
                     low_balance_minor = (SELECT low_balance_minor FROM line WHERE id = ?2),
                     low_balance_currency = (SELECT low_balance_currency FROM line WHERE id = ?2)
                 WHERE id = ?1",
                params![new_id, source_id],
            )?;
            tx.execute(
                "INSERT INTO line_reminder (line_id, leads_days, muted)
                 SELECT ?1, leads_days, muted FROM line_reminder WHERE line_id = ?2",
                params![new_id, source_id],
            )?;
            Ok(())
        })
    }

    /// Moves a line to the recycle bin: it leaves every list, plan, reminder and export and
    /// can be restored for [`BIN_DAYS`] days.
    pub fn bin_line(&mut self, id: &str, now: DateTime<Utc>) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE line SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, ts(now)],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// The lines in the recycle bin, most recently deleted first.
    pub fn bin_list(&self) -> Result<Vec<BinnedLine>> {
        let sql = format!(
            "SELECT {LINE_COLUMNS} FROM line WHERE deleted_at IS NOT NULL
             ORDER BY deleted_at DESC, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let lines = stmt
            .query_map([], line_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            let Some(deleted_at) = line.deleted_at else {
                continue;
            };
            // Tags for the bin's few rows, one query each.
            let line = self.get_line(&line.id)?;
            out.push(BinnedLine {
                line,
                deleted_at,
                purge_at: purge_at(deleted_at),
            });
        }
        Ok(out)
    }

    /// Takes a line out of the recycle bin, back where it was (archived or in use).
    pub fn restore_line(&mut self, id: &str, now: DateTime<Utc>) -> Result<Line> {
        let n = self.conn.execute(
            "UPDATE line SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, ts(now)],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        self.get_line(id)
    }

    /// Deletes a line in the recycle bin for good, with its events, tags, plans and
    /// reminders. A line not in the bin is refused.
    pub fn purge_line(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM line WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Deletes for good every line that has been in the bin for more than [`BIN_DAYS`] days
    /// at `now`. Returns how many.
    pub fn purge_bin(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let before = now - chrono::Duration::days(i64::from(BIN_DAYS));
        Ok(self.conn.execute(
            "DELETE FROM line WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
            [ts(before)],
        )?)
    }

    /// When the line went to the bin, if it is there.
    pub fn binned_at(&self, id: &str) -> Result<Option<DateTime<Utc>>> {
        let raw: Option<Option<String>> = self
            .conn
            .query_row("SELECT deleted_at FROM line WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        match raw {
            None => Err(not_found(id)),
            Some(None) => Ok(None),
            Some(Some(s)) => Ok(Some(parse_ts(0, &s)?)),
        }
    }
}
