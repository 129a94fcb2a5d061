//! The carrier catalogue: presets shipped with the app (`data/carriers.json`, compiled in with
//! `include_str!`), each with its keep-alive rule, grace, renewal methods and provenance.
//!
//! Facts come from `reference/carriers.md` only; a value the survey does not give stays empty
//! (`rule: null` means "custom": the user fills it in). A preset's zone is the zone of the
//! carrier's country; for countries with several zones it is the zone of the main business
//! centre (US: America/New_York, the earliest mainland end of day; Canada: America/Toronto;
//! Australia: Australia/Sydney), which the user can change.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::event::Money;
use crate::rules::{parse_zone, Grace, KeepAliveRule, RuleSpec};
use crate::text::check_text;

/// The catalogue as shipped.
pub const PRESETS_JSON: &str = include_str!("../data/carriers.json");

/// How sure the catalogue is of a preset's rule. The UI shows "check with your carrier" for
/// `low`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// A way to renew or check a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RenewalKind {
    App,
    Web,
    Hotline,
    Ussd,
    Sms,
    Shop,
}

/// One renewal method: `value` is what the one-tap action uses (a URL or domain for `web`, a
/// number for `hotline` and `sms`, a code for `ussd`); `keyword` is the SMS text, if any.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenewalMethod {
    pub kind: RenewalKind,
    pub label: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub keyword: Option<String>,
}

/// A carrier preset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CarrierPreset {
    /// Stable slug, `<country>-<name>` in lower case, e.g. `gb-giffgaff`.
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// IANA zone the carrier's days are counted in.
    pub zone: String,
    /// `None`: no published rule known; the user sets one ("custom").
    pub rule: Option<KeepAliveRule>,
    pub grace: Option<Grace>,
    #[serde(default)]
    pub renewal_methods: Vec<RenewalMethod>,
    pub balance_check: Option<String>,
    /// The cost of the cheapest action that keeps the number under the rule (one top-up, one
    /// month of the cheapest keep-number plan), when a source states it. Used for the minimum
    /// keep cost; without it the user's own last amount is used, and the screen says so.
    #[serde(default)]
    pub cheapest_action: Option<Money>,
    /// Where the facts come from (URLs, or the domain/title the survey gives).
    pub sources: Vec<String>,
    /// When the facts were last checked.
    pub verified: NaiveDate,
    pub confidence: Confidence,
    #[serde(default)]
    pub notes_en: Option<String>,
    #[serde(default)]
    pub notes_zh: Option<String>,
}

impl CarrierPreset {
    /// The rule a new line copies from this preset, or `None` for a custom carrier.
    pub fn rule_spec(&self) -> Option<RuleSpec> {
        spec_of(self.rule.as_ref(), self.grace, &self.zone)
    }

    /// Checks the id, names, country, zone, rule, grace and sources.
    pub fn validate(&self) -> Result<()> {
        let bad = |reason: &str| CoreError::InvalidPreset {
            id: self.id.clone(),
            reason: reason.to_owned(),
        };
        let slug_ok = !self.id.is_empty()
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug_ok {
            return Err(bad("id must be a lower-case slug"));
        }
        if !self
            .id
            .starts_with(&format!("{}-", self.country.to_ascii_lowercase()))
        {
            return Err(bad("id must start with the country code"));
        }
        if self.country.len() != 2 || !self.country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(bad("country must be ISO 3166-1 alpha-2"));
        }
        if self.name_en.trim().is_empty() || self.name_zh.trim().is_empty() {
            return Err(bad("names are required"));
        }
        if self.sources.is_empty() || self.sources.iter().any(|s| s.trim().is_empty()) {
            return Err(bad("at least one source is required"));
        }
        parse_zone(&self.zone)?;
        if let Some(g) = &self.grace {
            g.validate()?;
        }
        if let Some(spec) = self.rule_spec() {
            spec.validate_template()?;
        }
        if let Some(m) = &self.cheapest_action {
            m.validate(Field::Amount, false)?;
        }
        if self
            .renewal_methods
            .iter()
            .any(|m| m.label.trim().is_empty())
        {
            return Err(bad("every renewal method needs a label"));
        }
        Ok(())
    }
}

/// A carrier's rule with its grace and zone, as a line follows it.
fn spec_of(rule: Option<&KeepAliveRule>, grace: Option<Grace>, zone: &str) -> Option<RuleSpec> {
    rule.map(|rule| RuleSpec {
        rule: rule.clone(),
        grace,
        zone: zone.to_owned(),
    })
}

/// Parses and validates a catalogue (ids must be unique).
pub fn parse_presets(json: &str) -> Result<Vec<CarrierPreset>> {
    let presets: Vec<CarrierPreset> =
        serde_json::from_str(json).map_err(|e| CoreError::InvalidPreset {
            id: String::new(),
            reason: e.to_string(),
        })?;
    let mut seen = HashSet::new();
    for p in &presets {
        p.validate()?;
        if !seen.insert(p.id.as_str()) {
            return Err(CoreError::InvalidPreset {
                id: p.id.clone(),
                reason: "duplicate id".to_owned(),
            });
        }
    }
    Ok(presets)
}

/// The shipped catalogue, parsed once. Empty only if the shipped file is broken, which the
/// tests rule out.
pub fn presets() -> &'static [CarrierPreset] {
    static PRESETS: OnceLock<Vec<CarrierPreset>> = OnceLock::new();
    PRESETS.get_or_init(|| parse_presets(PRESETS_JSON).unwrap_or_default())
}

/// The shipped preset with this id.
pub fn preset(id: &str) -> Option<&'static CarrierPreset> {
    presets().iter().find(|p| p.id == id)
}

/// Where a [`Carrier`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CarrierSource {
    /// Shipped with the app (`data/carriers.json`); read-only.
    Preset,
    /// Made by the user, possibly from a preset; stored in the database.
    User,
}

/// A carrier as the UI sees it: a shipped preset or one of the user's own.
/// `id` is `preset:<slug>` or `user:<uuid>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Carrier {
    pub id: String,
    pub source: CarrierSource,
    /// For a user carrier made from a preset: that preset's id (`preset:<slug>`).
    pub based_on: Option<String>,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub zone: String,
    pub rule: Option<KeepAliveRule>,
    pub grace: Option<Grace>,
    pub renewal_methods: Vec<RenewalMethod>,
    pub balance_check: Option<String>,
    /// See [`CarrierPreset::cheapest_action`]; `None` for user carriers.
    pub cheapest_action: Option<Money>,
    pub sources: Vec<String>,
    pub verified: Option<NaiveDate>,
    /// `None` for user carriers.
    pub confidence: Option<Confidence>,
    pub notes_en: Option<String>,
    pub notes_zh: Option<String>,
}

pub const PRESET_PREFIX: &str = "preset:";
pub const USER_PREFIX: &str = "user:";

impl Carrier {
    pub fn from_preset(p: &CarrierPreset) -> Self {
        Self {
            id: format!("{PRESET_PREFIX}{}", p.id),
            source: CarrierSource::Preset,
            based_on: None,
            name_en: p.name_en.clone(),
            name_zh: p.name_zh.clone(),
            country: p.country.clone(),
            zone: p.zone.clone(),
            rule: p.rule.clone(),
            grace: p.grace,
            renewal_methods: p.renewal_methods.clone(),
            balance_check: p.balance_check.clone(),
            cheapest_action: p.cheapest_action.clone(),
            sources: p.sources.clone(),
            verified: Some(p.verified),
            confidence: Some(p.confidence),
            notes_en: p.notes_en.clone(),
            notes_zh: p.notes_zh.clone(),
        }
    }

    /// The rule a line of this carrier follows unless it has its own.
    pub fn rule_spec(&self) -> Option<RuleSpec> {
        spec_of(self.rule.as_ref(), self.grace, &self.zone)
    }
}

/// Every shipped preset as a [`Carrier`].
pub fn preset_carriers() -> Vec<Carrier> {
    presets().iter().map(Carrier::from_preset).collect()
}

pub const CARRIER_NAME_MAX: usize = 80;
pub const METHOD_LABEL_MAX: usize = 80;
pub const METHOD_VALUE_MAX: usize = 300;
pub const METHODS_MAX: usize = 20;
pub const CARRIER_NOTES_MAX: usize = 4000;

/// What the carrier editor sends for a user carrier (new, edited, or made from a preset).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CarrierInput {
    /// `preset:<slug>` when this carrier starts as a copy of a preset.
    #[serde(default)]
    pub based_on: Option<String>,
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    pub country: String,
    pub zone: String,
    pub rule: Option<KeepAliveRule>,
    #[serde(default)]
    pub grace: Option<Grace>,
    #[serde(default)]
    pub renewal_methods: Vec<RenewalMethod>,
    #[serde(default)]
    pub balance_check: Option<String>,
    #[serde(default)]
    pub notes: String,
}

impl CarrierInput {
    /// Checks every field and returns the input normalized, or the first error, naming its
    /// field: a name (en or zh), a known country, an IANA zone, a valid rule and grace, and
    /// renewal methods with a label and a short value.
    pub fn validate(&self) -> Result<CarrierInput> {
        let name_en = check_text(Field::NameEn, &self.name_en, CARRIER_NAME_MAX, false)?;
        let name_zh = check_text(Field::NameZh, &self.name_zh, CARRIER_NAME_MAX, false)?;
        if name_en.is_empty() && name_zh.is_empty() {
            return Err(CoreError::Required {
                field: Field::NameEn,
            });
        }
        let country = crate::phone::parse_country(&self.country)?;
        let zone = parse_zone(&self.zone)?;
        let rule = self
            .rule
            .as_ref()
            .map(KeepAliveRule::validate_template)
            .transpose()?;
        if let Some(g) = &self.grace {
            g.validate()?;
        }
        if self.renewal_methods.len() > METHODS_MAX {
            return Err(CoreError::TooMany {
                field: Field::RenewalMethods,
                max: METHODS_MAX,
            });
        }
        let mut methods = Vec::with_capacity(self.renewal_methods.len());
        for m in &self.renewal_methods {
            let label = check_text(Field::RenewalMethods, &m.label, METHOD_LABEL_MAX, false)?;
            if label.is_empty() {
                return Err(CoreError::Required {
                    field: Field::RenewalMethods,
                });
            }
            let keyword = m
                .keyword
                .as_deref()
                .map(|k| check_text(Field::RenewalMethods, k, METHOD_LABEL_MAX, false))
                .transpose()?
                .filter(|k| !k.is_empty());
            methods.push(RenewalMethod {
                kind: m.kind,
                label,
                value: check_text(Field::RenewalMethods, &m.value, METHOD_VALUE_MAX, false)?,
                keyword,
            });
        }
        let balance_check = self
            .balance_check
            .as_deref()
            .map(|b| check_text(Field::BalanceCheck, b, METHOD_VALUE_MAX, false))
            .transpose()?
            .filter(|b| !b.is_empty());
        let based_on = match self.based_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => {
                let slug = id.strip_prefix(PRESET_PREFIX).unwrap_or(id);
                if preset(slug).is_none() {
                    return Err(CoreError::NotFound {
                        what: "carrier",
                        id: id.chars().take(64).collect(),
                    });
                }
                Some(format!("{PRESET_PREFIX}{slug}"))
            }
        };
        Ok(CarrierInput {
            based_on,
            name_en,
            name_zh,
            country: country.as_ref().to_owned(),
            zone: zone.name().to_owned(),
            rule,
            grace: self.grace,
            renewal_methods: methods,
            balance_check,
            notes: check_text(Field::Notes, &self.notes, CARRIER_NOTES_MAX, true)?,
        })
    }
}

/// The URI a one-tap renewal action opens, or `None` when there is nothing to open (a shop,
/// an app without a link, an empty value). `#` in USSD codes is percent-encoded, since a raw
/// `#` would start a URI fragment and be dropped by the dialer.
pub fn action_uri(method: &RenewalMethod) -> Option<String> {
    let value = method.value.trim();
    if value.is_empty() {
        return None;
    }
    let dial = |v: &str| -> String {
        v.chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '*' | '#'))
            .map(|c| {
                if c == '#' {
                    "%23".to_owned()
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let has_scheme = |v: &str| v.starts_with("https://") || v.starts_with("http://");
    match method.kind {
        RenewalKind::Web | RenewalKind::App => {
            if has_scheme(value) {
                Some(value.to_owned())
            } else if method.kind == RenewalKind::Web
                && value.contains('.')
                && !value.contains(char::is_whitespace)
            {
                Some(format!("https://{value}"))
            } else {
                None
            }
        }
        RenewalKind::Hotline | RenewalKind::Ussd => {
            let number = dial(value);
            (!number.is_empty()).then(|| format!("tel:{number}"))
        }
        RenewalKind::Sms => {
            let number = dial(value);
            if number.is_empty() {
                return None;
            }
            match method
                .keyword
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty())
            {
                Some(k) => Some(format!("sms:{number}?body={}", percent_encode(k))),
                None => Some(format!("sms:{number}")),
            }
        }
        RenewalKind::Shop => None,
    }
}

/// A renewal method with the URI its one-tap action opens (`None`: nothing to open, the UI
/// shows it as information).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RenewalAction {
    pub method: RenewalMethod,
    pub uri: Option<String>,
}

impl RenewalAction {
    pub fn new(method: RenewalMethod) -> Self {
        Self {
            uri: action_uri(&method),
            method,
        }
    }
}

/// How a balance check is done: a code starting with `*` or `#` is dialled as USSD, anything
/// else is called as a hotline. The label is left to the UI ("Check balance").
pub fn balance_check_method(value: &str) -> RenewalMethod {
    let value = value.trim();
    let kind = if value.starts_with(['*', '#']) {
        RenewalKind::Ussd
    } else {
        RenewalKind::Hotline
    };
    RenewalMethod {
        kind,
        label: String::new(),
        value: value.to_owned(),
        keyword: None,
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod action_tests {
    use super::*;

    fn m(kind: RenewalKind, value: &str, keyword: Option<&str>) -> RenewalMethod {
        RenewalMethod {
            kind,
            label: "x".into(),
            value: value.into(),
            keyword: keyword.map(str::to_owned),
        }
    }

    #[test]
    fn one_tap_actions_build_the_right_uris() {
        use RenewalKind::*;
        assert_eq!(
            action_uri(&m(Ussd, "*#131#", None)).as_deref(),
            Some("tel:*%23131%23")
        );
        assert_eq!(
            action_uri(&m(Hotline, "2945 8888", None)).as_deref(),
            Some("tel:29458888")
        );
        assert_eq!(
            action_uri(&m(Hotline, "1-888-777-0446", None)).as_deref(),
            Some("tel:18887770446")
        );
        assert_eq!(
            action_uri(&m(Sms, "6700", Some("RECHARGE 1234"))).as_deref(),
            Some("sms:6700?body=RECHARGE%201234")
        );
        assert_eq!(
            action_uri(&m(Web, "my.ultra.me", None)).as_deref(),
            Some("https://my.ultra.me")
        );
        assert_eq!(
            action_uri(&m(Web, "https://hk.chinamobile.com/en", None)).as_deref(),
            Some("https://hk.chinamobile.com/en")
        );
        assert_eq!(action_uri(&m(App, "Smart app", None)), None);
        assert_eq!(action_uri(&m(Shop, "any shop", None)), None);
        assert_eq!(action_uri(&m(Ussd, "", None)), None);
        assert_eq!(action_uri(&m(Web, "javascript:alert(1)", None)), None);
    }

    #[test]
    fn a_balance_check_is_ussd_or_a_hotline() {
        let ussd = RenewalAction::new(balance_check_method(" *#131# "));
        assert_eq!(ussd.method.kind, RenewalKind::Ussd);
        assert_eq!(ussd.uri.as_deref(), Some("tel:*%23131%23"));
        let hotline = RenewalAction::new(balance_check_method("1-888-777-0446"));
        assert_eq!(hotline.method.kind, RenewalKind::Hotline);
        assert_eq!(hotline.uri.as_deref(), Some("tel:18887770446"));
        assert_eq!(
            RenewalAction::new(m(RenewalKind::Shop, "any 7-Eleven", None)).uri,
            None
        );
    }
}
