using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Api.Applications;

/// <summary>
/// <c>/api/applications</c>: an applicant's own online submission (全流程网办), no staff account. Identity is the
/// phone, proven by a code sent through the SMS gateway; scans go to the document store, the case to its grain.
/// </summary>
public static partial class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder endpoints)
    {
        var applications = endpoints.MapGroup("/api/applications").WithTags("Applicant").AllowAnonymous();
        applications.MapPost("/verification-codes", SendVerificationCode)
            .WithName("SendVerificationCode").WithSummary("Text a six-digit code to the applicant's phone (rate-limited).")
            .Accepts<VerificationCodeRequest>("application/json")
            .Produces<VerificationCodeResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        applications.MapPost("/", SubmitApplication)
            .WithName("SubmitApplication")
            .WithSummary("Submit an online application: multipart with 'application' (JSON), 'verificationCode', and one scan per material (field name = material code).")
            .Accepts<OnlineApplicationRequest>("multipart/form-data")
            .Produces<CreatedCaseResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    public static async Task<IResult> SendVerificationCode(HttpContext context, IGrainFactory grains)
    {
        var (request, problem) = await JsonBody.ReadAsync<VerificationCodeRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!IsMobile(request!.Phone))
        {
            return Problems.BadRequest("phone", "Not a mainland mobile number (11 digits starting with 1).");
        }

        var answer = await grains.GetGrain<IPhoneVerificationGrain>(request.Phone!).SendCodeAsync();
        return answer.Outcome == VerificationOutcome.Sent
            ? TypedResults.Accepted((string?)null, new VerificationCodeResponse(request.Phone!, Seconds(answer.RetryAfter), answer.AttemptsLeft))
            : TooMany(context, answer, "phone", "Too many codes for this phone; wait before asking again.");
    }

    public static async Task<IResult> SubmitApplication(
        HttpContext context, IGrainFactory grains, IDocumentStore documents, OrganisationDirectory organisation,
        IOptions<UploadOptions> limits, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > 200 })
        {
            return Problems.BadRequest("Idempotency-Key", "An Idempotency-Key is at most 200 characters.");
        }

        var (form, formProblem) = await UploadReader.ReadFormAsync(context, limits.Value);
        if (formProblem is not null)
        {
            return formProblem;
        }

        var (request, requestProblem) = ParseApplication(form!);
        if (requestProblem is not null)
        {
            return requestProblem;
        }

        var phone = request!.Applicant!.Phone!;
        var actor = new CaseActor("online:" + phone, Roles.Applicant);
        var caseId = idempotencyKey is null ? CaseIds.NewCaseId() : CaseIds.ForIdempotentOpen(actor.Id, idempotencyKey);
        var caseGrain = grains.GetGrain<ICaseGrain>(caseId);
        if (idempotencyKey is not null && await caseGrain.ReplayOpenAsync(idempotencyKey) is { Succeeded: true } replayed)
        {
            // A retry of an application already made: its code is used up, and the scans were stored the first time.
            return replayed.ToHttp(context, Created);
        }

        var (scans, scanProblem) = await UploadReader.CheckAsync(form!, limits.Value);
        if (scanProblem is not null)
        {
            return scanProblem;
        }

        var verification = grains.GetGrain<IPhoneVerificationGrain>(phone);
        var code = form!["verificationCode"].ToString().Trim();
        var check = await verification.CheckAsync(code);
        if (check.Outcome == VerificationOutcome.TooMany)
        {
            return TooMany(context, check, "verificationCode", "Too many wrong codes; wait, then ask for a new code.");
        }

        if (check.Outcome != VerificationOutcome.Verified)
        {
            return Problems.Result(StatusCodes.Status401Unauthorized, "verificationCode",
                code.Length == 0 ? "The verification code sent to your phone is required."
                    : $"Wrong or expired verification code; {check.AttemptsLeft} tries left.");
        }

        var uploads = await UploadReader.StoreAsync(documents, caseId, scans, context.RequestAborted);
        var command = ToCommand(request, actor, organisation, uploads, idempotencyKey);
        var result = await caseGrain.OpenAsync(command);
        if (!result.Succeeded)
        {
            await UploadReader.DiscardAsync(documents, uploads);
            return result.ToHttp(context);
        }

        await verification.ConsumeAsync();
        return result.ToHttp(context, Created);
    }

    private static IResult Created(CaseView view) => TypedResults.Created(
        $"/api/track/{view.TrackingCode}", new CreatedCaseResponse(view.Id, view.Number, view.TrackingCode!, view));

    private static (OnlineApplicationRequest? Request, IResult? Problem) ParseApplication(IFormCollection form)
    {
        var json = form["application"].ToString();
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, Problems.BadRequest("application", "The 'application' form field (JSON) is required."));
        }

        OnlineApplicationRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<OnlineApplicationRequest>(json, JsonBody.Options);
        }
        catch (JsonException exception)
        {
            var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "application" : "application." + exception.Path.TrimStart('$', '.');
            return (null, Problems.BadRequest(path, $"Malformed application: {exception.Message}"));
        }

        if (request?.Applicant is null)
        {
            return (null, Problems.BadRequest("applicant", "'applicant' is required."));
        }

        if (!IsMobile(request.Applicant.Phone))
        {
            return (null, Problems.BadRequest("applicant.phone", "Not a mainland mobile number (11 digits starting with 1)."));
        }

        for (var i = 0; i < (request.Materials?.Count ?? 0); i++)
        {
            if (request.Materials![i] is not { Form: "e-licence" })
            {
                return (null, Problems.BadRequest($"materials[{i}].form",
                    "Online, materials are uploaded as scans; 'materials' only names an electronic licence (form 'e-licence')."));
            }
        }

        return (request, null);
    }

    private static OpenCaseCommand ToCommand(
        OnlineApplicationRequest request, CaseActor actor, OrganisationDirectory organisation,
        IReadOnlyList<UploadedMaterial> uploads, string? idempotencyKey)
    {
        var materials = uploads.Select(u => new SubmittedMaterial { Code = u.MaterialCode, Form = "electronic" })
            .Concat((request.Materials ?? []).Select(m => new SubmittedMaterial { Code = m.Code ?? "", Form = "e-licence", ELicenceNumber = m.ELicenceNumber }))
            .ToList();
        return new OpenCaseCommand
        {
            ServiceItemCode = request.ServiceItemCode ?? "",
            Channel = "online",
            // Online applications are accepted by a hall's back office; the first configured hall unless one is chosen.
            Hall = request.Hall ?? organisation.Halls[0].Code,
            Applicant = new ApplicantDetails
            {
                Name = request.Applicant!.Name ?? "",
                IdNumber = request.Applicant.IdNumber ?? "",
                Phone = request.Applicant.Phone ?? "",
                Organization = request.Applicant.Organization,
            },
            Materials = materials,
            Delivery = request.Delivery is null ? null : new DeliveryChoice
            {
                Method = request.Delivery.Method ?? "",
                Hall = request.Delivery.Hall,
                Address = request.Delivery.Address,
            },
            Actor = actor,
            IdempotencyKey = idempotencyKey,
            Uploads = uploads,
        };
    }

    private static IResult TooMany(HttpContext context, VerificationAnswer answer, string field, string detail)
    {
        var seconds = Seconds(answer.RetryAfter);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(StatusCodes.Status429TooManyRequests, field, $"{detail} Retry after {seconds} s.");
    }

    private static int Seconds(TimeSpan? span) => span is { } s ? Math.Max(1, (int)Math.Ceiling(s.TotalSeconds)) : 0;

    private static bool IsMobile(string? phone) => phone is not null && Mobile().IsMatch(phone);

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();
}
