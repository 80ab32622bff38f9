-- Retention finds the cases closed before its cutoff across every hall, oldest first (RetentionGrain); the statistics
-- index on (hall_key, closed_at) needs a hall, so closings get an index of their own.
CREATE INDEX IF NOT EXISTS case_summary_closed ON case_summary (closed_at, case_id) WHERE closed_at IS NOT NULL;
