using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Api.Health;

/// <summary>Healthy while the durable store answers a trivial query within the probe's time budget (<c>/health/storage</c>, not readiness).</summary>
/// <remarks>
/// The answer is public, so it says only which kind of store it is and whether it answered: the database host, file path
/// and the driver's message (which may name host, user or database) stay in the log at most, never in the response.
/// </remarks>
internal sealed class StorageHealthCheck(IStorageProbe storage, ILogger<StorageHealthCheck> logger) : IHealthCheck
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
            // The exception type is enough to tell a timeout from a refusal; its message may carry connection details.
            logger.LogWarning("Storage probe failed: {ExceptionType}", exception.GetType().Name);
            return HealthCheckResult.Unhealthy($"{storage.Describe()} is unreachable ({Reason(exception)}).");
        }
    }

    private static string Reason(Exception exception) => exception is OperationCanceledException or TimeoutException
        ? "no answer within the probe's time"
        : "the connection or query failed";
}
