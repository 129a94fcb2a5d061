//! The dashboard: the lines a query asks for, filtered and sorted, with what the next action
//! costs, split into "needs action" and the rest; the filter choices; the recycle bin.
//!
//! Everything here is a pure function over summaries the store has already computed, so how
//! summaries are computed (or cached) does not matter to it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::carrier::Carrier;
use crate::event::{EventInput, EventKind, Money};
use crate::line::{Line, LineQuery, LineSort};
use crate::summary::{urgency, LineSummary};

/// A line stays in the recycle bin this many days, then it is deleted for good at open.
pub const BIN_DAYS: u32 = 30;

/// The most lines one bulk action takes.
pub const BULK_MAX: usize = 10_000;

/// One row of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DashboardItem {
    pub summary: LineSummary,
    /// What the next renewal is (the kind "I renewed" starts with, see
    /// [`crate::summary::renewal_prefill`]); `None` without a rule.
    pub next_action: Option<EventKind>,
    /// What the next action that keeps the number costs (see [`crate::cost::keep_cost`]'s
    /// `per_action`); `None` when it is not known.
    pub next_cost: Option<Money>,
}

/// The dashboard: the lines that need action first, then the others, each in the query's order.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub needs_action: Vec<DashboardItem>,
    pub others: Vec<DashboardItem>,
}

/// A carrier the carrier filter offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CarrierChoice {
    /// What [`LineQuery::carrier`] takes: the catalogue id, or `text:<name>` for a carrier
    /// typed by hand.
    pub key: String,
    pub name_en: String,
    pub name_zh: String,
    pub lines: u32,
}

/// A tag or country the filters offer, with how many lines have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub value: String,
    pub lines: u32,
}

/// What the filters offer: the tags, countries and carriers the lines in use (archived
/// included) have, each with its number of lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LineFacets {
    /// By tag, case-insensitive.
    pub tags: Vec<Choice>,
    /// By ISO code.
    pub countries: Vec<Choice>,
    /// By English name.
    pub carriers: Vec<CarrierChoice>,
}

/// A line in the recycle bin.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BinnedLine {
    pub line: Line,
    pub deleted_at: DateTime<Utc>,
    /// When it is deleted for good (at the first start after this instant).
    pub purge_at: DateTime<Utc>,
}

/// What a bulk action does to every selected line.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum BulkAction {
    /// Adds a tag (kept once per line).
    AddTag(String),
    Archive,
    Unarchive,
    /// Logs the same renewal on every line.
    Renewal(EventInput),
    /// Moves the lines to the recycle bin.
    Delete,
}

/// How many lines a bulk action changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BulkResult {
    pub lines: u32,
}

/// The key [`LineQuery::carrier`] matches a line by.
pub fn carrier_key(line: &Line) -> String {
    match &line.carrier_id {
        Some(id) => id.clone(),
        None => format!("text:{}", line.carrier),
    }
}

/// When a line binned at `deleted_at` is purged.
pub fn purge_at(deleted_at: DateTime<Utc>) -> DateTime<Utc> {
    deleted_at + Duration::days(i64::from(BIN_DAYS))
}

pub(crate) fn matches(s: &LineSummary, q: &LineQuery) -> bool {
    if q.needs_action && !s.status.needs_action() {
        return false;
    }
    if !q.statuses.is_empty() && !q.statuses.contains(&s.status) {
        return false;
    }
    if let Some(tag) = q.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if !s
            .line
            .tags
            .iter()
            .any(|t| t.to_lowercase() == tag.to_lowercase())
        {
            return false;
        }
    }
    if let Some(c) = q
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        if !s.line.country.eq_ignore_ascii_case(c) {
            return false;
        }
    }
    if let Some(c) = q.carrier.as_deref().filter(|c| !c.is_empty()) {
        if carrier_key(&s.line) != c {
            return false;
        }
    }
    true
}

fn carrier_name(s: &LineSummary) -> String {
    s.carrier
        .as_ref()
        .map_or_else(|| s.line.carrier.clone(), |c| c.name_en.clone())
        .to_lowercase()
}

/// The order a sort puts two lines in; every sort ends on urgency, then label and number, so
/// the order is total and stable.
pub fn compare(sort: LineSort, a: &LineSummary, b: &LineSummary) -> Ordering {
    let by_label = || {
        a.line
            .label
            .to_lowercase()
            .cmp(&b.line.label.to_lowercase())
            .then_with(|| a.line.e164.cmp(&b.line.e164))
    };
    match sort {
        LineSort::Urgency => urgency(a, b),
        LineSort::Label => by_label().then_with(|| urgency(a, b)),
        LineSort::Number => a.line.e164.cmp(&b.line.e164),
        LineSort::Carrier => carrier_name(a)
            .cmp(&carrier_name(b))
            .then_with(|| urgency(a, b)),
        LineSort::RecentlyRenewed => {
            let at = |s: &LineSummary| s.last_renewal.as_ref().map(|e| e.occurred_at);
            // Newest first, never renewed last.
            match (at(a), at(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| urgency(a, b))
        }
    }
}

/// Keeps the items whose summary matches the query's filters (search and archive are the
/// store's) and sorts them by the query's sort.
pub fn arrange<T>(items: Vec<T>, q: &LineQuery, summary: impl Fn(&T) -> &LineSummary) -> Vec<T> {
    let mut out: Vec<T> = items
        .into_iter()
        .filter(|i| matches(summary(i), q))
        .collect();
    out.sort_by(|a, b| compare(q.sort, summary(a), summary(b)));
    out
}

/// Splits arranged items into the dashboard's two sections, keeping their order.
pub fn sections(items: Vec<DashboardItem>) -> Dashboard {
    let (needs_action, others) = items
        .into_iter()
        .partition(|i| i.summary.status.needs_action());
    Dashboard {
        needs_action,
        others,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The filter choices of these lines; `carriers` names the catalogue carriers.
pub fn facets(lines: &[Line], carriers: &[Carrier]) -> LineFacets {
    let mut tags: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut countries: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_carrier: BTreeMap<String, (String, String, usize)> = BTreeMap::new();
    for l in lines {
        for t in &l.tags {
            tags.entry(t.to_lowercase())
                .or_insert_with(|| (t.clone(), 0))
                .1 += 1;
        }
        if !l.country.is_empty() {
            *countries.entry(l.country.clone()).or_default() += 1;
        }
        let key = carrier_key(l);
        if l.carrier_id.is_none() && l.carrier.trim().is_empty() {
            continue;
        }
        let entry = by_carrier.entry(key).or_insert_with(|| {
            match l
                .carrier_id
                .as_deref()
                .and_then(|id| carriers.iter().find(|c| c.id == id))
            {
                Some(c) => (c.name_en.clone(), c.name_zh.clone(), 0),
                None => (l.carrier.clone(), l.carrier.clone(), 0),
            }
        });
        entry.2 += 1;
    }
    let mut carriers: Vec<CarrierChoice> = by_carrier
        .into_iter()
        .map(|(key, (name_en, name_zh, n))| CarrierChoice {
            key,
            name_en,
            name_zh,
            lines: count(n),
        })
        .collect();
    carriers.sort_by(|a, b| {
        a.name_en
            .to_lowercase()
            .cmp(&b.name_en.to_lowercase())
            .then_with(|| a.key.cmp(&b.key))
    });
    LineFacets {
        tags: tags
            .into_values()
            .map(|(value, n)| Choice {
                value,
                lines: count(n),
            })
            .collect(),
        countries: countries
            .into_iter()
            .map(|(value, n)| Choice {
                value,
                lines: count(n),
            })
            .collect(),
        carriers,
    }
}
