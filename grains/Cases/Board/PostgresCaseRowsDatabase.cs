using System.Data.Common;
using Npgsql;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>PostgreSQL mode's case rows, in the database the migration (V0005) prepared; one pooled data source per silo.</summary>
public sealed class PostgresCaseRowsDatabase(string connectionString) : ICaseRowsDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public bool IsPostgres => true;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await _source.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
