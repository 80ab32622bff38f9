using System.Text;
using Microsoft.Data.Sqlite;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>A case's rows in the embedded database, read (or removed) behind the silo's back as an operator could.</summary>
internal static class CaseRowsOnDisk
{
    public static readonly string[] ListTables = ["case_journal", "case_workflow_journal", "case_document", "case_upload"];

    /// <summary>The head's size in bytes, every list entry by "table:seq", and every queued message by id.</summary>
    public sealed record Snapshot(long HeadBytes, IReadOnlyDictionary<string, string> Entries, IReadOnlyDictionary<string, string> Outbox);

    public static async Task<Snapshot> ReadAsync(string dataFolder, string caseId)
    {
        await using var connection = await OpenAsync(dataFolder);
        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT head FROM case_head WHERE case_id = $case;";
        head.Parameters.AddWithValue("$case", caseId);
        var headBytes = Encoding.UTF8.GetByteCount((string)(await head.ExecuteScalarAsync())!);

        var entries = new Dictionary<string, string>();
        foreach (var table in ListTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT seq, entry FROM {table} WHERE case_id = $case;";
            command.Parameters.AddWithValue("$case", caseId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                entries[$"{table}:{reader.GetInt64(0)}"] = reader.GetString(1);
            }
        }

        var outbox = new Dictionary<string, string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT message_id, message FROM case_outbox WHERE case_id = $case;";
            command.Parameters.AddWithValue("$case", caseId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outbox[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return new Snapshot(headBytes, entries, outbox);
    }

    /// <summary>Removes every row of the case, as if it had never been stored.</summary>
    public static async Task DeleteAsync(string dataFolder, string caseId)
    {
        await using var connection = await OpenAsync(dataFolder);
        foreach (var table in ListTables.Append("case_outbox").Append("case_head"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE case_id = $case;";
            command.Parameters.AddWithValue("$case", caseId);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>How many rows of any case table (head, lists, outbox, board row) name the case.</summary>
    public static async Task<long> CountAsync(string dataFolder, string caseId)
    {
        await using var connection = await OpenAsync(dataFolder);
        long rows = 0;
        foreach (var table in ListTables.Append("case_outbox").Append("case_head").Append("case_summary"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table} WHERE case_id = $case;";
            command.Parameters.AddWithValue("$case", caseId);
            rows += (long)(await command.ExecuteScalarAsync())!;
        }

        return rows;
    }

    private static async Task<SqliteConnection> OpenAsync(string dataFolder)
    {
        // No pooling: a pooled handle would keep the file open after the test is done with it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "servicehall.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
