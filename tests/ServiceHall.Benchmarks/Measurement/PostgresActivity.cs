using Npgsql;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// What the database did, from PostgreSQL's cumulative statistics: rows written to the grain-state and reminder tables,
/// committed transactions, WAL bytes and WAL fsyncs. Two readings around a run, divided by the commands sent, show how
/// many writes one command costs — the evidence for "one durable write per command".
/// </summary>
public sealed record PostgresActivity(long StateWrites, long ReminderWrites, long Commits, long WalBytes, long WalSyncs)
{
    public static async Task<PostgresActivity> ReadAsync(string connectionString)
    {
        // Backends publish their counters when idle, at most once a second; wait so the last ones are in.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT pg_stat_clear_snapshot();
            SELECT
              (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables WHERE relname = 'orleansstorage'),
              (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables WHERE relname = 'orleansreminderstable'),
              (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
              (SELECT wal_bytes FROM pg_stat_wal)::bigint,
              (SELECT wal_sync FROM pg_stat_wal);
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new PostgresActivity(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public PostgresActivity Minus(PostgresActivity before) => new(
        StateWrites - before.StateWrites, ReminderWrites - before.ReminderWrites, Commits - before.Commits,
        WalBytes - before.WalBytes, WalSyncs - before.WalSyncs);

    /// <summary>Stored grain state by grain type: rows, average and largest payload in bytes.</summary>
    public static async Task<IReadOnlyList<(string GrainType, long Rows, double AverageBytes, long MaxBytes)>> PayloadsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT graintypestring, count(*), avg(octet_length(payloadbinary))::float8, max(octet_length(payloadbinary))
              FROM orleansstorage GROUP BY graintypestring ORDER BY 4 DESC;
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, double, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetDouble(2), reader.IsDBNull(3) ? 0 : reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>The stored payload of one completed case: the ceiling section writes states of exactly this content.</summary>
    public static async Task<byte[]?> CasePayloadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT payloadbinary FROM orleansstorage
             WHERE graintypestring LIKE 'case/%' OR graintypestring = 'case'
             ORDER BY version DESC, modifiedon DESC LIMIT 1;
            """, connection);
        return await command.ExecuteScalarAsync() as byte[];
    }
}
