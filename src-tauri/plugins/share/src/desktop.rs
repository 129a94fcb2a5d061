//! Desktop: no share sheet. Files are saved where the user chooses with the system dialog.

use std::marker::PhantomData;
use std::path::Path;

use serde::de::DeserializeOwned;
use tauri::{plugin::PluginApi, AppHandle, Runtime};

use crate::models::{check, ShareFile};
use crate::Error;

pub fn init<R: Runtime, C: DeserializeOwned>(
    _app: &AppHandle<R>,
    _api: PluginApi<R, C>,
) -> Share<R> {
    Share(PhantomData)
}

/// Access to the share sheet (desktop: there is none).
pub struct Share<R: Runtime>(PhantomData<fn() -> R>);

impl<R: Runtime> Share<R> {
    /// `false`: desktop builds save files through a dialog instead.
    pub fn available(&self) -> bool {
        false
    }

    /// Checks the request, then refuses it with [`Error::Unsupported`].
    pub fn share_file(&self, file: &ShareFile, dir: &Path) -> crate::Result<()> {
        check(file, dir)?;
        Err(Error::Unsupported)
    }
}
