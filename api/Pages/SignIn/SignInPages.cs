using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.SignIn;

/// <summary><c>/login</c>, <c>/logout</c> and the session token the studio's host page asks for.</summary>
public static class SignInPages
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (string? returnUrl, OrganisationDirectory directory) =>
            Page(returnUrl, username: null, failed: false, directory)).ExcludeFromDescription();
        endpoints.MapPost("/login", SignInAsync).ExcludeFromDescription();
        endpoints.MapPost("/logout", (HttpContext context) =>
        {
            WebSession.SignOut(context);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();

        endpoints.MapGet("/api/auth/session-token", SessionToken)
            .WithTags("Auth").WithName("GetSessionToken")
            .WithSummary("A fresh bearer token for the user signed in to the web pages (for browser apps such as the studio).")
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization();
        return endpoints;
    }

    private static IResult SignInAsync([FromForm] LoginForm form, HttpContext context, OrganisationDirectory directory, StaffTokenIssuer issuer)
    {
        var username = form.Username?.Trim() ?? "";
        var account = directory.FindStaff(username);
        if (account is null || string.IsNullOrEmpty(form.Password) || !directory.CheckPassword(username, form.Password))
        {
            return Page(form.ReturnUrl, username, failed: true, directory, StatusCodes.Status401Unauthorized);
        }

        var (token, expiresAt) = issuer.Issue(account);
        WebSession.SignIn(context, token, expiresAt);
        return Results.LocalRedirect(LocalUrl.IsLocal(form.ReturnUrl) ? form.ReturnUrl! : StartPage(account.Role));
    }

    private static IResult SessionToken(HttpContext context, OrganisationDirectory directory, StaffTokenIssuer issuer)
    {
        var account = directory.FindStaff(context.User.FindFirst(StaffClaims.Subject)?.Value ?? "");
        if (account is null)
        {
            return Http.Problems.Result(StatusCodes.Status401Unauthorized, "Authorization", "The signed-in user is no longer in the staff directory.");
        }

        var (token, expiresAt) = issuer.Issue(account);
        return TypedResults.Ok(new TokenResponse(token, expiresAt, account.Username, account.DisplayName, account.Role));
    }

    private static string StartPage(string role) => role switch
    {
        StaffRoles.Designer => "/studio/",
        StaffRoles.Manager => "/stats",
        _ => "/board",
    };

    private static RazorComponentResult<LoginPage> Page(string? returnUrl, string? username, bool failed, OrganisationDirectory directory, int status = 200) =>
        new(new Dictionary<string, object?>
        {
            [nameof(LoginPage.ReturnUrl)] = LocalUrl.IsLocal(returnUrl) ? returnUrl : null,
            [nameof(LoginPage.Username)] = username,
            [nameof(LoginPage.Failed)] = failed,
            [nameof(LoginPage.ShowDemoAccounts)] = directory.IncludesDemoStaff,
        })
        { StatusCode = status };

    public sealed record LoginForm(string? Username, string? Password, string? ReturnUrl);
}
