using Npgsql;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.TestSupport.Cases;

namespace ServiceHall.Postgres.Tests;

/// <summary>Group commit on a real server (one batch, the rest sent again after a conflict); the same contract runs on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CaseGroupCommitTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task OneTransactionCommitsEveryCaseButTheConflictingOnes()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "servicehall");
        await GroupCommitContract.OneTransactionCommitsEveryCaseButTheConflictingOnes(store, store, new PostgresCaseRowsDatabase(connectionString));
    }

    [SkippableFact]
    public async Task ConcurrentSavesShareTransactionsAndOnlyTheStaleOneFails()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "servicehall");
        await GroupCommitContract.ConcurrentSavesShareTransactionsAndOnlyTheStaleOneFails(store, store);
    }

    [SkippableFact]
    public async Task AStaleHeadIsNamedByTheServerSoTheGroupIsNotSavedOneByOne()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "servicehall");
        await GroupCommitContract.StaleHeadsFailAloneInOneGroup(store, store);
        Assert.Equal(0, store.GroupsSavedOneByOne);
    }
}
