using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
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
        var (scope, first, last, problem) = StatisticsScope.Resolve(user.ToActor(), organisation, hall, from, to);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await WithAppointmentsAsync(grains, scope, first, last,
            await grains.GetGrain<ICaseBoardGrain>(ICaseBoardGrain.Key).StatisticsAsync(scope, first, last)));
    }

    /// <summary>Adds the period's bookings and no-shows (kept by the hall's appointment figures) to the case figures.</summary>
    public static async Task<CaseStatistics> WithAppointmentsAsync(IGrainFactory grains, string hall, DateOnly from, DateOnly to, CaseStatistics cases)
    {
        var appointments = await grains.GetGrain<IAppointmentStatsGrain>(IAppointmentStatsGrain.Key(hall)).TotalsAsync(from, to);
        return cases with
        {
            Bookings = appointments.Booked,
            NoShows = appointments.NoShows,
            NoShowRate = appointments.Booked == 0 ? 0 : (double)appointments.NoShows / appointments.Booked,
        };
    }
}
