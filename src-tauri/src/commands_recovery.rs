//! The recovery screen's commands: when the database could not be opened at start, the app
//! still starts, every other command answers `recovery_needed`, and the user picks one of
//! these. Each choice (in `baohao_core::recovery`) moves the bad file aside untouched, puts the
//! new store into the state and starts what a normal start starts.

use std::path::PathBuf;

use baohao_core::backup::auto::{latest_backup, BackupInfo};
use baohao_core::backup::{read_backup, RestoreReport};
use baohao_core::{recovery, ErrorCode, Store};
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::error::{CmdResult, ShellError};
use crate::state::{AppState, Recovery, RecoverySlot};

/// What happened at start, for the recovery screen.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryStatus {
    /// Whether the app waits for a recovery choice (false once the database is open).
    pub needed: bool,
    /// Why the database could not be opened: `database_damaged`, `database_newer`,
    /// `database_unreadable`, `disk_full` (or another storage error).
    pub code: Option<ErrorCode>,
    /// The error in English, for logs and the details line.
    pub message: Option<String>,
    /// `database_newer`: the schema version in the file and the newest this app knows.
    pub found_version: Option<u32>,
    pub supported_version: Option<u32>,
    /// The database file (left untouched until a choice moves it aside).
    pub database_path: String,
    /// Where the bad file was moved by the choice that succeeded, if one did.
    pub set_aside: Option<String>,
    /// The newest automatic backup ("restore the latest backup" is greyed out without one).
    pub latest_backup: Option<BackupInfo>,
}

/// What a recovery choice did.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryOutcome {
    /// Where the bad database now is (`baohao.db.damaged-<time>`), byte for byte.
    pub set_aside: Option<String>,
    /// What a restore brought back (none for "start empty" and "try again").
    pub restored: Option<RestoreReport>,
}

fn shown(p: Option<PathBuf>) -> Option<String> {
    p.map(|p| p.display().to_string())
}

#[tauri::command]
#[specta::specta]
pub async fn recovery_status(state: State<'_, AppState>) -> CmdResult<RecoveryStatus> {
    Ok(state
        .blocking(|state| {
            let slot = state.lock_recovery();
            let pending = slot.pending.clone();
            let latest = latest_backup(&state.info.backups_dir()).unwrap_or_else(|e| {
                log::warn!("could not list the automatic backups: {e}");
                None
            });
            Ok(RecoveryStatus {
                needed: pending.is_some(),
                code: pending.as_ref().map(|r| r.code),
                message: pending.as_ref().map(|r| r.message.clone()),
                found_version: pending.as_ref().and_then(|r| r.found_version),
                supported_version: pending.as_ref().and_then(|r| r.supported_version),
                database_path: state.info.db.display().to_string(),
                set_aside: shown(slot.set_aside.clone()),
                latest_backup: latest,
            })
        })
        .await?)
}

/// Runs a recovery choice: only while recovery is pending, one at a time; the store it makes
/// goes into the state.
async fn choose<F>(state: &AppState, choice: F) -> CmdResult<RecoveryOutcome>
where
    F: FnOnce(
            &AppState,
            &mut RecoverySlot,
        ) -> Result<(Store, Option<PathBuf>, Option<RestoreReport>), ShellError>
        + Send
        + 'static,
{
    Ok(state
        .blocking(move |state| {
            let mut slot = state.lock_recovery();
            if slot.pending.is_none() || state.is_ready() {
                return Err(ShellError::NotInRecovery);
            }
            let (store, aside, restored) = choice(&state, &mut slot)?;
            state.install(&mut slot, store, aside.clone())?;
            Ok(RecoveryOutcome {
                set_aside: shown(aside),
                restored,
            })
        })
        .await?)
}

/// Restores the newest automatic backup (`no_backup` when there is none).
#[tauri::command]
#[specta::specta]
pub async fn recovery_restore_latest(state: State<'_, AppState>) -> CmdResult<RecoveryOutcome> {
    choose(&state, |state, _| {
        let (store, aside, report) =
            recovery::restore_latest(&state.info.db, &state.info.backups_dir(), state.now())?
                .ok_or(ShellError::NoBackup)?;
        Ok((store, aside, Some(report)))
    })
    .await
}

/// Restores a backup file the user chose (a path or a phone's document URI).
#[tauri::command]
#[specta::specta]
pub async fn recovery_restore_file(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<RecoveryOutcome> {
    choose(&state, move |state, _| {
        // Read through the platform: a phone's dialog gives a URI, not a path.
        let bytes = state
            .services
            .read_chosen(&path, baohao_core::files::MAX_BACKUP_BYTES)?;
        let backup = read_backup(&bytes, state.now())?;
        let (store, aside, report) =
            recovery::restore_backup(&state.info.db, &backup, state.now())?;
        Ok((store, aside, Some(report)))
    })
    .await
}

/// Moves the bad database aside and starts with an empty one.
#[tauri::command]
#[specta::specta]
pub async fn recovery_start_empty(state: State<'_, AppState>) -> CmdResult<RecoveryOutcome> {
    choose(&state, |state, _| {
        let (store, aside) = recovery::start_empty(&state.info.db, state.now())?;
        Ok((store, aside, None))
    })
    .await
}

/// Opens the database again, as it is (after freeing disk space or fixing permissions, or
/// after installing a newer Baohao's data back). Nothing is moved; a failure keeps the
/// recovery screen with the new reason.
#[tauri::command]
#[specta::specta]
pub async fn recovery_retry(state: State<'_, AppState>) -> CmdResult<RecoveryOutcome> {
    choose(&state, |state, slot| match Store::open(&state.info.db) {
        Ok(store) => Ok((store, None, None)),
        Err(e) => {
            slot.pending = Some(Recovery::from_error(&e));
            Err(e.into())
        }
    })
    .await
}
