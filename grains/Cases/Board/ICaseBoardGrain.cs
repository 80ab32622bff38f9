using Orleans.Concurrency;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// The board, search, coordinator lists, definition usage and hall statistics: SQL over the <c>case_summary</c> rows
/// the cases write with every change. Stateless, so every silo answers locally and nothing holds the cases in memory;
/// the API reaches the rows only through this interface.
/// </summary>
[Alias("ServiceHall.Grains.Cases.Board.ICaseBoardGrain")]
public interface ICaseBoardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// One page of the rows any of <paramref name="request"/>'s scopes match, newest first unless the query says
    /// otherwise, and how many match in all. Access is the caller's to check on the page (<c>CasePolicy.CanList</c>):
    /// the scopes only narrow the rows as far as SQL can.
    /// </summary>
    [Alias("ListAsync")]
    Task<CasePage> ListAsync(CaseRowsRequest request);

    /// <summary>Figures over the cases accepted at <paramref name="hall"/> and opened in [<paramref name="from"/>, <paramref name="to"/>] (hall dates).</summary>
    [Alias("StatisticsAsync")]
    Task<CaseStatistics> StatisticsAsync(string hall, DateOnly from, DateOnly to);

    /// <summary>Every caller uses one key: the grain is a stateless worker, activated on the caller's silo.</summary>
    public const long Key = 0;
}

/// <summary>One part of a listing: the rows of a hall (accepting, or narrowed to those delivered to another hall), or of every hall when <paramref name="Hall"/> is null.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.Board.HallQuery")]
public sealed record HallQuery([property: Id(0)] string? Hall, [property: Id(1)] CaseQuery Query);

/// <summary>Rows matching any of <see cref="Scopes"/>: <see cref="Take"/> of them after skipping <see cref="Skip"/>.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.Board.CaseRowsRequest")]
public sealed record CaseRowsRequest
{
    /// <summary>The deepest row a listing reaches; deeper pages need a narrower search.</summary>
    public const int MaxDepth = 200_000;

    [Id(0)] public required IReadOnlyList<HallQuery> Scopes { get; init; }
    [Id(1)] public int Skip { get; init; }
    [Id(2)] public required int Take { get; init; }
}
