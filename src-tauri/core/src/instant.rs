//! The range of instants Baohao stores and shows: 1900-01-01T00:00:00Z to
//! 9999-12-31T23:59:59.999Z. Inside it an instant is four-digit-year RFC 3339 text (what the
//! store writes and reads back, what JSON carries, what the UI's `Date` formats); chrono goes
//! much further (year 262 143), and a deadline computed from a rule date near 9999 plus a grace
//! period, or in a zone west of UTC, can leave it. Inputs outside are refused
//! ([`check_instant`]); the rules engine reports such a deadline as out of range instead of
//! returning it.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{CoreError, Field, Result};

/// 1900-01-01T00:00:00Z.
pub fn earliest_instant() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(1900, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc())
}

/// 9999-12-31T23:59:59.999Z.
pub fn latest_instant() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 999))
        .map_or(DateTime::<Utc>::MAX_UTC, |t| t.and_utc())
}

/// Whether `t` is inside the stored range.
pub fn in_range(t: DateTime<Utc>) -> bool {
    (earliest_instant()..=latest_instant()).contains(&t)
}

/// `t` if it is inside the range, else `out_of_range` on `field`.
pub fn check_instant(field: Field, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if in_range(t) {
        Ok(t)
    } else {
        Err(CoreError::OutOfRange { field })
    }
}

/// `t` moved into the range. Used only as the store's last line of defence, so a write can
/// never leave text the store cannot read back; inputs are checked before they get there.
pub fn clamp(t: DateTime<Utc>) -> DateTime<Utc> {
    t.clamp(earliest_instant(), latest_instant())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, SecondsFormat};

    #[test]
    fn the_range_ends_are_four_digit_years_that_parse_back() {
        for t in [earliest_instant(), latest_instant()] {
            let text = t.to_rfc3339_opts(SecondsFormat::Millis, true);
            assert_eq!(text.find('-'), Some(4), "{text}");
            assert_eq!(DateTime::parse_from_rfc3339(&text).unwrap(), t);
        }
        let beyond = latest_instant() + Duration::milliseconds(1);
        assert!(!in_range(beyond));
        assert_eq!(clamp(beyond), latest_instant());
        assert!(check_instant(Field::Snooze, beyond).is_err());
        assert!(check_instant(Field::Snooze, earliest_instant()).is_ok());
    }
}
