using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Postgres.Tests.Board;

/// <summary>Board, search and statistics queries on a migrated PostgreSQL database (the same contract runs on SQLite).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseRowsQueryTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task PagesAreStableAndNeitherRepeatNorSkipARow() =>
        await CaseRowsQueryContract.PagesAreStableAndNeitherRepeatNorSkipARow(await DatabaseAsync());

    [SkippableFact]
    public async Task TotalsAreCountedUpToTheLimitAndThenOnlyBoundedBelow() =>
        await CaseRowsQueryContract.TotalsAreCountedUpToTheLimitAndThenOnlyBoundedBelow(await DatabaseAsync());

    [SkippableFact]
    public async Task ClosedCasesLeaveTheBoardButStaySearchable() =>
        await CaseRowsQueryContract.ClosedCasesLeaveTheBoardButStaySearchable(await DatabaseAsync());

    [SkippableFact]
    public async Task ScopesNarrowByHallDeliveryDepartmentAndCoordinator() =>
        await CaseRowsQueryContract.ScopesNarrowByHallDeliveryDepartmentAndCoordinator(await DatabaseAsync());

    [SkippableFact]
    public async Task StatisticsCountAHallsPeriodInHallDays() =>
        await CaseRowsQueryContract.StatisticsCountAHallsPeriodInHallDays(await DatabaseAsync());

    [SkippableFact]
    public async Task DailyFiguresEqualFiguresFromRowsAfterAMixedWorkload() =>
        await CaseDailyFiguresContract.DailyFiguresEqualFiguresFromRowsAfterAMixedWorkload(await DatabaseAsync());

    private async Task<ICaseRowsDatabase> DatabaseAsync() => new PostgresCaseRowsDatabase(await postgres.CreateMigratedDatabaseAsync());
}
