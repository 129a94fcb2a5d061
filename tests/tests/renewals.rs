//! Keep-alive rules end to end: pick a preset carrier for a new number, log a top-up through
//! "I renewed", and see the new deadline and its explanation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baohao_e2e::{App, Launch};

#[test]
fn a_giffgaff_number_renewed_with_i_renewed_shows_its_new_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&Launch {
        data_dir: dir.path().to_path_buf(),
        env: vec![("BAOHAO_TEST_NOW".into(), "2026-03-03T10:00:00Z".into())],
        ..Launch::default()
    });
    app.set_window_size(390, 844);
    app.wait_ready();

    app.find("[data-testid=add-line]").click();
    app.find("[data-testid=line-form]");
    app.select("[data-testid=field-country]", "GB");
    app.find("[data-testid=field-number]")
        .type_text("07911 123456");
    app.find("[data-testid=field-label]")
        .type_text("giffgaff 备用");
    app.find("[data-testid=field-carrier-pick]").click();
    app.find("[data-testid=carrier-picker]");
    app.find("[data-testid=carrier-search]")
        .type_text("giffgaff");
    app.screenshot("10-carrier-picker");
    app.find("[data-testid=carrier-option][data-carrier-id='preset:gb-giffgaff']")
        .click();
    app.find("[data-testid=save-line]").click();

    app.wait_text("[data-testid=detail-number]", "+44 7911 123456");
    app.find("[data-testid=detail-status]");
    app.screenshot("11-line-before-renewal");

    // "I renewed": the form opens pre-filled; change the amount, add the order number, save.
    app.find("[data-testid=renew-button]").click();
    app.find("[data-testid=renew-form]");
    app.find("[data-testid=renew-amount]")
        .clear()
        .type_text("10");
    app.select("[data-testid=renew-currency]", "GBP");
    app.find("[data-testid=renew-reference]")
        .type_text("GG-123456");
    app.screenshot("12-i-renewed");
    app.find("[data-testid=renew-save]").click();

    // 6 months after the top-up on 3 Mar 2026: 3 Sep 2026, 23:59 London time.
    // Counted from the logged top-up now, no longer from when the number was added.
    let explanation = app.wait_text(
        "[data-testid=detail-explanation]",
        "last top-up on 3 Mar 2026",
    );
    assert!(explanation.contains("3 Sep 2026"), "{explanation}");
    assert!(explanation.contains("London"), "{explanation}");
    app.wait_text("[data-testid=event-timeline]", "GG-123456");
    let status = app.find("[data-testid=detail-status]");
    assert_eq!(status.attr("data-status").as_deref(), Some("ok"));
    app.wait_text("[data-testid=detail-days-left]", "184");
    app.screenshot("13-line-after-renewal");

    app.find("[data-testid=back]").click();
    app.wait_text("[data-testid=line-days-left]", "184");
    app.screenshot("14-list-with-status");
    app.quit();
}
