-- 0002: the user's own carriers, a line's carrier and rule override, the renewal log, and
-- settings.

CREATE TABLE carrier (
    id              TEXT PRIMARY KEY NOT NULL,    -- UUID (shown as "user:<uuid>")
    based_on        TEXT,                         -- "preset:<slug>" this carrier was made from
    name_en         TEXT NOT NULL,
    name_zh         TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL,
    zone            TEXT NOT NULL,                -- IANA zone
    rule            TEXT,                         -- JSON KeepAliveRule; NULL = no rule known
    grace           TEXT,                         -- JSON Grace
    renewal_methods TEXT NOT NULL DEFAULT '[]',   -- JSON [RenewalMethod]
    balance_check   TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- "preset:<slug>" or "user:<uuid>"; NULL = no catalogue carrier (free-text `carrier` only).
ALTER TABLE line ADD COLUMN carrier_id TEXT;
-- JSON RuleSpec the user set on this line; NULL = follow the carrier's rule.
ALTER TABLE line ADD COLUMN rule_override TEXT;
-- Warn when the latest known balance is under this amount.
ALTER TABLE line ADD COLUMN low_balance_minor INTEGER;
ALTER TABLE line ADD COLUMN low_balance_currency TEXT;

CREATE TABLE event (
    id               TEXT PRIMARY KEY NOT NULL,
    line_id          TEXT NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    occurred_at      TEXT NOT NULL,               -- RFC 3339 UTC
    kind             TEXT NOT NULL,
    amount_minor     INTEGER,
    amount_currency  TEXT,
    method           TEXT,
    channel          TEXT,
    reference        TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    balance_minor    INTEGER,
    balance_currency TEXT,
    created_at       TEXT NOT NULL,
    deleted_at       TEXT,                        -- set by delete, cleared by undo
    CHECK ((amount_minor IS NULL) = (amount_currency IS NULL)),
    CHECK ((balance_minor IS NULL) = (balance_currency IS NULL))
) STRICT;

CREATE INDEX event_line_time ON event(line_id, occurred_at);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL                           -- JSON
) STRICT;
