//! Application state: the one owner of the store, the clock, and the signal that tells
//! reminder delivery the data changed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use baohao_core::backup::auto::backups_dir;
use baohao_core::planner::Lang;
use baohao_core::{Clock, CoreError, ErrorCode, EvalContext, Store};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::error::ShellError;
use crate::platform::Services;

/// Shared by every command. Database work runs on the blocking pool, never the UI thread.
///
/// The store is set once: at start when the database opens, or later by one of the recovery
/// choices when it did not (see [`Recovery`]). Until then every command that needs it fails
/// with `recovery_needed`.
#[derive(Clone)]
pub struct AppState {
    store: Arc<OnceLock<Mutex<Store>>>,
    /// Why the database could not be opened at start, until a recovery choice succeeds; and
    /// where the bad file went afterwards.
    recovery: Arc<Mutex<RecoverySlot>>,
    /// What a normal start does once the store is there (reminders, tray, automatic
    /// backups); set by setup while in recovery and run by the recovery choice that succeeds.
    on_ready: Arc<Mutex<Option<OnReady>>>,
    clock: Arc<dyn Clock>,
    pub info: Arc<StaticInfo>,
    pub services: Arc<dyn Services>,
    /// Raised after every change of data or settings; reminder delivery waits on it.
    pub changes: Arc<Signal>,
    /// The device's time zone, read when needed (the user may travel); tests set their own.
    zone: Arc<dyn Fn() -> Tz + Send + Sync>,
}

/// What starts once the store is open (see [`AppState::set_on_ready`]).
pub type OnReady = Box<dyn FnOnce(&AppState) + Send>;

/// Facts fixed at start-up.
#[derive(Debug, Clone)]
pub struct StaticInfo {
    pub data_dir: String,
    /// The data directory itself (the database and the `backups` folder live in it).
    pub dir: PathBuf,
    /// The database file.
    pub db: PathBuf,
}

impl StaticInfo {
    pub fn new(dir: &Path, db_file: &str) -> Self {
        Self {
            data_dir: dir.display().to_string(),
            dir: dir.to_path_buf(),
            db: dir.join(db_file),
        }
    }

    /// Where automatic backups are kept.
    pub fn backups_dir(&self) -> PathBuf {
        backups_dir(&self.dir)
    }
}

/// Why the database could not be opened at start: the error's code and its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub code: ErrorCode,
    pub message: String,
    /// `database_newer`: the schema version found and the newest this app knows.
    pub found_version: Option<u32>,
    pub supported_version: Option<u32>,
}

impl Recovery {
    pub fn from_error(e: &CoreError) -> Self {
        let (found_version, supported_version) = match e {
            CoreError::DatabaseNewer { found, supported } => (Some(*found), Some(*supported)),
            _ => (None, None),
        };
        Self {
            code: e.code(),
            message: e.to_string(),
            found_version,
            supported_version,
        }
    }
}

/// The recovery part of the state.
#[derive(Debug, Default)]
pub struct RecoverySlot {
    /// Set while the app waits for a recovery choice.
    pub pending: Option<Recovery>,
    /// Where the bad database was moved by the choice that succeeded.
    pub set_aside: Option<PathBuf>,
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
        let state = Self::empty(clock, info, services);
        let _ = state.store.set(Mutex::new(store));
        state
    }

    /// A state without a store, waiting for a recovery choice.
    pub fn recovering(
        recovery: Recovery,
        clock: Arc<dyn Clock>,
        info: StaticInfo,
        services: Arc<dyn Services>,
    ) -> Self {
        let state = Self::empty(clock, info, services);
        state.lock_recovery().pending = Some(recovery);
        state
    }

    fn empty(clock: Arc<dyn Clock>, info: StaticInfo, services: Arc<dyn Services>) -> Self {
        Self {
            store: Arc::new(OnceLock::new()),
            recovery: Arc::new(Mutex::new(RecoverySlot::default())),
            on_ready: Arc::new(Mutex::new(None)),
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
        lock(&self.store)
    }

    /// Whether the store is open (false while the recovery screen waits for a choice).
    pub fn is_ready(&self) -> bool {
        self.store.get().is_some()
    }

    /// The recovery part of the state (never poisoned for good: it holds plain data).
    pub fn lock_recovery(&self) -> MutexGuard<'_, RecoverySlot> {
        self.recovery.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps `f` to run once the store is there: now if it already is, else when a recovery
    /// choice puts one in ([`Self::install`]).
    pub fn set_on_ready(&self, f: OnReady) {
        if self.is_ready() {
            f(self);
        } else {
            *self.on_ready.lock().unwrap_or_else(|p| p.into_inner()) = Some(f);
        }
    }

    /// Puts the store a recovery choice made into the state, records where the bad file
    /// went, and starts what a normal start starts. Fails (giving the store back) when a
    /// store is already there. Call it while holding [`Self::lock_recovery`]'s guard.
    pub fn install(
        &self,
        slot: &mut RecoverySlot,
        store: Store,
        set_aside: Option<PathBuf>,
    ) -> Result<(), ShellError> {
        self.store
            .set(Mutex::new(store))
            .map_err(|_| ShellError::NotInRecovery)?;
        slot.pending = None;
        slot.set_aside = set_aside;
        let ready = self
            .on_ready
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(f) = ready {
            f(self);
        }
        self.changes.notify();
        Ok(())
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
            let mut guard = lock(&store)?;
            let ctx = guard.eval_context(now, zone)?;
            f(&mut guard, ctx).map_err(ShellError::from)
        })
        .await
        .map_err(|e| ShellError::Task(e.to_string()))?
    }

    /// Runs `f` with a copy of the state on the blocking thread pool: file work, and the
    /// recovery choices (which have no store to lock yet).
    pub async fn blocking<T, F>(&self, f: F) -> Result<T, ShellError>
    where
        T: Send + 'static,
        F: FnOnce(AppState) -> Result<T, ShellError> + Send + 'static,
    {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || f(state))
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

/// Locks the store in `cell`: `recovery_needed` while there is none.
fn lock(cell: &OnceLock<Mutex<Store>>) -> Result<MutexGuard<'_, Store>, ShellError> {
    cell.get()
        .ok_or(ShellError::RecoveryNeeded)?
        .lock()
        .map_err(|_| ShellError::Unavailable("a previous operation failed".into()))
}
