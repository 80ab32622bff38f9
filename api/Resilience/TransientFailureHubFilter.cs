using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ServiceHall.Api.Resilience;

/// <summary>
/// The hub's methods only read (join a board, watch a case), so a passing grain failure is retried within the same
/// bounds as HTTP requests; after that the client sees the error and its reconnect logic takes over.
/// </summary>
internal sealed class TransientFailureHubFilter(IOptions<ResilienceOptions> options, TimeProvider time) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(invocationContext);
            }
            catch (Exception exception) when (TransientFailures.Classify(exception) != TransientFailure.None
                && !invocationContext.Context.ConnectionAborted.IsCancellationRequested
                && RetryPacing.NextDelay(settings, attempt, time.GetElapsedTime(started), Random.Shared) is { } delay)
            {
                await Task.Delay(delay, time, invocationContext.Context.ConnectionAborted);
            }
        }
    }
}
