-- 0004: what Baohao handed a phone's OS to show later (Android alarms, iOS pending requests).
-- The OS's own pending list is never trusted (on Android the notification plugin's is always
-- empty): every sync compares the plan with this record, cancels by these ids what is no longer
-- planned and schedules only what is new or changed.

CREATE TABLE scheduled (
    id           INTEGER PRIMARY KEY NOT NULL, -- the planner's stable id, the OS's id
    at           TEXT NOT NULL,                -- RFC 3339 UTC: when the OS shows it
    fingerprint  TEXT NOT NULL,                -- of (at, line, title, body): a change re-arms
    line_id      TEXT,                         -- the line a tap opens (NULL: a summary)
    scheduled_at TEXT NOT NULL                 -- when it was handed to the OS
) STRICT;
