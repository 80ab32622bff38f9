using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
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
        var applications = endpoints.MapGroup("/api/applications").WithTags("Applicant").AllowAnonymous()
            .RequireRateLimiting(ApplicantRateLimitOptions.PolicyName);
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
            return Problems.BadRequest(FieldError.Of("phone", ErrorCodes.PhoneInvalid, "Not a mainland mobile number (11 digits starting with 1)."));
        }

        var answer = await grains.GetGrain<IPhoneVerificationGrain>(request.Phone!).SendCodeAsync();
        return answer.Outcome == VerificationOutcome.Sent
            ? TypedResults.Accepted((string?)null, new VerificationCodeResponse(request.Phone!, PhoneProof.Seconds(answer.RetryAfter), answer.AttemptsLeft))
            : PhoneProof.TooMany(context, answer, "phone", ErrorCodes.VerificationTooManyCodes, "Too many codes for this phone; wait before asking again.");
    }

    public static async Task<IResult> SubmitApplication(
        HttpContext context, IGrainFactory grains, IDocumentStore documents, OrganisationDirectory organisation,
        IOptions<UploadOptions> limits, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > 200 })
        {
            return Problems.BadRequest(FieldError.Of("Idempotency-Key", ErrorCodes.FieldTooLong, "An Idempotency-Key is at most 200 characters.", ("max", 200)));
        }

        // The code is checked and reserved before any scan is read: an anonymous caller without a valid code makes the
        // server buffer nothing but the text fields. The claim binds the code to this submission (its key, when it has one).
        var claim = idempotencyKey ?? "request:" + Guid.NewGuid().ToString("N");
        OnlineApplicationRequest? request = null;
        IPhoneVerificationGrain? verification = null;
        var (form, formProblem) = await UploadReader.ReadFormAsync(context, limits.Value, async fields =>
        {
            var (parsed, problem) = ParseApplication(fields, organisation);
            if (problem is not null)
            {
                return problem;
            }

            var (proof, proofProblem) = await PhoneProof.ReserveAsync(context, grains, parsed!.Applicant!.Phone!, fields[PhoneProof.Field].ToString(), claim);
            if (proofProblem is not null)
            {
                return proofProblem;
            }

            (request, verification) = (parsed, proof);
            return null;
        });
        if (formProblem is not null)
        {
            await PhoneProof.ReleaseAsync(verification, claim);
            return formProblem;
        }

        var actor = new CaseActor("online:" + request!.Applicant!.Phone!, Roles.Applicant);
        var caseId = idempotencyKey is null ? CaseIds.NewCaseId() : CaseIds.ForIdempotentOpen(actor.Id, idempotencyKey);
        var caseGrain = grains.GetGrain<ICaseGrain>(caseId);
        if (idempotencyKey is not null && await caseGrain.ReplayOpenAsync(idempotencyKey) is { Succeeded: true } replayed)
        {
            // A retry of an application already made, proved by the same code: the scans were stored the first time.
            // Consuming again covers a first attempt that opened the case but died before using the code up.
            await verification!.ConsumeAsync(claim);
            return replayed.ToHttp(context, Created);
        }

        var (scans, scanProblem) = await UploadReader.CheckAsync(form!, limits.Value);
        if (scanProblem is not null)
        {
            await PhoneProof.ReleaseAsync(verification, claim);
            return scanProblem;
        }

        List<UploadedMaterial> uploads = [];
        CaseResult? result = null;
        try
        {
            uploads = await UploadReader.StoreAsync(documents, caseId, scans, context.RequestAborted);
            result = await caseGrain.OpenAsync(ToCommand(request, actor, organisation, uploads, idempotencyKey));
        }
        finally
        {
            // Refused, failed, or a concurrent retry the case had already opened with the first request's scans:
            // nothing references this request's scans, so they must not stay in the store.
            if (result is not { Succeeded: true, Replayed: false })
            {
                await UploadReader.DiscardAsync(documents, uploads);
            }

            if (result is { Succeeded: true })
            {
                await verification!.ConsumeAsync(claim);
            }
            else
            {
                await PhoneProof.ReleaseAsync(verification, claim);
            }
        }

        return result.ToHttp(context, Created);
    }

    private static IResult Created(CaseView view) => TypedResults.Created(
        $"/api/track/{view.TrackingCode}", new CreatedCaseResponse(view.Id, view.Number, view.TrackingCode!, view));

    private static (OnlineApplicationRequest? Request, IResult? Problem) ParseApplication(IFormCollection form, OrganisationDirectory organisation)
    {
        var json = form["application"].ToString();
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, Problems.BadRequest(FieldError.Of("application", ErrorCodes.FieldRequired, "The 'application' form field (JSON) is required.")));
        }

        OnlineApplicationRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<OnlineApplicationRequest>(json, JsonBody.Options);
        }
        catch (JsonException exception)
        {
            // The serializer's own text names .NET types; the code says what the applicant can act on.
            return (null, Problems.BadRequest(string.IsNullOrEmpty(exception.Path) || exception.Path == "$"
                ? FieldError.Of("application", ErrorCodes.ApplicationMalformed, "The application form field is not a JSON object of an application.")
                : FieldError.Of("application." + exception.Path.TrimStart('$', '.'), ErrorCodes.FieldWrongType, "has the wrong type or value.")));
        }

        if (request?.Applicant is null)
        {
            return (null, Problems.BadRequest(FieldError.Of("applicant", ErrorCodes.FieldRequired, "'applicant' is required.")));
        }

        var onlyELicences = new List<FieldError>();
        for (var i = 0; i < (request.Materials?.Count ?? 0); i++)
        {
            if (request.Materials![i] is not { Form: "e-licence" })
            {
                onlyELicences.Add(FieldError.Of($"materials[{i}].form", ErrorCodes.MaterialOnlyELicence,
                    "Online, materials are uploaded as scans; 'materials' only names an electronic licence (form 'e-licence')."));
            }
        }

        if (onlyELicences.Count > 0)
        {
            return (null, Problems.BadRequest(onlyELicences));
        }

        // Every field the case would refuse, and a missing code, in one answer: the applicant corrects the form once.
        var preview = ToCommand(request, new CaseActor("online:preview", Roles.Applicant), organisation, [], null);
        var errors = CaseOpeningRules.Check(preview).ToList();
        if (string.IsNullOrWhiteSpace(form[PhoneProof.Field].ToString()))
        {
            errors.Add(PhoneProof.Missing);
        }

        return errors switch
        {
            [] => (request, null),
            // A missing code alone is the 401 it always was (no try spent).
            [{ Field: PhoneProof.Field }] => (null, Problems.Result(StatusCodes.Status401Unauthorized, errors)),
            _ => (null, Problems.BadRequest(errors)),
        };
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
            Applicant = request.Applicant!.ToDetails(),
            Materials = materials,
            Delivery = request.Delivery.ToChoice(),
            Actor = actor,
            IdempotencyKey = idempotencyKey,
            Uploads = uploads,
        };
    }

    internal static bool IsMobile(string? phone) => phone is not null && Mobile().IsMatch(phone);

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();
}
