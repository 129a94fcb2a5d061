//! Numbers end to end: the real app, a real window, the real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{stored_numbers, App, Launch};

fn launch(dir: &std::path::Path) -> App {
    let app = App::launch(&Launch {
        data_dir: dir.to_path_buf(),
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();
    app
}

fn fill_form(app: &App, number: &str, country: &str, label: &str) {
    app.find("[data-testid=line-form]");
    app.select("[data-testid=field-country]", country);
    app.find("[data-testid=field-number]")
        .clear()
        .type_text(number);
    app.find("[data-testid=field-label]")
        .clear()
        .type_text(label);
}

#[test]
fn add_a_number_see_it_formatted_and_still_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = launch(dir.path());
        app.find("[data-testid=empty-state]");
        app.screenshot("01-empty-list");
        app.find("[data-testid=add-line]").click();
        fill_form(&app, "0912 345 6789", "PH", "Smart 主号");
        app.find("[data-testid=field-carrier]").type_text("Smart");
        app.find("[data-testid=field-tags]")
            .type_text("travel, bank");
        app.screenshot("02-add-form");
        app.find("[data-testid=save-line]").click();

        app.wait_text("[data-testid=detail-number]", "+63 912 345 6789");
        app.screenshot("03-detail");
        app.find("[data-testid=back]").click();
        app.wait_count("[data-testid=line-item]", 1);
        app.screenshot("04-list");
        app.wait_text("[data-testid=line-number]", "+63 912 345 6789");
        app.wait_text("[data-testid=line-label]", "Smart 主号");
        app.set_window_size(1280, 800);
        app.wait_text("[data-testid=line-label]", "Smart 主号");
        app.screenshot("05-list-desktop");

        // The language switch: the whole UI in Chinese, the number unchanged.
        app.set_window_size(390, 844);
        app.select("[data-testid=locale-switch]", "zh-CN");
        app.wait_text("[data-testid=add-line]", "添加号码");
        app.wait_text("[data-testid=line-number]", "+63 912 345 6789");
        app.screenshot("05-list-zh");
        app.find("[data-testid=line-item]").click();
        app.wait_text("[data-testid=detail-number]", "+63 912 345 6789");
        app.screenshot("05-detail-zh");
        app.find("[data-testid=back]").click();
        app.select("[data-testid=locale-switch]", "en");
        app.wait_text("[data-testid=add-line]", "Add number");
        app.quit();
    }
    assert_eq!(stored_numbers(dir.path()), vec!["+639123456789"]);

    let app = launch(dir.path());
    app.wait_count("[data-testid=line-item]", 1);
    app.wait_text("[data-testid=line-number]", "+63 912 345 6789");
    app.wait_text("[data-testid=line-label]", "Smart 主号");
    app.quit();
}

#[test]
fn an_invalid_number_shows_the_field_error_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = launch(dir.path());
    app.find("[data-testid=add-line]").click();
    fill_form(&app, "12345", "GB", "Broken");
    app.find("[data-testid=save-line]").click();
    let err = app.find("[data-testid=error-number]");
    assert!(err.displayed());
    app.wait_text("[data-testid=error-number]", "not a valid number");
    app.screenshot("06-invalid-number");
    // Still on the form, and nothing in the file.
    app.find("[data-testid=line-form]");
    assert!(stored_numbers(dir.path()).is_empty());

    // The same number twice is refused with its own error.
    app.find("[data-testid=field-number]")
        .clear()
        .type_text("07911 123456");
    app.find("[data-testid=save-line]").click();
    app.wait_text("[data-testid=detail-number]", "+44 7911 123456");
    app.find("[data-testid=back]").click();
    app.find("[data-testid=add-line]").click();
    fill_form(&app, "+44 7911 123456", "GB", "Again");
    app.find("[data-testid=save-line]").click();
    let err = app.find("[data-testid=error-number]");
    app.wait_until("the duplicate error to show", || {
        !err.text().trim().is_empty()
    });
    assert_eq!(stored_numbers(dir.path()), vec!["+447911123456"]);
    app.quit();
}
