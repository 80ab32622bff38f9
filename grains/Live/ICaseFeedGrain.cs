namespace ServiceHall.Grains.Live;

/// <summary>
/// Fans case changes out to one observer per silo (key <see cref="Key"/>). Observers re-subscribe every few seconds;
/// one that stops doing so expires, and one whose silo the cluster declares dead is dropped at once. Nothing is
/// stored: a push is a hint, the case is the truth.
/// </summary>
[Alias("ServiceHall.Grains.Live.ICaseFeedGrain")]
public interface ICaseFeedGrain : IGrainWithStringKey
{
    public const string Key = "case-feed";

    /// <summary>An observer outside any silo (an external client): only the expiry ends its subscription.</summary>
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(ICaseChangeObserver observer);

    /// <summary>A silo's relay: dropped as soon as the cluster declares <paramref name="silo"/> dead.</summary>
    [Alias("SubscribeFromSiloAsync")]
    Task SubscribeFromSiloAsync(ICaseChangeObserver observer, SiloAddress silo);

    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(ICaseChangeObserver observer);

    [Orleans.Concurrency.OneWay]
    [Alias("PublishAsync")]
    Task PublishAsync(CaseChanged change);
}
