using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using ServiceHall.Grains.Live;

namespace ServiceHall.Benchmarks.Fanout;

/// <summary>
/// The product's relay shape (api/Live/CaseFeedRelay.cs) minus SignalR: one observer per silo on the real
/// <see cref="ICaseFeedGrain"/>, re-subscribing every 10 s, recording each change it hears. It does not unsubscribe on
/// shutdown, so a killed silo leaves its observer behind as a crashed one would.
/// </summary>
internal sealed class ObserverRelay(IGrainFactory grains, ILocalSiloDetails silo, FanoutRecorder recorder, ILogger<ObserverRelay> logger)
    : BackgroundService, ICaseChangeObserver
{
    public Task OnCaseChanged(CaseChanged change)
    {
        recorder.Record(silo.Name, change.Version);
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        CaseFeedSubscription.KeepSubscribedAsync(grains, this, logger, unsubscribeOnStop: false, stoppingToken);
}

/// <summary>
/// One explicit stream subscription per silo, made from silo code outside any grain (Orleans binds it to the silo's
/// hosted client), as a relay would. Streams keep subscriptions in pub-sub state, so it subscribes once.
/// </summary>
internal sealed class StreamRelay(IClusterClient client, ILocalSiloDetails silo, FanoutRecorder recorder, ILogger<StreamRelay> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stream = client.GetStreamProvider(FanoutStreams.Provider).GetStream<CaseChanged>(FanoutStreams.Id);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.SubscribeAsync((change, _) =>
                {
                    recorder.Record(silo.Name, change.Version);
                    return Task.CompletedTask;
                });
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(exception, "Stream subscription failed; retrying");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
