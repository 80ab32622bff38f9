using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Cases;

/// <summary>Why a board or search request falls outside the caller's scope.</summary>
public sealed record ScopeRefusal(int Status, string Field, string Detail);

/// <summary>
/// Which cases a staff member may list: a clerk or manager their hall, a reviewer their department, a coordinator the
/// key projects they may coordinate, an admin everything. Shared by the search API and the board page so both see the
/// same cases.
/// </summary>
public static class CaseScope
{
    /// <param name="EachCaseDecides">
    /// The read model's query is wider than the caller's reach: it knows no project's district, so a coordinator's
    /// query matches every key project and each case's own grain decides (as <c>GET /api/cases/{id}</c> does).
    /// </param>
    public sealed record Result(IReadOnlyList<string> Halls, CaseQuery Query, ScopeRefusal? Refusal, bool EachCaseDecides = false);

    /// <summary>The halls whose cases <paramref name="actor"/> may list (what the board offers to filter by).</summary>
    public static IReadOnlyList<string> HallsOf(CaseActor actor, OrganisationDirectory organisation) => actor.Role switch
    {
        StaffRoles.Clerk or StaffRoles.Manager => [actor.Hall ?? ""],
        StaffRoles.Reviewer or StaffRoles.Coordinator or StaffRoles.Admin => [.. organisation.Halls.Select(h => h.Code)],
        _ => [],
    };

    public static Result Resolve(CaseActor actor, OrganisationDirectory organisation, string? hall, CaseQuery query)
    {
        var mine = HallsOf(actor, organisation);
        IReadOnlyList<string> halls = hall is not null ? [hall] : mine;
        switch (actor.Role)
        {
            case StaffRoles.Clerk or StaffRoles.Manager:
                if (hall is not null && !mine.Contains(hall, StringComparer.OrdinalIgnoreCase))
                {
                    return Refused(StatusCodes.Status403Forbidden, "hall", $"You work at hall '{actor.Hall}'.");
                }

                return new(mine, query, null);
            case StaffRoles.Reviewer:
                if (query.Department is not null && !string.Equals(query.Department, actor.Department, StringComparison.OrdinalIgnoreCase))
                {
                    return Refused(StatusCodes.Status403Forbidden, "department", $"You review for department '{actor.Department}'.");
                }

                return new(halls, query with { Department = actor.Department }, null);
            case StaffRoles.Coordinator:
                return new(halls, query with { Channel = "key-project" }, null, EachCaseDecides: true);
            case StaffRoles.Admin:
                return new(halls, query, null);
            default:
                return Refused(StatusCodes.Status403Forbidden, "role", "Your role has no case board.");
        }

        Result Refused(int status, string field, string detail) => new([], query, new ScopeRefusal(status, field, detail));
    }

    /// <summary>
    /// Of <paramref name="summaries"/> (matches of <paramref name="scope"/>'s query), those <paramref name="actor"/> may
    /// read: all of them unless <see cref="Result.EachCaseDecides"/>, then those whose grain lets the actor read them.
    /// </summary>
    public static async Task<IReadOnlyList<CaseSummary>> ReadableAsync(
        this Result scope, IGrainFactory grains, CaseActor actor, IReadOnlyList<CaseSummary> summaries)
    {
        if (!scope.EachCaseDecides)
        {
            return summaries;
        }

        var readable = await Task.WhenAll(summaries.Select(async s => (await grains.GetGrain<ICaseGrain>(s.Id).GetAsync(actor)).Succeeded));
        return [.. summaries.Where((_, i) => readable[i])];
    }
}
