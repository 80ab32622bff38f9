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

    public Task OnCaseChanged(CaseChanged change) =>
        hub.Clients.Groups([.. LiveGroups.BoardsFor(change), LiveGroups.Case(change.Id)])
            .SendAsync(CasesHub.CaseChangedMethod, change.ToClient());

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
