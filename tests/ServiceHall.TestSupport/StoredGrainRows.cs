using System.Text;
using Microsoft.Data.Sqlite;

namespace ServiceHall.TestSupport;

/// <summary>
/// Grain-state rows of the embedded database, read behind the silo's back as an operator with sqlite3 (or anyone with a
/// copy of the file) could. Reading while the silo runs is fine: the database is in WAL mode.
/// </summary>
public static class StoredGrainRows
{
    public sealed record Row(string StateName, string GrainId, string Payload);

    /// <summary>Every row of <paramref name="stateName"/> in <c>servicehall.db</c> under <paramref name="dataFolder"/>.</summary>
    public static Task<IReadOnlyList<Row>> SqliteAsync(string dataFolder, string stateName) =>
        SqliteWhereAsync(dataFolder, "state_name = $state", stateName);

    /// <summary>Every row whose state name starts with <paramref name="prefix"/> (a grain that keeps its state in several named rows).</summary>
    public static Task<IReadOnlyList<Row>> SqliteStartingWithAsync(string dataFolder, string prefix) =>
        SqliteWhereAsync(dataFolder, "substr(state_name, 1, length($state)) = $state", prefix);

    private static async Task<IReadOnlyList<Row>> SqliteWhereAsync(string dataFolder, string condition, string stateName)
    {
        var path = Path.Combine(dataFolder, "servicehall.db");

        // No pooling: a pooled handle would keep the file open after the test is done with it.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT state_name, grain_id, payload FROM grain_state WHERE {condition};";
        command.Parameters.AddWithValue("$state", stateName);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : Encoding.UTF8.GetString((byte[])reader[2])));
        }

        return rows;
    }

    /// <summary>Replaces one row's payload, keeping its version (so the silo's next write still succeeds). Silo stopped.</summary>
    public static async Task ReplaceSqliteAsync(string dataFolder, Row row, string payload)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "servicehall.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = $state AND grain_id = $grain;";
        command.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(payload));
        command.Parameters.AddWithValue("$state", row.StateName);
        command.Parameters.AddWithValue("$grain", row.GrainId);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The row to replace is not there.");
        }
    }
}
