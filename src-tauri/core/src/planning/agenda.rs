//! The calendar: deadlines (`act_by`), loss dates (`lost_at`, when a grace stage puts them
//! after `act_by`) and the reminders the planner will fire, for a range of months, each with
//! its instant and its local date in the user's zone; and month grids that group them by date.
//!
//! Deadlines and loss dates are today's: a renewal moves them, so a past month shows only
//! what is still current (a lost line's loss date, an overdue deadline). Reminders are the
//! planner's ([`crate::planner::plan_between`]) from now on: muted lines and snoozes are as
//! the planner has them, and nothing is shown for reminders already past.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{local_date, start_of_local_day};
use crate::error::{CoreError, Field, Result};
use crate::planner::{plan_between, PlanLine, ReminderKind, ReminderPolicy};

/// The longest range one agenda covers, in months.
pub const AGENDA_MONTHS_MAX: u32 = 24;
/// The most reminders one agenda lists (the soonest first; see [`Agenda::reminders_truncated`]).
pub const AGENDA_REMINDERS_MAX: usize = 5000;

/// The first day of a week in a month grid (the locale's habit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
    Saturday,
}

/// `months` calendar months from `year`-`month`, in the user's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaRange {
    /// 1990-9999.
    pub year: i32,
    /// 1-12.
    pub month: u32,
    /// 1 to [`AGENDA_MONTHS_MAX`].
    pub months: u32,
    #[serde(default)]
    pub week_start: WeekStart,
}

/// What an agenda item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum AgendaKind {
    /// The line must be renewed before this instant.
    Deadline,
    /// The number is lost after this instant (the end of its grace stage).
    Lost,
    /// A planned notification (`id` is the planner's stable id).
    Reminder { id: i32, reminder: ReminderKind },
}

/// One entry of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub line_id: String,
    pub label: String,
    pub display_number: String,
    pub kind: AgendaKind,
    pub at: DateTime<Utc>,
    /// `at`'s local date in the user's zone.
    pub date: NaiveDate,
}

/// The items of one date (indices into [`Agenda::items`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDay {
    pub date: NaiveDate,
    pub items: Vec<u32>,
}

/// One cell of a month grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GridDay {
    pub date: NaiveDate,
    /// The date is in the grid's month (not a leading or trailing day of a neighbour).
    pub in_month: bool,
    /// Indices into the items the grid was built from, in time order.
    pub items: Vec<u32>,
    pub deadlines: u32,
    pub lost: u32,
    pub reminders: u32,
}

/// A month as whole weeks (7 days each, starting on the chosen weekday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MonthGrid {
    pub year: i32,
    pub month: u32,
    pub weeks: Vec<Vec<GridDay>>,
}

/// The calendar for a range of months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Agenda {
    /// The user's zone the dates are in.
    pub zone: String,
    /// The range: `[start, end)`, local dates.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// In time order.
    pub items: Vec<AgendaItem>,
    /// The dates that have items, in order.
    pub days: Vec<AgendaDay>,
    /// One grid per month of the range.
    pub months: Vec<MonthGrid>,
    /// More reminders fall in the range than [`AGENDA_REMINDERS_MAX`]: the latest are missing.
    pub reminders_truncated: bool,
}

fn bad_range() -> CoreError {
    CoreError::OutOfRange {
        field: Field::Query,
    }
}

/// The first day of the range and the first day after it.
fn range_dates(range: &AgendaRange) -> Result<(NaiveDate, NaiveDate)> {
    if !(1990..=9999).contains(&range.year) || !(1..=AGENDA_MONTHS_MAX).contains(&range.months) {
        return Err(bad_range());
    }
    let start = NaiveDate::from_ymd_opt(range.year, range.month, 1).ok_or_else(bad_range)?;
    let end = start
        .checked_add_months(Months::new(range.months))
        .ok_or_else(bad_range)?;
    Ok((start, end))
}

fn kind_rank(k: &AgendaKind) -> u8 {
    match k {
        AgendaKind::Reminder { .. } => 0,
        AgendaKind::Deadline => 1,
        AgendaKind::Lost => 2,
    }
}

/// The agenda of `lines` (as the planner sees them) for `range`, at `now`. Errors only for a
/// range out of bounds (`out_of_range` on `query`). O(n + r log r) for n lines and r
/// reminders.
pub fn agenda(
    lines: &[PlanLine],
    policy: &ReminderPolicy,
    now: DateTime<Utc>,
    range: &AgendaRange,
) -> Result<Agenda> {
    let zone = policy.user_zone;
    let (start, end) = range_dates(range)?;
    let (Some(t0), Some(t1)) = (
        start_of_local_day(start, zone),
        start_of_local_day(end, zone),
    ) else {
        return Err(bad_range());
    };
    let in_range = |t: DateTime<Utc>| t >= t0 && t < t1;
    let mut items: Vec<AgendaItem> = Vec::new();
    let item = |line: &PlanLine, kind: AgendaKind, at: DateTime<Utc>| AgendaItem {
        line_id: line.line_id.clone(),
        label: line.label.clone(),
        display_number: line.display_number.clone(),
        kind,
        at,
        date: local_date(at, zone),
    };
    for line in lines {
        if let Some(a) = line.act_by.filter(|a| in_range(*a)) {
            items.push(item(line, AgendaKind::Deadline, a));
        }
        if let Some(l) = line
            .lost_at
            .filter(|l| in_range(*l) && line.act_by.is_none_or(|a| *l > a))
        {
            items.push(item(line, AgendaKind::Lost, l));
        }
    }
    // Reminders with t0 <= at < t1 and at > now (the planner gives from < at <= to, in whole
    // seconds).
    let second = Duration::seconds(1);
    let from = t0.checked_sub_signed(second).unwrap_or(t0).max(now);
    let to = t1.checked_sub_signed(second).unwrap_or(t1);
    let mut reminders_truncated = false;
    if from < to {
        let planned = plan_between(lines, policy, from, to, AGENDA_REMINDERS_MAX + 1);
        reminders_truncated = planned.len() > AGENDA_REMINDERS_MAX;
        let by_id: HashMap<&str, &PlanLine> =
            lines.iter().map(|l| (l.line_id.as_str(), l)).collect();
        for r in planned.iter().take(AGENDA_REMINDERS_MAX) {
            let Some(line) = by_id.get(r.line_id.as_str()) else {
                continue;
            };
            items.push(item(
                line,
                AgendaKind::Reminder {
                    id: r.id,
                    reminder: r.kind,
                },
                r.at,
            ));
        }
    }
    items.sort_by(|a, b| {
        (a.at, kind_rank(&a.kind), &a.line_id).cmp(&(b.at, kind_rank(&b.kind), &b.line_id))
    });
    let by_date = group_by_date(&items);
    let mut days: Vec<AgendaDay> = by_date
        .iter()
        .map(|(date, idx)| AgendaDay {
            date: *date,
            items: idx.clone(),
        })
        .collect();
    days.sort_by_key(|d| d.date);
    let mut months = Vec::with_capacity(range.months as usize);
    let mut month_start = start;
    while month_start < end {
        if let Some(g) = grid(month_start, range.week_start, &items, &by_date) {
            months.push(g);
        }
        match month_start.checked_add_months(Months::new(1)) {
            Some(n) => month_start = n,
            None => break,
        }
    }
    Ok(Agenda {
        zone: zone.name().to_owned(),
        start,
        end,
        items,
        days,
        months,
        reminders_truncated,
    })
}

/// Indices of `items` per local date, in the items' order.
fn group_by_date(items: &[AgendaItem]) -> HashMap<NaiveDate, Vec<u32>> {
    let mut by_date: HashMap<NaiveDate, Vec<u32>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if let Ok(i) = u32::try_from(i) {
            by_date.entry(it.date).or_default().push(i);
        }
    }
    by_date
}

/// The month grid of `year`-`month` for `items` (whose `date`s are local dates), weeks
/// starting on `week_start`. `None` for a month that does not exist.
pub fn month_grid(
    year: i32,
    month: u32,
    week_start: WeekStart,
    items: &[AgendaItem],
) -> Option<MonthGrid> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    grid(first, week_start, items, &group_by_date(items))
}

fn grid(
    first: NaiveDate,
    week_start: WeekStart,
    items: &[AgendaItem],
    by_date: &HashMap<NaiveDate, Vec<u32>>,
) -> Option<MonthGrid> {
    let next = first.checked_add_months(Months::new(1))?;
    let wd = first.weekday();
    let lead = match week_start {
        WeekStart::Monday => wd.num_days_from_monday(),
        WeekStart::Sunday => wd.num_days_from_sunday(),
        WeekStart::Saturday => (wd.num_days_from_sunday() + 1) % 7,
    };
    let days_in_month = u32::try_from((next - first).num_days()).ok()?;
    let weeks_count = (lead + days_in_month).div_ceil(7);
    let mut date = first.checked_sub_signed(Duration::days(i64::from(lead)))?;
    let mut weeks = Vec::with_capacity(weeks_count as usize);
    for _ in 0..weeks_count {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let idx = by_date.get(&date).cloned().unwrap_or_default();
            let count = |f: fn(&AgendaKind) -> bool| {
                let n = idx
                    .iter()
                    .filter(|i| items.get(**i as usize).is_some_and(|it| f(&it.kind)))
                    .count();
                u32::try_from(n).unwrap_or(u32::MAX)
            };
            week.push(GridDay {
                date,
                in_month: date >= first && date < next,
                deadlines: count(|k| matches!(k, AgendaKind::Deadline)),
                lost: count(|k| matches!(k, AgendaKind::Lost)),
                reminders: count(|k| matches!(k, AgendaKind::Reminder { .. })),
                items: idx,
            });
            date = date.succ_opt()?;
        }
        weeks.push(week);
    }
    Some(MonthGrid {
        year: first.year(),
        month: first.month(),
        weeks,
    })
}
