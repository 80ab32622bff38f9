using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ServiceHall.Grains.Storage.Postgres;

namespace ServiceHall.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    private static readonly string[] RequiredKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    private readonly PostgresSchemaMigrator _migrator = new(NullLogger<PostgresSchemaMigrator>.Instance);

    [SkippableFact]
    public async Task MigratingTwiceAppliesEachStepOnceAndChangesNothingTheSecondTime()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        var first = await _migrator.MigrateAsync(connectionString);
        var queriesAfterFirst = await QueryTextsAsync(connectionString);
        var second = await _migrator.MigrateAsync(connectionString);

        Assert.Equal(PostgresSchemaMigrator.Steps.Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(queriesAfterFirst, await QueryTextsAsync(connectionString));
        Assert.Equal(PostgresSchemaMigrator.Steps.Count, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_schema_version;"));
    }

    [SkippableFact]
    public async Task EveryScriptIsIdempotentWhenRunAgainDirectly()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        foreach (var step in PostgresSchemaMigrator.Steps)
        {
            await using var again = new NpgsqlCommand(step.Sql, connection);
            await again.ExecuteNonQueryAsync();
        }

        Assert.Equal(RequiredKeys.Order(), (await QueryTextsAsync(connectionString)).Keys.Order());
    }

    [SkippableFact]
    public async Task ASiloToldNotToMigrateRefusesToStartOnADatabaseBehindItSayingWhatToRun()
    {
        var empty = await postgres.Server.CreateDatabaseAsync();
        var behind = await postgres.Server.CreateDatabaseAsync();
        var needed = PostgresSchemaMigrator.Steps[^1].Version;
        await _migrator.MigrateAsync(behind, through: needed - 1);

        var never = await Assert.ThrowsAnyAsync<Exception>(() => PostgresSilo.StartAsync(empty, "svc-" + Guid.NewGuid().ToString("N")[..8], "c1", migrateOnStart: false));
        var older = await Assert.ThrowsAnyAsync<Exception>(() => PostgresSilo.StartAsync(behind, "svc-" + Guid.NewGuid().ToString("N")[..8], "c1", migrateOnStart: false));

        Assert.Equal((0, needed), Behind(never));
        Assert.Equal((needed - 1, needed), Behind(older));
        Assert.Contains("ServiceHall.Silo.dll migrate", older.ToString());

        // Nothing was migrated behind the operator's back.
        Assert.Equal(needed - 1, await ScalarAsync<int>(behind, "SELECT max(version) FROM servicehall_schema_version;"));
        Assert.False(await ScalarAsync<bool>(empty, "SELECT to_regclass('servicehall_schema_version') IS NOT NULL;"));
    }

    [SkippableFact]
    public async Task ASiloToldNotToMigrateStartsOnACurrentDatabase()
    {
        var current = await postgres.CreateMigratedDatabaseAsync();

        await using var silo = await PostgresSilo.StartAsync(current, "svc-" + Guid.NewGuid().ToString("N")[..8], "c1", migrateOnStart: false);

        Assert.NotNull(silo.Grains);
    }

    /// <summary>The schema-behind error a failed start carries somewhere in its chain, as (current, needed).</summary>
    private static (int Current, int Needed) Behind(Exception start)
    {
        for (Exception? e = start; e is not null; e = e.InnerException)
        {
            if (e is SchemaBehindException behind)
            {
                return (behind.Current, behind.Needed);
            }

            if (e is AggregateException { InnerExceptions: var inner } && inner.OfType<SchemaBehindException>().FirstOrDefault() is { } found)
            {
                return (found.Current, found.Needed);
            }
        }

        throw new Xunit.Sdk.XunitException($"no schema-behind error in: {start}");
    }

    [SkippableFact]
    public async Task ConcurrentMigrationsFromSeveralSilosSerialise()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _migrator.MigrateAsync(connectionString)));

        Assert.Equal(1, runs.Count(applied => applied.Count > 0));
        Assert.Equal(RequiredKeys.Length, (await QueryTextsAsync(connectionString)).Count);
    }

    private static async Task<Dictionary<string, string>> QueryTextsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            texts[reader.GetString(0)] = reader.GetString(1);
        }

        return texts;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
