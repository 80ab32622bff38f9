using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Applications;

/// <summary>A per-client-IP allowance: so many requests per fixed window, 429 with Retry-After beyond.</summary>
public class ClientRateLimitOptions
{
    /// <summary>Requests one client IP may make per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// <c>ServiceHall:ApplicantRateLimit</c>: the allowance on the anonymous applicant endpoints (code sending,
/// submission). The per-phone limits in the verification grain stop guessing one phone's code; this stops one client
/// from spreading requests over many phones or sending large bodies without end.
/// </summary>
public sealed class ApplicantRateLimitOptions : ClientRateLimitOptions
{
    public const string SectionName = "ServiceHall:ApplicantRateLimit";

    public const string PolicyName = "applicant";
}

/// <summary>
/// <c>ServiceHall:AnonymousActionRateLimit</c>: the allowance on the other anonymous commands, booking, cancelling
/// and rescheduling an appointment by code and resubmitting online. They need no code by SMS, so nothing else stops
/// one client from filling a day's slots or sending scans without end. Signed-in staff (a clerk booking for someone
/// at the counter) are not counted: they are accountable by name, and a busy counter shares the hall's address.
/// </summary>
public sealed class AnonymousActionRateLimitOptions : ClientRateLimitOptions
{
    public const string SectionName = "ServiceHall:AnonymousActionRateLimit";

    public const string PolicyName = "anonymous-action";
}

public static class ApplicantRateLimiting
{
    public static IServiceCollection AddApplicantRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var applicant = configuration.GetSection(ApplicantRateLimitOptions.SectionName).Get<ApplicantRateLimitOptions>() ?? new();
        var anonymous = configuration.GetSection(AnonymousActionRateLimitOptions.SectionName).Get<AnonymousActionRateLimitOptions>() ?? new();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(ApplicantRateLimitOptions.PolicyName, context => PerClient(context, applicant));
            options.AddPolicy(AnonymousActionRateLimitOptions.PolicyName, context => context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("staff")
                : PerClient(context, anonymous));
            options.OnRejected = async (context, cancellationToken) =>
            {
                // A fixed window always says when it reopens; the longest window is only a fallback.
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(Math.Max(applicant.Window.TotalSeconds, anonymous.Window.TotalSeconds)));
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Result(StatusCodes.Status429TooManyRequests, FieldError.Of("client", ErrorCodes.RateTooMany,
                    $"Too many requests from this address; retry after {seconds} s.", ("seconds", seconds))).ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, ClientRateLimitOptions limits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            AnonymousClientLimiter.AddressOf(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
}
