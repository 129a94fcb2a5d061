//! The core's one error type. Every variant maps to a stable [`ErrorCode`] and, where the
//! problem is in one input field, that [`Field`], so the UI can translate and place it.

use serde::{Deserialize, Serialize};
use specta::Type;

/// An input field an error can point at. Serialized in camelCase, matching the UI's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Id,
    Number,
    Label,
    Country,
    Carrier,
    SimKind,
    Iccid,
    Tags,
    Notes,
    Query,
    // Events (the renewal log).
    OccurredAt,
    EventKind,
    Amount,
    Currency,
    Method,
    Channel,
    Reference,
    Note,
    BalanceAfter,
    // Keep-alive rules.
    Rule,
    Period,
    Qualifying,
    Tiers,
    ExpiresOn,
    Anchor,
    Grace,
    Zone,
    Fee,
    BillingDay,
    // Carriers.
    NameEn,
    NameZh,
    RenewalMethods,
    BalanceCheck,
    LowBalance,
    // Plans and promotions.
    Name,
    Price,
    Allowance,
    StartedOn,
    Text,
    RemindOn,
    Target,
    // Reminders.
    // Reminders and settings.
    Leads,
    BalanceCheckEvery,
    Snooze,
    TimeOfDay,
    QuietHours,
    Locale,
}

impl Field {
    /// The field an input key names, as the UI sends it (`"occurredAt"`, `"userZone"`,
    /// `"leadsDays"`…): used to point an argument that could not be read at its field.
    /// `None` for keys that are containers or not fields (`"input"`, `"minor"`…).
    pub fn from_key(key: &str) -> Option<Field> {
        Some(match key {
            "id" | "lineId" => Field::Id,
            "number" | "e164" => Field::Number,
            "label" => Field::Label,
            "country" => Field::Country,
            "carrier" | "carrierId" | "basedOn" => Field::Carrier,
            "simKind" => Field::SimKind,
            "iccid" => Field::Iccid,
            "tags" => Field::Tags,
            "notes" => Field::Notes,
            "query" | "search" | "archive" => Field::Query,
            "occurredAt" => Field::OccurredAt,
            "amount" => Field::Amount,
            "currency" => Field::Currency,
            "method" => Field::Method,
            "channel" => Field::Channel,
            "reference" => Field::Reference,
            "note" => Field::Note,
            "balanceAfter" => Field::BalanceAfter,
            "rule" => Field::Rule,
            "period" => Field::Period,
            "qualifying" => Field::Qualifying,
            "tiers" | "stack" | "capDays" => Field::Tiers,
            "expiresOn" => Field::ExpiresOn,
            "anchor" => Field::Anchor,
            "grace" => Field::Grace,
            "zone" | "userZone" => Field::Zone,
            "nameEn" => Field::NameEn,
            "nameZh" => Field::NameZh,
            "renewalMethods" => Field::RenewalMethods,
            "balanceCheck" => Field::BalanceCheck,
            "threshold" | "lowBalance" => Field::LowBalance,
            "leads" | "leadsDays" => Field::Leads,
            "balanceCheckEveryDays" => Field::BalanceCheckEvery,
            "snooze" | "choice" | "snoozedUntil" => Field::Snooze,
            "timeOfDay" => Field::TimeOfDay,
            "quietHours" => Field::QuietHours,
            "locale" => Field::Locale,
            _ => return None,
        })
    }
}

/// Stable, machine-readable error codes. The UI has a translation for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooLong,
    InvalidNumber,
    DuplicateNumber,
    InvalidCountry,
    InvalidIccid,
    InvalidText,
    TooMany,
    NotFound,
    Storage,
    Migration,
    OutOfRange,
    InvalidCurrency,
    InvalidZone,
    TiersOutOfOrder,
    InvalidRule,
    ReadOnly,
    // Opening the database (the recovery screen says which).
    /// Not a database, malformed, or failing its integrity check.
    DatabaseDamaged,
    /// Made by a newer Baohao (a higher schema version).
    DatabaseNewer,
    /// The file or its folder cannot be read or written (permissions, a directory, …).
    DatabaseUnreadable,
    /// The disk (or the app's quota) is full.
    DiskFull,
    // Files (backups, CSV, calendar).
    /// A file could not be read or written.
    FileIo,
    FileTooLarge,
    /// The file ends early (an interrupted copy or download).
    FileTruncated,
    /// The text is in an encoding Baohao cannot read.
    FileEncoding,
    /// Not a file of the expected kind, or its structure is broken.
    BadFile,
    /// A backup written in a format version this Baohao does not know.
    UnsupportedVersion,
    /// Two records in one file have the same id (or number).
    DuplicateId,
    /// A value that could not be read at all (a date that is not a date, a number that is not
    /// a number, a choice that does not exist).
    InvalidValue,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{field:?} is required")]
    Required { field: Field },
    #[error("{field:?} is longer than {max} characters")]
    TooLong { field: Field, max: usize },
    #[error("{field:?} has more than {max} items")]
    TooMany { field: Field, max: usize },
    #[error("{field:?} contains characters that are not allowed")]
    InvalidText { field: Field },
    #[error("not a valid phone number: {reason}")]
    InvalidNumber { reason: String },
    #[error("the number {e164} is already saved")]
    DuplicateNumber { e164: String },
    #[error("unknown country code {0:?}")]
    InvalidCountry(String),
    #[error("an ICCID has 18 to 22 digits")]
    InvalidIccid,
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("could not migrate the database: {0}")]
    Migration(String),
    #[error("{field:?} is out of range")]
    OutOfRange { field: Field },
    #[error("unknown ISO 4217 currency code {code:?}")]
    InvalidCurrency { field: Field, code: String },
    #[error("unknown IANA time zone {0:?}")]
    InvalidZone(String),
    #[error("{field:?}: amounts must be strictly increasing")]
    TiersOutOfOrder { field: Field },
    #[error("{field:?} is not a valid rule: {reason}")]
    InvalidRule { field: Field, reason: &'static str },
    #[error("a {what} cannot be changed")]
    ReadOnly { what: &'static str },
    #[error("{field:?} could not be read: {reason}")]
    InvalidValue {
        field: Option<Field>,
        reason: String,
    },
    #[error("could not encode {0}")]
    Encode(String),
    #[error("no carrier with id {id}")]
    UnknownCarrier { id: String },
    #[error("carrier preset {id:?} is not valid: {reason}")]
    InvalidPreset { id: String, reason: String },
    #[error("the database is damaged: {detail}")]
    DatabaseDamaged { detail: String },
    #[error("the database was made by a newer Baohao (schema {found}, this app knows up to {supported}); update Baohao")]
    DatabaseNewer { found: u32, supported: u32 },
    #[error("the database cannot be opened: {detail}")]
    DatabaseUnreadable { detail: String },
    #[error("the disk is full")]
    DiskFull,
    #[error("{what}: {detail}")]
    FileIo { what: String, detail: String },
    #[error("the file is larger than {max_bytes} bytes")]
    FileTooLarge { max_bytes: u64 },
    #[error("the file ends early: {detail}")]
    FileTruncated { detail: String },
    #[error("the file is not UTF-8 or GBK text")]
    FileEncoding,
    #[error("{reason}")]
    BadFile { reason: String },
    #[error("the file is format version {found}; this Baohao reads versions up to {supported}")]
    UnsupportedVersion { found: u64, supported: u32 },
    #[error("{at}: the same {what} appears twice")]
    DuplicateId { at: Location, what: &'static str },
    /// An error found earlier and kept as data (a CSV preview's cell error).
    #[error("{message}")]
    Rejected {
        code: ErrorCode,
        field: Option<Field>,
        message: String,
    },
    /// An error in one record (or row) of a file; code and field are the inner error's.
    #[error("{at}: {source}")]
    InRecord {
        at: Location,
        source: Box<CoreError>,
    },
}

/// Where in a file an error is: the record's kind and position, its id if it has one, and
/// the column (CSV) or field name (JSON) when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// `line`, `event`, `carrier`, `setting` (backups) or `row` (CSV).
    pub record: &'static str,
    /// Backups: 0-based position in its list. CSV: the 1-based row number as a spreadsheet
    /// shows it (the header is row 1).
    pub index: u32,
    pub id: Option<String>,
    /// The CSV column name or the JSON field name.
    pub column: Option<String>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.record {
            "row" => write!(f, "row {}", self.index)?,
            r => write!(f, "{r} #{}", self.index)?,
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", {c}")?;
        }
        Ok(())
    }
}

impl Location {
    pub fn new(record: &'static str, index: usize) -> Self {
        Self {
            record,
            index: u32::try_from(index).unwrap_or(u32::MAX),
            id: None,
            column: None,
        }
    }

    pub fn id(mut self, id: &str) -> Self {
        self.id = Some(id.chars().take(64).collect());
        self
    }

    pub fn column(mut self, column: &str) -> Self {
        self.column = Some(column.to_owned());
        self
    }

    /// Wraps `e` as an error at this location (an error already located keeps its place).
    pub fn wrap(&self, e: CoreError) -> CoreError {
        match e {
            CoreError::InRecord { .. } | CoreError::DuplicateId { .. } => e,
            other => CoreError::InRecord {
                at: self.clone(),
                source: Box::new(other),
            },
        }
    }
}

/// Whether a SQLite error means the disk (or quota) is full.
pub fn is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull)
}

impl CoreError {
    /// A file-system error while `what`; a full disk becomes [`CoreError::DiskFull`].
    pub fn io(what: impl Into<String>, e: &std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28) {
            return Self::DiskFull;
        }
        Self::FileIo {
            what: what.into(),
            detail: e.to_string(),
        }
    }

    /// Where in a file the error is, if it is about one record.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::InRecord { at, .. } | Self::DuplicateId { at, .. } => Some(at),
            _ => None,
        }
    }
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Required { .. } => ErrorCode::Required,
            Self::TooLong { .. } => ErrorCode::TooLong,
            Self::TooMany { .. } => ErrorCode::TooMany,
            Self::InvalidText { .. } => ErrorCode::InvalidText,
            Self::InvalidNumber { .. } => ErrorCode::InvalidNumber,
            Self::DuplicateNumber { .. } => ErrorCode::DuplicateNumber,
            Self::InvalidCountry(_) => ErrorCode::InvalidCountry,
            Self::InvalidIccid => ErrorCode::InvalidIccid,
            Self::NotFound { .. } | Self::UnknownCarrier { .. } => ErrorCode::NotFound,
            Self::Storage(e) if is_disk_full(e) => ErrorCode::DiskFull,
            Self::Storage(_) | Self::Encode(_) => ErrorCode::Storage,
            Self::ReadOnly { .. } => ErrorCode::ReadOnly,
            Self::Migration(_) => ErrorCode::Migration,
            Self::OutOfRange { .. } => ErrorCode::OutOfRange,
            Self::InvalidCurrency { .. } => ErrorCode::InvalidCurrency,
            Self::InvalidZone(_) => ErrorCode::InvalidZone,
            Self::TiersOutOfOrder { .. } => ErrorCode::TiersOutOfOrder,
            Self::InvalidRule { .. } | Self::InvalidPreset { .. } => ErrorCode::InvalidRule,
            Self::DatabaseDamaged { .. } => ErrorCode::DatabaseDamaged,
            Self::DatabaseNewer { .. } => ErrorCode::DatabaseNewer,
            Self::DatabaseUnreadable { .. } => ErrorCode::DatabaseUnreadable,
            Self::DiskFull => ErrorCode::DiskFull,
            Self::FileIo { .. } => ErrorCode::FileIo,
            Self::FileTooLarge { .. } => ErrorCode::FileTooLarge,
            Self::FileTruncated { .. } => ErrorCode::FileTruncated,
            Self::FileEncoding => ErrorCode::FileEncoding,
            Self::BadFile { .. } => ErrorCode::BadFile,
            Self::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            Self::DuplicateId { .. } => ErrorCode::DuplicateId,
            Self::InRecord { source, .. } => source.code(),
            Self::Rejected { code, .. } => *code,
            Self::InvalidValue { .. } => ErrorCode::InvalidValue,
        }
    }

    /// The input field the error is about, if any.
    pub fn field(&self) -> Option<Field> {
        match self {
            Self::Required { field }
            | Self::TooLong { field, .. }
            | Self::TooMany { field, .. }
            | Self::InvalidText { field }
            | Self::OutOfRange { field }
            | Self::InvalidCurrency { field, .. }
            | Self::TiersOutOfOrder { field }
            | Self::InvalidRule { field, .. } => Some(*field),
            Self::InvalidZone(_) => Some(Field::Zone),
            Self::InvalidPreset { .. } | Self::UnknownCarrier { .. } => Some(Field::Carrier),
            Self::InvalidNumber { .. } | Self::DuplicateNumber { .. } => Some(Field::Number),
            Self::InvalidCountry(_) => Some(Field::Country),
            Self::InvalidIccid => Some(Field::Iccid),
            Self::NotFound { .. } => Some(Field::Id),
            Self::Storage(_) | Self::Migration(_) | Self::Encode(_) => None,
            Self::ReadOnly { .. } => Some(Field::Id),
            Self::DuplicateId { .. } => Some(Field::Id),
            Self::InRecord { source, .. } => source.field(),
            Self::Rejected { field, .. } => *field,
            Self::DatabaseDamaged { .. }
            | Self::DatabaseNewer { .. }
            | Self::DatabaseUnreadable { .. }
            | Self::DiskFull
            | Self::FileIo { .. }
            | Self::FileTooLarge { .. }
            | Self::FileTruncated { .. }
            | Self::FileEncoding
            | Self::BadFile { .. }
            | Self::UnsupportedVersion { .. } => None,
            Self::InvalidValue { field, .. } => *field,
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
