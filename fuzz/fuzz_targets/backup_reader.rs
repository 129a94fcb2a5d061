//! Any bytes as a backup file: reading never panics, and a backup that reads restores into an
//! empty store and reads back the same.
#![no_main]

use baohao_core::backup::{read_backup, RestoreMode};
use baohao_core::Store;
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

/// One in-memory store per fuzzing process, emptied before each input (opening a new one,
/// migrations and all, for every input would make the fuzzer ten times slower).
fn empty_store(
    slot: &'static std::sync::OnceLock<std::sync::Mutex<Store>>,
) -> std::sync::MutexGuard<'static, Store> {
    let now = Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap();
    let mut store = slot
        .get_or_init(|| std::sync::Mutex::new(Store::open_in_memory().unwrap()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let empty = baohao_core::backup::Backup::new(Default::default(), now);
    store
        .restore(&empty, baohao_core::backup::RestoreMode::Replace, None, now)
        .unwrap();
    assert_eq!(store.count_lines().unwrap(), 0);
    store
}

static STORE: std::sync::OnceLock<std::sync::Mutex<Store>> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap();
    let Ok(backup) = read_backup(data, now) else {
        return;
    };
    let mut store = empty_store(&STORE);
    store
        .restore(&backup, RestoreMode::Replace, None, now)
        .expect("a backup that passed its checks restores into an empty store");
    let back = store.snapshot().unwrap();
    assert_eq!(back, backup.data, "what was restored reads back the same");
    // And the file written from it reads again.
    let again = read_backup(&backup.to_json().unwrap(), now).expect("our own file reads");
    assert_eq!(again.data, backup.data);
});
