using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Http;

namespace ServiceHall.Api.Applications;

/// <summary>
/// <c>ServiceHall:ApplicantRateLimit</c>: a per-client-IP allowance on the anonymous applicant endpoints (code
/// sending, submission). The per-phone limits in the verification grain stop guessing one phone's code; this stops
/// one client from spreading requests over many phones or sending large bodies without end.
/// </summary>
public sealed class ApplicantRateLimitOptions
{
    public const string SectionName = "ServiceHall:ApplicantRateLimit";

    public const string PolicyName = "applicant";

    /// <summary>Requests one client IP may make per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class ApplicantRateLimiting
{
    public static IServiceCollection AddApplicantRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(ApplicantRateLimitOptions.SectionName).Get<ApplicantRateLimitOptions>() ?? new();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(ApplicantRateLimitOptions.PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(limits.Window.TotalSeconds));
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Result(StatusCodes.Status429TooManyRequests, "client",
                    $"Too many requests from this address; retry after {seconds} s.").ExecuteAsync(context.HttpContext);
            };
        });
    }
}
