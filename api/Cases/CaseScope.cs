using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Cases;

/// <summary>Why a board or search request falls outside the caller's scope.</summary>
public sealed record ScopeRefusal(int Status, string Field, string Detail, string? Code = null);

/// <summary>
/// Which rows a listing asks the board (<see cref="ICaseBoardGrain"/>, SQL over the summary rows) for, and with what
/// query, so that every row the caller may list (<see cref="CasePolicy.CanList"/>) is among the answers and, as far
/// as SQL can tell, nothing else; every row of the page is then filtered by that policy. Shared by the search API, the
/// board page and the Elsa instances list, so all of them list the same cases as the case grain lets the caller read.
/// </summary>
public static class CaseScope
{
    /// <param name="Halls">The halls asked.</param>
    /// <param name="Query">The caller's filters, narrowed to their department for a reviewer, to what they serve for a coordinator.</param>
    /// <param name="Queries">The parts of the listing: a hall's board is its own cases plus those delivered to it.</param>
    public sealed record Result(IReadOnlyList<string> Halls, CaseQuery Query, IReadOnlyList<HallQuery> Queries, ScopeRefusal? Refusal);

    /// <summary>
    /// One page of a listing (newest first unless the query says otherwise) and how many rows match in all; past
    /// <see cref="CasePage.CountLimit"/> the total is only that lower bound and <paramref name="TotalIsExact"/> false.
    /// </summary>
    public sealed record Listing(IReadOnlyList<CaseSummary> Rows, int Total, bool TotalIsExact = true);

    /// <summary>The halls <paramref name="actor"/> may pick as a board filter.</summary>
    public static IReadOnlyList<string> HallsOf(CaseActor actor, OrganisationDirectory organisation) => actor.Role switch
    {
        StaffRoles.Clerk or StaffRoles.Manager => [actor.Hall ?? ""],
        StaffRoles.Reviewer or StaffRoles.Coordinator or StaffRoles.Admin => [.. organisation.Halls.Select(h => h.Code)],
        _ => [],
    };

    public static Result Resolve(CaseActor actor, OrganisationDirectory organisation, string? hall, CaseQuery query)
    {
        IReadOnlyList<string> all = [.. organisation.Halls.Select(h => h.Code)];
        IReadOnlyList<string> asked = hall is not null ? [hall] : all;
        // A hall's board is the cases accepted there and those delivered there from the other halls.
        IReadOnlyList<HallQuery> Board(string at, CaseQuery q) =>
            [new HallQuery(at, q), .. all.Where(h => !CasePolicy.Same(h, at)).Select(h => new HallQuery(h, q with { DeliveryHall = at }))];
        IReadOnlyList<HallQuery> Each(CaseQuery q) => hall is not null ? Board(hall, q) : [new HallQuery(null, q)];
        switch (actor.Role)
        {
            case StaffRoles.Clerk or StaffRoles.Manager:
                if (actor.Hall is null || (hall is not null && !CasePolicy.Same(hall, actor.Hall)))
                {
                    return Refused(StatusCodes.Status403Forbidden, "hall", $"You work at hall '{actor.Hall}'.", "board.otherHall");
                }

                return new([actor.Hall], query, Board(actor.Hall, query), null);
            case StaffRoles.Reviewer:
                if (query.Department is not null && !CasePolicy.Same(query.Department, actor.Department))
                {
                    return Refused(StatusCodes.Status403Forbidden, "department", $"You review for department '{actor.Department}'.", "board.otherDepartment");
                }

                // The department filter matches the cases the department reviews or was routed to: what the policy lets it read.
                var reviewed = query with { Department = actor.Department };
                return new(asked, reviewed, Each(reviewed), null);
            case StaffRoles.Coordinator:
                // The projects this coordinator or their district serves, and key projects nobody coordinates yet.
                var served = query with { ServedBy = actor.Id, ServedDistrict = actor.District };
                return new(asked, served, Each(served), null);
            case StaffRoles.Admin:
                return new(asked, query, Each(query), null);
            default:
                return Refused(StatusCodes.Status403Forbidden, "role", "Your role has no case board.", "board.none");
        }

        Result Refused(int status, string field, string detail, string code) => new([], query, [], new ScopeRefusal(status, field, detail, code));
    }

    /// <summary>
    /// The rows <paramref name="actor"/> may list among the matches of <paramref name="scope"/> (with
    /// <paramref name="stage"/> when given): <paramref name="take"/> of them after <paramref name="skip"/>.
    /// </summary>
    public static Task<Listing> ReadAsync(this Result scope, IGrainFactory grains, CaseActor actor, int skip, int take, string? stage = null) =>
        scope.ReadAsync(grains, skip, take, stage, row => CasePolicy.CanList(actor, row), actor);

    /// <summary>As <see cref="ReadAsync(Result, IGrainFactory, CaseActor, int, int, string?)"/>, with the caller's own row rule.</summary>
    public static async Task<Listing> ReadAsync(
        this Result scope, IGrainFactory grains, int skip, int take, string? stage, Func<CasePlacement, bool> mayList, CaseActor actor)
    {
        if (scope.Queries.Count == 0)
        {
            return new Listing([], 0);
        }

        var page = await grains.GetGrain<ICaseBoardGrain>(ICaseBoardGrain.Key).ListAsync(new CaseRowsRequest
        {
            Scopes = [.. scope.Queries.Select(q => stage is null ? q : q with { Query = q.Query with { Stage = stage } })],
            Skip = skip,
            Take = take,
        });
        var rows = await ConfirmUndatedAsync(grains, actor, [.. page.Items.DistinctBy(c => c.Id).Where(c => mayList(CasePlacement.From(c)))]);
        return new Listing(rows, page.Total, page.TotalIsExact);
    }

    /// <summary>
    /// A key project's row without its coordinator was written before rows carried one (every key project gets its
    /// coordinator at opening): the case's own grain decides for it until the row is written again.
    /// </summary>
    private static async Task<IReadOnlyList<CaseSummary>> ConfirmUndatedAsync(IGrainFactory grains, CaseActor actor, List<CaseSummary> rows)
    {
        if (actor.Role != StaffRoles.Coordinator || !rows.Any(Undated))
        {
            return rows;
        }

        var readable = await Task.WhenAll(rows.Select(async r => !Undated(r) || (await grains.GetGrain<ICaseGrain>(r.Id).GetAsync(actor)).Succeeded));
        return [.. rows.Where((_, i) => readable[i])];

        static bool Undated(CaseSummary row) => row.Coordinator is null && row.Channel == ServiceChannels.KeyProject;
    }
}
