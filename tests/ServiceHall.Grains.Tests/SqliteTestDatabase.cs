using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Storage.Sqlite;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests;

/// <summary>A SQLite database file in its own temp folder, with the real storage classes over it.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly TemporaryFolder _folder = new("servicehall-sqlite");

    public SqliteTestDatabase()
    {
        Database = new SqliteDatabase(
            Options.Create(new SqliteStorageOptions { DataFolder = _folder.Path }),
            TimeProvider.System,
            NullLogger<SqliteDatabase>.Instance);
        Storage = new SqliteGrainStorage(Database, new StableJsonGrainStorageSerializer());
        Reminders = new SqliteReminderTable(Database);
    }

    public SqliteDatabase Database { get; }

    public SqliteGrainStorage Storage { get; }

    public SqliteReminderTable Reminders { get; }

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
