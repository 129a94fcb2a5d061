//! Wall-clock arithmetic in the user's zone that never panics on DST gaps and overlaps.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Timelike, Utc,
};
use chrono_tz::Tz;

use super::policy::QuietHours;

/// Longest run of wall-clock minutes that can be skipped by a transition (Samoa skipped a whole
/// day in 2011), plus margin.
const MAX_GAP_MINUTES: u32 = 26 * 60;

/// `t` without its sub-second part.
pub(crate) fn floor_secs(t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_nanosecond(0).unwrap_or(t)
}

/// `t` rounded up to the next whole second.
pub(crate) fn ceil_secs(t: DateTime<Utc>) -> DateTime<Utc> {
    let floor = floor_secs(t);
    if floor == t {
        t
    } else {
        floor
            .checked_add_signed(Duration::seconds(1))
            .unwrap_or(floor)
    }
}

/// A time of day without its sub-second part.
pub(crate) fn whole_time(t: NaiveTime) -> NaiveTime {
    t.with_nanosecond(0).unwrap_or(t)
}

/// The user-local wall-clock time of an instant (UTC's at the ends of the calendar).
pub(crate) fn local_naive(t: DateTime<Utc>, zone: Tz) -> NaiveDateTime {
    let off = zone.offset_from_utc_datetime(&t.naive_utc()).fix();
    t.naive_utc()
        .checked_add_offset(off)
        .unwrap_or(t.naive_utc())
}

/// The user-local date of an instant.
pub(crate) fn local_date(t: DateTime<Utc>, zone: Tz) -> NaiveDate {
    local_naive(t, zone).date()
}

/// The user-local wall time of an instant.
pub(crate) fn local_time(t: DateTime<Utc>, zone: Tz) -> NaiveTime {
    local_naive(t, zone).time()
}

/// Every instant the wall-clock time `ndt` denotes in `zone`, earliest first: one normally, two
/// in an overlap, and in a gap the first valid instant after it (the transition itself, found
/// minute by minute).
fn instants(zone: Tz, ndt: NaiveDateTime) -> Vec<DateTime<Utc>> {
    match zone.from_local_datetime(&ndt) {
        LocalResult::Single(t) => vec![t.with_timezone(&Utc)],
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            vec![a.min(b), a.max(b)]
        }
        LocalResult::None => {
            let mut probe = ndt
                .with_second(0)
                .unwrap_or(ndt)
                .with_nanosecond(0)
                .unwrap_or(ndt);
            for _ in 0..MAX_GAP_MINUTES {
                probe = match probe.checked_add_signed(Duration::minutes(1)) {
                    Some(p) => p,
                    None => return Vec::new(),
                };
                match zone.from_local_datetime(&probe) {
                    LocalResult::Single(t) => return vec![t.with_timezone(&Utc)],
                    LocalResult::Ambiguous(a, b) => {
                        return vec![a.with_timezone(&Utc).min(b.with_timezone(&Utc))]
                    }
                    LocalResult::None => {}
                }
            }
            Vec::new()
        }
    }
}

/// The instant of wall-clock `tod` on `date` in `zone`: in a gap the first valid instant after
/// it, in an overlap the earliest. `None` only at the ends of chrono's calendar.
pub(crate) fn local_instant(zone: Tz, date: NaiveDate, tod: NaiveTime) -> Option<DateTime<Utc>> {
    instants(zone, date.and_time(whole_time(tod)))
        .into_iter()
        .next()
}

/// The first instant strictly after `after` whose wall time in `zone` is `tod` (gaps resolved
/// as in [`local_instant`]).
pub(crate) fn next_wall(zone: Tz, after: DateTime<Utc>, tod: NaiveTime) -> Option<DateTime<Utc>> {
    let d = local_date(after, zone);
    for offset in -1..=2 {
        let date = d.checked_add_signed(Duration::days(offset))?;
        if let Some(t) = instants(zone, date.and_time(whole_time(tod)))
            .into_iter()
            .find(|t| *t > after)
        {
            return Some(t);
        }
    }
    None
}

/// The last instant at or before `at` whose wall time in `zone` is `tod`.
pub(crate) fn prev_wall(zone: Tz, at: DateTime<Utc>, tod: NaiveTime) -> Option<DateTime<Utc>> {
    let d = local_date(at, zone);
    for offset in [1, 0, -1, -2] {
        let date = d.checked_add_signed(Duration::days(offset))?;
        if let Some(t) = instants(zone, date.and_time(whole_time(tod)))
            .into_iter()
            .rev()
            .find(|t| *t <= at)
        {
            return Some(t);
        }
    }
    None
}

impl QuietHours {
    /// Quiet hours that start when they end cover nothing.
    pub fn is_empty(&self) -> bool {
        whole_time(self.start) == whole_time(self.end)
    }

    /// Whether the wall time `t` falls inside `[start, end)`.
    pub fn contains(&self, t: NaiveTime) -> bool {
        let (start, end, t) = (whole_time(self.start), whole_time(self.end), whole_time(t));
        match start.cmp(&end) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => start <= t && t < end,
            std::cmp::Ordering::Greater => t >= start || t < end,
        }
    }

    /// Whether the instant `at` falls inside quiet hours in `zone`.
    pub fn contains_instant(&self, at: DateTime<Utc>, zone: Tz) -> bool {
        self.contains(local_time(at, zone))
    }

    /// If `at` is quiet, the end of that quiet period (the next instant whose wall time is
    /// `end`); otherwise `at`. `None` if no non-quiet instant could be found.
    pub(crate) fn push_to_end(&self, at: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let mut at = at;
        // A DST transition can land the first `end` inside the quiet hours again; a few rounds
        // always get out.
        for _ in 0..4 {
            if !self.contains_instant(at, zone) {
                return Some(at);
            }
            at = next_wall(zone, at, self.end)?;
        }
        (!self.contains_instant(at, zone)).then_some(at)
    }

    /// If `at` is quiet, one minute before that quiet period began; otherwise `at`.
    pub(crate) fn pull_before_start(&self, at: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        if !self.contains_instant(at, zone) {
            return Some(at);
        }
        let start = prev_wall(zone, at, self.start)?;
        let before = start.checked_sub_signed(Duration::minutes(1))?;
        (!self.contains_instant(before, zone)).then_some(before)
    }
}
