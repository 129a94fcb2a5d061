//! The dashboard's commands: the filtered, sorted list with its sections, the filter choices,
//! bulk actions, cloning and the recycle bin. Each one parses, calls the core and maps the
//! error.

use baohao_core::dashboard::{BinnedLine, BulkAction, BulkResult, Dashboard, LineFacets};
use baohao_core::line::{Line, LineQuery};
use baohao_core::Field;
use tauri::State;

use crate::args::Arg;
use crate::error::CmdResult;
use crate::state::AppState;

/// The dashboard: the lines a query matches, filtered and sorted, with the cost of their
/// next action, those that need action first.
#[tauri::command]
#[specta::specta]
pub async fn dashboard_get(
    state: State<'_, AppState>,
    query: Arg<LineQuery>,
) -> CmdResult<Dashboard> {
    let query = query.read_as(Field::Query)?;
    Ok(state
        .with_store_ctx(move |s, ctx| s.dashboard(&query, &ctx))
        .await?)
}

/// The tags, countries and carriers the filters offer.
#[tauri::command]
#[specta::specta]
pub async fn line_facets(state: State<'_, AppState>) -> CmdResult<LineFacets> {
    Ok(state.with_store(|s, _| s.line_facets()).await?)
}

/// One action on several lines, all or nothing; an error names the line (its `location`).
#[tauri::command]
#[specta::specta]
pub async fn lines_bulk(
    state: State<'_, AppState>,
    ids: Arg<Vec<String>>,
    action: Arg<BulkAction>,
) -> CmdResult<BulkResult> {
    let (ids, action) = (ids.read_as(Field::Id)?, action.read()?);
    Ok(state
        .mutate(move |s, now| s.bulk(&ids, &action, now))
        .await?)
}

/// A new line with another number and the source's carrier, rule, tags and reminder settings.
#[tauri::command]
#[specta::specta]
pub async fn line_clone(
    state: State<'_, AppState>,
    id: Arg<String>,
    number: Arg<String>,
    label: Arg<String>,
) -> CmdResult<Line> {
    let id = id.read_as(Field::Id)?;
    let (number, label) = (number.read_as(Field::Number)?, label.read_as(Field::Label)?);
    Ok(state
        .mutate(move |s, now| s.clone_line(&id, &number, &label, now))
        .await?)
}

/// The lines in the recycle bin, most recently deleted first.
#[tauri::command]
#[specta::specta]
pub async fn bin_list(state: State<'_, AppState>) -> CmdResult<Vec<BinnedLine>> {
    Ok(state.with_store(|s, _| s.bin_list()).await?)
}

/// Takes a line out of the recycle bin.
#[tauri::command]
#[specta::specta]
pub async fn line_restore(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<Line> {
    let id = id.read_as(Field::Id)?;
    Ok(state.mutate(move |s, now| s.restore_line(&id, now)).await?)
}

/// Deletes a line in the recycle bin for good.
#[tauri::command]
#[specta::specta]
pub async fn line_purge(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<()> {
    let id = id.read_as(Field::Id)?;
    Ok(state.mutate(move |s, _| s.purge_line(&id)).await?)
}
