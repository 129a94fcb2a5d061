//! Small platform facts the UI asks for.

/// The OS locale as a BCP 47 tag (`zh-CN`, `en-GB`), if the platform reports one.
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}
