//! The core's one error type. Every variant maps to a stable [`ErrorCode`] and, where the
//! problem is in one input field, that [`Field`], so the UI can translate and place it.

use serde::Serialize;
use specta::Type;

/// An input field an error can point at. Serialized in camelCase, matching the UI's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
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
    // Carriers.
    NameEn,
    NameZh,
    RenewalMethods,
    BalanceCheck,
    LowBalance,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
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
            Self::Storage(_) | Self::Encode(_) => ErrorCode::Storage,
            Self::ReadOnly { .. } => ErrorCode::ReadOnly,
            Self::Migration(_) => ErrorCode::Migration,
            Self::OutOfRange { .. } => ErrorCode::OutOfRange,
            Self::InvalidCurrency { .. } => ErrorCode::InvalidCurrency,
            Self::InvalidZone(_) => ErrorCode::InvalidZone,
            Self::TiersOutOfOrder { .. } => ErrorCode::TiersOutOfOrder,
            Self::InvalidRule { .. } | Self::InvalidPreset { .. } => ErrorCode::InvalidRule,
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
            Self::InvalidValue { field, .. } => *field,
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
