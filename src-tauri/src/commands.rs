//! The commands the UI calls. Each one parses, calls the core and maps the error; no logic.

use baohao_core::line::{Line, LineInput, LineQuery};
use baohao_core::phone::{self, Country};
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub schema_version: u32,
    /// The system locale (BCP 47), when the OS reports one.
    pub locale: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let schema_version = state.with_store(|s, _| s.schema_version()).await?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.info.data_dir.clone(),
        schema_version,
        locale: crate::platform::system_locale(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn country_list() -> CmdResult<Vec<Country>> {
    Ok(phone::countries())
}

#[tauri::command]
#[specta::specta]
pub async fn line_list(state: State<'_, AppState>, query: LineQuery) -> CmdResult<Vec<Line>> {
    Ok(state.with_store(move |s, _| s.list_lines(&query)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_get(state: State<'_, AppState>, id: String) -> CmdResult<Line> {
    Ok(state.with_store(move |s, _| s.get_line(&id)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_create(state: State<'_, AppState>, input: LineInput) -> CmdResult<Line> {
    Ok(state
        .with_store(move |s, now| s.create_line(&input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_update(
    state: State<'_, AppState>,
    id: String,
    input: LineInput,
) -> CmdResult<Line> {
    Ok(state
        .with_store(move |s, now| s.update_line(&id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_set_archived(
    state: State<'_, AppState>,
    id: String,
    archived: bool,
) -> CmdResult<Line> {
    Ok(state
        .with_store(move |s, now| s.set_archived(&id, archived, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.with_store(move |s, _| s.delete_line(&id)).await?)
}
