using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Postgres.Tests;

/// <summary>The SLA sweep's query on a real server (V0017's column and partial index); the same contract runs on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SlaDueCasesTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task TheSweepReadsDueRowsOldestFirstInPages() =>
        await SlaDueCasesContract.DueRowsComeOldestFirstInPagesAsync(new PostgresCaseRowsDatabase(await postgres.CreateMigratedDatabaseAsync()));
}
