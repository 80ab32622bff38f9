using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Postgres.Tests.Board;

/// <summary>The summary-row writer on a migrated PostgreSQL database (the same contract runs on SQLite).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseRowsWriterTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task ARowReadsBackAsWritten() => await CaseRowsWriterContract.ARowReadsBackAsWritten(await DatabaseAsync());

    [SkippableFact]
    public async Task AnOlderVersionNeverReplacesANewerOne() => await CaseRowsWriterContract.AnOlderVersionNeverReplacesANewerOne(await DatabaseAsync());

    [SkippableFact]
    public async Task ARowWrittenInARolledBackTransactionIsGone() => await CaseRowsWriterContract.ARowWrittenInARolledBackTransactionIsGone(await DatabaseAsync());

    private async Task<ICaseRowsDatabase> DatabaseAsync() => new PostgresCaseRowsDatabase(await postgres.CreateMigratedDatabaseAsync());
}
