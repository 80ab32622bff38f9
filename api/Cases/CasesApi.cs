using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Api.Tracing;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Cases;

/// <summary><c>/api/cases</c>: staff open cases, read them, list the board and act on steps (ARCHITECTURE §5).</summary>
public static class CasesApi
{
    private const int PageSize = 20;

    // Each hall reads page × PageSize rows to merge a page exactly, so a deep page is both an overflow of the int
    // (page 107374183 × 20) and a table scan; 10,000 pages is 200,000 cases per search, beyond any board.
    private const int MaxPage = 10_000;

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization();

        cases.MapPost("/", OpenCase)
            .WithName("OpenCase").WithSummary("Open a case at a window (clerk).")
            .Accepts<OpenCaseRequest>("application/json")
            .Produces<CreatedCaseResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cases.MapGet("/", ListCases)
            .WithName("ListCases").WithSummary("Board and search: the cases in the caller's scope, newest first, 20 a page.")
            .Produces<CaseListResponse>();
        cases.MapGet("/{id}", GetCase)
            .WithName("GetCase").WithSummary("Case detail: stage, status, SLA, available actions, documents, journal.")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{id}/actions/{action}", ActOnCase)
            .WithName("ActOnCase").WithSummary("Take a step (accept, reject, request-correction, pass, approve, …) or a case action (withdraw, cancel, suspend, resume).")
            .WithDescription("Answers with the case view; with `Prefer: return=minimal` (RFC 7240) only id, status, stage and version (and `Preference-Applied`).")
            .Accepts<CaseActionInput>("application/json")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    public static async Task<IResult> OpenCase(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > 200 })
        {
            return Problems.BadRequest([FieldError.Of("Idempotency-Key", "idempotency.keyTooLong", "An Idempotency-Key is at most 200 characters.", ("max", 200))]);
        }

        var (request, problem) = await JsonBody.ReadAsync<OpenCaseRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var actor = user.ToActor();
        var (command, missing) = request!.ToCommand(actor, idempotencyKey);
        if (command is null)
        {
            return Problems.BadRequest(missing!, $"'{missing}' is required.", "field.required");
        }

        var caseId = idempotencyKey is null ? CaseIds.NewCaseId() : CaseIds.ForIdempotentOpen(actor.Id, idempotencyKey);
        CaseTracing.TagCurrentRequest(caseId);
        var result = await grains.Case(caseId).OpenAsync(command);
        return result.ToHttp(context, view => TypedResults.Created(
            $"/api/cases/{view.Id}", new CreatedCaseResponse(view.Id, view.Number, view.TrackingCode!, view)));
    }

    public static async Task<IResult> GetCase(HttpContext context, ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        if (!CaseIds.LooksLikeCaseId(id))
        {
            return Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("id", "case.notFound", $"No case '{id}'.", ("id", id))]);
        }

        CaseTracing.TagCurrentRequest(id);
        return (await grains.Case(id).GetAsync(user.ToActor())).ToHttp(context);
    }

    public static async Task<IResult> ActOnCase(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, string id, string action,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [FromHeader(Name = "If-Match")] string? ifMatch)
    {
        if (!CaseIds.LooksLikeCaseId(id))
        {
            return Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("id", "case.notFound", $"No case '{id}'.", ("id", id))]);
        }

        var (expectedVersion, badVersion) = ParseIfMatch(ifMatch);
        if (badVersion is not null)
        {
            return badVersion;
        }

        var (input, problem) = await ActionBody.ReadAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        CaseTracing.TagCurrentRequest(id);

        var command = new CaseActionCommand
        {
            Action = action,
            Input = input!,
            StepId = input!.StepId,
            Actor = user.ToActor(),
            IdempotencyKey = idempotencyKey,
            ExpectedVersion = expectedVersion,

            // Asked of the grain, so it builds no view that this answer would drop.
            MinimalAnswer = ReturnPreference.WantsMinimal(context.Request),
        };
        return (await grains.Case(id).ActAsync(command)).ToHttp(context);
    }

    public static async Task<IResult> ListCases(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, [AsParameters] CaseListRequest request)
    {
        var actor = user.ToActor();
        var page = 1;
        if (!string.IsNullOrEmpty(request.Page)
            && (!int.TryParse(request.Page, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page is < 1 or > MaxPage))
        {
            return Problems.BadRequest([FieldError.Of("page", "search.pageRange", $"Pages run from 1 to {MaxPage}; narrow the search to reach older cases.", ("max", MaxPage))]);
        }

        var query = new CaseQuery
        {
            Stage = request.Stage,
            Channel = request.Channel,
            Department = request.Department,
            Window = request.Window,
            Text = request.Q,
            Status = request.Status,
            Overdue = request.Overdue ?? false,
        };

        var scope = CaseScope.Resolve(actor, organisation, request.Hall, query);
        if (scope.Refusal is { } refusal)
        {
            return Problems.Result(refusal.Status, refusal.Field, refusal.Detail, code: refusal.Code);
        }

        // The database cuts the page from the rows the scope matches; every row passes the case policy, the rule the
        // case grain reads by, so the list and the case agree.
        var listing = await scope.ReadAsync(grains, actor, (page - 1) * PageSize, PageSize);
        return TypedResults.Ok(new CaseListResponse(listing.Rows, page, PageSize, listing.Total, listing.TotalIsExact));
    }

    private static (long? Version, IResult? Problem) ParseIfMatch(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return (null, null);
        }

        var text = ifMatch.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Problems.BadRequest("If-Match", "If-Match must carry the case version, e.g. \"3\".", "ifMatch.invalid"));
    }
}
