//! Baohao's Tauri shell: thin commands over `baohao-core`, reminder delivery and platform glue.

pub mod bindings;
mod command_names;
pub mod commands;
pub mod error;
pub mod platform;
pub mod state;

use std::path::PathBuf;
use std::sync::Arc;

use baohao_core::{Clock, Store, SystemClock};
use tauri::{Manager, Runtime};

pub use command_names::COMMANDS;
use error::ShellError;
use state::{AppState, StaticInfo};

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

/// Opens the store in `dir` (creating it) and builds the state every command shares.
pub fn open_state(
    dir: PathBuf,
    clock: Arc<dyn Clock>,
    opener: Arc<dyn platform::UriOpener>,
) -> Result<AppState, ShellError> {
    std::fs::create_dir_all(&dir)
        .map_err(|e| ShellError::DataDir(format!("{}: {e}", dir.display())))?;
    let store = Store::open(&dir.join(DB_FILE))?;
    let info = StaticInfo {
        data_dir: dir.display().to_string(),
    };
    Ok(AppState::new(store, clock, info, opener))
}

/// The system opener, or in `test-clock` builds with `BAOHAO_OPEN_LOG` set, a log file.
fn opener<R: Runtime>(app: &tauri::AppHandle<R>) -> Arc<dyn platform::UriOpener> {
    #[cfg(feature = "test-clock")]
    if let Some(log) = std::env::var_os("BAOHAO_OPEN_LOG") {
        return Arc::new(platform::LogOpener(log.into()));
    }
    Arc::new(platform::SystemOpener(app.clone()))
}

/// Registers the commands on a builder (the real one or `tauri::test::mock_builder()`).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(bindings::builder::<R>().invoke_handler())
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let app = with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let dir = data_dir(app.handle())?;
            let state = open_state(dir, Arc::new(SystemClock), opener(app.handle()))?;
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = app {
        eprintln!("Baohao could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
