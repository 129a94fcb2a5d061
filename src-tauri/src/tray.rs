//! The tray on desktop: open, the next deadline, quit. Closing the window keeps Baohao here
//! so reminders keep coming.

use baohao_core::planner::Lang;
use baohao_core::summary::LineSummary;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// The menu item that shows the next deadline, kept to update its text.
pub struct NextItem<R: Runtime>(pub MenuItem<R>);

fn texts(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::ZhCn => ("打开保号", "退出", "暂无期限"),
        Lang::En => ("Open Baohao", "Quit", "No deadlines"),
    }
}

/// "Next: Smart main · 30 Aug" in the user's language.
pub fn next_text(next: Option<&LineSummary>, lang: Lang, zone: chrono_tz::Tz) -> String {
    let Some((s, at)) = next.and_then(|s| s.act_by.map(|a| (s, a))) else {
        return texts(lang).2.to_owned();
    };
    let local = at.with_timezone(&zone);
    match lang {
        Lang::ZhCn => format!("下一个：{} · {}", s.line.label, local.format("%-m月%-d日")),
        Lang::En => format!("Next: {} · {}", s.line.label, local.format("%-d %b")),
    }
}

pub fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<()> {
    let (open_t, quit_t, none_t) = texts(lang);
    let open = MenuItem::with_id(app, "open", open_t, true, None::<&str>)?;
    let next = MenuItem::with_id(app, "next", none_t, false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", quit_t, true, None::<&str>)?;
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
    app.manage(NextItem(next));
    Ok(())
}

/// Refreshes the next-deadline item (called after every reminder pass).
pub fn refresh<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    let Some(item) = app.try_state::<NextItem<R>>() else {
        return;
    };
    let text = (|| {
        let store = state.lock_store().ok()?;
        let lang = AppState::notice_lang(&store);
        let ctx = store.eval_context(state.now(), state.system_zone()).ok()?;
        let next = store.next_deadline(&ctx).ok()?;
        Some(next_text(next.as_ref(), lang, ctx.user_zone))
    })();
    if let Some(text) = text {
        let _ = item.0.set_text(text);
    }
}
