//! Keep costs straight from the store: every active line's summary, events and current plan.

use super::Store;
use crate::cost::{keep_cost, report, KeepCost, KeepCostReport, LineKeepCost};
use crate::error::Result;
use crate::line::LineQuery;
use crate::rules::local_date;
use crate::summary::EvalContext;

impl Store {
    /// Every active line's keep cost (most urgent first) and the totals per currency.
    pub fn keep_cost_report(&self, ctx: &EvalContext) -> Result<KeepCostReport> {
        let summaries = self.line_summaries(&LineQuery::default(), ctx)?;
        let events = self.events_by_line()?;
        let plans = self.current_plans(local_date(ctx.now, ctx.user_zone))?;
        let lines = summaries
            .iter()
            .map(|s| LineKeepCost {
                line_id: s.line.id.clone(),
                label: s.line.label.clone(),
                display_number: s.line.display_number.clone(),
                cost: keep_cost(
                    s,
                    events
                        .get(&s.line.id)
                        .map(Vec::as_slice)
                        .unwrap_or_default(),
                    plans.get(&s.line.id),
                    ctx.now,
                ),
            })
            .collect();
        Ok(report(lines))
    }

    /// One line's keep cost.
    pub fn line_keep_cost(&self, id: &str, ctx: &EvalContext) -> Result<KeepCost> {
        let summary = self.line_summary(id, ctx)?;
        let events = self.events_of(id)?;
        let plan = self
            .list_plans(id, local_date(ctx.now, ctx.user_zone))?
            .into_iter()
            .find(|p| p.current);
        Ok(keep_cost(&summary, &events, plan.as_ref(), ctx.now))
    }
}
