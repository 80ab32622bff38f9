using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Board;

/// <summary>The summary-row writer on the embedded SQLite file (the same contract runs on PostgreSQL).</summary>
public sealed class SqliteCaseRowsWriterTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    private ICaseRowsDatabase Database => new SqliteCaseRowsDatabase(_file.Database);

    [Fact]
    public Task ARowReadsBackAsWritten() => CaseRowsWriterContract.ARowReadsBackAsWritten(Database);

    [Fact]
    public Task AnOlderVersionNeverReplacesANewerOne() => CaseRowsWriterContract.AnOlderVersionNeverReplacesANewerOne(Database);

    [Fact]
    public Task ARowWrittenInARolledBackTransactionIsGone() => CaseRowsWriterContract.ARowWrittenInARolledBackTransactionIsGone(Database);

    public void Dispose() => _file.Dispose();
}
