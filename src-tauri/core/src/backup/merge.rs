//! What a restore would do, computed from the current data and the backup without writing:
//! the preview the user confirms, and the writes that carry it out.
//!
//! Merge, per record, matched by id:
//! - only in the backup: **added**;
//! - the same on both sides (apart from when it was last edited): **unchanged**;
//! - different, and the backup's copy was edited later (`updatedAt`): **updated**;
//! - different, and the current copy was edited later or at the same instant: **conflicting**,
//!   the current copy is kept;
//! - a backup line whose number is saved here under another id: **conflicting**, the current
//!   line is kept and the backup's events for it are merged into it (an event is still matched
//!   by its own id);
//! - settings: the current ones are kept; one the current data does not have is added.
//!
//! Plans and promotions are matched by id like events; one whose line was merged into a line
//! saved here under another id follows it there.
//!
//! Lines carry their tags and reminder settings with them. Merging cannot know what was
//! deleted after the backup was made: a line deleted here comes back if the backup has it.

use std::collections::HashMap;

use serde::Serialize;
use specta::Type;

use super::{
    Backup, BackupSummary, CarrierRecord, Data, EventRecord, LineRecord, PlanRecord,
    PromotionRecord, RestoreMode,
};

/// Items listed in a preview at most; the counts are always complete.
pub const PREVIEW_ITEMS_MAX: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Line,
    Carrier,
    Event,
    Plan,
    Promotion,
    Setting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MergeAction {
    Added,
    Updated,
    Unchanged,
    Conflicting,
}

/// Why a conflicting record keeps its current copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConflictReason {
    /// The current copy was edited after the backup's.
    CurrentIsNewer,
    /// Both copies were edited at the same instant but differ.
    EditedAtTheSameTime,
    /// The backup's line has a number that is saved here as another line.
    NumberSavedAsAnotherLine,
    /// A merge keeps the current settings.
    CurrentSettingKept,
}

/// One record in a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MergeItem {
    pub record: RecordKind,
    pub id: String,
    /// What the user recognises it by: a line's label and number, a carrier's name, an
    /// event's kind, date and line, a setting's key.
    pub title: String,
    pub action: MergeAction,
    pub reason: Option<ConflictReason>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub conflicting: u32,
}

impl Counts {
    fn add(&mut self, a: MergeAction) {
        let n = match a {
            MergeAction::Added => &mut self.added,
            MergeAction::Updated => &mut self.updated,
            MergeAction::Unchanged => &mut self.unchanged,
            MergeAction::Conflicting => &mut self.conflicting,
        };
        *n = n.saturating_add(1);
    }
}

/// What a restore will do (or did).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestorePreview {
    pub mode: RestoreMode,
    pub backup: BackupSummary,
    pub lines: Counts,
    pub carriers: Counts,
    pub events: Counts,
    pub plans: Counts,
    pub promotions: Counts,
    pub settings: Counts,
    /// Replace only: the current records that go.
    pub removed_lines: u32,
    pub removed_carriers: u32,
    pub removed_events: u32,
    pub removed_plans: u32,
    pub removed_promotions: u32,
    /// Every added, updated and conflicting record, up to [`PREVIEW_ITEMS_MAX`].
    pub items: Vec<MergeItem>,
    /// How many more were left out of `items`.
    pub items_omitted: u32,
}

/// The writes a merge makes, and its preview.
#[derive(Debug, Default)]
pub(crate) struct MergePlan {
    pub carriers_insert: Vec<CarrierRecord>,
    pub carriers_update: Vec<CarrierRecord>,
    pub lines_insert: Vec<LineRecord>,
    pub lines_update: Vec<LineRecord>,
    pub events_insert: Vec<EventRecord>,
    pub events_update: Vec<EventRecord>,
    pub plans_insert: Vec<PlanRecord>,
    pub plans_update: Vec<PlanRecord>,
    pub promotions_insert: Vec<PromotionRecord>,
    pub promotions_update: Vec<PromotionRecord>,
    pub settings_insert: Vec<(String, serde_json::Value)>,
}

struct Collector {
    items: Vec<MergeItem>,
    omitted: u32,
}

impl Collector {
    fn push(&mut self, counts: &mut Counts, item: MergeItem) {
        counts.add(item.action);
        if item.action == MergeAction::Unchanged {
            return;
        }
        if self.items.len() < PREVIEW_ITEMS_MAX {
            self.items.push(item);
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }
}

/// Decides a record present on both sides (or only in the backup).
fn decide<T: PartialEq + Clone>(
    current: Option<&T>,
    backup: &T,
    updated: impl Fn(&T) -> chrono::DateTime<chrono::Utc>,
    without_time: impl Fn(&T) -> T,
) -> (MergeAction, Option<ConflictReason>) {
    let Some(current) = current else {
        return (MergeAction::Added, None);
    };
    if without_time(current) == without_time(backup) {
        return (MergeAction::Unchanged, None);
    }
    match updated(backup).cmp(&updated(current)) {
        std::cmp::Ordering::Greater => (MergeAction::Updated, None),
        std::cmp::Ordering::Less => (
            MergeAction::Conflicting,
            Some(ConflictReason::CurrentIsNewer),
        ),
        std::cmp::Ordering::Equal => (
            MergeAction::Conflicting,
            Some(ConflictReason::EditedAtTheSameTime),
        ),
    }
}

fn epoch() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::UNIX_EPOCH
}

fn line_title(l: &LineRecord) -> String {
    format!("{} ({})", l.label, l.e164)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The merge of `backup` into `current`: its writes and its preview.
pub(crate) fn plan_merge(current: &Data, backup: &Backup) -> (MergePlan, RestorePreview) {
    let mut plan = MergePlan::default();
    let mut c = Collector {
        items: Vec::new(),
        omitted: 0,
    };
    let mut counts = [Counts::default(); 6];
    let [lines_n, carriers_n, events_n, plans_n, promotions_n, settings_n] = &mut counts;

    let cur_carriers: HashMap<&str, &CarrierRecord> = current
        .carriers
        .iter()
        .map(|x| (x.id.as_str(), x))
        .collect();
    for b in &backup.data.carriers {
        let (action, reason) = decide(
            cur_carriers.get(b.id.as_str()).copied(),
            b,
            |x| x.updated_at,
            |x| CarrierRecord {
                updated_at: epoch(),
                ..x.clone()
            },
        );
        match action {
            MergeAction::Added => plan.carriers_insert.push(b.clone()),
            MergeAction::Updated => plan.carriers_update.push(b.clone()),
            _ => {}
        }
        let title = if b.name_en.is_empty() {
            &b.name_zh
        } else {
            &b.name_en
        };
        c.push(
            carriers_n,
            MergeItem {
                record: RecordKind::Carrier,
                id: b.id.clone(),
                title: title.clone(),
                action,
                reason,
            },
        );
    }

    let cur_lines: HashMap<&str, &LineRecord> =
        current.lines.iter().map(|x| (x.id.as_str(), x)).collect();
    let cur_numbers: HashMap<&str, &str> = current
        .lines
        .iter()
        .map(|x| (x.e164.as_str(), x.id.as_str()))
        .collect();
    // Backup line id → the line its events go to here.
    let mut line_target: HashMap<&str, String> = HashMap::new();
    for b in &backup.data.lines {
        let holder = cur_numbers.get(b.e164.as_str()).copied();
        let (action, reason) = match holder {
            Some(other) if other != b.id => {
                line_target.insert(b.id.as_str(), other.to_owned());
                (
                    MergeAction::Conflicting,
                    Some(ConflictReason::NumberSavedAsAnotherLine),
                )
            }
            _ => {
                line_target.insert(b.id.as_str(), b.id.clone());
                decide(
                    cur_lines.get(b.id.as_str()).copied(),
                    b,
                    |x| x.updated_at,
                    |x| LineRecord {
                        updated_at: epoch(),
                        ..x.clone()
                    },
                )
            }
        };
        match action {
            MergeAction::Added => plan.lines_insert.push(b.clone()),
            MergeAction::Updated => plan.lines_update.push(b.clone()),
            _ => {}
        }
        c.push(
            lines_n,
            MergeItem {
                record: RecordKind::Line,
                id: b.id.clone(),
                title: line_title(b),
                action,
                reason,
            },
        );
    }

    let labels: HashMap<&str, &str> = backup
        .data
        .lines
        .iter()
        .map(|l| (l.id.as_str(), l.label.as_str()))
        .collect();
    let cur_events: HashMap<&str, &EventRecord> =
        current.events.iter().map(|x| (x.id.as_str(), x)).collect();
    for b in &backup.data.events {
        let mut b = b.clone();
        let label = labels.get(b.line_id.as_str()).copied().unwrap_or_default();
        if let Some(target) = line_target.get(b.line_id.as_str()) {
            b.line_id = target.clone();
        }
        let (action, reason) = decide(
            cur_events.get(b.id.as_str()).copied(),
            &b,
            |x| x.updated_at,
            |x| EventRecord {
                updated_at: epoch(),
                ..x.clone()
            },
        );
        let title = format!(
            "{} {} — {label}",
            b.kind.as_str(),
            b.occurred_at.format("%Y-%m-%d")
        );
        let id = b.id.clone();
        match action {
            MergeAction::Added => plan.events_insert.push(b),
            MergeAction::Updated => plan.events_update.push(b),
            _ => {}
        }
        c.push(
            events_n,
            MergeItem {
                record: RecordKind::Event,
                id,
                title,
                action,
                reason,
            },
        );
    }

    let cur_plans: HashMap<&str, &PlanRecord> =
        current.plans.iter().map(|x| (x.id.as_str(), x)).collect();
    for b in &backup.data.plans {
        let mut b = b.clone();
        let label = labels.get(b.line_id.as_str()).copied().unwrap_or_default();
        if let Some(target) = line_target.get(b.line_id.as_str()) {
            b.line_id = target.clone();
        }
        let (action, reason) = decide(
            cur_plans.get(b.id.as_str()).copied(),
            &b,
            |x| x.updated_at,
            |x| PlanRecord {
                updated_at: epoch(),
                ..x.clone()
            },
        );
        let title = format!("{} {} — {label}", b.name, b.started_on.format("%Y-%m-%d"));
        let id = b.id.clone();
        match action {
            MergeAction::Added => plan.plans_insert.push(b),
            MergeAction::Updated => plan.plans_update.push(b),
            _ => {}
        }
        c.push(
            plans_n,
            MergeItem {
                record: RecordKind::Plan,
                id,
                title,
                action,
                reason,
            },
        );
    }

    let cur_promotions: HashMap<&str, &PromotionRecord> = current
        .promotions
        .iter()
        .map(|x| (x.id.as_str(), x))
        .collect();
    for b in &backup.data.promotions {
        let mut b = b.clone();
        if let Some(line) = b.line_id.clone() {
            if let Some(target) = line_target.get(line.as_str()) {
                b.line_id = Some(target.clone());
            }
        }
        let (action, reason) = decide(
            cur_promotions.get(b.id.as_str()).copied(),
            &b,
            |x| x.updated_at,
            |x| PromotionRecord {
                updated_at: epoch(),
                ..x.clone()
            },
        );
        let title = b.text.chars().take(80).collect();
        let id = b.id.clone();
        match action {
            MergeAction::Added => plan.promotions_insert.push(b),
            MergeAction::Updated => plan.promotions_update.push(b),
            _ => {}
        }
        c.push(
            promotions_n,
            MergeItem {
                record: RecordKind::Promotion,
                id,
                title,
                action,
                reason,
            },
        );
    }

    for (key, value) in &backup.data.settings {
        let (action, reason) = match current.settings.get(key) {
            None => {
                plan.settings_insert.push((key.clone(), value.clone()));
                (MergeAction::Added, None)
            }
            Some(v) if v == value => (MergeAction::Unchanged, None),
            Some(_) => (
                MergeAction::Conflicting,
                Some(ConflictReason::CurrentSettingKept),
            ),
        };
        c.push(
            settings_n,
            MergeItem {
                record: RecordKind::Setting,
                id: key.clone(),
                title: key.clone(),
                action,
                reason,
            },
        );
    }

    let preview = RestorePreview {
        mode: RestoreMode::Merge,
        backup: backup.summary(),
        lines: counts[0],
        carriers: counts[1],
        events: counts[2],
        plans: counts[3],
        promotions: counts[4],
        settings: counts[5],
        removed_lines: 0,
        removed_carriers: 0,
        removed_events: 0,
        removed_plans: 0,
        removed_promotions: 0,
        items: c.items,
        items_omitted: c.omitted,
    };
    (plan, preview)
}

/// The preview of replacing `current` with `backup`: everything in the backup is added,
/// everything current goes.
pub(crate) fn preview_replace(current: &Data, backup: &Backup) -> RestorePreview {
    let mut c = Collector {
        items: Vec::new(),
        omitted: 0,
    };
    let mut counts = [Counts::default(); 6];
    for l in &backup.data.lines {
        c.push(
            &mut counts[0],
            MergeItem {
                record: RecordKind::Line,
                id: l.id.clone(),
                title: line_title(l),
                action: MergeAction::Added,
                reason: None,
            },
        );
    }
    counts[1].added = count(backup.data.carriers.len());
    counts[2].added = count(backup.data.events.len());
    counts[3].added = count(backup.data.plans.len());
    counts[4].added = count(backup.data.promotions.len());
    counts[5].added = count(backup.data.settings.len());
    RestorePreview {
        mode: RestoreMode::Replace,
        backup: backup.summary(),
        lines: counts[0],
        carriers: counts[1],
        events: counts[2],
        plans: counts[3],
        promotions: counts[4],
        settings: counts[5],
        removed_lines: count(current.lines.len()),
        removed_carriers: count(current.carriers.len()),
        removed_events: count(current.events.len()),
        removed_plans: count(current.plans.len()),
        removed_promotions: count(current.promotions.len()),
        items: c.items,
        items_omitted: c.omitted,
    }
}
