//! Checks for free text a user types: trimmed, bounded, no control characters.

use crate::error::{CoreError, Field, Result};

/// Trims `value` and checks it is at most `max` characters with no control characters
/// (newlines and tabs allowed when `multiline`). Emoji, RTL text and SQL-looking text are
/// fine: they are stored as they are, through bound parameters.
pub fn check_text(field: Field, value: &str, max: usize, multiline: bool) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(CoreError::TooLong { field, max });
    }
    let bad = value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')));
    if bad {
        return Err(CoreError::InvalidText { field });
    }
    Ok(value.to_owned())
}
