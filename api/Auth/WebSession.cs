using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ServiceHall.Api.Auth;

/// <summary>
/// The web pages' sign-in: the same staff token the API issues, kept in an HttpOnly, SameSite=Strict cookie so page
/// scripts never hold it. A cookie rides along on every same-origin request, so a state-changing request
/// authenticated by it must also carry <see cref="RequestHeader"/>, which a cross-site form cannot send.
/// </summary>
public static class WebSession
{
    public const string CookieName = "servicehall.session";
    public const string RequestHeader = "X-ServiceHall-Request";

    /// <param name="lifetime">
    /// How long the token is good for. A max-age rather than an end date: the browser measures it on its own clock, while
    /// the token's end is on ServiceHall's (which a test clock may hold far from the browser's).
    /// </param>
    public static void SignIn(HttpContext context, string token, TimeSpan lifetime) =>
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = lifetime,
            IsEssential = true,
        });

    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps });

    /// <summary>The session token for this request, when the cookie may authenticate it.</summary>
    public static string? TokenFor(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        return safe || request.Headers.ContainsKey(RequestHeader) ? token : null;
    }

    /// <summary>True when this request was authenticated by the session cookie rather than a bearer token it carried.</summary>
    public static bool AuthenticatedByCookie(HttpRequest request) =>
        !request.Headers.ContainsKey("Authorization") && !request.Query.ContainsKey("access_token") && TokenFor(request) is not null;

    /// <summary>The cookie's session when its token is genuine (signature, issuer, audience; expiry ignored), else null.</summary>
    public static async Task<StaffSession?> ValidatedSessionAsync(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        parameters.ValidateLifetime = false;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        return result.IsValid ? new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity).Session() : null;
    }
}
