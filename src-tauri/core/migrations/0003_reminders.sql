-- 0003: reminders. Per-line reminder settings, and the reminders already shown on desktop
-- (so nothing is shown twice, across restarts too).

CREATE TABLE line_reminder (
    line_id           TEXT PRIMARY KEY NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    leads_days        TEXT,                    -- JSON [u32]; NULL = the global leads
    muted             INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
    snoozed_until     TEXT,                    -- RFC 3339 UTC
    nag_dismissed_for TEXT                     -- the act_by the daily nag was dismissed for
) STRICT;

CREATE TABLE delivered (
    id           INTEGER NOT NULL,             -- the planner's stable reminder id
    at           TEXT NOT NULL,                -- when it was planned for
    line_id      TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (id, at)
) STRICT;

CREATE INDEX delivered_at ON delivered(at);
