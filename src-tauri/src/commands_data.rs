//! Settings → data: backups (to a file, from a file, automatic), CSV import and export, and
//! calendar files. Thin: read or write the chosen file through the platform (a phone's
//! dialog gives a URI, a computer's a path), call the core, map errors. Previews and commits
//! read the file again (reading is deterministic), so nothing is kept between two calls.

use baohao_core::backup::auto::{list_backups, BackupInfo};
use baohao_core::backup::{read_backup, BackupSummary, RestoreMode, RestorePreview, RestoreReport};
use baohao_core::csv_io::{read_csv, CsvColumn, CsvImportReport, CsvPreview, CsvTable};
use baohao_core::export::{ExportFile, ExportKind};
use baohao_core::files::MAX_FILE_BYTES;
use baohao_core::Field;
use tauri::State;

use crate::args::Arg;

use crate::error::{CmdResult, ShellError};
use crate::state::AppState;

/// Reads the file the user chose (size-capped) on the blocking pool.
async fn read_chosen(state: &AppState, path: String) -> Result<Vec<u8>, ShellError> {
    state
        .blocking(move |s| s.services.read_chosen(&path, MAX_FILE_BYTES))
        .await
}

/// Writes `bytes` to the file the user chose on the blocking pool.
async fn write_chosen(state: &AppState, path: String, bytes: Vec<u8>) -> Result<(), ShellError> {
    state
        .blocking(move |s| s.services.write_chosen(&path, &bytes))
        .await
}

/// Writes a backup of all data to `path`; returns what it holds.
#[tauri::command]
#[specta::specta]
pub async fn backup_write(state: State<'_, AppState>, path: String) -> CmdResult<BackupSummary> {
    let (summary, bytes) = state
        .with_store(|s, now| {
            let backup = s.backup(now)?;
            Ok((backup.summary(), backup.to_json()?))
        })
        .await?;
    write_chosen(&state, path, bytes).await?;
    Ok(summary)
}

/// What restoring the backup at `path` in `mode` would do; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn backup_preview(
    state: State<'_, AppState>,
    path: String,
    mode: RestoreMode,
) -> CmdResult<RestorePreview> {
    let bytes = read_chosen(&state, path).await?;
    Ok(state
        .with_store(move |s, now| s.restore_preview(&read_backup(&bytes, now)?, mode))
        .await?)
}

/// Restores the backup at `path`: all or nothing; a replace first backs up the current data.
#[tauri::command]
#[specta::specta]
pub async fn backup_restore(
    state: State<'_, AppState>,
    path: String,
    mode: RestoreMode,
) -> CmdResult<RestoreReport> {
    let bytes = read_chosen(&state, path).await?;
    let dir = state.info.backups_dir();
    Ok(state
        .mutate(move |s, now| s.restore(&read_backup(&bytes, now)?, mode, Some(&dir), now))
        .await?)
}

/// The automatic (and before-restore) backups, newest first.
#[tauri::command]
#[specta::specta]
pub async fn auto_backups_list(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    Ok(state
        .blocking(|s| Ok(list_backups(&s.info.backups_dir())?))
        .await?)
}

/// The automatic backup named `file_name` (as `auto_backups_list` gives it), read and checked.
/// Only a file of that list is accepted, never a path.
fn auto_backup_bytes(state: &AppState, file_name: &str) -> Result<Vec<u8>, ShellError> {
    let info = list_backups(&state.info.backups_dir())?
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or_else(|| ShellError::BadPath(file_name.chars().take(200).collect()))?;
    Ok(baohao_core::files::read_capped(
        std::path::Path::new(&info.path),
        MAX_FILE_BYTES,
    )?)
}

/// What restoring an automatic backup would do.
#[tauri::command]
#[specta::specta]
pub async fn auto_backup_preview(
    state: State<'_, AppState>,
    file_name: String,
    mode: RestoreMode,
) -> CmdResult<RestorePreview> {
    let bytes = state
        .blocking(move |s| auto_backup_bytes(&s, &file_name))
        .await?;
    Ok(state
        .with_store(move |s, now| s.restore_preview(&read_backup(&bytes, now)?, mode))
        .await?)
}

/// Restores an automatic backup (by its file name in the list).
#[tauri::command]
#[specta::specta]
pub async fn auto_backup_restore(
    state: State<'_, AppState>,
    file_name: String,
    mode: RestoreMode,
) -> CmdResult<RestoreReport> {
    let bytes = state
        .blocking(move |s| auto_backup_bytes(&s, &file_name))
        .await?;
    let dir = state.info.backups_dir();
    Ok(state
        .mutate(move |s, now| s.restore(&read_backup(&bytes, now)?, mode, Some(&dir), now))
        .await?)
}

/// Reads a CSV file: its rows and the mapping Baohao suggests from its header.
#[tauri::command]
#[specta::specta]
pub async fn csv_read(state: State<'_, AppState>, path: String) -> CmdResult<CsvTable> {
    let bytes = read_chosen(&state, path).await?;
    Ok(state.blocking(move |_| Ok(read_csv(&bytes)?)).await?)
}

/// Every row of the CSV file under `mapping`, with its errors; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn csv_preview(
    state: State<'_, AppState>,
    path: String,
    mapping: Vec<Option<CsvColumn>>,
) -> CmdResult<CsvPreview> {
    let bytes = read_chosen(&state, path).await?;
    Ok(state
        .with_store_ctx(move |s, ctx| {
            s.csv_preview(&read_csv(&bytes)?, &mapping, ctx.user_zone, ctx.now)
        })
        .await?)
}

/// Imports every row of the CSV file, or none (the error names the first bad row and column).
#[tauri::command]
#[specta::specta]
pub async fn csv_import(
    state: State<'_, AppState>,
    path: String,
    mapping: Vec<Option<CsvColumn>>,
) -> CmdResult<CsvImportReport> {
    let bytes = read_chosen(&state, path).await?;
    Ok(state
        .mutate_ctx(move |s, ctx| {
            s.csv_import(&read_csv(&bytes)?, &mapping, ctx.user_zone, ctx.now)
        })
        .await?)
}

/// Writes the CSV template (header and an example row).
#[tauri::command]
#[specta::specta]
pub async fn csv_template_write(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    Ok(export_to(&state, ExportKind::CsvTemplate, None, path).await?)
}

/// Builds the file of `kind` from the current data (dates and calendars in the user's zone,
/// calendar texts in the notifications' language).
async fn export_file(
    state: &AppState,
    kind: ExportKind,
    line_id: Option<String>,
) -> Result<ExportFile, ShellError> {
    state
        .with_store_ctx(move |s, ctx| {
            let lang = AppState::notice_lang(s);
            s.export_file(kind, line_id.as_deref(), ctx.now, ctx.user_zone, lang)
        })
        .await
}

/// Builds the file of `kind` and writes it to the path the user chose.
async fn export_to(
    state: &AppState,
    kind: ExportKind,
    line_id: Option<String>,
    path: String,
) -> Result<(), ShellError> {
    let file = export_file(state, kind, line_id).await?;
    write_chosen(state, path, file.bytes).await
}

/// Writes every line as CSV (importable into another Baohao).
#[tauri::command]
#[specta::specta]
pub async fn export_lines_csv(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    Ok(export_to(&state, ExportKind::LinesCsv, None, path).await?)
}

/// Writes the renewal log of every line as CSV.
#[tauri::command]
#[specta::specta]
pub async fn export_events_csv(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    Ok(export_to(&state, ExportKind::EventsCsv, None, path).await?)
}

/// Writes every active line's deadlines as an iCalendar file, in the notifications' language.
#[tauri::command]
#[specta::specta]
pub async fn ics_write_all(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    Ok(export_to(&state, ExportKind::Calendar, None, path).await?)
}

/// Writes one line's deadlines as an iCalendar file.
#[tauri::command]
#[specta::specta]
pub async fn ics_write_line(
    state: State<'_, AppState>,
    line_id: String,
    path: String,
) -> CmdResult<()> {
    Ok(export_to(&state, ExportKind::LineCalendar, Some(line_id), path).await?)
}

/// The name a file of `kind` is offered under in a save dialog or a share sheet
/// (`baohao-backup-2026-03-03.json`, dated by the user's day).
#[tauri::command]
#[specta::specta]
pub async fn export_file_name(
    state: State<'_, AppState>,
    kind: Arg<ExportKind>,
) -> CmdResult<String> {
    let kind = kind.read()?;
    Ok(state
        .with_store_ctx(move |_, ctx| Ok(kind.file_name(ctx.now, ctx.user_zone)))
        .await?)
}

/// Builds the file of `kind` and opens the phone's share sheet with it, titled `title` (the
/// UI's translated words). `share_failed` where there is no share sheet (desktop; see
/// `AppInfo::can_share`).
#[tauri::command]
#[specta::specta]
pub async fn share_export(
    state: State<'_, AppState>,
    kind: Arg<ExportKind>,
    line_id: Arg<Option<String>>,
    title: Arg<String>,
) -> CmdResult<()> {
    let (kind, line_id, title) = (kind.read()?, line_id.read_as(Field::Id)?, title.read()?);
    let file = export_file(&state, kind, line_id).await?;
    Ok(state
        .blocking(move |s| s.services.share(&file, &title))
        .await?)
}
