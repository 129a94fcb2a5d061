//! Android and iOS: the Rust face of the Kotlin and Swift plugins, one native command.

use std::path::Path;

use serde::de::DeserializeOwned;
use tauri::{
    plugin::{PluginApi, PluginHandle},
    AppHandle, Runtime,
};

use crate::models::{check, ShareFile};

#[cfg(target_os = "android")]
const ANDROID_PACKAGE: &str = "app.baohao.share";

#[cfg(target_os = "ios")]
tauri::ios_plugin_binding!(init_plugin_baohao_share);

/// Registers the Kotlin (Android) or Swift (iOS) plugin class.
pub fn init<R: Runtime, C: DeserializeOwned>(
    _app: &AppHandle<R>,
    api: PluginApi<R, C>,
) -> crate::Result<Share<R>> {
    #[cfg(target_os = "android")]
    let handle = api.register_android_plugin(ANDROID_PACKAGE, "SharePlugin")?;
    #[cfg(target_os = "ios")]
    let handle = api.register_ios_plugin(init_plugin_baohao_share)?;
    Ok(Share(handle))
}

/// Access to the share sheet (Android and iOS).
pub struct Share<R: Runtime>(PluginHandle<R>);

impl<R: Runtime> Share<R> {
    /// `true`: both phone platforms have a share sheet.
    pub fn available(&self) -> bool {
        true
    }

    /// Opens the share sheet for `file` (which must be in `dir`, the share folder) and returns
    /// once it is shown; what the user then picks is theirs and is not reported.
    pub fn share_file(&self, file: &ShareFile, dir: &Path) -> crate::Result<()> {
        check(file, dir)?;
        self.0
            .run_mobile_plugin::<()>("shareFile", file)
            .map_err(Into::into)
    }
}
