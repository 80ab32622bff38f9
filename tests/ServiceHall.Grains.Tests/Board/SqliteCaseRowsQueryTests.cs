using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Board;

/// <summary>Board, search and statistics queries on the embedded SQLite file (the same contract runs on PostgreSQL).</summary>
public sealed class SqliteCaseRowsQueryTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    private ICaseRowsDatabase Database => new SqliteCaseRowsDatabase(_file.Database);

    [Fact]
    public Task PagesAreStableAndNeitherRepeatNorSkipARow() => CaseRowsQueryContract.PagesAreStableAndNeitherRepeatNorSkipARow(Database);

    [Fact]
    public Task TotalsAreCountedUpToTheLimitAndThenOnlyBoundedBelow() => CaseRowsQueryContract.TotalsAreCountedUpToTheLimitAndThenOnlyBoundedBelow(Database);

    [Fact]
    public Task ClosedCasesLeaveTheBoardButStaySearchable() => CaseRowsQueryContract.ClosedCasesLeaveTheBoardButStaySearchable(Database);

    [Fact]
    public Task ScopesNarrowByHallDeliveryDepartmentAndCoordinator() => CaseRowsQueryContract.ScopesNarrowByHallDeliveryDepartmentAndCoordinator(Database);

    [Fact]
    public Task StatisticsCountAHallsPeriodInHallDays() => CaseRowsQueryContract.StatisticsCountAHallsPeriodInHallDays(Database);

    [Fact]
    public Task DailyFiguresEqualFiguresFromRowsAfterAMixedWorkload() => CaseDailyFiguresContract.DailyFiguresEqualFiguresFromRowsAfterAMixedWorkload(Database);

    public void Dispose() => _file.Dispose();
}
