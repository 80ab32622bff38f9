using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Live;

namespace ServiceHall.Api.Live;

/// <summary>
/// This silo's ear on the case feed: one observer, kept subscribed by re-subscribing every few seconds (the feed
/// forgets observers that stop), forwarding each change to the SignalR groups it concerns on this silo.
/// </summary>
internal sealed class CaseFeedRelay(IGrainFactory grains, IHubContext<CasesHub> hub, ILogger<CaseFeedRelay> logger)
    : BackgroundService, ICaseChangeObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Queues the change on every connection of its groups and returns without waiting for the slowest socket. Orleans
    /// hands this observer one change at a time (the next waits for this method's task), so awaiting the group send
    /// would let one client that stopped reading hold back every board on the silo. Each connection still gets its
    /// pushes in order: SignalR queues writes per connection behind one lock.
    /// </summary>
    public Task OnCaseChanged(CaseChanged change)
    {
        var sending = hub.Clients.Groups([.. LiveGroups.BoardsFor(change), LiveGroups.Case(change.Id)])
            .SendAsync(CasesHub.CaseChangedMethod, change.ToClient());
        if (!sending.IsCompleted)
        {
            _ = sending.ContinueWith(
                (task, state) => ((ILogger)state!).LogDebug(task.Exception, "A live push did not reach every connection"),
                logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        else if (sending.IsFaulted)
        {
            logger.LogDebug(sending.Exception, "A live push did not reach every connection");
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Held for the relay's lifetime: Orleans keeps only a weak reference to observer objects.
        var self = grains.CreateObjectReference<ICaseChangeObserver>(this);
        var feed = grains.GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Renewal;
            try
            {
                await feed.SubscribeAsync(self);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may still be starting, or the feed's silo just died; try again soon.
                logger.LogDebug(exception, "Case feed subscription failed; retrying");
                wait = TimeSpan.FromSeconds(1);
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        try
        {
            await feed.UnsubscribeAsync(self);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Case feed unsubscription failed during shutdown");
        }
    }
}
