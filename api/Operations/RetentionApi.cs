using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Retention;

namespace ServiceHall.Api.Operations;

/// <summary>
/// <c>GET /api/admin/retention</c>: the retention setting, the next run and the recent runs of the purge job, newest
/// first (admin). Runs name purged cases by id only.
/// </summary>
public static class RetentionApi
{
    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/retention", GetRetentionLog)
            .WithTags("Operations").WithName("GetRetentionLog")
            .WithSummary("The retention log: years kept, next run, recent runs with their cutoff and purged case ids (admin).")
            .Produces<RetentionLog>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(AuthExtensions.AdminPolicy);
        return endpoints;
    }

    public static async Task<IResult> GetRetentionLog(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRetentionGrain>(IRetentionGrain.Key).GetLogAsync());
}
