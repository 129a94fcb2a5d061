//! Writes the databases of every earlier schema version that `tests/fixtures.rs` migrates:
//! `cargo run -p baohao-core --example make_fixtures -- src-tauri/core/tests/fixtures`.
//!
//! Each file is made the way an older Baohao made it: the migrations up to that version
//! (the numbered files never change once released), then rows written with that version's
//! columns only. The content is fixed (ids, instants), so running this again gives the same
//! rows. A new migration adds a fixture for the version before it.

use std::path::PathBuf;

use baohao_core::store::MIGRATIONS;
use rusqlite::Connection;

const LINES: &str = "
INSERT INTO line (id, e164, label, country, carrier, sim_kind, iccid, notes, created_at, updated_at, archived_at)
VALUES
 ('11111111-1111-4111-8111-111111111111', '+639123456789', 'Smart main', 'PH', 'Smart', 'physical',
  '8963031234567890123', 'line one\nline two 📱', '2025-01-05T10:00:00.000Z', '2025-02-01T08:30:00.000Z', NULL),
 ('22222222-2222-4222-8222-222222222222', '+447911123456', 'giffgaff spare', 'GB', 'giffgaff', 'esim',
  NULL, '', '2025-01-06T10:00:00.000Z', '2025-01-06T10:00:00.000Z', NULL),
 ('33333333-3333-4333-8333-333333333333', '+85261234567', '香港 卡', 'HK', '', 'physical',
  NULL, '''quoted'' and \"double\"', '2025-01-07T10:00:00.000Z', '2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z');
INSERT INTO line_tag (line_id, tag) VALUES
 ('11111111-1111-4111-8111-111111111111', 'travel'),
 ('11111111-1111-4111-8111-111111111111', '旅行'),
 ('22222222-2222-4222-8222-222222222222', 'uk');
";

const V2: &str = r#"
INSERT INTO carrier (id, based_on, name_en, name_zh, country, zone, rule, grace, renewal_methods, balance_check, notes, created_at, updated_at)
VALUES ('44444444-4444-4444-8444-444444444444', 'preset:gb-giffgaff', 'My giffgaff', '我的 giffgaff', 'GB',
  'Europe/London', '{"kind":"rolling","period":{"months":6},"qualifying":["call","topup"]}',
  '{"days":30,"months":0,"mode":"restricted"}',
  '[{"kind":"ussd","label":"Balance","value":"*100#","keyword":null}]', '*100#', 'mine',
  '2025-01-06T09:00:00.000Z', '2025-01-06T09:00:00.000Z');
UPDATE line SET carrier_id = 'user:44444444-4444-4444-8444-444444444444'
 WHERE id = '22222222-2222-4222-8222-222222222222';
UPDATE line SET carrier_id = 'preset:ph-smart', low_balance_minor = 5000, low_balance_currency = 'PHP'
 WHERE id = '11111111-1111-4111-8111-111111111111';
UPDATE line SET rule_override = '{"rule":{"kind":"fixed_expiry","expiresOn":"2026-06-30"},"grace":null,"zone":"Asia/Hong_Kong"}'
 WHERE id = '33333333-3333-4333-8333-333333333333';
INSERT INTO event (id, line_id, occurred_at, kind, amount_minor, amount_currency, method, channel, reference, note, balance_minor, balance_currency, created_at, deleted_at)
VALUES
 ('55555555-5555-4555-8555-555555555551', '11111111-1111-4111-8111-111111111111', '2025-01-10T02:00:00.000Z',
  'topup', 30000, 'PHP', 'app', 'alipay', 'ORD-1', 'first', -150, 'PHP', '2025-01-10T02:05:00.000Z', NULL),
 ('55555555-5555-4555-8555-555555555552', '11111111-1111-4111-8111-111111111111', '2025-01-20T02:00:00.000Z',
  'topup', 10000, 'PHP', NULL, NULL, '', '', NULL, NULL, '2025-01-20T02:05:00.000Z', '2025-01-21T00:00:00.000Z'),
 ('55555555-5555-4555-8555-555555555553', '22222222-2222-4222-8222-222222222222', '2025-02-01T12:00:00.000Z',
  'call', NULL, NULL, 'hotline', NULL, '', 'a call', NULL, NULL, '2025-02-01T12:01:00.000Z', NULL);
INSERT INTO setting (key, value) VALUES
 ('reminder_policy', '{"leadsDays":[30,7,1],"timeOfDay":"09:00:00","userZone":"Asia/Shanghai","quietHours":null,"nagDaily":true,"balanceCheckEveryDays":null}'),
 ('locale', '"zh_cn"');
"#;

const V3: &str = "
INSERT INTO line_reminder (line_id, leads_days, muted, snoozed_until, nag_dismissed_for) VALUES
 ('22222222-2222-4222-8222-222222222222', '[14,2]', 0, '2025-02-10T09:00:00.000Z', NULL),
 ('33333333-3333-4333-8333-333333333333', NULL, 1, NULL, NULL);
INSERT INTO delivered (id, at, line_id, delivered_at) VALUES
 (12345, '2025-02-09T09:00:00.000Z', '22222222-2222-4222-8222-222222222222', '2025-02-09T09:00:01.000Z');
INSERT INTO setting (key, value) VALUES ('reminders_last_check', '\"2025-02-09T09:00:01Z\"');
";

const V4: &str = "
INSERT INTO scheduled (id, at, fingerprint, line_id, scheduled_at) VALUES
 (777, '2025-03-01T09:00:00.000Z', '0123456789abcdef', '22222222-2222-4222-8222-222222222222',
  '2025-02-20T08:00:00.000Z');
";

const V5: &str = "
INSERT INTO line_plan (id, line_id, name, price_minor, price_currency, period, data_mb, minutes, sms,
  auto_renew, started_on, note, created_at, updated_at) VALUES
 ('66666666-6666-4666-8666-666666666661', '11111111-1111-4111-8111-111111111111', 'Magic Data 99',
  9900, 'PHP', '{\"days\":30}', 24000, NULL, NULL, 1, '2025-01-10', '主号', '2025-01-10T02:05:00.000Z',
  '2025-01-10T02:05:00.000Z');
INSERT INTO promotion (id, line_id, carrier_id, text, remind_on, expires_on, created_at, updated_at) VALUES
 ('77777777-7777-4777-8777-777777777771', NULL, 'preset:hk-smartone', 'Double data over HK$100',
  '2025-12-01', '2025-12-31', '2025-11-01T00:00:00.000Z', '2025-11-01T00:00:00.000Z');
";

// A version-6 Baohao wrote `updated_at` with every event (logged, edited or deleted).
const V6: &str = "UPDATE event SET updated_at = COALESCE(deleted_at, created_at);";

// A version-7 Baohao stored each number's display form with the number.
const V7: &str = "
UPDATE line SET display_number = '+63 912 345 6789' WHERE e164 = '+639123456789';
UPDATE line SET display_number = '+44 7911 123456' WHERE e164 = '+447911123456';
UPDATE line SET display_number = '+852 6123 4567' WHERE e164 = '+85261234567';
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: make_fixtures <dir>")?,
    );
    std::fs::create_dir_all(&dir)?;
    // Version 8 adds only the derived `line_state` table, which a version-8 app fills at open
    // (a line without a row is derived then): its file holds the version-7 rows.
    for version in 1..=8u32 {
        let path = dir.join(format!("v{version}.db"));
        if path.exists() {
            std::fs::remove_file(&path)?;
        }
        let mut conn = Connection::open(&path)?;
        let tx = conn.transaction()?;
        for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= version) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", v)?;
        }
        tx.execute_batch(LINES)?;
        if version >= 2 {
            tx.execute_batch(V2)?;
        }
        if version >= 3 {
            tx.execute_batch(V3)?;
        }
        if version >= 4 {
            tx.execute_batch(V4)?;
        }
        if version >= 5 {
            tx.execute_batch(V5)?;
        }
        if version >= 6 {
            tx.execute_batch(V6)?;
        }
        if version >= 7 {
            tx.execute_batch(V7)?;
        }
        tx.commit()?;
        // One self-contained file in WAL mode, as the app leaves it after a clean exit.
        conn.execute_batch("VACUUM")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        drop(conn);
        println!("wrote {}", path.display());
    }
    Ok(())
}
