using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Documents;

/// <summary>
/// A case's printed documents (ARCHITECTURE §5): <c>/api/cases/{id}/documents/{kind}</c> for staff and
/// <c>/api/track/{trackingCode}/documents/{kind}</c> for the applicant (masked personal data), as PDF or printable HTML.
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/cases/{id}/documents").WithTags("Documents").RequireAuthorization()
            .MapGet("/{kind}", GetCaseDocument)
            .WithName("GetCaseDocument")
            .WithSummary("A case's receipt, rejection-notice, correction-notice, certificate or denial-decision as PDF or printable HTML (?format=pdf|html, default from Accept).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/pdf", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGroup("/api/track/{trackingCode}/documents").WithTags("Applicant").AllowAnonymous()
            .MapGet("/{kind}", GetTrackedDocument)
            .WithName("GetTrackedDocument")
            .WithSummary("The applicant's copy of a document of their case, personal data masked.")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/pdf", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<IResult> GetCaseDocument(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation,
        string id, string kind, [FromQuery] string? format)
    {
        var (chosen, problem) = Check(context, kind, format);
        if (problem is not null)
        {
            return problem;
        }

        if (!CaseIds.LooksLikeCaseId(id))
        {
            return Problems.Result(StatusCodes.Status404NotFound, CommonRefusals.NoCase(id));
        }

        var result = await grains.GetGrain<ICaseGrain>(id).GetDocumentAsync(kind, user.ToActor(), trackingCode: null);
        return await RespondAsync(context, grains, kind, result, organisation, chosen!, CommonRefusals.NoCase(id));
    }

    public static async Task<IResult> GetTrackedDocument(
        HttpContext context, IGrainFactory grains, OrganisationDirectory organisation,
        string trackingCode, string kind, [FromQuery] string? format)
    {
        var (chosen, problem) = Check(context, kind, format);
        if (problem is not null)
        {
            return problem;
        }

        var code = trackingCode.ToUpperInvariant();
        var caseId = CaseIds.LooksLikeTrackingCode(code)
            ? await grains.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync()
            : null;
        var result = caseId is null
            ? new CaseDocumentResult { Outcome = CaseOutcome.NotFound }
            : await grains.GetGrain<ICaseGrain>(caseId).GetDocumentAsync(kind, viewer: null, code);
        return await RespondAsync(context, grains, kind, result, organisation, chosen!,
            CommonRefusals.NoTrackedCase);
    }

    private static (string? Format, IResult? Problem) Check(HttpContext context, string kind, string? format)
    {
        // Both are checked before answering, so a wrong kind and a wrong format are named together.
        var errors = new List<FieldError>();
        if (DocumentForms.Find(kind) is null)
        {
            errors.Add(FieldError.Of("kind", ErrorCodes.DocumentUnknownKind, $"Unknown document kind '{kind}'; one of {DocumentForms.KindList}.",
                ("kind", kind), ("allowed", DocumentForms.KindList)));
        }

        var chosen = DocumentFormats.Choose(format, context.Request.GetTypedHeaders().Accept);
        if (chosen is null)
        {
            errors.Add(FieldError.Of("format", ErrorCodes.DocumentUnknownFormat, $"Unknown format '{format}'; pdf or html.", ("format", format)));
        }

        return errors.Count > 0 ? (null, Problems.BadRequest(errors)) : (chosen, null);
    }

    private static async Task<IResult> RespondAsync(
        HttpContext context, IGrainFactory grains, string kind, CaseDocumentResult result, OrganisationDirectory organisation, string format,
        FieldError noCase)
    {
        switch (result.Outcome)
        {
            case CaseOutcome.Ok:
                break;
            case CaseOutcome.Forbidden:
                return Problems.Result(StatusCodes.Status403Forbidden, CommonRefusals.OutOfScope);
            // The grain explains itself only when the case exists and lacks the document; a bare NotFound is no case.
            case CaseOutcome.NotFound when result.Message is not null:
                return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("kind", ErrorCodes.DocumentNotAvailable, result.Message,
                    ("kind", kind), ("available", string.Join(", ", result.Available ?? []))));
            default:
                return Problems.Result(StatusCodes.Status404NotFound, noCase);
        }

        var document = result.Document!;
        // A person reads departments and staff by name (the correction notice's table, the opinions, who denied), never
        // by their directory code or user name.
        var departments = await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetDepartmentsAsync();
        var names = new DocumentNames(departments, organisation);
        var printed = PrintedDocumentBuilder.Build(document, organisation.FindHall(document.Case.Hall), PublicLinks.BaseUrl(context), names);
        var headers = context.Response.Headers;
        headers.Vary = HeaderNames.Accept;
        // Personal data: no shared cache may keep a copy.
        headers.CacheControl = "private, no-store";
        if (format == DocumentFormats.Html)
        {
            return TypedResults.Content(HtmlDocumentRenderer.Render(printed), "text/html; charset=utf-8");
        }

        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(printed.FileName(DocumentFormats.Pdf));
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.File(PdfDocumentRenderer.Render(printed), "application/pdf");
    }
}
