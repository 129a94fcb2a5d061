// The app's own commands get an ACL manifest, so a command is reachable from the UI only when
// a capability allows it; `src/command_names.rs` is the one list that the handler, the
// manifest and the capabilities are checked against (see `tests` in src/lib.rs).
include!("src/command_names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
