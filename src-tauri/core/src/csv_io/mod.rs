//! CSV: importing many numbers at once (a template, or any file with a column mapping), and
//! exporting lines and events. The columns are documented in `docs/csv-format.md`.
//!
//! Reading ([`read_csv`]) accepts UTF-8 (with or without a byte order mark), UTF-16 with a
//! byte order mark (Excel's "Unicode text"), and GBK/GB 18030 (what Chinese spreadsheets save):
//! text that is not valid UTF-8 is read as GBK. The separator (`,`, `;` or tab) is sniffed
//! from the first line, and a header row is recognised by its column names (English or
//! Chinese). Nothing is written until [`crate::Store::csv_import`], which first checks every
//! row ([`crate::Store::csv_preview`] shows the same result: each row's errors with its row
//! number and column) and then writes all rows in one transaction, or none.
//!
//! Exported cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) get a leading `'`; the importer removes it again.

mod export;
mod import;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, ErrorCode, Field, Result};
use crate::files::MAX_FILE_BYTES;

pub use export::neutralize;
pub use import::{parse_when, CellError, CsvImportReport, CsvPreview, RowPreview};

/// Most data rows a CSV file may have.
pub const CSV_MAX_ROWS: usize = 100_000;
/// Most columns a row may have.
pub const CSV_MAX_COLUMNS: usize = 200;

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CsvColumn {
    Number,
    Label,
    Country,
    Carrier,
    SimKind,
    Iccid,
    LastRenewalDate,
    Kind,
    Amount,
    Currency,
    Tags,
    Notes,
}

impl CsvColumn {
    /// The template's columns, in its order.
    pub const TEMPLATE: [CsvColumn; 10] = [
        Self::Number,
        Self::Label,
        Self::Country,
        Self::Carrier,
        Self::LastRenewalDate,
        Self::Kind,
        Self::Amount,
        Self::Currency,
        Self::Tags,
        Self::Notes,
    ];

    /// Every column, in the order a lines export writes them.
    pub const ALL: [CsvColumn; 12] = [
        Self::Number,
        Self::Label,
        Self::Country,
        Self::Carrier,
        Self::SimKind,
        Self::Iccid,
        Self::LastRenewalDate,
        Self::Kind,
        Self::Amount,
        Self::Currency,
        Self::Tags,
        Self::Notes,
    ];

    /// The header name Baohao writes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Label => "label",
            Self::Country => "country",
            Self::Carrier => "carrier",
            Self::SimKind => "sim_kind",
            Self::Iccid => "iccid",
            Self::LastRenewalDate => "last_renewal_date",
            Self::Kind => "kind",
            Self::Amount => "amount",
            Self::Currency => "currency",
            Self::Tags => "tags",
            Self::Notes => "notes",
        }
    }

    /// Other header names recognised (lower case, spaces and `_`/`-` removed).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Number => &[
                "number",
                "phone",
                "phonenumber",
                "mobile",
                "msisdn",
                "tel",
                "号码",
                "手机号",
                "手机号码",
                "电话",
                "电话号码",
            ],
            Self::Label => &["label", "name", "名称", "名字", "备注名"],
            Self::Country => &[
                "country",
                "region",
                "countrycode",
                "国家",
                "地区",
                "国家/地区",
                "国家地区",
            ],
            Self::Carrier => &["carrier", "operator", "network", "provider", "运营商"],
            Self::SimKind => &[
                "simkind",
                "sim",
                "simtype",
                "kindofsim",
                "卡类型",
                "sim卡类型",
            ],
            Self::Iccid => &["iccid"],
            Self::LastRenewalDate => &[
                "lastrenewaldate",
                "lastrenewal",
                "lastrenewed",
                "renewedon",
                "date",
                "上次续费",
                "上次续费日期",
                "最近续费",
                "最近续费日期",
                "续费日期",
            ],
            Self::Kind => &[
                "kind",
                "renewalkind",
                "type",
                "activity",
                "续费类型",
                "类型",
                "方式",
            ],
            Self::Amount => &["amount", "金额"],
            Self::Currency => &["currency", "币种", "货币"],
            Self::Tags => &["tags", "tag", "标签"],
            Self::Notes => &["notes", "note", "comment", "comments", "备注"],
        }
    }

    /// The column a header names, if any.
    pub fn from_header(header: &str) -> Option<Self> {
        let key: String = crate::text::normalize_width(header)
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
            .collect();
        Self::ALL
            .into_iter()
            .find(|c| c.aliases().iter().any(|a| a.replace(['_', '-'], "") == key))
    }

    /// The form field an error in this column is about.
    pub fn field(self) -> Field {
        match self {
            Self::Number => Field::Number,
            Self::Label => Field::Label,
            Self::Country => Field::Country,
            Self::Carrier => Field::Carrier,
            Self::SimKind => Field::SimKind,
            Self::Iccid => Field::Iccid,
            Self::LastRenewalDate => Field::OccurredAt,
            Self::Kind => Field::EventKind,
            Self::Amount => Field::Amount,
            Self::Currency => Field::Currency,
            Self::Tags => Field::Tags,
            Self::Notes => Field::Notes,
        }
    }

    /// The column a form field's error belongs in.
    pub fn of_field(field: Field) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.field() == field)
    }
}

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf16,
    Gbk,
}

/// One data row: its row number as a spreadsheet shows it (the first line is row 1) and its
/// cells, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CsvRow {
    pub row: u32,
    pub cells: Vec<String>,
}

/// A CSV file read into rows, with the mapping Baohao suggests from its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CsvTable {
    pub encoding: TextEncoding,
    /// `,`, `;` or a tab.
    pub delimiter: String,
    /// Whether the first row was a header (then it is not in `rows`).
    pub has_header: bool,
    /// The header's cells, or `column 1`, `column 2`, … without one.
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
    /// For each column of the file, what it holds (`null`: ignored). Without a header, the
    /// template's order.
    pub mapping: Vec<Option<CsvColumn>>,
}

fn decode(bytes: &[u8]) -> Result<(String, TextEncoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), TextEncoding::Utf8))
            .map_err(|_| CoreError::FileEncoding);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(CoreError::FileEncoding);
        }
        return Ok((text.into_owned(), TextEncoding::Utf16));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), TextEncoding::Utf8));
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (s.into_owned(), TextEncoding::Gbk))
        .ok_or(CoreError::FileEncoding)
}

/// The separator of the first non-empty line: the most frequent of `,`, `;` and tab outside
/// quotes (`,` on a tie or when there is none).
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut comma, mut semi, mut tab, mut quoted) = (0, 0, 0, false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Reads a CSV file's bytes into a [`CsvTable`] (see the module docs). Errors:
/// [`CoreError::FileTooLarge`] (over 50 MB or 100 000 rows), [`CoreError::FileEncoding`],
/// [`CoreError::BadFile`] (no rows, a broken quote, too many columns).
pub fn read_csv(bytes: &[u8]) -> Result<CsvTable> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CoreError::FileTooLarge {
            max_bytes: MAX_FILE_BYTES,
        });
    }
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records: Vec<CsvRow> = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| CoreError::BadFile {
            reason: format!("row {}: {e}", i + 1),
        })?;
        if rec.len() > CSV_MAX_COLUMNS {
            return Err(CoreError::BadFile {
                reason: format!("row {}: more than {CSV_MAX_COLUMNS} columns", i + 1),
            });
        }
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if records.len() > CSV_MAX_ROWS {
            return Err(CoreError::FileTooLarge {
                max_bytes: MAX_FILE_BYTES,
            });
        }
        records.push(CsvRow {
            row: u32::try_from(i + 1).unwrap_or(u32::MAX),
            cells,
        });
    }
    let Some(first) = records.first() else {
        return Err(CoreError::BadFile {
            reason: "the file has no rows".into(),
        });
    };
    let header_map: Vec<Option<CsvColumn>> = first
        .cells
        .iter()
        .map(|c| CsvColumn::from_header(c))
        .collect();
    let has_header = header_map.iter().any(Option::is_some);
    let width = records.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let (headers, mapping, rows) = if has_header {
        let mut headers = first.cells.clone();
        headers.resize(width, String::new());
        let mut mapping = header_map;
        mapping.resize(width, None);
        // A column named twice counts once (the first).
        let mut seen = Vec::new();
        for m in mapping.iter_mut() {
            if let Some(c) = *m {
                if seen.contains(&c) {
                    *m = None;
                } else {
                    seen.push(c);
                }
            }
        }
        (headers, mapping, records[1..].to_vec())
    } else {
        let headers = (1..=width).map(|i| format!("column {i}")).collect();
        let mapping = (0..width)
            .map(|i| CsvColumn::TEMPLATE.get(i).copied())
            .collect();
        (headers, mapping, records)
    };
    Ok(CsvTable {
        encoding,
        delimiter: char::from(delimiter).to_string(),
        has_header,
        headers,
        rows,
        mapping,
    })
}

/// The template: the header row and one example row, UTF-8 with a byte order mark (so Excel
/// reads the Chinese example right).
pub fn csv_template() -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let header: Vec<&str> = CsvColumn::TEMPLATE.iter().map(|c| c.name()).collect();
    out.extend_from_slice(header.join(",").as_bytes());
    out.extend_from_slice(
        b"\r\n'+639123456789,Smart travel SIM,PH,preset:ph-smart,2026-03-01,topup,300.00,PHP,travel|\xE6\x97\x85\xE8\xA1\x8C,bought in Manila\r\n",
    );
    out
}

/// An error in a cell, as the preview lists it.
pub(crate) fn cell_error(
    row: u32,
    column: Option<CsvColumn>,
    header: &str,
    e: &CoreError,
) -> CellError {
    CellError {
        row,
        column,
        column_name: header.to_owned(),
        code: e.code(),
        field: e.field(),
        message: e.to_string(),
    }
}

/// A table-level error (the mapping).
pub(crate) fn table_error(reason: &str) -> CellError {
    CellError {
        row: 0,
        column: None,
        column_name: String::new(),
        code: ErrorCode::BadFile,
        field: None,
        message: reason.to_owned(),
    }
}
