//! The commands the UI calls. Each one parses, calls the core and maps the error; no logic.

use baohao_core::carrier::{action_uri, Carrier, CarrierInput, RenewalMethod};
use baohao_core::event::{Event, EventInput, Money, CURRENCIES};
use baohao_core::limits::{limits, Limits};
use baohao_core::line::{Line, LineInput, LineQuery};
use baohao_core::phone::{self, Country};
use baohao_core::rules::RuleSpec;
use baohao_core::summary::{renewal_prefill, LineSummary};
use baohao_core::zones::{zone_list as zones, ZoneList};
use baohao_core::Field;
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::args::Arg;
use crate::error::{CmdResult, ShellError};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub schema_version: u32,
    /// The system locale (BCP 47), when the OS reports one.
    pub locale: Option<String>,
    /// The locale whose number format typed amounts are read in and shown with (BCP 47):
    /// the OS's money/number format (see `platform::number_locale`).
    pub number_locale: Option<String>,
    /// Whether the OS has a share sheet for exported files (the phones).
    pub can_share: bool,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let schema_version = state.with_store(|s, _| s.schema_version()).await?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.info.data_dir.clone(),
        schema_version,
        locale: crate::platform::system_locale(),
        number_locale: crate::platform::number_locale(),
        can_share: state.services.can_share(),
    })
}

/// Every field's limits and the defaults of new rules and settings.
#[tauri::command]
#[specta::specta]
pub async fn limits_get() -> CmdResult<Limits> {
    Ok(limits())
}

/// The zones a time-zone field offers, and the device's.
#[tauri::command]
#[specta::specta]
pub async fn zone_list(state: State<'_, AppState>) -> CmdResult<ZoneList> {
    Ok(zones(state.system_zone()))
}

#[tauri::command]
#[specta::specta]
pub async fn country_list() -> CmdResult<Vec<Country>> {
    Ok(phone::countries())
}

#[tauri::command]
#[specta::specta]
pub async fn line_list(
    state: State<'_, AppState>,
    query: Arg<LineQuery>,
) -> CmdResult<Vec<LineSummary>> {
    let query = query.read_as(Field::Query)?;
    Ok(state
        .with_store_ctx(move |s, ctx| s.line_summaries(&query, &ctx))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_get(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<LineSummary> {
    let id = id.read_as(Field::Id)?;
    Ok(state
        .with_store_ctx(move |s, ctx| s.line_summary(&id, &ctx))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_create(state: State<'_, AppState>, input: Arg<LineInput>) -> CmdResult<Line> {
    let input = input.read()?;
    Ok(state
        .mutate(move |s, now| s.create_line(&input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_update(
    state: State<'_, AppState>,
    id: Arg<String>,
    input: Arg<LineInput>,
) -> CmdResult<Line> {
    let (id, input) = (id.read_as(Field::Id)?, input.read()?);
    Ok(state
        .mutate(move |s, now| s.update_line(&id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_set_archived(
    state: State<'_, AppState>,
    id: Arg<String>,
    archived: Arg<bool>,
) -> CmdResult<Line> {
    let (id, archived) = (id.read_as(Field::Id)?, archived.read()?);
    Ok(state
        .mutate(move |s, now| s.set_archived(&id, archived, now))
        .await?)
}

/// Moves a line to the recycle bin (`line_restore` takes it out, `line_purge` deletes it).
#[tauri::command]
#[specta::specta]
pub async fn line_delete(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<()> {
    let id = id.read_as(Field::Id)?;
    Ok(state.mutate(move |s, now| s.bin_line(&id, now)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_set_rule(
    state: State<'_, AppState>,
    id: Arg<String>,
    rule: Arg<Option<RuleSpec>>,
) -> CmdResult<LineSummary> {
    let (id, rule) = (id.read_as(Field::Id)?, rule.read_as(Field::Rule)?);
    Ok(state
        .mutate_ctx(move |s, ctx| {
            s.set_line_rule(&id, rule.as_ref(), ctx.now)?;
            s.line_summary(&id, &ctx)
        })
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn line_set_low_balance(
    state: State<'_, AppState>,
    id: Arg<String>,
    threshold: Arg<Option<Money>>,
) -> CmdResult<LineSummary> {
    let id = id.read_as(Field::Id)?;
    let threshold = threshold.read_as(Field::LowBalance)?;
    Ok(state
        .mutate_ctx(move |s, ctx| {
            s.set_low_balance(&id, threshold.as_ref(), ctx.now)?;
            s.line_summary(&id, &ctx)
        })
        .await?)
}

/// An ISO 4217 currency and its number of minor-unit digits (HKD 2, JPY 0).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Currency {
    pub code: String,
    pub exponent: u8,
}

#[tauri::command]
#[specta::specta]
pub async fn currency_list() -> CmdResult<Vec<Currency>> {
    Ok(CURRENCIES
        .iter()
        .map(|(code, exponent)| Currency {
            code: (*code).to_owned(),
            exponent: *exponent,
        })
        .collect())
}

#[tauri::command]
#[specta::specta]
pub async fn carrier_list(state: State<'_, AppState>) -> CmdResult<Vec<Carrier>> {
    Ok(state.with_store(|s, _| s.list_carriers()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn carrier_create(
    state: State<'_, AppState>,
    input: Arg<CarrierInput>,
) -> CmdResult<Carrier> {
    let input = input.read()?;
    Ok(state
        .mutate(move |s, now| s.create_carrier(&input, now))
        .await?)
}

/// Edits a user carrier; editing a preset makes a user copy (the preset never changes).
#[tauri::command]
#[specta::specta]
pub async fn carrier_update(
    state: State<'_, AppState>,
    id: Arg<String>,
    input: Arg<CarrierInput>,
) -> CmdResult<Carrier> {
    let (id, input) = (id.read_as(Field::Id)?, input.read()?);
    Ok(state
        .mutate(move |s, now| s.update_carrier(&id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn carrier_delete(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<()> {
    let id = id.read_as(Field::Id)?;
    Ok(state
        .mutate(move |s, now| s.delete_carrier(&id, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn event_list(state: State<'_, AppState>, line_id: Arg<String>) -> CmdResult<Vec<Event>> {
    let line_id = line_id.read_as(Field::Id)?;
    Ok(state
        .with_store(move |s, _| s.list_events(&line_id))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn event_add(
    state: State<'_, AppState>,
    line_id: Arg<String>,
    input: Arg<EventInput>,
) -> CmdResult<Event> {
    let (line_id, input) = (line_id.read_as(Field::Id)?, input.read()?);
    Ok(state
        .mutate(move |s, now| s.add_event(&line_id, &input, now))
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn event_update(
    state: State<'_, AppState>,
    id: Arg<String>,
    input: Arg<EventInput>,
) -> CmdResult<Event> {
    let (id, input) = (id.read_as(Field::Id)?, input.read()?);
    Ok(state
        .mutate(move |s, now| s.update_event(&id, &input, now))
        .await?)
}

/// Deletes an event; `event_restore` undoes it.
#[tauri::command]
#[specta::specta]
pub async fn event_delete(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<()> {
    let id = id.read_as(Field::Id)?;
    Ok(state.mutate(move |s, now| s.delete_event(&id, now)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn event_restore(state: State<'_, AppState>, id: Arg<String>) -> CmdResult<Event> {
    let id = id.read_as(Field::Id)?;
    Ok(state.mutate(move |s, _| s.restore_event(&id)).await?)
}

/// What the "I renewed" form starts with for this line.
#[tauri::command]
#[specta::specta]
pub async fn renewal_prefill_get(
    state: State<'_, AppState>,
    line_id: Arg<String>,
) -> CmdResult<EventInput> {
    let line_id = line_id.read_as(Field::Id)?;
    Ok(state
        .with_store_ctx(move |s, ctx| {
            let summary = s.line_summary(&line_id, &ctx)?;
            Ok(renewal_prefill(&summary, ctx.now))
        })
        .await?)
}

/// Opens a renewal method's one-tap action (web page, dialer with a hotline or USSD code,
/// SMS composer) and returns the URI it opened.
#[tauri::command]
#[specta::specta]
pub async fn renewal_action_open(
    state: State<'_, AppState>,
    method: Arg<RenewalMethod>,
) -> CmdResult<String> {
    let method = method.read_as(Field::Method)?;
    let uri = action_uri(&method).ok_or(ShellError::NothingToOpen)?;
    state.services.open_uri(&uri)?;
    Ok(uri)
}
