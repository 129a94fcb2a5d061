//! Application state: the one owner of the store, and the clock.

use std::sync::{Arc, Mutex};

use baohao_core::{Clock, Store};
use chrono::{DateTime, Utc};

use crate::error::ShellError;

/// Shared by every command. Database work runs on the blocking pool, never the UI thread.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
    pub info: Arc<StaticInfo>,
}

/// Facts fixed at start-up.
#[derive(Debug, Clone)]
pub struct StaticInfo {
    pub data_dir: String,
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>, info: StaticInfo) -> Self {
        Self {
            store: Arc::new(Mutex::new(store)),
            clock,
            info: Arc::new(info),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Runs `f` with the store on the blocking thread pool.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, DateTime<Utc>) -> Result<T, baohao_core::CoreError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        let now = self.now();
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
