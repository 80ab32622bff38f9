-- Every fold drops the daily groups left with no case (all moved to another status or window): a partial index holds
-- just those, so the drop does not read the whole case_daily table (the embedded schema's step 8 is the same).
CREATE INDEX IF NOT EXISTS case_daily_empty ON case_daily (hall_key) WHERE opened = 0;
