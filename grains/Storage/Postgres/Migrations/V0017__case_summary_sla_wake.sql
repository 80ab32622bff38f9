-- When the statutory clock of an open case next reaches a threshold (ticks, as the other instants of the row), written
-- with the case like the rest of the row. The SLA sweep (SlaSweepGrain) reads the due ones from this index once a
-- minute and wakes those cases: until this step every open case kept an Orleans reminder of its own, two more writes
-- per case (its registration and its removal) and one more row in every silo's in-memory reminder table. Rows of
-- cases written before this step stay null; their reminders still fire, and the case writes its wake then (or when it
-- is next activated) and removes the reminder. Adding a nullable column rewrites nothing; the partial index holds
-- only open cases with a running clock.
ALTER TABLE case_summary ADD COLUMN IF NOT EXISTS sla_wake_at bigint NULL;
CREATE INDEX IF NOT EXISTS case_summary_sla_wake ON case_summary (sla_wake_at, case_id) WHERE sla_wake_at IS NOT NULL;
