using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Operations;

/// <summary>
/// <c>POST /api/admin/read-models/rebuild</c>: rebuilds the board and statistics of one hall, or of every hall, from
/// the cases' own state (admin). Boards rebuild themselves after an unclean stop; this is for everything else, such
/// as a snapshot restored from an old backup.
/// </summary>
public static class ReadModelsApi
{
    public static IEndpointRouteBuilder MapReadModelsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/admin/read-models/rebuild", RebuildReadModels)
            .WithTags("Operations").WithName("RebuildReadModels")
            .WithSummary("Rebuild the board and statistics of one hall (?hall=) or of every hall from the cases' state (admin).")
            .WithDescription("Every stored case sends its current summary to its hall's board again. Answers when all cases were "
                + "asked, with the counts; the boards take their summaries within moments. Safe to repeat and to run while cases change.")
            .Produces<ReadModelRebuildReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(AuthExtensions.AdminPolicy);
        return endpoints;
    }

    public static async Task<IResult> RebuildReadModels(IGrainFactory grains, OrganisationDirectory organisation, string? hall)
    {
        if (hall is not null && string.IsNullOrWhiteSpace(hall))
        {
            return Problems.BadRequest(FieldError.Of("hall", ErrorCodes.HallBlank, "hall is a hall code; leave it out to rebuild every hall."));
        }

        var known = organisation.FindHall(hall);
        if (hall is not null && known is null)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, FieldError.Of("hall", ErrorCodes.HallUnknown, $"Unknown hall '{hall}'.", ("hall", hall)));
        }

        var report = await grains.GetGrain<IReadModelRebuildGrain>(IReadModelRebuildGrain.Key(known?.Code)).RebuildAsync();
        return TypedResults.Ok(report);
    }
}
