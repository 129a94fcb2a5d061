//! CSV import and export through the public API.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;

use baohao_core::csv_io::{csv_template, read_csv, CsvColumn, TextEncoding};
use baohao_core::{ErrorCode, EventKind, Money, Store};
use common::{line_input, now, topup};

fn import(s: &mut Store, bytes: &[u8]) -> baohao_core::error::Result<u32> {
    let table = read_csv(bytes)?;
    s.csv_import(&table, &table.mapping, Tz::UTC, now())
        .map(|r| r.lines)
}

#[test]
fn the_template_imports_with_its_last_renewal() {
    let mut s = Store::open_in_memory().unwrap();
    let table = read_csv(&csv_template()).unwrap();
    assert!(table.has_header);
    assert_eq!(table.encoding, TextEncoding::Utf8);
    let expected: Vec<_> = CsvColumn::TEMPLATE.iter().map(|c| Some(*c)).collect();
    assert_eq!(table.mapping, expected);
    let preview = s
        .csv_preview(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    assert_eq!(
        (preview.valid_rows, preview.invalid_rows),
        (1, 0),
        "{preview:?}"
    );
    assert_eq!(s.count_lines().unwrap(), 0, "a preview writes nothing");
    let report = s
        .csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    assert_eq!((report.lines, report.events), (1, 1));
    let line = &s.list_lines(&Default::default()).unwrap()[0];
    assert_eq!(line.e164, "+639123456789");
    assert_eq!(line.carrier_id.as_deref(), Some("preset:ph-smart"));
    assert_eq!(line.tags, vec!["travel", "旅行"]);
    let ev = &s.list_events(&line.id).unwrap()[0];
    assert_eq!(ev.kind, EventKind::Topup);
    assert_eq!(ev.amount, Some(Money::new(30_000, "PHP")));
    // Noon in the carrier's zone (Manila, UTC+8) on 1 March.
    assert_eq!(
        ev.occurred_at,
        Utc.with_ymd_and_hms(2026, 3, 1, 4, 0, 0).unwrap()
    );
}

fn store_for_round_trip() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let t0 = now() - Duration::days(100);
    let mut a = line_input("0912 345 6789", "PH", "=HYPERLINK(\"http://x\")");
    a.carrier_id = Some("preset:ph-smart".into());
    a.tags = vec!["travel".into(), "旅行".into()];
    a.notes = "line one\nline \"two\", with comma".into();
    a.iccid = Some("8963031234567890123".into());
    let a = s.create_line(&a, t0).unwrap();
    s.add_event(&a.id, &topup(t0 + Duration::days(3), 30_050, "PHP"), now())
        .unwrap();
    let mut b = line_input("07911 123456", "GB", "-giffgaff +spare @home");
    // Free text that names no carrier stays free text (a known name would link the carrier).
    b.carrier = "Corner shop SIM".into();
    b.sim_kind = baohao_core::SimKind::Esim;
    s.create_line(&b, t0).unwrap();
    let mut c = line_input("+852 6123 4567", "", "HK 卡");
    c.carrier_id = Some("preset:hk-cmhk".into());
    let c = s.create_line(&c, t0).unwrap();
    let mut call = topup(t0 + Duration::days(5), 0, "HKD");
    call.kind = EventKind::Call;
    call.amount = None;
    s.add_event(&c.id, &call, now()).unwrap();
    s
}

#[test]
fn export_then_import_gives_the_same_lines() {
    let s = store_for_round_trip();
    let file = s.export_lines_csv(now()).unwrap();
    let text = String::from_utf8(file.clone()).unwrap();
    // Formula-looking cells are neutralised; the number's '+' too.
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'-giffgaff"), "{text}");
    assert!(text.contains("'+639123456789"), "{text}");
    assert!(!text
        .lines()
        .any(|l| l.starts_with('=') || l.starts_with('+')));

    let mut t = Store::open_in_memory().unwrap();
    assert_eq!(import(&mut t, &file).unwrap(), 3);
    let key = |s: &Store| {
        let mut v: Vec<_> = s
            .list_lines(&Default::default())
            .unwrap()
            .into_iter()
            .map(|l| {
                (
                    l.e164,
                    l.label,
                    l.country,
                    l.carrier,
                    l.carrier_id,
                    l.sim_kind,
                    l.iccid,
                    l.tags,
                    l.notes,
                )
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(key(&t), key(&s));
    // The last renewals came along: exporting again gives the same file.
    assert_eq!(t.export_lines_csv(now()).unwrap(), file);
    // And the deadlines are the same.
    let ctx = baohao_core::EvalContext {
        now: now(),
        user_zone: Tz::UTC,
        due_soon_days: 30,
    };
    let deadlines = |s: &Store| {
        let mut v: Vec<_> = s
            .line_summaries(&Default::default(), &ctx)
            .unwrap()
            .into_iter()
            .map(|x| (x.line.e164, x.act_by))
            .collect();
        v.sort();
        v
    };
    assert_eq!(deadlines(&t), deadlines(&s));
}

#[test]
fn a_gbk_file_with_semicolons_and_chinese_headers_imports() {
    let text = "号码;名称;国家;运营商;上次续费日期;类型;金额;币种;标签;备注\r\n\
                ０９１２ ３４５ ６７８９;旅行卡;PH;Smart Prepaid;2026年3月1日;充值;３００;php;旅行、工作;在马尼拉买的\r\n\
                +85261234567;香港卡;;中国移动香港;2026/02/01;;50;HKD;;\r\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    let table = read_csv(&gbk).unwrap();
    assert_eq!(table.encoding, TextEncoding::Gbk);
    assert_eq!(table.delimiter, ";");
    assert!(table.has_header);
    assert_eq!(table.mapping[0], Some(CsvColumn::Number));
    assert_eq!(table.mapping[9], Some(CsvColumn::Notes));
    let mut s = Store::open_in_memory().unwrap();
    let preview = s
        .csv_preview(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    assert_eq!(preview.invalid_rows, 0, "{:?}", preview.rows);
    s.csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    let lines = s.list_lines(&Default::default()).unwrap();
    let ph = lines.iter().find(|l| l.label == "旅行卡").unwrap();
    assert_eq!(ph.e164, "+639123456789");
    assert_eq!(ph.carrier_id.as_deref(), Some("preset:ph-smart"));
    assert_eq!(ph.tags, vec!["旅行", "工作"]);
    assert_eq!(ph.notes, "在马尼拉买的");
    let hk = lines.iter().find(|l| l.label == "香港卡").unwrap();
    assert_eq!(hk.country, "HK");
    assert_eq!(
        hk.carrier_id.as_deref(),
        Some("preset:hk-cmhk"),
        "found by its Chinese name"
    );
}

#[test]
fn a_bom_and_a_mapping_for_other_headers() {
    let file = "\u{FEFF}Phone,Who,Ignored,Country\r\n07911 123456,spare,x,GB\r\n";
    let table = read_csv(file.as_bytes()).unwrap();
    assert_eq!(table.headers[0], "Phone");
    assert_eq!(
        table.mapping,
        vec![
            Some(CsvColumn::Number),
            None,
            None,
            Some(CsvColumn::Country)
        ]
    );
    let mut s = Store::open_in_memory().unwrap();
    // Without a label column the mapping is refused.
    let p = s
        .csv_preview(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    assert!(!p.table_errors.is_empty());
    assert!(s
        .csv_import(&table, &table.mapping, Tz::UTC, now())
        .is_err());
    let mapping = vec![
        Some(CsvColumn::Number),
        Some(CsvColumn::Label),
        None,
        Some(CsvColumn::Country),
    ];
    s.csv_import(&table, &mapping, Tz::UTC, now()).unwrap();
    assert_eq!(s.list_lines(&Default::default()).unwrap()[0].label, "spare");
    // A file without a header takes the template's order.
    let table = read_csv(b"07911 123457,no header,GB\n").unwrap();
    assert!(!table.has_header);
    assert_eq!(table.rows[0].row, 1);
    s.csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    assert_eq!(s.count_lines().unwrap(), 2);
}

#[test]
fn every_invalid_cell_is_named_by_row_and_column_and_nothing_is_written() {
    let mut s = Store::open_in_memory().unwrap();
    s.create_line(&line_input("07911 123456", "GB", "existing"), now())
        .unwrap();
    let file = "number,label,country,carrier,sim_kind,iccid,last_renewal_date,kind,amount,currency,tags,notes\n\
        07911 123457,fine,GB,,,,,,,,,\n\
        +999 12,\u{200B},ZZ,preset:xx-none,nano,123,31/12/2025,bribe,-5,XYZ,\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n\
        07911 123456,dup of existing,GB,,,,,,,,,\n\
        07911 123457,dup in file,GB,,,,2099-01-01,,,,,\n\
        07911 123458,amount without currency,GB,,,,2026-01-01,topup,10,,,\n\
        07911 123459,bad amount,GB,,,,2026-01-01,topup,1.2.3,GBP,,\n";
    let table = read_csv(file.as_bytes()).unwrap();
    let p = s
        .csv_preview(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
    assert_eq!((p.valid_rows, p.invalid_rows), (1, 5));
    let row3: Vec<_> = p.rows[1]
        .errors
        .iter()
        .map(|e| (e.row, e.column.unwrap(), e.code))
        .collect();
    use CsvColumn as C;
    for (col, code) in [
        (C::Number, ErrorCode::InvalidNumber),
        (C::Label, ErrorCode::Required),
        (C::Country, ErrorCode::InvalidCountry),
        (C::Carrier, ErrorCode::NotFound),
        (C::SimKind, ErrorCode::InvalidRule),
        (C::Iccid, ErrorCode::InvalidIccid),
        (C::LastRenewalDate, ErrorCode::OutOfRange),
        (C::Kind, ErrorCode::InvalidRule),
        (C::Currency, ErrorCode::InvalidCurrency),
        (C::Tags, ErrorCode::TooLong),
    ] {
        assert!(
            row3.contains(&(3, col, code)),
            "{col:?} {code:?} missing in {row3:?}"
        );
    }
    assert!(p.rows[1].errors.iter().all(|e| !e.column_name.is_empty()));
    assert_eq!(p.rows[2].errors[0].code, ErrorCode::DuplicateNumber);
    assert_eq!(p.rows[2].errors[0].row, 4);
    let row5: Vec<_> = p.rows[3].errors.iter().map(|e| e.code).collect();
    assert!(
        row5.contains(&ErrorCode::DuplicateNumber) && row5.contains(&ErrorCode::OutOfRange),
        "{row5:?}"
    );
    assert_eq!(p.rows[4].errors[0].column, Some(C::Currency));
    assert_eq!(p.rows[4].errors[0].code, ErrorCode::Required);
    assert_eq!(
        (p.rows[5].errors[0].column, p.rows[5].errors[0].code),
        (Some(C::Amount), ErrorCode::OutOfRange)
    );

    let e = s
        .csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap_err();
    let at = e.location().unwrap();
    assert_eq!(
        (at.record, at.index, at.column.as_deref()),
        ("row", 3, Some("number")),
        "{e}"
    );
    assert!(e.to_string().starts_with("row 3, number:"), "{e}");
    assert_eq!(s.count_lines().unwrap(), 1, "nothing written");
}

#[test]
fn files_that_are_not_text_or_too_big_are_refused() {
    let e = read_csv(&[0xFF, 0xFF, 0x81, 0x20, 0xFE, 0x30]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileEncoding);
    let e = read_csv(b"").unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadFile);
    let e = read_csv(&vec![b'a'; 50 * 1024 * 1024 + 1]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileTooLarge);
    // UTF-16 with a byte order mark (Excel's "Unicode text"), tab-separated.
    let text = "number\tlabel\tcountry\r\n07911 123456\tspare\tGB\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let table = read_csv(&utf16).unwrap();
    assert_eq!(
        (table.encoding, table.delimiter.as_str()),
        (TextEncoding::Utf16, "\t")
    );
    let mut s = Store::open_in_memory().unwrap();
    s.csv_import(&table, &table.mapping, Tz::UTC, now())
        .unwrap();
}

#[test]
fn thousands_of_rows_import_in_one_go_or_not_at_all() {
    let mut file = String::from("number,label,country,last_renewal_date,amount,currency\n");
    // (10 000 rows are timed with the release build of the command line.)
    for i in 0..3_000 {
        file.push_str(&format!(
            "+44 7911 {:06},line {i},GB,2026-01-{:02},10.00,GBP\n",
            100_000 + i,
            1 + i % 28
        ));
    }
    let mut bad = file.clone();
    bad.push_str("+44 7911 999999,,GB,,,\n");
    let mut s = Store::open_in_memory().unwrap();
    let e = import(&mut s, bad.as_bytes()).unwrap_err();
    assert_eq!(e.location().unwrap().index, 3_002);
    assert_eq!(s.count_lines().unwrap(), 0);
    assert_eq!(import(&mut s, file.as_bytes()).unwrap(), 3_000);
    assert_eq!(s.count_lines().unwrap(), 3_000);
}

#[test]
fn the_events_export_lists_the_log_with_neutralised_cells() {
    let mut s = Store::open_in_memory().unwrap();
    common::fill(&mut s);
    let text = String::from_utf8(s.export_events_csv().unwrap()).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(lines[0], "number,label,occurred_at,kind,amount,currency,method,channel,reference,note,balance_after,balance_currency");
    // Two live events (the deleted one is left out); notes with newlines are quoted.
    let table = read_csv(text.as_bytes()).unwrap();
    assert_eq!(table.rows.len(), 2);
    assert!(
        text.contains("'-1.50"),
        "a negative balance is neutralised: {text}"
    );
    assert!(text.contains("'+639123456789"));
}

#[test]
fn the_documented_template_is_the_template() {
    let doc = include_str!("../../../docs/csv-format.md");
    let start = doc.find("```csv\n").unwrap() + 7;
    let end = start + doc[start..].find("```").unwrap();
    let template = String::from_utf8(csv_template()).unwrap();
    assert_eq!(
        template
            .trim_start_matches('\u{FEFF}')
            .replace("\r\n", "\n"),
        &doc[start..end]
    );
}

#[test]
fn a_100_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let e = baohao_core::files::read_capped(&path, baohao_core::files::MAX_FILE_BYTES).unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileTooLarge);
}
