-- The board's columns list a hall's own open cases and, one subquery per other hall, the open cases delivered to it
-- (CaseRowsQueries), each ordered by opening time and then case id. The delivery index of V0005 stopped at opening
-- time, so it could not give that whole order: SQLite, which plans without statistics, walked the open-cases index
-- instead, reading every open case of every hall with a table lookup each. With 100,000 open cases that took a
-- clerk's board page on the embedded store to 971 ms at p50 (scale benchmark, 1,000,000 cases); with the case id in
-- the index each delivery subquery is one short range. The embedded schema's step 10 is the same. Rebuilding the
-- index takes a lock on case_summary for the build (seconds for a million rows), once.
DROP INDEX IF EXISTS case_summary_delivery;
CREATE INDEX case_summary_delivery ON case_summary (delivery_hall_key, is_open, opened_at DESC, case_id) WHERE delivery_hall_key IS NOT NULL;
