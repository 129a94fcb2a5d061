//! Backups: a versioned JSON file holding everything a user made (lines, their own carriers,
//! rules, the renewal log, plans, promotions, reminder settings and per-line overrides), and
//! restoring one by
//! merging it into the current data or replacing the current data with it. The format is
//! documented field by field in `docs/backup-format.md`.
//!
//! Reading a file ([`read_backup`], [`read_backup_file`]) checks everything before anything is
//! written: the size (at most [`crate::files::MAX_BACKUP_BYTES`], before parsing), the format
//! name and version, the JSON structure (an error names the record and the field), every
//! field with the same checks as the forms, duplicate ids and numbers, and that every event's
//! line and every line's carrier exist. Restoring ([`crate::Store::restore`]) is one
//! transaction: a restore that fails changes nothing.

pub mod auto;
mod merge;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::carrier::RenewalMethod;
use crate::error::{CoreError, Location, Result};
use crate::event::{EventKind, Method, Money, PaymentChannel};
use crate::files::{read_capped, MAX_BACKUP_BYTES};
use crate::line::SimKind;
use crate::planner::LineReminderOverrides;
use crate::rules::{Grace, KeepAliveRule, Period, RuleSpec};

pub(crate) use merge::{plan_merge, preview_replace};
pub use merge::{ConflictReason, Counts, MergeAction, MergeItem, RecordKind, RestorePreview};
pub use validate::RECORDS_MAX;

/// The `format` every backup file starts with.
pub const FORMAT_NAME: &str = "baohao-backup";
/// The format version this app writes. It reads this version and every earlier one.
/// Version 2 added `plans` and `promotions`; a version 1 file has neither. Version 3 is
/// written compact (no indentation) and leaves out an event's empty optional fields (no
/// amount, method, channel, balance or deletion; an empty reference or note), which versions 1
/// and 2 always wrote: a backup of 200,000 events is about half the size.
pub const FORMAT_VERSION: u32 = 3;
pub use crate::store::LOCALE_KEY;
/// The settings a backup carries. Device state (when reminders were last checked, what was
/// delivered) stays on the device.
pub const BACKED_UP_SETTINGS: &[&str] = &[crate::store::POLICY_KEY, crate::store::LOCALE_KEY];

/// A line as a backup holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LineRecord {
    pub id: String,
    pub e164: String,
    pub label: String,
    pub country: String,
    #[serde(default)]
    pub carrier: String,
    #[serde(default)]
    pub carrier_id: Option<String>,
    pub sim_kind: SimKind,
    #[serde(default)]
    pub iccid: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub rule_override: Option<RuleSpec>,
    #[serde(default)]
    pub low_balance: Option<Money>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub archived_at: Option<DateTime<Utc>>,
    /// The line's own reminder settings; absent when it follows the global ones.
    #[serde(default)]
    pub reminders: Option<LineReminderOverrides>,
}

/// One of the user's own carriers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CarrierRecord {
    /// `user:<uuid>`.
    pub id: String,
    #[serde(default)]
    pub based_on: Option<String>,
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    pub country: String,
    pub zone: String,
    #[serde(default)]
    pub rule: Option<KeepAliveRule>,
    #[serde(default)]
    pub grace: Option<Grace>,
    #[serde(default)]
    pub renewal_methods: Vec<RenewalMethod>,
    #[serde(default)]
    pub balance_check: Option<String>,
    #[serde(default)]
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One entry of the renewal log. Deleted entries that can still be undone are included with
/// `deletedAt`, so a restore brings back exactly what was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventRecord {
    pub id: String,
    pub line_id: String,
    pub occurred_at: DateTime<Utc>,
    pub kind: EventKind,
    #[serde(default)]
    pub amount: Option<Money>,
    #[serde(default)]
    pub method: Option<Method>,
    #[serde(default)]
    pub channel: Option<PaymentChannel>,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub balance_after: Option<Money>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// One of a line's plans (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRecord {
    pub id: String,
    pub line_id: String,
    pub name: String,
    #[serde(default)]
    pub price: Option<Money>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub data_mb: Option<u32>,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub sms: Option<u32>,
    #[serde(default)]
    pub auto_renew: bool,
    pub started_on: NaiveDate,
    #[serde(default)]
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A promotion on a line or on a carrier (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PromotionRecord {
    pub id: String,
    /// Exactly one of `lineId` and `carrierId`.
    #[serde(default)]
    pub line_id: Option<String>,
    #[serde(default)]
    pub carrier_id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub remind_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Everything a backup holds, in a canonical order (carriers, lines, plans and promotions by
/// id, events by line, time and id), so the same data always serializes to the same text.
/// Plans and promotions are left out of the text when there are none, so data without them
/// hashes as it did before they existed (no new automatic backup after an update).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Data {
    pub lines: Vec<LineRecord>,
    pub carriers: Vec<CarrierRecord>,
    pub events: Vec<EventRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<PlanRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotions: Vec<PromotionRecord>,
    /// Setting key → its JSON value; only the keys in [`BACKED_UP_SETTINGS`].
    pub settings: BTreeMap<String, serde_json::Value>,
}

impl Data {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.carriers.is_empty()
            && self.events.is_empty()
            && self.plans.is_empty()
            && self.promotions.is_empty()
            && self.settings.is_empty()
    }

    /// The canonical JSON of the data alone (no header): what a content hash and the crash
    /// test compare.
    pub fn canonical_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| CoreError::Encode(e.to_string()))
    }

    /// A 64-bit FNV-1a hash of [`Data::canonical_json`], in hex: tells whether data changed.
    pub fn content_hash(&self) -> Result<String> {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.canonical_json()?.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(format!("{h:016x}"))
    }
}

/// The file as written: a header, then the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupFile {
    format: String,
    version: u32,
    created_at: DateTime<Utc>,
    app_version: String,
    lines: Vec<LineRecord>,
    carriers: Vec<CarrierRecord>,
    events: Vec<EventRecord>,
    /// Version 2 on; absent in version 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plans: Option<Vec<PlanRecord>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    promotions: Option<Vec<PromotionRecord>>,
    settings: BTreeMap<String, serde_json::Value>,
}

/// [`BackupFile`] as written, borrowing the data (same fields, same order).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BackupFileRef<'a> {
    format: &'a str,
    version: u32,
    created_at: DateTime<Utc>,
    app_version: &'a str,
    lines: &'a [LineRecord],
    carriers: &'a [CarrierRecord],
    events: EventsOut<'a>,
    plans: &'a [PlanRecord],
    promotions: &'a [PromotionRecord],
    settings: &'a BTreeMap<String, serde_json::Value>,
}

/// The events as version 3 writes them: each without its empty optional fields.
struct EventsOut<'a>(&'a [EventRecord]);

impl Serialize for EventsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(EventOut::from))
    }
}

/// [`EventRecord`] as written (same fields, same order), its empty optional fields left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventOut<'a> {
    id: &'a str,
    line_id: &'a str,
    occurred_at: DateTime<Utc>,
    kind: EventKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<&'a Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<Method>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<PaymentChannel>,
    #[serde(skip_serializing_if = "str::is_empty")]
    reference: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    balance_after: Option<&'a Money>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted_at: Option<DateTime<Utc>>,
}

impl<'a> From<&'a EventRecord> for EventOut<'a> {
    fn from(e: &'a EventRecord) -> Self {
        Self {
            id: &e.id,
            line_id: &e.line_id,
            occurred_at: e.occurred_at,
            kind: e.kind,
            amount: e.amount.as_ref(),
            method: e.method,
            channel: e.channel,
            reference: &e.reference,
            note: &e.note,
            balance_after: e.balance_after.as_ref(),
            created_at: e.created_at,
            updated_at: e.updated_at,
            deleted_at: e.deleted_at,
        }
    }
}

/// Only the header, read first so a newer or foreign file gets the right error.
#[derive(Debug, Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

/// A backup that passed every check: ready to preview and restore.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    pub created_at: DateTime<Utc>,
    pub app_version: String,
    pub format_version: u32,
    pub lines: u32,
    pub carriers: u32,
    pub events: u32,
    pub plans: u32,
    pub promotions: u32,
}

/// A checked backup.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub created_at: DateTime<Utc>,
    pub app_version: String,
    pub format_version: u32,
    pub data: Data,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Backup {
    pub fn summary(&self) -> BackupSummary {
        BackupSummary {
            created_at: self.created_at,
            app_version: self.app_version.clone(),
            format_version: self.format_version,
            lines: count(self.data.lines.len()),
            carriers: count(self.data.carriers.len()),
            events: count(self.data.events.len()),
            plans: count(self.data.plans.len()),
            promotions: count(self.data.promotions.len()),
        }
    }

    /// A backup of `data` made at `now` by this app.
    pub fn new(data: Data, now: DateTime<Utc>) -> Self {
        Self {
            created_at: now,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            format_version: FORMAT_VERSION,
            data,
        }
    }

    /// The file's bytes: compact UTF-8 JSON, header first, one record after another.
    pub fn to_json(&self) -> Result<Vec<u8>> {
        // Borrowed, not cloned: a backup of 10,000 lines holds some 200,000 events.
        let file = BackupFileRef {
            format: FORMAT_NAME,
            version: FORMAT_VERSION,
            created_at: self.created_at,
            app_version: &self.app_version,
            lines: &self.data.lines,
            carriers: &self.data.carriers,
            events: EventsOut(&self.data.events),
            plans: &self.data.plans,
            promotions: &self.data.promotions,
            settings: &self.data.settings,
        };
        let mut out = serde_json::to_vec(&file).map_err(|e| CoreError::Encode(e.to_string()))?;
        out.push(b'\n');
        Ok(out)
    }
}

/// The record a JSON path points into: `lines[3].createdAt` → line #4, column `createdAt`.
fn location_of(path: &str) -> Option<Location> {
    let mut parts = path.splitn(2, '.');
    let head = parts.next().unwrap_or_default();
    let rest = parts.next().unwrap_or_default();
    let (list, index) = match head.split_once('[') {
        Some((list, i)) => (list, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (head, None),
    };
    let record = match list {
        "lines" => "line",
        "carriers" => "carrier",
        "events" => "event",
        "plans" => "plan",
        "promotions" => "promotion",
        "settings" => "setting",
        _ => return None,
    };
    let mut at = Location::new(record, index.map_or(0, |i| i + 1));
    if !rest.is_empty() {
        at = at.column(rest);
    }
    Some(at)
}

/// A JSON error as a file error: truncated, or at a place in the file (a record and field).
fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> CoreError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    if inner.classify() == serde_json::error::Category::Eof {
        return CoreError::FileTruncated {
            detail: format!("at line {}", inner.line()),
        };
    }
    let bad = CoreError::BadFile {
        reason: format!("{inner}"),
    };
    match location_of(&path) {
        Some(at) => at.wrap(bad),
        None => bad,
    }
}

/// The path of the first object key in `input` that `known` (the same data as Baohao reads
/// and writes it) does not have: a field this version does not know, at any depth.
pub(crate) fn unknown_field(
    input: &serde_json::Value,
    known: &serde_json::Value,
) -> Option<String> {
    use serde_json::Value;
    match (input, known) {
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(k, v)| match b.get(k) {
            None => Some(k.clone()),
            Some(w) => unknown_field(v, w).map(|p| format!("{k}.{p}")),
        }),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| unknown_field(v, w).map(|p| format!("[{i}].{p}"))),
        _ => None,
    }
    .map(|p| p.replace(".[", "["))
}

/// Reads and checks a backup from its bytes, at `now` (events may not be in the future).
/// Errors, before anything is written anywhere: [`CoreError::FileTooLarge`],
/// [`CoreError::FileEncoding`] (not UTF-8), [`CoreError::FileTruncated`],
/// [`CoreError::BadFile`] (not JSON, not a Baohao backup, broken structure),
/// [`CoreError::UnsupportedVersion`] (a newer format), [`CoreError::DuplicateId`], or an
/// error in one record ([`CoreError::InRecord`], naming the record, its id and the field).
pub fn read_backup(bytes: &[u8], now: DateTime<Utc>) -> Result<Backup> {
    if bytes.len() as u64 > MAX_BACKUP_BYTES {
        return Err(CoreError::FileTooLarge {
            max_bytes: MAX_BACKUP_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(CoreError::FileEncoding);
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            CoreError::FileTruncated {
                detail: format!("at line {}", e.line()),
            }
        } else {
            CoreError::BadFile {
                reason: format!("not a Baohao backup: {e}"),
            }
        }
    })?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(CoreError::BadFile {
            reason: "not a Baohao backup (no \"format\": \"baohao-backup\")".into(),
        });
    }
    let version = header
        .version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| CoreError::BadFile {
            reason: "the backup has no format version".into(),
        })?;
    if version == 0 || version > u64::from(FORMAT_VERSION) {
        return Err(CoreError::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let file: BackupFile = serde_path_to_error::deserialize(de).map_err(json_error)?;
    // Unknown fields are refused at every depth, not only where the types say so (a rule, an
    // amount, reminder settings): a damaged or foreign file is never half-understood.
    let input: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| CoreError::BadFile {
            reason: e.to_string(),
        })?;
    let known = serde_json::to_value(&file).map_err(|e| CoreError::Encode(e.to_string()))?;
    if let Some(path) = unknown_field(&input, &known) {
        let bad = CoreError::BadFile {
            reason: format!("unknown field {path:?}"),
        };
        return Err(match location_of(&path) {
            Some(at) => at.wrap(bad),
            None => bad,
        });
    }
    if version < 2 && (file.plans.is_some() || file.promotions.is_some()) {
        return Err(CoreError::BadFile {
            reason: "plans and promotions need format version 2".into(),
        });
    }
    let data = Data {
        lines: file.lines,
        carriers: file.carriers,
        events: file.events,
        plans: file.plans.unwrap_or_default(),
        promotions: file.promotions.unwrap_or_default(),
        settings: file.settings,
    };
    let data = validate::validate(data, now)?;
    crate::instant::check_instant(crate::Field::OccurredAt, file.created_at).map_err(|_| {
        CoreError::BadFile {
            reason: "the backup's createdAt is out of range".into(),
        }
    })?;
    Ok(Backup {
        created_at: file.created_at,
        app_version: crate::text::clean(&file.app_version, false)
            .chars()
            .take(40)
            .collect(),
        format_version: file.version,
        data,
    })
}

/// [`read_backup`] from a file; a file over the size cap is refused before it is read.
pub fn read_backup_file(path: &Path, now: DateTime<Utc>) -> Result<Backup> {
    read_backup(&read_capped(path, MAX_BACKUP_BYTES)?, now)
}

/// How a restore treats the current data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMode {
    /// Adds what is missing; a record in both keeps the copy edited last (ties and numbers
    /// saved under another id keep the current one). Current settings stay.
    Merge,
    /// Replaces everything with the backup, after an automatic backup of the current data.
    Replace,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub preview: RestorePreview,
    /// The automatic backup of the data before a replace, if there was any data.
    pub safety_backup: Option<String>,
}
