//! Baohao core: the domain, rules, store and import/export of the app that keeps prepaid
//! numbers alive. This crate never depends on Tauri; the shell in `src-tauri` wraps it.

pub mod amount;
pub mod backup;
#[cfg(feature = "bench-data")]
pub mod bench_data;
pub mod carrier;
pub mod clock;
pub mod cost;
pub mod csv_io;
pub mod dashboard;
pub mod error;
pub mod event;
pub mod export;
pub mod files;
pub mod ics;
pub mod instant;
pub mod limits;
pub mod line;
pub mod line_plan;
pub mod phone;
pub mod planner;
pub mod planning;
pub mod promotion;
pub mod recovery;
pub mod reminders;
pub mod rules;
pub mod schedule;
pub mod store;
pub mod summary;
pub mod text;
pub mod texts;
pub mod zones;

pub use carrier::{CarrierPreset, Confidence, RenewalKind, RenewalMethod};
pub use clock::{Clock, FixedClock, OffsetClock, SystemClock};
pub use error::{CoreError, ErrorCode, Field, Location};
pub use event::{Event, EventInput, EventKind, Method, Money, PaymentChannel};
pub use line::{Line, LineInput, LineQuery, SimKind};
pub use rules::{
    evaluate, explain_text, Basis, BasisKind, Evaluation, Grace, GraceMode, KeepAliveRule, Lang,
    Period, RuleSpec, Status, Tier,
};
pub use store::Store;
pub use summary::{EvalContext, LineSummary};
