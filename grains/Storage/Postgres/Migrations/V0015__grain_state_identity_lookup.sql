-- Grain-state lookups that cannot take the paging index (issue 20, PostgreSQL CPU per command). The four storage texts
-- of V0001 find a row by the first four columns of orleansstorage_identity, but their service and state-name equalities
-- also fit the paging index of V0002 (serviceid, graintypestring, …). While the planner has no statistics for the table
-- (a new database, the first minutes of a deployment, until autovacuum's first ANALYZE) it costs both alike and, for a
-- prepared statement's generic plan, took the paging index: pg_stat_statements showed ≈740 buffers and 0.4 ms per
-- certificate read in the benchmark, every certificate of the service read to find none. Compared under COLLATE "C" the
-- two equalities no longer match that index (its columns have the database's collation), so the identity index is the
-- only one that applies. The rows selected are the same: equality under a deterministic collation is byte equality.
-- Parameter names are unchanged; providers load texts at start, so silos pick these up when they restart.
INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadFromStorageKey', $q$
SELECT payloadbinary, version
  FROM orleansstorage
 WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
   AND serviceid = @ServiceId COLLATE "C" AND graintypestring = @GrainTypeString COLLATE "C"
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleansstorage
       SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
     WHERE @GrainStateVersion::integer IS NOT NULL
       AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
       AND serviceid = @ServiceId COLLATE "C" AND graintypestring = @GrainTypeString COLLATE "C"
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion AND version < 2147483647
    RETURNING version)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1) AS newgrainstateversion;
$q$),

('ClearStorageKey', $q$
UPDATE orleansstorage
   SET payloadbinary = NULL, modifiedon = now(), version = version + 1
 WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
   AND serviceid = @ServiceId COLLATE "C" AND graintypestring = @GrainTypeString COLLATE "C"
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion AND version < 2147483647
RETURNING version;
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleansstorage
 WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
   AND serviceid = @ServiceId COLLATE "C" AND graintypestring = @GrainTypeString COLLATE "C"
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version::bigint + 1;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
