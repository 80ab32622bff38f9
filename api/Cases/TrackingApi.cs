using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>
/// <c>/api/track/{trackingCode}</c>: the applicant's own case, reached only through its unguessable tracking code,
/// with personal data masked; the applicant may withdraw or answer a correction notice from here.
/// </summary>
public static class TrackingApi
{
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder endpoints)
    {
        var track = endpoints.MapGroup("/api/track").WithTags("Applicant").AllowAnonymous();
        track.MapGet("/{trackingCode}", Track)
            .WithName("TrackCase").WithSummary("The applicant's view of their case.")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status404NotFound);
        track.MapPost("/{trackingCode}/actions/{action}", ActAsApplicant)
            .WithName("ActAsApplicant").WithSummary("Applicant actions: withdraw, resubmit.")
            .Accepts<CaseActionInput>("application/json")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    public static async Task<IResult> Track(HttpContext context, IGrainFactory grains, string trackingCode)
    {
        var caseId = await FindCaseAsync(grains, trackingCode);
        return caseId is null
            ? NotFound(trackingCode)
            : (await grains.Case(caseId).TrackAsync(trackingCode.ToUpperInvariant())).ToHttp(context);
    }

    public static async Task<IResult> ActAsApplicant(
        HttpContext context, IGrainFactory grains, string trackingCode, string action,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var caseId = await FindCaseAsync(grains, trackingCode);
        if (caseId is null)
        {
            return NotFound(trackingCode);
        }

        var (input, problem) = await ActionBody.ReadAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var command = new CaseActionCommand
        {
            Action = action,
            Input = input!,
            StepId = input!.StepId,
            Actor = CaseActor.Applicant(trackingCode.ToUpperInvariant()),
            IdempotencyKey = idempotencyKey,
        };
        return (await grains.Case(caseId).ActAsync(command)).ToHttp(context);
    }

    private static async Task<string?> FindCaseAsync(IGrainFactory grains, string trackingCode)
    {
        var code = trackingCode.ToUpperInvariant();
        return CaseIds.LooksLikeTrackingCode(code)
            ? await grains.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync()
            : null;
    }

    private static IResult NotFound(string trackingCode) =>
        Problems.Result(StatusCodes.Status404NotFound, "trackingCode", "No case has this tracking code.", code: "tracking.notFound");
}
