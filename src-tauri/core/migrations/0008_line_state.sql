-- 0008: each line's derived state, stored: what its summary takes from the event log (the
-- rule's evaluation with its basis, the explanation, the latest balance, renewal and counted
-- event, the events that do not count, the latest amount of each kind), recomputed in the
-- transaction of every write that can change it, so the list and the planners never read the
-- log. The events stay the truth: a row is only a cache of them. `version` is the derivation
-- the row was written by; a row of another version (or a line without one) is derived again
-- when the database is opened. The status is not stored: it depends on the time it is read,
-- and is classified then from `act_by` and `lost_at`.
CREATE TABLE line_state (
    line_id      TEXT PRIMARY KEY NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    act_by       TEXT,                 -- RFC 3339 UTC, NULL while unknown
    lost_at      TEXT,                 -- RFC 3339 UTC
    zone         TEXT,                 -- the rule's IANA zone, NULL without a rule
    explained_in TEXT NOT NULL,        -- the user's IANA zone the explanation is worded for
    derived      BLOB NOT NULL         -- summary::Derived, postcard-encoded
) STRICT;
