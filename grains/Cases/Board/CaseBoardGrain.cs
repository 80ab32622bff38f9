using Orleans.Concurrency;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>Answers listings and statistics from the <c>case_summary</c> rows, on the caller's silo.</summary>
[StatelessWorker]
[GrainType("case-board")]
internal sealed class CaseBoardGrain(ICaseRowsDatabase database) : Grain, ICaseBoardGrain
{
    Task<CasePage> ICaseBoardGrain.ListAsync(CaseRowsRequest request) => CaseRowsQueries.ListAsync(database, request);

    Task<CaseStatistics> ICaseBoardGrain.StatisticsAsync(string hall, DateOnly from, DateOnly to) =>
        CaseRowsStatistics.ReadAsync(database, hall, from, to);
}
