using Microsoft.Extensions.Options;
using Npgsql;

namespace ServiceHall.Grains.Storage.Postgres;

internal sealed class PostgresStorageProbe(IOptions<PostgresStorageOptions> options) : IStorageProbe
{
    public string Describe() => "PostgreSQL";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1 FROM orleansquery LIMIT 1;", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
