-- 0006: when an event was last changed (logged, edited or deleted), so merging a backup can
-- tell which copy of an event is the newer one. Existing events take their deletion time, or
-- else the time they were logged.
ALTER TABLE event ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE event SET updated_at = COALESCE(deleted_at, created_at);
