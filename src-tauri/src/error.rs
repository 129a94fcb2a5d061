//! The shell's error type and the structured error every command returns over IPC.

use baohao_core::error::Location;
use baohao_core::{CoreError, ErrorCode, Field};
use serde::Serialize;
use specta::Type;

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("the database is not available: {0}")]
    Unavailable(String),
    #[error("a background task failed: {0}")]
    Task(String),
    #[error("could not find the app data directory: {0}")]
    DataDir(String),
    #[error("this renewal method has nothing to open")]
    NothingToOpen,
    #[error("could not open {0}")]
    Open(String),
    #[error("could not show a notification: {0}")]
    Notify(String),
    #[error("could not change start at login: {0}")]
    Autostart(String),
    #[error("the database could not be opened; choose how to recover first")]
    RecoveryNeeded,
    #[error("the database is open; there is nothing to recover")]
    NotInRecovery,
    #[error("there is no automatic backup to restore")]
    NoBackup,
    #[error("{0} is not a file path Baohao can use")]
    BadPath(String),
    #[error("could not share the file: {0}")]
    Share(String),
}

/// What a failed command returns: a stable `code` the UI translates, the `field` it is about
/// (if any), and an English `message` for logs.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CommandError {
    pub code: CommandErrorCode,
    pub message: String,
    pub field: Option<Field>,
    /// For an error in one record of a file (a backup's line, a CSV row): which one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub location: Option<Location>,
}

/// The core's codes plus the shell's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(untagged)]
pub enum CommandErrorCode {
    Core(ErrorCode),
    Shell(ShellCode),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ShellCode {
    Internal,
    NothingToOpen,
    OpenFailed,
    NotifyFailed,
    AutostartFailed,
    /// The database could not be opened at start: the recovery screen decides first.
    RecoveryNeeded,
    /// A recovery choice while the database is open.
    NotInRecovery,
    /// "Restore the latest backup" with no backup.
    NoBackup,
    /// A path from a file dialog that is not a file path (or a URI) Baohao can read.
    BadPath,
    /// The share sheet could not be opened (or there is none on this platform).
    ShareFailed,
}

impl From<ShellError> for CommandError {
    fn from(e: ShellError) -> Self {
        let (code, field) = match &e {
            ShellError::Core(core) => (CommandErrorCode::Core(core.code()), core.field()),
            ShellError::NothingToOpen => (CommandErrorCode::Shell(ShellCode::NothingToOpen), None),
            ShellError::Open(_) => (CommandErrorCode::Shell(ShellCode::OpenFailed), None),
            ShellError::Notify(_) => (CommandErrorCode::Shell(ShellCode::NotifyFailed), None),
            ShellError::Autostart(_) => (CommandErrorCode::Shell(ShellCode::AutostartFailed), None),
            ShellError::RecoveryNeeded => {
                (CommandErrorCode::Shell(ShellCode::RecoveryNeeded), None)
            }
            ShellError::NotInRecovery => (CommandErrorCode::Shell(ShellCode::NotInRecovery), None),
            ShellError::NoBackup => (CommandErrorCode::Shell(ShellCode::NoBackup), None),
            ShellError::BadPath(_) => (CommandErrorCode::Shell(ShellCode::BadPath), None),
            ShellError::Share(_) => (CommandErrorCode::Shell(ShellCode::ShareFailed), None),
            ShellError::Unavailable(_) | ShellError::Task(_) | ShellError::DataDir(_) => {
                (CommandErrorCode::Shell(ShellCode::Internal), None)
            }
        };
        let location = match &e {
            ShellError::Core(core) => core.location().cloned(),
            _ => None,
        };
        Self {
            code,
            field,
            message: e.to_string(),
            location,
        }
    }
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        ShellError::from(e).into()
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
