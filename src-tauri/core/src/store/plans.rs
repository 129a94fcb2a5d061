//! A line's plans (with history) and promotions on lines or carriers.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::columns::{from_json_opt, money_cols, parse_ts, to_json, ts};
use super::Store;
use crate::error::{CoreError, Field, Result};
use crate::line_plan::{mark_current, LinePlan, LinePlanInput, PLANS_MAX};
use crate::promotion::{Promotion, PromotionInput};

pub(crate) const PLAN_COLUMNS: &str =
    "id, line_id, name, price_minor, price_currency, period, data_mb, \
     minutes, sms, auto_renew, started_on, note, created_at, updated_at";

fn parse_date(idx: usize, s: &str) -> rusqlite::Result<NaiveDate> {
    s.parse::<NaiveDate>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn opt_date(idx: usize, s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| parse_date(idx, &s)).transpose()
}

pub(crate) fn plan_from_row(row: &Row<'_>) -> rusqlite::Result<LinePlan> {
    let started: String = row.get(10)?;
    let created: String = row.get(12)?;
    let updated: String = row.get(13)?;
    Ok(LinePlan {
        id: row.get(0)?,
        line_id: row.get(1)?,
        name: row.get(2)?,
        price: money_cols(row.get(3)?, row.get(4)?),
        period: from_json_opt(5, row.get(5)?)?,
        data_mb: row.get(6)?,
        minutes: row.get(7)?,
        sms: row.get(8)?,
        auto_renew: row.get::<_, i64>(9)? != 0,
        started_on: parse_date(10, &started)?,
        note: row.get(11)?,
        current: false,
        created_at: parse_ts(12, &created)?,
        updated_at: parse_ts(13, &updated)?,
    })
}

pub(crate) const PROMO_COLUMNS: &str =
    "id, line_id, carrier_id, text, remind_on, expires_on, created_at, updated_at";

pub(crate) fn promo_from_row(row: &Row<'_>) -> rusqlite::Result<Promotion> {
    let created: String = row.get(6)?;
    let updated: String = row.get(7)?;
    Ok(Promotion {
        id: row.get(0)?,
        line_id: row.get(1)?,
        carrier_id: row.get(2)?,
        text: row.get(3)?,
        remind_on: opt_date(4, row.get(4)?)?,
        expires_on: opt_date(5, row.get(5)?)?,
        expired: false,
        created_at: parse_ts(6, &created)?,
        updated_at: parse_ts(7, &updated)?,
    })
}

fn not_found(what: &'static str, id: &str) -> CoreError {
    CoreError::NotFound {
        what,
        id: id.chars().take(64).collect(),
    }
}

impl Store {
    /// A line's plans, newest start first, the one in force on `today` marked `current`.
    pub fn list_plans(&self, line_id: &str, today: NaiveDate) -> Result<Vec<LinePlan>> {
        self.get_line(line_id)?;
        let mut plans = self.plans_of(line_id)?;
        mark_current(&mut plans, today);
        Ok(plans)
    }

    fn plans_of(&self, line_id: &str) -> Result<Vec<LinePlan>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM line_plan WHERE line_id = ?1
             ORDER BY started_on DESC, created_at DESC, id"
        ))?;
        let plans = stmt
            .query_map([line_id], plan_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(plans)
    }

    /// The plan in force on `today` on each line that has one.
    pub(crate) fn current_plans(
        &self,
        today: NaiveDate,
    ) -> Result<std::collections::HashMap<String, LinePlan>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM line_plan"))?;
        let all = stmt
            .query_map([], plan_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut by_line: std::collections::HashMap<String, Vec<LinePlan>> = Default::default();
        for p in all {
            by_line.entry(p.line_id.clone()).or_default().push(p);
        }
        Ok(by_line
            .into_iter()
            .filter_map(|(line, mut plans)| {
                mark_current(&mut plans, today);
                plans.into_iter().find(|p| p.current).map(|p| (line, p))
            })
            .collect())
    }

    pub fn get_plan(&self, id: &str) -> Result<LinePlan> {
        self.conn
            .query_row(
                &format!("SELECT {PLAN_COLUMNS} FROM line_plan WHERE id = ?1"),
                [id],
                plan_from_row,
            )
            .optional()?
            .ok_or_else(|| not_found("plan", id))
    }

    /// Adds a plan to a line (a new plan from its start date; the earlier ones stay as
    /// history).
    pub fn add_plan(
        &mut self,
        line_id: &str,
        input: &LinePlanInput,
        now: DateTime<Utc>,
    ) -> Result<LinePlan> {
        let v = input.validate()?;
        self.get_line(line_id)?;
        let id = self.new_id();
        let tx = self.conn.transaction()?;
        let count: i64 = tx.query_row(
            "SELECT COUNT(*) FROM line_plan WHERE line_id = ?1",
            [line_id],
            |r| r.get(0),
        )?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= PLANS_MAX {
            return Err(CoreError::TooMany {
                field: Field::Name,
                max: PLANS_MAX,
            });
        }
        tx.execute(
            &format!(
                "INSERT INTO line_plan ({PLAN_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)"
            ),
            params![
                id,
                line_id,
                v.name,
                v.price.as_ref().map(|m| m.minor),
                v.price.as_ref().map(|m| m.currency.clone()),
                v.period.as_ref().map(to_json).transpose()?,
                v.data_mb,
                v.minutes,
                v.sms,
                i64::from(v.auto_renew),
                v.started_on.to_string(),
                v.note,
                ts(now)
            ],
        )?;
        tx.commit()?;
        self.get_plan(&id)
    }

    pub fn update_plan(
        &mut self,
        id: &str,
        input: &LinePlanInput,
        now: DateTime<Utc>,
    ) -> Result<LinePlan> {
        let v = input.validate()?;
        self.get_plan(id)?;
        self.conn.execute(
            "UPDATE line_plan SET name = ?2, price_minor = ?3, price_currency = ?4, period = ?5,
                 data_mb = ?6, minutes = ?7, sms = ?8, auto_renew = ?9, started_on = ?10,
                 note = ?11, updated_at = ?12
             WHERE id = ?1",
            params![
                id,
                v.name,
                v.price.as_ref().map(|m| m.minor),
                v.price.as_ref().map(|m| m.currency.clone()),
                v.period.as_ref().map(to_json).transpose()?,
                v.data_mb,
                v.minutes,
                v.sms,
                i64::from(v.auto_renew),
                v.started_on.to_string(),
                v.note,
                ts(now)
            ],
        )?;
        self.get_plan(id)
    }

    pub fn delete_plan(&mut self, id: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM line_plan WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(not_found("plan", id));
        }
        Ok(())
    }

    /// Checks that a promotion's line or carrier exists; returns the input normalized.
    fn resolve_promotion(&self, input: &PromotionInput) -> Result<PromotionInput> {
        let mut v = input.validate()?;
        if let Some(line) = &v.line_id {
            self.get_line(line)?;
        }
        if let Some(carrier) = &v.carrier_id {
            v.carrier_id = Some(
                self.get_carrier(carrier)
                    .map_err(|e| match e {
                        CoreError::NotFound { .. } => CoreError::UnknownCarrier {
                            id: carrier.chars().take(64).collect(),
                        },
                        other => other,
                    })?
                    .id,
            );
        }
        Ok(v)
    }

    pub fn get_promotion(&self, id: &str) -> Result<Promotion> {
        self.conn
            .query_row(
                &format!("SELECT {PROMO_COLUMNS} FROM promotion WHERE id = ?1"),
                [id],
                promo_from_row,
            )
            .optional()?
            .ok_or_else(|| not_found("promotion", id))
    }

    pub fn add_promotion(
        &mut self,
        input: &PromotionInput,
        now: DateTime<Utc>,
    ) -> Result<Promotion> {
        let v = self.resolve_promotion(input)?;
        let id = self.new_id();
        self.conn.execute(
            &format!(
                "INSERT INTO promotion ({PROMO_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
            ),
            params![
                id,
                v.line_id,
                v.carrier_id,
                v.text,
                v.remind_on.map(|d| d.to_string()),
                v.expires_on.map(|d| d.to_string()),
                ts(now)
            ],
        )?;
        self.get_promotion(&id)
    }

    pub fn update_promotion(
        &mut self,
        id: &str,
        input: &PromotionInput,
        now: DateTime<Utc>,
    ) -> Result<Promotion> {
        let v = self.resolve_promotion(input)?;
        self.get_promotion(id)?;
        self.conn.execute(
            "UPDATE promotion SET line_id = ?2, carrier_id = ?3, text = ?4, remind_on = ?5,
                 expires_on = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id,
                v.line_id,
                v.carrier_id,
                v.text,
                v.remind_on.map(|d| d.to_string()),
                v.expires_on.map(|d| d.to_string()),
                ts(now)
            ],
        )?;
        self.get_promotion(id)
    }

    pub fn delete_promotion(&mut self, id: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM promotion WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(not_found("promotion", id));
        }
        Ok(())
    }

    /// Promotions: with a line, those on the line and on its carrier; without one, all of
    /// them. Expired ones (past `expires_on` on `today`) only with `include_expired`. Soonest
    /// reminder first, then newest.
    pub fn list_promotions(
        &self,
        line_id: Option<&str>,
        include_expired: bool,
        today: NaiveDate,
    ) -> Result<Vec<Promotion>> {
        let mut all = self.all_promotions()?;
        if let Some(id) = line_id {
            let line = self.get_line(id)?;
            all.retain(|p| {
                p.line_id.as_deref() == Some(id)
                    || (p.carrier_id.is_some() && p.carrier_id == line.carrier_id)
            });
        }
        for p in &mut all {
            p.expired = p.expires_on.is_some_and(|e| e < today);
        }
        if !include_expired {
            all.retain(|p| !p.expired);
        }
        all.sort_by(|a, b| {
            (
                a.remind_on.is_none(),
                a.remind_on,
                std::cmp::Reverse(a.created_at),
            )
                .cmp(&(
                    b.remind_on.is_none(),
                    b.remind_on,
                    std::cmp::Reverse(b.created_at),
                ))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(all)
    }

    pub(crate) fn all_promotions(&self) -> Result<Vec<Promotion>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {PROMO_COLUMNS} FROM promotion"))?;
        let all = stmt
            .query_map([], promo_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(all)
    }
}
