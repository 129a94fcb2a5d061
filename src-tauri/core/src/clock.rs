//! The only source of "now". Production uses [`SystemClock`]; tests inject [`FixedClock`].

use std::sync::Mutex;

use chrono::{DateTime, Utc};

/// Something that tells the current instant.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stays where it is told to be. Used by tests (and the e2e test-clock feature).
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        match self.0.lock() {
            Ok(mut guard) => *guard = at,
            Err(poisoned) => *poisoned.into_inner() = at,
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        let now = self.now();
        self.set(now + by);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        match self.0.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

/// The real clock shifted by an offset: it keeps running in real time from wherever it was
/// set. The end-to-end tests start the app at a chosen instant with it (`BAOHAO_TEST_NOW`, in
/// builds with the shell's `test-clock` feature only), so timers really fire.
#[derive(Debug)]
pub struct OffsetClock(chrono::Duration);

impl OffsetClock {
    /// A clock that reads `at` now and runs on from there.
    pub fn starting_at(at: DateTime<Utc>) -> Self {
        Self(at - Utc::now())
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_offset_clock_starts_where_it_is_told_and_runs_on() {
        let at = Utc.with_ymd_and_hms(2030, 1, 1, 8, 59, 50).unwrap();
        let c = OffsetClock::starting_at(at);
        let a = c.now();
        let b = c.now();
        assert!(a >= at && a - at < chrono::Duration::seconds(5));
        assert!(b >= a);
        let fixed = FixedClock::new(at);
        fixed.advance(chrono::Duration::days(1));
        assert_eq!(fixed.now(), at + chrono::Duration::days(1));
    }
}
