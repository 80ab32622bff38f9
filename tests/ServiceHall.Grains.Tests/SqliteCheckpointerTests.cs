using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Storage.Sqlite;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests;

/// <summary>
/// The background checkpointer (issue 20's latency tail): while it runs, commits leave the WAL alone and it copies
/// the WAL into the database file on its own; without it, SQLite's auto-checkpoint stays on.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("servicehall-checkpoint");

    [Fact]
    public async Task While_it_runs_commits_do_not_checkpoint_and_the_wal_reaches_the_database_file_in_the_background()
    {
        var database = Database(TimeSpan.FromMilliseconds(50));
        await database.EnsureSchemaAsync();
        var checkpointer = new SqliteCheckpointer(database, Options.Create(new SqliteStorageOptions { CheckpointInterval = TimeSpan.FromMilliseconds(50) }),
            NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.UntilAsync(() => database.BackgroundCheckpoints, "the checkpointer has taken over checkpoints");
            await using (var connection = await database.OpenAsync())
            {
                Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
            }

            var before = new FileInfo(database.DatabasePath).Length;
            await WriteAsync(database, megabytes: 2);
            // Two megabytes is far below the 1,000-page auto-checkpoint, and commits checkpoint nothing anyway: only
            // the background pass can have copied them into the database file.
            await Eventually.UntilAsync(() => new FileInfo(database.DatabasePath).Length >= before + 2_000_000, "the database file has grown by the checkpointed pages");
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }

        Assert.False(database.BackgroundCheckpoints);
        await using var reopened = await database.OpenAsync();
        Assert.Equal(1000L, await ScalarAsync(reopened, "PRAGMA wal_autocheckpoint;"));
        Assert.Equal(32L, await ScalarAsync(reopened, "SELECT count(*) FROM bulk;"));
    }

    [Fact]
    public async Task Without_it_connections_keep_sqlites_auto_checkpoint()
    {
        var database = Database(TimeSpan.FromSeconds(1));
        await using var connection = await database.OpenAsync();
        Assert.Equal(1000L, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
    }

    private SqliteDatabase Database(TimeSpan interval) => new(
        Options.Create(new SqliteStorageOptions { DataFolder = _folder.Path, CheckpointInterval = interval }),
        TimeProvider.System,
        NullLogger<SqliteDatabase>.Instance);

    private static async Task WriteAsync(SqliteDatabase database, int megabytes)
    {
        await using var connection = await database.OpenAsync();
        await SqliteDatabase.ExecuteAsync(connection, "CREATE TABLE bulk (id INTEGER PRIMARY KEY, body BLOB NOT NULL);", CancellationToken.None);
        for (var i = 0; i < megabytes * 16; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bulk (body) VALUES (randomblob(65536));";
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
