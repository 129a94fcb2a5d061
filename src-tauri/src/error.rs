//! The shell's error type and the structured error every command returns over IPC.

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
}

/// What a failed command returns: a stable `code` the UI translates, the `field` it is about
/// (if any), and an English `message` for logs.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CommandError {
    pub code: CommandErrorCode,
    pub message: String,
    pub field: Option<Field>,
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
}

impl From<ShellError> for CommandError {
    fn from(e: ShellError) -> Self {
        let (code, field) = match &e {
            ShellError::Core(core) => (CommandErrorCode::Core(core.code()), core.field()),
            ShellError::NothingToOpen => (CommandErrorCode::Shell(ShellCode::NothingToOpen), None),
            ShellError::Open(_) => (CommandErrorCode::Shell(ShellCode::OpenFailed), None),
            ShellError::Notify(_) => (CommandErrorCode::Shell(ShellCode::NotifyFailed), None),
            ShellError::Autostart(_) => (CommandErrorCode::Shell(ShellCode::AutostartFailed), None),
            ShellError::Unavailable(_) | ShellError::Task(_) | ShellError::DataDir(_) => {
                (CommandErrorCode::Shell(ShellCode::Internal), None)
            }
        };
        Self {
            code,
            field,
            message: e.to_string(),
        }
    }
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        ShellError::from(e).into()
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
