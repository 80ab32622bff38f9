using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Documents;

namespace ServiceHall.Api.Applications;

/// <summary>
/// <c>POST /api/track/{trackingCode}/resubmission</c>: the applicant answers a correction notice online, re-uploading
/// exactly the materials it lists (multipart: <c>answers</c> as JSON, one scan per listed material named by its code).
/// The case grain checks the list against the open notice; scans of a refused resubmission are discarded.
/// </summary>
public static class ResubmissionApi
{
    public static IEndpointRouteBuilder MapResubmissionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/track/{trackingCode}/resubmission", Resubmit)
            .WithTags("Applicant").WithName("ResubmitOnline").AllowAnonymous()
            .RequireRateLimiting(AnonymousActionRateLimitOptions.PolicyName)
            .WithSummary("Answer the correction notice with re-uploaded scans of exactly the listed materials.")
            .Accepts<object>("multipart/form-data")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    public static async Task<IResult> Resubmit(
        HttpContext context, IGrainFactory grains, IDocumentStore documents, IOptions<UploadOptions> limits,
        string trackingCode, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var code = trackingCode.ToUpperInvariant();
        var caseId = CaseIds.LooksLikeTrackingCode(code)
            ? await grains.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync()
            : null;
        if (caseId is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, CommonRefusals.NoTrackedCase);
        }

        var (form, formProblem) = await UploadReader.ReadFormAsync(context, limits.Value);
        if (formProblem is not null)
        {
            return formProblem;
        }

        JsonObject payload;
        try
        {
            var answers = JsonNode.Parse(form!["answers"].ToString() is { Length: > 0 } text ? text : "[]");
            payload = answers is JsonObject body ? body : new JsonObject { ["answers"] = answers };
        }
        catch (JsonException exception)
        {
            return Problems.BadRequest(FieldError.Of("answers", ErrorCodes.CorrectionAnswersMalformed,
                $"Malformed answers JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine}."));
        }

        var (input, inputProblem) = ActionBody.Bind(payload);
        if (inputProblem is not null)
        {
            return inputProblem;
        }

        var (scans, scanProblem) = await UploadReader.CheckAsync(form!, limits.Value);
        if (scanProblem is not null)
        {
            return scanProblem;
        }

        var grain = grains.GetGrain<ICaseGrain>(caseId);
        List<UploadedMaterial> uploads = [];
        CaseResult? result = null;
        try
        {
            uploads = await UploadReader.StoreAsync(documents, caseId, scans, context.RequestAborted);
            result = await grain.ActAsync(new CaseActionCommand
            {
                Action = "resubmit",
                Input = input!,
                StepId = input!.StepId,
                Actor = CaseActor.Applicant(code),
                IdempotencyKey = idempotencyKey,
                Uploads = uploads,
            });
        }
        finally
        {
            // Refused, failed, or a retry the case had already applied with the first request's scans: nothing
            // references this request's scans, so they must not stay in the store.
            if (result is not { Succeeded: true, Replayed: false })
            {
                await UploadReader.DiscardAsync(documents, uploads);
            }
        }

        return result.ToHttp(context);
    }
}
