//! Commands for reminders and settings. Thin: parse, call the core or the platform, map errors.

use baohao_core::planner::{plan, Lang, LineReminderOverrides, ReminderPolicy, SnoozeChoice};
use baohao_core::reminders::{test_notice, LineReminders, UpcomingReminder};
use baohao_core::Field;
use chrono::{DateTime, Utc};
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::args::Arg;
use crate::error::CmdResult;
use crate::navigation::{OpenTarget, PendingOpen};
use crate::platform::Permission;
use crate::state::{AppState, LOCALE_KEY};

#[derive(Debug, Clone, Copy, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Desktop,
    Android,
    Ios,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub policy: ReminderPolicy,
    /// The language of notifications (and the tray).
    pub locale: Lang,
    /// Start at login; `null` where the platform has no such thing.
    pub autostart: Option<bool>,
    pub permission: Permission,
    pub platform: Platform,
    /// Show the first-start introduction (see `Store::onboarding_due`).
    pub onboarding: bool,
}

fn platform() -> Platform {
    if cfg!(target_os = "android") {
        Platform::Android
    } else if cfg!(target_os = "ios") {
        Platform::Ios
    } else {
        Platform::Desktop
    }
}

async fn settings(state: &AppState) -> CmdResult<Settings> {
    let zone = state.system_zone();
    let (policy, locale, onboarding) = state
        .with_store(move |s, _| {
            Ok((
                s.reminder_policy(zone)?,
                AppState::notice_lang(s),
                s.onboarding_due()?,
            ))
        })
        .await?;
    Ok(Settings {
        policy,
        locale,
        autostart: state.services.autostart(),
        permission: state.services.permission(),
        platform: platform(),
        onboarding,
    })
}

/// The first-start introduction was finished or skipped: it does not come again.
#[tauri::command]
#[specta::specta]
pub async fn onboarding_finish(state: State<'_, AppState>) -> CmdResult<Settings> {
    state.with_store(|s, _| s.finish_onboarding()).await?;
    settings(&state).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, AppState>) -> CmdResult<Settings> {
    settings(&state).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_set_policy(
    state: State<'_, AppState>,
    policy: Arg<ReminderPolicy>,
) -> CmdResult<Settings> {
    let policy = policy.read()?;
    state
        .mutate(move |s, _| s.set_reminder_policy(&policy))
        .await?;
    settings(&state).await
}

/// The UI's language, so notifications and the tray speak it too. Like every change, it
/// wakes reminder delivery, whose pass rewrites the tray menu in the new language.
#[tauri::command]
#[specta::specta]
pub async fn settings_set_locale(state: State<'_, AppState>, locale: Arg<Lang>) -> CmdResult<()> {
    let locale = locale.read_as(Field::Locale)?;
    Ok(state
        .mutate(move |s, _| s.set_setting(LOCALE_KEY, &locale))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_set_autostart(
    state: State<'_, AppState>,
    enabled: Arg<bool>,
) -> CmdResult<Settings> {
    let enabled = enabled.read()?;
    state.services.set_autostart(enabled)?;
    settings(&state).await
}

/// Asks the OS for notification permission (called from the screen that explains why).
#[tauri::command]
#[specta::specta]
pub async fn notification_permission_request(state: State<'_, AppState>) -> CmdResult<Settings> {
    // Off the async runtime: the OS prompt may stay open a while (never longer than
    // `platform::PERMISSION_TIMEOUT`).
    let services = std::sync::Arc::clone(&state.services);
    tauri::async_runtime::spawn_blocking(move || services.request_permission())
        .await
        .map_err(|e| crate::error::ShellError::Task(e.to_string()))?;
    state.changes.notify();
    settings(&state).await
}

#[tauri::command]
#[specta::specta]
pub async fn notification_test(state: State<'_, AppState>) -> CmdResult<()> {
    let lang = state
        .with_store(|s, _| Ok(AppState::notice_lang(s)))
        .await?;
    state.services.notify_now(&test_notice(lang))?;
    Ok(())
}

/// A line's reminder settings and what they mean now.
#[tauri::command]
#[specta::specta]
pub async fn line_reminder_get(
    state: State<'_, AppState>,
    line_id: Arg<String>,
) -> CmdResult<LineReminders> {
    let line_id = line_id.read_as(Field::Id)?;
    let zone = state.system_zone();
    Ok(state
        .with_store(move |s, now| s.line_reminder_state(&line_id, now, zone))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_reminder_set(
    state: State<'_, AppState>,
    line_id: Arg<String>,
    overrides: Arg<LineReminderOverrides>,
) -> CmdResult<LineReminders> {
    let (line_id, overrides) = (line_id.read_as(Field::Id)?, overrides.read()?);
    let zone = state.system_zone();
    Ok(state
        .mutate(move |s, now| {
            s.set_line_reminder(&line_id, &overrides)?;
            s.line_reminder_state(&line_id, now, zone)
        })
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_snooze(
    state: State<'_, AppState>,
    line_id: Arg<String>,
    choice: Arg<SnoozeChoice>,
) -> CmdResult<LineReminders> {
    let (line_id, choice) = (line_id.read_as(Field::Id)?, choice.read_as(Field::Snooze)?);
    let zone = state.system_zone();
    Ok(state
        .mutate(move |s, now| s.snooze_line(&line_id, choice, now, zone))
        .await?)
}

/// Stops the daily "overdue" nag for the line's current deadline.
#[tauri::command]
#[specta::specta]
pub async fn line_nag_dismiss(
    state: State<'_, AppState>,
    line_id: Arg<String>,
) -> CmdResult<LineReminders> {
    let line_id = line_id.read_as(Field::Id)?;
    let zone = state.system_zone();
    Ok(state
        .mutate_ctx(move |s, ctx| {
            let act_by = s.line_summary(&line_id, &ctx)?.act_by;
            let mut o = s.line_reminder(&line_id)?;
            o.nag_dismissed_for = act_by;
            s.set_line_reminder(&line_id, &o)?;
            s.line_reminder_state(&line_id, ctx.now, zone)
        })
        .await?)
}

/// The next `limit` planned reminders (at most 100), with their texts.
#[tauri::command]
#[specta::specta]
pub async fn reminder_upcoming(
    state: State<'_, AppState>,
    limit: Arg<u32>,
) -> CmdResult<Vec<UpcomingReminder>> {
    let limit = limit.read()?;
    let zone = state.system_zone();
    Ok(state
        .with_store(move |s, now| {
            let (policy, lines) = s.planning_input(now, zone)?;
            let lang = AppState::notice_lang(s);
            let cap = usize::try_from(limit.min(100)).unwrap_or(100);
            Ok(plan(&lines, &policy, now, cap)
                .iter()
                .map(|r| UpcomingReminder::new(r, lang))
                .collect())
        })
        .await?)
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReminderStatus {
    /// When the last delivery pass ran (desktop).
    pub last_check: Option<DateTime<Utc>>,
    pub delivered_count: u32,
    pub now: DateTime<Utc>,
}

#[tauri::command]
#[specta::specta]
pub async fn reminder_status(state: State<'_, AppState>) -> CmdResult<ReminderStatus> {
    Ok(state
        .with_store(|s, now| {
            Ok(ReminderStatus {
                last_check: s.last_check()?,
                delivered_count: u32::try_from(s.delivered_count()?).unwrap_or(u32::MAX),
                now,
            })
        })
        .await?)
}

/// Where a tapped notification wants the UI to go, if the UI has not gone there yet.
#[tauri::command]
#[specta::specta]
pub async fn navigation_take(pending: State<'_, PendingOpen>) -> CmdResult<Option<OpenTarget>> {
    Ok(pending.0.lock().unwrap_or_else(|e| e.into_inner()).take())
}
