//! Commands for the planning views: renewal days, the 12-month forecast and the calendar.
//! Thin: parse, call the core, map errors.

use baohao_core::planning::{Agenda, AgendaRange, Forecast, RenewalDaysOptions, RenewalPlan};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The fewest days on which every active line can be renewed before its deadline, each with
/// its lines and the reason for the day, and the lines left out with the reason.
#[tauri::command]
#[specta::specta]
pub async fn renewal_days_get(
    state: State<'_, AppState>,
    options: RenewalDaysOptions,
) -> CmdResult<RenewalPlan> {
    Ok(state
        .with_store_ctx(move |s, ctx| s.renewal_days(&ctx, &options))
        .await?)
}

/// The renewals each active line needs in the next 12 months and their expected cost, per
/// line, per month and per currency.
#[tauri::command]
#[specta::specta]
pub async fn forecast_get(state: State<'_, AppState>) -> CmdResult<Forecast> {
    Ok(state.with_store_ctx(|s, ctx| s.forecast(&ctx)).await?)
}

/// Deadlines, loss dates and planned reminders for a range of months, with month grids.
#[tauri::command]
#[specta::specta]
pub async fn agenda_get(state: State<'_, AppState>, range: AgendaRange) -> CmdResult<Agenda> {
    let zone = state.system_zone();
    Ok(state
        .with_store(move |s, now| s.agenda(now, zone, &range))
        .await?)
}
