-- Indexes for a million stored cases (issue 20), each found missing with EXPLAIN on the scale benchmark's data
-- (tests/ServiceHall.Benchmarks --only scale: 1,000,000 cases, 100,000 open). The embedded schema's step 5 is the same.
--
-- A hall's cases of every status newest first (GET /api/cases without filters): the board index puts is_open between the
-- hall and the time, so that listing sorted the whole hall. It also serves the statistics' hall + opening-time range, so
-- the older (hall_key, opened_at) index goes.
CREATE INDEX IF NOT EXISTS case_summary_hall_recent ON case_summary (hall_key, opened_at DESC, case_id);
DROP INDEX IF EXISTS case_summary_hall_opened;
-- The board page's columns: a hall's open cases of one stage, newest first (one query per stage column).
CREATE INDEX IF NOT EXISTS case_summary_board_stage ON case_summary (hall_key, is_open, stage, opened_at DESC, case_id);
-- A coordinator's list also shows the key projects nobody coordinates yet: without this the OR scanned every row.
CREATE INDEX IF NOT EXISTS case_summary_unassigned ON case_summary (channel, opened_at DESC) WHERE coordinator_key IS NULL;
