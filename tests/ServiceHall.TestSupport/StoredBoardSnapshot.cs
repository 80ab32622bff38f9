using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServiceHall.TestSupport;

/// <summary>
/// A hall's stored board snapshot (the <c>case-index</c> state of <c>cases-{hall}</c>), read or tampered with behind the
/// silo's back, as an operator with sqlite3 or psql (or a bad backup) could. Use it while the silo is stopped.
/// </summary>
public abstract class StoredBoardSnapshot
{
    protected const string StateName = "case-index";

    protected StoredBoardSnapshot(string hall) => Key = "cases-" + hall;

    protected string Key { get; }

    /// <summary>The embedded mode's snapshot in <c>servicehall.db</c> under <paramref name="dataFolder"/>.</summary>
    public static StoredBoardSnapshot Sqlite(string dataFolder, string hall) => new SqliteSnapshot(Path.Combine(dataFolder, "servicehall.db"), hall);

    /// <summary>The PostgreSQL mode's snapshot (the database holds one service).</summary>
    public static StoredBoardSnapshot Postgres(string connectionString, string hall) => new PostgresSnapshot(connectionString, hall);

    /// <summary>The stored JSON, or null when there is no row or it was cleared.</summary>
    public async Task<JsonObject?> ReadAsync() => await ReadPayloadAsync() is { } payload ? JsonNode.Parse(payload)!.AsObject() : null;

    /// <summary>How many case summaries the snapshot holds (0 without one).</summary>
    public async Task<int> CountCasesAsync() => (await ReadAsync())?["cases"]?.AsObject().Count ?? 0;

    /// <summary>Replaces the stored JSON, keeping the row's version (so the silo's next write still succeeds).</summary>
    public Task ReplaceAsync(JsonObject snapshot) => WritePayloadAsync(Encoding.UTF8.GetBytes(snapshot.ToJsonString()));

    /// <summary>Deletes the row: the board then has no snapshot at all.</summary>
    public abstract Task DeleteAsync();

    protected abstract Task<string?> ReadPayloadAsync();

    protected abstract Task WritePayloadAsync(byte[] payload);

    private sealed class SqliteSnapshot(string databasePath, string hall) : StoredBoardSnapshot(hall)
    {
        private const string Where = "WHERE state_name = $state AND grain_id = $grain";

        public override Task DeleteAsync() => ExecuteAsync($"DELETE FROM grain_state {Where};", null);

        protected override async Task<string?> ReadPayloadAsync()
        {
            await using var connection = await OpenAsync();
            await using var command = Command(connection, $"SELECT payload FROM grain_state {Where};");
            return await command.ExecuteScalarAsync() is byte[] payload ? Encoding.UTF8.GetString(payload) : null;
        }

        protected override Task WritePayloadAsync(byte[] payload) => ExecuteAsync($"UPDATE grain_state SET payload = $payload {Where};", payload);

        private async Task ExecuteAsync(string sql, byte[]? payload)
        {
            await using var connection = await OpenAsync();
            await using var command = Command(connection, sql);
            if (payload is not null)
            {
                command.Parameters.AddWithValue("$payload", payload);
            }

            await command.ExecuteNonQueryAsync();
        }

        private async Task<SqliteConnection> OpenAsync()
        {
            // No pooling: a pooled handle would keep the file open after the test is done with it.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
            await connection.OpenAsync();
            return connection;
        }

        private SqliteCommand Command(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$state", StateName);
            command.Parameters.AddWithValue("$grain", StateName + "/" + Key);
            return command;
        }
    }

    private sealed class PostgresSnapshot(string connectionString, string hall) : StoredBoardSnapshot(hall)
    {
        private const string Where = "WHERE graintypestring = @state AND grainidextensionstring = @key";

        public override Task DeleteAsync() => ExecuteAsync($"DELETE FROM orleansstorage {Where};", null);

        protected override async Task<string?> ReadPayloadAsync()
        {
            await using var connection = await OpenAsync();
            await using var command = Command(connection, $"SELECT payloadbinary FROM orleansstorage {Where};");
            return await command.ExecuteScalarAsync() is byte[] payload ? Encoding.UTF8.GetString(payload) : null;
        }

        protected override Task WritePayloadAsync(byte[] payload) => ExecuteAsync($"UPDATE orleansstorage SET payloadbinary = @payload {Where};", payload);

        private async Task ExecuteAsync(string sql, byte[]? payload)
        {
            await using var connection = await OpenAsync();
            await using var command = Command(connection, sql);
            if (payload is not null)
            {
                command.Parameters.AddWithValue("payload", payload);
            }

            await command.ExecuteNonQueryAsync();
        }

        private async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return connection;
        }

        private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
        {
            var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("state", StateName);
            command.Parameters.AddWithValue("key", Key);
            return command;
        }
    }
}
