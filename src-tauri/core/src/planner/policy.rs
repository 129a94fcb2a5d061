//! The planner's inputs: the reminder policy (global settings), each line's deadlines and
//! per-line overrides, and the snooze choices the UI offers.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::time::{ceil_secs, local_instant};

/// The default leads, in days before `act_by`.
pub const DEFAULT_LEADS_DAYS: [u32; 5] = [30, 7, 3, 1, 0];

/// Quiet hours as wall-clock times in the user's zone: `[start, end)`. When `start > end` they
/// cross midnight (22:00–08:00). `start == end` means no quiet hours at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// What turning quiet hours on suggests: 22:00 to 08:00.
    pub fn suggested() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// Global reminder settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReminderPolicy {
    /// Days before `act_by` to remind; `0` is the "due today" reminder. Default 30, 7, 3, 1, 0.
    pub leads_days: Vec<u32>,
    /// Wall-clock time in `user_zone` reminders fire at (seconds are ignored). Default 09:00.
    pub time_of_day: NaiveTime,
    /// The user's IANA zone, serialized as its name ("Europe/London").
    #[serde(with = "tz_name")]
    #[specta(type = String)]
    pub user_zone: Tz,
    pub quiet_hours: Option<QuietHours>,
    /// A daily reminder after `act_by` until renewed, lost or dismissed. Default on.
    pub nag_daily: bool,
    /// A "check your balance" reminder every N days (counted from the last balance check).
    pub balance_check_every_days: Option<u32>,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        Self {
            leads_days: DEFAULT_LEADS_DAYS.to_vec(),
            time_of_day: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            user_zone: Tz::UTC,
            quiet_hours: None,
            nag_daily: true,
            balance_check_every_days: None,
        }
    }
}

/// What the planner knows about a line's balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BalanceInfo {
    /// The latest logged balance is under the user's threshold.
    pub low: bool,
    /// When the balance was last checked (logged).
    pub checked_at: Option<DateTime<Utc>>,
}

/// Per-line settings that override the policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineReminderOverrides {
    /// Replaces the policy's leads for this line.
    pub leads_days: Option<Vec<u32>>,
    /// Plan nothing for this line.
    pub muted: bool,
    /// Nothing fires for this line before this instant; one reminder fires at it.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The `act_by` the daily nag was dismissed for. A renewal moves `act_by`, so a dismissal
    /// never carries over to the next deadline.
    pub nag_dismissed_for: Option<DateTime<Utc>>,
}

/// One line as the planner sees it: the deadlines are computed elsewhere (the rules engine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanLine {
    pub line_id: String,
    pub label: String,
    /// The number as shown to the user ("+63 912 345 6789").
    pub display_number: String,
    pub act_by: Option<DateTime<Utc>>,
    pub lost_at: Option<DateTime<Utc>>,
    /// The instant of the latest renewal event: part of every id, so a renewal replaces the
    /// line's pending reminders.
    pub renewed_at: Option<DateTime<Utc>>,
    pub balance: Option<BalanceInfo>,
    #[serde(default)]
    pub overrides: LineReminderOverrides,
    /// One-off reminders the user asked for (a promotion's remind-me date).
    #[serde(default)]
    pub one_offs: Vec<OneOffReminder>,
}

/// A one-off reminder at `time_of_day` on a local date in the user's zone (moved out of quiet
/// hours like the others), e.g. a promotion's remind-me date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OneOffReminder {
    /// Stable key (`promotion:<id>`): part of the reminder's id, with the date.
    pub key: String,
    pub on: NaiveDate,
    /// What to remind of (the promotion's note), shown in the notification.
    pub text: String,
}

/// The snooze choices the UI offers on a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum SnoozeChoice {
    OneDay,
    ThreeDays,
    /// Until `time_of_day` on this date in the user's zone.
    Until {
        date: NaiveDate,
    },
}

/// The instant to store in [`LineReminderOverrides::snoozed_until`] for a choice made at
/// `now`: `now` + 24 h, `now` + 72 h, or `time_of_day` on the chosen date (if that is not a
/// valid local time, `now` + 24 h). Whole seconds, rounded up.
pub fn snooze_until(
    choice: SnoozeChoice,
    policy: &ReminderPolicy,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let one_day = now + Duration::days(1);
    let at = match choice {
        SnoozeChoice::OneDay => one_day,
        SnoozeChoice::ThreeDays => now + Duration::days(3),
        SnoozeChoice::Until { date } => {
            local_instant(policy.user_zone, date, policy.time_of_day).unwrap_or(one_day)
        }
    };
    ceil_secs(at)
}

/// (De)serializes a [`Tz`] as its IANA name.
mod tz_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(d)?;
        name.parse::<Tz>()
            .map_err(|_| serde::de::Error::custom(format!("unknown IANA time zone {name:?}")))
    }
}
