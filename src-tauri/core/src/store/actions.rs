//! What the buttons of a reminder do: "I renewed" logs the renewal the form would start with,
//! "Snooze 1 day" snoozes the line as its page does. The line page and the notification call
//! the same methods, so both do the same thing.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::Store;
use crate::error::Result;
use crate::event::Event;
use crate::planner::{local_naive, Lang, SnoozeChoice};
use crate::reminders::{snooze_end, LineReminders, Notice, ReminderAction};
use crate::summary::renewal_prefill;
use crate::texts::Message;

impl Store {
    /// Snoozes the line's reminders until the end `choice` names (see [`snooze_end`]).
    pub fn snooze_line(
        &mut self,
        line_id: &str,
        choice: SnoozeChoice,
        now: DateTime<Utc>,
        default_zone: Tz,
    ) -> Result<LineReminders> {
        let policy = self.reminder_policy(default_zone)?;
        let mut overrides = self.line_reminder(line_id)?;
        overrides.snoozed_until = Some(snooze_end(choice, &policy, now)?);
        self.set_line_reminder(line_id, &overrides)?;
        self.line_reminder_state(line_id, now, default_zone)
    }

    /// Logs the renewal the "I renewed" form starts with ([`renewal_prefill`]: the line's
    /// usual kind and amount, now).
    pub fn log_prefilled_renewal(
        &mut self,
        line_id: &str,
        now: DateTime<Utc>,
        default_zone: Tz,
    ) -> Result<Event> {
        let ctx = self.eval_context(now, default_zone)?;
        let summary = self.line_summary(line_id, &ctx)?;
        self.add_event(line_id, &renewal_prefill(&summary, now), now)
    }

    /// Does what a reminder's button asks for `line_id` and returns the confirmation to show.
    pub fn perform_reminder_action(
        &mut self,
        line_id: &str,
        action: ReminderAction,
        now: DateTime<Utc>,
        default_zone: Tz,
        lang: Lang,
    ) -> Result<Notice> {
        let message = match action {
            ReminderAction::Renewed => {
                self.log_prefilled_renewal(line_id, now, default_zone)?;
                let ctx = self.eval_context(now, default_zone)?;
                let summary = self.line_summary(line_id, &ctx)?;
                Message::RenewalLogged {
                    label: summary.line.label,
                    number: summary.line.display_number,
                    act_by: summary.act_by.map(|t| local_naive(t, ctx.user_zone)),
                }
            }
            ReminderAction::SnoozeOneDay => {
                let state = self.snooze_line(line_id, SnoozeChoice::OneDay, now, default_zone)?;
                let zone = self.reminder_policy(default_zone)?.user_zone;
                let line = self.get_line(line_id)?;
                Message::Snoozed {
                    label: line.label,
                    until: local_naive(state.snoozed_until.unwrap_or(now), zone),
                }
            }
        };
        Ok(Notice::confirmation(line_id, &message, lang))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{TimeZone, Utc};
    use chrono_tz::Tz;

    use super::*;
    use crate::event::{EventInput, EventKind, Money};
    use crate::line::{LineInput, SimKind};
    use crate::planner::ReminderPolicy;
    use crate::rules::{KeepAliveRule, Period, RuleSpec};

    fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
    }

    /// A line that must be topped up every 90 days, last topped up with €15 on 1 Jan.
    fn rolling_line(s: &mut Store) -> String {
        s.set_reminder_policy(&ReminderPolicy {
            leads_days: vec![7],
            user_zone: Tz::UTC,
            ..ReminderPolicy::default()
        })
        .unwrap();
        let line = s
            .create_line(
                &LineInput {
                    number: "+44 7911 123456".into(),
                    label: "Travel".into(),
                    country: "GB".into(),
                    carrier: String::new(),
                    carrier_id: None,
                    sim_kind: SimKind::Esim,
                    iccid: None,
                    tags: vec![],
                    notes: String::new(),
                },
                at(1, 1, 8),
            )
            .unwrap();
        let rule = RuleSpec {
            rule: KeepAliveRule::Rolling {
                period: Period::Days(90),
                qualifying: vec![EventKind::Topup],
                charged: vec![],
            },
            grace: None,
            zone: "UTC".into(),
        };
        s.set_line_rule(&line.id, Some(&rule), at(1, 1, 8)).unwrap();
        let first = EventInput {
            occurred_at: at(1, 1, 9),
            kind: EventKind::Topup,
            amount: Some(Money {
                minor: 1500,
                currency: "EUR".into(),
            }),
            method: None,
            channel: None,
            reference: String::new(),
            note: String::new(),
            balance_after: None,
        };
        s.add_event(&line.id, &first, at(1, 1, 9)).unwrap();
        line.id
    }

    #[test]
    fn i_renewed_logs_the_prefilled_renewal_and_moves_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("baohao.db")).unwrap();
        let id = rolling_line(&mut s);
        let now = at(3, 25, 10);
        let ctx = s.eval_context(now, Tz::UTC).unwrap();
        let before = s.line_summary(&id, &ctx).unwrap();
        let prefill = renewal_prefill(&before, now);

        let notice = s
            .perform_reminder_action(&id, ReminderAction::Renewed, now, Tz::UTC, Lang::En)
            .unwrap();

        let events = s.list_events(&id).unwrap();
        assert_eq!(events.len(), 2);
        let logged = events.iter().find(|e| e.occurred_at == now).unwrap();
        assert_eq!(
            (logged.kind, &logged.amount),
            (prefill.kind, &prefill.amount)
        );
        assert_eq!(logged.amount.as_ref().map(|m| m.minor), Some(1500));
        let after = s.line_summary(&id, &ctx).unwrap();
        assert!(
            after.act_by > before.act_by,
            "{:?} -> {:?}",
            before.act_by,
            after.act_by
        );
        assert_eq!(notice.line_id.as_deref(), Some(id.as_str()));
        assert_eq!(notice.title, "Travel: renewal logged");
        assert!(notice.body.contains("23 Jun"), "{}", notice.body);
        assert!(notice.actions.is_none());
    }

    #[test]
    fn snooze_one_day_is_the_line_pages_one_day_snooze() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("baohao.db")).unwrap();
        let id = rolling_line(&mut s);
        let now = at(3, 25, 9);
        let notice = s
            .perform_reminder_action(&id, ReminderAction::SnoozeOneDay, now, Tz::UTC, Lang::ZhCn)
            .unwrap();
        let state = s.line_reminder_state(&id, now, Tz::UTC).unwrap();
        assert_eq!(state.snoozed_until, Some(at(3, 26, 9)));
        assert_eq!(s.list_events(&id).unwrap().len(), 1, "nothing logged");
        assert_eq!(notice.title, "Travel：已推迟提醒");
        assert!(notice.body.contains("3月26日 09:00"), "{}", notice.body);
    }

    #[test]
    fn an_action_on_a_line_that_is_gone_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("baohao.db")).unwrap();
        let id = rolling_line(&mut s);
        for action in ReminderAction::ALL {
            let err = s
                .perform_reminder_action("no-such-line", action, at(3, 25, 9), Tz::UTC, Lang::En)
                .unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::NotFound, "{err:?}");
        }
        assert_eq!(s.list_events(&id).unwrap().len(), 1);
    }

    #[test]
    fn onboarding_is_due_on_a_first_start_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baohao.db");
        let mut s = Store::open(&path).unwrap();
        assert!(s.onboarding_due().unwrap());
        // A number added some other way (an import, a restored backup) is past it too.
        rolling_line(&mut s);
        assert!(!s.onboarding_due().unwrap());
        let mut fresh = Store::open(&dir.path().join("other.db")).unwrap();
        fresh.finish_onboarding().unwrap();
        drop(fresh);
        assert!(!Store::open(&dir.path().join("other.db"))
            .unwrap()
            .onboarding_due()
            .unwrap());
    }

    #[test]
    fn action_ids_round_trip_and_a_tap_is_no_action() {
        for action in ReminderAction::ALL {
            assert_eq!(ReminderAction::from_id(action.id()), Some(action));
        }
        assert_eq!(ReminderAction::from_id("default"), None);
        assert_eq!(ReminderAction::from_id(""), None);
    }
}
