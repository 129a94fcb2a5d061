//! Application state: the one owner of the store, the clock, and the signal that tells
//! reminder delivery the data changed.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use baohao_core::planner::Lang;
use baohao_core::{Clock, CoreError, EvalContext, Store};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::error::ShellError;
use crate::platform::Services;

/// Shared by every command. Database work runs on the blocking pool, never the UI thread.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
    pub info: Arc<StaticInfo>,
    pub services: Arc<dyn Services>,
    /// Raised after every change of data or settings; reminder delivery waits on it.
    pub changes: Arc<Signal>,
    /// The device's time zone, read when needed (the user may travel); tests set their own.
    zone: Arc<dyn Fn() -> Tz + Send + Sync>,
}

/// Facts fixed at start-up.
#[derive(Debug, Clone)]
pub struct StaticInfo {
    pub data_dir: String,
}

/// A counter with a condition variable: `notify` bumps it, `wait` returns when it moved past
/// what the waiter saw, or when the timeout ends. No polling.
#[derive(Debug, Default)]
pub struct Signal {
    generation: Mutex<u64>,
    cv: Condvar,
}

impl Signal {
    pub fn notify(&self) {
        let mut g = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        *g = g.wrapping_add(1);
        self.cv.notify_all();
    }

    pub fn current(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until the generation differs from `seen` or `timeout` passes; returns the
    /// generation then.
    pub fn wait(&self, seen: u64, timeout: Duration) -> u64 {
        let guard = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .cv
            .wait_timeout_while(guard, timeout, |g| *g == seen)
            .unwrap_or_else(|p| p.into_inner());
        *guard
    }
}

/// The setting that holds the language notifications are written in.
pub const LOCALE_KEY: &str = baohao_core::store::LOCALE_KEY;

impl AppState {
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        info: StaticInfo,
        services: Arc<dyn Services>,
    ) -> Self {
        Self {
            store: Arc::new(Mutex::new(store)),
            clock,
            info: Arc::new(info),
            services,
            changes: Arc::new(Signal::default()),
            zone: Arc::new(crate::platform::system_zone),
        }
    }

    /// The same state reading the device's zone from `zone` (tests move the device).
    pub fn with_zone_source(mut self, zone: Arc<dyn Fn() -> Tz + Send + Sync>) -> Self {
        self.zone = zone;
        self
    }

    /// The same state with `zone` standing for the OS zone (tests and generated fixtures,
    /// which must not depend on the machine they run on).
    pub fn with_system_zone(self, zone: Tz) -> Self {
        self.with_zone_source(Arc::new(move || zone))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The OS zone: the default for the reminder policy's zone.
    pub fn system_zone(&self) -> Tz {
        (self.zone)()
    }

    /// Locks the store on the calling thread. Only for background threads (reminder
    /// delivery); commands use [`Self::with_store`].
    pub fn lock_store(&self) -> Result<MutexGuard<'_, Store>, ShellError> {
        self.store
            .lock()
            .map_err(|_| ShellError::Unavailable("a previous operation failed".into()))
    }

    /// The language notifications use: the UI's choice, else the system locale's.
    pub fn notice_lang(store: &Store) -> Lang {
        store
            .setting::<Lang>(LOCALE_KEY)
            .ok()
            .flatten()
            .unwrap_or_else(|| match crate::platform::system_locale() {
                Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::ZhCn,
                _ => Lang::En,
            })
    }

    /// Runs `f` with the store on the blocking thread pool (reads).
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, DateTime<Utc>) -> Result<T, CoreError> + Send + 'static,
    {
        self.with_store_ctx(move |s, ctx| f(s, ctx.now)).await
    }

    /// Like [`Self::with_store`], with the full evaluation context (the policy's zone and
    /// due-soon window).
    pub async fn with_store_ctx<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, EvalContext) -> Result<T, CoreError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        let now = self.now();
        let zone = self.system_zone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store
                .lock()
                .map_err(|_| ShellError::Unavailable("a previous operation failed".into()))?;
            let ctx = guard.eval_context(now, zone)?;
            f(&mut guard, ctx).map_err(ShellError::from)
        })
        .await
        .map_err(|e| ShellError::Task(e.to_string()))?
    }

    /// A write: like [`Self::with_store`], then tells reminder delivery the data changed.
    pub async fn mutate<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, DateTime<Utc>) -> Result<T, CoreError> + Send + 'static,
    {
        let out = self.with_store(f).await?;
        self.changes.notify();
        Ok(out)
    }

    /// A write with the evaluation context.
    pub async fn mutate_ctx<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, EvalContext) -> Result<T, CoreError> + Send + 'static,
    {
        let out = self.with_store_ctx(f).await?;
        self.changes.notify();
        Ok(out)
    }
}
