-- Uploaded documents' bytes move from one bytea per document into fixed-size chunks (256 KiB, the size
-- PostgresDocumentStore writes), so neither a silo nor the server ever holds a whole scan in memory: a write sends one
-- chunk at a time inside the document's transaction (still all or nothing) and a read streams the rows in order.
-- Rows written before this step are split into chunks here, then their old column goes.
CREATE TABLE IF NOT EXISTS servicehall_document_chunk (
    document_id text    NOT NULL REFERENCES servicehall_document (id) ON DELETE CASCADE,
    seq         integer NOT NULL,
    data        bytea   NOT NULL,
    PRIMARY KEY (document_id, seq)
);
-- Scans (PDF, JPEG, PNG) are compressed already: storing them out of line without another compression attempt saves
-- the server that work on every chunk.
ALTER TABLE servicehall_document_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'servicehall_document' AND column_name = 'content') THEN
        -- An empty document has no chunks; otherwise chunk n holds bytes [n * 256 KiB, (n + 1) * 256 KiB).
        INSERT INTO servicehall_document_chunk (document_id, seq, data)
        SELECT d.id, s.seq, substring(d.content FROM s.seq * 262144 + 1 FOR 262144)
        FROM servicehall_document d
        CROSS JOIN LATERAL generate_series(0, (length(d.content) + 262143) / 262144 - 1) AS s(seq)
        ON CONFLICT DO NOTHING;
        ALTER TABLE servicehall_document DROP COLUMN content;
    END IF;
END
$$;
