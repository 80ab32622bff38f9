using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Cases;

/// <summary>Why a board or search request falls outside the caller's scope.</summary>
public sealed record ScopeRefusal(int Status, string Field, string Detail);

/// <summary>
/// Which cases a staff member may list: a clerk or manager their hall, a reviewer their department, a coordinator the
/// key projects, an admin everything. Shared by the search API and the board page so both see the same cases.
/// </summary>
public static class CaseScope
{
    public sealed record Result(IReadOnlyList<string> Halls, CaseQuery Query, ScopeRefusal? Refusal);

    public static Result Resolve(CaseActor actor, OrganisationDirectory organisation, string? hall, CaseQuery query)
    {
        IReadOnlyList<string> halls = hall is not null ? [hall] : [.. organisation.Halls.Select(h => h.Code)];
        switch (actor.Role)
        {
            case StaffRoles.Clerk or StaffRoles.Manager:
                if (hall is not null && !string.Equals(hall, actor.Hall, StringComparison.OrdinalIgnoreCase))
                {
                    return Refused(StatusCodes.Status403Forbidden, "hall", $"You work at hall '{actor.Hall}'.");
                }

                return new([actor.Hall ?? ""], query, null);
            case StaffRoles.Reviewer:
                if (query.Department is not null && !string.Equals(query.Department, actor.Department, StringComparison.OrdinalIgnoreCase))
                {
                    return Refused(StatusCodes.Status403Forbidden, "department", $"You review for department '{actor.Department}'.");
                }

                return new(halls, query with { Department = actor.Department }, null);
            case StaffRoles.Coordinator:
                return new(halls, query with { Channel = "key-project" }, null);
            case StaffRoles.Admin:
                return new(halls, query, null);
            default:
                return Refused(StatusCodes.Status403Forbidden, "role", "Your role has no case board.");
        }

        Result Refused(int status, string field, string detail) => new([], query, new ScopeRefusal(status, field, detail));
    }
}
