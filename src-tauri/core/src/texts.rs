//! Every sentence Baohao writes outside the web UI — notifications and the tray menu — in
//! English and Simplified Chinese, rendered from typed values in this one place. Nothing here
//! is parsed back from text: a [`Message`] carries the label, the number, a count of days and
//! wall-clock times in the user's zone, and [`render`] words them.
//!
//! The deadline explanation on a line's page is the rules engine's
//! ([`crate::rules::explain_text`]); it shares the month names and date words below.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::rules::Lang;

pub(crate) const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Mar" for 3 ("?" outside 1..=12).
pub(crate) fn month_en(month: u32) -> &'static str {
    MONTHS_EN
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

/// "30 Aug" / "8月30日".
pub fn day_month(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}", d.day(), month_en(d.month())),
        Lang::ZhCn => format!("{}月{}日", d.month(), d.day()),
    }
}

/// "30 Aug" when the deadline is the end of the day (23:59), "07:59, 30 Aug" otherwise.
fn deadline_text(t: NaiveDateTime, lang: Lang) -> String {
    let end_of_day = t.hour() == 23 && t.minute() == 59;
    let hm = t.format("%H:%M");
    match (lang, end_of_day) {
        (_, true) => day_month(t.date(), lang),
        (Lang::En, false) => format!("{hm}, {}", day_month(t.date(), lang)),
        (Lang::ZhCn, false) => format!("{} {hm}", day_month(t.date(), lang)),
    }
}

fn days_text(days: u32, lang: Lang) -> String {
    match lang {
        Lang::En if days == 1 => "1 day".to_owned(),
        Lang::En => format!("{days} days"),
        Lang::ZhCn => format!("{days} 天"),
    }
}

/// What a notification says, as typed values. Times are wall-clock times in the user's zone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Message {
    /// `days` (≥ 1) before the deadline.
    Lead {
        label: String,
        number: String,
        days: u32,
        act_by: NaiveDateTime,
    },
    /// On the deadline's day.
    DueToday {
        label: String,
        number: String,
        act_by: NaiveDateTime,
    },
    /// After the deadline, before the number is lost.
    Overdue {
        label: String,
        number: String,
        act_by: NaiveDateTime,
        lost_at: Option<NaiveDateTime>,
    },
    /// The day before the number is lost.
    AboutToBeLost {
        label: String,
        number: String,
        lost_at: NaiveDateTime,
    },
    BalanceCheck {
        label: String,
        number: String,
    },
    LowBalance {
        label: String,
        number: String,
    },
    /// A one-off reminder the user asked for (a promotion's remind-me date), with its text.
    OneOff {
        label: String,
        number: String,
        text: String,
    },
    /// A line whose deadline is not known (a reminder without one cannot normally exist).
    Generic {
        label: String,
        number: String,
    },
    /// `count` reminders about `lines` numbers were missed while the app was closed.
    CatchUp {
        count: u32,
        lines: u32,
    },
    /// "Send a test notification".
    Test,
    /// "I renewed" was chosen on a reminder: the renewal is logged; the next deadline (in
    /// the user's zone) when the rules know one.
    RenewalLogged {
        label: String,
        number: String,
        act_by: Option<NaiveDateTime>,
    },
    /// "Snooze 1 day" was chosen on a reminder: no reminder for the line until `until` (in
    /// the user's zone).
    Snoozed {
        label: String,
        until: NaiveDateTime,
    },
}

/// The buttons a reminder notification offers, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ActionTexts {
    pub renewed: String,
    pub snooze: String,
}

/// "I renewed" and "Snooze 1 day", as the app's screens word them.
pub fn action_texts(lang: Lang) -> ActionTexts {
    let (renewed, snooze) = match lang {
        Lang::En => ("I renewed", "Snooze 1 day"),
        Lang::ZhCn => ("我已续费", "推迟 1 天"),
    };
    ActionTexts {
        renewed: renewed.to_owned(),
        snooze: snooze.to_owned(),
    }
}

/// The (title, body) of a notification.
pub fn render(msg: &Message, lang: Lang) -> (String, String) {
    let en = lang == Lang::En;
    match msg {
        Message::Lead {
            label,
            number,
            days,
            act_by,
        } => {
            let by = deadline_text(*act_by, lang);
            let within = days_text(*days, lang);
            if en {
                (
                    format!("{label}: renew within {within}"),
                    format!("{number} must be renewed by {by}. Open Baohao to see how."),
                )
            } else {
                (
                    format!("{label}：{within}内需续费"),
                    format!("{number} 需在 {by} 前续费，打开保号查看续费方式。"),
                )
            }
        }
        Message::DueToday {
            label,
            number,
            act_by,
        } => {
            let by = deadline_text(*act_by, lang);
            if en {
                (
                    format!("{label}: last day to renew"),
                    format!("{number} must be renewed by {by}. Open Baohao to see how."),
                )
            } else {
                (
                    format!("{label}：续费即将截止"),
                    format!("{number} 需在 {by} 前续费，打开保号查看续费方式。"),
                )
            }
        }
        Message::Overdue {
            label,
            number,
            act_by,
            lost_at,
        } => {
            let by = deadline_text(*act_by, lang);
            let keep = match (en, lost_at.map(|l| deadline_text(l, lang))) {
                (true, Some(l)) => format!("Renew before {l} to keep the number."),
                (true, None) => "Renew as soon as possible to keep the number.".to_owned(),
                (false, Some(l)) => format!("请在 {l} 前续费以保住号码"),
                (false, None) => "请尽快续费以保住号码".to_owned(),
            };
            if en {
                (
                    format!("{label}: renewal overdue"),
                    format!("{number} was due by {by}. {keep} Open Baohao to see how."),
                )
            } else {
                (
                    format!("{label}：已过续费期限"),
                    format!("{number} 的续费期限是 {by}。{keep}，打开保号查看续费方式。"),
                )
            }
        }
        Message::AboutToBeLost {
            label,
            number,
            lost_at,
        } => {
            let when = deadline_text(*lost_at, lang);
            if en {
                (
                    format!("{label}: last chance to keep this number"),
                    format!(
                        "{number} will be recycled by the carrier on {when}. Renew now to keep it."
                    ),
                )
            } else {
                (
                    format!("{label}：号码即将被回收"),
                    format!("{number} 将于 {when} 被运营商回收，请立即续费保号。"),
                )
            }
        }
        Message::BalanceCheck { label, number } => {
            if en {
                (
                    format!("{label}: check the balance"),
                    format!("Check the balance of {number} and log it in Baohao."),
                )
            } else {
                (
                    format!("{label}：查一下余额"),
                    format!("查询 {number} 的余额并记录到保号。"),
                )
            }
        }
        Message::LowBalance { label, number } => {
            if en {
                (
                    format!("{label}: balance is low"),
                    format!("{number} is low on credit. Top up to keep the number active."),
                )
            } else {
                (
                    format!("{label}：余额不足"),
                    format!("{number} 余额不足，请充值以保持号码可用。"),
                )
            }
        }
        Message::OneOff {
            label,
            number,
            text,
        } => {
            if en {
                (format!("{label}: reminder"), format!("{number}: {text}"))
            } else {
                (format!("{label}：提醒"), format!("{number}：{text}"))
            }
        }
        Message::Generic { label, number } => {
            if en {
                (
                    format!("Baohao: {label}"),
                    format!("{number}: open Baohao to see what to do."),
                )
            } else {
                (
                    format!("保号：{label}"),
                    format!("{number}：打开保号查看需要做什么。"),
                )
            }
        }
        Message::CatchUp { count, lines } => match (en, *count, *lines) {
            (true, 1, _) => (
                "1 reminder while Baohao was closed".to_owned(),
                "1 number needs attention. Open Baohao to see it.".to_owned(),
            ),
            (true, _, 1) => (
                format!("{count} reminders while Baohao was closed"),
                "1 number needs attention. Open Baohao to see it.".to_owned(),
            ),
            (true, _, _) => (
                format!("{count} reminders while Baohao was closed"),
                format!("{lines} numbers need attention. Open Baohao to see them."),
            ),
            (false, _, _) => (
                format!("保号关闭期间有 {count} 条提醒"),
                format!("{lines} 个号码需要处理，打开保号查看。"),
            ),
        },
        Message::RenewalLogged {
            label,
            number,
            act_by,
        } => {
            let next = act_by.map(|t| deadline_text(t, lang));
            match (en, next) {
                (true, Some(by)) => (
                    format!("{label}: renewal logged"),
                    format!("{number}: next renewal due by {by}."),
                ),
                (true, None) => (
                    format!("{label}: renewal logged"),
                    format!("{number}: the renewal is in Baohao."),
                ),
                (false, Some(by)) => (
                    format!("{label}：已记录续费"),
                    format!("{number} 下次需在 {by} 前续费。"),
                ),
                (false, None) => (
                    format!("{label}：已记录续费"),
                    format!("{number} 的续费已记入保号。"),
                ),
            }
        }
        Message::Snoozed { label, until } => {
            let when = deadline_text(*until, lang);
            if en {
                (
                    format!("{label}: snoozed"),
                    format!("No reminder for this number until {when}."),
                )
            } else {
                (
                    format!("{label}：已推迟提醒"),
                    format!("{when} 前不再提醒这个号码。"),
                )
            }
        }
        Message::Test => {
            let (title, body) = if en {
                (
                    "Baohao notifications work",
                    "This is how Baohao will remind you before a number must be renewed.",
                )
            } else {
                ("保号通知正常", "号码需要续费前，保号会这样提醒你。")
            };
            (title.to_owned(), body.to_owned())
        }
    }
}

/// The tray menu's items, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayText {
    pub open: String,
    /// The next deadline ("Next: Smart main · 30 Aug"), or that there is none.
    pub next: String,
    pub quit: String,
}

/// The tray menu for the line due next (its label and the local date of its deadline in the
/// user's zone), or none.
pub fn tray_text(next: Option<(&str, NaiveDate)>, lang: Lang) -> TrayText {
    let next = match (next, lang) {
        (Some((label, date)), Lang::En) => format!("Next: {label} · {}", day_month(date, lang)),
        (Some((label, date)), Lang::ZhCn) => format!("下一个：{label} · {}", day_month(date, lang)),
        (None, Lang::En) => "No deadlines".to_owned(),
        (None, Lang::ZhCn) => "暂无期限".to_owned(),
    };
    let (open, quit) = match lang {
        Lang::En => ("Open Baohao", "Quit"),
        Lang::ZhCn => ("打开保号", "退出"),
    };
    TrayText {
        open: open.to_owned(),
        next,
        quit: quit.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 59)
            .unwrap()
    }

    #[test]
    fn notifications_are_worded_from_typed_values() {
        let lead = Message::Lead {
            label: "Smart".into(),
            number: "+63 912 345 6789".into(),
            days: 1,
            act_by: at(2026, 8, 30, 23, 59),
        };
        assert_eq!(
            render(&lead, Lang::En),
            (
                "Smart: renew within 1 day".to_owned(),
                "+63 912 345 6789 must be renewed by 30 Aug. Open Baohao to see how.".to_owned()
            )
        );
        assert_eq!(render(&lead, Lang::ZhCn).0, "Smart：1 天内需续费");
        let overdue = Message::Overdue {
            label: "A".into(),
            number: "+1".into(),
            act_by: at(2026, 8, 30, 7, 59),
            lost_at: None,
        };
        assert!(render(&overdue, Lang::En).1.contains("07:59, 30 Aug"));
        assert!(render(&overdue, Lang::ZhCn).1.contains("8月30日 07:59"));
        assert_eq!(
            render(&Message::CatchUp { count: 3, lines: 2 }, Lang::ZhCn).0,
            "保号关闭期间有 3 条提醒"
        );
        assert_eq!(
            render(&Message::Test, Lang::En).0,
            "Baohao notifications work"
        );
    }

    #[test]
    fn reminder_actions_and_their_confirmations_speak_both_languages() {
        assert_eq!(action_texts(Lang::En).renewed, "I renewed");
        assert_eq!(action_texts(Lang::ZhCn).snooze, "推迟 1 天");
        let logged = Message::RenewalLogged {
            label: "Smart".into(),
            number: "+63 912".into(),
            act_by: Some(at(2026, 9, 29, 23, 59)),
        };
        assert_eq!(
            render(&logged, Lang::En),
            (
                "Smart: renewal logged".to_owned(),
                "+63 912: next renewal due by 29 Sep.".to_owned()
            )
        );
        assert_eq!(
            render(&logged, Lang::ZhCn).1,
            "+63 912 下次需在 9月29日 前续费。"
        );
        let snoozed = Message::Snoozed {
            label: "Smart".into(),
            until: at(2026, 9, 2, 9, 0),
        };
        assert_eq!(
            render(&snoozed, Lang::En).1,
            "No reminder for this number until 09:00, 2 Sep."
        );
    }

    #[test]
    fn the_tray_speaks_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 8, 30).unwrap();
        assert_eq!(
            tray_text(Some(("Smart main", d)), Lang::En),
            TrayText {
                open: "Open Baohao".into(),
                next: "Next: Smart main · 30 Aug".into(),
                quit: "Quit".into(),
            }
        );
        let zh = tray_text(Some(("备用", d)), Lang::ZhCn);
        assert_eq!(
            (zh.open.as_str(), zh.next.as_str(), zh.quit.as_str()),
            ("打开保号", "下一个：备用 · 8月30日", "退出")
        );
        assert_eq!(tray_text(None, Lang::ZhCn).next, "暂无期限");
    }
}
