//! The keep-alive rules engine: pure functions from a line's rule and its events to the
//! instants that matter (`act_by`, `lost_at`), a status and an explanation. No I/O; the caller
//! passes `now`.
//!
//! - [`rule`]: [`KeepAliveRule`], [`RuleSpec`] (rule + [`Grace`] + IANA zone) and validation.
//! - [`deadline`]: [`evaluate`] → [`Evaluation`], [`Status`], [`end_of_local_day`].
//! - [`balance`]: the `balance` rule (a balance drawn down by a monthly fee).
//! - [`counts`]: whether a logged event counts under a rule ([`NotCounted`] says why not).
//! - [`explain`]: the structured [`Basis`] and [`explain_text`] in English or Chinese.

pub mod balance;
pub mod counts;
pub mod deadline;
pub mod explain;
pub mod rule;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_balance;

pub use balance::{BalanceForecast, HORIZON_MONTHS};
pub use counts::{event_counts, uncounted_events, NotCounted, UncountedEvent};
pub use deadline::{end_of_local_day, evaluate, local_date, status_at, Evaluation, Status};
pub use explain::{explain_text, zone_city, Basis, BasisKind, Lang};
pub use rule::{parse_zone, Grace, GraceMode, KeepAliveRule, Period, RuleSpec, Tier};
