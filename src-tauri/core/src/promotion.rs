//! Promotions: a note on a carrier or a line ("double data on top-ups over HK$100 until 31
//! Dec") with an optional remind-me date, which becomes a one-off reminder through the
//! planner, and an expiry after which it is hidden.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::text::check_text;

pub const PROMOTION_TEXT_MAX: usize = 500;

/// A promotion as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Promotion {
    pub id: String,
    /// Exactly one of `line_id` and `carrier_id` is set.
    pub line_id: Option<String>,
    /// `preset:<slug>` or `user:<uuid>`.
    pub carrier_id: Option<String>,
    pub text: String,
    /// A one-off reminder at the reminder time of day on this date (the user's zone).
    pub remind_on: Option<NaiveDate>,
    /// Hidden after this date (the user's zone).
    pub expires_on: Option<NaiveDate>,
    /// Past `expires_on` today.
    pub expired: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the promotion form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PromotionInput {
    #[serde(default)]
    pub line_id: Option<String>,
    #[serde(default)]
    pub carrier_id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub remind_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
}

fn check_date(date: NaiveDate, field: Field) -> Result<()> {
    if date < crate::rules::rule::earliest_date() || date > crate::rules::rule::latest_date() {
        return Err(CoreError::OutOfRange { field });
    }
    Ok(())
}

impl PromotionInput {
    /// Checks the input and returns it normalized (ids trimmed), or the first error: exactly
    /// one of a line and a carrier ([`Field::Target`]), a text of 1-500 characters, dates from
    /// 1990 on, and a remind-me date no later than the expiry ([`Field::RemindOn`]). Whether the
    /// line or carrier exists is the store's check.
    pub fn validate(&self) -> Result<PromotionInput> {
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let (line_id, carrier_id) = (clean(&self.line_id), clean(&self.carrier_id));
        if line_id.is_some() == carrier_id.is_some() {
            return Err(CoreError::InvalidRule {
                field: Field::Target,
                reason: "a promotion is on a line or on a carrier",
            });
        }
        let text = check_text(Field::Text, &self.text, PROMOTION_TEXT_MAX, true)?;
        if text.is_empty() {
            return Err(CoreError::Required { field: Field::Text });
        }
        if let Some(d) = self.remind_on {
            check_date(d, Field::RemindOn)?;
        }
        if let Some(d) = self.expires_on {
            check_date(d, Field::ExpiresOn)?;
        }
        if let (Some(r), Some(e)) = (self.remind_on, self.expires_on) {
            if r > e {
                return Err(CoreError::OutOfRange {
                    field: Field::RemindOn,
                });
            }
        }
        Ok(PromotionInput {
            line_id,
            carrier_id,
            text,
            remind_on: self.remind_on,
            expires_on: self.expires_on,
        })
    }
}
