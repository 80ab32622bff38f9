namespace ServiceHall.Grains.Live;

/// <summary>
/// Fans case changes out to one observer per silo (key <see cref="Key"/>). Observers re-subscribe every few seconds;
/// one that stops doing so (its silo died) expires. Nothing is stored: a push is a hint, the case is the truth.
/// </summary>
[Alias("ServiceHall.Grains.Live.ICaseFeedGrain")]
public interface ICaseFeedGrain : IGrainWithStringKey
{
    public const string Key = "case-feed";

    [Alias("SubscribeAsync")]
    Task SubscribeAsync(ICaseChangeObserver observer);

    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(ICaseChangeObserver observer);

    [Orleans.Concurrency.OneWay]
    [Alias("PublishAsync")]
    Task PublishAsync(CaseChanged change);
}
