using System.Data.Common;
using Npgsql;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>PostgreSQL mode's case rows, in the database the migration (V0005) prepared; one pooled data source per silo.</summary>
public sealed class PostgresCaseRowsDatabase : ICaseRowsDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly bool _owned;

    public PostgresCaseRowsDatabase(string connectionString) => (_source, _owned) = (NpgsqlDataSource.Create(connectionString), true);

    /// <summary>On a pool someone else owns (the case store's), which disposes it.</summary>
    public PostgresCaseRowsDatabase(NpgsqlDataSource source) => (_source, _owned) = (source, false);

    public bool IsPostgres => true;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await _source.OpenConnectionAsync(cancellationToken);

    public async Task<bool> UpsertSummaryAsync(CaseSummaryRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        return await CaseSummaryRows.UpsertAsync(connection, null, row, cancellationToken);
    }

    public async Task WriteAsync(Func<DbConnection, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await write(connection, cancellationToken);
    }

    public ValueTask DisposeAsync() => _owned ? _source.DisposeAsync() : ValueTask.CompletedTask;
}
