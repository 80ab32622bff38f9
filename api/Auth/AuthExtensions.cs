using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.SignIn;

namespace ServiceHall.Api.Auth;

public static class AuthExtensions
{
    public const string AdminPolicy = "admin";

    /// <summary>JWT bearer for staff; 401 and 403 answer with problem details like every other refusal.</summary>
    public static IServiceCollection AddServiceHallAuth(this IServiceCollection services)
    {
        services.AddOptions<StaffTokenOptions>().BindConfiguration("ServiceHall:Auth");
        services.AddSingleton<StaffTokenIssuer>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<SessionCheckCache>(provider => new SessionCheckCache(provider.GetRequiredService<IGrainFactory>()));
        services.AddSingleton<StaffSignIn>();
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.SectionName);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenSigningKey>((options, key) =>
            {
                options.MapInboundClaims = false;
                // Nothing reads the bearer token back from the ticket; storing it cost every request a properties copy.
                options.SaveToken = false;
                // The same validation, remembered briefly per token (signature and claims are what a request spent most on).
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new CachingJsonWebTokenHandler());
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = StaffTokenOptions.Issuer,
                    ValidAudience = StaffTokenOptions.Audience,
                    IssuerSigningKey = StaffTokenIssuer.SecurityKey(key),
                    NameClaimType = StaffClaims.Subject,
                    RoleClaimType = StaffClaims.Role,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                options.Events = new JwtBearerEvents
                {
                    // SignalR sends the token in the query string, since browsers cannot set headers on WebSockets.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }
                        else if (!context.Request.Headers.ContainsKey("Authorization"))
                        {
                            // The web pages' scripts (and their SignalR connections) ride on the session cookie.
                            context.Token = WebSession.TokenFor(context.Request);
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                        context.HttpContext.RequestServices.GetRequiredService<StaffSessions>().ValidateAsync(context),
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var refusal = context.AuthenticateFailure is null
                            ? FieldError.Of("Authorization", ErrorCodes.AuthTokenRequired, "This endpoint needs a staff bearer token (POST /api/auth/token).")
                            : FieldError.Of("Authorization", ErrorCodes.AuthTokenInvalid, "The bearer token is invalid or expired; sign in again.");
                        await WriteProblemAsync(context.Response, StatusCodes.Status401Unauthorized, refusal);
                    },
                    OnForbidden = context =>
                        WriteProblemAsync(context.Response, StatusCodes.Status403Forbidden,
                            FieldError.Of("role", ErrorCodes.AuthRoleNotAllowed, "Your role may not use this endpoint.")),
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole("admin"));
        return services;
    }

    private static async Task WriteProblemAsync(HttpResponse response, int status, FieldError refusal)
    {
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        // The challenge runs before the request-localization middleware: the reader's language is asked for here.
        var problem = Problems.Create(status, [refusal], culture: await ReaderCulture.OfAsync(response.HttpContext));
        await response.WriteAsync(JsonSerializer.Serialize(problem, JsonSerializerOptions.Web));
    }
}
