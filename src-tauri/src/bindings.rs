//! The typed IPC surface. One `collect_commands!` list feeds both the invoke handler and the
//! generated TypeScript module `ui/src/lib/bindings.ts`, so the two cannot drift apart.

use tauri::Runtime;

use crate::{
    commands, commands_dashboard, commands_data, commands_planning, commands_plans,
    commands_recovery, commands_reminders, navigation,
};

/// Where the generated module lives, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

pub fn builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .commands(tauri_specta::collect_commands![
            commands::app_info,
            commands::country_list,
            commands::line_list,
            commands::line_get,
            commands::line_create,
            commands::line_update,
            commands::line_set_archived,
            commands::line_delete,
            commands::line_set_rule,
            commands::line_set_low_balance,
            commands_dashboard::dashboard_get,
            commands_dashboard::line_facets,
            commands_dashboard::lines_bulk,
            commands_dashboard::line_clone,
            commands_dashboard::bin_list,
            commands_dashboard::line_restore,
            commands_dashboard::line_purge,
            commands::currency_list,
            commands::limits_get,
            commands::zone_list,
            commands::carrier_list,
            commands::carrier_create,
            commands::carrier_update,
            commands::carrier_delete,
            commands::event_list,
            commands::event_add,
            commands::event_update,
            commands::event_delete,
            commands::event_restore,
            commands::renewal_prefill_get,
            commands::renewal_action_open,
            commands_reminders::settings_get,
            commands_reminders::settings_set_policy,
            commands_reminders::settings_set_locale,
            commands_reminders::settings_set_autostart,
            commands_reminders::onboarding_finish,
            commands_reminders::notification_permission_request,
            commands_reminders::notification_test,
            commands_reminders::line_reminder_get,
            commands_reminders::line_reminder_set,
            commands_reminders::line_snooze,
            commands_reminders::line_nag_dismiss,
            commands_reminders::reminder_upcoming,
            commands_reminders::reminder_status,
            commands_reminders::navigation_take,
            commands_plans::plan_list,
            commands_plans::plan_add,
            commands_plans::plan_update,
            commands_plans::plan_delete,
            commands_plans::keep_cost_report,
            commands_plans::line_keep_cost,
            commands_plans::promotion_list,
            commands_plans::promotion_add,
            commands_plans::promotion_update,
            commands_plans::promotion_delete,
            commands_planning::renewal_days_get,
            commands_planning::forecast_get,
            commands_planning::agenda_get,
            commands_recovery::recovery_status,
            commands_recovery::recovery_restore_latest,
            commands_recovery::recovery_restore_file,
            commands_recovery::recovery_start_empty,
            commands_recovery::recovery_retry,
            commands_data::backup_write,
            commands_data::backup_preview,
            commands_data::backup_restore,
            commands_data::auto_backups_list,
            commands_data::auto_backup_preview,
            commands_data::auto_backup_restore,
            commands_data::csv_read,
            commands_data::csv_preview,
            commands_data::csv_import,
            commands_data::csv_template_write,
            commands_data::export_lines_csv,
            commands_data::export_events_csv,
            commands_data::ics_write_all,
            commands_data::ics_write_line,
            commands_data::export_file_name,
            commands_data::share_export,
        ])
        .events(tauri_specta::collect_events![navigation::OpenTarget])
}

/// Renders the TypeScript module.
pub fn render() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("baohao-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("bindings.ts");
    builder::<tauri::Wry>()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands by `make bindings`. Do not edit."),
            &file,
        )
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}
