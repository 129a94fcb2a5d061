//! Desktop: no native alarms. The app delivers reminders itself while it runs, so arming is
//! refused; everything else answers as if nothing were armed.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use tauri::{plugin::PluginApi, AppHandle, Runtime};

use crate::models::check_batch;
use crate::{Alarm, Chosen, Error, Tapped};

pub fn init<R: Runtime, C: DeserializeOwned>(
    _app: &AppHandle<R>,
    _api: PluginApi<R, C>,
) -> Alarms<R> {
    Alarms(PhantomData)
}

/// Access to the alarms API (desktop).
pub struct Alarms<R: Runtime>(PhantomData<fn() -> R>);

impl<R: Runtime> Alarms<R> {
    /// Checks the batch, then refuses it with [`Error::Unsupported`]: pretending to arm would
    /// lose the reminders silently.
    pub fn arm(&self, alarms: Vec<Alarm>) -> crate::Result<()> {
        check_batch(&alarms)?;
        Err(Error::Unsupported)
    }

    /// `Ok(())`: nothing is ever armed here, so every id is already disarmed.
    pub fn disarm(&self, _ids: Vec<i32>) -> crate::Result<()> {
        Ok(())
    }

    /// `Ok(None)`: taps on desktop notifications reach the app through
    /// tauri-plugin-notification's `on_action`.
    pub fn take_tapped(&self) -> crate::Result<Option<Tapped>> {
        Ok(None)
    }

    /// `Ok(())` without keeping `f`: no tap ever comes from this plugin on desktop.
    pub fn on_tap<F: Fn(Tapped) + Send + Sync + 'static>(&self, _f: F) -> crate::Result<()> {
        Ok(())
    }

    /// `Ok(vec![])`: actions on desktop notifications reach the app through its own sender.
    pub fn take_chosen(&self) -> crate::Result<Vec<Chosen>> {
        Ok(Vec::new())
    }

    /// `Ok(())` without keeping `f`: no action ever comes from this plugin on desktop.
    pub fn on_chosen<F: Fn(Chosen) + Send + Sync + 'static>(&self, _f: F) -> crate::Result<()> {
        Ok(())
    }

    /// [`Error::Unsupported`]: there are no native alarms to be exact or not.
    pub fn exact_alarms_allowed(&self) -> crate::Result<bool> {
        Err(Error::Unsupported)
    }
}
