using ServiceHall.Api.Cases;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Board;

/// <summary>One column of the board: its newest cards and how many cases it holds in all (past 10,000 only "10,000+").</summary>
public sealed record BoardColumn(string Stage, IReadOnlyList<BoardCardModel> Cards, int Total, bool TotalIsExact = true)
{
    /// <summary>The count as the header shows it: "10,000+" when only a lower bound is known.</summary>
    public string TotalText => TotalIsExact
        ? Total.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "+";
}

/// <summary>The board as the caller may see it, or why not.</summary>
public sealed record BoardModel(BoardFilter Filter, IReadOnlyList<string> Halls, IReadOnlyList<BoardColumn> Columns, ScopeRefusal? Refusal);

/// <summary>Reads the board from the halls' read models, within the caller's scope (the same rule as the search API).</summary>
public sealed class BoardReader(IGrainFactory grains, OrganisationDirectory organisation)
{
    /// <summary>Cards per column on the page; the column header still counts them all.</summary>
    public const int CardsPerColumn = 50;

    public async Task<BoardModel> ReadAsync(CaseActor actor, BoardFilter filter)
    {
        var scope = Scope(actor, filter);
        if (scope.Refusal is not null)
        {
            return new BoardModel(filter, [], [], scope.Refusal);
        }

        var columns = await Task.WhenAll(BoardFilter.Stages.Select(stage => ReadColumnAsync(actor, scope, stage)));
        return new BoardModel(filter, scope.Halls, columns, null);
    }

    /// <summary>One case as a card, if it belongs on this board now; null when it should leave the board.</summary>
    public async Task<BoardCardModel?> ReadCardAsync(CaseActor actor, BoardFilter filter, string caseId)
    {
        var scope = Scope(actor, filter);
        if (scope.Refusal is not null || !CaseIds.LooksLikeCaseId(caseId))
        {
            return null;
        }

        var result = await grains.GetGrain<ICaseGrain>(caseId).GetAsync(actor);
        if (result.Case is null)
        {
            return null;
        }

        // The grain let the caller read it, which is the policy's listing rule too; the board's own filters remain.
        var card = BoardCardModel.From(result.Case);
        var shown = filter with { Channel = scope.Query.Channel ?? filter.Channel, Department = scope.Query.Department ?? filter.Department };
        return shown.Shows(card) ? card : null;
    }

    private CaseScope.Result Scope(CaseActor actor, BoardFilter filter) =>
        CaseScope.Resolve(actor, organisation, filter.Hall, filter.ToQuery(BoardFilter.Stages[0]));

    private async Task<BoardColumn> ReadColumnAsync(CaseActor actor, CaseScope.Result scope, string stage)
    {
        var listing = await scope.ReadAsync(grains, actor, 0, CardsPerColumn, stage);
        return new BoardColumn(stage, [.. listing.Rows.Take(CardsPerColumn).Select(BoardCardModel.From)], listing.Total, listing.TotalIsExact);
    }
}
