//! Android and iOS: apps do not start at login there, and file dialogs return URIs.

use tauri::{AppHandle, Runtime};

use crate::error::ShellError;

pub fn autostart<R: Runtime>(_app: &AppHandle<R>) -> Option<bool> {
    None
}

pub fn set_autostart<R: Runtime>(_app: &AppHandle<R>, _enabled: bool) -> Result<(), ShellError> {
    Err(ShellError::Autostart(
        "not available on this platform".into(),
    ))
}

/// Opens what a phone's file dialog returned. Android gives a `content://` URI and iOS a
/// security-scoped `file://` URL: neither can be opened with `std::fs`, so the fs plugin's
/// native side opens it (Android through the content resolver, iOS after starting access to
/// the security-scoped resource) and hands back a file. A plain path is read as on desktop.
fn open_document<R: Runtime>(
    app: &AppHandle<R>,
    url: tauri::Url,
    write: bool,
) -> std::io::Result<std::fs::File> {
    use tauri_plugin_fs::{FilePath, FsExt, OpenOptions};
    let mut opts = OpenOptions::new();
    if write {
        opts.write(true).create(true).truncate(true);
    } else {
        opts.read(true);
    }
    app.fs().open(FilePath::Url(url), opts)
}

/// Ends iOS's access to a security-scoped URL (nothing to do on Android).
fn release<R: Runtime>(app: &AppHandle<R>, url: tauri::Url) {
    #[cfg(target_os = "ios")]
    {
        use tauri_plugin_fs::{FilePath, FsExt};
        if let Err(e) = app
            .fs()
            .stop_accessing_security_scoped_resource(FilePath::Url(url))
        {
            log::warn!("could not release a chosen file: {e}");
        }
    }
    #[cfg(not(target_os = "ios"))]
    let _ = (app, url);
}

pub fn read_chosen<R: Runtime>(
    app: &AppHandle<R>,
    chosen: &str,
    max: u64,
) -> Result<Vec<u8>, ShellError> {
    let Some(url) =
        super::document_url(chosen).filter(|u| u.scheme() != "file" || cfg!(target_os = "ios"))
    else {
        return super::read_local(chosen, max);
    };
    let what = format!("could not read {chosen}");
    let read = open_document(app, url.clone(), false)
        .map_err(|e| baohao_core::CoreError::io(what.clone(), &e))
        .and_then(|file| baohao_core::files::read_open_capped(file, max, &what));
    release(app, url);
    Ok(read?)
}

/// Written in place (a content URI cannot be renamed over): a failure may leave the chosen
/// document partly written, never Baohao's own data.
pub fn write_chosen<R: Runtime>(
    app: &AppHandle<R>,
    chosen: &str,
    bytes: &[u8],
) -> Result<(), ShellError> {
    let Some(url) =
        super::document_url(chosen).filter(|u| u.scheme() != "file" || cfg!(target_os = "ios"))
    else {
        return super::write_local(chosen, bytes);
    };
    let what = format!("could not write {chosen}");
    let written = open_document(app, url.clone(), true).and_then(|mut file| {
        use std::io::Write;
        file.write_all(bytes)?;
        file.sync_all()
    });
    release(app, url);
    written.map_err(|e| baohao_core::CoreError::io(what, &e).into())
}

/// Writes `file` into the share folder of the app's cache (emptied first, so shared copies do
/// not pile up) and opens the share sheet with it.
pub fn share<R: Runtime>(
    app: &AppHandle<R>,
    file: &baohao_core::export::ExportFile,
    title: &str,
) -> Result<(), ShellError> {
    use tauri::Manager;
    use tauri_plugin_baohao_share::{share_dir, ShareExt, ShareFile};
    let cache = app
        .path()
        .app_cache_dir()
        .map_err(|e| ShellError::Share(e.to_string()))?;
    let dir = share_dir(&cache);
    if dir.exists() {
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            log::warn!("could not empty the share folder: {e}");
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| ShellError::Share(e.to_string()))?;
    let path = dir.join(&file.name);
    baohao_core::files::write_atomic(&path, &file.bytes)?;
    let request = ShareFile {
        path,
        media_type: file.media_type.to_owned(),
        title: title.to_owned(),
    };
    app.share()
        .share_file(&request, &dir)
        .map_err(|e| ShellError::Share(e.to_string()))
}
