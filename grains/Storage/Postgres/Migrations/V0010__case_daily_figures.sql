-- A hall's statistics from daily figures instead of every case row (issue 20): a year of a busy hall was ≈300,000
-- summary rows per request; it is now ≈365 × channels × windows × statuses small rows. The embedded schema's step 7 is
-- the same (CaseDailyFigures holds the SQL both share at run time).
--
-- case_daily: one row per hall, hall day (UTC+8, the day a case was opened, as statistics always counted), channel,
-- window ('-' for none) and status, holding the sums the statistics page folds: cases, completed, handling and waiting
-- milliseconds, corrections, SLA breaches, copies saved, and the fastest handling time.
CREATE TABLE IF NOT EXISTS case_daily (
    hall_key              text    COLLATE "C" NOT NULL,
    day                   integer NOT NULL,
    channel               text    NOT NULL,
    window_code           text    NOT NULL,
    status                text    NOT NULL,
    opened                bigint  NOT NULL,
    completed             bigint  NOT NULL,
    handling_ms           bigint  NOT NULL,
    fastest_ms            bigint  NULL,
    corrected             bigint  NOT NULL,
    breached              bigint  NOT NULL,
    copies_saved          bigint  NOT NULL,
    id_card_copies_waived bigint  NOT NULL,
    licence_copies_waived bigint  NOT NULL,
    appointments          bigint  NOT NULL,
    wait_ms               bigint  NOT NULL,
    PRIMARY KEY (hall_key, day, channel, window_code, status)
);

-- What changed since the last fold: a trigger on case_summary appends the old row's figures negated and the new row's,
-- in the transaction that writes the summary row (so a rolled-back or repeated save changes nothing, and the
-- "only if newer" upsert that skips a stale save skips this too). Appending, never updating a shared daily row, keeps
-- concurrent case transactions from queueing (and deadlocking) on one hot row; CaseDailyFigures.FoldAsync moves these
-- rows into case_daily before statistics are read. lost_fastest_ms marks a completed case leaving a group, whose fastest
-- time the fold recomputes from the summary rows.
CREATE TABLE IF NOT EXISTS case_daily_change (
    id                    bigserial PRIMARY KEY,
    hall_key              text    COLLATE "C" NOT NULL,
    day                   integer NOT NULL,
    channel               text    NOT NULL,
    window_code           text    NOT NULL,
    status                text    NOT NULL,
    opened                bigint  NOT NULL,
    completed             bigint  NOT NULL,
    handling_ms           bigint  NOT NULL,
    fastest_ms            bigint  NULL,
    lost_fastest_ms       bigint  NULL,
    corrected             bigint  NOT NULL,
    breached              bigint  NOT NULL,
    copies_saved          bigint  NOT NULL,
    id_card_copies_waived bigint  NOT NULL,
    licence_copies_waived bigint  NOT NULL,
    appointments          bigint  NOT NULL,
    wait_ms               bigint  NOT NULL
);

-- Existing rows become daily figures once (the same grouping CaseRowsStatistics.ReadFromRowsAsync does over raw rows).
-- 288000000000 ticks = 8 h (hall time), 864000000000 = one day, 10000 ticks = 1 ms.
INSERT INTO case_daily (hall_key, day, channel, window_code, status, opened, completed, handling_ms, fastest_ms, corrected,
                        breached, copies_saved, id_card_copies_waived, licence_copies_waived, appointments, wait_ms)
SELECT hall_key, ((opened_at + 288000000000) / 864000000000)::integer, channel, coalesce(window_code, '-'), status,
       count(*),
       sum(CASE WHEN status = 'completed' AND closed_at IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN status = 'completed' AND closed_at IS NOT NULL THEN (closed_at - opened_at) / 10000 ELSE 0 END),
       min(CASE WHEN status = 'completed' AND closed_at IS NOT NULL THEN (closed_at - opened_at) / 10000 END),
       sum(CASE WHEN correction_rounds > 0 THEN 1 ELSE 0 END),
       sum(CASE WHEN sla_state = 'breached' THEN 1 ELSE 0 END),
       sum(copies_saved), sum(id_card_copies_waived), sum(licence_copies_waived),
       sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN (accepted_at - opened_at) / 10000 ELSE 0 END)
FROM case_summary
GROUP BY hall_key, ((opened_at + 288000000000) / 864000000000)::integer, channel, coalesce(window_code, '-'), status
ON CONFLICT DO NOTHING;

-- One row's figures, times s (+1 as it is now, -1 as it was).
CREATE OR REPLACE FUNCTION case_daily_note(r case_summary, s integer) RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO case_daily_change (hall_key, day, channel, window_code, status, opened, completed, handling_ms, fastest_ms,
                                   lost_fastest_ms, corrected, breached, copies_saved, id_card_copies_waived,
                                   licence_copies_waived, appointments, wait_ms)
    VALUES (r.hall_key, ((r.opened_at + 288000000000) / 864000000000)::integer, r.channel, coalesce(r.window_code, '-'), r.status, s,
            CASE WHEN r.status = 'completed' AND r.closed_at IS NOT NULL THEN s ELSE 0 END,
            CASE WHEN r.status = 'completed' AND r.closed_at IS NOT NULL THEN s * ((r.closed_at - r.opened_at) / 10000) ELSE 0 END,
            CASE WHEN s > 0 AND r.status = 'completed' AND r.closed_at IS NOT NULL THEN (r.closed_at - r.opened_at) / 10000 END,
            CASE WHEN s < 0 AND r.status = 'completed' AND r.closed_at IS NOT NULL THEN (r.closed_at - r.opened_at) / 10000 END,
            CASE WHEN r.correction_rounds > 0 THEN s ELSE 0 END,
            CASE WHEN r.sla_state = 'breached' THEN s ELSE 0 END,
            s * r.copies_saved, s * r.id_card_copies_waived, s * r.licence_copies_waived,
            CASE WHEN r.appointment_code IS NOT NULL AND r.accepted_at IS NOT NULL THEN s ELSE 0 END,
            CASE WHEN r.appointment_code IS NOT NULL AND r.accepted_at IS NOT NULL THEN s * ((r.accepted_at - r.opened_at) / 10000) ELSE 0 END);
$fn$;

CREATE OR REPLACE FUNCTION case_daily_track() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM case_daily_note(OLD, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM case_daily_note(NEW, 1);
    END IF;
    RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS case_daily_insert_delete ON case_summary;
CREATE TRIGGER case_daily_insert_delete AFTER INSERT OR DELETE ON case_summary
    FOR EACH ROW EXECUTE FUNCTION case_daily_track();
-- Most saves change no figure (a new version, a stage, an assignment): those append nothing.
DROP TRIGGER IF EXISTS case_daily_update ON case_summary;
CREATE TRIGGER case_daily_update AFTER UPDATE ON case_summary FOR EACH ROW
    WHEN ((OLD.hall_key, OLD.opened_at, OLD.channel, OLD.window_code, OLD.status, OLD.closed_at, OLD.correction_rounds,
           OLD.sla_state, OLD.copies_saved, OLD.id_card_copies_waived, OLD.licence_copies_waived, OLD.appointment_code,
           OLD.accepted_at)
          IS DISTINCT FROM
          (NEW.hall_key, NEW.opened_at, NEW.channel, NEW.window_code, NEW.status, NEW.closed_at, NEW.correction_rounds,
           NEW.sla_state, NEW.copies_saved, NEW.id_card_copies_waived, NEW.licence_copies_waived, NEW.appointment_code,
           NEW.accepted_at))
    EXECUTE FUNCTION case_daily_track();
