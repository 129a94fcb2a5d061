//! Lines: the numbers a user keeps alive, and the validation of what the user types.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::event::Money;
use crate::phone;
use crate::rules::{RuleSpec, Status};
use crate::text::{check_text, normalize_width};

pub const LABEL_MAX: usize = 80;
pub const CARRIER_MAX: usize = 80;
pub const NOTES_MAX: usize = 2000;
pub const TAG_MAX: usize = 32;
pub const TAGS_MAX: usize = 20;
pub const QUERY_MAX: usize = 200;
/// An ICCID has 18 to 22 digits.
pub const ICCID_DIGITS_MIN: usize = 18;
pub const ICCID_DIGITS_MAX: usize = 22;

/// Physical SIM card or eSIM profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SimKind {
    Physical,
    Esim,
}

impl SimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Physical => "physical",
            Self::Esim => "esim",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "physical" => Some(Self::Physical),
            "esim" => Some(Self::Esim),
            _ => None,
        }
    }
}

/// A stored number.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub id: String,
    /// E.164, e.g. `+639123456789`.
    pub e164: String,
    /// International format for display, e.g. `+63 912 345 6789`.
    pub display_number: String,
    pub label: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The carrier's name as the user typed it, or the catalogue carrier's name.
    pub carrier: String,
    /// The catalogue carrier (`preset:<slug>` or `user:<uuid>`), if one was picked.
    pub carrier_id: Option<String>,
    pub sim_kind: SimKind,
    pub iccid: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
    /// The rule the user set on this line; `None` follows the carrier's rule.
    pub rule_override: Option<RuleSpec>,
    /// Warn when the latest known balance is under this.
    pub low_balance: Option<Money>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
    /// When the line went to the recycle bin; `None` for a line in use or archived.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What the add/edit form sends.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineInput {
    /// The number as typed: national (`0912 345 6789`) or international (`+63 …`).
    pub number: String,
    pub label: String,
    /// ISO 3166-1 alpha-2; the default region for a national number. May be empty when the
    /// number starts with `+`.
    pub country: String,
    pub carrier: String,
    /// A catalogue carrier (`preset:<slug>` or `user:<uuid>`); its rule applies to the line.
    #[serde(default)]
    pub carrier_id: Option<String>,
    pub sim_kind: SimKind,
    pub iccid: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
}

/// Which lines a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveFilter {
    #[default]
    Active,
    Archived,
    All,
}

#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineQuery {
    /// Matches label, number (digits) or a tag; empty means everything.
    pub search: Option<String>,
    #[serde(default)]
    pub archive: ArchiveFilter,
    /// Only the lines that need action now (due soon or overdue).
    #[serde(default)]
    pub needs_action: bool,
    /// Only lines in one of these statuses; empty means every status.
    #[serde(default)]
    pub statuses: Vec<Status>,
    /// Only lines with this tag (case-insensitive).
    #[serde(default)]
    pub tag: Option<String>,
    /// Only lines of this country (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub country: Option<String>,
    /// Only lines of this carrier: a [`crate::dashboard::CarrierChoice::key`].
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub sort: LineSort,
}

/// The order a list is shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LineSort {
    /// Overdue, due soon, ok (each by deadline), then unknown, then lost.
    #[default]
    Urgency,
    /// By label (case-insensitive), then number.
    Label,
    /// By number (E.164).
    Number,
    /// By carrier name, then most urgent first.
    Carrier,
    /// The most recently renewed first; never renewed last.
    RecentlyRenewed,
}

/// A [`LineInput`] that passed validation, normalized for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLine {
    pub e164: String,
    pub label: String,
    pub country: String,
    pub carrier: String,
    pub carrier_id: Option<String>,
    pub sim_kind: SimKind,
    pub iccid: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
}

pub(crate) fn check_iccid(raw: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let compact: String = normalize_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    if !(ICCID_DIGITS_MIN..=ICCID_DIGITS_MAX).contains(&compact.len())
        || !compact.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(CoreError::InvalidIccid);
    }
    Ok(Some(compact))
}

pub(crate) fn check_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = check_text(Field::Tags, tag, TAG_MAX, false)?;
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    if out.len() > TAGS_MAX {
        return Err(CoreError::TooMany {
            field: Field::Tags,
            max: TAGS_MAX,
        });
    }
    Ok(out)
}

impl LineInput {
    /// Checks every field and returns the normalized line, or the first error found, in
    /// form order.
    pub fn validate(&self) -> Result<ValidLine> {
        // Full-width digits and signs (a Chinese or Japanese keyboard) read as ASCII.
        let raw_number = normalize_width(&self.number);
        let raw_number = raw_number.trim();
        let country = normalize_width(&self.country);
        let country = country.trim();
        let region = if country.is_empty() {
            None
        } else {
            Some(phone::parse_country(country)?)
        };
        if raw_number.is_empty() {
            return Err(CoreError::Required {
                field: Field::Number,
            });
        }
        if region.is_none() && !raw_number.starts_with('+') {
            // A national number means nothing without its country.
            return Err(CoreError::Required {
                field: Field::Country,
            });
        }
        let parsed = phone::parse_number(raw_number, region)?;
        let label = check_text(Field::Label, &self.label, LABEL_MAX, false)?;
        if label.is_empty() {
            return Err(CoreError::Required {
                field: Field::Label,
            });
        }
        // The user's country stands when the number is in its numbering plan (GB for a
        // Guernsey +44 7911 number, CA for a +1 number); otherwise the number's own region.
        let given = country.to_ascii_uppercase();
        let country = match parsed.region {
            Some(_)
                if !given.is_empty()
                    && phone::calling_code(&given) == Some(parsed.calling_code) =>
            {
                given
            }
            Some(r) => r,
            None => given,
        };
        if country.is_empty() {
            return Err(CoreError::Required {
                field: Field::Country,
            });
        }
        Ok(ValidLine {
            e164: parsed.e164,
            label,
            country,
            carrier: check_text(Field::Carrier, &self.carrier, CARRIER_MAX, false)?,
            carrier_id: self
                .carrier_id
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            sim_kind: self.sim_kind,
            iccid: check_iccid(self.iccid.as_deref())?,
            tags: check_tags(&self.tags)?,
            notes: check_text(Field::Notes, &self.notes, NOTES_MAX, true)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn input(number: &str, country: &str) -> LineInput {
        LineInput {
            number: number.into(),
            label: "Travel".into(),
            country: country.into(),
            carrier: "Smart".into(),
            carrier_id: None,
            sim_kind: SimKind::Physical,
            iccid: None,
            tags: vec![],
            notes: String::new(),
        }
    }

    fn err(i: LineInput) -> (ErrorCode, Option<Field>) {
        let e = i.validate().unwrap_err();
        (e.code(), e.field())
    }

    #[test]
    fn a_national_number_needs_a_country() {
        assert_eq!(
            err(input("0912 345 6789", "")),
            (ErrorCode::Required, Some(Field::Country))
        );
        let v = input("+63 912 345 6789", "").validate().unwrap();
        assert_eq!(v.country, "PH");
    }

    #[test]
    fn fields_are_checked_and_named() {
        let mut i = input("0912 345 6789", "PH");
        i.label = "x".repeat(100_000);
        assert_eq!(err(i), (ErrorCode::TooLong, Some(Field::Label)));

        let mut i = input("0912 345 6789", "PH");
        i.label = "   ".into();
        assert_eq!(err(i), (ErrorCode::Required, Some(Field::Label)));

        // Invisible characters never make a label non-empty.
        let mut i = input("0912 345 6789", "PH");
        i.label = "\u{200B}\u{202E}\u{FEFF}".into();
        assert_eq!(err(i), (ErrorCode::Required, Some(Field::Label)));

        let mut i = input("0912 345 6789", "PH");
        i.iccid = Some("8963 12".into());
        assert_eq!(err(i), (ErrorCode::InvalidIccid, Some(Field::Iccid)));

        let mut i = input("0912 345 6789", "PH");
        i.tags = (0..30).map(|n| format!("t{n}")).collect();
        assert_eq!(err(i), (ErrorCode::TooMany, Some(Field::Tags)));

        assert_eq!(
            err(input("0912 345 6789", "ZZ")),
            (ErrorCode::InvalidCountry, Some(Field::Country))
        );
        assert_eq!(
            err(input("12345", "PH")),
            (ErrorCode::InvalidNumber, Some(Field::Number))
        );
    }

    #[test]
    fn full_width_input_reads_as_ascii_and_invisible_text_is_never_stored() {
        let mut i = input("０９１２\u{3000}３４５\u{FF0D}６７８９", "ｐｈ");
        i.label = "\u{202E}Travel\u{2028}SIM\u{200B}".into();
        i.tags = vec![
            "\u{200B}".into(),
            "work\u{2066}".into(),
            "\u{FEFF}家".into(),
        ];
        i.iccid = Some("８９６３ ０３１２ ３４５６ ７８９０ １２３".into());
        let v = i.validate().unwrap();
        assert_eq!(v.e164, "+639123456789");
        assert_eq!(v.country, "PH");
        assert_eq!(v.label, "Travel SIM");
        assert_eq!(v.tags, vec!["work".to_string(), "家".to_string()]);
        assert_eq!(v.iccid.as_deref(), Some("8963031234567890123"));
        let v = input("＋６３ ９１２ ３４５ ６７８９", "")
            .validate()
            .unwrap();
        assert_eq!(v.e164, "+639123456789");
    }

    #[test]
    fn the_users_country_stands_within_its_numbering_plan() {
        // +44 7911 is a Guernsey range: the user who picked GB keeps GB.
        assert_eq!(
            input("07911 123456", "GB").validate().unwrap().country,
            "GB"
        );
        assert_eq!(
            input("+44 7911 123456", "").validate().unwrap().country,
            "GG"
        );
        // A +1 number stays in the user's NANP country; another plan's number takes its own.
        assert_eq!(
            input("+1 416 555 0123", "CA").validate().unwrap().country,
            "CA"
        );
        assert_eq!(
            input("+852 6123 4567", "GB").validate().unwrap().country,
            "HK"
        );
    }

    #[test]
    fn emoji_rtl_and_sql_text_are_kept_verbatim() {
        let mut i = input("0912 345 6789", "PH");
        i.label = "📱 שלום مرحبا".into();
        i.notes = "'); DROP TABLE line; --\nsecond line".into();
        i.tags = vec!["work".into(), "WORK".into(), " ".into(), "旅行".into()];
        i.iccid = Some("8963 0312 3456 7890 123".into());
        let v = i.validate().unwrap();
        assert_eq!(v.label, "📱 שלום مرحبا");
        assert_eq!(v.notes, "'); DROP TABLE line; --\nsecond line");
        assert_eq!(v.tags, vec!["work".to_string(), "旅行".to_string()]);
        assert_eq!(v.iccid.as_deref(), Some("8963031234567890123"));
    }
}
