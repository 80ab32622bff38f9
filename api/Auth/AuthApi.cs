using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Auth;

/// <summary><c>POST /api/auth/token</c>: staff sign-in against the staff directory; <c>POST /api/auth/sign-out</c>.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth/token", CreateToken)
            .WithName("CreateToken")
            .WithSummary("Sign in: exchange a staff username and password for a bearer token.")
            .WithTags("Auth")
            .Accepts<TokenRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        endpoints.MapPost("/api/auth/sign-out", SignOut)
            .WithName("SignOut")
            .WithSummary("End the session of this bearer token: it and every token renewed from it are refused from now on.")
            .WithTags("Auth")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization();
        return endpoints;
    }

    /// <summary>Longest username looked at; anything longer is no account, and must not become a storage key.</summary>
    public const int MaxUsernameLength = 128;

    public static async Task<IResult> CreateToken(HttpRequest request, StaffSignIn signIn, StaffTokenIssuer issuer)
    {
        var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        // Every missing or overlong value at once, so a sign-in form marks both boxes in one go.
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body!.Username))
        {
            errors.Add(FieldError.Of("username", ErrorCodes.AuthUsernameRequired, "A username is required."));
        }
        else if (body.Username.Length > MaxUsernameLength)
        {
            errors.Add(FieldError.Of("username", ErrorCodes.AuthUsernameTooLong, $"A username has at most {MaxUsernameLength} characters.", ("max", MaxUsernameLength)));
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors.Add(FieldError.Of("password", ErrorCodes.AuthPasswordRequired, "A password is required."));
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        var outcome = await signIn.CheckAsync(request.HttpContext, body.Username!, body.Password!);
        if (outcome.RetryAfter is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = StaffSignIn.RetryAfter(wait);
            return Problems.Result(StatusCodes.Status429TooManyRequests, FieldError.Of("password", ErrorCodes.AuthThrottled,
                "Too many failed sign-ins for this username or from this address; try again later."));
        }

        if (outcome.Account is not { } account)
        {
            // One answer for unknown users and wrong passwords, so sign-in does not reveal who works here.
            return Problems.Result(StatusCodes.Status401Unauthorized, FieldError.Of("password", ErrorCodes.AuthBadCredentials, "Unknown username or wrong password."));
        }

        var (token, expiresAt) = issuer.Issue(account);
        return TypedResults.Ok(new TokenResponse(token, expiresAt, account.Username, account.DisplayName, account.Role));
    }

    public static async Task<IResult> SignOut(HttpContext context, StaffSessions sessions)
    {
        if (context.User.Session() is { } session)
        {
            await sessions.RevokeAsync(session);
        }

        return TypedResults.NoContent();
    }
}

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string Username, string DisplayName, string Role);
