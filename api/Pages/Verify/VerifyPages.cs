using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Certificates;
using ServiceHall.Grains.Certificates;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Verify;

/// <summary>
/// <c>/verify/{number}</c>: what the QR code on a certificate opens — the public check of
/// <c>GET /api/certificates/{number}/verify</c> for a person; <c>/verify</c> asks for a number or a file.
/// </summary>
public static class VerifyPages
{
    public static IEndpointRouteBuilder MapVerifyPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/verify", (string? number) => string.IsNullOrWhiteSpace(number)
                ? (IResult)new RazorComponentResult<VerifyPage>()
                : Results.LocalRedirect("/verify/" + Uri.EscapeDataString(number.Trim())))
            .ExcludeFromDescription();
        endpoints.MapGet("/verify/{number}", GetVerifyPage).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> GetVerifyPage(IGrainFactory grains, OrganisationDirectory organisation, string number)
    {
        CertificateCheckResponse? check = null;
        if (ICertificateGrain.LooksLikeNumber(number) && await CertificatesApi.VerifyNumber(grains, organisation, number) is Ok<CertificateCheckResponse> ok)
        {
            check = ok.Value;
        }

        return new RazorComponentResult<VerifyPage>(new Dictionary<string, object?>
        {
            [nameof(VerifyPage.Number)] = number,
            [nameof(VerifyPage.Check)] = check ?? new CertificateCheckResponse(number, CertificateStatuses.Unknown),
        });
    }
}
