using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>The SLA sweep's query on the embedded file; the same contract runs on PostgreSQL.</summary>
public sealed class SqliteSlaDueCasesTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public Task TheSweepReadsDueRowsOldestFirstInPages() =>
        SlaDueCasesContract.DueRowsComeOldestFirstInPagesAsync(new SqliteCaseRowsDatabase(_file.Database));

    public void Dispose() => _file.Dispose();
}
