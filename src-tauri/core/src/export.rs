//! The files Baohao writes for the user to keep or share: what each holds, the name it is
//! offered under (with the user's local date), and its media type. The shell writes them to a
//! path the user chose, or hands them to a phone's share sheet; both ask the core here.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::rules::Lang;
use crate::Store;

/// A file Baohao can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ExportKind {
    /// Every line, carrier, rule, event, plan, promotion and setting (docs/backup-format.md).
    Backup,
    /// Every line as CSV, importable into another Baohao (docs/csv-format.md).
    LinesCsv,
    /// The renewal log of every line as CSV.
    EventsCsv,
    /// The deadlines of every active line as an iCalendar file with alarms.
    Calendar,
    /// One line's deadlines as an iCalendar file (needs the line's id).
    LineCalendar,
    /// An empty CSV with the importer's columns.
    CsvTemplate,
}

impl ExportKind {
    /// The name a file of this kind is offered under: `baohao-backup-2026-03-03.json`, dated
    /// by the user's local day (`today`'s date in `zone`). The template has no date.
    pub fn file_name(self, now: DateTime<Utc>, zone: Tz) -> String {
        let day = now.with_timezone(&zone).format("%Y-%m-%d");
        match self {
            Self::Backup => format!("baohao-backup-{day}.json"),
            Self::LinesCsv => format!("baohao-numbers-{day}.csv"),
            Self::EventsCsv => format!("baohao-renewals-{day}.csv"),
            Self::Calendar => format!("baohao-deadlines-{day}.ics"),
            Self::LineCalendar => format!("baohao-number-{day}.ics"),
            Self::CsvTemplate => "baohao-template.csv".to_owned(),
        }
    }

    /// The media type the file is shared as.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Backup => "application/json",
            Self::LinesCsv | Self::EventsCsv | Self::CsvTemplate => "text/csv",
            Self::Calendar | Self::LineCalendar => "text/calendar",
        }
    }
}

/// A file ready to be written: its name, media type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Builds the file of `kind` from the current data. `line_id` is needed by
    /// [`ExportKind::LineCalendar`] only; `zone` is the user's (dates in names and calendars).
    pub fn export_file(
        &self,
        kind: ExportKind,
        line_id: Option<&str>,
        now: DateTime<Utc>,
        zone: Tz,
        lang: Lang,
    ) -> Result<ExportFile> {
        let bytes = match kind {
            ExportKind::Backup => self.backup(now)?.to_json()?,
            ExportKind::LinesCsv => self.export_lines_csv(now)?,
            ExportKind::EventsCsv => self.export_events_csv()?,
            ExportKind::Calendar => self.ics_all(now, zone, lang)?.into_bytes(),
            ExportKind::LineCalendar => {
                let id = line_id.ok_or(CoreError::Required { field: Field::Id })?;
                self.ics_line(id, now, zone, lang)?.into_bytes()
            }
            ExportKind::CsvTemplate => crate::csv_io::csv_template(),
        };
        Ok(ExportFile {
            name: kind.file_name(now, zone),
            media_type: kind.media_type(),
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_carry_the_users_local_day() {
        // 23:30 UTC on 2 March is already 3 March in Shanghai.
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 23, 30, 0).unwrap();
        assert_eq!(
            ExportKind::Backup.file_name(now, chrono_tz::Asia::Shanghai),
            "baohao-backup-2026-03-03.json"
        );
        assert_eq!(
            ExportKind::EventsCsv.file_name(now, chrono_tz::Europe::London),
            "baohao-renewals-2026-03-02.csv"
        );
        assert_eq!(
            ExportKind::CsvTemplate.file_name(now, Tz::UTC),
            "baohao-template.csv"
        );
    }

    #[test]
    fn every_kind_has_a_name_and_type_that_agree() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
        for kind in [
            ExportKind::Backup,
            ExportKind::LinesCsv,
            ExportKind::EventsCsv,
            ExportKind::Calendar,
            ExportKind::LineCalendar,
            ExportKind::CsvTemplate,
        ] {
            let name = kind.file_name(now, Tz::UTC);
            let ext = name.rsplit('.').next().unwrap_or_default();
            let expected = match ext {
                "json" => "application/json",
                "csv" => "text/csv",
                "ics" => "text/calendar",
                other => panic!("unexpected extension {other}"),
            };
            assert_eq!(kind.media_type(), expected, "{kind:?}");
        }
    }

    #[test]
    fn a_line_calendar_without_a_line_is_refused_naming_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("b.db")).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
        let err = store
            .export_file(ExportKind::LineCalendar, None, now, Tz::UTC, Lang::En)
            .unwrap_err();
        assert_eq!(err.field(), Some(Field::Id));
        let file = store
            .export_file(ExportKind::CsvTemplate, None, now, Tz::UTC, Lang::En)
            .unwrap();
        assert_eq!(file.bytes, crate::csv_io::csv_template());
    }
}
