//! Settings, per-line reminder overrides, and the record of delivered reminders.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::columns::{parse_ts, put_setting, to_json, ts};
use super::Store;
use crate::error::{Field, Result};
use crate::instant::check_instant;
use crate::line::{ArchiveFilter, LineQuery};
use crate::planner::{
    BalanceInfo, Lang, LineReminderOverrides, OneOffReminder, PlanLine, ReminderPolicy,
};
use crate::reminders::{
    delivery_pass, due_soon_days, line_reminders, validate_leads, validate_policy, LineReminders,
    Pass,
};
use crate::summary::EvalContext;

fn context_for(policy: &ReminderPolicy, now: DateTime<Utc>) -> EvalContext {
    EvalContext {
        now,
        user_zone: policy.user_zone,
        due_soon_days: due_soon_days(policy),
    }
}

/// Reads the reminder overrides of one line (or of every line). An instant the store cannot
/// read (written by an older version before instants were bounded) counts as unset, so one
/// bad row never stops the planning of every line.
pub(super) fn read_line_reminders(
    conn: &Connection,
    line_id: Option<&str>,
) -> Result<HashMap<String, LineReminderOverrides>> {
    let mut stmt = conn.prepare_cached(
        "SELECT line_id, leads_days, muted, snoozed_until, nag_dismissed_for FROM line_reminder
         WHERE ?1 IS NULL OR line_id = ?1",
    )?;
    let rows = stmt.query_map([line_id], |r| {
        let leads: Option<String> = r.get(1)?;
        let snoozed: Option<String> = r.get(3)?;
        let dismissed: Option<String> = r.get(4)?;
        Ok((
            r.get::<_, String>(0)?,
            LineReminderOverrides {
                leads_days: leads.and_then(|l| serde_json::from_str(&l).ok()),
                muted: r.get::<_, i64>(2)? != 0,
                snoozed_until: snoozed.and_then(|s| parse_ts(3, &s).ok()),
                nag_dismissed_for: dismissed.and_then(|s| parse_ts(4, &s).ok()),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

pub const POLICY_KEY: &str = "reminder_policy";
pub const LAST_CHECK_KEY: &str = "reminders_last_check";
/// The language notifications (and the tray) speak, set by the shell.
pub const LOCALE_KEY: &str = "locale";

impl Store {
    pub fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        // A value this version cannot read is treated as unset rather than an error.
        Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
    }

    pub fn set_setting<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        put_setting(&self.conn, key, value)
    }

    /// The reminder policy; the default (with the user's zone) until the user changes it.
    pub fn reminder_policy(&self, default_zone: Tz) -> Result<ReminderPolicy> {
        Ok(self.setting(POLICY_KEY)?.unwrap_or_else(|| ReminderPolicy {
            user_zone: default_zone,
            ..ReminderPolicy::default()
        }))
    }

    pub fn set_reminder_policy(&mut self, policy: &ReminderPolicy) -> Result<ReminderPolicy> {
        let policy = validate_policy(policy)?;
        self.set_setting(POLICY_KEY, &policy)?;
        Ok(policy)
    }

    /// An evaluation context that uses the policy's zone and due-soon window.
    pub fn eval_context(&self, now: DateTime<Utc>, default_zone: Tz) -> Result<EvalContext> {
        Ok(context_for(&self.reminder_policy(default_zone)?, now))
    }

    /// What planning needs at `now`: the policy and every active line as the planner sees it.
    pub fn planning_input(
        &self,
        now: DateTime<Utc>,
        default_zone: Tz,
    ) -> Result<(ReminderPolicy, Vec<PlanLine>)> {
        let policy = self.reminder_policy(default_zone)?;
        let lines = self.plan_lines(&context_for(&policy, now))?;
        Ok((policy, lines))
    }

    pub fn line_reminder(&self, line_id: &str) -> Result<LineReminderOverrides> {
        self.get_line(line_id)?;
        read_line_reminders(&self.conn, Some(line_id))
            .map(|mut all| all.remove(line_id).unwrap_or_default())
    }

    /// A line's reminder settings and what they mean at `now` (snoozed, the daily nag).
    pub fn line_reminder_state(
        &self,
        line_id: &str,
        now: DateTime<Utc>,
        default_zone: Tz,
    ) -> Result<LineReminders> {
        let policy = self.reminder_policy(default_zone)?;
        let summary = self.line_summary(line_id, &context_for(&policy, now))?;
        let overrides = self.line_reminder(line_id)?;
        Ok(line_reminders(
            overrides,
            &policy,
            summary.status,
            summary.act_by,
            now,
        ))
    }

    fn all_line_reminders(&self) -> Result<HashMap<String, LineReminderOverrides>> {
        read_line_reminders(&self.conn, None)
    }

    /// Sets a line's reminder overrides. Everything is checked before anything is written
    /// (leads; snooze and dismissal instants inside [`crate::instant`]'s range, else
    /// `out_of_range` on [`Field::Snooze`]), and the write and its read-back are one
    /// transaction: a failure leaves the previous overrides as they were.
    pub fn set_line_reminder(
        &mut self,
        line_id: &str,
        overrides: &LineReminderOverrides,
    ) -> Result<LineReminderOverrides> {
        let leads = overrides
            .leads_days
            .as_deref()
            .map(validate_leads)
            .transpose()?;
        let leads_json = leads.as_ref().map(to_json).transpose()?;
        let snoozed = overrides
            .snoozed_until
            .map(|t| check_instant(Field::Snooze, t))
            .transpose()?;
        let dismissed = overrides
            .nag_dismissed_for
            .map(|t| check_instant(Field::Snooze, t))
            .transpose()?;
        self.get_line(line_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO line_reminder (line_id, leads_days, muted, snoozed_until, nag_dismissed_for)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(line_id) DO UPDATE SET leads_days = excluded.leads_days,
                 muted = excluded.muted, snoozed_until = excluded.snoozed_until,
                 nag_dismissed_for = excluded.nag_dismissed_for",
            params![
                line_id,
                leads_json,
                i64::from(overrides.muted),
                snoozed.map(ts),
                dismissed.map(ts)
            ],
        )?;
        let stored = read_line_reminders(&tx, Some(line_id))?
            .remove(line_id)
            .unwrap_or_default();
        tx.commit()?;
        Ok(stored)
    }

    /// Every active line as the planner sees it.
    pub fn plan_lines(&self, ctx: &EvalContext) -> Result<Vec<PlanLine>> {
        let summaries = self.line_summaries(
            &LineQuery {
                search: None,
                archive: ArchiveFilter::Active,
                needs_action: false,
                ..Default::default()
            },
            ctx,
        )?;
        let mut overrides = self.all_line_reminders()?;
        let mut one_offs = self.promotion_reminders(&summaries, ctx)?;
        Ok(summaries
            .into_iter()
            .map(|s| PlanLine {
                overrides: overrides.remove(&s.line.id).unwrap_or_default(),
                one_offs: one_offs.remove(&s.line.id).unwrap_or_default(),
                line_id: s.line.id,
                label: s.line.label,
                display_number: s.line.display_number,
                act_by: s.act_by,
                lost_at: s.lost_at,
                renewed_at: s.last_renewal.map(|e| e.occurred_at),
                balance: s.balance.map(|b| BalanceInfo {
                    low: s.balance_low,
                    checked_at: Some(b.at),
                }),
            })
            .collect())
    }

    /// The promotions' remind-me dates as one-off reminders, by line: a line's own, and a
    /// carrier's on one active line of that carrier (the smallest id, so the reminder keeps
    /// its line, and its id, whatever else changes). Expired promotions are left out.
    fn promotion_reminders(
        &self,
        summaries: &[crate::summary::LineSummary],
        ctx: &EvalContext,
    ) -> Result<HashMap<String, Vec<OneOffReminder>>> {
        let today = crate::rules::local_date(ctx.now, ctx.user_zone);
        let mut out: HashMap<String, Vec<OneOffReminder>> = HashMap::new();
        for p in self.all_promotions()? {
            let Some(on) = p.remind_on else { continue };
            if p.expires_on.is_some_and(|e| e < today) {
                continue;
            }
            let line = match (&p.line_id, &p.carrier_id) {
                (Some(l), _) => summaries.iter().find(|s| &s.line.id == l),
                (None, Some(c)) => summaries
                    .iter()
                    .filter(|s| s.line.carrier_id.as_ref() == Some(c))
                    .min_by(|a, b| a.line.id.cmp(&b.line.id)),
                (None, None) => None,
            };
            if let Some(s) = line {
                out.entry(s.line.id.clone())
                    .or_default()
                    .push(OneOffReminder {
                        key: format!("promotion:{}", p.id),
                        on,
                        text: p.text,
                    });
            }
        }
        for v in out.values_mut() {
            v.sort_by(|a, b| (a.on, &a.key).cmp(&(b.on, &b.key)));
        }
        Ok(out)
    }

    /// When the last delivery pass ran.
    pub fn last_check(&self) -> Result<Option<DateTime<Utc>>> {
        self.setting(LAST_CHECK_KEY)
    }

    fn delivered_since(&self, since: DateTime<Utc>) -> Result<HashSet<(i32, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, at FROM delivered WHERE at >= ?1")?;
        let rows = stmt.query_map([ts(since)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<HashSet<_>>>()?)
    }

    /// Runs one desktop delivery pass at `now` and records, in one transaction, what it
    /// delivered and that it ran. The caller shows `pass.show`.
    pub fn run_delivery_pass(
        &mut self,
        now: DateTime<Utc>,
        default_zone: Tz,
        catching_up: bool,
        lang: Lang,
    ) -> Result<Pass> {
        let (policy, lines) = self.planning_input(now, default_zone)?;
        let since = self.last_check()?;
        let floor = now - chrono::Duration::days(crate::reminders::CATCH_UP_MAX_DAYS);
        let seen = self.delivered_since(since.unwrap_or(now).min(now).max(floor))?;
        let pass = delivery_pass(&lines, &policy, since, now, catching_up, lang, |r| {
            seen.contains(&(r.id, ts(r.at)))
        });
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO delivered (id, at, line_id, delivered_at) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for r in &pass.delivered {
                insert.execute(params![r.id, ts(r.at), r.line_id, ts(now)])?;
            }
        }
        put_setting(&tx, LAST_CHECK_KEY, &now)?;
        // Keep the record bounded: what is older than the catch-up window can never recur.
        tx.execute("DELETE FROM delivered WHERE at < ?1", [ts(floor)])?;
        tx.commit()?;
        Ok(pass)
    }

    /// How many reminders were delivered (for status and tests).
    pub fn delivered_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM delivered", [], |r| r.get(0))?)
    }
}
