//! The record of what Baohao handed a phone's OS (see [`crate::schedule`]).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::params;

use super::columns::{parse_ts, ts};
use super::Store;
use crate::error::Result;
use crate::planner::Lang;
use crate::schedule::{sync_plan, window, Alarm, PhoneOs, Scheduled, SyncPlan};

impl Store {
    /// What the OS was handed and not yet known to be gone, soonest first.
    pub fn scheduled(&self) -> Result<Vec<Scheduled>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, at, fingerprint, line_id FROM scheduled ORDER BY at, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Scheduled {
                id: r.get(0)?,
                at: parse_ts(1, &r.get::<_, String>(1)?)?,
                fingerprint: r.get(2)?,
                line_id: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What one sync at `now` must do: the planned window for `os` compared with the record.
    pub fn mobile_sync_plan(
        &self,
        now: DateTime<Utc>,
        default_zone: Tz,
        os: PhoneOs,
        lang: Lang,
        rearm_all: bool,
    ) -> Result<SyncPlan> {
        let (policy, lines) = self.planning_input(now, default_zone)?;
        let planned = window(&lines, &policy, now, os, lang);
        Ok(sync_plan(planned, &self.scheduled()?, now, rearm_all))
    }

    /// Records, in one transaction, what a sync did: `gone` left the OS (cancelled or shown),
    /// `armed` was handed to it at `now`.
    pub fn record_scheduled(
        &mut self,
        gone: &[i32],
        armed: &[Alarm],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut delete = tx.prepare_cached("DELETE FROM scheduled WHERE id = ?1")?;
            for id in gone {
                delete.execute([id])?;
            }
            let mut upsert = tx.prepare_cached(
                "INSERT INTO scheduled (id, at, fingerprint, line_id, scheduled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET at = excluded.at,
                     fingerprint = excluded.fingerprint, line_id = excluded.line_id,
                     scheduled_at = excluded.scheduled_at",
            )?;
            for a in armed {
                upsert.execute(params![a.id, ts(a.at), a.fingerprint(), a.line_id, ts(now)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
