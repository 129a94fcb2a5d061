//! Checking and importing the rows of a CSV table.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use specta::Type;
use uuid::Uuid;

use super::{cell_error, table_error, CsvColumn, CsvTable};
use crate::amount::parse_amount;
use crate::backup::{EventRecord, LineRecord};
use crate::carrier::{Carrier, PRESET_PREFIX, USER_PREFIX};
use crate::error::{CoreError, ErrorCode, Field, Location, Result};
use crate::event::{EventInput, EventKind};
use crate::line::{check_iccid, check_tags, LineInput, SimKind, CARRIER_MAX, LABEL_MAX, NOTES_MAX};
use crate::rules::parse_zone;
use crate::text::{check_text, normalize_width};

/// An error in one cell (or, with row 0, in the mapping).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CellError {
    /// The row as a spreadsheet shows it (the header is row 1); 0 for the whole table.
    pub row: u32,
    pub column: Option<CsvColumn>,
    /// The column's header in the file (or `column N`).
    pub column_name: String,
    pub code: ErrorCode,
    pub field: Option<Field>,
    /// English, for logs and the command line.
    pub message: String,
}

/// One row as it would be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RowPreview {
    pub row: u32,
    /// E.164 when valid, else the cell as written.
    pub number: String,
    pub label: String,
    pub carrier: String,
    pub last_renewal: Option<DateTime<Utc>>,
    pub errors: Vec<CellError>,
}

/// Every row checked, nothing written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CsvPreview {
    pub rows: Vec<RowPreview>,
    pub valid_rows: u32,
    pub invalid_rows: u32,
    /// Problems with the mapping itself (no number column, a column mapped twice).
    pub table_errors: Vec<CellError>,
}

impl CsvPreview {
    /// Every error, table errors first, then by row.
    pub fn errors(&self) -> impl Iterator<Item = &CellError> {
        self.table_errors
            .iter()
            .chain(self.rows.iter().flat_map(|r| r.errors.iter()))
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CsvImportReport {
    pub lines: u32,
    pub events: u32,
}

/// What checking a row needs from the store and the caller.
pub(crate) struct Context<'a> {
    pub carriers: &'a [Carrier],
    pub existing_numbers: HashSet<String>,
    pub default_zone: Tz,
    pub now: DateTime<Utc>,
}

/// A checked row, ready to write.
pub(crate) struct Checked {
    pub line: LineRecord,
    pub event: Option<EventRecord>,
}

/// Removes the `'` an export put before a cell a spreadsheet would run as a formula.
fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn parse_kind(s: &str) -> Option<EventKind> {
    let k: String = normalize_width(s)
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .collect();
    Some(match k.as_str() {
        "topup" | "recharge" | "reload" | "load" | "充值" | "充值缴费" | "缴费" => {
            EventKind::Topup
        }
        "call" | "通话" | "电话" | "打电话" => EventKind::Call,
        "sms" | "text" | "短信" | "发短信" => EventKind::Sms,
        "data" | "上网" | "流量" => EventKind::Data,
        "planpayment" | "plan" | "套餐" | "套餐付款" | "月租" => EventKind::PlanPayment,
        "balancecheck" | "balance" | "余额查询" | "查余额" => EventKind::BalanceCheck,
        "other" | "其他" | "其它" => EventKind::Other,
        _ => return None,
    })
}

fn parse_sim(s: &str) -> Option<SimKind> {
    let k: String = normalize_width(s)
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .collect();
    match k.as_str() {
        "" | "physical" | "sim" | "physicalsim" | "card" | "实体卡" | "实体" | "sim卡" => {
            Some(SimKind::Physical)
        }
        "esim" | "embedded" | "电子卡" => Some(SimKind::Esim),
        _ => None,
    }
}

/// A date (`2026-03-01`, `2026/3/1`, `2026.03.01`, `2026年3月1日`), a local date and time
/// (`2026-03-01 14:30`), or an RFC 3339 instant. A date means noon in `zone`, so it falls on
/// that date in the carrier's zone whatever the offset.
pub fn parse_when(s: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let s = normalize_width(s);
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let unified: String = s
        .replace(['年', '月', '/', '.'], "-")
        .replace('日', "")
        .replace('T', " ");
    let unified = unified.trim();
    let local = if let Ok(d) = NaiveDate::parse_from_str(unified, "%Y-%m-%d") {
        d.and_time(NaiveTime::from_hms_opt(12, 0, 0)?)
    } else {
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(unified, f).ok())?
    };
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The carrier a cell names: an id (`preset:…`, `user:…`, or a preset's slug) or a name;
/// `Ok(None)` for a name Baohao does not know (kept as text).
fn find_carrier<'a>(
    cell: &str,
    country: &str,
    carriers: &'a [Carrier],
) -> Result<Option<&'a Carrier>> {
    if cell.starts_with(PRESET_PREFIX) || cell.starts_with(USER_PREFIX) {
        return carriers
            .iter()
            .find(|c| c.id == cell)
            .map(Some)
            .ok_or_else(|| CoreError::UnknownCarrier {
                id: cell.chars().take(64).collect(),
            });
    }
    let as_preset = format!("{PRESET_PREFIX}{cell}");
    if let Some(c) = carriers.iter().find(|c| c.id == as_preset) {
        return Ok(Some(c));
    }
    let lower = cell.to_lowercase();
    let named: Vec<&Carrier> = carriers
        .iter()
        .filter(|c| c.name_en.to_lowercase() == lower || c.name_zh == cell)
        .collect();
    let in_country: Vec<&&Carrier> = named
        .iter()
        .filter(|c| country.is_empty() || c.country.eq_ignore_ascii_case(country))
        .collect();
    Ok(match (in_country.as_slice(), named.as_slice()) {
        ([one], _) => Some(**one),
        ([], [one]) => Some(*one),
        _ => None,
    })
}

/// Checks one row; returns the records to write, or its errors (every cell's, in column
/// order).
pub(crate) fn check_row(
    cells: &[String],
    row: u32,
    headers: &[String],
    mapping: &[Option<CsvColumn>],
    ctx: &Context<'_>,
    seen_numbers: &mut HashSet<String>,
) -> (RowPreview, Option<Checked>) {
    let get = |col: CsvColumn| -> (&str, &str) {
        mapping
            .iter()
            .position(|m| *m == Some(col))
            .map_or(("", col.name()), |i| {
                (
                    cells.get(i).map_or("", |c| unneutralize(c)),
                    headers.get(i).map_or(col.name(), String::as_str),
                )
            })
    };
    let errors = std::cell::RefCell::new(Vec::new());
    let fail = |col: CsvColumn, e: CoreError| {
        errors
            .borrow_mut()
            .push(cell_error(row, Some(col), get(col).1, &e));
    };

    let (raw_number, _) = get(CsvColumn::Number);
    let (raw_label, _) = get(CsvColumn::Label);
    let (raw_country, _) = get(CsvColumn::Country);
    let (raw_carrier, _) = get(CsvColumn::Carrier);

    let label = match check_text(Field::Label, raw_label, LABEL_MAX, false) {
        Ok(l) if l.is_empty() => {
            fail(
                CsvColumn::Label,
                CoreError::Required {
                    field: Field::Label,
                },
            );
            l
        }
        Ok(l) => l,
        Err(e) => {
            fail(CsvColumn::Label, e);
            String::new()
        }
    };
    let country = normalize_width(raw_country).trim().to_ascii_uppercase();
    if !country.is_empty() {
        if let Err(e) = crate::phone::parse_country(&country) {
            fail(CsvColumn::Country, e);
        }
    }
    let carrier_text = match check_text(Field::Carrier, raw_carrier, CARRIER_MAX, false) {
        Ok(c) => c,
        Err(e) => {
            fail(CsvColumn::Carrier, e);
            String::new()
        }
    };
    let carrier = if carrier_text.is_empty() {
        None
    } else {
        match find_carrier(&carrier_text, &country, ctx.carriers) {
            Ok(c) => c,
            Err(e) => {
                fail(CsvColumn::Carrier, e);
                None
            }
        }
    };
    let sim_kind = parse_sim(get(CsvColumn::SimKind).0).unwrap_or_else(|| {
        fail(
            CsvColumn::SimKind,
            CoreError::InvalidRule {
                field: Field::SimKind,
                reason: "use physical or esim",
            },
        );
        SimKind::Physical
    });
    let iccid = match check_iccid(Some(get(CsvColumn::Iccid).0)) {
        Ok(i) => i,
        Err(e) => {
            fail(CsvColumn::Iccid, e);
            None
        }
    };
    let raw_tags: Vec<String> = get(CsvColumn::Tags)
        .0
        .split(['|', ',', ';', '，', '、', '；'])
        .map(str::to_owned)
        .collect();
    let tags = check_tags(&raw_tags).unwrap_or_else(|e| {
        fail(CsvColumn::Tags, e);
        Vec::new()
    });
    let notes =
        check_text(Field::Notes, get(CsvColumn::Notes).0, NOTES_MAX, true).unwrap_or_else(|e| {
            fail(CsvColumn::Notes, e);
            String::new()
        });

    // The last renewal: a date, a kind (a top-up by default), an amount with its currency.
    let zone = carrier
        .and_then(|c| parse_zone(&c.zone).ok())
        .unwrap_or(ctx.default_zone);
    let (raw_date, _) = get(CsvColumn::LastRenewalDate);
    let (raw_kind, _) = get(CsvColumn::Kind);
    let (raw_amount, _) = get(CsvColumn::Amount);
    let (raw_currency, _) = get(CsvColumn::Currency);
    let when = if raw_date.is_empty() {
        if !raw_kind.is_empty() || !raw_amount.is_empty() {
            fail(
                CsvColumn::LastRenewalDate,
                CoreError::Required {
                    field: Field::OccurredAt,
                },
            );
        }
        None
    } else {
        let t = parse_when(raw_date, zone);
        if t.is_none() {
            fail(
                CsvColumn::LastRenewalDate,
                CoreError::OutOfRange {
                    field: Field::OccurredAt,
                },
            );
        }
        t
    };
    let kind = if raw_kind.is_empty() {
        EventKind::Topup
    } else {
        parse_kind(raw_kind).unwrap_or_else(|| {
            fail(
                CsvColumn::Kind,
                CoreError::InvalidRule {
                    field: Field::EventKind,
                    reason: "use topup, call, sms, data, plan_payment, balance_check or other",
                },
            );
            EventKind::Topup
        })
    };
    let amount = if raw_amount.is_empty() {
        None
    } else {
        match parse_amount(Field::Amount, raw_amount, raw_currency, false) {
            Ok(m) => Some(m),
            Err(e) => {
                let col = CsvColumn::of_field(e.field().unwrap_or(Field::Amount))
                    .unwrap_or(CsvColumn::Amount);
                fail(col, e);
                None
            }
        }
    };
    let event_input = when.map(|occurred_at| EventInput {
        occurred_at,
        kind,
        amount: amount.clone(),
        method: None,
        channel: None,
        reference: String::new(),
        note: String::new(),
        balance_after: None,
    });
    let event_input = match event_input.map(|e| e.validate(ctx.now)).transpose() {
        Ok(e) => e,
        Err(e) => {
            let col = CsvColumn::of_field(e.field().unwrap_or(Field::OccurredAt))
                .unwrap_or(CsvColumn::LastRenewalDate);
            fail(col, e);
            None
        }
    };

    // The number last: its check needs the country.
    let region = if country.is_empty() {
        None
    } else {
        crate::phone::parse_country(&country).ok()
    };
    let number = normalize_width(raw_number);
    let number = number.trim();
    if number.is_empty() {
        fail(
            CsvColumn::Number,
            CoreError::Required {
                field: Field::Number,
            },
        );
    } else if region.is_none() && !number.starts_with('+') {
        if country.is_empty() {
            fail(
                CsvColumn::Country,
                CoreError::Required {
                    field: Field::Country,
                },
            );
        }
    } else {
        match crate::phone::parse_number(number, region) {
            Ok(p) => {
                if ctx.existing_numbers.contains(&p.e164) || !seen_numbers.insert(p.e164.clone()) {
                    fail(
                        CsvColumn::Number,
                        CoreError::DuplicateNumber { e164: p.e164 },
                    );
                }
            }
            Err(e) => fail(CsvColumn::Number, e),
        }
    }
    // Then the whole line as the form validates it (which normalizes the country).
    let valid = if !errors.borrow().is_empty() {
        Err(CoreError::Required {
            field: Field::Number,
        })
    } else {
        LineInput {
            number: raw_number.to_owned(),
            label: label.clone(),
            country: country.clone(),
            carrier: carrier_text.clone(),
            carrier_id: carrier.map(|c| c.id.clone()),
            sim_kind,
            iccid: iccid.clone(),
            tags: tags.clone(),
            notes: notes.clone(),
        }
        .validate()
    };
    let mut number_shown = raw_number.to_owned();
    let valid = match valid {
        Ok(v) => {
            number_shown = v.e164.clone();
            Some(v)
        }
        Err(e) => {
            // With errors already reported the line was not validated again.
            if errors.borrow().is_empty() {
                let col = e
                    .field()
                    .and_then(CsvColumn::of_field)
                    .unwrap_or(CsvColumn::Number);
                fail(col, e);
            }
            None
        }
    };
    // In the file's column order.
    let mut errors = errors.into_inner();
    errors.sort_by_key(|e| {
        e.column
            .and_then(|c| mapping.iter().position(|m| *m == Some(c)))
            .unwrap_or(usize::MAX)
    });
    let carrier_name = carrier.map_or(carrier_text, |c| {
        if c.name_en.is_empty() {
            c.name_zh.clone()
        } else {
            c.name_en.clone()
        }
    });
    let preview = RowPreview {
        row,
        number: number_shown,
        label,
        carrier: carrier_name.clone(),
        last_renewal: when,
        errors: errors.clone(),
    };
    let checked = match (valid, errors.is_empty()) {
        (Some(v), true) => {
            let id = Uuid::new_v4().to_string();
            let event = event_input.map(|e| EventRecord {
                id: Uuid::new_v4().to_string(),
                line_id: id.clone(),
                occurred_at: e.occurred_at,
                kind: e.kind,
                amount: e.amount,
                method: None,
                channel: None,
                reference: String::new(),
                note: String::new(),
                balance_after: None,
                created_at: ctx.now,
                updated_at: ctx.now,
                deleted_at: None,
            });
            Some(Checked {
                line: LineRecord {
                    id,
                    e164: v.e164,
                    label: v.label,
                    country: v.country,
                    carrier: carrier_name,
                    carrier_id: v.carrier_id,
                    sim_kind: v.sim_kind,
                    iccid: v.iccid,
                    tags: v.tags,
                    notes: v.notes,
                    rule_override: None,
                    low_balance: None,
                    created_at: ctx.now,
                    updated_at: ctx.now,
                    archived_at: None,
                    reminders: None,
                },
                event,
            })
        }
        _ => None,
    };
    (preview, checked)
}

/// Checks the mapping: exactly one number column, no column mapped twice, as many entries
/// as the table has columns at most.
pub(crate) fn check_mapping(table: &CsvTable, mapping: &[Option<CsvColumn>]) -> Vec<CellError> {
    let mut errors = Vec::new();
    if !mapping.contains(&Some(CsvColumn::Number)) {
        errors.push(table_error("no column is mapped to the number"));
    }
    if !mapping.contains(&Some(CsvColumn::Label)) {
        errors.push(table_error("no column is mapped to the label"));
    }
    let mut seen = Vec::new();
    for c in mapping.iter().flatten() {
        if seen.contains(c) {
            errors.push(table_error(&format!("{} is mapped twice", c.name())));
        }
        seen.push(*c);
    }
    if mapping.len() > table.headers.len().max(1) {
        errors.push(table_error("the mapping has more columns than the file"));
    }
    errors
}

/// Checks every row of `table` under `mapping`; returns the preview and the records of the
/// rows that passed.
pub(crate) fn check_table(
    table: &CsvTable,
    mapping: &[Option<CsvColumn>],
    ctx: &Context<'_>,
) -> (CsvPreview, Vec<Checked>) {
    let table_errors = check_mapping(table, mapping);
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut checked = Vec::with_capacity(table.rows.len());
    for r in &table.rows {
        let (preview, c) = check_row(&r.cells, r.row, &table.headers, mapping, ctx, &mut seen);
        rows.push(preview);
        checked.extend(c);
    }
    let invalid = rows.iter().filter(|r| !r.errors.is_empty()).count();
    let preview = CsvPreview {
        valid_rows: u32::try_from(rows.len() - invalid).unwrap_or(u32::MAX),
        invalid_rows: u32::try_from(invalid).unwrap_or(u32::MAX),
        rows,
        table_errors,
    };
    (preview, checked)
}

/// The first error of a preview as a [`CoreError`] naming its row and column.
pub(crate) fn first_error(preview: &CsvPreview) -> Option<CoreError> {
    let e = preview.errors().next()?;
    let rejected = CoreError::Rejected {
        code: e.code,
        field: e.field,
        message: e.message.clone(),
    };
    if e.row == 0 {
        return Some(rejected);
    }
    let at = Location::new("row", e.row as usize).column(&e.column_name);
    Some(at.wrap(rejected))
}
