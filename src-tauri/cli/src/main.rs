//! `baohao-cli`: Baohao without a window. Parses the arguments, runs one verb over the same
//! database as the app, prints the result (or an error on stderr) and exits with 0 (ok),
//! 1 (bad input) or 2 (data error).

mod cli;
mod output;
mod run;

use std::process::ExitCode;

use baohao_core::{CoreError, ErrorCode};
use clap::Parser;

/// What can go wrong, and which exit code it gets.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("{0}")]
    Usage(String),
    #[error("no database at {0} (nothing to read yet; `add`, `import` or `restore` create it)")]
    NoDatabase(String),
    #[error("could not write to the terminal: {0}")]
    Output(#[from] std::io::Error),
}

impl CliError {
    /// 2 for a problem with the data itself (the database, the disk), 1 for bad input.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(e) => match e.code() {
                ErrorCode::DatabaseDamaged
                | ErrorCode::DatabaseNewer
                | ErrorCode::DatabaseUnreadable
                | ErrorCode::DiskFull
                | ErrorCode::Storage
                | ErrorCode::Migration => 2,
                _ => 1,
            },
            CliError::NoDatabase(_) | CliError::Output(_) => 2,
            CliError::Usage(_) => 1,
        }
    }
}

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version are not errors; everything else is bad input (exit 1).
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baohao-cli: {e}");
            if let CliError::Core(core) = &e {
                if let Some(hint) = output::hint(core) {
                    eprintln!("{hint}");
                }
            }
            ExitCode::from(e.exit_code())
        }
    }
}
