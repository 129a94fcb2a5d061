//! Small platform facts the UI asks for.

/// The OS locale as a BCP 47 tag (`zh-CN`, `en-GB`), if the platform reports one.
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

/// The OS time zone (IANA), or UTC when the platform does not say.
pub fn system_zone() -> chrono_tz::Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}
