//! The JSON the native sides receive and send, and the desktop behaviour.

use serde_json::json;

use crate::models::check_batch;
use crate::models::wire::{
    parse_chosen, parse_tap, ArmArgs, DisarmArgs, ExactAlarmsResponse, TakeChosenResponse,
    TakeTappedResponse,
};
use crate::{Alarm, AlarmAction, Chosen, Error, Tapped};

fn alarm(id: i32, at_ms: i64, line_id: Option<&str>) -> Alarm {
    Alarm {
        id,
        at_ms,
        title: "续费提醒".into(),
        body: "Renew 138 0013 8000 within 7 days".into(),
        line_id: line_id.map(Into::into),
        actions: vec![],
    }
}

#[test]
fn arm_sends_camel_case_alarms_with_utc_millis() {
    let alarms = [
        alarm(7, 1_767_225_600_000, Some("line-abc")),
        alarm(-3, 1_767_312_000_000, None),
    ];
    let sent = serde_json::to_value(ArmArgs { alarms: &alarms }).unwrap();
    assert_eq!(
        sent,
        json!({"alarms": [
            {"id": 7, "atMs": 1_767_225_600_000_i64, "title": "续费提醒",
             "body": "Renew 138 0013 8000 within 7 days", "lineId": "line-abc", "actions": []},
            {"id": -3, "atMs": 1_767_312_000_000_i64, "title": "续费提醒",
             "body": "Renew 138 0013 8000 within 7 days", "lineId": null, "actions": []},
        ]})
    );
}

#[test]
fn an_alarm_reads_back_from_its_json() {
    let a = alarm(i32::MAX, 4_102_444_800_000, Some("x"));
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Alarm>(&text).unwrap(), a);
    // the native side may leave out an absent line id
    let bare: Alarm =
        serde_json::from_str(r#"{"id":1,"atMs":1000,"title":"t","body":"b"}"#).unwrap();
    assert_eq!(bare.line_id, None);
}

#[test]
fn disarm_sends_the_ids() {
    let sent = serde_json::to_value(DisarmArgs { ids: &[1, -2, 3] }).unwrap();
    assert_eq!(sent, json!({"ids": [1, -2, 3]}));
}

#[test]
fn take_tapped_reads_every_shape_the_native_sides_send() {
    let read = |s: &str| {
        serde_json::from_str::<TakeTappedResponse>(s)
            .unwrap()
            .tapped
    };
    // Android leaves the key out when no tap waits; Swift's encoder leaves out nil
    assert_eq!(read("{}"), None);
    assert_eq!(read(r#"{"tapped":null}"#), None);
    assert_eq!(
        read(r#"{"tapped":{"lineId":"line-abc"}}"#),
        Some(Tapped {
            line_id: Some("line-abc".into())
        })
    );
    // a tap on an alarm without a line
    assert_eq!(read(r#"{"tapped":{}}"#), Some(Tapped { line_id: None }));
}

#[test]
fn a_tap_message_is_parsed_or_refused() {
    assert_eq!(
        parse_tap(r#"{"lineId":"l1"}"#),
        Some(Tapped {
            line_id: Some("l1".into())
        })
    );
    assert_eq!(parse_tap("{}"), Some(Tapped { line_id: None }));
    assert_eq!(parse_tap(r#"{"lineId":5}"#), None);
    assert_eq!(parse_tap("not json"), None);
    // what `Tapped` itself writes is what the native sides write
    assert_eq!(
        serde_json::to_value(Tapped {
            line_id: Some("l1".into())
        })
        .unwrap(),
        json!({"lineId": "l1"})
    );
}

#[test]
fn buttons_are_sent_as_id_and_title() {
    let a = Alarm {
        actions: vec![
            AlarmAction {
                id: "renewed".into(),
                title: "我已续费".into(),
            },
            AlarmAction {
                id: "snooze_1d".into(),
                title: "推迟 1 天".into(),
            },
        ],
        ..alarm(7, 1_767_225_600_000, Some("l1"))
    };
    let sent = serde_json::to_value(&a).unwrap();
    assert_eq!(
        sent["actions"],
        json!([{"id": "renewed", "title": "我已续费"}, {"id": "snooze_1d", "title": "推迟 1 天"}])
    );
    // an alarm stored before buttons existed reads back without any
    let old: Alarm =
        serde_json::from_str(r#"{"id":1,"atMs":1000,"title":"t","body":"b"}"#).unwrap();
    assert!(old.actions.is_empty());
}

#[test]
fn chosen_actions_are_read_from_both_native_shapes() {
    let read = |s: &str| {
        serde_json::from_str::<TakeChosenResponse>(s)
            .unwrap()
            .chosen
    };
    assert_eq!(read("{}"), vec![]);
    let chosen = Chosen {
        line_id: Some("l1".into()),
        action: "renewed".into(),
        at_ms: 1_767_225_600_000,
    };
    assert_eq!(
        read(r#"{"chosen":[{"lineId":"l1","action":"renewed","atMs":1767225600000}]}"#),
        vec![chosen.clone()]
    );
    assert_eq!(
        parse_chosen(r#"{"lineId":"l1","action":"renewed","atMs":1767225600000}"#),
        Some(chosen)
    );
    assert_eq!(
        parse_chosen(r#"{"action":"snooze_1d","atMs":5}"#).map(|c| c.line_id),
        Some(None)
    );
    assert_eq!(parse_chosen(r#"{"lineId":"l1"}"#), None, "no action");
    assert_eq!(parse_chosen("[]"), None);
}

#[test]
fn exact_alarms_answer_is_read() {
    let r: ExactAlarmsResponse = serde_json::from_str(r#"{"allowed":false}"#).unwrap();
    assert!(!r.allowed);
}

#[test]
fn a_batch_with_a_repeated_id_or_a_fraction_of_a_second_is_refused() {
    assert!(check_batch(&[]).is_ok());
    assert!(check_batch(&[alarm(1, 1000, None), alarm(2, 2000, None)]).is_ok());
    assert!(matches!(
        check_batch(&[alarm(1, 1000, None), alarm(1, 2000, None)]),
        Err(Error::InvalidAlarm { id: 1, .. })
    ));
    assert!(matches!(
        check_batch(&[alarm(4, 1500, None)]),
        Err(Error::InvalidAlarm { id: 4, .. })
    ));
    // negative instants (before 1970) are whole seconds too
    assert!(check_batch(&[alarm(5, -2000, None)]).is_ok());
}

#[cfg(desktop)]
mod desktop {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::App;

    use super::alarm;
    use crate::{AlarmsExt, Error};

    fn app() -> App<MockRuntime> {
        mock_builder()
            .plugin(crate::init())
            .build(mock_context(noop_assets()))
            .unwrap()
    }

    #[test]
    fn arming_is_refused_and_nothing_else_fails() {
        let app = app();
        let alarms = app.alarms();
        assert!(matches!(
            alarms.arm(vec![alarm(1, 1000, Some("l"))]),
            Err(Error::Unsupported)
        ));
        // the batch is still checked first, so a bad batch is reported as such everywhere
        assert!(matches!(
            alarms.arm(vec![alarm(1, 1000, None), alarm(1, 1000, None)]),
            Err(Error::InvalidAlarm { id: 1, .. })
        ));
        assert!(alarms.disarm(vec![1, 2, 3]).is_ok());
        assert!(alarms.disarm(vec![]).is_ok());
        assert_eq!(alarms.take_tapped().unwrap(), None);
        assert!(matches!(
            alarms.exact_alarms_allowed(),
            Err(Error::Unsupported)
        ));
    }

    #[test]
    fn a_tap_handler_is_accepted_and_never_called() {
        let app = app();
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&calls);
        app.alarms()
            .on_tap(move |_| {
                seen.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap();
        assert_eq!(app.alarms().take_tapped().unwrap(), None);
        assert_eq!(calls.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn the_webview_reaches_no_command_of_the_plugin() {
        use tauri::ipc::{CallbackFn, InvokeBody};
        use tauri::webview::InvokeRequest;
        use tauri::WebviewWindowBuilder;

        let app = app();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        for cmd in ["arm", "disarm", "take_tapped", "takeTapped", "on_tap"] {
            let res = tauri::test::get_ipc_response(
                &webview,
                InvokeRequest {
                    cmd: format!("plugin:baohao-alarms|{cmd}"),
                    callback: CallbackFn(0),
                    error: CallbackFn(1),
                    url: "tauri://localhost".parse().unwrap(),
                    body: InvokeBody::default(),
                    headers: Default::default(),
                    invoke_key: tauri::test::INVOKE_KEY.to_string(),
                },
            );
            assert!(res.is_err(), "{cmd} answered the webview");
        }
    }
}
