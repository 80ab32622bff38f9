-- Cases as a small head row plus one row per entry of each list that only grows (journal, workflow journal, documents,
-- uploads) and one per unsent message (CaseRows, PostgresCaseStore). A command appends its entries and rewrites only
-- the head, in one transaction, so what it writes does not grow with the case's history. Rows are keyed by service id
-- like the Orleans providers' own, so services sharing a database keep their cases apart. Entries are JSON kept as
-- text, byte for byte as the silo wrote them (jsonb would refuse an escaped NUL a citizen might type); operators cast
-- with ::jsonb to query them.
CREATE TABLE IF NOT EXISTS case_head (
    service_id  text        NOT NULL,
    case_id     text        NOT NULL,
    revision    bigint      NOT NULL,
    version     bigint      NOT NULL,
    status      text        NOT NULL,
    head        text        NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, case_id)
);

CREATE TABLE IF NOT EXISTS case_journal (
    service_id text NOT NULL, case_id text NOT NULL, seq bigint NOT NULL, entry text NOT NULL,
    PRIMARY KEY (service_id, case_id, seq)
);

CREATE TABLE IF NOT EXISTS case_workflow_journal (
    service_id text NOT NULL, case_id text NOT NULL, seq bigint NOT NULL, entry text NOT NULL,
    PRIMARY KEY (service_id, case_id, seq)
);

CREATE TABLE IF NOT EXISTS case_document (
    service_id text NOT NULL, case_id text NOT NULL, seq bigint NOT NULL, entry text NOT NULL,
    PRIMARY KEY (service_id, case_id, seq)
);

CREATE TABLE IF NOT EXISTS case_upload (
    service_id text NOT NULL, case_id text NOT NULL, seq bigint NOT NULL, entry text NOT NULL,
    PRIMARY KEY (service_id, case_id, seq)
);

CREATE TABLE IF NOT EXISTS case_outbox (
    service_id text   NOT NULL,
    case_id    text   NOT NULL,
    message_id text   NOT NULL,
    position   bigint NOT NULL,
    message    text   NOT NULL,
    PRIMARY KEY (service_id, case_id, message_id)
);

-- Cases stored before this step as one Orleans grain-state row each (state name 'case', the case id as the key's
-- extension string) are split into those rows. json, not jsonb, keeps every entry's text as it was stored. The old
-- rows stay (nothing reads them any more) so that a dump taken before the upgrade is not the only way back.
CREATE TEMP TABLE legacy_case ON COMMIT DROP AS
    SELECT serviceid AS service_id, grainidextensionstring AS case_id, version AS revision, modifiedon AS modified_at,
           convert_from(payloadbinary, 'UTF8')::json AS p
      FROM orleansstorage
     WHERE graintypestring = 'case' AND grainidextensionstring LIKE 'case-%' AND payloadbinary IS NOT NULL;

INSERT INTO case_head (service_id, case_id, revision, version, status, head, modified_at)
SELECT service_id, case_id, revision, (p->>'version')::bigint, p->>'status',
       (SELECT json_object_agg(key, value)
          FROM json_each(p)
         WHERE key NOT IN ('journal', 'workflowJournal', 'documents', 'uploads', 'outbox'))::text,
       modified_at
  FROM legacy_case
ON CONFLICT DO NOTHING;

INSERT INTO case_journal (service_id, case_id, seq, entry)
SELECT service_id, case_id, e.seq, e.entry::text
  FROM legacy_case, json_array_elements(CASE json_typeof(p->'journal') WHEN 'array' THEN p->'journal' ELSE '[]'::json END) WITH ORDINALITY AS e(entry, seq)
ON CONFLICT DO NOTHING;

INSERT INTO case_workflow_journal (service_id, case_id, seq, entry)
SELECT service_id, case_id, e.seq, e.entry::text
  FROM legacy_case, json_array_elements(CASE json_typeof(p->'workflowJournal') WHEN 'array' THEN p->'workflowJournal' ELSE '[]'::json END) WITH ORDINALITY AS e(entry, seq)
ON CONFLICT DO NOTHING;

INSERT INTO case_document (service_id, case_id, seq, entry)
SELECT service_id, case_id, e.seq, e.entry::text
  FROM legacy_case, json_array_elements(CASE json_typeof(p->'documents') WHEN 'array' THEN p->'documents' ELSE '[]'::json END) WITH ORDINALITY AS e(entry, seq)
ON CONFLICT DO NOTHING;

INSERT INTO case_upload (service_id, case_id, seq, entry)
SELECT service_id, case_id, e.seq, e.entry::text
  FROM legacy_case, json_array_elements(CASE json_typeof(p->'uploads') WHEN 'array' THEN p->'uploads' ELSE '[]'::json END) WITH ORDINALITY AS e(entry, seq)
ON CONFLICT DO NOTHING;

INSERT INTO case_outbox (service_id, case_id, message_id, position, message)
SELECT service_id, case_id, e.entry->>'id', e.seq, e.entry::text
  FROM legacy_case, json_array_elements(CASE json_typeof(p->'outbox') WHEN 'array' THEN p->'outbox' ELSE '[]'::json END) WITH ORDINALITY AS e(entry, seq)
ON CONFLICT DO NOTHING;
