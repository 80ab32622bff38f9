namespace ServiceHall.Grains.Cases.Sla;

/// <summary>
/// Wakes the open cases whose statutory clock has reached a threshold: one per service (key <see cref="Key"/>), ticked
/// once a minute by its one reminder, instead of a reminder per open case.
/// </summary>
[Alias("ServiceHall.Grains.Cases.Sla.ISlaSweepGrain")]
public interface ISlaSweepGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers the sweep's reminder unless it is; true when this call registered it. Every silo calls it at start.</summary>
    [Alias("StartAsync")]
    Task<bool> StartAsync();

    /// <summary>Wakes every case due on the ServiceHall clock now (what the reminder does); how many were woken.</summary>
    [Alias("SweepAsync")]
    Task<int> SweepAsync();
}
