//! The tray on desktop: open, the next deadline, quit. Closing the window keeps Baohao here
//! so reminders keep coming. Its words come from `baohao_core::texts`, in the language the UI
//! last told the shell; every refresh rewrites all of them, so a language switch shows at once.

use baohao_core::planner::Lang;
use baohao_core::texts::{tray_text, TrayText};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// The menu items, kept to rewrite their texts, and what they say now.
pub struct TrayItems<R: Runtime> {
    open: MenuItem<R>,
    next: MenuItem<R>,
    quit: MenuItem<R>,
    shown: std::sync::Mutex<Option<TrayText>>,
}

pub fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<()> {
    let text = tray_text(None, lang);
    let open = MenuItem::with_id(app, "open", &text.open, true, None::<&str>)?;
    let next = MenuItem::with_id(app, "next", &text.next, false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", &text.quit, true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &next, &quit])?;
    let mut tray = TrayIconBuilder::with_id("main")
        .tooltip("Baohao 保号")
        .menu(&menu)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => crate::navigation::show_main_window(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    app.manage(TrayItems {
        open,
        next,
        quit,
        shown: std::sync::Mutex::new(Some(text)),
    });
    Ok(())
}

/// What the tray should say now: the next deadline, in the notification language.
pub fn current_text(state: &AppState) -> Option<TrayText> {
    let store = state.lock_store().ok()?;
    let lang = AppState::notice_lang(&store);
    let ctx = store.eval_context(state.now(), state.system_zone()).ok()?;
    let next = store.next_deadline(&ctx).ok()?;
    let next = next.as_ref().and_then(|s| {
        s.act_by.map(|at| {
            let date = at.with_timezone(&ctx.user_zone).date_naive();
            (s.line.label.as_str(), date)
        })
    });
    Some(tray_text(next, lang))
}

/// Rewrites every item (called after every reminder pass, which every change of data or
/// settings — including the language — triggers).
pub fn refresh<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    let Some(items) = app.try_state::<TrayItems<R>>() else {
        return;
    };
    let Some(text) = current_text(state) else {
        return;
    };
    let mut shown = items.shown.lock().unwrap_or_else(|p| p.into_inner());
    // Only what changed is rewritten: the menu is re-sent to the desktop on every change.
    let before = shown.take();
    let changed = |f: fn(&TrayText) -> &String| before.as_ref().map(f) != Some(f(&text));
    if changed(|t| &t.open) {
        let _ = items.open.set_text(&text.open);
    }
    if changed(|t| &t.next) {
        let _ = items.next.set_text(&text.next);
    }
    if changed(|t| &t.quit) {
        let _ = items.quit.set_text(&text.quit);
    }
    *shown = Some(text);
}
