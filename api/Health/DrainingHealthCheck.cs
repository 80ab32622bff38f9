using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceHall.Api.Health;

/// <summary>Not ready once shutdown began, so the load balancer stops sending new requests while in-flight ones finish.</summary>
internal sealed class DrainingHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("Shutting down: draining in-flight requests.")
            : HealthCheckResult.Healthy("Accepting requests."));
}
