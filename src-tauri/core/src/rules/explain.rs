//! Why a deadline is what it is: a structured, language-neutral [`Basis`] that the UI can
//! render itself, and [`explain_text`], a ready-made sentence in English or Simplified Chinese.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::balance::BalanceForecast;
use super::deadline::Evaluation;
use super::rule::{Grace, GraceMode, Period};
use crate::error::{ErrorCode, Field};
use crate::event::{EventKind, Money};
use crate::texts::month_en;

/// Which computation produced the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// `rolling`: the latest qualifying event (`event_kind`, `event_at`) + `period`.
    RollingSinceEvent,
    /// `rolling` with no qualifying event logged (`qualifying` lists what counts): unknown
    /// until the user logs the last one.
    NeedsLastActivity,
    /// `topup_validity`: the top-up (`event_at`, `amount`) that set the latest expiry, with the
    /// tier's `validity_days`/`validity_months`; `stacked` when validity adds up.
    TopupValidity,
    /// `fixed_expiry`: the date the carrier reported (`base_date`).
    FixedExpiry,
    /// `recurring_plan`: the latest paid cycle starts on `base_date` (cycle `cycle_index` from
    /// `anchor`); `event_*` name the latest payment, if any.
    RecurringPlan,
    /// `topup_validity` with no top-up that reaches the lowest tier (`lowest_tier`): unknown.
    NoQualifyingTopup,
    /// `balance`: the balance (`balance`) runs out; `act_by` is the day before the first
    /// billing day it cannot cover.
    BalanceRunsOut,
    /// `balance`: a fee was not covered; the line is suspended since
    /// the forecast's `suspended_since` (`act_by` is the day before).
    BalanceSuspended,
    /// `balance`: no fee, or the balance lasts longer than the horizon: status `ok`, no
    /// deadline.
    BalanceNeverRunsOut,
    /// `balance` with no balance or top-up logged: unknown until the user logs the balance.
    NeedsBalance,
    /// `balance` without a fee (a preset that leaves it to the user): unknown until it is set.
    FeeNotSet,
    /// The rule failed validation (`error`, `error_field`): unknown.
    InvalidRule,
    /// The deadline or the loss date falls after 9999-12-31 23:59:59 UTC (or before 1900), too
    /// far to store or show: unknown.
    OutOfRange,
}

/// The facts behind an [`Evaluation`]. Fields not relevant to `kind` are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Basis {
    pub kind: BasisKind,
    /// The IANA zone the rule counts days in.
    pub zone: String,
    pub event_kind: Option<EventKind>,
    pub event_at: Option<DateTime<Utc>>,
    /// The local date counting starts from (event date, expiry date, or cycle start).
    pub base_date: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub period: Option<Period>,
    pub validity_days: Option<u32>,
    pub validity_months: Option<u32>,
    pub stacked: bool,
    /// How many events the rule counted (top-ups reaching a tier, or plan payments).
    pub counted_events: Option<u32>,
    pub lowest_tier: Option<Money>,
    /// The activities that count (for `needs_last_activity`), else empty.
    pub qualifying: Vec<EventKind>,
    pub anchor: Option<NaiveDate>,
    pub cycle_index: Option<u32>,
    pub grace: Option<Grace>,
    /// For the `balance` kinds: how long the balance lasts.
    pub balance: Option<BalanceForecast>,
    /// The rule is a `balance` rule (the grace is a suspension).
    pub balance_rule: bool,
    /// The grace started early: the balance ran out on this local date (a grace with
    /// `at_zero_balance`).
    pub zero_balance_on: Option<NaiveDate>,
    /// `act_by` as the wall-clock time in `zone` (normally 23:59:59).
    pub act_by_local: Option<NaiveDateTime>,
    pub lost_at_local: Option<NaiveDateTime>,
    pub error: Option<ErrorCode>,
    pub error_field: Option<Field>,
}

impl Basis {
    pub fn new(kind: BasisKind, zone: &str) -> Self {
        Self {
            kind,
            zone: zone.to_owned(),
            event_kind: None,
            event_at: None,
            base_date: None,
            amount: None,
            period: None,
            validity_days: None,
            validity_months: None,
            stacked: false,
            counted_events: None,
            lowest_tier: None,
            qualifying: Vec::new(),
            anchor: None,
            cycle_index: None,
            grace: None,
            balance: None,
            balance_rule: false,
            zero_balance_on: None,
            act_by_local: None,
            lost_at_local: None,
            error: None,
            error_field: None,
        }
    }

    pub(crate) fn out_of_range(self) -> Self {
        Self {
            kind: BasisKind::OutOfRange,
            error: Some(ErrorCode::OutOfRange),
            ..self
        }
    }
}

/// A language the explanation can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    ZhCn,
}

/// Chinese names of the cities of common zones; others use the English city name.
const CITY_ZH: &[(&str, &str)] = &[
    ("Europe/London", "伦敦"),
    ("Europe/Berlin", "柏林"),
    ("Europe/Paris", "巴黎"),
    ("Europe/Madrid", "马德里"),
    ("Europe/Rome", "罗马"),
    ("Europe/Amsterdam", "阿姆斯特丹"),
    ("Europe/Brussels", "布鲁塞尔"),
    ("Europe/Luxembourg", "卢森堡"),
    ("Europe/Kyiv", "基辅"),
    ("Asia/Hong_Kong", "香港"),
    ("Asia/Macau", "澳门"),
    ("Asia/Shanghai", "上海"),
    ("Asia/Taipei", "台北"),
    ("Asia/Manila", "马尼拉"),
    ("Asia/Jakarta", "雅加达"),
    ("Asia/Ho_Chi_Minh", "胡志明市"),
    ("Asia/Kuala_Lumpur", "吉隆坡"),
    ("Asia/Bangkok", "曼谷"),
    ("Asia/Singapore", "新加坡"),
    ("Asia/Tokyo", "东京"),
    ("Asia/Seoul", "首尔"),
    ("Asia/Kolkata", "加尔各答"),
    ("America/New_York", "纽约"),
    ("America/Chicago", "芝加哥"),
    ("America/Denver", "丹佛"),
    ("America/Los_Angeles", "洛杉矶"),
    ("America/Toronto", "多伦多"),
    ("America/Vancouver", "温哥华"),
    ("Australia/Sydney", "悉尼"),
    ("Australia/Melbourne", "墨尔本"),
    ("Australia/Adelaide", "阿德莱德"),
    ("Pacific/Auckland", "奥克兰"),
    ("UTC", "UTC"),
];

/// The city of a zone: its name's last segment with underscores as spaces
/// (`America/Argentina/Buenos_Aires` → `Buenos Aires`), or a Chinese name for common zones.
pub fn zone_city(zone: &str, lang: Lang) -> String {
    if lang == Lang::ZhCn {
        if let Some((_, zh)) = CITY_ZH.iter().find(|(z, _)| *z == zone) {
            return (*zh).to_owned();
        }
    }
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

fn date_text(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {} {}", d.day(), month_en(d.month()), d.year()),
        Lang::ZhCn => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

fn date_time_text(t: NaiveDateTime, lang: Lang, with_year: bool) -> String {
    let d = t.date();
    let hm = t.format("%H:%M");
    match (lang, with_year) {
        (Lang::En, true) => format!("{} {hm}", date_text(d, lang)),
        (Lang::En, false) => format!("{} {} {hm}", d.day(), month_en(d.month())),
        (Lang::ZhCn, true) => format!("{} {hm}", date_text(d, lang)),
        (Lang::ZhCn, false) => format!("{}月{}日 {hm}", d.month(), d.day()),
    }
}

fn count_text(n: u32, unit_en: &str, unit_zh: &str, lang: Lang) -> String {
    match lang {
        Lang::En if n == 1 => format!("1 {unit_en}"),
        Lang::En => format!("{n} {unit_en}s"),
        Lang::ZhCn => format!("{n} {unit_zh}"),
    }
}

fn period_text(p: Period, lang: Lang) -> String {
    match p {
        Period::Days(n) => count_text(n, "day", "天", lang),
        Period::Months(n) => count_text(n, "month", "个月", lang),
    }
}

fn months_days_text(months: u32, days: u32, lang: Lang) -> String {
    let m = count_text(months, "month", "个月", lang);
    let d = count_text(days, "day", "天", lang);
    match (months, days, lang) {
        (0, _, _) => d,
        (_, 0, _) => m,
        (_, _, Lang::En) => format!("{m} and {d}"),
        (_, _, Lang::ZhCn) => format!("{m}零 {d}"),
    }
}

fn kind_text(k: EventKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (EventKind::Topup, Lang::En) => "top-up",
        (EventKind::Call, Lang::En) => "call",
        (EventKind::Sms, Lang::En) => "SMS",
        (EventKind::Data, Lang::En) => "data use",
        (EventKind::PlanPayment, Lang::En) => "plan payment",
        (EventKind::BalanceCheck, Lang::En) => "balance check",
        (EventKind::Other, Lang::En) => "activity",
        (EventKind::Topup, Lang::ZhCn) => "充值",
        (EventKind::Call, Lang::ZhCn) => "通话",
        (EventKind::Sms, Lang::ZhCn) => "短信",
        (EventKind::Data, Lang::ZhCn) => "上网",
        (EventKind::PlanPayment, Lang::ZhCn) => "套餐付款",
        (EventKind::BalanceCheck, Lang::ZhCn) => "余额查询",
        (EventKind::Other, Lang::ZhCn) => "活动",
    }
}

/// "top-up, call or SMS" / "充值、通话或短信".
fn kinds_text(kinds: &[EventKind], lang: Lang) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| kind_text(*k, lang)).collect();
    let (sep, last_sep, fallback) = match lang {
        Lang::En => (", ", " or ", "activity"),
        Lang::ZhCn => ("、", "或", "活动"),
    };
    match names.split_last() {
        None => fallback.to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{}{last_sep}{last}", rest.join(sep)),
    }
}

fn grace_mode_text(m: GraceMode, lang: Lang) -> &'static str {
    match (m, lang) {
        (GraceMode::Restricted, Lang::En) => "of restricted service",
        (GraceMode::IncomingOnly, Lang::En) => "of incoming calls and texts only",
        (GraceMode::Grace, Lang::En) => "of grace",
        (GraceMode::Restricted, Lang::ZhCn) => "服务受限",
        (GraceMode::IncomingOnly, Lang::ZhCn) => "仅可接听来电和短信",
        (GraceMode::Grace, Lang::ZhCn) => "宽限期",
    }
}

/// The "why" part, before the arrow.
fn cause_text(b: &Basis, lang: Lang) -> String {
    if let Some(z) = b.zero_balance_on {
        return match lang {
            Lang::En => format!(
                "Your balance ran out on {}: the grace stage has started",
                date_text(z, lang)
            ),
            Lang::ZhCn => format!("{} 余额已用完，已进入宽限阶段", date_text(z, lang)),
        };
    }
    let date = b.base_date.map(|d| date_text(d, lang)).unwrap_or_default();
    let period = b.period.map(|p| period_text(p, lang)).unwrap_or_default();
    let amount = b.amount.as_ref().map(Money::display).unwrap_or_default();
    let validity = months_days_text(
        b.validity_months.unwrap_or(0),
        b.validity_days.unwrap_or(0),
        lang,
    );
    match (b.kind, lang) {
        (BasisKind::RollingSinceEvent, Lang::En) => {
            let k = b
                .event_kind
                .map(|k| kind_text(k, lang))
                .unwrap_or("activity");
            format!("{period} after your last {k} on {date}")
        }
        (BasisKind::RollingSinceEvent, Lang::ZhCn) => {
            let k = b.event_kind.map(|k| kind_text(k, lang)).unwrap_or("活动");
            format!("自 {date} 最近一次{k}起 {period}")
        }
        (BasisKind::NeedsLastActivity, Lang::En) => format!(
            "When was your last {}? Log it to see the deadline",
            kinds_text(&b.qualifying, lang)
        ),
        (BasisKind::NeedsLastActivity, Lang::ZhCn) => format!(
            "最近一次{}是什么时候？记录下来即可计算期限",
            kinds_text(&b.qualifying, lang)
        ),
        (BasisKind::TopupValidity, Lang::En) if b.stacked => {
            format!("Your top-up of {amount} on {date} added {validity} to the validity")
        }
        (BasisKind::TopupValidity, Lang::ZhCn) if b.stacked => {
            format!("{date} 充值 {amount}，有效期累加 {validity}")
        }
        (BasisKind::TopupValidity, Lang::En) => {
            format!("{validity} after your top-up of {amount} on {date}")
        }
        (BasisKind::TopupValidity, Lang::ZhCn) => {
            format!("自 {date} 充值 {amount} 起 {validity}")
        }
        (BasisKind::FixedExpiry, Lang::En) => "Expiry date reported by the carrier".to_owned(),
        (BasisKind::FixedExpiry, Lang::ZhCn) => "运营商告知的到期日".to_owned(),
        (BasisKind::RecurringPlan, Lang::En) => {
            format!("Plan renews every {period}; the paid cycle started on {date}")
        }
        (BasisKind::RecurringPlan, Lang::ZhCn) => {
            format!("套餐每 {period} 续期，已付周期自 {date} 起")
        }
        (BasisKind::NoQualifyingTopup, Lang::En) => match &b.lowest_tier {
            Some(m) => format!(
                "No top-up of at least {} logged yet: log your last top-up to see the deadline",
                m.display()
            ),
            None => "No top-up logged yet: log your last top-up to see the deadline".to_owned(),
        },
        (BasisKind::NoQualifyingTopup, Lang::ZhCn) => match &b.lowest_tier {
            Some(m) => format!(
                "尚未记录至少 {} 的充值：记录最近一次充值即可计算期限",
                m.display()
            ),
            None => "尚未记录充值：记录最近一次充值即可计算期限".to_owned(),
        },
        (
            BasisKind::BalanceRunsOut
            | BasisKind::BalanceSuspended
            | BasisKind::BalanceNeverRunsOut,
            _,
        ) => match &b.balance {
            Some(f) => balance_text(b.kind, f, f.today.year(), lang),
            None => String::new(),
        },
        (BasisKind::NeedsBalance, Lang::En) => {
            "What is the balance now? Log a balance check to see how long it lasts".to_owned()
        }
        (BasisKind::NeedsBalance, Lang::ZhCn) => {
            "现在余额是多少？记录一次余额查询即可算出能用多久".to_owned()
        }
        (BasisKind::FeeNotSet, Lang::En) => {
            "Set your plan's monthly fee to see how long the balance lasts".to_owned()
        }
        (BasisKind::FeeNotSet, Lang::ZhCn) => "设置套餐月费即可算出余额能用多久".to_owned(),
        (BasisKind::InvalidRule, Lang::En) => {
            "The keep-alive rule is not valid: check its settings".to_owned()
        }
        (BasisKind::InvalidRule, Lang::ZhCn) => "保号规则无效：请检查设置".to_owned(),
        (BasisKind::OutOfRange, Lang::En) => {
            "The deadline is too far in the future (after the year 9999) to compute".to_owned()
        }
        (BasisKind::OutOfRange, Lang::ZhCn) => "期限太远（晚于 9999 年），无法计算".to_owned(),
    }
}

/// Currency symbols for the balance sentence; other currencies use their code.
const SYMBOLS: &[(&str, &str)] = &[
    ("CNY", "¥"),
    ("HKD", "HK$"),
    ("MOP", "MOP$"),
    ("TWD", "NT$"),
    ("USD", "US$"),
    ("GBP", "£"),
    ("EUR", "€"),
    ("JPY", "JP¥"),
];

/// `¥38.00`, `HK$50.00`, `-¥3.00`, `PHP 100.00`: every decimal of the currency shown.
pub fn money_text(m: &Money) -> String {
    let exp = u32::from(crate::event::currency_exponent(&m.currency).unwrap_or(0));
    let scale = 10u64.pow(exp);
    let abs = m.minor.unsigned_abs();
    let number = if exp == 0 {
        format!("{abs}")
    } else {
        format!(
            "{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = exp as usize
        )
    };
    let sign = if m.minor < 0 { "-" } else { "" };
    match SYMBOLS.iter().find(|(c, _)| *c == m.currency) {
        Some((_, sym)) => format!("{sign}{sym}{number}"),
        None => format!("{sign}{} {number}", m.currency),
    }
}

const MONTH_NAMES_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `February` / `2月`, with the year when it is not `this_year`.
fn month_name(d: NaiveDate, this_year: i32, lang: Lang) -> String {
    let name = MONTH_NAMES_EN
        .get(d.month0() as usize)
        .copied()
        .unwrap_or("?");
    match (lang, d.year() == this_year) {
        (Lang::En, true) => name.to_owned(),
        (Lang::En, false) => format!("{name} {}", d.year()),
        (Lang::ZhCn, true) => format!("{}月", d.month()),
        (Lang::ZhCn, false) => format!("{}年{}月", d.year(), d.month()),
    }
}

/// `31 May` / `5月31日`, with the year when it is not `this_year`.
fn day_text(d: NaiveDate, this_year: i32, lang: Lang) -> String {
    match (lang, d.year() == this_year) {
        (Lang::En, true) => format!("{} {}", d.day(), month_en(d.month())),
        (_, false) => date_text(d, lang),
        (Lang::ZhCn, true) => format!("{}月{}日", d.month(), d.day()),
    }
}

/// The balance sentence, e.g. `¥38.00 left at ¥8.00 a month covers February to May: top up by
/// 31 May` / `余额 ¥38.00，每月 ¥8.00，够扣 2月至5月：请在 5月31日 前充值`.
fn balance_text(kind: BasisKind, f: &BalanceForecast, year: i32, lang: Lang) -> String {
    let left = money_text(&f.balance_now);
    let fee = money_text(&f.fee);
    let by = f
        .first_uncovered
        .and_then(|d| d.pred_opt())
        .map(|d| day_text(d, year, lang))
        .unwrap_or_default();
    let due = f
        .first_uncovered
        .map(|d| day_text(d, year, lang))
        .unwrap_or_default();
    let estimated = match (f.estimated, lang) {
        (false, _) => "",
        (true, Lang::En) => " (estimated from your top-ups: log a balance check to be exact)",
        (true, Lang::ZhCn) => "（按充值记录估算，记录一次余额查询可更准确）",
    };
    let covered = match (f.covered_from, f.covered_to) {
        (Some(a), Some(b)) if a == b => Some(month_name(a, year, lang)),
        (Some(a), Some(b)) => Some(match lang {
            Lang::En => format!(
                "{} to {}",
                month_name(a, year, lang),
                month_name(b, year, lang)
            ),
            Lang::ZhCn => format!(
                "{}至{}",
                month_name(a, year, lang),
                month_name(b, year, lang)
            ),
        }),
        _ => None,
    };
    let text = match (kind, lang, covered) {
        (BasisKind::BalanceNeverRunsOut, Lang::En, _) if f.fee.minor <= 0 => {
            format!("{left} left and no monthly fee: the balance does not run out")
        }
        (BasisKind::BalanceNeverRunsOut, Lang::ZhCn, _) if f.fee.minor <= 0 => {
            format!("余额 {left}，没有月费：余额不会用完")
        }
        (BasisKind::BalanceNeverRunsOut, Lang::En, _) => format!(
            "{left} left at {fee} a month lasts more than {} years",
            super::HORIZON_MONTHS / 12
        ),
        (BasisKind::BalanceNeverRunsOut, Lang::ZhCn, _) => format!(
            "余额 {left}，每月 {fee}，可用 {} 年以上",
            super::HORIZON_MONTHS / 12
        ),
        (BasisKind::BalanceSuspended, Lang::En, _) => {
            let since = f
                .suspended_since
                .map(|d| day_text(d, year, lang))
                .unwrap_or_default();
            format!(
                "{left} left did not cover the {fee} due on {since}: the line is suspended, top \
                 up to restore it"
            )
        }
        (BasisKind::BalanceSuspended, Lang::ZhCn, _) => {
            let since = f
                .suspended_since
                .map(|d| day_text(d, year, lang))
                .unwrap_or_default();
            format!("余额 {left}，不够扣 {since} 的 {fee}：已停机，充值即可恢复")
        }
        (_, Lang::En, Some(months)) => {
            format!("{left} left at {fee} a month covers {months}: top up by {by}")
        }
        (_, Lang::ZhCn, Some(months)) => {
            format!("余额 {left}，每月 {fee}，够扣 {months}：请在 {by} 前充值")
        }
        (_, Lang::En, None) => {
            format!("{left} left does not cover the {fee} due on {due}: top up by {by}")
        }
        (_, Lang::ZhCn, None) => {
            format!("余额 {left}，不够扣 {due} 的 {fee}：请在 {by} 前充值")
        }
    };
    format!("{text}{estimated}")
}

/// `30 Aug 2026 23:59 London time (31 Aug 07:59 your time)` or
/// `伦敦时间 2026年8月30日 23:59（你的时间 8月31日 07:59）`.
fn instant_text(t: DateTime<Utc>, zone: &str, lang: Lang, user_zone: Tz) -> String {
    let rule_tz = super::rule::parse_zone(zone).unwrap_or(Tz::UTC);
    let local = t.with_timezone(&rule_tz).naive_local();
    let city = zone_city(rule_tz.name(), lang);
    let main = match lang {
        Lang::En => format!("{} {city} time", date_time_text(local, lang, true)),
        Lang::ZhCn => format!("{city}时间 {}", date_time_text(local, lang, true)),
    };
    if user_zone.name() == rule_tz.name() {
        return main;
    }
    let mine = t.with_timezone(&user_zone).naive_local();
    let with_year = mine.year() != local.year();
    let mine = date_time_text(mine, lang, with_year);
    match lang {
        Lang::En => format!("{main} ({mine} your time)"),
        Lang::ZhCn => format!("{main}（你的时间 {mine}）"),
    }
}

/// A one-sentence explanation of an evaluation, e.g.
/// `180 days after your last top-up on 3 Mar 2026 → 30 Aug 2026 23:59 London time
/// (31 Aug 07:59 your time); then 90 days of incoming calls and texts only → number lost after
/// 28 Nov 2026 23:59 London time`. "Your time" appears only when `user_zone` differs from the
/// rule's zone. The instants themselves never depend on `user_zone`.
pub fn explain_text(eval: &Evaluation, lang: Lang, user_zone: Tz) -> String {
    let b = &eval.basis;
    let cause = cause_text(b, lang);
    let (Some(act_by), Some(lost_at)) = (eval.act_by, eval.lost_at) else {
        return cause;
    };
    let mut out = format!(
        "{cause} → {}",
        instant_text(act_by, &b.zone, lang, user_zone)
    );
    if let Some(g) = &b.grace {
        if lost_at > act_by {
            let span = months_days_text(g.months, g.days, lang);
            let mode = if b.balance_rule && g.mode == GraceMode::Restricted {
                match lang {
                    Lang::En => "suspended",
                    Lang::ZhCn => "停机",
                }
            } else {
                grace_mode_text(g.mode, lang)
            };
            let lost = instant_text(lost_at, &b.zone, lang, user_zone);
            match lang {
                Lang::En => {
                    out.push_str(&format!("; then {span} {mode} → number lost after {lost}"))
                }
                Lang::ZhCn => out.push_str(&format!("；之后 {span}{mode}，{lost} 后号码失效")),
            }
        }
    }
    out
}
