//! How values are written to and read from SQLite columns: instants as RFC 3339 UTC text
//! (millisecond precision), structured values as JSON text, money as two columns, settings as
//! JSON in the `setting` table. One place, so every table stores them alike.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::event::Money;

/// An instant as stored: RFC 3339 UTC text with milliseconds. Clamped into
/// [`crate::instant`]'s range so what is written always reads back (inputs are checked for the
/// range before they get here; this is the last line of defence).
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    crate::instant::clamp(t).to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
}

pub(crate) fn parse_ts(idx: usize, s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| conversion(idx, e))
}

/// A JSON column (column `idx`, for the error).
pub(crate) fn from_json<T: DeserializeOwned>(idx: usize, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| conversion(idx, e))
}

/// A nullable JSON column.
pub(crate) fn from_json_opt<T: DeserializeOwned>(
    idx: usize,
    s: Option<String>,
) -> rusqlite::Result<Option<T>> {
    s.map(|s| from_json(idx, &s)).transpose()
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| CoreError::Encode(e.to_string()))
}

pub(crate) fn money_cols(minor: Option<i64>, currency: Option<String>) -> Option<Money> {
    match (minor, currency) {
        (Some(minor), Some(currency)) => Some(Money { minor, currency }),
        _ => None,
    }
}

/// Writes a setting (inside or outside a transaction: a `Transaction` derefs to this).
pub(crate) fn put_setting<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, to_json(value)?],
    )?;
    Ok(())
}
