using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages.Stats;

/// <summary><c>/stats</c> (the statistics page) and <c>/stats/report</c> (its figures alone, for the live refresh).</summary>
public static class StatsPages
{
    public static IEndpointRouteBuilder MapStatsPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/stats", GetStatsPage);
        endpoints.MapStaffFragment("/stats/report", GetStatsReport,
            FieldError.Of("Authorization", ErrorCodes.SignInForStats, "Sign in to read the hall's statistics."));
        return endpoints;
    }

    private static async Task<IResult> GetStatsPage(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, WorkingCalendar calendar,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock, string? hall, string? from, string? to)
    {
        var actor = user.ToActor();
        if (!StatsFilter.MayRead(actor))
        {
            return new RazorComponentResult<StatsForbiddenPage> { StatusCode = StatusCodes.Status403Forbidden };
        }

        var filter = StatsFilter.Resolve(actor, organisation, calendar.LocalDate(clock.GetUtcNow()), hall, from, to);
        var report = filter.Error is null ? await HallStatistics.LoadAsync(grains, organisation, filter) : null;
        return new RazorComponentResult<StatsPage>(new Dictionary<string, object?>
        {
            [nameof(StatsPage.Filter)] = filter,
            [nameof(StatsPage.Report)] = report,
        })
        { StatusCode = StatusFor(filter) };
    }

    private static async Task<IResult> GetStatsReport(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, WorkingCalendar calendar,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock, string? hall, string? from, string? to)
    {
        var actor = user.ToActor();
        if (!StatsFilter.MayRead(actor))
        {
            return Problems.Result(StatusCodes.Status403Forbidden, FieldError.Of("role", ErrorCodes.StatsRoleNotAllowed, "Statistics are for managers and admins."));
        }

        var filter = StatsFilter.Resolve(actor, organisation, calendar.LocalDate(clock.GetUtcNow()), hall, from, to);
        if (filter.Error is not null)
        {
            return Problems.Result(StatusFor(filter), FieldError.Of("filter", filter.Error switch
            {
                "error.order" => ErrorCodes.StatsDateOrder,
                "error.date" => ErrorCodes.StatsDateInvalid,
                "error.hall" => ErrorCodes.StatsHallUnknown,
                StatsFilter.OtherHall => ErrorCodes.ScopeOtherHall,
                _ => ErrorCodes.StatsFilterRefused,
            }, $"The statistics filter was refused ({filter.Error})."));
        }

        return new RazorComponentResult<StatsReport>(new Dictionary<string, object?>
        {
            [nameof(StatsReport.Report)] = await HallStatistics.LoadAsync(grains, organisation, filter),
        });
    }

    private static int StatusFor(StatsFilter filter) => filter.Error switch
    {
        null => StatusCodes.Status200OK,
        StatsFilter.OtherHall => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };
}
