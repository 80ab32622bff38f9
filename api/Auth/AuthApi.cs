using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Auth;

/// <summary><c>POST /api/auth/token</c>: staff sign-in against the staff directory.</summary>
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
            .AllowAnonymous();
        return endpoints;
    }

    public static async Task<IResult> CreateToken(HttpRequest request, OrganisationDirectory directory, StaffTokenIssuer issuer)
    {
        var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Username))
        {
            return Problems.BadRequest("username", "A username is required.");
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return Problems.BadRequest("password", "A password is required.");
        }

        var account = directory.FindStaff(body.Username);
        if (account is null || !directory.CheckPassword(body.Username, body.Password))
        {
            // One answer for unknown users and wrong passwords, so sign-in does not reveal who works here.
            return Problems.Result(StatusCodes.Status401Unauthorized, "password", "Unknown username or wrong password.");
        }

        var (token, expiresAt) = issuer.Issue(account);
        return TypedResults.Ok(new TokenResponse(token, expiresAt, account.Username, account.DisplayName, account.Role));
    }
}

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string Username, string DisplayName, string Role);
