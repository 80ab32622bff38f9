namespace ServiceHall.Grains.Storage.Sqlite;

internal sealed class SqliteStorageProbe(SqliteDatabase database) : IStorageProbe
{
    public string Describe() => "SQLite";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await SqliteDatabase.ExecuteAsync(connection, "SELECT 1 FROM schema_version LIMIT 1;", cancellationToken);
    }
}
