//! Baohao core: the domain, rules, store and import/export of the app that keeps prepaid
//! numbers alive. This crate never depends on Tauri; the shell in `src-tauri` wraps it.

pub mod clock;
pub mod error;
pub mod line;
pub mod phone;
pub mod store;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, ErrorCode, Field};
pub use line::{Line, LineInput, LineQuery, SimKind};
pub use store::Store;
