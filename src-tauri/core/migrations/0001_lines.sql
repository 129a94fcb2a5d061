-- 0001: numbers (lines) and their tags.
CREATE TABLE line (
    id          TEXT PRIMARY KEY NOT NULL,           -- UUID v4
    e164        TEXT NOT NULL UNIQUE,                -- +639123456789
    label       TEXT NOT NULL,
    country     TEXT NOT NULL,                       -- ISO 3166-1 alpha-2
    carrier     TEXT NOT NULL DEFAULT '',
    sim_kind    TEXT NOT NULL CHECK (sim_kind IN ('physical', 'esim')),
    iccid       TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,                       -- RFC 3339 UTC
    updated_at  TEXT NOT NULL,
    archived_at TEXT
) STRICT;

CREATE TABLE line_tag (
    line_id TEXT NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (line_id, tag)
) STRICT;

CREATE INDEX line_tag_tag ON line_tag(tag);
