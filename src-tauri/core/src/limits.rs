//! The limits and defaults of every field, in one value the UI reads (`limits_get`) instead of
//! restating them: it uses them for `maxlength`, the range a field accepts and what a new
//! rule or setting starts with. Validation stays here in the core; these are the same
//! constants it checks against.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use specta::Type;

use crate::carrier::{
    CARRIER_NAME_MAX, CARRIER_NOTES_MAX, METHODS_MAX, METHOD_LABEL_MAX, METHOD_VALUE_MAX,
};
use crate::event::{EventKind, AMOUNT_MAX_MINOR, NOTE_MAX, REFERENCE_MAX};
use crate::line::{
    CARRIER_MAX, ICCID_DIGITS_MAX, ICCID_DIGITS_MIN, LABEL_MAX, NOTES_MAX, QUERY_MAX, TAGS_MAX,
    TAG_MAX,
};
use crate::planner::{QuietHours, ReminderPolicy, DEFAULT_LEADS_DAYS};
use crate::reminders::{
    BALANCE_CHECK_EVERY_MAX, BALANCE_CHECK_EVERY_MIN, LEADS_MAX, LEAD_DAYS_MAX, SNOOZE_DAYS_MAX,
    SUGGESTED_LEADS_DAYS,
};
use crate::rules::rule::{
    earliest_date, latest_date, CHARGED_CHOICES, DEFAULT_QUALIFYING, PERIOD_DAYS_MAX,
    PERIOD_MONTHS_MAX, QUALIFYING_CHOICES, TIERS_MAX,
};

/// An inclusive range of whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct Range {
    pub min: i32,
    pub max: i32,
}

fn range(min: i64, max: i64) -> Range {
    let clamp = |n: i64| i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX });
    Range {
        min: clamp(min),
        max: clamp(max),
    }
}

/// Longest text each free-text field takes, in characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TextLimits {
    pub label: u32,
    pub carrier: u32,
    pub notes: u32,
    pub tag: u32,
    pub tags: u32,
    pub query: u32,
    pub reference: u32,
    pub note: u32,
    pub carrier_name: u32,
    pub carrier_notes: u32,
    pub method_label: u32,
    pub method_value: u32,
    pub methods: u32,
}

/// What a keep-alive rule accepts, and what a new one starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RuleLimits {
    pub period_days: Range,
    pub period_months: Range,
    /// A grace stage (and a tier's validity) is months and days, each in these ranges.
    pub grace_days: Range,
    pub grace_months: Range,
    pub tiers_max: u32,
    pub cap_days: Range,
    pub earliest_date: NaiveDate,
    pub latest_date: NaiveDate,
    pub default_qualifying: Vec<EventKind>,
    pub qualifying_choices: Vec<EventKind>,
    /// The qualifying kinds that may be marked "counts only when charged".
    pub charged_choices: Vec<EventKind>,
}

/// What the reminder settings accept, and their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReminderLimits {
    pub leads_max: u32,
    pub lead_days: Range,
    pub default_leads_days: Vec<u32>,
    pub suggested_leads_days: Vec<u32>,
    pub default_time_of_day: NaiveTime,
    /// What turning quiet hours on starts with.
    pub suggested_quiet_hours: QuietHours,
    pub balance_check_every_days: Range,
    pub snooze_days_max: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// An amount paid, in minor units.
    pub amount: Range,
    /// A balance after an event (may be negative), in minor units.
    pub balance: Range,
    /// A low-balance threshold, in minor units.
    pub low_balance: Range,
    pub iccid_digits: Range,
    pub text: TextLimits,
    pub rule: RuleLimits,
    pub reminders: ReminderLimits,
    /// Days a deleted line stays in the recycle bin before it is deleted for good.
    pub bin_days: u32,
    /// The most lines one bulk action takes.
    pub bulk_max: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn limits() -> Limits {
    let days = i64::from(PERIOD_DAYS_MAX);
    let months = i64::from(PERIOD_MONTHS_MAX);
    Limits {
        amount: range(0, AMOUNT_MAX_MINOR),
        balance: range(-AMOUNT_MAX_MINOR, AMOUNT_MAX_MINOR),
        low_balance: range(0, AMOUNT_MAX_MINOR),
        iccid_digits: range(ICCID_DIGITS_MIN as i64, ICCID_DIGITS_MAX as i64),
        text: TextLimits {
            label: count(LABEL_MAX),
            carrier: count(CARRIER_MAX),
            notes: count(NOTES_MAX),
            tag: count(TAG_MAX),
            tags: count(TAGS_MAX),
            query: count(QUERY_MAX),
            reference: count(REFERENCE_MAX),
            note: count(NOTE_MAX),
            carrier_name: count(CARRIER_NAME_MAX),
            carrier_notes: count(CARRIER_NOTES_MAX),
            method_label: count(METHOD_LABEL_MAX),
            method_value: count(METHOD_VALUE_MAX),
            methods: count(METHODS_MAX),
        },
        rule: RuleLimits {
            period_days: range(1, days),
            period_months: range(1, months),
            grace_days: range(0, days),
            grace_months: range(0, months),
            tiers_max: count(TIERS_MAX),
            cap_days: range(1, days),
            earliest_date: earliest_date(),
            latest_date: latest_date(),
            default_qualifying: DEFAULT_QUALIFYING.to_vec(),
            qualifying_choices: QUALIFYING_CHOICES.to_vec(),
            charged_choices: CHARGED_CHOICES.to_vec(),
        },
        reminders: ReminderLimits {
            leads_max: count(LEADS_MAX),
            lead_days: range(0, i64::from(LEAD_DAYS_MAX)),
            default_leads_days: DEFAULT_LEADS_DAYS.to_vec(),
            suggested_leads_days: SUGGESTED_LEADS_DAYS.to_vec(),
            default_time_of_day: ReminderPolicy::default().time_of_day,
            suggested_quiet_hours: QuietHours::suggested(),
            balance_check_every_days: range(
                i64::from(BALANCE_CHECK_EVERY_MIN),
                i64::from(BALANCE_CHECK_EVERY_MAX),
            ),
            snooze_days_max: u32::try_from(SNOOZE_DAYS_MAX).unwrap_or(u32::MAX),
        },
        bin_days: crate::dashboard::BIN_DAYS,
        bulk_max: count(crate::dashboard::BULK_MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Field;
    use crate::event::Money;
    use crate::reminders::validate_leads;

    /// The limits are the ones validation uses: the edges pass, one past them fails.
    #[test]
    fn the_limits_are_what_validation_accepts() {
        let l = limits();
        let m = |minor| Money::new(minor, "EUR");
        let m = |minor: i32| m(i64::from(minor));
        assert!(m(l.amount.max).validate(Field::Amount, false).is_ok());
        assert!(m(l.amount.max + 1).validate(Field::Amount, false).is_err());
        assert!(m(l.amount.min - 1).validate(Field::Amount, false).is_err());
        assert!(m(l.balance.min).validate(Field::BalanceAfter, true).is_ok());
        assert!(m(l.balance.min - 1)
            .validate(Field::BalanceAfter, true)
            .is_err());
        let lead_max = u32::try_from(l.reminders.lead_days.max).unwrap();
        assert!(validate_leads(&[lead_max]).is_ok());
        assert!(validate_leads(&[lead_max + 1]).is_err());
        let too_many: Vec<u32> = (0..=l.reminders.leads_max).collect();
        assert!(validate_leads(&too_many).is_err());
        assert!(validate_leads(&too_many[1..]).is_ok());
        let days = u32::try_from(l.rule.period_days.max).unwrap();
        assert!(crate::rules::Period::Days(days)
            .validate(Field::Period)
            .is_ok());
        assert!(crate::rules::Period::Days(days + 1)
            .validate(Field::Period)
            .is_err());
        assert_eq!(l.reminders.default_leads_days, vec![30, 7, 3, 1, 0]);
        assert_eq!(
            validate_leads(&l.reminders.suggested_leads_days).unwrap(),
            l.reminders.suggested_leads_days
        );
        let json = serde_json::to_value(&l).unwrap();
        assert_eq!(
            json["reminders"]["suggestedQuietHours"]["start"],
            "22:00:00"
        );
        assert_eq!(json["rule"]["defaultQualifying"][0], "topup");
    }
}
