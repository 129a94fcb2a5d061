//! Exporting lines and events as CSV (UTF-8 with a byte order mark, comma-separated, CRLF),
//! and the store's import entry points.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

use super::import::{check_table, first_error, Context, CsvImportReport, CsvPreview};
use super::{CsvColumn, CsvTable};
use crate::amount::format_amount;
use crate::error::{CoreError, Result};
use crate::line::{ArchiveFilter, LineQuery};
use crate::rules::{local_date, parse_zone};
use crate::store::Store;
use crate::summary::EvalContext;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) gets a leading `'`, which spreadsheets show as text and the importer
/// removes.
pub fn neutralize(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn write_rows(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let enc = |e: csv::Error| CoreError::Encode(e.to_string());
        w.write_record(header).map_err(enc)?;
        for row in rows {
            w.write_record(row.iter().map(|c| neutralize(c)))
                .map_err(enc)?;
        }
        w.flush().map_err(|e| CoreError::Encode(e.to_string()))?;
    }
    Ok(out)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Store {
    /// Checks every row of `table` under `mapping` (see [`CsvTable::mapping`] for a
    /// suggestion) without writing anything. A date without a time means noon in the row's
    /// carrier's zone, or in `default_zone` (the user's) without a carrier.
    pub fn csv_preview(
        &self,
        table: &CsvTable,
        mapping: &[Option<CsvColumn>],
        default_zone: Tz,
        now: DateTime<Utc>,
    ) -> Result<CsvPreview> {
        let carriers = self.list_carriers()?;
        let ctx = Context {
            carriers: &carriers,
            existing_numbers: self.all_numbers()?,
            default_zone,
            now,
        };
        Ok(check_table(table, mapping, &ctx).0)
    }

    /// Imports every row of `table`, all or nothing: when any row has an error nothing is
    /// written and the first error is returned, naming its row and column
    /// ([`CoreError::InRecord`]); otherwise the lines and their last renewals are written in
    /// one transaction.
    pub fn csv_import(
        &mut self,
        table: &CsvTable,
        mapping: &[Option<CsvColumn>],
        default_zone: Tz,
        now: DateTime<Utc>,
    ) -> Result<CsvImportReport> {
        let carriers = self.list_carriers()?;
        let ctx = Context {
            carriers: &carriers,
            existing_numbers: self.all_numbers()?,
            default_zone,
            now,
        };
        let (preview, checked) = check_table(table, mapping, &ctx);
        if let Some(e) = first_error(&preview) {
            return Err(e);
        }
        let lines: Vec<_> = checked.iter().map(|c| c.line.clone()).collect();
        let events: Vec<_> = checked.iter().filter_map(|c| c.event.clone()).collect();
        self.insert_records(&lines, &events, now)?;
        Ok(CsvImportReport {
            lines: u32::try_from(lines.len()).unwrap_or(u32::MAX),
            events: u32::try_from(events.len()).unwrap_or(u32::MAX),
        })
    }

    /// Every line (archived ones too) in the template's columns plus SIM kind and ICCID. The
    /// last renewal is the latest logged event that is not a balance check, its date in the
    /// zone of the line's rule (UTC without one). Importing the file into another Baohao gives
    /// the same lines.
    pub fn export_lines_csv(&self, now: DateTime<Utc>) -> Result<Vec<u8>> {
        let ctx = EvalContext {
            now,
            user_zone: Tz::UTC,
            due_soon_days: 1,
        };
        let mut summaries = self.line_summaries(
            &LineQuery {
                search: None,
                archive: ArchiveFilter::All,
                needs_action: false,
                ..Default::default()
            },
            &ctx,
        )?;
        summaries.sort_by(|a, b| {
            a.line
                .label
                .to_lowercase()
                .cmp(&b.line.label.to_lowercase())
                .then_with(|| a.line.e164.cmp(&b.line.e164))
        });
        let rows = summaries
            .into_iter()
            .map(|s| {
                let zone = s
                    .rule
                    .as_ref()
                    .and_then(|r| parse_zone(&r.zone).ok())
                    .unwrap_or(Tz::UTC);
                let last = s.last_renewal.as_ref();
                let l = s.line;
                let carrier = l
                    .carrier_id
                    .clone()
                    .filter(|id| id.starts_with("preset:"))
                    .unwrap_or(l.carrier);
                vec![
                    l.e164,
                    l.label,
                    l.country,
                    carrier,
                    l.sim_kind.as_str().to_owned(),
                    l.iccid.unwrap_or_default(),
                    last.map(|e| local_date(e.occurred_at, zone).to_string())
                        .unwrap_or_default(),
                    last.map(|e| e.kind.as_str().to_owned()).unwrap_or_default(),
                    last.and_then(|e| e.amount.as_ref())
                        .map(format_amount)
                        .unwrap_or_default(),
                    last.and_then(|e| e.amount.as_ref())
                        .map(|m| m.currency.clone())
                        .unwrap_or_default(),
                    l.tags.join("|"),
                    l.notes,
                ]
            })
            .collect();
        let header: Vec<&str> = CsvColumn::ALL.iter().map(|c| c.name()).collect();
        write_rows(&header, rows)
    }

    /// Every logged event (deleted ones left out), oldest first, with its line's number and
    /// label. Instants are RFC 3339 UTC.
    pub fn export_events_csv(&self) -> Result<Vec<u8>> {
        let data = self.snapshot()?;
        let lines: std::collections::HashMap<&str, (&str, &str)> = data
            .lines
            .iter()
            .map(|l| (l.id.as_str(), (l.e164.as_str(), l.label.as_str())))
            .collect();
        let mut events: Vec<_> = data
            .events
            .iter()
            .filter(|e| e.deleted_at.is_none())
            .collect();
        events.sort_by(|a, b| {
            a.occurred_at
                .cmp(&b.occurred_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        let rows = events
            .into_iter()
            .map(|e| {
                let (number, label) = lines.get(e.line_id.as_str()).copied().unwrap_or_default();
                vec![
                    number.to_owned(),
                    label.to_owned(),
                    rfc3339(e.occurred_at),
                    e.kind.as_str().to_owned(),
                    e.amount.as_ref().map(format_amount).unwrap_or_default(),
                    e.amount
                        .as_ref()
                        .map(|m| m.currency.clone())
                        .unwrap_or_default(),
                    e.method.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                    e.channel.map(|c| c.as_str().to_owned()).unwrap_or_default(),
                    e.reference.clone(),
                    e.note.clone(),
                    e.balance_after
                        .as_ref()
                        .map(format_amount)
                        .unwrap_or_default(),
                    e.balance_after
                        .as_ref()
                        .map(|m| m.currency.clone())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        write_rows(
            &[
                "number",
                "label",
                "occurred_at",
                "kind",
                "amount",
                "currency",
                "method",
                "channel",
                "reference",
                "note",
                "balance_after",
                "balance_currency",
            ],
            rows,
        )
    }
}
