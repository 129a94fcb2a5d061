//! Notification texts in English and Simplified Chinese, from a [`MessageKey`].

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike};

use super::delivery::CatchUpSummary;
use super::plan::MessageKey;
use crate::rules::Lang;

/// The key of the catch-up summary message.
pub const CATCH_UP_KEY: &str = "reminder.catch_up";

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The wall-clock time an RFC 3339 argument names (in the offset it was written with, the
/// user's zone).
fn arg_time(args: &BTreeMap<String, String>, name: &str) -> Option<NaiveDateTime> {
    args.get(name)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.naive_local())
}

fn date_text(t: NaiveDateTime, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let month = MONTHS_EN.get(t.month0() as usize).copied().unwrap_or("?");
            format!("{} {month}", t.day())
        }
        Lang::ZhCn => format!("{}月{}日", t.month(), t.day()),
    }
}

/// "30 Aug" when the deadline is the end of the day (23:59), "07:59, 30 Aug" otherwise.
fn deadline_text(t: NaiveDateTime, lang: Lang) -> String {
    let end_of_day = t.hour() == 23 && t.minute() == 59;
    let hm = t.format("%H:%M");
    match (lang, end_of_day) {
        (_, true) => date_text(t, lang),
        (Lang::En, false) => format!("{hm}, {}", date_text(t, lang)),
        (Lang::ZhCn, false) => format!("{} {hm}", date_text(t, lang)),
    }
}

fn days_text(days: &str, lang: Lang) -> String {
    match lang {
        Lang::En if days == "1" => "1 day".to_owned(),
        Lang::En => format!("{days} days"),
        Lang::ZhCn => format!("{days} 天"),
    }
}

/// The (title, body) of a notification. Unknown keys and missing arguments still give a
/// readable text.
pub fn render(msg: &MessageKey, lang: Lang) -> (String, String) {
    let a = &msg.args;
    let get = |k: &str| a.get(k).cloned().unwrap_or_default();
    let label = get("label");
    let number = get("number");
    let days = a.get("days").cloned().unwrap_or_else(|| "0".to_owned());
    let act_by = arg_time(a, "act_by");
    let lost_at = arg_time(a, "lost_at");
    let by = |lang| act_by.map(|t| deadline_text(t, lang)).unwrap_or_default();
    let lost = |lang| lost_at.map(|t| deadline_text(t, lang));
    let en = lang == Lang::En;
    match msg.key.as_str() {
        "reminder.lead" => {
            if en {
                (
                    format!("{label}: renew within {}", days_text(&days, lang)),
                    format!(
                        "{number} must be renewed by {}. Open Baohao to see how.",
                        by(lang)
                    ),
                )
            } else {
                (
                    format!("{label}：{}内需续费", days_text(&days, lang)),
                    format!("{number} 需在 {} 前续费，打开保号查看续费方式。", by(lang)),
                )
            }
        }
        "reminder.due_today" => {
            if en {
                (
                    format!("{label}: last day to renew"),
                    format!(
                        "{number} must be renewed by {}. Open Baohao to see how.",
                        by(lang)
                    ),
                )
            } else {
                (
                    format!("{label}：续费即将截止"),
                    format!("{number} 需在 {} 前续费，打开保号查看续费方式。", by(lang)),
                )
            }
        }
        "reminder.overdue" => {
            let keep = match (en, lost(lang)) {
                (true, Some(l)) => format!("Renew before {l} to keep the number."),
                (true, None) => "Renew as soon as possible to keep the number.".to_owned(),
                (false, Some(l)) => format!("请在 {l} 前续费以保住号码"),
                (false, None) => "请尽快续费以保住号码".to_owned(),
            };
            if en {
                (
                    format!("{label}: renewal overdue"),
                    format!(
                        "{number} was due by {}. {keep} Open Baohao to see how.",
                        by(lang)
                    ),
                )
            } else {
                (
                    format!("{label}：已过续费期限"),
                    format!(
                        "{number} 的续费期限是 {}。{keep}，打开保号查看续费方式。",
                        by(lang)
                    ),
                )
            }
        }
        "reminder.about_to_be_lost" => {
            let when = lost(lang).unwrap_or_default();
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
        "reminder.balance_check" => {
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
        "reminder.low_balance" => {
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
        "reminder.one_off" => {
            let text = get("text");
            if en {
                (format!("{label}: reminder"), format!("{number}: {text}"))
            } else {
                (format!("{label}：提醒"), format!("{number}：{text}"))
            }
        }
        CATCH_UP_KEY => {
            let count = a.get("count").cloned().unwrap_or_else(|| "0".to_owned());
            let lines = a.get("lines").cloned().unwrap_or_else(|| "0".to_owned());
            match (en, count.as_str(), lines.as_str()) {
                (true, "1", _) => (
                    "1 reminder while Baohao was closed".to_owned(),
                    "1 number needs attention. Open Baohao to see it.".to_owned(),
                ),
                (true, _, "1") => (
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
            }
        }
        _ => {
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
    }
}

/// The message of a catch-up summary (`count` reminders for `lines` numbers).
pub fn catch_up_message(summary: &CatchUpSummary) -> MessageKey {
    let mut args = BTreeMap::new();
    args.insert("count".to_owned(), summary.count.to_string());
    args.insert("lines".to_owned(), summary.lines.len().to_string());
    MessageKey {
        key: CATCH_UP_KEY.to_owned(),
        args,
    }
}
