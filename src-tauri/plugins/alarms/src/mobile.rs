//! Android and iOS: the Rust face of the Kotlin and Swift plugins. Each call is one native
//! command; the native side decides nothing beyond how its OS arms an alarm.

use serde::{de::DeserializeOwned, Serialize};
use tauri::{
    ipc::{Channel, InvokeResponseBody},
    plugin::{PluginApi, PluginHandle},
    AppHandle, Runtime,
};

use crate::models::check_batch;
use crate::models::wire::{
    parse_chosen, parse_tap, ArmArgs, DisarmArgs, ExactAlarmsResponse, TakeChosenResponse,
    TakeTappedResponse,
};
use crate::{Alarm, Chosen, Tapped};

#[cfg(target_os = "android")]
const ANDROID_PACKAGE: &str = "app.baohao.alarms";

#[cfg(target_os = "ios")]
tauri::ios_plugin_binding!(init_plugin_baohao_alarms);

/// Registers the Kotlin (Android) or Swift (iOS) plugin class.
pub fn init<R: Runtime, C: DeserializeOwned>(
    _app: &AppHandle<R>,
    api: PluginApi<R, C>,
) -> crate::Result<Alarms<R>> {
    #[cfg(target_os = "android")]
    let handle = api.register_android_plugin(ANDROID_PACKAGE, "AlarmsPlugin")?;
    #[cfg(target_os = "ios")]
    let handle = api.register_ios_plugin(init_plugin_baohao_alarms)?;
    Ok(Alarms(handle))
}

/// Access to the alarms API (Android and iOS).
pub struct Alarms<R: Runtime>(PluginHandle<R>);

impl<R: Runtime> Alarms<R> {
    /// Adds or replaces each alarm by id: the native side persists it in app-private storage
    /// (Android) or as a pending notification request (iOS) and arms it with the OS. A time
    /// already past fires at once.
    pub fn arm(&self, alarms: Vec<Alarm>) -> crate::Result<()> {
        check_batch(&alarms)?;
        self.run::<()>("arm", ArmArgs { alarms: &alarms })
    }

    /// Cancels the alarms with these ids and forgets them; unknown ids are fine. A notification
    /// already shown stays in the notification shade.
    pub fn disarm(&self, ids: Vec<i32>) -> crate::Result<()> {
        self.run::<()>("disarm", DisarmArgs { ids: &ids })
    }

    /// The tap not taken yet, then cleared. On Android a tap that started the app (cold start)
    /// always waits here; a later tap waits here only while no [`Self::on_tap`] handler is
    /// registered. On iOS any tap waits here while no handler is registered. One slot: a newer
    /// tap replaces an older one.
    pub fn take_tapped(&self) -> crate::Result<Option<Tapped>> {
        self.run::<TakeTappedResponse>("takeTapped", ())
            .map(|r| r.tapped)
    }

    /// Registers `f` for taps while the app runs (it replaces an earlier handler). `f` runs on
    /// the thread that delivers the native message: keep it short.
    pub fn on_tap<F: Fn(Tapped) + Send + Sync + 'static>(&self, f: F) -> crate::Result<()> {
        #[derive(Serialize)]
        struct SetTapHandler {
            handler: Channel,
        }
        let handler = Channel::new(move |body| {
            match body {
                InvokeResponseBody::Json(json) => match parse_tap(&json) {
                    Some(tapped) => f(tapped),
                    None => {
                        log::warn!("baohao-alarms: ignored a tap message that is not a tap: {json}")
                    }
                },
                InvokeResponseBody::Raw(_) => {
                    log::warn!("baohao-alarms: ignored a binary tap message")
                }
            }
            Ok(())
        });
        self.run::<()>("setTapHandler", SetTapHandler { handler })
    }

    /// Every chosen action not taken yet, oldest first, then cleared: those chosen while no
    /// [`Self::on_chosen`] handler was registered (the app was not running, or not yet ready).
    pub fn take_chosen(&self) -> crate::Result<Vec<Chosen>> {
        self.run::<TakeChosenResponse>("takeChosen", ())
            .map(|r| r.chosen)
    }

    /// Registers `f` for actions chosen while the app runs (it replaces an earlier handler);
    /// one that reaches `f` is no longer kept. `f` runs on the thread that delivers the native
    /// message: keep it short.
    pub fn on_chosen<F: Fn(Chosen) + Send + Sync + 'static>(&self, f: F) -> crate::Result<()> {
        #[derive(Serialize)]
        struct SetChosenHandler {
            handler: Channel,
        }
        let handler = Channel::new(move |body| {
            match body {
                InvokeResponseBody::Json(json) => match parse_chosen(&json) {
                    Some(chosen) => f(chosen),
                    None => {
                        log::warn!("baohao-alarms: ignored a message that is not an action: {json}")
                    }
                },
                InvokeResponseBody::Raw(_) => {
                    log::warn!("baohao-alarms: ignored a binary action message")
                }
            }
            Ok(())
        });
        self.run::<()>("setChosenHandler", SetChosenHandler { handler })
    }

    /// Whether alarms fire at their exact time: on Android 12+ only while the user allows
    /// exact alarms (`AlarmManager.canScheduleExactAlarms`); otherwise they fire within the
    /// OS's inexact window (up to about an hour late). Always true on older Android and iOS.
    pub fn exact_alarms_allowed(&self) -> crate::Result<bool> {
        self.run::<ExactAlarmsResponse>("exactAlarmsAllowed", ())
            .map(|r| r.allowed)
    }

    fn run<T: DeserializeOwned>(&self, command: &str, payload: impl Serialize) -> crate::Result<T> {
        self.0
            .run_mobile_plugin(command, payload)
            .map_err(Into::into)
    }
}
