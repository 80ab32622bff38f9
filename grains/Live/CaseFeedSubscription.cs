using Microsoft.Extensions.Logging;

namespace ServiceHall.Grains.Live;

/// <summary>
/// Keeps one silo-side observer on the case feed: the feed forgets observers that stop renewing (that is how a dead
/// silo's observer goes away), so a live one renews every <see cref="Renewal"/> and retries quickly after a failure.
/// </summary>
public static class CaseFeedSubscription
{
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> fires; then unsubscribes when <paramref name="unsubscribeOnStop"/>.
    /// A relay inside a silo names its <paramref name="silo"/>, so the feed drops it the moment that silo is declared dead.
    /// </summary>
    public static async Task KeepSubscribedAsync(IGrainFactory grains, ICaseChangeObserver observer, ILogger logger,
        bool unsubscribeOnStop, CancellationToken stoppingToken, SiloAddress? silo = null)
    {
        // Held for the whole loop: Orleans keeps only a weak reference to observer objects.
        var self = grains.CreateObjectReference<ICaseChangeObserver>(observer);
        var feed = grains.GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Renewal;
            try
            {
                await (silo is null ? feed.SubscribeAsync(self) : feed.SubscribeFromSiloAsync(self, silo));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may still be starting, or the feed's silo just died.
                logger.LogDebug(exception, "Case feed subscription failed; retrying");
                wait = RetryAfterFailure;
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

        if (!unsubscribeOnStop)
        {
            return;
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
