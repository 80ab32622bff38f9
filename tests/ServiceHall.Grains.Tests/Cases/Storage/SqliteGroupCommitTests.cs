using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.TestSupport.Cases;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>Group commit on the embedded SQLite file (a savepoint per save); the same contract runs on PostgreSQL.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public Task OneTransactionCommitsEveryCaseButTheConflictingOnes()
    {
        var store = new SqliteCaseStore(_file.Database);
        return GroupCommitContract.OneTransactionCommitsEveryCaseButTheConflictingOnes(store, store, new SqliteCaseRowsDatabase(_file.Database));
    }

    [Fact]
    public Task StaleHeadsFailAloneInOneGroup()
    {
        var store = new SqliteCaseStore(_file.Database);
        return GroupCommitContract.StaleHeadsFailAloneInOneGroup(store, store);
    }

    [Fact]
    public Task ConcurrentSavesShareTransactionsAndOnlyTheStaleOneFails()
    {
        var store = new SqliteCaseStore(_file.Database);
        return GroupCommitContract.ConcurrentSavesShareTransactionsAndOnlyTheStaleOneFails(store, store);
    }

    public void Dispose() => _file.Dispose();
}
