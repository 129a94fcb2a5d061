//! Amounts as people type them ("10.50", "１０．５０", "1,000", "10,5") to integer minor units of
//! an ISO 4217 currency, and back to plain decimal text. Used by the CSV importer and the
//! command line; never a float on the way.

use crate::error::{CoreError, Field, Result};
use crate::event::{currency_exponent, Money, AMOUNT_MAX_MINOR};
use crate::text::normalize_width;

/// Parses `text` as an amount in `currency` and returns it validated ([`Money::validate`]):
/// full-width digits are digits; spaces, `_` and `'` group digits; a `.` is the decimal point
/// (then `,` groups thousands); a lone `,` followed by exactly three digits groups thousands,
/// any other lone `,` is a decimal comma. At most as many decimals as the currency has
/// (`10.5` JPY is refused). A leading `-` only when `allow_negative` (a balance).
/// Errors: `required` on [`Field::Amount`] for empty text, `out_of_range` on `field` for text
/// that is not an amount or is too large, `invalid_currency` / `required` on
/// [`Field::Currency`].
pub fn parse_amount(
    field: Field,
    text: &str,
    currency: &str,
    allow_negative: bool,
) -> Result<Money> {
    let bad = || CoreError::OutOfRange { field };
    if text.len() > 100 {
        return Err(bad());
    }
    let code = normalize_width(currency).trim().to_ascii_uppercase();
    let exponent = match currency_exponent(&code) {
        Some(e) => u32::from(e),
        None if code.is_empty() => {
            return Err(CoreError::Required {
                field: Field::Currency,
            })
        }
        None => {
            return Err(CoreError::InvalidCurrency {
                field: Field::Currency,
                code,
            })
        }
    };
    let cleaned: String = normalize_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '\''))
        .collect();
    if cleaned.is_empty() {
        return Err(CoreError::Required { field });
    }
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    if negative && !allow_negative {
        return Err(bad());
    }
    let (whole, frac) = split_decimal(digits).ok_or_else(bad)?;
    if whole.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if frac.len() > exponent as usize {
        return Err(bad());
    }
    let scale = 10i64.pow(exponent);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let frac_minor: i64 = if frac.is_empty() {
        0
    } else {
        let padded = format!("{frac:0<width$}", width = exponent as usize);
        padded.parse().map_err(|_| bad())?
    };
    let minor = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac_minor))
        .filter(|m| *m <= AMOUNT_MAX_MINOR)
        .ok_or_else(bad)?;
    let minor = if negative { -minor } else { minor };
    Money::new(minor, &code).validate(field, allow_negative)
}

/// Splits digits into (whole, fraction) by the separator rules of [`parse_amount`], with
/// grouping commas removed. `None` when the separators make no sense ("1.2.3", "1,2,3.4.5").
fn split_decimal(s: &str) -> Option<(String, String)> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    match (dots, commas) {
        (0, 0) => Some((s.to_owned(), String::new())),
        (1, _) => {
            let (w, f) = s.split_once('.')?;
            grouped(w, ',').map(|w| (w, f.to_owned()))
        }
        (0, 1) => {
            let (w, f) = s.split_once(',')?;
            if f.len() == 3 && !w.is_empty() {
                Some((format!("{w}{f}"), String::new()))
            } else {
                Some((w.to_owned(), f.to_owned()))
            }
        }
        (0, _) => grouped(s, ',').map(|w| (w, String::new())),
        _ => None,
    }
}

/// Removes thousands separators `sep` from `s` when they group by three ("1,234,567").
fn grouped(s: &str, sep: char) -> Option<String> {
    if !s.contains(sep) {
        return Some(s.to_owned());
    }
    let mut parts = s.split(sep);
    let first = parts.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_owned();
    for p in parts {
        if p.len() != 3 {
            return None;
        }
        out.push_str(p);
    }
    Some(out)
}

/// The amount as plain decimal text with the currency's decimals: `10.50`, `500`, `-0.005`.
pub fn format_amount(m: &Money) -> String {
    let exp = u32::from(currency_exponent(&m.currency).unwrap_or(0));
    let scale = 10u64.pow(exp);
    let sign = if m.minor < 0 { "-" } else { "" };
    let abs = m.minor.unsigned_abs();
    if exp == 0 {
        return format!("{sign}{abs}");
    }
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = exp as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn ok(text: &str, cur: &str) -> i64 {
        parse_amount(Field::Amount, text, cur, true).unwrap().minor
    }

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(ok("10.50", "GBP"), 1050);
        assert_eq!(ok("10.5", "GBP"), 1050);
        assert_eq!(ok("10", "GBP"), 1000);
        assert_eq!(ok(".5", "GBP"), 50);
        assert_eq!(ok("１０．５０", "ｇｂｐ"), 1050);
        assert_eq!(ok("1,000", "GBP"), 100_000);
        assert_eq!(ok("1,234,567.89", "HKD"), 123_456_789);
        assert_eq!(ok("10,5", "EUR"), 1050);
        assert_eq!(ok("1 000,50", "EUR"), 100_050);
        assert_eq!(ok("500", "JPY"), 500);
        assert_eq!(ok("0.005", "BHD"), 5);
        assert_eq!(ok("-1.50", "HKD"), -150);
        assert_eq!(ok("－１", "HKD"), -100);
        assert_eq!(ok("+3", "HKD"), 300);
    }

    #[test]
    fn bad_amounts_are_refused_naming_the_field() {
        for text in [
            "abc",
            "1.2.3",
            "10.505",
            "1,23,4",
            "1e3",
            "--1",
            "-",
            ".",
            "NaN",
            "12345678901234567890",
        ] {
            let e = parse_amount(Field::Amount, text, "GBP", true).unwrap_err();
            assert_eq!(
                (e.code(), e.field()),
                (ErrorCode::OutOfRange, Some(Field::Amount)),
                "{text}"
            );
        }
        let e = parse_amount(Field::Amount, "10.5", "JPY", false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::OutOfRange);
        let e = parse_amount(Field::Amount, "-1", "GBP", false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::OutOfRange);
        let e = parse_amount(Field::Amount, "", "GBP", false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Required);
        let e = parse_amount(Field::Amount, "1", "XYZ", false).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidCurrency, Some(Field::Currency))
        );
        let e = parse_amount(Field::Amount, "1", " ", false).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::Required, Some(Field::Currency))
        );
    }

    #[test]
    fn formatting_round_trips() {
        for (minor, cur) in [
            (1050, "GBP"),
            (500, "JPY"),
            (-5, "BHD"),
            (0, "HKD"),
            (7, "USD"),
        ] {
            let m = Money::new(minor, cur);
            let text = format_amount(&m);
            assert_eq!(
                parse_amount(Field::Amount, &text, cur, true).unwrap(),
                m,
                "{text}"
            );
        }
        assert_eq!(format_amount(&Money::new(1050, "GBP")), "10.50");
        assert_eq!(format_amount(&Money::new(-5, "BHD")), "-0.005");
    }
}
