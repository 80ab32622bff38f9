namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// Pages through <c>grain_state</c>. Rows are keyed by state name and <c>GrainId.ToString()</c> (<c>type/key</c>), so a
/// grain type is the id range between <c>type/</c> and <c>type0</c> ('0' follows '/'), read in primary-key order.
/// </summary>
public sealed class SqliteGrainStateCatalog(SqliteDatabase database) : IGrainStateCatalog
{
    public async Task<IReadOnlyList<string>> ListKeysAsync(
        string grainType, string stateName, string? afterKey, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var prefix = grainType + "/";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A NULL payload is a cleared grain's tombstone: nothing to rebuild from.
        command.CommandText = """
            SELECT grain_id FROM grain_state
            WHERE state_name = $state AND grain_id > $after AND grain_id < $end AND payload IS NOT NULL
            ORDER BY grain_id
            LIMIT $take;
            """;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$after", prefix + afterKey);
        command.Parameters.AddWithValue("$end", grainType + "0");
        command.Parameters.AddWithValue("$take", pageSize);
        var keys = new List<string>(Math.Min(pageSize, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0)[prefix.Length..]);
        }

        return keys;
    }
}
