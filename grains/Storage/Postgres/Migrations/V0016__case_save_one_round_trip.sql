-- A case save in one round trip (issue 20, sixth pass). The save's statements went as one batch inside an explicit
-- transaction, and its COMMIT as a second round trip, sent only after the client had read the head's row count (the
-- optimistic check). Under load every round trip waits its turn for a core, so a save cost two of those waits. Now the
-- batch runs as the implicit transaction the protocol gives a batch, and the head's statement itself raises when it
-- changed no row: the error rolls back everything the batch did, and the client tells it by its code. The hint carries
-- the write's place in a group-commit batch, so the client knows which case failed (Npgsql names a batch's failing
-- statement only when told to include it, and the error's detail only when told to include details).
CREATE OR REPLACE FUNCTION servicehall_require_head(affected bigint, write_index integer) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    IF affected <> 1 THEN
        RAISE EXCEPTION 'the stored head is at another revision' USING ERRCODE = 'SH409', HINT = write_index::text;
    END IF;
END
$fn$;
