//! Any bytes as a CSV file: reading never panics; the preview and the import agree (no errors
//! in the preview ⇔ the import succeeds with every row), and a failed import writes nothing.
#![no_main]

use baohao_core::csv_io::read_csv;
use baohao_core::Store;
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
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
static OTHER: std::sync::OnceLock<std::sync::Mutex<Store>> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap();
    let Ok(table) = read_csv(data) else {
        return;
    };
    let mut store = empty_store(&STORE);
    let preview = store
        .csv_preview(&table, &table.mapping, Tz::Asia__Shanghai, now)
        .unwrap();
    let clean = preview.errors().next().is_none();
    match store.csv_import(&table, &table.mapping, Tz::Asia__Shanghai, now) {
        Ok(report) => {
            assert!(clean, "an import succeeded where the preview found errors");
            assert_eq!(report.lines, preview.valid_rows);
            assert_eq!(store.count_lines().unwrap(), i64::from(report.lines));
            // Exporting what was imported and importing it again gives the same file.
            let out = store.export_lines_csv(now).unwrap();
            let again = read_csv(&out).expect("our own export reads");
            let mut other = empty_store(&OTHER);
            other
                .csv_import(&again, &again.mapping, Tz::Asia__Shanghai, now)
                .expect("our own export imports");
            assert_eq!(other.export_lines_csv(now).unwrap(), out);
        }
        Err(_) => {
            assert!(!clean, "the import failed where the preview found no error");
            assert_eq!(
                store.count_lines().unwrap(),
                0,
                "a failed import wrote something"
            );
        }
    }
});
