-- 0008: the recycle bin. Deleting a line sets `deleted_at` instead of removing the row; every
-- list, planner, reminder and export reads only lines without it. A binned line is removed for
-- good ("delete forever", or at open once it has been in the bin for `BIN_DAYS`), and then its
-- events, tags, plans and reminders go with it (ON DELETE CASCADE).
ALTER TABLE line ADD COLUMN deleted_at TEXT;

CREATE INDEX line_deleted ON line(deleted_at) WHERE deleted_at IS NOT NULL;
