//! Commands for plans, keep costs and promotions. Each one parses, calls the core and maps
//! the error; no logic. "Today" is the local date in the user's zone (the reminder policy's).

use baohao_core::cost::{KeepCost, KeepCostReport};
use baohao_core::line_plan::{LinePlan, LinePlanInput};
use baohao_core::promotion::{Promotion, PromotionInput};
use baohao_core::rules::local_date;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// A line's plans, newest start first, the one in force today marked `current`.
#[tauri::command]
#[specta::specta]
pub async fn plan_list(state: State<'_, AppState>, line_id: String) -> CmdResult<Vec<LinePlan>> {
    Ok(state
        .with_store_ctx(move |s, ctx| s.list_plans(&line_id, local_date(ctx.now, ctx.user_zone)))
        .await?)
}

/// Adds a plan from its start date (earlier plans stay as history).
#[tauri::command]
#[specta::specta]
pub async fn plan_add(
    state: State<'_, AppState>,
    line_id: String,
    input: LinePlanInput,
) -> CmdResult<LinePlan> {
    Ok(state
        .mutate(move |s, now| s.add_plan(&line_id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn plan_update(
    state: State<'_, AppState>,
    id: String,
    input: LinePlanInput,
) -> CmdResult<LinePlan> {
    Ok(state
        .mutate(move |s, now| s.update_plan(&id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn plan_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.mutate(move |s, _| s.delete_plan(&id)).await?)
}

/// Every active line's minimum keep cost for the next 12 months next to its spend over the
/// last 12, with totals per currency.
#[tauri::command]
#[specta::specta]
pub async fn keep_cost_report(state: State<'_, AppState>) -> CmdResult<KeepCostReport> {
    Ok(state
        .with_store_ctx(move |s, ctx| s.keep_cost_report(&ctx))
        .await?)
}

/// One line's keep cost.
#[tauri::command]
#[specta::specta]
pub async fn line_keep_cost(state: State<'_, AppState>, line_id: String) -> CmdResult<KeepCost> {
    Ok(state
        .with_store_ctx(move |s, ctx| s.line_keep_cost(&line_id, &ctx))
        .await?)
}

/// Promotions: with a line, those on it and on its carrier; expired ones only when asked.
#[tauri::command]
#[specta::specta]
pub async fn promotion_list(
    state: State<'_, AppState>,
    line_id: Option<String>,
    include_expired: bool,
) -> CmdResult<Vec<Promotion>> {
    Ok(state
        .with_store_ctx(move |s, ctx| {
            s.list_promotions(
                line_id.as_deref(),
                include_expired,
                local_date(ctx.now, ctx.user_zone),
            )
        })
        .await?)
}

/// Adds a promotion; its remind-me date becomes a one-off reminder.
#[tauri::command]
#[specta::specta]
pub async fn promotion_add(
    state: State<'_, AppState>,
    input: PromotionInput,
) -> CmdResult<Promotion> {
    Ok(state
        .mutate(move |s, now| s.add_promotion(&input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn promotion_update(
    state: State<'_, AppState>,
    id: String,
    input: PromotionInput,
) -> CmdResult<Promotion> {
    Ok(state
        .mutate(move |s, now| s.update_promotion(&id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn promotion_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.mutate(move |s, _| s.delete_promotion(&id)).await?)
}
