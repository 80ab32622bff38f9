namespace ServiceHall.Grains.Cases;

/// <summary>Hands out the day's case numbers for one hall (key: <c>numbers-{hall}-{yyyyMMdd}</c>), durably and without gaps.</summary>
[Alias("ServiceHall.Grains.Cases.ICaseNumberGrain")]
public interface ICaseNumberGrain : IGrainWithStringKey
{
    [Alias("NextAsync")]
    Task<long> NextAsync();
}
