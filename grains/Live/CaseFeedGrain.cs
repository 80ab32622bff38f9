using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ServiceHall.Grains.Live;

[GrainType("case-feed")]
internal sealed class CaseFeedGrain(ILogger<CaseFeedGrain> logger) : Grain, ICaseFeedGrain
{
    // Relays re-subscribe every few seconds; three missed rounds and the silo is taken for gone.
    private readonly ObserverManager<ICaseChangeObserver> _observers = new(TimeSpan.FromSeconds(30), logger);

    Task ICaseFeedGrain.SubscribeAsync(ICaseChangeObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    Task ICaseFeedGrain.UnsubscribeAsync(ICaseChangeObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    Task ICaseFeedGrain.PublishAsync(CaseChanged change)
    {
        _observers.Notify(observer => observer.OnCaseChanged(change));
        return Task.CompletedTask;
    }
}
