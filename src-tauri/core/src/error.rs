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
    Leads,
    BalanceCheckEvery,
    Snooze,
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
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
