-- 0007: the number as shown (`+63 912 345 6789`), stored when the number is written instead of
-- formatted again on every read: formatting goes through libphonenumber's patterns, and with
-- numbers of many countries in one list that cost about 0.1 ms a line (a second for 10,000
-- lines, at every start). Empty until the store fills it in after migrating; a reader formats
-- an empty one itself.
ALTER TABLE line ADD COLUMN display_number TEXT NOT NULL DEFAULT '';

-- The list's order (`ORDER BY label COLLATE NOCASE, e164`), read in index order instead of
-- sorted on every list.
CREATE INDEX line_label ON line(label COLLATE NOCASE, e164);
