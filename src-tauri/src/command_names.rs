/// Every command the UI may call. `build.rs` turns each into an `allow-<name>` permission;
/// a test checks that this list, the registered handler and the capabilities agree.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "country_list",
    "line_list",
    "line_get",
    "line_create",
    "line_update",
    "line_set_archived",
    "line_delete",
];
