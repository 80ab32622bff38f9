using System.Data.Common;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>The embedded mode's case rows: the same SQLite file as the grain state.</summary>
public sealed class SqliteCaseRowsDatabase(SqliteDatabase database) : ICaseRowsDatabase
{
    public bool IsPostgres => false;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await database.OpenAsync(cancellationToken);

    public async Task<bool> UpsertSummaryAsync(CaseSummaryRow row, CancellationToken cancellationToken = default)
    {
        using var writer = await database.EnterWriterAsync(cancellationToken);
        await writer.ConnectionAsync(cancellationToken);
        try
        {
            // One statement in autocommit: the row and the daily-figure changes its triggers append commit together.
            var upsert = writer.Command(CaseSummaryRows.UpsertText, null);
            CaseSummaryRows.BindUpsert(upsert, row);
            return await upsert.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        catch
        {
            writer.Discard();
            throw;
        }
    }

    public async Task WriteAsync(Func<DbConnection, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        using var writer = await database.EnterWriterAsync(cancellationToken);
        var connection = await writer.ConnectionAsync(cancellationToken);
        try
        {
            await write(connection, cancellationToken);
        }
        catch
        {
            writer.Discard();
            throw;
        }
    }
}
