//! A line's plan or package (name, price, period or validity, allowances, auto-renew) and its
//! history: a new plan from a start date follows the one before. A plan payment is logged as
//! an event like any other; the plan says what it costs and what it includes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::event::Money;
use crate::rules::Period;
use crate::text::check_text;

pub const PLAN_NAME_MAX: usize = 80;
pub const PLAN_NOTE_MAX: usize = 2000;
/// Largest allowance: 100,000,000 MB (100 TB), minutes or texts.
pub const ALLOWANCE_MAX: u32 = 100_000_000;
/// Most plans kept per line.
pub const PLANS_MAX: usize = 200;

/// A plan as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LinePlan {
    pub id: String,
    pub line_id: String,
    pub name: String,
    /// What one period costs.
    pub price: Option<Money>,
    /// How often it is paid (a billing period), or how long one purchase lasts (validity).
    pub period: Option<Period>,
    /// Data in MB, minutes, texts; `None` when not stated.
    pub data_mb: Option<u32>,
    pub minutes: Option<u32>,
    pub sms: Option<u32>,
    pub auto_renew: bool,
    /// The local date the plan started (the previous one ended the day before).
    pub started_on: NaiveDate,
    pub note: String,
    /// The plan in force today: the latest one that has started.
    pub current: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the plan form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LinePlanInput {
    pub name: String,
    #[serde(default)]
    pub price: Option<Money>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub data_mb: Option<u32>,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub sms: Option<u32>,
    #[serde(default)]
    pub auto_renew: bool,
    pub started_on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

fn check_date(date: NaiveDate, field: Field) -> Result<()> {
    if date < crate::rules::rule::earliest_date() || date > crate::rules::rule::latest_date() {
        return Err(CoreError::OutOfRange { field });
    }
    Ok(())
}

impl LinePlanInput {
    /// Checks every field and returns the input normalized, or the first error in form order:
    /// a name (1-80 characters), a price 0..=10^9 minor units in a known currency, a period
    /// (1-3650 days or 1-120 months), allowances up to [`ALLOWANCE_MAX`], a start date from
    /// 1990 on, a note up to 2000 characters.
    pub fn validate(&self) -> Result<LinePlanInput> {
        let name = check_text(Field::Name, &self.name, PLAN_NAME_MAX, false)?;
        if name.is_empty() {
            return Err(CoreError::Required { field: Field::Name });
        }
        let price = self
            .price
            .as_ref()
            .map(|m| m.validate(Field::Price, false))
            .transpose()?;
        if let Some(p) = self.period {
            p.validate(Field::Period)?;
        }
        for a in [self.data_mb, self.minutes, self.sms].into_iter().flatten() {
            if a > ALLOWANCE_MAX {
                return Err(CoreError::OutOfRange {
                    field: Field::Allowance,
                });
            }
        }
        check_date(self.started_on, Field::StartedOn)?;
        Ok(LinePlanInput {
            name,
            price,
            note: check_text(Field::Note, &self.note, PLAN_NOTE_MAX, true)?,
            ..self.clone()
        })
    }
}

/// Marks the plan in force on `today` (the latest start on or before it) in a line's plans.
pub fn mark_current(plans: &mut [LinePlan], today: NaiveDate) {
    let current = plans
        .iter()
        .filter(|p| p.started_on <= today)
        .max_by(|a, b| {
            (a.started_on, a.created_at, &a.id).cmp(&(b.started_on, b.created_at, &b.id))
        })
        .map(|p| p.id.clone());
    for p in plans.iter_mut() {
        p.current = current.as_deref() == Some(p.id.as_str());
    }
}
