using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Stats;

/// <summary><c>GET /api/stats/cases</c>: a hall's volumes and handling figures (manager of that hall, admin).</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/stats/cases", GetCaseStatistics)
            .WithTags("Statistics").WithName("GetCaseStatistics")
            .WithSummary("Volumes by channel, window and day; average and fastest handling time; return rate; online share; SLA breaches; copies saved.")
            .Produces<CaseStatistics>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization();
        return endpoints;
    }

    public static async Task<IResult> GetCaseStatistics(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string? hall, string? from, string? to)
    {
        var actor = user.ToActor();
        if (actor.Role is not (StaffRoles.Manager or StaffRoles.Admin))
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "role", "Statistics are for managers and admins.");
        }

        var scope = hall ?? actor.Hall ?? "gz";
        if (actor.Role == StaffRoles.Manager && !string.Equals(scope, actor.Hall, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "hall", $"You manage hall '{actor.Hall}'.");
        }

        if (organisation.FindHall(scope) is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "hall", $"No hall '{scope}'.");
        }

        if (!QueryDates.TryParse(from, DateOnly.MinValue, out var first))
        {
            return Problems.BadRequest("from", "from is a date, yyyy-MM-dd.");
        }

        if (!QueryDates.TryParse(to, DateOnly.MaxValue, out var last))
        {
            return Problems.BadRequest("to", "to is a date, yyyy-MM-dd.");
        }

        return TypedResults.Ok(await grains.GetGrain<ICaseIndexGrain>(ICaseIndexGrain.Key(scope)).StatisticsAsync(first, last));
    }
}
