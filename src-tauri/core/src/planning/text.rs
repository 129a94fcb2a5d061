//! The planning views' sentences in English and Simplified Chinese, from their typed reasons
//! (the UI may also render the typed values itself, as with the rules engine's [`Basis`]).
//!
//! [`Basis`]: crate::rules::Basis

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::renewal_days::DayReason;
use super::{local_date, LeftOutReason};
use crate::summary::Explanation;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `12 Mar` / `3月12日`, with the year when it is not `this_year`'s.
fn date_pair(d: NaiveDate, this_year: Option<i32>) -> (String, String) {
    let month = MONTHS_EN.get(d.month0() as usize).copied().unwrap_or("?");
    if this_year == Some(d.year()) {
        (
            format!("{} {month}", d.day()),
            format!("{}月{}日", d.month(), d.day()),
        )
    } else {
        (
            format!("{} {month} {}", d.day(), d.year()),
            format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        )
    }
}

fn pair(en: String, zh_cn: String) -> Explanation {
    Explanation { en, zh_cn }
}

/// Why a renewal day is that day.
pub(super) fn day_reason(reason: &DayReason, today: NaiveDate) -> Explanation {
    match reason {
        DayReason::Overdue { count: 0 | 1 } => pair(
            "Past its deadline: renew today".to_owned(),
            "已过期限，请今天续费".to_owned(),
        ),
        DayReason::Overdue { count } => pair(
            format!("{count} numbers are past their deadline: renew today"),
            format!("{count} 个号码已过期限，请今天续费"),
        ),
        DayReason::EarliestDeadline {
            label,
            deadline,
            count,
            ..
        } => {
            let (en, zh) = date_pair(*deadline, Some(today.year()));
            if *count <= 1 {
                pair(
                    format!("The deadline of {label}: {en}"),
                    format!("{label} 的期限：{zh}"),
                )
            } else {
                pair(
                    format!("The earliest deadline among these: {label}, {en}"),
                    format!("其中期限最早的是 {label}：{zh}"),
                )
            }
        }
    }
}

/// Why a line is left out of a planning view.
pub(super) fn left_out(reason: &LeftOutReason, name: &str, user_zone: Tz) -> Explanation {
    match reason {
        LeftOutReason::NoRule => pair(
            format!("{name} has no keep-alive rule: pick its carrier or set a rule"),
            format!("{name} 没有保号规则：请选择运营商或设置规则"),
        ),
        LeftOutReason::UnknownDeadline => pair(
            format!("The deadline of {name} is not known yet: its page says what is missing"),
            format!("{name} 的期限尚无法计算：请在号码详情中查看缺少的信息"),
        ),
        LeftOutReason::Lost { lost_at, .. } => {
            let (en, zh) = date_pair(local_date(*lost_at, user_zone), None);
            pair(
                format!("{name} was lost after {en}"),
                format!("{name} 已于 {zh}后失效"),
            )
        }
    }
}
