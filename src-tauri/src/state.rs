//! Application state: the one owner of the store, and the clock.

use std::sync::{Arc, Mutex};

use baohao_core::{Clock, EvalContext, Store};

/// A line is "due soon" inside the first (longest) default reminder lead.
pub const DUE_SOON_DAYS: u32 = 30;
use chrono::{DateTime, Utc};

use crate::error::ShellError;
use crate::platform::UriOpener;

/// Shared by every command. Database work runs on the blocking pool, never the UI thread.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
    pub info: Arc<StaticInfo>,
    pub opener: Arc<dyn UriOpener>,
}

/// Facts fixed at start-up.
#[derive(Debug, Clone)]
pub struct StaticInfo {
    pub data_dir: String,
}

impl AppState {
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        info: StaticInfo,
        opener: Arc<dyn UriOpener>,
    ) -> Self {
        Self {
            store: Arc::new(Mutex::new(store)),
            clock,
            info: Arc::new(info),
            opener,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// What summaries are computed against: now, the user's zone, the due-soon window.
    pub fn eval_context(&self) -> EvalContext {
        EvalContext {
            now: self.now(),
            user_zone: crate::platform::system_zone(),
            due_soon_days: DUE_SOON_DAYS,
        }
    }

    /// Runs `f` with the store on the blocking thread pool.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, DateTime<Utc>) -> Result<T, baohao_core::CoreError> + Send + 'static,
    {
        let now = self.now();
        self.with_store_ctx(move |s, _| f(s, now)).await
    }

    /// Like [`Self::with_store`], with the full evaluation context.
    pub async fn with_store_ctx<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, EvalContext) -> Result<T, baohao_core::CoreError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        let now = self.eval_context();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store
                .lock()
                .map_err(|_| ShellError::Unavailable("a previous operation failed".into()))?;
            f(&mut guard, now).map_err(ShellError::from)
        })
        .await
        .map_err(|e| ShellError::Task(e.to_string()))?
    }
}
