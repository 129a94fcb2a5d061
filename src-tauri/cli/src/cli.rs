//! The command line's arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Baohao 保号 on the command line: the same numbers, renewals and deadlines as the app, in
/// the same database.
///
/// Exit codes: 0 ok; 1 bad input (arguments, a file's content, a value that does not pass
/// the checks); 2 data error (the database is damaged, newer, unreadable or missing, the disk
/// is full). Errors go to stderr.
#[derive(Debug, Parser)]
#[command(name = "baohao-cli", version, about, long_about = None)]
pub struct Cli {
    /// The database file. Default: the app's own (`$BAOHAO_DATA_DIR/baohao.db`, else
    /// `~/.local/share/app.baohao/baohao.db` on Linux, the app data folder elsewhere).
    #[arg(long, global = false, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Pretend it is this instant (RFC 3339); for tests and reproducible output.
    #[arg(long, hide = true, value_name = "RFC3339")]
    pub now: Option<String>,

    #[command(subcommand)]
    pub verb: Verb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    Lines,
    Events,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    #[value(name = "zh-cn", alias = "zh")]
    ZhCn,
}

#[derive(Debug, Subcommand)]
pub enum Verb {
    /// Lists the numbers, most urgent first.
    List {
        /// Archived numbers too.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Shows one number: its deadline, why, and its renewal log.
    Show {
        /// The number's id (or the start of it), or the number itself.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Numbers whose deadline falls within a span from now (and overdue ones).
    Due {
        /// A span: `30d`, `2w`, `12h`.
        #[arg(long, default_value = "30d")]
        within: String,
        #[arg(long)]
        json: bool,
    },
    /// Adds a number.
    Add {
        #[arg(long)]
        number: String,
        /// ISO 3166-1 alpha-2, needed for a national number.
        #[arg(long, default_value = "")]
        country: String,
        /// Default: the number as shown.
        #[arg(long)]
        label: Option<String>,
        /// A carrier preset (`gb-giffgaff` or `preset:gb-giffgaff`) or `user:<id>`.
        #[arg(long)]
        carrier: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Logs a renewal (or another event) for a number.
    Log {
        id: String,
        /// topup, call, sms, data, plan_payment, balance_check, other.
        #[arg(long, default_value = "topup")]
        kind: String,
        /// `10.00`; needs --currency.
        #[arg(long, requires = "currency")]
        amount: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        /// When: `2026-03-01`, `2026-03-01 14:30` (in the carrier's zone) or RFC 3339.
        /// Default: now.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Imports numbers from a CSV file (all rows or none); see docs/csv-format.md.
    Import {
        file: PathBuf,
        /// Check every row and print the errors, write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Exports lines or events as CSV.
    Export { what: ExportKind, file: PathBuf },
    /// Writes a backup (JSON, docs/backup-format.md).
    Backup { file: PathBuf },
    /// Restores a backup: merged into the current data, or replacing it (after an automatic
    /// backup of the current data in the backups folder).
    Restore {
        file: PathBuf,
        #[arg(long, conflicts_with = "replace", required_unless_present = "replace")]
        merge: bool,
        #[arg(long)]
        replace: bool,
        /// Show what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Writes the deadlines as a calendar file (ICS).
    Ics {
        file: PathBuf,
        /// Only this number.
        #[arg(long)]
        line: Option<String>,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Prints the data as canonical JSON (for the crash test).
    #[command(hide = true)]
    Dump {
        /// Replace ids with stable keys (numbers), so runs that made different ids compare.
        #[arg(long)]
        stable: bool,
    },
    /// Checks the database and prints `ok` (exit 2 when it is damaged).
    #[command(hide = true)]
    Check {
        /// Also print the hash of `dump --stable` (for the crash test).
        #[arg(long)]
        hash: bool,
    },
}

impl Verb {
    /// Whether the verb only reads: it then needs an existing database and never creates one.
    pub fn reads_only(&self) -> bool {
        matches!(
            self,
            Verb::List { .. }
                | Verb::Show { .. }
                | Verb::Due { .. }
                | Verb::Export { .. }
                | Verb::Backup { .. }
                | Verb::Ics { .. }
                | Verb::Dump { .. }
                | Verb::Check { .. }
        )
    }
}
