//! Every record of a backup checked with the same rules as the forms, before anything is
//! written. The first error found is returned, naming the record (list, position, id) and the
//! field.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::{
    CarrierRecord, Data, EventRecord, LineRecord, PlanRecord, PromotionRecord, BACKED_UP_SETTINGS,
    LOCALE_KEY,
};
use crate::carrier::{preset, CarrierInput, PRESET_PREFIX, USER_PREFIX};
use crate::error::{CoreError, Field, Location, Result};
use crate::event::EventInput;
use crate::instant::check_instant;
use crate::line::LineInput;
use crate::line_plan::{LinePlanInput, PLANS_MAX};
use crate::planner::{Lang, LineReminderOverrides, ReminderPolicy};
use crate::promotion::PromotionInput;
use crate::reminders::{validate_leads, validate_policy};
use crate::store::POLICY_KEY;

/// Most records of each kind a backup may hold.
pub const RECORDS_MAX: usize = 200_000;

/// Ids are what Baohao makes (UUIDs): 1–64 letters, digits, `-` and `_`.
pub(crate) fn check_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(CoreError::BadFile {
            reason: "not a valid id".into(),
        })
    }
}

fn instant(at: &Location, column: &str, t: DateTime<Utc>) -> Result<()> {
    check_instant(Field::OccurredAt, t)
        .map(|_| ())
        .map_err(|_| {
            at.clone().column(column).wrap(CoreError::BadFile {
                reason: "a date outside 1900–9999".into(),
            })
        })
}

fn too_many(list: &str) -> CoreError {
    CoreError::BadFile {
        reason: format!("more than {RECORDS_MAX} {list}"),
    }
}

fn carrier(c: CarrierRecord, i: usize) -> Result<CarrierRecord> {
    let at = Location::new("carrier", i + 1).id(&c.id);
    let uuid = c.id.strip_prefix(USER_PREFIX).unwrap_or("");
    check_id(uuid).map_err(|e| at.clone().column("id").wrap(e))?;
    let v = CarrierInput {
        based_on: c.based_on.clone(),
        name_en: c.name_en.clone(),
        name_zh: c.name_zh.clone(),
        country: c.country.clone(),
        zone: c.zone.clone(),
        rule: c.rule.clone(),
        grace: c.grace,
        renewal_methods: c.renewal_methods.clone(),
        balance_check: c.balance_check.clone(),
        notes: c.notes.clone(),
    }
    .validate()
    .map_err(|e| at.wrap(e))?;
    instant(&at, "createdAt", c.created_at)?;
    instant(&at, "updatedAt", c.updated_at)?;
    Ok(CarrierRecord {
        id: c.id,
        based_on: v.based_on,
        name_en: v.name_en,
        name_zh: v.name_zh,
        country: v.country,
        zone: v.zone,
        rule: v.rule,
        grace: v.grace,
        renewal_methods: v.renewal_methods,
        balance_check: v.balance_check,
        notes: v.notes,
        created_at: c.created_at,
        updated_at: c.updated_at,
    })
}

fn reminders(o: &LineReminderOverrides, at: &Location) -> Result<LineReminderOverrides> {
    let leads_days = o
        .leads_days
        .as_deref()
        .map(validate_leads)
        .transpose()
        .map_err(|e| at.clone().column("reminders.leadsDays").wrap(e))?;
    for (column, t) in [
        ("reminders.snoozedUntil", o.snoozed_until),
        ("reminders.nagDismissedFor", o.nag_dismissed_for),
    ] {
        if let Some(t) = t {
            instant(at, column, t)?;
        }
    }
    Ok(LineReminderOverrides {
        leads_days,
        ..o.clone()
    })
}

/// Whether `id` names a preset or one of the backup's own carriers.
fn known_carrier(id: &str, user_carriers: &HashSet<String>) -> bool {
    match id.strip_prefix(PRESET_PREFIX) {
        Some(slug) => preset(slug).is_some(),
        None => user_carriers.contains(id),
    }
}

fn missing_line(at: &Location, line_id: &str) -> CoreError {
    at.clone().column("lineId").wrap(CoreError::NotFound {
        what: "line",
        id: line_id.chars().take(64).collect(),
    })
}

fn plan(p: PlanRecord, i: usize, lines: &HashSet<String>) -> Result<PlanRecord> {
    let at = Location::new("plan", i + 1).id(&p.id);
    check_id(&p.id).map_err(|e| at.clone().column("id").wrap(e))?;
    if !lines.contains(&p.line_id) {
        return Err(missing_line(&at, &p.line_id));
    }
    let v = LinePlanInput {
        name: p.name.clone(),
        price: p.price.clone(),
        period: p.period,
        data_mb: p.data_mb,
        minutes: p.minutes,
        sms: p.sms,
        auto_renew: p.auto_renew,
        started_on: p.started_on,
        note: p.note.clone(),
    }
    .validate()
    .map_err(|e| at.wrap(e))?;
    instant(&at, "createdAt", p.created_at)?;
    instant(&at, "updatedAt", p.updated_at)?;
    Ok(PlanRecord {
        id: p.id,
        line_id: p.line_id,
        name: v.name,
        price: v.price,
        period: v.period,
        data_mb: v.data_mb,
        minutes: v.minutes,
        sms: v.sms,
        auto_renew: v.auto_renew,
        started_on: v.started_on,
        note: v.note,
        created_at: p.created_at,
        updated_at: p.updated_at,
    })
}

fn promotion(
    p: PromotionRecord,
    i: usize,
    lines: &HashSet<String>,
    user_carriers: &HashSet<String>,
) -> Result<PromotionRecord> {
    let at = Location::new("promotion", i + 1).id(&p.id);
    check_id(&p.id).map_err(|e| at.clone().column("id").wrap(e))?;
    let v = PromotionInput {
        line_id: p.line_id.clone(),
        carrier_id: p.carrier_id.clone(),
        text: p.text.clone(),
        remind_on: p.remind_on,
        expires_on: p.expires_on,
    }
    .validate()
    .map_err(|e| at.wrap(e))?;
    if let Some(line) = &v.line_id {
        if !lines.contains(line) {
            return Err(missing_line(&at, line));
        }
    }
    if let Some(id) = &v.carrier_id {
        if !known_carrier(id, user_carriers) {
            return Err(at
                .clone()
                .column("carrierId")
                .wrap(CoreError::UnknownCarrier {
                    id: id.chars().take(64).collect(),
                }));
        }
    }
    instant(&at, "createdAt", p.created_at)?;
    instant(&at, "updatedAt", p.updated_at)?;
    Ok(PromotionRecord {
        id: p.id,
        line_id: v.line_id,
        carrier_id: v.carrier_id,
        text: v.text,
        remind_on: v.remind_on,
        expires_on: v.expires_on,
        created_at: p.created_at,
        updated_at: p.updated_at,
    })
}

fn line(l: LineRecord, i: usize, user_carriers: &HashSet<String>) -> Result<LineRecord> {
    let at = Location::new("line", i + 1).id(&l.id);
    check_id(&l.id).map_err(|e| at.clone().column("id").wrap(e))?;
    let v = LineInput {
        number: l.e164.clone(),
        label: l.label.clone(),
        country: l.country.clone(),
        carrier: l.carrier.clone(),
        carrier_id: l.carrier_id.clone(),
        sim_kind: l.sim_kind,
        iccid: l.iccid.clone(),
        tags: l.tags.clone(),
        notes: l.notes.clone(),
    }
    .validate()
    .map_err(|e| at.wrap(e))?;
    if let Some(id) = &v.carrier_id {
        if !known_carrier(id, user_carriers) {
            return Err(at
                .clone()
                .column("carrierId")
                .wrap(CoreError::UnknownCarrier {
                    id: id.chars().take(64).collect(),
                }));
        }
    }
    let rule_override = l
        .rule_override
        .as_ref()
        .map(|r| r.validate())
        .transpose()
        .map_err(|e| at.clone().column("ruleOverride").wrap(e))?;
    let low_balance = l
        .low_balance
        .as_ref()
        .map(|m| m.validate(Field::LowBalance, false))
        .transpose()
        .map_err(|e| at.clone().column("lowBalance").wrap(e))?;
    instant(&at, "createdAt", l.created_at)?;
    instant(&at, "updatedAt", l.updated_at)?;
    if let Some(t) = l.archived_at {
        instant(&at, "archivedAt", t)?;
    }
    // Settings that say nothing (all defaults) are no settings, as the store reads them back.
    let reminders = l
        .reminders
        .as_ref()
        .map(|o| reminders(o, &at))
        .transpose()?
        .filter(|o| *o != LineReminderOverrides::default());
    Ok(LineRecord {
        id: l.id,
        e164: v.e164,
        label: v.label,
        country: v.country,
        carrier: v.carrier,
        carrier_id: v.carrier_id,
        sim_kind: v.sim_kind,
        iccid: v.iccid,
        tags: v.tags,
        notes: v.notes,
        rule_override,
        low_balance,
        created_at: l.created_at,
        updated_at: l.updated_at,
        archived_at: l.archived_at,
        reminders,
    })
}

fn event(
    e: EventRecord,
    i: usize,
    lines: &HashSet<String>,
    now: DateTime<Utc>,
) -> Result<EventRecord> {
    let at = Location::new("event", i + 1).id(&e.id);
    check_id(&e.id).map_err(|err| at.clone().column("id").wrap(err))?;
    if !lines.contains(&e.line_id) {
        return Err(at.clone().column("lineId").wrap(CoreError::NotFound {
            what: "line",
            id: e.line_id.chars().take(64).collect(),
        }));
    }
    let v = EventInput {
        occurred_at: e.occurred_at,
        kind: e.kind,
        amount: e.amount.clone(),
        method: e.method,
        channel: e.channel,
        reference: e.reference.clone(),
        note: e.note.clone(),
        balance_after: e.balance_after.clone(),
    }
    .validate(now)
    .map_err(|err| at.wrap(err))?;
    instant(&at, "createdAt", e.created_at)?;
    instant(&at, "updatedAt", e.updated_at)?;
    if let Some(t) = e.deleted_at {
        instant(&at, "deletedAt", t)?;
    }
    Ok(EventRecord {
        id: e.id,
        line_id: e.line_id,
        occurred_at: v.occurred_at,
        kind: v.kind,
        amount: v.amount,
        method: v.method,
        channel: v.channel,
        reference: v.reference,
        note: v.note,
        balance_after: v.balance_after,
        created_at: e.created_at,
        updated_at: e.updated_at,
        deleted_at: e.deleted_at,
    })
}

fn setting(key: &str, value: &serde_json::Value, i: usize) -> Result<serde_json::Value> {
    let at = Location::new("setting", i + 1).id(key);
    let bad = |reason: String| at.wrap(CoreError::BadFile { reason });
    if !BACKED_UP_SETTINGS.contains(&key) {
        return Err(bad(format!("unknown setting {key:?}")));
    }
    let normalized = if key == POLICY_KEY {
        let policy: ReminderPolicy =
            serde_json::from_value(value.clone()).map_err(|e| bad(e.to_string()))?;
        let known = serde_json::to_value(&policy).map_err(|e| bad(e.to_string()))?;
        if let Some(path) = super::unknown_field(value, &known) {
            return Err(at.clone().column(&path).wrap(CoreError::BadFile {
                reason: format!("unknown field {path:?}"),
            }));
        }
        let policy = validate_policy(&policy).map_err(|e| at.wrap(e))?;
        serde_json::to_value(policy).map_err(|e| bad(e.to_string()))?
    } else if key == LOCALE_KEY {
        let lang: Lang = serde_json::from_value(value.clone()).map_err(|e| bad(e.to_string()))?;
        serde_json::to_value(lang).map_err(|e| bad(e.to_string()))?
    } else {
        value.clone()
    };
    Ok(normalized)
}

/// Checks (and normalizes, as the forms would) every record; see the module docs.
pub(crate) fn validate(data: Data, now: DateTime<Utc>) -> Result<Data> {
    if data.lines.len() > RECORDS_MAX {
        return Err(too_many("lines"));
    }
    if data.events.len() > RECORDS_MAX {
        return Err(too_many("events"));
    }
    if data.carriers.len() > RECORDS_MAX {
        return Err(too_many("carriers"));
    }
    if data.plans.len() > RECORDS_MAX {
        return Err(too_many("plans"));
    }
    if data.promotions.len() > RECORDS_MAX {
        return Err(too_many("promotions"));
    }
    let mut carrier_ids = HashSet::new();
    let mut carriers = Vec::with_capacity(data.carriers.len());
    for (i, c) in data.carriers.into_iter().enumerate() {
        let c = carrier(c, i)?;
        if !carrier_ids.insert(c.id.clone()) {
            return Err(CoreError::DuplicateId {
                at: Location::new("carrier", i + 1).id(&c.id).column("id"),
                what: "carrier id",
            });
        }
        carriers.push(c);
    }
    let mut line_ids = HashSet::new();
    let mut numbers = HashSet::new();
    let mut lines = Vec::with_capacity(data.lines.len());
    for (i, l) in data.lines.into_iter().enumerate() {
        let l = line(l, i, &carrier_ids)?;
        if !line_ids.insert(l.id.clone()) {
            return Err(CoreError::DuplicateId {
                at: Location::new("line", i + 1).id(&l.id).column("id"),
                what: "line id",
            });
        }
        if !numbers.insert(l.e164.clone()) {
            return Err(CoreError::DuplicateId {
                at: Location::new("line", i + 1).id(&l.id).column("e164"),
                what: "number",
            });
        }
        lines.push(l);
    }
    let mut event_ids = HashSet::new();
    let mut events = Vec::with_capacity(data.events.len());
    for (i, e) in data.events.into_iter().enumerate() {
        let e = event(e, i, &line_ids, now)?;
        if !event_ids.insert(e.id.clone()) {
            return Err(CoreError::DuplicateId {
                at: Location::new("event", i + 1).id(&e.id).column("id"),
                what: "event id",
            });
        }
        events.push(e);
    }
    let mut plan_ids = HashSet::new();
    let mut plans_per_line: std::collections::HashMap<String, usize> = Default::default();
    let mut plans = Vec::with_capacity(data.plans.len());
    for (i, p) in data.plans.into_iter().enumerate() {
        let p = plan(p, i, &line_ids)?;
        if !plan_ids.insert(p.id.clone()) {
            return Err(CoreError::DuplicateId {
                at: Location::new("plan", i + 1).id(&p.id).column("id"),
                what: "plan id",
            });
        }
        let n = plans_per_line.entry(p.line_id.clone()).or_default();
        *n += 1;
        if *n > PLANS_MAX {
            return Err(Location::new("plan", i + 1)
                .id(&p.id)
                .column("lineId")
                .wrap(CoreError::TooMany {
                    field: Field::Name,
                    max: PLANS_MAX,
                }));
        }
        plans.push(p);
    }
    let mut promotion_ids = HashSet::new();
    let mut promotions = Vec::with_capacity(data.promotions.len());
    for (i, p) in data.promotions.into_iter().enumerate() {
        let p = promotion(p, i, &line_ids, &carrier_ids)?;
        if !promotion_ids.insert(p.id.clone()) {
            return Err(CoreError::DuplicateId {
                at: Location::new("promotion", i + 1).id(&p.id).column("id"),
                what: "promotion id",
            });
        }
        promotions.push(p);
    }
    let mut settings = std::collections::BTreeMap::new();
    for (i, (k, v)) in data.settings.iter().enumerate() {
        settings.insert(k.clone(), setting(k, v, i)?);
    }
    // The canonical order (the store's), whatever order the file had.
    carriers.sort_by(|a, b| a.id.cmp(&b.id));
    lines.sort_by(|a, b| a.id.cmp(&b.id));
    events.sort_by(|a, b| {
        (&a.line_id, a.occurred_at, &a.id).cmp(&(&b.line_id, b.occurred_at, &b.id))
    });
    plans.sort_by(|a, b| a.id.cmp(&b.id));
    promotions.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Data {
        lines,
        carriers,
        events,
        plans,
        promotions,
        settings,
    })
}
