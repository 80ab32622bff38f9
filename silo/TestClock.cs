using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;

namespace ServiceHall.Silo;

/// <summary>
/// A hand-moved ServiceHall clock for end-to-end tests of time limits over HTTP (a silo process cannot share a
/// fake clock object with its test). Off unless <c>ServiceHall:TestClock:Start</c> is set; then the clock starts
/// there, moves only when an admin posts to <c>/api/test-clock/advance</c>, and Orleans keeps its own real clock.
/// </summary>
internal static class TestClock
{
    public const string StartKey = "ServiceHall:TestClock:Start";

    public static WebApplicationBuilder AddServiceHallTestClock(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[StartKey] is { Length: > 0 } start)
        {
            // Each silo would keep its own hand-moved clock, so a cluster would disagree about every due date.
            if (string.Equals(builder.Configuration["ServiceHall:Storage:Mode"], "Postgres", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{StartKey} is for single-silo tests in embedded mode; remove it in PostgreSQL mode.");
            }

            var clock = new ManualClock(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture));
            builder.Services.AddSingleton(clock);
            builder.Services.AddServiceHallClock(clock);

            // Staff tokens are stamped with the ServiceHall clock; check them against the same clock, not the wall.
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                        && (expires is null || expires.Value >= now - parameters.ClockSkew);
                });
        }

        return builder;
    }

    public static WebApplication MapServiceHallTestClock(this WebApplication app)
    {
        if (app.Services.GetService<ManualClock>() is not { } clock)
        {
            return app;
        }

        app.MapPost("/api/test-clock/advance", (HttpContext context, AdvanceRequest request) =>
        {
            if (context.User.ToActor().Role != StaffRoles.Admin)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only an admin moves the test clock.");
            }

            if (request.Seconds is not > 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "seconds must be positive.",
                    extensions: new Dictionary<string, object?> { ["field"] = "seconds" });
            }

            clock.Advance(TimeSpan.FromSeconds(request.Seconds.Value));
            return Results.Ok(new { now = clock.GetUtcNow() });
        }).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    public sealed record AdvanceRequest(double? Seconds);

    internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _now = start.ToUniversalTime();

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public void Advance(TimeSpan by)
        {
            lock (_lock)
            {
                _now += by;
            }
        }
    }
}
