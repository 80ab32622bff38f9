using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceHall.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependencies, so a slow database never gets a pod restarted).
/// <c>/health/ready</c>: the silo is an active cluster member and not draining, so a load balancer may send traffic
/// here. Storage is deliberately not part of it: while PostgreSQL is down every silo would turn unready at once, the
/// Service would have no endpoints, and clients would meet connection failures instead of the silo's own 503 with
/// Retry-After; readiness would also hold the silos back when the database comes back. <c>/health/storage</c> reports
/// the database alone, for monitoring and alerts. Probes come from the kubelet and monitoring, so no rate limit may
/// fail them; and since anyone can call them, no answer names a host, user, path or connection detail.
/// </summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    private const string StorageTag = "storage";

    public static IServiceCollection AddServiceHallHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<DrainingHealthCheck>("shutdown", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [StorageTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteJson,
        }).WithTags("Operations").DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJson,
        }).WithTags("Operations").DisableRateLimiting();
        endpoints.MapHealthChecks("/health/storage", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(StorageTag),
            ResponseWriter = WriteJson,
        }).WithTags("Operations").DisableRateLimiting();
        return endpoints;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
