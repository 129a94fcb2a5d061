//! Automatic local backups (`<data dir>/backups`, see `baohao_core::backup::auto`): one pass
//! [`START_DELAY`] after the store opens, then one after each burst of changes (once the data
//! has been quiet for [`QUIET`]) and at least every [`PERIOD`]. A pass writes a file only when
//! the data changed since the newest automatic backup, so a wake-up with nothing new costs one
//! read of the data and a hash. It runs on a thread of its own, never blocking setup or a
//! command for longer than the store lock it takes.

use std::time::Duration;

use baohao_core::backup::auto::AutoBackupOutcome;

use crate::state::AppState;

/// How long after the store opens the first pass waits. A pass reads all the data and hashes
/// it under the store lock (with 1,000 lines and 20,000 events, 0.7 s on a busy two-core
/// machine), and at start it held the lock just when the first screen asked for its list:
/// waiting moved Baohao's launch to the painted list from 7.6 s to 5.8 s (medians of 10 under
/// the same load; `make bench-app`, docs/performance.md). Changes made in the meantime are
/// in that first pass, as they would be in the next one.
pub const START_DELAY: Duration = Duration::from_secs(30);

/// How long the data must stay unchanged after an edit before a backup is written, so a
/// burst of edits (an import, a session of logging) makes one backup, not one per edit.
pub const QUIET: Duration = Duration::from_secs(5 * 60);

/// The longest time between two passes even without a change signal: changes made by the
/// command line do not raise one, and rotation should run daily. The condition variable's
/// clock stands still while the computer is suspended, so this is "at most", not "exactly".
pub const PERIOD: Duration = Duration::from_secs(6 * 60 * 60);

/// One pass: an automatic backup if the data changed, then rotation. Errors are logged
/// (a full disk must not stop the app); `None` when the pass failed.
pub fn pass(state: &AppState) -> Option<AutoBackupOutcome> {
    let dir = state.info.backups_dir();
    let store = match state.lock_store() {
        Ok(s) => s,
        Err(e) => {
            log::warn!("automatic backup skipped: {e}");
            return None;
        }
    };
    match store.auto_backup(&dir, state.now()) {
        Ok(outcome) => {
            if let Some(b) = &outcome.written {
                log::info!("automatic backup written: {}", b.file_name);
            }
            Some(outcome)
        }
        Err(e) => {
            log::error!("automatic backup failed: {e}");
            None
        }
    }
}

/// Starts the backup thread: a pass after [`START_DELAY`], then after changes and every
/// [`PERIOD`].
pub fn spawn(state: &AppState) -> std::io::Result<()> {
    let state = state.clone();
    std::thread::Builder::new()
        .name("baohao-backups".into())
        .spawn(move || {
            std::thread::sleep(START_DELAY);
            backup_loop(&state)
        })
        .map(|_| ())
}

fn backup_loop(state: &AppState) -> ! {
    loop {
        let seen = state.changes.current();
        pass(state);
        let mut last = state.changes.wait(seen, PERIOD);
        // A change: wait until none came for QUIET, then back up once.
        while last != seen {
            let next = state.changes.wait(last, QUIET);
            if next == last {
                break;
            }
            last = next;
        }
    }
}
