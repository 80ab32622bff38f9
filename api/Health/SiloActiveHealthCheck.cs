using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ServiceHall.Api.Health;

/// <summary>Ready only while the co-hosted silo is an active cluster member (not joining, not shutting down).</summary>
internal sealed class SiloActiveHealthCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = silo.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active.")
            : HealthCheckResult.Unhealthy($"The silo is {status}."));
    }
}
