using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace ServiceHall.Grains.Storage.Postgres;

/// <summary>
/// Pages through <c>orleansstorage</c> for this service. The ADO.NET provider stores a state row under its state name
/// (GrainTypeString), not its grain type (contract §4.1, pitfall 2), so the state name is what selects the grains;
/// ServiceHall gives every grain class its own state name. A string key such as <c>case-…</c> is stored whole in
/// GrainIdExtensionString with both numeric parts 0; keys are compared byte-wise (<c>COLLATE "C"</c>), the order
/// the V0002 index keeps, whatever the database's locale.
/// </summary>
public sealed class PostgresGrainStateCatalog(IOptions<PostgresStorageOptions> storage, IOptions<ClusterOptions> cluster) : IGrainStateCatalog
{
    public async Task<IReadOnlyList<string>> ListKeysAsync(
        string grainType, string stateName, string? afterKey, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = new NpgsqlConnection(storage.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // A NULL payload is a cleared grain's row (ClearStorageKey keeps it): nothing to rebuild from.
        await using var command = new NpgsqlCommand("""
            SELECT grainidextensionstring
              FROM orleansstorage
             WHERE serviceid = @serviceId AND graintypestring = @stateName
               AND grainidn0 = 0 AND grainidn1 = 0
               AND grainidextensionstring COLLATE "C" > @after
               AND payloadbinary IS NOT NULL
             ORDER BY grainidextensionstring COLLATE "C"
             LIMIT @take;
            """, connection);
        command.Parameters.AddWithValue("serviceId", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("stateName", stateName);
        command.Parameters.AddWithValue("after", afterKey ?? "");
        command.Parameters.AddWithValue("take", pageSize);
        var keys = new List<string>(Math.Min(pageSize, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
