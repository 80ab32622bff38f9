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
