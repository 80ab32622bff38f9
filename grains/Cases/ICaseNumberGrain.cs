namespace ServiceHall.Grains.Cases;

/// <summary>
/// Hands out the day's case numbers for one hall (key: <c>numbers-{hall}-{yyyyMMdd}</c>): strictly increasing, never
/// issued twice, even across restarts. Numbers are reserved durably in blocks; a graceful deactivation leaves no gap,
/// only a crash can skip the unused rest of a block.
/// </summary>
[Alias("ServiceHall.Grains.Cases.ICaseNumberGrain")]
public interface ICaseNumberGrain : IGrainWithStringKey
{
    [Alias("NextAsync")]
    Task<long> NextAsync();
}
