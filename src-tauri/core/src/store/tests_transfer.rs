//! A restore that fails after some of its writes leaves the data as it was.

use chrono::{TimeZone, Utc};

use super::*;
use crate::backup::{read_backup, RestoreMode};
use crate::event::{EventInput, EventKind};
use crate::line::{LineInput, SimKind};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap()
}

fn store_with(n: u32, note: &str) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    for i in 0..n {
        let l = s
            .create_line(
                &LineInput {
                    number: format!("07911 {:06}", 100_000 + i),
                    label: format!("line {i}"),
                    country: "GB".into(),
                    carrier: String::new(),
                    carrier_id: None,
                    sim_kind: SimKind::Esim,
                    iccid: None,
                    tags: vec![format!("t{i}")],
                    notes: String::new(),
                },
                now(),
            )
            .unwrap();
        s.add_event(
            &l.id,
            &EventInput {
                occurred_at: now(),
                kind: EventKind::Call,
                amount: None,
                method: None,
                channel: None,
                reference: String::new(),
                note: if i == n - 1 {
                    note.into()
                } else {
                    String::new()
                },
                balance_after: None,
            },
            now(),
        )
        .unwrap();
    }
    s
}

#[test]
fn a_write_that_fails_halfway_through_a_restore_changes_nothing() {
    let source = store_with(50, "boom");
    let backup = read_backup(&source.backup(now()).unwrap().to_json().unwrap(), now()).unwrap();
    for mode in [RestoreMode::Replace, RestoreMode::Merge] {
        let mut s = store_with(5, "");
        let before = s.snapshot().unwrap();
        // The last event's insert fails, after every line and the other events were written.
        s.conn
            .execute_batch(
                "CREATE TEMP TRIGGER fail BEFORE INSERT ON event WHEN NEW.note = 'boom'
                 BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
            )
            .unwrap();
        let e = s.restore(&backup, mode, None, now()).unwrap_err();
        assert!(e.to_string().contains("simulated failure"), "{e}");
        assert_eq!(s.snapshot().unwrap(), before, "{mode:?}");
        s.conn.execute_batch("DROP TRIGGER fail").unwrap();
        s.restore(&backup, mode, None, now()).unwrap();
        assert_eq!(s.count_lines().unwrap(), 50, "{mode:?}");
    }
}
