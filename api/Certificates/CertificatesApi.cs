using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Certificates;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceHall.Api.Certificates;

/// <summary>
/// <c>/api/certificates</c>: anyone may check a certificate number or an electronic certificate file; admins revoke
/// certificates and import electronic business licences; applicants and staff download the signed electronic version.
/// </summary>
public static class CertificatesApi
{
    // An admin's bulk import of licence numbers is a list, larger than a JSON command.
    private const long MaxLicenceImportBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder endpoints)
    {
        var certificates = endpoints.MapGroup("/api/certificates").WithTags("Certificates");
        certificates.MapGet("/{number}/verify", VerifyNumber).AllowAnonymous()
            .WithName("VerifyCertificate").WithSummary("Public: is this certificate valid, revoked or unknown; with holder and item.")
            .Produces<CertificateCheckResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        certificates.MapPost("/verify", VerifyDocument).AllowAnonymous()
            .WithName("VerifyElectronicCertificate")
            .WithSummary("Public: check an electronic certificate file (JSON body, or multipart field 'certificate'): signature, then the register.")
            .Accepts<object>("application/json", "multipart/form-data")
            .Produces<CertificateCheckResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        certificates.MapGet("/signing-key", GetSigningKey).AllowAnonymous()
            .WithName("GetCertificateSigningKey").WithSummary("The hall's public key (PEM) electronic certificates are signed with.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file").ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        certificates.MapPost("/{number}/revoke", Revoke).RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName("RevokeCertificate").WithSummary("Revoke a certificate (admin); the public check answers 'revoked' from then on.")
            .Produces<CertificateCheckResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        certificates.MapPost("/e-licences", ImportLicences).RequireAuthorization(AuthExtensions.AdminPolicy).WithBodySizeLimit(MaxLicenceImportBytes)
            .WithName("ImportELicences").WithSummary("Import electronic business licences into the register (admin).")
            .Produces<ImportLicencesResponse>().ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/api/track/{trackingCode}/certificates/{number}/electronic", GetApplicantCertificate)
            .WithTags("Applicant").AllowAnonymous()
            .WithName("GetApplicantElectronicCertificate").WithSummary("The applicant's signed electronic certificate.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/cases/{id}/certificates/{number}/electronic", GetStaffCertificate)
            .WithTags("Cases").RequireAuthorization()
            .WithName("GetElectronicCertificate").WithSummary("A case's signed electronic certificate (staff).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<IResult> VerifyNumber(IGrainFactory grains, OrganisationDirectory organisation, string number)
    {
        if (!ICertificateGrain.LooksLikeNumber(number))
        {
            return Problems.BadRequest(FieldError.Of("number", ErrorCodes.CertificateNumberFormat, "A certificate number has letters, digits and dashes only."));
        }

        var record = await grains.GetGrain<ICertificateGrain>(ICertificateGrain.Key(number)).GetAsync();
        return TypedResults.Ok(Describe(ICertificateGrain.Key(number), record, organisation, signatureValid: null));
    }

    public static async Task<IResult> VerifyDocument(HttpContext context, IGrainFactory grains, OrganisationDirectory organisation, CertificateSigner signer)
    {
        var (document, problem) = await ReadCertificateFileAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var claimed = (document!["certificate"] as JsonObject)?["number"]?.ToString() ?? "";
        var signed = ElectronicCertificate.Open(document, signer);
        if (signed?["number"]?.ToString() is not { } number || !ICertificateGrain.LooksLikeNumber(number))
        {
            // Nothing of a file whose signature fails is repeated back as if the hall had said it.
            return TypedResults.Ok(new CertificateCheckResponse(claimed, CertificateStatuses.Invalid, SignatureValid: false));
        }

        var record = await grains.GetGrain<ICertificateGrain>(ICertificateGrain.Key(number)).GetAsync();
        return TypedResults.Ok(Describe(ICertificateGrain.Key(number), record, organisation, signatureValid: true));
    }

    public static IResult GetSigningKey(HttpContext context, CertificateSigner signer)
    {
        if (!signer.CanSign)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, FieldError.Of("ServiceHall:Certificates:SigningKey", ErrorCodes.CertificateSigningKeyMissing, "No certificate-signing key is configured."));
        }

        context.Response.Headers["X-Key-Id"] = signer.KeyId;
        return TypedResults.Text(signer.PublicKeyPem!, "application/x-pem-file");
    }

    public static async Task<IResult> Revoke(HttpContext context, ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string number)
    {
        var (request, problem) = await JsonBody.ReadAsync<RevokeCertificateRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request!.Reason))
        {
            errors.Add(FieldError.Of("reason", ErrorCodes.FieldRequired, "A reason (at most 500 characters) is required."));
        }
        else if (request.Reason.Length > 500)
        {
            errors.Add(FieldError.Of("reason", ErrorCodes.FieldTooLong, "A reason has at most 500 characters.", ("max", 500)));
        }

        if (!ICertificateGrain.LooksLikeNumber(number))
        {
            errors.Add(FieldError.Of("number", ErrorCodes.CertificateNumberFormat, "A certificate number has letters, digits and dashes only."));
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        var revoked = await grains.GetGrain<ICertificateGrain>(ICertificateGrain.Key(number)).RevokeAsync(request.Reason!.Trim(), user.ToActor().Id);
        return revoked is null
            ? Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("number", ErrorCodes.CertificateNotFound, $"No certificate '{number}' in the register.", ("number", number)))
            : TypedResults.Ok(Describe(revoked.Number, revoked, organisation, signatureValid: null));
    }

    public static async Task<IResult> ImportLicences(
        HttpContext context, IGrainFactory grains, [FromKeyedServices(ServiceHallClock.Key)] TimeProvider time)
    {
        var (request, problem) = await JsonBody.ReadAsync<ImportLicencesRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var licences = request!.Licences ?? [];
        if (licences.Count is 0 or > 1000)
        {
            return Problems.BadRequest(FieldError.Of("licences", ErrorCodes.LicenceCountRange, "Import between 1 and 1000 licences at a time.", ("max", 1000)));
        }

        // Every bad row at once, so a clerk fixes the file in one pass; nothing is imported while any is refused.
        var errors = new List<FieldError>();
        for (var i = 0; i < licences.Count; i++)
        {
            if (licences[i] is null)
            {
                errors.Add(FieldError.Of($"licences[{i}]", ErrorCodes.FieldRequired, "A licence is required."));
                continue;
            }

            if (!ICertificateGrain.LooksLikeNumber(licences[i].Number))
            {
                errors.Add(FieldError.Of($"licences[{i}].number", ErrorCodes.LicenceNumberFormat, "A licence number has letters, digits and dashes only (at most 64)."));
            }

            if (string.IsNullOrWhiteSpace(licences[i].Holder) || licences[i].Holder!.Length > 200)
            {
                errors.Add(FieldError.Of($"licences[{i}].holder", ErrorCodes.LicenceHolderRequired, "The holder's name is required (at most 200 characters)."));
            }

            if (!CreditCode.LooksValid(licences[i].HolderCode ?? licences[i].Number))
            {
                errors.Add(FieldError.Of($"licences[{i}].holderCode", ErrorCodes.LicenceHolderCodeRequired,
                    "The holder's unified social credit code (18 characters) is required when the number is not that code."));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        var imported = 0;
        foreach (var licence in licences)
        {
            var entry = grains.GetGrain<ICertificateGrain>(ICertificateGrain.Key(licence.Number!));
            if (await entry.GetAsync() is not null)
            {
                continue;
            }

            var added = await entry.RegisterAsync(new CertificateRecord
            {
                Number = ICertificateGrain.Key(licence.Number!),
                Holder = licence.Holder!.Trim(),
                ServiceItemCode = "business-licence",
                ServiceItemNameZh = "营业执照",
                ServiceItemNameEn = "Business licence",
                Form = "electronic",
                IssuedAt = licence.IssuedAt ?? time.GetUtcNow(),
                Source = "imported",
                IsBusinessLicence = true,
                HolderCode = (licence.HolderCode ?? licence.Number!).Trim().ToUpperInvariant(),
            });
            imported += added ? 1 : 0;
        }

        // Importing is naturally idempotent: a number already in the register is left as it is.
        return TypedResults.Ok(new ImportLicencesResponse(imported, licences.Count - imported));
    }

    public static async Task<IResult> GetApplicantCertificate(
        HttpContext context, IGrainFactory grains, OrganisationDirectory organisation, CertificateSigner signer, string trackingCode, string number)
    {
        var code = trackingCode.ToUpperInvariant();
        var caseId = CaseIds.LooksLikeTrackingCode(code)
            ? await grains.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync()
            : null;
        var result = caseId is null ? null : await grains.GetGrain<ICaseGrain>(caseId).TrackAsync(code);
        return await ServeAsync(context, grains, organisation, signer, result, number);
    }

    public static async Task<IResult> GetStaffCertificate(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, CertificateSigner signer, string id, string number)
    {
        var result = CaseIds.LooksLikeCaseId(id) ? await grains.GetGrain<ICaseGrain>(id).GetAsync(user.ToActor()) : null;
        if (result is { Outcome: CaseOutcome.Forbidden })
        {
            return Problems.Result(StatusCodes.Status403Forbidden, CommonRefusals.OutOfScope);
        }

        return await ServeAsync(context, grains, organisation, signer, result, number);
    }

    private static async Task<IResult> ServeAsync(
        HttpContext context, IGrainFactory grains, OrganisationDirectory organisation, CertificateSigner signer, CaseResult? result, string number)
    {
        var key = ICertificateGrain.LooksLikeNumber(number) ? ICertificateGrain.Key(number) : "";
        if (result is not { Succeeded: true } || result.Case!.Certificates.All(c => c.Number != key))
        {
            return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("number", ErrorCodes.CertificateCaseHasNone, "This case has no certificate with that number."));
        }

        if (!signer.CanSign)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, FieldError.Of("ServiceHall:Certificates:SigningKey", ErrorCodes.CertificateSigningKeyMissing, "No certificate-signing key is configured."));
        }

        var record = await grains.GetGrain<ICertificateGrain>(key).GetAsync();
        if (record is null)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, FieldError.Of("number", ErrorCodes.CertificateRegistering, "The certificate is being entered in the register; try again in a moment."));
        }

        if (record.CaseId != result.Case!.Id)
        {
            // The register holds this number for another case (or an import): signing it would vouch for the wrong entry.
            return Problems.Result(StatusCodes.Status409Conflict, FieldError.Of("number", ErrorCodes.CertificateNumberOfOtherCase, "The register holds this certificate number for another case."));
        }

        var signed = ElectronicCertificate.Sign(ElectronicCertificate.Payload(record, organisation.FindHall(record.Hall ?? "")?.NameZh), signer);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{record.Number}.json");
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Text(signed.ToJsonString(), "application/json");
    }

    private static CertificateCheckResponse Describe(string number, CertificateRecord? record, OrganisationDirectory organisation, bool? signatureValid) =>
        record is null
            ? new CertificateCheckResponse(number, CertificateStatuses.Unknown, SignatureValid: signatureValid)
            : new CertificateCheckResponse(
                record.Number, record.Status, record.Holder,
                new ServiceItemRef(record.ServiceItemCode, record.ServiceItemNameZh, record.ServiceItemNameEn),
                record.Form, record.Hall is null ? null : organisation.FindHall(record.Hall)?.NameZh ?? record.Hall,
                record.IssuedAt, record.RevokedAt, record.RevocationReason, record.IsBusinessLicence, signatureValid);

    // A certificate file is a few KB; the public endpoint must not let anyone make the server read more.
    private const long MaxVerifyBodyBytes = 1024 * 1024;

    private static async Task<(JsonObject? Document, IResult? Problem)> ReadCertificateFileAsync(HttpRequest request)
    {
        if (!await RequestBodyLimit.ApplyAsync(request.HttpContext, MaxVerifyBodyBytes))
        {
            return (null, CertificateTooLarge());
        }

        if (!request.HasFormContentType)
        {
            try
            {
                var (body, problem) = await JsonBody.ReadObjectAsync(request);
                return (problem is null ? body : null, problem);
            }
            catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, CertificateTooLarge());
            }
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxVerifyBodyBytes }, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, CertificateTooLarge());
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problems.BadRequest(FieldError.Of("certificate", ErrorCodes.CertificateMalformedUpload, $"Malformed multipart body; attach the certificate file as 'certificate'. ({exception.Message})")));
        }

        if (form.Files.GetFile("certificate") is not { Length: > 0 and <= 256 * 1024 } file)
        {
            return (null, Problems.BadRequest(FieldError.Of("certificate", ErrorCodes.CertificateFileMissing, "Attach the electronic certificate file (JSON, at most 256 KB) as 'certificate'.")));
        }

        try
        {
            await using var stream = file.OpenReadStream();
            return await JsonNode.ParseAsync(stream) is JsonObject parsed
                ? (parsed, null)
                : (null, Problems.BadRequest(FieldError.Of("certificate", ErrorCodes.CertificateNotACertificate, "The file is not an electronic certificate (a JSON object).")));
        }
        catch (JsonException)
        {
            return (null, Problems.BadRequest(FieldError.Of("certificate", ErrorCodes.CertificateNotACertificate, "The file is not an electronic certificate (malformed JSON).")));
        }
    }

    private static IResult CertificateTooLarge() =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, FieldError.Of("certificate", ErrorCodes.CertificateCheckTooLarge,
            $"A certificate check sends at most {MaxVerifyBodyBytes} bytes.", ("max", MaxVerifyBodyBytes)));
}
