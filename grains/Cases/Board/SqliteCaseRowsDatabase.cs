using System.Data.Common;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>The embedded mode's case rows: the same SQLite file as the grain state.</summary>
public sealed class SqliteCaseRowsDatabase(SqliteDatabase database) : ICaseRowsDatabase
{
    public bool IsPostgres => false;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await database.OpenAsync(cancellationToken);
}
