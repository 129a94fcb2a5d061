-- 0005: a line's plans (with history: a plan runs from its start date until the next one
-- starts) and promotions on a line or a carrier, with a remind-me date and an expiry.
-- (0004 belongs to another change; migrations apply in number order.)

CREATE TABLE line_plan (
    id             TEXT PRIMARY KEY NOT NULL,   -- UUID v4
    line_id        TEXT NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    price_minor    INTEGER,
    price_currency TEXT,
    period         TEXT,                        -- JSON Period; NULL = not stated
    data_mb        INTEGER CHECK (data_mb >= 0),
    minutes        INTEGER CHECK (minutes >= 0),
    sms            INTEGER CHECK (sms >= 0),
    auto_renew     INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
    started_on     TEXT NOT NULL,               -- local date, YYYY-MM-DD
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,               -- RFC 3339 UTC
    updated_at     TEXT NOT NULL,
    CHECK ((price_minor IS NULL) = (price_currency IS NULL))
) STRICT;

CREATE INDEX line_plan_line ON line_plan(line_id, started_on);

CREATE TABLE promotion (
    id          TEXT PRIMARY KEY NOT NULL,      -- UUID v4
    line_id     TEXT REFERENCES line(id) ON DELETE CASCADE,
    carrier_id  TEXT,                           -- "preset:<slug>" or "user:<uuid>"
    text        TEXT NOT NULL,
    remind_on   TEXT,                           -- local date (the user's zone)
    expires_on  TEXT,                           -- local date; hidden after it
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((line_id IS NULL) <> (carrier_id IS NULL))
) STRICT;

CREATE INDEX promotion_line ON promotion(line_id);
CREATE INDEX promotion_carrier ON promotion(carrier_id);
