using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace ServiceHall.Api.Documents;

/// <summary>
/// The base of the public URLs printed on documents. A hall behind a reverse proxy sets
/// <c>ServiceHall:PublicBaseUrl</c>, since the address the server sees is not the one an applicant's phone can open;
/// without it the request's own scheme and host are used.
/// </summary>
public static class PublicLinks
{
    public const string SettingName = "ServiceHall:PublicBaseUrl";

    public static string BaseUrl(HttpContext context)
    {
        var configured = context.RequestServices.GetService(typeof(IConfiguration)) is IConfiguration configuration
            ? configuration[SettingName]
            : null;
        var request = context.Request;
        return (string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.Trim()).TrimEnd('/');
    }
}
