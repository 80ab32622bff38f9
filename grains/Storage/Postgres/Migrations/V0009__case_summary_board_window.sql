-- The board with counts bounded to 10,001 rows (issue 20, second pass; the embedded schema's step 6 is the same).
--
-- A clerk's board opens on their own window: every stage column filters hall, open, stage and window, which the
-- (hall_key, is_open, stage, opened_at) index could not check without a table lookup per open case of the stage. With the
-- window in the index a column's newest cards and its count are each one index range.
CREATE INDEX IF NOT EXISTS case_summary_board_window ON case_summary (hall_key, is_open, stage, window_key, opened_at DESC, case_id);
-- GET /api/cases?status=open: a hall's cases of one status, newest first, and their count, as one range.
CREATE INDEX IF NOT EXISTS case_summary_hall_status ON case_summary (hall_key, status, opened_at DESC, case_id);
