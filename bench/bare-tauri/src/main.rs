//! A bare Tauri 2 window: the floor `scripts/bench-app.sh` measures Baohao against.
//! It does what any such app must: opens a window with a static page, registers the
//! notification plugin and opens a SQLite database (in memory), and nothing else.

fn main() {
    // Touch SQLite so the bundled library is linked as in the app (and not optimised away).
    let version = rusqlite::Connection::open_in_memory()
        .and_then(|c| c.query_row("SELECT sqlite_version()", [], |r| r.get::<_, String>(0)));
    if let Err(e) = &version {
        eprintln!("bare-tauri: SQLite failed: {e}");
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("bare-tauri: {e}");
        std::process::exit(1);
    }
}
