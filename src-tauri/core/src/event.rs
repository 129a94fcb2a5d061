//! The renewal log: what the user did to keep a number alive (top-ups, calls, plan payments…),
//! with amounts as integer minor units of an ISO 4217 currency (never floats).
//!
//! Events are the source of truth: deadlines are derived from a line's rule and its events by
//! [`crate::rules::evaluate`].

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::text::check_text;

/// Longest order/reference number, in characters.
pub const REFERENCE_MAX: usize = 120;
/// Longest note, in characters.
pub const NOTE_MAX: usize = 2000;
/// Largest absolute amount, in minor units (10^9: HK$10,000,000.00 or ¥1,000,000,000).
pub const AMOUNT_MAX_MINOR: i64 = 1_000_000_000;

/// What was done.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Topup,
    Call,
    Sms,
    Data,
    PlanPayment,
    BalanceCheck,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        Self::Topup,
        Self::Call,
        Self::Sms,
        Self::Data,
        Self::PlanPayment,
        Self::BalanceCheck,
        Self::Other,
    ];

    /// The serialized name (also the store's column value).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Topup => "topup",
            Self::Call => "call",
            Self::Sms => "sms",
            Self::Data => "data",
            Self::PlanPayment => "plan_payment",
            Self::BalanceCheck => "balance_check",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    App,
    Hotline,
    Ussd,
    Sms,
    Shop,
    Web,
    AutoRenew,
}

impl Method {
    pub const ALL: [Method; 7] = [
        Self::App,
        Self::Hotline,
        Self::Ussd,
        Self::Sms,
        Self::Shop,
        Self::Web,
        Self::AutoRenew,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::App => "app",
            Self::Hotline => "hotline",
            Self::Ussd => "ussd",
            Self::Sms => "sms",
            Self::Shop => "shop",
            Self::Web => "web",
            Self::AutoRenew => "auto_renew",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How it was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannel {
    BankCard,
    Alipay,
    WechatPay,
    Paypal,
    Voucher,
    Other,
}

impl PaymentChannel {
    pub const ALL: [PaymentChannel; 6] = [
        Self::BankCard,
        Self::Alipay,
        Self::WechatPay,
        Self::Paypal,
        Self::Voucher,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::BankCard => "bank_card",
            Self::Alipay => "alipay",
            Self::WechatPay => "wechat_pay",
            Self::Paypal => "paypal",
            Self::Voucher => "voucher",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Active ISO 4217 codes that have a minor unit, with their exponent (number of decimals).
/// Codes without a minor unit (precious metals, XDR, XXX, XTS) are not money a SIM is paid in
/// and are left out.
#[rustfmt::skip]
pub const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("ANG", 2), ("AOA", 2), ("ARS", 2),
    ("AUD", 2), ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2),
    ("BHD", 3), ("BIF", 0), ("BMD", 2), ("BND", 2), ("BOB", 2), ("BOV", 2), ("BRL", 2),
    ("BSD", 2), ("BTN", 2), ("BWP", 2), ("BYN", 2), ("BZD", 2), ("CAD", 2), ("CDF", 2),
    ("CHE", 2), ("CHF", 2), ("CHW", 2), ("CLF", 4), ("CLP", 0), ("CNY", 2), ("COP", 2),
    ("COU", 2), ("CRC", 2), ("CUP", 2), ("CVE", 2), ("CZK", 2), ("DJF", 0), ("DKK", 2),
    ("DOP", 2), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2), ("EUR", 2), ("FJD", 2),
    ("FKP", 2), ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2), ("GNF", 0),
    ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HTG", 2), ("HUF", 2), ("IDR", 2),
    ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0), ("JMD", 2), ("JOD", 3),
    ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0), ("KPW", 2), ("KRW", 0),
    ("KWD", 3), ("KYD", 2), ("KZT", 2), ("LAK", 2), ("LBP", 2), ("LKR", 2), ("LRD", 2),
    ("LSL", 2), ("LYD", 3), ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2), ("MMK", 2),
    ("MNT", 2), ("MOP", 2), ("MRU", 2), ("MUR", 2), ("MVR", 2), ("MWK", 2), ("MXN", 2),
    ("MXV", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2), ("NGN", 2), ("NIO", 2), ("NOK", 2),
    ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2), ("PGK", 2), ("PHP", 2),
    ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2), ("RUB", 2),
    ("RWF", 0), ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2),
    ("SHP", 2), ("SLE", 2), ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2),
    ("SYP", 2), ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2),
    ("TRY", 2), ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0), ("USD", 2),
    ("USN", 2), ("UYI", 0), ("UYU", 2), ("UYW", 4), ("UZS", 2), ("VED", 2), ("VES", 2),
    ("VND", 0), ("VUV", 0), ("WST", 2), ("XAF", 0), ("XCD", 2), ("XCG", 2), ("XOF", 0),
    ("XPF", 0), ("YER", 2), ("ZAR", 2), ("ZMW", 2), ("ZWG", 2),
];

/// The number of decimals of an ISO 4217 code (upper case), or `None` when it is not known.
pub fn currency_exponent(code: &str) -> Option<u8> {
    CURRENCIES.iter().find(|(c, _)| *c == code).map(|(_, e)| *e)
}

/// An amount of money: integer minor units (cents, fen, sen…) of an ISO 4217 currency.
/// `Money { minor: 5000, currency: "HKD" }` is HK$50.00; `Money { minor: 500, currency: "JPY" }`
/// is ¥500.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Minor units. Exported to TypeScript as `number`: validated amounts stay within ±10^9,
    /// far inside the 2^53 a JS number holds exactly.
    #[specta(type = f64)]
    pub minor: i64,
    /// ISO 4217, upper case.
    pub currency: String,
}

impl Money {
    pub fn new(minor: i64, currency: &str) -> Self {
        Self {
            minor,
            currency: currency.to_owned(),
        }
    }

    /// Checks the currency (case-insensitive, trimmed) and `min..=AMOUNT_MAX_MINOR`; returns the
    /// amount with its code normalized to upper case. `field` is where the amount was typed.
    pub fn validate(&self, field: Field, allow_negative: bool) -> Result<Money> {
        let code = crate::text::normalize_width(&self.currency)
            .trim()
            .to_ascii_uppercase();
        if code.is_empty() {
            return Err(CoreError::Required {
                field: Field::Currency,
            });
        }
        if currency_exponent(&code).is_none() {
            return Err(CoreError::InvalidCurrency {
                field: Field::Currency,
                code,
            });
        }
        let min = if allow_negative { -AMOUNT_MAX_MINOR } else { 0 };
        if self.minor < min || self.minor > AMOUNT_MAX_MINOR {
            return Err(CoreError::OutOfRange { field });
        }
        Ok(Money {
            minor: self.minor,
            currency: code,
        })
    }

    /// Plain decimal text with the currency code, e.g. `HKD 50`, `GBP 10.50`, `JPY 500`.
    /// Whole amounts drop their zero decimals.
    pub fn display(&self) -> String {
        let exp = u32::from(currency_exponent(&self.currency).unwrap_or(0));
        let scale = 10i64.pow(exp);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale_u = scale.unsigned_abs();
        let whole = abs / scale_u;
        let frac = abs % scale_u;
        if frac == 0 {
            format!("{} {sign}{whole}", self.currency)
        } else {
            format!(
                "{} {sign}{whole}.{frac:0width$}",
                self.currency,
                width = exp as usize
            )
        }
    }
}

/// A logged event, as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    pub line_id: String,
    pub occurred_at: DateTime<Utc>,
    pub kind: EventKind,
    pub amount: Option<Money>,
    pub method: Option<Method>,
    pub channel: Option<PaymentChannel>,
    /// Order or reference number, kept as proof. May be empty.
    pub reference: String,
    pub note: String,
    /// The balance reported after the event (may be negative).
    pub balance_after: Option<Money>,
}

/// What the "I renewed" / event form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    pub occurred_at: DateTime<Utc>,
    pub kind: EventKind,
    pub amount: Option<Money>,
    pub method: Option<Method>,
    pub channel: Option<PaymentChannel>,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
    pub balance_after: Option<Money>,
}

/// The earliest instant an event may have: 1990-01-01T00:00:00Z.
pub fn earliest_event() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(1990, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc())
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

impl EventInput {
    /// Checks every field against `now` and returns the normalized input (trimmed text, upper
    /// case currency codes), or the first error in form order:
    /// - `occurred_at` not before 1990-01-01 and not more than one day after `now`
    ///   ([`Field::OccurredAt`], `out_of_range`);
    /// - `amount` 0..=10^9 minor units ([`Field::Amount`]), a known currency
    ///   ([`Field::Currency`], `invalid_currency`);
    /// - `reference` ≤ 120 and `note` ≤ 2000 characters, no control characters (a note may
    ///   hold newlines and tabs);
    /// - `balance_after` −10^9..=10^9 minor units ([`Field::BalanceAfter`]).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<EventInput> {
        let latest = now.checked_add_signed(Duration::days(1)).unwrap_or(now);
        if self.occurred_at < earliest_event() || self.occurred_at > latest {
            return Err(CoreError::OutOfRange {
                field: Field::OccurredAt,
            });
        }
        let amount = match &self.amount {
            Some(m) => Some(m.validate(Field::Amount, false)?),
            None => None,
        };
        let reference = check_text(Field::Reference, &self.reference, REFERENCE_MAX, false)?;
        let note = check_text(Field::Note, &self.note, NOTE_MAX, true)?;
        let balance_after = match &self.balance_after {
            Some(m) => Some(m.validate(Field::BalanceAfter, true)?),
            None => None,
        };
        Ok(EventInput {
            occurred_at: self.occurred_at,
            kind: self.kind,
            amount,
            method: self.method,
            channel: self.channel,
            reference,
            note,
            balance_after,
        })
    }

    /// Builds the stored event from a validated input.
    pub fn into_event(self, id: String, line_id: String) -> Event {
        Event {
            id,
            line_id,
            occurred_at: self.occurred_at,
            kind: self.kind,
            amount: self.amount,
            method: self.method,
            channel: self.channel,
            reference: self.reference,
            note: self.note,
            balance_after: self.balance_after,
        }
    }
}

impl From<&Event> for EventInput {
    /// The "I renewed" form is pre-filled from the last renewal with this.
    fn from(e: &Event) -> Self {
        EventInput {
            occurred_at: e.occurred_at,
            kind: e.kind,
            amount: e.amount.clone(),
            method: e.method,
            channel: e.channel,
            reference: e.reference.clone(),
            note: e.note.clone(),
            balance_after: e.balance_after.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 3, 12, 0, 0).unwrap()
    }

    fn input() -> EventInput {
        EventInput {
            occurred_at: now(),
            kind: EventKind::Topup,
            amount: Some(Money::new(5000, " hkd ")),
            method: Some(Method::App),
            channel: Some(PaymentChannel::Alipay),
            reference: "  ORD-1 ".into(),
            note: "line one\nline two".into(),
            balance_after: Some(Money::new(-150, "HKD")),
        }
    }

    #[test]
    fn valid_input_is_normalized() {
        let v = input().validate(now()).unwrap();
        assert_eq!(v.amount, Some(Money::new(5000, "HKD")));
        assert_eq!(v.reference, "ORD-1");
        let e = v.into_event("e1".into(), "l1".into());
        assert_eq!(e.line_id, "l1");
        let back = EventInput::from(&e);
        assert_eq!(back.kind, EventKind::Topup);
    }

    #[test]
    fn bad_inputs_name_their_field() {
        let n = now();
        let cases: Vec<(EventInput, Field)> = vec![
            (
                EventInput {
                    amount: Some(Money::new(-1, "HKD")),
                    ..input()
                },
                Field::Amount,
            ),
            (
                EventInput {
                    amount: Some(Money::new(AMOUNT_MAX_MINOR + 1, "HKD")),
                    ..input()
                },
                Field::Amount,
            ),
            (
                EventInput {
                    amount: Some(Money::new(100, "XYZ")),
                    ..input()
                },
                Field::Currency,
            ),
            (
                EventInput {
                    amount: Some(Money::new(100, "")),
                    ..input()
                },
                Field::Currency,
            ),
            (
                EventInput {
                    occurred_at: n + Duration::days(2),
                    ..input()
                },
                Field::OccurredAt,
            ),
            (
                EventInput {
                    occurred_at: Utc.with_ymd_and_hms(1989, 12, 31, 23, 59, 59).unwrap(),
                    ..input()
                },
                Field::OccurredAt,
            ),
            (
                EventInput {
                    reference: "x".repeat(REFERENCE_MAX + 1),
                    ..input()
                },
                Field::Reference,
            ),
            (
                EventInput {
                    note: "x".repeat(NOTE_MAX + 1),
                    ..input()
                },
                Field::Note,
            ),
            (
                EventInput {
                    balance_after: Some(Money::new(-AMOUNT_MAX_MINOR - 1, "HKD")),
                    ..input()
                },
                Field::BalanceAfter,
            ),
        ];
        for (case, field) in cases {
            let err = case.validate(n).unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        }
        // Control and bidi characters are dropped, not stored.
        let v = EventInput {
            reference: "a\u{7}b\u{202E}".into(),
            ..input()
        }
        .validate(n)
        .unwrap();
        assert_eq!(v.reference, "ab");
        // A few hours in the future is fine (time zones, clock skew).
        let ok = EventInput {
            occurred_at: n + Duration::hours(20),
            ..input()
        };
        assert!(ok.validate(n).is_ok());
    }

    #[test]
    fn currency_table() {
        assert_eq!(currency_exponent("HKD"), Some(2));
        assert_eq!(currency_exponent("JPY"), Some(0));
        assert_eq!(currency_exponent("KRW"), Some(0));
        assert_eq!(currency_exponent("VND"), Some(0));
        assert_eq!(currency_exponent("BHD"), Some(3));
        assert_eq!(currency_exponent("XAU"), None);
        let mut codes: Vec<&str> = CURRENCIES.iter().map(|(c, _)| *c).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate currency code");
        assert!(codes
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
        assert_eq!(Money::new(5000, "HKD").display(), "HKD 50");
        assert_eq!(Money::new(1050, "GBP").display(), "GBP 10.50");
        assert_eq!(Money::new(500, "JPY").display(), "JPY 500");
        assert_eq!(Money::new(-5, "BHD").display(), "BHD -0.005");
    }

    #[test]
    fn enums_round_trip_their_names() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.as_str())
            );
        }
        for c in PaymentChannel::ALL {
            assert_eq!(PaymentChannel::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
    }
}
