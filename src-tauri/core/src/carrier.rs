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

use crate::error::{CoreError, Result};
use crate::rules::{parse_zone, Grace, KeepAliveRule, RuleSpec};

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
        self.rule.as_ref().map(|rule| RuleSpec {
            rule: rule.clone(),
            grace: self.grace,
            zone: self.zone.clone(),
        })
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
            spec.validate()?;
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
