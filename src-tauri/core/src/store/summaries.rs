//! Line summaries straight from the store: lines, their carriers and events, evaluated.

use std::collections::HashMap;

use super::Store;
use crate::error::Result;
use crate::event::Event;
use crate::line::LineQuery;
use crate::summary::{summarize, EvalContext, LineSummary};

impl Store {
    /// The lines a query matches, summarized, most urgent first.
    pub fn line_summaries(&self, query: &LineQuery, ctx: &EvalContext) -> Result<Vec<LineSummary>> {
        let out: Vec<LineSummary> = self
            .summaries_with_events(query, ctx)?
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        // The query's filters and sort, over the summaries as computed.
        Ok(crate::dashboard::arrange(out, query, |s| s))
    }

    /// The lines a query matches, summarized, each with its live events, in the order the
    /// lines are listed. Three queries whatever the number of lines (lines, all events,
    /// carriers).
    pub fn summaries_with_events(
        &self,
        query: &LineQuery,
        ctx: &EvalContext,
    ) -> Result<Vec<(LineSummary, Vec<Event>)>> {
        let lines = self.list_lines(query)?;
        let mut events = self.events_by_line()?;
        let carriers = self.list_carriers()?;
        // The first carrier of each id, as a linear search finds it.
        let mut by_id: HashMap<&str, &crate::carrier::Carrier> = HashMap::new();
        for c in &carriers {
            by_id.entry(c.id.as_str()).or_insert(c);
        }
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

    /// One line, summarized.
    pub fn line_summary(&self, id: &str, ctx: &EvalContext) -> Result<LineSummary> {
        let line = self.get_line(id)?;
        let carrier = match line.carrier_id.as_deref() {
            // A carrier that has gone (a deleted user carrier) just means no carrier.
            Some(cid) => self.get_carrier(cid).ok(),
            None => None,
        };
        let events = self.events_of(&line.id)?;
        Ok(summarize(line, carrier, &events, ctx))
    }
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
