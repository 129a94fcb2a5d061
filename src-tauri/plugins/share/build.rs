// The plugin exposes no command to the webview: the app's Rust code calls the native side
// directly (`run_mobile_plugin`), which the ACL does not gate. The empty list still gives the
// plugin its ACL manifest, with a default permission set that grants nothing.
const COMMANDS: &[&str] = &[];

fn main() {
    let built = tauri_plugin::Builder::new(COMMANDS)
        .android_path("android")
        .ios_path("ios")
        .try_build();
    if let Err(e) = built {
        println!("cargo:warning=tauri-plugin-baohao-share: {e:#}");
        std::process::exit(1);
    }
}
