-- Read-model rebuilds page through the stored keys of one state name in this service (PostgresGrainStateCatalog):
-- WHERE serviceid = … AND graintypestring = … AND grainidextensionstring COLLATE "C" > … ORDER BY … LIMIT ….
-- Byte order ("C") keeps paging stable whatever the database's locale. Plain CREATE INDEX: the migration runs in a
-- transaction (CONCURRENTLY is not allowed there) and the table is briefly write-locked while the index is built.
CREATE INDEX IF NOT EXISTS orleansstorage_state_keys ON orleansstorage (
    serviceid, graintypestring, grainidextensionstring COLLATE "C");
