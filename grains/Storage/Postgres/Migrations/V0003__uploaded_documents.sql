-- Applicants' uploaded scans (IDocumentStore, PostgreSQL mode). In the cluster's own database rather than a shared
-- disk or an object store: every silo already reaches it, a backup holds cases and scans together, and an insert is
-- all or nothing. Rows are written once and never updated; owner is the case (or the pending application) it belongs to.
CREATE TABLE IF NOT EXISTS servicehall_document (
    id           text        NOT NULL PRIMARY KEY,
    owner        text        NOT NULL,
    file_name    text        NOT NULL,
    content_type text        NOT NULL,
    length       bigint      NOT NULL,
    sha256       text        NOT NULL,
    content      bytea       NOT NULL,
    stored_at    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS servicehall_document_owner ON servicehall_document (owner);
