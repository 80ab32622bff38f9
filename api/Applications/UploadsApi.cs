using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Documents;

namespace ServiceHall.Api.Applications;

/// <summary>
/// <c>GET /api/cases/{id}/uploads/{documentId}</c>: staff who may read the case download an uploaded scan. Nobody
/// else is served one — not the applicant (the tracker lists names only), not a guessed id of another case.
/// </summary>
public static class UploadsApi
{
    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cases/{id}/uploads/{documentId}", DownloadUpload)
            .WithTags("Cases").WithName("DownloadUpload").WithSummary("An uploaded scan of the case (staff who may read the case).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/pdf", "image/jpeg", "image/png")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();
        return endpoints;
    }

    public static async Task<IResult> DownloadUpload(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, IDocumentStore documents, string id, string documentId)
    {
        if (!CaseIds.LooksLikeCaseId(id) || !DocumentIds.IsValid(documentId))
        {
            return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("documentId", ErrorCodes.UploadNotFound, "No such upload."));
        }

        var lookup = await grains.GetGrain<ICaseGrain>(id).FindUploadAsync(user.ToActor(), documentId);
        switch (lookup.Outcome)
        {
            case CaseOutcome.Ok:
                break;
            case CaseOutcome.Forbidden:
                return Problems.Result(StatusCodes.Status403Forbidden, CommonRefusals.OutOfScope);
            default:
                return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("documentId", ErrorCodes.UploadNotFound, "No such upload."));
        }

        var opened = await documents.OpenAsync(documentId, context.RequestAborted);
        if (opened is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("documentId", ErrorCodes.UploadMissingFromStore, "The scan is recorded but missing from the document store."));
        }

        context.Response.RegisterForDisposeAsync(opened);
        var headers = context.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["X-Content-SHA256"] = opened.Document.Sha256;
        // Served as a download: a scan is the applicant's file and must never run as a page of this site.
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(lookup.Upload!.FileName);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(opened.Content, lookup.Upload.ContentType);
    }
}
