using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ServiceHall.Api.Resilience;

/// <summary>
/// The hub's methods only read (join a board, watch a case), so a passing grain failure is retried within the same
/// bounds as HTTP requests; after that the client sees the error and its reconnect logic takes over.
/// </summary>
internal sealed class TransientFailureHubFilter(IOptions<ResilienceOptions> options) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(invocationContext);
            }
            catch (Exception exception) when (attempt < settings.MaxAttempts
                && TransientFailures.Classify(exception) != TransientFailure.None
                && !invocationContext.Context.ConnectionAborted.IsCancellationRequested)
            {
                await Task.Delay(settings.FirstDelay * Math.Pow(2, attempt - 1), invocationContext.Context.ConnectionAborted);
            }
        }
    }
}
