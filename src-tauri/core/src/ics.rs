//! Calendar (iCalendar, RFC 5545) export of deadlines, written with the `icalendar` crate, so
//! the deadlines also sit in the user's own calendar.
//!
//! For every active line with a known deadline:
//! - an all-day event on `act_by`'s date (in the zone the carrier counts days in), UID
//!   `baohao-<line id>-act-by`, with a display alarm for each reminder lead (the line's own
//!   leads or the global ones) at the reminder time of day: lead N fires N days before the
//!   date at that time (`TRIGGER:-P6DT15H` for 7 days at 09:00), lead 0 on the day
//!   (`TRIGGER:PT9H`). A muted line has no alarms.
//! - when the number is lost later than `act_by` (a grace period), an all-day event on
//!   `lost_at`'s date, UID `baohao-<line id>-lost-at`, with one alarm the day before.
//!
//! UIDs stay the same for a line, so importing a newer file moves the events instead of
//! adding copies. All-day dates are floating, as calendars expect for a "day"; the exact
//! instant (23:59:59 in the carrier's zone) is in the description.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Related, Trigger};

use crate::error::Result;
use crate::line::{ArchiveFilter, LineQuery};
use crate::planner::{LineReminderOverrides, ReminderPolicy};
use crate::rules::{local_date, parse_zone, Lang};
use crate::store::Store;
use crate::summary::LineSummary;

/// The alarm trigger for a lead of `days` at `time_of_day` seconds after midnight, relative to
/// the start of an all-day event.
pub fn lead_trigger(days: u32, seconds_of_day: u32) -> Duration {
    Duration::seconds(i64::from(seconds_of_day)) - Duration::days(i64::from(days))
}

fn texts(lang: Lang, s: &LineSummary) -> (String, String, String) {
    let who = format!("{} {}", s.line.label, s.line.display_number);
    match lang {
        Lang::En => (
            format!("Renew {who}"),
            format!("Last day for {who}: the number is lost after today"),
            format!("Baohao reminder: renew {who}"),
        ),
        Lang::ZhCn => (
            format!("续费 {who}"),
            format!("{who} 保号最后一天：过了今天号码将被回收"),
            format!("保号提醒：为 {who} 续费"),
        ),
    }
}

fn instant_text(t: DateTime<Utc>, zone: Tz) -> String {
    format!(
        "{} ({})",
        t.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S"),
        zone.name()
    )
}

/// An all-day event on `day` (DTEND the next day, exclusive, as RFC 5545 counts a day).
fn day_event(uid: &str, day: NaiveDate, now: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    event.uid(uid).timestamp(now).all_day(day);
    if let Some(next) = day.succ_opt() {
        event.ends(next);
    }
    event
}

/// A display alarm `days` before the day at `seconds` past midnight, with a stable UID and
/// stamp (so the same data always gives the same file).
fn alarm(event_uid: &str, days: u32, seconds: u32, text: &str, now: DateTime<Utc>) -> Alarm {
    let mut a = Alarm::display(
        text,
        Trigger::Duration(lead_trigger(days, seconds), Some(Related::Start)),
    );
    a.uid(&format!("{event_uid}-alarm-{days}")).timestamp(now);
    a.done()
}

fn add_line(
    cal: &mut Calendar,
    s: &LineSummary,
    overrides: &LineReminderOverrides,
    policy: &ReminderPolicy,
    lang: Lang,
    now: DateTime<Utc>,
) {
    let (Some(act_by), Some(lost_at)) = (s.act_by, s.lost_at) else {
        return;
    };
    let zone = s
        .rule
        .as_ref()
        .and_then(|r| parse_zone(&r.zone).ok())
        .unwrap_or(Tz::UTC);
    let (act_title, lost_title, alarm_text) = texts(lang, s);
    let explanation = s
        .explanation
        .as_ref()
        .map(|e| match lang {
            Lang::En => e.en.clone(),
            Lang::ZhCn => e.zh_cn.clone(),
        })
        .unwrap_or_default();
    let seconds = policy.time_of_day.num_seconds_from_midnight();
    let leads = overrides
        .leads_days
        .clone()
        .unwrap_or_else(|| policy.leads_days.clone());

    let uid = format!("baohao-{}-act-by", s.line.id);
    let mut event = day_event(&uid, local_date(act_by, zone), now);
    event
        .summary(&act_title)
        .description(&format!("{explanation}\n{}", instant_text(act_by, zone)));
    if !overrides.muted {
        for days in &leads {
            event.alarm(alarm(&uid, *days, seconds, &alarm_text, now));
        }
    }
    cal.push(event.done());

    if lost_at > act_by {
        let uid = format!("baohao-{}-lost-at", s.line.id);
        let mut event = day_event(&uid, local_date(lost_at, zone), now);
        event
            .summary(&lost_title)
            .description(&instant_text(lost_at, zone));
        if !overrides.muted {
            event.alarm(alarm(&uid, 1, seconds, &lost_title, now));
        }
        cal.push(event.done());
    }
}

impl Store {
    fn calendar(
        &self,
        only: Option<&str>,
        now: DateTime<Utc>,
        default_zone: Tz,
        lang: Lang,
    ) -> Result<String> {
        let policy = self.reminder_policy(default_zone)?;
        let ctx = self.eval_context(now, default_zone)?;
        let summaries = match only {
            Some(id) => vec![self.line_summary(id, &ctx)?],
            None => self.line_summaries(
                &LineQuery {
                    search: None,
                    archive: ArchiveFilter::Active,
                    needs_action: false,
                    ..Default::default()
                },
                &ctx,
            )?,
        };
        let mut cal = Calendar::empty();
        cal.append_property(("VERSION", "2.0"))
            .append_property(("PRODID", "-//Baohao//Baohao deadlines//EN"))
            .append_property(("CALSCALE", "GREGORIAN"))
            .name(match lang {
                Lang::En => "Baohao deadlines",
                Lang::ZhCn => "保号期限",
            });
        for s in &summaries {
            let overrides = self.line_reminder(&s.line.id)?;
            add_line(&mut cal, s, &overrides, &policy, lang, now);
        }
        Ok(cal.done().to_string())
    }

    /// Every active line's deadlines as an iCalendar file (see the module docs), texts in
    /// `lang`. `default_zone` is the user's zone until the reminder settings name one.
    pub fn ics_all(&self, now: DateTime<Utc>, default_zone: Tz, lang: Lang) -> Result<String> {
        self.calendar(None, now, default_zone, lang)
    }

    /// One line's deadlines as an iCalendar file.
    pub fn ics_line(
        &self,
        line_id: &str,
        now: DateTime<Utc>,
        default_zone: Tz,
        lang: Lang,
    ) -> Result<String> {
        self.calendar(Some(line_id), now, default_zone, lang)
    }
}
