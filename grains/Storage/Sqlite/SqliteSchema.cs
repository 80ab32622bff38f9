using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// Versioned schema of the embedded database. Steps are append-only: a released step is never edited, a change is a
/// new step, so every file upgrades the same way whatever release created it.
/// </summary>
internal static class SqliteSchema
{
    private static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "grain state and reminders", """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name   TEXT    NOT NULL,
                grain_id     TEXT    NOT NULL,
                version      INTEGER NOT NULL,
                payload      BLOB    NULL,
                modified_utc TEXT    NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS reminders (
                grain_id      TEXT    NOT NULL,
                reminder_name TEXT    NOT NULL,
                grain_hash    INTEGER NOT NULL,
                start_ticks   INTEGER NOT NULL,
                period_ms     INTEGER NOT NULL,
                version       INTEGER NOT NULL,
                PRIMARY KEY (grain_id, reminder_name)
            ) WITHOUT ROWID;

            CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
            """),
        (3, "case journal tables", """
            -- A case is a small head row plus one row per entry of each list that only grows, and one per unsent message:
            -- a command appends its entries and rewrites the head, never the history (CaseRows, SqliteCaseStore).
            CREATE TABLE IF NOT EXISTS case_head (
                case_id      TEXT    NOT NULL PRIMARY KEY,
                revision     INTEGER NOT NULL,
                version      INTEGER NOT NULL,
                status       TEXT    NOT NULL,
                head         TEXT    NOT NULL,
                modified_utc TEXT    NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_journal (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_workflow_journal (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_document (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_upload (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_outbox (
                case_id    TEXT    NOT NULL,
                message_id TEXT    NOT NULL,
                position   INTEGER NOT NULL,
                message    TEXT    NOT NULL,
                PRIMARY KEY (case_id, message_id)
            ) WITHOUT ROWID;

            -- Cases stored before this step as one grain-state row each ('case/<id>') are split into those rows. The old
            -- rows stay (nothing reads them any more) so that a copy of the file taken before the upgrade is not the only way back.
            CREATE TEMP TABLE legacy_case AS
                SELECT substr(grain_id, 6) AS case_id, version AS revision, modified_utc, CAST(payload AS TEXT) AS p
                FROM grain_state
                WHERE state_name = 'case' AND grain_id LIKE 'case/%' AND payload IS NOT NULL;

            INSERT OR IGNORE INTO case_head (case_id, revision, version, status, head, modified_utc)
                SELECT case_id, revision, json_extract(p, '$.version'), json_extract(p, '$.status'),
                       json_remove(p, '$.journal', '$.workflowJournal', '$.documents', '$.uploads', '$.outbox'), modified_utc
                FROM legacy_case;
            INSERT OR IGNORE INTO case_journal (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.journal') AS e;
            INSERT OR IGNORE INTO case_workflow_journal (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.workflowJournal') AS e;
            INSERT OR IGNORE INTO case_document (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.documents') AS e;
            INSERT OR IGNORE INTO case_upload (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.uploads') AS e;
            INSERT OR IGNORE INTO case_outbox (case_id, message_id, position, message)
                SELECT case_id, json_extract(e.value, '$.id'), e.key + 1, e.value FROM legacy_case, json_each(p, '$.outbox') AS e;
            DROP TABLE temp.legacy_case;
            """),
    ];

    /// <summary>Applies the steps newer than the file's version, each in its own transaction. Returns how many ran.</summary>
    public static async Task<int> ApplyAsync(SqliteConnection connection, string appliedUtc, CancellationToken cancellationToken)
    {
        await SqliteDatabase.ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_utc TEXT NOT NULL
            );
            """, cancellationToken);

        var applied = 0;
        foreach (var (version, description, sql) in Steps)
        {
            // BEGIN IMMEDIATE takes the write lock before the check, so two processes opening one file cannot both apply a step.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $version;";
                check.Parameters.AddWithValue("$version", version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = sql + """

                    INSERT INTO schema_version (version, description, applied_utc) VALUES ($version, $description, $applied);
                    """;
                step.Parameters.AddWithValue("$version", version);
                step.Parameters.AddWithValue("$description", description);
                step.Parameters.AddWithValue("$applied", appliedUtc);
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }
}
