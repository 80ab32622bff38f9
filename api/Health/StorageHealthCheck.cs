using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Api.Health;

/// <summary>Healthy while the durable store answers a trivial query within the probe's time budget (<c>/health/storage</c>, not readiness).</summary>
internal sealed class StorageHealthCheck(IStorageProbe storage) : IHealthCheck
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            await storage.CheckAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{storage.Describe()} is reachable.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{storage.Describe()} is unreachable: {exception.Message}");
        }
    }
}
