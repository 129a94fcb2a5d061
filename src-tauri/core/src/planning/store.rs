//! The planning views straight from the store: one summaries query for all lines.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{
    agenda, forecast, renewal_days, Agenda, AgendaRange, Forecast, PlanningLine,
    RenewalDaysOptions, RenewalPlan, FORECAST_MONTHS,
};
use crate::error::Result;
use crate::line::{ArchiveFilter, LineQuery};
use crate::store::Store;
use crate::summary::EvalContext;

impl Store {
    /// Every active line as the planning views see it.
    pub fn planning_lines(&self, ctx: &EvalContext) -> Result<Vec<PlanningLine>> {
        let query = LineQuery {
            search: None,
            archive: ArchiveFilter::Active,
            needs_action: false,
            ..Default::default()
        };
        Ok(self
            .summaries_with_events(&query, ctx)?
            .into_iter()
            .map(|(summary, events)| PlanningLine::new(summary, &events))
            .collect())
    }

    /// The fewest renewal days for the active lines (see [`super::renewal_days()`]).
    pub fn renewal_days(
        &self,
        ctx: &EvalContext,
        options: &RenewalDaysOptions,
    ) -> Result<RenewalPlan> {
        Ok(renewal_days(&self.planning_lines(ctx)?, ctx, options))
    }

    /// The next [`FORECAST_MONTHS`] months of renewals of the active lines and their cost.
    pub fn forecast(&self, ctx: &EvalContext) -> Result<Forecast> {
        Ok(forecast(&self.planning_lines(ctx)?, ctx, FORECAST_MONTHS))
    }

    /// The calendar of the active lines for `range`, in the reminder policy's zone.
    pub fn agenda(
        &self,
        now: DateTime<Utc>,
        default_zone: Tz,
        range: &AgendaRange,
    ) -> Result<Agenda> {
        let (policy, lines) = self.planning_input(now, default_zone)?;
        agenda(&lines, &policy, now, range)
    }
}
