using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport.Board;
using ServiceHall.TestSupport.Cases;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// The tracking code's uniqueness on a real server (V0012): a second case with a held code is refused whole, alone in
/// its group, and a database migrated from before V0012 keeps its rows and gains the unique index. The same contract
/// runs on SQLite.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TrackingCodeIndexTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task ACaseWhoseTrackingCodeAnotherCaseHoldsIsRefusedWholeAndAloneInItsGroup()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "servicehall");
        await TrackingCodeContract.ACaseWhoseTrackingCodeAnotherCaseHoldsIsRefusedWhole(store, store, new PostgresCaseRowsDatabase(connectionString));
    }

    [SkippableFact]
    public async Task MigratingADatabaseFromBeforeTheStepKeepsItsRowsAndMakesTheCodeUnique()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString, through: 11);
        var rows = new PostgresCaseRowsDatabase(connectionString);
        await using (var connection = await rows.OpenAsync())
        {
            await RowsOfAnEarlierRelease.UpsertBeforeSlaWakeAsync(connection, CaseRowSamples.Row("before-a"), CaseRowSamples.Row("before-b"));
        }

        var applied = await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString);

        // Step 12 and every later one, each once.
        Assert.Equal(PostgresSchemaMigrator.Steps.Select(s => s.Version).Where(v => v >= 12), applied.Where(v => v >= 12));
        Assert.Equal("before-a", await CaseTrackingRows.CaseIdAsync(rows, "TRKBEFORE-A"));
        Assert.Equal("before-b", await CaseTrackingRows.CaseIdAsync(rows, "TRKBEFORE-B"));
        await TrackingCodeContract.TheTrackingCodeIndexIsUniqueAsync(rows);
    }
}
