//! Baohao's Tauri shell: thin commands over `baohao-core`, reminder delivery and platform glue.

pub mod args;
pub mod backups;
pub mod bindings;
mod command_names;
pub mod commands;
pub mod commands_dashboard;
pub mod commands_data;
pub mod commands_planning;
pub mod commands_plans;
pub mod commands_recovery;
pub mod commands_reminders;
pub mod error;
pub mod navigation;
pub mod platform;
pub mod reminders;
pub mod state;
#[cfg(desktop)]
mod tray;

use std::path::PathBuf;
use std::sync::Arc;

use baohao_core::{Clock, Store, SystemClock};
use tauri::{Manager, Runtime};

pub use command_names::COMMANDS;
use error::ShellError;
use state::{AppState, Recovery, StaticInfo};

/// Environment variable that points the database somewhere else (tests, portable use).
/// When it is set, the user's real app data directory is never touched.
pub const DATA_DIR_ENV: &str = "BAOHAO_DATA_DIR";
pub const DB_FILE: &str = "baohao.db";

fn data_dir<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, ShellError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    app.path()
        .app_data_dir()
        .map_err(|e| ShellError::DataDir(e.to_string()))
}

/// Opens the store in `dir` (creating it) and builds the state every command shares. A
/// database that cannot be opened (damaged, newer, unreadable, disk full) is left as it is
/// and the state waits for a recovery choice instead (see `commands_recovery`).
pub fn open_state(
    dir: PathBuf,
    clock: Arc<dyn Clock>,
    services: Arc<dyn platform::Services>,
) -> AppState {
    if let Err(e) = std::fs::create_dir_all(&dir) {
        // Opening then fails with a clear error, which the recovery screen shows.
        log::error!("could not create {}: {e}", dir.display());
    }
    let info = StaticInfo::new(&dir, DB_FILE);
    match Store::open(&info.db) {
        Ok(store) => AppState::new(store, clock, info, services),
        Err(e) => {
            log::error!("the database could not be opened: {e}");
            AppState::recovering(Recovery::from_error(&e), clock, info, services)
        }
    }
}

/// The real services, or in `test-clock` builds with `BAOHAO_OPEN_LOG` set, ones that log
/// opened URIs to that file instead of starting a browser or dialer.
fn services<R: Runtime>(app: &tauri::AppHandle<R>) -> Arc<dyn platform::Services> {
    #[cfg(feature = "test-clock")]
    if let Some(log) = std::env::var_os("BAOHAO_OPEN_LOG") {
        return Arc::new(platform::RecordingServices {
            log: Some(log.into()),
            ..Default::default()
        });
    }
    Arc::new(platform::AppServices(app.clone()))
}

/// The clock: real time, or in `test-clock` builds real time shifted to start at
/// `BAOHAO_TEST_NOW` (RFC 3339).
fn clock() -> Arc<dyn Clock> {
    #[cfg(feature = "test-clock")]
    if let Some(at) = std::env::var("BAOHAO_TEST_NOW")
        .ok()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
    {
        return Arc::new(baohao_core::OffsetClock::starting_at(at.to_utc()));
    }
    Arc::new(SystemClock)
}

/// Registers the commands on a builder (the real one or `tauri::test::mock_builder()`).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(navigation::PendingOpen::default())
        .invoke_handler(bindings::builder::<R>().invoke_handler())
}

/// Started at login (see `settings_set_autostart`): stay in the tray.
#[cfg(desktop)]
const MINIMIZED_ARG: &str = "--minimized";

fn setup<R: Runtime>(app: &mut tauri::App<R>) -> Result<(), Box<dyn std::error::Error>> {
    bindings::builder::<R>().mount_events(app);
    let handle = app.handle().clone();
    let state = open_state(data_dir(&handle)?, clock(), services(&handle));
    app.manage(state.clone());
    // The carrier catalogue ships inside the binary; parse it now, not on the first screen.
    if baohao_core::carrier::presets().is_empty() {
        log::error!("the carrier catalogue could not be read");
    }

    #[cfg(desktop)]
    {
        use tauri_plugin_notification::NotificationExt;
        // A tap on a notification opens the window at its line ("tap" with the line in
        // `extra`; a summary carries none and opens the "needs action" view).
        let tap_handle = handle.clone();
        app.notification().on_action(move |action| {
            if action.action_id() != "tap" {
                return;
            }
            let line_id = action
                .notification()
                .and_then(|n| n.extra().get(reminders::sink::LINE_KEY))
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            navigation::open(&tap_handle, navigation::OpenTarget { line_id });
        })?;
        // Started at login: stay in the tray. Not while the recovery screen waits for the
        // user (there is no tray yet to bring the window back).
        if state.is_ready() && std::env::args().any(|a| a == MINIMIZED_ARG) {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.hide();
            }
        }
    }
    #[cfg(mobile)]
    {
        // Calls into the plugin block until the native side answers on the UI thread: make
        // them from a thread of their own, never from the one running setup.
        let tap_handle = handle.clone();
        std::thread::Builder::new()
            .name("baohao-taps".into())
            .spawn(move || {
                use tauri_plugin_baohao_alarms::AlarmsExt;
                // A tap that started the app: kept until the UI takes it, and sent in case
                // it already listens. Later taps arrive through the handler.
                match tap_handle.alarms().take_tapped() {
                    Ok(Some(t)) => {
                        navigation::open(&tap_handle, navigation::OpenTarget { line_id: t.line_id })
                    }
                    Ok(None) => {}
                    Err(e) => {
                        log::warn!("could not read the notification that started Baohao: {e}")
                    }
                }
                let open_handle = tap_handle.clone();
                if let Err(e) = tap_handle.alarms().on_tap(move |t| {
                    navigation::open(&open_handle, navigation::OpenTarget { line_id: t.line_id })
                }) {
                    log::error!("taps on reminders will not open Baohao at the number: {e}");
                }
            })?;
    }
    // Now when the database opened; after the recovery choice when it did not.
    state.set_on_ready(Box::new(move |state| start(&handle, state)));
    Ok(())
}

/// What runs once the store is open, at start or after a recovery choice: purge undone
/// deletions, automatic backups, and reminder delivery (with the tray on desktop).
fn start<R: Runtime>(handle: &tauri::AppHandle<R>, state: &AppState) {
    // Events deleted (with an undo) in an earlier session are gone for good now.
    if let Ok(mut store) = state.lock_store() {
        let _ = store.purge_deleted_events(state.now() - chrono::Duration::hours(1));
        // Lines in the recycle bin longer than its limit are deleted for good.
        let _ = store.purge_bin(state.now());
    }
    if let Err(e) = backups::spawn(state) {
        log::error!("automatic backups will not run: {e}");
    }

    #[cfg(desktop)]
    {
        let sink = reminders::sink::app_sink(handle);
        let lang = state
            .lock_store()
            .map(|s| AppState::notice_lang(&s))
            .unwrap_or(baohao_core::planner::Lang::En);
        if let Err(e) = tray::build(handle, lang) {
            // No tray (no status notifier host): closing the window then quits as usual.
            log::warn!("no tray icon: {e}");
        }
        let tray_handle = handle.clone();
        let delivery = reminders::desktop::DesktopDelivery::new(
            state.clone(),
            sink,
            Box::new(move |state| tray::refresh(&tray_handle, state)),
        );
        if let Err(e) = reminders::spawn(state, Arc::new(delivery)) {
            log::error!("reminders will not be delivered: {e}");
        }
    }
    #[cfg(mobile)]
    {
        let os = if cfg!(target_os = "ios") {
            baohao_core::schedule::PhoneOs::Ios
        } else {
            baohao_core::schedule::PhoneOs::Android
        };
        let delivery = reminders::mobile::MobileDelivery::new(
            state.clone(),
            Arc::new(reminders::mobile::PluginSchedule(handle.clone())),
            os,
        );
        if let Err(e) = reminders::spawn(state, Arc::new(delivery)) {
            log::error!("reminders will not be scheduled: {e}");
        }
        spawn_chosen_actions(handle, state);
    }
}

/// Phones: performs the actions chosen on reminders ("I renewed", "Snooze 1 day"), now that
/// the store is open: those the alarms plugin kept while the app was not running (a cold
/// start), then each one as it comes. Plugin calls block on the native side: a thread of its
/// own.
#[cfg(mobile)]
fn spawn_chosen_actions<R: Runtime>(handle: &tauri::AppHandle<R>, state: &AppState) {
    use reminders::actions::{perform_chosen, ChosenAction};
    use tauri_plugin_baohao_alarms::{AlarmsExt, Chosen};

    fn convert(c: Chosen) -> ChosenAction {
        ChosenAction {
            line_id: c.line_id,
            action: c.action,
            at: chrono::DateTime::from_timestamp_millis(c.at_ms),
        }
    }
    let handle = handle.clone();
    let state = state.clone();
    let spawned = std::thread::Builder::new()
        .name("baohao-actions".into())
        .spawn(move || {
            // The handler first, then what was kept: one chosen in between is in one or the
            // other, never lost.
            let live = state.clone();
            let registered = handle.alarms().on_chosen(move |c| {
                let state = live.clone();
                let _ = std::thread::Builder::new()
                    .name("baohao-action".into())
                    .spawn(move || {
                        let show =
                            |n: &baohao_core::reminders::Notice| state.services.notify_now(n);
                        perform_chosen(&state, vec![convert(c)], &show);
                    });
            });
            if let Err(e) = registered {
                log::error!("actions on reminders will wait for the next start: {e}");
            }
            match handle.alarms().take_chosen() {
                Ok(kept) => {
                    let show = |n: &baohao_core::reminders::Notice| state.services.notify_now(n);
                    perform_chosen(&state, kept.into_iter().map(convert).collect(), &show);
                }
                Err(e) => log::warn!("could not read the actions chosen while closed: {e}"),
            }
        });
    if let Err(e) = spawned {
        log::error!("actions on reminders will not be handled: {e}");
    }
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let builder = tauri::Builder::default();
    #[cfg(desktop)]
    // Registered first, as the plugin asks: one Baohao at a time (so one reminder timer); a
    // second launch shows the first window instead.
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
        navigation::show_main_window(app);
    }));
    let builder = with_commands(builder)
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::Stderr,
                ))
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        // File dialogs for backups, CSV and calendar files; the UI may only open them
        // (dialog:allow-open, dialog:allow-save), the commands read and write the files.
        .plugin(tauri_plugin_dialog::init());
    // On phones a dialog hands over a URI (Android `content://`, iOS a security-scoped
    // `file://`), which only the fs plugin's native side can open; no fs permission is
    // granted to the UI, the commands use it from Rust (see `platform::mobile`).
    #[cfg(mobile)]
    let builder = builder.plugin(tauri_plugin_fs::init());
    // After the notification plugin: on iOS this one becomes the notification centre's
    // delegate, so the notification plugin's tap handler (which crashes in a process started
    // by a tap, plugins-workspace #3533) is never called.
    #[cfg(mobile)]
    let builder = builder.plugin(tauri_plugin_baohao_alarms::init());
    // Exported files go to the phone's share sheet (mail, chats, drives); no webview command.
    #[cfg(mobile)]
    let builder = builder.plugin(tauri_plugin_baohao_share::init());
    #[cfg(desktop)]
    let builder = builder
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![MINIMIZED_ARG]),
        ))
        // Closing the window keeps Baohao in the tray, so reminders keep coming.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.app_handle().tray_by_id("main").is_some() {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        });
    let app = builder.setup(setup).build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            // Back in the foreground (Android onResume, iOS willEnterForeground): re-sync
            // the schedule, since the zone, the clock or the permission may have changed.
            #[cfg(mobile)]
            if let tauri::RunEvent::WindowEvent {
                event: tauri::WindowEvent::Resumed,
                ..
            } = event
            {
                if let Some(state) = handle.try_state::<AppState>() {
                    state.changes.notify();
                }
            }
            let _ = (handle, event);
        }),
        Err(e) => {
            log::error!("Baohao could not start: {e}");
            eprintln!("Baohao could not start: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests;
