using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ServiceHall.Grains.Live;

[GrainType("case-feed")]
internal sealed class CaseFeedGrain(ILogger<CaseFeedGrain> logger, IClusterMembershipService membership) : Grain, ICaseFeedGrain
{
    // Relays re-subscribe every few seconds; three missed rounds and the silo is taken for gone.
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly ObserverManager<ICaseChangeObserver> _observers = new(Expiry, logger);

    // Each silo relay's silo. Pushes are one-way: one to a dead silo's relay cannot fail here, it only makes the
    // sending silo log "Discarding rejection of message" — once per push, until the expiry. So the feed stops
    // pushing as soon as membership declares the silo dead instead.
    private readonly Dictionary<ICaseChangeObserver, (SiloAddress Silo, DateTime LastSeen)> _relaySilos = [];
    private MembershipVersion _checkedAt = MembershipVersion.MinValue;

    Task ICaseFeedGrain.SubscribeAsync(ICaseChangeObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    Task ICaseFeedGrain.SubscribeFromSiloAsync(ICaseChangeObserver observer, SiloAddress silo)
    {
        _observers.Subscribe(observer, observer);
        if (!_relaySilos.ContainsKey(observer))
        {
            logger.LogInformation("Live pushes go to the relay of silo {Silo} too", silo);
        }

        // The same clock as ObserverManager's expiry, so both forget a silent relay together.
        _relaySilos[observer] = (silo, DateTime.UtcNow);

        return Task.CompletedTask;
    }

    Task ICaseFeedGrain.UnsubscribeAsync(ICaseChangeObserver observer)
    {
        _observers.Unsubscribe(observer);
        _relaySilos.Remove(observer);
        return Task.CompletedTask;
    }

    Task ICaseFeedGrain.PublishAsync(CaseChanged change)
    {
        DropRelaysOfDeadSilos();
        _observers.Notify(observer => observer.OnCaseChanged(change));
        return Task.CompletedTask;
    }

    /// <summary>Looks again only when membership changed, so a push costs one version comparison.</summary>
    private void DropRelaysOfDeadSilos()
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version == _checkedAt)
        {
            return;
        }

        _checkedAt = snapshot.Version;
        foreach (var (observer, (silo, lastSeen)) in _relaySilos.ToList())
        {
            if (DateTime.UtcNow - lastSeen > Expiry)
            {
                // Expired in the observer manager too; forget its silo.
                _relaySilos.Remove(observer);
            }
            else if (snapshot.GetSiloStatus(silo) == SiloStatus.Dead)
            {
                _observers.Unsubscribe(observer);
                _relaySilos.Remove(observer);
                logger.LogInformation("Stopped live pushes to the relay of dead silo {Silo}", silo);
            }
        }
    }
}
