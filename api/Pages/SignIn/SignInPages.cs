using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages.SignIn;

/// <summary><c>/login</c>, <c>/logout</c> and the session token the studio's host page asks for.</summary>
public static class SignInPages
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (string? returnUrl, OrganisationDirectory directory) =>
            Page(returnUrl, username: null, failed: false, directory)).ExcludeFromDescription();
        endpoints.MapPost("/login", SignInAsync).ExcludeFromDescription();
        endpoints.MapPost("/logout", SignOutAsync).ExcludeFromDescription();

        endpoints.MapGet("/api/auth/session-token", SessionToken)
            .WithTags("Auth").WithName("GetSessionToken")
            .WithSummary("A fresh bearer token for the session signed in to the web pages (for browser apps such as the studio); only the session cookie renews, never a bearer token, and never past the session's lifetime.")
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] LoginForm form, HttpContext context, OrganisationDirectory directory, StaffSignIn signIn, StaffTokenIssuer issuer,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock)
    {
        var username = form.Username?.Trim() ?? "";
        if (username.Length is 0 or > AuthApi.MaxUsernameLength || string.IsNullOrEmpty(form.Password))
        {
            return Page(form.ReturnUrl, username, failed: true, directory, StatusCodes.Status401Unauthorized);
        }

        var outcome = await signIn.CheckAsync(context, username, form.Password);
        if (outcome.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = StaffSignIn.RetryAfter(wait);
            return Page(form.ReturnUrl, username, failed: true, directory, StatusCodes.Status429TooManyRequests, throttled: true);
        }

        if (outcome.Account is not { } account)
        {
            return Page(form.ReturnUrl, username, failed: true, directory, StatusCodes.Status401Unauthorized);
        }

        var (token, expiresAt) = issuer.IssueForWebSession(account);
        WebSession.SignIn(context, token, expiresAt - clock.GetUtcNow());
        return Results.LocalRedirect(LocalUrl.IsLocal(form.ReturnUrl) ? form.ReturnUrl! : StartPage(account.Role));
    }

    /// <summary>Ends the cookie's session on every silo (not just this browser's copy of it), then drops the cookie.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, StaffSessions sessions)
    {
        // A plain form post carries no request header, so the bearer handler did not read the cookie: check it here.
        if (await WebSession.ValidatedSessionAsync(context) is { } session)
        {
            await sessions.RevokeAsync(session);
        }

        WebSession.SignOut(context);
        return Results.LocalRedirect("/");
    }

    private static IResult SessionToken(HttpContext context, OrganisationDirectory directory, StaffTokenIssuer issuer)
    {
        // Renewal is what keeps a browser app signed in; a bearer token must not be able to mint its own successor,
        // or one stolen token would last for ever.
        if (!WebSession.AuthenticatedByCookie(context.Request))
        {
            return Http.Problems.Result(StatusCodes.Status401Unauthorized, FieldError.Of("Authorization", ErrorCodes.SessionRenewByCookieOnly,
                "Only the signed-in web session renews a token; sign in again with POST /api/auth/token."));
        }

        var account = directory.FindStaff(context.User.FindFirst(StaffClaims.Subject)?.Value ?? "");
        if (account is null || context.User.Session() is not { } session)
        {
            return Http.Problems.Result(StatusCodes.Status401Unauthorized, FieldError.Of("Authorization", ErrorCodes.SessionStaffGone, "The signed-in user is no longer in the staff directory."));
        }

        var (token, expiresAt) = issuer.Renew(account, session);
        return TypedResults.Ok(new TokenResponse(token, expiresAt, account.Username, account.DisplayName, account.Role));
    }

    private static string StartPage(string role) => role switch
    {
        StaffRoles.Designer => "/studio/",
        StaffRoles.Manager => "/stats",
        _ => "/board",
    };

    private static RazorComponentResult<LoginPage> Page(
        string? returnUrl, string? username, bool failed, OrganisationDirectory directory, int status = 200, bool throttled = false) =>
        new(new Dictionary<string, object?>
        {
            [nameof(LoginPage.Throttled)] = throttled,
            [nameof(LoginPage.ReturnUrl)] = LocalUrl.IsLocal(returnUrl) ? returnUrl : null,
            [nameof(LoginPage.Username)] = username,
            [nameof(LoginPage.Failed)] = failed,
            [nameof(LoginPage.ShowDemoAccounts)] = directory.IncludesDemoStaff,
        })
        { StatusCode = status };

    public sealed record LoginForm(string? Username, string? Password, string? ReturnUrl);
}
