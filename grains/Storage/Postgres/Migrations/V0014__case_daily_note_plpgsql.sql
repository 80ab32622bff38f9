-- The summary trigger's helper as PL/pgSQL instead of SQL (issue 20, PostgreSQL CPU per command). A LANGUAGE sql
-- function that is not inlined is parsed and planned again on every call, and the trigger calls it once or twice for
-- every save that changes a daily figure: pg_stat_statements put its INSERT's planning at a quarter of the trigger's
-- time. PL/pgSQL keeps the INSERT's plan for the session. Same signature, same row appended: only the language and the
-- plan's lifetime change.
CREATE OR REPLACE FUNCTION case_daily_note(r case_summary, s integer) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
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
END
$fn$;
