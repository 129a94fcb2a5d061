//! Phone numbers: parsing, validation and formatting through the `phonenumber` crate
//! (libphonenumber's metadata). No hand-written numbering rules live here.

use phonenumber::{country, Mode, PhoneNumber};

use crate::error::{CoreError, Result};

/// A valid phone number with the forms Baohao stores and shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedNumber {
    /// `+639123456789`
    pub e164: String,
    /// `+63 912 345 6789`
    pub international: String,
    /// The region the number belongs to (`PH`), when the metadata knows it.
    pub region: Option<String>,
    /// The country calling code (63).
    pub calling_code: u16,
}

/// Parses an ISO 3166-1 alpha-2 code (any case) into the `phonenumber` region id.
pub fn parse_country(code: &str) -> Result<country::Id> {
    let upper = crate::text::normalize_width(code)
        .trim()
        .to_ascii_uppercase();
    if upper.len() != 2 || !upper.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(CoreError::InvalidCountry(code.to_owned()));
    }
    upper
        .parse::<country::Id>()
        .map_err(|_| CoreError::InvalidCountry(code.to_owned()))
}

/// Parses `raw` as typed by a user; `default_region` is used when it has no `+` prefix.
pub fn parse_number(raw: &str, default_region: Option<country::Id>) -> Result<ParsedNumber> {
    if raw.len() > 400 {
        return Err(CoreError::InvalidNumber {
            reason: "too long".into(),
        });
    }
    // Full-width digits and signs read as ASCII; invisible characters are dropped.
    let raw = crate::text::normalize_width(raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(CoreError::Required {
            field: crate::Field::Number,
        });
    }
    // Longer than any real number even with spaces and punctuation: refuse before parsing.
    if raw.chars().count() > 40 {
        return Err(CoreError::InvalidNumber {
            reason: "too long".into(),
        });
    }
    let parsed: PhoneNumber =
        phonenumber::parse(default_region, raw).map_err(|e| CoreError::InvalidNumber {
            reason: e.to_string(),
        })?;
    if !phonenumber::is_valid(&parsed) {
        return Err(CoreError::InvalidNumber {
            reason: "not a number in use in its region".into(),
        });
    }
    Ok(ParsedNumber {
        e164: parsed.format().mode(Mode::E164).to_string(),
        international: parsed.format().mode(Mode::International).to_string(),
        region: parsed.country().id().map(|id| id.as_ref().to_owned()),
        calling_code: parsed.country().code(),
    })
}

/// A region the numbering metadata knows, with its calling code (`PH`, 63).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    pub code: String,
    pub calling_code: u16,
    /// The currency top-ups there are usually paid in, when known.
    pub currency: Option<String>,
}

/// Every region with numbering metadata, sorted by code. Names are localized by the UI.
pub fn countries() -> Vec<Country> {
    let mut out: Vec<Country> = phonenumber::metadata::DATABASE
        .iter()
        .filter(|m| parse_country(m.id()).is_ok())
        .map(|m| Country {
            code: m.id().to_owned(),
            calling_code: m.country_code(),
            currency: crate::zones::country_currency(m.id()).map(str::to_owned),
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out.dedup_by(|a, b| a.code == b.code);
    out
}

/// The calling code of a region (`GB` → 44), if the metadata knows it.
pub fn calling_code(region: &str) -> Option<u16> {
    phonenumber::metadata::DATABASE
        .by_id(region)
        .map(|m| m.country_code())
}

/// Formats a stored E.164 number for display; falls back to the stored text.
///
/// Every line read formats its number, and `phonenumber` keeps only the last 100 compiled
/// patterns: with numbers of many countries side by side (a list sorted by urgency) nearly
/// every call compiled regexes again, about 0.1 ms each (seconds for 10,000 lines). The
/// result depends only on the number, so it is remembered for the life of the process
/// (bounded: the memo starts over past [`DISPLAY_MEMO_MAX`] numbers).
pub fn display(e164: &str) -> String {
    let memo = display_memo();
    if let Some(hit) = memo.lock().ok().and_then(|m| m.get(e164).cloned()) {
        return hit;
    }
    let shown = format_international(e164);
    if let Ok(mut m) = memo.lock() {
        if m.len() >= DISPLAY_MEMO_MAX {
            m.clear();
        }
        m.insert(e164.to_owned(), shown.clone());
    }
    shown
}

/// Most numbers [`display`] remembers (about 10 MB).
pub const DISPLAY_MEMO_MAX: usize = 100_000;

fn display_memo() -> &'static std::sync::Mutex<std::collections::HashMap<String, String>> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MEMO: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    MEMO.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Formats many numbers ahead of a bulk write (an import, a restore), in number order: numbers
/// of one country follow each other, so `phonenumber`'s pattern cache serves them instead of
/// compiling the same patterns again for every other row. [`display`] then finds them.
pub fn prepare_display<'a>(numbers: impl IntoIterator<Item = &'a str>) {
    let mut sorted: Vec<&str> = numbers.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    for n in sorted.into_iter().take(DISPLAY_MEMO_MAX) {
        display(n);
    }
}

/// Forgets every number [`display`] remembered (benchmarks measure a cold process with it).
#[cfg(feature = "bench-data")]
pub(crate) fn forget_display_memo() {
    if let Ok(mut m) = display_memo().lock() {
        m.clear();
    }
}

fn format_international(e164: &str) -> String {
    match phonenumber::parse(None, e164) {
        Ok(n) => n.format().mode(Mode::International).to_string(),
        Err(_) => e164.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_number_uses_the_default_region() {
        let ph = parse_country("ph").unwrap();
        let n = parse_number("0912 345 6789", Some(ph)).unwrap();
        assert_eq!(n.e164, "+639123456789");
        assert_eq!(n.international, "+63 912 345 6789");
        assert_eq!(n.region.as_deref(), Some("PH"));
    }

    #[test]
    fn international_form_wins_over_the_default_region() {
        let gb = parse_country("GB").unwrap();
        let n = parse_number("+852 6123 4567", Some(gb)).unwrap();
        assert_eq!(n.e164, "+85261234567");
        assert_eq!(n.region.as_deref(), Some("HK"));
    }

    #[test]
    fn impossible_numbers_are_refused() {
        let gb = parse_country("GB").unwrap();
        for raw in [
            "12",
            "abc",
            "+44 12",
            "07",
            "+999 123456",
            "'; DROP TABLE line;--",
        ] {
            assert!(parse_number(raw, Some(gb)).is_err(), "{raw} accepted");
        }
    }

    #[test]
    fn the_country_list_has_the_regions_users_need() {
        let all = countries();
        assert!(all.len() > 200);
        for (code, cc) in [("PH", 63), ("GB", 44), ("HK", 852), ("US", 1), ("CN", 86)] {
            assert!(
                all.iter().any(|c| c.code == code && c.calling_code == cc),
                "{code}"
            );
        }
        assert!(all.iter().all(|c| c.code.len() == 2));
    }

    #[test]
    fn display_gives_the_same_text_from_the_memo() {
        for n in [
            "+639123456789",
            "+447911123456",
            "+85261234567",
            "not a number",
        ] {
            let first = display(n);
            assert_eq!(first, format_international(n));
            assert_eq!(display(n), first);
        }
        assert_eq!(display("+639123456789"), "+63 912 345 6789");
    }

    #[test]
    fn countries_are_checked() {
        assert!(parse_country("XX").is_err());
        assert!(parse_country("GBR").is_err());
        assert!(parse_country("").is_err());
        assert!(parse_country("é").is_err());
    }
}
